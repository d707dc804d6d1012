//! A standalone SVG figure of a scene, for PDF course notes: log-spaced
//! isolines coloured by the colormap, trajectories with a dot at every step,
//! axes with ticks, the known minima and a legend — laid out by the room
//! there is ([`space`]), so a 200×150 thumbnail says less in the same type
//! instead of piling its words on the plot.
//!
//! It is written for every renderer an author may feed it (browsers,
//! librsvg, resvg, Inkscape, ImageMagick): presentation attributes only (no
//! CSS `<style>`), no `dominant-baseline`, plain user units, and a font list
//! that starts with the two families the CLI embeds ([`FONT_FAMILY`]).

mod draw;
pub mod space;

use crate::diagnose::{status_at, status_text};
use crate::optim::run_label;
use crate::{trf, Lang};
use gradscape_core::diagnose::{diagnose, Diagnosis, Health};
use gradscape_core::geometry::Viewport;
use gradscape_core::inspect::{l2_isolines, l2_lambda};
use gradscape_core::landscape::{Landscape, View};
use gradscape_core::run::{Stop, Trajectory};
use gradscape_core::scene::Scene;
use gradscape_core::surface::{colormap, isolines, Grid, LogScale};
use gradscape_core::Vec2;
pub use space::text_width;
use space::{Counter, Words, AXIS_PX, BOTTOM, RIGHT, TEXT_PX, TITLE_PX};
use std::borrow::Cow;
use std::fmt::Write;

/// Size and detail of a figure.
#[derive(Debug, Clone)]
pub struct SvgOptions {
    /// Width in px (user units).
    pub width: u32,
    /// Height in px.
    pub height: u32,
    /// Number of isoline levels.
    pub levels: usize,
    /// The language of the legend.
    pub lang: Lang,
    /// Draw the runs as they are after this step (an animation's frame:
    /// trails so far, the run's shape at the current point, the legend's state then,
    /// "step k of N" at the top); `None` draws the whole runs.
    pub step: Option<usize>,
    /// The runs switched off (by position; missing: shown), as the page's
    /// legend boxes: not drawn, not in the legend; the others keep their
    /// colours and marks.
    pub hidden: Vec<bool>,
}

/// The figure's `font-family`: the families the CLI embeds first (DejaVu
/// Sans for Latin, Greek and symbols; Noto Sans CJK SC for 中文), so a file
/// looks the same wherever those are installed, then common fallbacks.
pub const FONT_FAMILY: &str =
    "DejaVu Sans, Noto Sans CJK SC, Helvetica, Arial, Microsoft YaHei, PingFang SC, sans-serif";

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            width: 800,
            height: 560,
            levels: 14,
            lang: Lang::En,
            step: None,
            hidden: Vec::new(),
        }
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// The label a legend shows for a run: its optimizer and how it ended, in
/// the words of the page's legend (the core's diagnosis: "f = 0.089",
/// "diverging: loss ×5.3e5", "diverged at step 6", "stopped at step 2: …").
pub fn run_caption(landscape: &Landscape, t: &Trajectory, lang: Lang) -> String {
    let end = status_text(&diagnose(landscape, t), t, lang);
    format!("{} — {end}", run_label(t, lang))
}

/// The run as it stands after step `k`: its first k + 1 points, completed
/// so far. A run that stopped at step s ≤ k (diverged, or a step it could
/// not take) is returned whole; before s it is still running.
pub fn run_at(t: &Trajectory, k: usize) -> Cow<'_, Trajectory> {
    let stopped = match t.stop {
        Stop::Completed => k + 1 >= t.points.len(),
        Stop::Diverged { step } | Stop::Fault { step, .. } => k >= step,
    };
    if stopped || t.points.is_empty() {
        return Cow::Borrowed(t);
    }
    let k = k.min(t.points.len() - 1);
    Cow::Owned(Trajectory {
        spec: t.spec,
        convention: t.convention,
        points: t.points[..=k].to_vec(),
        loss: t.loss[..(k + 1).min(t.loss.len())].to_vec(),
        states: t.states[..k.min(t.states.len())].to_vec(),
        lr: t.lr[..k.min(t.lr.len())].to_vec(),
        momentum: t.momentum[..k.min(t.momentum.len())].to_vec(),
        stop: Stop::Completed,
        left: None,
    })
}

/// The figure's titles, longest first: the surface, convention and steps
/// ("f = 0.1·x₁² + 2·x₂² · d2l convention · 20 steps"), then the surface
/// alone. A figure (and the page's PNG and animation) shows the first that
/// fits its width.
pub fn titles(scene: &Scene, lang: Lang) -> [String; 2] {
    let formula = scene.landscape.formula();
    let full = trf(
        lang,
        "svg.title",
        &[&formula, scene.convention.name(), &scene.steps.to_string()],
    );
    [full, formula]
}

