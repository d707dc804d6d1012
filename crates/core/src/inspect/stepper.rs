//! One optimizer of a scene, stepped on demand through the run's own step
//! loop ([`Walker`]: same gradient, noise stream and stop rule), moving
//! forward incrementally so following an animation costs one step per frame.

use super::Inspection;
use crate::optim::{find, first_moment, OptKind, OptSpec, StateKey};
use crate::run::Walker;
use crate::scene::Scene;
use crate::Vec2;

/// One optimizer of a scene, stepped on demand.
pub struct Stepper {
    scene: Scene,
    spec: OptSpec,
    walk: Walker,
    /// Adam+L2's m_λ: the first-moment average of λ·x alone (the one
    /// number the optimizer does not keep; see [`Inspection::m_decay`]).
    m_decay: Vec2,
    /// The last inspection given (a redraw at the same step reuses it).
    last: Option<Inspection>,
}

impl Stepper {
    /// The `i`-th optimizer of a scene (None if there is none or its
    /// hyper-parameters are out of range).
    pub fn new(scene: &Scene, i: usize) -> Option<Stepper> {
        let spec = *scene.optimizers.get(i)?;
        let walk = Walker::new(&scene.landscape, &spec, scene).ok()?;
        Some(Stepper {
            scene: scene.clone(),
            spec,
            walk,
            m_decay: [0.0; 2],
            last: None,
        })
    }

    fn reset(&mut self) {
        // `new` succeeded once with these values, so it does again.
        if let Ok(w) = Walker::new(&self.scene.landscape, &self.spec, &self.scene) {
            self.walk = w;
        }
        self.m_decay = [0.0; 2];
    }

    /// Take one step; its gradient, η_t and cycled momentum, or None when
    /// the run stops.
    fn advance(&mut self) -> Option<(Vec2, f64, Option<f64>)> {
        let s = self.walk.advance(&self.scene.landscape)?;
        if self.spec.kind == OptKind::AdamL2 {
            let lx = find(self.walk.fields(), StateKey::DecayGrad);
            let b1 = s.momentum.unwrap_or(self.spec.hyper.beta1);
            let conv = self.scene.convention;
            for i in 0..2 {
                self.m_decay[i] = first_moment(conv, b1, self.m_decay[i], lx[i]);
            }
        }
        Some((s.grad, s.lr, s.momentum))
    }

    /// The optimizer as a step with rate `lr` and cycled `momentum` ran it.
    fn as_run(&self, lr: f64, momentum: Option<f64>) -> OptSpec {
        let mut spec = self.spec;
        spec.hyper.lr = lr;
        if let Some(m) = momentum {
            // gd under a cycled momentum is plain heavy-ball momentum.
            spec.kind = spec.kind.under_cycled_momentum();
            if spec.kind != self.spec.kind {
                spec.hyper.nesterov = false;
            }
            if let Some(k) = spec.kind.cycled_momentum() {
                k.set(&mut spec.hyper, m);
            }
        }
        spec
    }

    /// The step at which the run stopped, if it did (0: the start itself is
    /// outside the surface's domain).
    pub fn stopped_at(&self) -> Option<usize> {
        self.walk.stopped_at()
    }

    /// How many steps [`Stepper::at`]`(k)` would take from here.
    pub fn cost(&self, k: usize) -> usize {
        let t = self.walk.steps();
        if self.last.as_ref().is_some_and(|l| l.k == k) {
            0
        } else if t >= k {
            k
        } else {
            k - t
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
        if self.walk.steps() >= k {
            self.reset();
        }
        while self.walk.steps() + 1 < k {
            self.advance()?;
        }
        let x = self.walk.x();
        let prev = self.walk.fields().to_vec();
        let (grad, lr, momentum) = self.advance()?;
        // Newton's H, from the surface at the step's start (the block
        // evaluates the same, exact; no noise enters a Hessian).
        let hessian = if self.spec.kind == OptKind::Newton {
            self.scene.landscape.hessian(x)
        } else {
            [[0.0; 2]; 2]
        };
        let out = Inspection {
            spec: self.as_run(lr, momentum),
            conv: self.scene.convention,
            k,
            x,
            next: self.walk.x(),
            grad,
            lr_eff: self.walk.lr_eff(),
            fields: self.walk.fields().to_vec(),
            prev,
            m_decay: self.m_decay,
            hessian,
        };
        self.last = Some(out.clone());
        Some(out)
    }
}
