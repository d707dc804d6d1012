//! Every number the captions of lessons 10–15 state, checked against the
//! core's runs of the lesson as it opens (and of the edits they suggest).

use super::claims::{close, edited, runs, says};
use gradscape_core::diagnose::{diagnose, Hint, Stationary};
use gradscape_core::lesson::{lesson, panel, LessonPanel};
use gradscape_core::optim::StateKey;
use gradscape_core::run::Trajectory;

/// The value of `key` in step `t`'s state (1-based), first coordinate.
fn field(r: &Trajectory, t: usize, key: StateKey) -> f64 {
    r.states[t - 1]
        .fields
        .iter()
        .find(|f| f.key == key)
        .map(|f| f.value[0])
        .unwrap_or_else(|| panic!("no {key:?} at step {t}"))
}

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

fn inside(v: &gradscape_core::landscape::View, p: [f64; 2]) -> bool {
    v.x0 < p[0] && p[0] < v.x1 && v.y0 < p[1] && p[1] < v.y1
}

#[test]
fn lesson_10_a_schedule_rescues_gd() {
    let (s, t, r) = runs(10);
    assert_eq!((t, r.len()), (6, 3));
    let names: Vec<_> = r
        .iter()
        .map(|x| x.spec.schedule.as_ref().map(|s| s.kind()))
        .collect();
    assert_eq!(names, [Some("plateau"), Some("step"), None]);
    assert!(r.iter().all(|x| x.spec.hyper.lr == 0.6));
    // Plain GD: x2 × −1.4 a step, diverging.
    says(10, "η = 0.6 > 2/L = 0.5", "η = 0.6 > 2/L = 0.5");
    says(10, "x2 × −1.4 a step", "x2 每步乘以 −1.4");
    let gd = &r[2].points;
    assert!((0..20).all(|k| close(gd[k + 1][1] / gd[k][1], -1.4, 1e-12)));
    assert!(r[2].loss[20] > 1e5 * r[2].loss[0]);
    // Plateau: η halved after step 2 (the loss rose), then 0.3 to the end.
    says(10, "after step 2", "第 2 步后");
    says(10, "keeps η = 0.3", "保持 η = 0.3");
    says(10, "x2 × −0.2 a step", "x2 每步乘以 −0.2");
    says(10, "x1 at −1.27 by step 20", "x1 到第 20 步为 −1.27");
    assert!(r[0].loss[2] > r[0].loss[1]);
    assert_eq!(&r[0].lr[..3], &[0.6, 0.6, 0.3]);
    assert!(r[0].lr[2..].iter().all(|&l| l == 0.3));
    assert!(r[0].loss[2..].windows(2).all(|w| w[1] < w[0]));
    let p = &r[0].points;
    assert!((3..20).all(|k| close(p[k + 1][1] / p[k][1], 1.0 - 0.3 * 4.0, 1e-9)));
    assert!(close(p[20][0], -1.27, 0.005) && p[20][1].abs() < 1e-9);
    // Step decay: x2 grows to ±10.8 first; then halved every 5 steps, x1
    // stalls behind.
    says(10, "halving every 5 steps", "每 5 步减半");
    says(10, "±10.8", "±10.8");
    // Still moving (a trial: "stall" read as stopped): a crawl.
    says(
        10,
        "slow x1 to a crawl (−1.54 at step 20)",
        "x1 走得很慢（第 20 步才到 −1.54）",
    );
    let p = &r[1].points;
    says(
        10,
        "follows GD until its clock says so",
        "之前一直跟着梯度下降走",
    );
    assert_eq!(p[..=5], r[2].points[..=5]);
    assert_ne!(p[6], r[2].points[6]);
    let peak = p.iter().map(|q| q[1].abs()).fold(0.0, f64::max);
    assert!(close(peak, 10.8, 0.05), "{peak}");
    assert_eq!(
        [r[1].lr[0], r[1].lr[5], r[1].lr[10], r[1].lr[15]],
        [0.6, 0.3, 0.15, 0.075]
    );
    assert!(close(p[20][0], -1.54, 0.005) && p[20][1].abs() < 1e-4);
    let crawl = p[20][0] - p[19][0];
    assert!(crawl > 0.0 && crawl < 0.03, "{crawl}");
    assert!(p[20][0] < r[0].points[20][0], "behind the plateau run");
    // It opens at step 6: GD's zig-zag at ±15, every trail in the window.
    let v = s.view.unwrap();
    assert!(close(gd[t][1].abs(), 15.06, 0.01));
    assert!(r
        .iter()
        .all(|x| x.points[..=t].iter().all(|&q| inside(&v, q))));
    assert!(v.height() < 40.0, "the rescued runs are not squashed");
    // torch's default patience 10: η cut only after eleven rises, x2 at
    // −113, and it still converges — to a lower f at step 20 than patience
    // 0, which the caption explains (a student read that end as the
    // lesson's verdict).
    says(
        10,
        "set patience to 10, torch's default, on the orange squares' card",
        "在橙色方块的卡片上把容忍步数设为 10（torch 的默认值）",
    );
    let quick = &r[0];
    let edit = edited(10, |v| {
        v["optimizers"][0]["schedule"]["patience"] = 10.into()
    });
    let slow = &edit[0];
    says(
        10,
        "η stays 0.6 while the loss rises twelve times (the scheduler counts eleven: it never sees the start's loss)",
        "损失上升了 12 次，η 一直是 0.6（调度器只数到 11 次",
    );
    let first_cut = slow.lr.iter().position(|&l| l < 0.6).unwrap();
    assert_eq!(first_cut, 12);
    let rises = |from: usize| {
        (from..=first_cut)
            .filter(|&k| slow.loss[k] > slow.loss[k - 1])
            .count()
    };
    assert_eq!(rises(2), 11, "the loss after step 1 is the first it sees");
    assert_eq!(rises(1), 12, "on the chart, the rise from the start too");
    says(
        10,
        "follows plain GD out to x2 = −113 at step 12",
        "跟着普通梯度下降一直震荡到第 12 步的 x2 = −113",
    );
    assert_eq!(slow.points[..=12], edit[2].points[..=12]);
    assert!(
        close(slow.points[12][1], -113.4, 0.05),
        "{:?}",
        slow.points[12]
    );
    let peak = slow.points.iter().map(|q| q[1].abs()).fold(0.0, f64::max);
    assert_eq!(peak, slow.points[12][1].abs());
    says(10, "f ≈ 25,700", "f ≈ 25,700");
    says(10, "patience 0 never passed 32.2", "f 最高只有 32.2");
    assert!(close(slow.loss[12], 25_700.0, 50.0), "{}", slow.loss[12]);
    let worst = quick.loss.iter().copied().fold(0.0, f64::max);
    assert!(close(worst, 32.2, 0.05), "{worst}");
    says(
        10,
        "f = 0.043 at step 20, against 0.16",
        "第 20 步 f = 0.043，对比 0.16",
    );
    assert_eq!((slow.loss.len(), quick.loss.len()), (21, 21));
    assert!(close(slow.loss[20], 0.043, 0.0005), "{}", slow.loss[20]);
    assert!(close(quick.loss[20], 0.16, 0.005), "{}", quick.loss[20]);
    says(10, "x1 moved faster at η = 0.6", "η = 0.6 让 x1 走得更快");
    assert!(slow.points[20][0] > quick.points[20][0] + 0.5);
    assert!(slow.points[20][1].abs() < 1e-3);
}

