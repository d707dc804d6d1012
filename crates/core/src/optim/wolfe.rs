//! torch's `_strong_wolfe` line search and its `_cubic_interpolate`, for
//! [`super::lbfgs`]: line by line, in torch's order of operations, with
//! torch's types — a step length is a float or a 0-dim tensor ([`Len`]),
//! whose divisions round differently.

use super::StepCx;
use crate::Vec2;

/// torch's `tolerance_change` (also L-BFGS's test of gᵀd).
pub(super) const TOLERANCE_CHANGE: f64 = 1e-9;
const C1: f64 = 1e-4;
const C2: f64 = 0.9;

pub(super) fn dot(a: Vec2, b: Vec2) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}

/// torch's `v.add_(w, alpha=k)`: v + k·w, fused.
pub(super) fn axpy(k: f64, w: Vec2, v: Vec2) -> Vec2 {
    [k.mul_add(w[0], v[0]), k.mul_add(w[1], v[1])]
}

/// Python's `max(a, b)`: a unless b > a.
pub(super) fn pymax(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

/// Python's `min(a, b)`: a unless b < a.
pub(super) fn pymin(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// A step length as torch holds it: a Python float, or a 0-dim tensor
/// once a gtd (a tensor) has entered it. The two differ in one place:
/// a float divided by a tensor is `tensor.__rtruediv__`, the reciprocal
/// times the float — `3·(f1 − f2)/(x1 − x2)` in `_cubic_interpolate`
/// rounds differently, and along a concave ray (where `g2 − g1 + 2·d2` is
/// 0 in exact arithmetic) that rounding picks the branch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Len {
    pub(super) v: f64,
    pub(super) tensor: bool,
}

impl Len {
    pub(super) fn float(v: f64) -> Len {
        Len { v, tensor: false }
    }

    /// An arithmetic result of `a` and `b`: a tensor if either is.
    fn of(v: f64, a: Len, b: Len) -> Len {
        Len {
            v,
            tensor: a.tensor || b.tensor,
        }
    }
}

/// Python's `max(a, b)` of step lengths: a unless b > a.
fn lmax(a: Len, b: Len) -> Len {
    if b.v > a.v {
        b
    } else {
        a
    }
}

/// Python's `min(a, b)` of step lengths: a unless b < a.
fn lmin(a: Len, b: Len) -> Len {
    if b.v < a.v {
        b
    } else {
        a
    }
}

/// torch's `_cubic_interpolate`: the minimiser of the cubic through
/// (x1, f1, g1) and (x2, f2, g2), clamped to `bounds` (default: between
/// the two points); the middle of the bounds when the cubic has none.
/// f1 and f2 are floats (`float(closure())`), g1 and g2 tensors.
fn cubic_interpolate(
    (x1, f1, g1): (Len, f64, f64),
    (x2, f2, g2): (Len, f64, f64),
    bounds: Option<(Len, Len)>,
) -> Len {
    let (xmin, xmax) = bounds.unwrap_or(if x1.v <= x2.v { (x1, x2) } else { (x2, x1) });
    let num = 3.0 * (f1 - f2);
    let den = x1.v - x2.v;
    let slope = if x1.tensor || x2.tensor {
        num * (1.0 / den)
    } else {
        num / den
    };
    let d1 = g1 + g2 - slope;
    let d2_square = d1 * d1 - g1 * g2;
    if d2_square >= 0.0 {
        let d2 = d2_square.sqrt();
        let (x1, x2) = (x1.v, x2.v);
        let min_pos = if x1 <= x2 {
            x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2.0 * d2))
        } else {
            x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2.0 * d2))
        };
        let min_pos = Len {
            v: min_pos,
            tensor: true,
        };
        lmin(lmax(min_pos, xmin), xmax)
    } else {
        Len::of((xmin.v + xmax.v) / 2.0, xmin, xmax)
    }
}

