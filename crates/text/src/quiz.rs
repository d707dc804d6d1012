//! The quiz in words: the prompt, the result and verdict, the link's
//! notices (the core's typed values, worded in either language).

use crate::{tr, trf, Lang};
use gradscape_core::format::{prose3, sig3};
use gradscape_core::quiz::{Score, Verdict};
use gradscape_core::url::quiz::{QuizNotice, KEY};
use gradscape_core::{Convention, OptSpec, Vec2};

/// "Where will Momentum η=0.4 γ=0.5 (blue discs) be after 10 more steps?
/// Click or tap the figure." for run `run` drawn as its mark; presenting, the
/// question alone (the class answers aloud; PageDown reveals).
pub fn prompt(
    spec: &OptSpec,
    conv: Convention,
    run: usize,
    ahead: usize,
    present: bool,
    lang: Lang,
) -> String {
    let name = trf(
        lang,
        "quiz.run",
        &[
            &crate::optim::opt_label(spec, conv, lang),
            &mark_short(run, lang),
        ],
    );
    let key = match (present, ahead == 1) {
        (true, false) => "quiz.prompt.present",
        (true, true) => "quiz.prompt.present.one",
        (false, false) => "quiz.prompt",
        (false, true) => "quiz.prompt.one",
    };
    trf(lang, key, &[&name, &ahead.to_string()])
}

/// Run `i`'s colour and marker in words ("blue discs"), as the lessons'
/// captions name their runs.
fn mark_short(i: usize, lang: Lang) -> String {
    trf(
        lang,
        "mark.short",
        &crate::summary::colour_and_shape(i, lang),
    )
}

/// "Your guess: (x, y). Reveal when ready."
pub fn placed(guess: Vec2, lang: Lang) -> String {
    trf(lang, "quiz.placed", &[&prose3(guess[0]), &prose3(guess[1])])
}

/// Where the keyboard's guess cursor is (said as it moves: a blind
/// student hears where the guess would go).
pub fn cursor(at: Vec2, lang: Lang) -> String {
    trf(lang, "quiz.cursor", &[&prose3(at[0]), &prose3(at[1])])
}

/// The verdict's words.
pub fn verdict(v: Verdict, lang: Lang) -> &'static str {
    tr(
        lang,
        match v {
            Verdict::Close => "quiz.verdict.close",
            Verdict::Near => "quiz.verdict.near",
            Verdict::Off => "quiz.verdict.off",
        },
    )
}

/// The share of the diagonal as a percentage for a sentence ("4.2"),
/// "—" when not finite.
pub fn percent(share: f64) -> String {
    if share.is_finite() {
        sig3(share * 100.0)
    } else {
        "—".into()
    }
}

/// The result after the reveal: where the run is at step `step` and, with
/// a guess, how far off it was. `stopped`: the run stopped after `step`
/// (its last point), before the step asked about.
pub fn result(
    spec: &OptSpec,
    conv: Convention,
    step: usize,
    score: Option<&Score>,
    truth: Vec2,
    stopped: bool,
    lang: Lang,
) -> String {
    let label = crate::optim::opt_label(spec, conv, lang);
    let (x, y) = (prose3(truth[0]), prose3(truth[1]));
    let mut s = match score {
        Some(sc) => trf(
            lang,
            "quiz.result",
            &[
                &step.to_string(),
                &label,
                &x,
                &y,
                &sig3(sc.distance),
                &percent(sc.share),
                verdict(sc.verdict, lang),
            ],
        ),
        None => trf(
            lang,
            "quiz.result.noguess",
            &[&step.to_string(), &label, &x, &y],
        ),
    };
    if stopped {
        // The step it stopped at, as the legend says it ("diverged at step
        // 3"): the one after its last point.
        s.push(' ');
        s.push_str(&trf(
            lang,
            "quiz.result.stopped",
            &[&(step + 1).to_string()],
        ));
    }
    s
}

/// A notice of the quiz link.
pub fn notice(n: &QuizNotice, lang: Lang) -> String {
    match n {
        QuizNotice::UnknownMode { got } => {
            trf(lang, "quiz.notice.mode", &[KEY, got, "predict, which"])
        }
        QuizNotice::UnknownArg { arg } => trf(lang, "quiz.notice.arg", &[KEY, arg]),
        QuizNotice::BadArg { arg, got, min, max } => trf(
            lang,
            "quiz.notice.bad",
            &[KEY, arg.name(), &min.to_string(), &max.to_string(), got],
        ),
        QuizNotice::NothingToAsk => trf(lang, "quiz.notice.nothing", &[KEY]),
        QuizNotice::OneTrail => trf(lang, "quiz.notice.one-trail", &[KEY]),
        QuizNotice::StopsFirst { run, step, at } => trf(
            lang,
            "quiz.notice.stops-first",
            &[KEY, &run.to_string(), &step.to_string(), &at.to_string()],
        ),
    }
}