#[test]
fn lesson_11_radam_warms_up_where_adam_overshoots() {
    let (s, t, r) = runs(11);
    assert_eq!(t, 5);
    assert_eq!(panel(Some(11)), LessonPanel::Bias);
    let (ra, ad) = (&r[0], &r[1]);
    assert_eq!(
        (ra.spec.kind.name(), ad.spec.kind.name()),
        ("radam", "adam")
    );
    assert_eq!(s.convention.name(), "pytorch");
    assert_eq!((ra.spec.hyper.beta2, ra.spec.hyper.eps), (0.999, 1e-8));
    // Adam's first step: η in each coordinate, x2 to −0.25, loss up.
    says(11, "(−1, 0.05)", "(−1, 0.05)");
    says(11, "it jumps x2 to −0.25", "它把 x2 跳到 −0.25");
    says(11, "from 0.105 to 0.174", "从 0.105 升到 0.174");
    assert_eq!(s.start, [-1.0, 0.05]);
    for k in 0..2 {
        assert!(close((ad.points[1][k] - ad.points[0][k]).abs(), 0.3, 1e-6));
    }
    assert!(close(ad.points[1][1], -0.25, 1e-6));
    assert!(close(ad.loss[0], 0.105, 1e-9) && close(ad.loss[1], 0.174, 0.0005));
    // RAdam: ρₜ ≤ 5 for steps 1–5, plain momentum steps (rate η); then rₜ.
    says(11, "(steps 1–5)", "第 1–5 步");
    says(11, "rₜ = 0.026", "rₜ = 0.026");
    for k in 1..=5 {
        assert!(field(ra, k, StateKey::Rho) <= 5.0);
        assert_eq!(ra.states[k - 1].lr_eff, [0.3, 0.3], "step {k}");
    }
    assert!(field(ra, 6, StateKey::Rho) > 5.0);
    // r₆ from the step itself: Adam's step with bias correction, ×r₆.
    let r6 = {
        let b2 = 0.999f64;
        let ri = 2.0 / (1.0 - b2) - 1.0;
        let rho = field(ra, 6, StateKey::Rho);
        ((rho - 4.0) * (rho - 2.0) * ri / ((ri - 4.0) * (ri - 2.0) * rho)).sqrt()
    };
    assert!(close(r6, 0.026, 0.0005), "{r6}");
    // Its loss falls at every step; 40 steps: 1.1e-4 against Adam's 2.2e-3.
    says(11, "1.1e-4 at step 40", "第 40 步为 1.1e-4");
    says(11, "2.2e-3", "2.2e-3");
    assert!(ra.loss.windows(2).all(|w| w[1] < w[0]));
    assert!(close(ra.loss[40], 1.1e-4, 0.05e-4) && close(ad.loss[40], 2.2e-3, 0.05e-3));
    assert!(ad.loss.windows(2).any(|w| w[1] > w[0]), "Adam circles");
    // Both runs stay in the window.
    let v = s.view.unwrap();
    assert!(r.iter().all(|x| x.points.iter().all(|&q| inside(&v, q))));
}

