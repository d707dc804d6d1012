//! Every number a caption states, checked against the core's runs of the
//! lesson as it opens: a caption must be true of what is on screen.

use super::caption;
use crate::Lang;
use gradscape_core::lesson::{lesson, panel, LessonPanel};
use gradscape_core::optim::HyperKey;
use gradscape_core::run::{simulate, Trajectory};
use gradscape_core::scene::Scene;

pub(super) fn runs(id: usize) -> (Scene, usize, Vec<Trajectory>) {
    let (s, t) = lesson(id).unwrap().opening();
    let r = simulate(&s).unwrap();
    (s, t, r)
}

/// The scene of lesson `id` with `edit` applied to its JSON.
pub(super) fn edited(id: usize, edit: impl Fn(&mut serde_json::Value)) -> Vec<Trajectory> {
    let mut v = lesson(id).unwrap().scene().to_value();
    edit(&mut v);
    simulate(&Scene::from_value(&v).unwrap()).unwrap()
}

pub(super) fn says(id: usize, en: &str, zh: &str) {
    assert!(caption(id, Lang::En).contains(en), "lesson {id} en: {en}");
    assert!(caption(id, Lang::Zh).contains(zh), "lesson {id} zh: {zh}");
}

pub(super) fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn lesson_1_zig_zags_in_x2_and_crawls_in_x1() {
    let (_, t, r) = runs(1);
    let p = &r[0].points;
    assert_eq!(t, 20);
    for k in 0..6 {
        assert!(p[k][1] * p[k + 1][1] < 0.0, "x2 changes sign at step {k}");
        assert!(p[k + 1][0] > p[k][0] && p[k + 1][0] < 0.0, "x1 creeps up");
    }
    assert!(p[20][0] < -0.9, "x1 still far from 0 after 20 steps");
}

#[test]
fn lesson_2_grows_1_4_a_step_and_diverges() {
    says(2, "±30 at step 8", "±30");
    says(2, "×0.88", "0.88");
    let (s, t, r) = runs(2);
    assert_eq!(t, 8);
    let p = &r[0].points;
    for k in 0..s.steps {
        assert!(close(p[k + 1][1] / p[k][1], -1.4, 1e-9));
        assert!(close(p[k + 1][0] / p[k][0], 0.88, 1e-9));
    }
    assert!(close(p[8][1].abs(), 29.5, 0.1) && close(p[7][1].abs(), 21.1, 0.1));
    assert!(r[0].loss[20] > 1e5 * r[0].loss[0], "x2 diverges");
    // The fitted window holds every point shown, and not a comb: the
    // zig-zag fills two thirds of its height (the rest is room for the
    // tick labels and the view buttons).
    let v = s.view.unwrap();
    assert!(p[..=t]
        .iter()
        .all(|q| v.x0 < q[0] && q[0] < v.x1 && v.y0 < q[1] && q[1] < v.y1));
    assert!((p[7][1] - p[8][1]) / v.height() > 0.65, "{v:?}");
    // At 2/L x2 flips between −2 and 2 for ever; below it, it dies out.
    says(2, "η = 0.5 = 2/L", "η = 0.5 = 2/L");
    // One ← on η's slider takes 0.6 to 0.5 (its arrow stops).
    says(2, "press ← once on it", "在滑块上按一次 ←");
    let eta = gradscape_core::params::ParamInfo::of(r[0].spec.kind, HyperKey::Lr);
    assert_eq!(eta.arrow(r[0].spec.hyper.lr, false), 0.5);
    says(2, "between −2 and 2", "在 −2 和 2 之间");
    let r = edited(2, |v| v["optimizers"][0]["lr"] = 0.5.into());
    assert!(r[0].points.iter().all(|p| close(p[1].abs(), 2.0, 1e-9)));
    says(2, "at 0.4 the zig-zag dies out", "η = 0.4 时震荡逐渐消失");
    let r = edited(2, |v| v["optimizers"][0]["lr"] = 0.4.into());
    assert!(r[0].points[20][1].abs() < 0.05 * 2.0);
}

