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

use super::wolfe::{axpy, dot, pymin, strong_wolfe, Len, Ray, TOLERANCE_CHANGE};
use super::{Block, LineSearch, StateField, StateKey, StepCx};
use crate::Vec2;
use std::collections::VecDeque;

/// The most trial points one strong-Wolfe search evaluates
/// (`max_eval − 1` with torch's `max_eval=26`).
pub const MAX_TRIALS: usize = 25;

const TOLERANCE_GRAD: f64 = 1e-7;

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
        // `min(1., 1./flat_grad.abs().sum()) * lr`: a tensor where the
        // reciprocal (a tensor) is the smaller.
        let t = if self.n_iter == 1 {
            let r = 1.0 / (g[0].abs() + g[1].abs());
            Len {
                v: pymin(1.0, r) * lr,
                tensor: r < 1.0,
            }
        } else {
            Len::float(lr)
        };
        self.t = t.v;
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
            self.t = strong_wolfe(&mut ray, t, loss, gtd, MAX_TRIALS).v;
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
