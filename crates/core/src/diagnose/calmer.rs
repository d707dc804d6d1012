//! A smaller η that works, found by running it: what "try a smaller η"
//! names where no bound is known (Rosenbrock, a formula, Adam anywhere),
//! and the short η under a bound that is ([`calmer_below`]).
//!
//! Halving η until a rerun, all else unchanged, completes and ends with a
//! loss below its start, narrowing the gap to the η that failed by a few
//! geometric bisections, then that value rounded down to two significant
//! digits (one if that fails, then the one-digit value under it, then the
//! halving that worked to two digits; else that halving): the number a
//! student reads is a number that was run, with the scene's schedule,
//! noise seed and steps. At most [`SEARCH_STEPS`] steps are rerun for one
//! hint, and a schedule whose rates are not multiples of η (CyclicLR's
//! own peak) is not searched. Runs need not get better monotonically as η
//! shrinks (a sweep finds islands of η that work above one that fails), so
//! nothing is claimed of the η between.

use super::{Calmer, Diagnosis, Hint, NoDecay};
use crate::format::floor_sig;
use crate::optim::{HyperKey, OptSpec};
use crate::params::ParamInfo;
use crate::run::Trajectory;
use crate::scene::Scene;
use crate::sweep::{ending, Outcome};

/// At most this many halvings (η/2²⁴ ≈ 6e-8·η).
const HALVINGS: usize = 24;
/// Geometric bisections between the halving that worked and the η above
/// it that failed: within 2^(1/16) ≈ 4 % of that edge.
const BISECTIONS: usize = 4;
/// At most this many steps rerun in one search (~20 ms of Adam's steps
/// natively): a longer scene's hint names no η (every kind at η = 1000
/// over 100 000 steps would have searched for seconds).
const SEARCH_STEPS: usize = 100_000;
/// How far below its start a run must end to work: a millionth of the
/// start's loss (a run back where it started made no progress).
const DESCENT: f64 = 1e-6;

/// [`diagnose`] of run `t` of `scene`, with its hint's smaller η searched.
pub fn diagnose_in(scene: &Scene, t: &Trajectory) -> Diagnosis {
    let mut d = super::diagnose_scene(scene, t);
    fill_calmer(
        scene,
        std::slice::from_ref(t),
        std::slice::from_mut(&mut d),
        1,
    );
    d
}

/// Search the smaller η of at most `most` hints of `diags` (those of
/// `runs` of `scene`) still [`Calmer::Pending`], in run order; how many
/// were searched.
pub fn fill_calmer(
    scene: &Scene,
    runs: &[Trajectory],
    diags: &mut [Diagnosis],
    most: usize,
) -> usize {
    let mut searched = 0;
    for (t, d) in runs.iter().zip(diags.iter_mut()) {
        if searched == most {
            break;
        }
        let bound = d.hint.as_ref().and_then(Hint::lr_bound);
        if let Some(c @ Calmer::Pending) = d.hint.as_mut().and_then(|h| h.calmer_mut()) {
            let found = match bound {
                Some(b) => calmer_below(scene, &t.spec, b),
                None => calmer_lr(scene, &t.spec),
            };
            *c = found.map_or(Calmer::NotFound, Calmer::Found);
            if let Some(n) = d.hint.as_mut().and_then(|h| h.no_decay_mut()) {
                if let NoDecay::Pending(lambda) = *n {
                    *n = if works_without_decay(scene, &t.spec) {
                        NoDecay::Works(lambda)
                    } else {
                        NoDecay::Fails
                    };
                }
            }
            searched += 1;
        }
    }
    searched
}

/// Whether `spec` with λ = 0, all else unchanged, completes and ends below
/// its start (one rerun, within [`SEARCH_STEPS`]).
fn works_without_decay(scene: &Scene, spec: &OptSpec) -> bool {
    let mut s = *spec;
    s.hyper.lambda = 0.0;
    Trials::new(scene, &s).works(spec.hyper.lr) == Some(true)
}

/// Reruns of one spec at other η, within [`SEARCH_STEPS`].
struct Trials<'a> {
    scene: &'a Scene,
    spec: &'a OptSpec,
    /// The start's loss.
    first: f64,
    /// Steps rerun so far.
    spent: usize,
}

impl<'a> Trials<'a> {
    fn new(scene: &'a Scene, spec: &'a OptSpec) -> Self {
        let first = scene.landscape.value(scene.start);
        Trials {
            scene,
            spec,
            first,
            spent: 0,
        }
    }