#[test]
fn lesson_12_lion_steps_are_diagonals() {
    let (s, t, r) = runs(12);
    assert_eq!(t, 60);
    let (lion, adam) = (&r[0], &r[1]);
    assert_eq!(
        (lion.spec.kind.name(), adam.spec.kind.name()),
        ("lion", "adam")
    );
    says(12, "(±0.1, ±0.1)", "(±0.1, ±0.1)");
    says(12, "0.141", "0.141");
    says(12, "4 here", "只有 4 个");
    for w in lion.points.windows(2) {
        for k in 0..2 {
            assert!(close((w[1][k] - w[0][k]).abs(), 0.1, 1e-9), "{w:?}");
        }
    }
    // Crossed the minimum at full speed by step 60; Adam's step 60, the
    // last shown, is 0.0354 long (0.03 only by step 63: a trial).
    says(12, "shrunk to 0.035", "已缩到 0.035");
    assert!(lion.points[49][0] < 0.0 && lion.points[51][0] > 0.0);
    let adam_step = dist(adam.points[60], adam.points[59]);
    assert!(close(adam_step, 0.035, 0.0005), "{adam_step}");
    // Out to x1 = 2.9 at step 79, then back.
    says(12, "x1 = 2.9 at step 79", "第 79 步的 x1 = 2.9");
    let far = (0..=100)
        .max_by(|&a, &b| lion.points[a][0].total_cmp(&lion.points[b][0]))
        .unwrap();
    assert!(close(lion.points[far][0], 2.9, 1e-9) && far == 79);
    assert!(lion.points[100][0] < 1.0, "and back");
    let v = s.view.unwrap();
    assert!(r.iter().all(|x| x.points.iter().all(|&q| inside(&v, q))));
    // With cosine annealing Lion settles.
    says(12, "cosine annealing", "余弦退火");
    let r = edited(12, |v| {
        v["optimizers"][0]["schedule"] = serde_json::json!({"kind": "cosine"})
    });
    let end = r[0].points[100];
    assert!(dist(end, [0.0, 0.0]) < 0.3, "{end:?}");
    assert!(dist(r[0].points[100], r[0].points[99]) < 0.01);
}

