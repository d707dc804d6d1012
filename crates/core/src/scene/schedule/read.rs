//! A schedule read from its JSON: the kind and its keys checked, each
//! argument read with its range or its choices, torch's defaults for the
//! ones left out; a refusal names its field and what it allows.

use super::schedule_keys;
use crate::scene::{Allowed, Choice, Got, Problem, SceneError};
use crate::schedule::{
    Anneal, Basic, Cyclic, CyclicMode, Milestones, OneCycle, Plateau, PlateauMode, Schedule,
    Sequential, ThresholdMode, KINDS, MAX_ITERS, MAX_MILESTONES, MAX_PHASES,
};
use serde_json::{Map, Value};

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
        match crate::scene::read::whole(v) {
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
                .map(|x| crate::scene::read::whole(x).and_then(|n| u32::try_from(n).ok()))
                .collect()
        });
        list.and_then(|l| Milestones::new(&l))
            .ok_or_else(|| must_be(&field, allowed, v))
    }
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
