//! The d2l convention's update rules as the book writes them (d2l.ai ch. 11,
//! `rmsprop_2d` and friends): plain Python floats, one function per kind,
//! `trainer(x, g, state, t, **hyper)` changing x and its state in place, in
//! the core's order of operations (crates/core/src/optim/) so the numbers
//! are the core's. Also torch's Adam arithmetic without bias correction,
//! which `torch.optim.Adam` cannot run.
//!
//! A branch (weight decay, Nesterov, AMSGrad, …) is written only when some
//! run of the kind in the scene uses it, so the seed's figures get the
//! book's few lines.

use super::formula::number;
use super::runner::add;
use gradscape_core::optim::Hyper;
use gradscape_core::OptKind;

/// Which optional parts a kind's function needs in this scene.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Parts {
    /// λ (L2 or decoupled weight decay).
    pub lambda: bool,
    /// τ, momentum's dampening.
    pub dampening: bool,
    /// Nesterov.
    pub nesterov: bool,
    /// AdaGrad's lr_decay.
    pub lr_decay: bool,
    /// AdaGrad's starting accumulator.
    pub s0: bool,
    /// RMSProp's μ.
    pub mu: bool,
    /// RMSProp centered.
    pub centered: bool,
    /// Adam's bias-correction switch (some run has it off).
    pub bias_switch: bool,
    /// AMSGrad.
    pub amsgrad: bool,
}

impl Parts {
    /// The parts a run with `h` needs.
    pub fn of(kind: OptKind, h: &Hyper) -> Parts {
        let adam = matches!(kind, OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw);
        Parts {
            lambda: matches!(
                kind,
                OptKind::Gd | OptKind::Momentum | OptKind::Adagrad | OptKind::Rmsprop
            ) && h.lambda != 0.0,
            dampening: kind == OptKind::Momentum && h.dampening != 0.0,
            nesterov: kind == OptKind::Momentum && h.nesterov,
            lr_decay: kind == OptKind::Adagrad && h.lr_decay != 0.0,
            s0: kind == OptKind::Adagrad && h.initial_accumulator_value != 0.0,
            mu: kind == OptKind::Rmsprop && h.momentum != 0.0,
            centered: kind == OptKind::Rmsprop && h.centered,
            bias_switch: adam && !h.bias_correction,
            amsgrad: adam && h.amsgrad,
        }
    }

    /// Both runs' parts.
    pub fn union(self, o: Parts) -> Parts {
        Parts {
            lambda: self.lambda || o.lambda,
            dampening: self.dampening || o.dampening,
            nesterov: self.nesterov || o.nesterov,
            lr_decay: self.lr_decay || o.lr_decay,
            s0: self.s0 || o.s0,
            mu: self.mu || o.mu,
            centered: self.centered || o.centered,
            bias_switch: self.bias_switch || o.bias_switch,
            amsgrad: self.amsgrad || o.amsgrad,
        }
    }
}

/// Whether the d2l convention has its own (book) arithmetic for `kind`;
/// the others compute as torch does in both conventions.
pub fn is_book(kind: OptKind) -> bool {
    matches!(
        kind,
        OptKind::Gd
            | OptKind::Momentum
            | OptKind::Adagrad
            | OptKind::Rmsprop
            | OptKind::Adam
            | OptKind::AdamL2
            | OptKind::Adamw
            | OptKind::Adadelta
    )
}

/// The trainer's Python name.
pub fn name(kind: OptKind, torch: bool) -> String {
    if torch {
        format!("{}_torch_2d", kind.name())
    } else {
        format!("{}_2d", kind.name())
    }
}

/// The run's hyper-parameters as the Python dict the trainer takes (its
/// keyword arguments; `eta` is η, replaced by η_t under a schedule).
pub fn hyper_dict(kind: OptKind, h: &Hyper, p: Parts) -> String {
    let n = number;
    let b = |x: bool| if x { "True" } else { "False" };
    let mut a = vec![format!("\"eta\": {}", n(h.lr))];
    let mut put = |k: &str, v: String| a.push(format!("\"{k}\": {v}"));
    match kind {
        OptKind::Momentum => put("gamma", n(h.gamma)),
        OptKind::Adagrad => put("eps", n(h.eps)),
        OptKind::Rmsprop => {
            put("gamma", n(h.gamma));
            put("eps", n(h.eps));
        }
        OptKind::Adadelta => {
            put("rho", n(h.gamma));
            put("eps", n(h.eps));
        }
        OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw => {
            put("beta1", n(h.beta1));
            put("beta2", n(h.beta2));
            put("eps", n(h.eps));
            if kind != OptKind::Adam {
                put("lam", n(h.lambda));
            }
        }
        _ => {}
    }
    if p.lambda {
        put("lam", n(h.lambda));
    }
    if p.dampening {
        put("dampening", n(h.dampening));
    }
    if p.nesterov {
        put("nesterov", b(h.nesterov).into());
    }
    if p.lr_decay {
        put("lr_decay", n(h.lr_decay));
    }
    if p.s0 {
        put("s0", n(h.initial_accumulator_value));
    }
    if p.mu {
        put("mu", n(h.momentum));
    }
    if p.centered {
        put("centered", b(h.centered).into());
    }
    if p.bias_switch {
        put("bias_correction", b(h.bias_correction).into());
    }
    if p.amsgrad {
        put("amsgrad", b(h.amsgrad).into());
    }
    format!("{{{}}}", a.join(", "))
}

