use super::*;
use crate::diagnose::{diagnose, Health};
use crate::{simulate, Scene};
use gradscape_text::diagnose::status_text;

fn runs(json: &str) -> (Vec<Trajectory>, Vec<Diagnosis>) {
    let s = Scene::from_json(json).unwrap();
    let r = simulate(&s).unwrap();
    let d = r.iter().map(|t| diagnose(&s.landscape, t)).collect();
    (r, d)
}

#[test]
fn sizes_are_even_and_sane_and_the_presets_are_16_9() {
    assert_eq!(ExportSize::Figure.pixels(801.4, 500.2, 61.0), (800, 560));
    assert_eq!(ExportSize::Figure.pixels(f64::NAN, -3.0, 0.0), (160, 120));
    assert_eq!(ExportSize::Figure.pixels(1e9, 1e9, 0.0), (4096, 4096));
    assert_eq!(ExportSize::Hd720.pixels(300.0, 200.0, 50.0), (1280, 720));
    assert_eq!(ExportSize::Hd1080.pixels(300.0, 200.0, 50.0), (1920, 1080));
    for s in ExportSize::ALL {
        assert_eq!(ExportSize::parse(s.name()), s);
    }
    assert_eq!(ExportSize::parse("8k"), ExportSize::Figure);
}

#[test]
fn one_frame_per_step_at_i_over_fps_with_a_keyframe_every_two_seconds() {
    let f = Frames::new(20, 10, 1);
    assert_eq!(f.count, 21);
    assert_eq!(f.time_us(0), 0);
    assert_eq!(f.time_us(7), 700_000);
    assert_eq!(f.duration_us(), 2_100_000);
    let keys: Vec<usize> = (0..f.count).filter(|&i| f.key(i)).collect();
    assert_eq!(keys, [0, 20]);
    // 30 fps: times are whole microseconds that add up to the duration.
    let f = Frames::new(100, 30, 1);
    let total: u64 = (0..f.count).map(|i| f.length_us(i)).sum();
    assert_eq!(total, f.duration_us());
    assert_eq!(f.time_us(3), 100_000);
    assert!(f.key(60) && !f.key(30));
    assert_eq!(Frames::new(5, 0, 1).fps, 1);
}

#[test]
fn a_long_run_takes_a_frame_every_few_steps_and_always_its_last() {
    // As the CLI's GIF: 0, k, 2k, … and the last step.
    let f = Frames::new(20, 10, 6);
    let steps: Vec<usize> = (0..f.count).map(|i| f.step(i)).collect();
    assert_eq!(steps, frame_steps(20, 6));
    assert_eq!(steps, [0, 6, 12, 18, 20]);
    for (n, k) in [
        (0, 1),
        (5, 1),
        (20, 5),
        (20, 6),
        (3, 100),
        (99_999, 100),
        (100_000, 200),
    ] {
        assert_eq!(frame_count(n, k), frame_steps(n, k).len(), "{n} {k}");
    }
    // Every step while it fits in 1000 frames; the fewest steps that fit after.
    assert_eq!(fitting_every(20), 1);
    assert_eq!(fitting_every(999), 1);
    assert_eq!(fitting_every(1000), 2);
    assert_eq!(fitting_every(100_000), 200);
    assert_eq!(frame_count(100_000, 200), 501);
    assert!(frame_count(100_000, 100) > MAX_FRAMES);
}

#[test]
fn a_slide_shows_more_of_the_plane_at_the_page_s_proportions() {
    let view = View {
        x0: -4.0,
        x1: 4.0,
        y0: -2.0,
        y1: 2.0,
    };
    // The page: 800×400 px for 8×4 units (1:1). A 16:9 slide: taller window.
    let v = widen(view, (800.0, 400.0), (1280.0, 720.0));
    assert_eq!((v.x0, v.x1), (-4.0, 4.0));
    assert!(
        (v.y1 - 2.25).abs() < 1e-12 && (v.y0 + 2.25).abs() < 1e-12,
        "{v:?}"
    );
    // A tall page onto a wide slide: wider window, same units per pixel ratio.
    let v = widen(view, (400.0, 800.0), (1280.0, 720.0));
    assert_eq!((v.y0, v.y1), (-2.0, 2.0));
    let k_page = (8.0 / 400.0) / (4.0 / 800.0);
    let k_slide = ((v.x1 - v.x0) / 1280.0) / ((v.y1 - v.y0) / 720.0);
    assert!((k_page - k_slide).abs() < 1e-12);
    assert!(v.x0 < -4.0 && v.x1 > 4.0);
    // Nonsense sizes leave the view as it is.
    assert_eq!(widen(view, (0.0, 400.0), (1280.0, 720.0)), view);
    assert_eq!(widen(view, (800.0, 400.0), (f64::NAN, 720.0)), view);
}

