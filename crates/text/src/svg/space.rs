//! How a figure uses its room: one rule, by the space there is, for every
//! size the CLI allows (200×150 … 10000×10000) and so for every format (the
//! PNG, the PDF and the GIF's frames are this SVG) and the page's SVG.
//!
//! - **Title**: surface, convention and steps; where that does not fit
//!   beside the step counter, the surface alone; where that does not fit
//!   either (from the plot's left edge, or else from the figure's), none,
//!   and the band above the plot shrinks.
//! - **Step counter** (a frame): "step k of N", or "k/N" where the long
//!   form would not fit. The title's room is measured against the counter's
//!   widest form (k = N), so a title never comes and goes as k grows.
//! - **Legend**: in the plot's freest corner with each run's status, when
//!   the box takes at most a quarter of the plot and hides no trail's start
//!   or end (in a frame, no trail point: each is an end at some step) nor a
//!   minimum; else the same with the optimizers' names only; else those
//!   names outside the plot, in a column to its right or in rows under it,
//!   whichever leaves the larger plot, if the plot keeps half its area and
//!   40 px a side (with each run's status where that leaves as large a
//!   plot); else no legend (the trails keep their colours and dots).
//! - **Ticks**: about one per 90 px across and 70 px up; fewer where their
//!   labels would come within 6 px of each other or leave the figure, more
//!   where that many would leave a single label.
//!
//! Text is never scaled down: a small figure says less, in the same type.

use gradscape_core::format::tick_label;
use gradscape_core::geometry::Viewport;
use gradscape_core::surface::ticks;

/// The space around every part, px.
pub const PAD: f64 = 8.0;
/// One legend row, px.
pub const ROW: f64 = 18.0;
/// The title's and the counter's type, px.
pub const TITLE_PX: f64 = 13.0;
/// Tick labels' and the legend's type, px.
pub const TEXT_PX: f64 = 12.0;
/// The axes' names' type, px.
pub const AXIS_PX: f64 = 14.0;
/// Room left of the plot for the y tick labels and the x₂ name (at least).
pub const LEFT: f64 = 62.0;
/// The band above the plot when it holds a title or a counter…
pub const TOP: f64 = 34.0;
/// … and when it holds neither (half a tick label's height, and a little).
const TOP_BARE: f64 = 14.0;
/// Right of the plot: half the last x tick label.
pub const RIGHT: f64 = 18.0;
/// Below the plot: the x tick labels and the x₁ name.
pub const BOTTOM: f64 = 46.0;
/// Where the legend's words start in an entry (after the swatch).
pub const SWATCH: f64 = 32.0;
/// Between legend columns, and between the plot and a legend beside it.
const GAP: f64 = 12.0;
/// The rotated x₂ name's right edge (its baseline at x = 16, descent ~3 px)
/// plus a gap: the y tick labels end left of the plot, but start after it.
const AXIS_NAME_END: f64 = 23.0;

/// About how wide `text` is at `size` px in the embedded fonts: CJK and
/// full-width forms are 1 em, the rest ~0.6 em (DejaVu Sans's digits are
/// 0.64 em, its lower case ~0.55-0.6 em).
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c as u32 {
            0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF => 1.0,
            _ => 0.6,
        })
        .sum::<f64>()
        * size
}

/// The step counter of a frame in its two forms, each now and at its widest
/// (the last step).
pub struct Counter {
    /// "step k of N", "step N of N".
    pub long: [String; 2],
    /// "k/N", "N/N".
    pub short: [String; 2],
}

/// What the band above the plot holds.
pub struct Band {
    /// The title and its left x.
    pub title: Option<(f64, String)>,
    /// The counter (right-aligned at the plot's right edge).
    pub counter: Option<String>,
    /// The plot's top.
    pub top: f64,
}

