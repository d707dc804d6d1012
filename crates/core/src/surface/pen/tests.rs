//! The pen's coverage, ends, joints, hairlines, table and blend.

use super::blend::{div_65025, mix};
use super::profile::Trapezoid;
use super::*;

fn sum(pen: &mut Pen) -> f64 {
    let mut s = 0.0;
    for j in 0..pen.h {
        for i in 0..pen.w {
            s += f64::from(pen.coverage(i, j)) / 255.0;
        }
    }
    s
}

#[test]
fn an_axis_aligned_line_covers_its_area() {
    let mut pen = Pen::default();
    pen.begin(20, 10);
    // 10 px long, 2 px wide, centred between rows 4 and 5: rows 4 and
    // 5 fully covered from x = 5 to 15, nothing else.
    pen.line(&[(5.0, 5.0), (15.0, 5.0)], 2.0);
    assert_eq!(pen.coverage(5, 4), 255);
    assert_eq!(pen.coverage(14, 5), 255);
    assert_eq!(pen.coverage(4, 4), 0);
    assert_eq!(pen.coverage(15, 5), 0);
    assert_eq!(pen.coverage(10, 3), 0);
    assert!((sum(&mut pen) - 20.0).abs() < 1e-9);
}

#[test]
fn a_half_pixel_offset_splits_coverage() {
    let mut pen = Pen::default();
    pen.begin(20, 10);
    // 1 px wide on y = 5.0: half of row 4, half of row 5.
    pen.line(&[(2.0, 5.0), (12.0, 5.0)], 1.0);
    assert_eq!(pen.coverage(6, 4), 128);
    assert_eq!(pen.coverage(6, 5), 128);
    // A butt end at x = 12.5 covers half of pixel 12.
    pen.begin(20, 10);
    pen.line(&[(2.0, 5.5), (12.5, 5.5)], 1.0);
    assert_eq!(pen.coverage(12, 5), 128);
    assert_eq!(pen.coverage(11, 5), 255);
}

#[test]
fn a_hairline_puts_one_pixel_of_ink_per_column() {
    let mut pen = Pen::default();
    pen.begin(60, 60);
    // 45°, 1 px wide: 40 columns, one pixel of ink each (not the
    // band's 40·√2 px² area).
    pen.line(&[(10.0, 10.0), (50.0, 50.0)], 1.0);
    assert!((sum(&mut pen) - 40.0).abs() < 0.3, "{}", sum(&mut pen));
    // Split between the two pixels across: on y = x + 0.5 the column's
    // centre is half a pixel below a row's centre.
    pen.begin(60, 60);
    pen.line(&[(10.0, 10.5), (50.0, 50.5)], 1.0);
    assert!((127..=128).contains(&pen.coverage(20, 20)));
    assert!((127..=128).contains(&pen.coverage(20, 21)));
}

#[test]
fn the_table_gives_the_exact_coverage_to_a_level_or_two() {
    let mut table = Table::default();
    for half in [0.75, 1.0, 1.75] {
        let table = table.of(half);
        for deg in [3.0_f64, 10.0, 22.5, 30.0, 45.0] {
            let (a, b) = (deg.to_radians().cos(), deg.to_radians().sin());
            let exact = Trapezoid::new(a, b);
            let table = table.trapezoid(a, b);
            for i in 0..400 {
                let e = i as f64 / 100.0;
                let want = exact.below(half - e) - exact.below(-half - e);
                let got = table.band(half, half - exact.outer(), e);
                assert!(
                    (want - got).abs() < 2.5 / 255.0,
                    "{half} {deg}° {e}: {want} vs {got}"
                );
            }
        }
    }
}

#[test]
fn a_diagonal_line_covers_its_area() {
    let mut pen = Pen::default();
    pen.begin(60, 60);
    let (l, w) = (40.0_f64, 1.5);
    let d = l / 2f64.sqrt();
    pen.line(&[(10.0, 10.0), (10.0 + d, 10.0 + d)], w);
    // Area l·w, to the 8-bit rounding of each pixel and the square
    // ends' corners (coverage along × across: within 0.1 px² each).
    let mut n = 0.0;
    for j in 0..60 {
        for i in 0..60 {
            if pen.coverage(i, j) > 0 {
                n += 1.0;
            }
        }
    }
    let err = (sum(&mut pen) - l * w).abs();
    assert!(err < n * 0.5 / 255.0 + 0.2, "{}", sum(&mut pen));
    // Most of it is the rounding, not the ends.
    assert!(err < 0.3, "{err}");
}

