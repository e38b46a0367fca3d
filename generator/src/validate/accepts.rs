//! Whether one schema accepts every JSON document another accepts: the test that an untagged
//! union's later variant can ever be decoded (a decoder that tries the variants in order takes
//! the first that accepts a document).
//!
//! The test is conservative: it answers `true` only when it is sure, so that every problem it
//! leads to is real. The rules, for `a` accepts `b`:
//! - references are followed; a model whose shape is unknown makes the answer `false`;
//! - `b` nullable needs `a` nullable;
//! - `any` accepts everything, and only `any` accepts `any`;
//! - the decoders keep values an enum does not list (a newer server may send them), so an enum
//!   of several values accepts every value of its type; an enum of **one** value is a constant,
//!   decoded strictly, so it accepts only that value (this is what tells apart variants that fix
//!   a property, or a combination of properties, to different constants);
//! - a string accepts strings; an integer accepts integers, a number accepts integers and
//!   numbers, a boolean accepts booleans (boolean enums decode as plain booleans);
//! - an array accepts an array whose items it accepts;
//! - an object `a` accepts an object `b` when every property `a` requires is a property `b`
//!   requires, every property of `a` that `b` declares has a shape `a`'s accepts, and the keys
//!   `b` has beyond `a`'s properties are ignored (the decoders ignore keys a model does not
//!   declare, even one with `additional_properties: false`, so that a server adding a field
//!   breaks nothing) or accepted by `a`'s `additional_properties` schema;
//! - a union accepts what one of its variants accepts; a union is accepted when every variant
//!   is;
//! - an inline object that is itself a variant of an untagged union, and whose
//!   `additional_properties` is `false`, is decoded strictly (unknown keys refused: that is how
//!   the union tells it from its other variants), so it accepts no object with other keys;
//! - recursive models are compared coinductively: a pair of models already being compared is
//!   assumed to accept.

use super::models::ModelTable;
use super::shapes::{ObjectShape, ObjectView, object, resolve};
use crate::ir::{Additional, Schema, SchemaKind};

/// Nesting beyond which the answer is `false` (conservative).
const MAX_DEPTH: usize = 48;

/// Whether the untagged-union variant `a` accepts every document that the variant `b` accepts:
/// [`accepts`], with `a` decoded strictly when it is an inline object that forbids other keys.
pub fn accepts(table: &ModelTable, a: &Schema, b: &Schema) -> bool {
    let mut test = Accepts {
        table,
        assumed: Vec::new(),
        depth: 0,
        strict: false,
    };
    if let SchemaKind::Object(object) = &a.kind {
        test.strict = object.additional == Additional::Forbidden;
    }
    test.check(a, b)
}

struct Accepts<'a> {
    table: &'a ModelTable,
    /// Pairs of models being compared, assumed to accept (coinduction).
    assumed: Vec<(&'a str, &'a str)>,
    depth: usize,
    /// Whether the outermost object refuses unknown keys (an inline union variant with
    /// `additional_properties: false`); nested objects never do.
    strict: bool,
}

impl<'a> Accepts<'a> {
    fn check(&mut self, a: &'a Schema, b: &'a Schema) -> bool {
        if self.depth > MAX_DEPTH {
            return false;
        }
        let pair = match (&a.kind, &b.kind) {
            (SchemaKind::Ref(x), SchemaKind::Ref(y)) => Some((x.as_str(), y.as_str())),
            _ => None,
        };
        if let Some(pair) = pair {
            if self.assumed.contains(&pair) {
                return true;
            }
            self.assumed.push(pair);
        }
        self.depth += 1;
        let result = match (resolve(self.table, a), resolve(self.table, b)) {
            (Some(ra), Some(rb)) => {
                (ra.nullable || !rb.nullable) && self.shape(ra.nullable, ra.schema, rb.schema)
            }
            _ => false,
        };
        self.depth -= 1;
        if pair.is_some() {
            self.assumed.pop();
        }
        result
    }

