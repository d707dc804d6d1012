//! L-BFGS's line search on the figure: at the current step t of the
//! scrubber, the trial points the strong-Wolfe search evaluates for the
//! step being taken (step t + 1, from x_t along the two-loop direction d),
//! as small hollow rings in the run's colour on a faint line along d, and
//! the point it accepts (where the step lands) as a filled dot with a white
//! ring; each is numbered in the order evaluated. Drawn whether or not the state panel is open, in presenter mode
//! with the style's sizes, only for visible L-BFGS runs with a line search.
//!
//! The points are the step's own state ([`crate::optim::StateKey::Trial`]),
//! read through the inspector's [`Stepper`] (the run's own step loop), kept
//! between frames so following the scrubber forward costs one step. The
//! SVG export draws whole runs, not one step, so it has no trial points.
//! `data-trials` on the canvas lists them for tests (CSS pixels and world).

use super::{Geom, Style};
use crate::inspect::Stepper;
use crate::optim::{LineSearch, OptKind};
use crate::scene::Scene;
use crate::surface::mark;
use crate::Vec2;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// One run's trial points at the current step.
#[derive(Debug, Clone, PartialEq)]
pub struct TrialSet {
    /// The run (its mark).
    pub run: usize,
    /// x_t, where the search starts.
    pub from: Vec2,
    /// The trial points in the order evaluated.
    pub points: Vec<Vec2>,
    /// Which one the search accepted (None: the step did not move).
    pub accepted: Option<usize>,
}

/// Steps a frame may spend catching the steppers up (a scrub back to
/// step 90 000 of a long L-BFGS run waits for the next change instead).
const BUDGET: usize = 200_000;

thread_local! {
    /// The scene the steppers walk, one per optimizer (None: not L-BFGS
    /// with a line search).
    static CACHE: RefCell<Option<(Scene, Vec<Option<Stepper>>)>> = const { RefCell::new(None) };
}

fn searches(scene: &Scene, i: usize) -> bool {
    scene
        .optimizers
        .get(i)
        .is_some_and(|s| s.kind == OptKind::Lbfgs && s.hyper.line_search == LineSearch::StrongWolfe)
}

/// The trial points of step t + 1 of every visible L-BFGS run that searches.
pub fn trial_sets(scene: &Scene, hidden: &[bool], t: usize) -> Vec<TrialSet> {
    if t >= scene.steps || !(0..scene.optimizers.len()).any(|i| searches(scene, i)) {
        return vec![];
    }
    CACHE.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.as_ref().map(|(s, _)| s) != Some(scene) {
            let steppers = (0..scene.optimizers.len())
                .map(|i| searches(scene, i).then(|| Stepper::new(scene, i)).flatten())
                .collect();
            *slot = Some((scene.clone(), steppers));
        }
        let Some((_, steppers)) = slot.as_mut() else {
            return vec![];
        };
        let k = t + 1;
        let cost: usize = steppers.iter().flatten().map(|s| s.cost(k)).sum();
        if cost > BUDGET {
            return vec![];
        }
        steppers
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| !hidden.get(*i).copied().unwrap_or(false))
            .filter_map(|(run, s)| {
                let insp = s.as_mut()?.at(k)?;
                let points = insp.trials();
                (!points.is_empty()).then(|| TrialSet {
                    run,
                    from: insp.x,
                    accepted: insp.accepted_trial(),
                    points,
                })
            })
            .collect()
    })
}

fn ring(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) -> Result<(), JsValue> {
    ctx.begin_path();
    ctx.arc(x, y, r, 0.0, std::f64::consts::TAU)
}

/// Draw `sets` over the figure (the context in CSS pixels) and write
/// `data-trials`.
pub fn draw(
    canvas: &HtmlCanvasElement,
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    st: &Style,
    sets: &[TrialSet],
) -> Result<(), JsValue> {
    if sets.is_empty() {
        return canvas.remove_attribute("data-trials");
    }
    let mut json = vec![];
    for set in sets {
        let colour = mark(set.run).colour;
        // The search line: from x_t to the farthest trial.
        let (fx, fy) = g.px(set.from);
        let far = set
            .points
            .iter()
            .map(|p| g.px(*p))
            .max_by(|a, b| {
                let d = |p: &(f64, f64)| (p.0 - fx).hypot(p.1 - fy);
                d(a).total_cmp(&d(b))
            })
            .unwrap_or((fx, fy));
        ctx.save();
        ctx.set_line_dash(&js_sys::Array::of2(
            &JsValue::from_f64(st.px(2.0)),
            &JsValue::from_f64(st.px(4.0)),
        ))?;
        ctx.begin_path();
        ctx.move_to(fx, fy);
        ctx.line_to(far.0, far.1);
        ctx.set_stroke_style_str("rgba(255,255,255,0.7)");
        ctx.set_line_width(st.px(1.0));
        ctx.stroke();
        ctx.restore();
        let r = st.px(4.5);
        for (j, p) in set.points.iter().enumerate() {
            if Some(j) == set.accepted {
                continue;
            }
            let (x, y) = g.px(*p);
            ring(ctx, x, y, r)?;
            ctx.set_stroke_style_str("rgba(0,0,0,0.75)");
            ctx.set_line_width(st.px(3.5));
            ctx.stroke();
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(st.px(1.8));
            ctx.stroke();
        }
        if let Some(p) = set.accepted.and_then(|j| set.points.get(j)) {
            let (x, y) = g.px(*p);
            ring(ctx, x, y, r * 1.25)?;
            ctx.set_fill_style_str(colour);
            ctx.fill();
            ctx.set_stroke_style_str("#ffffff");
            ctx.set_line_width(st.px(2.0));
            ctx.stroke();
        }
        // The order the search evaluated them in: 1, 2, 3 …
        crate::web::draw::set_font(
            ctx,
            &format!("600 {:.1}px system-ui, sans-serif", st.text_px * 0.85),
        );
        ctx.set_text_baseline("bottom");
        ctx.set_line_join("round");
        for (j, p) in set.points.iter().enumerate() {
            let (x, y) = g.px(*p);
            let label = (j + 1).to_string();
            // Kept inside the canvas (a trial at the window's edge).
            let lx = (x + r + st.px(1.5)).min(g.w - st.text_px);
            let ly = (y - r * 0.6).max(st.text_px);
            ctx.set_stroke_style_str("rgba(0,0,0,0.8)");
            ctx.set_line_width(3.0);
            ctx.stroke_text(&label, lx, ly)?;
            ctx.set_fill_style_str("#ffffff");
            ctx.fill_text(&label, lx, ly)?;
        }
        let pts: Vec<String> = set
            .points
            .iter()
            .map(|p| {
                let (x, y) = g.px(*p);
                format!("{{\"px\":[{x:.2},{y:.2}],\"x\":[{},{}]}}", p[0], p[1])
            })
            .collect();
        json.push(format!(
            "{{\"run\":{},\"accepted\":{},\"points\":[{}]}}",
            set.run,
            set.accepted.map_or("null".to_string(), |j| j.to_string()),
            pts.join(",")
        ));
    }
    canvas.set_attribute("data-trials", &format!("[{}]", json.join(",")))
}