    /// Whether the run at `lr` completes and ends below its start; None
    /// once the budget is spent.
    fn works(&mut self, lr: f64) -> Option<bool> {
        if self.spent + self.scene.steps > SEARCH_STEPS {
            return None;
        }
        let mut s = *self.spec;
        s.hyper.lr = lr;
        let (o, fell) = ending(self.scene, &s).ok()?;
        self.spent += match o {
            Outcome::Diverged { step } => step,
            _ => self.scene.steps,
        };
        // Below its start, not back on it: Lion's sign steps on exp(x·y)
        // cycle back to (1, 1), a loss 2e-15 below e.
        Some(o == Outcome::Ok && fell > DESCENT * self.first.abs())
    }

    /// Of `values`, the first at or above the slider's smallest η that
    /// works (each run once).
    fn first_working(&mut self, values: &[f64], lr_min: f64) -> Option<f64> {
        let mut tried = Vec::with_capacity(values.len());
        for &lr in values {
            if lr >= lr_min && !tried.contains(&lr) {
                tried.push(lr);
                if self.works(lr) == Some(true) {
                    return Some(lr);
                }
            }
        }
        None
    }
}

/// The slider's smallest η for `spec`'s kind.
fn lr_min(spec: &OptSpec) -> f64 {
    ParamInfo::of(spec.kind, HyperKey::Lr).min
}

/// The η found (see the module's doc) with which `spec` on `scene`
/// completes its steps and ends with a loss below its start; None when
/// none down to the slider's smallest η does, within [`SEARCH_STEPS`].
pub fn calmer_lr(scene: &Scene, spec: &OptSpec) -> Option<f64> {
    search(&mut Trials::new(scene, spec))
}

/// [`calmer_lr`] within what `trials` has left of the budget.
fn search(trials: &mut Trials) -> Option<f64> {
    let (scene, spec) = (trials.scene, trials.spec);
    if spec.schedule.is_some_and(|s| !s.scales_with_lr()) {
        return None;
    }
    let lr_min = lr_min(spec);
    let mut failed = spec.hyper.lr;
    let mut halved = None;
    for _ in 0..HALVINGS {
        let lr = failed / 2.0;
        if lr < lr_min {
            break;
        }
        if trials.works(lr)? {
            halved = Some(lr);
            break;
        }
        failed = lr;
    }
    let halved = halved?;
    let mut ok = halved;
    for _ in 0..BISECTIONS {
        // Room kept for the rounded values' runs.
        if trials.spent + 5 * scene.steps > SEARCH_STEPS {
            break;
        }
        let mid = (ok * failed).sqrt();
        if trials.works(mid)? {
            ok = mid;
        } else {
            failed = mid;
        }
    }
    // Both short values fail (an island of η that works): the one-digit
    // value under them, then the halving to two digits; else the halving,
    // run already, as short as the η it halved (Beale's momentum at
    // η = 0.5 found 0.006024, whose short values are both 0.006, which
    // grew: "Use η = 0.00390625" where 0.005 works).
    let one = floor_sig(ok, 1);
    trials
        .first_working(
            &[
                floor_sig(ok, 2),
                one,
                floor_sig(one.next_down(), 1),
                floor_sig(halved, 2),
            ],
            lr_min,
        )
        .or(Some(halved))
}

