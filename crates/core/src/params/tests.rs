use super::*;

/// The positions a pointer reaches on a slider `px` CSS pixels wide
/// (the browser rounds each pixel to a whole position), snapped.
fn dragged(info: &ParamInfo, px: u32) -> Vec<f64> {
    let per_px = info.positions() / f64::from(px);
    (0..=px)
        .map(|k| info.from_slider(info.snap((f64::from(k) * per_px).round(), per_px)))
        .collect()
}

#[test]
fn a_drag_passes_through_every_stop_the_keys_name() {
    let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
    for px in [145, 199, 458] {
        let got = dragged(&lr, px);
        // Every stop of every decade (1e-4, 1.1e-4 … 9, 10).
        for e in -4..=1 {
            for m in lr.stops() {
                let s = round_sig(m * 10f64.powi(e), 3);
                if s <= lr.max {
                    assert!(got.contains(&s), "η = {s} not reached on a {px} px slider");
                }
            }
        }
    }
    // The lessons' values, and γ's hundredths (lesson 5's 0.99).
    assert!([0.5, 0.6].iter().all(|v| dragged(&lr, 199).contains(v)));
    let gamma = ParamInfo::of(OptKind::Momentum, HyperKey::Gamma);
    let got = dragged(&gamma, 199);
    assert!([0.5, 0.9, 0.99].iter().all(|v| got.contains(v)), "{got:?}");
    // β2's end (0.9999, lesson 8) stays the last pixel's; its pixel is
    // wider than its stops: no snap, the positions as they are.
    let b2 = ParamInfo::of(OptKind::Adam, HyperKey::Beta2);
    assert_eq!(dragged(&b2, 199).last(), Some(&0.9999));
    assert_eq!(b2.snap(4321.0, 50.0), 4321.0);
}

#[test]
fn a_snap_moves_a_position_by_at_most_half_a_pixel() {
    let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
    // Without the snap a 199 px slider never shows η = 0.5 or 0.6.
    let per_px = lr.positions() / 199.0;
    let plain: Vec<f64> = (0..=199)
        .map(|k| lr.from_slider((f64::from(k) * per_px).round()))
        .collect();
    assert!(!plain.contains(&0.5) && !plain.contains(&0.6));
    for k in 0..=1000 {
        let pos = f64::from(k);
        let s = lr.snap(pos, per_px);
        assert!((s - pos).abs() <= (per_px + 1.0) / 2.0, "{pos} → {s}");
    }
    // No pixel size, no snap; the off position stays off.
    assert_eq!(lr.snap(123.0, 0.0), 123.0);
    let lambda = ParamInfo::of(OptKind::Gd, HyperKey::Lambda);
    assert_eq!(lambda.from_slider(lambda.snap(0.0, 5.0)), 0.0);
}

#[test]
fn a_press_at_the_end_of_the_range_moves_nothing() {
    let b2 = ParamInfo::of(OptKind::Adam, HyperKey::Beta2);
    assert!(b2.at_end(0.9999, true) && !b2.at_end(0.9999, false));
    assert!(!b2.at_end(0.999, true));
    let b1 = ParamInfo::of(OptKind::Adam, HyperKey::Beta1);
    assert!(b1.at_end(0.0, false) && !b1.at_end(0.0, true));
}
use crate::optim::{Key, ALL_KINDS};

#[test]
fn every_numeric_key_has_a_slider_and_defaults_sit_inside_or_at_an_end() {
    for kind in ALL_KINDS {
        for &key in kind.keys() {
            let Key::Hyper(key) = key else { continue };
            let info = ParamInfo::of(kind, key);
            assert!(info.min < info.max);
            let pos = info.to_slider(key.get(&kind.defaults(crate::Convention::D2l)));
            assert!((0.0..=info.positions()).contains(&pos));
        }
    }
}

