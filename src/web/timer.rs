//! Work for later, in one place: the page's delays. Each is a kind
//! of [`Later`]; its callback is made once and kept for the page's life,
//! and a new request for a kind moves the pending one's time (a debounce:
//! one timeout, re-armed for the rest of the wait when it fires early).
//! The requester says what to run (so this module knows no panel).

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Window;

/// What to do later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Later {
    /// 150 ms after the last step of an interaction: the link and the
    /// full-resolution surface (`Msg::Settle`). A debounce like the others:
    /// one per drag, not one per input (each fired settle was a second
    /// draw and a `replaceState` in the middle of the drag).
    Settle,
    /// The η sweep, 200 ms after the last change of the scene.
    Sweeps,
    /// The state panel's long inspection, 150 ms after the last request.
    Inspect,
    /// The figure's summary for screen readers, 500 ms after the last
    /// change settled (one announcement, not one per step of a drag).
    Summary,
    /// The end of a wheel burst, 400 ms after its last event (one undo
    /// entry).
    Gesture,
    /// The end of the start handle's presses, a second after the last key
    /// let go (one undo entry): deliberate presses come slower than a
    /// wheel's events.
    Nudge,
    /// A pending number field committed a second after its last key
    /// (`Msg::Paused`): a student who stops typing sees why it is refused.
    Typing,
    /// The figure's "Ctrl + wheel zooms" hint hidden 1.5 s after the last
    /// plain wheel over it.
    WheelHint,
    /// A symbol button held by a finger half a second shows its name
    /// (`web::touch_tip`), as a phone's own icon buttons do.
    Hold,
    /// That name hidden 1.5 s after the finger lifts.
    TipHide,
}

impl Later {
    const ALL: [Later; 10] = [
        Later::Settle,
        Later::Sweeps,
        Later::Inspect,
        Later::Summary,
        Later::Gesture,
        Later::Nudge,
        Later::Typing,
        Later::WheelHint,
        Later::Hold,
        Later::TipHide,
    ];

    fn ms(self) -> i32 {
        match self {
            Later::Settle | Later::Inspect => 150,
            Later::Sweeps => 200,
            Later::Summary => 500,
            Later::Gesture => 400,
            Later::Nudge | Later::Typing => 1000,
            Later::WheelHint => 1500,
            Later::Hold => 500,
            Later::TipHide => 1500,
        }
    }
}

/// A kind's callback, what it runs, its pending timeout and when it is
/// due ([`now`]).
struct Slot {
    callback: Closure<dyn FnMut()>,
    run: fn(),
    pending: Option<i32>,
    due: f64,
}

/// The clock, ms (the wall clock: a debounce needs no finer).
fn now() -> f64 {
    js_sys::Date::now()
}

/// Start `slot`'s timeout, `ms` from now.
fn arm(window: &Window, slot: &mut Slot, ms: i32) -> Result<(), JsValue> {
    let h = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        slot.callback.as_ref().unchecked_ref(),
        ms,
    )?;
    slot.pending = Some(h);
    Ok(())
}

thread_local! {
    static SLOTS: RefCell<Vec<Option<Slot>>> = RefCell::new(Later::ALL.map(|_| None).into());
}

fn index(which: Later) -> usize {
    Later::ALL.iter().position(|&l| l == which).unwrap_or(0)
}

/// Run `run` as `which` later (restarting its wait when it debounces).
pub fn later(window: &Window, which: Later, run: fn()) -> Result<(), JsValue> {
    SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        let slot = slots[index(which)].get_or_insert_with(|| Slot {
            callback: Closure::<dyn FnMut()>::new(move || {
                let run = SLOTS.with(|s| {
                    let mut s = s.borrow_mut();
                    let slot = s[index(which)].as_mut()?;
                    slot.pending = None;
                    // Asked again since it was set: wait the rest.
                    let window = web_sys::window()?;
                    let left = (slot.due - now()).min(f64::from(which.ms()));
                    if left >= 1.0 && arm(&window, slot, left.ceil() as i32).is_ok() {
                        return None;
                    }
                    Some(slot.run)
                });
                if let Some(run) = run {
                    run();
                }
            }),
            run,
            pending: None,
            due: 0.0,
        });
        slot.run = run;
        // A new request moves the time it is due; a timeout already
        // pending then waits the rest when it fires. (Clearing and setting
        // a timeout at every input of a drag, for each of four kinds, was
        // a visible part of the input's time.)
        slot.due = now() + f64::from(which.ms());
        if slot.pending.is_none() {
            arm(window, slot, which.ms())?;
        }
        Ok(())
    })
}

/// Forget a pending `which` (its work was done now).
pub fn cancel(window: &Window, which: Later) {
    SLOTS.with(|slots| {
        if let Some(slot) = slots.borrow_mut()[index(which)].as_mut() {
            if let Some(h) = slot.pending.take() {
                window.clear_timeout_with_handle(h);
            }
        }
    });
}

/// Run `run` once, just after the browser has painted the next frame: a
/// timeout set from an animation frame fires after that frame's paint.
/// For start-up work nobody sees at first (the first picture comes first).
pub fn after_paint(window: &Window, run: impl FnOnce() + 'static) -> Result<(), JsValue> {
    let w = window.clone();
    let frame = Closure::once_into_js(move || {
        let task = Closure::once_into_js(run);
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
    });
    window
        .request_animation_frame(frame.unchecked_ref())
        .map(|_| ())
}

/// [`after_paint`], or after `ms` if no frame comes first (a hidden tab or
/// a throttled frame gets no animation frames): `run` runs once.
pub fn after_paint_or(
    window: &Window,
    ms: i32,
    run: impl FnOnce() + 'static,
) -> Result<(), JsValue> {
    let once = std::rc::Rc::new(std::cell::Cell::new(Some(run)));
    let o = once.clone();
    after_paint(window, move || {
        if let Some(run) = o.take() {
            run();
        }
    })?;
    let late = Closure::once_into_js(move || {
        if let Some(run) = once.take() {
            run();
        }
    });
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(late.unchecked_ref(), ms)
        .map(|_| ())
}
