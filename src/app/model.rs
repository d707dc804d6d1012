//! The page's model: plain data (no browser types), changed only by
//! [`crate::app::update`].

use super::clock::Clock;
use super::history::History;
use crate::diagnose::Diagnosis;
use crate::landscape::{ExprError, View};
use crate::optim::{HyperKey, Key, KeyValue};
use crate::run::Trajectory;
use crate::scene::Scene;
use gradscape_core::geometry::Viewport;
use gradscape_text::Lang;
use std::sync::atomic::{AtomicU64, Ordering};

mod errors;
pub use errors::{CardError, FieldId, GlobalError, Rule};

/// How a pointer drag on the canvas is being used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Drag {
    /// No button down.
    None,
    /// Pressed, not moved yet. A plain click changes nothing (a teacher
    /// clicks to focus or point); a Shift/Alt-click sets the start.
    Pending {
        /// Where it was pressed (CSS pixels).
        x: f64,
        /// Where it was pressed (CSS pixels).
        y: f64,
        /// Shift or Alt was held: the click sets the start.
        set: bool,
        /// Moving it pans (a mouse or pen; one finger leaves the page to scroll).
        pans: bool,
    },
    /// A press that does nothing until it is released (one finger that
    /// moved off the ring, or a pinch's finger left alone).
    Idle,
    /// Pressed on the start marker (at `x`, `y`, CSS px): it moves once
    /// the pointer has moved past a click's jitter (`moving`), so a press
    /// that shakes by a few pixels leaves the start (and the lesson) as is.
    Start {
        /// Where it was pressed (CSS pixels).
        x: f64,
        /// Where it was pressed (CSS pixels).
        y: f64,
        /// Past the jitter: the start follows the pointer.
        moving: bool,
    },
    /// Panning from this view and pointer position.
    Pan {
        /// The view when the pan began.
        view: View,
        /// The pointer then.
        x: f64,
        /// The pointer then.
        y: f64,
    },
}

/// The plot's size in CSS pixels, as last measured by the page: the
/// pointer maths maps pixels to the world through it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canvas {
    /// CSS width.
    pub w: f64,
    /// CSS height.
    pub h: f64,
}

/// Where the cursor was when the steps began to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepsFrom {
    /// At this step: it stays there (within the new steps).
    At(usize),
    /// At the last step: it follows the new last step (20 → 50 shows step
    /// 50, not a figure that looks unchanged at step 20).
    End,
}

/// The page's state.
#[derive(Debug, Clone)]
pub struct Model {
    /// The scene: the one source of the runs.
    pub scene: Scene,
    /// The scene replayed.
    pub runs: Vec<Trajectory>,
    /// Each run's diagnosis.
    pub diags: Vec<Diagnosis>,
    /// Runs switched off in the legend.
    pub hidden: Vec<bool>,
    /// The last click on the momentum map could not add an optimizer (the
    /// scene has the most it may have).
    pub map_full: bool,
    /// The cursor (step shown).
    pub t: usize,
    /// The step shown when the steps field began to be typed in: typed
    /// digit by digit ("5", then "50"), the cursor is kept within the
    /// steps from it, not from the last keystroke's (it would stay at 5).
    pub steps_from: Option<StepsFrom>,
    /// Playing.
    pub playing: bool,
    /// Steps per second while playing, and the frame bookkeeping.
    pub clock: Clock,
    /// The plot's size, for pointer maths.
    pub canvas: Canvas,
    /// What the pointer is doing on the plot.
    pub drag: Drag,
    /// Active pointers (id, x, y) for pinch zoom.
    pub pointers: Vec<(i32, f64, f64)>,
    /// Pinch: start distance, start view, middle.
    pub pinch: Option<(f64, View, [f64; 2])>,
    /// A drag or slider is moving: draw the surface coarse, leave the link.
    pub interacting: bool,
    /// The number of the last replay (keys the loss chart's cache).
    pub replay: u64,
    /// The scene of the last replay (its unchanged cards' runs are reused).
    pub replayed: Option<Scene>,
    /// The lesson whose caption is shown, if any.
    pub lesson: Option<usize>,
    /// The page's language.
    pub lang: Lang,
    /// The cards' error lines (at most one per card).
    pub card_errors: Vec<CardError>,
    /// The cards' refused schedule values (at most one per card).
    pub sched_errors: Vec<super::schedule::SchedError>,
    /// The global error line.
    pub error: Option<GlobalError>,
    /// A number field whose text is still being typed and can still become
    /// a value it takes (`0` on the way to `0.05` in η): not refused yet;
    /// a pause commits it (`update::typing`).
    pub pending: Option<FieldId>,
    /// A formula typed that does not parse (the surface drawn stays).
    pub expr_error: Option<(String, ExprError)>,
    /// Its message waits: the student is still typing (`x^` on the way to
    /// `x^2`). A pause in the typing (`Msg::FormulaPaused`) or the field's
    /// `change` shows it.
    pub expr_error_held: bool,
    /// Presenter mode (`?present`): big type, thick lines, a projector
    /// palette and only the controls a lesson needs.
    pub present: bool,
    /// The reader asked for less motion (`prefers-reduced-motion`): a
    /// quiz's reveal jumps to the answer instead of playing to it.
    pub reduced_motion: bool,
    /// Undo and redo.
    pub history: History,
    /// A quiz link's exercise (`quiz=predict(…)`): while it asks, the runs
    /// end at its step.
    pub quiz: Option<super::quiz::Quiz>,
    /// What a teacher's link fixes (`lock=`, `hide=`): `update` refuses a
    /// change of those.
    pub locks: crate::url::Locks,
    /// What the link last read dropped or changed (shown above the canvas).
    pub notices: Vec<crate::url::Notice>,
    /// What the link's quiz reader dropped (shown with them).
    pub quiz_notices: Vec<crate::url::quiz::QuizNotice>,
}