/// A frame's step counter, long and short, at step `k` and at the last.
fn counter(lang: Lang, k: usize, steps: usize) -> Counter {
    let words = |key: &str, k: usize| trf(lang, key, &[&k.to_string(), &steps.to_string()]);
    Counter {
        long: [words("svg.step", k), words("svg.step", steps)],
        short: [words("svg.step_short", k), words("svg.step_short", steps)],
    }
}

/// Render a scene and its runs as SVG text.
pub fn render(scene: &Scene, all: &[Trajectory], opt: &SvgOptions) -> String {
    let (width, height) = (opt.width.max(200) as f64, opt.height.max(150) as f64);
    // The runs shown, each with its position (its colour and mark).
    let (index, runs): (Vec<usize>, Vec<&Trajectory>) = all
        .iter()
        .enumerate()
        .filter(|(i, _)| !opt.hidden.get(*i).copied().unwrap_or(false))
        .unzip();
    let frame: Vec<Cow<Trajectory>> = runs
        .iter()
        .map(|&t| match opt.step {
            Some(k) => run_at(t, k),
            None => Cow::Borrowed(t),
        })
        .collect();
    let view = scene.view();
    // World → the plot rectangle; far points (divergence) are pulled in so
    // renderers stay sane. The band above it first, then the y tick
    // labels' room, then the legend take what they need.
    let full = |left: f64, top: f64| Viewport {
        view,
        left,
        top,
        w: width - left - RIGHT,
        h: height - top - BOTTOM,
    };
    let left = space::plot_left(&full(space::LEFT, space::TOP));
    let steps = scene.steps;
    let band = space::band(
        width,
        left,
        width - RIGHT,
        &titles(scene, opt.lang),
        opt.step.map(|k| counter(opt.lang, k.min(steps), steps)),
    );
    let f = full(left, band.top);
    // Each run's words at the frame's step (the page legend's then, see
    // `status_at`), and at the end.
    let diags: Vec<_> = runs.iter().map(|t| diagnose(&scene.landscape, t)).collect();
    let legend_words = |(t, d): (&&Trajectory, &Diagnosis), k: Option<usize>| {
        let label = run_label(t, opt.lang);
        // Gone wrong by then: its words in the error red, as the page's.
        let (status, wrong) = match k {
            Some(k) => status_at(d, t, k, opt.lang),
            None => (status_text(d, t, opt.lang), d.health != Health::Ok),
        };
        (format!("{label} — {status}"), label, (status, wrong))
    };
    let captions: Vec<_> = runs
        .iter()
        .zip(&diags)
        .map(|r| legend_words(r, opt.step))
        .collect();
    // The legend's form holds through an animation: it is chosen for its
    // widest words (now or at the end) and for every point of the trails.
    type Entry = (String, String, (String, bool));
    let widest = |pick: fn(&Entry) -> &String| {
        let now = captions.iter().map(|c| text_width(pick(c), TEXT_PX));
        let end = opt.step.map(|_| {
            runs.iter()
                .zip(&diags)
                .map(|r| text_width(pick(&legend_words(r, None)), TEXT_PX))
        });
        now.chain(end.into_iter().flatten()).fold(0.0, f64::max)
    };
    let words = Words {
        full: widest(|c| &c.0),
        short: widest(|c| &c.1),
        n: frame.len(),
    };
    // Isolines, coloured by their level (the dark half of viridis reads on
    // white), sampled on the plot as it is before a legend takes room.
    let gw = ((f.w / 3.0) as usize).clamp(40, 400);
    let gh = ((f.h / 3.0) as usize).clamp(40, 400);
    let grid = Grid::sample(&scene.landscape, view, gw, gh);
    // The known minima, and the lowest sample of the view (most formulas'
    // minima are not known: the valley is what the figure is about).
    let mut lows = scene.landscape.minima();
    let lowest = grid
        .values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .min_by(|a, b| a.1.total_cmp(b.1));
    if let Some((k, _)) = lowest {
        lows.push(grid.pos((k % grid.w) as f64, (k / grid.w) as f64));
    }
    let marks = match opt.step {
        Some(_) => draw::figure_marks(&f, runs, &lows, true),
        None => draw::figure_marks(&f, frame.iter().map(|t| &**t), &lows, false),
    };
    let (legend, f) = space::legend(&f, width, height, words, &marks);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}" font-size="12" text-rendering="geometricPrecision">"#
    );
    let _ = writeln!(
        s,
        r#"<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>"#
    );
    let _ = writeln!(
        s,
        r#"<defs><clipPath id="plot"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs>"#,
        f.left, f.top, f.w, f.h
    );
    if let Some((x, title)) = &band.title {
        let _ = writeln!(
            s,
            r#"<text x="{x}" y="20" font-size="{TITLE_PX}">{}</text>"#,
            esc(title)
        );
    }
    if let Some(c) = &band.counter {
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="20" font-size="{TITLE_PX}" text-anchor="end">{}</text>"#,
            f.left + f.w,
            esc(c)
        );
    }
    let scale = LogScale::of(&grid);
    let _ = writeln!(
        s,
        r#"<g clip-path="url(#plot)" fill="none" stroke-width="1">"#
    );
    for (t, level) in scale.levels(opt.levels) {
        let d = path_d(&f, &isolines(&grid, level));
        if !d.is_empty() {
            let _ = writeln!(s, r#"<path stroke="{}" d="{d}"/>"#, hex(colormap(t * 0.85)));
        }
    }
    let _ = writeln!(s, "</g>");
    l2_isolines_of(&mut s, &f, scene, &frame, view, (gw, gh));
    axes(&mut s, &f, width, height, band.top);
    // Minima, then the trails, clipped to the plot.
    let _ = writeln!(s, r#"<g clip-path="url(#plot)">"#);
    for m in scene.landscape.minima() {
        let (x, y) = f.px(m);
        let _ = writeln!(
            s,
            r##"<path d="M{:.1} {:.1}l10 0M{:.1} {:.1}l0 10" stroke="#111" stroke-width="1.5"/>"##,
            x - 5.0,
            y,
            x,
            y - 5.0
        );
    }
    for (t, &i) in frame.iter().zip(&index) {
        draw::run(&mut s, &f, i, t, opt.step.is_some());
    }
    let _ = writeln!(s, "</g>");
    if let Some(l) = &legend {
        let shown: Vec<draw::Caption> = captions
            .into_iter()
            .zip(&index)
            .map(|((_, label, (status, wrong)), &index)| draw::Caption {
                index,
                label,
                status: l.full.then_some(status),
                wrong,
            })
            .collect();
        draw::legend(&mut s, l, &shown);
    }
    s.push_str("</svg>\n");
    s
}

/// An SVG path's `d` of world polylines (isolines) on the plot.
fn path_d(f: &Viewport, lines: &[Vec<Vec2>]) -> String {
    let mut d = String::new();
    for line in lines {
        for (k, p) in line.iter().enumerate() {
            let (x, y) = f.px(*p);
            let _ = write!(d, "{}{:.1} {:.1}", if k == 0 { "M" } else { "L" }, x, y);
        }
    }
    d
}

/// The dashed isolines of f + λ/2·‖x‖² for the first Adam+L2 run shown,
/// as the page draws them whenever one is (lesson 9's caption points at
/// their centre): a black dash under a white one.
fn l2_isolines_of(
    s: &mut String,
    f: &Viewport,
    scene: &Scene,
    frame: &[Cow<Trajectory>],
    view: View,
    (gw, gh): (usize, usize),
) {
    let Some(lambda) = l2_lambda(frame.iter().map(|t| &t.spec)) else {
        return;
    };
    let d = path_d(f, &l2_isolines(&scene.landscape, lambda, view, gw, gh));
    if !d.is_empty() {
        let _ = writeln!(
            s,
            r##"<g class="l2" clip-path="url(#plot)" fill="none" stroke-dasharray="7 5"><path stroke="#000" stroke-opacity="0.55" stroke-width="3" d="{d}"/><path stroke="#fff" stroke-opacity="0.95" stroke-width="1.5" d="{d}"/></g>"##
        );
    }
}

/// The plot's frame, its ticks (labelled where they do not crowd) and the
/// axes' names x₁ and x₂.
fn axes(s: &mut String, f: &Viewport, width: f64, height: f64, band_top: f64) {
    let _ = writeln!(
        s,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#333"/>"##,
        f.left, f.top, f.w, f.h
    );
    let yb = f.top + f.h;
    for (v, label) in space::x_ticks(f, width) {
        let (x, _) = f.px([v, f.view.y0]);
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{yb}" x2="{x:.1}" y2="{}" stroke="#333"/>"##,
            yb + 5.0
        );
        if let Some(l) = label {
            let _ = write!(
                s,
                r#"<text x="{x:.1}" y="{}" text-anchor="middle">{l}</text>"#,
                yb + 18.0
            );
        }
        s.push('\n');
    }
    // The band's text ends 2.6 px under its baseline (20).
    let band_end = if band_top > space::TOP - 1.0 {
        22.6
    } else {
        0.0
    };
    for (v, label) in space::y_ticks(f, height, band_end) {
        let (_, y) = f.px([f.view.x0, v]);
        let _ = write!(
            s,
            r##"<line x1="{}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#333"/>"##,
            f.left - 5.0,
            f.left
        );
        if let Some(l) = label {
            let _ = write!(
                s,
                r#"<text x="{}" y="{:.1}" text-anchor="end">{l}</text>"#,
                f.left - 8.0,
                y + 4.0
            );
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{}" text-anchor="middle" font-size="{AXIS_PX}">x₁</text>"#,
        f.left + f.w / 2.0,
        yb + 36.0
    );
    let _ = writeln!(
        s,
        r#"<text x="16" y="{:.1}" text-anchor="middle" font-size="{AXIS_PX}" transform="rotate(-90 16 {:.1})">x₂</text>"#,
        f.top + f.h / 2.0,
        f.top + f.h / 2.0
    );
}

#[cfg(test)]
mod tests;
