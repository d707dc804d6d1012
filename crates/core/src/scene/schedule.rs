//! A schedule's JSON form, with torch's argument names:
//! `{"kind": "cosine", "T_max": 20, "eta_min": 0}`,
//! `{"kind": "sequential", "schedulers": [{"kind": "linear", …}, {"kind": "cosine"}], "milestones": [5]}`.
//!
//! Omitted arguments take torch's defaults; where torch has none, `T_max`
//! and `total_steps` follow the scene's steps, `base_lr` (cyclic) and
//! `max_lr` (one_cycle) the optimizer's η, and `step_size`, `milestones`,
//! `gamma` (exponential), `T_0`, `max_lr` (cyclic), `schedulers` are
//! required. Unknown keys and values out of range are errors naming
//! `….schedule.<arg>` and what is allowed.

use super::{Allowed, Choice, Got, Problem, SceneError};
use crate::optim::{LineSearch, OptKind, OptSpec};
use crate::schedule::{
    Anneal, Basic, Cyclic, CyclicMode, Milestones, OneCycle, Plateau, PlateauMode, Schedule,
    Scheduler, Sequential, ThresholdMode, KINDS, MAX_ITERS, MAX_MILESTONES, MAX_PHASES,
};
use serde_json::{Map, Value};

/// The keys each schedule kind takes (`kind` first), in torch's order.
pub fn schedule_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "step" => &["kind", "step_size", "gamma"],
        "multi_step" => &["kind", "milestones", "gamma"],
        "constant" => &["kind", "factor", "total_iters"],
        "linear" => &["kind", "start_factor", "end_factor", "total_iters"],
        "exponential" => &["kind", "gamma"],
        "polynomial" => &["kind", "total_iters", "power"],
        "cosine" => &["kind", "T_max", "eta_min"],
        "cosine_warm_restarts" => &["kind", "T_0", "T_mult", "eta_min"],
        "cyclic" => &[
            "kind",
            "base_lr",
            "max_lr",
            "step_size_up",
            "step_size_down",
            "mode",
            "gamma",
            "cycle_momentum",
            "base_momentum",
            "max_momentum",
        ],
        "one_cycle" => &[
            "kind",
            "max_lr",
            "total_steps",
            "pct_start",
            "anneal_strategy",
            "cycle_momentum",
            "base_momentum",
            "max_momentum",
            "div_factor",
            "final_div_factor",
            "three_phase",
        ],
        "plateau" => &[
            "kind",
            "mode",
            "factor",
            "patience",
            "threshold",
            "threshold_mode",
            "cooldown",
            "min_lr",
            "eps",
        ],
        "sequential" => &["kind", "schedulers", "milestones"],
        _ => &["kind"],
    }
}

fn must_be(field: &str, allowed: Allowed, v: &Value) -> SceneError {
    SceneError::new(
        field,
        Problem::MustBe {
            allowed,
            got: Got::of(v),
        },
    )
}

struct Args<'a> {
    obj: &'a Map<String, Value>,
    path: &'a str,
}

