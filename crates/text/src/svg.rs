//! A standalone SVG figure of a scene, for PDF course notes: log-spaced
//! isolines coloured by the colormap, trajectories with a dot at every step,
//! axes with ticks, the known minima and a legend.
//!
//! It is written for every renderer an author may feed it (browsers,
//! librsvg, resvg, Inkscape, ImageMagick): presentation attributes only (no
//! CSS `<style>`), no `dominant-baseline`, plain user units, and a font list
//! that starts with the two families the CLI embeds ([`FONT_FAMILY`]).

use crate::diagnose::status_text;
use crate::optim::opt_label;
use crate::{trf, Lang};
use gradscape_core::diagnose::diagnose;
use gradscape_core::format::tick_label;
use gradscape_core::geometry::Viewport;
use gradscape_core::landscape::Landscape;
use gradscape_core::run::{Stop, Trajectory};
use gradscape_core::scene::Scene;
use gradscape_core::surface::{colormap, isolines, mark, ticks, Grid, LogScale, Mark, Marker};
use std::borrow::Cow;
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
    /// Draw the runs as they are after this step (an animation's frame:
    /// trails so far, a disc at the current point, the legend's state then,
    /// "step k of N" at the top); `None` draws the whole runs.
    pub step: Option<usize>,
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

/// What a legend must not hide, in pixels, with how much each counts:
/// every trail point, more its start and its end (where a run is read),
/// and most a minimum (where the runs are going).
fn figure_marks<'a>(
    f: &Viewport,
    runs: impl IntoIterator<Item = &'a Trajectory>,
    minima: &[[f64; 2]],
) -> Vec<(f64, f64, f64)> {
    let mut out = Vec::new();
    for t in runs {
        let n = t.points.len();
        for (k, p) in t.points.iter().enumerate() {
            let (x, y) = f.px(*p);
            let w = if k == 0 || k + 1 == n { 6.0 } else { 1.0 };
            out.push((x, y, w));
        }
    }
    for m in minima {
        let (x, y) = f.px(*m);
        out.push((x, y, 20.0));
    }
    out
}

/// The top-left corner of a `lw` × `lh` legend: top right unless another
/// corner of the plot (top left, bottom right, bottom left, in that
/// order) hides less of `marks` (a trail point, start, end or minimum
/// under the box or within 6 px of it).
fn legend_corner(f: &Viewport, lw: f64, lh: f64, marks: &[(f64, f64, f64)]) -> (f64, f64) {
    let right = (f.left + f.w - lw - 8.0).max(f.left + 4.0);
    let left = f.left + 8.0;
    let top = f.top + 8.0;
    let bottom = (f.top + f.h - lh - 8.0).max(top);
    let hidden = |(x0, y0): (f64, f64)| -> f64 {
        marks
            .iter()
            .filter(|(x, y, _)| {
                (x0 - 6.0..=x0 + lw + 6.0).contains(x) && (y0 - 6.0..=y0 + lh + 6.0).contains(y)
            })
            .map(|m| m.2)
            .sum()
    };
    let mut best = (right, top);
    let mut least = hidden(best);
    for c in [(left, top), (right, bottom), (left, bottom)] {
        let h = hidden(c);
        if h < least {
            (best, least) = (c, h);
        }
    }
    best
}

/// The label a legend shows for a run: its optimizer and how it ended, in
/// the words of the page's legend (the core's diagnosis: "f = 0.089",
/// "diverging: loss ×5.3e5", "diverged at step 6", "stopped at step 2: …").
pub fn run_caption(landscape: &Landscape, t: &Trajectory, lang: Lang) -> String {
    let end = status_text(&diagnose(landscape, t), t, lang);
    format!("{} — {end}", opt_label(&t.spec, lang))
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
        points: t.points[..=k].to_vec(),
        loss: t.loss[..(k + 1).min(t.loss.len())].to_vec(),
        states: t.states[..k.min(t.states.len())].to_vec(),
        lr: t.lr[..k.min(t.lr.len())].to_vec(),
        momentum: t.momentum[..k.min(t.momentum.len())].to_vec(),
        stop: Stop::Completed,
    })
}

