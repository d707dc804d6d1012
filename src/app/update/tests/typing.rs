//! A number field typed key by key: a value the field takes applies at
//! once, text that can still become one waits quietly, the rest is refused
//! at once; a pause commits what waits.

use super::*;
use crate::app::FieldId;

fn typed(m: &mut Model, field: FieldId, text: &str) -> Dirty {
    update(
        m,
        Msg::Typed {
            field,
            text: text.into(),
            erased: false,
        },
    )
}

const LR: FieldId = FieldId::Hyper {
    i: 0,
    key: HyperKey::Lr,
};

#[test]
fn typing_0_05_into_eta_shows_no_error_on_the_way() {
    let mut m = model();
    let lr = m.scene.optimizers[0].hyper.lr;
    // `0`, `0.`, `0.0` are refused values (η > 0), but 0.05 is ahead.
    for text in ["0", "0.", "0.0"] {
        let d = typed(&mut m, LR, text);
        assert!(d.has(Dirty::PENDING), "{text}");
        assert!(m.invalid_fields().is_empty(), "{text}");
        assert_eq!((m.pending, m.scene.optimizers[0].hyper.lr), (Some(LR), lr));
    }
    let d = typed(&mut m, LR, "0.05");
    assert!(d.has(Dirty::CARD_VALUES) && !d.has(Dirty::PENDING));
    assert_eq!((m.pending, m.scene.optimizers[0].hyper.lr), (None, 0.05));
}

#[test]
fn typing_1e_minus_8_into_eps_waits_at_1e_and_1e_minus() {
    let mut m = model();
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    let i = m.scene.optimizers.len() - 1;
    let eps = FieldId::Hyper {
        i,
        key: HyperKey::Eps,
    };
    typed(&mut m, eps, "1");
    assert_eq!(m.scene.optimizers[i].hyper.eps, 1.0);
    for text in ["1e", "1e-"] {
        assert!(typed(&mut m, eps, text).has(Dirty::PENDING));
        assert!(m.invalid_fields().is_empty());
        assert_eq!(
            m.scene.optimizers[i].hyper.eps, 1.0,
            "the value in effect stays"
        );
    }
    typed(&mut m, eps, "1e-8");
    assert_eq!((m.pending, m.scene.optimizers[i].hyper.eps), (None, 1e-8));
}

#[test]
fn what_no_more_typing_can_mend_is_refused_at_once() {
    let mut m = model();
    // A comma, a negative η, an exponent typed out of range.
    for text in ["1,5", "-0.1", "abc"] {
        let d = typed(&mut m, LR, text);
        assert!(d.has(Dirty::CARD_ERROR) && !d.has(Dirty::PENDING), "{text}");
        assert_eq!((m.invalid_fields(), m.pending), (vec![LR], None), "{text}");
    }
    update(&mut m, Msg::AddOpt(OptKind::Momentum));
    let gamma = FieldId::Hyper {
        i: m.scene.optimizers.len() - 1,
        key: HyperKey::Gamma,
    };
    // γ < 1: `1` may still become 1e-1, `1e1` no more.
    assert!(typed(&mut m, gamma, "1").has(Dirty::PENDING));
    assert!(!typed(&mut m, gamma, "1e1").has(Dirty::PENDING));
    assert_eq!(m.invalid_fields(), vec![gamma]);
    // Steps are ≥ 0: a lone `-` waits, `-2` is refused.
    assert!(typed(&mut m, FieldId::Steps, "-").has(Dirty::PENDING));
    typed(&mut m, FieldId::Steps, "-2");
    assert!(m.invalid_fields().contains(&FieldId::Steps));
}

#[test]
fn a_pause_or_enter_commits_what_waits_and_leaving_puts_back_the_value() {
    let mut m = model();
    let lr = m.scene.optimizers[0].hyper.lr;
    typed(&mut m, LR, "0");
    // The pause: refused now, with its message.
    let d = update(
        &mut m,
        Msg::Paused {
            field: LR,
            text: "0".into(),
        },
    );
    assert!(d.has(Dirty::CARD_ERROR));
    assert_eq!((m.invalid_fields(), m.pending), (vec![LR], None));
    // Typing on hides it again while 0.0… can still become a value.
    assert!(typed(&mut m, LR, "0.").has(Dirty::CARD_ERROR | Dirty::PENDING));
    assert!(m.invalid_fields().is_empty());
    // Enter (the field's change) on a start of a number: unreadable.
    update(
        &mut m,
        Msg::Unreadable(Field::Hyper {
            i: 0,
            key: HyperKey::Lr,
        }),
    );
    assert_eq!((m.invalid_fields(), m.pending), (vec![LR], None));
    // Leaving: nothing waits, the value in effect is back.
    typed(&mut m, LR, "0");
    update(&mut m, Msg::Revert(LR));
    assert_eq!(m.pending, None);
    assert!(m.invalid_fields().is_empty());
    assert_eq!(m.scene.optimizers[0].hyper.lr, lr);
    // A pause on a good value applies it (as its keystroke already did).
    let d = update(
        &mut m,
        Msg::Paused {
            field: FieldId::Steps,
            text: "30".into(),
        },
    );
    assert!(d.has(Dirty::ERROR));
    assert_eq!(m.scene.steps, 30);
}

