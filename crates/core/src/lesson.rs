//! The lessons' scenes: one click each, the seed's story in order. Lessons
//! 1–4, 6 and 7 are the seed's figures exactly (the bowl 0.1·x1² + 2·x2²,
//! start (−5, −2), 20 steps, d2l). Their titles and captions are words, in
//! `gradscape-text`.

use crate::scene::Scene;

/// One lesson's scene.
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    /// Its number in links (`lesson=3`), 1-based.
    pub id: usize,
    /// The scene, as JSON.
    pub scene: &'static str,
}

impl Lesson {
    /// The lesson's scene.
    pub fn scene(&self) -> Scene {
        Scene::from_json(self.scene).unwrap_or_default()
    }
}

/// The lesson with this number.
pub fn lesson(id: usize) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

macro_rules! bowl {
    ($opts:literal) => {
        concat!(
            r#"{"version": 1, "landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 20, "convention": "d2l", "optimizers": "#,
            $opts,
            "}"
        )
    };
}

/// Every lesson, in the order the seed tells the story.
pub const LESSONS: [Lesson; 9] = [
    Lesson {
        id: 1,
        scene: bowl!(r#"[{"kind": "gd", "lr": 0.4}]"#),
    },
    Lesson {
        id: 2,
        scene: bowl!(r#"[{"kind": "gd", "lr": 0.6}]"#),
    },
    Lesson {
        id: 3,
        scene: bowl!(r#"[{"kind": "momentum", "lr": 0.4, "gamma": 0.5}]"#),
    },
    Lesson {
        id: 4,
        scene: bowl!(r#"[{"kind": "momentum", "lr": 0.6, "gamma": 0.5}]"#),
    },
    Lesson {
        id: 5,
        scene: bowl!(
            r#"[{"kind": "momentum", "lr": 0.4, "gamma": 0.5}, {"kind": "momentum", "lr": 0.4, "gamma": 0.9}]"#
        ),
    },
    Lesson {
        id: 6,
        scene: bowl!(
            r#"[{"kind": "adagrad", "lr": 0.4, "eps": 1e-6}, {"kind": "adagrad", "lr": 2, "eps": 1e-6}]"#
        ),
    },
    Lesson {
        id: 7,
        scene: bowl!(r#"[{"kind": "rmsprop", "lr": 0.4, "gamma": 0.9, "eps": 1e-6}]"#),
    },
    Lesson {
        id: 8,
        scene: r#"{"version": 1, "landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 30, "convention": "d2l", "optimizers": [{"kind": "adam", "lr": 0.2, "beta1": 0.9, "beta2": 0.999, "eps": 1e-6, "bias_correction": true}, {"kind": "adam", "lr": 0.2, "beta1": 0.9, "beta2": 0.999, "eps": 1e-6, "bias_correction": false}]}"#,
    },
    Lesson {
        id: 9,
        scene: r#"{"version": 1, "landscape": {"kind": "rosenbrock", "a": 1, "b": 100}, "start": [-1.5, 2], "steps": 150, "convention": "d2l", "optimizers": [{"kind": "adam_l2", "lr": 0.1, "lambda": 0.5}, {"kind": "adamw", "lr": 0.1, "lambda": 0.5}]}"#,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_parses() {
        for (i, l) in LESSONS.iter().enumerate() {
            assert_eq!(l.id, i + 1);
            assert!(Scene::from_json(l.scene).is_ok(), "lesson {}", l.id);
        }
        assert_eq!(lesson(0).map(|l| l.id), None);
        assert_eq!(lesson(9).map(|l| l.id), Some(9));
    }
}
