//! The figure's runs and legend as SVG elements: a trail with a dot per
//! step, its start ring, the current point of a frame, a divergence cross;
//! a legend entry's swatch and words.

use super::esc;
use super::space::{Legend, Place};
use gradscape_core::geometry::trail::edge_marker;
use gradscape_core::geometry::Viewport;
use gradscape_core::math;
use gradscape_core::run::{Stop, Trajectory};
use gradscape_core::surface::{mark, Mark, Marker};
use std::fmt::Write;

/// What a legend must not hide, in pixels, with how much each counts:
/// every dot a trail shows (as [`run`] thins them: a run settled in a
/// corner is one dot there, not its thousand steps), more its start and
/// its end (where a run is read), and most a minimum (where the runs are
/// going). In a frame (`every_end`) each point is the end of the trail at
/// some step, so each counts as one.
pub fn figure_marks<'a>(
    f: &Viewport,
    runs: impl IntoIterator<Item = &'a Trajectory>,
    minima: &[[f64; 2]],
    every_end: bool,
) -> Vec<(f64, f64, f64)> {
    let mut out = Vec::new();
    for t in runs {
        let px: Vec<(f64, f64)> = t.points.iter().map(|p| f.px(*p)).collect();
        let dots = if every_end { px } else { thinned(&px, DOT_PX) };
        let n = dots.len();
        for (k, &(x, y)) in dots.iter().enumerate() {
            let end = every_end || k == 0 || k + 1 == n;
            out.push((x, y, if end { 6.0 } else { 1.0 }));
        }
        // A frame's current point off the view is drawn as an arrowhead
        // on the edge (`run`), at any step of an animation: where it
        // stands must not be hidden either (an animation's legend stood
        // over a diverging run's arrows). A whole figure draws none.
        let current = if every_end { &t.points[..] } else { &[] };
        for p in current {
            let (x, y) = f.px(*p);
            if !f.inside(x, y) {
                if let Some(m) = edge_marker(f, x, y, [14.0; 4]) {
                    out.push((m.x, m.y, 6.0));
                }
            }
        }
    }
    for m in minima {
        let (x, y) = f.px(*m);
        out.push((x, y, 20.0));
    }
    out
}

/// How far (px) a step must land from the last point kept to add to a
/// trail's line, and to its dots.
const LINE_PX: f64 = 0.25;
const DOT_PX: f64 = 0.5;

/// `px` without the points within `gap` pixels of the last one kept; the
/// first and the last always kept.
fn thinned(px: &[(f64, f64)], gap: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(px.len().min(4096));
    for (k, &(x, y)) in px.iter().enumerate() {
        let far = out
            .last()
            .is_none_or(|&(a, b)| (x - a).hypot(y - b) >= gap || !(x - a).hypot(y - b).is_finite());
        if far || k + 1 == px.len() {
            out.push((x, y));
        }
    }
    out
}

