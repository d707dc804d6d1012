//! The optimizer cards' messages.

use super::*;

#[test]
fn set_hyper_replays_and_syncs_the_cards() {
    let mut m = model();
    let r0 = m.replay;
    let d = update(&mut m, hyper(0, HyperKey::Lr, 0.1, false));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.1);
    assert!(d.has(Dirty::RUNS | Dirty::CARD_VALUES));
    assert!(m.replay > r0);
    assert!(!m.interacting && !d.has(Dirty::SETTLE));
}

#[test]
fn a_slider_waits_for_the_rest_before_the_link() {
    let mut m = model();
    let d = update(&mut m, hyper(0, HyperKey::Lr, 0.2, true));
    assert!(m.interacting);
    assert!(d.has(Dirty::SETTLE | Dirty::RUNS));
    let d = update(&mut m, Msg::Settle);
    assert!(!m.interacting);
    // The link once, at rest; the plot again only if it was drawn coarse
    // (the web shell knows): not a second full draw per input.
    assert!(d.has(Dirty::LINK | Dirty::SETTLED));
    assert!(!d.has(Dirty::PLOT));
}

#[test]
fn an_out_of_range_hyper_is_a_typed_card_error_and_changes_nothing() {
    let mut m = model();
    let before = m.scene.clone();
    let d = update(&mut m, hyper(0, HyperKey::Lr, -1.0, false));
    assert_eq!(d, Dirty::CARD_ERROR);
    assert_eq!(m.scene, before);
    assert!(matches!(
        m.card_errors[..],
        [CardError::OutOfRange { i: 0, key: HyperKey::Lr, v, .. }] if v == -1.0
    ));
    // A good value clears it.
    let d = update(&mut m, hyper(0, HyperKey::Lr, 0.3, false));
    assert!(d.has(Dirty::CARD_ERROR));
    assert!(m.card_errors.is_empty());
    // No such card or key: nothing.
    assert_eq!(
        update(&mut m, hyper(9, HyperKey::Lr, 0.3, false)),
        Dirty::NONE
    );
    // A key the optimizer does not use (GD has no β1) changes nothing.
    assert_eq!(
        update(&mut m, hyper(0, HyperKey::Beta1, 0.3, false)),
        Dirty::NONE
    );
}

#[test]
fn slide_hyper_maps_the_position() {
    let mut m = model();
    let info = ParamInfo::of(m.scene.optimizers[0].kind, HyperKey::Lr);
    let pos = info.to_slider(0.05);
    let d = update(
        &mut m,
        Msg::SlideHyper {
            i: 0,
            key: HyperKey::Lr,
            pos,
            per_px: 0.0,
        },
    );
    assert!(d.has(Dirty::RUNS | Dirty::SETTLE));
    assert_eq!(m.scene.optimizers[0].hyper.lr, info.from_slider(pos));
    assert!(m.interacting);
}

#[test]
fn a_pointer_slide_lands_on_a_stop_within_half_its_pixel() {
    let mut m = model();
    let info = ParamInfo::of(m.scene.optimizers[0].kind, HyperKey::Lr);
    // η = 0.5 is at position 739.8; a 199 px slider's pixel is 5 positions.
    let slide = |pos, per_px| Msg::SlideHyper {
        i: 0,
        key: HyperKey::Lr,
        pos,
        per_px,
    };
    update(&mut m, slide(742.0, 1000.0 / 199.0));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.5);
    // Without a pixel (no pointer) the position's own value.
    update(&mut m, slide(742.0, 0.0));
    assert_eq!(m.scene.optimizers[0].hyper.lr, info.from_slider(742.0));
    assert_ne!(info.from_slider(742.0), 0.5);
}

