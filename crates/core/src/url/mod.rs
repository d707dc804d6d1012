//! The URL form of a scene: readable and editable by hand.
//!
//! `?f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&conv=d2l&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5&t=20`
//!
//! | key | meaning |
//! |---|---|
//! | `f` | landscape kind; its parameters as `a`, `b`, `rotation`, or `expr` (the formula of `f=expr`) |
//! | `start` | `x,y` |
//! | `steps` | 0..=100000 |
//! | `conv` | `d2l` or `pytorch` |
//! | `sigma`, `seed` | gradient noise |
//! | `view` | `x0,x1,y0,y1`, each edge moved outward to its shortest decimal within [`VIEW_PRECISION`] of its span |
//! | `opt` | `none` (no optimizer), or optimizers separated by `;`, each `kind:key=value,key=value`, η and the keys that differ from the convention's defaults (booleans `true`/`false`, choices by name, pairs `a~b`: `rprop:etas=0.5~1.2,step_sizes=1e-6~50`); a learning-rate schedule as `schedule=kind(arg=value,…)`, lists in parentheses: `opt=gd:lr=0.6,schedule=step(step_size=5,gamma=0.5)`, `schedule=sequential(schedulers=(linear(start_factor=0.1,total_iters=5),cosine()),milestones=(5))` (`,` and `;` inside parentheses belong to the schedule) |
//! | `t` | the current step |
//!
//! Reading is lenient where the scene JSON is strict: a value that is
//! unknown or out of range is dropped (its default is used) and reported in
//! a notice naming it, so a hand-edited link still opens a valid page that
//! the controls could have produced.

mod locks;
pub mod quiz;
mod read;
mod schedule;
mod write;

/// Between the two numbers of a pair key in a link (`etas=0.5~1.2`): `,`,
/// `;` and `:` already separate keys, optimizers and the kind, `-`, `.`,
/// `e` and `+` are parts of numbers, and `~` is an unreserved URL
/// character (RFC 3986), so no browser or `URLSearchParams` escapes it and
/// the link stays readable.
pub const PAIR: &str = "~";

/// `opt=none`: a scene without optimizers (the surface alone, after every
/// card was removed). An empty `opt=` is no such scene: like any empty
/// value it is dropped, and said ([`Notice::NoOptimizer`]).
pub const NO_OPTIMIZERS: &str = "none";

pub use locks::{Group, Locks, Panel, PANELS};
use read::decode;
pub use read::{from_query, from_query_over};
pub use write::{to_query, written_view, VIEW_PRECISION};

use crate::scene::SceneError;

/// The page's own keys of a link, besides the scene: the lesson, the
/// language, embedding and the EMA explainer's γ. Every key of a link is
/// read here or in [`from_query`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageParams {
    /// `lesson=N`, a lesson that exists.
    pub lesson: Option<usize>,
    /// `lang=…` as written (decoded); `gradscape_text::Lang::from_code`
    /// reads it.
    pub lang: Option<String>,
    /// Whether the link also says something about the scene (then the link's
    /// scene is shown with the lesson's caption; otherwise the lesson's scene).
    pub has_scene: bool,
    /// `embed` (with `hide=`/`show=`): the figure alone, for an iframe.
    pub embed: Option<Embed>,
    /// Each `ema=`: γ (rounded to the slider's 0.01), or the value as
    /// written when it is not in [0, [`crate::ema::MAX_GAMMA`]].
    pub ema: Vec<Result<f64, String>>,
    /// `present` (or `present=1`/`true`): presenter mode, big type and a
    /// projector palette for a classroom; `present=0`/`false` is off.
    pub present: bool,
    /// `lock=` and `hide=`: the controls a teacher's link fixes or leaves out.
    pub locks: Locks,
    /// The names in `lock=`/`hide=` that are no group.
    pub lock_notices: Vec<Notice>,
    /// A `lesson=` that is no lesson, a `present=` that is no switch (the
    /// page's own values, said as the scene's are).
    pub page_notices: Vec<Notice>,
}

/// Embed mode: what the link asked for, kept as given, and the parts left
/// out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Embed {
    /// The `embed`, `hide` and `show` pairs as `&embed&hide=…` (the page
    /// writes them back unchanged).
    pub query: String,
    /// The parts left out: `loss` and `messages` unless `show` names them,
    /// and whatever `hide` names (`legend`, `bar`, `loss`, `messages`).
    pub hidden: Vec<String>,
}

impl Embed {
    fn read(query: &str) -> Option<Embed> {
        let pairs: Vec<&str> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| matches!(p.split('=').next(), Some("embed" | "hide" | "show")))
            .collect();
        if !pairs.iter().any(|p| p.split('=').next() == Some("embed")) {
            return None;
        }
        let mut hidden: Vec<String> = vec!["loss".into(), "messages".into()];
        for p in &pairs {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            for part in v.split(',').map(str::trim).filter(|x| !x.is_empty()) {
                match k {
                    "show" => hidden.retain(|h| h != part),
                    "hide" if !hidden.iter().any(|h| h == part) => hidden.push(part.to_string()),
                    _ => {}
                }
            }
        }
        Some(Embed {
            query: pairs.iter().map(|p| format!("&{p}")).collect(),
            hidden,
        })
    }
}

/// The link's keys that are not the scene's (read by [`page_params`]; the
/// scene reader passes them by without a notice).
pub const PAGE_KEYS: [&str; 9] = [
    "lang", "lesson", "embed", "hide", "show", "ema", "present", "lock", HIDDEN_KEY,
];