#[test]
fn lesson_13_newton_one_step_on_the_bowl() {
    let (s, t, r) = runs(13);
    assert_eq!(t, 1);
    assert_eq!(
        (
            r[0].spec.kind.name(),
            r[1].spec.kind.name(),
            r[1].spec.hyper.lr
        ),
        ("newton", "gd", 0.4)
    );
    says(13, "H = diag(0.2, 4)", "H = diag(0.2, 4)");
    says(13, "(0, 0) in one step", "一步就落在最小值 (0, 0)");
    let h = s.landscape.hessian(s.start);
    assert_eq!(h, [[0.2, 0.0], [0.0, 4.0]]);
    assert_eq!(r[0].points[1], [0.0, 0.0]);
    // GD has only begun: x2 changed sign once.
    assert!(r[1].points[1][1] * r[1].points[0][1] < 0.0);
    says(
        13,
        "1/0.2 = 5 in x1 and 1/4 in x2",
        "x1 方向 1/0.2 = 5，x2 方向 1/4",
    );
    // η = 0.5: a straight line, half the distance each step.
    says(13, "η = 0.5", "η = 0.5");
    let r = edited(13, |v| v["optimizers"][0]["lr"] = 0.5.into());
    for k in 0..20 {
        let (a, b) = (r[0].points[k], r[0].points[k + 1]);
        assert!(close(b[0], 0.5 * a[0], 1e-12) && close(b[1], 0.5 * a[1], 1e-12));
    }
}

#[test]
fn lesson_14_newton_climbs_to_himmelblaus_maximum() {
    let (s, _, r) = runs(14);
    let (nw, gd) = (&r[0], &r[1]);
    assert_eq!((nw.spec.kind.name(), gd.spec.kind.name()), ("newton", "gd"));
    says(14, "diag(−42, −26)", "diag(−42, −26)");
    assert_eq!(s.start, [0.0, 0.0]);
    assert_eq!(
        s.landscape.hessian([0.0, 0.0]),
        [[-42.0, 0.0], [0.0, -26.0]]
    );
    says(14, "(−0.2708, −0.9230)", "(−0.2708, −0.9230)");
    says(14, "from 170 to 181.6", "从 170 升到 181.6");
    let end = *nw.points.last().unwrap();
    assert!(close(end[0], -0.2708, 5e-5) && close(end[1], -0.9230, 5e-5));
    assert!(close(nw.loss[0], 170.0, 1e-9) && close(*nw.loss.last().unwrap(), 181.6, 0.05));
    // The message under the legend: a maximum, in the caption's words.
    says(14, "ends at a maximum", "极大值点");
    let d = diagnose(&s.landscape, nw);
    match d.hint {
        Some(Hint::NotMinimum { kind, .. }) => assert_eq!(kind, Stationary::Maximum),
        h => panic!("{h:?}"),
    }
    let zh = crate::diagnose::hint_text(&d, crate::Lang::Zh).unwrap();
    assert!(zh.contains("局部极大值点"), "{zh}");
    let en = crate::diagnose::message_head(&d, "Newton", crate::Lang::En);
    assert!(en.contains("ends at a maximum"), "{en}");
    let zh = crate::diagnose::message_head(&d, "牛顿法", crate::Lang::Zh);
    assert!(zh.contains("停在极大值点"), "{zh}");
    // GD walks down to (3, 2).
    says(14, "to the minimum (3, 2)", "最小值 (3, 2)");
    let g = *gd.points.last().unwrap();
    assert!(dist(g, [3.0, 2.0]) < 0.01, "{g:?}");
    assert!(gd.loss.windows(2).all(|w| w[1] < w[0]));
    // Started near (3, 2), Newton goes to the minimum there.
    says(14, "in a few steps", "几步就到达");
    let r = edited(14, |v| v["start"] = serde_json::json!([2.5, 1.5]));
    assert!(
        dist(r[0].points[5], [3.0, 2.0]) < 1e-6,
        "{:?}",
        r[0].points[5]
    );
}