#[test]
fn an_arrow_on_a_slider_steps_to_a_clean_value() {
    use crate::app::Arrow;
    let mut m = model();
    update(&mut m, hyper(0, HyperKey::Lr, 0.4, false));
    let press = |i, key, up, by| Msg::ArrowHyper { i, key, up, by };
    let arrow = |up| press(0, HyperKey::Lr, up, Arrow::One);
    let d = update(&mut m, arrow(true));
    assert!(d.has(Dirty::RUNS | Dirty::CARD_VALUES | Dirty::SETTLE));
    assert!(m.interacting, "the link waits, as for a drag");
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.5);
    update(&mut m, arrow(true));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.6);
    update(&mut m, arrow(false));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.5);
    // Shift: the finest step, and back; a page: ten arrows, and back.
    let by = |up, by| press(0, HyperKey::Lr, up, by);
    update(&mut m, by(true, Arrow::Fine));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.501);
    update(&mut m, by(false, Arrow::Fine));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.5);
    update(&mut m, by(true, Arrow::Page));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 2.0);
    update(&mut m, by(false, Arrow::Page));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.5);
    // A key the card does not use, or no card: nothing.
    let none = press(0, HyperKey::Beta1, true, Arrow::One);
    assert_eq!(update(&mut m, none), Dirty::NONE);
    let none = press(9, HyperKey::Lr, true, Arrow::One);
    assert_eq!(update(&mut m, none), Dirty::NONE);
}

#[test]
fn set_flag() {
    let mut m = Model::new(Scene::default(), 20, Lang::En);
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    let i = m.scene.optimizers.len() - 1;
    let key = FlagKey::Amsgrad;
    let d = update(&mut m, Msg::SetFlag { i, key, on: true });
    assert!(key.get(&m.scene.optimizers[i].hyper));
    assert!(d.has(Dirty::RUNS), "{d:?}");
}

#[test]
fn unreadable_fields_are_typed_errors() {
    let mut m = model();
    let d = update(
        &mut m,
        Msg::Unreadable(Field::Hyper {
            i: 0,
            key: HyperKey::Lr,
        }),
    );
    assert_eq!(d, Dirty::CARD_ERROR);
    assert!(matches!(
        m.card_errors[..],
        [CardError::Unreadable {
            i: 0,
            key: HyperKey::Lr,
            ..
        }]
    ));
    assert_eq!(update(&mut m, Msg::Unreadable(Field::Steps)), Dirty::ERROR);
    assert_eq!(m.error, Some(GlobalError::Unreadable(Rule::Steps)));
    update(
        &mut m,
        Msg::Unreadable(Field::SurfaceParam(crate::landscape::Param::A)),
    );
    assert_eq!(
        m.error,
        Some(GlobalError::SurfaceNan(crate::landscape::Param::A))
    );
    update(
        &mut m,
        Msg::Unreadable(Field::View {
            edge: crate::landscape::Edge::X0,
            text: "abc".into(),
        }),
    );
    assert!(matches!(m.error, Some(GlobalError::ViewNan { .. })));
}

#[test]
fn add_remove_reset() {
    let mut m = model();
    let n = m.scene.optimizers.len();
    assert!(update(&mut m, Msg::AddOpt(OptKind::Adam)).has(Dirty::ALL));
    assert_eq!(m.scene.optimizers.len(), n + 1);
    assert_eq!(m.runs.len(), n + 1);
    assert_eq!(m.hidden.len(), n + 1);
    while m.scene.optimizers.len() < MAX_OPTIMIZERS {
        update(&mut m, Msg::AddOpt(OptKind::Gd));
    }
    assert_eq!(update(&mut m, Msg::AddOpt(OptKind::Gd)), Dirty::ERROR);
    assert_eq!(m.error, Some(GlobalError::AddMax));
    assert!(update(&mut m, Msg::RemoveOpt(0)).has(Dirty::ALL));
    assert_eq!(m.scene.optimizers.len(), MAX_OPTIMIZERS - 1);
    assert_eq!(m.error, None);
    assert_eq!(update(&mut m, Msg::RemoveOpt(99)), Dirty::NONE);
    update(&mut m, hyper(0, HyperKey::Lr, 0.01, false));
    let d = update(&mut m, Msg::ResetOpt(0));
    assert!(d.has(Dirty::CARD_VALUES | Dirty::RUNS));
    let kind = m.scene.optimizers[0].kind;
    assert_eq!(
        m.scene.optimizers[0],
        OptSpec::new(kind, m.scene.convention)
    );
}

