//! Synthetic specs for benchmarks: `cargo xtask synth --resources N --actions M --out DIR`.
//!
//! Writes a valid spec root, `DIR/synth/{api.yaml, resource_000.yaml…, models.yaml}`, holding
//! one API of `N` resources with `M` actions each. The shapes follow the checked-in specs:
//!
//! - every action has path parameters (the resource's `projectId`, and `itemId` on item
//!   actions), query and header parameters, scopes, a success model and two error statuses;
//! - the actions cycle through list (paginated), get, create, update, replace and delete; the
//!   create, update and replace actions (half of them) take a JSON body;
//! - each resource has four models (the item, a page of items, a create body, an update body)
//!   of about ten fields: nested inline objects, string and integer enums, arrays of objects
//!   via `ref`, optional and required fields, `date-time` strings, maps and a nullable field;
//!   seven shared models (owner, member, role, link, success, two problem shapes) complete them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The API folder (and module name) the synthetic spec uses.
pub const API_DIR: &str = "synth";

/// Most resources accepted: keeps the file names and the run time reasonable.
pub const MAX_RESOURCES: usize = 1_000;

/// Most actions per resource accepted: keeps each resource file well under the loader's
/// 4 MiB limit (an action takes about 1.5 KB of YAML).
pub const MAX_ACTIONS: usize = 1_000;

/// The size of a synthetic spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Number of resources (one file each).
    pub resources: usize,
    /// Number of actions per resource.
    pub actions: usize,
}

impl Size {
    /// A size, checked against the limits.
    pub fn new(resources: usize, actions: usize) -> Result<Self, String> {
        if !(1..=MAX_RESOURCES).contains(&resources) {
            return Err(format!(
                "--resources must be from 1 to {MAX_RESOURCES}, got {resources}"
            ));
        }
        if !(1..=MAX_ACTIONS).contains(&actions) {
            return Err(format!(
                "--actions must be from 1 to {MAX_ACTIONS} (actions per resource), got {actions}"
            ));
        }
        Ok(Self { resources, actions })
    }

    /// Total number of actions.
    pub fn total_actions(self) -> usize {
        self.resources * self.actions
    }
}

/// `cargo xtask synth --resources N --actions M --out DIR`.
pub fn command(args: &[String]) -> Result<(), String> {
    let mut resources = None;
    let mut actions = None;
    let mut out = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--resources" => resources = Some(parse_count("--resources", &value("--resources")?)?),
            "--actions" => actions = Some(parse_count("--actions", &value("--actions")?)?),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            other => return Err(format!("synth: unknown argument `{other}`")),
        }
    }
    let (Some(resources), Some(actions), Some(out)) = (resources, actions, out) else {
        return Err("usage: cargo xtask synth --resources N --actions M --out DIR".into());
    };
    let size = Size::new(resources, actions)?;
    let dir = write_spec(&out, size)?;
    println!(
        "wrote {} ({} resources x {} actions = {} actions); spec root: {}",
        dir.display(),
        size.resources,
        size.actions,
        size.total_actions(),
        out.display()
    );
    Ok(())
}

fn parse_count(flag: &str, text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("{flag} needs a whole number, got `{text}`"))
}

