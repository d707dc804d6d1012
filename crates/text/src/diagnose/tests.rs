//! The diagnoses in words, both languages: the bounds with and without
//! λ and τ, the edge, the cycles, the fall without bound, L2's λ as the
//! cause, the legend's loss.

use super::*;
use gradscape_core::diagnose::{diagnose, Calmer, Diagnosis, Health};
use gradscape_core::{simulate, OptKind, Scene, Trajectory};

fn run(json: &str) -> (Scene, Trajectory) {
    let s = Scene::from_json(json).unwrap();
    let t = simulate(&s).unwrap().remove(0);
    (s, t)
}

#[test]
fn gd_above_two_over_l_on_the_seed_bowl_says_why() {
    let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.6}]}"#);
    let d = diagnose(&s.landscape, &t);
    assert!(matches!(d.health, Health::Diverging { growth } if growth > 1e5));
    let hint = hint_text(&d, Lang::En).unwrap();
    assert!(hint.starts_with("η = 0.6 > 2/L = 2/4 = 0.5"), "{hint}");
    let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.4}]}"#);
    assert_eq!(
        diagnose(&s.landscape, &t),
        Diagnosis {
            health: Health::Ok,
            hint: None,
            converges: true,
        }
    );
}

#[test]
fn a_run_without_a_known_bound_names_a_smaller_eta_that_was_run() {
    // GD η = 0.01 on Rosenbrock: no bound in closed form; the hint
    // names an η that diagnose_in ran, in both languages.
    let (s, t) = run(
        r#"{"landscape":{"kind":"rosenbrock"},"start":[-1.5,2],"steps":300,"optimizers":[{"kind":"gd","lr":0.01}]}"#,
    );
    let d = gradscape_core::diagnose::diagnose_in(&s, &t);
    let Some(Hint::Diverged {
        calmer: Calmer::Found(lr),
        ..
    }) = d.hint
    else {
        panic!("{d:?}");
    };
    let en = hint_text(&d, Lang::En).unwrap();
    let v = calmer_value(lr);
    assert!(
        en.ends_with(&format!(
            "Try a smaller η. For example, with η\u{a0}=\u{a0}{v} (all else unchanged) a rerun completes all its steps and ends with a loss below its start."
        )),
        "{en}"
    );
    let zh = hint_text(&d, Lang::Zh).unwrap();
    assert!(
        zh.ends_with(&format!(
            "试试更小的 η。例如取 η\u{a0}=\u{a0}{v}（其余不变）重新运行，能跑完全部步数，最终损失低于初始损失。"
        )),
        "{zh}"
    );
    // The plain diagnosis (no scene to run) names none.
    let plain = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
    assert!(plain.ends_with("Try a smaller η."), "{plain}");
}

#[test]
fn computed_bounds_are_written_in_four_digits_and_stay_bounds() {
    // b = 3: 2/L = 2/6; Nesterov with γ = 0.9 (pytorch's default).
    let (s, t) = run(
        r#"{"landscape":{"kind":"quadratic","a":0.1,"b":3},"optimizers":[{"kind":"gd","lr":0.4}]}"#,
    );
    let hint = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
    assert!(hint.starts_with("η = 0.4 > 2/L = 2/6 = 0.3333"), "{hint}");
    assert!(hint.ends_with("Try η below 0.3333."), "{hint}");
    let (s, t) = run(
        r#"{"convention":"pytorch","optimizers":[{"kind":"momentum","lr":0.5,"gamma":0.9,"nesterov":true}]}"#,
    );
    let hint = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
    // 2(1 + γ)/(1 + 2γ) = 1.357142…, η < 0.339285…: rounded down.
    assert!(hint.contains("= 1.357"), "{hint}");
    assert!(
        hint.contains("0.3392") && !hint.contains("0.3393"),
        "{hint}"
    );
    assert!(!hint.contains("1.3571428"), "{hint}");
    // A schedule's η_t in 4 digits, the step that left included: StepLR
    // ×3 every 2 steps left at step 11 with 0.4·3⁵ = 97.2 (it said "up to
    // η = 32.400000000000006", the last step kept), a rate no chart shows:
    // the sentence says which step used it; the card's η as typed.
    let (s, t) = run(
        r#"{"optimizers":[{"kind":"gd","lr":0.4,"schedule":{"kind":"step","step_size":2,"gamma":3}}]}"#,
    );
    let d = diagnose(&s.landscape, &t);
    let en = hint_text(&d, Lang::En).unwrap();
    assert!(
        en.starts_with("The learning rate under the schedule is too large for this surface: step 11, with η = 97.2 (more than any step before it; the chart and the legend end at the step before), left the finite world (or |x| grew past 1e12)."),
        "{en}"
    );
    let zh = hint_text(&d, Lang::Zh).unwrap();
    assert!(
        zh.contains("第 11 步用的 η = 97.2") && zh.contains("（或 |x| 超过了 1e12）"),
        "{zh}"
    );
}

