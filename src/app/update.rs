//! `update(&mut Model, Msg) -> Dirty`: the one place the page's model changes.

use super::dirty::Dirty;
use super::model::{CardError, Drag, GlobalError, Model, Rule};
use super::msg::{Field, Msg};
use crate::landscape::{Expr, Landscape, View};
use crate::lesson::{lesson, LESSONS};
use crate::optim::HyperKey;
use crate::optim::{Convention, OptSpec};
use crate::params::ParamInfo;
use crate::scene::{Scene, MAX_SEED, MAX_STEPS};
use crate::Vec2;
use gradscape_core::geometry;

pub use crate::optim::MAX_OPTIMIZERS;

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
    let mut trial = *spec;
    key.set(&mut trial.hyper, v);
    trial.validate().map_err(|e| {
        Some(CardError::OutOfRange {
            i,
            kind: spec.kind,
            key,
            field: e.key,
            v,
        })
    })?;
    *spec = trial;
    Ok(())
}

/// Switching convention keeps η, γ, β, λ and the switches, and takes the new
/// convention's ε (its meaning changes: inside vs outside the root).
fn convert(spec: &OptSpec, to: Convention) -> OptSpec {
    let mut s = *spec;
    s.hyper.eps = spec.kind.defaults(to).eps;
    s
}