/// Writes the spec under `root/synth/`, replacing the files of an earlier synthetic spec
/// there (and nothing else), and returns the API folder.
pub fn write_spec(root: &Path, size: Size) -> Result<PathBuf, String> {
    let dir = root.join(API_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    remove_old_files(&dir)?;
    let write = |name: String, text: String| {
        let path = dir.join(&name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write("api.yaml".into(), api_yaml())?;
    write("models.yaml".into(), models_yaml(size.resources))?;
    for r in 0..size.resources {
        write(
            format!("resource_{r:03}.yaml"),
            resource_yaml(r, size.actions),
        )?;
    }
    Ok(dir)
}

/// Removes the files a previous run wrote, so that a smaller spec does not keep the extra
/// resources of a bigger one.
fn remove_old_files(dir: &Path) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name == "api.yaml"
            || name == "models.yaml"
            || (name.starts_with("resource_") && name.ends_with(".yaml"));
        if ours {
            std::fs::remove_file(entry.path())
                .map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

const HEADER: &str = "# yaml-language-server: $schema=../spec.schema.json\n\
                      # Synthetic spec written by `cargo xtask synth` for benchmarks.\n";

/// Names the resources cycle through (an index keeps them distinct).
const NOUNS: &[&str] = &[
    "device",
    "gateway",
    "sensor",
    "dashboard",
    "workflow",
    "webhook",
    "report",
    "alert",
    "invoice",
    "project",
    "dataset",
    "pipeline",
    "channel",
    "template",
    "policy",
    "endpoint",
];

fn resource_name(r: usize) -> String {
    format!("{}{r}", NOUNS[r % NOUNS.len()])
}

fn api_yaml() -> String {
    format!(
        "{HEADER}api:
  name: {API_DIR}
  title: Synthetic API
  description: >-
    A generated API of the same shape as the checked-in ones, used to benchmark the generator.
  base_url: https://api.example.com/v1
  auth: bearer
  headers:
    Accept-Version: ^2.0.0
  media_types:
    request: application/json
    success: [application/json]
    error: [application/problem+json]
  parameters:
    - name: tenant
      in: header
      type: string
      description: Tenant the request acts for
      example: acme
    - name: _expand
      in: query
      type: boolean
      description: Expand references in the response
"
    )
}

/// The kinds of action, cycled through in this order.
#[derive(Clone, Copy)]
enum Kind {
    List,
    Get,
    Create,
    Update,
    Replace,
    Delete,
}

const KINDS: [Kind; 6] = [
    Kind::List,
    Kind::Get,
    Kind::Create,
    Kind::Update,
    Kind::Replace,
    Kind::Delete,
];

impl Kind {
    fn verb(self) -> &'static str {
        match self {
            Kind::List => "list",
            Kind::Get => "get",
            Kind::Create => "create",
            Kind::Update => "update",
            Kind::Replace => "replace",
            Kind::Delete => "delete",
        }
    }

    fn method(self) -> &'static str {
        match self {
            Kind::List | Kind::Get => "GET",
            Kind::Create => "POST",
            Kind::Update => "PATCH",
            Kind::Replace => "PUT",
            Kind::Delete => "DELETE",
        }
    }

    /// Whether the path ends with `{itemId}`.
    fn on_item(self) -> bool {
        !matches!(self, Kind::List | Kind::Create)
    }
}

fn resource_yaml(r: usize, actions: usize) -> String {
    let name = resource_name(r);
    let mut out = String::with_capacity(actions * 1600 + 1024);
    let _ = write!(
        out,
        "{HEADER}resource:
  name: {name}
  title: {title}
  description: >-
    Details on the actions that can be performed on the {title} resource, including the expected
    parameters and the potential responses.
  path: /projects/{{projectId}}/{name}
  path_parameters:
    - name: projectId
      type: string
      required: true
      pattern: '^[A-Fa-f\\d]{{24}}$'
      description: ID of the project that owns the {title} items
      example: 575ed6e87ae143cd83dc4aa8
  actions:
",
        title = title_case(&name),
    );
    for j in 0..actions {
        action_yaml(&mut out, &name, j);
    }
    out
}

fn action_yaml(out: &mut String, res: &str, j: usize) {
    let kind = KINDS[j % KINDS.len()];
    let verb = kind.verb();
    let action = format!("{verb}Item{j}");
    let item_path = if kind.on_item() { "/{itemId}" } else { "" };
    let read = matches!(kind, Kind::List | Kind::Get);
    let _ = write!(
        out,
        "    - name: {action}
      summary: {summary} ({res}, variant {j})
      description: >-
        Performs `{verb}` on the {res} items of a project. Generated for benchmarks; the shape
        follows the checked-in specs.
      method: {method}
      path: /op{j}{item_path}
      scopes:
        - all.Project
{read_scope}        - {res}.*
        - {res}.{action}
      parameters:
",
        summary = summary(kind),
        method = kind.method(),
        read_scope = if read {
            "        - all.Project.read\n"
        } else {
            ""
        },
    );
    if kind.on_item() {
        out.push_str(
            "        - name: itemId
          in: path
          type: string
          required: true
          pattern: '^[A-Fa-f\\d]{24}$'
          description: ID of the item
          example: 575ec7417ae143cd83dc4a96
",
        );
    }
    out.push_str(query_params(kind));
    out.push_str(
        "        - name: X-Request-Id
          in: header
          type: string
          description: Identifies the request in the server's logs
          example: 3f1c9a
",
    );
    if let Some(model) = body_model(kind) {
        let _ = write!(
            out,
            "        - name: {res}
          in: body
          model: {res}{model}
          required: true
          description: The {res} fields to {verb}
"
        );
    }
    if matches!(kind, Kind::List) {
        out.push_str(
            "      pagination:
        page: page
        per_page: perPage
        items: items
        total: totalCount
",
        );
    }
    let (status, model, what) = match kind {
        Kind::List => (200, format!("{res}Page"), "A page of items"),
        Kind::Create => (201, res.to_owned(), "The created item"),
        Kind::Delete => (200, "success".to_owned(), "If the item was deleted"),
        Kind::Get | Kind::Update | Kind::Replace => (200, res.to_owned(), "The item"),
    };
    let _ = write!(
        out,
        "      responses:
        {status}: {{model: {model}, description: {what}}}
      errors:
        400: {{model: validationProblem, description: Error if malformed request}}
        404: {{model: problem, description: Error if the project or item was not found}}
"
    );
}

fn summary(kind: Kind) -> &'static str {
    match kind {
        Kind::List => "Returns the items of a project, one page at a time",
        Kind::Get => "Retrieves one item",
        Kind::Create => "Creates an item",
        Kind::Update => "Updates some fields of an item",
        Kind::Replace => "Replaces an item",
        Kind::Delete => "Deletes an item",
    }
}

fn body_model(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Create | Kind::Replace => Some("Post"),
        Kind::Update => Some("Patch"),
        Kind::List | Kind::Get | Kind::Delete => None,
    }
}

