//! The lessons' scenes: one click each, the seed's story in order. Lessons
//! 1–4, 6 and 7 are the seed's figures exactly (the bowl 0.1·x1² + 2·x2²,
//! start (−5, −2), 20 steps, d2l), with the comparison runs they need;
//! lessons 10–15 go past the seed: a schedule, RAdam, Lion, Newton, L-BFGS.
//! Each lesson also says how it opens — the step, the window and the
//! explainer panel that show its point — so a class sees it at once. Their
//! titles and captions are words, in `gradscape-text`.

use crate::geometry::fit_runs_ahead;
use crate::landscape::{View, BOWL_VIEW};
use crate::run::simulate;
use crate::scene::Scene;

/// The window a lesson opens in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LessonView {
    /// The surface's own window.
    Scene,
    /// This window.
    Window(View),
    /// Every trail up to the opening step, with a margin
    /// ([`crate::geometry::fit`]).
    FitTrails,
}

/// The explainer panel a lesson opens beside the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonPanel {
    /// None.
    None,
    /// The exponential moving average explainer.
    Ema,
    /// The optimizer-state panel, its bias-correction chart and the first
    /// run's inspector first.
    Bias,
    /// The optimizer-state panel, its Adam+L2 vs AdamW part first.
    WeightDecay,
}

impl LessonPanel {
    /// Whether it is the optimizer-state panel.
    pub fn is_state(self) -> bool {
        matches!(self, LessonPanel::Bias | LessonPanel::WeightDecay)
    }
}

/// One lesson's scene and how it opens.
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    /// Its number in links (`lesson=3`), 1-based.
    pub id: usize,
    /// The scene, as JSON.
    pub scene: &'static str,
    /// The step it opens at (`None`: the last).
    pub open_at: Option<usize>,
    /// The window it opens in.
    pub view: LessonView,
    /// The panel it opens.
    pub panel: LessonPanel,
}

impl Lesson {
    /// The lesson's scene as written (the surface's own window).
    pub fn scene(&self) -> Scene {
        Scene::from_json(self.scene).unwrap_or_default()
    }

    /// The step it opens at, within the scene's steps.
    pub fn open_step(&self, scene: &Scene) -> usize {
        self.open_at.unwrap_or(scene.steps).min(scene.steps)
    }

    /// The scene as the lesson opens — its window set as the lesson says —
    /// and the step.
    pub fn opening(&self) -> (Scene, usize) {
        let mut s = self.scene();
        let t = self.open_step(&s);
        match self.view {
            LessonView::Scene => {}
            LessonView::Window(v) => s.view = Some(v),
            LessonView::FitTrails => {
                if let Ok(runs) = simulate(&s) {
                    let home = s.landscape.default_view();
                    s.view =
                        fit_runs_ahead(runs.iter().map(|r| r.points.as_slice()), s.start, t, home);
                }
            }
        }
        (s, t)
    }
}

/// The panel lesson `id` opens (none for free play or an unknown number):
/// the one place the page learns which explainer goes with which lesson.
pub fn panel(id: Option<usize>) -> LessonPanel {
    id.and_then(lesson).map_or(LessonPanel::None, |l| l.panel)
}

/// The lesson with this number.
pub fn lesson(id: usize) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

