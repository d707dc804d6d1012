//! The state panel (`#state-panel`, under the loss chart): for the step that
//! leaves the current point (k = t + 1), every running optimizer's update
//! rule in MathML with its numbers, the bias-correction chart of an Adam run,
//! and the Adam+L2 vs AdamW comparison; for the main canvas, [`refresh`]
//! returns the [`Overlay`] (−η·g and actual-step arrows, L2 isolines) that
//! the page passes to `draw_plot`.
//!
//! Every number and rule comes from [`crate::inspect`] (the rules as typed
//! expressions, rendered by `mathml`); the words from the text layer. One
//! [`Stepper`] per run, moved
//! forward one step per animation frame and rebuilt only when the scene
//! changes; nothing is computed while the panel is closed (except the L2
//! isolines, shown whenever an Adam+L2 run is). Text is set as text, MathML
//! is built with `createElementNS` and text nodes, never parsed.

mod bias_panel;
mod card;
pub(crate) mod iso;
mod mathml;
mod weight_decay;

use super::dom::{add, by_id, el, on};
use super::draw::overlay::Overlay;
use super::{with_app, App};
use crate::app::replay::same_but_cards;
use crate::inspect::{bias_series, has_bias_correction, BiasPoint, Inspection, Stepper};
use crate::landscape::View;
use crate::scene::Scene;
use crate::Vec2;
use bias_panel::{bias_section, draw_bias_chart};
use card::inspection_card;
use gradscape_text::optim::opt_label;
use gradscape_text::{tr, trf, Lang};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlSelectElement};
use weight_decay::l2_section;

/// L2 isolines for (scene, λ, view, grid size).
type IsoCache = (Scene, f64, View, usize, usize, Rc<Vec<Vec<Vec2>>>);
/// What the DOM shows: (generation, t, lang, selected run, hidden runs,
/// whether a quiz hides the step after t).
type Shown = (u64, usize, Lang, Option<usize>, Vec<bool>, bool);

/// The panel's cached state.
#[derive(Default)]
pub struct Inspector {
    /// The scene the steppers belong to.
    scene: Option<Scene>,
    steppers: Vec<Option<Stepper>>,
    /// Bumped when the scene changes.
    generation: u64,
    /// (generation, run, steps) → the bias chart's series.
    series: Option<(u64, usize, usize, Vec<BiasPoint>)>,
    /// (landscape and λ, view, grid size) → L2 isolines.
    iso: Option<IsoCache>,
    /// What the DOM shows: (generation, t, lang, selected run, hidden runs).
    shown: Option<Shown>,
    /// The summary's language.
    summary_lang: Option<Lang>,
    /// The run in the bias chart.
    selected: Option<usize>,
    /// Compute now even if it is long (the deferred refresh).
    force: bool,
    /// The L2 isolines shown are the coarse grid of a drag.
    iso_coarse: bool,
    /// When the panel's DOM was last built (Date.now(), ms).
    built_at: f64,
    /// The panel's DOM waits for the motion to pause.
    dom_behind: bool,
}

impl Inspector {
    /// Whether the last draw showed something at a drag's reduced
    /// resolution (the end of the drag then draws it in full).
    pub fn coarse(&self) -> bool {
        self.iso_coarse
    }
}

/// Steps the inspector may take inside one redraw; more (a replay of a
/// 100 000-step scene while a slider moves, a scrub back to a late step) is
/// deferred until the input pauses, so the replay never waits for it.
const BUDGET: usize = 20_000;

/// Run the refresh again, with no budget, 150 ms after the last request.
fn defer(app: &mut App) -> Result<(), JsValue> {
    crate::web::timer::later(&app.window, crate::web::timer::Later::Inspect, || {
        crate::web::with_app(on_timer)
    })
}

/// At most one rebuild of the panel's DOM per this many ms while playing.
const PLAYING_REBUILD_MS: f64 = 500.0;

