//! A standalone SVG figure of a scene, for PDF course notes: log-spaced
//! isolines coloured by the colormap, trajectories with a dot at every step,
//! axes with ticks, the known minima and a legend.

use crate::optim::opt_label;
use crate::{trf, Lang};
use gradscape_core::format::{short, tick_label};
use gradscape_core::geometry::Viewport;
use gradscape_core::run::{Stop, Trajectory};
use gradscape_core::scene::Scene;
use gradscape_core::surface::{colormap, isolines, mark, ticks, Grid, LogScale, Mark, Marker};
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
        Stop::Fault { step, fault } => crate::diagnose::fault_status(fault, step, lang),
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
        let mk = mark(i);
        let col = mk.colour;
        let dash = dash_attr(&mk);
        let mut d = String::new();
        for (k, p) in t.points.iter().enumerate() {
            let (x, y) = f.px(*p);
            let _ = write!(d, "{}{:.2} {:.2}", if k == 0 { "M" } else { "L" }, x, y);
        }
        let _ = writeln!(
            s,
            r#"<g class="run" data-kind="{}"><path d="{d}" fill="none" stroke="white" stroke-width="3.5" stroke-opacity="0.8"/><path d="{d}" fill="none" stroke="{col}" stroke-width="1.8"{dash}/>"#,
            t.spec.kind.name()
        );
        for p in &t.points {
            let (x, y) = f.px(*p);
            dot(&mut s, &mk, x, y, 5.2, "");
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
            let mk = mark(i);
            let _ = write!(
                s,
                r#"<g class="entry" data-mark="{}"><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="3"{}/>"#,
                mark_name(&mk),
                lx + 8.0,
                y - 4.0,
                lx + 26.0,
                y - 4.0,
                mk.colour,
                dash_attr(&mk),
            );
            dot(
                &mut s,
                &mk,
                lx + 17.0,
                y - 4.0,
                6.0,
                r#" stroke="white" stroke-width="0.8""#,
            );
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{:.1}">{}</text></g>"#,
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

/// ` stroke-dasharray="…"` for a dashed mark, nothing for a solid one.
fn dash_attr(m: &Mark) -> String {
    m.dasharray()
        .map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default()
}

/// A mark as `colour dash shape` (`#E69F00 solid square`), for tests and
/// readers of the file.
fn mark_name(m: &Mark) -> String {
    let shape = match m.marker {
        Marker::Square => "square",
        Marker::Circle => "circle",
        Marker::Triangle => "triangle",
    };
    format!(
        "{} {} {shape}",
        m.colour,
        m.dasharray().unwrap_or_else(|| "solid".into())
    )
}

/// One dot of `m`'s shape, `size` across, centred at (`x`, `y`); `extra`
/// attributes are appended.
fn dot(s: &mut String, m: &Mark, x: f64, y: f64, size: f64, extra: &str) {
    let col = m.colour;
    let h = size / 2.0;
    let _ = match (m.marker, m.triangle(x, y, size)) {
        (Marker::Triangle, Some([a, b, c])) => write!(
            s,
            r#"<polygon points="{:.2},{:.2} {:.2},{:.2} {:.2},{:.2}" fill="{col}"{extra}/>"#,
            a.0, a.1, b.0, b.1, c.0, c.1
        ),
        (Marker::Circle, _) => write!(
            s,
            r#"<circle cx="{x:.2}" cy="{y:.2}" r="{:.2}" fill="{col}"{extra}/>"#,
            size * 0.56
        ),
        _ => write!(
            s,
            r#"<rect x="{:.2}" y="{:.2}" width="{size:.2}" height="{size:.2}" fill="{col}"{extra}/>"#,
            x - h,
            y - h
        ),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradscape_core::run::simulate;

    #[test]
    fn sixteen_runs_have_sixteen_marks_in_the_trails_and_the_legend() {
        let opts: Vec<String> = (0..16)
            .map(|i| format!(r#"{{"kind": "gd", "lr": {}}}"#, 0.01 * (i + 1) as f64))
            .collect();
        let json = format!(
            r#"{{"version": 1, "steps": 5, "optimizers": [{}]}}"#,
            opts.join(",")
        );
        let scene = Scene::from_json(&json).unwrap();
        let svg = render(&scene, &simulate(&scene).unwrap(), &SvgOptions::default());
        let marks: std::collections::BTreeSet<&str> = svg
            .split(r#"<g class="entry" data-mark=""#)
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(marks.len(), 16, "{marks:?}");
        assert!(marks.contains("#E69F00 solid square") && marks.contains("#E69F00 7 4 circle"));
        // The eighth trail is dashed and dotted with circles, the fifteenth
        // with triangles.
        assert_eq!(svg.matches(r#"stroke-dasharray="7 4""#).count(), 2 * 7);
        assert!(svg.contains(r#"<polygon points="#));
    }
}
