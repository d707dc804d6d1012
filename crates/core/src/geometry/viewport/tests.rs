//! The viewport's tests: the figure's height on each screen, world ↔ pixels,
//! far points, zoom, pan, the handle's step, snap, the view's limits, the
//! gestures.

use super::*;

fn vp() -> Viewport {
    Viewport::new(View::new([-2.0, 2.0], [-1.0, 3.0]), 800.0, 400.0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn a_flat_view_gets_half_its_width_where_there_is_room() {
    let flat = View::new([-1.2, 1.2], [-0.35, 0.38]);
    assert_eq!(figure_height(&flat, 1100.0, 700.0), 550.0);
    assert_eq!(figure_height(&flat, 1100.0, 400.0), 400.0);
    // A view taller than half its width keeps its aspect.
    let bowl = View::new([-6.0, 1.0], [-3.2, 2.2]);
    assert!((figure_height(&bowl, 700.0, 2000.0) - 540.0).abs() < 1e-9);
    assert_eq!(
        fit_height(
            &flat,
            900.0,
            1080.0,
            Screen::Wide {
                top: 60.0,
                bar: 44.0
            }
        ),
        450.0
    );
}

#[test]
fn a_two_row_time_bar_keeps_its_second_row_on_screen() {
    // 1180×820, a lesson's caption: the figure at 235 px; the touch
    // screen's bar is two rows (96 px).
    let bowl = View::new([-6.0, 1.0], [-3.2, 2.2]);
    let one = fit_height(
        &bowl,
        860.0,
        820.0,
        Screen::Wide {
            top: 235.0,
            bar: 44.0,
        },
    );
    let two = fit_height(
        &bowl,
        860.0,
        820.0,
        Screen::Wide {
            top: 235.0,
            bar: 96.0,
        },
    );
    assert_eq!(one, 820.0 - 235.0 - 70.0);
    // A tall window keeps the legend's first lines on screen too.
    let tall = fit_height(
        &bowl,
        1460.0,
        1080.0,
        Screen::Wide {
            top: 297.0,
            bar: 44.0,
        },
    );
    assert_eq!(tall, 1080.0 - 297.0 - 70.0 - 60.0);
    assert_eq!(two, 820.0 - 235.0 - 96.0 - 26.0);
    let narrow = fit_height(
        &bowl,
        900.0,
        900.0,
        Screen::Narrow {
            top: 200.0,
            bar: f64::NAN,
        },
    );
    assert_eq!(narrow, 900.0 - 200.0 - 70.0);
}

#[test]
fn corners_map_to_the_rectangle() {
    let g = vp();
    assert_eq!(g.px([-2.0, 3.0]), (0.0, 0.0));
    assert_eq!(g.px([2.0, -1.0]), (800.0, 400.0));
    assert_eq!(g.px([0.0, 1.0]), (400.0, 200.0));
    let s = Viewport {
        left: 62.0,
        top: 34.0,
        ..g
    };
    assert_eq!(s.px([-2.0, 3.0]), (62.0, 34.0));
    assert_eq!(s.world(62.0, 34.0), [-2.0, 3.0]);
}

#[test]
fn world_pixel_world_round_trips() {
    for g in [
        vp(),
        Viewport {
            left: 10.0,
            top: 7.5,
            ..vp()
        },
    ] {
        for p in [[0.3, -0.7], [-1.9, 2.9], [1.234, 0.001]] {
            let (x, y) = g.px(p);
            let q = g.world(x, y);
            assert!(close(p[0], q[0]) && close(p[1], q[1]), "{p:?} → {q:?}");
        }
        for (x, y) in [(0.0, 0.0), (123.4, 56.7), (800.0, 400.0)] {
            let p = g.world(x, y);
            let (x2, y2) = g.px(p);
            assert!(close(x, x2) && close(y, y2));
        }
    }
}

#[test]
fn far_points_are_clamped() {
    let (x, y) = vp().px([1e300, -1e300]);
    assert_eq!((x, y), (1e5, 1e5));
    assert!(!vp().inside(x, y));
    assert!(vp().inside(0.0, 400.0));
}

#[test]
fn zoom_keeps_the_point_under_the_cursor() {
    let g = vp();
    for (cx, cy, f) in [(100.0, 50.0, 0.5), (700.0, 333.0, 1.7), (400.0, 200.0, 0.9)] {
        let before = g.world(cx, cy);
        let z = Viewport {
            view: g.zoom_at(cx, cy, f),
            ..g
        };
        let after = z.world(cx, cy);
        assert!(close(before[0], after[0]) && close(before[1], after[1]));
        assert!(close(z.view.width(), g.view.width() * f));
        assert!(close(z.view.height(), g.view.height() * f));
    }
}

#[test]
fn pan_moves_the_window_by_dx_times_width_over_px() {
    let g = vp();
    let v = g.pan(80.0, -40.0);
    // 80 px of 800 px is a tenth of the 4-wide window; the world follows
    // the hand, so the window goes left; dragging up moves it down.
    assert!(close(v.x0, -2.4) && close(v.x1, 1.6));
    assert!(close(v.y0, -1.4) && close(v.y1, 2.6));
    assert_eq!(g.pan(0.0, 0.0), g.view);
    // The world point under the hand moves with the hand.
    let p = g.world(300.0, 100.0);
    let moved = Viewport {
        view: g.pan(15.0, 25.0),
        ..g
    };
    let (x, y) = moved.px(p);
    assert!(close(x, 315.0) && close(y, 125.0));
}

#[test]
fn the_handles_step_is_a_round_hundredth_of_the_view() {
    for (span, want) in [
        (6.5, 0.05),
        (10.0, 0.1),
        (4.0, 0.02),
        (1.0, 0.01),
        (0.3, 0.002),
        (3000.0, 20.0),
    ] {
        let s = nudge_step(span);
        assert!((s - want).abs() < want * 1e-12, "{span}: {s}");
        // A whole number of grains: the start stays on the grain.
        let k = s / grain(span);
        assert!((k - k.round()).abs() < 1e-9, "{span}: {k}");
    }
}

#[test]
fn snap_rounds_to_the_views_grain() {
    let v = View::new([-2.0, 2.0], [-1.0, 3.0]);
    assert_eq!(snap(&v, [0.52138, -0.77777]), [0.521, -0.778]);
    let wide = View::new([-2000.0, 2000.0], [0.0, 40.0]);
    assert_eq!(snap(&wide, [123.456, 1.23456]), [123.0, 1.23]);
    assert!(start_ok([1.0, -1e12]));
    assert!(!start_ok([f64::NAN, 0.0]) && !start_ok([2e12, 0.0]));
}

#[test]
fn view_limits() {
    assert!(view_ok(&View::new([-2.0, 2.0], [-1.0, 3.0])));
    assert!(!view_ok(&View::new([0.0, 1e-10], [0.0, 1.0])));
    assert!(!view_ok(&View::new([0.0, 2e9], [0.0, 1.0])));
    assert!(!view_ok(&View::new([2e12, 2e12 + 1.0], [0.0, 1.0])));
    assert!(!view_ok(&View::new([1.0, 0.0], [0.0, 1.0])));
    assert!(!view_ok(&View::new([0.0, f64::NAN], [0.0, 1.0])));
}

#[test]
fn gestures() {
    assert_eq!(wheel_factor(0.0, 0), 1.0);
    assert!(wheel_factor(100.0, 0) > 1.0 && wheel_factor(-100.0, 0) < 1.0);
    assert_eq!(wheel_factor(1e6, 2), WHEEL_MAX);
    assert!((wheel_factor(-1e6, 0) - 1.0 / WHEEL_MAX).abs() < 1e-12);
    assert_eq!(wheel_factor(f64::NAN, 0), 1.0);
    // A mouse notch zooms a steady step between ×1.1 and ×1.25.
    let notch = wheel_factor(100.0, 0);
    assert!((1.1..=1.25).contains(&notch), "{notch}");
    // Fifteen fast events cannot jump decades.
    assert!(wheel_factor(500.0, 0).powi(15) < 20.0);
    assert_eq!(wheel_factor(3.0, 1), wheel_factor(90.0, 0));
    assert_eq!(pinch((0.0, 0.0), (6.0, 8.0)), (10.0, [3.0, 4.0]));
    assert_eq!(pinch((5.0, 5.0), (5.0, 5.0)).0, 1.0);
    assert!(grabs_start((10.0, 10.0), 22.0, 10.0, false));
    assert!(!grabs_start((10.0, 10.0), 23.0, 10.0, false));
    assert!(
        grabs_start((10.0, 10.0), 32.0, 10.0, true) && !grabs_start((10.0, 10.0), 33.0, 10.0, true)
    );
    assert!(!is_drag((0.0, 0.0), 4.0, 0.0) && is_drag((0.0, 0.0), 3.0, 3.0));
}

#[test]
fn height_follows_the_aspect_within_the_fold() {
    let v = View::new([-2.0, 2.0], [-1.0, 1.0]);
    assert_eq!(
        fit_height(
            &v,
            800.0,
            2000.0,
            Screen::Wide {
                top: 60.0,
                bar: 44.0
            }
        ),
        400.0
    );
    assert_eq!(
        fit_height(
            &v,
            800.0,
            600.0,
            Screen::Wide {
                top: 60.0,
                bar: 44.0
            }
        ),
        310.0
    );
    assert_eq!(
        fit_height(
            &v,
            800.0,
            300.0,
            Screen::Narrow {
                top: 60.0,
                bar: 44.0
            }
        ),
        300.0 - 60.0 - BAR_ROW - BAR_MARGIN
    );
    // A phone on its side under a lesson's caption: the bar on screen
    // down to a 160 px strip, no less.
    for (top, want) in [
        (148.0, 390.0 - 148.0 - BAR_ROW - BAR_MARGIN),
        (230.0, 160.0),
    ] {
        assert_eq!(
            fit_height(&v, 844.0, 390.0, Screen::Narrow { top, bar: 44.0 }),
            want
        );
    }
    // Under a lesson's caption the figure ends above the time bar.
    let tall = View::new([-1.0, 3.0], [-1.0, 5.0]);
    assert_eq!(
        fit_height(
            &tall,
            740.0,
            1024.0,
            Screen::Narrow {
                top: 217.0,
                bar: 44.0
            }
        ),
        1024.0 - 217.0 - BAR_ROW - BAR_MARGIN
    );
    assert_eq!(
        fit_height(
            &v,
            100.0,
            2000.0,
            Screen::Wide {
                top: 60.0,
                bar: 44.0
            }
        ),
        120.0
    );
    // A phone's sticky figure leaves more than half the screen to the
    // controls, whatever the view's aspect (a tall fit window).
    let tall = View::new([0.0, 1.0], [0.0, 10.0]);
    assert_eq!(fit_height(&tall, 370.0, 844.0, Screen::Phone), 844.0 * 0.45);
}