/// The link's key for the runs switched off in the legend (`hidden=2,3`).
/// Not `hide=`, which leaves controls out of a teacher's link; not in the
/// scene JSON either: which runs are shown is the view, not the experiment.
pub const HIDDEN_KEY: &str = "hidden";

/// The `hidden=` value of `hidden` (each run switched off, by its number
/// in the legend, 1 first: `2,3`); None when every run is shown, so a link
/// without hidden runs reads as it always did.
pub fn write_hidden(hidden: &[bool]) -> Option<String> {
    let numbers: Vec<String> = hidden
        .iter()
        .enumerate()
        .filter(|(_, &h)| h)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    (!numbers.is_empty()).then(|| numbers.join(","))
}

/// The runs `query`'s `hidden=` switches off among `runs` (its last
/// `hidden=`, as for every key), with a notice naming what is no run's
/// number (`hidden=9` of two runs, `hidden=x`): those are dropped, the
/// numbers that are runs' kept.
pub fn read_hidden(query: &str, runs: usize) -> (Vec<bool>, Vec<Notice>) {
    match query
        .trim_start_matches('?')
        .split('&')
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .filter(|(k, _)| *k == HIDDEN_KEY)
        .map(|(_, v)| decode(v))
        .next_back()
    {
        Some(v) => hidden_runs(&v, runs),
        None => (vec![false; runs], vec![]),
    }
}

/// The runs a `hidden=` value (`2,3`; the CLI's `--hidden`) switches off
/// among `runs`, as [`read_hidden`] reads it.
pub fn hidden_runs(v: &str, runs: usize) -> (Vec<bool>, Vec<Notice>) {
    let mut hidden = vec![false; runs];
    let mut bad = vec![];
    // Empty items (`hidden=`, `1,,2`) say nothing and hide nothing.
    for item in v.split(',').filter(|i| !i.trim().is_empty()) {
        // `hidden=２`, typed in full width, as `lesson=`.
        let n: String = item
            .trim()
            .chars()
            .map(crate::format::typed_ascii)
            .collect();
        match n.parse::<usize>() {
            Ok(n) if (1..=runs).contains(&n) => hidden[n - 1] = true,
            _ => bad.push(item.trim().to_string()),
        }
    }
    let notices = if bad.is_empty() {
        vec![]
    } else {
        vec![Notice::BadHidden {
            got: bad.join(","),
            runs,
        }]
    };
    (hidden, notices)
}

/// The link's keys that say something about the scene (`read::from_query`
/// reads each; with a lesson, the link's scene is then shown).
pub const SCENE_KEYS: [&str; 12] = [
    "f", "expr", "a", "b", "rotation", "start", "steps", "conv", "sigma", "seed", "view", "opt",
];

/// The link's name for a scene field (`f` for `landscape.kind`, `conv`
/// for `convention`): what a link's notice names. An optimizer's field
/// keeps its path (`optimizers[0].lr`: the text layer words it).
pub fn link_name(field: &str) -> &str {
    let head = field.split(['.', '[']).next().unwrap_or(field);
    match field {
        "landscape.kind" => "f",
        _ if head == "landscape" || head == "noise" => &field[head.len() + 1..],
        "convention" => "conv",
        _ => field,
    }
}

/// Whether `key` is one a site adds to a link it passes on (WeChat's
/// `from`/`isappinstalled`, `utm_*`, click ids): not the page's, dropped
/// without a notice. A shared lesson link must still open that lesson.
pub fn is_tracking(key: &str) -> bool {
    key.starts_with("utm_")
        || [
            "from",
            "isappinstalled",
            "fbclid",
            "gclid",
            "msclkid",
            "spm",
        ]
        .contains(&key)
}

/// The page keys of a query (a lesson that does not exist is left out).
pub fn page_params(query: &str) -> PageParams {
    let mut p = PageParams::default();
    for pair in query
        .trim_start_matches('?')
        .split('&')
        .filter(|x| !x.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "lesson" => {
                // `lesson=３`, typed in full width.
                let n: String = decode(v)
                    .trim()
                    .chars()
                    .map(crate::format::typed_ascii)
                    .collect();
                p.lesson = n
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| crate::lesson::lesson(n).is_some());
                if p.lesson.is_none() {
                    p.page_notices.push(Notice::BadLesson { got: decode(v) });
                }
            }
            "lang" => p.lang = Some(decode(v)),
            "ema" => p.ema.push(crate::ema::read_gamma(v)),
            "present" => {
                p.present = !matches!(v, "0" | "false");
                if !matches!(v, "" | "0" | "1" | "false" | "true") {
                    p.page_notices.push(Notice::BadPresent { got: decode(v) });
                }
            }
            // `hidden=` is read against the scene's runs (`read_hidden`).
            "t" | "embed" | "hide" | "show" | "lock" | HIDDEN_KEY => {}
            // Read with the scene it asks about (`quiz::read`).
            k if k == quiz::KEY => {}
            k if SCENE_KEYS.contains(&k) => p.has_scene = true,
            // Unknown keys are named by the scene's reader; they say
            // nothing about the scene.
            _ => {}
        }
    }
    p.embed = Embed::read(query);
    (p.locks, p.lock_notices) = Locks::read(query);
    p
}

