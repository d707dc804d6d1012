//! The plot's pointer: a click sets the start, a drag of the ring moves it,
//! a drag elsewhere pans, two pointers pinch; the wheel zooms. The maths is
//! [`gradscape_core::geometry`]'s.

use super::runs;
use crate::app::dirty::Dirty;
use crate::app::model::{Drag, Model};
use crate::landscape::View;
use crate::Vec2;
use gradscape_core::geometry;

/// A pointer pressed at (`x`, `y`) CSS px.
pub(super) fn down(m: &mut Model, id: i32, x: f64, y: f64) -> Dirty {
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

/// A pointer moved.
pub(super) fn moved(m: &mut Model, id: i32, x: f64, y: f64) -> Dirty {
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

/// A pointer released (`click`: it did not move far).
pub(super) fn up(m: &mut Model, id: i32, x: f64, y: f64, click: bool) -> Dirty {
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

pub(super) fn set_start(m: &mut Model, p: Vec2) -> Dirty {
    let p = geometry::snap(&m.scene.view(), p);
    if !geometry::start_ok(p) {
        return Dirty::NONE;
    }
    m.scene.start = p;
    runs(m)
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
