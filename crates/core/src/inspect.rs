//! The numbers of the state inspector: one optimizer's step k written out.
//!
//! The page shows, for the step that leaves the current point (step k = t + 1
//! goes from `points[t]` to `points[t+1]`), the gradient, the state before and
//! after the step, the bias-correction factors and the effective
//! per-coordinate rate, and draws the step next to where plain GD would go.
//! Everything here is computed from the optimizer's own state (the blocks of
//! [`crate::optim`]); [`Inspection::step`] re-derives the step from the shown
//! numbers by the formula the page prints, so a test can check that the
//! printed rule explains the actual motion, for every kind in both
//! conventions.
//!
//! [`Stepper`] steps one optimizer exactly as [`crate::run::run_one_with`]
//! does (same gradient, noise stream and stop rule) without recording every
//! state, and moves forward incrementally, so following an animation costs
//! one step per frame.

use crate::landscape::Landscape;
use crate::math;
use crate::noise::Gaussian;
use crate::optim::{Convention, OptKind, OptSpec, Optimizer, StateField};
use crate::run::{run_one_with, DIVERGENCE_BOUND};
use crate::scene::Scene;
use crate::Vec2;

fn finite2(v: Vec2) -> bool {
    v[0].is_finite() && v[1].is_finite()
}

fn in_bounds(p: Vec2) -> bool {
    finite2(p) && p[0].abs() <= DIVERGENCE_BOUND && p[1].abs() <= DIVERGENCE_BOUND
}

/// `num / den`, 0 where the numerator is 0 (as the optimizers compute it).
fn sdiv(num: f64, den: f64) -> f64 {
    if num == 0.0 {
        0.0
    } else {
        num / den
    }
}

/// `lr / den`, 0 where the denominator is 0 (no step was taken there).
fn rdiv(lr: f64, den: f64) -> f64 {
    if den == 0.0 {
        0.0
    } else {
        lr / den
    }
}

fn map2(f: impl Fn(usize) -> f64) -> Vec2 {
    [f(0), f(1)]
}

/// torch's CPU `lerp` (as in `optim::adam`).
fn lerp(start: f64, end: f64, weight: f64) -> f64 {
    let diff = end - start;
    if weight.abs() < 0.5 {
        start + weight * diff
    } else {
        end - diff * (1.0 - weight)
    }
}

/// Whether the kind is Adam with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ) (the bias
/// correction panel's kinds; NAdam corrects m by its μ schedule instead).
pub fn has_bias_correction(kind: OptKind) -> bool {
    matches!(kind, OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw)
}

/// Everything about step k of one optimizer.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// The optimizer.
    pub spec: OptSpec,
    /// The arithmetic.
    pub conv: Convention,
    /// The step number (1-based): from `x` = x_{k−1} to `next` = x_k.
    pub k: usize,
    /// x_{k−1}, where the step starts.
    pub x: Vec2,
    /// x_k, where it ends.
    pub next: Vec2,
    /// The gradient g_k = ∇f(x_{k−1}) (noise included).
    pub grad: Vec2,
    /// The block chain's effective rate (as recorded in `StepState::lr_eff`).
    pub lr_eff: Vec2,
    /// The state after step k.
    pub fields: Vec<StateField>,
    /// The state after step k − 1 (all zero at k = 1).
    pub prev: Vec<StateField>,
    /// Adam+L2: the part of m that comes from λ·x (the same moving average
    /// taken of λ·x alone); m is linear in its inputs, so m = m_g + m_λ.
    pub m_decay: Vec2,
    /// NAdam: Π μ up to step k − 1.
    pub mu_product_prev: f64,
}

/// One row of the inspector's table: which quantity and its value per
/// coordinate (scalars repeat the value in both).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// What it is: `g`, `g_l2`, `v`, `b`, `s`, `m`, `v2`, `m_hat`, `v_hat`,
    /// `v_max`, `mu`, `mu_next`, `g_prime`, `dx_acc`, `rate`, `decay`,
    /// `step`.
    pub key: &'static str,
    /// Per coordinate.
    pub value: Vec2,
}