/// The name a schedule's cycled momentum takes in the trainer's arguments.
pub fn cycled_name(kind: OptKind) -> &'static str {
    match kind {
        OptKind::Rmsprop => "mu",
        OptKind::Momentum | OptKind::Gd => "gamma",
        _ => "beta1",
    }
}

fn state(out: &mut Vec<String>, names: &[&str], init: &str) {
    for n in names {
        out.push(format!(
            "    {n} = state.setdefault(\"{n}\", [{init}, {init}])"
        ));
    }
}

/// The trainer `def …_2d(x, g, state, t, eta, …):` for `kind` with `p`'s
/// parts; `torch` writes torch's Adam arithmetic (no bias correction)
/// instead of the book's.
pub fn trainer(kind: OptKind, p: Parts, torch: bool) -> Vec<String> {
    let mut args = vec!["x", "g", "state", "t", "eta"];
    let mut body: Vec<String> = Vec::new();
    let b = &mut body;
    let loop_l2 = |b: &mut Vec<String>| {
        b.push("    for i in (0, 1):".into());
        if p.lambda {
            b.push("        g[i] = g[i] + lam * x[i]".into());
        }
    };
    match kind {
        OptKind::Gd => {
            loop_l2(b);
            b.push("        x[i] -= eta * g[i]".into());
        }
        OptKind::Momentum => {
            args.push("gamma");
            state(b, &["v"], "0.0");
            loop_l2(b);
            b.push("        step = eta * g[i]".into());
            if p.dampening {
                b.push("        step *= 1 - dampening".into());
            }
            b.push("        v[i] = gamma * v[i] + step".into());
            b.push(if p.nesterov {
                "        x[i] -= gamma * v[i] + step if nesterov else v[i]".into()
            } else {
                "        x[i] -= v[i]".into()
            });
        }
        OptKind::Adagrad => {
            args.push("eps");
            state(b, &["s"], if p.s0 { "s0" } else { "0.0" });
            if p.lr_decay {
                b.push("    eta = eta / (1 + (t - 1) * lr_decay)".into());
            }
            loop_l2(b);
            add(
                b,
                "        s[i] += g[i] * g[i]
        x[i] -= eta / math.sqrt(s[i] + eps) * g[i]",
            );
        }
        OptKind::Rmsprop => {
            args.extend(["gamma", "eps"]);
            let mut st = vec!["s"];
            if p.centered {
                st.push("g_avg");
            }
            if p.mu {
                st.push("buf");
            }
            state(b, &st, "0.0");
            loop_l2(b);
            add(
                b,
                "        s[i] = gamma * s[i] + (1 - gamma) * (g[i] * g[i])
        var = s[i]",
            );
            if p.centered {
                add(
                    b,
                    "        if centered:
            g_avg[i] = gamma * g_avg[i] + (1 - gamma) * g[i]
            var = max(s[i] - g_avg[i] * g_avg[i], 0.0)",
                );
            }
            b.push("        step = eta / math.sqrt(var + eps) * g[i]".into());
            if p.mu {
                add(
                    b,
                    "        if mu > 0:
            buf[i] = mu * buf[i] + step
            step = buf[i]",
                );
            }
            b.push("        x[i] -= step".into());
        }
        OptKind::Adadelta => {
            args.extend(["rho", "eps"]);
            state(b, &["s", "delta"], "0.0");
            add(
                b,
                "    for i in (0, 1):
        s[i] = rho * s[i] + (1 - rho) * (g[i] * g[i])
        d = math.sqrt(delta[i] + eps) / math.sqrt(s[i] + eps) * g[i]
        delta[i] = rho * delta[i] + (1 - rho) * (d * d)
        x[i] -= eta * d",
            );
        }
        _ => {
            // Adam, Adam+L2, AdamW.
            args.extend(["beta1", "beta2", "eps"]);
            let mut st = vec!["m", "v"];
            if p.amsgrad {
                st.push("v_max");
            }
            state(b, &st, "0.0");
            if torch && kind == OptKind::Adamw {
                // torch's AdamW decays x before the step.
                add(
                    b,
                    "    for i in (0, 1):\n        x[i] = x[i] * (1 - eta * lam)",
                );
            }
            b.push("    for i in (0, 1):".into());
            if kind == OptKind::AdamL2 {
                b.push("        g[i] = g[i] + lam * x[i]".into());
            }
            if torch {
                // torch: m.lerp_(g, 1 − β1); v.mul_(β2).addcmul_(g, g, value=1 − β2).
                add(
                    b,
                    "        w = 1 - beta1
        if abs(w) < 0.5:
            m[i] = m[i] + w * (g[i] - m[i])
        else:
            m[i] = g[i] - (g[i] - m[i]) * (1 - w)
        v[i] = v[i] * beta2 + (1 - beta2) * g[i] * g[i]",
                );
            } else {
                add(
                    b,
                    "        m[i] = beta1 * m[i] + (1 - beta1) * g[i]
        v[i] = beta2 * v[i] + (1 - beta2) * (g[i] * g[i])",
                );
            }
            let v = if p.amsgrad {
                b.push("        v_max[i] = max(v_max[i], v[i])".into());
                "(v_max[i] if amsgrad else v[i])"
            } else {
                "v[i]"
            };
            if torch {
                b.push(format!(
                    "        x[i] -= eta * m[i] / (math.sqrt({v}) / 1.0 + eps)"
                ));
            } else {
                if p.bias_switch {
                    b.push(format!("        m_hat, v_hat = m[i], {v}"));
                    add(
                        b,
                        "        if bias_correction:
            m_hat, v_hat = m_hat / (1 - beta1**t), v_hat / (1 - beta2**t)",
                    );
                } else {
                    b.push(format!(
                        "        m_hat, v_hat = m[i] / (1 - beta1**t), {v} / (1 - beta2**t)"
                    ));
                }
                b.push("        u = m_hat / (math.sqrt(v_hat) + eps)".into());
                if kind == OptKind::Adamw {
                    b.push("        u = u + lam * x[i]".into());
                }
                b.push("        x[i] -= u * eta".into());
            }
        }
    }
    let extra = [
        (
            p.lambda || (kind != OptKind::Adam && !is_plain(kind)),
            "lam",
        ),
        (p.dampening, "dampening"),
        (p.nesterov, "nesterov"),
        (p.lr_decay, "lr_decay"),
        (p.s0, "s0"),
        (p.mu, "mu"),
        (p.centered, "centered"),
        (p.bias_switch && !torch, "bias_correction"),
        (p.amsgrad, "amsgrad"),
    ];
    for (on, a) in extra {
        if on {
            args.push(a);
        }
    }
    // torch's form has no bias-correction branch: it takes the flag (always
    // off there) so that the same hyper-parameter dict fits.
    if torch && p.bias_switch {
        args.push("bias_correction");
    }
    let mut out = vec![format!("def {}({}):", name(kind, torch), args.join(", "))];
    out.extend(body);
    out
}