#[test]
fn escape_abandons_the_edit_and_blur_keeps_what_was_taken() {
    // `1e9` typed into steps: `1` is taken on the way, `1e9` refused, and
    // the refusal gives back the 20 the field had, not the 1.
    let mut m = model();
    let steps = m.scene.steps;
    for text in ["1", "1e", "1e9"] {
        typed(&mut m, FieldId::Steps, text);
    }
    assert_eq!(m.scene.steps, steps);
    assert_eq!(
        m.t, steps,
        "the step shown before, not the 1 steps = 1 clamped it to"
    );
    assert!(!m.invalid_fields().is_empty());
    // Escape: the refusal goes too.
    update(&mut m, Msg::Cancel(FieldId::Steps));
    assert_eq!(m.scene.steps, steps);
    assert!(m.invalid_fields().is_empty());
    // `1.5` into η, then Escape: η as before.
    let lr = m.scene.optimizers[0].hyper.lr;
    for text in ["1", "1.", "1.5"] {
        typed(&mut m, LR, text);
    }
    assert_eq!(m.scene.optimizers[0].hyper.lr, 1.5);
    update(&mut m, Msg::Cancel(LR));
    assert_eq!(m.scene.optimizers[0].hyper.lr, lr);
    // A blur keeps the value taken (only the refusal goes).
    typed(&mut m, LR, "0.3");
    update(&mut m, Msg::Revert(LR));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.3);
    // After the edit ended (Enter, a change), Escape changes nothing.
    update(&mut m, Msg::EndGesture);
    update(&mut m, Msg::Cancel(LR));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.3);
}

#[test]
fn a_refused_value_keeps_the_value_from_before_the_edit() {
    // A student typing `0，5` into β1 = 0.9: the `0` on the way had been
    // applied, and the message said "kept 0" (the link too: beta1=0).
    let mut m = model();
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    m.history.close();
    let i = m.scene.optimizers.len() - 1;
    let beta1 = FieldId::Hyper {
        i,
        key: HyperKey::Beta1,
    };
    let (scene, undo_depth) = (m.scene.clone(), m.history.len());
    typed(&mut m, beta1, "0");
    assert_eq!(m.scene.optimizers[i].hyper.beta1, 0.0, "applied on the way");
    typed(&mut m, beta1, "0，");
    assert_eq!(m.scene, scene, "β1 = 0.9 again");
    assert_eq!(m.value_of(beta1), Some(0.9), "the value kept");
    assert!(m.invalid_fields().contains(&beta1), "and said");
    assert_eq!(
        m.history.len(),
        undo_depth,
        "an edit that changed nothing leaves no undo"
    );
    // The same for a number past the range: 1e40 on the way to 1e400.
    typed(&mut m, LR, "1e40");
    assert_eq!(m.scene.optimizers[0].hyper.lr, 1e40);
    typed(&mut m, LR, "1e400");
    assert_eq!(m.scene, scene);
    assert!(m.invalid_fields().contains(&LR));
    // Steps: 2 on the way to `2x` had cut the run (and the step shown);
    // a count under the run's now waits, and one over it is put back.
    let t = m.t;
    assert!(typed(&mut m, FieldId::Steps, "2").has(Dirty::PENDING));
    assert_eq!((&m.scene, m.t), (&scene, t));
    typed(&mut m, FieldId::Steps, "2x");
    assert_eq!((&m.scene, m.t), (&scene, t));
    typed(&mut m, FieldId::Steps, "30");
    assert_eq!(m.scene.steps, 30);
    typed(&mut m, FieldId::Steps, "30x");
    assert_eq!((&m.scene, m.t), (&scene, t));
    update(&mut m, Msg::Revert(FieldId::Steps));
    // An edit that is then taken is one undo, as before.
    typed(&mut m, LR, "0.3");
    typed(&mut m, LR, "0.35");
    assert_eq!(m.history.len(), undo_depth + 1);
    update(&mut m, Msg::Undo);
    assert_eq!(m.scene, scene);
}