impl Inspection {
    /// A state field after step k (zero if the optimizer has none).
    pub fn field(&self, name: &str) -> Vec2 {
        find(&self.fields, name)
    }

    /// A state field after step k − 1 (zero at k = 1).
    pub fn prev_field(&self, name: &str) -> Vec2 {
        find(&self.prev, name)
    }

    fn h(&self) -> &crate::optim::Hyper {
        &self.spec.hyper
    }

    fn d2l(&self) -> bool {
        self.conv == Convention::D2l
    }

    /// 1 − β1ᵏ and 1 − β2ᵏ as the optimizer divides by them (1 and 1 with
    /// bias correction off).
    pub fn bias_denominators(&self) -> (f64, f64) {
        let h = self.h();
        let kf = self.k as f64;
        match self.spec.kind {
            OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw if h.bias_correction => {
                (1.0 - math::pow(h.beta1, kf), 1.0 - math::pow(h.beta2, kf))
            }
            OptKind::Nadam => (1.0, 1.0 - math::pow(h.beta2, kf)),
            _ => (1.0, 1.0),
        }
    }

    /// The bias-correction factors 1/(1 − β1ᵏ), 1/(1 − β2ᵏ) (Adam kinds).
    pub fn bias_factors(&self) -> Option<(f64, f64)> {
        if !has_bias_correction(self.spec.kind) {
            return None;
        }
        let (a, b) = self.bias_denominators();
        Some((1.0 / a, 1.0 / b))
    }

    /// The gradient the moments see: g, or g + λ·x for Adam+L2.
    pub fn grad_used(&self) -> Vec2 {
        let (g, x, l) = (self.grad, self.x, self.h().lambda);
        match self.spec.kind {
            OptKind::AdamL2 if self.d2l() => map2(|i| g[i] + l * x[i]),
            OptKind::AdamL2 => map2(|i| l.mul_add(x[i], g[i])),
            _ => g,
        }
    }

    /// NAdam's μ_k and μ_{k+1}.
    pub fn nadam_mu(&self) -> (f64, f64) {
        let h = self.h();
        let kf = self.k as f64;
        let mu = h.beta1 * (1.0 - 0.5 * math::pow(0.96, kf * h.momentum_decay));
        let mu_next = h.beta1 * (1.0 - 0.5 * math::pow(0.96, (kf + 1.0) * h.momentum_decay));
        (mu, mu_next)
    }

    /// The effective per-coordinate rate the printed rule multiplies its
    /// direction by: η (GD, momentum), η/√(s+ε) (d2l AdaGrad/RMSProp),
    /// η/(√s+ε) (pytorch), η/(√v̂+ε) (Adam d2l), (η/(1−β1ᵏ))/(√v/√(1−β2ᵏ)+ε)
    /// (Adam pytorch, applied to m), η/(√v̂+ε) (NAdam, before its two
    /// coefficients), η·√(Δx+ε)/√(s+ε) (Adadelta).
    pub fn rate(&self) -> Vec2 {
        let h = self.h();
        let (eta, eps) = (h.lr, h.eps);
        match self.spec.kind {
            OptKind::Gd | OptKind::Momentum => [eta, eta],
            OptKind::Adagrad | OptKind::Rmsprop => {
                let s = self.field("s");
                if self.d2l() {
                    map2(|i| rdiv(eta, (s[i] + eps).sqrt()))
                } else {
                    map2(|i| rdiv(eta, s[i].sqrt() + eps))
                }
            }
            OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw => {
                if self.d2l() {
                    let vh = self.field("v̂");
                    map2(|i| rdiv(eta, vh[i].sqrt() + eps))
                } else {
                    let (bc1, bc2) = self.bias_denominators();
                    let v = self.second_moment();
                    map2(|i| rdiv(eta / bc1, v[i].sqrt() / bc2.sqrt() + eps))
                }
            }
            OptKind::Nadam => {
                let (_, bc2) = self.bias_denominators();
                let v = self.field("v");
                map2(|i| rdiv(eta, (v[i] / bc2).sqrt() + eps))
            }
            OptKind::Adadelta => {
                let s = self.field("s");
                let d = self.prev_field("Δx");
                map2(|i| eta * rdiv((d[i] + eps).sqrt(), (s[i] + eps).sqrt()))
            }
        }
    }