/// The seed's figures' window on the bowl: the surface's own, written into
/// the lesson's link.
const BOWL: LessonView = LessonView::Window(BOWL_VIEW);

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
pub const LESSONS: [Lesson; 15] = [
    Lesson {
        id: 1,
        scene: bowl!(r#"[{"kind": "gd", "lr": 0.4}]"#),
        open_at: None,
        view: BOWL,
        panel: LessonPanel::None,
    },
    Lesson {
        id: 2,
        scene: bowl!(r#"[{"kind": "gd", "lr": 0.6}]"#),
        // x2 grows 1.4× a step: at step 8 the zig-zag is ±30, still a shape
        // and not a comb of lines leaving the window.
        open_at: Some(8),
        view: LessonView::FitTrails,
        panel: LessonPanel::None,
    },
    Lesson {
        id: 3,
        scene: bowl!(
            r#"[{"kind": "momentum", "lr": 0.4, "gamma": 0.5}, {"kind": "gd", "lr": 0.4}]"#
        ),
        open_at: None,
        view: BOWL,
        panel: LessonPanel::None,
    },
    Lesson {
        id: 4,
        scene: bowl!(
            r#"[{"kind": "momentum", "lr": 0.6, "gamma": 0.5}, {"kind": "gd", "lr": 0.6}]"#
        ),
        // GD's zig-zag has grown to ±15 while momentum's shrinks inside ±2:
        // both readable in one fitted window.
        open_at: Some(6),
        view: LessonView::FitTrails,
        panel: LessonPanel::None,
    },
    Lesson {
        id: 5,
        scene: bowl!(
            r#"[{"kind": "momentum", "lr": 0.4, "gamma": 0.5}, {"kind": "momentum", "lr": 0.4, "gamma": 0.9}]"#
        ),
        open_at: None,
        // γ = 0.9 swings out to x1 = 2.8 (step 10) and x2 = 2.16, beyond
        // the bowl's window: both trails whole, the start ring clear of the
        // tick labels and the swing's top clear of the view buttons.
        view: LessonView::Window(View::new([-6.2, 3.6], [-3.2, 3.2])),
        panel: LessonPanel::Ema,
    },
    Lesson {
        id: 6,
        scene: bowl!(
            r#"[{"kind": "adagrad", "lr": 0.4, "eps": 1e-6}, {"kind": "adagrad", "lr": 2, "eps": 1e-6}]"#
        ),
        open_at: None,
        view: BOWL,
        panel: LessonPanel::None,
    },
    Lesson {
        id: 7,
        scene: bowl!(r#"[{"kind": "rmsprop", "lr": 0.4, "gamma": 0.9, "eps": 1e-6}]"#),
        open_at: None,
        view: BOWL,
        panel: LessonPanel::None,
    },
    Lesson {
        id: 8,
        scene: r#"{"version": 1, "landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 30, "convention": "d2l", "optimizers": [{"kind": "adam", "lr": 0.2, "beta1": 0.9, "beta2": 0.999, "eps": 1e-6, "bias_correction": true}, {"kind": "adam", "lr": 0.2, "beta1": 0.9, "beta2": 0.999, "eps": 1e-6, "bias_correction": false}]}"#,
        // Step 0: the inspector shows step 1, where m₁ = 0.1·g₁ and m̂₁ = g₁.
        open_at: Some(0),
        view: BOWL,
        panel: LessonPanel::Bias,
    },
    Lesson {
        id: 9,
        // A bowl whose minimum (3, 3) is away from the origin, where the
        // decay pulls: the two runs settle in different places and stay.
        scene: r#"{"version": 1, "landscape": {"kind": "expr", "expr": "0.1*(x-3)^2 + 2*(y-3)^2"}, "start": [-1, -1], "steps": 200, "convention": "d2l", "optimizers": [{"kind": "adam_l2", "lr": 0.1, "lambda": 0.5}, {"kind": "adamw", "lr": 0.1, "lambda": 0.5}]}"#,
        // Adam+L2 has settled by step 150; not the last step, so the
        // inspector has a next step and draws the decay arrows.
        open_at: Some(150),
        // The origin, both runs and the unregularized minimum (3, 3), low
        // enough to stay clear of the view buttons; the start ring clear of
        // the tick labels (in presenter mode, beside the panel, the figure
        // is ~290 px tall and its labels 20 px).
        view: LessonView::Window(View::new([-2.0, 4.0], [-2.2, 4.6])),
        panel: LessonPanel::WeightDecay,
    },
    Lesson {
        id: 10,
        // Three GD runs at η = 0.6: ReduceLROnPlateau (it halves η as soon
        // as the loss rises: patience 0), StepLR (halves it every 5 steps,
        // on a clock), none. Plain GD last, so drawn on top: each schedule's
        // trail shows where it branches off it.
        scene: bowl!(
            r#"[{"kind": "gd", "lr": 0.6, "schedule": {"kind": "plateau", "factor": 0.5, "patience": 0}}, {"kind": "gd", "lr": 0.6, "schedule": {"kind": "step", "step_size": 5, "gamma": 0.5}}, {"kind": "gd", "lr": 0.6}]"#
        ),
        // Step 6, as in lesson 4: plain GD's zig-zag at ±15 is still a
        // shape, step decay has just turned back from ±10.8, the plateau
        // run is on the axis; later, GD's lines comb across any window.
        open_at: Some(6),
        view: LessonView::FitTrails,
        panel: LessonPanel::None,
    },
    Lesson {
        id: 11,
        // A start near the minimum in x2, where Adam's first step (η in
        // every coordinate, whatever |g|) overshoots; torch's defaults but η.
        scene: r#"{"version": 1, "landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-1, 0.05], "steps": 40, "convention": "pytorch", "optimizers": [{"kind": "radam", "lr": 0.3}, {"kind": "adam", "lr": 0.3}]}"#,
        // Step 5, the warm-up's last: the inspector shows step 6, RAdam's
        // first rectified step (ρ₆ ≈ 5.99 > 5, r₆ ≈ 0.026).
        open_at: Some(5),
        // Both runs, all 40 steps (Adam swings out to x1 ≈ 0.48), with room
        // at the right, where the view buttons stand over a phone's short
        // canvas: Adam at step 5 (0.30, 0.15) and its arrow to step 6 stay
        // left of them; no tick at the top edge, under the axis name.
        view: LessonView::Window(View::new([-1.2, 1.2], [-0.35, 0.38])),
        panel: LessonPanel::Bias,
    },
    Lesson {
        id: 12,
        scene: r#"{"version": 1, "landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 100, "convention": "pytorch", "optimizers": [{"kind": "lion", "lr": 0.1}, {"kind": "adam", "lr": 0.1}]}"#,
        // Lion has just crossed the minimum at full speed, Adam's steps
        // have shrunk: the contrast is at its plainest.
        open_at: Some(60),
        // Lion's swing out to x1 = 2.9 (step 79) and back stays in view;
        // room above the axis, where the view buttons stand over a phone's
        // short canvas (Lion at step 60 hid under them), and below the
        // start, over the tick labels (presenting at 1920×1080 under a
        // message, the ring sat on them at −2.3).
        view: LessonView::Window(View::new([-5.5, 3.3], [-2.5, 1.8])),
        panel: LessonPanel::None,
    },
    Lesson {
        id: 13,
        scene: bowl!(r#"[{"kind": "newton", "lr": 1}, {"kind": "gd", "lr": 0.4}]"#),
        // Step 1: Newton is already at the minimum, GD's first zig.
        open_at: Some(1),
        view: BOWL,
        panel: LessonPanel::None,
    },
    Lesson {
        id: 14,
        // From (0, 0), where both curvatures are negative: Newton climbs to
        // the local maximum, GD walks down to the minimum (3, 2).
        scene: r#"{"version": 1, "landscape": {"kind": "himmelblau"}, "start": [0, 0], "steps": 20, "convention": "d2l", "optimizers": [{"kind": "newton", "lr": 1}, {"kind": "gd", "lr": 0.01}]}"#,
        open_at: None,
        view: LessonView::Scene,
        panel: LessonPanel::None,
    },
    Lesson {
        id: 15,
        // torch's LBFGS defaults (history 100, lr 1) with strong Wolfe; GD
        // at η = 0.001, just under 2/λmax ≈ 0.002 at the minimum.
        scene: r#"{"version": 1, "landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 50, "convention": "pytorch", "optimizers": [{"kind": "lbfgs", "lr": 1, "line_search": "strong_wolfe"}, {"kind": "gd", "lr": 0.001}]}"#,
        open_at: None,
        view: LessonView::Scene,
        panel: LessonPanel::None,
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
        assert_eq!(lesson(LESSONS.len() + 1).map(|l| l.id), None);
    }
}
