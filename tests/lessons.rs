//! The lessons: the seed's figures exactly (their runs are the book's loops,
//! `tests/reference/d2l_golden.json`), every scene valid, both languages.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::lesson::{lesson, LESSONS};
use gradscape::simulate;
use gradscape::text::lessons::lesson_text;
use gradscape::Lang;
use serde_json::Value;

fn golden(name: &str) -> Vec<[f64; 2]> {
    let g: Value = serde_json::from_str(include_str!("reference/d2l_golden.json")).unwrap();
    let case = g["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no golden case {name}"));
    case["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| [p[0].as_f64().unwrap(), p[1].as_f64().unwrap()])
        .collect()
}

#[test]
fn the_seed_figures_are_the_books_loops() {
    for (id, run, name) in [
        (1, 0, "gd_2d eta=0.4"),
        (2, 0, "gd_2d eta=0.6"),
        (3, 0, "momentum_2d eta=0.4 gamma=0.5"),
        (4, 0, "momentum_2d eta=0.6 gamma=0.5"),
        (5, 0, "momentum_2d eta=0.4 gamma=0.5"),
        (6, 0, "adagrad_2d eta=0.4"),
        (6, 1, "adagrad_2d eta=2"),
        (7, 0, "rmsprop_2d eta=0.4 gamma=0.9"),
    ] {
        let l = lesson(id).unwrap();
        let s = l.scene();
        assert_eq!((s.start, s.steps), ([-5.0, -2.0], 20), "lesson {id}");
        let runs = simulate(&s).unwrap();
        let want = golden(name);
        assert_eq!(runs[run].points.len(), want.len(), "lesson {id}");
        for (p, q) in runs[run].points.iter().zip(&want) {
            for k in 0..2 {
                assert!(
                    (p[k] - q[k]).abs() <= 1e-12 * q[k].abs().max(1e-300),
                    "lesson {id} run {run}: {p:?} vs the book's {q:?}"
                );
            }
        }
    }
}

#[test]
fn every_lesson_has_its_scene_and_both_captions() {
    assert_eq!(LESSONS.len(), 15);
    for l in &LESSONS {
        let s = l.scene();
        assert_eq!(gradscape::Scene::from_json(l.scene).unwrap(), s);
        assert!(!s.optimizers.is_empty());
        for lang in [Lang::En, Lang::Zh] {
            let c = lesson_text(l.id).unwrap().caption.get(lang);
            let sentences =
                c.matches(". ").count() + usize::from(c.ends_with('.')) + c.matches('。').count();
            assert!(
                (2..=5).contains(&sentences),
                "lesson {} {lang:?}: {c}",
                l.id
            );
        }
        // No Latin words in the Chinese text but symbols, names and numbers.
        for word in lesson_text(l.id)
            .unwrap()
            .caption
            .zh
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 1)
        {
            assert!(
                // Names: of optimizers, surfaces, torch's classes, a key.
                [
                    "AdaGrad",
                    "RMSProp",
                    "Adam",
                    "AdamW",
                    "L2",
                    "RAdam",
                    "Lion",
                    "BFGS",
                    "Wolfe",
                    "Himmelblau",
                    "Rosenbrock",
                    "torch",
                    "Shift",
                    "sign",
                    "diag",
                    "max",
                ]
                .contains(&word),
                "lesson {}: English word '{word}' in the Chinese caption",
                l.id
            );
        }
    }
    // Lesson 8 and 9 are what their titles say.
    let adam = lesson(8).unwrap().scene();
    assert_eq!(
        adam.optimizers
            .iter()
            .map(|o| o.hyper.bias_correction)
            .collect::<Vec<_>>(),
        [true, false]
    );
    let l2 = lesson(9).unwrap().scene();
    assert_eq!(
        l2.optimizers
            .iter()
            .map(|o| o.kind.name())
            .collect::<Vec<_>>(),
        ["adam_l2", "adamw"]
    );
    assert_eq!(l2.optimizers[0].hyper.lambda, l2.optimizers[1].hyper.lambda);
    assert_eq!(Lang::from_code("zh-CN"), Some(Lang::Zh));
    assert_eq!(Lang::from_code("EN"), Some(Lang::En));
    assert_eq!(Lang::from_code("fr"), None);
}

/// Lesson 9's bowl is a formula whose minimum (3, 3) the caption names: the
/// figure marks it as it marks a built-in bowl's, inside the lesson's window.
#[test]
fn lesson_9_marks_the_minimum_its_caption_names() {
    let (s, _) = lesson(9).unwrap().opening();
    let m = s.landscape.minima();
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        (m[0][0] - 3.0).abs() < 1e-12 && (m[0][1] - 3.0).abs() < 1e-12,
        "{m:?}"
    );
    assert!(s.view().contains(m[0]));
}