    /// Adam's second moment as used in the denominator: v, or its running
    /// maximum with AMSGrad.
    fn second_moment(&self) -> Vec2 {
        if self.h().amsgrad {
            self.field("v_max")
        } else {
            self.field("v")
        }
    }

    /// Where plain gradient descent would go from x_{k−1}: −η·g.
    pub fn gd_step(&self) -> Vec2 {
        let (g, eta) = (self.grad, self.h().lr);
        map2(|i| -eta * g[i])
    }

    /// The actual step x_k − x_{k−1}.
    pub fn actual(&self) -> Vec2 {
        map2(|i| self.next[i] - self.x[i])
    }

    /// The step by the printed rule, from the printed numbers: the previous
    /// state, the gradient and the hyper-parameters (each state update
    /// re-done, not read back). Equal to [`Inspection::actual`] up to
    /// rounding — the identity the tests check for every kind.
    pub fn step(&self) -> Vec2 {
        let h = *self.h();
        let (eta, eps, g, x) = (h.lr, h.eps, self.grad, self.x);
        let d2l = self.d2l();
        match self.spec.kind {
            OptKind::Gd => map2(|i| -eta * g[i]),
            OptKind::Momentum => {
                let p = self.prev_field("v");
                if d2l {
                    let v = map2(|i| h.gamma * p[i] + eta * g[i]);
                    if h.nesterov {
                        map2(|i| -(h.gamma * v[i] + eta * g[i]))
                    } else {
                        map2(|i| -v[i])
                    }
                } else {
                    let b = if self.k == 1 {
                        g
                    } else {
                        map2(|i| h.gamma * p[i] + g[i])
                    };
                    if h.nesterov {
                        map2(|i| -eta * (g[i] + h.gamma * b[i]))
                    } else {
                        map2(|i| -eta * b[i])
                    }
                }
            }
            OptKind::Adagrad | OptKind::Rmsprop => {
                let p = self.prev_field("s");
                let s = if self.spec.kind == OptKind::Adagrad {
                    map2(|i| p[i] + g[i] * g[i])
                } else {
                    map2(|i| h.gamma * p[i] + (1.0 - h.gamma) * g[i] * g[i])
                };
                if d2l {
                    map2(|i| -sdiv(eta * g[i], (s[i] + eps).sqrt()))
                } else {
                    map2(|i| -sdiv(eta * g[i], s[i].sqrt() + eps))
                }
            }
            OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw => {
                let ge = self.grad_used();
                let (mp, vp) = (self.prev_field("m"), self.prev_field("v"));
                let m = map2(|i| h.beta1 * mp[i] + (1.0 - h.beta1) * ge[i]);
                let v = map2(|i| h.beta2 * vp[i] + (1.0 - h.beta2) * ge[i] * ge[i]);
                let v = if h.amsgrad {
                    let vm = self.prev_field("v_max");
                    map2(|i| vm[i].max(v[i]))
                } else {
                    v
                };
                let (bc1, bc2) = self.bias_denominators();
                let adam = if d2l {
                    map2(|i| -eta * sdiv(m[i] / bc1, (v[i] / bc2).sqrt() + eps))
                } else {
                    map2(|i| -sdiv(eta / bc1 * m[i], v[i].sqrt() / bc2.sqrt() + eps))
                };
                if self.spec.kind == OptKind::Adamw {
                    map2(|i| adam[i] - eta * h.lambda * x[i])
                } else {
                    adam
                }
            }
            OptKind::Nadam => {
                let (mp, vp) = (self.prev_field("m"), self.prev_field("v"));
                let m = map2(|i| h.beta1 * mp[i] + (1.0 - h.beta1) * g[i]);
                let v = map2(|i| h.beta2 * vp[i] + (1.0 - h.beta2) * g[i] * g[i]);
                let (_, bc2) = self.bias_denominators();
                let (mu, mu_next) = self.nadam_mu();
                let prod = self.mu_product_prev * mu;
                let c_grad = eta * (1.0 - mu) / (1.0 - prod);
                let c_avg = eta * mu_next / (1.0 - prod * mu_next);
                map2(|i| {
                    let den = (v[i] / bc2).sqrt() + eps;
                    -sdiv(c_grad * g[i], den) - sdiv(c_avg * m[i], den)
                })
            }
            OptKind::Adadelta => {
                let (sp, dp) = (self.prev_field("s"), self.prev_field("Δx"));
                map2(|i| {
                    let s = h.gamma * sp[i] + (1.0 - h.gamma) * g[i] * g[i];
                    let r = rdiv((dp[i] + eps).sqrt(), (s + eps).sqrt());
                    if g[i] == 0.0 {
                        0.0
                    } else {
                        -eta * r * g[i]
                    }
                })
            }
        }
    }

