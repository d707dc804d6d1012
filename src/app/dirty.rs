//! What an update leaves to redraw (and the two timers it asks for).

use std::ops::{BitOr, BitOrAssign};

/// A set of parts of the page to bring up to date, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dirty(pub u32);

impl Dirty {
    /// Nothing.
    pub const NONE: Dirty = Dirty(0);
    /// Rebuild the optimizer cards.
    pub const CARDS: Dirty = Dirty(1);
    /// Put the model's values into the cards' controls (but the focused one).
    pub const CARD_VALUES: Dirty = Dirty(1 << 1);
    /// The card error line.
    pub const CARD_ERROR: Dirty = Dirty(1 << 2);
    /// The global controls: surface, convention, steps, noise, surface
    /// parameters, formula box and view fields.
    pub const GLOBALS: Dirty = Dirty(1 << 3);
    /// The global error line.
    pub const ERROR: Dirty = Dirty(1 << 4);
    /// The formula line and the formula editor's error.
    pub const FORMULA: Dirty = Dirty(1 << 5);
    /// The legend and the messages under the plot (the runs changed).
    pub const LEGEND: Dirty = Dirty(1 << 6);
    /// The time bar: scrubber, step label, play button.
    pub const TIME: Dirty = Dirty(1 << 7);
    /// The plot, the loss chart and the state panel.
    pub const PLOT: Dirty = Dirty(1 << 8);
    /// The address bar (written only when not playing or dragging).
    pub const LINK: Dirty = Dirty(1 << 9);
    /// The lesson caption and pickers.
    pub const LESSON: Dirty = Dirty(1 << 10);
    /// Every word of the page (the language changed).
    pub const WORDS: Dirty = Dirty(1 << 11);
    /// The explainer panels (the scene changed).
    pub const EXPLAIN: Dirty = Dirty(1 << 12);
    /// Ask for animation frames (playback started).
    pub const ANIMATE: Dirty = Dirty(1 << 13);
    /// Ask for a call back once the user rests ([`crate::app::Msg::Settle`]).
    pub const SETTLE: Dirty = Dirty(1 << 14);
    /// A lesson was loaded: open the panels that explain it.
    pub const LESSON_PANELS: Dirty = Dirty(1 << 15);
    /// The momentum map's note (a click that could not add an optimizer).
    pub const MAP_NOTE: Dirty = Dirty(1 << 16);
    /// Every field that can be refused shows the value in effect, the
    /// focused one too (it was left or abandoned).
    pub const REVERT: Dirty = Dirty(1 << 17);
    /// Presenter mode changed: the page's class and button, every canvas
    /// redrawn at the other sizes.
    pub const PRESENT: Dirty = Dirty(1 << 18);
    /// The cards' schedule blocks: controls, their error line (the η(t)
    /// charts follow the runs and the cursor on their own).
    pub const SCHEDULE: Dirty = Dirty(1 << 19);
    /// The quiz's prompt, buttons and result (the plot draws its markers).
    pub const QUIZ: Dirty = Dirty(1 << 20);
    /// An interaction ended: what was drawn at reduced resolution while it
    /// lasted is drawn again in full (a drag that drew everything in full,
    /// such as an η slider's, is not drawn a second time).
    pub const SETTLED: Dirty = Dirty(1 << 21);
    /// A field's text is pending: commit it after a pause
    /// ([`crate::app::Msg::Paused`]).
    pub const PENDING: Dirty = Dirty(1 << 22);
    /// The link's notices (a link read again: Back or Forward).
    pub const NOTICES: Dirty = Dirty(1 << 23);
    /// The link goes into a new browser history entry instead of
    /// rewriting the current one (a lesson chosen: Back returns to the
    /// one before).
    pub const NEW_ENTRY: Dirty = Dirty(1 << 24);
    /// A value typed (a number field's, the formula's) was taken: a pause
    /// settles it ([`crate::app::Msg::Paused`], [`crate::app::Msg::FormulaPaused`]).
    pub const PAUSE: Dirty = Dirty(1 << 25);
    /// A hint waits for its smaller η (reruns): ask for it after the paint
    /// ([`crate::app::Msg::FillCalmer`]).
    pub const CALMER: Dirty = Dirty(1 << 26);

    /// What a view change redraws.
    pub const VIEW: Dirty = Dirty(Self::PLOT.0 | Self::LINK.0);
    /// What a new cursor redraws.
    pub const STEP: Dirty = Dirty(Self::TIME.0 | Self::PLOT.0 | Self::LINK.0);
    /// What a replay redraws (the old `refresh_runs`).
    pub const RUNS: Dirty =
        Dirty(Self::LEGEND.0 | Self::TIME.0 | Self::PLOT.0 | Self::LINK.0 | Self::EXPLAIN.0);
    /// Everything from the scene (the old `refresh_all`).
    pub const ALL: Dirty = Dirty(Self::CARDS.0 | Self::GLOBALS.0 | Self::RUNS.0);

    /// Whether every bit of `other` is set.
    pub fn has(self, other: Dirty) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// Whether no bit is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl BitOr for Dirty {
    type Output = Dirty;
    fn bitor(self, o: Dirty) -> Dirty {
        Dirty(self.0 | o.0)
    }
}

impl BitOrAssign for Dirty {
    fn bitor_assign(&mut self, o: Dirty) {
        self.0 |= o.0;
    }
}
