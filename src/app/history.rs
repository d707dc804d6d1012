//! Undo and redo over every change of the scene (and of the lesson
//! shown): snapshots before each change, one entry per gesture — a slider
//! drag, a ring drag, a pan, a burst of wheel zooms or typing in one field
//! is recorded once, because the gesture stays open until it ends.

use crate::landscape::Param;
use crate::optim::{HyperKey, Key};
use crate::scene::Scene;

/// At most this many steps back (the oldest go).
pub const MAX_HISTORY: usize = 200;

/// What was shown: the scene, the lesson whose caption was on screen, and
/// the step (put back with another lesson: undoing a clicker's PageUp
/// returns to the step the class was at, not to the other lesson's).
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The scene.
    pub scene: Scene,
    /// The lesson, if any.
    pub lesson: Option<usize>,
    /// The step shown.
    pub t: usize,
    /// The runs switched off in the legend: they belong to the runs of
    /// this scene (undoing a removal brings back a hidden run hidden).
    pub hidden: Vec<bool>,
}

/// A gesture whose many messages make one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gesture {
    /// A press on the plot until its release: ring drag, pan, pinch.
    Pointer,
    /// The window moved by the wheel or the keys, until the burst ends.
    View,
    /// A card's parameter, by slider or typing.
    Hyper(usize, HyperKey),
    /// A card's pair, integer or choice key (a drag of the history size's
    /// slider, typing in one field).
    Key(usize, Key),
    /// The steps field.
    Steps,
    /// The noise σ field.
    Sigma,
    /// The noise seed field.
    Seed,
    /// A surface parameter field.
    SurfaceParam(Param),
    /// The formula box.
    Formula,
    /// The view fields.
    ViewFields,
    /// The start fields or the start handle's arrows.
    Start,
}

/// The past and the undone future.
#[derive(Debug, Clone, Default)]
pub struct History {
    past: Vec<Snapshot>,
    future: Vec<Snapshot>,
    open: Option<Gesture>,
    /// The state the open gesture's last pause stood on (see [`History::settle`]).
    settled: Option<Snapshot>,
}

impl History {
    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// How many steps back there are.
    pub fn len(&self) -> usize {
        self.past.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.past.is_empty()
    }

    /// The state `before` a change made by gesture `g` (`None`: a single
    /// action). A change inside the open gesture adds nothing: its entry
    /// holds the state from before the gesture began.
    /// A gesture that comes back to where it began (a refused value put
    /// back, a slider dragged home) leaves no entry: its undo would change
    /// nothing.
    pub fn record(&mut self, before: Snapshot, g: Option<Gesture>, now: &Snapshot) {
        if g.is_some() && g == self.open {
            if self
                .past
                .last()
                .is_some_and(|s| s.scene == now.scene && s.lesson == now.lesson)
            {
                self.past.pop();
                self.close();
            }
            return;
        }
        self.past.push(before);
        self.settled = None;
        if self.past.len() > MAX_HISTORY {
            self.past.remove(0);
        }
        self.future.clear();
        self.open = g;
    }

    /// The gesture ended: the next change is a new entry.
    pub fn close(&mut self) {
        self.open = None;
        self.settled = None;
    }

    /// The state before gesture `g`, while it is the one still open.
    pub fn before(&self, g: Gesture) -> Option<&Snapshot> {
        self.past.last().filter(|_| self.open == Some(g))
    }

    /// Gesture `g`, if open, ended: a value committed, or its field
    /// cleared for a new one.
    pub fn close_if(&mut self, g: Gesture) {
        if self.open == Some(g) {
            self.close();
        }
    }

    /// `now` stood through a pause in the open gesture `g` (a value typed,
    /// then a second without a key): a value refused later in the same
    /// edit keeps it, not the state from before the edit. The edit stays
    /// one entry, and Escape still abandons all of it.
    pub fn settle(&mut self, g: Gesture, now: Snapshot) {
        if self.open == Some(g) {
            self.settled = Some(now);
        }
    }

    /// What a value refused in the open gesture `g` keeps: the state its
    /// last pause stood on, else the one from before the gesture.
    pub fn kept(&self, g: Gesture) -> Option<&Snapshot> {
        self.settled
            .as_ref()
            .filter(|_| self.open == Some(g))
            .or_else(|| self.before(g))
    }

    /// Whether gesture `g` is the one still open (its entry the last).
    pub fn is_open(&self, g: Gesture) -> bool {
        self.open == Some(g)
    }

    /// Step back from `now`: the state to show, if any.
    pub fn undo(&mut self, now: Snapshot) -> Option<Snapshot> {
        let s = self.past.pop()?;
        self.future.push(now);
        self.close();
        Some(s)
    }

    /// Step forward from `now`: the state to show, if any.
    pub fn redo(&mut self, now: Snapshot) -> Option<Snapshot> {
        let s = self.future.pop()?;
        self.past.push(now);
        self.close();
        Some(s)
    }
}