/// Build the panel's DOM once the motion pauses (150 ms after the last
/// request). The canvas already shows this frame's arrows: only the panel
/// is brought up to date, unless a longer wait left the arrows out too.
fn later_dom(app: &mut App) -> Result<(), JsValue> {
    crate::web::timer::later(&app.window, crate::web::timer::Later::Inspect, || {
        crate::web::with_app(|app| {
            if !app.inspector.dom_behind {
                return Ok(());
            }
            app.inspector.force = true;
            let r = refresh(app).map(|_| ());
            app.inspector.force = false;
            r
        })
    })
}

/// The deferred refresh is due: compute it whatever it costs.
fn on_timer(app: &mut App) -> Result<(), JsValue> {
    app.inspector.force = true;
    let r = app.draw();
    app.inspector.force = false;
    r
}

// ---------------------------------------------------------------- refresh

fn dark(app: &App) -> bool {
    crate::web::dom::dark(&app.window)
}

/// Forget the kept chart pictures: the next refresh draws them (a test's
/// redraw from nothing).
pub fn forget_kept() {
    bias_panel::forget_drawn();
}

/// Forget the kept steppers: the next refresh steps every run from its
/// start (a test's redraw from nothing).
pub fn forget_steppers(app: &mut App) {
    app.inspector.scene = None;
    app.inspector.steppers.clear();
}

