//! A run going round in circles: its last points repeat with a short
//! period (Lion's sign steps of η = 1 on the bowl go round the minimum
//! through four points), which neither converges nor diverges.

use super::Hint;

/// The longest cycle [`cycles`] looks for.
pub const MAX_PERIOD: usize = 8;

/// Points this close (relative to max(1, |x|)) count as the same point: a
/// sign step of η there and back may land an ulp off.
const SAME_POINT: f64 = 1e-9;

/// [`Hint::Cycles`] when the last points repeat with a period of 2 to
/// [`MAX_PERIOD`] steps, at least three times over, through points that
/// differ (a run that has come to rest repeats one point: not a cycle;
/// Lion η = 10 on the bowl repeats two points for a few steps between
/// leaps elsewhere, and may leap again).
pub(super) fn cycles(t: &crate::run::Trajectory) -> Option<Hint> {
    let points = &t.points;
    let same = |a: &crate::Vec2, b: &crate::Vec2| {
        (0..2).all(|i| (a[i] - b[i]).abs() <= SAME_POINT * a[i].abs().max(1.0))
    };
    let n = points.len();
    let period = (2..=MAX_PERIOD).find(|&k| {
        n > 2 * k
            && (0..k).all(|j| same(&points[n - 1 - j], &points[n - 1 - j - k]))
            && (1..k).any(|j| !same(&points[n - 1], &points[n - 1 - j]))
    })?;
    // Back to the first step of the repeating tail.
    let mut from = n - 1 - period;
    while from > 0 && same(&points[from - 1], &points[from - 1 + period]) {
        from -= 1;
    }
    let steps = n - 1 - from;
    // Under a schedule, the largest η_t of the repeating tail (its steps
    // repeat, so η_t is constant or repeats there too).
    let tail_lr = t
        .spec
        .schedule
        .as_ref()
        .and_then(|_| t.lr.iter().rev().take(steps).copied().reduce(f64::max));
    (steps >= 3 * period).then_some(Hint::Cycles {
        period,
        steps,
        tail_lr,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::hints;
    use super::super::Hint;

    #[test]
    fn a_run_that_visits_the_same_points_over_and_over_is_told_so() {
        // Lion's sign steps of η on the bowl from (−5, −2): η = 1 and 0.5
        // end going round the minimum through four points, the same in
        // both conventions.
        let lion = |lr: f64, steps: usize, conv: &str| {
            hints(&format!(
                r#"{{"steps": {steps}, "convention": "{conv}", "optimizers": [{{"kind": "lion", "lr": {lr}}}]}}"#
            ))
            .remove(0)
        };
        for conv in ["d2l", "pytorch"] {
            assert_eq!(
                lion(1.0, 100, conv),
                Some(Hint::Cycles {
                    period: 4,
                    steps: 77,
                    tail_lr: None,
                })
            );
            assert_eq!(
                lion(0.5, 100, conv),
                Some(Hint::Cycles {
                    period: 4,
                    steps: 60,
                    tail_lr: None,
                })
            );
            // η = 10 hops between (−5, −2) and (5, 8) but leaps to (5, −12)
            // now and then (its momentum's sign): not a cycle to name.
            assert_eq!(lion(10.0, 100, conv), None);
        }
        // Too short a tail (under three rounds) is not called a cycle.
        assert_eq!(lion(1.0, 32, "d2l"), None);
        // Converging, at rest, on the bound (its own words): no cycle.
        let h = hints(
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 40, "optimizers": [{"kind": "gd", "lr": 0.4}, {"kind": "gd", "lr": 0.5}, {"kind": "newton"}]}"#,
        );
        assert!(h[0].is_none(), "{h:?}");
        assert!(matches!(h[1], Some(Hint::AtEdge { .. })), "{h:?}");
        assert!(h[2].is_none(), "Newton at rest on the minimum: {h:?}");
    }
}
