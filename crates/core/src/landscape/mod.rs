//! Loss surfaces: value, analytic gradient and analytic Hessian side by side.
//!
//! Every surface is one file with its formula, default view window, default
//! start and known minima in the doc comment. [`Landscape`] is the closed set
//! of kinds a scene can name; a new kind (for example a user-written formula)
//! is one more variant with its own `value`/`grad`.

pub mod beale;
pub mod expr;
pub mod himmelblau;
pub mod quadratic;
pub mod rastrigin;
pub mod rosenbrock;
pub mod saddle;

pub use expr::{Expr, ExprError, ExprProblem, Fun, Op};
pub use quadratic::Quadratic;
pub use rastrigin::Rastrigin;
pub use rosenbrock::Rosenbrock;

use crate::{Mat2, Vec2};

/// A rectangular window of the plane: x ∈ [x0, x1], y ∈ [y0, y1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y0: f64,
    /// Top edge.
    pub y1: f64,
}

/// One edge of a [`View`], as the view fields and the link name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Left.
    X0,
    /// Right.
    X1,
    /// Bottom.
    Y0,
    /// Top.
    Y1,
}

impl Edge {
    /// The four, in the order x0, x1, y0, y1.
    pub const ALL: [Edge; 4] = [Edge::X0, Edge::X1, Edge::Y0, Edge::Y1];

    /// Its name (`x0`, …).
    pub fn name(self) -> &'static str {
        match self {
            Edge::X0 => "x0",
            Edge::X1 => "x1",
            Edge::Y0 => "y0",
            Edge::Y1 => "y1",
        }
    }

    /// From its name.
    pub fn from_name(s: &str) -> Option<Edge> {
        Edge::ALL.into_iter().find(|e| e.name() == s)
    }

    /// Its value in `v`.
    pub fn get(self, v: &View) -> f64 {
        match self {
            Edge::X0 => v.x0,
            Edge::X1 => v.x1,
            Edge::Y0 => v.y0,
            Edge::Y1 => v.y1,
        }
    }

    /// Set it in `v`.
    pub fn set(self, v: &mut View, x: f64) {
        match self {
            Edge::X0 => v.x0 = x,
            Edge::X1 => v.x1 = x,
            Edge::Y0 => v.y0 = x,
            Edge::Y1 => v.y1 = x,
        }
    }
}

impl View {
    /// A view from its two ranges.
    pub const fn new(x: [f64; 2], y: [f64; 2]) -> View {
        View {
            x0: x[0],
            x1: x[1],
            y0: y[0],
            y1: y[1],
        }
    }

    /// Width of the window.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height of the window.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// Whether the point lies inside the window (edges included).
    pub fn contains(&self, p: Vec2) -> bool {
        p[0] >= self.x0 && p[0] <= self.x1 && p[1] >= self.y0 && p[1] <= self.y1
    }
}

/// A loss surface f: ℝ² → ℝ with its analytic gradient.
#[derive(Debug, Clone, PartialEq)]
pub enum Landscape {
    /// a·x² + b·y², optionally rotated (the seed's bowl by default).
    Quadratic(Quadratic),
    /// (a − x)² + b·(y − x²)².
    Rosenbrock(Rosenbrock),
    /// (x² + y − 11)² + (x + y² − 7)².
    Himmelblau,
    /// Beale's plateau.
    Beale,
    /// x² − y².
    Saddle,
    /// 2A + Σ (xᵢ² − A·cos 2πxᵢ).
    Rastrigin(Rastrigin),
    /// A formula in x and y written by the user.
    Expr(Expr),
}

impl Default for Landscape {
    fn default() -> Self {
        Landscape::Quadratic(Quadratic::default())
    }
}

/// The names of every landscape kind, as written in a scene.
pub const KINDS: [&str; 7] = [
    "quadratic",
    "rosenbrock",
    "himmelblau",
    "beale",
    "saddle",
    "rastrigin",
    "expr",
];

/// The formula an `expr` landscape starts with when none is given: the
/// seed's bowl, written out.
pub const DEFAULT_EXPR: &str = "0.1*x^2 + 2*y^2";

/// The bowl's window: the book's x ∈ [−5.5, 1] with half a unit more on
/// the left, so that the start ring at (−5, −2) stands clear of the x2
/// tick labels (on a phone it sat on the "−2"), and y ∈ [−3, 2] grown to
/// keep the book's aspect (a phone's figure takes its height from it).
pub const BOWL_VIEW: View = View::new([-6.0, 1.0], [-3.2, 2.2]);

