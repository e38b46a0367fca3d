//! Helpers shared by the test files that `mod support;` them.

pub mod ir_text;
