//! The optimizer cards' messages: a typed or slid hyper-parameter, a switch,
//! the momentum map's click, text that is not a number; a card added,
//! removed or reset, every card converted to another convention.

use super::{all, runs};
use crate::app::dirty::Dirty;
use crate::app::model::{CardError, FieldId, GlobalError, Model, Rule};
use crate::app::msg::{Arrow, Field};
use crate::optim::{
    Convention, FlagKey, HyperKey, Key, KeyValue, OptKind, OptSpec, MAX_OPTIMIZERS,
};
use crate::params::ParamInfo;
use crate::scene::Scene;
use crate::sweep::map_target;

/// Set `key = v` in card `i` of `scene` if the optimizer's rules allow it.
pub fn set_hyper(
    scene: &mut Scene,
    i: usize,
    key: HyperKey,
    v: f64,
) -> Result<(), Option<CardError>> {
    let spec = scene.optimizers.get_mut(i).ok_or(None)?;
    if !spec.kind.uses(key) {
        return Err(None);
    }
    let trial = with_hyper(spec, key, v);
    trial.validate().map_err(|e| {
        Some(CardError::OutOfRange {
            i,
            kind: spec.kind,
            key,
            field: e.key.hyper().unwrap_or(key),
            range: e.range,
            v,
        })
    })?;
    *spec = trial;
    Ok(())
}

/// `spec` with `key = v`, not yet checked.
fn with_hyper(spec: &OptSpec, key: HyperKey, v: f64) -> OptSpec {
    let mut trial = *spec;
    key.set(&mut trial.hyper, v);
    trial
}

/// Whether card `i` of `scene` takes `key = v`.
pub(super) fn takes_hyper(scene: &Scene, i: usize, key: HyperKey, v: f64) -> bool {
    scene
        .optimizers
        .get(i)
        .is_some_and(|s| s.kind.uses(key) && with_hyper(s, key, v).validate().is_ok())
}

/// Switching convention keeps η, γ, β, λ and the switches, and takes the new
/// convention's ε (its meaning changes: inside vs outside the root).
pub(super) fn convert(spec: &OptSpec, to: Convention) -> OptSpec {
    let mut s = *spec;
    s.hyper.eps = spec.kind.defaults(to).eps;
    s
}

/// Card `i`'s `key` typed (`slider`: dragged; the link waits until it rests).
pub(super) fn set(m: &mut Model, i: usize, key: HyperKey, v: f64, slider: bool) -> Dirty {
    let Some(before) = m.scene.optimizers.get(i).copied() else {
        return Dirty::NONE;
    };
    match set_hyper(&mut m.scene, i, key, v) {
        Ok(()) if m.scene.optimizers[i] == before && !slider => clear_card_error(m, i),
        Ok(()) => {
            // A drag: the link is rewritten once the slider rests
            // (history.replaceState costs ~10 ms a call), and the hints'
            // smaller η waits until then (Model::calmer_due).
            if slider {
                m.interacting = true;
            }
            let d = clear_card_error(m, i) | Dirty::CARD_VALUES | runs(m);
            if slider {
                d | Dirty::SETTLE
            } else {
                d
            }
        }
        Err(Some(e)) => {
            m.card_errors.retain(|c| c.card() != i);
            m.card_errors.push(e);
            Dirty::CARD_ERROR
        }
        Err(None) => Dirty::NONE,
    }
}

/// Card `i`'s slider for `key` at position `pos`, snapped to the keys' stops
/// within half of a pointer's pixel (`per_px` positions).
pub(super) fn slide(m: &mut Model, i: usize, key: HyperKey, pos: f64, per_px: f64) -> Dirty {
    let info = m
        .scene
        .optimizers
        .get(i)
        .filter(|s| s.kind.uses(key))
        .map(|s| ParamInfo::of(s.kind, key));
    match info {
        Some(info) => {
            let v = info.from_slider(info.snap(pos, per_px));
            set(m, i, key, v, true)
        }
        None => Dirty::NONE,
    }
}

