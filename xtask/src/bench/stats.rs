//! Small statistics and formatting helpers shared by the benchmark sections.

use std::collections::HashMap;
use std::time::Duration;

/// The median of `samples` (the mean of the two middle ones for an even count); zero when
/// there are none.
pub fn median(samples: &[Duration]) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

/// A duration for a table: `850 µs`, `12.3 ms`, `4.56 s`.
pub fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 10.0 {
        format!("{secs:.1} s")
    } else if secs >= 1.0 {
        format!("{secs:.2} s")
    } else if secs >= 0.01 {
        format!("{:.1} ms", secs * 1e3)
    } else if secs >= 0.001 {
        format!("{:.2} ms", secs * 1e3)
    } else {
        format!("{:.0} µs", secs * 1e6)
    }
}

/// A count with thousands separators: `10,000`.
pub fn fmt_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Kibibytes as mebibytes for a table: `12.3 MiB`.
pub fn fmt_kib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// Kibibytes for a table, in GiB from 1 GiB on: `812.4 MiB`, `2.31 GiB`.
pub fn fmt_memory(kib: u64) -> String {
    if kib >= 1024 * 1024 {
        format!("{:.2} GiB", kib as f64 / (1024.0 * 1024.0))
    } else {
        fmt_kib(kib)
    }
}

/// The `key=value` fields of the first line of `output` that starts with `prefix` and a
/// space; the machine-readable line each benchmark child prints.
pub fn parse_fields(output: &str, prefix: &str) -> Option<HashMap<String, String>> {
    let line = output
        .lines()
        .find_map(|l| l.strip_prefix(prefix)?.strip_prefix(' '))?;
    Some(
        line.split_whitespace()
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    )
}

/// Reads a numeric field of a parsed line, with an error naming what is missing.
pub fn field<T: std::str::FromStr>(
    fields: &HashMap<String, String>,
    key: &str,
) -> Result<T, String> {
    let text = fields
        .get(key)
        .ok_or_else(|| format!("the benchmark output has no `{key}` field"))?;
    text.parse()
        .map_err(|_| format!("the benchmark output's `{key}` is not a number: `{text}`"))
}

/// Nanoseconds from a parsed line as a duration.
pub fn field_ns(fields: &HashMap<String, String>, key: &str) -> Result<Duration, String> {
    field::<u64>(fields, key).map(Duration::from_nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty() {
        let ms = Duration::from_millis;
        assert_eq!(median(&[ms(3), ms(1), ms(2)]), ms(2));
        assert_eq!(
            median(&[ms(4), ms(1), ms(2), ms(3)]),
            Duration::from_micros(2500)
        );
        assert_eq!(median(&[]), Duration::ZERO);
    }

    #[test]
    fn formats() {
        assert_eq!(fmt_count(10_000), "10,000");
        assert_eq!(fmt_count(999), "999");
        assert_eq!(fmt_duration(Duration::from_micros(850)), "850 µs");
        assert_eq!(fmt_duration(Duration::from_micros(12_340)), "12.3 ms");
        assert_eq!(fmt_duration(Duration::from_millis(4_560)), "4.56 s");
        assert_eq!(fmt_memory(812 * 1024), "812.0 MiB");
        assert_eq!(fmt_memory(3 * 1024 * 1024 + 300 * 1024), "3.29 GiB");
    }

    #[test]
    fn parses_the_machine_readable_line() {
        let out = "noise\nbench-child a=1 b=x\nbench-child a=2\n";
        let fields = parse_fields(out, "bench-child").unwrap();
        assert_eq!(field::<u32>(&fields, "a"), Ok(1));
        assert!(field::<u32>(&fields, "b").is_err());
        assert!(field::<u32>(&fields, "c").is_err());
        assert!(parse_fields(out, "other").is_none());
        assert!(parse_fields("bench-childish a=1", "bench-child").is_none());
    }
}