/// The band of a `width` px figure whose plot starts at `left` and ends
/// at `right`: the first of `titles` (longest first) that fits, and the
/// counter's form.
pub fn band(
    width: f64,
    left: f64,
    right: f64,
    titles: &[String],
    counter: Option<Counter>,
) -> Band {
    let counter = counter.map(|c| {
        let fits = text_width(&c.long[1], TITLE_PX) <= width - 2.0 * PAD;
        let [now, widest] = if fits { c.long } else { c.short };
        (now, text_width(&widest, TITLE_PX) + GAP)
    });
    let end = match &counter {
        Some((_, w)) => right - w,
        None => width - PAD,
    };
    let title = [left, PAD].into_iter().find_map(|x| {
        titles
            .iter()
            .find(|t| x + text_width(t, TITLE_PX) <= end)
            .map(|t| (x, t.clone()))
    });
    let top = if title.is_some() || counter.is_some() {
        TOP
    } else {
        TOP_BARE
    };
    Band {
        title,
        counter: counter.map(|c| c.0),
        top,
    }
}

/// The plot's left edge: [`LEFT`], or more when a y tick label is wider
/// than the room between the x₂ name and the ticks.
pub fn plot_left(f: &Viewport) -> f64 {
    let widest = ticks(f.view.y0, f.view.y1, y_count(f.h))
        .into_iter()
        .map(|v| text_width(&tick_label(v), TEXT_PX))
        .fold(0.0, f64::max);
    LEFT.max(widest + AXIS_NAME_END + PAD)
}

fn x_count(w: f64) -> usize {
    ((w / 90.0) as usize).max(3)
}

fn y_count(h: f64) -> usize {
    ((h / 70.0) as usize).max(3)
}

/// A tick: its value, and its label unless labels there would crowd.
pub type Tick = (f64, Option<String>);

/// The x ticks of `f` in a `width` px figure.
pub fn x_ticks(f: &Viewport, width: f64) -> Vec<Tick> {
    let (lo, hi) = (f.view.x0, f.view.x1);
    thin(lo, hi, x_count(f.w), |v, label| {
        let x = f.px([v, f.view.y0]).0;
        let w = text_width(label, TEXT_PX);
        Some((x - w / 2.0, x + w / 2.0)).filter(|(a, b)| *a >= 0.0 && *b <= width)
    })
}

/// The y ticks of `f` in a `height` px figure whose band above ends at
/// `band_end`.
pub fn y_ticks(f: &Viewport, height: f64, band_end: f64) -> Vec<Tick> {
    let (lo, hi) = (f.view.y0, f.view.y1);
    let room = f.left - PAD - AXIS_NAME_END;
    thin(lo, hi, y_count(f.h), |v, label| {
        let y = f.px([f.view.x0, v]).1 + 4.0;
        let (a, b) = (y - 0.8 * TEXT_PX, y + 0.2 * TEXT_PX);
        let inside = a >= band_end && b <= height && text_width(label, TEXT_PX) <= room;
        Some((a, b)).filter(|_| inside)
    })
}

/// Ticks from about `n` down to 2 until every label has its span (`span`
/// says where along the axis, `None` where it may not go) clear of its
/// neighbours' — at least two labels, so the axis has a scale: where fewer
/// ticks leave one (−4.5…4.5 at 3 is just 0), more are tried, up to 2n;
/// at 2, the labels that still crowd are left off.
fn thin(lo: f64, hi: f64, n: usize, span: impl Fn(f64, &str) -> Option<(f64, f64)>) -> Vec<Tick> {
    // A tick's value, label and span.
    type Labelled = (f64, String, Option<(f64, f64)>);
    let labelled = |t: &[f64]| -> Vec<Labelled> {
        t.iter()
            .map(|&v| {
                let l = tick_label(v);
                let s = span(v, &l);
                (v, l, s)
            })
            .collect()
    };
    let n = n.max(2);
    let fewer: Vec<usize> = (2..=n).rev().collect();
    let more: Vec<usize> = fewer.iter().copied().chain(n + 1..=2 * n).collect();
    for (least, counts) in [(2, more), (1, fewer)] {
        for k in counts {
            let t = labelled(&ticks(lo, hi, k));
            let mut spans: Vec<(f64, f64)> = t.iter().filter_map(|x| x.2).collect();
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            let clear = spans.windows(2).all(|p| p[1].0 - p[0].1 >= 6.0);
            if spans.len() == t.len() && t.len() >= least && clear {
                return t.into_iter().map(|(v, l, _)| (v, Some(l))).collect();
            }
        }
    }
    let mut kept: Vec<(f64, f64)> = Vec::new();
    labelled(&ticks(lo, hi, 2))
        .into_iter()
        .map(|(v, l, s)| {
            let ok = s.filter(|s| kept.iter().all(|k| s.0 - k.1 >= 6.0 || k.0 - s.1 >= 6.0));
            if let Some(s) = ok {
                kept.push(s);
            }
            (v, ok.map(|_| l))
        })
        .collect()
}

