//! A schedule written as JSON: its kind and every argument, with torch's
//! names.

use crate::schedule::{Basic, Schedule};
use serde_json::{Map, Value};

/// The schedule as JSON: its kind and every argument (those left to the
/// scene or the optimizer only when set).
pub fn schedule_value(s: &Schedule) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), s.kind().into());
    let mut put = |k: &str, v: Value| {
        m.insert(k.into(), v);
    };
    match s {
        Schedule::Basic(b) => return basic_value(b),
        Schedule::Cyclic(c) => {
            if let Some(b) = c.base_lr {
                put("base_lr", b.into());
            }
            put("max_lr", c.max_lr.into());
            put("step_size_up", c.step_size_up.into());
            if let Some(d) = c.step_size_down {
                put("step_size_down", d.into());
            }
            put("mode", c.mode.name().into());
            put("gamma", c.gamma.into());
            put("cycle_momentum", c.cycle_momentum.into());
            put("base_momentum", c.base_momentum.into());
            put("max_momentum", c.max_momentum.into());
        }
        Schedule::OneCycle(c) => {
            if let Some(x) = c.max_lr {
                put("max_lr", x.into());
            }
            if let Some(n) = c.total_steps {
                put("total_steps", n.into());
            }
            put("pct_start", c.pct_start.into());
            put("anneal_strategy", c.anneal_strategy.name().into());
            put("cycle_momentum", c.cycle_momentum.into());
            put("base_momentum", c.base_momentum.into());
            put("max_momentum", c.max_momentum.into());
            put("div_factor", c.div_factor.into());
            put("final_div_factor", c.final_div_factor.into());
            put("three_phase", c.three_phase.into());
        }
        Schedule::Plateau(p) => {
            put("mode", p.mode.name().into());
            put("factor", p.factor.into());
            put("patience", p.patience.into());
            put("threshold", p.threshold.into());
            put("threshold_mode", p.threshold_mode.name().into());
            put("cooldown", p.cooldown.into());
            put("min_lr", p.min_lr.into());
            put("eps", p.eps.into());
        }
        Schedule::Sequential(q) => {
            put(
                "schedulers",
                Value::Array(q.schedulers().iter().map(basic_value).collect()),
            );
            put(
                "milestones",
                Value::from(q.milestones().as_slice().to_vec()),
            );
        }
    }
    Value::Object(m)
}

fn basic_value(b: &Basic) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), b.kind().into());
    let mut put = |k: &str, v: Value| {
        m.insert(k.into(), v);
    };
    match *b {
        Basic::Step { step_size, gamma } => {
            put("step_size", step_size.into());
            put("gamma", gamma.into());
        }
        Basic::MultiStep { milestones, gamma } => {
            put("milestones", Value::from(milestones.as_slice().to_vec()));
            put("gamma", gamma.into());
        }
        Basic::Constant {
            factor,
            total_iters,
        } => {
            put("factor", factor.into());
            put("total_iters", total_iters.into());
        }
        Basic::Linear {
            start_factor,
            end_factor,
            total_iters,
        } => {
            put("start_factor", start_factor.into());
            put("end_factor", end_factor.into());
            put("total_iters", total_iters.into());
        }
        Basic::Exponential { gamma } => put("gamma", gamma.into()),
        Basic::Polynomial { total_iters, power } => {
            put("total_iters", total_iters.into());
            put("power", power.into());
        }
        Basic::Cosine { t_max, eta_min } => {
            if let Some(t) = t_max {
                put("T_max", t.into());
            }
            put("eta_min", eta_min.into());
        }
        Basic::CosineWarmRestarts {
            t_0,
            t_mult,
            eta_min,
        } => {
            put("T_0", t_0.into());
            put("T_mult", t_mult.into());
            put("eta_min", eta_min.into());
        }
    }
    Value::Object(m)
}
