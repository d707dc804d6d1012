//! The figure in words, for screen readers: the canvas's short label (the
//! surface and the runs drawn) and the longer summary (each shown run's
//! step, position, loss and status). Numbers are written as the captions
//! and run messages write them (`format::prose`: 4 significant digits, a
//! true minus sign, which a screen reader says "minus"), so a run that left
//! the finite world reads "—", never NaN.

use crate::optim::run_label;
use crate::{tr, trf, Lang};
use gradscape_core::diagnose::{Diagnosis, Health, Hint, Stationary};
use gradscape_core::format::prose;
use gradscape_core::surface::{mark, Marker, PALETTE};
use gradscape_core::Trajectory;

/// How run `i` is drawn, in words ("orange squares, solid line"): what a
/// sighted partner calls it, for a student who hears the legend.
pub fn mark_words(i: usize, lang: Lang) -> String {
    let m = mark(i);
    let line = match m.dash.len() {
        0 => "mark.solid",
        _ if m.dash[0] > m.dash[1] => "mark.dashed",
        _ => "mark.dotted",
    };
    let [colour, shape] = colour_and_shape(i, lang);
    trf(lang, "mark.words", &[colour, shape, tr(lang, line)])
}

/// Run `i`'s colour and marker in words ("blue", "discs").
pub fn colour_and_shape(i: usize, lang: Lang) -> [&'static str; 2] {
    let m = mark(i);
    let colour = PALETTE.iter().position(|&c| c == m.colour).unwrap_or(0);
    let shape = match m.marker {
        Marker::Square => "mark.squares",
        Marker::Circle => "mark.discs",
        Marker::Triangle => "mark.triangles",
    };
    [tr(lang, &format!("mark.colour.{colour}")), tr(lang, shape)]
}

/// The runs not hidden, with their index.
fn shown<'a>(
    runs: &'a [Trajectory],
    hidden: &'a [bool],
) -> impl Iterator<Item = (usize, &'a Trajectory)> {
    runs.iter()
        .enumerate()
        .filter(|(i, _)| !hidden.get(*i).copied().unwrap_or(false))
}

/// "Loss surface f = x² + y²; paths: GD η=0.4, Momentum η=0.4 γ=0.5."
pub fn figure_label(formula: &str, runs: &[Trajectory], hidden: &[bool], lang: Lang) -> String {
    let sep = tr(lang, "summary.sep");
    let names: Vec<String> = shown(runs, hidden)
        .map(|(_, t)| run_label(t, lang))
        .collect();
    if names.is_empty() {
        return trf(lang, "summary.label.none", &[formula]);
    }
    trf(lang, "summary.label", &[formula, &names.join(sep)])
}