/// Apply `msg` to `m`; returns what to redraw.
pub fn update(m: &mut Model, msg: Msg) -> Dirty {
    match msg {
        Msg::SetHyper { i, key, v, slider } => {
            let Some(before) = m.scene.optimizers.get(i).copied() else {
                return Dirty::NONE;
            };
            match set_hyper(&mut m.scene, i, key, v) {
                Ok(()) if m.scene.optimizers[i] == before && !slider => clear_card_error(m, i),
                Ok(()) => {
                    let mut d = clear_card_error(m, i) | Dirty::CARD_VALUES | runs(m);
                    if slider {
                        // A drag: the link is rewritten once the slider rests
                        // (history.replaceState costs ~10 ms a call).
                        m.interacting = true;
                        d |= Dirty::SETTLE;
                    }
                    d
                }
                Err(Some(e)) => {
                    m.card_errors.retain(|c| c.card() != i);
                    m.card_errors.push(e);
                    Dirty::CARD_ERROR
                }
                Err(None) => Dirty::NONE,
            }
        }
        Msg::SlideHyper { i, key, pos } => {
            let info = m
                .scene
                .optimizers
                .get(i)
                .filter(|s| s.kind.uses(key))
                .map(|s| ParamInfo::of(s.kind, key));
            match info {
                Some(info) => {
                    let v = info.from_slider(pos);
                    update(
                        m,
                        Msg::SetHyper {
                            i,
                            key,
                            v,
                            slider: true,
                        },
                    )
                }
                None => Dirty::NONE,
            }
        }
        Msg::SetFlag { i, key, on } => match m.scene.optimizers.get_mut(i) {
            Some(s) if s.kind.uses(key) => {
                key.set(&mut s.hyper, on);
                runs(m)
            }
            _ => Dirty::NONE,
        },
        Msg::Unreadable(f) => unreadable(m, f),
        Msg::AddOpt(kind) => {
            if m.scene.optimizers.len() >= MAX_OPTIMIZERS {
                m.error = Some(GlobalError::AddMax);
                return Dirty::ERROR;
            }
            m.scene
                .optimizers
                .push(OptSpec::new(kind, m.scene.convention));
            all(m)
        }
        Msg::RemoveOpt(i) => {
            if i >= m.scene.optimizers.len() {
                return Dirty::NONE;
            }
            m.scene.optimizers.remove(i);
            if i < m.hidden.len() {
                m.hidden.remove(i);
            }
            all(m)
        }
        Msg::ResetOpt(i) => {
            let Some(s) = m.scene.optimizers.get_mut(i) else {
                return Dirty::NONE;
            };
            *s = OptSpec::new(s.kind, m.scene.convention);
            clear_card_error(m, i) | Dirty::CARD_VALUES | runs(m)
        }
        Msg::SetSurface(l) => {
            if let Landscape::Expr(_) = l {
                // Open the current surface as a formula to edit: the same
                // picture, same start and window, now in the user's hands.
                if let Ok(e) = Expr::parse(&m.scene.landscape.as_formula()) {
                    m.scene.view = Some(m.scene.view());
                    m.scene.landscape = Landscape::Expr(e);
                    return all(m);
                }
            }
            m.scene.start = l.default_start();
            m.scene.landscape = l;
            m.scene.view = None;
            all(m)
        }
        Msg::SetSurfaceParam { key, v } => {
            let mut value = m.scene.to_value();
            value["landscape"][key.as_str()] = serde_json::Value::from(v);
            match Scene::from_value(&value) {
                Ok(s) => {
                    m.scene.landscape = s.landscape;
                    m.error = None;
                    Dirty::ERROR | Dirty::FORMULA | runs(m)
                }
                Err(e) => {
                    m.error = Some(GlobalError::Scene(e));
                    Dirty::ERROR
                }
            }
        }
        Msg::SetFormula(text) => match Expr::parse(&text) {
            Ok(e) => {
                m.expr_error = None;
                if m.scene.landscape == Landscape::Expr(e.clone()) {
                    return Dirty::FORMULA;
                }
                m.scene.landscape = Landscape::Expr(e);
                Dirty::FORMULA | runs(m)
            }
            Err(e) => {
                m.expr_error = Some((text, e));
                Dirty::FORMULA
            }
        },
        Msg::SetViewFields(v) => {
            let mut value = m.scene.to_value();
            value["view"] = serde_json::json!({"x": [v.x0, v.x1], "y": [v.y0, v.y1]});
            match Scene::from_value(&value) {
                Ok(s) => {
                    m.error = None;
                    m.scene.view = s.view;
                    Dirty::ERROR | Dirty::VIEW
                }
                Err(e) => {
                    m.error = Some(GlobalError::Scene(e));
                    Dirty::ERROR
                }
            }
        }
        Msg::SetConvention(c) => {
            m.scene.optimizers = m.scene.optimizers.iter().map(|s| convert(s, c)).collect();
            m.scene.convention = c;
            all(m)
        }
        Msg::SetSteps(v) => ruled(m, Rule::Steps, v),
        Msg::SetSigma(v) => ruled(m, Rule::Sigma, v),
        Msg::SetSeed(v) => ruled(m, Rule::Seed, v),
        Msg::SetStart(p) => set_start(m, p),
        Msg::PointerDown { id, x, y } => {
            m.pointers.retain(|q| q.0 != id);
            m.pointers.push((id, x, y));
            if m.pointers.len() == 2 {
                let (a, b) = (m.pointers[0], m.pointers[1]);
                let (d, mid) = geometry::pinch((a.1, a.2), (b.1, b.2));
                m.pinch = Some((d, m.scene.view(), mid));
                m.drag = Drag::None;
                return Dirty::NONE;
            }
            let ring = m.viewport(m.scene.view()).px(m.scene.start);
            m.drag = if geometry::grabs_start(ring, x, y) {
                Drag::Start
            } else {
                Drag::Pending { x, y }
            };
            Dirty::NONE
        }
        Msg::PointerMove { id, x, y } => {
            if let Some(q) = m.pointers.iter_mut().find(|q| q.0 == id) {
                q.1 = x;
                q.2 = y;
            }
            if let (Some((d0, v0, mid)), 2) = (m.pinch, m.pointers.len()) {
                let (a, b) = (m.pointers[0], m.pointers[1]);
                let (d, _) = geometry::pinch((a.1, a.2), (b.1, b.2));
                return zoom_at(m, mid[0], mid[1], d0 / d, v0);
            }
            match m.drag {
                Drag::Start => {
                    let w = m.viewport(m.scene.view()).world(x, y);
                    set_start(m, w)
                }
                Drag::Pending { x: x0, y: y0 } if geometry::is_drag((x0, y0), x, y) => {
                    m.drag = Drag::Pan {
                        view: m.scene.view(),
                        x: x0,
                        y: y0,
                    };
                    Dirty::NONE
                }
                Drag::Pan { view, x: x0, y: y0 } => {
                    let v = m.viewport(view).pan(x - x0, y - y0);
                    set_view(m, v)
                }
                _ => Dirty::NONE,
            }
        }
        Msg::PointerUp { id, x, y, click } => {
            m.pointers.retain(|q| q.0 != id);
            if m.pointers.len() < 2 {
                m.pinch = None;
            }
            let drag = std::mem::replace(&mut m.drag, Drag::None);
            if click {
                if let Drag::Pending { .. } = drag {
                    let w = m.viewport(m.scene.view()).world(x, y);
                    return set_start(m, w);
                }
            }
            if m.interacting {
                Dirty::SETTLE
            } else {
                Dirty::NONE
            }
        }
        Msg::Zoom { x, y, factor } => {
            let v = m.scene.view();
            zoom_at(m, x, y, factor, v) | Dirty::SETTLE
        }
        Msg::ResetView => {
            m.scene.view = None;
            Dirty::VIEW
        }
        Msg::TogglePlay => {
            if m.playing {
                m.playing = false;
                return Dirty::STEP;
            }
            if m.t >= m.scene.steps {
                m.t = 0;
            }
            m.playing = true;
            m.clock.restart();
            Dirty::STEP | Dirty::ANIMATE
        }
        Msg::Step(d) => {
            let t = (m.t as i64).saturating_add(d).max(0) as usize;
            seek(m, t)
        }
        Msg::Seek(t) => seek(m, t),
        Msg::Tick(ts) => {
            if !m.playing {
                return Dirty::NONE;
            }
            let mut d = Dirty::NONE;
            let due = m.clock.due(ts);
            if due > 0 {
                m.t = (m.t + due).min(m.scene.steps);
                if m.t >= m.scene.steps {
                    m.playing = false;
                }
                d = Dirty::STEP;
            }
            if m.playing {
                d |= Dirty::ANIMATE;
            }
            d
        }
        Msg::SetSpeed(v) => {
            m.clock.speed = if v.is_finite() {
                v.clamp(0.1, 10000.0)
            } else {
                5.0
            };
            Dirty::NONE
        }
        Msg::ShowRun { i, on } => match m.hidden.get_mut(i) {
            Some(h) => {
                *h = !on;
                Dirty::VIEW
            }
            None => Dirty::VIEW,
        },
        Msg::SetLesson(id) => {
            m.lesson = id.filter(|&n| lesson(n).is_some());
            if let Some(l) = m.lesson.and_then(lesson) {
                m.playing = false;
                m.scene = l.scene();
                m.hidden.clear();
                m.t = m.scene.steps;
            }
            Dirty::LESSON | Dirty::LESSON_PANELS | all(m)
        }
        Msg::StepLesson(delta) => {
            let n = LESSONS.len() as i64;
            let next = match m.lesson {
                Some(c) => (c as i64 - 1 + delta).rem_euclid(n) + 1,
                None if delta > 0 => 1,
                None => n,
            };
            update(m, Msg::SetLesson(Some(next as usize)))
        }
        Msg::SetLang(lang) => {
            m.lang = lang;
            // Everything is worded again; a formula error on screen stays.
            let kept = m.expr_error.take();
            let d = all(m);
            m.expr_error = kept;
            Dirty::WORDS | Dirty::LESSON | d
        }
        Msg::LoadScene(scene) => {
            m.scene = scene;
            m.hidden.clear();
            m.playing = false;
            m.t = m.scene.steps;
            all(m)
        }
        Msg::Settle => {
            if m.drag == Drag::None && m.pointers.is_empty() {
                m.interacting = false;
                Dirty::VIEW
            } else {
                Dirty::SETTLE
            }
        }
        Msg::Measured { w, h } => {
            m.canvas.w = w;
            m.canvas.h = h;
            Dirty::NONE
        }
        Msg::Redraw => Dirty::VIEW,
    }
}