static REPLAYS: AtomicU64 = AtomicU64::new(0);

/// A fresh replay number, unique across every model of the page (figures
/// and the playground share the loss chart's cache).
pub fn next_replay() -> u64 {
    REPLAYS.fetch_add(1, Ordering::Relaxed) + 1
}

impl Model {
    /// A model of `scene` at step `t`, replayed.
    pub fn new(scene: Scene, t: usize, lang: Lang) -> Model {
        let mut m = Model {
            scene,
            runs: vec![],
            diags: vec![],
            hidden: vec![],
            t,
            steps_from: None,
            playing: false,
            clock: Clock::new(5.0),
            canvas: Canvas { w: 600.0, h: 400.0 },
            drag: Drag::None,
            pointers: vec![],
            pinch: None,
            interacting: false,
            replay: 0,
            replayed: None,
            lesson: None,
            lang,
            card_errors: vec![],
            sched_errors: vec![],
            map_full: false,
            error: None,
            pending: None,
            expr_error: None,
            expr_error_held: false,
            present: false,
            reduced_motion: false,
            history: History::default(),
            quiz: None,
            locks: Default::default(),
            notices: vec![],
            quiz_notices: vec![],
        };
        m.replay();
        m
    }

    /// Replay the scene into trajectories and diagnoses; the cursor stays
    /// within the steps.
    pub fn replay(&mut self) {
        // A quiz cuts its runs short: those are never reused.
        let last = match (&self.replayed, &self.quiz) {
            (Some(before), None) => Some((before, &self.runs[..], &self.diags[..])),
            _ => None,
        };
        // Every value was validated on the way in; on an error the old runs stay.
        if let Ok((mut runs, diags)) = super::replay::replay(&self.scene, last) {
            if let Some(q) = &mut self.quiz {
                super::quiz::hide_future(q, &mut runs);
            }
            self.diags = diags;
            self.runs = runs;
            self.replayed = Some(self.scene.clone());
            self.replay = next_replay();
        }
        self.hidden.resize(self.scene.optimizers.len(), false);
        self.t = self.t.min(self.horizon());
    }

    /// A slider, the window or the start is being dragged: the hints'
    /// smaller η waits until it rests (reruns at every input).
    fn moving(&self) -> bool {
        self.interacting || matches!(self.drag, Drag::Start { moving: true, .. })
    }

    /// The link fixes this hyper-parameter (`lock=lr`, `lock=lambda`):
    /// no message's button sets it.
    pub fn hyper_fixed(&self, key: HyperKey) -> bool {
        self.locks.fixed(crate::url::Group::Key(Key::Hyper(key)))
    }

