//! The message tables: one list of `(key, text)` per language for each part.

pub mod code;
pub mod diagnose;
pub mod errors;
pub mod explain;
pub mod expr;
pub mod media;
pub mod page;
pub mod quiz;
pub mod schedule;
pub mod state;
pub mod teach;