#[test]
fn a_value_a_deletion_passes_through_is_not_applied() {
    // A student on a phone erasing steps = 20 key by key: `2` is a valid
    // step count, but taking it on the way cut the run, and Enter on the
    // empty field then said "kept 2".
    let erase = |m: &mut Model, field: FieldId, text: &str| {
        update(
            m,
            Msg::Typed {
                field,
                text: text.into(),
                erased: true,
            },
        )
    };
    let mut m = model();
    let (scene, t) = (m.scene.clone(), m.t);
    for text in ["2", ""] {
        let d = erase(&mut m, FieldId::Steps, text);
        assert!(d.has(Dirty::PENDING), "{text:?}");
        assert_eq!((&m.scene, m.t), (&scene, t), "{text:?}");
        assert!(m.invalid_fields().is_empty(), "no error on the way");
    }
    // Enter on the empty field: refused, the 20 kept.
    update(&mut m, Msg::Unreadable(Field::Steps));
    assert_eq!(m.scene, scene);
    assert_eq!(m.value_of(FieldId::Steps), Some(20.0));
    assert!(m.invalid_fields().contains(&FieldId::Steps));
    // β1 = 0.9 erased: `0.` waits, and so does the valid `0`; leaving the
    // field puts 0.9 back; a new number typed is taken at once.
    update(&mut m, Msg::Revert(FieldId::Steps));
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    m.history.close();
    let i = m.scene.optimizers.len() - 1;
    let beta1 = FieldId::Hyper {
        i,
        key: HyperKey::Beta1,
    };
    for text in ["0.", "0"] {
        erase(&mut m, beta1, text);
        assert_eq!(m.scene.optimizers[i].hyper.beta1, 0.9, "{text}");
    }
    update(&mut m, Msg::Revert(beta1));
    assert_eq!((m.scene.optimizers[i].hyper.beta1, m.pending), (0.9, None));
    erase(&mut m, beta1, "0");
    typed(&mut m, beta1, "0.5");
    assert_eq!(m.scene.optimizers[i].hyper.beta1, 0.5);
    // Erased to a value and committed (Enter or a pause): taken then.
    erase(&mut m, beta1, "0.");
    erase(&mut m, beta1, "0");
    update(
        &mut m,
        Msg::Paused {
            field: beta1,
            text: "0".into(),
        },
    );
    assert_eq!(m.scene.optimizers[i].hyper.beta1, 0.0);
}

#[test]
fn a_surface_parameter_is_typed_like_the_other_fields() {
    // The bowl's a (|a| in [1e-6, 1e6]): typed key by key it is taken at
    // once, `0` on the way to `0.5` waits, `abc` is refused at once and a
    // pause on `0` refuses it with the reader's range; each keeps 0.1.
    use crate::landscape::{Landscape, Param};
    let a = FieldId::SurfaceParam(Param::A);
    let mut m = model();
    let bowl = |m: &Model| match &m.scene.landscape {
        Landscape::Quadratic(q) => q.a,
        _ => f64::NAN,
    };
    assert_eq!(bowl(&m), 0.1);
    typed(&mut m, a, "0.2");
    assert_eq!(bowl(&m), 0.2);
    let d = typed(&mut m, a, "0");
    assert!(d.has(Dirty::PENDING) && m.invalid_fields().is_empty());
    update(
        &mut m,
        Msg::Paused {
            field: a,
            text: "0".into(),
        },
    );
    assert_eq!(m.invalid_fields(), vec![a]);
    assert!(matches!(m.error, Some(GlobalError::Scene(_, Some(f))) if f == a));
    assert_eq!(bowl(&m), 0.1, "the value from before the edit");
    typed(&mut m, a, "abc");
    assert!(matches!(m.error, Some(GlobalError::SurfaceNan(Param::A))));
    assert_eq!(bowl(&m), 0.1);
    // Its refusal names the range, as a scene file's would.
    let e = crate::app::update::surface::with_param(&m.scene, Param::A, "abc".into()).unwrap_err();
    assert_eq!(e.field, "landscape.a");
    typed(&mut m, a, "3");
    assert_eq!((bowl(&m), m.error.is_none()), (3.0, true));
}