/// About how wide `text` is at `size` px in the embedded fonts: CJK and
/// full-width forms are 1 em, the rest ~0.6 em (DejaVu Sans's digits are
/// 0.64 em, its lower case ~0.55-0.6 em).
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c as u32 {
            0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF => 1.0,
            _ => 0.6,
        })
        .sum::<f64>()
        * size
}

/// Render a scene and its runs as SVG text.
pub fn render(scene: &Scene, runs: &[Trajectory], opt: &SvgOptions) -> String {
    let (width, height) = (opt.width.max(200) as f64, opt.height.max(150) as f64);
    let frame: Vec<Cow<Trajectory>> = runs
        .iter()
        .map(|t| match opt.step {
            Some(k) => run_at(t, k),
            None => Cow::Borrowed(t),
        })
        .collect();
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
    if let Some(k) = opt.step {
        let k = k.min(scene.steps);
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="20" font-size="13" text-anchor="end">{}</text>"#,
            f.left + f.w,
            esc(&trf(
                opt.lang,
                "svg.step",
                &[&k.to_string(), &scene.steps.to_string()]
            ))
        );
    }
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
        r#"<text x="{:.1}" y="{}" text-anchor="middle" font-size="14">x₁</text>"#,
        f.left + f.w / 2.0,
        height - 10.0
    );
    let _ = writeln!(
        s,
        r#"<text x="16" y="{:.1}" text-anchor="middle" font-size="14" transform="rotate(-90 16 {:.1})">x₂</text>"#,
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
    for (i, t) in frame.iter().enumerate() {
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
        // An animation frame: the current point as a disc, as on the page.
        if let (Some(_), Some(p)) = (opt.step, t.points.last()) {
            let (x, y) = f.px(*p);
            let _ = write!(
                s,
                r#"<circle cx="{x:.2}" cy="{y:.2}" r="6.5" fill="{col}" stroke="white" stroke-width="1.5"/>"#
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
    // Legend, in the corner of the plot where it hides least of the figure.
    if !frame.is_empty() {
        let captions: Vec<String> = frame
            .iter()
            .map(|t| run_caption(&scene.landscape, t, opt.lang))
            .collect();
        let longest = captions
            .iter()
            .map(|c| text_width(c, 12.0))
            .fold(0.0, f64::max);
        let lw = 40.0 + longest;
        let lh = 10.0 + 18.0 * frame.len() as f64;
        // The known minima, and the lowest sample of the view (most
        // formulas' minima are not known: the valley is what the figure is
        // about).
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
        let marks = figure_marks(&f, frame.iter().map(|t| &**t), &lows);
        let (lx, ly) = legend_corner(&f, lw, lh, &marks);
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

    /// The legend's box: x, y, w, h.
    fn legend_box(svg: &str) -> [f64; 4] {
        let g = &svg[svg.find(r#"<g class="legend"><rect "#).unwrap()..];
        let attr = |name: &str| -> f64 {
            let at = g.find(&format!(r#" {name}=""#)).unwrap() + name.len() + 3;
            g[at..at + g[at..].find('"').unwrap()].parse().unwrap()
        };
        [attr("x"), attr("y"), attr("width"), attr("height")]
    }

    #[test]
    fn the_legend_goes_to_the_corner_where_it_hides_least() {
        let fig = |json: &str| {
            let scene = Scene::from_json(json).unwrap();
            let runs = simulate(&scene).unwrap();
            let svg = render(&scene, &runs, &SvgOptions::default());
            (legend_box(&svg), svg)
        };
        // The bowl from (−5, −2): the top right is free, the legend stays there.
        let (a, _) =
            fig(r#"{"version": 1, "steps": 20, "optimizers": [{"kind": "gd", "lr": 0.4}]}"#);
        // From (4, 4.6), the trail starts under the top right box: the legend leaves it.
        let (b, _) = fig(
            r#"{"version": 1, "start": [4, 4.6], "view": {"x": [-5, 5], "y": [-5, 5]}, "steps": 20, "optimizers": [{"kind": "gd", "lr": 0.4}]}"#,
        );
        assert!(
            b[0] < a[0] || b[1] > a[1],
            "moved from the top right: {a:?} → {b:?}"
        );
        assert_eq!(a[2..], b[2..], "the same box");
        // Lesson 9's formula bowl: its minimum (3, 3), not a known one, is
        // the lowest sample of the view, at the top right: not hidden.
        let (c, _) = fig(
            r#"{"version": 1, "landscape": {"kind": "expr", "expr": "0.1*(x-3)^2 + 2*(y-3)^2"}, "start": [-1, -1], "steps": 200, "view": {"x": [-1.5, 3.5], "y": [-1.5, 3.5]}, "optimizers": [{"kind": "adam_l2", "lr": 0.1, "lambda": 0.5}, {"kind": "adamw", "lr": 0.1, "lambda": 0.5}]}"#,
        );
        assert!(c[0] < a[0] - 100.0 || c[1] > a[1] + 100.0, "{c:?}");
    }
}

#[cfg(test)]
mod frame_tests {
    use super::*;
    use gradscape_core::run::simulate;

    fn figure(json: &str, lang: Lang, step: Option<usize>) -> String {
        let scene = Scene::from_json(json).unwrap();
        let runs = simulate(&scene).unwrap();
        render(
            &scene,
            &runs,
            &SvgOptions {
                lang,
                step,
                ..SvgOptions::default()
            },
        )
    }

    fn legend(svg: &str) -> &str {
        &svg[svg.find(r#"class="legend""#).unwrap()..]
    }

    const GD_06: &str = r#"{"steps": 20, "optimizers": [{"kind": "gd", "lr": 0.6}]}"#;
    const ROSEN: &str = r#"{"landscape": {"kind": "rosenbrock"}, "steps": 100, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#;

    #[test]
    fn a_diverging_run_says_so_instead_of_its_loss() {
        // GD η = 0.6 on the bowl completes 20 steps with x2 ≈ −1673: the
        // legend used to say "f = 5.60e6".
        let svg = figure(GD_06, Lang::En, None);
        assert!(
            legend(&svg).contains("diverging: loss ×"),
            "{}",
            legend(&svg)
        );
        assert!(!legend(&svg).contains("f = "), "{}", legend(&svg));
        let zh = figure(GD_06, Lang::Zh, None);
        assert!(legend(&zh).contains("正在发散：损失 ×"), "{}", legend(&zh));
        let div = figure(ROSEN, Lang::Zh, None);
        assert!(legend(&div).contains("步发散"), "{}", legend(&div));
    }

    #[test]
    fn a_frame_shows_the_runs_and_the_legend_at_its_step() {
        let scene = Scene::from_json(ROSEN).unwrap();
        let runs = simulate(&scene).unwrap();
        let Stop::Diverged { step } = runs[0].stop else {
            panic!("{:?}", runs[0].stop)
        };
        // Step 0: the start, its loss, "step 0 of 100", one point drawn.
        let first = figure(ROSEN, Lang::En, Some(0));
        assert!(first.contains("step 0 of 100"));
        assert!(legend(&first).contains("f = "), "{}", legend(&first));
        assert!(!first.contains("stroke-width=\"3\"/></g>"), "no cross yet");
        // Just before it leaves the plane: diverging, not yet diverged.
        let before = figure(ROSEN, Lang::En, Some(step - 1));
        assert!(
            legend(&before).contains("diverging: loss ×"),
            "{}",
            legend(&before)
        );
        // From the step it diverged on, the legend says so and the cross is drawn.
        let after = figure(ROSEN, Lang::Zh, Some(100));
        assert!(after.contains("第 100 步（共 100 步）"));
        assert!(legend(&after).contains(&format!("在第 {step} 步发散")));
        // Frame k: k + 1 squares on the trail and one in the legend, besides
        // the background, the clip, the frame and the legend box.
        let k5 = figure(GD_06, Lang::En, Some(5));
        assert_eq!(k5.matches("<rect x=").count(), 4 + 6 + 1, "{k5}");
        assert!(!figure(GD_06, Lang::En, None).contains(" of 20"));
    }
}
