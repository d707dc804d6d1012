//! The sizes every canvas drawing takes from one value: text, line widths,
//! dots and markers, normal or in presenter mode (for a projector at the
//! back of a room). Chosen from the model and the canvas width by
//! [`Style::of`]; the drawing code multiplies its base sizes by `line`.
//! The charts beside the plot (loss, η(t), the explainers', the bias
//! chart) keep their own design and are scaled as a whole by
//! [`Style::chart_scale`], so their labels come to `chart_px` presenting.

/// The explainers' charts' labels in their design (CSS px at scale 1): the
/// explainers draw at it, and the page makes their canvases taller by
/// [`Style::chart_scale`] of it (`--chart-scale`).
pub const EXPLAIN_PX: f64 = 11.0;

/// Sizes of a frame's text and strokes, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Canvas text: tick labels, axis names.
    pub text_px: f64,
    /// The charts' labels (loss, η(t), explainers, bias chart).
    pub chart_px: f64,
    /// Multiplier of every line width, dot, marker and arrow.
    pub line: f64,
    /// Presenter mode: the isolines drawn stronger too.
    pub present: bool,
    /// The reader's text size over 16 px (at least 1; see
    /// [`set_reader_scale`]): the charts' words grow by it.
    pub reader: f64,
}

thread_local! {
    /// The reader's text size over the browser's 16 px default (their
    /// "font size" setting), at least 1: the canvases' words follow it as
    /// the page's do. Set once by the page ([`set_reader_scale`]).
    static READER: std::cell::Cell<f64> = const { std::cell::Cell::new(1.0) };
}

/// The reader's default text size, in CSS px (`font-size: medium`): the
/// canvases' words grow by its ratio to 16 px (up to twice); that ratio.
pub fn set_reader_scale(medium_px: f64) -> f64 {
    let s = if medium_px.is_finite() {
        (medium_px / 16.0).clamp(1.0, 2.0)
    } else {
        1.0
    };
    READER.with(|r| r.set(s));
    s
}

impl Style {
    /// The style of a canvas `w` CSS pixels wide: the text grows a little
    /// with the canvas (13–16 px; 20–28 px when presenting), and with the
    /// reader's text size.
    pub fn of(present: bool, w: f64) -> Style {
        let w = if w.is_finite() { w } else { 800.0 };
        let reader = READER.with(|r| r.get());
        if present {
            Style {
                text_px: ((w / 70.0).clamp(20.0, 28.0) * reader).round(),
                chart_px: (20.0 * reader).round(),
                line: 1.75,
                present,
                reader,
            }
        } else {
            Style {
                text_px: ((w / 95.0).clamp(13.0, 16.0) * reader).round(),
                chart_px: (12.0 * reader).round(),
                line: 1.0,
                present,
                reader,
            }
        }
    }

    /// The canvas font of the tick labels.
    pub fn font(&self) -> String {
        format!("{}px system-ui, sans-serif", self.text_px)
    }

    /// The factor by which a chart designed with `base_px` labels is drawn
    /// whole (text, margins, lines, markers; its canvas as much taller):
    /// the reader's text size, exactly 1 by default, so its pixels stay as
    /// designed; presenting, its labels come to `chart_px`, never smaller
    /// than designed.
    pub fn chart_scale(&self, base_px: f64) -> f64 {
        if self.present && base_px > 0.0 {
            (self.chart_px / base_px).max(1.0)
        } else {
            self.reader
        }
    }

    /// The labels' size in CSS px of a chart designed with `base_px`
    /// labels, as [`Style::chart_scale`] draws them (`data-chart-px`).
    pub fn chart_text_px(&self, base_px: f64) -> f64 {
        match self.chart_scale(base_px) {
            k if self.present && k > 1.0 => self.chart_px,
            k => base_px * k,
        }
    }

    /// A base size (at 1×) in this style.
    pub fn px(&self, base: f64) -> f64 {
        base * self.line
    }
}

impl Default for Style {
    fn default() -> Style {
        Style::of(false, 800.0)
    }
}
