//! Playback: play and pause, a step on or back, the cursor, the clock's frames.

use super::quiz;
use crate::app::dirty::Dirty;
use crate::app::model::Model;
use crate::app::msg::Msg;

/// ▶ or ⏸.
pub(super) fn toggle_play(m: &mut Model) -> Dirty {
    if m.playing {
        m.playing = false;
        return Dirty::STEP | quiz::arrived(m);
    }
    if m.t >= m.horizon() {
        m.t = 0;
    }
    m.playing = true;
    m.clock.restart();
    Dirty::STEP | Dirty::ANIMATE
}

/// `d` steps on or back; `pressed`: not a held key's repeat.
pub(super) fn step(m: &mut Model, d: i64, pressed: bool) -> Dirty {
    // Presenting a lesson, → at its last step (← at step 0) turns
    // to the next (previous) lesson, as a clicker's arrows turn a
    // slide deck's pages: a lesson that opens at its end left the
    // arrow clicker dead. Not a held key's repeat.
    let at_end = if d > 0 { m.t >= m.horizon() } else { m.t == 0 };
    if pressed && m.present && m.lesson.is_some() && m.quiz.is_none() && d != 0 && at_end {
        return super::apply(m, Msg::StepLesson(d.signum()));
    }
    let t = (m.t as i64).saturating_add(d).max(0) as usize;
    seek(m, t)
}

/// An animation frame at time `ts`: the steps due.
pub(super) fn tick(m: &mut Model, ts: f64) -> Dirty {
    if !m.playing {
        return Dirty::NONE;
    }
    let mut d = Dirty::NONE;
    let due = m.clock.due(ts);
    if due > 0 {
        // A quiz holds the cursor at what it lets the page show.
        m.t = (m.t + due).min(m.horizon());
        if m.t >= m.horizon() {
            m.playing = false;
        }
        d = Dirty::STEP | quiz::arrived(m);
    }
    if m.playing {
        d |= Dirty::ANIMATE;
    }
    d
}

/// Playback speed, steps a second.
pub(super) fn set_speed(m: &mut Model, v: f64) -> Dirty {
    m.clock.speed = if v.is_finite() {
        v.clamp(0.1, 10000.0)
    } else {
        5.0
    };
    Dirty::NONE
}

/// The cursor to step `t`, paused.
pub(super) fn seek(m: &mut Model, t: usize) -> Dirty {
    m.playing = false;
    // Before a quiz's reveal nothing past its step can be reached.
    m.t = t.min(m.horizon());
    Dirty::STEP | quiz::arrived(m)
}
