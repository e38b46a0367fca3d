//! Which file each part goes to, and the header every file starts with.
//!
//! One file per resource (`org.yaml`, `instance_api_tokens.yaml`: snake_case of the resource
//! name, as the hand-written specs named them) and one `models_<schema>.yaml` per published
//! schema, next to `api.yaml`. The loader reads only the `*.yaml` files directly in the API
//! folder, so the layout is flat; one file per schema keeps every file far below the loader's
//! size limit (the largest schemas are 200-400 kB of JSON) and makes `git diff specs/losant`
//! after a re-import name the schemas and resources that changed.

use heck::ToSnakeCase;

use crate::import::yaml_writer::{Node, render};

/// The file of the `api:` part.
pub const API_FILE: &str = "api.yaml";

/// The file of resource `name`.
pub fn resource_file(name: &str) -> String {
    format!("{}.yaml", name.to_snake_case())
}

/// The file of schema `name`.
pub fn models_file(name: &str) -> String {
    format!("models_{}.yaml", name.to_snake_case())
}

/// The text of a spec file imported from `sources` (paths in the published folder; none for
/// the `api:` file, whose settings the importer writes itself).
pub fn text(sources: &[&str], root: &Node) -> String {
    let from = if sources.is_empty() {
        "generator/src/import/losant/api.rs (the API-wide settings)".to_owned()
    } else {
        format!("{} of the published Losant API", sources.join(", "))
    };
    let lines = [
        "yaml-language-server: $schema=../spec.schema.json".to_owned(),
        format!("Imported by `cargo xtask import losant` from {from}."),
        "Do not edit by hand: change the importer (generator/src/import/losant/) and re-import."
            .to_owned(),
    ];
    let header: Vec<&str> = lines.iter().map(String::as_str).collect();
    render(&header, root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_hand_written_specs() {
        assert_eq!(
            resource_file("instanceApiTokens"),
            "instance_api_tokens.yaml"
        );
        assert_eq!(resource_file("org"), "org.yaml");
        assert_eq!(models_file("apiTokenPost"), "models_api_token_post.yaml");
    }

    #[test]
    fn every_file_starts_with_the_schema_line_and_the_do_not_edit_header() {
        let text = text(&["docs/org.md"], &Node::map());
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("# yaml-language-server: $schema=../spec.schema.json")
        );
        assert!(
            lines.next().is_some_and(
                |l| l.contains("cargo xtask import losant") && l.contains("docs/org.md")
            )
        );
        assert!(
            lines
                .next()
                .is_some_and(|l| l.contains("Do not edit by hand"))
        );
    }
}
