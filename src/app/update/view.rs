//! The window: zoom, pan, its fields, fitted to the trails, the surface's own.

use super::pointer;
use crate::app::dirty::Dirty;
use crate::app::model::{FieldId, GlobalError, Model};
use crate::landscape::{Edge, View};
use crate::scene::Scene;
use gradscape_core::geometry::fit_runs;

/// The window typed in the view's fields, through the scene reader.
pub(super) fn set_fields(m: &mut Model, v: View) -> Dirty {
    let mut value = m.scene.to_value();
    value["view"] = serde_json::json!({"x": [v.x0, v.x1], "y": [v.y0, v.y1]});
    match Scene::from_value(&value) {
        Ok(s) => {
            m.error = None;
            m.scene.view = s.view;
            Dirty::ERROR | Dirty::VIEW
        }
        Err(e) => {
            // The edge typed is the one that differs from the window in effect.
            let now = m.scene.view();
            let edge = Edge::ALL.into_iter().find(|e| e.get(&v) != e.get(&now));
            m.error = Some(GlobalError::Scene(e, edge.map(FieldId::View)));
            Dirty::ERROR
        }
    }
}

/// Zoomed by `factor` about the canvas point (`x`, `y`).
pub(super) fn zoom(m: &mut Model, x: f64, y: f64, factor: f64) -> Dirty {
    let v = m.scene.view();
    pointer::zoom_at(m, x, y, factor, v) | Dirty::SETTLE
}

/// Zoomed by `factor` about the canvas's centre.
pub(super) fn zoom_centre(m: &mut Model, factor: f64) -> Dirty {
    let v = m.scene.view();
    let (x, y) = (m.canvas.w / 2.0, m.canvas.h / 2.0);
    pointer::zoom_at(m, x, y, factor, v) | Dirty::SETTLE
}

/// Panned by fractions `fx`, `fy` of the window's span.
pub(super) fn pan_by(m: &mut Model, fx: f64, fy: f64) -> Dirty {
    let v = m.scene.view();
    let (dx, dy) = (fx * v.width(), fy * v.height());
    let moved = crate::landscape::View {
        x0: v.x0 + dx,
        x1: v.x1 + dx,
        y0: v.y0 + dy,
        y1: v.y1 + dy,
    };
    pointer::set_view(m, moved) | Dirty::SETTLE
}

/// The surface's own window.
pub(super) fn reset(m: &mut Model) -> Dirty {
    m.scene.view = None;
    Dirty::VIEW
}

/// The window fitted to the shown trails.
pub(super) fn fit(m: &mut Model) -> Dirty {
    let shown = m
        .runs
        .iter()
        .enumerate()
        .filter(|(i, _)| !m.hidden.get(*i).copied().unwrap_or(false));
    let home = m.scene.landscape.default_view();
    // At step 0 no trail is drawn yet, only the start: the trails
    // to come (a window of span 1 about the start hid the whole
    // figure; F is a slide program's full-screen key).
    let upto = if m.t == 0 { m.horizon() } else { m.t };
    match fit_runs(
        shown.map(|(_, r)| r.points.as_slice()),
        m.scene.start,
        upto,
        home,
    ) {
        Some(v) => {
            m.scene.view = Some(v);
            Dirty::VIEW
        }
        None => Dirty::NONE,
    }
}
