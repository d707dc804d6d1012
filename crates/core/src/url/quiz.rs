//! The quiz link: `quiz=predict(at=10,ahead=20,run=1)`, in the shape of a
//! schedule (`kind(arg=value,…)`). Read leniently like the rest of the
//! link: an argument that is unknown or out of its range is dropped (its
//! default is used) with a notice naming it and its allowed range; only a
//! mode that does not exist, or a scene with nothing to ask about, drops
//! the quiz.

use crate::quiz::{QuizMode, QuizSpec};

/// The link's key.
pub const KEY: &str = "quiz";

/// An argument of `predict(…)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizArg {
    /// `at`: the step the figure pauses at.
    At,
    /// `ahead`: how many steps the reveal plays.
    Ahead,
    /// `run`: which run is asked about, 1 = the legend's first.
    Run,
}

impl QuizArg {
    /// Its name in the link.
    pub fn name(self) -> &'static str {
        match self {
            QuizArg::At => "at",
            QuizArg::Ahead => "ahead",
            QuizArg::Run => "run",
        }
    }
}

/// Why part of a quiz link was dropped or the quiz was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizNotice {
    /// Not a quiz the page knows (`predict` or `which`); the quiz is left out.
    UnknownMode {
        /// The mode as written.
        got: String,
    },
    /// An argument `predict` does not have; ignored.
    UnknownArg {
        /// The argument as written.
        arg: String,
    },
    /// An argument not a whole number in `min..=max`; its default used.
    BadArg {
        /// Which.
        arg: QuizArg,
        /// The value as written.
        got: String,
        /// The smallest allowed.
        min: usize,
        /// The largest allowed.
        max: usize,
    },
    /// The scene has no step or no run to ask about; the quiz is left out.
    NothingToAsk,
    /// `which` with one run: there is nothing to tell apart.
    OneTrail,
    /// The run asked about (1-based) stops at `step`, at or before the
    /// pause at `at` (it never reaches the paused figure's step).
    StopsFirst {
        /// The run, as the legend counts.
        run: usize,
        /// The step it stops at (0: its start is undefined).
        step: usize,
        /// The pause.
        at: usize,
    },
}

/// Whether `spec` can be asked of the scene's `runs`: a prediction needs
/// its run to go on past the pause (a run stopped by then, or one whose
/// start is undefined, had a question and no answer). How many runs it
/// needs is [`too_few`]'s.
pub fn answerable(spec: &QuizSpec, runs: &[crate::run::Trajectory]) -> Result<(), QuizNotice> {
    if spec.mode != QuizMode::Predict {
        return Ok(());
    }
    match runs.get(spec.run) {
        Some(r) if r.points.len() <= spec.at => Err(QuizNotice::StopsFirst {
            run: spec.run + 1,
            step: r.stop.step().unwrap_or(r.points.len()),
            at: spec.at,
        }),
        _ => Ok(()),
    }
}

/// Why `mode` cannot be asked of `runs` runs, if it cannot.
pub fn too_few(mode: QuizMode, runs: usize) -> Option<QuizNotice> {
    match runs {
        0 => Some(QuizNotice::NothingToAsk),
        n if n < mode.fewest_runs() => Some(QuizNotice::OneTrail),
        _ => None,
    }
}

/// The quiz of a `quiz=` value (decoded) for a scene of `steps` steps and
/// `runs` runs, and one notice per part dropped.
pub fn read(value: &str, steps: usize, runs: usize) -> (Option<QuizSpec>, Vec<QuizNotice>) {
    let mut notices = vec![];
    let v = value.trim();
    let (mode, args) = match v.split_once('(') {
        Some((m, rest)) => (m.trim(), rest.trim_end().trim_end_matches(')')),
        None => (v, ""),
    };
    let mode = match mode.to_ascii_lowercase().as_str() {
        "predict" => QuizMode::Predict,
        "which" => QuizMode::Which,
        _ => {
            notices.push(QuizNotice::UnknownMode {
                got: mode.to_string(),
            });
            return (None, notices);
        }
    };
    if let Some(n) = (steps == 0)
        .then_some(QuizNotice::NothingToAsk)
        .or_else(|| too_few(mode, runs))
    {
        notices.push(n);
        return (None, notices);
    }
    let mut given: [Option<&str>; 3] = [None; 3];
    for kv in args.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (k, val) = kv.split_once('=').unwrap_or((kv, ""));
        match k.trim() {
            "at" => given[0] = Some(val.trim()),
            "ahead" => given[1] = Some(val.trim()),
            "run" if mode == QuizMode::Predict => given[2] = Some(val.trim()),
            other => notices.push(QuizNotice::UnknownArg {
                arg: other.to_string(),
            }),
        }
    }
    // Each argument's range depends on the ones before it.
    let mut take = |arg: QuizArg, raw: Option<&str>, min: usize, max: usize, default: usize| {
        let Some(raw) = raw else { return default };
        match raw.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                notices.push(QuizNotice::BadArg {
                    arg,
                    got: raw.to_string(),
                    min,
                    max,
                });
                default
            }
        }
    };
    let at = take(QuizArg::At, given[0], 0, steps - 1, steps / 2);
    let ahead = take(QuizArg::Ahead, given[1], 1, steps - at, steps - at);
    let run = take(QuizArg::Run, given[2], 1, runs, 1);
    let spec = QuizSpec {
        at,
        ahead,
        run: run - 1,
        mode,
    };
    (Some(spec), notices)
}

/// The `quiz=` value of `spec` (run written 1-based).
pub fn write(spec: &QuizSpec) -> String {
    if spec.mode == QuizMode::Which {
        return format!("which(at={},ahead={})", spec.at, spec.ahead);
    }
    format!(
        "predict(at={},ahead={},run={})",
        spec.at,
        spec.ahead,
        spec.run + 1
    )
}