/// One sentence per shown run at cursor `t` of `steps`: where it is, its
/// loss, and whether it converges, diverges or diverged (and when).
pub fn figure_summary(
    runs: &[Trajectory],
    diags: &[Diagnosis],
    hidden: &[bool],
    t: usize,
    steps: usize,
    lang: Lang,
) -> String {
    let mut out: Vec<String> = vec![];
    for (i, run) in shown(runs, hidden) {
        // A run that stopped early stays where it stopped.
        let k = t.min(run.points.len().saturating_sub(1));
        let (x, f) = match (run.points.get(k), run.loss.get(k)) {
            (Some(p), Some(&f)) => (*p, f),
            _ => ([f64::NAN; 2], f64::NAN),
        };
        let status = match diags.get(i).map(|d| (d.health, d.hint)) {
            Some((_, Some(Hint::NotMinimum { kind, .. }))) => tr(
                lang,
                match kind {
                    Stationary::Maximum => "summary.maximum",
                    Stationary::Saddle => "summary.saddle",
                },
            )
            .to_string(),
            Some((Health::Ok, Some(Hint::Unbounded { .. }))) => {
                tr(lang, "summary.falls").to_string()
            }
            Some((_, Some(Hint::AtEdge { .. }))) => tr(lang, "summary.edge").to_string(),
            // η beyond the bound while the loss still falls: it will grow.
            Some((
                Health::Ok,
                Some(
                    Hint::GdUnstable { .. }
                    | Hint::Momentum { .. }
                    | Hint::Nesterov { .. }
                    | Hint::DecayUnstable { .. },
                ),
            )) => tr(lang, "summary.diverging").to_string(),
            Some((_, Some(Hint::Cycles { period, .. }))) => {
                trf(lang, "summary.cycle", &[&period.to_string()])
            }
            Some((_, Some(Hint::UndefinedStart))) => tr(lang, "summary.undefined").to_string(),
            other => match other.map(|(h, _)| h) {
                Some(Health::Diverged { step }) => {
                    trf(lang, "summary.diverged", &[&step.to_string()])
                }
                Some(Health::Stopped { step, .. }) => {
                    trf(lang, "summary.stopped", &[&step.to_string()])
                }
                Some(Health::Diverging { .. }) => tr(lang, "summary.diverging").to_string(),
                // "Converging" only where the theory says so; elsewhere what
                // the loss did, at the step shown.
                _ if diags.get(i).is_some_and(|d| d.converges) => {
                    tr(lang, "summary.converging").to_string()
                }
                _ => {
                    let f0 = run.loss.first().copied().unwrap_or(f64::NAN);
                    let key = if f < f0 {
                        "summary.below"
                    } else {
                        "summary.not-below"
                    };
                    trf(lang, key, &[&prose(f0)])
                }
            },
        };
        out.push(trf(
            lang,
            "summary.run",
            &[
                &run_label(run, lang),
                &t.to_string(),
                &steps.to_string(),
                &prose(x[0]),
                &prose(x[1]),
                &prose(f),
                &status,
            ],
        ));
    }
    if out.is_empty() {
        return tr(lang, "summary.none").to_string();
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradscape_core::diagnose::diagnose;
    use gradscape_core::{simulate, Scene};

    fn scene(json: &str) -> (Vec<Trajectory>, Vec<Diagnosis>, usize) {
        let s = Scene::from_json(json).unwrap();
        let runs = simulate(&s).unwrap();
        let diags = runs.iter().map(|t| diagnose(&s.landscape, t)).collect();
        (runs, diags, s.steps)
    }

    #[test]
    fn every_shown_run_in_both_languages_without_nan() {
        // GD converges, GD at η = 0.6 diverges, a huge η leaves the finite world.
        let (runs, diags, n) = scene(
            r#"{"steps":20,"optimizers":[{"kind":"gd","lr":0.1},{"kind":"gd","lr":0.6},{"kind":"gd","lr":1e150}]}"#,
        );
        let en = figure_summary(&runs, &diags, &[], 7, n, Lang::En);
        assert!(en.contains("GD η=0.1: step 7 of 20, at ("), "{en}");
        assert!(
            en.contains("converging") && en.contains("diverging"),
            "{en}"
        );
        assert!(en.contains("diverged at step"), "{en}");
        assert!(!en.contains("NaN") && !en.contains("inf"), "{en}");
        let zh = figure_summary(&runs, &diags, &[], 7, n, Lang::Zh);
        assert!(zh.contains("第 7 步，共 20 步"), "{zh}");
        assert!(zh.contains("发散") && zh.contains("收敛"), "{zh}");
        assert!(!zh.contains("NaN") && !zh.contains("step"), "{zh}");
        // The position and loss are those of step t.
        let p = runs[0].points[7];
        assert!(
            en.contains(&format!("({}, {})", prose(p[0]), prose(p[1]))),
            "{en}"
        );
        assert!(
            en.contains(&format!("loss {}", prose(runs[0].loss[7]))),
            "{en}"
        );
    }

    #[test]
    fn converging_only_where_the_theory_says_so_elsewhere_what_the_loss_did() {
        // GD inside 2/L: converging; Adam: down from its start; Lion η = 10
        // leaps about and is back at its start's loss at step 100.
        let (runs, diags, n) = scene(
            r#"{"steps":100,"optimizers":[{"kind":"gd","lr":0.4},{"kind":"adam","lr":0.1},{"kind":"lion","lr":10}]}"#,
        );
        let en = figure_summary(&runs, &diags, &[], n, n, Lang::En);
        assert!(en.contains("GD η=0.4: step 100 of 100"), "{en}");
        let parts: Vec<&str> = en.split(". ").collect();
        assert!(parts[0].ends_with("converging"), "{en}");
        assert!(parts[1].ends_with("down from 10.5 at the start"), "{en}");
        assert!(
            en.ends_with("loss 10.5, not below its 10.5 at the start."),
            "{en}"
        );
        let zh = figure_summary(&runs, &diags, &[], n, n, Lang::Zh);
        assert!(
            zh.contains("低于起点的 10.5") && zh.contains("不低于起点的 10.5"),
            "{zh}"
        );
    }

    #[test]
    fn numbers_are_written_as_the_captions_write_them() {
        // The seed's GD at step 20: x₂ is −7.312e-5, x₁ −0.9435, the loss
        // 0.08901 (4 significant digits and "−", as captions and messages).
        let (runs, diags, n) = scene(r#"{"optimizers":[{"kind":"gd","lr":0.4}]}"#);
        for lang in [Lang::En, Lang::Zh] {
            let s = figure_summary(&runs, &diags, &[], n, n, lang);
            assert!(s.contains("(−0.9435, −7.312e-5)"), "{s}");
            assert!(s.contains("0.08901"), "{s}");
        }
    }

    #[test]
    fn hidden_runs_are_left_out_and_none_is_said() {
        let (runs, diags, n) = scene(r#"{"optimizers":[{"kind":"gd","lr":0.1},{"kind":"adam"}]}"#);
        let s = figure_summary(&runs, &diags, &[true, false], n, n, Lang::En);
        assert!(!s.contains("GD") && s.contains("Adam"), "{s}");
        let s = figure_summary(&runs, &diags, &[true, true], n, n, Lang::Zh);
        assert_eq!(s, tr(Lang::Zh, "summary.none"));
        let l = figure_label("f = x² + y²", &runs, &[false, true], Lang::En);
        assert!(
            l.contains("f = x² + y²") && l.contains("GD η=0.1") && !l.contains("Adam"),
            "{l}"
        );
        let l = figure_label("f", &runs, &[true, true], Lang::En);
        assert_eq!(l, trf(Lang::En, "summary.label.none", &["f"]));
    }
}

#[cfg(test)]
mod mark_tests {
    use super::*;

    #[test]
    fn every_mark_has_words_in_both_languages_and_the_first_nine_differ() {
        for lang in [Lang::En, Lang::Zh] {
            let words: Vec<String> = (0..9).map(|i| mark_words(i, lang)).collect();
            let set: std::collections::BTreeSet<&String> = words.iter().collect();
            assert_eq!(set.len(), 9, "{words:?}");
        }
        assert_eq!(mark_words(0, Lang::En), "orange squares, solid line");
        assert_eq!(mark_words(4, Lang::En), "reddish purple discs, dashed line");
        assert_eq!(mark_words(1, Lang::Zh), "蓝色圆点，实线");
        assert_eq!(mark_words(8, Lang::Zh), "蓝色三角，点线");
    }
}
