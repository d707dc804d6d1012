//! The SVG figure (and so the PNG, PDF and GIF frames, which are drawn from
//! it) at the sizes an author uses for notes, slides and thumbnails: no text
//! box overlaps another or the legend, the legend hides no trail's start or
//! end, everything lies inside the figure; and the title names the
//! coordinates as the axes do. Text boxes are estimated as the figure code
//! estimates them (`svg::text_width`).
#![cfg(not(target_arch = "wasm32"))]

use gradscape::svg::{render, text_width, SvgOptions};
use gradscape::{simulate, Lang, Scene};

const NINE: &str = r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 20, "optimizers": [{"kind": "gd", "lr": 0.4}, {"kind": "gd", "lr": 0.6}, {"kind": "momentum", "lr": 0.4, "gamma": 0.5}, {"kind": "adagrad", "lr": 0.4}, {"kind": "rmsprop", "lr": 0.4, "gamma": 0.9}, {"kind": "adam", "lr": 0.4}, {"kind": "adam_l2", "lr": 0.4, "lambda": 0.5}, {"kind": "adamw", "lr": 0.4, "lambda": 0.5}, {"kind": "nadam", "lr": 0.4}]}"#;

const SCENES: [&str; 5] = [
    r#"{"steps": 20, "optimizers": [{"kind": "gd", "lr": 0.4}]}"#,
    r#"{"landscape": {"kind": "rosenbrock"}, "steps": 60, "convention": "pytorch", "optimizers": [{"kind": "gd", "lr": 0.001}, {"kind": "momentum", "lr": 0.001, "gamma": 0.9}, {"kind": "adam", "lr": 0.1}]}"#,
    NINE,
    // The longest built-in formula, and a run that leaves the plane.
    r#"{"landscape": {"kind": "beale"}, "steps": 30, "optimizers": [{"kind": "adam", "lr": 0.1}, {"kind": "gd", "lr": 0.6}]}"#,
    r#"{"steps": 20, "optimizers": [{"kind": "gd", "lr": 0.6}, {"kind": "momentum", "lr": 0.6, "gamma": 0.5}]}"#,
];

const SIZES: [(u32, u32); 6] = [
    (200, 150),
    (320, 240),
    (480, 320),
    (800, 560),
    (200, 900),
    (1400, 150),
];

/// A box: x0, y0, x1, y1.
type Rect = [f64; 4];

fn attr(tag: &str, name: &str) -> Option<f64> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..at + tag[at..].find('"')?].parse().ok()
}

/// Every `<text>`'s box (rotated ones turned), with its words, whether it
/// is in the legend, and its size.
fn text_boxes(svg: &str) -> Vec<(Rect, String, bool, f64)> {
    let legend_at = svg.find(r#"<g class="legend">"#).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = svg[from..].find("<text ") {
        let start = from + i;
        let close = start + svg[start..].find('>').unwrap();
        let end = close + svg[close..].find("</text>").unwrap();
        let (tag, words) = (&svg[start..close], &svg[close + 1..end]);
        // The words without the tags inside (a legend's red <tspan>).
        let mut plain = String::new();
        let mut inside = false;
        for c in words.chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => plain.push(c),
                _ => {}
            }
        }
        let words = plain.replace("&amp;", "&").replace("&lt;", "<");
        let (x, y) = (attr(tag, "x").unwrap(), attr(tag, "y").unwrap());
        let size = attr(tag, "font-size").unwrap_or(12.0);
        let w = text_width(&words, size);
        let x0 = if tag.contains(r#"text-anchor="middle""#) {
            x - w / 2.0
        } else if tag.contains(r#"text-anchor="end""#) {
            x - w
        } else {
            x
        };
        let (top, bottom) = (y - 0.8 * size, y + 0.2 * size);
        let r = if tag.contains("rotate(-90") {
            // (dx, dy) about (x, y) becomes (dy, −dx).
            [
                x + (top - y),
                y - (x0 + w - x),
                x + (bottom - y),
                y - (x0 - x),
            ]
        } else {
            [x0, top, x0 + w, bottom]
        };
        out.push((r, words, start > legend_at, size));
        from = end;
    }
    out
}

fn rect_after(svg: &str, marker: &str) -> Option<Rect> {
    let g = &svg[svg.find(marker)? + marker.len()..];
    let tag = &g[..g.find("/>")?];
    let (x, y) = (attr(tag, "x")?, attr(tag, "y")?);
    Some([x, y, x + attr(tag, "width")?, y + attr(tag, "height")?])
}