/// Where a legend goes and in which form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    /// A boxed legend in a corner of the plot.
    Inside,
    /// A column right of the plot.
    Right,
    /// Rows under the x₁ name, `cols` entries a row.
    Below {
        /// Entries per row.
        cols: usize,
    },
}

/// A legend's form and rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Legend {
    /// Each run's status too (or its optimizer's name only).
    pub full: bool,
    /// Where.
    pub place: Place,
    /// Its rectangle: x, y, w, h.
    pub rect: [f64; 4],
}

impl Legend {
    /// The top-left corner of entry `i`'s row.
    pub fn entry(&self, i: usize) -> (f64, f64) {
        let [x, y, w, _] = self.rect;
        match self.place {
            Place::Below { cols } => {
                let ew = (w + GAP) / cols as f64;
                (x + (i % cols) as f64 * ew, y + (i / cols) as f64 * ROW)
            }
            _ => (x, y + i as f64 * ROW),
        }
    }
}

/// The widths of the legend's words: the widest entry with its status, the
/// widest with its name only.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// Widest "GD η=0.4 — f = 0.089", px.
    pub full: f64,
    /// Widest "GD η=0.4", px.
    pub short: f64,
    /// How many entries.
    pub n: usize,
}

/// The legend for a plot `f` in a `width`×`height` figure, avoiding
/// `marks` (x, y, weight: 6 and more for what must not be hidden), and the
/// plot that is left.
pub fn legend(
    f: &Viewport,
    width: f64,
    height: f64,
    words: Words,
    marks: &[(f64, f64, f64)],
) -> (Option<Legend>, Viewport) {
    if words.n == 0 {
        return (None, *f);
    }
    let lh = 10.0 + ROW * words.n as f64;
    // A corner that hides a trail's steps (more than two dots' worth) is
    // taken only when the legend has no room outside the plot: at 320×240
    // the box stood over the very arc figure 2 is about.
    let mut crowded = None;
    let lw = |text: f64| 40.0 + text;
    let inside = |full: bool, text: f64| {
        corner(f, lw(text), lh, marks).map(|((x, y), hidden)| {
            let legend = Legend {
                full,
                place: Place::Inside,
                rect: [x, y, lw(text), lh],
            };
            (legend, hidden <= HIDES)
        })
    };
    let area = |p: &Viewport| p.w * p.h / (f.w * f.h);
    // Each run's status in a corner; else outside where that costs the
    // plot little (a frame at 800 px: its "diverging: loss ×2450" was
    // dropped for a corner that held the names); else the names in a
    // corner, else outside (a small figure says less).
    let outside_full = outside(f, width, height, words.n, words.full);
    for (full, text) in [(true, words.full), (false, words.short)] {
        match inside(full, text) {
            Some((legend, true)) => return (Some(legend), *f),
            Some((legend, false)) => crowded = crowded.or(Some(legend)),
            None => {}
        }
        if let (true, Some((place, rect, plot))) = (full, outside_full) {
            if area(&plot) >= CHEAP_OUTSIDE {
                return (Some(Legend { full, place, rect }), plot);
            }
        }
    }
    // Outside, each run's status stays where it costs the plot no more
    // than the names would (the same rows under it): an 800×398 SVG of
    // four runs had dropped "— f = 7.644" from two rows that held it.
    let names = outside(f, width, height, words.n, words.short);
    let out = match (outside_full, names) {
        (Some(full), Some(short)) if area(&full.2) >= area(&short.2) => Some((true, full)),
        (_, short) => short.map(|short| (false, short)),
    };
    match (out, crowded) {
        (Some((full, (place, rect, plot))), _) => (Some(Legend { full, place, rect }), plot),
        (None, Some(legend)) => (Some(legend), *f),
        (None, None) => (None, *f),
    }
}

