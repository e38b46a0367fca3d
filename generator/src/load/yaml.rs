//! YAML text to a tree of nodes that remember where they were written.
//!
//! serde_yaml keeps no positions and stops at the first problem, so the loader builds its own
//! small tree from saphyr's event stream: every node knows its line and column, duplicate keys
//! are reported instead of silently overwritten, and the limits below keep a hostile file from
//! exhausting memory or the stack.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::diagnostics::Pos;

/// Deepest nesting of mappings and sequences accepted.
///
/// Fix (limits): this was 64, but deserializing nested schemas takes about 27 KiB of stack per
/// level in a debug build, so 61 nested `items` needed 1.7 MiB, at the edge of the 2 MiB that
/// `cargo test` gives each test thread. 32 levels use under 1 MiB; the checked-in specs nest
/// 9 levels at most.
pub const MAX_DEPTH: usize = 32;
/// Most nodes that aliases may add to a document (defends against "billion laughs").
pub const MAX_ALIAS_NODES: usize = 10_000;

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// The value.
    pub kind: NodeKind,
}

/// The shape of a YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A scalar. `plain` is false for quoted and block scalars, which are always strings.
    Scalar {
        /// The text as written (after unquoting).
        text: String,
        /// Whether it was written without quotes, so YAML's core schema applies.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in the order written; duplicate keys are already removed.
    Map(Vec<(Node, Node)>),
}

/// What a plain scalar means under YAML 1.2's core schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// Anything else, and every quoted scalar.
    Str(&'a str),
}

impl Node {
    /// Interprets a scalar; `None` for mappings and sequences.
    pub fn scalar(&self) -> Option<Scalar<'_>> {
        let NodeKind::Scalar { text, plain } = &self.kind else {
            return None;
        };
        if !plain {
            return Some(Scalar::Str(text));
        }
        Some(match text.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => Scalar::Null,
            "true" | "True" | "TRUE" => Scalar::Bool(true),
            "false" | "False" | "FALSE" => Scalar::Bool(false),
            t => {
                if let Ok(i) = t.parse::<i64>() {
                    Scalar::Int(i)
                } else if looks_numeric(t) {
                    t.parse::<f64>().map_or(Scalar::Str(t), Scalar::Float)
                } else {
                    Scalar::Str(t)
                }
            }
        })
    }

    /// The node as JSON, read the way an editor's YAML language server reads it: YAML 1.2's
    /// core schema for plain scalars, every mapping key a string (a key that is a mapping or
    /// a list becomes its JSON text), and a number JSON cannot hold (`.inf`) its text.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| {
                        let key = match &k.kind {
                            NodeKind::Scalar { text, .. } => text.clone(),
                            _ => k.to_json().to_string(),
                        };
                        (key, v.to_json())
                    })
                    .collect(),
            ),
            NodeKind::Scalar { text, .. } => match self.scalar() {
                Some(Scalar::Null) | None => Value::Null,
                Some(Scalar::Bool(b)) => Value::Bool(b),
                Some(Scalar::Int(i)) => Value::from(i),
                Some(Scalar::Float(f)) => serde_json::Number::from_f64(f)
                    .map_or_else(|| Value::String(text.clone()), Value::Number),
                Some(Scalar::Str(s)) => Value::String(s.to_owned()),
            },
        }
    }

    /// A short description of the node's type for messages: "a mapping", "the string \"x\"".
    pub fn describe(&self) -> String {
        match self.scalar() {
            None if matches!(self.kind, NodeKind::Seq(_)) => "a list".into(),
            None => "a mapping".into(),
            Some(Scalar::Null) => "nothing (null)".into(),
            Some(Scalar::Bool(b)) => format!("the boolean `{b}`"),
            Some(Scalar::Int(i)) => format!("the number `{i}`"),
            Some(Scalar::Float(f)) => format!("the number `{f}`"),
            Some(Scalar::Str(s)) => format!("the string {:?}", truncate(s, 40)),
        }
    }
}

fn looks_numeric(t: &str) -> bool {
    // Rust's float parser also accepts "inf" and "nan"; YAML spells those ".inf" and ".nan".
    t.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && t.bytes().any(|b| b.is_ascii_digit())
}

