//! Tests of the schema transcription.
