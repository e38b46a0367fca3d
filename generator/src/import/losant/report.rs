//! What an import did besides writing files: the fixes it applied, what it could not express,
//! and where each came from (a source file and a JSON pointer or line in it).

use std::fmt;

/// A place in the source folder: a file (relative to the folder, `/`-separated) and a JSON
/// pointer (`/properties/items`) or a docs-page line (`line 12`) in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    /// The source file, relative to the imported folder (`schemas/orgInvites.json`).
    pub file: String,
    /// Where in it: a JSON pointer (empty for the whole document) or `line N`.
    pub at: String,
}

impl Loc {
    /// The whole of `file`.
    pub fn file(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            at: String::new(),
        }
    }

    /// The value at JSON pointer `pointer` in `file`.
    pub fn pointer(file: impl Into<String>, pointer: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            at: pointer.into(),
        }
    }

    /// A child of this JSON location: `key` is escaped as RFC 6901 says (`~0`, `~1`).
    pub fn child(&self, key: &str) -> Self {
        Self {
            file: self.file.clone(),
            at: format!("{}/{}", self.at, key.replace('~', "~0").replace('/', "~1")),
        }
    }

    /// The `index`th item of this JSON array.
    pub fn index(&self, index: usize) -> Self {
        self.child(&index.to_string())
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.file)
        } else if self.at.starts_with('/') {
            write!(f, "{}#{}", self.file, self.at)
        } else {
            write!(f, "{}:{}", self.file, self.at.trim_start_matches("line "))
        }
    }
}

/// One line of the import report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ReportLine {
    /// Where in the source.
    pub at: Loc,
    /// What happened.
    pub message: String,
}

impl fmt::Display for ReportLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// A named fix applied at one place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AppliedFix {
    /// The fix's name (`joi-min-max`).
    pub name: &'static str,
    /// Where in the source.
    pub at: Loc,
    /// What was changed there.
    pub detail: String,
}

impl fmt::Display for AppliedFix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: fix ({}): {}", self.at, self.name, self.detail)
    }
}

/// Everything the import noticed, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The named fixes applied, one entry per place.
    pub fixes: Vec<AppliedFix>,
    /// What the source says that the spec format could not say. Empty for the current Losant
    /// release; a new release may add lines here, each naming the source and pointer.
    pub unexpressed: Vec<ReportLine>,
}

impl Report {
    /// Records that `what` at `at` could not be expressed.
    pub fn unexpressed(&mut self, at: &Loc, what: impl Into<String>) {
        self.unexpressed.push(ReportLine {
            at: at.clone(),
            message: what.into(),
        });
    }

    /// Records a fix.
    pub fn fixed(&mut self, name: &'static str, at: &Loc, detail: impl Into<String>) {
        self.fixes.push(AppliedFix {
            name,
            at: at.clone(),
            detail: detail.into(),
        });
    }

    /// Sorts both lists, so that the report reads the same whatever order the work ran in.
    pub fn sort(&mut self) {
        self.fixes.sort();
        self.unexpressed.sort();
    }
}