/// Under a stability bound known in closed form (GD's 2/L on a bowl): the
/// largest two-digit decimal strictly below it (0.5 → 0.49, 0.3333 →
/// 0.33), else the one-digit one, that a rerun confirms; else the search
/// of [`calmer_lr`], in the same budget (gradient noise, or a run too
/// short to end lower, can fail both: the bound is the noiseless
/// recurrence's, and "works" asks for a loss below the start).
pub fn calmer_below(scene: &Scene, spec: &OptSpec, bound: f64) -> Option<f64> {
    let under = bound.next_down();
    let short = [floor_sig(under, 2), floor_sig(under, 1)];
    let mut trials = Trials::new(scene, spec);
    trials
        .first_working(&short, lr_min(spec))
        .or_else(|| search(&mut trials))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{diagnose, Hint};
    use crate::run::simulate;
    use crate::sweep::outcome;
    use crate::theory::stability_bound;

    fn scene(json: &str) -> Scene {
        Scene::from_json(json).unwrap()
    }

    fn calmer_of(s: &Scene, i: usize) -> Option<f64> {
        let runs = simulate(s).unwrap();
        let h = diagnose_in(s, &runs[i]).hint.expect("a hint");
        assert!(
            matches!(
                h,
                Hint::Diverged { .. } | Hint::Grew { .. } | Hint::ExprLeft { .. }
            ) && !h.calmer_pending(),
            "{h:?}"
        );
        h.calmer()
    }

    /// Run `i` of `s` at η = `lr` completes and ends below its start.
    fn works_at(s: &Scene, i: usize, lr: f64) -> bool {
        let mut at = s.clone();
        at.optimizers[i].hyper.lr = lr;
        let t = &simulate(&at).unwrap()[i];
        let (first, last) = (t.loss[0], *t.loss.last().unwrap());
        outcome(t) == Outcome::Ok && first - last > 1e-6 * first.abs()
    }

    #[test]
    fn the_offered_rate_is_run_and_works_and_is_near_the_edge() {
        // GD on Rosenbrock from the default start: no bound in closed form.
        let s = scene(
            r#"{"landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 300, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#,
        );
        let lr = calmer_of(&s, 0).expect("a smaller η");
        assert!((1e-4..0.01).contains(&lr), "{lr}");
        // Two significant digits at most.
        assert_eq!(crate::format::round_sig(lr, 2), lr);
        assert!(works_at(&s, 0, lr));
        let mut at = s.clone();
        at.optimizers[0].hyper.lr = lr;
        assert_eq!(
            diagnose(&at.landscape, &simulate(&at).unwrap()[0]).hint,
            None
        );
        // Not a needlessly timid η: the bisection came within 4 % of an η
        // that failed, the rounding takes off at most 10 % (two digits) —
        // or half (one digit): 2.2 times it fails here.
        assert!(!works_at(&s, 0, lr * 2.2), "{lr}");
    }

    #[test]
    fn where_both_short_values_fail_a_shorter_one_under_them_is_offered() {
        // Beale, momentum η = 0.5 γ = 0.936: the bisection ends at 0.006024,
        // whose two- and one-digit values are both 0.006, which grows; the
        // halving that worked is 0.00390625, and 0.005 works.
        let s = scene(
            r#"{"landscape": {"kind": "beale"}, "start": [1, 1.5], "steps": 20, "convention": "d2l",
                "optimizers": [{"kind": "momentum", "lr": 0.5, "gamma": 0.936}]}"#,
        );
        assert!(!works_at(&s, 0, 0.006));
        assert_eq!(calmer_of(&s, 0), Some(0.005));
        assert!(works_at(&s, 0, 0.005));
    }

    #[test]
    fn on_a_bowl_it_lands_under_the_exact_bound() {
        // GD under a schedule that keeps η (the bound's own hint is not
        // used under a schedule): the η found is just under 2/L.
        let s = scene(
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 60, "convention": "pytorch",
                "optimizers": [{"kind": "gd", "lr": 0.8, "schedule": {"kind": "step", "step_size": 1000, "gamma": 0.5}}]}"#,
        );
        let lr = calmer_of(&s, 0).expect("a smaller η");
        let mut plain = s.clone();
        plain.optimizers[0].schedule = None;
        let bound = stability_bound(&plain.landscape, &plain.optimizers[0]).unwrap();
        assert!(lr < bound && lr > 0.9 * bound, "{lr} vs 2/L = {bound:?}");
    }

    #[test]
    fn under_a_closed_form_bound_the_short_decimal_below_it_is_offered() {
        // The bowl's L = 4: GD's 2/L = 0.5 → 0.49; heavy ball γ = 0.5's
        // 3/4 → 0.74; Nesterov γ = 0.5's 1.5/4 = 0.375 → 0.37; γ = 0.2's
        // 2.4/1.4/4 = 0.428571… → 0.42.
        let s = scene(
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 40, "convention": "d2l",
                "optimizers": [{"kind": "gd", "lr": 0.6}, {"kind": "momentum", "lr": 0.9, "gamma": 0.5},
                               {"kind": "momentum", "lr": 0.5, "gamma": 0.5, "nesterov": true},
                               {"kind": "momentum", "lr": 0.5, "gamma": 0.2, "nesterov": true}]}"#,
        );
        let runs = simulate(&s).unwrap();
        for (i, want) in [0.49, 0.74, 0.37, 0.42].into_iter().enumerate() {
            let d = diagnose_in(&s, &runs[i]);
            let h = d.hint.expect("a hint");
            assert!(h.lr_bound().is_some(), "run {i}: {h:?}");
            assert_eq!(h.calmer(), Some(want), "run {i}: {h:?}");
            assert!(works_at(&s, i, want));
        }
        // Weight decay adds λ to the curvature: heavy ball γ = 0.5 with
        // λ = 1 is stable below 3/(L + λ) = 0.6, not 0.75 (0.74 and 0.7
        // fail): the closed-form hint's bound is 0.6, and 0.59 is offered.
        let s = scene(
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 40, "convention": "pytorch",
                "optimizers": [{"kind": "momentum", "lr": 0.9, "gamma": 0.5, "lambda": 1}]}"#,
        );
        let t = &simulate(&s).unwrap()[0];
        let h = diagnose_in(&s, t).hint.expect("a hint");
        assert_eq!(h.lr_bound(), Some(0.6), "{h:?}");
        assert_eq!(h.calmer(), Some(0.59), "{h:?}");
        assert!(works_at(&s, 0, 0.59));
        assert!(!works_at(&s, 0, 0.74) && !works_at(&s, 0, 0.7));
    }

    #[test]
    fn when_both_short_values_fail_the_halving_that_worked_is_offered() {
        // Adam η = 10 on Rosenbrock over 10 000 steps: 5 works, the
        // bisection's 7.07 too, but 7.0 and 7 do not (an island).
        let s = scene(
            r#"{"landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 10000, "optimizers": [{"kind": "adam", "lr": 10}]}"#,
        );
        let lr = calmer_of(&s, 0).expect("a smaller η");
        assert!(works_at(&s, 0, lr), "{lr}");
        assert_eq!(lr, 5.0);
        assert!(!works_at(&s, 0, 7.0));
    }

    #[test]
    fn a_schedule_with_its_own_peak_is_not_searched() {
        // CyclicLR up to 5 over GD η = 0.1 on the bowl: the peak, not η,
        // sends it off; no η of the card's helps.
        let s = scene(
            r#"{"steps": 40, "convention": "pytorch", "optimizers": [{"kind": "gd", "lr": 0.1, "schedule": {"kind": "cyclic", "max_lr": 5, "step_size_up": 4, "cycle_momentum": false}}]}"#,
        );
        assert_eq!(calmer_of(&s, 0), None);
    }

    #[test]
    fn a_run_back_on_its_start_does_not_count_as_working() {
        // Lion's sign steps on exp(x·y) from (1, 1): some η leave and come
        // back to (1, 1) exactly; whatever is offered ends below the start.
        let s = scene(
            r#"{"landscape": {"kind": "expr", "expr": "exp(x*y)"}, "start": [1, 1], "steps": 20, "optimizers": [{"kind": "lion", "lr": 30}]}"#,
        );
        if let Some(lr) = calmer_of(&s, 0) {
            assert!(works_at(&s, 0, lr), "{lr}");
        }
        let mut at = s.clone();
        at.optimizers[0].hyper.lr = 2.6;
        let t = &simulate(&at).unwrap()[0];
        let (first, last) = (t.loss[0], *t.loss.last().unwrap());
        assert!(
            (first - last).abs() < 1e-12,
            "η = 2.6 comes back to the start"
        );
        assert_ne!(calmer_of(&s, 0), Some(2.6));
    }

    #[test]
    fn a_long_scene_is_searched_within_the_budget_or_not_at_all() {
        let rosen = |steps: usize| {
            scene(&format!(
                r#"{{"landscape": {{"kind": "rosenbrock"}}, "start": [-1.5, 2], "steps": {steps}, "optimizers": [{{"kind": "gd", "lr": 0.01}}]}}"#
            ))
        };
        // 30 000 steps: room for the halving's run and the rounded value's,
        // not for bisections; 100 000: not even one run that works.
        let lr = calmer_of(&rosen(30_000), 0).expect("a smaller η");
        assert!(works_at(&rosen(30_000), 0, lr));
        assert_eq!(calmer_of(&rosen(100_000), 0), None);
    }

    #[test]
    fn none_when_nothing_down_to_the_smallest_works() {
        // GD η = 0.01 on a curvature of 2e6 (2/L = 1e-6): every η down to
        // the slider's 1e-4 diverges (six halvings run and fail).
        let stiff = scene(
            r#"{"landscape": {"kind": "expr", "expr": "1e6*x^2 + y^2"}, "start": [1, 1], "steps": 20, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#,
        );
        assert_eq!(calmer_of(&stiff, 0), None);
        assert!(!works_at(&stiff, 0, 0.01 / 64.0));
    }
}