#[test]
fn a_nudge_moves_to_the_next_clean_value() {
    let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
    for (v, up, want) in [
        (0.4, true, 0.41),
        (0.4, false, 0.39),
        (0.41, true, 0.42),
        (0.99, true, 1.0),
        (1.0, true, 1.1),
        (1.0, false, 0.99),
        (0.1, false, 0.099),
        (0.123, true, 0.13),
        (0.123, false, 0.12),
        (10.0, true, 10.0),
        (1e-4, false, 1e-4),
        (0.0, true, 1e-4),
        (25.0, true, 25.0),
        (25.0, false, 10.0),
    ] {
        assert_eq!(lr.nudge(v, up), want, "{v} {up}");
    }
    let g = ParamInfo::of(OptKind::Momentum, HyperKey::Gamma);
    for (v, up, want) in [
        (0.5, true, 0.51),
        (0.5, false, 0.49),
        (0.505, true, 0.51),
        (0.505, false, 0.5),
        (0.99, true, 0.999),
        (0.0, false, 0.0),
    ] {
        assert_eq!(g.nudge(v, up), want, "{v} {up}");
    }
    let b2 = ParamInfo::of(OptKind::Adam, HyperKey::Beta2);
    assert_eq!(b2.nudge(0.999, true), 0.9999);
    assert_eq!(b2.nudge(0.999, false), 0.998);
    assert_eq!(lr.nudge(f64::NAN, true), 1e-4);
}

#[test]
fn a_fine_step_is_the_next_value_of_three_digits_and_back() {
    let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
    for (v, up, want) in [
        (0.4, true, 0.401),
        (0.401, false, 0.4),
        (0.4, false, 0.399),
        (0.1, false, 0.0999),
        (0.999, true, 1.0),
        (1.0, false, 0.999),
        (0.4035, true, 0.404),
        (0.4035, false, 0.403),
        (10.0, true, 10.0),
        (1e-4, false, 1e-4),
    ] {
        assert_eq!(lr.fine(v, up), want, "{v} {up}");
    }
    let eps = ParamInfo::of(OptKind::Adam, HyperKey::Eps);
    assert_eq!(eps.fine(eps.fine(9e-7, true), false), 9e-7);
    let l = ParamInfo::of(OptKind::Adamw, HyperKey::Lambda);
    assert_eq!((l.fine(l.min, false), l.fine(0.0, true)), (0.0, l.min));
    let g = ParamInfo::of(OptKind::Momentum, HyperKey::Gamma);
    assert_eq!((g.fine(0.5, true), g.fine(0.501, false)), (0.501, 0.5));
}

#[test]
fn an_arrow_lands_on_the_fewest_digits_about_a_hundredth_along() {
    let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
    let walk = |info: &ParamInfo, from: f64, up: bool, n: usize| {
        let mut out = vec![from];
        for _ in 0..n {
            out.push(info.arrow(*out.last().unwrap(), up));
        }
        out
    };
    // Lesson 1's "try 0.6" from 0.4, and back.
    assert_eq!(walk(&lr, 0.4, true, 6), [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]);
    assert_eq!(walk(&lr, 0.6, false, 2), [0.6, 0.5, 0.4]);
    assert_eq!(walk(&lr, 1.0, true, 4), [1.0, 1.1, 1.2, 1.5, 1.7]);
    assert_eq!(walk(&lr, 0.449, true, 1), [0.449, 0.5]);
    assert_eq!(walk(&lr, 0.449, false, 1), [0.449, 0.4]);
    assert_eq!(
        lr.stops(),
        [1.0, 1.1, 1.2, 1.5, 1.7, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]
    );
    let eps = ParamInfo::of(OptKind::Adam, HyperKey::Eps);
    assert_eq!(eps.stops(), [1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0, 9.0]);
    assert_eq!(walk(&eps, 1e-8, true, 3), [1e-8, 1.5e-8, 2e-8, 3e-8]);
    // Its default is on the way, up and down.
    assert!(walk(&eps, 1e-12, true, 100).contains(&1e-8));
    assert!(walk(&eps, 1.0, false, 100).contains(&1e-8));
    assert!(walk(&lr, 1e-4, true, 100).contains(&0.001));
    // Every press in range moves by a third of a press to two presses,
    // in its direction, to at most two digits from a value of two.
    for info in [lr, eps, ParamInfo::of(OptKind::Adagrad, HyperKey::LrDecay)] {
        let press = (info.max / info.min).log10() / 100.0;
        for up in [true, false] {
            let from = if up { info.min } else { info.max };
            let vs = walk(&info, from, up, 100);
            for w in vs.windows(2) {
                let (a, b) = (w[0], w[1]);
                if info.zero && a == info.min && b == 0.0 {
                    break; // off
                }
                if a == b {
                    assert_eq!(b, if up { info.max } else { info.min });
                    continue;
                }
                let moved = (b / a).log10().abs();
                // (The last press stops at the end, however near.)
                let end = b == info.min || b == info.max;
                assert!(moved >= press / 3.0 - 1e-9 || end, "{a} → {b}");
                assert!(moved <= 2.0 * press + 1e-9, "{a} → {b}");
                assert_eq!((b > a), up, "{a} → {b}");
                assert_eq!(round_sig(b, 2), b, "{a} → {b}");
                assert_eq!(info.arrow(b, !up), a, "{a} → {b}: and back");
            }
            let end = if up {
                info.max
            } else if info.zero {
                0.0
            } else {
                info.min
            };
            assert_eq!(*vs.last().unwrap(), end);
        }
    }
    // The ends and the off position.
    assert_eq!(lr.arrow(10.0, true), 10.0);
    assert_eq!(lr.arrow(25.0, true), 25.0);
    assert_eq!(lr.arrow(f64::NAN, true), 1e-4);
    let l = ParamInfo::of(OptKind::Adamw, HyperKey::Lambda);
    assert_eq!(l.arrow(l.min, false), 0.0);
    assert_eq!(l.arrow(0.0, true), l.min);
    assert_eq!(l.arrow(0.0, false), 0.0);
    // A linear slider moves a hundredth of its positions, as before.
    let g = ParamInfo::of(OptKind::Momentum, HyperKey::Gamma);
    assert_eq!(
        g.arrow(0.5, true),
        g.from_slider(g.to_slider(0.5) + 9.99_f64.round())
    );
}