    /// The weight-decay part of the step (Adam+L2 and AdamW), so that
    /// `step = gradient part + decay part`:
    ///
    /// - AdamW: −η·λ·x_{k−1} (d2l: x ← x − η·(m̂/(√v̂+ε) + λ·x); pytorch:
    ///   x·(1 − η·λ) first, which moves x by the same −η·λ·x);
    /// - Adam+L2: the moments average g + λ·x, so m = m_g + m_λ where m_λ is
    ///   the moving average of λ·x alone; the decay part is the share of the
    ///   step that m_λ makes through the same denominator:
    ///   −η·(m_λ/(1−β1ᵏ))/(√v̂+ε). The decay is divided by √v̂+ε: anisotropic.
    pub fn decay_step(&self) -> Option<Vec2> {
        let h = self.h();
        match self.spec.kind {
            OptKind::Adamw => Some(map2(|i| -h.lr * h.lambda * self.x[i])),
            OptKind::AdamL2 => {
                let (bc1, bc2) = self.bias_denominators();
                let v = self.second_moment();
                let md = self.m_decay;
                Some(if self.d2l() {
                    map2(|i| -h.lr * sdiv(md[i] / bc1, (v[i] / bc2).sqrt() + h.eps))
                } else {
                    map2(|i| -sdiv(h.lr / bc1 * md[i], v[i].sqrt() / bc2.sqrt() + h.eps))
                })
            }
            _ => None,
        }
    }

    /// The effective decay rate per coordinate, the factor in front of x in
    /// the current step's decay: η·λ/(√v̂+ε) for Adam+L2 (its λ·x enters
    /// with (1−β1)/(1−β1ᵏ) through m̂ at this step, and older λ·x through
    /// the average), η·λ for AdamW in every coordinate.
    pub fn decay_rate(&self) -> Option<Vec2> {
        let h = self.h();
        match self.spec.kind {
            OptKind::Adamw => Some([h.lr * h.lambda; 2]),
            OptKind::AdamL2 => {
                let r = self.adam_rate_hat();
                Some(map2(|i| r[i] * h.lambda))
            }
            _ => None,
        }
    }

    /// √v̂ + ε per coordinate (Adam kinds; what divides m̂).
    pub fn adam_denominator(&self) -> Vec2 {
        let (_, bc2) = self.bias_denominators();
        let v = self.second_moment();
        map2(|i| (v[i] / bc2).sqrt() + self.h().eps)
    }

    fn adam_rate_hat(&self) -> Vec2 {
        let d = self.adam_denominator();
        map2(|i| rdiv(self.h().lr, d[i]))
    }