impl Args<'_> {
    fn field(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    fn num(&self, key: &str, default: f64, allowed: Allowed) -> Result<f64, SceneError> {
        self.opt_num(key, allowed).map(|v| v.unwrap_or(default))
    }

    fn opt_num(&self, key: &str, allowed: Allowed) -> Result<Option<f64>, SceneError> {
        let Some(v) = self.obj.get(key) else {
            return Ok(None);
        };
        let ok = |x: f64| match allowed {
            Allowed::Positive => x > 0.0,
            Allowed::NonNegative => x >= 0.0,
            Allowed::Unit => (0.0..1.0).contains(&x),
            Allowed::Fraction => x > 0.0 && x <= 1.0,
            Allowed::Range { lo, hi } => (lo..=hi).contains(&x),
            _ => true,
        };
        match v.as_f64() {
            Some(x) if x.is_finite() && ok(x) => Ok(Some(x)),
            _ => Err(must_be(&self.field(key), allowed, v)),
        }
    }

    fn need_num(&self, key: &str, allowed: Allowed) -> Result<f64, SceneError> {
        self.opt_num(key, allowed)?
            .ok_or_else(|| SceneError::new(self.field(key), Problem::Required { allowed }))
    }

    fn opt_int(&self, key: &str, lo: u32) -> Result<Option<u32>, SceneError> {
        let Some(v) = self.obj.get(key) else {
            return Ok(None);
        };
        let allowed = Allowed::Integer {
            lo: u64::from(lo),
            hi: u64::from(MAX_ITERS),
        };
        match super::read::whole(v) {
            Some(n) if n >= u64::from(lo) && n <= u64::from(MAX_ITERS) => Ok(Some(n as u32)),
            _ => Err(must_be(&self.field(key), allowed, v)),
        }
    }

    fn int(&self, key: &str, lo: u32, default: u32) -> Result<u32, SceneError> {
        self.opt_int(key, lo).map(|v| v.unwrap_or(default))
    }

    fn need_int(&self, key: &str, lo: u32) -> Result<u32, SceneError> {
        self.opt_int(key, lo)?.ok_or_else(|| {
            SceneError::new(
                self.field(key),
                Problem::Required {
                    allowed: Allowed::Integer {
                        lo: u64::from(lo),
                        hi: u64::from(MAX_ITERS),
                    },
                },
            )
        })
    }

    fn boolean(&self, key: &str, default: bool) -> Result<bool, SceneError> {
        match self.obj.get(key) {
            None => Ok(default),
            Some(v) => v
                .as_bool()
                .ok_or_else(|| must_be(&self.field(key), Allowed::Boolean, v)),
        }
    }

    fn choice<T: Copy>(
        &self,
        key: &str,
        all: &[T],
        name: impl Fn(T) -> &'static str,
        choice: Choice,
    ) -> Result<Option<T>, SceneError> {
        let Some(v) = self.obj.get(key) else {
            return Ok(None);
        };
        v.as_str()
            .and_then(|s| all.iter().copied().find(|&c| name(c) == s))
            .map(Some)
            .ok_or_else(|| must_be(&self.field(key), Allowed::OneOf(choice), v))
    }

    fn milestones(&self, key: &str) -> Result<Milestones, SceneError> {
        let field = self.field(key);
        let allowed = Allowed::Milestones {
            max: MAX_MILESTONES,
        };
        let v = self
            .obj
            .get(key)
            .ok_or_else(|| SceneError::new(&field, Problem::Required { allowed }))?;
        let list: Option<Vec<u32>> = v.as_array().and_then(|a| {
            a.iter()
                .map(|x| super::read::whole(x).and_then(|n| u32::try_from(n).ok()))
                .collect()
        });
        list.and_then(|l| Milestones::new(&l))
            .ok_or_else(|| must_be(&field, allowed, v))
    }
}

/// Check an optimizer's schedule against its kind and the scene's `steps`:
/// `cycle_momentum` needs a momentum γ, μ or β1
/// ([`crate::optim::OptKind::under_cycled_momentum`]; torch
/// raises otherwise) and `one_cycle` must last the steps with no empty
/// phase. The error's field is `schedule.<arg>` (put it under
/// `optimizers[i]`).
pub fn check_schedule(spec: &OptSpec, steps: usize) -> Result<(), SceneError> {
    let Some(s) = &spec.schedule else {
        return Ok(());
    };
    if s.cycles_momentum()
        && spec
            .kind
            .under_cycled_momentum()
            .cycled_momentum()
            .is_none()
    {
        return Err(SceneError::new(
            "schedule.cycle_momentum",
            Problem::NoMomentum { kind: spec.kind },
        ));
    }
    s.check(steps)
        .map_err(|e| SceneError::new(format!("schedule.{}", e.arg()), Problem::Schedule(e)))?;
    if spec.kind == OptKind::Lbfgs && spec.hyper.line_search == LineSearch::StrongWolfe {
        if let Some(step) = zero_rate(s, spec.hyper.lr, steps) {
            return Err(SceneError::new("schedule", Problem::ZeroRate { step }));
        }
    }
    Ok(())
}

