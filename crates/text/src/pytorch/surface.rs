//! The loss surface in Python: `f(x, y)` on torch tensors (autograd gives
//! its gradient and Hessian), and the book's `f_2d(x1, x2)` and
//! `f_2d_grad(x1, x2)` on plain floats, the gradient written out in the
//! core's order of operations so the d2l loop gets the core's very numbers.

use super::formula::{number, python};
use crate::{tr, Lang};
use gradscape_core::landscape::Landscape;
use gradscape_core::math;

/// cos θ and sin θ of a quadratic's rotation (degrees) as the core rounds
/// them, as Python literals.
fn cos_sin(rotation: f64) -> (String, String) {
    let th = rotation.to_radians();
    (number(math::cos(th)), number(math::sin(th)))
}

/// The body lines (indented) of `def f(x, y):` for torch tensors.
pub fn torch_body(l: &Landscape, lang: Lang) -> Vec<String> {
    let n = number;
    match l {
        Landscape::Quadratic(q) if q.rotation == 0.0 => {
            vec![format!("    return {} * x**2 + {} * y**2", n(q.a), n(q.b))]
        }
        Landscape::Quadratic(q) => {
            let (c, s) = cos_sin(q.rotation);
            vec![
                format!("    c, s = {c}, {s}  # cos, sin of {}°", n(q.rotation)),
                "    u = x * c + y * s".into(),
                "    w = -x * s + y * c".into(),
                format!("    return {} * u**2 + {} * w**2", n(q.a), n(q.b)),
            ]
        }
        Landscape::Rosenbrock(r) => vec![format!(
            "    return ({} - x)**2 + {} * (y - x**2)**2",
            n(r.a),
            n(r.b)
        )],
        Landscape::Himmelblau => vec!["    return (x**2 + y - 11)**2 + (x + y**2 - 7)**2".into()],
        Landscape::Beale => vec![
            "    return ((1.5 - x + x * y)**2 + (2.25 - x + x * y**2)**2".into(),
            "            + (2.625 - x + x * y**3)**2)".into(),
        ],
        Landscape::Saddle => vec!["    return x**2 - y**2".into()],
        Landscape::Rastrigin(r) => vec![
            format!("    a = {}", n(r.a)),
            "    return (2 * a + (x**2 - a * torch.cos(2 * math.pi * x))".into(),
            "            + (y**2 - a * torch.cos(2 * math.pi * y)))".into(),
        ],
        Landscape::Expr(e) => {
            let text = python(e);
            let mut out = Vec::new();
            for (call, def) in super::formula::TIE_HELPERS {
                if text.contains(call) {
                    if out.is_empty() {
                        out.push(format!("    # {}", tr(lang, "code.tie")));
                    }
                    out.extend(def.lines().map(|l| format!("    {l}")));
                }
            }
            out.push(format!("    return {text}"));
            out
        }
    }
}