/// A key on card `i`'s slider for `key`: from the value in effect, as a
/// drag (the link waits until it rests).
pub(super) fn arrow(m: &mut Model, i: usize, key: HyperKey, up: bool, by: Arrow) -> Dirty {
    match m.scene.optimizers.get(i).filter(|s| s.kind.uses(key)) {
        Some(s) => {
            let info = ParamInfo::of(s.kind, key);
            let v = key.get(&s.hyper);
            let v = match by {
                Arrow::Fine => info.fine(v, up),
                Arrow::One => info.arrow(v, up),
                Arrow::Page => (0..10).fold(v, |v, _| info.arrow(v, up)),
            };
            set(m, i, key, v, true)
        }
        None => Dirty::NONE,
    }
}

/// Card `i`'s switch.
pub(super) fn set_flag(m: &mut Model, i: usize, key: FlagKey, on: bool) -> Dirty {
    match m.scene.optimizers.get_mut(i) {
        Some(s) if s.kind.uses(key) => {
            let mut trial = *s;
            key.set(&mut trial.hyper, on);
            // A switch the other keys forbid (Nesterov with dampening, as
            // torch refuses it) is not taken: the box goes back.
            if trial.validate().is_err() {
                return Dirty::CARD_VALUES;
            }
            *s = trial;
            runs(m)
        }
        _ => Dirty::NONE,
    }
}

/// Card `i`'s `key` set to `v` (pairs, integers, choices), typed in field
/// `part`: a value the key refuses (or None: not a number) leaves the spec
/// as it was and is marked on that field with the key's rule, as a refused
/// slider value is.
pub(super) fn set_key(
    m: &mut Model,
    i: usize,
    key: Key,
    part: usize,
    v: Option<KeyValue>,
) -> Dirty {
    let Some(spec) = m.scene.optimizers.get(i).copied() else {
        return Dirty::NONE;
    };
    if !spec.kind.uses(key) {
        return Dirty::NONE;
    }
    let mut trial = spec;
    // The schedule too: L-BFGS's strong-Wolfe search cannot take a
    // schedule that reaches η = 0 (the picker goes back, as a refused
    // switch does).
    let ok = v.is_some_and(|v| key.set(&mut trial.hyper, v))
        && trial.validate().is_ok()
        && crate::scene::check_schedule(&trial, m.scene.steps).is_ok();
    if !ok && matches!(key, Key::Choice(_)) {
        // A picker offers only what the key has: nothing typed to mark.
        return Dirty::CARD_VALUES;
    }
    if !ok {
        m.card_errors.retain(|c| c.card() != i);
        m.card_errors.push(CardError::Key {
            i,
            kind: spec.kind,
            key,
            part: part.min(1),
            v,
            current: key.get(&spec.hyper),
        });
        return Dirty::CARD_ERROR;
    }
    let d = clear_card_error(m, i);
    if trial == spec {
        return d;
    }
    m.scene.optimizers[i] = trial;
    d | Dirty::CARD_VALUES | runs(m)
}

pub(super) fn clear_card_error(m: &mut Model, i: usize) -> Dirty {
    let n = m.card_errors.len();
    m.card_errors.retain(|c| c.card() != i);
    if m.card_errors.len() != n {
        Dirty::CARD_ERROR
    } else {
        Dirty::NONE
    }
}

pub(super) fn unreadable(m: &mut Model, f: Field) -> Dirty {
    let e = match f {
        Field::Hyper { i, key } => {
            let Some(spec) = m.scene.optimizers.get(i) else {
                return Dirty::NONE;
            };
            if !spec.kind.uses(key) {
                return Dirty::NONE;
            }
            let e = CardError::Unreadable {
                i,
                kind: spec.kind,
                key,
                current: key.get(&spec.hyper),
            };
            m.card_errors.retain(|c| c.card() != i);
            m.card_errors.push(e);
            return Dirty::CARD_ERROR;
        }
        Field::Steps => GlobalError::Unreadable(Rule::Steps),
        Field::Sigma => GlobalError::Unreadable(Rule::Sigma),
        Field::Seed => GlobalError::Unreadable(Rule::Seed),
        Field::Start(axis) => GlobalError::Unreadable(Rule::Start(axis)),
        Field::SurfaceParam(key) => GlobalError::SurfaceNan(key),
        Field::View { edge, text } => GlobalError::ViewNan { edge, text },
    };
    m.error = Some(e);
    Dirty::ERROR
}

