//! How run i is told apart from the others by more than its colour: an
//! Okabe–Ito colour (seven, then again), and one of nine shapes — a dot
//! shape (square, disc, triangle, in turn) and a line (solid for runs 1–3,
//! dashed for 4–6, dotted for 7–9, then again). Any two of the first nine
//! runs differ in shape, so a colour-blind reader (or a grey-scale print)
//! tells them apart: with deuteranopia AdaGrad's green and Adam's purple
//! are one grey, GD's orange and RMSProp's vermillion one olive. Colour
//! and shape repeat together only after 63 runs.

use super::PALETTE;

/// The shape of a run's dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    /// A square (runs 1, 4, 7, …: the dots the figures always had).
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

/// The dot shapes, in turn.
const MARKERS: [Marker; 3] = [Marker::Square, Marker::Circle, Marker::Triangle];

/// The lines, three runs each: solid, dashed, dotted.
const DASHES: [&[f64]; 3] = [&[], &[7.0, 4.0], &[2.0, 3.0]];

/// The mark of the scene's `i`-th run (0-based): the first nine differ in
/// shape, and colour with shape in the first 63.
pub fn mark(i: usize) -> Mark {
    Mark {
        colour: PALETTE[i % PALETTE.len()],
        dash: DASHES[(i / MARKERS.len()) % DASHES.len()],
        marker: MARKERS[i % MARKERS.len()],
    }
}

impl Mark {
    /// The mark as `colour dash shape` (`#E69F00 solid square`): the
    /// page's `data-mark` and the SVG's, for tests and readers of the file.
    pub fn name(&self) -> String {
        let shape = match self.marker {
            Marker::Square => "square",
            Marker::Circle => "circle",
            Marker::Triangle => "triangle",
        };
        let dash = self.dasharray();
        format!(
            "{} {} {shape}",
            self.colour,
            dash.as_deref().unwrap_or("solid")
        )
    }

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
            // Its circumradius: about the square's area (1.3·r² against
            // size²), so a triangle's trail reads at a square's weight
            // (at 0.62·size it had half the ink and faded on a projector).
            let r = size * 0.8;
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
        let marks: Vec<Mark> = (0..63).map(mark).collect();
        assert!(MAX_OPTIMIZERS <= marks.len());
        for (i, a) in marks.iter().enumerate() {
            for b in &marks[i + 1..] {
                assert!(
                    a.colour != b.colour || a.dash != b.dash || a.marker != b.marker,
                    "{a:?} = {b:?}"
                );
            }
        }
        // Without colour: the first nine differ in dot or line.
        for (i, a) in marks[..9].iter().enumerate() {
            for b in &marks[i + 1..9] {
                assert!(a.dash != b.dash || a.marker != b.marker, "{a:?} ~ {b:?}");
            }
        }
        // The seed's two runs keep their colours and solid lines.
        assert_eq!(
            (marks[0].colour, marks[0].marker),
            (PALETTE[0], Marker::Square)
        );
        assert_eq!(
            (marks[1].colour, marks[1].marker),
            (PALETTE[1], Marker::Circle)
        );
        assert!(marks[..3].iter().all(|m| m.dash.is_empty()));
        // The pairs colour blindness merges differ in shape: AdaGrad (3)
        // and Adam (5), GD (1) and RMSProp (4); Momentum (2), Adam (5), AdamW (6).
        assert_ne!(
            (marks[2].dash, marks[2].marker),
            (marks[4].dash, marks[4].marker)
        );
        assert_ne!(
            (marks[0].dash, marks[0].marker),
            (marks[3].dash, marks[3].marker)
        );
        assert_eq!(marks[3].dasharray().as_deref(), Some("7 4"));
        assert_eq!(marks[0].dasharray(), None);
        assert!(
            marks[2].triangle(0.0, 0.0, 5.0).is_some()
                && marks[0].triangle(0.0, 0.0, 5.0).is_none()
        );
    }
}
