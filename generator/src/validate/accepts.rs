//! Whether one schema accepts every JSON document another accepts: the test that an untagged
//! union's later variant can ever be decoded (a decoder that tries the variants in order takes
//! the first that accepts a document).
//!
//! The test is conservative: it answers `true` only when it is sure, so that every problem it
//! leads to is real. The rules, for `a` accepts `b`:
//! - references are followed; a model whose shape is unknown makes the answer `false`;
//! - `b` nullable needs `a` nullable;
//! - `any` accepts everything, and only `any` accepts `any`;
//! - a string accepts every string (an enum keeps unknown values, so a string enum accepts
//!   every string too); an integer accepts integers, a number accepts integers and numbers, a
//!   boolean accepts booleans; an integer, number or boolean enum accepts only an enum whose
//!   values it lists;
//! - an array accepts an array whose items it accepts;
//! - an object `a` accepts an object `b` when every property `a` requires is a property `b`
//!   requires, every property of `a` that `b` declares has a shape `a`'s accepts, and the keys
//!   `b` has beyond `a`'s properties are ignored (`a` says nothing of them) or accepted by
//!   `a`'s `additional_properties` (extra keys are ignored on decode unless `a` forbids them);
//! - a union accepts what one of its variants accepts; a union is accepted when every variant
//!   is;
//! - recursive models are compared coinductively: a pair of models already being compared is
//!   assumed to accept.

use super::models::ModelTable;
use super::shapes::{ObjectShape, ObjectView, object, resolve};
use crate::ir::{Additional, Schema, SchemaKind};

/// Nesting beyond which the answer is `false` (conservative).
const MAX_DEPTH: usize = 48;

/// Whether `a` accepts every document that `b` accepts.
pub fn accepts(table: &ModelTable, a: &Schema, b: &Schema) -> bool {
    Accepts {
        table,
        assumed: Vec::new(),
        depth: 0,
    }
    .check(a, b)
}

struct Accepts<'a> {
    table: &'a ModelTable,
    /// Pairs of models being compared, assumed to accept (coinduction).
    assumed: Vec<(&'a str, &'a str)>,
    depth: usize,
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
            (_, OneOf(union)) => union.variants.iter().all(|variant| {
                match resolve(self.table, variant) {
                    Some(v) => (a_nullable || !v.nullable) && self.shape(a_nullable, a, v.schema),
                    None => false,
                }
            }),
            (OneOf(union), _) => union.variants.iter().any(|variant| {
                match resolve(self.table, variant) {
                    Some(v) => self.shape(a_nullable || v.nullable, v.schema, b),
                    None => false,
                }
            }),
            (String(_), String(_)) => true,
            (Integer { values: x, .. }, Integer { values: y, .. }) => listed(x, y),
            (Number { values: x, .. }, Number { values: y, .. }) => listed(x, y),
            (Number { values: x, .. }, Integer { values: y, .. }) => {
                let y: Vec<f64> = y.iter().map(|v| *v as f64).collect();
                listed(x, &y)
            }
            (Boolean { values: x }, Boolean { values: y }) => listed(x, y),
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
            Additional::Unspecified => true,
            Additional::Forbidden => extra_shapes.is_empty(),
            Additional::Allowed(ours) => extra_shapes.iter().all(|theirs| self.check(ours, theirs)),
        }
    }
}

/// An enum of `ours` accepts an enum of `theirs`: no values means any value.
fn listed<T: PartialEq>(ours: &[T], theirs: &[T]) -> bool {
    ours.is_empty() || (!theirs.is_empty() && theirs.iter().all(|v| ours.contains(v)))
}