/// The window of a user-written surface: symmetric about the origin, where
/// textbook formulas put their interesting part.
pub const EXPR_VIEW: View = View::new([-5.0, 5.0], [-5.0, 5.0]);

/// Where a run on a user-written surface starts: the first of these points
/// where f and ∇f are finite.
pub const EXPR_STARTS: [Vec2; 5] = [[-4.0, 3.0], [4.0, 3.0], [3.0, -4.0], [1.0, 1.0], [0.5, 0.5]];

/// A parameter of a surface the page lets the user change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// The bowl's a, Rosenbrock's a, Rastrigin's A.
    A,
    /// The bowl's b, Rosenbrock's b.
    B,
    /// The bowl's rotation, in degrees.
    Rotation,
}

impl Param {
    /// The scene key (`landscape.a`, …).
    pub fn name(self) -> &'static str {
        match self {
            Param::A => "a",
            Param::B => "b",
            Param::Rotation => "rotation",
        }
    }

    /// From the scene key.
    pub fn from_name(s: &str) -> Option<Param> {
        [Param::A, Param::B, Param::Rotation]
            .into_iter()
            .find(|p| p.name() == s)
    }
}

impl Landscape {
    /// The parameters of this surface and their values, in the order the
    /// page shows them (the scene reader checks a new value's range).
    pub fn params(&self) -> Vec<(Param, f64)> {
        match self {
            Landscape::Quadratic(q) => vec![
                (Param::A, q.a),
                (Param::B, q.b),
                (Param::Rotation, q.rotation),
            ],
            Landscape::Rosenbrock(r) => vec![(Param::A, r.a), (Param::B, r.b)],
            Landscape::Rastrigin(r) => vec![(Param::A, r.a)],
            _ => vec![],
        }
    }

