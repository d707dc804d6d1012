//! The schedulers against their closed forms and hand-computed rates; the
//! torch goldens (tests/schedules_torch.rs) check the last bits.

use super::*;

fn rates(s: Schedule, lr: f64, steps: usize) -> Vec<f64> {
    let mut r = Scheduler::new(Some(&s), lr, steps);
    (0..steps)
        .map(|_| {
            let lr = r.lr();
            r.step(1.0);
            lr
        })
        .collect()
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1e-300)
}

#[test]
fn no_schedule_is_eta_throughout() {
    let mut r = Scheduler::new(None, 0.4, 10);
    for _ in 0..10 {
        assert_eq!((r.lr(), r.momentum()), (0.4, None));
        r.step(3.0);
    }
}

#[test]
fn step_halves_every_step_size() {
    let s = Schedule::Basic(Basic::Step {
        step_size: 3,
        gamma: 0.5,
    });
    assert_eq!(rates(s, 0.8, 8), [0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2, 0.2]);
}

#[test]
fn multi_step_decays_at_each_milestone() {
    let s = Schedule::Basic(Basic::MultiStep {
        milestones: Milestones::new(&[2, 5]).unwrap(),
        gamma: 0.1,
    });
    let r = rates(s, 1.0, 7);
    assert_eq!(r[..2], [1.0, 1.0]);
    assert!(near(r[2], 0.1) && near(r[4], 0.1) && near(r[5], 0.01) && near(r[6], 0.01));
}

#[test]
fn recursive_forms_follow_the_closed_forms() {
    let (lr, n) = (0.3, 40);
    for (s, closed) in [
        (
            Basic::Cosine {
                t_max: Some(13),
                eta_min: 0.01,
            },
            Box::new(|e: f64| {
                0.01 + (lr - 0.01) * (1.0 + (std::f64::consts::PI * e / 13.0).cos()) / 2.0
            }) as Box<dyn Fn(f64) -> f64>,
        ),
        (
            Basic::Linear {
                start_factor: 0.25,
                end_factor: 1.0,
                total_iters: 6,
            },
            Box::new(|e: f64| lr * (0.25 + 0.75 * e.min(6.0) / 6.0)),
        ),
        (
            Basic::Polynomial {
                total_iters: 10,
                power: 2.0,
            },
            Box::new(|e: f64| lr * (1.0 - e.min(10.0) / 10.0).powi(2)),
        ),
        (
            Basic::Exponential { gamma: 0.9 },
            Box::new(|e: f64| lr * 0.9f64.powf(e)),
        ),
        (
            Basic::Constant {
                factor: 0.5,
                total_iters: 4,
            },
            Box::new(|e: f64| if e < 4.0 { lr * 0.5 } else { lr }),
        ),
    ] {
        let got = rates(Schedule::Basic(s), lr, n);
        for (e, g) in got.iter().enumerate() {
            let want = closed(e as f64);
            assert!(
                (g - want).abs() <= 1e-12 * lr,
                "{}: step {} got {g} want {want}",
                s.kind(),
                e + 1
            );
        }
    }
}

#[test]
fn cosine_without_t_max_spans_the_scene() {
    let s = Schedule::Basic(Basic::Cosine {
        t_max: None,
        eta_min: 0.0,
    });
    let r = rates(s, 1.0, 20);
    assert_eq!(r[0], 1.0);
    // step 11 uses last_epoch 10 = T_max/2: half the rate
    assert!(near(r[10], 0.5), "{}", r[10]);
    assert!(r.windows(2).all(|w| w[1] < w[0]));
}

#[test]
fn warm_restarts_restart_and_lengthen() {
    let s = Schedule::Basic(Basic::CosineWarmRestarts {
        t_0: 2,
        t_mult: 2,
        eta_min: 0.0,
    });
    let r = rates(s, 1.0, 8);
    // periods of 2, then 4, then 8: the rate is back to 1 at steps 1, 3, 7
    assert_eq!((r[0], r[2], r[6]), (1.0, 1.0, 1.0));
    assert!(near(r[1], 0.5) && near(r[4], 0.5));
}