#[test]
fn lesson_15_lbfgs_follows_the_valley() {
    let (s, t, r) = runs(15);
    assert_eq!((t, s.steps), (50, 50));
    let (lb, gd) = (&r[0], &r[1]);
    assert_eq!((lb.spec.kind.name(), gd.spec.kind.name()), ("lbfgs", "gd"));
    assert_eq!(lb.spec.hyper.history_size, 100);
    // One or two evaluations a step: the trial points.
    says(15, "one or two evaluations of f a step", "一到两次");
    for st in &lb.states[..38] {
        let n = st
            .fields
            .iter()
            .filter(|f| matches!(f.key, StateKey::Trial(_)))
            .count();
        assert!((1..=2).contains(&n), "{n}");
    }
    // Within 0.001 of (1, 1) first at step 38.
    says(
        15,
        "within 0.001 of (1, 1) in each coordinate at step 38",
        "第 38 步就到了 (1, 1) 的 0.001 以内（每个坐标）",
    );
    let near = |p: &[f64; 2]| (p[0] - 1.0).abs() < 1e-3 && (p[1] - 1.0).abs() < 1e-3;
    assert_eq!(lb.points.iter().position(near), Some(38));
    assert!(lb.points[38..].iter().all(near));
    // GD: 2/L at (1, 1) ≈ 0.002, η half of it; at the start 2/L ≈
    // 0.00096, under η (it had said "just under 2/L": a trial); moved from
    // −1.5 to −1.39 in 50 steps.
    says(
        15,
        "uses η = 0.001: half of 2/L ≈ 0.002",
        "2/L ≈ 0.002 的一半",
    );
    says(15, "a little over 2/L ≈ 0.00096", "略高于起点处");
    says(15, "2/L ≈ 0.00096", "2/L ≈ 0.00096");
    let h0 = s.landscape.hessian(s.start);
    let l0 = 0.5 * (h0[0][0] + h0[1][1]) + (0.5 * (h0[0][0] - h0[1][1])).hypot(h0[0][1]);
    assert!(
        close(2.0 / l0, 0.00096, 0.000005) && gd.spec.hyper.lr > 2.0 / l0,
        "{l0}"
    );
    // Its first steps zig-zag in x1.
    says(15, "zig-zag in x1", "在 x1 方向来回振荡");
    assert!(gd.points[1][0] > gd.points[2][0] && gd.points[2][0] < gd.points[3][0]);
    says(15, "from −1.5 to −1.39", "从 −1.5 挪到 −1.39");
    let h = s.landscape.hessian([1.0, 1.0]);
    let (a, b, c) = (h[0][0], h[0][1], h[1][1]);
    let lmax = 0.5 * (a + c) + (0.5 * (a - c)).hypot(b);
    assert!(close(2.0 / lmax, 0.002, 0.0001));
    assert!(close(gd.spec.hyper.lr * lmax, 1.0, 0.01), "half of 2/L");
    assert!(close(gd.points[50][0], -1.39, 0.005));
    // About 17,400 steps to be as close.
    says(15, "needs about 17,400 steps", "约要 17,400 步");
    let r = edited(15, |v| v["steps"] = 18000.into());
    let n = r[1].points.iter().position(near).unwrap();
    assert!((17_350..17_450).contains(&n), "{n}");
    // At η = 0.0019, just under 2/L at the minimum: about 8,100.
    says(15, "at η = 0.0019 about 8,100", "η = 0.0019 时约 8,100 步");
    let r = edited(15, |v| {
        v["steps"] = 9000.into();
        v["optimizers"][1]["lr"] = 0.0019.into();
    });
    let n = r[1].points.iter().position(near).unwrap();
    assert!((8_050..8_150).contains(&n), "{n}");
    says(15, "line search “none”", "线搜索选“不搜索”");
    // Without the line search it leaps out of the valley y = x².
    let r = edited(15, |v| v["optimizers"][0]["line_search"] = "none".into());
    assert!(r[0].points[..=50].iter().any(|p| p[1] - p[0] * p[0] < -2.0));
}

#[test]
fn every_new_lesson_is_in_the_table() {
    for id in 10..=15 {
        assert!(lesson(id).is_some(), "{id}");
        assert_eq!(panel(Some(id)) == LessonPanel::Bias, id == 11);
    }
}