    /// The scene name of this kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Landscape::Quadratic(_) => "quadratic",
            Landscape::Rosenbrock(_) => "rosenbrock",
            Landscape::Himmelblau => "himmelblau",
            Landscape::Beale => "beale",
            Landscape::Saddle => "saddle",
            Landscape::Rastrigin(_) => "rastrigin",
            Landscape::Expr(_) => "expr",
        }
    }

    /// The kind with its default parameters, by scene name.
    pub fn from_kind(kind: &str) -> Option<Landscape> {
        Some(match kind {
            "quadratic" => Landscape::Quadratic(Quadratic::default()),
            "rosenbrock" => Landscape::Rosenbrock(Rosenbrock::default()),
            "himmelblau" => Landscape::Himmelblau,
            "beale" => Landscape::Beale,
            "saddle" => Landscape::Saddle,
            "rastrigin" => Landscape::Rastrigin(Rastrigin::default()),
            "expr" => Landscape::Expr(Expr::parse(DEFAULT_EXPR).ok()?),
            _ => return None,
        })
    }

    /// f(p).
    pub fn value(&self, p: Vec2) -> f64 {
        match self {
            Landscape::Quadratic(q) => q.value(p),
            Landscape::Rosenbrock(r) => r.value(p),
            Landscape::Himmelblau => himmelblau::value(p),
            Landscape::Beale => beale::value(p),
            Landscape::Saddle => saddle::value(p),
            Landscape::Rastrigin(r) => r.value(p),
            Landscape::Expr(e) => e.value(p),
        }
    }

    /// ∇f(p), analytic.
    pub fn grad(&self, p: Vec2) -> Vec2 {
        match self {
            Landscape::Quadratic(q) => q.grad(p),
            Landscape::Rosenbrock(r) => r.grad(p),
            Landscape::Himmelblau => himmelblau::grad(p),
            Landscape::Beale => beale::grad(p),
            Landscape::Saddle => saddle::grad(p),
            Landscape::Rastrigin(r) => r.grad(p),
            Landscape::Expr(e) => e.grad(p),
        }
    }

    /// ∇²f(p): analytic for the built-in surfaces, second-order forward-mode
    /// AD for formulas. Where f is not twice differentiable the entries are
    /// NaN or infinite, never a panic.
    pub fn hessian(&self, p: Vec2) -> Mat2 {
        match self {
            Landscape::Quadratic(q) => q.hessian(p),
            Landscape::Rosenbrock(r) => r.hessian(p),
            Landscape::Himmelblau => himmelblau::hessian(p),
            Landscape::Beale => beale::hessian(p),
            Landscape::Saddle => saddle::hessian(p),
            Landscape::Rastrigin(r) => r.hessian(p),
            Landscape::Expr(e) => e.hessian(p),
        }
    }

    /// The window a figure of this surface shows by default.
    pub fn default_view(&self) -> View {
        match self {
            Landscape::Quadratic(_) => BOWL_VIEW,
            Landscape::Rosenbrock(r) => {
                let c = r.a;
                View::new([c - 3.0, c + 1.0], [c * c - 2.0, c * c + 2.0])
            }
            Landscape::Himmelblau => View::new([-5.0, 5.0], [-5.0, 5.0]),
            Landscape::Beale => View::new([-4.5, 4.5], [-4.5, 4.5]),
            Landscape::Saddle => View::new([-2.0, 2.0], [-2.0, 2.0]),
            Landscape::Rastrigin(_) => View::new([-5.12, 5.12], [-5.12, 5.12]),
            Landscape::Expr(_) => EXPR_VIEW,
        }
    }

    /// Where a run starts when the scene does not say.
    pub fn default_start(&self) -> Vec2 {
        match self {
            Landscape::Quadratic(_) => [-5.0, -2.0],
            Landscape::Rosenbrock(r) => [r.a - 2.5, r.a * r.a + 1.0],
            Landscape::Himmelblau => [0.0, 0.0],
            Landscape::Beale => [1.0, 1.5],
            Landscape::Saddle => [-1.5, 0.01],
            Landscape::Rastrigin(_) => [-4.2, 3.7],
            Landscape::Expr(e) => EXPR_STARTS
                .iter()
                .copied()
                .find(|&p| {
                    let (v, g) = e.value_grad(p);
                    v.is_finite() && g[0].is_finite() && g[1].is_finite()
                })
                .unwrap_or(EXPR_STARTS[0]),
        }
    }

    /// Known minima (global, and for Himmelblau all four); empty for the
    /// saddle, and for a formula unless it is a bowl ([`Expr::minimum`]).
    pub fn minima(&self) -> Vec<Vec2> {
        match self {
            Landscape::Quadratic(q) => q.minima(),
            Landscape::Rosenbrock(r) => r.minima(),
            Landscape::Himmelblau => himmelblau::MINIMA.to_vec(),
            Landscape::Beale => beale::MINIMA.to_vec(),
            Landscape::Saddle => vec![],
            Landscape::Rastrigin(r) => r.minima(),
            Landscape::Expr(e) => e.minimum().into_iter().collect(),
        }
    }

    /// Whether f is bounded below: `Some(false)` where it falls without
    /// bound (the saddle, a quadratic or Rosenbrock with a negative
    /// coefficient), `None` for a formula (not known).
    pub fn bounded_below(&self) -> Option<bool> {
        match self {
            Landscape::Quadratic(q) => Some(q.a >= 0.0 && q.b >= 0.0),
            Landscape::Rosenbrock(r) => Some(r.b >= 0.0),
            // Sums of squares; x² outgrows A·cos 2πx.
            Landscape::Himmelblau | Landscape::Beale | Landscape::Rastrigin(_) => Some(true),
            Landscape::Saddle => Some(false),
            Landscape::Expr(_) => None,
        }
    }

    /// A one-line formula of the surface, for legends, captions and the
    /// figures' titles. The coordinates are x₁ and x₂, as the figures' axes
    /// name them (a formula's x and y, or x1 and x2, are written so too).
    pub fn formula(&self) -> String {
        match self {
            Landscape::Quadratic(q) if q.rotation == 0.0 => {
                format!("f = {}{}", times(q.a, "x₁²"), plus(q.b, "x₂²"))
            }
            Landscape::Quadratic(q) => {
                // θ names the rotation as the README and the controls do: no words here.
                format!(
                    "f = {}{}, θ = {}°",
                    times(q.a, "u²"),
                    plus(q.b, "w²"),
                    signed(q.rotation)
                )
            }
            Landscape::Rosenbrock(r) => {
                format!("f = ({} − x₁)²{}", signed(r.a), plus(r.b, "(x₂ − x₁²)²"))
            }
            Landscape::Himmelblau => "f = (x₁² + x₂ − 11)² + (x₁ + x₂² − 7)²".into(),
            Landscape::Beale => {
                "f = (1.5 − x₁ + x₁x₂)² + (2.25 − x₁ + x₁x₂²)² + (2.625 − x₁ + x₁x₂³)²".into()
            }
            Landscape::Saddle => "f = x₁² − x₂²".into(),
            // 2A as one number (it read "10·2 + Σᵢ …").
            Landscape::Rastrigin(r) => format!(
                "f = {} + Σᵢ (xᵢ² − {}·cos 2πxᵢ)",
                signed(2.0 * r.a),
                signed(r.a)
            ),
            Landscape::Expr(e) => format!("f = {}", e.display()),
        }
    }

    /// The surface written in the formula language of [`Expr`], so that any
    /// built-in surface can be opened as a formula and edited.
    pub fn as_formula(&self) -> String {
        match self {
            Landscape::Quadratic(q) if q.rotation == 0.0 => {
                format!("{}*x^2 + {}*y^2", q.a, q.b)
            }
            Landscape::Quadratic(q) => {
                let t = format!("{}*pi/180", q.rotation);
                format!(
                    "{a}*(x*cos({t}) + y*sin({t}))^2 + {b}*(y*cos({t}) - x*sin({t}))^2",
                    a = q.a,
                    b = q.b
                )
            }
            Landscape::Rosenbrock(r) => format!("({} - x)^2 + {}*(y - x^2)^2", r.a, r.b),
            Landscape::Himmelblau => "(x^2 + y - 11)^2 + (x + y^2 - 7)^2".into(),
            Landscape::Beale => {
                "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2".into()
            }
            Landscape::Saddle => "x^2 - y^2".into(),
            Landscape::Rastrigin(r) => {
                format!("2*{0} + x^2 - {0}*cos(2*pi*x) + y^2 - {0}*cos(2*pi*y)", r.a)
            }
            Landscape::Expr(e) => e.source().to_string(),
        }
    }
}