#[test]
fn the_new_keys_have_their_scales_and_off_is_the_leftmost_position() {
    let tau = ParamInfo::of(OptKind::Momentum, HyperKey::Dampening);
    assert!(!tau.log && (tau.min, tau.max) == (0.0, 1.0));
    assert_eq!(tau.from_slider(tau.to_slider(0.3)), 0.3);
    let mu = ParamInfo::of(OptKind::Rmsprop, HyperKey::Momentum);
    assert!(!mu.log && (mu.min, mu.max) == (0.0, 0.99));
    assert_eq!(mu.from_slider(mu.positions()), 0.99);
    assert_eq!(mu.from_slider(mu.to_slider(0.9)), 0.9);
    for (kind, key) in [
        (OptKind::Adagrad, HyperKey::LrDecay),
        (OptKind::Adagrad, HyperKey::InitialAccumulatorValue),
        (OptKind::Gd, HyperKey::Lambda),
        (OptKind::Lion, HyperKey::Lambda),
        (OptKind::Adamw, HyperKey::Lambda),
        (OptKind::AdamL2, HyperKey::Lambda),
    ] {
        let p = ParamInfo::of(kind, key);
        assert!(p.log && p.zero, "{kind:?} {key:?}");
        assert_eq!(p.to_slider(0.0), 0.0);
        assert_eq!(p.from_slider(0.0), 0.0, "leftmost is off");
        assert_eq!(p.from_slider(1.0), p.min);
        assert_eq!(p.from_slider(SLIDER_STEPS), p.max);
        assert_eq!(p.to_slider(p.min), 1.0);
        let v = 0.01;
        assert!((p.from_slider(p.to_slider(v)) - v).abs() / v < 0.012);
        assert_eq!(p.nudge(p.min, false), 0.0);
        assert_eq!(p.nudge(0.0, true), p.min);
    }
    // The seed's sliders are as they were: η, ε.
    for (kind, key) in [(OptKind::Adam, HyperKey::Eps), (OptKind::Gd, HyperKey::Lr)] {
        let p = ParamInfo::of(kind, key);
        assert!(!p.zero, "{kind:?} {key:?}");
        assert_eq!(p.from_slider(0.0), p.min);
    }
}

#[test]
fn slider_round_trips_clean_values() {
    let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
    for v in [1e-3, 0.01, 0.1, 1.0] {
        assert!(
            (lr.from_slider(lr.to_slider(v)) - v).abs() / v < 0.012,
            "{v}"
        );
    }
    assert_eq!(lr.from_slider(SLIDER_STEPS), 10.0);
    assert_eq!(lr.from_slider(0.0), 1e-4);
    let g = ParamInfo::of(OptKind::Momentum, HyperKey::Gamma);
    assert_eq!(g.from_slider(g.to_slider(0.5)), 0.5);
    assert_eq!(g.symbol, "γ");
    let b2 = ParamInfo::of(OptKind::Adam, HyperKey::Beta2);
    assert_eq!(b2.from_slider(b2.to_slider(0.999)), 0.999);
    assert_eq!(
        ParamInfo::of(OptKind::Adam, HyperKey::Eps).to_slider(0.0),
        0.0
    );
}
