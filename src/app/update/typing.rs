//! A number field typed key by key (η, γ, β, ε, λ…, steps, σ, seed, the
//! start's x and y). A keystroke that makes a value the field takes applies
//! it at once, as the slider does. Text that is not such a value but can
//! still become one as the student goes on typing is *pending*: no error,
//! the value in effect stays — `0` and `0.0` on the way to `0.05` in η,
//! `1e-` on the way to `1e-8` in ε, a lone `-`. Its error, if it is still
//! refused, comes when the student stops: Enter (the field's `change`), or
//! a second without a key ([`paused`], the page's `Later::Typing`); leaving
//! the field puts the value in effect back, as it always did. Text that no
//! more typing can make a value (`1,5`, `-1` in η) is refused at once.
//! A value that stood through a pause is the one a later refusal in the
//! same edit keeps ([`settles`]); one only passed through on the way is not.
//!
//! "Can still become one": the start of a number (`-`, `.`, `1e-`), or a
//! number with no exponent digit yet whose side of 0 the field takes some
//! value on (digits and an exponent can still take it anywhere there).

use super::{cards, pointer, ruled, surface, undo};
use crate::app::dirty::Dirty;
use crate::app::history::Gesture;
use crate::app::model::{FieldId, Model, Rule};
use crate::app::msg::{Field, Msg};
use crate::format::{typing, Typing};
use gradscape_core::geometry::start_ok;

/// Magnitudes tried for "does the field take any value on this side of 0"
/// (0 itself is no side: `-2` cannot become `-0`): ranges here start or
/// end anywhere from 1e-12 to 1e12.
const PROBES: [f64; 20] = [
    1e-12, 1e-9, 1e-6, 1e-4, 1e-3, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 1.0, 2.0, 10.0, 100.0,
    1e4, 1e6, 1e9, 1e12,
];

/// `text` typed in `field` (an `input` event); `erased` when a deletion
/// left it. A value a deletion passes through (`2` of `20` on the way to
/// an empty field, `0` of β1's `0.9`) is not applied: it waits as pending
/// text does, taken on Enter or a pause, put back when the field is left.
pub(super) fn typed(m: &mut Model, field: FieldId, text: &str, erased: bool) -> Dirty {
    if text.trim().is_empty() {
        // Cleared for a new number: its edit starts from the value now.
        m.history.close_if(undo::field_gesture(field));
    }
    let quiet = match typing(text) {
        Typing::Number { v, .. } if takes(m, field, v) => erased || cuts(m, field, v),
        Typing::Number { v, open } => open && takes_side(m, field, v.is_sign_negative()),
        Typing::Partial => true,
        Typing::Not => false,
    };
    if !quiet {
        let d = read(m, field, text);
        // Taken: a pause settles it as what a later refusal keeps.
        return if m.invalid_fields().contains(&field) {
            d
        } else {
            d | Dirty::PAUSE
        };
    }
    m.pending = Some(field);
    // An error shown before (Enter on `0`) goes while the student types on.
    Dirty::PENDING | cards::drop_error(m, field)
}

/// A second without a key in `field`, showing `text`: committed (applied,
/// or refused with its message) unless it is the value in effect already
/// (taken as it was typed: nothing to replay). What then stands is
/// settled by [`super::update`] once the change is recorded ([`settles`]).
pub(super) fn paused(m: &mut Model, field: FieldId, text: &str) -> Dirty {
    if !key_by_key(field) {
        return Dirty::NONE;
    }
    match typing(text) {
        Typing::Number { v, .. } if m.pending != Some(field) && m.value_of(field) == Some(v) => {
            Dirty::NONE
        }
        _ => read(m, field, text),
    }
}

/// The edit a pause settles, if its value stands: a field's (not one
/// refused), the formula's (when it parsed). The edit stays open — one
/// undo entry, which Escape abandons whole — but a value refused later in
/// it keeps what the figure showed through the pause, not the value from
/// before the edit.
pub(super) fn settles(m: &Model, msg: &Msg) -> Option<Gesture> {
    match msg {
        Msg::Paused { field, .. } if key_by_key(*field) && !m.invalid_fields().contains(field) => {
            Some(undo::field_gesture(*field))
        }
        Msg::FormulaPaused if m.expr_error.is_none() => Some(Gesture::Formula),
        _ => None,
    }
}

/// `text` in `field`: applied, or refused with its message.
fn read(m: &mut Model, field: FieldId, text: &str) -> Dirty {
    m.pending = None;
    let v = match typing(text) {
        Typing::Number { v, .. } => v,
        _ => return undo::refused(m, undo::field_gesture(field)) | unreadable(m, field),
    };
    let back = if takes(m, field, v) {
        Dirty::NONE
    } else {
        undo::refused(m, undo::field_gesture(field))
    };
    back | match field {
        FieldId::Hyper { i, key } => cards::set(m, i, key, v, false),
        FieldId::Steps => ruled(m, Rule::Steps, v),
        FieldId::Sigma => ruled(m, Rule::Sigma, v),
        FieldId::Seed => ruled(m, Rule::Seed, v),
        FieldId::Start(axis) => pointer::start_field(m, axis, v),
        FieldId::SurfaceParam(key) => surface::set(m, key, v),
        _ => Dirty::NONE,
    }
}

/// Whether `field` is typed key by key (`Msg::Typed`): the view window's
/// and a pair's fields are read otherwise, and a pause there (the page's
/// timer armed by another field, then the focus moved) must not read them.
fn key_by_key(field: FieldId) -> bool {
    !matches!(field, FieldId::View(_) | FieldId::Key { .. })
}

fn unreadable(m: &mut Model, field: FieldId) -> Dirty {
    let f = match field {
        FieldId::Hyper { i, key } => Field::Hyper { i, key },
        FieldId::Steps => Field::Steps,
        FieldId::Sigma => Field::Sigma,
        FieldId::Seed => Field::Seed,
        FieldId::Start(axis) => Field::Start(axis),
        FieldId::SurfaceParam(key) => Field::SurfaceParam(key),
        _ => return Dirty::NONE,
    };
    cards::unreadable(m, f)
}

/// Whether `v` typed into the steps would cut the run short: it waits (the
/// `4` of `40` typed over 20 had cut a playing run to 4 steps and stopped
/// it there), taken on Enter or a pause.
fn cuts(m: &Model, field: FieldId, v: f64) -> bool {
    field == FieldId::Steps && v < m.scene.steps as f64
}

/// Whether `field` takes `v`.
fn takes(m: &Model, field: FieldId, v: f64) -> bool {
    match field {
        FieldId::Hyper { i, key } => cards::takes_hyper(&m.scene, i, key, v),
        FieldId::Steps => Rule::Steps.takes(v),
        FieldId::Sigma => Rule::Sigma.takes(v),
        FieldId::Seed => Rule::Seed.takes(v),
        FieldId::Start(axis) => {
            let mut p = m.scene.start;
            axis < 2 && {
                p[axis] = v;
                start_ok(p)
            }
        }
        FieldId::SurfaceParam(key) => surface::takes(m, key, v),
        _ => false,
    }
}

/// Whether `field` takes some value on this side of 0.
fn takes_side(m: &Model, field: FieldId, negative: bool) -> bool {
    let sign = if negative { -1.0 } else { 1.0 };
    PROBES.iter().any(|&p| takes(m, field, sign * p))
}
