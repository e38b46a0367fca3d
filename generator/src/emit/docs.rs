//! Rustdoc text: spec prose made safe for rustdoc's lints (`-D warnings` in CI), and `#[doc]`
//! attributes from lines.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes, one per line, with a blank line between paragraphs.
pub fn doc_attrs<S: AsRef<str>>(paragraphs: &[S]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs
        .iter()
        .map(AsRef::as_ref)
        .filter(|p| !p.trim().is_empty())
    {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(
            p.trim_end()
                .lines()
                .map(|l| format!(" {l}").trim_end().to_owned()),
        );
    }
    quote! { #( #[doc = #lines] )* }
}

/// Prose from a spec, safe for rustdoc: outside code spans, brackets are escaped (they would
/// read as intra-doc links), `<`/`>` become entities (they would read as HTML tags) and bare
/// URLs are wrapped in `<…>`.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        let escaped = part
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('[', "\\[")
            .replace(']', "\\]");
        out.push_str(&wrap_urls(&escaped));
    }
    // An odd number of backticks leaves a code span open; close it so rustdoc does not warn.
    if text.matches('`').count() % 2 == 1 {
        out.push('`');
    }
    out
}

fn wrap_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut rest = text;
    while let Some(start) = ["http://", "https://"]
        .iter()
        .filter_map(|s| rest.find(s))
        .min()
    {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '\\'))
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':']);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &tail[url.len()..];
    }
    out.push_str(rest);
    out
}

/// Inline code: the value in backticks, with backticks inside replaced so the span stays one.
pub fn code(value: &str) -> String {
    if value.is_empty() {
        return "`\"\"`".into();
    }
    format!("`{}`", value.replace('`', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_rustdoc_safe() {
        assert_eq!(prose("see [RFC3986] <b>"), "see \\[RFC3986\\] &lt;b&gt;");
        assert_eq!(prose("at https://a.b/c. Next"), "at <https://a.b/c>. Next");
        assert_eq!(prose("`[keep]` [x]"), "`[keep]` \\[x\\]");
        assert_eq!(prose("odd ` tick"), "odd ` tick`");
    }
}