/// The first and last point of every trail.
fn trail_ends(svg: &str) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for g in svg.split(r#"<g class="run""#).skip(1) {
        let d = &g[g.find(r#" d=""#).unwrap() + 4..];
        let d = &d[..d.find('"').unwrap()];
        let pts: Vec<(f64, f64)> = d
            .split(['M', 'L'])
            .filter(|p| !p.is_empty())
            .map(|p| {
                let mut it = p.split(' ').map(|v| v.parse::<f64>().unwrap());
                (it.next().unwrap(), it.next().unwrap())
            })
            .collect();
        out.extend(pts.first());
        out.extend(pts.last());
    }
    out
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    const SLACK: f64 = 0.5;
    a[0] < b[2] - SLACK && b[0] < a[2] - SLACK && a[1] < b[3] - SLACK && b[1] < a[3] - SLACK
}

fn within(a: &Rect, b: &Rect) -> bool {
    a[0] >= b[0] - 0.5 && a[1] >= b[1] - 0.5 && a[2] <= b[2] + 0.5 && a[3] <= b[3] + 0.5
}

/// What is wrong with the figure's layout (empty: nothing).
fn crowding(svg: &str, w: u32, h: u32) -> Vec<String> {
    let page = [0.0, 0.0, w as f64, h as f64];
    let texts = text_boxes(svg);
    let legend = rect_after(svg, r#"<g class="legend">"#);
    let plot = rect_after(svg, r#"<clipPath id="plot">"#).unwrap();
    let mut bad = Vec::new();
    for (i, (a, words, in_legend, _)) in texts.iter().enumerate() {
        if !within(a, &page) {
            bad.push(format!("{words:?} {a:?} leaves the figure"));
        }
        match (legend, in_legend) {
            (Some(l), true) if !within(a, &l) => bad.push(format!("{words:?} leaves the legend")),
            (Some(l), false) if overlap(a, &l) => bad.push(format!("{words:?} under the legend")),
            _ => {}
        }
        for (b, other, _, _) in &texts[i + 1..] {
            if overlap(a, b) {
                bad.push(format!("{words:?} {a:?} overlaps {other:?} {b:?}"));
            }
        }
    }
    if let Some(l) = legend {
        if !within(&l, &page) {
            bad.push(format!("the legend {l:?} leaves the figure"));
        }
        for (x, y) in trail_ends(svg) {
            let shown = within(&[x, y, x, y], &plot);
            if shown && within(&[x - 3.0, y - 3.0, x + 3.0, y + 3.0], &l) {
                bad.push(format!("the legend {l:?} hides a trail's end ({x}, {y})"));
            }
        }
    }
    bad
}

fn figure(json: &str, w: u32, h: u32, lang: Lang, step: Option<usize>) -> String {
    let scene = Scene::from_json(json).unwrap();
    let runs = simulate(&scene).unwrap();
    let opt = SvgOptions {
        width: w,
        height: h,
        lang,
        step,
        ..SvgOptions::default()
    };
    render(&scene, &runs, &opt)
}

#[test]
fn small_figures_keep_their_words_apart_and_inside() {
    let mut bad = Vec::new();
    for (k, json) in SCENES.iter().enumerate() {
        for (w, h) in SIZES {
            for lang in [Lang::En, Lang::Zh] {
                // The whole runs, and two frames of an animation.
                for step in [None, Some(3), Some(1000)] {
                    let svg = figure(json, w, h, lang, step);
                    for b in crowding(&svg, w, h) {
                        bad.push(format!("scene {k} {w}×{h} {lang:?} step {step:?}: {b}"));
                    }
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn a_small_figure_keeps_a_legend_while_one_fits() {
    // One run at 200×150 and three at 320×240: a legend of names, not
    // dropped; nine at 480×320 too.
    for (json, w, h) in [
        (SCENES[0], 200, 150),
        (SCENES[1], 320, 240),
        (NINE, 480, 320),
    ] {
        for lang in [Lang::En, Lang::Zh] {
            let svg = figure(json, w, h, lang, None);
            let n = json.matches(r#""kind": ""#).count() - usize::from(json.contains("landscape"));
            assert_eq!(
                svg.matches(r#"<g class="entry""#).count(),
                n,
                "{w}×{h}\n{svg}"
            );
            // A small figure says less: the names, not each run's status,
            // where the status would take more of the plot (one run at
            // 200×150: it does not fit across; nine at 480×320: one column,
            // not two); three at 320×240 take three rows either way, so
            // they keep it, as the page's PNG does.
            let legend = &svg[svg.find(r#"<g class="legend">"#).unwrap()..];
            assert_eq!(
                legend.contains(" — "),
                (w, h) == (320, 240),
                "{w}×{h} {lang:?}: each run's status where it costs no room\n{legend}"
            );
        }
    }
    // The default keeps each run's status in the plot's corner.
    let svg = figure(NINE, 800, 560, Lang::En, None);
    assert!(
        svg.contains(r##"GD η=0.6 — <tspan fill="#b3261e">diverging: loss ×"##),
        "{svg}"
    );
}

/// The coordinates a text names: `x₁`, `x₂`, or a bare `x` or `y` (a
/// formula's variable, not part of a word).
fn coordinates(text: &str) -> Vec<String> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, &ch) in c.iter().enumerate() {
        let word = |j: Option<&char>| j.is_some_and(|d| d.is_ascii_alphanumeric());
        if !matches!(ch, 'x' | 'y') || word(i.checked_sub(1).and_then(|j| c.get(j))) {
            continue;
        }
        match c.get(i + 1) {
            Some(s @ ('₁' | '₂')) => out.push(format!("{ch}{s}")),
            Some('ᵢ') => {}
            next if !word(next) => out.push(ch.to_string()),
            _ => {}
        }
    }
    out
}

#[test]
fn the_title_names_the_coordinates_as_the_axes_do() {
    let surfaces = [
        r#"{"kind": "quadratic"}"#,
        r#"{"kind": "quadratic", "rotation": 30}"#,
        r#"{"kind": "rosenbrock"}"#,
        r#"{"kind": "himmelblau"}"#,
        r#"{"kind": "beale"}"#,
        r#"{"kind": "saddle"}"#,
        r#"{"kind": "rastrigin"}"#,
        r#"{"kind": "expr", "expr": "0.1*(x-3)^2 + 2*(y-3)^2 + 0*max(x1, x2)"}"#,
    ];
    for s in surfaces {
        let json = format!(r#"{{"landscape": {s}, "optimizers": [{{"kind": "gd", "lr": 0.01}}]}}"#);
        for lang in [Lang::En, Lang::Zh] {
            let svg = figure(&json, 1400, 560, lang, None);
            let texts = text_boxes(&svg);
            // The axes' names are the 14 px words.
            let axes: Vec<&str> = texts
                .iter()
                .filter(|t| t.3 == 14.0)
                .map(|t| t.1.as_str())
                .collect();
            assert_eq!(axes, ["x₁", "x₂"], "{s}");
            let title = &texts[0].1;
            assert!(title.starts_with("f = "), "{title}");
            let named = coordinates(title);
            assert!(
                named.iter().all(|c| axes.contains(&c.as_str())),
                "{s} {lang:?}: the title {title:?} names {named:?}, the axes {axes:?}"
            );
        }
    }
}

#[test]
fn an_animation_legend_hides_no_arrow_of_a_point_that_left_the_view() {
    // GD at η = 0.6 leaves the bowl's view by step 9 and its arrowhead runs
    // along the top edge; the legend stood over it in the top-right corner
    // (1280×720, frame 15). Now it stands under the plot, with each run's
    // status ("diverging: loss ×…"), as it fits there.
    let json = r#"{"version": 1, "landscape": {"kind": "quadratic", "a": 0.1, "b": 2},
        "start": [-5, -2], "steps": 30, "optimizers": [{"kind": "gd", "lr": 0.6},
        {"kind": "gd", "lr": 0.6, "schedule": {"kind": "step", "step_size": 7, "gamma": 0.5}}]}"#;
    for step in [9, 15, 30] {
        let svg = figure(json, 1280, 720, Lang::En, Some(step));
        let rect = svg
            .split(r#"<g class="legend"><rect x=""#)
            .nth(1)
            .expect("a legend");
        let num = |s: &str, key: &str| -> f64 {
            let v = s.split(&format!("{key}=\"")).nth(1).unwrap();
            v[..v.find('"').unwrap()].parse().unwrap()
        };
        let r = format!("x=\"{rect}");
        let (x, y, w, h) = (
            num(&r, "x"),
            num(&r, "y"),
            num(&r, "width"),
            num(&r, "height"),
        );
        let arrows: Vec<(f64, f64)> = svg
            .split(r#"<polygon class="edge" points=""#)
            .skip(1)
            .map(|p| {
                let pts: Vec<f64> = p[..p.find('"').unwrap()]
                    .split([' ', ','])
                    .map(|v| v.parse().unwrap())
                    .collect();
                (
                    (pts[0] + pts[2] + pts[4]) / 3.0,
                    (pts[1] + pts[3] + pts[5]) / 3.0,
                )
            })
            .collect();
        assert!(!arrows.is_empty(), "step {step}: GD is off the view");
        for (ax, ay) in arrows {
            assert!(
                !(x - 10.0..=x + w + 10.0).contains(&ax)
                    || !(y - 10.0..=y + h + 10.0).contains(&ay),
                "step {step}: the legend [{x}, {y}, {w}, {h}] hides the arrow at ({ax}, {ay})"
            );
        }
        assert!(
            svg.contains("diverging: loss ×"),
            "step {step}: each run's status"
        );
    }
}
