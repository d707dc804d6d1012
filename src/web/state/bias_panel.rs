//! The panel's bias-correction section: the run picker, the chart of the
//! factors 1/(1−βᵏ), m and m̂, v and v̂ over the first steps (step k marked)
//! and the numbers at step k, all from [`crate::inspect`]. The chart is
//! designed at [`LABEL_PX`] labels and scaled as a whole by
//! [`Style::chart_scale`] (presenter mode: its canvas as much taller).

use super::super::dom::{add, el};
use super::super::draw::Style;
use super::card::{head_row, value_row};
use super::mathml::{full, math};
use crate::format::readout;
use crate::inspect::{has_bias_correction, BiasPoint, Inspection, Quantity};
use crate::scene::Scene;
use gradscape_text::optim::opt_label;
use gradscape_text::{tr, trf, Lang};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlElement, HtmlSelectElement};

/// A bias-table row's `data-key`.
fn bias_key(q: Quantity) -> &'static str {
    match q {
        Quantity::M => "m",
        Quantity::MHat => "m_hat",
        Quantity::V => "v",
        Quantity::VHat => "v_hat",
        _ => "g",
    }
}

/// The bias-correction section of run `sel` at step k.
pub fn bias_section(
    doc: &Document,
    lang: Lang,
    scene: &Scene,
    sel: usize,
    insp: Option<&Inspection>,
    k: usize,
) -> Result<Element, JsValue> {
    let sec = el(
        doc,
        "section",
        &[("class", "state-bias"), ("id", "state-bias")],
        None,
    )?;
    add(
        &sec,
        &el(doc, "h4", &[], Some(tr(lang, "state.bias.title")))?,
    )?;
    let lab = el(
        doc,
        "label",
        &[("class", "row")],
        Some(tr(lang, "state.bias.pick")),
    )?;
    let select = el(
        doc,
        "select",
        &[
            ("id", "state-run"),
            ("aria-label", tr(lang, "state.bias.pick")),
        ],
        None,
    )?;
    for (j, spec) in scene.optimizers.iter().enumerate() {
        if has_bias_correction(spec.kind) {
            let text = format!("{}. {}", j + 1, opt_label(spec, scene.convention, lang));
            add(
                &select,
                &el(doc, "option", &[("value", &j.to_string())], Some(&text))?,
            )?;
        }
    }
    select
        .unchecked_ref::<HtmlSelectElement>()
        .set_value(&sel.to_string());
    add(&lab, &select)?;
    add(&sec, &lab)?;
    let canvas = el(
        doc,
        "canvas",
        &[
            ("id", "bias-chart"),
            ("role", "img"),
            ("aria-label", tr(lang, "state.bias.title")),
        ],
        None,
    )?;
    add(&sec, &canvas)?;
    add(
        &sec,
        &el(
            doc,
            "p",
            &[("class", "hint")],
            Some(&trf(lang, "state.bias.legend", &[&k.to_string()])),
        )?,
    )?;
    let spec = scene.optimizers[sel];
    let h = spec.hyper;
    if let Some(x) = insp {
        let (c1, c2) = x.bias_factors().unwrap_or((1.0, 1.0));
        let (on1, on2) = x.bias_denominators_on();
        sec.set_attribute("data-k", &k.to_string())?;
        sec.set_attribute("data-run", &sel.to_string())?;
        sec.set_attribute("data-c1", &full(c1))?;
        sec.set_attribute("data-c2", &full(c2))?;
        sec.set_attribute(
            "data-bias-correction",
            if h.bias_correction { "true" } else { "false" },
        )?;
        let text = if h.bias_correction {
            trf(
                lang,
                "state.bias.on",
                &[
                    &k.to_string(),
                    &readout(on1),
                    &readout(on2),
                    &readout(c1),
                    &readout(c2),
                ],
            )
        } else {
            trf(
                lang,
                "state.bias.off",
                &[&k.to_string(), &readout(1.0 / on1), &readout(1.0 / on2)],
            )
        };
        add(&sec, &el(doc, "p", &[("class", "bias-text")], Some(&text))?)?;
        let table = el(doc, "table", &[("class", "insp-table bias-table")], None)?;
        add(&table, &head_row(doc, "")?)?;
        for (q, sym, v) in x.bias_rows() {
            let th = el(doc, "th", &[("scope", "row")], None)?;
            add(&th, &math(doc, &sym)?)?;
            add(&table, &value_row(doc, bias_key(q), &th, v)?)?;
        }
        add(&sec, &table)?;
    }
    add(
        &sec,
        &el(
            doc,
            "p",
            &[("class", "hint")],
            Some(&trf(lang, "state.bias.seed", &[&readout(1.0 - h.beta1)])),
        )?,
    )?;
    Ok(sec)
}

