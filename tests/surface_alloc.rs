//! A surface re-rendered at the same size allocates nothing: the samples,
//! the per-column tables, a formula's registers and the RGBA pixels all
//! live in buffers the `Raster` keeps (counted by a global allocator, per
//! thread).
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::{Expr, Quadratic, Rastrigin};
use gradscape::surface::Raster;
use gradscape::Landscape;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn allocs() -> usize {
    ALLOCS.with(Cell::get)
}

#[test]
fn a_surface_change_at_the_same_size_allocates_nothing() {
    let pairs = [
        (
            Landscape::default(),
            Landscape::Quadratic(Quadratic {
                a: 0.3,
                ..Quadratic::default()
            }),
        ),
        (
            Landscape::Rastrigin(Rastrigin::default()),
            Landscape::Rastrigin(Rastrigin { a: 4.0 }),
        ),
        (
            Landscape::Expr(Expr::parse("sin(x)*cos(y) + 0.05*(x^2 + y^2)").unwrap()),
            Landscape::Expr(Expr::parse("sin(x)*cos(y) + 0.06*(x^2 + y^2)").unwrap()),
        ),
    ];
    for (a, b) in pairs {
        let mut r = Raster::default();
        let view = a.default_view();
        r.render(&a, view, 321, 187);
        let before = allocs();
        r.render(&b, view, 321, 187);
        r.render(&a, view, 300, 150);
        assert_eq!(allocs() - before, 0, "{b:?}");
        // The counter counts: a new raster allocates.
        let mut fresh = Raster::default();
        fresh.render(&b, view, 10, 10);
        assert!(allocs() > before);
    }
}
