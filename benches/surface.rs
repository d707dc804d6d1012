//! Native benchmarks (criterion): the heatmap (value → log scale → colormap
//! → RGBA), the isolines, and the page's whole picture (the heatmap with
//! its isolines and minima inked in, as the page's `render_surface` draws
//! it before `putImageData`) at 1280×800 and 2560×1600 samples on
//! Rosenbrock and the seed's bowl, and a replay of 7 optimizers × 1000
//! steps.
//!
//! `cargo bench --bench surface`; `make bench` runs it with
//! `-C target-cpu=native` and puts the numbers beside the browser's in
//! BENCHMARKS.md (it reads target/criterion/*/new/estimates.json).

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{black_box, criterion_group, BenchmarkId, Criterion};
    use gradscape::diagnose::diagnose;
    use gradscape::geometry::Viewport;
    use gradscape::landscape::Landscape;
    use gradscape::picture::{coarse_size, Ink, Picture};
    use gradscape::run::simulate_with;
    use gradscape::surface::{isolines, Grid, LogScale, Raster};
    use gradscape::Scene;
    use std::time::Duration;

    const SIZES: [(usize, usize); 2] = [(1280, 800), (2560, 1600)];

    fn surfaces() -> [(&'static str, Landscape); 2] {
        [
            ("bowl", Landscape::default()),
            ("rosenbrock", Landscape::from_kind("rosenbrock").unwrap()),
        ]
    }

    fn raster(c: &mut Criterion) {
        let mut g = c.benchmark_group("raster");
        g.sample_size(30).measurement_time(Duration::from_secs(3));
        let mut r = Raster::default();
        for (name, l) in surfaces() {
            for (w, h) in SIZES {
                let view = l.default_view();
                g.bench_with_input(BenchmarkId::new(name, format!("{w}x{h}")), &l, |b, l| {
                    b.iter(|| r.render(l, view, w, h)[0])
                });
            }
        }
        g.finish();
    }

    /// What `bench_page_surface` has the page draw (DPR 1, not presenting:
    /// the page's line widths at 1×), less the canvas calls.
    fn picture(c: &mut Criterion) {
        let mut g = c.benchmark_group("picture");
        g.sample_size(30).measurement_time(Duration::from_secs(3));
        let mut p = Picture::default();
        for (name, l) in surfaces() {
            for (w, h) in SIZES {
                let vp = Viewport::new(l.default_view(), w as f64, h as f64);
                let ink = Ink::page(1.0, false, 1.0);
                g.bench_with_input(BenchmarkId::new(name, format!("{w}x{h}")), &l, |b, l| {
                    b.iter(|| {
                        p.sample(l, &vp, (w, h), coarse_size(&vp, false));
                        p.colour(l, &vp, 1.0, Some(ink))[0]
                    })
                });
            }
        }
        g.finish();
    }

    fn isolines_bench(c: &mut Criterion) {
        let mut g = c.benchmark_group("isolines");
        g.sample_size(10).measurement_time(Duration::from_secs(4));
        for (name, l) in surfaces() {
            for (w, h) in SIZES {
                let grid = Grid::sample(&l, l.default_view(), w, h);
                let levels = LogScale::of(&grid).levels(14);
                g.bench_with_input(
                    BenchmarkId::new(name, format!("{w}x{h}")),
                    &grid,
                    |b, grid| {
                        b.iter(|| {
                            levels
                                .iter()
                                .map(|&(_, level)| isolines(grid, level).len())
                                .sum::<usize>()
                        })
                    },
                );
            }
        }
        g.finish();
    }

    fn replay(c: &mut Criterion) {
        let scene = Scene::from_json(include_str!("race-7x1000.json")).unwrap();
        c.bench_function("replay/7x1000", |b| {
            b.iter(|| {
                let runs = simulate_with(black_box(&scene), false).unwrap();
                let diags: Vec<_> = runs.iter().map(|t| diagnose(&scene.landscape, t)).collect();
                (runs.len(), diags.len())
            })
        });
    }

    criterion_group!(benches, raster, picture, isolines_bench, replay);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