// ---------------------------------------------------------------- chart

/// The bias chart's labels' size, in its own units (CSS px at scale 1).
const LABEL_PX: f64 = 11.0;

/// The chart's own width (its units) from which its three parts stand side
/// by side: each 120 units wide.
const SIDE_BY_SIDE: f64 = 360.0;

/// The bias chart's canvas and what it was drawn for: size, step, theme,
/// scale (bits), the series.
type Drawn = (
    HtmlCanvasElement,
    (u32, u32, usize, bool, u64),
    Vec<BiasPoint>,
);

thread_local! {
    static DRAWN: RefCell<Option<Drawn>> = const { RefCell::new(None) };
}

/// Forget what the bias chart shows: the next call draws it (a test's
/// redraw from nothing).
pub fn forget_drawn() {
    DRAWN.with(|d| d.borrow_mut().take());
}

/// The bias chart: factors, m and m̂, v and v̂ over the first steps, with
/// step k marked.
pub fn draw_bias_chart(
    canvas: &HtmlCanvasElement,
    dpr: f64,
    series: &[BiasPoint],
    k: usize,
    dark: bool,
    style: &Style,
) -> Result<(), JsValue> {
    // Its own units: CSS pixels divided by its scale.
    let cw = crate::web::sizes::client_size(canvas).0.max(200.0);
    // Presenting, the three stay side by side at a smaller scale where the
    // column is too narrow for them at the presenter's, down to 1.25× the
    // design (15 px labels): stacked at 20 px on a 1280×720 projector the
    // chart was 655 px tall and pushed the first run's table off screen.
    let s0 = style.chart_scale(LABEL_PX);
    let s = s0.min((cw / SIDE_BY_SIDE).max(s0.min(1.25)));
    let w = cw / s;
    // Side by side from 480 CSS px: the chart beside the canvas (lesson 8)
    // fits on a laptop screen, and presenting at 1920×1080 with the first
    // run's table under it (stacked it took 60 % of the height) — while
    // each of the three is 120 units wide (presenting at 1280, stacked).
    let stacked = cw < 480.0 || w < SIDE_BY_SIDE;
    // A window under 800 px tall (a 1280×720 projector) takes 14 units off
    // side by side: presenting lesson 8 there, the line under the table
    // (the step's sum) was 5 px under the screen's edge.
    let short = web_sys::window()
        .and_then(|win| crate::web::sizes::window_size(&win).ok())
        .is_some_and(|(_, wh)| wh < 800.0);
    let cell_h = match (stacked, short) {
        (true, _) => 120.0,
        (false, true) => 136.0,
        (false, false) => 150.0,
    };
    let h = if stacked { 3.0 * cell_h } else { cell_h };
    let css = canvas.unchecked_ref::<HtmlElement>().style();
    let height = format!("{}px", h * s);
    if css.get_property_value("height").ok().as_deref() != Some(height.as_str()) {
        css.set_property("height", &height)?;
    }
    // (Here: the panel's rebuild drops what the fresh copy does not have.)
    let px = (LABEL_PX * s * 100.0).round() / 100.0;
    let px = px.to_string();
    crate::web::dom::set_attr(canvas, "data-chart-px", &px)?;
    let (pw, ph) = ((cw * dpr).round() as u32, (h * s * dpr).round() as u32);
    // The state panel is rebuilt at every input of a drag; the chart only
    // when what it shows changed (its canvas keeps the same pixels).
    let inputs = (pw, ph, k, dark, s.to_bits());
    let same = DRAWN.with(|d| {
        matches!(&*d.borrow(), Some((c, i, s)) if c.is_same_node(Some(canvas))
            && *i == inputs && s[..] == series[..])
    });
    if same && canvas.width() == pw && canvas.height() == ph {
        return Ok(());
    }
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    DRAWN.with(|d| *d.borrow_mut() = Some((canvas.clone(), inputs, series.to_vec())));
    let ctx = super::super::draw::context(canvas)?;
    ctx.set_transform(dpr * s, 0.0, 0.0, dpr * s, 0.0, 0.0)?;
    ctx.clear_rect(0.0, 0.0, w, h);
    let fg = if dark { "#d8d8e0" } else { "#333340" };
    let grid = if dark {
        "rgba(255,255,255,0.15)"
    } else {
        "rgba(0,0,0,0.12)"
    };
    // The coordinates in colours no run has (the Okabe–Ito palette's
    // orange and blue read as lesson 8's two runs, with and without
    // correction): purple and brown, apart in lightness too.
    let (c_x1, c_x2) = if dark {
        ("#b58cf0", "#d9a066")
    } else {
        ("#6a3d9a", "#a6611a")
    };
    let cells: Vec<(f64, f64, f64, f64)> = (0..3)
        .map(|j| {
            let j = j as f64;
            if stacked {
                (0.0, j * cell_h, w, cell_h)
            } else {
                (j * w / 3.0, 0.0, w / 3.0, cell_h)
            }
        })
        .collect();
    let n = series.len().max(1) as f64;
    crate::web::draw::set_font(&ctx, &format!("{LABEL_PX}px system-ui, sans-serif"));
    // Each panel: (title, log axis, lines: (values, colour, dashed)).
    type Line = (Vec<f64>, &'static str, bool);
    let col = |f: &dyn Fn(&BiasPoint) -> f64| series.iter().map(f).collect::<Vec<f64>>();
    let on = series.first().is_none_or(|p| p.c1 == p.c1_on);
    let faint = "rgba(128,128,128,0.6)";
    let mut factors: Vec<Line> = vec![
        (col(&|p| p.c1_on), if on { fg } else { faint }, false),
        (col(&|p| p.c2_on), if on { fg } else { faint }, true),
    ];
    if !on {
        // Off: both factors are 1; the grey lines are what they would be.
        factors.push((col(&|p| p.c1), c_x1, false));
    }
    let panels: [(&str, bool, Vec<Line>); 3] = [
        // One formula, two βs: the long form squeezed in a narrow cell.
        ("① 1/(1−βᵏ): β₁ (—), β₂ (- -)", true, factors),
        (
            "② m (- -), m̂ (—)",
            false,
            vec![
                (col(&|p| p.m[0]), c_x1, true),
                (col(&|p| p.m[1]), c_x2, true),
                (col(&|p| p.m_hat[0]), c_x1, false),
                (col(&|p| p.m_hat[1]), c_x2, false),
            ],
        ),
        (
            "③ v (- -), v̂ (—)",
            true,
            vec![
                (col(&|p| p.v[0]), c_x1, true),
                (col(&|p| p.v[1]), c_x2, true),
                (col(&|p| p.v_hat[0]), c_x1, false),
                (col(&|p| p.v_hat[1]), c_x2, false),
            ],
        ),
    ];
    for (j, ((title, log, lines), &(x0, y0, cw, ch))) in panels.iter().zip(&cells).enumerate() {
        let (left, right, top, bottom) = (x0 + 44.0, x0 + cw - 8.0, y0 + 16.0, y0 + ch - 18.0);
        let tf = |v: f64| {
            if *log {
                gradscape_core::math::log10(v.max(1e-300))
            } else {
                v
            }
        };
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for (vals, _, _) in lines {
            for &v in vals {
                if *log && v <= 0.0 {
                    continue;
                }
                let t = tf(v);
                if t.is_finite() {
                    lo = lo.min(t);
                    hi = hi.max(t);
                }
            }
        }
        if !*log {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        }
        if !lo.is_finite() || !hi.is_finite() {
            lo = 0.0;
            hi = 1.0;
        }
        if hi - lo < 1e-12 {
            lo -= 1.0;
            hi += 1.0;
        }
        let x_of = |s: f64| left + (s - 1.0) / (n - 1.0).max(1.0) * (right - left);
        let y_of = |v: f64| bottom - (tf(v).clamp(lo, hi) - lo) / (hi - lo) * (bottom - top);
        // Frame and labels.
        ctx.set_stroke_style_str(grid);
        ctx.set_line_width(1.0);
        ctx.stroke_rect(left, top, right - left, bottom - top);
        ctx.set_fill_style_str(fg);
        // Within its own cell: a narrow chart squeezes the title, never
        // runs it into the next one.
        ctx.fill_text_with_max_width(title, x0 + 4.0, y0 + 11.0, (cw - 8.0).max(10.0))?;
        let lab = |v: f64| {
            if *log {
                format!("1e{}", v.round() as i64)
            } else {
                readout(v)
            }
        };
        ctx.fill_text(&lab(hi), x0 + 2.0, top + 8.0)?;
        ctx.fill_text(&lab(lo), x0 + 2.0, bottom)?;
        ctx.fill_text("1", left - 3.0, bottom + 13.0)?;
        let nlab = format!("{}", series.len());
        ctx.fill_text(&nlab, right - 14.0, bottom + 13.0)?;
        if !*log {
            let y = y_of(0.0);
            ctx.begin_path();
            ctx.move_to(left, y);
            ctx.line_to(right, y);
            ctx.stroke();
        }
        for (vals, colour, dashed) in lines {
            ctx.begin_path();
            let mut started = false;
            for (j, &v) in vals.iter().enumerate() {
                if *log && v <= 0.0 {
                    started = false;
                    continue;
                }
                let (x, y) = (x_of((j + 1) as f64), y_of(v));
                if started {
                    ctx.line_to(x, y);
                } else {
                    ctx.move_to(x, y);
                    started = true;
                }
            }
            overlay_dash(&ctx, if *dashed { &[5.0, 3.0] } else { &[] })?;
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(if *dashed { 1.5 } else { 2.0 });
            ctx.stroke();
        }
        overlay_dash(&ctx, &[])?;
        // ② and ③: each coordinate's name at the end of its solid line, in
        // its colour (the key under the chart may be off a projector's
        // screen), a label's height apart.
        if j > 0 {
            let end = |i: usize| lines.get(i).and_then(|l| l.0.last().copied()).map(y_of);
            if let (Some(a), Some(b)) = (end(2), end(3)) {
                let gap = LABEL_PX + 1.0;
                let (mut ya, mut yb) = (a - 4.0, b - 4.0);
                if (ya - yb).abs() < gap {
                    let mid = (ya + yb) / 2.0;
                    let s = if ya <= yb { -1.0 } else { 1.0 };
                    (ya, yb) = (mid + s * gap / 2.0, mid - s * gap / 2.0);
                }
                // Both moved together into the plot, so they stay apart.
                let shift =
                    (top + LABEL_PX - ya.min(yb)).max(0.0) + (bottom - 2.0 - ya.max(yb)).min(0.0);
                for (y, text, colour) in [(ya, "x₁", c_x1), (yb, "x₂", c_x2)] {
                    ground(&ctx, text, right - 18.0, y + shift, dark)?;
                    ctx.set_fill_style_str(colour);
                    ctx.fill_text(text, right - 18.0, y + shift)?;
                }
                ctx.set_fill_style_str(fg);
            }
        }
        // The current step.
        if (1..=series.len()).contains(&k) {
            let x = x_of(k as f64);
            ctx.begin_path();
            ctx.move_to(x, top);
            ctx.line_to(x, bottom);
            ctx.set_stroke_style_str("rgba(128,128,128,0.9)");
            ctx.set_line_width(1.5);
            ctx.stroke();
            for (vals, colour, _) in lines {
                let v = vals[k - 1];
                if *log && v <= 0.0 {
                    continue;
                }
                ctx.begin_path();
                ctx.arc(x, y_of(v), 3.0, 0.0, std::f64::consts::TAU)?;
                ctx.set_fill_style_str(colour);
                ctx.fill();
            }
            let (label, lx) = (format!("k={k}"), (x + 3.0).min(right - 30.0));
            ground(&ctx, &label, lx, bottom - 3.0, dark)?;
            ctx.set_fill_style_str(fg);
            ctx.fill_text(&label, lx, bottom - 3.0)?;
        }
    }
    canvas.set_attribute("data-steps", &series.len().to_string())?;
    canvas.set_attribute("data-k", &k.to_string())?;
    Ok(())
}

/// A label's ground in the page's background (style.css `--bg`), drawn
/// under it: a box a little larger than its words, so the lines it sits
/// on no longer strike through its letters ("x₁" on m's dashed line, "k=4"
/// on m̂'s; a halo round the letters alone left the line between them).
fn ground(
    ctx: &web_sys::CanvasRenderingContext2d,
    text: &str,
    x: f64,
    y: f64,
    dark: bool,
) -> Result<(), JsValue> {
    // Saved and restored: a round join left on the context changed the
    // next drawing's lines (a chart drawn again differed from the first).
    let w = ctx.measure_text(text)?.width();
    ctx.save();
    ctx.set_fill_style_str(if dark {
        "rgba(19,19,24,0.88)"
    } else {
        "rgba(255,255,255,0.88)"
    });
    // From the top of its capitals to the foot of its subscripts.
    ctx.fill_rect(x - 0.5, y - 0.85 * LABEL_PX, w + 2.5, 1.15 * LABEL_PX);
    ctx.restore();
    Ok(())
}

fn overlay_dash(ctx: &web_sys::CanvasRenderingContext2d, p: &[f64]) -> Result<(), JsValue> {
    let a = js_sys::Array::new();
    for v in p {
        a.push(&JsValue::from_f64(*v));
    }
    ctx.set_line_dash(&a)
}