/// The kinds whose λ is an optional part (the Adam family always has it,
/// except plain Adam).
fn is_plain(kind: OptKind) -> bool {
    !matches!(kind, OptKind::AdamL2 | OptKind::Adamw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradscape_core::Convention;

    #[test]
    fn adam_is_the_books_six_lines() {
        let h = OptKind::Adam.defaults(Convention::D2l);
        let text = trainer(OptKind::Adam, Parts::of(OptKind::Adam, &h), false).join("\n");
        assert_eq!(
            text,
            "def adam_2d(x, g, state, t, eta, beta1, beta2, eps):\n\
             \x20   m = state.setdefault(\"m\", [0.0, 0.0])\n\
             \x20   v = state.setdefault(\"v\", [0.0, 0.0])\n\
             \x20   for i in (0, 1):\n\
             \x20       m[i] = beta1 * m[i] + (1 - beta1) * g[i]\n\
             \x20       v[i] = beta2 * v[i] + (1 - beta2) * (g[i] * g[i])\n\
             \x20       m_hat, v_hat = m[i] / (1 - beta1**t), v[i] / (1 - beta2**t)\n\
             \x20       u = m_hat / (math.sqrt(v_hat) + eps)\n\
             \x20       x[i] -= u * eta"
        );
        assert_eq!(
            hyper_dict(OptKind::Adam, &h, Parts::of(OptKind::Adam, &h)),
            "{\"eta\": 0.1, \"beta1\": 0.9, \"beta2\": 0.999, \"eps\": 1e-6}"
        );
    }

    #[test]
    fn adamw_decays_after_the_scaling_and_adam_l2_before() {
        let h = OptKind::Adamw.defaults(Convention::D2l);
        let w = trainer(OptKind::Adamw, Parts::of(OptKind::Adamw, &h), false).join("\n");
        let l2 = trainer(OptKind::AdamL2, Parts::of(OptKind::AdamL2, &h), false).join("\n");
        assert!(w.contains("u = u + lam * x[i]") && !w.contains("g[i] = g[i] + lam"));
        assert!(l2.contains("g[i] = g[i] + lam * x[i]") && !l2.contains("u = u + lam"));
        assert!(w.starts_with("def adamw_2d(x, g, state, t, eta, beta1, beta2, eps, lam):"));
    }

    #[test]
    fn only_the_parts_in_use_are_written() {
        let mut h = OptKind::Momentum.defaults(Convention::D2l);
        let plain = trainer(OptKind::Momentum, Parts::of(OptKind::Momentum, &h), false);
        assert!(!plain.join("\n").contains("nesterov"));
        h.nesterov = true;
        let nest = trainer(OptKind::Momentum, Parts::of(OptKind::Momentum, &h), false);
        assert!(nest.join("\n").contains("if nesterov else v[i]"));
    }
}
