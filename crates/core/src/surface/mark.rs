//! How run i is told apart from the others: an Okabe–Ito colour for the
//! first seven, then the same colours again with a dash pattern and a
//! different dot shape (runs 8–14), then a third pattern and shape (15–16).
//! Colour alone would repeat after seven (NAdam took GD's orange); the
//! dash and the shape also survive grey-scale printing and colour blindness.

use super::PALETTE;

/// The shape of a run's dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    /// A square (runs 1–7, the dots the figures always had).
    Square,
    /// A disc.
    Circle,
    /// A triangle pointing up.
    Triangle,
}

/// A run's colour, dash pattern and dot shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// `#RRGGBB`.
    pub colour: &'static str,
    /// Dash and gap lengths in px at a 2 px line (empty: solid).
    pub dash: &'static [f64],
    /// The dot shape.
    pub marker: Marker,
}

/// The three styles, in the order they are used.
const STYLES: [(&[f64], Marker); 3] = [
    (&[], Marker::Square),
    (&[7.0, 4.0], Marker::Circle),
    (&[2.0, 3.0], Marker::Triangle),
];

/// The mark of the scene's `i`-th run (0-based). Every one of the first
/// 21 is different; after that they repeat.
pub fn mark(i: usize) -> Mark {
    let n = PALETTE.len();
    let (dash, marker) = STYLES[(i / n) % STYLES.len()];
    Mark {
        colour: PALETTE[i % n],
        dash,
        marker,
    }
}

impl Mark {
    /// The dash pattern as SVG's `stroke-dasharray` value (`None`: solid).
    pub fn dasharray(&self) -> Option<String> {
        if self.dash.is_empty() {
            return None;
        }
        let parts: Vec<String> = self.dash.iter().map(|d| format!("{d}")).collect();
        Some(parts.join(" "))
    }

    /// The dot's outline as a closed polygon around (`x`, `y`) of about
    /// `size` px across, for renderers without a native shape (`None`: a
    /// square or circle, which every renderer draws itself).
    pub fn triangle(&self, x: f64, y: f64, size: f64) -> Option<[(f64, f64); 3]> {
        (self.marker == Marker::Triangle).then(|| {
            // Slightly larger than the square so it reads at the same weight.
            let r = size * 0.62;
            [
                (x, y - r),
                (x + r * 0.866, y + r * 0.5),
                (x - r * 0.866, y + r * 0.5),
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::MAX_OPTIMIZERS;

    #[test]
    fn every_run_a_scene_can_have_is_marked_differently() {
        let marks: Vec<Mark> = (0..MAX_OPTIMIZERS).map(mark).collect();
        for (i, a) in marks.iter().enumerate() {
            for b in &marks[i + 1..] {
                assert!(
                    a.colour != b.colour || a.dash != b.dash || a.marker != b.marker,
                    "{a:?} = {b:?}"
                );
            }
        }
        // The first seven are the figures' solid squares, in palette order.
        for (i, m) in marks.iter().take(7).enumerate() {
            assert_eq!(
                (m.colour, m.dash.len(), m.marker),
                (PALETTE[i], 0, Marker::Square)
            );
        }
        // Runs 1 and 8 share the orange but not the dash or the shape.
        assert_eq!(marks[0].colour, marks[7].colour);
        assert!(marks[7].dash != marks[0].dash && marks[7].marker != marks[0].marker);
        assert_eq!(marks[7].dasharray().as_deref(), Some("7 4"));
        assert_eq!(marks[0].dasharray(), None);
        assert!(
            marks[14].triangle(0.0, 0.0, 5.0).is_some()
                && marks[0].triangle(0.0, 0.0, 5.0).is_none()
        );
    }
}
