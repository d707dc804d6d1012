//! The printed rule's arithmetic: the effective rate and the step re-done
//! from the previous state, the gradient and the hyper-parameters, in the
//! optimizers' order of operations (so it equals the actual step up to
//! rounding, which `tests/inspect.rs` checks).

use super::{map2, Inspection};
use crate::optim::{OptKind, StateKey};
use crate::Vec2;

/// `num / den`, 0 where the numerator is 0 (as the optimizers compute it).
pub(crate) fn sdiv(num: f64, den: f64) -> f64 {
    if num == 0.0 {
        0.0
    } else {
        num / den
    }
}

/// `lr / den`, 0 where the denominator is 0 (no step was taken there).
pub(crate) fn rdiv(lr: f64, den: f64) -> f64 {
    if den == 0.0 {
        0.0
    } else {
        lr / den
    }
}

impl Inspection {
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
                let eta = self.adagrad_lr();
                let s = self.field(StateKey::SumSq);
                let ga = self.field(StateKey::GradAvg);
                let s = map2(|i| (s[i] - ga[i] * ga[i]).max(0.0));
                if self.d2l() {
                    map2(|i| rdiv(eta, (s[i] + eps).sqrt()))
                } else {
                    map2(|i| rdiv(eta, s[i].sqrt() + eps))
                }
            }
            // The blocks' own record: (η/(1−β1ᵏ))/u (Adamax); η·√(1−β2ᵏ)/(√v+ε)·rₖ,
            // or η in the warm-up (RAdam); Δ (Rprop); η (Lion).
            // Newton and L-BFGS: the rate GD would need for the same move,
            // −Δxᵢ/gᵢ (their blocks' record).
            OptKind::Adamax
            | OptKind::Radam
            | OptKind::Rprop
            | OptKind::Lion
            | OptKind::Lbfgs
            | OptKind::Newton => self.lr_eff,
            OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw => {
                if self.d2l() {
                    let vh = self.field(StateKey::VHat);
                    map2(|i| rdiv(eta, vh[i].sqrt() + eps))
                } else {
                    let (bc1, bc2) = self.bias_denominators();
                    let v = self.second_moment();
                    map2(|i| rdiv(eta / bc1, v[i].sqrt() / bc2.sqrt() + eps))
                }
            }
            OptKind::Nadam => {
                let (_, bc2) = self.bias_denominators();
                let v = self.field(StateKey::V);
                map2(|i| rdiv(eta, (v[i] / bc2).sqrt() + eps))
            }
            OptKind::Adadelta => {
                let s = self.field(StateKey::SumSq);
                let d = self.prev_field(StateKey::Delta);
                map2(|i| eta * rdiv((d[i] + eps).sqrt(), (s[i] + eps).sqrt()))
            }
        }
    }

    /// The step by the printed rule, from the printed numbers: the previous
    /// state, the gradient and the hyper-parameters (each state update
    /// re-done, not read back). Equal to [`Inspection::actual`] up to
    /// rounding — the identity the tests check for every kind.
    pub fn step(&self) -> Vec2 {
        let h = *self.h();
        let (eta, eps, x) = (h.lr, h.eps, self.x);
        // The gradient after a coupled λ·x, and the decoupled decay's part
        // −η·λ·x (torch: x·(1 − η·λ) before the step).
        let g = self.grad_used();
        let dec = map2(|i| self.decoupled_decay() * x[i]);
        let plus = |a: Vec2| map2(|i| a[i] + dec[i]);
        let d2l = self.d2l();
        match self.spec.kind {
            OptKind::Gd => map2(|i| -eta * g[i]),
            OptKind::Momentum => {
                let p = self.prev_field(StateKey::Velocity);
                let keep = 1.0 - h.dampening;
                if d2l {
                    let v = map2(|i| h.gamma * p[i] + keep * (eta * g[i]));
                    if h.nesterov {
                        map2(|i| -(h.gamma * v[i] + keep * (eta * g[i])))
                    } else {
                        map2(|i| -v[i])
                    }
                } else {
                    let b = if self.k == 1 || h.gamma == 0.0 {
                        g
                    } else {
                        map2(|i| h.gamma * p[i] + keep * g[i])
                    };
                    if h.nesterov {
                        map2(|i| -eta * (g[i] + h.gamma * b[i]))
                    } else {
                        map2(|i| -eta * b[i])
                    }
                }
            }
            OptKind::Adagrad | OptKind::Rmsprop => {
                let eta = self.adagrad_lr();
                let p = if self.k == 1 && self.spec.kind == OptKind::Adagrad {
                    [h.initial_accumulator_value; 2]
                } else {
                    self.prev_field(StateKey::SumSq)
                };
                let s = if self.spec.kind == OptKind::Adagrad {
                    map2(|i| p[i] + g[i] * g[i])
                } else {
                    map2(|i| h.gamma * p[i] + (1.0 - h.gamma) * g[i] * g[i])
                };
                let s = if h.centered && self.spec.kind == OptKind::Rmsprop {
                    let ga = self.prev_field(StateKey::GradAvg);
                    let ga = map2(|i| h.gamma * ga[i] + (1.0 - h.gamma) * g[i]);
                    map2(|i| (s[i] - ga[i] * ga[i]).max(0.0))
                } else {
                    s
                };
                let den = map2(|i| {
                    if d2l {
                        (s[i] + eps).sqrt()
                    } else {
                        s[i].sqrt() + eps
                    }
                });
                if self.spec.kind == OptKind::Rmsprop && h.momentum > 0.0 {
                    let b = self.prev_field(StateKey::RmsBuffer);
                    if d2l {
                        map2(|i| -(h.momentum * b[i] + sdiv(eta * g[i], den[i])))
                    } else {
                        map2(|i| -eta * (h.momentum * b[i] + sdiv(g[i], den[i])))
                    }
                } else {
                    map2(|i| -sdiv(eta * g[i], den[i]))
                }
            }
            OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw => {
                let ge = g;
                let (mp, vp) = (self.prev_field(StateKey::M), self.prev_field(StateKey::V));
                let m = map2(|i| h.beta1 * mp[i] + (1.0 - h.beta1) * ge[i]);
                let v = map2(|i| h.beta2 * vp[i] + (1.0 - h.beta2) * ge[i] * ge[i]);
                let v = if h.amsgrad {
                    let vm = self.prev_field(StateKey::VMax);
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
                let (mp, vp) = (self.prev_field(StateKey::M), self.prev_field(StateKey::V));
                let m = map2(|i| h.beta1 * mp[i] + (1.0 - h.beta1) * g[i]);
                let v = map2(|i| h.beta2 * vp[i] + (1.0 - h.beta2) * g[i] * g[i]);
                let (_, bc2) = self.bias_denominators();
                let (mu, mu_next) = self.nadam_mu();
                let prod = self.mu_product_prev() * mu;
                let c_grad = eta * (1.0 - mu) / (1.0 - prod);
                let c_avg = eta * mu_next / (1.0 - prod * mu_next);
                plus(map2(|i| {
                    let den = (v[i] / bc2).sqrt() + eps;
                    -sdiv(c_grad * g[i], den) - sdiv(c_avg * m[i], den)
                }))
            }
            OptKind::Adadelta => {
                let (sp, dp) = (
                    self.prev_field(StateKey::SumSq),
                    self.prev_field(StateKey::Delta),
                );
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
            OptKind::Adamax => {
                let (mp, up) = (
                    self.prev_field(StateKey::M),
                    self.prev_field(StateKey::ExpInf),
                );
                let m = map2(|i| h.beta1 * mp[i] + (1.0 - h.beta1) * g[i]);
                let u = map2(|i| (h.beta2 * up[i]).max(g[i].abs() + eps));
                let (bc1, _) = self.bias_denominators_on();
                map2(|i| -sdiv(eta / bc1 * m[i], u[i]))
            }
            OptKind::Radam => {
                let (mp, vp) = (self.prev_field(StateKey::M), self.prev_field(StateKey::V));
                let m = map2(|i| h.beta1 * mp[i] + (1.0 - h.beta1) * g[i]);
                let v = map2(|i| h.beta2 * vp[i] + (1.0 - h.beta2) * g[i] * g[i]);
                let (bc1, bc2) = self.bias_denominators_on();
                let (rho, r) = self.radam_rho();
                plus(map2(|i| {
                    let m_hat = m[i] / bc1;
                    if rho > 5.0 {
                        -sdiv(m_hat * eta * bc2.sqrt() * r, v[i].sqrt() + eps)
                    } else {
                        -m_hat * eta
                    }
                }))
            }
            OptKind::Rprop => {
                let [minus, plus_] = h.etas;
                let [lo, hi] = h.step_sizes;
                let (dp, gp) = if self.k == 1 {
                    ([eta; 2], [0.0; 2])
                } else {
                    (
                        self.prev_field(StateKey::StepSize),
                        self.prev_field(StateKey::PrevGrad),
                    )
                };
                map2(|i| {
                    let s = g[i] * gp[i];
                    let f = if s > 0.0 {
                        plus_
                    } else if s < 0.0 {
                        minus
                    } else {
                        1.0
                    };
                    let d = (dp[i] * f).clamp(lo, hi);
                    if f == minus {
                        0.0
                    } else {
                        -crate::optim::sign(g[i]) * d
                    }
                })
            }
            OptKind::Lion => {
                let mp = self.prev_field(StateKey::M);
                plus(map2(|i| {
                    let c = h.beta1 * mp[i] + (1.0 - h.beta1) * g[i];
                    -eta * crate::optim::sign(c)
                }))
            }
            // −η·H⁻¹g with H⁻¹g solved again from the printed H (the
            // surface's Hessian at x_{k−1}) and g.
            OptKind::Newton => {
                let d = self.newton_dir();
                map2(|i| -eta * d[i])
            }
            // t·d, the accepted step length along the two-loop direction
            // (both the block's: the direction needs the (s, y) history and
            // t the line search, neither of which the table prints).
            OptKind::Lbfgs => {
                let (d, t) = (
                    self.field(StateKey::Direction),
                    self.field(StateKey::StepLength),
                );
                map2(|i| t[i] * d[i])
            }
        }
    }

    /// AdaGrad's rate at step k, η/(1 + (k−1)·lr_decay) (η for the others).
    pub(crate) fn adagrad_lr(&self) -> f64 {
        let h = self.h();
        if self.spec.kind == OptKind::Adagrad {
            h.lr / (1.0 + (self.k as f64 - 1.0) * h.lr_decay)
        } else {
            h.lr
        }
    }

    /// RAdam's ρₖ and rectification rₖ (0 in the warm-up, ρₖ ≤ 5).
    pub fn radam_rho(&self) -> (f64, f64) {
        let h = self.h();
        let kf = self.k as f64;
        let b2k = crate::math::powi(h.beta2, self.k as u64);
        let bc2 = 1.0 - b2k;
        let rho_inf = 2.0 / (1.0 - h.beta2) - 1.0;
        let rho = rho_inf - 2.0 * kf * b2k / bc2;
        let r = if rho > 5.0 {
            ((rho - 4.0) * (rho - 2.0) * rho_inf / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho)).sqrt()
        } else {
            0.0
        };
        (rho, r)
    }

    /// The factor of x in the decoupled decay's part of the step: −η·λ for
    /// NAdam/RAdam with `decoupled` and for Lion, 0 otherwise (AdamW's is
    /// in its own rule).
    pub fn decoupled_decay(&self) -> f64 {
        let h = self.h();
        let on = match self.spec.kind {
            OptKind::Nadam | OptKind::Radam => h.decoupled,
            OptKind::Lion => true,
            _ => false,
        };
        if on {
            -h.lr * h.lambda
        } else {
            0.0
        }
    }
}