fn query_params(kind: Kind) -> &'static str {
    match kind {
        Kind::List => {
            "        - name: sortField
          in: query
          type: string
          description: Field to sort the results by
          enum: [name, status, id, creationDate, lastUpdated]
          default: name
          example: name
        - name: sortDirection
          in: query
          type: string
          description: Direction to sort the results by
          enum: [asc, desc]
          default: asc
        - name: page
          in: query
          type: integer
          description: Which page of results to return
          default: 0
        - name: perPage
          in: query
          type: integer
          description: How many items to return per page
          default: 100
        - name: filter
          in: query
          type: string
          description: Filter to apply against the item names
          example: my*item
        - name: since
          in: query
          type: string
          format: date-time
          description: Only items changed since this time
"
        }
        Kind::Get => {
            "        - name: fields
          in: query
          type: string
          description: Comma-separated list of fields to include
          example: id,name
"
        }
        Kind::Create | Kind::Replace | Kind::Update => {
            "        - name: dryRun
          in: query
          type: boolean
          description: Validate the request without applying it
          default: false
"
        }
        Kind::Delete => {
            "        - name: force
          in: query
          type: boolean
          description: Delete even when other items refer to this one
          default: false
"
        }
    }
}

fn title_case(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

fn models_yaml(resources: usize) -> String {
    let mut out = String::with_capacity(resources * 4000 + 4096);
    out.push_str(HEADER);
    out.push_str("models:\n");
    for r in 0..resources {
        resource_models(&mut out, &resource_name(r));
    }
    out.push_str(SHARED_MODELS);
    out
}

fn resource_models(out: &mut String, res: &str) {
    let title = title_case(res);
    let _ = write!(
        out,
        "  {res}:
    title: {title}
    description: Schema for a single {title} item
    type: object
    properties:
      id:
        type: string
        required: true
        read_only: true
        pattern: '^[A-Fa-f\\d]{{24}}$'
      name:
        type: string
        required: true
        min_length: 1
        max_length: 255
      description:
        type: string
        max_length: 32767
      status:
        type: string
        enum: [active, inactive, archived]
      level:
        type: integer
        enum: [1, 2, 3]
      creationDate:
        type: string
        format: date-time
        required: true
      lastUpdated:
        type: string
        format: date-time
      archivedAt:
        one_of:
          - {{type: string, format: date-time}}
          - {{type: 'null'}}
      owner:
        ref: owner
      members:
        type: array
        max_items: 100
        items:
          ref: member
      tags:
        type: array
        unique_items: true
        items:
          type: string
          max_length: 64
      settings:
        type: object
        properties:
          retries:
            type: integer
            minimum: 0
            maximum: 10
          timeoutMs:
            type: integer
            format: int64
          mode:
            type: string
            enum: [fast, safe, auto]
          notify:
            type: object
            properties:
              email:
                type: boolean
              webhookUrl:
                type: string
                format: uri
      attributes:
        type: map
        values: {{type: string}}
      stats:
        type: map
        values: {{type: number}}
      _links:
        type: map
        values: {{ref: link}}

  {res}Page:
    title: {title} Page
    description: Schema for a page of {title} items
    type: object
    properties:
      items:
        type: array
        required: true
        items:
          ref: {res}
      count:
        type: integer
      totalCount:
        type: integer
      page:
        type: integer
      perPage:
        type: integer
      sortField:
        type: string
      sortDirection:
        type: string
        enum: [asc, desc]

  {res}Post:
    title: {title} Post
    description: Schema for the body of a {title} creation request
    type: object
    properties:
      name:
        type: string
        required: true
        min_length: 1
        max_length: 255
      description:
        type: string
        max_length: 32767
      level:
        type: integer
        enum: [1, 2, 3]
      owner:
        ref: owner
      tags:
        type: array
        unique_items: true
        items:
          type: string
      settings:
        type: object
        properties:
          retries:
            type: integer
          mode:
            type: string
            enum: [fast, safe, auto]
      attributes:
        type: map
        values: {{type: string}}

  {res}Patch:
    title: {title} Patch
    description: Schema for the body of a {title} modification request
    type: object
    properties:
      name:
        type: string
        min_length: 1
        max_length: 255
      description:
        type: string
      status:
        type: string
        enum: [active, inactive, archived]
      tags:
        type: array
        items:
          type: string
      attributes:
        type: map
        values: {{type: string}}

"
    );
}

const SHARED_MODELS: &str = "  owner:
    description: Who owns an item
    type: object
    properties:
      id:
        type: string
        required: true
        pattern: '^[A-Fa-f\\d]{24}$'
      type:
        type: string
        required: true
        enum: [user, apiToken, flow]
      name:
        type: string

  member:
    description: A member of a project and the role they hold in it
    type: object
    properties:
      userId:
        type: string
        required: true
        pattern: '^[A-Fa-f\\d]{24}$'
      email:
        type: string
        format: email
      role:
        ref: role
        required: true
      joinedAt:
        type: string
        format: date-time

  role:
    description: Role in a project
    type: string
    enum: [admin, edit, view, none]

  link:
    description: A hyperlink
    type: object
    properties:
      href:
        type: string
        required: true
        format: uri
      method:
        type: string

  success:
    title: Success
    description: Schema for reporting a successful operation
    type: object
    properties:
      success:
        type: boolean
        required: true

  problem:
    title: Problem
    description: An RFC 7807 problem document
    type: object
    properties:
      type:
        type: string
      title:
        type: string
      status:
        type: integer
      detail:
        type: string
      instance:
        type: string

  validationProblem:
    title: Validation Problem
    description: A problem document that lists the invalid fields
    type: object
    properties:
      type:
        type: string
      title:
        type: string
      status:
        type: integer
      errors:
        type: array
        items:
          type: object
          properties:
            field:
              type: string
              required: true
            message:
              type: string
";

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_root(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-synth-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn small_spec_loads_and_validates() {
        let root = temp_root("small");
        let size = Size::new(3, 7).unwrap();
        write_spec(&root, size).unwrap();
        let ir = generator::load_and_validate(&root).unwrap_or_else(|d| panic!("{d}"));
        let api = &ir.apis[0];
        assert_eq!(api.name, API_DIR);
        assert_eq!(api.resources.len(), 3);
        let actions: usize = api.resources.iter().map(|r| r.actions.len()).sum();
        assert_eq!(actions, size.total_actions());
        assert!(
            api.resources[0]
                .actions
                .iter()
                .any(|a| a.pagination.is_some())
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn small_spec_generates_a_crate() {
        let root = temp_root("gen");
        write_spec(&root, Size::new(2, 6).unwrap()).unwrap();
        let files = generator::generate(&root, &crate::root().join("templates"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(files.iter().any(|f| f.path.ends_with("device0.rs")));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_smaller_spec_replaces_a_bigger_one() {
        let root = temp_root("shrink");
        write_spec(&root, Size::new(4, 1).unwrap()).unwrap();
        write_spec(&root, Size::new(2, 1).unwrap()).unwrap();
        let ir = generator::load_and_validate(&root).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(ir.apis[0].resources.len(), 2);
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn sizes_out_of_range_are_refused() {
        assert!(Size::new(0, 5).is_err());
        assert!(Size::new(5, 0).is_err());
        assert!(Size::new(MAX_RESOURCES + 1, 5).is_err());
        assert!(command(&["--resources".into(), "x".into()]).is_err());
        assert!(command(&["--bogus".into()]).is_err());
    }
}
