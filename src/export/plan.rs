//! What an export is before anything is drawn: its pixel size, the frame
//! times and keyframes of an animation, the world window at the export's
//! aspect, where the title, plot and legend go, and the legend's words —
//! the run's status at the frame's step (a run "diverged at step 12" says
//! so from step 12 on).

use crate::diagnose::Diagnosis;
use crate::run::Trajectory;
use crate::View;
use gradscape_text::diagnose::status_at;
use gradscape_text::optim::run_label;
use gradscape_text::Lang;

/// The size of an animation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportSize {
    /// The figure as it is on the screen (CSS pixels).
    Figure,
    /// A 16:9 slide, 1280×720.
    Hd720,
    /// A 16:9 slide, 1920×1080.
    Hd1080,
}

impl ExportSize {
    /// Every size, as the panel offers them.
    pub const ALL: [ExportSize; 3] = [ExportSize::Figure, ExportSize::Hd720, ExportSize::Hd1080];

    /// The name the panel's `<select>` uses.
    pub fn name(self) -> &'static str {
        match self {
            ExportSize::Figure => "figure",
            ExportSize::Hd720 => "720",
            ExportSize::Hd1080 => "1080",
        }
    }

    /// The size called `name` (the figure's for anything else).
    pub fn parse(name: &str) -> ExportSize {
        Self::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .unwrap_or(ExportSize::Figure)
    }

    /// Width and height in pixels, even (H.264 and VP9's 4:2:0 want even
    /// sides) and at least 160×120, for a figure of `w`×`h` CSS pixels
    /// (with the title band and the legend strip of `extra` pixels).
    pub fn pixels(self, w: f64, h: f64, extra: f64) -> (u32, u32) {
        let even = |v: f64, lo: u32| {
            let v = if v.is_finite() { v.round() } else { 0.0 };
            ((v.clamp(lo as f64, 4096.0) as u32) / 2) * 2
        };
        match self {
            ExportSize::Figure => (even(w, 160), even(h + extra, 120)),
            ExportSize::Hd720 => (1280, 720),
            ExportSize::Hd1080 => (1920, 1080),
        }
    }
}

/// Frames per second the panel offers.
pub const FPS: [u32; 3] = [5, 10, 30];

/// The most frames an animation takes (the CLI's GIF, the page's video):
/// 100 s at 10 frames a second. A 100 000-step scene one frame per step
/// was a 2.8-hour video and 25 minutes of encoding.
pub const MAX_FRAMES: usize = 1000;

/// The steps between frames the page's Animation part offers.
pub const EVERY: [usize; 13] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];

/// The steps an animation shows, one a frame: 0, every, 2·every, …, and
/// the last step always.
pub fn frame_steps(steps: usize, every: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..=steps).step_by(every.max(1)).collect();
    if v.last() != Some(&steps) {
        v.push(steps);
    }
    v
}

/// How many frames `every` gives a run of `steps` steps (as
/// [`frame_steps`] counts them).
pub fn frame_count(steps: usize, every: usize) -> usize {
    let every = every.max(1);
    steps / every + 1 + usize::from(!steps.is_multiple_of(every))
}

/// The fewest steps between frames of [`EVERY`] that keeps a run of
/// `steps` steps within [`MAX_FRAMES`]: every step when it fits.
pub fn fitting_every(steps: usize) -> usize {
    EVERY
        .into_iter()
        .find(|&e| frame_count(steps, e) <= MAX_FRAMES)
        .unwrap_or(EVERY[EVERY.len() - 1])
}

/// The frames of an animation: one per shown step ([`frame_steps`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frames {
    /// How many.
    pub count: usize,
    /// Frames per second (≥ 1).
    pub fps: u32,
    /// Steps between frames (≥ 1).
    pub every: usize,
    /// The run's steps (the last frame's).
    pub steps: usize,
}

impl Frames {
    /// A frame every `every` steps of a run of `steps` steps (and the
    /// last), at `fps` (1–60).
    pub fn new(steps: usize, fps: u32, every: usize) -> Frames {
        let every = every.max(1);
        Frames {
            count: frame_count(steps, every),
            fps: fps.clamp(1, 60),
            every,
            steps,
        }
    }

    /// The step frame `i` shows.
    pub fn step(&self, i: usize) -> usize {
        i.saturating_mul(self.every).min(self.steps)
    }

    /// The presentation time of frame `i` in microseconds (i / fps).
    pub fn time_us(&self, i: usize) -> u64 {
        (i as u64).saturating_mul(1_000_000) / self.fps as u64
    }

    /// How long frame `i` is shown (up to the next one's time).
    pub fn length_us(&self, i: usize) -> u64 {
        self.time_us(i + 1) - self.time_us(i)
    }

    /// The whole animation's length: every frame for 1/fps.
    pub fn duration_us(&self) -> u64 {
        self.time_us(self.count)
    }

    /// A keyframe every 2 s (and the first): a player can seek, and the
    /// file stays small.
    pub fn key(&self, i: usize) -> bool {
        i.is_multiple_of(2 * self.fps as usize)
    }
}

