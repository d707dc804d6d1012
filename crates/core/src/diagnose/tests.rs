//! The diagnoses' own tests: a fall without bottom, a scheduled run's
//! largest rate, decoupled decay past two, a formula that overflows or
//! leaves its domain.

use super::*;
use crate::run::simulate;
use crate::scene::Scene;

/// Each run's hint (also the cycles' tests').
pub(super) fn hints(json: &str) -> Vec<Option<Hint>> {
    let s = Scene::from_json(json).unwrap();
    let runs = simulate(&s).unwrap();
    runs.iter()
        .map(|r| diagnose(&s.landscape, r).hint)
        .collect()
}

#[test]
fn a_loss_falling_without_bottom_is_named_before_it_is_deep() {
    let run = |land: &str, start: &str, lr: f64| {
        hints(&format!(
            r#"{{"landscape": {land}, "start": {start}, "steps": 20, "convention": "d2l", "optimizers": [{{"kind": "gd", "lr": {lr}}}]}}"#
        ))[0]
    };
    let unbounded = |h: Option<Hint>| matches!(h, Some(Hint::Unbounded { .. }));
    // Known to have no minimum anywhere: another start would not help.
    let nowhere = |h: Option<Hint>| matches!(h, Some(Hint::Unbounded { nowhere: true, .. }));
    // The saddle from near its ridge: 2.2 → −14.7; a quadratic with a
    // negative coefficient.
    assert!(nowhere(run(r#"{"kind": "saddle"}"#, "[-1.5, 0.1]", 0.1)));
    assert!(nowhere(run(
        r#"{"kind": "quadratic", "a": 0.5, "b": -1}"#,
        "[-1.5, 0.1]",
        0.1
    )));
    // A formula's bottom is not known: only its depth names the fall,
    // and another start may find a well.
    let formula = run(r#"{"kind": "expr", "expr": "x*y"}"#, "[-5, -2]", 0.4);
    assert!(unbounded(formula) && !nowhere(formula), "{formula:?}");
    // Wells, valleys, bowls — and formulas, whose bottom is not known,
    // until they are deep: a double well's wall (minima −25 at ±√5), a
    // Gaussian well (−10), a dome only once 10⁴ down.
    for (land, start, lr) in [
        (
            r#"{"kind": "expr", "expr": "x^4 - 10*x^2 + y^2"}"#,
            "[0.1, 1]",
            0.005,
        ),
        (
            r#"{"kind": "expr", "expr": "-10*exp(-(x^2 + y^2))"}"#,
            "[2.2, 0.3]",
            0.05,
        ),
        (
            r#"{"kind": "expr", "expr": "-x^2 - y^2"}"#,
            "[0.1, 0.1]",
            0.1,
        ),
        (
            r#"{"kind": "expr", "expr": "0.1*x^2 + 2*y^2"}"#,
            "[-5, -2]",
            0.4,
        ),
        (r#"{"kind": "himmelblau"}"#, "[0, 0]", 0.01),
        (r#"{"kind": "rosenbrock"}"#, "[-1.5, 2]", 0.001),
    ] {
        assert!(!unbounded(run(land, start, lr)), "{land}");
    }
    assert!(unbounded(run(
        r#"{"kind": "expr", "expr": "-x^2 - y^2"}"#,
        "[0.1, 0.1]",
        0.5
    )));
}

#[test]
fn a_scheduled_run_is_blamed_on_the_largest_rate_it_used() {
    // A trial: CyclicLR up to 1.2 over η = 0.3 on the bowl (2/L = 0.5)
    // was told "η = 0.3 is too large".
    let h = hints(
        r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 40, "convention": "pytorch",
                "optimizers": [{"kind": "gd", "lr": 0.3, "schedule": {"kind": "cyclic", "max_lr": 1.2, "step_size_up": 4, "cycle_momentum": false}}, {"kind": "gd", "lr": 0.6}]}"#,
    );
    match h[0] {
        Some(Hint::Diverged { lr, scheduled, .. } | Hint::Grew { lr, scheduled, .. }) => {
            assert!(scheduled);
            assert!((lr - 1.2).abs() < 1e-12, "{lr}");
        }
        ref other => panic!("{other:?}"),
    }
    // Without a schedule the bound's own words, as before.
    assert!(matches!(h[1], Some(Hint::GdUnstable { lr, .. }) if lr == 0.6));
    // The step that left counts: StepLR ×3 every 2 steps from η = 0.4
    // left at step 11 with 0.4·3⁵ = 97.2; the steps kept reached 32.4.
    let h = hints(
        r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 20, "convention": "d2l",
                "optimizers": [{"kind": "gd", "lr": 0.4, "schedule": {"kind": "step", "step_size": 2, "gamma": 3}}]}"#,
    );
    match h[0] {
        Some(Hint::Diverged {
            lr,
            scheduled: true,
            step,
            left_peak,
            ..
        }) => {
            assert_eq!(step, 11);
            assert!(left_peak);
            assert!((lr - 0.4 * 3f64.powi(5)).abs() < 1e-9, "{lr}");
        }
        ref other => panic!("{other:?}"),
    }
}

#[test]
fn decoupled_decay_past_two_is_named_not_the_step_size() {
    // AdamW η = 0.1, λ = 25: 1 − η·λ = −1.5, on the bowl and on a
    // formula; Lion and NAdam's decoupled decay alike.
    for land in [
        r#"{"kind": "quadratic", "a": 0.1, "b": 2}"#,
        r#"{"kind": "expr", "expr": "x^2 + y^2"}"#,
    ] {
        let h = hints(&format!(
            r#"{{"landscape": {land}, "steps": 200, "optimizers": [{{"kind": "adamw", "lr": 0.1, "lambda": 25}}, {{"kind": "lion", "lr": 0.5, "lambda": 5}}, {{"kind": "nadam", "lr": 0.1, "lambda": 30, "decoupled": true}}]}}"#
        ));
        for (i, want) in [(0.1, 25.0), (0.5, 5.0), (0.1, 30.0)].iter().enumerate() {
            match h[i] {
                Some(Hint::DecayUnstable {
                    lr,
                    lambda,
                    factor,
                    lambda_max,
                }) => {
                    assert_eq!((lr, lambda), *want);
                    assert!((factor - (1.0 - lr * lambda)).abs() < 1e-12);
                    assert!((lambda_max - 2.0 / lr).abs() < 1e-12);
                }
                ref other => panic!("{land} run {i}: {other:?}"),
            }
        }
    }
    // Below 2, or L2's coupled decay: the decay is not named.
    let h = hints(
        r#"{"steps": 50, "optimizers": [{"kind": "adamw", "lr": 0.1, "lambda": 19}, {"kind": "adam_l2", "lr": 3, "lambda": 25}, {"kind": "nadam", "lr": 0.1, "lambda": 30}]}"#,
    );
    assert!(
        h.iter()
            .all(|h| !matches!(h, Some(Hint::DecayUnstable { .. }))),
        "{h:?}"
    );
}

/// A surface with no bottom in the run's direction is named, not the
/// step size (a student read "try a smaller η" on the saddle, lowered
/// η, and saw it diverge later).
#[test]
fn a_loss_falling_without_bound_is_the_surface_not_the_step_size() {
    let scene = |land: &str, steps: usize, lr: f64| {
        format!(
            r#"{{"landscape": {land}, "start": [-5, -2], "steps": {steps}, "optimizers": [{{"kind": "gd", "lr": {lr}}}, {{"kind": "adam", "lr": {lr}}}]}}"#
        )
    };
    for (land, steps, lr) in [
        // Stopped past 1e12 at any η: the saddle, a bowl upside down.
        (r#"{"kind": "saddle"}"#, 2000, 0.01),
        (r#"{"kind": "saddle"}"#, 20000, 0.001),
        (r#"{"kind": "quadratic", "a": -1, "b": 2}"#, 20000, 0.001),
        // Completed, the loss at −4.7e11 after 20 steps.
        (r#"{"kind": "expr", "expr": "x*y"}"#, 20, 0.4),
        (r#"{"kind": "expr", "expr": "-x^2 - y^2"}"#, 2000, 0.4),
    ] {
        let h = hints(&scene(land, steps, lr));
        assert!(
            matches!(h[0], Some(Hint::Unbounded { first, last, .. }) if last < first - 1e6),
            "{land} GD: {h:?}"
        );
    }
    // L-BFGS's line search leaps down the saddle past 1e12 (to f ≈
    // −1.8e25) from a loss that fell by less than the step before: the
    // surface, at η = 1 and 0.1 alike (it was told "η = 1 is too large").
    // From (1, 2) and (0.5, 0.4) it leaves at its first or second step.
    for (lr, start) in [
        (1.0, "[-1.5, 0.01]"),
        (0.1, "[-1.5, 0.01]"),
        (1.0, "[1, 2]"),
        (1.0, "[0.5, 0.4]"),
    ] {
        let h = hints(&format!(
            r#"{{"landscape": {{"kind": "saddle"}}, "start": {start}, "steps": 20, "optimizers": [{{"kind": "lbfgs", "lr": {lr}, "line_search": "strong_wolfe"}}]}}"#
        ));
        assert!(
            matches!(h[0], Some(Hint::Unbounded { last, nowhere: true, searched: true, .. }) if last < -1e20),
            "L-BFGS η = {lr} from {start}: {h:?}"
        );
    }
    // A step that left to f = −∞ (y² − eˣ overflows) has no number to
    // say: never "fell from −1.7 to —".
    let h = hints(&scene(
        r#"{"kind": "expr", "expr": "y^2 - exp(x)"}"#,
        20,
        0.4,
    ));
    assert!(
        !matches!(h[0], Some(Hint::Unbounded { last, .. }) if !last.is_finite()),
        "{h:?}"
    );
    // A bowl diverging upwards keeps its reason; a run that settles
    // deep below zero is not falling (its minimum is −1e4).
    let h = hints(&scene(
        r#"{"kind": "quadratic", "a": 0.1, "b": 2}"#,
        20,
        0.6,
    ));
    assert!(matches!(h[0], Some(Hint::GdUnstable { .. })), "{h:?}");
    let h = hints(&scene(
        r#"{"kind": "expr", "expr": "x^2 + y^2 - 1e4"}"#,
        50,
        0.1,
    ));
    assert_eq!(h[0], None);
    // From f = 0 down a well 1e5 deep, settling: not bottomless.
    let well = r#"{"kind": "expr", "expr": "1e5*((x + 4)^2 + (y + 2)^2) - 1e5"}"#;
    let h = hints(&scene(well, 30, 2e-6));
    assert_eq!(h[0], None, "{h:?}");
}

#[test]
fn a_formula_that_overflows_diverged_one_that_steps_out_of_its_domain_left_it() {
    let scene = |expr: &str, start: &str, lr: f64| {
        format!(
            r#"{{"landscape": {{"kind": "expr", "expr": "{expr}"}}, "start": {start}, "steps": 50, "optimizers": [{{"kind": "gd", "lr": {lr}}}]}}"#
        )
    };
    // x⁴ + y² at η = 0.5: 641, 3.6e9, 7e29, then past 1e12; and one
    // that overflows f itself (exp of a soaring x).
    for (expr, start, lr) in [
        ("x^4 + y^2", "[-5, -2]", 0.5),
        ("1000*x^2 + y^2", "[-5, -2]", 0.01),
        ("exp(x^2) + y^2", "[1.5, 1]", 0.5),
    ] {
        let h = hints(&scene(expr, start, lr));
        assert!(
            matches!(h[0], Some(Hint::Diverged { step, .. }) if step > 0),
            "{expr}: {h:?}"
        );
    }
    // √x + y² from x = 1 with η = 3: x goes below 0 at an ordinary
    // loss; ln(x) + y² likewise.
    for expr in ["sqrt(x) + y^2", "log(x) + y^2"] {
        let h = hints(&scene(expr, "[1, 0.5]", 3.0));
        assert!(matches!(h[0], Some(Hint::ExprLeft { .. })), "{expr}: {h:?}");
    }
    // After several steps falling (√x from x = 4 at η = 1: the steps
    // grow as x nears 0 and one crosses it): still the domain, not
    // an overflow.
    let s = Scene::from_json(&scene("sqrt(x) + y^2", "[4, 0.5]", 1.0)).unwrap();
    let runs = simulate(&s).unwrap();
    assert!(runs[0].loss.len() > 3, "{:?}", runs[0].loss);
    let h = diagnose(&s.landscape, &runs[0]).hint;
    assert!(matches!(h, Some(Hint::ExprLeft { .. })), "{h:?}");
    assert!(!soaring(&[1.0]));
    assert!(!soaring(&[1.0, 2000.0, 1500.0]));
    assert!(soaring(&[1.0, 1002.0]));
    assert!(soaring(&[-5.0, 10.0, 5000.0]));
    assert!(!soaring(&[f64::NAN, 1e9]));
}