/// The share of the plot a legend outside it with each run's status may
/// leave before the names in a corner are preferred: a strip under a wide
/// figure, not a third of a thumbnail.
const CHEAP_OUTSIDE: f64 = 0.85;

/// The legend outside plot `f`, entries `text` px wide: a column right of
/// it or rows under it, whichever leaves the larger plot, if the plot
/// keeps half its area; the plot that is left.
fn outside(
    f: &Viewport,
    width: f64,
    height: f64,
    n: usize,
    text: f64,
) -> Option<(Place, [f64; 4], Viewport)> {
    let lh = 10.0 + ROW * n as f64;
    let ew = SWATCH + text + PAD;
    let mut options = Vec::new();
    // A column right of the plot, as tall as the entries.
    let w = width - PAD - ew - GAP - f.left;
    if lh <= f.h && w >= 40.0 {
        let rect = [f.left + w + GAP, f.top, ew, lh];
        options.push((Place::Right, rect, Viewport { w, ..*f }));
    }
    // Rows under the x₁ name, as many entries a row as fit.
    let cols = (((width - 2.0 * PAD + GAP) / (ew + GAP)) as usize).clamp(1, n);
    let rows = n.div_ceil(cols);
    let strip = 10.0 + ROW * rows as f64;
    let h = height - f.top - BOTTOM - strip - 2.0;
    if ew <= width - 2.0 * PAD && h >= 40.0 {
        let rect = [
            PAD,
            f.top + h + BOTTOM - 2.0,
            cols as f64 * (ew + GAP) - GAP,
            strip,
        ];
        options.push((Place::Below { cols }, rect, Viewport { h, ..*f }));
    }
    options
        .into_iter()
        .filter(|(_, _, p)| p.w * p.h >= f.w * f.h / 2.0)
        .max_by(|a, b| (a.2.w * a.2.h).total_cmp(&(b.2.w * b.2.h)))
}

/// How much of the trails' marks an inside legend may hide (each step's
/// dot weighs 1): two dots.
const HIDES: f64 = 2.0;

/// The top-left corner of a `lw` × `lh` legend inside the plot and the
/// weight of the marks it hides: top right
/// unless another corner (top left, bottom right, bottom left, in that
/// order) hides less of `marks` (under the box or within 6 px of it). Only
/// a corner that hides no mark of weight 6 or more will do, and only a box
/// that takes at most a quarter of the plot.
fn corner(f: &Viewport, lw: f64, lh: f64, marks: &[(f64, f64, f64)]) -> Option<((f64, f64), f64)> {
    if lw > f.w - 2.0 * PAD || lh > f.h - 2.0 * PAD || lw * lh > f.w * f.h / 4.0 {
        return None;
    }
    let right = f.left + f.w - lw - PAD;
    let left = f.left + PAD;
    let top = f.top + PAD;
    let bottom = f.top + f.h - lh - PAD;
    let hidden = |(x0, y0): (f64, f64)| -> (f64, bool) {
        let under = marks.iter().filter(|(x, y, _)| {
            (x0 - 6.0..=x0 + lw + 6.0).contains(x) && (y0 - 6.0..=y0 + lh + 6.0).contains(y)
        });
        let (sum, worst) = under.fold((0.0, 0.0f64), |(s, m), p| (s + p.2, m.max(p.2)));
        (sum, worst >= 6.0)
    };
    let mut best: Option<((f64, f64), f64)> = None;
    for c in [(right, top), (left, top), (right, bottom), (left, bottom)] {
        let (h, covers) = hidden(c);
        if !covers && best.is_none_or(|(_, least)| h < least) {
            best = Some((c, h));
        }
    }
    best
}
