//! `lbfgs`: torch's L-BFGS, one iteration per visible step.
//!
//! A port of torch 2.15's `torch.optim.LBFGS.step` with `max_iter=1`,
//! `max_eval=26`, `tolerance_grad=1e-7`, `tolerance_change=1e-9`, and of its
//! `_strong_wolfe` and `_cubic_interpolate`, line by line, in torch's order
//! of operations (its `add_(…, alpha=…)` as fused multiply-adds, its dots as
//! x₀y₀ + x₁y₁, Python's `min`/`max`). The state is torch's: `n_iter`, the
//! direction d, the step length t, the ring of the last `history_size`
//! pairs (y = Δg, s = t·d, ρ = 1/yᵀs), `H_diag` = yᵀs/yᵀy, the previous
//! gradient and loss.
//!
//! One visible step: if max|g| ≤ 1e-7 nothing moves; otherwise the two-loop
//! recursion gives d (−g at the first step), t starts at
//! min(1, 1/‖g‖₁)·η on the first step and η after; with no line search
//! x ← x + t·d; with strong Wolfe the line search evaluates f and ∇f at up to
//! 25 trial points x + tᵢ·d and x moves to the accepted one. The trial
//! points are the step's state ([`StateKey::Trial`]), so they can be drawn.
//!
//! g is the step's gradient (the update the block receives, noise
//! included); the loss at x and every trial evaluation come exact from the
//! surface (`cx.surface`): with gradient noise the step's own gradient is
//! noisy and the line search's are not.

use super::{Block, LineSearch, StateField, StateKey, StepCx};
use crate::Vec2;
use std::collections::VecDeque;

/// The most trial points one strong-Wolfe search evaluates
/// (`max_eval − 1` with torch's `max_eval=26`).
pub const MAX_TRIALS: usize = 25;

const TOLERANCE_GRAD: f64 = 1e-7;
const TOLERANCE_CHANGE: f64 = 1e-9;
const C1: f64 = 1e-4;
const C2: f64 = 0.9;

/// torch's L-BFGS iteration as a block: it moves x itself and leaves a zero
/// update.
#[derive(Debug, Clone)]
pub struct ScaleByLbfgs {
    history_size: usize,
    line_search: LineSearch,
    /// torch `n_iter`.
    n_iter: u64,
    /// torch `d`.
    d: Vec2,
    /// torch `t`.
    t: f64,
    /// torch `old_dirs` (y), `old_stps` (s) and `ro` (ρ), oldest first.
    history: VecDeque<(Vec2, Vec2, f64)>,
    /// torch `H_diag`.
    h_diag: f64,
    /// torch `prev_flat_grad`.
    prev_grad: Vec2,
    /// torch `prev_loss` (kept as torch keeps it; a one-iteration step never
    /// reads it).
    prev_loss: f64,
    /// The points the last step's line search evaluated.
    trials: Vec<Vec2>,
    /// The last step's gradient and move, for the effective rate.
    g: Vec2,
    moved: Vec2,
    /// torch `al`: the two-loop recursion's scratch, kept to allocate once.
    al: Vec<f64>,
}

impl ScaleByLbfgs {
    /// L-BFGS keeping the last `history_size` pairs (at least 1, as torch
    /// needs), with `line_search`.
    pub fn new(history_size: usize, line_search: LineSearch) -> ScaleByLbfgs {
        ScaleByLbfgs {
            history_size: history_size.max(1),
            line_search,
            n_iter: 0,
            d: [0.0; 2],
            t: 0.0,
            history: VecDeque::new(),
            h_diag: 1.0,
            prev_grad: [0.0; 2],
            prev_loss: 0.0,
            trials: Vec::with_capacity(MAX_TRIALS),
            g: [0.0; 2],
            moved: [0.0; 2],
            al: Vec::new(),
        }
    }

    /// The step count torch keeps (`n_iter`).
    pub fn iterations(&self) -> u64 {
        self.n_iter
    }

    /// The previous loss torch keeps (`prev_loss`).
    pub fn prev_loss(&self) -> f64 {
        self.prev_loss
    }
}

fn dot(a: Vec2, b: Vec2) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}

/// torch's `v.add_(w, alpha=k)`: v + k·w, fused.
fn axpy(k: f64, w: Vec2, v: Vec2) -> Vec2 {
    [k.mul_add(w[0], v[0]), k.mul_add(w[1], v[1])]
}

/// Python's `max(a, b)`: a unless b > a.
fn pymax(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

/// Python's `min(a, b)`: a unless b < a.
fn pymin(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// torch's `_cubic_interpolate`: the minimiser of the cubic through
/// (x1, f1, g1) and (x2, f2, g2), clamped to `bounds` (default: between
/// the two points); the middle of the bounds when the cubic has none.
fn cubic_interpolate(
    (x1, f1, g1): (f64, f64, f64),
    (x2, f2, g2): (f64, f64, f64),
    bounds: Option<(f64, f64)>,
) -> f64 {
    let (xmin, xmax) = bounds.unwrap_or(if x1 <= x2 { (x1, x2) } else { (x2, x1) });
    let d1 = g1 + g2 - 3.0 * (f1 - f2) / (x1 - x2);
    let d2_square = d1 * d1 - g1 * g2;
    if d2_square >= 0.0 {
        let d2 = d2_square.sqrt();
        let min_pos = if x1 <= x2 {
            x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2.0 * d2))
        } else {
            x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2.0 * d2))
        };
        pymin(pymax(min_pos, xmin), xmax)
    } else {
        (xmin + xmax) / 2.0
    }
}

