//! A loss falling without bottom: the surface is the cause, not the step
//! size (a smaller one only takes longer).

use super::{eigenvalues, Hint};
use crate::landscape::Landscape;
use crate::run::Trajectory;

/// How far below its start (in units of max(1, |f(start)|)) a loss must
/// fall to count as falling without bound (`x*y` from (−5, −2): 10 →
/// −1.6e6 in 20 steps of GD η = 0.4).
const BOTTOMLESS: f64 = 1e4;

/// [`Hint::Unbounded`] when the loss is still falling, no bottom in sight:
/// its last step fell at least as far as the one before (a run settling
/// into a well falls less and less), and either the loss fell
/// [`BOTTOMLESS`] below its start or the surface is known to have no
/// bottom (the saddle from near its ridge: 2.2 → −14.7 in 20 steps, said
/// to be "converging" before). A formula's bottom is not known: a run
/// still accelerating down a double well's wall (x⁴ − 10x² + y²) curves
/// down and speeds up as one falling for ever would, so only the depth
/// tells there.
pub(super) fn falls_away(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let (&first, &kept) = (t.loss.first()?, t.loss.last()?);
    let deep = |v: f64| v < first - BOTTOMLESS * first.abs().max(1.0);
    let bottomless = landscape.bounded_below() == Some(false);
    // A step that left the finite world far down (L-BFGS's line search
    // leaps down the saddle to |x| ≈ 4e12, f ≈ −1.8e25, from a loss that
    // fell by less than the step before, or at its first or second step):
    // a fall, whatever η. (A finite f: where f is −∞ there is no number
    // to say.)
    let leapt = t
        .left
        .map(|l| l.loss)
        .filter(|&v| first.is_finite() && v.is_finite() && v < kept && deep(v));
    // (A plane's equal falls differ in their last bits.)
    let falling = match t.loss.as_slice() {
        [.., a, b, c] => first.is_finite() && b - c >= (a - b) * (1.0 - 1e-9) && a - b > 0.0,
        _ => false,
    };
    (falling && (deep(kept) || bottomless) || leapt.is_some()).then(|| Hint::Unbounded {
        first,
        last: leapt.unwrap_or(kept),
        nowhere: bottomless,
        searched: t.spec.kind == crate::optim::OptKind::Lbfgs
            && t.spec.hyper.line_search != crate::optim::LineSearch::None,
        lambda_min: t
            .spec
            .coupled_decay()
            .and_then(|_| least_curvature(landscape))
            .filter(|&c| c < 0.0)
            .map(|c| -c),
    })
}

/// The least curvature of a surface whose Hessian is constant (the saddle,
/// a quadratic): `None` for the others.
fn least_curvature(landscape: &Landscape) -> Option<f64> {
    matches!(landscape, Landscape::Saddle | Landscape::Quadratic(_))
        .then(|| eigenvalues(&landscape.hessian([0.0, 0.0]))[0])
}
