//! The schedule picker's words: each option's ("cosine annealing —
//! CosineAnnealingLR" in the list), the picked one's (the kind alone, as
//! the run's label says it) and its torch class on the label's line.

use crate::scene::schedule_edit::{is_warmup_cosine, starter};
use gradscape_core::schedule::{Schedule, KINDS};
use gradscape_text::schedule::kind_name;
use gradscape_text::{tr, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};

/// The picker's value of the preset "warm-up + cosine".
pub(super) const PRESET: &str = "warmup_cosine";

/// The preset's classes, in the order they run.
const PRESET_CLASSES: &str = "LinearLR → CosineAnnealingLR";

thread_local! {
    /// Each kind's torch class, found once: finding it builds a starter
    /// schedule through JSON, and every card's picker lists every kind
    /// (measured: 2-8 ms of the page's start, 30+ builds per card).
    static CLASSES: [&'static str; KINDS.len()] = std::array::from_fn(|i| {
        starter(KINDS[i], 0.1, 20, false)
            .map(|s| s.torch_class())
            .unwrap_or("")
    });
}

/// torch's class for a kind's name ("CosineAnnealingLR").
pub(super) fn torch_class(kind: &str) -> &'static str {
    match KINDS.iter().position(|k| *k == kind) {
        Some(i) => CLASSES.with(|c| c[i]),
        None => "",
    }
}

/// A picker option's words as the list shows them: the kind's name and
/// torch's class, so a student who knows `OneCycleLR` finds it.
pub(super) fn option_text(value: &str, lang: Lang) -> String {
    match value {
        "" => tr(lang, "schedule.none").to_string(),
        PRESET => format!("{} — {PRESET_CLASSES}", tr(lang, "schedule.preset")),
        k => format!("{} — {}", kind_name(k, lang), torch_class(k)),
    }
}

/// The picker's choice for a schedule: its option, its words, its class.
pub(super) struct Picked {
    pub(super) value: &'static str,
    words: String,
    class: &'static str,
}

/// What the picker shows for `s`: the preset is stored as its sequence,
/// named by its shape; a kind as the run's label names it.
pub(super) fn picked(s: Option<&Schedule>, lang: Lang) -> Picked {
    match s {
        None => Picked {
            value: "",
            words: tr(lang, "schedule.none").to_string(),
            class: "",
        },
        Some(s) if is_warmup_cosine(s) => Picked {
            value: PRESET,
            words: tr(lang, "schedule.preset").to_string(),
            class: PRESET_CLASSES,
        },
        Some(s) => Picked {
            value: s.kind(),
            words: gradscape_text::schedule::name(s, lang),
            class: torch_class(s.kind()),
        },
    }
}

/// The picked option says what the schedule does, as the run's label says
/// it ("exponential growth" for γ > 1: the picker said "decay" beside a
/// legend that said "growth"), and its class stands on the label's line:
/// "reduce on plateau — ReduceLROnPlateau" in the closed picker was cut to
/// "reduce on plateau — ReduceLROnPlat" on a 1366 px laptop's card (five
/// of the fourteen in English). The other options keep both, for the next
/// pick. The choice follows the schedule too: a sequence that becomes (or
/// stops being) warm-up + cosine keeps its block, not its picker's value.
pub(super) fn name_picked(blk: &Element, s: Option<&Schedule>, lang: Lang) -> Result<(), JsValue> {
    let p = picked(s, lang);
    let Some(sel) = blk
        .query_selector("select[data-sched=kind]")?
        .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
    else {
        return Ok(());
    };
    if sel.value() != p.value {
        sel.set_value(p.value);
    }
    let options = sel.query_selector_all("option")?;
    for n in 0..options.length() {
        let Some(o) = options.item(n).and_then(|o| o.dyn_into::<Element>().ok()) else {
            continue;
        };
        let value = o.get_attribute("value").unwrap_or_default();
        let text = if value == p.value {
            p.words.clone()
        } else {
            option_text(&value, lang)
        };
        if o.text_content().as_deref() != Some(&text) {
            o.set_text_content(Some(&text));
        }
    }
    if let Some(c) = blk.query_selector(".sched-title .sched-class")? {
        if c.text_content().as_deref() != Some(p.class) {
            c.set_text_content(Some(p.class));
        }
    }
    Ok(())
}