    /// A hint waits for its smaller η (searched once nothing is dragged).
    pub fn calmer_waits(&self) -> bool {
        self.diags
            .iter()
            .any(|d| d.hint.as_ref().is_some_and(|h| h.calmer_pending()))
    }

    /// A hint waits for its smaller η and nothing is being dragged.
    pub fn calmer_due(&self) -> bool {
        !self.moving() && self.calmer_waits()
    }

    /// The smaller η of the first hint that waits for one (unless something
    /// is being dragged): one search a task, the next after the next paint
    /// ([`Self::calmer_due`]); whether one was searched.
    pub fn fill_calmer(&mut self) -> bool {
        !self.moving()
            && crate::diagnose::fill_calmer(&self.scene, &self.runs, &mut self.diags, 1) > 0
    }

    /// The last step the page may show: the scene's last, or where a quiz
    /// pauses until its reveal.
    pub fn horizon(&self) -> usize {
        match &self.quiz {
            Some(q) => q.horizon().min(self.scene.steps),
            None => self.scene.steps,
        }
    }

    /// Whether a lesson is open and the figure is no longer the lesson's
    /// (the window is ignored: panning is not a different figure).
    pub fn lesson_modified(&self) -> bool {
        let Some(l) = self.lesson.and_then(crate::lesson::lesson) else {
            return false;
        };
        let mut ours = self.scene.clone();
        let mut theirs = l.scene();
        ours.view = None;
        theirs.view = None;
        ours != theirs
    }

    /// The plot's window `view` in the measured canvas.
    pub fn viewport(&self, view: View) -> Viewport {
        Viewport::new(view, self.canvas.w, self.canvas.h)
    }

    /// Every field showing a refused value, in page order (cards first).
    pub fn invalid_fields(&self) -> Vec<FieldId> {
        let mut v: Vec<FieldId> = self.card_errors.iter().map(CardError::field).collect();
        v.extend(self.error.as_ref().and_then(GlobalError::field));
        v
    }

    /// The value in effect behind field `f` (what a refused value keeps,
    /// and what the field shows again when left); none for a field the
    /// scene does not have.
    pub fn value_of(&self, f: FieldId) -> Option<f64> {
        let s = &self.scene;
        match f {
            FieldId::Hyper { i, key } => s
                .optimizers
                .get(i)
                .filter(|o| o.kind.uses(key))
                .map(|o| key.get(&o.hyper)),
            FieldId::Key { i, key, part } => match s
                .optimizers
                .get(i)
                .filter(|o| o.kind.uses(key))
                .map(|o| key.get(&o.hyper))?
            {
                KeyValue::Pair(p) => p.get(part).copied(),
                KeyValue::Int(n) => Some(n as f64),
                _ => None,
            },
            FieldId::Steps => Some(s.steps as f64),
            FieldId::Sigma => Some(s.noise.sigma),
            FieldId::Seed => Some(s.noise.seed as f64),
            FieldId::SurfaceParam(k) => s
                .landscape
                .params()
                .into_iter()
                .find(|(p, _)| *p == k)
                .map(|(_, v)| v),
            FieldId::View(e) => Some(e.get(&s.view())),
            FieldId::Start(axis) => s.start.get(axis).copied(),
        }
    }

    /// A file name stem for downloads: `gradscape-quadratic-gd-momentum`.
    pub fn file_stem(&self) -> String {
        let mut s = format!("gradscape-{}", self.scene.landscape.kind());
        for o in self.scene.optimizers.iter().take(4) {
            s.push('-');
            s.push_str(o.kind.name());
        }
        s
    }

    /// A figure's file name (PNG, SVG, animation): [`Model::file_stem`],
    /// then the step when `at_step` and the figure is paused before the
    /// last ("-step10"), then "-zh" in Chinese, so that the English, the
    /// Chinese and the step-10 figures of one scene do not overwrite each
    /// other in the author's downloads.
    pub fn figure_stem(&self, at_step: bool) -> String {
        let mut s = self.file_stem();
        if at_step && self.t < self.scene.steps {
            s += &format!("-step{}", self.t);
        }
        if self.lang == gradscape_text::Lang::Zh {
            s += "-zh";
        }
        s
    }
}
