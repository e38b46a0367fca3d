//! Patterns that parameter values are checked against before a request is sent.

/// A pattern a parameter must match, of the one shape the generator translates from the docs'
/// regular expressions: `^[<ranges>]{min,max}$` (also `+`, `*` and `{n}`). Generated as a
/// `static`, so checking a value needs no regex engine.
#[derive(Debug)]
pub struct Pattern {
    /// The regular expression as the docs write it, quoted in refusals.
    pub source: &'static str,
    /// The inclusive character ranges of the class, e.g. `('0', '9')`, `('a', 'f')`.
    pub ranges: &'static [(char, char)],
    /// The least number of characters.
    pub min: usize,
    /// The greatest number of characters (`usize::MAX` for `+` and `*`).
    pub max: usize,
}

impl Pattern {
    /// Whether `value` matches: its length in characters (not bytes) is within `min..=max` and
    /// every character is in one of the ranges.
    pub fn matches(&self, value: &str) -> bool {
        let mut count = 0usize;
        for c in value.chars() {
            if !self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) {
                return false;
            }
            count = count.saturating_add(1);
        }
        self.min <= count && count <= self.max
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    static OBJECT_ID: Pattern = Pattern {
        source: "^[A-Fa-f\\d]{24}$",
        ranges: &[('A', 'F'), ('a', 'f'), ('0', '9')],
        min: 24,
        max: 24,
    };

    static ANY_LETTERS: Pattern = Pattern {
        source: "^[a-zé]+$",
        ranges: &[('a', 'z'), ('é', 'é')],
        min: 1,
        max: usize::MAX,
    };

    #[test]
    fn accepts_values_of_the_class_and_length() {
        assert!(OBJECT_ID.matches("575ec7417ae143cd83dc4a96"));
        assert!(OBJECT_ID.matches("575EC7417AE143CD83DC4A96"));
        assert!(ANY_LETTERS.matches("é"));
    }

    #[test]
    fn rejects_other_characters_and_lengths() {
        assert!(!OBJECT_ID.matches("575ec7417ae143cd83dc4a9"));
        assert!(!OBJECT_ID.matches("575ec7417ae143cd83dc4a966"));
        assert!(!OBJECT_ID.matches("575ec7417ae143cd83dc4a9g"));
        assert!(!OBJECT_ID.matches("../../../../../../../etc"));
        assert!(!ANY_LETTERS.matches(""));
    }

    #[test]
    fn counts_characters_not_bytes() {
        let two_byte = "é".repeat(24);
        let pattern = Pattern {
            source: "^[é]{24}$",
            ranges: &[('é', 'é')],
            min: 24,
            max: 24,
        };
        assert!(pattern.matches(&two_byte));
    }
}
