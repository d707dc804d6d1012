//! The message tables: one list of `(key, text)` per language for each part.

pub mod diagnose;
pub mod errors;
pub mod explain;
pub mod expr;
pub mod page;
pub mod schedule;
pub mod state;
pub mod teach;