/// Run `i`'s trail: one path, a dot per step, the start ring, in a frame
/// (`current`) the current point in the run's shape (off the view, an
/// arrowhead on the edge pointing to it), as on the page, and a cross
/// where a run diverged.
pub fn run(s: &mut String, f: &Viewport, i: usize, t: &Trajectory, current: bool) {
    let mk = mark(i);
    let col = mk.colour;
    let dash = dash_attr(&mk);
    // To the pixel, as the page draws: a step that lands within a quarter
    // pixel of the last point drawn adds nothing to the line, and one
    // within half a pixel of the last dot nothing to the dots (a run
    // settling at its minimum put 20 000 dots on one spot, and the CLI's
    // GIF parsed and painted each in every frame). The last point stays.
    let px: Vec<(f64, f64)> = t.points.iter().map(|p| f.px(*p)).collect();
    let mut d = String::new();
    for (k, &(x, y)) in thinned(&px, LINE_PX).iter().enumerate() {
        let _ = write!(d, "{}{:.2} {:.2}", if k == 0 { "M" } else { "L" }, x, y);
    }
    let _ = writeln!(
        s,
        r#"<g class="run" data-kind="{}"><path d="{d}" fill="none" stroke="white" stroke-width="3.5" stroke-opacity="0.8"/><path d="{d}" fill="none" stroke="{col}" stroke-width="1.8"{dash}/>"#,
        t.spec.kind.name()
    );
    for (x, y) in thinned(&px, DOT_PX) {
        dot(s, &mk, x, y, 5.2, "");
    }
    if let Some(p) = t.points.first() {
        let (x, y) = f.px(*p);
        let _ = write!(
            s,
            r##"<circle cx="{x:.2}" cy="{y:.2}" r="5" fill="none" stroke="#111" stroke-width="1.2"/>"##
        );
    }
    if let (true, Some(p)) = (current, t.points.last()) {
        let (x, y) = f.px(*p);
        if f.inside(x, y) {
            // The run's shape, as the page's.
            dot(s, &mk, x, y, 11.6, r#" stroke="white" stroke-width="1.5""#);
        } else if let Some(m) = edge_marker(f, x, y, [14.0; 4]) {
            // Off the view: the page's arrowhead on the edge, towards it.
            // The core's libm: `f64::cos` linked a second sine and cosine.
            let (c, n) = (math::cos(m.angle), math::sin(m.angle));
            let at = |u: f64, v: f64| (m.x + u * c - v * n, m.y + u * n + v * c);
            let [a, b, d] = [at(10.0, 0.0), at(-8.0, -8.0), at(-8.0, 8.0)];
            let _ = write!(
                s,
                r##"<polygon class="edge" points="{:.2},{:.2} {:.2},{:.2} {:.2},{:.2}" fill="{col}" stroke="#111" stroke-opacity="0.75" stroke-width="3.5" stroke-linejoin="round" paint-order="stroke"/>"##,
                a.0, a.1, b.0, b.1, d.0, d.1
            );
        }
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

/// The legend: its rectangle (boxed inside the plot, plain outside it) and
/// an entry per caption, each with its run's mark.
/// A legend entry's words: the run's name and, when the legend has room,
/// its status ("f = 0.089", "diverged at step 6"), red once it went wrong.
pub struct Caption {
    /// The run's position in the scene (its mark).
    pub index: usize,
    /// The optimizer's label.
    pub label: String,
    /// Its status, when shown.
    pub status: Option<String>,
    /// The run has gone wrong (diverging, diverged, stopped) by the step.
    pub wrong: bool,
}

/// The error red of the page's legend (style.css `--error`, light theme).
const ERROR_RED: &str = "#b3261e";

pub fn legend(s: &mut String, l: &Legend, captions: &[Caption]) {
    let [lx, ly, lw, lh] = l.rect;
    let edge = if l.place == Place::Inside {
        r##"fill-opacity="0.9" stroke="#999""##
    } else {
        r#"stroke="none""#
    };
    let _ = writeln!(
        s,
        r#"<g class="legend"><rect x="{lx:.1}" y="{ly:.1}" width="{lw:.1}" height="{lh:.1}" fill="white" {edge}/>"#
    );
    for (i, c) in captions.iter().enumerate() {
        let (ex, ey) = l.entry(i);
        let y = ey + 16.0;
        let mk = mark(c.index);
        let _ = write!(
            s,
            r#"<g class="entry" data-mark="{}"><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="3"{}/>"#,
            Mark::name(&mk),
            ex + 8.0,
            y - 4.0,
            ex + 26.0,
            y - 4.0,
            mk.colour,
            dash_attr(&mk),
        );
        dot(
            s,
            &mk,
            ex + 17.0,
            y - 4.0,
            6.0,
            r#" stroke="white" stroke-width="0.8""#,
        );
        let words = match (&c.status, c.wrong) {
            (None, _) => esc(&c.label),
            (Some(st), false) => esc(&format!("{} — {st}", c.label)),
            (Some(st), true) => format!(
                r#"{} — <tspan fill="{ERROR_RED}">{}</tspan>"#,
                esc(&c.label),
                esc(st)
            ),
        };
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}">{words}</text></g>"#,
            ex + 32.0,
            y,
        );
    }
    let _ = writeln!(s, "</g>");
}

/// ` stroke-dasharray="…"` for a dashed mark, nothing for a solid one.
fn dash_attr(m: &Mark) -> String {
    m.dasharray()
        .map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default()
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
