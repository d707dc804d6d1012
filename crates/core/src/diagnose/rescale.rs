//! [`Hint::L2Rescaled`]: the one note that needs the scene (its noise),
//! not only the surface and the run.

use super::{diagnose, Diagnosis, Health, Hint};
use crate::optim::OptKind;
use crate::run::Trajectory;
use crate::scene::Scene;
use crate::theory::l2_only_rescales;

/// The largest ε for which Adam's division still takes the scale out of
/// the step to well under a pixel (the defaults are 1e-6 and 1e-8).
const SMALL_EPS: f64 = 1e-4;

/// [`diagnose`] of run `t` of `scene`, with the note of
/// [`Hint::L2Rescaled`] where it holds and nothing else was said.
pub fn diagnose_scene(scene: &Scene, t: &Trajectory) -> Diagnosis {
    let mut d = diagnose(&scene.landscape, t);
    if d.health == Health::Ok && d.hint.is_none() && rescaled(scene, t) {
        d.hint = Some(Hint::L2Rescaled {
            lambda: t.spec.hyper.lambda,
        });
    }
    d
}

/// Whether λ·x only rescales each coordinate of `t`'s gradient
/// ([`l2_only_rescales`]: the bowl with its axes along x₁ and x₂, no
/// noise), for Adam+L2 with a small ε.
fn rescaled(scene: &Scene, t: &Trajectory) -> bool {
    let h = &t.spec.hyper;
    t.spec.kind == OptKind::AdamL2
        && h.eps <= SMALL_EPS
        && l2_only_rescales(&scene.landscape, h.lambda, scene.noise.sigma)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::simulate;

    fn notes(json: &str) -> Vec<Option<Hint>> {
        let s = Scene::from_json(json).unwrap();
        simulate(&s)
            .unwrap()
            .iter()
            .map(|t| diagnose_scene(&s, t).hint)
            .collect()
    }

    #[test]
    fn adam_l2_on_the_unrotated_bowl_is_adam_whatever_lambda() {
        let opts = r#""optimizers": [{"kind": "adam_l2", "lr": 0.1, "lambda": 0.5}, {"kind": "adam_l2", "lr": 0.1, "lambda": 0}, {"kind": "adamw", "lr": 0.1, "lambda": 0.5}, {"kind": "adam", "lr": 0.1}]"#;
        let bowl = format!(
            r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": [-5, -2], "steps": 20, {opts}}}"#
        );
        assert_eq!(
            notes(&bowl),
            [Some(Hint::L2Rescaled { lambda: 0.5 }), None, None, None]
        );
        // What it says: the path is Adam's (up to ε).
        let s = Scene::from_json(&bowl).unwrap();
        let runs = simulate(&s).unwrap();
        for (p, q) in runs[0].points.iter().zip(&runs[3].points) {
            assert!(
                (p[0] - q[0]).abs() < 1e-4 && (p[1] - q[1]).abs() < 1e-4,
                "{p:?} {q:?}"
            );
        }
        // Rotated, with noise, moved (lesson 9's formula), or a large ε: λ acts.
        for other in [
            r#""landscape": {"kind": "quadratic", "a": 0.1, "b": 2, "rotation": 30}"#,
            r#""landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "noise": {"sigma": 0.5, "seed": 1}"#,
            r#""landscape": {"kind": "expr", "expr": "0.1*(x-3)^2 + 2*(y-3)^2"}"#,
        ] {
            let json = format!(r#"{{{other}, "start": [-5, -2], "steps": 20, {opts}}}"#);
            assert_eq!(notes(&json)[0], None, "{other}");
        }
        let big_eps = r#"{"landscape": {"kind": "quadratic"}, "start": [-5, -2], "steps": 20, "optimizers": [{"kind": "adam_l2", "lr": 0.1, "lambda": 0.5, "eps": 0.1}]}"#;
        assert_eq!(notes(big_eps)[0], None);
    }
}