#[test]
fn set_momentum_sets_both_or_neither_and_adds_one_when_there_is_none() {
    // The default scene's second optimizer is momentum.
    let mut m = model();
    let i = crate::sweep::map_target(&m.scene).unwrap();
    let d = update(
        &mut m,
        Msg::SetMomentum {
            eta: 0.3,
            gamma: 0.7,
        },
    );
    let h = m.scene.optimizers[i].hyper;
    assert_eq!((h.lr, h.gamma), (0.3, 0.7));
    assert!(d.has(Dirty::RUNS | Dirty::CARD_VALUES));
    // γ out of range: neither changes, the card says why.
    let d = update(
        &mut m,
        Msg::SetMomentum {
            eta: 0.1,
            gamma: 1.5,
        },
    );
    let h = m.scene.optimizers[i].hyper;
    assert_eq!((h.lr, h.gamma), (0.3, 0.7));
    assert_eq!(d, Dirty::CARD_ERROR);
    assert!(matches!(
        m.card_errors[..],
        [CardError::OutOfRange {
            key: HyperKey::Gamma,
            ..
        }]
    ));
    // No momentum optimizer: one is added with η and γ.
    let mut m = Model::new(
        Scene::from_json(r#"{"optimizers":[{"kind":"gd"}]}"#).unwrap(),
        20,
        Lang::En,
    );
    let d = update(
        &mut m,
        Msg::SetMomentum {
            eta: 0.2,
            gamma: 0.5,
        },
    );
    assert_eq!(m.scene.optimizers.len(), 2);
    let s = m.scene.optimizers[1];
    assert_eq!(
        (s.kind, s.hyper.lr, s.hyper.gamma),
        (OptKind::Momentum, 0.2, 0.5)
    );
    assert!(d.has(Dirty::ALL));
    // Full: nothing added, the map says so.
    let gd = r#"{"kind":"gd"}"#;
    let json = format!(r#"{{"optimizers":[{}]}}"#, [gd; MAX_OPTIMIZERS].join(","));
    let mut m = Model::new(Scene::from_json(&json).unwrap(), 20, Lang::En);
    let d = update(
        &mut m,
        Msg::SetMomentum {
            eta: 0.2,
            gamma: 0.5,
        },
    );
    assert_eq!(
        (d, m.map_full, m.scene.optimizers.len()),
        (Dirty::MAP_NOTE, true, MAX_OPTIMIZERS)
    );
}

#[test]
fn pairs_integers_and_choices_change_the_scene_and_a_refused_one_is_marked_on_its_field() {
    use crate::app::FieldId;
    use crate::optim::{ChoiceKey, IntKey, Key, KeyValue, LineSearch, PairKey};
    let mut m = model();
    update(&mut m, Msg::AddOpt(OptKind::Rprop));
    update(&mut m, Msg::AddOpt(OptKind::Lbfgs));
    let (rp, lb) = (m.scene.optimizers.len() - 2, m.scene.optimizers.len() - 1);
    let etas = Key::Pair(PairKey::Etas);
    let set = |i, key, part, v| Msg::SetKey { i, key, part, v };
    // A good pair: replayed, the link follows (the runs are dirty).
    let r0 = m.replay;
    let d = update(&mut m, set(rp, etas, 1, Some(KeyValue::Pair([0.5, 1.5]))));
    assert!(d.has(Dirty::RUNS | Dirty::CARD_VALUES));
    assert_eq!(m.scene.optimizers[rp].hyper.etas, [0.5, 1.5]);
    assert!(m.replay > r0);
    // η− = 1.5 breaks 0 < η− < 1 < η+: refused on field 0, scene unchanged.
    let before = m.scene.clone();
    let d = update(&mut m, set(rp, etas, 0, Some(KeyValue::Pair([1.5, 1.5]))));
    assert_eq!(d, Dirty::CARD_ERROR);
    assert_eq!(m.scene, before);
    assert_eq!(
        m.invalid_fields(),
        vec![FieldId::Key {
            i: rp,
            key: etas,
            part: 0
        }]
    );
    assert!(matches!(
        m.card_errors[..],
        [CardError::Key { v: Some(KeyValue::Pair([a, _])), current: KeyValue::Pair([0.5, 1.5]), .. }] if a == 1.5
    ));
    // The field shows the value in effect when left.
    assert_eq!(
        m.value_of(FieldId::Key {
            i: rp,
            key: etas,
            part: 0
        }),
        Some(0.5)
    );
    let d = update(
        &mut m,
        Msg::Revert(FieldId::Key {
            i: rp,
            key: etas,
            part: 0,
        }),
    );
    assert!(d.has(Dirty::CARD_ERROR) && m.card_errors.is_empty());
    // Unreadable (an empty field): refused the same way; a good value clears.
    let sizes = Key::Pair(PairKey::StepSizes);
    assert_eq!(update(&mut m, set(rp, sizes, 1, None)), Dirty::CARD_ERROR);
    assert!(matches!(
        m.card_errors[..],
        [CardError::Key {
            v: None,
            part: 1,
            ..
        }]
    ));
    let d = update(&mut m, set(rp, sizes, 1, Some(KeyValue::Pair([0.0, 2.0]))));
    assert!(d.has(Dirty::CARD_ERROR | Dirty::RUNS) && m.card_errors.is_empty());
    assert_eq!(m.scene.optimizers[rp].hyper.step_sizes, [0.0, 2.0]);
    // The history size: 1..=100.
    let hist = Key::Int(IntKey::HistorySize);
    assert_eq!(
        update(&mut m, set(lb, hist, 0, Some(KeyValue::Int(101)))),
        Dirty::CARD_ERROR
    );
    assert_eq!(m.scene.optimizers[lb].hyper.history_size, 100);
    assert!(update(&mut m, set(lb, hist, 0, Some(KeyValue::Int(3)))).has(Dirty::RUNS));
    assert_eq!(m.scene.optimizers[lb].hyper.history_size, 3);
    // The line search picker.
    let ls = Key::Choice(ChoiceKey::LineSearch);
    let d = update(
        &mut m,
        set(lb, ls, 0, Some(KeyValue::Choice("strong_wolfe"))),
    );
    assert!(d.has(Dirty::RUNS));
    assert_eq!(
        m.scene.optimizers[lb].hyper.line_search,
        LineSearch::StrongWolfe
    );
    // A key the kind does not have does nothing.
    assert_eq!(
        update(&mut m, set(0, hist, 0, Some(KeyValue::Int(5)))),
        Dirty::NONE
    );
    // Undo puts the line search back.
    update(&mut m, Msg::Undo);
    assert_eq!(m.scene.optimizers[lb].hyper.line_search, LineSearch::None);
}

#[test]
fn nesterov_and_dampening_exclude_each_other_as_in_torch() {
    use crate::optim::{FlagKey, Range};
    let mut m = Model::new(
        Scene::from_json(r#"{"optimizers":[{"kind":"momentum","dampening":0.5}]}"#).unwrap(),
        20,
        Lang::En,
    );
    // Nesterov on with τ = 0.5: refused, the box goes back.
    let d = update(
        &mut m,
        Msg::SetFlag {
            i: 0,
            key: FlagKey::Nesterov,
            on: true,
        },
    );
    assert_eq!(d, Dirty::CARD_VALUES);
    assert!(!m.scene.optimizers[0].hyper.nesterov);
    // τ → 0, then Nesterov on, then τ typed again: a card error that says why.
    update(&mut m, hyper(0, HyperKey::Dampening, 0.0, false));
    update(
        &mut m,
        Msg::SetFlag {
            i: 0,
            key: FlagKey::Nesterov,
            on: true,
        },
    );
    assert!(m.scene.optimizers[0].hyper.nesterov);
    // (Nesterov at η = 0.4 diverges on the bowl: its hint's η, which the
    // page fills after the paint, filled here.)
    update(&mut m, Msg::FillCalmer);
    let d = update(&mut m, hyper(0, HyperKey::Dampening, 0.3, false));
    assert_eq!(d, Dirty::CARD_ERROR);
    assert!(matches!(
        m.card_errors[..],
        [CardError::OutOfRange {
            key: HyperKey::Dampening,
            range: Range::ZeroWithNesterov,
            ..
        }]
    ));
    assert_eq!(m.scene.optimizers[0].hyper.dampening, 0.0);
}

/// The model's runs and diagnoses, as a fresh simulation of its scene gives them.
fn assert_fresh(m: &Model, what: &str) {
    let fresh = crate::run::simulate_with(&m.scene, false).expect("runs");
    let diags: Vec<_> = fresh
        .iter()
        .map(|t| crate::diagnose::diagnose(&m.scene.landscape, t))
        .collect();
    assert_eq!(m.runs, fresh, "{what}: the runs");
    assert_eq!(m.diags, diags, "{what}: the diagnoses");
}

#[test]
fn a_card_change_replays_to_the_numbers_of_a_fresh_simulation() {
    // The cards a change leaves alone keep their runs (app/replay.rs): each
    // step below must still give exactly a fresh simulation's numbers.
    let mut m = model();
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    update(&mut m, Msg::SetSigma(0.5));
    assert_fresh(&m, "noise on");
    update(&mut m, hyper(1, HyperKey::Lr, 0.05, true));
    assert_fresh(&m, "card 1's η dragged");
    let kept = m.runs[0].clone();
    update(&mut m, hyper(2, HyperKey::Lr, 0.02, true));
    assert_fresh(&m, "card 2's η dragged");
    assert_eq!(m.runs[0], kept, "card 0 untouched");
    update(&mut m, Msg::SetSteps(37.0));
    assert_fresh(&m, "the steps changed (every run)");
    update(&mut m, hyper(0, HyperKey::Lr, 0.3, false));
    assert_fresh(&m, "card 0's η typed");
    update(&mut m, Msg::RemoveOpt(0));
    assert_fresh(&m, "card 0 removed (the others move up)");
    update(&mut m, Msg::SetSigma(0.0));
    assert_fresh(&m, "noise off");
}

#[test]
fn a_run_names_its_smaller_eta_after_the_paint_and_after_a_drag_rests() {
    // GD η = 0.01 on Rosenbrock diverges; no bound in closed form, so the
    // hint names an η that was run (diagnose/calmer.rs): after the paint
    // (Dirty::CALMER asks for Msg::FillCalmer), and during a drag not
    // before it rests.
    let scene = Scene::from_json(
        r#"{"landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 300, "optimizers": [{"kind": "gd", "lr": 0.01}, {"kind": "adam", "lr": 0.1}]}"#,
    )
    .unwrap();
    let hint = |m: &Model| m.diags[0].hint.expect("a hint");
    let fresh = |m: &Model| -> Vec<_> {
        m.runs
            .iter()
            .map(|t| crate::diagnose::diagnose_in(&m.scene, t))
            .collect()
    };
    let mut m = Model::new(scene, 300, Lang::En);
    assert!(hint(&m).calmer_pending() && m.calmer_due());
    assert_eq!(update(&mut m, Msg::FillCalmer), Dirty::LEGEND);
    assert_eq!(hint(&m).calmer(), Some(0.002));
    assert_eq!(m.diags, fresh(&m));
    // Once found, nothing more to ask.
    assert_eq!(update(&mut m, Msg::FillCalmer), Dirty::NONE);
    assert!(!update(&mut m, Msg::Redraw).has(Dirty::CALMER));
    // Dragged: no rerun at each input, none even if asked.
    let d = update(&mut m, hyper(0, HyperKey::Lr, 0.012, true));
    assert!(m.interacting && !d.has(Dirty::CALMER), "{d:?}");
    assert!(hint(&m).calmer_pending());
    assert_eq!(update(&mut m, Msg::FillCalmer), Dirty::NONE);
    assert!(hint(&m).calmer_pending());
    // At rest: asked for, then found.
    let d = update(&mut m, Msg::Settle);
    assert!(d.has(Dirty::CALMER) && d.has(Dirty::SETTLED), "{d:?}");
    assert_eq!(update(&mut m, Msg::FillCalmer), Dirty::LEGEND);
    assert!(hint(&m).calmer().is_some_and(|lr| lr < 0.012));
    assert_eq!(m.diags, fresh(&m));
    // Typed (or a − / + press): asked for at once.
    let d = update(&mut m, hyper(0, HyperKey::Lr, 0.02, false));
    assert!(d.has(Dirty::CALMER), "{d:?}");
    update(&mut m, Msg::FillCalmer);
    assert!(hint(&m).calmer().is_some_and(|lr| lr < 0.02));
    // A drag that rests on an η that works: nothing to ask.
    update(&mut m, hyper(0, HyperKey::Lr, 0.001, true));
    let d = update(&mut m, Msg::Settle);
    assert!(!d.has(Dirty::CALMER) && m.diags[0].hint.is_none(), "{d:?}");
}
