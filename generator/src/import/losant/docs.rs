//! Reads a resource's docs page (`docs/org.md`): its title, its description and, per action,
//! the summary and the scopes that allow it. The scope lists are only published here.

use super::report::Loc;
use super::source::ImportError;

/// The sentence that introduces an action's scope list.
const SCOPES_INTRO: &str = "at least one of the following scopes:";
/// The sentence of actions that need no token.
const NO_TOKEN: &str = "No api access token is required to call this action.";

/// One resource's page.
#[derive(Debug, Clone, PartialEq)]
pub struct DocPage {
    /// The page, relative to the imported folder (`docs/org.md`).
    pub file: String,
    /// The heading without its ` Actions` suffix (`Org`, `Instance Api Tokens`).
    pub title: String,
    /// The paragraph under the heading, on one line.
    pub description: String,
    /// The actions, in page order.
    pub actions: Vec<DocAction>,
}

/// One action's section.
#[derive(Debug, Clone, PartialEq)]
pub struct DocAction {
    /// The action name from the section's example call (`client.org.deviceCounts(params)`), or
    /// `None` when the example is missing.
    pub name: Option<String>,
    /// The section heading (`Device Counts`).
    pub heading: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// The paragraph under the heading.
    pub summary: String,
    /// What the Authentication part says.
    pub auth: DocAuth,
}

impl DocAction {
    /// Whether this section documents `action` (by the example call, else by the heading).
    pub fn documents(&self, action: &str) -> bool {
        match &self.name {
            Some(name) => name == action,
            None => {
                let squashed: String = self.heading.split_whitespace().collect();
                squashed.eq_ignore_ascii_case(action)
            }
        }
    }
}

/// What a section says about tokens.
#[derive(Debug, Clone, PartialEq)]
pub enum DocAuth {
    /// "The token must include at least one of the following scopes: a, b, or c."
    Scopes(Vec<String>),
    /// "No api access token is required to call this action."
    NoToken,
    /// No Authentication part.
    Missing,
    /// An Authentication part in another wording (kept for the report).
    Other(String),
}

/// Parses the page `file` with content `text`.
pub fn parse(file: &str, text: &str) -> Result<DocPage, ImportError> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(title) = lines
        .first()
        .and_then(|l| l.strip_prefix("# "))
        .map(|t| t.trim().trim_end_matches(" Actions").trim().to_owned())
    else {
        return Err(ImportError::Source {
            at: Loc::pointer(file, "line 1"),
            message: "a docs page starts with `# <Resource> Actions`".into(),
        });
    };
    let description = paragraph(lines.get(1..).unwrap_or_default());
    let mut actions = Vec::new();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("## "))
        .map(|(i, _)| i)
        .collect();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let section = lines.get(start..end).unwrap_or_default();
        actions.push(action(start + 1, section));
    }
    Ok(DocPage {
        file: file.to_owned(),
        title,
        description,
        actions,
    })
}

/// Reads one `## Heading` section (`line` is the heading's line number).
fn action(line: usize, section: &[&str]) -> DocAction {
    let heading = section
        .first()
        .map(|h| h.trim_start_matches('#').trim().to_owned())
        .unwrap_or_default();
    let body = section.get(1..).unwrap_or_default();
    DocAction {
        name: body.iter().find_map(|l| example_call(l)),
        heading,
        line,
        summary: paragraph(body),
        auth: auth(body),
    }
}

/// The first paragraph of `lines` (after leading blank lines), joined with spaces.
fn paragraph(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| l.trim())
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("```"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The action name in an example line such as `console.log(await client.org.get(params));`.
fn example_call(line: &str) -> Option<String> {
    let rest = line.split("client.").nth(1)?;
    let call = rest.split('(').next()?;
    let (_, action) = call.split_once('.')?;
    let ok = !action.is_empty()
        && action
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then(|| action.to_owned())
}

/// What the `#### Authentication` part of a section says.
fn auth(body: &[&str]) -> DocAuth {
    let Some(start) = body.iter().position(|l| l.trim() == "#### Authentication") else {
        return DocAuth::Missing;
    };
    let text = body
        .iter()
        .skip(start + 1)
        .take_while(|l| !l.starts_with("#### "))
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if text == NO_TOKEN {
        return DocAuth::NoToken;
    }
    match text.split_once(SCOPES_INTRO) {
        Some((_, list)) => {
            let scopes = scope_list(list);
            if scopes.is_empty() {
                DocAuth::Other(text)
            } else {
                DocAuth::Scopes(scopes)
            }
        }
        None => DocAuth::Other(text),
    }
}

/// `a, b, or c.` -> `[a, b, c]`, in the page's order.
fn scope_list(list: &str) -> Vec<String> {
    list.trim()
        .trim_end_matches('.')
        .split(',')
        .flat_map(|part| part.split(" or "))
        .map(|s| s.trim().trim_start_matches("or ").trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# Instance Api Tokens Actions

Details on the various actions that can be performed on the
Instance Api Tokens resource.

##### Contents

*   [Get](#get)

<br/>

## Get

Returns the API tokens for an instance

```javascript
try {
  console.log(await client.instanceApiTokens.get(params));
} catch (err) {}
```

#### Authentication
The client must be configured with a valid api access token to call this
action. The token must include at least one of the following scopes:
all.Instance, all.User.read, instanceApiTokens.*, or instanceApiTokens.get.

#### Available Parameters

## Authenticate

Hands out tokens.

#### Authentication
No api access token is required to call this action.

#### Available Parameters
";

    #[test]
    fn reads_title_description_and_scopes_in_page_order() {
        let page = parse("docs/instanceApiTokens.md", PAGE).expect("parses");
        assert_eq!(page.title, "Instance Api Tokens");
        assert_eq!(
            page.description,
            "Details on the various actions that can be performed on the Instance Api Tokens resource."
        );
        let [get, authenticate] = page.actions.as_slice() else {
            panic!("two actions: {:?}", page.actions);
        };
        assert_eq!(get.name.as_deref(), Some("get"));
        assert_eq!(get.summary, "Returns the API tokens for an instance");
        assert_eq!(
            get.auth,
            DocAuth::Scopes(vec![
                "all.Instance".into(),
                "all.User.read".into(),
                "instanceApiTokens.*".into(),
                "instanceApiTokens.get".into()
            ])
        );
        assert_eq!(authenticate.auth, DocAuth::NoToken);
        assert!(authenticate.name.is_none());
        assert!(authenticate.documents("authenticate"));
        assert_eq!(authenticate.line, 29);
    }

    #[test]
    fn a_page_without_heading_is_an_error_naming_the_file() {
        let err = parse("docs/x.md", "no heading").expect_err("refused");
        assert_eq!(
            err.to_string(),
            "docs/x.md:1: a docs page starts with `# <Resource> Actions`"
        );
    }

    #[test]
    fn one_and_two_scopes() {
        assert_eq!(scope_list("a.b."), vec!["a.b"]);
        assert_eq!(scope_list("a.b or c.d."), vec!["a.b", "c.d"]);
    }
}
