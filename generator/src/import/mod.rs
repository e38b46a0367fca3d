//! Importers: published API descriptions to spec folders in this project's format.
//!
//! An importer writes YAML (through [`yaml_writer`]) that a maintainer could have written by
//! hand: the loader reads it back, and `cargo xtask codegen` generates from it like from any
//! other spec. What an importer cannot express it reports, with where it is in the source.

pub mod losant;
pub mod openapi;
pub mod yaml_writer;
