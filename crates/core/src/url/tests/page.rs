//! The page's own keys: lesson, language, presenter mode, embed, hidden runs.

use super::*;

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
        ("?open=state,Sweep,state", vec![]),
        (
            "?open=ema,panels,",
            vec![Notice::UnknownPanel {
                name: "panels".into(),
            }],
        ),
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

#[test]
fn open_names_the_explainers_shown_open_in_the_page_s_order() {
    use crate::url::{write_open, OpenPanel};
    let p = page_params("?opt=adam&open=state,%20sweep,STATE");
    assert_eq!(p.open, [OpenPanel::State, OpenPanel::Sweep]);
    assert!(p.has_scene);
    assert_eq!(
        write_open(&p.open).as_deref(),
        Some("open=sweep,state"),
        "written in the page's order"
    );
    assert_eq!(write_open(&[]), None);
    assert!(page_params("?open=").open.is_empty());
    // Not a scene key: the scene's reader says nothing of it.
    let (_, _, notes) = crate::url::from_query("?opt=adam&open=ema");
    assert!(notes.is_empty(), "{notes:?}");
}
