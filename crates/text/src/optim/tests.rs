//! The words of every key in both languages; the legend's labels: the
//! extras switched on, every setting off the convention's default, runs apart
//! in one setting told apart, a schedule's arguments and what it does.

use super::*;
use gradscape_core::optim::ALL_KINDS;

#[test]
fn every_key_has_words_in_both_languages() {
    for kind in ALL_KINDS {
        for &key in kind.keys() {
            match key {
                Key::Hyper(k) => {
                    let (en, zh) = (param_name(kind, k, Lang::En), param_name(kind, k, Lang::Zh));
                    assert!(!en.starts_with("param.") && en != zh, "{kind:?} {k:?}");
                }
                Key::Flag(f) => assert!(!flag_label(f, Lang::En).is_empty(), "{f:?}"),
                _ => {}
            }
            let (en, zh) = (allowed_range(key, Lang::En), allowed_range(key, Lang::Zh));
            assert!(!en.starts_with("range.") && en != zh, "{key:?}");
        }
    }
    assert_eq!(
        param_label(OptKind::Momentum, HyperKey::Gamma, Lang::En),
        "γ momentum"
    );
    assert_eq!(param_label(OptKind::Gd, HyperKey::Lr, Lang::Zh), "学习率 η");
    assert_eq!(
        allowed_range(HyperKey::Beta1, Lang::En),
        "a number in [0, 1)"
    );
}

#[test]
fn every_key_of_every_type_has_words_in_both_languages() {
    let kind = OptKind::Gd;
    for key in Key::all() {
        let (en, zh) = (key_name(kind, key, Lang::En), key_name(kind, key, Lang::Zh));
        assert!(
            !en.starts_with("param.") && !en.starts_with("flag."),
            "{key:?}"
        );
        let (ren, rzh) = (allowed_range(key, Lang::En), allowed_range(key, Lang::Zh));
        assert!(!ren.starts_with("range.") && ren != rzh, "{key:?}");
        if !matches!(key, Key::Flag(FlagKey::Nesterov | FlagKey::Amsgrad)) {
            assert_ne!(en, zh, "{key:?}");
        }
    }
    for name in ChoiceKey::LineSearch.options() {
        let (en, zh) = (
            choice_option(ChoiceKey::LineSearch, name, Lang::En),
            choice_option(ChoiceKey::LineSearch, name, Lang::Zh),
        );
        assert!(!en.starts_with("line_search.") && en != zh, "{name}");
    }
    assert_eq!(
        choice_option(ChoiceKey::LineSearch, "wolfe", Lang::En),
        "wolfe"
    );
}

#[test]
fn labels_show_the_extras_only_when_switched_on() {
    let gd = OptSpec::new(OptKind::Gd, Convention::D2l);
    assert_eq!(opt_label(&gd, Convention::D2l, Lang::En), "GD η=0.4");
    let mut l = gd;
    l.hyper.lambda = 0.1;
    assert_eq!(opt_label(&l, Convention::D2l, Lang::En), "GD η=0.4 λ=0.1");
    let mut r = OptSpec::new(OptKind::Rmsprop, Convention::Pytorch);
    r.hyper.centered = true;
    r.hyper.momentum = 0.5;
    assert_eq!(
        opt_label(&r, Convention::Pytorch, Lang::En),
        "RMSProp η=0.01 γ=0.99 μ=0.5 centered"
    );
    assert_eq!(
        opt_label(&r, Convention::Pytorch, Lang::Zh),
        "RMSProp η=0.01 γ=0.99 μ=0.5 中心化"
    );
    let mut p = OptSpec::new(OptKind::Rprop, Convention::Pytorch);
    assert_eq!(opt_label(&p, Convention::Pytorch, Lang::En), "Rprop η=0.01");
    p.hyper.etas = [0.4, 1.3];
    assert_eq!(
        opt_label(&p, Convention::Pytorch, Lang::En),
        "Rprop η=0.01 η−=0.4 η+=1.3"
    );
    p.hyper.step_sizes = [0.0, 2.0];
    assert_eq!(
        opt_label(&p, Convention::Pytorch, Lang::En),
        "Rprop η=0.01 η−=0.4 η+=1.3 Γmin=0 Γmax=2"
    );
    // Chinese brackets are full-width and carry their own space.
    let mut a = OptSpec::new(OptKind::Adam, Convention::D2l);
    a.hyper.bias_correction = false;
    let (en, zh) = (
        opt_label(&a, Convention::D2l, Lang::En),
        opt_label(&a, Convention::D2l, Lang::Zh),
    );
    assert_eq!(en, "Adam η=0.1 (no bias corr.)");
    assert_eq!(zh, "Adam η=0.1（无偏差修正）");
}