    /// `a` accepts `b`, both resolved, nullability of `b` itself already checked.
    fn shape(&mut self, a_nullable: bool, a: &'a Schema, b: &'a Schema) -> bool {
        use SchemaKind::*;
        match (&a.kind, &b.kind) {
            (Any, _) => true,
            (_, Any) => false,
            (_, OneOf(union)) => {
                union
                    .variants
                    .iter()
                    .all(|variant| match resolve(self.table, variant) {
                        Some(v) => {
                            (a_nullable || !v.nullable) && self.shape(a_nullable, a, v.schema)
                        }
                        None => false,
                    })
            }
            (OneOf(union), _) => {
                union
                    .variants
                    .iter()
                    .any(|variant| match resolve(self.table, variant) {
                        Some(v) => self.shape(a_nullable || v.nullable, v.schema, b),
                        None => false,
                    })
            }
            (String(x), String(y)) => constant_accepts(&x.values, &y.values),
            (Integer { values: x, .. }, Integer { values: y, .. }) => constant_accepts(x, y),
            (Number { values: x, .. }, Number { values: y, .. }) => constant_accepts(x, y),
            (Number { values: x, .. }, Integer { values: y, .. }) => {
                let y: Vec<f64> = y.iter().map(|v| *v as f64).collect();
                constant_accepts(x, &y)
            }
            (Boolean { .. }, Boolean { .. }) => true,
            (Array(x), Array(y)) => self.check(&x.items, &y.items),
            (Object(_) | AllOf(_), Object(_) | AllOf(_)) => {
                match (object(self.table, a), object(self.table, b)) {
                    (ObjectShape::Object(x), ObjectShape::Object(y)) => self.objects(&x, &y),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    fn objects(&mut self, a: &ObjectView<'a>, b: &ObjectView<'a>) -> bool {
        // Only the variant itself is strict: its properties' objects decode leniently.
        let strict = std::mem::take(&mut self.strict) && self.depth <= 1;
        for (name, shape, required) in &a.properties {
            match b.property(name) {
                Some((theirs, their_required))
                    if (*required && !their_required) || !self.check(shape, theirs) =>
                {
                    return false;
                }
                Some(_) => {}
                None if *required => return false,
                None => {}
            }
        }
        let extra = b
            .properties
            .iter()
            .filter(|(name, _, _)| a.property(name).is_none())
            .map(|(_, shape, _)| *shape);
        let mut extra_shapes: Vec<&'a Schema> = extra.collect();
        if let Additional::Allowed(theirs) = b.additional {
            extra_shapes.push(theirs);
        }
        match a.additional {
            Additional::Forbidden if strict => extra_shapes.is_empty(),
            Additional::Unspecified | Additional::Forbidden => true,
            Additional::Allowed(ours) => extra_shapes.iter().all(|theirs| self.check(ours, theirs)),
        }
    }
}

/// Whether values decoded with `ours` accept every value of `theirs`: a one-value enum (a
/// constant) accepts only itself; anything else accepts every value of its type.
fn constant_accepts<T: PartialEq>(ours: &[T], theirs: &[T]) -> bool {
    match ours {
        [constant] => matches!(theirs, [other] if other == constant),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{ArrayType, ObjectType, Origin, Property, StringType};

    fn of(kind: SchemaKind) -> Schema {
        Schema::new(kind, Origin::unknown())
    }

    fn string() -> Schema {
        of(SchemaKind::String(StringType::default()))
    }

    fn integer(values: Vec<i64>) -> Schema {
        of(SchemaKind::Integer {
            constraints: Default::default(),
            values,
        })
    }

    fn reference(name: &str) -> Schema {
        of(SchemaKind::Ref(name.into()))
    }

    fn nullable(mut schema: Schema) -> Schema {
        schema.nullable = true;
        schema
    }

    fn array(items: Schema) -> Schema {
        of(SchemaKind::Array(ArrayType {
            items: Box::new(items),
            min_items: None,
            max_items: None,
            unique_items: false,
        }))
    }

    fn object(properties: Vec<(&str, Schema, bool)>, additional: Additional) -> Schema {
        of(SchemaKind::Object(ObjectType {
            properties: properties
                .into_iter()
                .map(|(name, schema, required)| Property {
                    name: name.into(),
                    schema,
                    required,
                    rust_name: None,
                })
                .collect(),
            additional,
            key_pattern: None,
            min_properties: None,
            max_properties: None,
        }))
    }

    #[test]
    fn null_needs_a_nullable_acceptor() {
        let table = ModelTable::of(Vec::new());
        assert!(!accepts(&table, &string(), &nullable(string())));
        assert!(accepts(&table, &nullable(string()), &string()));
        // Through a reference: the use site's `nullable` counts.
        let table = ModelTable::of(vec![("name", string())]);
        assert!(!accepts(
            &table,
            &reference("name"),
            &nullable(reference("name"))
        ));
        assert!(accepts(
            &table,
            &nullable(reference("name")),
            &nullable(string())
        ));
    }

    #[test]
    fn enums_keep_unknown_values_but_constants_are_strict() {
        let table = ModelTable::of(Vec::new());
        // Several values: unknown ones decode too, so every integer is accepted.
        assert!(accepts(&table, &integer(vec![1, 2]), &integer(vec![2, 4])));
        assert!(accepts(&table, &integer(vec![1, 2]), &integer(Vec::new())));
        // One value: a constant accepts only itself.
        assert!(!accepts(&table, &integer(vec![1]), &integer(Vec::new())));
        assert!(!accepts(&table, &integer(vec![1]), &integer(vec![2])));
        assert!(accepts(&table, &integer(vec![1]), &integer(vec![1])));
        assert!(accepts(&table, &integer(Vec::new()), &integer(vec![7])));
    }

    #[test]
    fn arrays_compare_their_items() {
        let table = ModelTable::of(Vec::new());
        assert!(accepts(&table, &array(string()), &array(string())));
        assert!(!accepts(
            &table,
            &array(string()),
            &array(integer(Vec::new()))
        ));
    }

    #[test]
    fn extra_keys_go_to_additional_properties() {
        let table = ModelTable::of(Vec::new());
        let b = object(
            vec![("id", string(), true), ("n", integer(Vec::new()), false)],
            Additional::Unspecified,
        );
        let ignores = object(vec![("id", string(), true)], Additional::Unspecified);
        let strings = object(
            vec![("id", string(), true)],
            Additional::Allowed(Box::new(string())),
        );
        let integers = object(
            vec![("id", string(), true)],
            Additional::Allowed(Box::new(integer(Vec::new()))),
        );
        let closed = object(vec![("id", string(), true)], Additional::Forbidden);
        assert!(accepts(&table, &ignores, &b));
        assert!(
            !accepts(&table, &strings, &b),
            "`n` is an integer, not a string"
        );
        assert!(accepts(&table, &integers, &b));
        assert!(!accepts(&table, &closed, &b));
        // A property `a` requires that `b` only may omit.
        let optional = object(vec![("id", string(), false)], Additional::Unspecified);
        assert!(!accepts(&table, &ignores, &optional));
        assert!(accepts(&table, &optional, &ignores));
    }

    #[test]
    fn recursive_models_are_compared_without_end() {
        // node: {children: [node]}, tree: {children: [tree], label: string}
        let node = object(
            vec![("children", array(reference("node")), false)],
            Additional::Unspecified,
        );
        let tree = object(
            vec![
                ("children", array(reference("tree")), false),
                ("label", string(), false),
            ],
            Additional::Unspecified,
        );
        let table = ModelTable::of(vec![("node", node), ("tree", tree)]);
        assert!(accepts(&table, &reference("node"), &reference("tree")));
        assert!(accepts(&table, &reference("tree"), &reference("node")));
    }

    #[test]
    fn an_unknown_model_is_never_sure() {
        let table = ModelTable::of(Vec::new());
        assert!(!accepts(&table, &reference("missing"), &string()));
        assert!(!accepts(
            &table,
            &of(SchemaKind::Any),
            &reference("missing")
        ));
    }
}
