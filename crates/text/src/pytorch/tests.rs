//! The script's text for small scenes: what it contains and leaves out.

use super::script;
use crate::Lang;
use gradscape_core::Scene;

fn scene(json: &str) -> Scene {
    Scene::from_json(json).expect("a valid scene")
}

#[test]
fn the_seeds_gd_is_the_books_loop_without_torch() {
    let s = script(
        &scene(r#"{"optimizers": [{"kind": "gd", "lr": 0.4}]}"#),
        Lang::En,
    );
    assert!(s.contains("def f_2d_grad(x1, x2):"), "{s}");
    assert!(s.contains("    return (0.2 * x1, 4.0 * x2)"), "{s}");
    assert!(s.contains("def gd_2d(x, g, state, t, eta):"), "{s}");
    assert!(s.contains("train_2d(gd_2d, {\"eta\": 0.4})"), "{s}");
    assert!(!s.contains("import torch"), "{s}");
    assert!(!s.contains("Gaussian"), "{s}");
}

#[test]
fn pytorch_adam_with_a_schedule_and_noise() {
    let s = script(
        &scene(
            r#"{"convention": "pytorch", "noise": {"sigma": 0.5, "seed": 3},
                "optimizers": [{"kind": "adam", "lr": 0.1,
                                "schedule": {"kind": "plateau", "patience": 2}}]}"#,
        ),
        Lang::En,
    );
    assert!(s.contains("torch.set_default_dtype(torch.float64)"), "{s}");
    assert!(
        s.contains("torch.optim.Adam(params, lr=0.1, betas=(0.9, 0.999), eps=1e-8)"),
        "{s}"
    );
    assert!(
        s.contains("ReduceLROnPlateau(opt, mode=\"min\", factor=0.1, patience=2,"),
        "{s}"
    );
    assert!(s.contains("step_schedule(sched, loss)"), "{s}");
    assert!(s.contains("SIGMA, SEED = 0.5, 3"), "{s}");
    assert!(s.contains("class Gaussian:"), "{s}");
    assert!(!s.contains("train_2d"), "{s}");
    assert!(!s.contains("closure"), "{s}");
}

#[test]
fn lbfgs_newton_and_lion_get_their_code_and_comments_follow_the_language() {
    let json = r#"{"convention": "pytorch", "landscape": {"kind": "expr", "expr": "x^3/3 + x + y^2"},
        "start": [1, 1],
        "optimizers": [{"kind": "lbfgs", "line_search": "strong_wolfe"}, {"kind": "newton"},
                       {"kind": "lion"}]}"#;
    let en = script(&scene(json), Lang::En);
    assert!(en.contains("def closure():"), "{en}");
    assert!(en.contains("line_search_fn=\"strong_wolfe\""), "{en}");
    assert!(en.contains("torch.linalg.solve(H, g)"), "{en}");
    assert!(en.contains("from lion_pytorch import Lion"), "{en}");
    assert!(en.contains("    return x**3 / 3 + x + y**2"), "{en}");
    assert!(en.contains("singular Hessian"), "{en}");
    let zh = script(&scene(json), Lang::Zh);
    assert!(zh.contains("H 奇异"), "{zh}");
    assert!(zh.contains("# 你的公式"), "{zh}");
    // Only comments, messages and the runs' labels (the legend's words) change.
    let code = |s: &str| {
        s.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|l| {
                let l = l
                    .split(" f\"")
                    .next()
                    .unwrap_or(l)
                    .split("  #")
                    .next()
                    .unwrap_or(l);
                match l.strip_prefix("    (\"").and_then(|r| r.split_once("\", ")) {
                    Some((_, call)) => call.to_string(),
                    None => l.to_string(),
                }
            })
            .collect::<Vec<_>>()
    };
    assert!(zh.contains("(\"2. 牛顿法 η=1\", "), "{zh}");
    assert_eq!(code(&en), code(&zh));
}

/// ε = 0 is where gradscape's arithmetic leaves torch's (0/0 is a step of
/// 0, torch's NaN): the run that has it says so, the others do not.
#[test]
fn a_zero_epsilon_says_where_torch_differs() {
    let s = script(
        &scene(
            r#"{"convention": "pytorch", "optimizers": [{"kind": "adam", "eps": 0}, {"kind": "rmsprop"}, {"kind": "gd"}]}"#,
        ),
        Lang::En,
    );
    assert_eq!(
        s.matches("# ε = 0: where a gradient coordinate is exactly 0")
            .count(),
        1,
        "{s}"
    );
    let zh = script(
        &scene(r#"{"optimizers": [{"kind": "rmsprop", "eps": 0}]}"#),
        Lang::Zh,
    );
    assert!(zh.contains("# ε = 0：梯度的某个坐标恰好为 0 时"), "{zh}");
}

#[test]
fn d2l_torch_kinds_say_so() {
    let s = script(
        &scene(
            r#"{"optimizers": [{"kind": "nadam"}, {"kind": "adam", "bias_correction": false}]}"#,
        ),
        Lang::En,
    );
    assert!(
        s.contains("# nadam: the d2l convention computes it as torch does"),
        "{s}"
    );
    assert!(s.contains("torch.optim.NAdam("), "{s}");
    assert!(
        s.contains("def adam_2d(x, g, state, t, eta, beta1, beta2, eps, bias_correction):"),
        "{s}"
    );
}

#[test]
fn every_lesson_scene_gets_a_script_in_both_languages() {
    for l in &gradscape_core::lesson::LESSONS {
        let sc = l.scene();
        for lang in [Lang::En, Lang::Zh] {
            let s = script(&sc, lang);
            assert!(s.starts_with("# gradscape"), "{s}");
            // One entry per run, and nothing the scene does not use.
            assert_eq!(s.matches("\n    (\"").count(), sc.optimizers.len(), "{s}");
            assert_eq!(s.contains("class Gaussian"), sc.noise.sigma > 0.0);
            assert_eq!(
                s.contains("def closure"),
                sc.optimizers.iter().any(|o| o.kind.name() == "lbfgs")
            );
        }
    }
}