#[test]
fn a_diverging_run_says_so_from_the_step_its_loss_passes_the_start() {
    // GD η = 0.6 on the seed's bowl: η > 2/L, the loss grows every step.
    let (r, d) = runs(r#"{"optimizers":[{"kind":"gd","lr":0.6},{"kind":"gd","lr":0.1}]}"#);
    let at0 = legend_at(&r, &d, &[], 0, Lang::En);
    assert!(at0[0].text().starts_with("GD η=0.6 — f = "), "{at0:?}");
    let at20 = legend_at(&r, &d, &[], 20, Lang::En);
    assert!(at20[0].text().contains("diverging: loss ×"), "{at20:?}");
    assert!(at20[1].text().starts_with("GD η=0.1 — f = "), "{at20:?}");
    assert!(at20[0].wrong && !at20[1].wrong && !at0[0].wrong);
    let zh = legend_at(&r, &d, &[], 20, Lang::Zh);
    assert!(zh[0].text().contains("正在发散"), "{zh:?}");
    // A hidden run is not in the legend; at the last step a run says how
    // it ends, the words of the page legend at the end.
    let end = legend_at(&r, &d, &[false, true], 20, Lang::En);
    assert_eq!(end.len(), 1, "a hidden run is not in the legend");
    assert_eq!(end[0].status, status_text(&d[0], &r[0], Lang::En));
    // At step 12 the loss has grown ×2450 (what `simulate` says there).
    let at12 = legend_at(&r, &d, &[], 12, Lang::En);
    assert_eq!(at12[0].status, "diverging: loss ×2450", "{at12:?}");
}

#[test]
fn a_diverged_run_says_at_which_step_from_that_step_on() {
    let (r, d) = runs(r#"{"steps":80,"optimizers":[{"kind":"gd","lr":3}]}"#);
    let Health::Diverged { step } = d[0].health else {
        panic!("{:?}", d[0]);
    };
    // On its way out, the loss far above its start: diverging, not yet
    // diverged (as the SVG of that frame says).
    let before = legend_at(&r, &d, &[], step - 1, Lang::En);
    assert!(before[0].text().contains("diverging: loss ×"), "{before:?}");
    assert!(before[0].wrong);
    let start = legend_at(&r, &d, &[], 0, Lang::En);
    assert!(
        start[0].text().contains("f = ") && !start[0].wrong,
        "{start:?}"
    );
    let at = legend_at(&r, &d, &[], step, Lang::En);
    assert!(
        at[0].text().ends_with(&format!("diverged at step {step}")),
        "{at:?}"
    );
    assert!(at[0].wrong);
    let late = legend_at(&r, &d, &[], 80, Lang::Zh);
    assert!(
        late[0].text().ends_with(&format!("在第 {step} 步发散")),
        "{late:?}"
    );
    assert!(legend_at(&r, &d, &[], 80, Lang::En)
        .iter()
        .all(|e| !e.text().contains("NaN") && !e.text().contains("inf")));
}

#[test]
fn the_legend_flows_in_rows_under_the_plot() {
    let l = layout(1280.0, 720.0, 20.0, true, &[380.0, 380.0, 380.0, 380.0]);
    let (_, py, pw, ph) = l.plot;
    assert_eq!(pw, 1280.0);
    assert!(py >= 2.0 * 20.0, "caption and title above");
    // Three side by side, the fourth on a second row, all below the plot.
    let ys: Vec<f64> = l.entries.iter().map(|e| e.1).collect();
    assert_eq!(ys[0], ys[1]);
    assert_eq!(ys[1], ys[2]);
    assert_eq!(ys[3], ys[0] + l.line);
    assert!(ys[0] >= py + ph);
    assert!(ys[3] + l.line <= 720.0);
    for w in l.entries.windows(2).take(2) {
        assert!(w[1].0 >= w[0].0 + 380.0);
    }
    // The figure size grows by what layout takes around the plot.
    let extra = extra_height(800.0, 14.0, false, &[200.0, 200.0]);
    let l = layout(800.0, 500.0 + extra, 14.0, false, &[200.0, 200.0]);
    assert!((l.plot.3 - 500.0).abs() < 1e-9);
    assert!(extra_height(800.0, 14.0, true, &[]) > extra_height(800.0, 14.0, false, &[]));
}

#[test]
fn a_legend_wider_than_a_small_picture_names_the_optimizers_only() {
    let (runs, diags) = runs(r#"{"optimizers": [{"kind": "gd", "lr": 0.6}]}"#);
    let entries = legend_at(&runs, &diags, &[], 20, Lang::En);
    assert_eq!(entries[0].text(), "GD η=0.6 — diverging: loss ×5.33e5");
    // 14 px text: 11 px of padding each side.
    assert!(!too_wide(300.0, 14.0, &[200.0, 278.0]));
    assert!(too_wide(300.0, 14.0, &[200.0, 279.0]));
    let short = entries[0].clone().named_only();
    assert_eq!(short.text(), "GD η=0.6");
    assert!(!short.wrong);
}

#[test]
fn a_run_with_no_point_is_in_the_legend_saying_why() {
    // ln(x) is undefined at the start: the run has no point; the PNG's
    // legend lists it as the SVG does (it had none).
    let (r, d) = runs(
        r#"{"landscape":{"kind":"expr","expr":"ln(x)"},"start":[-1,1],"optimizers":[{"kind":"gd","lr":0.1}]}"#,
    );
    assert!(r[0].points.is_empty());
    let e = legend_at(&r, &d, &[], 0, Lang::En);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].wrong && e[0].status == "f not defined at the start",
        "{e:?}"
    );
    assert!(legend_at(&r, &d, &[true], 0, Lang::En).is_empty());
}