    /// The table rows, in the order of the printed rule.
    pub fn rows(&self) -> Vec<Row> {
        let mut r = vec![Row {
            key: "g",
            value: self.grad,
        }];
        let mut push = |key: &'static str, value: Vec2| r.push(Row { key, value });
        let d2l = self.d2l();
        match self.spec.kind {
            OptKind::Gd => {}
            OptKind::Momentum => push(if d2l { "v" } else { "b" }, self.field("v")),
            OptKind::Adagrad | OptKind::Rmsprop => {
                push("s", self.field("s"));
                push("rate", self.rate());
            }
            OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw => {
                if self.spec.kind == OptKind::AdamL2 {
                    push("g_l2", self.grad_used());
                }
                push("m", self.field("m"));
                push("v2", self.field("v"));
                if self.h().amsgrad {
                    push("v_max", self.field("v_max"));
                }
                push("m_hat", self.field("m̂"));
                push("v_hat", self.field("v̂"));
                push("rate", self.rate());
            }
            OptKind::Nadam => {
                push("m", self.field("m"));
                push("v2", self.field("v"));
                let (mu, mu_next) = self.nadam_mu();
                push("mu", [mu; 2]);
                push("mu_next", [mu_next; 2]);
                push("rate", self.rate());
            }
            OptKind::Adadelta => {
                push("s", self.field("s"));
                push("rate", self.rate());
                let r = self.rate();
                let lr = self.h().lr;
                push("g_prime", map2(|i| sdiv(r[i] * self.grad[i], lr)));
                push("dx_acc", self.field("Δx"));
            }
        }
        if let Some(d) = self.decay_step() {
            push("decay", d);
        }
        push("step", self.step());
        r
    }
}

fn find(fields: &[StateField], name: &str) -> Vec2 {
    fields
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.value)
        .unwrap_or([0.0; 2])
}

/// One optimizer of a scene, stepped on demand.
pub struct Stepper {
    landscape: Landscape,
    spec: OptSpec,
    conv: Convention,
    start: Vec2,
    seed: u64,
    sigma: f64,
    opt: Optimizer,
    noise: Gaussian,
    x: Vec2,
    /// Steps taken.
    k: usize,
    /// Stopped (diverged) at this step: no step k ≥ it exists.
    dead_at: Option<usize>,
    fields: Vec<StateField>,
    m_decay: Vec2,
    mu_product: f64,
    /// The gradient of the last step (noise included).
    last_g: Vec2,
    /// The last inspection given (a redraw at the same step reuses it).
    last: Option<Inspection>,
}

impl Stepper {
    /// The `i`-th optimizer of a scene (None if there is none or its
    /// hyper-parameters are out of range).
    pub fn new(scene: &Scene, i: usize) -> Option<Stepper> {
        let spec = *scene.optimizers.get(i)?;
        let opt = spec.build(scene.convention).ok()?;
        let mut s = Stepper {
            landscape: scene.landscape.clone(),
            spec,
            conv: scene.convention,
            start: scene.start,
            seed: scene.noise.seed,
            sigma: scene.noise.sigma,
            opt,
            noise: Gaussian::new(scene.noise.seed),
            x: scene.start,
            k: 0,
            dead_at: None,
            fields: Vec::new(),
            m_decay: [0.0; 2],
            mu_product: 1.0,
            last_g: [0.0; 2],
            last: None,
        };
        s.reset();
        Some(s)
    }

    fn reset(&mut self) {
        // `build` succeeded once with these values, so it does again.
        if let Ok(opt) = self.spec.build(self.conv) {
            self.opt = opt;
        }
        self.noise = Gaussian::new(self.seed);
        self.x = self.start;
        self.k = 0;
        self.fields.clear();
        self.m_decay = [0.0; 2];
        self.mu_product = 1.0;
        let f0 = self.landscape.value(self.x);
        self.dead_at = if in_bounds(self.x) && f0.is_finite() {
            None
        } else {
            Some(0)
        };
    }

    /// Take one step (as `run_one_with` does); false when the run stops.
    fn advance(&mut self) -> bool {
        if self.dead_at.is_some() {
            return false;
        }
        let t = self.k + 1;
        let mut g = self.landscape.grad(self.x);
        if self.sigma > 0.0 {
            g[0] += self.sigma * self.noise.sample();
            g[1] += self.sigma * self.noise.sample();
        }
        let mut nx = self.x;
        let prev = std::mem::take(&mut self.fields);
        self.opt.step(&mut nx, g);
        let f = self.landscape.value(nx);
        self.opt.state(&mut self.fields);
        let lr_eff = self.opt.lr_eff();
        let ok = finite2(g)
            && in_bounds(nx)
            && f.is_finite()
            && finite2(lr_eff)
            && self.fields.iter().all(|s| finite2(s.value));
        if !ok {
            self.fields = prev;
            self.dead_at = Some(t);
            return false;
        }
        let h = self.spec.hyper;
        if self.spec.kind == OptKind::AdamL2 {
            let lx = find(&self.fields, "λx");
            for i in 0..2 {
                self.m_decay[i] = match self.conv {
                    Convention::D2l => h.beta1 * self.m_decay[i] + (1.0 - h.beta1) * lx[i],
                    Convention::Pytorch => lerp(self.m_decay[i], lx[i], 1.0 - h.beta1),
                };
            }
        }
        if self.spec.kind == OptKind::Nadam {
            let mu = h.beta1 * (1.0 - 0.5 * math::pow(0.96, t as f64 * h.momentum_decay));
            self.mu_product *= mu;
        }
        self.last_g = g;
        self.x = nx;
        self.k = t;
        true
    }

