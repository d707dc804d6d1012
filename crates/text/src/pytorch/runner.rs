//! The script's loops: `train_2d` (the book's, plain floats), `run` (a
//! `torch.optim` optimizer), `run_newton`, the noise generator and the
//! plateau step. Each takes at most `STEPS` steps and returns
//! `(points, stop)`, stopping as the core's walker does (crates/core/src/
//! run.rs): a non-finite gradient, a coordinate beyond 1e12 or a non-finite
//! loss ends the run before the step is kept; Newton also stops at a
//! singular or non-finite Hessian.

/// The words the loops say (comments, and the stop messages as Python
/// f-strings in `t`).
pub struct Messages {
    pub diverged: String,
    pub singular: String,
    pub hessian: String,
    pub runner: String,
    pub lbfgs: String,
    pub rates: String,
    pub newton: String,
}

/// What the loops must handle in this scene.
#[derive(Clone, Copy)]
pub struct Options {
    pub noise: bool,
    pub plateau: bool,
    pub lbfgs: bool,
    /// A user's formula: its start may lie outside its domain.
    pub formula: bool,
}

/// With a formula, a start where the loss is not finite (`ln(x)` at x < 0)
/// is no run at all, as in the core: the check goes before the loop.
fn guard_start(v: &mut Vec<String>, m: &Messages, o: Options, loss_at_start: &str) {
    let Some(at) = v
        .iter()
        .position(|l| l == "    for t in range(1, STEPS + 1):")
    else {
        return;
    };
    if o.formula {
        let check = [
            "    t = 0".to_string(),
            format!("    if not math.isfinite({loss_at_start}):"),
            format!("        return [], {}", m.diverged),
        ];
        v.splice(at..at, check);
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

/// The core's `noise::Gaussian`, line for line.
pub fn gaussian(note: &str) -> Vec<String> {
    let mut o = vec![format!("class Gaussian:\n    # {note}")];
    o.push(
        r#"    def __init__(self, seed):
        self.state, self.spare = seed, None

    def next_u64(self):
        mask = 2**64 - 1
        self.state = (self.state + 0x9E3779B97F4A7C15) & mask
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        return z ^ (z >> 31)

    def uniform(self):  # in [-1, 1), 53 random bits
        return 2.0 * ((self.next_u64() >> 11) * (1.0 / 2**53)) - 1.0

    def sample(self):
        if self.spare is not None:
            s, self.spare = self.spare, None
            return s
        while True:
            u, v = self.uniform(), self.uniform()
            s = u * u + v * v
            if 0.0 < s < 1.0:
                k = math.sqrt(-2.0 * math.log(s) / s)
                self.spare = v * k
                return u * k"#
            .into(),
    );
    o.iter().flat_map(|s| lines(s)).collect()
}

/// `step_schedule(sched, loss)`: the plateau scheduler takes the loss.
pub fn step_schedule(note: &str) -> Vec<String> {
    lines(&format!(
        "def step_schedule(sched, loss):
    if isinstance(sched, torch.optim.lr_scheduler.ReduceLROnPlateau):
        sched.step(loss)  # {note}
    else:
        sched.step()"
    ))
}

fn sched_step(o: Options, indent: &str) -> String {
    if o.plateau {
        format!("{indent}step_schedule(sched, loss)")
    } else {
        format!("{indent}sched.step()")
    }
}

/// Which scheduler a loop steps after a kept point.
#[derive(Clone, Copy, PartialEq)]
enum Sched {
    /// None.
    Off,
    /// The optimizer's own (`sched`).
    Own,
    /// One on the stand-in optimizer `rates`, which steps first as torch
    /// expects.
    StandIn,
}

/// Push `block`'s lines (static text is data, not code, in the wasm).
pub fn add(v: &mut Vec<String>, block: &str) {
    v.extend(block.lines().map(str::to_string));
}

/// The lines that keep the new point or stop (x: a list of the two
/// coordinates, `loss_expr` the loss at it, `state_ok` whether the
/// optimizer's state is finite, when it keeps one), then step the schedule.
fn keep(
    m: &Messages,
    loss_expr: &str,
    state_ok: Option<&str>,
    sched: Sched,
    o: Options,
) -> Vec<String> {
    let mut v =
        vec!["        ok = all(math.isfinite(c) and abs(c) <= 1e12 for c in x)".to_string()];
    if let Some(state) = state_ok {
        v.push(format!("        ok = ok and {state}"));
    }
    add(
        &mut v,
        &format!(
            "        loss = {loss_expr} if ok else math.nan
        if not math.isfinite(loss):
            return points, {}
        points.append(tuple(x))",
            m.diverged
        ),
    );
    if sched != Sched::Off {
        v.push("        if sched:".into());
        if sched == Sched::StandIn {
            v.push("            rates.step()".into());
        }
        v.push(sched_step(o, "            "));
    }
    v.push("    return points, None".into());
    v
}

/// The stand-in optimizer whose scheduler gives η_t (`lr` its η).
fn stand_in(v: &mut Vec<String>, m: &Messages, lr: &str) {
    v.push(format!("    # {}", m.rates));
    v.push(format!(
        "    rates = torch.optim.SGD([torch.zeros(1)], lr={lr})"
    ));
    v.push("    sched = make_scheduler(rates) if make_scheduler else None".into());
}

/// The book's `train_2d(trainer, hyper[, make_scheduler[, cycled]])`.
pub fn train_2d(m: &Messages, o: Options, schedule: bool, cycles: bool) -> Vec<String> {
    let mut args = vec!["trainer", "hyper"];
    if schedule {
        args.push("make_scheduler=None");
    }
    if cycles {
        args.push("cycled=None");
    }
    let mut v = vec![
        format!("def train_2d({}):", args.join(", ")),
        format!("    # {}", m.runner),
    ];
    add(
        &mut v,
        "    x, state = list(START), {}\n    points = [START]",
    );
    if o.noise {
        v.push("    noise = Gaussian(SEED)".into());
    }
    if schedule {
        stand_in(&mut v, m, "hyper[\"eta\"]");
    }
    v.push("    for t in range(1, STEPS + 1):".into());
    if o.noise {
        add(
            &mut v,
            "        g1, g2 = f_2d_grad(*x)
        g = [g1 + SIGMA * noise.sample(), g2 + SIGMA * noise.sample()]",
        );
    } else {
        v.push("        g = list(f_2d_grad(*x))".into());
    }
    v.push("        if not all(map(math.isfinite, g)):".into());
    v.push(format!("            return points, {}", m.diverged));
    let hp = if schedule { "hp" } else { "hyper" };
    if schedule {
        add(
            &mut v,
            "        hp = dict(hyper)
        if sched:
            hp[\"eta\"] = rates.param_groups[0][\"lr\"]",
        );
        if cycles {
            add(
                &mut v,
                "            if cycled:
                hp[cycled] = rates.param_groups[0][\"momentum\"]",
            );
        }
    }
    v.push(format!("        trainer(x, g, state, t, **{hp})"));
    let sched = if schedule { Sched::StandIn } else { Sched::Off };
    let state_ok = "all(math.isfinite(c) for s in state.values() for c in s)";
    v.extend(keep(m, "f_2d(*x)", Some(state_ok), sched, o));
    guard_start(&mut v, m, o, "f_2d(*START)");
    v
}

/// `run(make_optimizer[, make_scheduler])`: one `torch.optim` optimizer.
pub fn run(m: &Messages, o: Options) -> Vec<String> {
    let mut v = vec![
        "def run(make_optimizer, make_scheduler=None):".to_string(),
        format!("    # {}", m.runner),
    ];
    add(
        &mut v,
        "    p = torch.tensor(START, requires_grad=True)
    opt = make_optimizer([p])
    sched = make_scheduler(opt) if make_scheduler else None",
    );
    if o.noise {
        v.push("    noise = Gaussian(SEED)".into());
    }
    add(
        &mut v,
        "    points = [START]\n    for t in range(1, STEPS + 1):",
    );
    let noisy = "p.grad += SIGMA * torch.tensor([noise.sample(), noise.sample()])";
    if o.lbfgs {
        add(
            &mut v,
            "        grads = []

        def closure():
            opt.zero_grad()
            loss = f(*p)
            loss.backward()
            if not grads:",
        );
        if o.noise {
            v.push(format!("                # {}", m.lbfgs));
            v.push(format!("                {noisy}"));
        }
        add(
            &mut v,
            "                grads.append(p.grad.clone())
            return loss

        opt.step(closure)
        g = grads[0]",
        );
    } else {
        add(&mut v, "        opt.zero_grad()\n        f(*p).backward()");
        if o.noise {
            v.push(format!("        {noisy}"));
        }
        add(&mut v, "        g = p.grad.clone()\n        opt.step()");
    }
    v.push("        if not torch.isfinite(g).all():".into());
    v.push(format!("            return points, {}", m.diverged));
    add(
        &mut v,
        "        x = p.tolist()
        state = [s for s in opt.state[p].values() if torch.is_tensor(s)]",
    );
    let state_ok = "all(torch.isfinite(s).all() for s in state)";
    v.extend(keep(m, "f(*p).item()", Some(state_ok), Sched::Own, o));
    guard_start(&mut v, m, o, "f(*p).item()");
    v
}

/// `run_newton(lr[, make_scheduler])`: x ← x − η·solve(H, g).
pub fn run_newton(m: &Messages, o: Options, schedule: bool) -> Vec<String> {
    let mut v = vec![
        if schedule {
            "def run_newton(lr, make_scheduler=None):".to_string()
        } else {
            "def run_newton(lr):".to_string()
        },
        format!("    # {}", m.newton),
        format!("    # {}", m.runner),
        "    p = torch.tensor(START)".into(),
    ];
    if o.noise {
        v.push("    noise = Gaussian(SEED)".into());
    }
    if schedule {
        stand_in(&mut v, m, "lr");
    }
    add(
        &mut v,
        "    points = [START]
    for t in range(1, STEPS + 1):
        q = p.clone().requires_grad_(True)
        (g,) = torch.autograd.grad(f(*q), q)",
    );
    if o.noise {
        v.push("        g = g + SIGMA * torch.tensor([noise.sample(), noise.sample()])".into());
    }
    add(
        &mut v,
        &format!(
            "        H = torch.autograd.functional.hessian(lambda r: f(*r), p)
        if not torch.isfinite(g).all():
            return points, {}
        if not torch.isfinite(H).all():
            return points, {}
        try:
            s = torch.linalg.solve(H, g)
        except RuntimeError:  # torch.linalg.LinAlgError
            return points, {}",
            m.diverged, m.hessian, m.singular
        ),
    );
    if schedule {
        add(
            &mut v,
            "        eta = rates.param_groups[0][\"lr\"] if sched else lr
        p = p - eta * s",
        );
    } else {
        v.push("        p = p - lr * s".into());
    }
    v.push("        x = p.tolist()".into());
    let sched = if schedule { Sched::StandIn } else { Sched::Off };
    v.extend(keep(m, "f(*p).item()", None, sched, o));
    guard_start(&mut v, m, o, "f(*p).item()");
    v
}
