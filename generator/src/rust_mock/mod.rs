//! The mock emitter: the IR (through the Rust client's plan, which names every type) to each
//! API's typed `mock` module, compiled behind the generated crate's `mock` feature.
//!
//! Generated code stays thin over the hand-written server in `templates/src/mock/`: per action
//! a marker type (named like the client's builder), a static description of the action for the
//! spec checks, the trait impls that type its responses (`returns`, `fails`, `returns_pages`,
//! `streams`), and one typed setter per input. Everything generic (matching, counting,
//! verification, pages, events) is written once in the template.
//!
//! Files: `src/<api>/mock/mod.rs` ([`api::api_file`]) and `src/<api>/mock/<resource>.rs`
//! ([`resource::resource_file`]).

pub mod api;
mod replies;
pub mod resource;
mod setters;
mod spec;
mod types;

#[cfg(test)]
mod tests {
    use crate::rust_client::plan;

    /// A spec whose parameters are named like the builder's own methods.
    const SPEC: &[(&str, &str)] = &[
        (
            "api.yaml",
            "api:\n  name: demo\n  title: Demo API\n  base_url: https://api.example.com\n  \
             auth: bearer\n  media_types:\n    request: application/json\n    success: \
             [application/json]\n    error: [application/json]\n",
        ),
        (
            "things.yaml",
            "resource:\n  name: things\n  title: Things\n  path: /things\n  actions:\n    - \
             name: list\n      summary: Lists things\n      method: GET\n      parameters:\n        \
             - {name: times, in: query, type: integer}\n        - {name: returns, in: query, \
             type: string}\n        - {name: returnsParam, in: query, type: string}\n        - \
             {name: matching, in: header, type: string}\n      responses:\n        200: \
             {model: thing, description: A thing}\n",
        ),
        (
            "models.yaml",
            "models:\n  thing:\n    type: object\n    properties:\n      name: {type: string}\n",
        ),
    ];

    #[test]
    fn setters_named_like_the_builders_methods_get_a_suffix() {
        let dir = tempfile::tempdir().expect("temp dir");
        let api = dir.path().join("specs/demo");
        std::fs::create_dir_all(&api).expect("spec folder");
        for (name, text) in SPEC {
            std::fs::write(api.join(name), text).expect("spec file");
        }
        let ir = crate::load_and_validate(&dir.path().join("specs"))
            .unwrap_or_else(|d| panic!("the spec is valid:\n{d}"));
        let plan = plan::plan(&ir).unwrap_or_else(|d| panic!("the plan works:\n{d}"));
        let api = &plan.apis[0];
        let tokens = super::resource::resource_file(api, &api.resources[0]);
        let text = crate::write::format_rust("", tokens).expect("valid Rust");
        let setters: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("pub fn "))
            .map(|l| l.split('(').next().unwrap_or_default())
            .collect();
        // `returns_param` is taken by the parameter of that name, so `returns` gets a number.
        assert_eq!(
            setters,
            [
                "list",
                "times_param",
                "returns_param2",
                "returns_param",
                "matching_param"
            ]
        );
    }
}
