//! A pointer's client coordinates in an element's own CSS pixels. Under a
//! CSS `transform: scale(…)` on an ancestor (reveal.js scales its slides to
//! the window) `getBoundingClientRect()` is the scaled box while the layout
//! size (`clientWidth`/`clientHeight`), and so the drawing, is not: the
//! offset from the box's corner is divided by the box-to-layout ratio.

/// The client point (`cx`, `cy`) in the element's layout pixels, given its
/// bounding box (`left`, `top`, `width`, `height`) and layout size
/// (`layout_w`, `layout_h`). A degenerate box or size (zero, negative, not
/// finite) leaves that axis unscaled, as it was before scaling was known.
pub fn client_px(
    (cx, cy): (f64, f64),
    (left, top, width, height): (f64, f64, f64, f64),
    (layout_w, layout_h): (f64, f64),
) -> (f64, f64) {
    let ratio = |layout: f64, box_: f64| {
        let r = layout / box_;
        if layout > 0.0 && box_ > 0.0 && r.is_finite() {
            r
        } else {
            1.0
        }
    };
    (
        (cx - left) * ratio(layout_w, width),
        (cy - top) * ratio(layout_h, height),
    )
}

#[cfg(test)]
mod tests {
    use super::client_px;

    #[test]
    fn unscaled_is_the_offset_from_the_corner() {
        let p = client_px((130.0, 70.0), (100.0, 50.0, 600.0, 400.0), (600.0, 400.0));
        assert_eq!(p, (30.0, 20.0));
    }

    #[test]
    fn a_scaled_ancestor_is_undone() {
        // A 600×400 canvas on a slide scaled by 0.5: its box is 300×200.
        let p = client_px((250.0, 150.0), (100.0, 50.0, 300.0, 200.0), (600.0, 400.0));
        assert_eq!(p, (300.0, 200.0));
        // Scaled up by 1.6 (a 960-wide slide in a 1536-wide window).
        let p = client_px((160.0, 0.0), (0.0, 0.0, 960.0, 640.0), (600.0, 400.0));
        assert!((p.0 - 100.0).abs() < 1e-12 && p.1 == 0.0);
    }

    #[test]
    fn a_degenerate_box_leaves_the_offset_unscaled() {
        for (w, lw) in [(0.0, 600.0), (600.0, 0.0), (f64::NAN, 600.0), (-5.0, 600.0)] {
            let p = client_px((130.0, 70.0), (100.0, 50.0, w, 400.0), (lw, 400.0));
            assert_eq!(p, (30.0, 20.0));
        }
    }
}