#[test]
fn a_run_going_round_in_circles_says_so_in_both_languages() {
    let (s, t) = run(r#"{"steps":100,"optimizers":[{"kind":"lion","lr":1}]}"#);
    let d = diagnose(&s.landscape, &t);
    assert_eq!(d.health, Health::Ok);
    assert_eq!(
        hint_text(&d, Lang::En).unwrap(),
        "Its last 77 steps visit the same 4 points over and over: the run hops around without settling. A smaller η (or a schedule that lowers it) makes the hops smaller or ends them."
    );
    assert!(hint_text(&d, Lang::Zh)
        .unwrap()
        .starts_with("最后 77 步里，这次运行反复经过同样的 4 个点："));
    assert_eq!(
        message_head(&d, "Lion η=1", Lang::En),
        "Lion η=1 neither converges nor diverges:"
    );
    // Under a schedule (here one that keeps η_t = 1 for 1000 steps) it
    // is not told to use a schedule, but what η_t was.
    let (s, t) = run(
        r#"{"steps":100,"optimizers":[{"kind":"lion","lr":1,"schedule":{"kind":"step","step_size":1000,"gamma":0.5}}]}"#,
    );
    let d = diagnose(&s.landscape, &t);
    assert_eq!(
        hint_text(&d, Lang::En).unwrap(),
        "Its last 77 steps visit the same 4 points over and over: the run hops around without settling, the schedule's η_t there up to 1. A smaller η on the card (the schedule scales it) makes the hops smaller or ends them."
    );
    assert!(hint_text(&d, Lang::Zh)
        .unwrap()
        .contains("这几步里调度给出的 η_t 最大为 1。"));
}

#[test]
fn on_the_bound_with_weight_decay_is_the_edge_not_too_large_an_eta() {
    // Lesson 4's momentum with λ = 1: η·(L + λ) = 0.6·5 = 3 = 2(1 + γ).
    // Its loss settles at 72 (10.5 at the start): it was told "η = 0.6
    // is too large for this surface".
    let (s, t) = run(r#"{"optimizers":[{"kind":"momentum","lr":0.6,"gamma":0.5,"lambda":1}]}"#);
    let d = diagnose(&s.landscape, &t);
    assert_eq!(d.health, Health::Ok, "{d:?}");
    assert!(matches!(d.hint, Some(Hint::AtEdge { .. })), "{d:?}");
    let en = hint_text(&d, Lang::En).unwrap();
    assert!(
        en.starts_with(
            "η·(L + λ) = 0.6·5 = 3 = 2(1 + γ) with γ = 0.5, exactly the stability bound"
        ),
        "{en}"
    );
    assert!(
        en.ends_with("Weight decay λ = 1 adds λ to every curvature."),
        "{en}"
    );
    assert_eq!(
        message_head(&d, "Momentum η=0.6", Lang::En),
        "Momentum η=0.6 neither converges nor diverges:"
    );
    // GD η = 0.4 with λ = 1 (lesson 1, λ typed), and Nesterov.
    for (json, head) in [
        (
            r#"{"optimizers":[{"kind":"gd","lr":0.4,"lambda":1}]}"#,
            "η = 0.4 = 2/(L + λ) = 2/5, exactly",
        ),
        (
            r#"{"optimizers":[{"kind":"momentum","lr":0.3,"gamma":0.5,"lambda":1,"nesterov":true}]}"#,
            "η·(L + λ) = 0.3·5 = 1.5 = 2(1 + γ)/(1 + 2γ), exactly",
        ),
    ] {
        let (s, t) = run(json);
        let d = diagnose(&s.landscape, &t);
        assert_eq!(d.health, Health::Ok, "{d:?}");
        assert!(hint_text(&d, Lang::En).unwrap().starts_with(head), "{d:?}");
    }
    let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.4,"lambda":1}]}"#);
    assert!(hint_text(&diagnose(&s.landscape, &t), Lang::Zh)
        .unwrap()
        .starts_with("η = 0.4 = 2/(L + λ) = 2/5，正好在稳定界限上："));
    // Its curvature in digits enough: 2/(L + λ) = 2/4.0001.
    let (s, t) = run(r#"{"steps":60,"optimizers":[{"kind":"gd","lr":0.6,"lambda":0.0001}]}"#);
    let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
    assert!(
        en.starts_with("η = 0.6 > 2/(L + λ) = 2/4.0001 = 0.4999:"),
        "{en}"
    );
    assert!(!en.contains("Or keep η"), "λ = 0 is not enough: {en}");
    let (s, t) = run(r#"{"steps":200,"optimizers":[{"kind":"gd","lr":0.5,"lambda":1e-8}]}"#);
    let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
    assert!(
        en.starts_with("η = 0.5 > 2/(L + λ) = 2/4.00000001 = 0.4999:"),
        "{en}"
    );
    let (s, t) = run(
        r#"{"steps":200,"optimizers":[{"kind":"momentum","lr":0.75,"gamma":0.5,"lambda":1e-5}]}"#,
    );
    let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
    assert!(
        en.starts_with("η·(L + λ) = 0.75·4.00001 = 3.0000075 > 2(1 + γ) = 3:"),
        "{en}"
    );
}

#[test]
fn decoupled_decay_with_eta_lambda_at_two_never_shrinks_x() {
    // AdamW η = 0.1, λ = 20: 1 − η·λ = −1. In 20 steps the loss is
    // 13.2 (10.5 at the start), under "diverging"'s ×1.5: it was told
    // nothing; in 200 steps "η = 0.1 is too large for this surface".
    for steps in [20, 200] {
        let (s, t) = run(&format!(
            r#"{{"steps":{steps},"optimizers":[{{"kind":"adamw","lr":0.1,"lambda":20}}]}}"#
        ));
        let d = diagnose(&s.landscape, &t);
        assert!(matches!(d.hint, Some(Hint::DecayUnstable { .. })), "{d:?}");
        let en = hint_text(&d, Lang::En).unwrap();
        assert!(
            en.starts_with("The weight decay multiplies x by 1 − η·λ = −1 every step (η = 0.1, λ = 20): with η·λ ≥ 2"),
            "{en}"
        );
    }
    // Just under: no such message.
    let (s, t) = run(r#"{"optimizers":[{"kind":"adamw","lr":0.1,"lambda":19}]}"#);
    assert!(!matches!(
        diagnose(&s.landscape, &t).hint,
        Some(Hint::DecayUnstable { .. })
    ));
}

#[test]
fn l2_weight_decay_can_make_a_saddle_a_minimum() {
    // GD with λ = 3 on the saddle x² − y² (curvatures 2 and −2): it
    // follows f + 1.5·‖x‖², curvatures 5 and 1, and converges to the
    // origin from anywhere: not "ends at a saddle point, start
    // elsewhere".
    let (s, t) = run(
        r#"{"landscape":{"kind":"saddle"},"start":[1,1.5],"steps":100,"optimizers":[{"kind":"gd","lr":0.1,"lambda":3}]}"#,
    );
    assert!(t.points.last().unwrap()[0].abs() < 1e-6);
    assert_eq!(diagnose(&s.landscape, &t).hint, None);
    // λ = 1 leaves it a saddle of f + λ/2·‖x‖² (curvatures 3 and −1):
    // from its ridge (y = 0) the run ends there, and the sentence
    // gives that loss's eigenvalues and says why.
    let (s, t) = run(
        r#"{"landscape":{"kind":"saddle"},"start":[1,0],"steps":100,"optimizers":[{"kind":"gd","lr":0.1,"lambda":1}]}"#,
    );
    let d = diagnose(&s.landscape, &t);
    assert!(
        matches!(d.hint, Some(Hint::NotMinimum { eig, lambda, .. }) if eig == [-1.0, 3.0] && lambda == 1.0),
        "{d:?}"
    );
    assert!(hint_text(&d, Lang::En).unwrap().ends_with(
        "start elsewhere. These are the curvatures of f + λ/2·‖x‖², the loss the run \
         descends: weight decay λ = 1 adds λ to every curvature."
    ));
    // λ = 1.5 off the ridge: it falls without bound, and λ above 2
    // would give that loss a minimum.
    let (s, t) = run(
        r#"{"landscape":{"kind":"saddle"},"start":[1,1.5],"steps":30,"optimizers":[{"kind":"gd","lr":0.1,"lambda":1.5}]}"#,
    );
    let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
    assert!(
        en.ends_with("With L2 weight decay λ above 2, the loss the run descends, f + λ/2·‖x‖², has a minimum."),
        "{en}"
    );
    // The saddle has no minimum anywhere: every start off its ridge runs
    // off too, so the sentence does not send the student to another one.
    assert!(
        en.contains("no minimum anywhere") && en.contains("nor does another start"),
        "{en}"
    );
    assert!(!en.contains("start elsewhere"), "{en}");
    let zh = hint_text(&diagnose(&s.landscape, &t), Lang::Zh).unwrap();
    assert!(
        zh.contains("处处都没有最小值") && zh.contains("换起点也一样"),
        "{zh}"
    );
    // A line search sets L-BFGS's step lengths: η = 1 and 0.1 leap alike
    // down the saddle, so "a smaller η only runs off more slowly" is not
    // said of it.
    let (s, t) = run(
        r#"{"landscape":{"kind":"saddle"},"steps":20,"optimizers":[{"kind":"lbfgs","lr":0.1,"line_search":"strong_wolfe"}]}"#,
    );
    let d = diagnose(&s.landscape, &t);
    let en = hint_text(&d, Lang::En).unwrap();
    assert!(
        en.contains("The line search sets each step's length, so no learning rate helps, nor does another start")
            && !en.contains("runs off more slowly"),
        "{en}"
    );
    assert!(hint_text(&d, Lang::Zh)
        .unwrap()
        .contains("每一步的长度由线搜索决定"));
    // A formula's bottom is not known: another start may find a well.
    let (s, t) = run(
        r#"{"landscape":{"kind":"expr","expr":"x*y"},"start":[-5,-2],"steps":20,"optimizers":[{"kind":"gd","lr":0.4}]}"#,
    );
    let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
    assert!(
        en.contains("no minimum in the direction the run took") && en.contains("start elsewhere"),
        "{en}"
    );
}

#[test]
fn where_l2_decay_tips_a_run_over_a_rerun_with_lambda_0_says_so() {
    // GD η = 0.4 with λ = 1.5 on the formula 0.1·x² + 2·y² (no closed
    // form: curvatures 0.2 + λ and 4 + λ, 0.4·5.5 > 2); without λ it
    // ends at f = 0.089. Rosenbrock with η·λ = 2.5.
    for (json, lambda) in [
        (
            r#"{"landscape":{"kind":"expr","expr":"0.1*x^2 + 2*y^2"},"optimizers":[{"kind":"gd","lr":0.4,"lambda":1.5}]}"#,
            "1.5",
        ),
        (
            r#"{"landscape":{"kind":"rosenbrock"},"start":[-1.5,2],"optimizers":[{"kind":"gd","lr":0.0005,"lambda":5000}]}"#,
            "5000",
        ),
    ] {
        let (s, t) = run(json);
        let d = gradscape_core::diagnose::diagnose_in(&s, &t);
        let en = hint_text(&d, Lang::En).unwrap();
        assert!(
            en.contains(&format!(
                "With λ = 0 instead of {lambda} (all else unchanged) a rerun completes"
            )),
            "{en}"
        );
        // λ named as the cause first, not "η is too large".
        assert!(en.starts_with("The "), "{en}");
        assert!(!en.contains("too large"), "{en}");
        let zh = hint_text(&d, Lang::Zh).unwrap();
        assert!(zh.contains(&format!("把 λ 从 {lambda} 改为 0")), "{zh}");
        assert!(!zh.contains("太大"), "{zh}");
    }
    // Where λ = 0 does not help (η alone too large), nothing of λ.
    let (s, t) = run(
        r#"{"landscape":{"kind":"expr","expr":"0.1*x^2 + 2*y^2"},"optimizers":[{"kind":"gd","lr":0.6,"lambda":0.1}]}"#,
    );
    let d = gradscape_core::diagnose::diagnose_in(&s, &t);
    assert!(!hint_text(&d, Lang::En).unwrap().contains("λ = 0"), "{d:?}");
    // Nor for a run without λ.
    let (s, t) = run(
        r#"{"landscape":{"kind":"expr","expr":"0.1*x^2 + 2*y^2"},"optimizers":[{"kind":"gd","lr":0.6}]}"#,
    );
    let d = gradscape_core::diagnose::diagnose_in(&s, &t);
    assert!(!hint_text(&d, Lang::En).unwrap().contains("λ = 0"), "{d:?}");
}

#[test]
fn a_run_off_to_minus_infinity_is_headed_by_its_fall() {
    // The saddle from near its ridge: past 1e12 at step 64.
    let (s, t) = run(
        r#"{"landscape":{"kind":"saddle"},"start":[-1.5,0.1],"steps":200,"optimizers":[{"kind":"gd","lr":0.3}]}"#,
    );
    let d = diagnose(&s.landscape, &t);
    assert_eq!(d.health, Health::Diverged { step: 64 });
    assert_eq!(
        message_head(&d, "GD η=0.3", Lang::En),
        "GD η=0.3 falls without bound, out of range at step 64:"
    );
    assert_eq!(
        message_head(&d, "梯度下降 η=0.3", Lang::Zh),
        "梯度下降 η=0.3 无限下降，在第 64 步超出范围："
    );
}

#[test]
fn momentum_bound_is_two_one_plus_gamma_over_l() {
    // η = 0.6, γ = 0.5: η·L = 2.4 < 3, converges (the seed's figure).
    let (s, t) = run(r#"{"optimizers":[{"kind":"momentum","lr":0.6,"gamma":0.5}]}"#);
    assert_eq!(diagnose(&s.landscape, &t).health, Health::Ok);
    // η = 0.8, γ = 0.5: η·L = 3.2 > 3, grows.
    let (s, t) = run(r#"{"steps":60,"optimizers":[{"kind":"momentum","lr":0.8,"gamma":0.5}]}"#);
    let d = diagnose(&s.landscape, &t);
    assert!(matches!(d.health, Health::Diverging { .. }), "{d:?}");
    assert!(hint_text(&d, Lang::En)
        .unwrap()
        .starts_with("η·L = 0.8·4 = 3.2 > 2(1 + γ) = 3"));
    assert!(hint_text(&d, Lang::Zh)
        .unwrap()
        .starts_with("η·L = 0.8·4 = 3.2 > 2(1 + γ) = 3：即使有动量 γ = 0.5"));
}

#[test]
fn with_weight_decay_or_dampening_the_bound_is_on_the_curvature_the_run_sees() {
    // GD η = 0.401, λ = 1 on the seed's bowl (L = 4): 2/(L + λ) = 0.4.
    // Its loss still falls at step 20 (10.5 → 9.77), but x2 grows
    // ×1.005 a step: it was told nothing and "down from 10.5".
    let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.401,"lambda":1}]}"#);
    let d = diagnose(&s.landscape, &t);
    assert_eq!(d.health, Health::Ok);
    assert!(!d.converges);
    assert_eq!(
        hint_text(&d, Lang::En).unwrap(),
        "η = 0.401 > 2/(L + λ) = 2/5 = 0.4: along the steepest axis (curvature L = 4 on the \
         surface, 5 as this run sees it) every step overshoots the minimum by more than it \
         started, so the zig-zag grows. Try η below 0.4. Or keep η and take λ below 0.9875. \
         Weight decay λ = 1 adds λ to every curvature."
    );
    assert!(hint_text(&d, Lang::Zh).unwrap().starts_with(
        "η = 0.401 > 2/(L + λ) = 2/5 = 0.4：沿最陡的方向（曲面上的曲率 L = 4，这个运行感受到的是 5）"
    ));
    let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.399,"lambda":1}]}"#);
    let d = diagnose(&s.landscape, &t);
    assert_eq!((d.hint, d.converges), (None, true));
    // Heavy ball γ = 0.5 with τ = 0.5: η·(1 − τ)·L = 1.6·0.5·4 = 3.2 > 3.
    let (s, t) = run(
        r#"{"steps":60,"optimizers":[{"kind":"momentum","lr":1.6,"gamma":0.5,"dampening":0.5}]}"#,
    );
    let d = diagnose(&s.landscape, &t);
    assert!(matches!(d.health, Health::Diverging { .. }), "{d:?}");
    let en = hint_text(&d, Lang::En).unwrap();
    assert!(
        en.starts_with("η·((1 − τ)·L) = 1.6·2 = 3.2 > 2(1 + γ) = 3: even with momentum γ = 0.5"),
        "{en}"
    );
    assert!(
        en.contains("Try η below 1.5. Dampening τ = 0.5 lets"),
        "{en}"
    );
    // Nesterov (no dampening: torch's rule) with λ = 1: h = 5, bound
    // 2(1.5)/2 = 1.5, η < 0.3.
    let (s, t) = run(
        r#"{"steps":60,"optimizers":[{"kind":"momentum","lr":0.35,"gamma":0.5,"nesterov":true,"lambda":1}]}"#,
    );
    let zh = hint_text(&diagnose(&s.landscape, &t), Lang::Zh).unwrap();
    assert!(
        zh.starts_with("η·(L + λ) = 0.35·5 = 1.75 > 2(1 + γ)/(1 + 2γ) = 1.5："),
        "{zh}"
    );
    // Or λ below 1.5/0.35 − 4 = 0.2857.
    assert!(
        zh.contains("试试小于 0.3 的 η。或者保持 η 不变，把 λ 调到 0.2857 以下。权重衰减 λ = 1"),
        "{zh}"
    );
    // Both, heavy ball: h = (1 − 0.5)·(4 + 1) = 2.5, η < 3/2.5 = 1.2.
    let (s, t) = run(
        r#"{"steps":60,"optimizers":[{"kind":"momentum","lr":1.4,"gamma":0.5,"dampening":0.5,"lambda":1}]}"#,
    );
    let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
    assert!(
        en.starts_with("η·((1 − τ)(L + λ)) = 1.4·2.5 = 3.5 > 2(1 + γ) = 3:"),
        "{en}"
    );
    assert!(
        en.ends_with("Try η below 1.2. Or keep η and take λ below 0.2857. Weight decay λ = 1 adds λ to every curvature. Dampening τ = 0.5 lets the gradient in as (1 − τ)·η·g."),
        "{en}"
    );
}