#[test]
fn labels_name_every_setting_that_is_not_the_convention_s_default() {
    let d2l = Convention::D2l;
    let adam = OptSpec::new(OptKind::Adam, d2l);
    let mut b2 = adam;
    b2.hyper.beta2 = 0.95;
    assert_eq!(opt_label(&adam, d2l, Lang::En), "Adam η=0.1");
    assert_eq!(opt_label(&b2, d2l, Lang::En), "Adam η=0.1 β2=0.95");
    assert_eq!(opt_label(&b2, d2l, Lang::Zh), "Adam η=0.1 β2=0.95");
    // In the card's order, whatever order they were set in.
    let mut w = OptSpec::new(OptKind::Adamw, d2l);
    w.hyper.lambda = 1e9;
    w.hyper.eps = 1e-300;
    w.hyper.beta2 = 0.997;
    assert_eq!(
        opt_label(&w, d2l, Lang::En),
        "AdamW η=0.1 β2=0.997 ε=1e-300 λ=1e9"
    );
    // The default is the scene's convention's: torch's ε = 1e-8 is
    // not news in a pytorch scene, the book's 1e-6 is.
    let torch = Convention::Pytorch;
    let mut t = OptSpec::new(OptKind::Adam, torch);
    assert_eq!(opt_label(&t, torch, Lang::En), "Adam η=0.001");
    t.hyper.eps = 1e-6;
    assert_eq!(opt_label(&t, torch, Lang::En), "Adam η=0.001 ε=1e-6");
    let mut n = OptSpec::new(OptKind::Nadam, d2l);
    n.hyper.momentum_decay = 0.01;
    assert_eq!(opt_label(&n, d2l, Lang::En), "NAdam η=0.1 ψ=0.01");
    let mut g = OptSpec::new(OptKind::Adagrad, d2l);
    g.hyper.eps = 1e-3;
    assert_eq!(opt_label(&g, d2l, Lang::En), "AdaGrad η=0.4 ε=0.001");
    let mut q = OptSpec::new(OptKind::Lbfgs, torch);
    assert_eq!(opt_label(&q, torch, Lang::En), "L-BFGS η=1");
    q.hyper.history_size = 5;
    assert!(ChoiceKey::LineSearch.set(&mut q.hyper, "strong_wolfe"));
    let (en, zh) = (
        opt_label(&q, torch, Lang::En),
        opt_label(&q, torch, Lang::Zh),
    );
    let wolfe = |l| choice_option(ChoiceKey::LineSearch, "strong_wolfe", l);
    assert_eq!(en, format!("L-BFGS η=1 m=5 {}", wolfe(Lang::En)));
    assert_eq!(zh, format!("L-BFGS η=1 m=5 {}", wolfe(Lang::Zh)));
}

#[test]
fn runs_apart_in_any_one_setting_have_different_labels() {
    for conv in [Convention::D2l, Convention::Pytorch] {
        for kind in ALL_KINDS {
            let base = OptSpec::new(kind, conv);
            let name = opt_label(&base, conv, Lang::En);
            for &key in kind.keys() {
                let mut other = base;
                let h = &mut other.hyper;
                match key {
                    Key::Hyper(k) => k.set(h, k.get(h) * 0.5 + 0.123),
                    Key::Flag(f) => f.set(h, !f.get(h)),
                    Key::Pair(k) => k.set(h, [0.25, 1.5]),
                    Key::Int(k) => k.set(h, k.get(h) + 1),
                    Key::Choice(k) => {
                        let now = k.get(h);
                        let next = k.options().iter().find(|o| **o != now).unwrap();
                        k.set(h, next);
                    }
                }
                assert_ne!(other, base, "{conv:?} {kind:?} {key:?}");
                for lang in [Lang::En, Lang::Zh] {
                    assert_ne!(
                        opt_label(&other, conv, lang),
                        opt_label(&base, conv, lang),
                        "{conv:?} {kind:?} {key:?}: {name}"
                    );
                }
            }
        }
    }
}