#[test]
fn typing_a_longer_run_while_it_plays_does_not_cut_it_on_the_way() {
    // `40` typed over 20 steps while playing: its `4` cut the run to four
    // steps and stopped it there.
    let mut m = model();
    update(&mut m, Msg::Seek(10));
    update(&mut m, Msg::TogglePlay);
    assert!(m.playing);
    let d = typed(&mut m, FieldId::Steps, "4");
    assert!(d.has(Dirty::PENDING));
    assert_eq!((m.scene.steps, m.t, m.playing), (20, 10, true));
    typed(&mut m, FieldId::Steps, "40");
    assert_eq!((m.scene.steps, m.t, m.playing), (40, 10, true));
    // A shorter run typed on purpose is taken on the pause (or Enter).
    typed(&mut m, FieldId::Steps, "5");
    assert_eq!(m.scene.steps, 40);
    update(
        &mut m,
        Msg::Paused {
            field: FieldId::Steps,
            text: "5".into(),
        },
    );
    assert_eq!((m.scene.steps, m.t), (5, 5));
}

fn pause(m: &mut Model, field: FieldId, text: &str) -> Dirty {
    update(
        m,
        Msg::Paused {
            field,
            text: text.into(),
        },
    )
}

#[test]
fn a_refusal_keeps_the_value_the_figure_showed_through_a_pause() {
    // A student's η = 0.6, shown for seconds, then `x` typed over it: the
    // refusal had put 0.4 back (and the link, and the undo button) while
    // the figure had been showing 0.6 all along.
    let mut m = model();
    let lr = m.scene.optimizers[0].hyper.lr;
    let before = m.scene.clone();
    let depth = m.history.len();
    for (good, bad) in [("0.6", "x"), ("1e9", "abc")] {
        let d = typed(&mut m, LR, good);
        assert!(d.has(Dirty::PAUSE), "a pause is awaited after {good}");
        pause(&mut m, LR, good);
        let shown = m.scene.clone();
        typed(&mut m, LR, bad);
        assert_eq!(m.scene, shown, "{bad}: the figure keeps {good}");
        assert_eq!(m.invalid_fields(), vec![LR]);
        assert!(
            matches!(m.card_errors[..], [CardError::Unreadable { current, .. }] if current == good.parse::<f64>().unwrap()),
            "the message names {good} as kept: {:?}",
            m.card_errors
        );
    }
    // Still one edit: one undo entry, which goes back to before it.
    assert_eq!(m.history.len(), depth + 1);
    update(&mut m, Msg::Undo);
    assert_eq!((&m.scene, m.scene.optimizers[0].hyper.lr), (&before, lr));
}

#[test]
fn escape_abandons_the_whole_edit_pauses_and_all() {
    let mut m = model();
    let before = m.scene.clone();
    typed(&mut m, LR, "0.6");
    pause(&mut m, LR, "0.6");
    typed(&mut m, LR, "x");
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.6);
    update(&mut m, Msg::Cancel(LR));
    assert_eq!(
        m.scene, before,
        "back to the value before the field was focused"
    );
    assert!(m.invalid_fields().is_empty() && !m.history.can_undo());
}

#[test]
fn a_value_passed_on_the_way_is_still_not_kept_by_a_refusal() {
    // No pause between `0.2` and `0`: the refusal of `0` on the pause goes
    // back to the value before the edit, as before; pending text a pause
    // took is kept by a refusal after it.
    let mut m = model();
    typed(&mut m, LR, "0.2");
    typed(&mut m, LR, "0");
    pause(&mut m, LR, "0");
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.4);
    update(&mut m, Msg::Revert(LR));
    let erase = |m: &mut Model, text: &str| {
        update(
            m,
            Msg::Typed {
                field: FieldId::Steps,
                text: text.into(),
                erased: true,
            },
        )
    };
    erase(&mut m, "2");
    pause(&mut m, FieldId::Steps, "2");
    assert_eq!(m.scene.steps, 2);
    typed(&mut m, FieldId::Steps, "2x");
    assert_eq!(m.scene.steps, 2, "the 2 a pause took stays");
}

#[test]
fn a_pause_in_a_field_not_typed_key_by_key_reads_nothing() {
    // The pause's timer, armed by η, fired with the focus moved to a view
    // field being typed: read as a number field, its text was refused and
    // the window typed so far put back.
    use crate::landscape::Edge;
    let mut m = model();
    typed(&mut m, LR, "0.6");
    let mut v = m.scene.view();
    v.x0 -= 1.0;
    update(&mut m, Msg::SetViewFields(v));
    // (GD η = 0.6 diverges: its hint's η, which the page fills after the
    // paint, filled here.)
    update(&mut m, Msg::FillCalmer);
    let scene = m.scene.clone();
    assert_eq!(scene.view(), v);
    assert_eq!(pause(&mut m, FieldId::View(Edge::X1), "1e9"), Dirty::NONE);
    assert_eq!((&m.scene, m.invalid_fields()), (&scene, vec![]));
}