#[test]
fn the_legend_s_loss_is_written_as_the_captions_write_numbers() {
    // 4 significant digits (0.08901, not 0.089 of 4 decimals) and a
    // true minus sign, in both languages and at every step.
    let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.4}]}"#);
    let d = diagnose(&s.landscape, &t);
    assert_eq!(status_text(&d, &t, Lang::En), "f = 0.08901");
    let (s, t) = run(
        r#"{"landscape":{"kind":"expr","expr":"x^2 + y^2 - 1.23456"},"start":[1,1],"optimizers":[{"kind":"gd","lr":0.1}]}"#,
    );
    let d = diagnose(&s.landscape, &t);
    for lang in [Lang::En, Lang::Zh] {
        assert_eq!(status_text(&d, &t, lang), "f = −1.234");
        assert_eq!(status_at(&d, &t, 0, lang).0, "f = 0.7654");
        assert_eq!(status_at(&d, &t, 2, lang).0, "f = −0.4154");
    }
}

#[test]
fn kind_titles_in_english_are_the_cli_s() {
    let titles: Vec<&str> = gradscape_core::optim::ALL_KINDS
        .iter()
        .map(|&k| kind_title(k, Lang::En))
        .collect();
    assert_eq!(
        titles,
        [
            "GD", "Momentum", "AdaGrad", "RMSProp", "Adam", "Adam+L2", "AdamW", "NAdam",
            "Adadelta", "Adamax", "RAdam", "Rprop", "Lion", "L-BFGS", "Newton"
        ]
    );
    assert_eq!(kind_title(OptKind::Momentum, Lang::Zh), "动量法");
}