#[test]
fn crossings_and_joints_show_once() {
    let mut pen = Pen::default();
    pen.begin(30, 30);
    pen.line(&[(0.0, 15.0), (30.0, 15.0)], 2.0);
    pen.line(&[(15.0, 0.0), (15.0, 30.0)], 2.0);
    // The crossing is not counted twice: 2·30·2 − 2·2.
    assert!((sum(&mut pen) - 116.0).abs() < 1e-9);
    // A straight line split into many segments covers what one does.
    pen.begin(30, 30);
    let pts: Vec<_> = (0..=30).map(|i| (i as f64, 7.3 + 0.2 * i as f64)).collect();
    pen.line(&pts, 1.0);
    let many = sum(&mut pen);
    pen.begin(30, 30);
    pen.line(&[pts[0], pts[30]], 1.0);
    assert!(
        (sum(&mut pen) - many).abs() < 0.05,
        "{many} vs {}",
        sum(&mut pen)
    );
}

#[test]
fn a_closed_line_shows_no_seam() {
    // A square loop starting mid-edge: the start is a joint like any
    // other, so the pixel there is as covered as its neighbours.
    let mut pen = Pen::default();
    pen.begin(30, 30);
    let sq = [
        (15.5, 5.3),
        (25.0, 5.3),
        (25.0, 25.0),
        (5.0, 25.0),
        (5.0, 5.3),
        (15.5, 5.3),
    ];
    pen.line(&sq, 1.0);
    assert_eq!(pen.coverage(15, 5), pen.coverage(12, 5));
    assert_eq!(pen.coverage(14, 5), pen.coverage(12, 5));
    assert!(pen.coverage(12, 5) > 200);
    // The same points as an open line (the last one moved off the
    // first): butt ends there, each covering half of pixel 15.
    pen.begin(30, 30);
    let mut open = sq;
    open[5].0 = 15.5 + 1e-9;
    pen.line(&open, 1.0);
    assert!(pen.coverage(15, 5) < pen.coverage(12, 5));
}

#[test]
fn ink_blends_once_and_forgets() {
    let mut pen = Pen::default();
    pen.begin(4, 4);
    let mut rgba = vec![0u8; 64];
    for px in rgba.chunks_mut(4) {
        px.copy_from_slice(&[100, 50, 0, 255]);
    }
    pen.line(&[(0.0, 2.0), (4.0, 2.0)], 2.0);
    pen.line(&[(0.0, 2.0), (4.0, 2.0)], 2.0);
    pen.ink(&mut rgba, [255, 255, 255], 0.5);
    // 0.5 → 128/255 of white over (100, 50, 0), once.
    let t = 128.0 / 255.0;
    let want = |d: f64| (d + (255.0 - d) * t + 0.5) as u8;
    assert_eq!(
        &rgba[4 * 4..4 * 4 + 4],
        &[want(100.0), want(50.0), want(0.0), 255]
    );
    assert_eq!(&rgba[..4], &[100, 50, 0, 255]);
    // Inked pixels are forgotten: a second ink changes nothing.
    let before = rgba.clone();
    pen.ink(&mut rgba, [255, 255, 255], 0.5);
    assert_eq!(rgba, before);
}

#[test]
fn bad_input_draws_nothing_and_never_panics() {
    let mut pen = Pen::default();
    pen.begin(10, 10);
    pen.line(&[(f64::NAN, 1.0), (5.0, 5.0)], 1.0);
    pen.line(&[(1.0, 1.0), (1.0, 1.0)], 1.0);
    pen.line(&[(1.0, 1.0), (5.0, 5.0)], f64::NAN);
    pen.line(&[(1.0, 1.0), (5.0, 5.0)], -1.0);
    pen.line(&[(-1e300, -1e300), (-1e300 + 1.0, -1e300)], 1.0);
    pen.line(&[(f64::INFINITY, 3.0), (2.0, 3.0)], 1.0);
    assert_eq!(sum(&mut pen), 0.0);
    // Far outside, or crossing the whole picture from far away.
    pen.line(&[(-1e9, 5.0), (1e9, 5.0)], 1.0);
    assert!((sum(&mut pen) - 10.0).abs() < 20.0 * 0.5 / 255.0);
    let mut small = vec![0u8; 8];
    pen.ink(&mut small, [255, 255, 255], 1.0);
    assert_eq!(small, vec![0u8; 8]);
}

#[test]
fn lines_across_bands_cover_their_area_and_ink_row_by_row_as_whole() {
    // Vertical and slanted lines crossing several bands of rows (and a
    // band edge mid-stroke): the area is whole, nothing lost at the seams.
    let mut pen = Pen::default();
    pen.begin(40, 70);
    pen.line(&[(10.0, 3.0), (10.0, 60.0)], 2.0);
    assert!((sum(&mut pen) - 57.0 * 2.0).abs() < 1e-9);
    let picture = |w: usize, h: usize| -> Vec<u8> {
        (0..w * h * 4)
            .map(|k| if k % 4 == 3 { 255 } else { (k * 7 % 251) as u8 })
            .collect()
    };
    let draw = |pen: &mut Pen| {
        pen.begin(40, 70);
        pen.line(&[(3.0, 2.0), (30.0, 47.5), (36.0, 66.0)], 2.0);
        pen.line(&[(5.0, 40.0), (35.0, 31.0)], 3.4);
    };
    let mut whole = picture(40, 70);
    draw(&mut pen);
    pen.ink(&mut whole, [255, 255, 255], 0.45);
    let mut rows = picture(40, 70);
    draw(&mut pen);
    let (px, _) = rows.as_chunks_mut::<4>();
    for (j, row) in px.chunks_exact_mut(40).enumerate() {
        pen.ink_row(j, row, [255, 255, 255], 0.45);
    }
    assert_eq!(whole, rows);
    assert_ne!(whole, picture(40, 70));
    // The last row ended the ink: nothing is left to draw.
    assert_eq!((0..70).map(|j| pen.coverage(10, j)).max(), Some(0));
}

