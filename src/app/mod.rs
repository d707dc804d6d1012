//! The page's logic without the page: the model, the messages that change
//! it, and what each change leaves to redraw — native code, unit-tested
//! without a browser (the shape of wasm-bindgen's todomvc example).
//!
//! `web` turns DOM events into [`Msg`]s, queues them, applies [`update`] and
//! renders the returned [`Dirty`] set; `mount()` figures use the same pieces.

pub mod clock;
pub mod dirty;
pub mod history;
pub mod link;
pub mod model;
pub mod msg;
pub mod quiz;
pub mod replay;
pub mod schedule;
pub mod update;

pub use clock::Clock;
pub use dirty::Dirty;
pub use history::History;
pub use model::{Canvas, CardError, Drag, FieldId, GlobalError, Model, Rule};
pub use msg::{Arrow, Field, Msg, PointerKind};
pub use quiz::{Phase, Quiz};
pub use schedule::{SchedEdit, SchedError};
pub use update::{set_hyper, update};