/// η and γ of the first momentum optimizer, both or neither (the card's
/// rules decide); with none, a momentum optimizer with them is added.
pub(super) fn set_momentum(m: &mut Model, eta: f64, gamma: f64) -> Dirty {
    m.map_full = false;
    let Some(i) = map_target(&m.scene) else {
        if m.scene.optimizers.len() >= MAX_OPTIMIZERS {
            m.map_full = true;
            return Dirty::MAP_NOTE;
        }
        let mut spec = OptSpec::new(OptKind::Momentum, m.scene.convention);
        spec.hyper.lr = eta;
        spec.hyper.gamma = gamma;
        m.scene.optimizers.push(spec);
        return all(m);
    };
    let mut trial = m.scene.clone();
    let r = set_hyper(&mut trial, i, HyperKey::Lr, eta)
        .and_then(|()| set_hyper(&mut trial, i, HyperKey::Gamma, gamma));
    match r {
        Ok(()) => {
            m.scene.optimizers[i] = trial.optimizers[i];
            clear_card_error(m, i) | Dirty::CARD_VALUES | runs(m)
        }
        Err(Some(e)) => {
            m.card_errors.retain(|c| c.card() != i);
            m.card_errors.push(e);
            Dirty::CARD_ERROR
        }
        Err(None) => Dirty::NONE,
    }
}

/// The user left field `f` (blur or Escape): a value refused there is
/// dropped and every field shows the value in effect again.
pub(super) fn revert(m: &mut Model, f: FieldId) -> Dirty {
    Dirty::REVERT | drop_error(m, f)
}

/// The refusal shown on field `f`, if any, dropped.
pub(super) fn drop_error(m: &mut Model, f: FieldId) -> Dirty {
    let mut d = Dirty::NONE;
    let n = m.card_errors.len();
    m.card_errors.retain(|e| e.field() != f);
    if m.card_errors.len() != n {
        d |= Dirty::CARD_ERROR;
    }
    if m.error.as_ref().and_then(GlobalError::field) == Some(f) {
        m.error = None;
        d |= Dirty::ERROR;
    }
    d
}

/// A card of `kind` added (at most [`MAX_OPTIMIZERS`]).
pub(super) fn add(m: &mut Model, kind: OptKind) -> Dirty {
    if m.scene.optimizers.len() >= MAX_OPTIMIZERS {
        m.error = Some(GlobalError::AddMax);
        return Dirty::ERROR;
    }
    m.scene
        .optimizers
        .push(OptSpec::new(kind, m.scene.convention));
    all(m)
}

/// Card `i` removed, with its legend entry's switch.
pub(super) fn remove(m: &mut Model, i: usize) -> Dirty {
    if i >= m.scene.optimizers.len() {
        return Dirty::NONE;
    }
    m.scene.optimizers.remove(i);
    if i < m.hidden.len() {
        m.hidden.remove(i);
    }
    all(m)
}

/// Card `i` back to its kind's defaults in the convention.
pub(super) fn reset(m: &mut Model, i: usize) -> Dirty {
    let Some(s) = m.scene.optimizers.get_mut(i) else {
        return Dirty::NONE;
    };
    *s = OptSpec::new(s.kind, m.scene.convention);
    m.sched_errors.retain(|e| e.i != i);
    clear_card_error(m, i) | Dirty::CARD_VALUES | Dirty::SCHEDULE | runs(m)
}

/// Every card converted to convention `c`.
pub(super) fn set_convention(m: &mut Model, c: Convention) -> Dirty {
    m.scene.optimizers = m.scene.optimizers.iter().map(|s| convert(s, c)).collect();
    m.scene.convention = c;
    all(m)
}