#[test]
fn lesson_3_momentum_is_ahead_of_gd_in_x1() {
    says(3, "x1 ≈ −0.06, GD only −0.94", "x1 ≈ −0.06");
    let (s, t, r) = runs(3);
    assert_eq!((t, s.optimizers.len()), (20, 2));
    assert_eq!(r[1].spec.kind.name(), "gd");
    assert_eq!(r[0].spec.hyper.lr, r[1].spec.hyper.lr);
    assert!(close(r[0].points[20][0], -0.06, 0.005));
    assert!(close(r[1].points[20][0], -0.94, 0.005));
}

#[test]
fn lesson_4_gd_diverges_and_momentum_converges() {
    says(4, "±15", "±15");
    says(4, "0.71", "0.71");
    says(4, "0.75", "0.75");
    let (s, t, r) = runs(4);
    assert_eq!((t, r[1].spec.kind.name()), (6, "gd"));
    assert!(close(r[1].points[6][1].abs(), 15.06, 0.01));
    assert!(r[1].loss[20] > 1e5 * r[1].loss[0], "GD diverges");
    assert!(r[0].loss[20] < 1e-4, "momentum converges");
    // Its x2 zig-zag shrinks by about √γ a step (complex roots).
    let m = &r[0].points;
    let ratio = (m[12][1] / m[2][1]).abs().powf(0.1);
    assert!(close(ratio, 0.5f64.sqrt(), 0.02), "{ratio}");
    // Both fit in the window it opens in.
    let v = s.view.unwrap();
    for run in &r {
        assert!(run.points[..=t]
            .iter()
            .all(|q| v.x0 < q[0] && q[0] < v.x1 && v.y0 < q[1] && q[1] < v.y1));
    }
    // 2·(1 + γ)/L = 0.75: just below converges, just above diverges.
    for (lr, diverges) in [(0.7, false), (0.8, true)] {
        let r = edited(4, |v| {
            v["optimizers"][0]["lr"] = lr.into();
            v["steps"] = 200.into();
        });
        assert_eq!(
            r[0].loss.last().unwrap() > &r[0].loss[0],
            diverges,
            "η = {lr}"
        );
    }
}

#[test]
fn lesson_6_small_rate_stalls_in_x1() {
    says(6, "x1 ≈ −2.4", "x1 ≈ −2.4");
    says(6, "x1 ≈ −0.002", "x1 ≈ −0.002");
    let (_, _, r) = runs(6);
    assert!(close(r[0].points[20][0], -2.4, 0.05));
    assert!(close(r[1].points[20][0], -0.002, 0.0005));
    // Stalls: the last five steps move x1 less than the first one did.
    let p = &r[0].points;
    assert!(p[20][0] - p[15][0] < p[1][0] - p[0][0]);
}

#[test]
fn lesson_7_rmsprop_converges() {
    let (_, _, r) = runs(7);
    assert!(r[0].points[20][0].abs() < 0.02 && r[0].points[20][1].abs() < 1e-6);
}

#[test]
fn lesson_8_first_uncorrected_step_is_larger() {
    says(8, "3.16·η", "3.16·η");
    says(8, "0.63 instead of 0.2", "0.63 而不是 0.2");
    says(8, "10·η", "10·η");
    let (_, t, r) = runs(8);
    assert_eq!(t, 0);
    assert_eq!(panel(Some(8)), LessonPanel::Bias);
    let (on, off) = (&r[0], &r[1]);
    assert!(on.spec.hyper.bias_correction && !off.spec.hyper.bias_correction);
    for k in 0..2 {
        let step_on = on.points[1][k] - on.points[0][k];
        let step_off = off.points[1][k] - off.points[0][k];
        assert!(close(step_on, 0.2, 1e-6), "{step_on}");
        assert!(close(step_off, 0.632, 0.001), "{step_off}");
        assert!(close(step_off / step_on, 0.1 / 0.001f64.sqrt(), 1e-3));
    }
    // The "η_eff" of the finding: η/(√v + ε) in x1, where |g₁| = 1.
    let g1 = 0.2 * 5.0;
    assert!(close(0.2 / (0.001f64 * g1 * g1).sqrt(), 6.32, 0.01));
    // β2 = 0.9999: 0.1/√0.0001 = 10.
    let r = edited(8, |v| v["optimizers"][1]["beta2"] = 0.9999.into());
    let step = r[1].points[1][0] - r[1].points[0][0];
    assert!(close(step, 10.0 * 0.2, 0.001), "{step}");
    // "on the blue discs' card": the corrected run's first step stays η.
    let r = edited(8, |v| v["optimizers"][0]["beta2"] = 0.9999.into());
    let step = r[0].points[1][0] - r[0].points[0][0];
    assert!(close(step, 0.2, 1e-6), "{step}");
    says(
        8,
        "β2 = 0.9999 on the blue discs' card",
        "在蓝色圆点的卡片上把 β2 设为 0.9999",
    );
}

