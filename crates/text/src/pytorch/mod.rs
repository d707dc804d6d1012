//! "Copy as PyTorch": a short, runnable Python script that reproduces a
//! scene's trajectories ([`script`]).
//!
//! pytorch convention: float64 tensors, each optimizer its real
//! `torch.optim` class (lion-pytorch's `Lion`) with the scene's arguments,
//! `torch.optim.lr_scheduler` for a schedule, autograd's gradient; Newton
//! written out with autograd's Hessian and `torch.linalg.solve`. d2l
//! convention: the book's loop on plain floats (`train_2d`, `adam_2d`, …),
//! the kinds the d2l convention computes as torch does run as above. Both
//! stop where the core stops and print each run's last point with full
//! precision; `runs` keeps every trajectory. Only what the scene needs is
//! written. Comments are in the page's language; identifiers are English.

mod book;
mod formula;
mod optimizer;
mod runner;
mod scheduler;
mod surface;

use crate::{tr, trf, Lang};
use book::Parts;
use gradscape_core::landscape::Landscape;
use gradscape_core::optim::{Hyper, HyperKey};
use gradscape_core::schedule::Schedule;
use gradscape_core::{Convention, OptKind, OptSpec, Scene};

pub use formula::{number, python as formula_python};

/// How one run is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// The book's loop (`train_2d`) with the kind's trainer; `torch` for
    /// torch's Adam arithmetic without bias correction.
    Book { torch: bool },
    /// A `torch.optim` class in `run`.
    Torch,
    /// Newton's step written out (`run_newton`).
    Newton,
}

/// One run of the scene as the script writes it.
struct Run {
    /// The kind as it runs (`gd` under a schedule cycling momentum runs as
    /// `momentum`).
    kind: OptKind,
    hyper: Hyper,
    schedule: Option<Schedule>,
    mode: Mode,
}

impl Run {
    fn of(spec: &OptSpec, conv: Convention) -> Run {
        let mut kind = spec.kind;
        let mut hyper = spec.hyper;
        let cycles = spec.schedule.is_some_and(|s| s.cycles_momentum());
        if cycles && kind.under_cycled_momentum() != kind {
            kind = kind.under_cycled_momentum();
            hyper.nesterov = false;
        }
        let adam = matches!(kind, OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw);
        let mode = if kind == OptKind::Newton {
            Mode::Newton
        } else if conv == Convention::D2l && book::is_book(kind) {
            Mode::Book { torch: false }
        } else if adam && !hyper.bias_correction {
            Mode::Book { torch: true }
        } else {
            Mode::Torch
        };
        // In torch the gd kind stays SGD: the cycled momentum switches its
        // buffer on by itself.
        let kind = if mode == Mode::Torch { spec.kind } else { kind };
        Run {
            kind,
            hyper,
            schedule: spec.schedule,
            mode,
        }
    }

    fn cycles(&self) -> bool {
        self.schedule.is_some_and(|s| s.cycles_momentum())
    }

    /// The parts its book function needs: RMSProp's μ also where only a
    /// schedule cycles it (the d2l script called `rmsprop_2d(…, mu=…)` on a
    /// function written without it).
    fn parts(&self) -> Parts {
        let mut p = Parts::of(self.kind, &self.hyper);
        p.mu |= self.kind == OptKind::Rmsprop && self.cycles();
        p
    }
}

/// What the script as a whole needs.
#[derive(Default)]
struct Needs {
    torch: bool,
    lion: bool,
    noise: bool,
    lbfgs: bool,
    plateau: bool,
    book: bool,
    book_schedule: bool,
    book_cycles: bool,
    torch_run: bool,
    newton: bool,
    torch_f: bool,
}

/// A run's label as the page's legend says it ("1. Adam η=0.2 (no bias
/// corr.)": two Adam runs told apart), its schedule's torch class after
/// it as the picker writes it ("1. GD η=0.6 · step decay (step_size=5,
/// gamma=0.5) — StepLR": the label's own brackets hold the arguments).
fn label(i: usize, r: &Run, spec: &OptSpec, conv: Convention, lang: Lang) -> String {
    let mut s = format!("{}. {}", i + 1, crate::optim::opt_label(spec, conv, lang));
    if let Some(sc) = &r.schedule {
        s.push_str(&format!(" — {}", sc.torch_class()));
    }
    s
}

