//! Translates the regular expressions the client can check without a regex engine:
//! `^[ranges]{min,max}$` and the `+`, `*`, `{n}`, `{n,}` quantifiers. Anything else is kept as
//! documentation (the server checks it). The client stays free of the `regex` crate, whose
//! compile time would dominate the generated crate's.

/// A pattern the client checks: allowed character ranges (inclusive), fewest and most
/// characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CheckedPattern {
    /// The expression as written.
    pub source: String,
    /// Allowed character ranges, inclusive.
    pub ranges: Vec<(char, char)>,
    /// Fewest characters.
    pub min: usize,
    /// Most characters.
    pub max: usize,
}

/// The checkable form of `source`, or `None` when only the server can check it.
pub fn translate(source: &str) -> Option<CheckedPattern> {
    let (ranges, min, max) = parse(source)?;
    Some(CheckedPattern {
        source: source.to_owned(),
        ranges,
        min,
        max,
    })
}

/// Allowed character ranges, fewest and most characters. (A name for clippy's
/// `type_complexity`, which failed `cargo clippy -- -D warnings` on the tuple.)
type Shape = (Vec<(char, char)>, usize, usize);

fn parse(source: &str) -> Option<Shape> {
    let body = source.strip_prefix("^[")?.strip_suffix('$')?;
    let (class, quantifier) = body.split_once(']')?;
    let ranges = parse_class(class)?;
    let (min, max) = match quantifier {
        "+" => (1, usize::MAX),
        "*" => (0, usize::MAX),
        q => {
            let inner = q.strip_prefix('{')?.strip_suffix('}')?;
            match inner.split_once(',') {
                None => {
                    let n = inner.parse().ok()?;
                    (n, n)
                }
                Some((lo, "")) => (lo.parse().ok()?, usize::MAX),
                Some((lo, hi)) => (lo.parse().ok()?, hi.parse().ok()?),
            }
        }
    };
    (min <= max && !ranges.is_empty()).then_some((ranges, min, max))
}

fn parse_class(class: &str) -> Option<Vec<(char, char)>> {
    let mut ranges = Vec::new();
    let mut chars = class.chars().peekable();
    while let Some(c) = chars.next() {
        let start = match c {
            '\\' => match chars.next()? {
                'd' => {
                    ranges.push(('0', '9'));
                    continue;
                }
                'w' => {
                    ranges.extend([('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]);
                    continue;
                }
                e @ ('\\' | '-' | ']' | '[' | '.' | '^') => e,
                _ => return None,
            },
            '^' if ranges.is_empty() => return None, // negated classes are not supported
            '[' => return None,
            c => c,
        };
        if chars.peek() == Some(&'-') {
            chars.next();
            match chars.next() {
                Some(end) if end != '\\' && end >= start => ranges.push((start, end)),
                Some(_) => return None,
                None => {
                    ranges.push((start, start));
                    ranges.push(('-', '-'));
                }
            }
        } else {
            ranges.push((start, start));
        }
    }
    Some(ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_id() {
        let checked = translate(r"^[A-Fa-f\d]{24}$");
        let Some(CheckedPattern {
            ranges, min, max, ..
        }) = checked
        else {
            panic!("the hex id shape must be checkable");
        };
        assert_eq!(ranges, [('A', 'F'), ('a', 'f'), ('0', '9')]);
        assert_eq!((min, max), (24, 24));
    }

    #[test]
    fn other_shapes() {
        assert_eq!(translate("^[a-z]+$").map(|p| p.min), Some(1));
        assert_eq!(
            translate("^[a-z]{2,5}$").map(|p| (p.min, p.max)),
            Some((2, 5))
        );
        assert_eq!(translate(r"^([A-Fa-f\d]{24}|sandbox)$"), None);
        assert_eq!(translate("^[^a]+$"), None);
        assert_eq!(translate("^[z-a]+$"), None);
        assert_eq!(translate("^[a]{5,2}$"), None);
    }
}
