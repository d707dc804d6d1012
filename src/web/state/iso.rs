//! The L2 isolines of an Adam+L2 run, computed once per surface, λ, window
//! and size: a coarser grid only while the user drags (λ or the view then
//! change at every input), and lines already at the fine grid for the very
//! same surface, λ and window are kept through any drag and its end.

use super::Inspector;
use crate::app::Model;
use crate::inspect::l2_isolines;
use crate::web::draw::Geom;
use crate::Vec2;
use std::rc::Rc;

/// λ of the first Adam+L2 run shown: the page draws its L2 isolines, and
/// so do its exports (PNG, animation), whenever there is one.
pub fn shown_l2(optimizers: &[crate::optim::OptSpec], hidden: &[bool]) -> Option<f64> {
    crate::inspect::l2_lambda(
        optimizers
            .iter()
            .enumerate()
            .filter(|(j, _)| !hidden.get(*j).copied().unwrap_or(false))
            .map(|(_, s)| s),
    )
}

/// The L2 isolines of `geom`'s window at the page's fine grid (a third of
/// its pixels each way), for an export's plot.
pub fn fine_lines(
    landscape: &crate::landscape::Landscape,
    lambda: f64,
    geom: &Geom,
) -> Rc<Vec<Vec<Vec2>>> {
    let (w, h) = grid(geom, FINE);
    Rc::new(l2_isolines(landscape, lambda, geom.view, w, h))
}

/// CSS pixels per grid cell: the lines at rest, and while dragging.
const FINE: f64 = 3.0;
const COARSE: f64 = 8.0;

/// The grid of `geom`'s plot at `k` pixels a cell.
fn grid(geom: &Geom, k: f64) -> (usize, usize) {
    (
        (geom.w / k).clamp(8.0, 600.0) as usize,
        (geom.h / k).clamp(8.0, 600.0) as usize,
    )
}

/// The isolines for `l2` (Adam+L2's λ, None: no such run shown), from the
/// cache when they are there.
pub(super) fn lines(
    ins: &mut Inspector,
    model: &Model,
    geom: Geom,
    l2: Option<f64>,
) -> Option<Rc<Vec<Vec<Vec2>>>> {
    match l2 {
        Some(lambda) => {
            // A coarser grid while the user drags (λ or the view change at
            // every input); but lines already at the fine grid for this very
            // surface, λ and window are kept: a drag of another slider never
            // recomputes them, and the end of the drag never either.
            let (fine, coarse) = (grid(&geom, FINE), grid(&geom, COARSE));
            let want = if model.interacting { coarse } else { fine };
            let fresh = matches!(&ins.iso, Some((s, l, v, w, h, _))
                if s.landscape == model.scene.landscape && *l == lambda && *v == geom.view
                    && ((*w, *h) == want || (*w, *h) == fine));
            if !fresh {
                let lines = l2_isolines(&model.scene.landscape, lambda, geom.view, want.0, want.1);
                ins.iso = Some((
                    model.scene.clone(),
                    lambda,
                    geom.view,
                    want.0,
                    want.1,
                    Rc::new(lines),
                ));
            }
            ins.iso_coarse = ins.iso.as_ref().is_some_and(|x| (x.3, x.4) != fine);
            ins.iso.as_ref().map(|x| x.5.clone())
        }
        None => {
            ins.iso_coarse = false;
            None
        }
    }
}