/// The surface along the ray x + t·d, recording every point evaluated.
struct Ray<'a> {
    cx: &'a StepCx<'a>,
    x: Vec2,
    d: Vec2,
    trials: &'a mut Vec<Vec2>,
}

impl Ray<'_> {
    /// (f, ∇f·d) at x + t·d (torch's `_directional_evaluate`).
    fn eval(&mut self, t: f64) -> (f64, f64) {
        let p = axpy(t, self.d, self.x);
        self.trials.push(p);
        let f = self.cx.surface.value(p);
        let g = self.cx.surface.grad(p);
        (f, dot(g, self.d))
    }
}

/// torch's `_strong_wolfe` from t along d, with f and gtd at x; returns the
/// accepted step length.
fn strong_wolfe(ray: &mut Ray, mut t: f64, f: f64, gtd: f64, max_ls: usize) -> f64 {
    let d_norm = pymax(ray.d[0].abs(), ray.d[1].abs());
    let (mut f_new, mut gtd_new) = ray.eval(t);
    // The bracket: one or two points with their f and gtd.
    let mut br = [0.0f64; 2];
    let mut br_f = [0.0f64; 2];
    let mut br_gtd = [0.0f64; 2];
    let (mut t_prev, mut f_prev, mut gtd_prev) = (0.0, f, gtd);
    let mut done = false;
    let mut ls_iter = 0usize;
    let mut two = true;
    while ls_iter < max_ls {
        if f_new > f + C1 * t * gtd || (ls_iter > 1 && f_new >= f_prev) {
            (br, br_f, br_gtd) = ([t_prev, t], [f_prev, f_new], [gtd_prev, gtd_new]);
            break;
        }
        if gtd_new.abs() <= -C2 * gtd {
            (br[0], br_f[0]) = (t, f_new);
            two = false;
            done = true;
            break;
        }
        if gtd_new >= 0.0 {
            (br, br_f, br_gtd) = ([t_prev, t], [f_prev, f_new], [gtd_prev, gtd_new]);
            break;
        }
        // interpolate
        let min_step = t + 0.01 * (t - t_prev);
        let max_step = t * 10.0;
        let tmp = t;
        t = cubic_interpolate(
            (t_prev, f_prev, gtd_prev),
            (t, f_new, gtd_new),
            Some((min_step, max_step)),
        );
        // next step
        (t_prev, f_prev, gtd_prev) = (tmp, f_new, gtd_new);
        (f_new, gtd_new) = ray.eval(t);
        ls_iter += 1;
    }
    if ls_iter == max_ls {
        (br, br_f) = ([0.0, t], [f, f_new]);
    }
    // zoom
    let mut insuf_progress = false;
    let last = if two { 1 } else { 0 };
    let (mut low, mut high) = if br_f[0] <= br_f[last] {
        (0, 1)
    } else {
        (1, 0)
    };
    while !done && ls_iter < max_ls {
        if (br[1] - br[0]).abs() * d_norm < TOLERANCE_CHANGE {
            break;
        }
        t = cubic_interpolate(
            (br[0], br_f[0], br_gtd[0]),
            (br[1], br_f[1], br_gtd[1]),
            None,
        );
        let (bmax, bmin) = (pymax(br[0], br[1]), pymin(br[0], br[1]));
        let eps = 0.1 * (bmax - bmin);
        if pymin(bmax - t, t - bmin) < eps {
            // interpolation close to the boundary
            if insuf_progress || t >= bmax || t <= bmin {
                t = if (t - bmax).abs() < (t - bmin).abs() {
                    bmax - eps
                } else {
                    bmin + eps
                };
                insuf_progress = false;
            } else {
                insuf_progress = true;
            }
        } else {
            insuf_progress = false;
        }
        (f_new, gtd_new) = ray.eval(t);
        ls_iter += 1;
        if f_new > f + C1 * t * gtd || f_new >= br_f[low] {
            // Armijo not satisfied, or not lower than the lowest point
            (br[high], br_f[high], br_gtd[high]) = (t, f_new, gtd_new);
            (low, high) = if br_f[0] <= br_f[1] { (0, 1) } else { (1, 0) };
        } else {
            if gtd_new.abs() <= -C2 * gtd {
                done = true;
            } else if gtd_new * (br[high] - br[low]) >= 0.0 {
                // the old high becomes the new low
                (br[high], br_f[high], br_gtd[high]) = (br[low], br_f[low], br_gtd[low]);
            }
            (br[low], br_f[low], br_gtd[low]) = (t, f_new, gtd_new);
        }
    }
    br[low]
}