/// "reveal after (steps)" refused: what it takes (a whole number from 1 to
/// `steps`), what was typed and the value kept, as every field says it.
pub fn ahead_refused(typed: &str, steps: usize, kept: usize, lang: Lang) -> String {
    let rule = trf(
        lang,
        "quiz.share.ahead.rule",
        &[tr(lang, "quiz.share.ahead"), &steps.max(1).to_string()],
    );
    let text = trf(lang, "rule.unreadable.typed", &[&rule, typed.trim()]);
    trf(lang, "field.kept", &[&text, &kept.to_string()])
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_refused_reveal_after_names_the_field_its_range_and_the_value_kept() {
        use crate::Lang;
        assert_eq!(
            super::ahead_refused("0", 20, 10, Lang::En),
            "reveal after (steps) must be a whole number from 1 to 20 (got \"0\"); kept 10"
        );
        let zh = super::ahead_refused("abc", 20, 10, Lang::Zh);
        assert_eq!(
            zh,
            "揭晓步数必须是 1 到 20 之间的整数（输入为“abc”）；保留 10"
        );
    }

    use super::*;
    use gradscape_core::quiz::score;
    use gradscape_core::url::quiz::QuizArg;
    use gradscape_core::View;

    #[test]
    fn the_result_names_the_distance_share_and_verdict_in_both_languages() {
        let spec = OptSpec::new(gradscape_core::OptKind::Gd, gradscape_core::Convention::D2l);
        let view = View {
            x0: 0.0,
            x1: 3.0,
            y0: 0.0,
            y1: 4.0,
        };
        let sc = score([0.0, 0.0], [0.06, 0.08], &view);
        let en = result(
            &spec,
            Convention::D2l,
            30,
            Some(&sc),
            sc.truth,
            false,
            Lang::En,
        );
        assert!(en.contains("0.1 away, 2 %"), "{en}");
        assert!(en.ends_with("close!"), "{en}");
        let zh = result(
            &spec,
            Convention::D2l,
            30,
            Some(&sc),
            sc.truth,
            true,
            Lang::Zh,
        );
        assert!(zh.contains("相差 0.1") && zh.contains("很接近"), "{zh}");
        assert!(crate::english_words(&zh).is_empty(), "{zh}");
        let p = prompt(&spec, Convention::D2l, 1, 10, false, Lang::Zh);
        assert!(
            p.contains("10") && p.contains("（蓝色圆点）") && crate::english_words(&p).is_empty(),
            "{p}"
        );
        // The run by its mark, as the captions name runs; presenting, the
        // question alone.
        let en = prompt(&spec, Convention::D2l, 1, 10, false, Lang::En);
        assert!(
            en.contains(" (blue discs) be after 10 more steps? Click or tap the figure."),
            "{en}"
        );
        let shown = prompt(&spec, Convention::D2l, 0, 10, true, Lang::En);
        assert!(
            shown.ends_with("(orange squares) be after 10 more steps?"),
            "{shown}"
        );
        let one = prompt(&spec, Convention::D2l, 0, 1, false, Lang::En);
        assert!(one.contains(" be after one more step? "), "{one}");
        assert!(prompt(&spec, Convention::D2l, 0, 1, true, Lang::Zh).starts_with("再走 1 步后"));
        // Coordinates with a true minus, as the captions write them.
        let at = result(
            &spec,
            Convention::D2l,
            15,
            None,
            [-0.2213, -0.01384],
            false,
            Lang::En,
        );
        assert!(at.ends_with("is at (−0.221, −0.0138)."), "{at}");
        assert_eq!(
            cursor([-1.46, 0.381], Lang::En),
            "Cursor at (−1.46, 0.381): Enter places your guess here."
        );
        assert!(placed([-2.0, -1e-5], Lang::Zh).contains("(−2, −1e-5)"));
    }

    #[test]
    fn a_bad_argument_is_named_with_its_range() {
        let n = QuizNotice::BadArg {
            arg: QuizArg::At,
            got: "50".into(),
            min: 0,
            max: 19,
        };
        assert_eq!(
            notice(&n, Lang::En),
            "quiz.at: must be a whole number from 0 to 19 (got “50”); the default is used"
        );
        assert!(notice(&n, Lang::Zh).contains("0 到 19"));
    }

    /// A run that stopped is said to stop where its legend says, the step
    /// after its last point.
    #[test]
    fn a_stopped_run_stops_at_the_legend_s_step() {
        let spec = OptSpec::new(gradscape_core::OptKind::Gd, gradscape_core::Convention::D2l);
        let r = result(&spec, Convention::D2l, 2, None, [1.0, 2.0], true, Lang::En);
        assert!(
            r.starts_with("Step 2: ") && r.contains("It stopped at step 3,"),
            "{r}"
        );
        let r = result(&spec, Convention::D2l, 2, None, [1.0, 2.0], true, Lang::Zh);
        assert!(r.contains("它在第 3 步停止"), "{r}");
    }
}
