//! A schedule as the `torch.optim.lr_scheduler` constructor call the core
//! mirrors, with every argument the scene leaves to the steps or to the
//! optimizer's η filled in as the core fills it (`T_max`, `total_steps`,
//! cyclic's `base_lr`, one cycle's `max_lr`).

use super::formula::number;
use gradscape_core::schedule::{Basic, Schedule, MAX_ITERS};

const L: &str = "torch.optim.lr_scheduler";

fn list(v: &[u32]) -> String {
    let items: Vec<String> = v.iter().map(|m| m.to_string()).collect();
    format!("[{}]", items.join(", "))
}

fn basic(b: &Basic, steps: usize, start: u32) -> String {
    let n = number;
    let args = match b.resolve(steps, start) {
        Basic::Step { step_size, gamma } => format!("step_size={step_size}, gamma={}", n(gamma)),
        Basic::MultiStep { milestones, gamma } => format!(
            "milestones={}, gamma={}",
            list(milestones.as_slice()),
            n(gamma)
        ),
        Basic::Constant {
            factor,
            total_iters,
        } => format!("factor={}, total_iters={total_iters}", n(factor)),
        Basic::Linear {
            start_factor,
            end_factor,
            total_iters,
        } => format!(
            "start_factor={}, end_factor={}, total_iters={total_iters}",
            n(start_factor),
            n(end_factor)
        ),
        Basic::Exponential { gamma } => format!("gamma={}", n(gamma)),
        Basic::Polynomial { total_iters, power } => {
            format!("total_iters={total_iters}, power={}", n(power))
        }
        Basic::Cosine { t_max, eta_min } => {
            format!("T_max={}, eta_min={}", t_max.unwrap_or(1), n(eta_min))
        }
        Basic::CosineWarmRestarts {
            t_0,
            t_mult,
            eta_min,
        } => format!("T_0={t_0}, T_mult={t_mult}, eta_min={}", n(eta_min)),
    };
    format!("{L}.{}(opt, {args})", b.torch_class())
}

/// The constructor call on an optimizer named `opt` whose η is `lr`, for a
/// scene of `steps` steps.
pub fn constructor(s: &Schedule, lr: f64, steps: usize) -> String {
    let n = number;
    let b = |x: bool| if x { "True" } else { "False" };
    match s {
        Schedule::Basic(x) => basic(x, steps, 0),
        Schedule::Cyclic(c) => format!(
            "{L}.CyclicLR(opt, base_lr={}, max_lr={}, step_size_up={}, step_size_down={}, \
             mode=\"{}\", gamma={}, cycle_momentum={}, base_momentum={}, max_momentum={})",
            n(c.base_lr.unwrap_or(lr)),
            n(c.max_lr),
            c.step_size_up,
            c.step_size_down.unwrap_or(c.step_size_up),
            c.mode.name(),
            n(c.gamma),
            b(c.cycle_momentum),
            n(c.base_momentum),
            n(c.max_momentum)
        ),
        Schedule::OneCycle(c) => format!(
            "{L}.OneCycleLR(opt, max_lr={}, total_steps={}, pct_start={}, \
             anneal_strategy=\"{}\", cycle_momentum={}, base_momentum={}, max_momentum={}, \
             div_factor={}, final_div_factor={}, three_phase={})",
            n(c.max_lr.unwrap_or(lr)),
            c.total_steps
                .unwrap_or_else(|| steps.clamp(1, MAX_ITERS as usize) as u32),
            n(c.pct_start),
            c.anneal_strategy.name(),
            b(c.cycle_momentum),
            n(c.base_momentum),
            n(c.max_momentum),
            n(c.div_factor),
            n(c.final_div_factor),
            b(c.three_phase)
        ),
        Schedule::Plateau(p) => format!(
            "{L}.ReduceLROnPlateau(opt, mode=\"{}\", factor={}, patience={}, threshold={}, \
             threshold_mode=\"{}\", cooldown={}, min_lr={}, eps={})",
            p.mode.name(),
            n(p.factor),
            p.patience,
            n(p.threshold),
            p.threshold_mode.name(),
            p.cooldown,
            n(p.min_lr),
            n(p.eps)
        ),
        Schedule::Sequential(q) => {
            let ms = q.milestones();
            let kids: Vec<String> = q
                .schedulers()
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let start = if i == 0 { 0 } else { ms.as_slice()[i - 1] };
                    format!("\n            {},", basic(c, steps, start))
                })
                .collect();
            format!(
                "{L}.SequentialLR(opt, [{}\n        ], milestones={})",
                kids.concat(),
                list(ms.as_slice())
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradscape_core::scene::read_schedule;

    fn sched(json: &str) -> Schedule {
        read_schedule(&serde_json::from_str(json).unwrap(), "schedule").unwrap()
    }

    #[test]
    fn the_scene_fills_what_torch_requires() {
        assert_eq!(
            constructor(&sched(r#"{"kind": "cosine"}"#), 0.4, 30),
            "torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=30, eta_min=0.0)"
        );
        let warm = constructor(
            &sched(
                r#"{"kind": "sequential", "schedulers": [{"kind": "linear", "start_factor": 0.1, "total_iters": 5}, {"kind": "cosine"}], "milestones": [5]}"#,
            ),
            0.4,
            30,
        );
        assert!(
            warm.contains("CosineAnnealingLR(opt, T_max=25, eta_min=0.0)"),
            "{warm}"
        );
        assert!(warm.ends_with("milestones=[5])"), "{warm}");
        let one = constructor(&sched(r#"{"kind": "one_cycle"}"#), 0.3, 40);
        assert!(one.contains("max_lr=0.3, total_steps=40,"), "{one}");
    }
}
