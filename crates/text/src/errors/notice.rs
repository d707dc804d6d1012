//! A link's notices in words: which value was dropped or changed, and why.

use super::{scene_error, scene_error_as};
use crate::{trf, Lang};
use gradscape_core::scene::Problem;
use gradscape_core::url::Notice;
use gradscape_core::SceneError;

/// A link notice in `lang`: which value was dropped or changed, and why.
pub fn notice(n: &Notice, lang: Lang) -> String {
    match n {
        // A surface's unknown parameter, with the surface's keys as the
        // link writes them (`f`, not the scene JSON's `kind`).
        Notice::Dropped(SceneError {
            field,
            problem:
                Problem::UnknownKey {
                    within: "landscape",
                    allowed,
                },
        }) => {
            let keys: Vec<&str> = allowed
                .iter()
                .map(|&k| if k == "kind" { "f" } else { k })
                .collect();
            let text = trf(
                lang,
                "link.surface-key",
                &[gradscape_core::url::link_name(field), &keys.join(", ")],
            );
            trf(lang, "link.ignored", &[&text])
        }
        // Named as the link writes it (`f`, not `landscape.kind`).
        Notice::Dropped(e) => {
            let name = gradscape_core::url::link_name(&e.field);
            let text = match name == e.field {
                true => scene_error(e, lang),
                false => scene_error_as(name, e, lang),
            };
            trf(lang, "link.ignored", &[&text])
        }
        Notice::BadView { got } => trf(lang, "link.bad-view", &[got]),
        Notice::NoOptimizer { got } => trf(lang, "link.no-optimizer", &[got]),
        Notice::BadStep { got } => trf(lang, "link.bad-step", &[got]),
        Notice::StepTooLarge { got, steps } => trf(
            lang,
            "link.step-too-large",
            &[&steps.to_string(), &got.to_string()],
        ),
        Notice::UnknownKey { key } => trf(lang, "link.unknown", &[key]),
        Notice::Repeated { key } => trf(lang, "link.repeated", &[key]),
        Notice::BadSchedule { got } => trf(lang, "link.bad-schedule", &[got]),
        Notice::DecimalComma { key, got } => {
            let what = trf(lang, "link.decimal-comma", &[key, got]);
            trf(lang, "link.ignored", &[&trf(lang, "field.comma", &[&what])])
        }
        Notice::UnknownGroup { key, name } => trf(lang, "link.unknown-group", &[key, name]),
        Notice::BadLesson { got } => trf(
            lang,
            "link.bad-lesson",
            &[&gradscape_core::lesson::LESSONS.len().to_string(), got],
        ),
        Notice::BadLang { got } => trf(lang, "link.bad-lang", &[got]),
        Notice::BadPresent { got } => trf(lang, "link.bad-present", &[got]),
        Notice::UnknownPanel { name } => trf(lang, "link.unknown-panel", &[name]),
        // ("from 1 to 0" would be no range at all.)
        Notice::BadHidden { got, runs: 0 } => trf(lang, "link.hidden-no-runs", &[got]),
        Notice::BadHidden { got, runs } => trf(lang, "link.bad-hidden", &[&runs.to_string(), got]),
        Notice::Unreadable => trf(lang, "link.unreadable", &[]),
    }
}