/// Bring the panel up to date and give the canvas overlay of this frame
/// (called by `App::draw` before the plot is drawn).
pub fn refresh(app: &mut App) -> Result<Option<Overlay>, JsValue> {
    let is_dark = dark(app);
    let dpr = app.window.device_pixel_ratio().clamp(0.5, 4.0);
    // (The charts read only its chart sizes.)
    let style = crate::web::draw::Style::of(app.present, 0.0);
    let Some(panel) = app.doc.get_element_by_id("state-panel") else {
        return Ok(None);
    };
    let lang = app.model.lang;
    let ins = &mut app.inspector;
    if ins.summary_lang != Some(lang) {
        if let Some(s) = app.doc.get_element_by_id("state-summary") {
            s.set_text_content(Some(tr(lang, "state.summary")));
        }
        ins.summary_lang = Some(lang);
    }
    let visible = |i: usize| !app.model.hidden.get(i).copied().unwrap_or(false);
    // The L2 isolines: whenever an Adam+L2 run is shown.
    let l2 = iso::shown_l2(&app.model.scene.optimizers, &app.model.hidden);
    let iso = iso::lines(ins, &app.model, app.geom, l2);
    let only_iso = iso.clone().map(|l| Overlay {
        l2: Some(l),
        ..Overlay::default()
    });
    if !panel.has_attribute("open") {
        return Ok(only_iso);
    }
    // A quiz hides the step after its pause: the last step shown instead.
    let hiding =
        app.model.t >= app.model.horizon() && app.model.quiz.as_ref().is_some_and(|q| q.asking());
    let k = if hiding { app.model.t } else { app.model.t + 1 };
    if k == 0 {
        return Ok(only_iso);
    }
    let stale = ins.scene.as_ref() != Some(&app.model.scene);
    let cost: usize = if stale {
        k.saturating_mul(app.model.scene.optimizers.len())
    } else {
        ins.steppers
            .iter()
            .flatten()
            .map(|s| s.cost(k))
            .fold(0usize, |a, b| a.saturating_add(b))
    };
    if cost > BUDGET && !ins.force {
        // Too long for this frame: keep the trails moving, fill in later.
        if let Some(body) = app.doc.get_element_by_id("state-body") {
            body.set_attribute("aria-busy", "true")?;
        }
        ins.shown = None;
        defer(app)?;
        return Ok(only_iso);
    }
    if stale {
        // As the replay keeps runs (app/replay.rs): a card a change left
        // alone keeps its stepper, which gives the same numbers (an η drag
        // stepped all nine runs to the cursor at every input).
        let scene = &app.model.scene;
        let n = scene.optimizers.len();
        let mut old = std::mem::take(&mut ins.steppers);
        let keep = ins
            .scene
            .take()
            .filter(|b| b.optimizers.len() == n && old.len() == n && same_but_cards(b, scene));
        ins.steppers = (0..n)
            .map(|j| match &keep {
                Some(b) if b.optimizers[j] == scene.optimizers[j] => old[j].take(),
                _ => Stepper::new(scene, j),
            })
            .collect();
        ins.scene = Some(scene.clone());
        ins.generation += 1;
    }
    let insps: Vec<(usize, Option<Inspection>)> = ins
        .steppers
        .iter_mut()
        .enumerate()
        .map(|(j, s)| (j, s.as_mut().and_then(|s| s.at(k))))
        .collect();
    // The canvas overlay.
    let (arrows, kinds) = insps
        .iter()
        .filter(|(j, _)| visible(*j))
        .filter_map(|(j, x)| {
            let x = x.as_ref()?;
            Some(((*j, x.arrows()), x.spec.kind))
        })
        .unzip();
    let overlay = Some(Overlay {
        arrows,
        l2: iso,
        kinds,
        lang,
    });
    // The bias chart's run: the chosen one while it is an Adam run, else the first.
    let adam_ok = |j: usize| {
        app.model
            .scene
            .optimizers
            .get(j)
            .is_some_and(|s| has_bias_correction(s.kind))
    };
    if !ins.selected.is_some_and(adam_ok) {
        ins.selected = (0..app.model.scene.optimizers.len()).find(|&j| adam_ok(j));
    }
    let key = (
        ins.generation,
        app.model.t,
        lang,
        ins.selected,
        app.model.hidden.clone(),
        hiding,
    );
    let doc = &app.doc;
    let body: Element = by_id(doc, "state-body")?;
    if ins.shown.as_ref() == Some(&key) {
        body.remove_attribute("aria-busy")?;
        return Ok(overlay);
    }
    // While a slider or the view is dragged the panel's words and cards
    // wait (dimmed, aria-busy) until the drag pauses; while the runs play
    // they are built at most twice a second: rebuilding nine runs' MathML
    // and the bias chart cost more than the rest of a frame. The arrows on
    // the canvas are this frame's; what the panel shows when built is
    // computed for the parameters and step of that moment.
    let now = js_sys::Date::now();
    let wait =
        app.model.interacting || (app.model.playing && now - ins.built_at < PLAYING_REBUILD_MS);
    if wait && !ins.force {
        body.set_attribute("aria-busy", "true")?;
        ins.dom_behind = true;
        later_dom(app)?;
        return Ok(overlay);
    }
    ins.built_at = now;
    ins.dom_behind = false;
    body.remove_attribute("aria-busy")?;
    ins.shown = Some(key);
    // Built off the page, then the page's panel changed only where it
    // differs (morph.rs).
    let fresh = doc.create_element("div")?;
    let mut intro = if hiding {
        trf(lang, "quiz.state", &[&k.to_string(), &(k - 1).to_string()])
    } else {
        trf(
            lang,
            "state.step",
            &[&k.to_string(), &app.model.t.to_string()],
        )
    };
    if k > app.model.scene.steps {
        intro.push(' ');
        intro.push_str(tr(lang, "state.beyond"));
    }
    add(
        &fresh,
        &el(
            doc,
            "p",
            &[("class", "state-step"), ("data-k", &k.to_string())],
            Some(&intro),
        )?,
    )?;
    add(
        &fresh,
        &el(
            doc,
            "p",
            &[("class", "hint")],
            Some(tr(lang, "state.arrows")),
        )?,
    )?;
    let mut chart = None;
    match ins.selected {
        Some(sel) => {
            let insp = insps.get(sel).and_then(|(_, x)| x.as_ref());
            add(
                &fresh,
                &bias_section(doc, lang, &app.model.scene, sel, insp, k)?,
            )?;
            let steps = app.model.scene.steps.clamp(20, 50);
            let len = if k > steps { k.min(1000) } else { steps };
            let fresh = matches!(&ins.series, Some((g, s, l, _)) if *g == ins.generation && *s == sel && *l == len);
            if !fresh {
                ins.series = Some((
                    ins.generation,
                    sel,
                    len,
                    bias_series(&app.model.scene, sel, len),
                ));
            }
            chart = Some(k);
        }
        None => {
            add(
                &fresh,
                &el(
                    doc,
                    "p",
                    &[("class", "hint")],
                    Some(tr(lang, "state.bias.none")),
                )?,
            )?;
        }
    }
    let scene = &app.model.scene;
    if let Some(sec) = l2_section(doc, lang, &insps, l2, &scene.landscape, scene.noise.sigma)? {
        add(&fresh, &sec)?;
    }
    let runs = el(
        doc,
        "div",
        &[("class", "state-runs"), ("id", "state-runs")],
        None,
    )?;
    for (j, x) in &insps {
        let mut label = format!(
            "{}. {}",
            j + 1,
            opt_label(
                &app.model.scene.optimizers[*j],
                app.model.scene.convention,
                lang,
            )
        );
        // Under a schedule the step's own rate: "· η₇ = 0.3".
        if let (Some(x), Some(r)) = (x, app.model.runs.get(*j)) {
            if let (Some(_), Some(&eta)) = (r.spec.schedule, r.lr.get(x.k.wrapping_sub(1))) {
                label += &format!(" · {}", gradscape_text::schedule::eta_at(x.k, eta));
            }
        }
        let stop = ins.steppers[*j].as_ref().and_then(|s| s.stopped_at());
        let card = inspection_card(doc, lang, *j, &label, x.as_ref().ok_or(stop))?;
        // The run the bias chart shows: beside a lesson, its table comes
        // right under the chart (style.css), the others around them
        // (lesson 11's RAdam table under Adam's chart was read as RAdam's).
        if ins.selected == Some(*j) {
            card.class_list().add_1("chart-run")?;
        }
        add(&runs, &card)?;
    }
    add(&fresh, &runs)?;
    crate::web::morph::morph(&body, &fresh)?;
    if let (Some(k), Some((_, _, _, series))) = (chart, &ins.series) {
        if let Ok(c) = by_id::<HtmlCanvasElement>(doc, "bias-chart") {
            draw_bias_chart(&c, dpr, series, k, is_dark, &style)?;
        }
    }
    Ok(overlay)
}

