//! The plot's pointer: a plain click changes nothing (a teacher clicks to
//! focus the figure or to point at it); a Shift/Alt-click sets the start, a
//! drag of the ring moves it, a mouse drag elsewhere pans, two pointers pan
//! and pinch; the wheel zooms. One finger elsewhere is left to scroll the
//! page. The maths is [`gradscape_core::geometry`]'s.

use super::runs;
use crate::app::dirty::Dirty;
use crate::app::model::{Drag, GlobalError, Model, Rule};
use crate::app::msg::PointerKind;
use crate::landscape::View;
use crate::Vec2;
use gradscape_core::geometry;

/// A pointer pressed at (`x`, `y`) CSS px.
pub(super) fn down(
    m: &mut Model,
    id: i32,
    x: f64,
    y: f64,
    kind: PointerKind,
    modified: bool,
) -> Dirty {
    m.pointers.retain(|q| q.0 != id);
    m.pointers.push((id, x, y));
    // What a teacher's link fixes is not grabbed: no ring to drag, no
    // Shift+click start, no pan or pinch (the press only points).
    let start_free = !m.locks.fixed(crate::url::Group::Start);
    let view_free = !m.locks.fixed(crate::url::Group::View);
    if m.pointers.len() == 2 && view_free {
        let (a, b) = (m.pointers[0], m.pointers[1]);
        let (d, mid) = geometry::pinch((a.1, a.2), (b.1, b.2));
        m.pinch = Some((d, m.scene.view(), mid));
        m.drag = Drag::None;
        return Dirty::NONE;
    }
    let ring = m.viewport(m.scene.view()).px(m.scene.start);
    // A quiz's guess may be right at the start: the ring is not grabbed then.
    let guessing = m.quiz.as_ref().is_some_and(|q| q.asking());
    let finger = kind == PointerKind::Touch;
    m.drag = if geometry::grabs_start(ring, x, y, finger) && !modified && !guessing && start_free {
        Drag::Start {
            x,
            y,
            moving: false,
        }
    } else {
        Drag::Pending {
            x,
            y,
            set: modified && start_free,
            pans: kind != PointerKind::Touch && view_free,
        }
    };
    Dirty::NONE
}

/// A pointer moved.
pub(super) fn moved(m: &mut Model, id: i32, x: f64, y: f64) -> Dirty {
    if let Some(q) = m.pointers.iter_mut().find(|q| q.0 == id) {
        q.1 = x;
        q.2 = y;
    }
    if let (Some((d0, v0, mid)), 2) = (m.pinch, m.pointers.len()) {
        let (a, b) = (m.pointers[0], m.pointers[1]);
        let (d, now) = geometry::pinch((a.1, a.2), (b.1, b.2));
        // Zoom about where the fingers began, then follow their midpoint.
        let zoomed = m.viewport(v0).zoom_at(mid[0], mid[1], d0 / d);
        let v = m.viewport(zoomed).pan(now[0] - mid[0], now[1] - mid[1]);
        return set_view(m, v);
    }
    match m.drag {
        Drag::Start {
            x: x0,
            y: y0,
            moving,
        } => {
            if !moving && !geometry::is_drag((x0, y0), x, y) {
                return Dirty::NONE;
            }
            m.drag = Drag::Start {
                x: x0,
                y: y0,
                moving: true,
            };
            let w = m.viewport(m.scene.view()).world(x, y);
            set_start(m, w)
        }
        Drag::Pending {
            x: x0, y: y0, pans, ..
        } if geometry::is_drag((x0, y0), x, y) => {
            m.drag = if pans {
                Drag::Pan {
                    view: m.scene.view(),
                    x: x0,
                    y: y0,
                }
            } else {
                Drag::Idle
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

/// A pointer released (`click`: released, not cancelled). Only a
/// modified click sets the start.
pub(super) fn up(m: &mut Model, id: i32, x: f64, y: f64, click: bool) -> Dirty {
    m.pointers.retain(|q| q.0 != id);
    if m.pointers.len() < 2 {
        m.pinch = None;
    }
    let drag = std::mem::replace(&mut m.drag, Drag::None);
    // The lesson's "modified" marker waits for the release (the caption
    // grew under a finger dragging the start and moved the figure).
    let lesson = match (m.lesson, &drag) {
        (Some(_), Drag::Start { .. }) => Dirty::LESSON,
        _ => Dirty::NONE,
    };
    if click {
        if let Drag::Pending { set: true, .. } = drag {
            let w = m.viewport(m.scene.view()).world(x, y);
            return set_start(m, w) | lesson;
        }
        // A quiz's plain click (or tap) places the guess.
        if let Drag::Pending { set: false, .. } = drag {
            if let Some(d) = super::quiz::click(m, x, y) {
                return d | lesson;
            }
        }
    }
    lesson
        | if m.interacting {
            Dirty::SETTLE
        } else {
            Dirty::NONE
        }
}

pub(super) fn set_start(m: &mut Model, p: Vec2) -> Dirty {
    let p = geometry::snap(&m.scene.view(), p);
    if !geometry::start_ok(p) {
        return Dirty::NONE;
    }
    m.scene.start = p;
    runs(m)
}

/// The start's field `axis` typed: taken as typed (not snapped), within
/// ±1e12, else the global error line says why.
pub(super) fn start_field(m: &mut Model, axis: usize, v: f64) -> Dirty {
    let mut p = m.scene.start;
    match p.get_mut(axis) {
        Some(c) => *c = v,
        None => return Dirty::NONE,
    }
    if !geometry::start_ok(p) {
        m.error = Some(GlobalError::Rule(Rule::Start(axis), v));
        return Dirty::ERROR;
    }
    m.error = None;
    m.scene.start = p;
    Dirty::ERROR | runs(m)
}

/// The start moved by (`dx`, `dy`) steps of the start handle (about a
/// hundredth of the view each), landing on the view's grain.
pub(super) fn nudge_start(m: &mut Model, dx: i32, dy: i32) -> Dirty {
    let v = m.scene.view();
    let (sx, sy) = (
        geometry::nudge_step(v.width()),
        geometry::nudge_step(v.height()),
    );
    let s = m.scene.start;
    let p = [s[0] + f64::from(dx) * sx, s[1] + f64::from(dy) * sy];
    set_start(m, geometry::snap(&v, p))
}

/// A new window (refused when degenerate or absurdly far); drawn coarse
/// until the user rests.
pub(super) fn set_view(m: &mut Model, v: View) -> Dirty {
    if !geometry::view_ok(&v) {
        return Dirty::NONE;
    }
    m.scene.view = Some(v);
    m.interacting = true;
    Dirty::VIEW
}

/// Zoom `from` by `factor` about the pixel (cx, cy).
pub(super) fn zoom_at(m: &mut Model, cx: f64, cy: f64, factor: f64, from: View) -> Dirty {
    let v = m.viewport(from).zoom_at(cx, cy, factor);
    set_view(m, v)
}
