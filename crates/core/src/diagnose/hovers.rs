//! A run that keeps moving while its loss has stopped falling: Lion's sign
//! steps of η = 10 on the bowl leap between (−5, −2), (5, 8) and (5, −12)
//! for ever (no exact cycle to name), Adam at η = 5 swings around the
//! minimum at the size of η, a noisy run settles at its noise floor. The
//! page called them "converging" (the loss had not grown); what is true is
//! what the run did: over its last third the loss never got below the best
//! it had reached before, and its steps are still a sizeable part of its
//! first ones (a run at rest on its minimum has no steps left).

use super::Hint;
use crate::run::Trajectory;

/// Runs shorter than this say too little to tell (lesson 8's Adam without
/// bias correction, 30 steps, stays above its step-17 loss for 13 steps
/// and may yet go lower: a third of 30 is too short a window).
const MIN_STEPS: usize = 50;

/// The last third's mean step, against the first third's, above which the
/// run is still moving.
const MOVING: f64 = 0.01;

/// [`Hint::Hovers`] for a run whose best loss of its last third is no lower
/// than its best before, while it still moves.
pub(super) fn hovers(t: &Trajectory) -> Option<Hint> {
    let n = t.loss.len().checked_sub(1).filter(|&n| n >= MIN_STEPS)?;
    let w = n / 3;
    let (before, last) = t.loss.split_at(n + 1 - w);
    let (at, best) = before
        .iter()
        .copied()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    // Never lower, and not at its minimum: above its best by more than a
    // millionth of the way down (Lion on Himmelblau lands on the minimum
    // and stays, 2e-28; NAdam bounces at 1e-12 from a 1e-22 best), unless
    // it never got down at all (Lion η = 10 is back at its start's 10.5).
    let low = last.iter().copied().fold(f64::INFINITY, f64::min);
    let drop = t.loss[0] - best;
    let still =
        low >= best && (low - best > 1e-6 * drop || drop <= 1e-6 * t.loss[0].abs().max(1.0));
    let len = |k: usize| {
        let (p, q) = (t.points[k - 1], t.points[k]);
        (q[0] - p[0]).hypot(q[1] - p[1])
    };
    let mean = |r: std::ops::Range<usize>| r.clone().map(len).sum::<f64>() / r.len() as f64;
    let moving = mean(n + 1 - w..n + 1) >= MOVING * mean(1..w + 1);
    (best.is_finite() && still && moving && t.points.len() == n + 1).then_some(Hint::Hovers {
        steps: w,
        best,
        at,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::hints;
    use super::super::Hint;

    fn run(land: &str, opt: &str, steps: usize, noise: f64) -> Option<Hint> {
        hints(&format!(
            r#"{{"landscape": {land}, "start": [-5, -2], "steps": {steps}, "noise": {{"sigma": {noise}, "seed": 3}}, "optimizers": [{opt}]}}"#
        ))[0]
    }

    const BOWL: &str = r#"{"kind": "quadratic", "a": 0.1, "b": 2}"#;

    #[test]
    fn a_run_that_keeps_moving_without_getting_lower_is_told_so() {
        // Lion η = 10 on the bowl: back at its start's loss, 10.5, at step 100.
        let h = run(BOWL, r#"{"kind": "lion", "lr": 10}"#, 100, 0.0);
        assert!(matches!(h, Some(Hint::Hovers { steps: 33, .. })), "{h:?}");
        // A noisy GD at its floor.
        let h = run(BOWL, r#"{"kind": "gd", "lr": 0.3}"#, 200, 2.0);
        assert!(matches!(h, Some(Hint::Hovers { .. })), "{h:?}");
    }

    #[test]
    fn converging_runs_and_runs_at_rest_are_not() {
        for (opt, steps) in [
            // Still falling at the end, slowly or swinging.
            (r#"{"kind": "gd", "lr": 0.4}"#, 100),
            (r#"{"kind": "momentum", "lr": 0.4, "gamma": 0.9}"#, 100),
            (r#"{"kind": "adam", "lr": 0.1}"#, 100),
            // At rest on the minimum: no steps left.
            (r#"{"kind": "newton"}"#, 40),
            (r#"{"kind": "gd", "lr": 0.4}"#, 2000),
        ] {
            let h = run(BOWL, opt, steps, 0.0);
            assert!(
                !matches!(h, Some(Hint::Hovers { .. })),
                "{opt} × {steps}: {h:?}"
            );
        }
        // Too short to tell (Lion η = 10 over 49 steps).
        let h = run(BOWL, r#"{"kind": "lion", "lr": 10}"#, 49, 0.0);
        assert!(!matches!(h, Some(Hint::Hovers { .. })), "{h:?}");
        assert!(matches!(
            run(BOWL, r#"{"kind": "lion", "lr": 10}"#, 50, 0.0),
            Some(Hint::Hovers { .. })
        ));
    }
}