/// A name or value from a spec as messages quote it: at most 40 characters, with control and
/// bidirectional-formatting characters escaped (`\u{202e}`), so that a hostile key cannot
/// garble a terminal or run a message over several lines.
///
/// Fix (diagnostics): unknown keys and values used to be quoted raw and whole, so one mangled
/// line could print a paragraph, a newline or a right-to-left override inside a message.
pub fn shown(s: &str) -> String {
    let mut out = String::new();
    for c in truncate(s, 40).chars() {
        if c.is_control() || is_invisible_format(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Direction marks, embeddings, overrides and isolates, and the zero-width no-break space.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
    )
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// A problem found while reading YAML.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlProblem {
    /// Where.
    pub pos: Pos,
    /// What.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// Parses one YAML document. Returns the tree (if the syntax allowed one) and every problem.
pub fn parse(text: &str) -> (Option<Node>, Vec<YamlProblem>) {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    while let Some(event) = parser.next_event() {
        match event {
            Ok((Event::DocumentStart(_), span)) => {
                documents += 1;
                if documents > 1 {
                    builder.problem(pos(span), "a spec file holds one YAML document, found a second", Some("remove the `---` line and everything after it, or split it into its own file"));
                    break;
                }
            }
            Ok((event, span)) => {
                if builder.event(event, span).is_err() {
                    break;
                }
            }
            Err(e) => {
                let m = e.marker();
                builder.problem(
                    Pos {
                        line: m.line(),
                        col: m.col() + 1,
                    },
                    format!("invalid YAML: {}", e.info()),
                    Some("fix the YAML syntax here (indentation, quotes, a missing `:`)"),
                );
                return (None, builder.problems);
            }
        }
    }
    let root = builder.root.take();
    (root, builder.problems)
}

fn pos(span: Span) -> Pos {
    Pos {
        line: span.start.line(),
        col: span.start.col() + 1,
    }
}

/// A mapping or sequence being built.
enum Open {
    Seq {
        node: Node,
        anchor: usize,
    },
    Map {
        node: Node,
        anchor: usize,
        key: Option<Node>,
        seen: HashMap<String, Pos>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<Node>,
    anchors: HashMap<usize, Node>,
    alias_nodes: usize,
    problems: Vec<YamlProblem>,
}

/// Stop reading: a limit was exceeded and the problem recorded.
struct Abort;

impl Builder {
    fn problem(&mut self, pos: Pos, message: impl Into<String>, help: Option<&str>) {
        self.problems.push(YamlProblem {
            pos,
            message: message.into(),
            help: help.map(Into::into),
        });
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Abort> {
        let at = pos(span);
        match event {
            Event::Scalar(text, style, anchor, _tag) => {
                let plain = matches!(style, ScalarStyle::Plain);
                let node = Node {
                    pos: at,
                    kind: NodeKind::Scalar {
                        text: text.into_owned(),
                        plain,
                    },
                };
                self.remember(anchor, &node);
                self.add(node)
            }
            Event::SequenceStart(anchor, _) => self.open(
                Open::Seq {
                    node: Node {
                        pos: at,
                        kind: NodeKind::Seq(Vec::new()),
                    },
                    anchor,
                },
                at,
            ),
            Event::MappingStart(anchor, _) => self.open(
                Open::Map {
                    node: Node {
                        pos: at,
                        kind: NodeKind::Map(Vec::new()),
                    },
                    anchor,
                    key: None,
                    seen: HashMap::new(),
                },
                at,
            ),
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Open::Seq { node, anchor }) | Some(Open::Map { node, anchor, .. }) => {
                        (node, anchor)
                    }
                    None => return Ok(()),
                };
                self.remember(anchor, &node);
                self.add(node)
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id).cloned() else {
                    self.problem(
                        at,
                        "alias to an unknown anchor",
                        Some("define the anchor (`&name`) before using it (`*name`)"),
                    );
                    return Ok(());
                };
                // Fix (limits): an alias inserts a copy of its anchor's node, which the depth
                // check in `open` never sees. A chain of anchors, each nesting the previous one
                // 56 levels deep, built a tree 450 levels deep from 11 KB within the alias-node
                // limit, and deserializing it overflowed the stack (an abort, not a diagnostic).
                // The copy's depth now counts where it lands.
                if self.stack.len() + depth(&target) > MAX_DEPTH {
                    self.problem(
                        at,
                        format!("nesting deeper than {MAX_DEPTH} levels (through this alias)"),
                        Some(
                            "flatten the structure: give nested shapes their own named models, \
                             or write the aliased part out",
                        ),
                    );
                    return Err(Abort);
                }
                self.alias_nodes = self.alias_nodes.saturating_add(count_nodes(&target));
                if self.alias_nodes > MAX_ALIAS_NODES {
                    self.problem(
                        at,
                        format!("aliases expand to more than {MAX_ALIAS_NODES} nodes"),
                        Some("write the repeated part out, or use fewer nested aliases"),
                    );
                    return Err(Abort);
                }
                let mut node = target;
                node.pos = at;
                self.add(node)
            }
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd
            | Event::Nothing => Ok(()),
        }
    }

    fn open(&mut self, open: Open, at: Pos) -> Result<(), Abort> {
        if self.stack.len() >= MAX_DEPTH {
            self.problem(
                at,
                format!("nesting deeper than {MAX_DEPTH} levels"),
                Some("flatten the structure: give nested shapes their own named models"),
            );
            return Err(Abort);
        }
        self.stack.push(open);
        Ok(())
    }

    fn remember(&mut self, anchor: usize, node: &Node) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
    }

    fn add(&mut self, node: Node) -> Result<(), Abort> {
        let mut duplicate = None;
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq { node: seq, .. }) => {
                if let NodeKind::Seq(items) = &mut seq.kind {
                    items.push(node);
                }
            }
            Some(Open::Map {
                node: map,
                key,
                seen,
                ..
            }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    let name = match &k.kind {
                        NodeKind::Scalar { text, .. } => Some(text.clone()),
                        _ => None,
                    };
                    let first = name.as_ref().and_then(|n| seen.get(n).copied());
                    match (name, first) {
                        (Some(name), Some(first)) => duplicate = Some((k.pos, name, first)),
                        (name, _) => {
                            if let Some(name) = name {
                                seen.insert(name, k.pos);
                            }
                            if let NodeKind::Map(entries) = &mut map.kind {
                                entries.push((k, node));
                            }
                        }
                    }
                }
            },
        }
        if let Some((at, name, first)) = duplicate {
            self.problem(
                at,
                format!(
                    "duplicate key `{}` (first written at line {})",
                    shown(&name),
                    first.line
                ),
                Some("remove one of the two; YAML keeps only one value per key"),
            );
        }
        Ok(())
    }
}

/// How many mappings and sequences are nested in `node`, itself included (0 for a scalar).
fn depth(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Scalar { .. } => 0,
        NodeKind::Seq(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        NodeKind::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| depth(k).max(depth(v)))
                .max()
                .unwrap_or(0)
        }
    }
}

fn count_nodes(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Scalar { .. } => 1,
        NodeKind::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        NodeKind::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count_nodes(k) + count_nodes(v))
                .sum::<usize>()
        }
    }
}
