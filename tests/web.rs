//! wasm-bindgen tests, run in headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use gradscape::output::simulation_value;
use gradscape::{simulate, Scene, Stop};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn noisy_runs_are_bit_identical_to_the_native_build() {
    let scene = Scene::from_json(include_str!("reference/noise_scene.json")).unwrap();
    let runs = simulate(&scene).unwrap();
    let got = simulation_value(&runs, false).to_string();
    assert!(got == include_str!("reference/noise_native.json").trim_end());
}

#[wasm_bindgen_test]
fn newton_and_lbfgs_goldens_hold_in_wasm() {
    use gradscape::optim::{Block, LineSearch, Newton, Optimizer, ScaleByLbfgs};
    use gradscape::run::Walker;
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("reference/torch_golden_newton.json")).unwrap();
    for case in doc["cases"].as_array().unwrap() {
        // The scene reader learns `newton` and `lbfgs` with the other new
        // kinds: the chain is built from the blocks here.
        let mut s = case["scene"].clone();
        let o = s["optimizers"][0].clone();
        s["optimizers"] = serde_json::json!([{"kind": "gd"}]);
        let scene = Scene::from_value(&s).unwrap();
        let block: Box<dyn Block> = if o["kind"] == "newton" {
            Box::new(Newton::new())
        } else {
            let ls = if o["line_search"] == "none" {
                LineSearch::None
            } else {
                LineSearch::StrongWolfe
            };
            Box::new(ScaleByLbfgs::new(
                o["history_size"].as_u64().unwrap() as usize,
                ls,
            ))
        };
        let lr = o["lr"].as_f64().unwrap();
        let mut w =
            Walker::with_optimizer(Optimizer::chain(vec![block]), lr, &scene.landscape, &scene);
        for q in &case["points"].as_array().unwrap()[1..] {
            let p = w.advance(&scene.landscape).expect("a step").x;
            for i in 0..2 {
                let want = q[i].as_f64().unwrap();
                assert!(
                    (p[i] - want).abs() <= 1e-12 * want.abs().max(p[i].abs()),
                    "{}",
                    case["name"]
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn torch_golden_trajectories_hold_in_wasm() {
    // The original kinds, and the extra keys with Adamax, RAdam, Rprop, Lion.
    for text in [
        include_str!("reference/torch_golden.json"),
        include_str!("reference/torch_golden_keys.json"),
    ] {
        let doc: serde_json::Value = serde_json::from_str(text).unwrap();
        check_cases(&doc);
    }
}

fn check_cases(doc: &serde_json::Value) {
    for case in doc["cases"].as_array().unwrap() {
        let scene = Scene::from_value(&case["scene"]).unwrap();
        let run = &simulate(&scene).unwrap()[0];
        for (p, q) in run.points.iter().zip(case["points"].as_array().unwrap()) {
            for i in 0..2 {
                let want = q[i].as_f64().unwrap();
                assert!(
                    (p[i] - want).abs() <= 1e-12 * want.abs().max(p[i].abs()),
                    "{}",
                    case["name"]
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn torch_schedule_goldens_hold_in_wasm() {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("reference/torch_golden_schedules.json")).unwrap();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs());
    for case in doc["cases"].as_array().unwrap() {
        let scene = Scene::from_value(&case["scene"]).unwrap();
        let run = &simulate(&scene).unwrap()[0];
        let name = &case["name"];
        for (p, q) in run.points.iter().zip(case["points"].as_array().unwrap()) {
            for i in 0..2 {
                assert!(close(p[i], q[i].as_f64().unwrap()), "{name}");
            }
        }
        for (a, b) in run.lr.iter().zip(case["lr"].as_array().unwrap()) {
            assert!(close(*a, b.as_f64().unwrap()), "{name}: lr");
        }
    }
}

#[wasm_bindgen_test]
fn seed_divergence_is_finite_in_wasm() {
    let scene = Scene::from_json(include_str!("../examples/scenes/gd-eta-0.6.json")).unwrap();
    let run = &simulate(&scene).unwrap()[0];
    assert_eq!(run.stop, Stop::Completed);
    assert!((run.points[20][1] + 1673.365108505695).abs() < 1e-9);
}

#[wasm_bindgen_test]
fn draws_the_default_scene_into_a_canvas() {
    use gradscape::diagnose::diagnose;
    use gradscape::web::draw::{draw_plot, render_surface, Frame, Geom, Style};
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    let scene = Scene::default();
    let runs = simulate(&scene).unwrap();
    let diags: Vec<_> = runs.iter().map(|t| diagnose(&scene.landscape, t)).collect();
    let geom = Geom {
        view: scene.view(),
        w: 400.0,
        h: 300.0,
        dpr: 2.0,
    };
    let style = Style::of(false, geom.w);
    let cache = render_surface(&document, &scene.landscape, &geom, &style, false).unwrap();
    let frame = Frame {
        geom,
        runs: &runs,
        diags: &diags,
        hidden: &[false, false],
        t: 20,
        start: scene.start,
        live: false,
        style,
        replay: 0,
    };
    draw_plot(&canvas, &cache, &frame, None).unwrap();
    assert_eq!((canvas.width(), canvas.height()), (800, 600));
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    // The far corner (bottom-left, the window's maximum) is viridis' yellow end.
    let px = ctx.get_image_data(60.0, 590.0, 1.0, 1.0).unwrap().data();
    assert!(
        px[0] > 200 && px[1] > 200 && px[2] < 100,
        "corner {:?}",
        &px[..3]
    );
    // The momentum run's current point (step 20) is drawn in its colour.
    let (x, y) = geom.px(runs[1].points[20]);
    let px = ctx
        .get_image_data(x * 2.0, y * 2.0, 1.0, 1.0)
        .unwrap()
        .data();
    assert_eq!(&px[..3], &[0x56, 0xB4, 0xE9], "current point");
}

#[wasm_bindgen_test]
fn simd_colour_indices_equal_the_documented_scale_in_wasm() {
    // The wasm build computes colour indices 8 at a time with SIMD; they must
    // equal round(255·t(f)) except a step at a rounding boundary.
    use gradscape::surface::LogScale;
    for (lo, hi) in [(0.0, 1.0), (2.0, 1002.0), (-3e5, 7e9), (1e-9, 2e-9)] {
        let scale = LogScale::new(lo, hi);
        let values: Vec<f64> = (0..4099)
            .map(|k| {
                let u = k as f64 / 4098.0;
                match k % 3 {
                    0 => lo + (hi - lo) * u,
                    1 => lo + (hi - lo) * libm::pow(10.0, -5.0 * u),
                    _ => lo + (hi - lo) * (2.0 * u - 0.5),
                }
            })
            .chain([f64::NAN, f64::INFINITY, f64::NEG_INFINITY])
            .collect();
        let mut got = vec![0u8; values.len()];
        scale.indices(&values, &mut got);
        let mut off = 0;
        for (&v, &g) in values.iter().zip(&got) {
            let x = scale.t(v) * 255.0;
            let want = x.round() as u8;
            if g != want {
                let dist = ((x - x.floor()) - 0.5).abs();
                assert!(
                    dist < 1e-4 && g.abs_diff(want) == 1,
                    "f = {v}: {g} vs {want}"
                );
                off += 1;
            }
        }
        assert!(off < 5, "{off} indices one step off");
    }
}

#[wasm_bindgen_test]
fn the_pens_blend_in_wasm_is_the_exact_formula() {
    // The blend as the wasm build computes it (the division by 255² a
    // multiply and a shift) against the formula in plain integers, on
    // full and partial coverage, four colours and alphas.
    use gradscape::surface::Pen;
    let (w, h) = (64, 40);
    let mut partial = 0;
    for (rgb, alpha) in [
        ([255, 255, 255], 0.45),
        ([0, 0, 0], 0.6),
        ([255, 255, 255], 1.0),
        ([17, 200, 90], 0.7),
    ] {
        let mut pen = Pen::default();
        pen.begin(w, h);
        pen.line(&[(3.0, 2.0), (60.0, 37.5), (20.0, 5.0)], 2.0);
        pen.line(&[(5.0, 30.0), (50.0, 8.0)], 3.4);
        let mut cover = Vec::with_capacity(w * h);
        for j in 0..h {
            for i in 0..w {
                cover.push(i32::from(pen.coverage(i, j)));
            }
        }
        let mut rgba: Vec<u8> = (0..w * h * 4)
            .map(|k| {
                if k % 4 == 3 {
                    255
                } else {
                    (k * 37 % 256) as u8
                }
            })
            .collect();
        let a8 = (alpha * 255.0 + 0.5_f64).floor() as i32;
        let mut want = rgba.clone();
        for (k, &c) in cover.iter().enumerate() {
            partial += usize::from(c > 0 && c < 255);
            for (ch, &s) in rgb.iter().enumerate() {
                let d = i32::from(want[4 * k + ch]);
                let t = a8 * c;
                want[4 * k + ch] = ((d * 65025 + (i32::from(s) - d) * t + 32512) / 65025) as u8;
            }
        }
        pen.ink(&mut rgba, rgb, alpha);
        assert_eq!(rgba, want, "{rgb:?} at {alpha}");
    }
    assert!(partial > 100, "{partial} partly covered pixels");
}

/// The SIMD colour loop's runs (surface/steps.rs: four samples inside the
/// run of the pixel before take its colour in one store) against the exact
/// colour `lut[LogScale::index(v)]`: long runs broken at and beside every
/// seventh threshold, by NaN, ±∞, −0.0, lo and hi, in rows mostly made of
/// runs (so the loop keeps looking for them), with and without holes.
#[wasm_bindgen_test]
fn the_colour_loops_runs_give_the_exact_colours() {
    use gradscape::math::{float_order as ord, from_float_order as from};
    use gradscape::surface::{colormap_lut_rgba, LogScale, Steps};
    let lut = colormap_lut_rgba();
    for (lo, hi) in [(0.0, 1.0), (-3.0, 1e6), (100.0, 105.0), (-1e-3, 0.0)] {
        let scale = LogScale::new(lo, hi);
        let steps = Steps::new(&scale, &lut);
        assert!(steps.tabled(), "{lo}..{hi}");
        // τₖ: the smallest v whose index is ≥ k (bisection over the floats).
        let threshold = |k: u8| {
            let (mut a, mut b) = (ord(lo), ord(hi + (hi - lo)));
            while b - a > 1 {
                let m = a + (b - a) / 2;
                if scale.index(from(m)) >= k {
                    b = m;
                } else {
                    a = m;
                }
            }
            from(b)
        };
        let specials = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, lo, hi];
        let mut row = Vec::new();
        for (n, k) in (1..=255u8).step_by(7).enumerate() {
            let t = threshold(k);
            // Runs of 9–20 equal samples just below, at and just above
            // the threshold, one after the other, up or down (a run must
            // end where the index changes), then a lone special one.
            let mut near = [from(ord(t) - 1), t, from(ord(t) + 1)];
            if n % 2 == 1 {
                near.reverse();
            }
            for (m, v) in near.into_iter().enumerate() {
                row.extend(std::iter::repeat_n(v, 9 + (n * 3 + m) % 12));
            }
            row.push(specials[n % specials.len()]);
        }
        let expect = |v: f64, fix: bool| {
            // Where f is undefined: grey, outside the map.
            if fix && v.is_nan() {
                return gradscape::surface::UNDEFINED_RGBA;
            }
            let v = if fix && !v.is_finite() { hi } else { v };
            lut[scale.index(v) as usize]
        };
        let mut out = vec![[0u8; 4]; row.len()];
        // Several rows: the loop decides from the rows before whether to
        // look for runs.
        for _ in 0..3 {
            steps.colour(&row, &mut out);
            for (i, (&v, o)) in row.iter().zip(&out).enumerate() {
                assert_eq!(*o, expect(v, false), "{lo}..{hi}: sample {i} = {v:e}");
            }
            steps.colour_finite(&row, hi, &mut out);
            for (i, (&v, o)) in row.iter().zip(&out).enumerate() {
                assert_eq!(*o, expect(v, true), "{lo}..{hi}, holes: sample {i} = {v:e}");
            }
        }
    }
}

/// The isolines' simplification as the wasm build runs it (two points at
/// a time in SIMD, surface/simplify.rs) keeps exactly the points the
/// one-at-a-time definition keeps: on the page's isolines of three
/// surfaces, and on lines of equal distances (ties between the lanes),
/// a repeated point (a chord of no length), non-finite points and odd and
/// even lengths.
#[wasm_bindgen_test]
fn the_simplified_isolines_in_wasm_are_the_exact_ones() {
    use gradscape::geometry::Viewport;
    use gradscape::landscape::Landscape;
    use gradscape::surface::{isolines_at, simplify, simplify_exact, Grid, LogScale};
    let mut lines: Vec<Vec<(f64, f64)>> = Vec::new();
    for kind in ["quadratic", "rosenbrock", "rastrigin"] {
        let l = Landscape::from_kind(kind).unwrap();
        let vp = Viewport::new(l.default_view(), 875.0, 510.0);
        let fine = Grid::sample(&l, vp.view, 875, 510);
        let levels: Vec<f64> = LogScale::of(&fine).levels(14).iter().map(|l| l.1).collect();
        let coarse = Grid::sample(&l, vp.view, 350, 204);
        for line in isolines_at(&coarse, &levels).into_iter().flatten() {
            lines.push(
                line.iter()
                    .map(|p| vp.px(*p))
                    .map(|(x, y)| (2.0 * x, 2.0 * y))
                    .collect(),
            );
        }
    }
    assert!(lines.len() > 50, "{} isolines", lines.len());
    for n in [5, 6, 17, 40] {
        // Teeth of one height: every distance ties.
        lines.push(
            (0..n)
                .map(|i| (i as f64, if i % 2 == 0 { 0.0 } else { 0.3 }))
                .collect(),
        );
        lines.push(
            (0..n)
                .map(|i| (i as f64, [0.0, 0.5, 0.5, 0.0][i % 4]))
                .collect(),
        );
        // A closed loop (its chord has no length) and a NaN point.
        let mut ring: Vec<_> = (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                (10.0 * t.cos(), 10.0 * t.sin())
            })
            .collect();
        ring.push(ring[0]);
        lines.push(ring.clone());
        ring[n / 2] = (f64::NAN, 1.0);
        lines.push(ring.clone());
        ring[n / 3] = (f64::INFINITY, 1.0);
        lines.push(ring);
    }
    let (mut stack, mut got, mut want) = (Vec::new(), Vec::new(), Vec::new());
    let mut dropped = 0;
    for line in &lines {
        for eps in [0.25, 0.1, 1.0] {
            simplify(line, eps, &mut stack, &mut got);
            simplify_exact(line, eps, &mut stack, &mut want);
            let same = got.len() == want.len()
                && got
                    .iter()
                    .zip(&want)
                    .all(|(a, b)| a.0.to_bits() == b.0.to_bits() && a.1.to_bits() == b.1.to_bits());
            assert!(
                same,
                "{} points at eps {eps}: {got:?} vs {want:?}",
                line.len()
            );
            dropped += line.len() - want.len();
        }
    }
    assert!(dropped > 1000, "{dropped} points dropped");
}