/// A number as a formula writes it: a minus sign, not a hyphen.
fn signed(c: f64) -> String {
    if c < 0.0 {
        format!("−{}", -c)
    } else {
        c.to_string()
    }
}

/// `c·x` as a formula writes it: `x` for 1, `−x` for −1, `−0.5·x`.
fn times(c: f64, x: &str) -> String {
    if c == 1.0 {
        x.to_string()
    } else if c == -1.0 {
        format!("−{x}")
    } else {
        format!("{}·{x}", signed(c))
    }
}

/// `+ c·x`, its sign folded into the operator (` − 2·x₂²`).
fn plus(c: f64, x: &str) -> String {
    if c < 0.0 {
        format!(" − {}", times(-c, x))
    } else {
        format!(" + {}", times(c, x))
    }
}

impl crate::optim::Oracle for Landscape {
    fn value(&self, x: Vec2) -> f64 {
        Landscape::value(self, x)
    }

    fn grad(&self, x: Vec2) -> Vec2 {
        Landscape::grad(self, x)
    }

    fn hessian(&self, x: Vec2) -> Mat2 {
        Landscape::hessian(self, x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rastrigin_s_formula_writes_2a_as_one_number() {
        let mut l = Landscape::from_kind("rastrigin").unwrap();
        assert_eq!(l.formula(), "f = 20 + Σᵢ (xᵢ² − 10·cos 2πxᵢ)");
        if let Landscape::Rastrigin(r) = &mut l {
            r.a = 2.5;
        }
        assert_eq!(l.formula(), "f = 5 + Σᵢ (xᵢ² − 2.5·cos 2πxᵢ)");
    }

    #[test]
    fn params_are_the_scene_keys_of_each_surface() {
        for kind in KINDS {
            let l = Landscape::from_kind(kind).unwrap();
            let v = crate::Scene {
                landscape: l.clone(),
                ..crate::Scene::default()
            }
            .to_value();
            for (p, x) in l.params() {
                assert_eq!(Param::from_name(p.name()), Some(p));
                // The scene key of that name holds that value.
                let mut w = v.clone();
                w["landscape"][p.name()] = x.into();
                let back = crate::Scene::from_value(&w).unwrap();
                assert_eq!(back.landscape, l, "{kind} {p:?}");
                w["landscape"][p.name()] = (x + 0.5).into();
                let moved = crate::Scene::from_value(&w).unwrap();
                assert_ne!(moved.landscape, l, "{kind} {p:?}");
            }
        }
        assert_eq!(Landscape::Saddle.params(), vec![]);
        let mut v = View::new([0.0, 0.0], [0.0, 0.0]);
        for (i, e) in Edge::ALL.into_iter().enumerate() {
            assert_eq!(Edge::from_name(e.name()), Some(e));
            e.set(&mut v, i as f64);
        }
        assert_eq!(v, View::new([0.0, 1.0], [2.0, 3.0]));
    }
}
