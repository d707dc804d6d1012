//! Share and export: copy the link or an embed code, download the plot
//! (PNG, SVG), the runs (CSV, JSON) or the scene. They read the model.

use super::dom::{by_id, el, on};
use super::{with_app, App};
use crate::app::Model;
use crate::run::simulate_with;
use gradscape_text::{tr, trf, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlButtonElement};

type Export = fn(&App) -> Result<(), JsValue>;

/// The figure as shown, as the command line's SVG: the page's download
/// and a mounted figure's `svg()` (the notebook's `save_svg`).
pub(super) fn shown_svg(m: &Model, lang: Lang) -> Result<String, JsValue> {
    let runs = simulate_with(&m.scene, false)
        .map_err(|e| JsValue::from_str(&gradscape_text::errors::run_error(&e, lang)))?;
    // The command line's default width, the plot's shape: sized for
    // notes, not for the window (at 1920×1080 the figure was 1446 px
    // wide, its 12 px words 5 px tall in a PDF's column).
    let width = f64::from(crate::svg::SvgOptions::default().width);
    let opt = crate::svg::SvgOptions {
        width: width as u32,
        height: (width * m.canvas.h / m.canvas.w.max(1.0))
            .round()
            .clamp(150.0, 10000.0) as u32,
        // The legend in the figure's language, as the CLI's --lang.
        lang,
        // The figure as shown: at the step on the screen when it is not
        // the last (the trails so far, the legend then, "step k of n"), as
        // the PNG; at the last, the whole runs.
        step: (m.t < m.scene.steps).then_some(m.t),
        // The runs switched off in the legend, as the PNG leaves them.
        hidden: m.hidden.clone(),
        ..Default::default()
    };
    Ok(crate::svg::render(&m.scene, &runs, &opt))
}

/// Listen to the share and export buttons.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let buttons: [(&str, Export); 7] = [
        ("copy-link", copy_link),
        ("copy-embed", copy_embed),
        ("export-png", |app| {
            // The plot with its title and legend (src/web/video/mod.rs).
            let url = super::video::png(app)?;
            download_url(&app.doc, &url, &format!("{}.png", app.figure_stem(true)))
        }),
        ("export-svg", |app| {
            let text = shown_svg(&app.model, app.lang)?;
            download_text(
                &app.doc,
                &text,
                "image/svg+xml",
                &format!("{}.svg", app.figure_stem(true)),
            )
        }),
        ("export-csv", |app| {
            let Some(runs) = runs_to_export(app)? else {
                return Ok(());
            };
            let text = crate::output::simulation_csv(&runs);
            download_text(
                &app.doc,
                &text,
                "text/csv",
                &format!("{}.csv", app.file_stem()),
            )
        }),
        ("export-json", |app| {
            let Some(runs) = runs_to_export(app)? else {
                return Ok(());
            };
            let text = crate::output::simulation_value(&runs, false).to_string() + "\n";
            let name = format!("{}-runs.json", app.file_stem());
            download_text(&app.doc, &text, "application/json", &name)
        }),
        ("export-scene", |app| {
            let text = app.scene.to_json() + "\n";
            let name = format!("{}-scene.json", app.file_stem());
            download_text(&app.doc, &text, "application/json", &name)
        }),
    ];
    for (id, f) in buttons {
        let b: HtmlButtonElement = by_id(doc, id)?;
        on(&b, "click", move |_: web_sys::MouseEvent| {
            // A link written later (web/link.rs) is written now: "copy
            // link" reads the address bar.
            with_app(move |app| {
                super::link::flush(app)?;
                f(app)
            })
        })?;
    }
    Ok(())
}

/// The runs as `simulate` prints them, or None and why under the share
/// buttons: a start where f is undefined has no first point, which the
/// output promises (the CLI refuses such a scene with the same words).
fn runs_to_export(app: &App) -> Result<Option<Vec<crate::run::Trajectory>>, JsValue> {
    let runs = crate::run::check_start(&app.scene).and_then(|()| simulate_with(&app.scene, false));
    match runs {
        Ok(runs) => Ok(Some(runs)),
        Err(e) => refuse(app, &e).map(|()| None),
    }
}

/// Why an export of the scene is refused, under the share buttons.
pub(super) fn refuse(app: &App, e: &crate::run::RunError) -> Result<(), JsValue> {
    let status = app.root("share-status")?;
    status.set_text_content(Some(&gradscape_text::errors::run_error(e, app.lang)));
    super::dom::bring_into_view(&status);
    Ok(())
}

fn copy_link(app: &App) -> Result<(), JsValue> {
    let href = app.window.location().href()?;
    let copied = tr(app.lang, "share.copied").to_string() + &kept_words(app);
    let copy_this = trf(app.lang, "share.copy-this", &[&href]);
    to_clipboard(
        app,
        &href,
        app.root("share-status")?,
        copied,
        copy_this,
        || (),
    );
    Ok(())
}