impl Block for ScaleByLbfgs {
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, cx: &StepCx) {
        let g = *u;
        *u = [0.0, 0.0];
        self.trials.clear();
        self.g = g;
        self.moved = [0.0, 0.0];
        // Python's max over a tensor propagates NaN; NaN ≤ tol is false.
        let gmax = if g[0].is_nan() || g[1].is_nan() {
            f64::NAN
        } else {
            g[0].abs().max(g[1].abs())
        };
        if gmax <= TOLERANCE_GRAD {
            return;
        }
        let loss = cx.surface.value(*x);
        let lr = cx.lr;
        self.n_iter += 1;
        if self.n_iter == 1 {
            self.d = [-g[0], -g[1]];
            self.history.clear();
            self.h_diag = 1.0;
        } else {
            let y = [g[0] - self.prev_grad[0], g[1] - self.prev_grad[1]];
            let s = [self.d[0] * self.t, self.d[1] * self.t];
            let ys = dot(y, s);
            if ys > 1e-10 {
                if self.history.len() == self.history_size {
                    self.history.pop_front();
                }
                self.history.push_back((y, s, 1.0 / ys));
                self.h_diag = ys / dot(y, y);
            }
            // the two-loop recursion, collapsed into one buffer as torch does
            let n = self.history.len();
            self.al.resize(n, 0.0);
            let al = &mut self.al;
            let mut q = [-g[0], -g[1]];
            for i in (0..n).rev() {
                let (y_i, s_i, ro_i) = self.history[i];
                al[i] = dot(s_i, q) * ro_i;
                q = axpy(-al[i], y_i, q);
            }
            let mut r = [q[0] * self.h_diag, q[1] * self.h_diag];
            for i in 0..n {
                let (y_i, s_i, ro_i) = self.history[i];
                let be_i = dot(y_i, r) * ro_i;
                r = axpy(al[i] - be_i, s_i, r);
            }
            self.d = r;
        }
        self.prev_grad = g;
        self.prev_loss = loss;
        self.t = if self.n_iter == 1 {
            pymin(1.0, 1.0 / (g[0].abs() + g[1].abs())) * lr
        } else {
            lr
        };
        let gtd = dot(g, self.d);
        if gtd > -TOLERANCE_CHANGE {
            return;
        }
        if self.line_search == LineSearch::StrongWolfe {
            let mut ray = Ray {
                cx,
                x: *x,
                d: self.d,
                trials: &mut self.trials,
            };
            self.t = strong_wolfe(&mut ray, self.t, loss, gtd, MAX_TRIALS);
        }
        let nx = axpy(self.t, self.d, *x);
        self.moved = [nx[0] - x[0], nx[1] - x[1]];
        *x = nx;
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::Direction, self.d));
        // The t this step moved by: 0 when torch returned before moving
        // (|g| or the directional derivative below its tolerance), while
        // torch's own `t` (kept for the next step's s = t·d) is unchanged.
        let t = if self.moved == [0.0, 0.0] {
            0.0
        } else {
            self.t
        };
        out.push(StateField::new(StateKey::StepLength, [t; 2]));
        out.push(StateField::new(StateKey::HDiag, [self.h_diag; 2]));
        for (i, p) in self.trials.iter().enumerate() {
            out.push(StateField::new(StateKey::Trial(i as u8), *p));
        }
    }

    /// The rate plain GD would need for the same move: −Δxᵢ/gᵢ (0 where gᵢ
    /// is 0).
    fn lr_eff(&self) -> Option<Vec2> {
        Some([
            super::rate(-self.moved[0], self.g[0]),
            super::rate(-self.moved[1], self.g[1]),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cubic_interpolation_finds_a_cubics_minimum() {
        // f(t) = (t − 1)² through t = 0 and t = 3: the minimum at 1.
        let t = cubic_interpolate((0.0, 1.0, -2.0), (3.0, 4.0, 4.0), None);
        assert!((t - 1.0).abs() < 1e-12, "{t}");
        // Clamped to the bounds.
        let t = cubic_interpolate((0.0, 1.0, -2.0), (3.0, 4.0, 4.0), Some((2.0, 5.0)));
        assert_eq!(t, 2.0);
        // No real minimiser: the middle of the bounds.
        // d1 = 3 + 3 − 3·(0 − 2)/(0 − 1) = 0, d1² − g1·g2 = −9.
        let t = cubic_interpolate((0.0, 0.0, 3.0), (1.0, 2.0, 3.0), Some((2.0, 4.0)));
        assert_eq!(t, 3.0);
    }

    #[test]
    fn python_min_max_keep_the_first_on_nan() {
        assert_eq!(pymax(1.0, 2.0), 2.0);
        assert!(pymax(f64::NAN, 2.0).is_nan());
        assert_eq!(pymin(1.0, f64::NAN), 1.0);
    }
}