/// Replay; what that redraws.
pub fn runs(m: &mut Model) -> Dirty {
    m.replay();
    Dirty::RUNS
}

/// Replay and rebuild every panel (their error lines go).
pub fn all(m: &mut Model) -> Dirty {
    m.error = None;
    m.card_errors.clear();
    m.expr_error = None;
    m.replay();
    Dirty::ALL | Dirty::ERROR | Dirty::FORMULA | Dirty::CARD_ERROR
}

fn clear_card_error(m: &mut Model, i: usize) -> Dirty {
    let n = m.card_errors.len();
    m.card_errors.retain(|c| c.card() != i);
    if m.card_errors.len() != n {
        Dirty::CARD_ERROR
    } else {
        Dirty::NONE
    }
}

fn unreadable(m: &mut Model, f: Field) -> Dirty {
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
        Field::SurfaceParam(key) => GlobalError::SurfaceNan(key),
        Field::View { key, text } => GlobalError::ViewNan { key, text },
    };
    m.error = Some(e);
    Dirty::ERROR
}

/// Steps, σ or the seed, if `v` keeps the rule.
fn ruled(m: &mut Model, rule: Rule, v: f64) -> Dirty {
    let s = &mut m.scene;
    let ok = match rule {
        Rule::Steps if v.fract() == 0.0 && (0.0..=MAX_STEPS as f64).contains(&v) => {
            s.steps = v as usize;
            true
        }
        Rule::Sigma if (0.0..=1e6).contains(&v) => {
            s.noise.sigma = v;
            true
        }
        Rule::Seed if v.fract() == 0.0 && (0.0..=MAX_SEED as f64).contains(&v) => {
            s.noise.seed = v as u64;
            true
        }
        _ => false,
    };
    if ok {
        m.error = None;
        Dirty::ERROR | runs(m)
    } else {
        m.error = Some(GlobalError::Rule(rule, v));
        Dirty::ERROR
    }
}

fn set_start(m: &mut Model, p: Vec2) -> Dirty {
    let p = geometry::snap(&m.scene.view(), p);
    if !geometry::start_ok(p) {
        return Dirty::NONE;
    }
    m.scene.start = p;
    runs(m)
}

fn seek(m: &mut Model, t: usize) -> Dirty {
    m.playing = false;
    m.t = t.min(m.scene.steps);
    Dirty::STEP
}

/// A new window (refused when degenerate or absurdly far); drawn coarse
/// until the user rests.
fn set_view(m: &mut Model, v: View) -> Dirty {
    if !geometry::view_ok(&v) {
        return Dirty::NONE;
    }
    m.scene.view = Some(v);
    m.interacting = true;
    Dirty::VIEW
}

/// Zoom `from` by `factor` about the pixel (cx, cy).
fn zoom_at(m: &mut Model, cx: f64, cy: f64, factor: f64, from: View) -> Dirty {
    let v = m.viewport(from).zoom_at(cx, cy, factor);
    set_view(m, v)
}

#[cfg(test)]
mod tests;