#[test]
fn cyclic_rises_and_falls_and_moves_momentum_against_it() {
    let s = Schedule::Cyclic(Cyclic {
        base_lr: None,
        max_lr: 0.5,
        step_size_up: 2,
        step_size_down: None,
        mode: CyclicMode::Triangular,
        gamma: 1.0,
        cycle_momentum: true,
        base_momentum: 0.8,
        max_momentum: 0.9,
    });
    let mut r = Scheduler::new(Some(&s), 0.1, 10);
    let mut seen = Vec::new();
    for _ in 0..5 {
        seen.push((r.lr(), r.momentum().unwrap()));
        r.step(0.0);
    }
    let want = [(0.1, 0.9), (0.3, 0.85), (0.5, 0.8), (0.3, 0.85), (0.1, 0.9)];
    for ((l, m), (wl, wm)) in seen.iter().zip(want) {
        assert!(near(*l, wl) && near(*m, wm), "{seen:?}");
    }
}

#[test]
fn one_cycle_starts_low_peaks_and_ends_near_zero() {
    let s = OneCycle {
        max_lr: None,
        total_steps: None,
        pct_start: 0.3,
        anneal_strategy: Anneal::Cos,
        cycle_momentum: true,
        base_momentum: 0.85,
        max_momentum: 0.95,
        div_factor: 25.0,
        final_div_factor: 1e4,
        three_phase: false,
    };
    let r = rates(Schedule::OneCycle(s), 1.0, 20);
    assert!(near(r[0], 1.0 / 25.0));
    let peak = r.iter().cloned().fold(0.0, f64::max);
    assert!(near(peak, 1.0), "{r:?}");
    assert!(r[19] < 0.01);
    assert_eq!(Schedule::OneCycle(s).check(20), Ok(()));
    let short = OneCycle {
        total_steps: Some(10),
        ..s
    };
    assert_eq!(
        Schedule::OneCycle(short).check(20),
        Err(ScheduleError::TooShort {
            steps: 20,
            total_steps: 10
        })
    );
    // pct_start · total_steps = 1: the first phase has no length.
    let empty = OneCycle {
        pct_start: 0.1,
        total_steps: Some(10),
        ..s
    };
    assert!(matches!(
        Schedule::OneCycle(empty).check(10),
        Err(ScheduleError::EmptyPhase { .. })
    ));
}

#[test]
fn plateau_waits_patience_steps_then_cools_down() {
    let s = Schedule::Plateau(Plateau {
        mode: PlateauMode::Min,
        factor: 0.5,
        patience: 1,
        threshold: 0.0,
        threshold_mode: ThresholdMode::Abs,
        cooldown: 1,
        min_lr: 0.2,
        eps: 1e-8,
    });
    let mut r = Scheduler::new(Some(&s), 1.0, 10);
    let mut seen = Vec::new();
    // the loss never improves after the first step
    for _ in 0..8 {
        seen.push(r.lr());
        r.step(5.0);
    }
    // bad steps: 1 (ok), 2 (> patience: halve), cooldown 1 step, then 2 more
    assert_eq!(seen, [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25]);
    for _ in 0..6 {
        r.step(5.0);
    }
    assert_eq!(r.lr(), 0.2, "never below min_lr");
}

#[test]
fn sequential_warms_up_then_anneals() {
    let q = Sequential::new(
        &[
            Basic::Linear {
                start_factor: 0.1,
                end_factor: 1.0,
                total_iters: 4,
            },
            Basic::Cosine {
                t_max: None,
                eta_min: 0.0,
            },
        ],
        Milestones::new(&[4]).unwrap(),
    )
    .unwrap();
    let r = rates(Schedule::Sequential(q), 1.0, 12);
    assert!(near(r[0], 0.1) && near(r[2], 0.55));
    // at the milestone the cosine starts from η (its closed form at 0) and
    // spans the 8 steps left
    assert_eq!(r[4], 1.0);
    assert!(near(r[8], 0.5), "{r:?}");
    assert!(Sequential::new(
        &[Basic::Exponential { gamma: 0.5 }],
        Milestones::new(&[3]).unwrap()
    )
    .is_none());
}

#[test]
fn milestones_must_increase_from_one() {
    assert!(Milestones::new(&[3, 7]).is_some());
    assert!(Milestones::new(&[0, 7]).is_none());
    assert!(Milestones::new(&[7, 7]).is_none());
    assert!(Milestones::new(&[1; 9]).is_none());
}