/// The surface along the ray x + t·d, recording every point evaluated.
pub(super) struct Ray<'a> {
    pub(super) cx: &'a StepCx<'a>,
    pub(super) x: Vec2,
    pub(super) d: Vec2,
    pub(super) trials: &'a mut Vec<Vec2>,
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
pub(super) fn strong_wolfe(ray: &mut Ray, mut t: Len, f: f64, gtd: f64, max_ls: usize) -> Len {
    let d_norm = pymax(ray.d[0].abs(), ray.d[1].abs());
    let (mut f_new, mut gtd_new) = ray.eval(t.v);
    // The bracket: one or two points with their f and gtd.
    let zero = Len::float(0.0);
    let mut br = [zero; 2];
    let mut br_f = [0.0f64; 2];
    let mut br_gtd = [0.0f64; 2];
    let (mut t_prev, mut f_prev, mut gtd_prev) = (zero, f, gtd);
    let mut done = false;
    let mut ls_iter = 0usize;
    let mut two = true;
    while ls_iter < max_ls {
        if f_new > f + C1 * t.v * gtd || (ls_iter > 1 && f_new >= f_prev) {
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
        let min_step = Len::of(t.v + 0.01 * (t.v - t_prev.v), t, t_prev);
        let max_step = Len::of(t.v * 10.0, t, t);
        let tmp = t;
        t = cubic_interpolate(
            (t_prev, f_prev, gtd_prev),
            (t, f_new, gtd_new),
            Some((min_step, max_step)),
        );
        // next step
        (t_prev, f_prev, gtd_prev) = (tmp, f_new, gtd_new);
        (f_new, gtd_new) = ray.eval(t.v);
        ls_iter += 1;
    }
    if ls_iter == max_ls {
        (br, br_f) = ([zero, t], [f, f_new]);
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
        if (br[1].v - br[0].v).abs() * d_norm < TOLERANCE_CHANGE {
            break;
        }
        t = cubic_interpolate(
            (br[0], br_f[0], br_gtd[0]),
            (br[1], br_f[1], br_gtd[1]),
            None,
        );
        let (bmax, bmin) = (lmax(br[0], br[1]), lmin(br[0], br[1]));
        let eps = Len::of(0.1 * (bmax.v - bmin.v), bmax, bmin);
        if pymin(bmax.v - t.v, t.v - bmin.v) < eps.v {
            // interpolation close to the boundary
            if insuf_progress || t.v >= bmax.v || t.v <= bmin.v {
                t = if (t.v - bmax.v).abs() < (t.v - bmin.v).abs() {
                    Len::of(bmax.v - eps.v, bmax, eps)
                } else {
                    Len::of(bmin.v + eps.v, bmin, eps)
                };
                insuf_progress = false;
            } else {
                insuf_progress = true;
            }
        } else {
            insuf_progress = false;
        }
        (f_new, gtd_new) = ray.eval(t.v);
        ls_iter += 1;
        if f_new > f + C1 * t.v * gtd || f_new >= br_f[low] {
            // Armijo not satisfied, or not lower than the lowest point
            (br[high], br_f[high], br_gtd[high]) = (t, f_new, gtd_new);
            (low, high) = if br_f[0] <= br_f[1] { (0, 1) } else { (1, 0) };
        } else {
            if gtd_new.abs() <= -C2 * gtd {
                done = true;
            } else if gtd_new * (br[high].v - br[low].v) >= 0.0 {
                // the old high becomes the new low
                (br[high], br_f[high], br_gtd[high]) = (br[low], br_f[low], br_gtd[low]);
            }
            (br[low], br_f[low], br_gtd[low]) = (t, f_new, gtd_new);
        }
    }
    br[low]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cubic_interpolation_finds_a_cubics_minimum() {
        // f(t) = (t − 1)² through t = 0 and t = 3: the minimum at 1.
        let f = Len::float;
        let t = cubic_interpolate((f(0.0), 1.0, -2.0), (f(3.0), 4.0, 4.0), None);
        assert!((t.v - 1.0).abs() < 1e-12 && t.tensor, "{t:?}");
        // Clamped to the bounds (a float bound stays a float).
        let t = cubic_interpolate(
            (f(0.0), 1.0, -2.0),
            (f(3.0), 4.0, 4.0),
            Some((f(2.0), f(5.0))),
        );
        assert_eq!(t, f(2.0));
        // No real minimiser: the middle of the bounds.
        // d1 = 3 + 3 − 3·(0 − 2)/(0 − 1) = 0, d1² − g1·g2 = −9.
        let t = cubic_interpolate(
            (f(0.0), 0.0, 3.0),
            (f(1.0), 2.0, 3.0),
            Some((f(2.0), f(4.0))),
        );
        assert_eq!(t, f(3.0));
    }

    #[test]
    fn a_float_over_a_tensor_step_is_the_reciprocal_times_it() {
        // 3·(f1 − f2) = 1.5 over x1 − x2 = −0.9: torch's float/float and
        // float/tensor interpolations are one ulp apart (Python gives
        // 0.6657814012801934 and …935).
        let at = |tensor: bool| {
            cubic_interpolate(
                (Len::float(0.0), 0.5, -1.0),
                (Len { v: 0.9, tensor }, 0.0, 2.0),
                None,
            )
        };
        assert_eq!(at(false).v, 0.6657814012801934);
        assert_eq!(at(true).v, 0.6657814012801935);
    }

    #[test]
    fn python_min_max_keep_the_first_on_nan() {
        assert_eq!(pymax(1.0, 2.0), 2.0);
        assert!(pymax(f64::NAN, 2.0).is_nan());
        assert_eq!(pymin(1.0, f64::NAN), 1.0);
    }
}
