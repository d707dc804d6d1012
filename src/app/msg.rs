//! Everything that can happen to the page, as values.

use super::model::FieldId;
use crate::landscape::{Edge, Landscape, Param, View};
use crate::optim::{Convention, FlagKey, HyperKey, Key, KeyValue, OptKind};
use crate::scene::Scene;
use crate::Vec2;
use gradscape_text::Lang;

/// A field whose text did not read as a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// A card's numeric parameter.
    Hyper {
        /// The card.
        i: usize,
        /// The parameter.
        key: HyperKey,
    },
    /// The steps field.
    Steps,
    /// The noise σ field.
    Sigma,
    /// The noise seed field.
    Seed,
    /// The start's x (0) or y (1) field.
    Start(usize),
    /// A surface parameter.
    SurfaceParam(Param),
    /// A view field and what was typed.
    View {
        /// Which edge.
        edge: Edge,
        /// The text.
        text: String,
    },
}

/// What pressed the plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerKind {
    /// A mouse.
    Mouse,
    /// A pen.
    Pen,
    /// A finger.
    Touch,
}

/// A message: one user action or timer, applied by [`super::update`].
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A card's parameter typed (`slider`: dragged; the link waits until it rests).
    SetHyper {
        /// The card.
        i: usize,
        /// The parameter.
        key: HyperKey,
        /// The value.
        v: f64,
        /// From a slider drag.
        slider: bool,
    },
    /// A card's slider dragged to position `pos` (the link waits until it rests).
    SlideHyper {
        /// The card.
        i: usize,
        /// The parameter.
        key: HyperKey,
        /// The slider's position.
        pos: f64,
        /// Slider positions a CSS pixel of the pointer's (the snap to clean
        /// values, `ParamInfo::snap`); 0 for no snap.
        per_px: f64,
    },
    /// A key on a card's slider (`up`: →, ↑ or PageUp), from the value in
    /// effect to a clean one, and back by the opposite key.
    ArrowHyper {
        /// The card.
        i: usize,
        /// The parameter.
        key: HyperKey,
        /// Right or up.
        up: bool,
        /// How far.
        by: Arrow,
    },
    /// A card's switch.
    SetFlag {
        /// The card.
        i: usize,
        /// The switch.
        key: FlagKey,
        /// On or off.
        on: bool,
    },
    /// A card's two-number, integer or choice key (any key, typed): refused
    /// and put back when out of range.
    SetKey {
        /// The card.
        i: usize,
        /// The key.
        key: Key,
        /// The field typed in (0 or 1 of a pair's two; 0 otherwise): a
        /// refused value is marked there.
        part: usize,
        /// Its new value; None for what was typed but is no value (refused
        /// as unreadable; the value in effect is kept).
        v: Option<KeyValue>,
    },
    /// A change of card `i`'s learning-rate schedule (its picker, preset,
    /// arguments or phases).
    EditSchedule {
        /// The card.
        i: usize,
        /// What changed.
        edit: super::schedule::SchedEdit,
    },
    /// A click on the momentum map: η and γ of the scene's first momentum
    /// optimizer, as if its sliders had moved (one is added when there is
    /// none).
    SetMomentum {
        /// η.
        eta: f64,
        /// γ.
        gamma: f64,
    },
    /// Text that is not a number, committed in a field.
    Unreadable(Field),
    /// A number field typed into, key by key (its `input` event): applied
    /// when the text is a value the field takes, quietly pending while it
    /// can still become one, refused at once when it cannot.
    Typed {
        /// The field.
        field: FieldId,
        /// Its text.
        text: String,
        /// The text is what a deletion left (Backspace, Delete, a cut):
        /// a value on the way to an empty field waits too.
        erased: bool,
    },
    /// A second without a key in a number field: pending text is
    /// committed, applied or refused as on Enter; a value in effect stands
    /// (a later refusal in the same edit keeps it).
    Paused {
        /// The field.
        field: FieldId,
        /// Its text.
        text: String,
    },
    /// A field left (blur): back to the value in effect.
    Revert(FieldId),
    /// Escape in a field: the edit abandoned — what typing in it changed
    /// since the field was entered is undone (typing `1e9` into steps had
    /// set 1 on the way), and the field shows the value in effect.
    Cancel(FieldId),
    /// Add an optimizer at its defaults.
    AddOpt(OptKind),
    /// Remove card `i`.
    RemoveOpt(usize),
    /// Card `i` back to its defaults.
    ResetOpt(usize),
    /// Pick a surface (`expr`: the current surface as a formula).
    SetSurface(Landscape),
    /// A surface parameter.
    SetSurfaceParam {
        /// Which.
        key: Param,
        /// The value.
        v: f64,
    },
    /// A formula typed or picked.
    SetFormula(String),
    /// The formula field committed (Enter) or left, with its text.
    FormulaDone(String),
    /// Escape in the formula field: the edit abandoned.
    FormulaCancel,
    /// No key in the formula field for a moment: the error of a formula
    /// left unfinished is shown, and the formula in effect stands (Enter on
    /// a formula refused later in the same edit keeps it).
    FormulaPaused,
    /// The view window typed.
    SetViewFields(View),
    /// The convention of the defaults and ε.
    SetConvention(Convention),
    /// The steps field.
    SetSteps(f64),
    /// The noise σ field.
    SetSigma(f64),
    /// The noise seed field.
    SetSeed(f64),
    /// Move the start (snapped to the view's grain).
    SetStart(Vec2),
    /// The start's x (`axis` 0) or y (1) typed in its field (not snapped).
    SetStartField {
        /// 0 for x, 1 for y.
        axis: usize,
        /// The value.
        v: f64,
    },
    /// Move the start by whole grains of the view (the start handle's arrows).
    NudgeStart {
        /// Grains along x.
        dx: i32,
        /// Grains along y (up is positive).
        dy: i32,
    },
    /// A pointer pressed on the plot (CSS pixels).
    PointerDown {
        /// Pointer id.
        id: i32,
        /// x.
        x: f64,
        /// y.
        y: f64,
        /// Mouse, pen or finger.
        kind: PointerKind,
        /// Shift or Alt held: a click sets the start there.
        modified: bool,
    },
    /// A pointer moved on the plot.
    PointerMove {
        /// Pointer id.
        id: i32,
        /// x.
        x: f64,
        /// y.
        y: f64,
    },
    /// A pointer released (`click`: a release, not a cancel).
    PointerUp {
        /// Pointer id.
        id: i32,
        /// x.
        x: f64,
        /// y.
        y: f64,
        /// Released rather than cancelled.
        click: bool,
    },
    /// Zoom by `factor` about the pixel (x, y).
    Zoom {
        /// x.
        x: f64,
        /// y.
        y: f64,
        /// New span / old span.
        factor: f64,
    },
    /// Zoom by `factor` about the plot's centre (the + and − keys).
    ZoomCentre(f64),
    /// Move the window by these fractions of its width and height (the
    /// content slides the other way: +x shows what is to the right).
    PanBy {
        /// Fraction of the width.
        fx: f64,
        /// Fraction of the height (up is positive).
        fy: f64,
    },
    /// Back to the surface's own window.
    ResetView,
    /// Undo the last change of the scene.
    Undo,
    /// Redo what was undone.
    Redo,
    /// A gesture ended (a field committed, a slider released, a key let
    /// go, the wheel rested): the next change is a new undo entry.
    EndGesture,
    /// Reload the open lesson as it was published.
    RestoreLesson,
    /// The window that holds every shown trail up to the cursor.
    FitView,
    /// Play, or pause when playing.
    TogglePlay,
    /// Pause where the cursor is (the black screen went up: the class
    /// would miss what played behind it), unless a quiz's reveal plays.
    Pause,
    /// Pause and move the cursor by ±n.
    Step(i64),
    /// The same from a held key's repeat: it never turns a presented
    /// lesson at its end (a held → went from lesson 4 to 14).
    StepHeld(i64),
    /// Pause and move the cursor to t.
    Seek(usize),
    /// An animation frame at this time (ms).
    Tick(f64),
    /// Steps per second.
    SetSpeed(f64),
    /// Show or hide run i.
    ShowRun {
        /// The run.
        i: usize,
        /// Shown.
        on: bool,
    },
    /// Open a lesson (or free play).
    SetLesson(Option<usize>),
    /// The previous (−1) or next (+1) lesson.
    StepLesson(i64),
    /// The page's language.
    SetLang(Lang),
    /// Replace the scene (paused at its last step).
    LoadScene(Scene),
    /// Show what a link opens (Back or Forward returned to one of the
    /// page's entries): its scene, step, lesson, language, presenter mode,
    /// quiz and notices.
    OpenLink(Box<super::link::Link>),
    /// The user rested: draw the full-resolution surface and write the link.
    Settle,
    /// After the paint: the smaller η the hints name, found by reruns
    /// (diagnose/calmer.rs), unless something is being dragged.
    FillCalmer,
    /// The plot was measured at this size.
    Measured {
        /// CSS width.
        w: f64,
        /// CSS height.
        h: f64,
    },
    /// Redraw (the window was resized).
    Redraw,
    /// Presenter mode on or off.
    SetPresent(bool),
    /// Presenter mode switched (the header button, the P key).
    TogglePresent,
    /// Set up a quiz (paused at its step, the later steps hidden), or end it.
    SetQuiz(Option<crate::quiz::QuizSpec>),
    /// Place the quiz's guess at this point of the surface.
    QuizGuess(Vec2),
    /// Move the quiz's guess cursor by whole fortieths of the view (the
    /// arrow keys; up is positive).
    QuizCursor {
        /// Steps along x.
        dx: i32,
        /// Steps along y.
        dy: i32,
    },
    /// Place the guess where the cursor is (Enter).
    QuizPlaceCursor,
    /// Naming the trails: call trail `trail` optimizer `opt` (none: unnamed).
    QuizName {
        /// The trail (run index).
        trail: usize,
        /// The optimizer named (run index).
        opt: Option<usize>,
    },
    /// Play the quiz's steps and show how far the guess was.
    QuizReveal,
    /// Back to the quiz's step, the guess taken away.
    QuizRetry,
}

impl Msg {
    /// Whether this message can choose a lesson, which gives the page a new
    /// history entry (`Dirty::NEW_ENTRY`): the lesson messages, and a step
    /// past a presented lesson's end. The page notes the link of what it
    /// shows before applying one, for the entry it leaves.
    pub fn may_start_entry(&self) -> bool {
        matches!(
            self,
            Msg::SetLesson(_) | Msg::StepLesson(_) | Msg::RestoreLesson | Msg::Step(_)
        )
    }
}

/// How far a key moves a card's slider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    /// Shift+arrow: the finest step ([`ParamInfo::fine`](crate::params::ParamInfo::fine)).
    Fine,
    /// An arrow: about a hundredth of the slider ([`ParamInfo::arrow`](crate::params::ParamInfo::arrow)).
    One,
    /// PageUp / PageDown: ten arrows.
    Page,
}