    /// The step at which the run stopped, if it did (0: the start itself is
    /// outside the surface's domain).
    pub fn stopped_at(&self) -> Option<usize> {
        self.dead_at
    }

    /// How many steps [`Stepper::at`]`(k)` would take from here.
    pub fn cost(&self, k: usize) -> usize {
        if self.last.as_ref().is_some_and(|l| l.k == k) {
            0
        } else if self.k >= k {
            k
        } else {
            k - self.k
        }
    }

    /// Step k (1-based), or None if the run stopped before it. Moving
    /// forward continues from the last call; moving back starts over.
    pub fn at(&mut self, k: usize) -> Option<Inspection> {
        if k == 0 {
            return None;
        }
        if let Some(l) = self.last.as_ref().filter(|l| l.k == k) {
            return Some(l.clone());
        }
        if self.k >= k {
            self.reset();
        }
        while self.k + 1 < k {
            if !self.advance() {
                return None;
            }
        }
        let x = self.x;
        let prev = self.fields.clone();
        let mu_product_prev = self.mu_product;
        if !self.advance() {
            return None;
        }
        let grad = self.last_g;
        let out = Inspection {
            spec: self.spec,
            conv: self.conv,
            k,
            x,
            next: self.x,
            grad,
            lr_eff: self.opt.lr_eff(),
            fields: self.fields.clone(),
            prev,
            m_decay: self.m_decay,
            mu_product_prev,
        };
        self.last = Some(out.clone());
        Some(out)
    }
}

/// One step of the bias-correction chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BiasPoint {
    /// The step.
    pub k: usize,
    /// 1/(1 − β1ᵏ) (1 with bias correction off).
    pub c1: f64,
    /// 1/(1 − β2ᵏ) (1 with bias correction off).
    pub c2: f64,
    /// The factors bias correction would apply (whether on or off).
    pub c1_on: f64,
    /// 1/(1 − β2ᵏ) whether on or off.
    pub c2_on: f64,
    /// m_k.
    pub m: Vec2,
    /// m̂_k.
    pub m_hat: Vec2,
    /// v_k.
    pub v: Vec2,
    /// v̂_k.
    pub v_hat: Vec2,
}

/// The first `n` steps of the `i`-th optimizer's moments (Adam kinds only;
/// fewer if the run stops sooner).
pub fn bias_series(scene: &Scene, i: usize, n: usize) -> Vec<BiasPoint> {
    let Some(spec) = scene.optimizers.get(i) else {
        return vec![];
    };
    if !has_bias_correction(spec.kind) {
        return vec![];
    }
    let mut short = scene.clone();
    short.steps = n;
    let Ok(run) = run_one_with(&scene.landscape, spec, &short, true) else {
        return vec![];
    };
    let h = spec.hyper;
    run.states
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let k = j + 1;
            let c1_on = 1.0 / (1.0 - math::pow(h.beta1, k as f64));
            let c2_on = 1.0 / (1.0 - math::pow(h.beta2, k as f64));
            let (c1, c2) = if h.bias_correction {
                (c1_on, c2_on)
            } else {
                (1.0, 1.0)
            };
            BiasPoint {
                k,
                c1,
                c2,
                c1_on,
                c2_on,
                m: find(&s.fields, "m"),
                m_hat: find(&s.fields, "m̂"),
                v: find(&s.fields, "v"),
                v_hat: find(&s.fields, "v̂"),
            }
        })
        .collect()
}