/// The page's window `view`, drawn on `from` (w, h) pixels, widened in one
/// direction so that it fills `to` (w, h) pixels at the same pixels per
/// unit ratio as on the page: a slide preset shows more of the plane, never
/// a stretched picture, and everything the page showed stays in.
pub fn widen(view: View, from: (f64, f64), to: (f64, f64)) -> View {
    let ok = |v: f64| v.is_finite() && v > 0.0;
    let (vw, vh) = (view.x1 - view.x0, view.y1 - view.y0);
    if ![from.0, from.1, to.0, to.1, vw, vh].into_iter().all(ok) {
        return view;
    }
    // Units per pixel across over units per pixel up, kept.
    let k = (vw / from.0) / (vh / from.1);
    let h = vh.max(vw * to.1 / (to.0 * k));
    let w = h * k * to.0 / to.1;
    let (cx, cy) = ((view.x0 + view.x1) / 2.0, (view.y0 + view.y1) / 2.0);
    View {
        x0: cx - w / 2.0,
        x1: cx + w / 2.0,
        y0: cy - h / 2.0,
        y1: cy + h / 2.0,
    }
}

/// A legend entry: the run's index (its mark), its label and how it fares.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The run's index (its colour, dash and dot).
    pub run: usize,
    /// "GD η=0.6".
    pub label: String,
    /// "f = 0.089", "diverged at step 12", …
    pub status: String,
    /// The run has gone wrong (diverging, diverged, stopped): the status is
    /// drawn in the page legend's error colour.
    pub wrong: bool,
}

impl Entry {
    /// The label, a dash, and the status; the separator the status follows.
    pub const SEP: &'static str = " — ";

    /// The entry's words in one line.
    pub fn text(&self) -> String {
        if self.status.is_empty() {
            return self.label.clone();
        }
        format!("{}{}{}", self.label, Self::SEP, self.status)
    }

    /// The entry with its optimizer's name only: a legend too wide for its
    /// picture (the SVG figure's rule, see `gradscape_text::svg::space`).
    pub fn named_only(self) -> Entry {
        Entry {
            status: String::new(),
            wrong: false,
            ..self
        }
    }
}

/// Whether an entry `widths` wide (swatch and words) would not fit across a
/// `w` px picture with text `px` high: then every entry shows its
/// optimizer's name only, as the SVG figure's legend does where it is short
/// of room.
pub fn too_wide(w: f64, px: f64, widths: &[f64]) -> bool {
    let pad = (px * 0.8).round();
    widths.iter().any(|&ew| ew > w - 2.0 * pad)
}

/// The legend of frame `step`: each shown run's loss there, or how it went
/// wrong once it has (diverged, stopped, or a loss above its start for a
/// run that ends diverging).
pub fn legend_at(
    runs: &[Trajectory],
    diags: &[Diagnosis],
    hidden: &[bool],
    step: usize,
    lang: Lang,
) -> Vec<Entry> {
    shown(runs, hidden)
        .filter_map(|(i, t)| {
            let d = diags.get(i)?;
            let (status, wrong) = status_at(d, t, step, lang);
            Some(Entry {
                run: i,
                label: run_label(t, lang),
                status,
                wrong,
            })
        })
        .collect()
}

/// The runs the legend lists: all but the hidden, also one with no point
/// (a start where f is undefined: "diverged at step 0", as the SVG says;
/// the PNG had no legend at all).
fn shown<'a>(
    runs: &'a [Trajectory],
    hidden: &'a [bool],
) -> impl Iterator<Item = (usize, &'a Trajectory)> {
    runs.iter()
        .enumerate()
        .filter(|(i, _)| !hidden.get(*i).copied().unwrap_or(false))
}

/// Where the parts of an exported picture go, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The band above the plot: the caption (when given) and the title.
    pub top: f64,
    /// The plot: x, y, w, h.
    pub plot: (f64, f64, f64, f64),
    /// Each legend entry's top-left corner, in the strip under the plot.
    pub entries: Vec<(f64, f64)>,
    /// One line of text (title, legend row).
    pub line: f64,
}

/// Lay out a `w`×`h` picture with text `px` high, a caption or not, and
/// legend entries `widths` pixels wide (swatch and words): the entries flow
/// in rows under the plot, as many as fit side by side.
pub fn layout(w: f64, h: f64, px: f64, caption: bool, widths: &[f64]) -> Layout {
    let line = (px * 1.6).round();
    let pad = (px * 0.8).round();
    let top = line * if caption { 2.2 } else { 1.2 };
    let (rows, entries) = flow(w, pad, line, widths);
    let strip = if widths.is_empty() {
        0.0
    } else {
        rows as f64 * line + pad
    };
    let plot_h = (h - top - strip).max(h * 0.3);
    let below = top + plot_h + pad / 2.0;
    Layout {
        top,
        plot: (0.0, top, w, plot_h),
        entries: entries.into_iter().map(|(x, y)| (x, below + y)).collect(),
        line,
    }
}

/// The height `layout` adds around a plot for these entries at this width
/// (the figure-size export grows by it instead of shrinking the plot).
pub fn extra_height(w: f64, px: f64, caption: bool, widths: &[f64]) -> f64 {
    let l = layout(w, 10_000.0, px, caption, widths);
    10_000.0 - l.plot.3
}

fn flow(w: f64, pad: f64, line: f64, widths: &[f64]) -> (usize, Vec<(f64, f64)>) {
    let mut out = Vec::new();
    let (mut x, mut row) = (pad, 0usize);
    for &ew in widths {
        let ew = if ew.is_finite() { ew.max(0.0) } else { 0.0 };
        if x > pad && x + ew > w - pad {
            row += 1;
            x = pad;
        }
        out.push((x, row as f64 * line));
        x += ew + 2.0 * pad;
    }
    (if widths.is_empty() { 0 } else { row + 1 }, out)
}

#[cfg(test)]
mod tests;
