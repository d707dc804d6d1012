//! A link read as the page reads it when it opens: at start, and again when
//! Back or Forward returns to one of the page's own history entries (the
//! same scene, step, hidden runs, lesson, language, presenter mode, quiz and notices).

use crate::lesson::lesson;
use crate::quiz::QuizSpec;
use crate::scene::Scene;
use crate::url::quiz::QuizNotice;
use crate::url::{Notice, PageParams};
use gradscape_text::Lang;

/// What a link opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The scene (a lesson's, changed by the link's scene keys).
    pub scene: Scene,
    /// The step shown.
    pub t: usize,
    /// The runs switched off in the legend (`hidden=`), one flag a run.
    pub hidden: Vec<bool>,
    /// The lesson whose caption is shown.
    pub lesson: Option<usize>,
    /// The language: the link's `lang=`, else the browser's.
    pub lang: Lang,
    /// Presenter mode.
    pub present: bool,
    /// The link's quiz, read against the scene (not yet against its runs:
    /// [`crate::url::quiz::answerable`] needs them).
    pub quiz: Option<QuizSpec>,
    /// What was dropped or changed: the scene's, the page's own keys',
    /// `lang=`'s and `lock=`'s.
    pub notices: Vec<Notice>,
    /// What the quiz reader dropped.
    pub quiz_notices: Vec<QuizNotice>,
}

/// Read `search` (`?…`, as `location.search`), with `browser` the language
/// a link without `lang=` opens in; also the page's own keys (embed, locks,
/// `ema=`), which only the start reads.
pub fn read(search: &str, browser: Lang) -> (Link, PageParams) {
    let page = crate::url::page_params(search);
    let lang = page
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(browser);
    // `?lesson=3` alone opens the lesson's scene; its scene keys change
    // that scene (`?lesson=8&steps=50`), under the lesson's caption, and
    // its `t=` is read against it (`?lesson=9&t=50` was held to the default
    // scene's 20 steps).
    let lesson_scene = page.lesson.and_then(lesson).map(|l| l.opening());
    let (scene, t0, notices) = match &lesson_scene {
        Some((base, _)) => crate::url::from_query_over(search, Some(base)),
        None if search.len() > 1 => crate::url::from_query(search),
        None => (Scene::default(), None, vec![]),
    };
    let (hidden, hidden_notices) = crate::url::read_hidden(search, scene.optimizers.len());
    // A `lang=` the text layer does not speak: said, in the browser's.
    let bad_lang = page
        .lang
        .as_ref()
        .filter(|c| Lang::from_code(c).is_none())
        .map(|c| Notice::BadLang { got: c.clone() });
    let notices: Vec<_> = notices
        .into_iter()
        .chain(page.page_notices.clone())
        .chain(bad_lang)
        .chain(page.lock_notices.clone())
        .chain(hidden_notices)
        .collect();
    // Without `t=`, a lesson opens at its own step (a link the page writes
    // always gives one).
    let t = match lesson_scene {
        Some((_, open)) => t0.unwrap_or(open).min(scene.steps),
        None => t0.unwrap_or(scene.steps),
    };
    let (quiz, quiz_notices) = match crate::url::quiz::in_query(search) {
        Some(v) => crate::url::quiz::read(&v, scene.steps, scene.optimizers.len()),
        None => (None, vec![]),
    };
    let link = Link {
        scene,
        t,
        hidden,
        lesson: page.lesson,
        lang,
        present: page.present,
        quiz,
        notices,
        quiz_notices,
    };
    (link, page)
}

/// The link's quiz if the runs can answer it (a run stopped before the
/// pause has none: said in `notices`).
pub fn answerable(
    quiz: Option<QuizSpec>,
    runs: &[crate::run::Trajectory],
    notices: &mut Vec<QuizNotice>,
) -> Option<QuizSpec> {
    quiz.filter(|q| match crate::url::quiz::answerable(q, runs) {
        Ok(()) => true,
        Err(n) => {
            notices.push(n);
            false
        }
    })
}

/// Whether a link is bare: nothing in it but the language (the page a
/// first-time visitor opens, not somebody's figure).
pub fn bare(search: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .all(|p| p.is_empty() || p.starts_with("lang="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_link_with_nothing_but_its_language_is_bare() {
        for q in ["", "?", "?lang=zh", "?lang=en&", "lang=zh"] {
            assert!(bare(q), "{q}");
        }
        for q in [
            "?lesson=1",
            "?lang=zh&f=rosenbrock",
            "?embed",
            "?opt=gd:lr=0.1",
            "?present",
        ] {
            assert!(!bare(q), "{q}");
        }
    }

    #[test]
    fn a_lesson_link_opens_at_its_own_step_in_the_links_language() {
        let (l, _) = read("?lesson=2&lang=zh&present", Lang::En);
        let (scene, t) = lesson(2).unwrap().opening();
        assert_eq!((l.scene, l.t, l.lesson), (scene, t, Some(2)));
        assert_eq!(l.lang, Lang::Zh);
        assert!(l.present);
        assert!(l.notices.is_empty());
    }

    #[test]
    fn without_lang_the_browsers_language_and_bad_values_are_said() {
        let (l, _) = read("?steps=abc&lang=fr", Lang::Zh);
        assert_eq!(l.lang, Lang::Zh);
        assert_eq!(l.scene, Scene::default());
        assert_eq!(l.notices.len(), 2, "{:?}", l.notices);
        let (l, _) = read("", Lang::En);
        assert_eq!((l.scene, l.t, l.lesson), (Scene::default(), 20, None));
        assert_eq!(l.hidden, [false, false]);
    }

    #[test]
    fn hidden_runs_are_read_against_the_links_runs_and_a_bad_one_is_said() {
        let (l, _) = read("?opt=gd;momentum;adam&hidden=2", Lang::En);
        assert_eq!(l.hidden, [false, true, false]);
        assert!(l.notices.is_empty(), "{:?}", l.notices);
        // Against a lesson's runs when the link gives none.
        let (l, _) = read("?lesson=1&hidden=1", Lang::En);
        assert_eq!(l.hidden.len(), l.scene.optimizers.len());
        assert!(l.hidden[0]);
        for bad in ["?hidden=99", "?hidden=x"] {
            let (l, _) = read(bad, Lang::En);
            assert_eq!(l.hidden, [false, false], "{bad}");
            assert!(
                matches!(
                    l.notices[..],
                    [crate::url::Notice::BadHidden { runs: 2, .. }]
                ),
                "{bad}: {:?}",
                l.notices
            );
        }
    }
}