/// Forget what the DOM shows, so the next draw rebuilds it (the language
/// or the chosen run changed).
fn invalidate(app: &mut App) {
    app.inspector.shown = None;
}

/// A lesson's panel as its link opens it: open for the lessons that ask
/// for it ([`crate::lesson::panel`]: bias correction, Adam+L2 vs AdamW),
/// closed for the others (left open by the lesson before, it would draw
/// its arrows over this one's figure). Not in an embedded figure, which
/// hides it; free play leaves it as it is. Its bias chart's run goes back
/// to the first Adam run whatever was loaded (a lesson, free play, a link).
pub fn open_for_lesson(app: &mut App) -> Result<(), JsValue> {
    // The bias chart's run as the lesson's link opens it (its first Adam
    // run): lesson 11's "2." had stayed, so PageUp to lesson 9 charted
    // AdamW and to lesson 8 the run without bias correction, whose table
    // pushed the chart off a 1080 px screen.
    app.inspector.selected = None;
    let (doc, lesson) = (&app.doc, app.lesson);
    let embedded = doc.body().is_some_and(|b| b.class_list().contains("embed"));
    if lesson.is_none() || embedded {
        return Ok(());
    }
    if let Some(p) = doc.get_element_by_id("state-panel") {
        if crate::web::place::lesson_panel(lesson).is_some_and(|p| p.is_state()) {
            p.set_attribute("open", "")?;
        } else {
            p.remove_attribute("open")?;
        }
    }
    Ok(())
}

/// The language changed: re-render the panel in it.
pub fn on_lang(app: &mut App) -> Result<(), JsValue> {
    invalidate(app);
    app.draw()
}

/// Listeners: opening/closing the panel, the bias chart's run.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let panel: Element = by_id(doc, "state-panel")?;
    on(&panel, "toggle", |_: web_sys::Event| {
        with_app(move |app| {
            invalidate(app);
            app.draw()?;
            // The link says which panels are open (`open=`).
            app.sync_url()
        });
    })?;
    on(&panel, "change", |e: web_sys::Event| {
        let Some(sel) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            .filter(|s| s.id() == "state-run")
        else {
            return;
        };
        let v = sel.value().parse::<usize>().ok();
        with_app(move |app| {
            app.inspector.selected = v;
            invalidate(app);
            app.draw()
        });
    })?;
    Ok(())
}
