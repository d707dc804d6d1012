//! A standalone SVG figure of a scene, for PDF course notes: log-spaced
//! isolines coloured by the colormap, trajectories with a dot at every step,
//! axes with ticks, the known minima and a legend.

use crate::optim::opt_label;
use crate::{trf, Lang};
use gradscape_core::format::{short, tick_label};
use gradscape_core::geometry::Viewport;
use gradscape_core::run::{Stop, Trajectory};
use gradscape_core::scene::Scene;
use gradscape_core::surface::{colormap, isolines, palette, ticks, Grid, LogScale};
use std::fmt::Write;

/// Size and detail of a figure.
#[derive(Debug, Clone, Copy)]
pub struct SvgOptions {
    /// Width in px (user units).
    pub width: u32,
    /// Height in px.
    pub height: u32,
    /// Number of isoline levels.
    pub levels: usize,
    /// The language of the legend.
    pub lang: Lang,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            width: 800,
            height: 560,
            levels: 14,
            lang: Lang::En,
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

/// The label a legend shows for a run: its optimizer and how it ended.
pub fn run_caption(t: &Trajectory, lang: Lang) -> String {
    let last = t.loss.last().copied().unwrap_or(f64::NAN);
    let end = match t.stop {
        Stop::Completed => trf(lang, "status.f", &[&short(last)]),
        Stop::Diverged { step } => trf(lang, "status.diverged", &[&step.to_string()]),
    };
    format!("{} — {end}", opt_label(&t.spec, lang))
}

/// Render a scene and its runs as SVG text.
pub fn render(scene: &Scene, runs: &[Trajectory], opt: &SvgOptions) -> String {
    let (width, height) = (opt.width.max(200) as f64, opt.height.max(150) as f64);
    let view = scene.view();
    // World → the plot rectangle; far points (divergence) are pulled in so
    // renderers stay sane.
    let f = Viewport {
        view,
        left: 62.0,
        top: 34.0,
        w: width - 62.0 - 18.0,
        h: height - 34.0 - 46.0,
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<defs><clipPath id="plot"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs>"#,
        f.left, f.top, f.w, f.h
    );
    // Title: the surface and the convention.
    let title = trf(
        opt.lang,
        "svg.title",
        &[
            &scene.landscape.formula(),
            scene.convention.name(),
            &scene.steps.to_string(),
        ],
    );
    let _ = writeln!(
        s,
        r#"<text x="{}" y="20" font-size="13">{}</text>"#,
        f.left,
        esc(&title)
    );
    // Isolines, coloured by their level (the dark half of viridis reads on white).
    let gw = ((f.w / 3.0) as usize).clamp(40, 400);
    let gh = ((f.h / 3.0) as usize).clamp(40, 400);
    let grid = Grid::sample(&scene.landscape, view, gw, gh);
    let scale = LogScale::of(&grid);
    let _ = writeln!(
        s,
        r#"<g clip-path="url(#plot)" fill="none" stroke-width="1">"#
    );
    for (t, level) in scale.levels(opt.levels) {
        let mut d = String::new();
        for line in isolines(&grid, level) {
            for (k, p) in line.iter().enumerate() {
                let (x, y) = f.px(*p);
                let _ = write!(d, "{}{:.1} {:.1}", if k == 0 { "M" } else { "L" }, x, y);
            }
        }
        if !d.is_empty() {
            let _ = writeln!(s, r#"<path stroke="{}" d="{d}"/>"#, hex(colormap(t * 0.85)));
        }
    }
    let _ = writeln!(s, "</g>");
    // Axes and ticks.
    let _ = writeln!(
        s,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#333"/>"##,
        f.left, f.top, f.w, f.h
    );
    let nx = ((f.w / 90.0) as usize).max(3);
    let ny = ((f.h / 70.0) as usize).max(3);
    for v in ticks(view.x0, view.x1, nx) {
        let (x, _) = f.px([v, view.y0]);
        let yb = f.top + f.h;
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{yb}" x2="{x:.1}" y2="{}" stroke="#333"/><text x="{x:.1}" y="{}" text-anchor="middle">{}</text>"##,
            yb + 5.0,
            yb + 18.0,
            tick_label(v)
        );
    }
    for v in ticks(view.y0, view.y1, ny) {
        let (_, y) = f.px([view.x0, v]);
        let _ = writeln!(
            s,
            r##"<line x1="{}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#333"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            f.left - 5.0,
            f.left,
            f.left - 8.0,
            y + 4.0,
            tick_label(v)
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{}" text-anchor="middle" font-style="italic">x₁</text>"#,
        f.left + f.w / 2.0,
        height - 10.0
    );
    let _ = writeln!(
        s,
        r#"<text x="16" y="{:.1}" text-anchor="middle" font-style="italic" transform="rotate(-90 16 {:.1})">x₂</text>"#,
        f.top + f.h / 2.0,
        f.top + f.h / 2.0
    );
    // Minima.
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
    // Trajectories: one path each, a dot per step, start ring, divergence cross.
    for (i, t) in runs.iter().enumerate() {
        let col = palette(i);
        let mut d = String::new();
        for (k, p) in t.points.iter().enumerate() {
            let (x, y) = f.px(*p);
            let _ = write!(d, "{}{:.2} {:.2}", if k == 0 { "M" } else { "L" }, x, y);
        }
        let _ = writeln!(
            s,
            r#"<g class="run" data-kind="{}"><path d="{d}" fill="none" stroke="white" stroke-width="3.5" stroke-opacity="0.8"/><path d="{d}" fill="none" stroke="{col}" stroke-width="1.8"/>"#,
            t.spec.kind.name()
        );
        for p in &t.points {
            let (x, y) = f.px(*p);
            let _ = write!(
                s,
                r#"<circle cx="{x:.2}" cy="{y:.2}" r="2.6" fill="{col}"/>"#
            );
        }
        if let Some(p) = t.points.first() {
            let (x, y) = f.px(*p);
            let _ = write!(
                s,
                r##"<circle cx="{x:.2}" cy="{y:.2}" r="5" fill="none" stroke="#111" stroke-width="1.2"/>"##
            );
        }
        if let (Stop::Diverged { .. }, Some(p)) = (t.stop, t.points.last()) {
            let (x, y) = f.px(*p);
            let _ = write!(
                s,
                r#"<path d="M{:.1} {:.1}l12 12M{:.1} {:.1}l-12 12" stroke="{col}" stroke-width="3"/>"#,
                x - 6.0,
                y - 6.0,
                x + 6.0,
                y - 6.0
            );
        }
        let _ = writeln!(s, "</g>");
    }
    let _ = writeln!(s, "</g>");
    // Legend, top right inside the plot.
    if !runs.is_empty() {
        let captions: Vec<String> = runs.iter().map(|t| run_caption(t, opt.lang)).collect();
        let longest = captions
            .iter()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0) as f64;
        let lw = 34.0 + longest * 6.4;
        let lh = 10.0 + 18.0 * runs.len() as f64;
        let lx = f.left + f.w - lw - 8.0;
        let ly = f.top + 8.0;
        let _ = writeln!(
            s,
            r##"<g class="legend"><rect x="{lx:.1}" y="{ly:.1}" width="{lw:.1}" height="{lh:.1}" fill="white" fill-opacity="0.9" stroke="#999"/>"##
        );
        for (i, c) in captions.iter().enumerate() {
            let y = ly + 16.0 + 18.0 * i as f64;
            let _ = writeln!(
                s,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="3"/><text x="{:.1}" y="{:.1}">{}</text>"#,
                lx + 8.0,
                y - 4.0,
                lx + 26.0,
                y - 4.0,
                palette(i),
                lx + 32.0,
                y,
                esc(c)
            );
        }
        let _ = writeln!(s, "</g>");
    }
    s.push_str("</svg>\n");
    s
}
