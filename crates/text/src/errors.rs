//! Errors of the core in words: formula errors and scene errors.

use crate::{msg_text, trf, Lang};
use gradscape_core::landscape::ExprError;
use gradscape_core::url::Notice;
use gradscape_core::SceneError;

/// "column 6: missing ')' …" in `lang`.
pub fn expr_error(e: &ExprError, lang: Lang) -> String {
    trf(
        lang,
        "expr.at",
        &[&e.column.to_string(), &msg_text(&e.msg, lang)],
    )
}

/// What is wrong with a field, without its path, in `lang`.
pub fn scene_problem(e: &SceneError, lang: Lang) -> String {
    match &e.formula {
        Some(f) => expr_error(f, lang),
        None => e.message.clone(),
    }
}

/// "optimizers[1].lr: must be …" in `lang`.
pub fn scene_error(e: &SceneError, lang: Lang) -> String {
    let problem = scene_problem(e, lang);
    if e.field.is_empty() {
        problem
    } else {
        format!("{}: {problem}", e.field)
    }
}

/// A link notice in `lang`: which value was dropped or changed, and why.
pub fn notice(n: &Notice, lang: Lang) -> String {
    match n {
        Notice::Dropped(e) => trf(lang, "link.ignored", &[&scene_error(e, lang)]),
        Notice::BadView { got } => trf(lang, "link.bad-view", &[got]),
        Notice::BadStep { got } => trf(lang, "link.bad-step", &[got]),
        Notice::StepTooLarge { got, steps } => trf(
            lang,
            "link.step-too-large",
            &[&steps.to_string(), &got.to_string()],
        ),
        Notice::UnknownKey { key } => trf(lang, "link.unknown", &[key]),
        Notice::Unreadable => trf(lang, "link.unreadable", &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradscape_core::url::from_query;

    #[test]
    fn link_notices_in_both_languages() {
        let (_, _, notes) = from_query("f=expr&expr=sin(x&zoom=3&steps=5&t=9");
        let en: Vec<String> = notes.iter().map(|n| notice(n, Lang::En)).collect();
        assert!(
            en.iter().any(|s| s
                .starts_with("landscape.expr: column 6: missing ')' to close sin( at column 4")),
            "{en:?}"
        );
        assert!(
            en.iter().any(|s| s == "zoom: unknown parameter; ignored"),
            "{en:?}"
        );
        assert!(
            en.iter()
                .any(|s| s == "t: must be at most steps = 5 (got 9); set to 5"),
            "{en:?}"
        );
        for n in &notes {
            let zh = notice(n, Lang::Zh);
            assert!(
                crate::english_words(&zh)
                    .iter()
                    .all(|w| ["landscape", "zoom"].contains(&w.as_str())),
                "{zh}"
            );
        }
    }
}