#[test]
fn hard_divergence_reports_the_step() {
    let (s, t) = run(
        r#"{"landscape":{"kind":"rosenbrock"},"start":[-1.5,2],"optimizers":[{"kind":"gd","lr":0.01}]}"#,
    );
    let d = diagnose(&s.landscape, &t);
    assert_eq!(d.health, Health::Diverged { step: 6 });
    assert!(hint_text(&d, Lang::En).unwrap().contains("step 6"));
    assert!(hint_text(&d, Lang::Zh).unwrap().contains("第 6 步"));
    assert_eq!(
        status_text(&diagnose(&s.landscape, &t), &t, Lang::En),
        "diverged at step 6"
    );
}

#[test]
fn adam_l2_on_the_bowl_is_a_note_that_lambda_changes_nothing() {
    let (s, t) = run(r#"{"optimizers":[{"kind":"adam_l2","lr":0.1,"lambda":0.5}]}"#);
    let d = gradscape_core::diagnose::diagnose_scene(&s, &t);
    assert_eq!(d.health, Health::Ok);
    assert_eq!(
        message_head(&d, "Adam+L2 η=0.1 λ=0.5", Lang::En),
        "Adam+L2 η=0.1 λ=0.5 takes Adam's steps here:"
    );
    let en = hint_text(&d, Lang::En).unwrap();
    assert!(
        en.contains("λ\u{a0}=\u{a0}0.5 changes nothing (up to ε)"),
        "{en}"
    );
    let zh = hint_text(&d, Lang::Zh).unwrap();
    assert!(zh.contains("λ\u{a0}=\u{a0}0.5 不起作用"), "{zh}");
}