/// What a copied link holds when the page shows a refused value: the
/// link has the values in effect, the classmate would see another formula
/// than the one in the sender's box (a trial: "sin(x" sent as its last
/// valid prefix, "Link copied." and nothing more).
fn kept_words(app: &App) -> String {
    let l = app.lang;
    let mut out = String::new();
    if let (Some(_), crate::landscape::Landscape::Expr(e)) = (&app.expr_error, &app.scene.landscape)
    {
        out += gradscape_text::gap(l);
        out += &trf(l, "share.kept-expr", &[e.source()]);
    }
    let fields = app.invalid_fields().len();
    if fields > 0 {
        out += gradscape_text::gap(l);
        out += &trf(l, "share.kept-fields", &[&fields.to_string()]);
    }
    out
}

fn copy_embed(app: &App) -> Result<(), JsValue> {
    let href = app.window.location().href()?;
    let base = href.split('?').next().unwrap_or("").to_string();
    use super::link::{hidden_part, lesson_part, quiz_part};
    let mut query = crate::url::to_query(&app.scene, Some(app.t));
    // The runs switched off stay off in the figure (as in the link).
    query += &hidden_part(app);
    // A lesson's figure keeps its caption, and a quiz its question.
    query += &lesson_part(app);
    // Always its language: notes in English show English figures to a
    // Chinese-first reader too (a link leaves that to each reader).
    query += "&lang=";
    query += app.lang.param();
    query += &quiz_part(app);
    // A teacher link's fixed groups stay fixed in the figure (as `lock=`:
    // an embed's `hide=` names its parts).
    let fixed = crate::url::Locks {
        locked: crate::url::Group::all()
            .filter(|&g| app.locks.fixed(g))
            .collect(),
        ..Default::default()
    }
    .to_query();
    if !fixed.is_empty() {
        query = format!("{query}&{fixed}");
    }
    // The title is read by screen readers; quotes cannot occur in it. In a
    // phone's column the frame keeps 320 px of height (its aspect would
    // leave ~190 px, a strip of plot under the bar and legend).
    let title = gradscape_text::tr(app.lang, "embed.iframe-title");
    let code = format!(
        "<iframe src=\"{base}?{query}&embed\" width=\"640\" height=\"440\" style=\"border:0;max-width:100%;height:auto;aspect-ratio:640/440;min-height:320px\" title=\"{title}\" loading=\"lazy\"></iframe>"
    );
    app.root("embed-code")?.set_text_content(Some(&code));
    // "Embed code copied", as Copy link says "Link copied"; where the
    // clipboard refuses, the code stays shown under the buttons to copy.
    let copied = tr(app.lang, "share.embed-copied").to_string() + &kept_words(app);
    let shown = tr(app.lang, "share.embed-this").to_string();
    to_clipboard(app, &code, app.root("share-status")?, copied, shown, || ());
    Ok(())
}

/// Put `text` on the clipboard; `status` then says `copied`, or `refused`
/// where the clipboard is refused (an insecure page, a denial), when
/// `also` runs too.
pub(super) fn to_clipboard(
    app: &App,
    text: &str,
    status: web_sys::Element,
    copied: String,
    refused: String,
    also: impl FnOnce() + 'static,
) {
    // The words are brought into view: under a button at a phone's
    // bottom edge, "Link copied." stood below the screen.
    let ok_status = status.clone();
    let on_ok: Closure<dyn FnMut(JsValue)> = Closure::once(move |_: JsValue| {
        ok_status.set_text_content(Some(&copied));
        super::dom::bring_into_view(&ok_status);
    });
    let on_err: Closure<dyn FnMut(JsValue)> = Closure::once(move |_: JsValue| {
        status.set_text_content(Some(&refused));
        super::dom::bring_into_view(&status);
        also();
    });
    let _ = app
        .window
        .navigator()
        .clipboard()
        .write_text(text)
        .then2(&on_ok, &on_err);
    // One pair per click, kept until the promise settles.
    on_ok.forget();
    on_err.forget();
}

/// Start a download of a URL under a file name.
fn download_url(doc: &Document, url: &str, name: &str) -> Result<(), JsValue> {
    let a: web_sys::HtmlAnchorElement =
        el(doc, "a", &[("href", url), ("download", name)], None)?.dyn_into()?;
    a.click();
    Ok(())
}

/// Start a download of text (as a data URL: nothing to revoke).
fn download_text(doc: &Document, text: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let data: String = js_sys::encode_uri_component(text).into();
    download_url(doc, &format!("data:{mime};charset=utf-8,{data}"), name)
}