#[test]
fn the_blends_division_is_exact_for_every_numerator() {
    // Every numerator mix can make: d·255² + (s − d)·t + 32512 with
    // d, s ∈ 0..=255 and t ∈ 0..=255² lies in 0..=255·255² + 32512.
    for x in 0..=255 * 65025 + 32512 {
        assert_eq!(div_65025(x), x / 65025, "{x}");
    }
    assert_eq!(mix(100, 255, 0), 100);
    assert_eq!(mix(100, 255, 65025), 255);
    assert_eq!(mix(200, 0, 65025), 0);
}

/// A segment's coverage of pixel (i, j) computed directly, as the pen
/// defines it (ends, joints, across), with no ranges or parts.
fn direct<P: profile::Profile>(g: &Seg, prof: P, i: usize, j: usize) -> u8 {
    let (cx, cy) = (i as f64 + 0.5 - g.p.0, j as f64 + 0.5 - g.p.1);
    let s = cx * g.t.0 + cy * g.t.1;
    let d = cx * g.n.0 + cy * g.n.1;
    let inside = g.half - prof.outer();
    let band8 = |x: f64| prof.band8(g.half, inside, x.abs());
    if s < 0.0 && !g.butt0 {
        band8((s * s + d * d).sqrt() * g.kd)
    } else if s > g.len && !g.butt1 {
        let e = s - g.len;
        band8((e * e + d * d).sqrt() * g.kd)
    } else {
        let mut c = prof.band(g.half, inside, (d * g.kd).abs());
        if g.butt0 {
            c *= prof.below(s * g.ks);
        }
        if g.butt1 {
            c *= prof.below((g.len - s) * g.ks);
        }
        profile::to8(c)
    }
}

#[test]
fn every_pixel_is_its_direct_coverage_to_a_level() {
    // Lines in every direction (exactly level and upright too), open and
    // closed, hairlines to thick, partly off the picture, over 4 bands.
    let (w, h) = (97, 61);
    let mut seed = 12345u64;
    let mut rnd = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let (mut levels, mut total) = (0, 0);
    for case in 0..=60 {
        let mut width = [0.25, 0.6, 1.0, 1.7, 2.0, 3.3][case % 6];
        let n = 2 + case % 7;
        let mut pts: Vec<(f64, f64)> = (0..n)
            .map(|_| (rnd() * 120.0 - 10.0, rnd() * 80.0 - 10.0))
            .collect();
        if case % 6 == 1 {
            // Level and upright segments.
            pts = vec![(3.3, 20.5), (60.7, 20.5), (60.7, 50.2), (3.3, 50.2)];
        }
        if case % 3 == 0 {
            pts.push(pts[0]);
        }
        if case == 60 {
            // A thin diagonal hairline's butt end covers a little beyond
            // its reach (a hairline's end is measured along the axes).
            width = 0.251_901_780_692_974_64;
            pts = vec![
                (43.006_270_729_069_31, 8.501_871_496_963_268),
                (19.127_992_046_578_548, 21.640_100_921_571_52),
            ];
        }
        let mut pen = Pen::default();
        pen.begin(w, h);
        pen.line(&pts, width);
        let mut want = vec![0u8; w * h];
        let segs = pen.segs.clone();
        let mut table = std::mem::take(&mut pen.table);
        for g in &segs {
            for j in 0..h {
                for i in 0..w {
                    let c = if g.b == 0.0 {
                        direct(g, profile::Box1, i, j)
                    } else {
                        direct(g, table.of(g.half).trapezoid(g.a, g.b), i, j)
                    };
                    want[j * w + i] = want[j * w + i].max(c);
                }
            }
        }
        pen.table = table;
        for j in 0..h {
            for i in 0..w {
                let (got, want) = (pen.coverage(i, j), want[j * w + i]);
                assert!(
                    got.abs_diff(want) <= 1,
                    "case {case} width {width} pixel ({i}, {j}): {got} vs {want} ({pts:?})"
                );
                levels += usize::from(got != want);
                total += usize::from(want > 0);
            }
        }
    }
    // Stepped and direct differ by rounding only, in few pixels.
    assert!(
        total > 20_000 && levels * 100 < total,
        "{levels} of {total}"
    );
}