/// Why a value of a link was dropped or changed (the text layer words it).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A scene field the scene reader refused; it was left out.
    Dropped(SceneError),
    /// `view=` is not four numbers.
    BadView {
        /// The value as written.
        got: String,
    },
    /// `opt=` names no optimizer (empty, or separators only); the default
    /// scene's optimizers are shown.
    NoOptimizer {
        /// The value as written.
        got: String,
    },
    /// `t=` is not a step number.
    BadStep {
        /// The value as written.
        got: String,
    },
    /// `t=` beyond the scene's steps; set to `steps`.
    StepTooLarge {
        /// The value given.
        got: usize,
        /// The scene's steps.
        steps: usize,
    },
    /// A key the link does not know.
    UnknownKey {
        /// The key as written.
        key: String,
    },
    /// A name in `lock=` or `hide=` that is no group (or, in `lock=`, a
    /// panel, which holds nothing to fix).
    UnknownGroup {
        /// `lock` or `hide`.
        key: String,
        /// The name as written.
        name: String,
    },
    /// `lesson=` names no lesson (1 to [`crate::lesson::LESSONS`]'s
    /// length); the link opens without one.
    BadLesson {
        /// The value as written.
        got: String,
    },
    /// `lang=` is neither English nor Chinese; the page is in English.
    BadLang {
        /// The value as written.
        got: String,
    },
    /// `present=` is not empty, 1, true, 0 or false; taken as on.
    BadPresent {
        /// The value as written.
        got: String,
    },
    /// A decimal written with a comma in `opt=` (`lr=0,5`): both halves
    /// are dropped (the comma separates keys).
    DecimalComma {
        /// The optimizer key (`lr`).
        key: String,
        /// What was written (`0,5`).
        got: String,
    },
    /// A schedule in `opt=` whose parentheses do not close around one
    /// schedule (`schedule=step(`); left out, its optimizer kept.
    BadSchedule {
        /// What was written after `schedule=`.
        got: String,
    },
    /// A key given more than once (`steps=5&steps=30`); the last is used.
    Repeated {
        /// The key.
        key: String,
    },
    /// Numbers in `hidden=` that are no run's (the runs are 1 to `runs`);
    /// those are dropped.
    BadHidden {
        /// The items that are no run's number, as written.
        got: String,
        /// How many runs the scene has.
        runs: usize,
    },
    /// Nothing could be read; the default scene is shown.
    Unreadable,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Scene;
    use crate::{Convention, OptSpec};

    #[test]
    fn hidden_runs_are_their_legend_numbers_and_absent_when_none_is() {
        assert_eq!(write_hidden(&[false, false]), None);
        assert_eq!(write_hidden(&[]), None);
        assert_eq!(write_hidden(&[false, true, true]).as_deref(), Some("2,3"));
        assert_eq!(read_hidden("?t=3", 2), (vec![false, false], vec![]));
        assert_eq!(
            read_hidden("?t=3&hidden=2&lang=zh", 2),
            (vec![false, true], vec![])
        );
        // The last `hidden=`, as for every key; full-width digits read.
        assert_eq!(
            read_hidden("?hidden=1&hidden=%EF%BC%92", 3).0,
            [false, true, false]
        );
        // Not a scene key: the scene reader names nothing, and neither
        // does the page's (`hide=` is another key).
        let (_, _, n) = from_query("?opt=gd;momentum&hidden=2");
        assert!(n.is_empty(), "{n:?}");
        assert!(page_params("?hidden=2").page_notices.is_empty());
        assert!(page_params("?hidden=2").locks.is_empty());
    }

    #[test]
    fn a_hidden_number_that_is_no_run_is_said_and_dropped() {
        for (q, runs, kept, got) in [
            ("?hidden=99", 2, vec![false, false], "99"),
            ("?hidden=x", 2, vec![false, false], "x"),
            ("?hidden=0,2", 2, vec![false, true], "0"),
            ("?hidden=1,-1,1e9", 1, vec![true], "-1,1e9"),
            ("?hidden=1", 0, vec![], "1"),
        ] {
            let (h, n) = read_hidden(q, runs);
            assert_eq!(h, kept, "{q}");
            assert_eq!(
                n,
                [Notice::BadHidden {
                    got: got.into(),
                    runs
                }],
                "{q}"
            );
        }
    }

    #[test]
    fn empty_hidden_items_are_no_mistake() {
        assert_eq!(read_hidden("?hidden=", 1), (vec![false], vec![]));
        assert_eq!(read_hidden("?hidden=1,,2,", 2), (vec![true, true], vec![]));
    }

    #[test]
    fn present_is_a_page_flag_not_a_scene_key() {
        for (q, on) in [
            ("?present", true),
            ("?lesson=5&present=1", true),
            ("?present=true&lang=zh", true),
            ("?present=0", false),
            ("?present=false", false),
            ("?lesson=5", false),
        ] {
            let p = page_params(q);
            assert_eq!(p.present, on, "{q}");
            assert!(!p.has_scene, "{q}");
            let (_, _, notes) = from_query(q);
            assert!(notes.is_empty(), "{q}: {notes:?}");
        }
    }

    #[test]
    fn the_default_scene_round_trips_and_reads_well() {
        let s = Scene::default();
        let q = to_query(&s, Some(20));
        assert_eq!(
            q,
            "f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&conv=d2l&opt=gd:lr=0.4;momentum:lr=0.4&t=20"
        );
        let (back, t, notes) = from_query(&q);
        assert_eq!(back, s);
        assert_eq!(t, Some(20));
        assert!(notes.is_empty(), "{notes:?}");
    }

    /// A link writes η and what differs from the convention's defaults
    /// (it wrote `nesterov=false`, `beta1=0.9,beta2=0.999,eps=1e-8`, … on
    /// every link: a user's trial); the reader puts the defaults back.
    /// `tests/scene_round_trip.rs` checks the round trip of any mix.
    #[test]
    fn a_link_leaves_out_what_is_at_its_default() {
        use crate::optim::{OptKind, OptSpec, ALL_KINDS};
        for convention in [crate::Convention::D2l, crate::Convention::Pytorch] {
            for kind in ALL_KINDS {
                let spec = OptSpec::new(kind, convention);
                let s = Scene {
                    convention,
                    optimizers: vec![spec],
                    ..Scene::default()
                };
                let q = to_query(&s, None);
                let want = format!("&opt={}:lr={}", kind.name(), spec.hyper.lr);
                assert!(q.ends_with(&want), "{q}");
                assert_eq!(from_query(&q).0, s, "{q}");
            }
        }
        let mut s = Scene::default();
        s.optimizers[1].hyper.nesterov = true;
        let mut adam = OptSpec::new(OptKind::Adam, s.convention);
        adam.hyper.beta2 = 0.99;
        s.optimizers.push(adam);
        let q = to_query(&s, None);
        assert!(
            q.ends_with("&opt=gd:lr=0.4;momentum:lr=0.4,nesterov=true;adam:lr=0.1,beta2=0.99"),
            "{q}"
        );
        assert_eq!(from_query(&q).0, s, "{q}");
    }

    /// An empty `opt=` (a cleared value, a cut link) opened a page without
    /// runs and without a word (a user's trial): it is dropped like any empty
    /// value, the default optimizers shown, and said. The surface alone is
    /// `opt=none`, which the page writes for a scene without optimizers.
    #[test]
    fn a_lesson_link_s_scene_keys_change_the_lesson_s_scene() {
        let (base, _) = crate::lesson::lesson(8).unwrap().opening();
        let over = |q: &str| from_query_over(q, Some(&base));
        // A key given replaces the lesson's; the rest is the lesson's.
        let (s, _, notes) = over("lesson=8&steps=50");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(s.steps, 50);
        assert_eq!(
            (s.landscape.clone(), s.optimizers.clone(), s.view),
            (base.landscape.clone(), base.optimizers.clone(), base.view)
        );
        // A bad value is dropped, said, and the lesson's comes back.
        for q in [
            "lesson=8&steps=abc",
            "lesson=8&steps=-3",
            "lesson=8&start=1",
            "lesson=8&f=bogus",
        ] {
            let (s, _, notes) = over(q);
            assert_eq!(notes.len(), 1, "{q}: {notes:?}");
            assert_eq!(s, base, "{q}");
        }
        // A bad optimizer's value: that value only.
        let (s, _, notes) = over("lesson=8&opt=adam:lr=-1");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(s.optimizers.len(), 1);
        assert_eq!(s.optimizers[0].kind, crate::OptKind::Adam);
        assert_eq!(s.steps, base.steps);
        // A whole scene written by the page is that scene, lesson or not.
        let mut edited = base.clone();
        edited.steps = 7;
        edited.start = [1.0, 2.0];
        let q = to_query(&edited, None);
        assert_eq!(over(&q).0, from_query(&q).0);
        assert_eq!(over(&q).0, edited);
    }

    #[test]
    fn a_surface_parameter_alone_changes_the_surface_it_would_be() {
        let (s, _, notes) = from_query("a=0.5");
        assert!(notes.is_empty(), "{notes:?}");
        match &s.landscape {
            crate::Landscape::Quadratic(q) => assert_eq!((q.a, q.b, q.rotation), (0.5, 2.0, 0.0)),
            l => panic!("{l:?}"),
        }
        // Out of range: the notice names a, not f.
        let (s, _, notes) = from_query("a=1e7");
        assert_eq!(notes.len(), 1);
        match &notes[0] {
            Notice::Dropped(e) => assert_eq!(e.field, "landscape.a"),
            n => panic!("{n:?}"),
        }
        assert_eq!(s.landscape, Scene::default().landscape);
        // Over a lesson: its surface (lesson 9's formula has no a).
        let (base, _) = crate::lesson::lesson(9).unwrap().opening();
        let (s, _, notes) = from_query_over("lesson=9&a=0.5", Some(&base));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(s, base);
    }

    #[test]
    fn a_repeated_key_is_said_once_and_the_last_is_used() {
        let (s, t, notes) = from_query("steps=5&steps=30&steps=40&opt=gd:lr=0.1&opt=adam&t=3&t=4");
        assert_eq!((s.steps, t), (40, Some(4)));
        assert_eq!(s.optimizers.len(), 1);
        assert_eq!(s.optimizers[0].kind, crate::OptKind::Adam);
        let keys: Vec<&str> = notes
            .iter()
            .map(|n| match n {
                Notice::Repeated { key } => key.as_str(),
                n => panic!("{n:?}"),
            })
            .collect();
        assert_eq!(keys, ["steps", "opt", "t"]);
        let (_, _, notes) = from_query("steps=5&quiz=predict(at=2)&quiz=which(at=3)");
        assert!(
            matches!(&notes[..], [Notice::Repeated { key }] if key == "quiz"),
            "{notes:?}"
        );
        assert_eq!(
            quiz::in_query("quiz=predict(at=2)&quiz=which(at=3)").as_deref(),
            Some("which(at=3)")
        );
        assert_eq!(quiz::in_query("steps=5&quiz").as_deref(), Some(""));
        assert_eq!(quiz::in_query("steps=5"), None);
        // The page's own keys are read elsewhere; a scene key once is no notice.
        assert!(from_query("steps=5&f=bowl")
            .2
            .iter()
            .all(|n| !matches!(n, Notice::Repeated { .. })));
    }

    #[test]
    fn a_whole_number_written_with_a_point_is_a_whole_number() {
        let s = Scene::from_json(
            r#"{"version": 1, "landscape": {"kind": "quadratic"}, "start": [-5, -2], "steps": 20.0,
                "noise": {"sigma": 0.1, "seed": 7.0},
                "optimizers": [{"kind": "lbfgs", "history_size": 5.0},
                               {"kind": "gd", "lr": 0.1, "schedule": {"kind": "step", "step_size": 5.0}}]}"#,
        )
        .unwrap();
        assert_eq!(s.steps, 20);
        assert_eq!(s.noise.seed, 7);
        for bad in ["20.5", "-1.0", "1e300"] {
            let text = format!(
                r#"{{"version": 1, "landscape": {{"kind": "quadratic"}}, "steps": {bad}}}"#
            );
            assert!(Scene::from_json(&text).is_err(), "{bad}");
        }
        let (s, _, notes) = from_query("steps=20.0&opt=gd");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(s.steps, 20);
    }

    #[test]
    fn names_in_a_link_are_read_whatever_their_case() {
        let (s, _, notes) = from_query("f=Rosenbrock&conv=PyTorch&opt=Adam:lr=0.05");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(s.landscape.kind(), "rosenbrock");
        assert_eq!(s.convention, crate::Convention::Pytorch);
        assert_eq!(s.optimizers[0].kind, crate::OptKind::Adam);
        let (s, _, _) = from_query("f=%20BEALE%20&conv=D2L");
        assert_eq!(s.landscape.kind(), "beale");
        assert_eq!(s.convention, crate::Convention::D2l);
    }

    #[test]
    fn a_link_whose_every_optimizer_is_refused_shows_the_default_ones() {
        // An author's typo: `sgd` is no kind; the figure was left empty.
        let (s, _, notes) = from_query("opt=sgd:lr=0.1&lang=zh");
        assert_eq!(s.optimizers, Scene::default().optimizers);
        assert!(
            matches!(&notes[0], Notice::Dropped(e) if e.field == "optimizers[0].kind"),
            "{notes:?}"
        );
        assert_eq!(
            notes[1],
            Notice::NoOptimizer {
                got: "sgd:lr=0.1".into()
            }
        );
        // One good one left: it alone, no defaults.
        let (s, _, notes) = from_query("opt=sgd;gd:lr=0.3");
        assert_eq!(s.optimizers.len(), 1);
        assert_eq!(s.optimizers[0].hyper.lr, 0.3);
        assert!(!notes
            .iter()
            .any(|n| matches!(n, Notice::NoOptimizer { .. })));
        // Over a lesson: the lesson's optimizers.
        let lesson =
            Scene::from_json(r#"{"optimizers": [{"kind": "adam"}, {"kind": "adamw"}]}"#).unwrap();
        let (s, _, _) = from_query_over("opt=sgd", Some(&lesson));
        assert_eq!(s.optimizers, lesson.optimizers);
    }

    #[test]
    fn an_empty_opt_is_said_and_none_is_the_surface_alone() {
        for (q, got) in [
            ("opt=", ""),
            ("?f=rosenbrock&opt=&steps=9", ""),
            ("opt=;", ";"),
            ("opt=%20", " "),
        ] {
            let (s, _, notes) = from_query(q);
            assert_eq!(s.optimizers, Scene::default().optimizers, "{q}");
            assert_eq!(notes, [Notice::NoOptimizer { got: got.into() }], "{q}");
        }
        let (s, _, _) = from_query("?f=rosenbrock&opt=&steps=9");
        assert_eq!((s.landscape.kind(), s.steps), ("rosenbrock", 9));
        let s = Scene {
            optimizers: Vec::new(),
            ..Scene::default()
        };
        let q = to_query(&s, None);
        assert!(q.ends_with("&opt=none"), "{q}");
        let (back, _, notes) = from_query(&q);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
        // `none` beside optimizers is no kind: dropped, the rest kept.
        let (s, _, notes) = from_query("opt=none;gd:lr=0.1");
        assert_eq!(s.optimizers.len(), 1);
        assert_eq!(notes.len(), 1, "{notes:?}");
    }

    #[test]
    fn new_keys_round_trip_with_pairs_as_a_tilde_b() {
        use crate::optim::{OptKind, OptSpec};
        let mut s = Scene {
            convention: crate::Convention::Pytorch,
            ..Scene::default()
        };
        let mut rprop = OptSpec::new(OptKind::Rprop, s.convention);
        rprop.hyper.etas = [0.25, 1.5];
        rprop.hyper.step_sizes = [1e-7, 0.5];
        let mut rms = OptSpec::new(OptKind::Rmsprop, s.convention);
        rms.hyper.centered = true;
        rms.hyper.momentum = 0.5;
        let mut radam = OptSpec::new(OptKind::Radam, s.convention);
        radam.hyper.decoupled = true;
        radam.hyper.lambda = 0.1;
        s.optimizers = vec![rprop, rms, radam];
        let q = to_query(&s, None);
        assert!(
            q.contains("opt=rprop:lr=0.01,etas=0.25~1.5,step_sizes=1e-7~0.5;"),
            "{q}"
        );
        assert!(
            q.contains("rmsprop:lr=0.01,momentum=0.5,centered=true;"),
            "{q}"
        );
        assert!(
            q.contains("radam:lr=0.001,lambda=0.1,decoupled=true"),
            "{q}"
        );
        let (back, _, notes) = from_query(&q);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
        // A hand-typed pair that torch refuses is dropped with a notice
        // naming it; the rest of the optimizer stays.
        let (s2, _, notes) = from_query("conv=pytorch&opt=rprop:lr=0.1,etas=1.2~0.5");
        assert_eq!(s2.optimizers[0].hyper.lr, 0.1);
        assert_eq!(s2.optimizers[0].hyper.etas, [0.5, 1.2]);
        assert!(format!("{notes:?}").contains("etas"), "{notes:?}");
    }

    #[test]
    fn a_hand_written_link_works() {
        let (s, t, notes) = from_query(
            "?f=quadratic&a=0.1&b=2&start=-5,-2&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5",
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(s, Scene::default());
        assert_eq!(t, None);
    }

    #[test]
    fn optimizers_typed_with_commas_read_as_meant() {
        use crate::OptKind::*;
        let kinds = |q: &str| {
            let (s, _, notes) = from_query(q);
            assert!(notes.is_empty(), "{q}: {notes:?}");
            s.optimizers
                .iter()
                .map(|o| (o.kind, o.hyper.lr))
                .collect::<Vec<_>>()
        };
        let d = Scene::default().optimizers[0].hyper.lr;
        let m = OptSpec::new(Momentum, Convention::D2l).hyper.lr;
        let a = OptSpec::new(Adam, Convention::D2l).hyper.lr;
        assert_eq!(
            kinds("opt=gd,momentum,adam"),
            vec![(Gd, d), (Momentum, m), (Adam, a)]
        );
        assert_eq!(kinds("opt=gd,lr=0.5"), vec![(Gd, 0.5)]);
        assert_eq!(
            kinds("opt=gd, lr=0.5;adam,momentum"),
            vec![(Gd, 0.5), (Adam, a), (Momentum, m)]
        );
        // No reading of its writer's: said, as before.
        for q in ["opt=gd,nope", "opt=nope,gd", "opt=gd,lr=0.5,adam"] {
            let (_, _, notes) = from_query(q);
            assert!(
                format!("{notes:?}").contains("optimizers[0].kind"),
                "{q}: {notes:?}"
            );
        }
    }

    #[test]
    fn bad_values_are_dropped_with_a_notice_naming_them() {
        let (s, t, notes) = from_query(
            "f=rosenbrock&start=1e300,2&steps=999999&opt=adam:lr=-1,beta3=2;nope:lr=1;gd:lr=0.01&t=7&zoom=3&conv=keras",
        );
        let all = format!("{notes:?}");
        for needle in [
            "start",
            "steps",
            "optimizers[0].beta3",
            "optimizers[0].lr",
            "nope",
            "zoom",
            "convention",
        ] {
            assert!(all.contains(needle), "{needle} missing from {all}");
        }
        assert_eq!(s.landscape.kind(), "rosenbrock");
        assert_eq!(s.start, s.landscape.default_start());
        assert_eq!(s.steps, 20);
        assert_eq!(s.optimizers.len(), 2);
        assert_eq!(s.optimizers[1].hyper.lr, 0.01);
        assert_eq!(t, Some(7));
        let (_, t, notes) = from_query("steps=5&t=9");
        assert_eq!(t, Some(5));
        assert_eq!(notes[0], Notice::StepTooLarge { got: 9, steps: 5 });
    }

    #[test]
    fn every_optimizer_and_flag_round_trips() {
        let s = Scene::from_json(
            r#"{"landscape":{"kind":"quadratic","a":0.5,"b":3,"rotation":30},"convention":"pytorch","noise":{"sigma":0.25,"seed":9},
               "view":{"x":[-2,2],"y":[-1,1]},
               "optimizers":[{"kind":"adam","bias_correction":false,"amsgrad":true,"eps":1e-8},{"kind":"momentum","nesterov":true},
                             {"kind":"nadam","momentum_decay":0.01},{"kind":"adadelta","gamma":0.95},{"kind":"adamw","lambda":0.1}]}"#,
        )
        .unwrap();
        let (back, _, notes) = from_query(&to_query(&s, None));
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
    }

    /// Found by the url_query fuzzer: a seed with σ = 0 was dropped from the
    /// link, so the link did not say what the page showed.
    #[test]
    fn a_seed_without_noise_survives_the_link() {
        let s = Scene::from_json(r#"{"noise":{"sigma":0,"seed":3}}"#).unwrap();
        let q = to_query(&s, None);
        assert!(q.contains("seed=3"), "{q}");
        assert_eq!(from_query(&q).0, s);
    }

    #[test]
    fn formulas_travel_in_the_link() {
        let s = Scene::from_json(
            r#"{"landscape":{"kind":"expr","expr":"sin(x)*cos(y) + 0.05*(x^2+y^2) % 1"}}"#,
        );
        assert!(s.is_err(), "'%' is not in the language");
        let s = Scene::from_json(
            r#"{"landscape":{"kind":"expr","expr":"sin(x)*cos(y) + 0.05*(x^2 + y^2)"}}"#,
        )
        .unwrap();
        let q = to_query(&s, None);
        assert!(
            q.starts_with("f=expr&expr=sin(x)*cos(y)%20%2B%200.05*(x^2%20%2B%20y^2)&"),
            "{q}"
        );
        let (back, _, notes) = from_query(&q);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
    }

    #[test]
    fn a_typed_plus_and_a_form_encoded_space_both_read_right() {
        let src = |q: &str| match from_query(q).0.landscape {
            crate::landscape::Landscape::Expr(e) => e.source().to_string(),
            other => panic!("not an expr: {other:?}"),
        };
        // Typed by hand into the address bar: '+' is a plus.
        assert_eq!(src("f=expr&expr=x^2+10*y^2"), "x^2+10*y^2");
        // Written by URLSearchParams: '+' is a space, '%2B' a plus.
        assert_eq!(src("f=expr&expr=x%5E2+%2B+10*y%5E2"), "x^2 + 10*y^2");
        // `expr` alone implies f=expr.
        assert_eq!(src("expr=abs(x)+abs(y)"), "abs(x)+abs(y)");
        // Typed in a CJK input method's full-width keys: the page's link
        // writes their ASCII, which reads back as the same formula.
        let typed = "（x－1）＾2＋３＊y＾2";
        let scene = crate::Scene {
            landscape: crate::landscape::Landscape::Expr(
                crate::landscape::Expr::parse(typed).unwrap(),
            ),
            ..crate::Scene::default()
        };
        let q = to_query(&scene, None);
        assert!(q.contains("expr=(x-1)^2%2B3*y^2&"), "{q}");
        assert_eq!(src(&q), "(x-1)^2+3*y^2");
    }

    #[test]
    fn a_bad_formula_in_a_link_is_named_and_the_default_formula_used() {
        let (s, _, notes) = from_query("f=expr&expr=sin(x");
        assert_eq!(s.landscape.formula(), "f = 0.1·x₁² + 2·x₂²");
        assert_eq!(notes.len(), 1, "{notes:?}");
        match &notes[0] {
            Notice::Dropped(e) => {
                assert_eq!(e.field, "landscape.expr");
                assert!(
                    matches!(&e.problem, crate::scene::Problem::Formula(f)
                        if f.column == 6
                            && matches!(f.problem, crate::landscape::ExprProblem::CloseMissing { .. })),
                    "{e:?}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    /// Found by the scene_json and url_query fuzzers: huge numbers were
    /// written as `1.6666666666666666e+41`, and the `+` read back as a space.
    #[test]
    fn huge_and_tiny_numbers_survive_the_link() {
        let s = Scene::from_json(
            r#"{"start":[1.5e11,-2.5e-300],"view":{"x":[-1e11,1.5e11],"y":[-3e-7,2e-7]},
               "optimizers":[{"kind":"gd","lr":1.6666666666666666e41},{"kind":"adamw","eps":1e-300,"lambda":1.5e20}]}"#,
        )
        .unwrap();
        let q = to_query(&s, None);
        assert!(!q.contains('+'), "{q}");
        let (back, _, notes) = from_query(&q);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
        // Typed by hand with a '+' in the exponent.
        let (s, _, notes) = from_query("opt=gd:lr=1e+3");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(s.optimizers[0].hyper.lr, 1000.0);
    }

    /// "Fit trails" (and zoom, pan) leave views with all of f64's digits; the
    /// link writes each edge with the fewest digits that move it outward by
    /// at most [`VIEW_PRECISION`] of its span (a user's trial: a link with
    /// `view=-5.390123464,0.26666676399999956,…`). Old links' 17 digits
    /// read as before.
    #[test]
    fn a_fitted_view_is_written_short_and_holds_the_exact_one() {
        use crate::landscape::View;
        let digits = |n: &str| {
            let m = n.trim_start_matches('-').split('e').next().unwrap_or("");
            m.replace('.', "").trim_start_matches('0').len() as f64
        };
        let pts = [[-5.0, -2.0], [-0.1234567, 1.7320508075688772], [-4.4, 0.3]];
        let fitted = crate::geometry::fit(pts).unwrap();
        // Zoomed far in, away from 0: more digits are needed, and written.
        let narrow = View::new(
            [1234.567890123, 1234.567990123],
            [-1.2345678e-3, 8.7654321e-3],
        );
        for v in [fitted, narrow] {
            let s = Scene {
                view: Some(v),
                ..Scene::default()
            };
            let q = to_query(&s, None);
            let (back, _, notes) = from_query(&q);
            assert!(notes.is_empty(), "{notes:?}");
            let w = back.view.unwrap();
            let (tx, ty) = (v.width() * VIEW_PRECISION, v.height() * VIEW_PRECISION);
            let written = q.split('&').find_map(|p| p.strip_prefix("view=")).unwrap();
            let edges = [
                (w.x0, v.x0, -tx),
                (w.x1, v.x1, tx),
                (w.y0, v.y0, -ty),
                (w.y1, v.y1, ty),
            ];
            for ((got, exact, reach), text) in edges.into_iter().zip(written.split(',')) {
                // Outward, by at most the precision.
                assert!(
                    (0.0..=1.0).contains(&((got - exact) / reach)),
                    "{q}: {got} from {exact}"
                );
                // No more digits than the precision asks for (one more than
                // the nearest decimal may need, for going outward).
                let needed = (exact.abs().max(reach.abs()) / reach.abs()).log10().ceil() + 1.0;
                assert!(digits(text) <= needed, "{q}: {text} for {exact}");
            }
            // An old link with every digit reads the exact view.
            let old = format!("view={},{},{},{}", v.x0, v.x1, v.y0, v.y1);
            assert_eq!(from_query(&old).0.view, Some(v));
        }
        let q = to_query(
            &Scene {
                view: Some(fitted),
                ..Scene::default()
            },
            None,
        );
        assert!(
            q.contains("&view=-5.71365,0.2334,-2.66843,2.9018&"),
            "{fitted:?}: {q}"
        );
    }

    /// A bad `view=` of four values loses the view only: the rest of the
    /// link stays, and one notice names the view's field and its range
    /// (it used to remove half the window, name `view.x` again as
    /// required, and fall back to the default scene).
    #[test]
    fn a_bad_view_drops_the_view_only_with_one_notice() {
        use crate::scene::{Allowed, Problem};
        for (view, field, allowed) in [
            ("5,-5,0,1", "view.x", Allowed::Ordered),
            ("1,1,1,1", "view.x", Allowed::Ordered),
            ("-2,2,1,1", "view.y", Allowed::Ordered),
            (
                "-2,2,-1,abc",
                "view.y[1]",
                Allowed::AbsAtMost {
                    name: "x",
                    max: 1e12,
                },
            ),
            (
                "-1e300,1e300,-1,3",
                "view.x[0]",
                Allowed::AbsAtMost {
                    name: "x",
                    max: 1e12,
                },
            ),
            (
                "-2,2,NaN,3",
                "view.y[0]",
                Allowed::AbsAtMost {
                    name: "x",
                    max: 1e12,
                },
            ),
            (
                ",,,",
                "view.x[0]",
                Allowed::AbsAtMost {
                    name: "x",
                    max: 1e12,
                },
            ),
        ] {
            for lang in ["", "&lang=zh"] {
                let q = format!("?f=rosenbrock&steps=50&opt=adam:lr=0.05&view={view}&t=9{lang}");
                let (s, t, notes) = from_query(&q);
                assert_eq!(s.landscape.kind(), "rosenbrock", "{q}");
                assert_eq!(s.steps, 50, "{q}");
                assert_eq!(s.optimizers.len(), 1, "{q}");
                assert_eq!(s.optimizers[0].kind, crate::OptKind::Adam, "{q}");
                assert_eq!(s.optimizers[0].hyper.lr, 0.05, "{q}");
                assert_eq!(s.view, None, "{q}: the surface's own view");
                assert_eq!(t, Some(9), "{q}");
                assert_eq!(notes.len(), 1, "{q}: {notes:?}");
                match &notes[0] {
                    Notice::Dropped(e) => {
                        assert_eq!(e.field, field, "{q}");
                        assert!(
                            matches!(&e.problem, Problem::MustBe { allowed: a, .. } if *a == allowed),
                            "{q}: {e:?}"
                        );
                    }
                    other => panic!("{q}: {other:?}"),
                }
            }
        }
        // Three numbers, as before: the view only, one notice.
        let (s, _, notes) = from_query("f=rosenbrock&steps=50&opt=adam:lr=0.05&view=1,2,3");
        assert_eq!(
            (s.landscape.kind(), s.steps, s.view),
            ("rosenbrock", 50, None)
        );
        assert_eq!(
            notes,
            [Notice::BadView {
                got: "1,2,3".into()
            }]
        );
        // A good view is kept.
        let (s, _, notes) = from_query("f=rosenbrock&view=-2,2,-1,3");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            s.view,
            Some(crate::landscape::View::new([-2.0, 2.0], [-1.0, 3.0]))
        );
    }

    #[test]
    fn a_lesson_link_passed_on_by_a_site_still_opens_the_lesson() {
        // WeChat adds `from=singlemessage&isappinstalled=0`: the lesson's own
        // scene opened under the default one, its caption contradicting it.
        let q = "?lesson=8&lang=zh&from=singlemessage&isappinstalled=0&utm_source=x&fbclid=1";
        let p = page_params(q);
        assert_eq!((p.lesson, p.has_scene), (Some(8), false));
        let (_, _, notes) = from_query(q);
        assert!(
            notes.is_empty(),
            "tracking keys are dropped unsaid: {notes:?}"
        );
        // Any other unknown key is named, and is still no scene.
        let q = "?lesson=8&colour=red";
        assert!(!page_params(q).has_scene);
        assert_eq!(
            from_query(q).2,
            [Notice::UnknownKey {
                key: "colour".into()
            }]
        );
        // Each scene key is read by the scene's reader, and makes a scene.
        for k in SCENE_KEYS {
            let q = format!("lesson=8&{k}=1");
            assert!(page_params(&q).has_scene, "{k}");
            let unknown = from_query(&q)
                .2
                .into_iter()
                .any(|n| matches!(n, Notice::UnknownKey { .. }));
            assert!(!unknown, "{k} is read");
        }
    }

    #[test]
    fn lesson_and_language_are_page_keys() {
        let p = page_params("?lesson=3&lang=zh");
        assert_eq!(
            p,
            PageParams {
                lesson: Some(3),
                lang: Some("zh".into()),
                ..PageParams::default()
            }
        );
        // A lesson that does not exist is left out, and said.
        let p = page_params("lesson=99&f=saddle&t=4&embed");
        assert_eq!((p.lesson, p.lang, p.has_scene), (None, None, true));
        assert_eq!(p.page_notices, [Notice::BadLesson { got: "99".into() }]);
        for (q, notes) in [
            ("?lesson=0", vec![Notice::BadLesson { got: "0".into() }]),
            ("?lesson=", vec![Notice::BadLesson { got: "".into() }]),
            (
                "?present=maybe",
                vec![Notice::BadPresent {
                    got: "maybe".into(),
                }],
            ),
            ("?present&present=1&present=true&present=0", vec![]),
            ("?lesson=15&present=false", vec![]),
        ] {
            assert_eq!(page_params(q).page_notices, notes, "{q}");
        }
        assert!(page_params("?present=maybe").present, "taken as on");
        assert_eq!(
            p.embed,
            Some(Embed {
                query: "&embed".into(),
                hidden: vec!["loss".into(), "messages".into()]
            })
        );
        let e = page_params("?embed&hide=legend,bar&show=loss")
            .embed
            .unwrap();
        assert_eq!(e.query, "&embed&hide=legend,bar&show=loss");
        assert_eq!(e.hidden, ["messages", "legend", "bar"]);
        assert_eq!(page_params("hide=legend").embed, None);
        assert_eq!(page_params("lang=zh-CN&t=3").lang.as_deref(), Some("zh-CN"));
        // The scene reader ignores them without a notice.
        assert!(from_query("lesson=3&lang=zh").2.is_empty());
    }
}