/// The first step (1-based) whose η is 0 under `s`, a `plateau` counted
/// as if the loss never improved (its worst case: `factor` 0 reaches 0 at
/// its first reduction).
fn zero_rate(s: &Schedule, lr: f64, steps: usize) -> Option<usize> {
    let mut run = Scheduler::new(Some(s), lr, steps);
    (1..=steps).find(|_| {
        let zero = run.lr() == 0.0;
        run.step(0.0);
        zero
    })
}

/// Read `v` (the value of an optimizer's `"schedule"`) at `path`
/// (`optimizers[0].schedule`).
pub fn read_schedule(v: &Value, path: &str) -> Result<Schedule, SceneError> {
    let (kind, a) = open(v, path, Choice::Schedule)?;
    Ok(match kind {
        "cyclic" => Schedule::Cyclic(Cyclic {
            base_lr: a.opt_num("base_lr", Allowed::Positive)?,
            max_lr: a.need_num("max_lr", Allowed::Positive)?,
            step_size_up: a.int("step_size_up", 1, 2000)?,
            step_size_down: a.opt_int("step_size_down", 1)?,
            mode: a
                .choice(
                    "mode",
                    &CyclicMode::ALL,
                    CyclicMode::name,
                    Choice::CyclicMode,
                )?
                .unwrap_or(CyclicMode::Triangular),
            gamma: a.num("gamma", 1.0, Allowed::Positive)?,
            cycle_momentum: a.boolean("cycle_momentum", true)?,
            base_momentum: a.num("base_momentum", 0.8, Allowed::Unit)?,
            max_momentum: a.num("max_momentum", 0.9, Allowed::Unit)?,
        }),
        "one_cycle" => Schedule::OneCycle(OneCycle {
            max_lr: a.opt_num("max_lr", Allowed::Positive)?,
            total_steps: a.opt_int("total_steps", 1)?,
            pct_start: a.num("pct_start", 0.3, Allowed::Range { lo: 0.0, hi: 1.0 })?,
            anneal_strategy: a
                .choice(
                    "anneal_strategy",
                    &Anneal::ALL,
                    Anneal::name,
                    Choice::Anneal,
                )?
                .unwrap_or(Anneal::Cos),
            cycle_momentum: a.boolean("cycle_momentum", true)?,
            base_momentum: a.num("base_momentum", 0.85, Allowed::Unit)?,
            max_momentum: a.num("max_momentum", 0.95, Allowed::Unit)?,
            div_factor: a.num("div_factor", 25.0, Allowed::Positive)?,
            final_div_factor: a.num("final_div_factor", 1e4, Allowed::Positive)?,
            three_phase: a.boolean("three_phase", false)?,
        }),
        "plateau" => Schedule::Plateau(Plateau {
            mode: a
                .choice(
                    "mode",
                    &PlateauMode::ALL,
                    PlateauMode::name,
                    Choice::PlateauMode,
                )?
                .unwrap_or(PlateauMode::Min),
            factor: a.num("factor", 0.1, Allowed::Unit)?,
            patience: a.int("patience", 0, 10)?,
            threshold: a.num("threshold", 1e-4, Allowed::NonNegative)?,
            threshold_mode: a
                .choice(
                    "threshold_mode",
                    &ThresholdMode::ALL,
                    ThresholdMode::name,
                    Choice::ThresholdMode,
                )?
                .unwrap_or(ThresholdMode::Rel),
            cooldown: a.int("cooldown", 0, 0)?,
            min_lr: a.num("min_lr", 0.0, Allowed::NonNegative)?,
            eps: a.num("eps", 1e-8, Allowed::NonNegative)?,
        }),
        "sequential" => {
            let field = a.field("schedulers");
            let list_allowed = Allowed::ScheduleList { max: MAX_PHASES };
            let list = a.obj.get("schedulers").ok_or_else(|| {
                SceneError::new(
                    &field,
                    Problem::Required {
                        allowed: list_allowed,
                    },
                )
            })?;
            let arr = list
                .as_array()
                .filter(|l| !l.is_empty())
                .ok_or_else(|| must_be(&field, list_allowed, list))?;
            if arr.len() > MAX_PHASES {
                return Err(SceneError::new(
                    &field,
                    Problem::TooMany {
                        max: MAX_PHASES,
                        got: arr.len(),
                    },
                ));
            }
            let children = arr
                .iter()
                .enumerate()
                .map(|(i, c)| read_basic(c, &format!("{field}[{i}]")))
                .collect::<Result<Vec<_>, _>>()?;
            let milestones = a.milestones("milestones")?;
            let got = milestones.as_slice().len();
            Schedule::Sequential(Sequential::new(&children, milestones).ok_or_else(|| {
                SceneError::new(
                    a.field("milestones"),
                    Problem::MustBe {
                        allowed: Allowed::Count {
                            n: children.len() - 1,
                        },
                        got: Got::Count(got),
                    },
                )
            })?)
        }
        _ => Schedule::Basic(basic(kind, &a)?),
    })
}

