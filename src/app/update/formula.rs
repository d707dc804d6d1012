//! A formula typed: set as it parses, its error held until a pause, Enter or Escape.

use super::{runs, undo};
use crate::app::dirty::Dirty;
use crate::app::model::Model;
use crate::landscape::{Expr, Landscape};

/// A formula typed, key by key.
pub(super) fn set(m: &mut Model, text: String) -> Dirty {
    match Expr::parse(&text) {
        Ok(e) => {
            (m.expr_error, m.expr_error_held) = (None, false);
            if m.scene.landscape == Landscape::Expr(e.clone()) {
                return Dirty::FORMULA;
            }
            m.scene.landscape = Landscape::Expr(e);
            Dirty::FORMULA | Dirty::PAUSE | runs(m)
        }
        // Most keys of a formula typed leave it unfinished (`0.1*x^`,
        // `… +`): its message waits for a pause, or Enter, instead of
        // flashing at each key (an error already shown goes while the
        // student types on, as a number field's does).
        Err(e) => {
            (m.expr_error, m.expr_error_held) = (Some((text, e)), true);
            // Every key moves the pause's end (`Later::Typing`), the
            // keys that leave the formula unfinished too: its one pause
            // shows the error and settles the formula in effect.
            Dirty::FORMULA | Dirty::PAUSE
        }
    }
}

/// The formula in effect is settled by `recorded`; here a held
/// error is shown.
pub(super) fn paused(m: &mut Model) -> Dirty {
    if m.expr_error.is_none() || !m.expr_error_held {
        return Dirty::NONE;
    }
    m.expr_error_held = false;
    Dirty::FORMULA
}

/// Enter, or the field left, on a formula that does not parse: the
/// surface the edit last paused on (what the figure showed), else
/// the one from before the edit — not the last prefix that parsed
/// on the way (`0.1` of `0.1x^2+2y^2`, a flat plane, in the link too).
pub(super) fn done(m: &mut Model, text: String) -> Dirty {
    match Expr::parse(&text) {
        Ok(_) => {
            m.history.close_if(crate::app::history::Gesture::Formula);
            Dirty::NONE
        }
        Err(e) => {
            let d = undo::refused(m, crate::app::history::Gesture::Formula);
            (m.expr_error, m.expr_error_held) = (Some((text, e)), false);
            d | Dirty::FORMULA
        }
    }
}

/// Escape: the surface and the formula from before the edit, its
/// error gone (the field shows that formula again).
pub(super) fn cancel(m: &mut Model) -> Dirty {
    let d = undo::abandoned(m, crate::app::history::Gesture::Formula);
    (m.expr_error, m.expr_error_held) = (None, false);
    d | Dirty::FORMULA | Dirty::GLOBALS
}