#[test]
fn labels() {
    let mut s = OptSpec::new(OptKind::Momentum, Convention::D2l);
    s.hyper.lr = 0.4;
    s.hyper.gamma = 0.5;
    assert_eq!(
        opt_label(&s, Convention::D2l, Lang::En),
        "Momentum η=0.4 γ=0.5"
    );
    assert_eq!(
        opt_label(&s, Convention::D2l, Lang::Zh),
        "动量法 η=0.4 γ=0.5"
    );
    let mut a = OptSpec::new(OptKind::Adadelta, Convention::D2l);
    a.hyper.gamma = 0.9;
    assert!(opt_label(&a, Convention::D2l, Lang::En).ends_with(" ρ=0.9"));
    let mut w = OptSpec::new(OptKind::Adamw, Convention::D2l);
    w.hyper.amsgrad = true;
    w.hyper.bias_correction = false;
    assert!(opt_label(&w, Convention::D2l, Lang::En).ends_with(" λ=0.01 (no bias corr.) AMSGrad"));
}

#[test]
fn the_warm_up_cosine_preset_keeps_its_name_in_the_legend() {
    // It had read "GD η=0.4 · one schedule after another".
    use gradscape_core::scene::schedule_edit::{starter, warmup_cosine};
    let mut g = OptSpec::new(OptKind::Gd, Convention::D2l);
    g.schedule = Some(warmup_cosine(20));
    assert_eq!(
        opt_label(&g, Convention::D2l, Lang::En),
        "GD η=0.4 · warm-up + cosine"
    );
    assert_eq!(
        opt_label(&g, Convention::D2l, Lang::Zh),
        "梯度下降 η=0.4 · 预热 + 余弦"
    );
    g.schedule = starter("sequential", 0.4, 20, false);
    assert_eq!(
        opt_label(&g, Convention::D2l, Lang::En),
        "GD η=0.4 · one schedule after another"
    );
}

#[test]
fn a_schedule_s_label_names_its_arguments_off_default_and_what_it_does() {
    // A trial: cosine(T_max=7) and cosine() both read "GD η=0.3 ·
    // cosine annealing"; LinearLR from 1 to 0.01 was a "linear
    // warm-up", ExponentialLR with γ = 1.05 an "exponential decay";
    // momentum under CyclicLR read "γ=0.5", which it never uses.
    use gradscape_core::scene::read_schedule;
    let with = |kind: OptKind, json: &str| {
        let mut g = OptSpec::new(kind, Convention::Pytorch);
        g.hyper.lr = 0.3;
        g.schedule = Some(read_schedule(&serde_json::from_str(json).unwrap(), "schedule").unwrap());
        (
            opt_label(&g, Convention::Pytorch, Lang::En),
            opt_label(&g, Convention::Pytorch, Lang::Zh),
        )
    };
    let gd = |json: &str| with(OptKind::Gd, json);
    assert_eq!(gd(r#"{"kind": "cosine"}"#).0, "GD η=0.3 · cosine annealing");
    assert_eq!(
        gd(r#"{"kind": "cosine", "T_max": 7}"#).0,
        "GD η=0.3 · cosine annealing (T_max=7)"
    );
    assert_eq!(
        gd(r#"{"kind": "linear", "start_factor": 1, "end_factor": 0.01}"#),
        (
            "GD η=0.3 · linear decay (start_factor=1, end_factor=0.01)".into(),
            "梯度下降 η=0.3 · 线性衰减（start_factor=1, end_factor=0.01）".into()
        )
    );
    assert!(gd(r#"{"kind": "linear"}"#).0.ends_with("· linear warm-up"));
    assert_eq!(
        gd(r#"{"kind": "exponential", "gamma": 1.05}"#).0,
        "GD η=0.3 · exponential growth (gamma=1.05)"
    );
    assert_eq!(
        gd(r#"{"kind": "exponential", "gamma": 0.9}"#).0,
        "GD η=0.3 · exponential decay (gamma=0.9)"
    );
    assert!(gd(r#"{"kind": "step", "step_size": 2, "gamma": 3}"#)
        .0
        .contains("· step growth ("));
    let cyclic = r#"{"kind": "cyclic", "max_lr": 1, "step_size_up": 4}"#;
    let (m, _) = with(OptKind::Momentum, cyclic);
    assert!(
        m.starts_with("Momentum η=0.3 γ=0.8–0.9 · cyclic rate ("),
        "{m}"
    );
    let (g, _) = with(OptKind::Gd, cyclic);
    assert!(g.starts_with("GD η=0.3 γ=0.8–0.9 · cyclic rate ("), "{g}");
    let (a, _) = with(OptKind::Adam, r#"{"kind": "one_cycle"}"#);
    assert!(a.starts_with("Adam η=0.3 β1=0.85–0.95 · one cycle"), "{a}");
    let (r, _) = with(OptKind::Rmsprop, cyclic);
    assert!(r.contains(" μ=0.8–0.9") && !r.contains("γ=0.8"), "{r}");
}
