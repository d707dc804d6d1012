//! Everything that can happen to the page, as values.

use crate::landscape::{Edge, Landscape, Param, View};
use crate::optim::{Convention, FlagKey, HyperKey, OptKind};
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
    /// A pointer pressed on the plot (CSS pixels).
    PointerDown {
        /// Pointer id.
        id: i32,
        /// x.
        x: f64,
        /// y.
        y: f64,
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
    /// Back to the surface's own window.
    ResetView,
    /// The window that holds every shown trail up to the cursor.
    FitView,
    /// Play, or pause when playing.
    TogglePlay,
    /// Pause and move the cursor by ±n.
    Step(i64),
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
    /// The user rested: draw the full-resolution surface and write the link.
    Settle,
    /// The plot was measured at this size.
    Measured {
        /// CSS width.
        w: f64,
        /// CSS height.
        h: f64,
    },
    /// Redraw (the window was resized).
    Redraw,
}