#[test]
fn lesson_9_the_runs_settle_apart() {
    says(9, "(0.86, 2.67)", "(0.86, 2.67)");
    let (s, t, r) = runs(9);
    assert!(t == 150 && t < s.steps, "the inspector needs a next step");
    assert_eq!(panel(Some(9)), LessonPanel::WeightDecay);
    let (l2, w) = (&r[0], &r[1]);
    assert_eq!(
        (l2.spec.kind.name(), w.spec.kind.name()),
        ("adam_l2", "adamw")
    );
    // Adam+L2 at the L2-regularized minimum: 0.2·(x − 3) + 0.5·x = 0 →
    // x1 = 6/7; 4·(y − 3) + 0.5·y = 0 → x2 = 8/3.
    let end = l2.points[t];
    assert!(
        close(end[0], 6.0 / 7.0, 0.01) && close(end[1], 8.0 / 3.0, 0.01),
        "{end:?}"
    );
    // AdamW on the diagonal all the way.
    assert!(w.points.iter().all(|p| close(p[0], p[1], 1e-4)));
    // Not a transient: 20 times longer, they are still far apart.
    let r = edited(9, |v| v["steps"] = 3000.into());
    let (a, b) = (r[0].points[3000], r[1].points[3000]);
    assert!((a[0] - b[0]).hypot(a[1] - b[1]) > 1.0, "{a:?} {b:?}");
    assert!(close(a[0], 6.0 / 7.0, 1e-6));
    // AdamW heads for (2, 2): each |xᵢ| = 1/λ (not the norm ‖x‖), where its
    // normalized step, ±1 a coordinate, balances λ·x; on its way at step
    // 150, near at 3000.
    says(9, "towards (2, 2) = (1/λ, 1/λ)", "走向 (2, 2) = (1/λ, 1/λ)");
    assert_eq!(1.0 / w.spec.hyper.lambda, 2.0);
    let (w150, w3000) = (w.points[t][0], b[0]);
    assert!(w150 < w3000 && w3000 < 2.0 && w3000 > 1.9, "{w150} {w3000}");
    // The end point is the L2 minimum whatever Adam's √v̂: plain GD on
    // f + λ/2·‖x‖² settles there too.
    let r = edited(9, |v| {
        v["landscape"]["expr"] = "0.1*(x-3)^2 + 2*(y-3)^2 + 0.25*(x^2 + y^2)".into();
        v["optimizers"] = serde_json::json!([{"kind": "gd", "lr": 0.1}]);
        v["steps"] = 3000.into();
    });
    let g = r[0].points[3000];
    assert!(
        close(g[0], a[0], 1e-9) && close(g[1], a[1], 1e-9),
        "{g:?} {a:?}"
    );
    // The window shows the origin, both runs and the minimum (3, 3).
    let v = s.view.unwrap();
    for p in [[0.0, 0.0], [3.0, 3.0], end, w.points[t], s.start] {
        assert!(v.x0 < p[0] && p[0] < v.x1 && v.y0 < p[1] && p[1] < v.y1);
    }
}

#[test]
fn panels_come_from_the_lessons() {
    assert_eq!(panel(Some(5)), LessonPanel::Ema);
    for id in [1, 2, 3, 4, 6, 7] {
        assert_eq!(panel(Some(id)), LessonPanel::None);
    }
    assert_eq!(panel(None), LessonPanel::None);
    assert_eq!(panel(Some(99)), LessonPanel::None);
}