/// The Python script that reproduces `scene`'s trajectories, its comments
/// in `lang`.
pub fn script(scene: &Scene, lang: Lang) -> String {
    let conv = scene.convention;
    let runs: Vec<Run> = scene.optimizers.iter().map(|s| Run::of(s, conv)).collect();
    let expr = matches!(scene.landscape, Landscape::Expr(_));
    let mut need = Needs {
        noise: scene.noise.sigma > 0.0,
        ..Needs::default()
    };
    for r in &runs {
        match r.mode {
            Mode::Book { .. } => {
                need.book = true;
                need.book_schedule |= r.schedule.is_some();
                need.book_cycles |= r.cycles();
            }
            Mode::Torch => need.torch_run = true,
            Mode::Newton => need.newton = true,
        }
        need.lion |= r.kind == OptKind::Lion;
        need.lbfgs |= r.kind == OptKind::Lbfgs;
        need.plateau |= matches!(r.schedule, Some(Schedule::Plateau(_)));
    }
    let book_floats = need.book && conv == Convention::D2l;
    need.torch_f = need.torch_run
        || need.newton
        || expr
        || runs.iter().any(|r| r.mode == Mode::Book { torch: true });
    need.torch = need.torch_f || runs.iter().any(|r| r.schedule.is_some());

    let mut o: Vec<String> = Vec::new();
    let comment = |o: &mut Vec<String>, indent: &str, text: &str| {
        o.push(format!("{indent}# {text}"));
    };
    comment(&mut o, "", &trf(lang, "code.title", &[conv.name()]));
    let pip = if need.lion {
        "`pip install torch lion-pytorch`"
    } else if need.torch {
        "`pip install torch`"
    } else {
        "`python3`"
    };
    comment(&mut o, "", &trf(lang, "code.how", &[pip, "`runs`"]));
    if conv == Convention::Pytorch {
        comment(&mut o, "", tr(lang, "code.pytorch"));
    } else {
        comment(&mut o, "", tr(lang, "code.d2l"));
    }
    o.push("import math".into());
    if need.torch {
        o.push(String::new());
        o.push("import torch".into());
    }
    if need.lion {
        o.push("from lion_pytorch import Lion".into());
    }
    o.push(String::new());
    if need.torch {
        o.push("torch.set_default_dtype(torch.float64)".into());
    }
    o.push(format!(
        "START = ({}, {})",
        number(scene.start[0]),
        number(scene.start[1])
    ));
    o.push(format!("STEPS = {}", scene.steps));
    if need.noise {
        o.push(format!(
            "SIGMA, SEED = {}, {}",
            number(scene.noise.sigma),
            scene.noise.seed
        ));
    }
    if need.torch_f {
        o.push(String::new());
        o.push(String::new());
        o.push("def f(x, y):".into());
        let key = if expr { "code.formula" } else { "code.surface" };
        comment(&mut o, "    ", tr(lang, key));
        o.extend(surface::torch_body(&scene.landscape, lang));
    }
    if need.book {
        o.push(String::new());
        o.push(String::new());
        if !need.torch_f {
            comment(&mut o, "", tr(lang, "code.surface"));
        }
        // The pytorch convention's book runs (Adam without bias correction)
        // take autograd's gradient, as `run` does.
        let autograd = expr || !book_floats;
        let note = if autograd {
            "code.grad_autograd"
        } else {
            "code.grad"
        };
        o.extend(surface::book(&scene.landscape, tr(lang, note), autograd));
    }
    if need.noise {
        o.push(String::new());
        o.push(String::new());
        o.extend(runner::gaussian(tr(lang, "code.noise")));
    }
    if need.plateau {
        o.push(String::new());
        o.push(String::new());
        o.extend(runner::step_schedule(tr(lang, "code.plateau")));
    }
    let stop = |key: &str| format!("f\"{}\"", tr(lang, key));
    let msgs = runner::Messages {
        diverged: stop("code.diverged"),
        singular: stop("code.singular"),
        hessian: stop("code.hessian"),
        runner: tr(lang, "code.runner").to_string(),
        lbfgs: tr(lang, "code.lbfgs").to_string(),
        rates: tr(lang, "code.rates").to_string(),
        newton: tr(lang, "code.newton").to_string(),
    };
    let opts = runner::Options {
        noise: need.noise,
        plateau: need.plateau,
        lbfgs: need.lbfgs,
        formula: expr,
    };
    if need.book {
        o.push(String::new());
        o.push(String::new());
        o.extend(runner::train_2d(
            &msgs,
            opts,
            need.book_schedule,
            need.book_cycles,
        ));
        // One trainer per kind (and arithmetic), with the parts its runs use.
        let mut done: Vec<(OptKind, bool)> = Vec::new();
        for r in &runs {
            let Mode::Book { torch } = r.mode else {
                continue;
            };
            if done.contains(&(r.kind, torch)) {
                continue;
            }
            done.push((r.kind, torch));
            let parts = runs
                .iter()
                .filter(|q| q.kind == r.kind && q.mode == r.mode)
                .fold(Parts::default(), |a, q| a.union(q.parts()));
            o.push(String::new());
            o.push(String::new());
            if torch {
                let class = if r.kind == OptKind::Adamw {
                    "torch.optim.AdamW"
                } else {
                    "torch.optim.Adam"
                };
                comment(&mut o, "", &trf(lang, "code.no_bias", &[class]));
            }
            o.extend(book::trainer(r.kind, parts, torch));
        }
    }
    if need.torch_run {
        o.push(String::new());
        o.push(String::new());
        o.extend(runner::run(&msgs, opts));
    }
    if need.newton {
        o.push(String::new());
        o.push(String::new());
        o.extend(runner::run_newton(
            &msgs,
            opts,
            runs.iter()
                .any(|r| r.mode == Mode::Newton && r.schedule.is_some()),
        ));
    }
    o.push(String::new());
    o.push(String::new());
    comment(&mut o, "", tr(lang, "code.plot"));
    o.push("runs = [".into());
    for (i, (r, spec)) in runs.iter().zip(&scene.optimizers).enumerate() {
        let sched = r.schedule.map(|s| {
            format!(
                "lambda opt: {}",
                scheduler::constructor(&s, r.hyper.lr, scene.steps)
            )
        });
        if conv == Convention::D2l && r.mode == Mode::Torch {
            comment(
                &mut o,
                "    ",
                &trf(lang, "code.as_torch", &[r.kind.name()]),
            );
        }
        // gradscape's one departure from torch's arithmetic: 0/0 is a step
        // of 0 (optim::safe_div), torch's is NaN.
        if spec.kind.uses(HyperKey::Eps) && spec.hyper.eps == 0.0 {
            comment(&mut o, "    ", tr(lang, "code.eps_zero"));
        }
        let call = match r.mode {
            Mode::Book { torch } => {
                let parts = runs
                    .iter()
                    .filter(|q| q.kind == r.kind && q.mode == r.mode)
                    .fold(Parts::default(), |a, q| a.union(q.parts()));
                let mut args = vec![
                    book::name(r.kind, torch),
                    book::hyper_dict(r.kind, &r.hyper, parts),
                ];
                if let Some(s) = sched {
                    args.push(s);
                    if r.cycles() {
                        args.push(format!("\"{}\"", book::cycled_name(r.kind)));
                    }
                }
                format!("train_2d({})", args.join(", "))
            }
            Mode::Torch => {
                let ctor = optimizer::constructor(r.kind, &r.hyper).unwrap_or_default();
                match sched {
                    Some(s) => format!("run(lambda params: {ctor},\n        {s})"),
                    None => format!("run(lambda params: {ctor})"),
                }
            }
            Mode::Newton => match sched {
                Some(s) => format!("run_newton({}, {s})", number(r.hyper.lr)),
                None => format!("run_newton({})", number(r.hyper.lr)),
            },
        };
        o.push(format!(
            "    ({:?}, *{call}),",
            label(i, r, spec, conv, lang)
        ));
    }
    o.push("]".into());
    o.push("for label, points, stop in runs:".into());
    o.push(
        "    print(label, repr(points[-1]) if points else \"-\", *[stop] if stop else [])".into(),
    );
    // What a reader does next in a notebook.
    runner::add(
        &mut o,
        "# import matplotlib.pyplot as plt
# for label, points, stop in runs:
#     plt.plot(*zip(*points), \".-\", label=label)
# plt.legend(); plt.show()",
    );
    let mut text = o.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
