//! The explainers a link shows open (`open=ema,sweep,state`): a student's
//! link to a figure brings the panel that explains it (a shared link had
//! opened with every panel closed, the state panel's arrows gone). The
//! page writes the panels open now, less the one its lesson opens by
//! itself, and less those a teacher's link leaves out.

use super::App;
use crate::lesson::LessonPanel;
use crate::url::{write_open, OpenPanel, Panel};
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// The `<details>` of `p`.
fn id(p: OpenPanel) -> &'static str {
    match p {
        OpenPanel::Ema => "ema-panel",
        OpenPanel::Sweep => "sweep-panel",
        OpenPanel::State => "state-panel",
    }
}

/// Whether the lesson shown opens `p` by itself (beside the canvas).
fn lessons_own(app: &App, p: OpenPanel) -> bool {
    match super::place::lesson_panel(app.lesson) {
        Some(LessonPanel::Ema) => p == OpenPanel::Ema,
        Some(LessonPanel::Bias | LessonPanel::WeightDecay) => p == OpenPanel::State,
        _ => false,
    }
}

/// Whether a teacher's link leaves `p` out.
fn left_out(app: &App, p: OpenPanel) -> bool {
    let group = match p {
        OpenPanel::State => Panel::State,
        OpenPanel::Ema | OpenPanel::Sweep => Panel::Explain,
    };
    app.locks.hides_panel(group)
}

fn details(app: &App, p: OpenPanel) -> Option<Element> {
    app.doc.get_element_by_id(id(p))
}

/// The link's `&open=…` part, or nothing (embedded: the figure alone).
pub fn part(app: &App) -> String {
    if app.embed.is_some() {
        return String::new();
    }
    let shown: Vec<OpenPanel> = OpenPanel::ALL
        .into_iter()
        .filter(|&p| !lessons_own(app, p) && !left_out(app, p))
        .filter(|&p| details(app, p).is_some_and(|d| d.has_attribute("open")))
        .collect();
    write_open(&shown)
        .map(|q| format!("&{q}"))
        .unwrap_or_default()
}

/// Open the panels `open` names (a link opened); when `exact` (Back or
/// Forward to an entry), close the others too, but the lesson's own.
pub fn apply(app: &App, open: &[OpenPanel], exact: bool) -> Result<(), JsValue> {
    if app.embed.is_some() {
        return Ok(());
    }
    for p in OpenPanel::ALL {
        let Some(d) = details(app, p) else {
            continue;
        };
        let want = open.contains(&p) && !left_out(app, p);
        let is = d.has_attribute("open");
        if want && !is {
            d.set_attribute("open", "")?;
        } else if exact && is && !want && !lessons_own(app, p) {
            d.remove_attribute("open")?;
        }
    }
    Ok(())
}