/// The quiz value of a query (decoded), if it has one.
pub fn in_query(query: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        // A bare `quiz` is an empty one: said, not dropped silently.
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .rfind(|(k, _)| *k == KEY)
        .map(|(_, v)| super::decode(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_written_quiz_reads_and_writes_back() {
        let (q, n) = read("predict(at=10,ahead=5,run=2)", 20, 2);
        assert!(n.is_empty(), "{n:?}");
        let q = q.unwrap();
        assert_eq!(
            q,
            QuizSpec {
                at: 10,
                ahead: 5,
                run: 1,
                mode: QuizMode::Predict,
            }
        );
        assert_eq!(write(&q), "predict(at=10,ahead=5,run=2)");
        assert_eq!(read(&write(&q), 20, 2).0, Some(q));
        // Spaces and a bare mode take defaults: halfway, to the end, run 1.
        assert_eq!(
            read(" predict ", 20, 2).0,
            Some(QuizSpec {
                at: 10,
                ahead: 10,
                run: 0,
                mode: QuizMode::Predict,
            })
        );
        assert_eq!(
            in_query("?f=saddle&quiz=predict(at%3D3)&t=1").as_deref(),
            Some("predict(at=3)")
        );
    }

    #[test]
    fn a_bad_argument_is_named_with_its_range_and_its_default_used() {
        let (q, n) = read("predict(at=50,ahead=x,run=0,zoom=2)", 20, 2);
        assert_eq!(
            q,
            Some(QuizSpec {
                at: 10,
                ahead: 10,
                run: 0,
                mode: QuizMode::Predict,
            })
        );
        assert_eq!(
            n,
            vec![
                QuizNotice::UnknownArg { arg: "zoom".into() },
                QuizNotice::BadArg {
                    arg: QuizArg::At,
                    got: "50".into(),
                    min: 0,
                    max: 19
                },
                QuizNotice::BadArg {
                    arg: QuizArg::Ahead,
                    got: "x".into(),
                    min: 1,
                    max: 10
                },
                QuizNotice::BadArg {
                    arg: QuizArg::Run,
                    got: "0".into(),
                    min: 1,
                    max: 2
                },
            ]
        );
        // `ahead`'s range follows `at`.
        let (q, n) = read("predict(at=15,ahead=10)", 20, 1);
        assert_eq!(q.map(|q| q.ahead), Some(5));
        assert!(matches!(n[0], QuizNotice::BadArg { max: 5, .. }), "{n:?}");
    }

    #[test]
    fn an_unknown_mode_or_an_empty_scene_leaves_the_quiz_out() {
        assert_eq!(
            read("guess(at=1)", 20, 2),
            (
                None,
                vec![QuizNotice::UnknownMode {
                    got: "guess".into()
                }]
            )
        );
        assert_eq!(
            read("predict", 0, 2),
            (None, vec![QuizNotice::NothingToAsk])
        );
        assert_eq!(
            read("predict", 5, 0),
            (None, vec![QuizNotice::NothingToAsk])
        );
        assert_eq!(read("which", 5, 1), (None, vec![QuizNotice::OneTrail]));
        assert_eq!(read("which", 0, 1), (None, vec![QuizNotice::NothingToAsk]));
    }

    #[test]
    fn a_prediction_needs_its_run_past_the_pause() {
        let runs = |q: &str| crate::run::simulate(&crate::url::from_query(q).0).unwrap();
        let spec = |at, run| QuizSpec {
            at,
            ahead: 5,
            run,
            mode: QuizMode::Predict,
        };
        // GD at η = 0.6 on Rosenbrock leaves at step 3.
        let r = runs("f=rosenbrock&opt=gd:lr=0.6;gd:lr=0.001");
        assert_eq!(r[0].stop.step(), Some(3));
        let stops = QuizNotice::StopsFirst {
            run: 1,
            step: 3,
            at: 5,
        };
        assert_eq!(answerable(&spec(5, 0), &r), Err(stops));
        assert!(answerable(&spec(3, 0), &r).is_err());
        assert_eq!(answerable(&spec(2, 0), &r), Ok(()));
        assert_eq!(answerable(&spec(5, 1), &r), Ok(()));
        // A start where f is undefined: no point at all.
        let r = runs("expr=ln(x)&start=-1,1&opt=gd");
        assert!(matches!(
            answerable(&spec(0, 0), &r),
            Err(QuizNotice::StopsFirst { step: 0, .. })
        ));
        // Naming the trails asks nothing of a run's future.
        let which = QuizSpec {
            mode: QuizMode::Which,
            ..spec(5, 0)
        };
        assert_eq!(answerable(&which, &r), Ok(()));
    }

    #[test]
    fn the_quiz_is_a_page_key_the_scene_reader_passes_by() {
        let q = "lesson=3&quiz=predict(at=2,ahead=3)";
        assert!(!super::super::page_params(q).has_scene);
        assert!(super::super::from_query(q).2.is_empty());
        assert_eq!(in_query(q).as_deref(), Some("predict(at=2,ahead=3)"));
        assert_eq!(in_query("f=saddle"), None);
    }

    #[test]
    fn which_trail_is_which_reads_and_writes_back() {
        let (q, n) = read("which(at=4,ahead=6)", 20, 3);
        assert!(n.is_empty(), "{n:?}");
        let q = q.unwrap();
        assert_eq!((q.at, q.ahead, q.mode), (4, 6, QuizMode::Which));
        assert_eq!(write(&q), "which(at=4,ahead=6)");
        // It asks about every run: `run` is not one of its arguments.
        let (_, n) = read("which(run=2)", 20, 3);
        assert_eq!(n, vec![QuizNotice::UnknownArg { arg: "run".into() }]);
    }
}