fn open<'a>(v: &'a Value, path: &'a str, kinds: Choice) -> Result<(&'a str, Args<'a>), SceneError> {
    let obj = v
        .as_object()
        .ok_or_else(|| must_be(path, Allowed::Object, v))?;
    let allowed = Allowed::OneOf(kinds);
    let kind_v = obj
        .get("kind")
        .ok_or_else(|| SceneError::new(format!("{path}.kind"), Problem::Required { allowed }))?;
    let names: &[&str] = match kinds {
        Choice::ScheduleChild => &KINDS[..8],
        _ => KINDS,
    };
    let kind = kind_v
        .as_str()
        .and_then(|k| names.iter().find(|n| **n == k))
        .copied()
        .ok_or_else(|| must_be(&format!("{path}.kind"), allowed, kind_v))?;
    let allowed_keys = schedule_keys(kind);
    if let Some(k) = obj.keys().find(|k| !allowed_keys.contains(&k.as_str())) {
        return Err(SceneError::new(
            format!("{path}.{k}"),
            Problem::UnknownKey {
                within: "schedule",
                allowed: allowed_keys,
            },
        ));
    }
    Ok((kind, Args { obj, path }))
}

fn read_basic(v: &Value, path: &str) -> Result<Basic, SceneError> {
    let (kind, a) = open(v, path, Choice::ScheduleChild)?;
    basic(kind, &a)
}

fn basic(kind: &str, a: &Args) -> Result<Basic, SceneError> {
    Ok(match kind {
        "step" => Basic::Step {
            step_size: a.need_int("step_size", 1)?,
            gamma: a.num("gamma", 0.1, Allowed::NonNegative)?,
        },
        "multi_step" => Basic::MultiStep {
            milestones: a.milestones("milestones")?,
            gamma: a.num("gamma", 0.1, Allowed::NonNegative)?,
        },
        "constant" => Basic::Constant {
            factor: a.num("factor", 1.0 / 3.0, Allowed::Fraction)?,
            total_iters: a.int("total_iters", 0, 5)?,
        },
        "linear" => Basic::Linear {
            start_factor: a.num("start_factor", 1.0 / 3.0, Allowed::Fraction)?,
            end_factor: a.num("end_factor", 1.0, Allowed::Range { lo: 0.0, hi: 1.0 })?,
            total_iters: a.int("total_iters", 0, 5)?,
        },
        "exponential" => Basic::Exponential {
            gamma: a.need_num("gamma", Allowed::NonNegative)?,
        },
        "polynomial" => Basic::Polynomial {
            total_iters: a.int("total_iters", 0, 5)?,
            power: a.num("power", 1.0, Allowed::NonNegative)?,
        },
        "cosine" => Basic::Cosine {
            t_max: a.opt_int("T_max", 1)?,
            eta_min: a.num("eta_min", 0.0, Allowed::NonNegative)?,
        },
        _ => Basic::CosineWarmRestarts {
            t_0: a.need_int("T_0", 1)?,
            t_mult: a.int("T_mult", 1, 1)?,
            eta_min: a.num("eta_min", 0.0, Allowed::NonNegative)?,
        },
    })
}

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
