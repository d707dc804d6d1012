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
                let s = self.field(StateKey::SumSq);
                if self.d2l() {
                    map2(|i| rdiv(eta, (s[i] + eps).sqrt()))
                } else {
                    map2(|i| rdiv(eta, s[i].sqrt() + eps))
                }
            }
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
        let (eta, eps, g, x) = (h.lr, h.eps, self.grad, self.x);
        let d2l = self.d2l();
        match self.spec.kind {
            OptKind::Gd => map2(|i| -eta * g[i]),
            OptKind::Momentum => {
                let p = self.prev_field(StateKey::Velocity);
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
                let p = self.prev_field(StateKey::SumSq);
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
                map2(|i| {
                    let den = (v[i] / bc2).sqrt() + eps;
                    -sdiv(c_grad * g[i], den) - sdiv(c_avg * m[i], den)
                })
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
        }
    }
}