/// `f_2d` and `f_2d_grad` on floats (d2l's names), with blank lines and
/// the comment line `grad_note` above the gradient. With `autograd` (a
/// formula, or torch's arithmetic) the gradient comes from autograd on `f`
/// (the script then defines `f` too).
pub fn book(l: &Landscape, grad_note: &str, autograd: bool) -> Vec<String> {
    let n = number;
    let autograd = autograd || matches!(l, Landscape::Expr(_));
    let mut out = vec!["def f_2d(x1, x2):".to_string()];
    let (value, grad): (Vec<String>, Vec<String>) = match l {
        _ if autograd => (
            vec!["    return f(torch.tensor(x1), torch.tensor(x2)).item()".into()],
            vec![
                "    p = torch.tensor([x1, x2], requires_grad=True)".into(),
                "    f(*p).backward()".into(),
                "    return tuple(p.grad.tolist())".into(),
            ],
        ),
        Landscape::Quadratic(q) if q.rotation == 0.0 => (
            vec![format!(
                "    return {} * x1**2 + {} * x2**2",
                n(q.a),
                n(q.b)
            )],
            vec![format!(
                "    return ({} * x1, {} * x2)",
                n(2.0 * q.a),
                n(2.0 * q.b)
            )],
        ),
        Landscape::Quadratic(q) => {
            let (c, s) = cos_sin(q.rotation);
            let rot = vec![
                format!("    c, s = {c}, {s}  # cos, sin of {}°", n(q.rotation)),
                "    u = x1 * c + x2 * s".into(),
                "    w = -x1 * s + x2 * c".into(),
            ];
            let mut v = rot.clone();
            v.push(format!("    return {} * u**2 + {} * w**2", n(q.a), n(q.b)));
            let mut g = rot;
            g.push(format!(
                "    gu, gw = {} * u, {} * w",
                n(2.0 * q.a),
                n(2.0 * q.b)
            ));
            g.push("    return (gu * c - gw * s, gu * s + gw * c)".into());
            (v, g)
        }
        Landscape::Rosenbrock(r) => (
            vec![format!(
                "    return ({} - x1)**2 + {} * (x2 - x1**2)**2",
                n(r.a),
                n(r.b)
            )],
            vec![
                "    r = x2 - x1 * x1".into(),
                format!(
                    "    return (-2 * ({} - x1) - 4 * ({} * r * x1), {} * r)",
                    n(r.a),
                    n(r.b),
                    n(2.0 * r.b)
                ),
            ],
        ),
        Landscape::Himmelblau => (
            vec!["    return (x1**2 + x2 - 11)**2 + (x1 + x2**2 - 7)**2".into()],
            vec![
                "    u = x1 * x1 + x2 - 11".into(),
                "    v = x1 + x2 * x2 - 7".into(),
                "    return (4 * x1 * u + 2 * v, 2 * u + 4 * x2 * v)".into(),
            ],
        ),
        Landscape::Beale => (
            vec![
                "    return ((1.5 - x1 + x1 * x2)**2 + (2.25 - x1 + x1 * x2**2)**2".into(),
                "            + (2.625 - x1 + x1 * x2**3)**2)".into(),
            ],
            vec![
                "    y2, y3 = x2 * x2, x2 * x2 * x2".into(),
                "    r1 = 1.5 - x1 + x1 * x2".into(),
                "    r2 = 2.25 - x1 + x1 * y2".into(),
                "    r3 = 2.625 - x1 + x1 * y3".into(),
                "    d1, d2, d3 = 2 * r1, 2 * r2, 2 * r3".into(),
                "    return (d3 * y3 - d3 + d2 * y2 - d2 + d1 * x2 - d1,".into(),
                "            (d3 * x1) * (3 * y2) + (d2 * x1) * (2 * x2) + d1 * x1)".into(),
            ],
        ),
        Landscape::Saddle => (
            vec!["    return x1**2 - x2**2".into()],
            vec!["    return (2 * x1, -2 * x2)".into()],
        ),
        Landscape::Rastrigin(r) => (
            vec![
                format!("    a = {}", n(r.a)),
                "    return (2 * a + (x1**2 - a * math.cos(2 * math.pi * x1))".into(),
                "            + (x2**2 - a * math.cos(2 * math.pi * x2)))".into(),
            ],
            vec![
                "    k = 2 * math.pi".into(),
                format!("    a = {}", n(r.a)),
                "    return (2 * x1 + (a * math.sin(k * x1)) * k,".into(),
                "            2 * x2 + (a * math.sin(k * x2)) * k)".into(),
            ],
        ),
        // Taken by the autograd arm above.
        Landscape::Expr(_) => (Vec::new(), Vec::new()),
    };
    out.extend(value);
    out.push(String::new());
    out.push(String::new());
    out.push("def f_2d_grad(x1, x2):".into());
    out.push(format!("    # {grad_note}"));
    out.extend(grad);
    out
}
