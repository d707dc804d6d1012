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

/// The lines that keep the new point or stop (x: a list of the two
/// coordinates, `loss_expr` the loss at it), then step the schedule.
fn keep(m: &Messages, loss_expr: &str, sched: Sched, o: Options) -> Vec<String> {
    let mut v = vec![
        "        if not all(math.isfinite(c) and abs(c) <= 1e12 for c in x):".to_string(),
        format!("            return points, {}", m.diverged),
        format!("        loss = {loss_expr}"),
        "        if not math.isfinite(loss):".into(),
        format!("            return points, {}", m.diverged),
        "        points.append(tuple(x))".into(),
    ];
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
        "    x, state = list(START), {}".into(),
        "    points = [START]".into(),
    ];
    if o.noise {
        v.push("    noise = Gaussian(SEED)".into());
    }
    if schedule {
        v.push(format!("    # {}", m.rates));
        v.push("    rates = torch.optim.SGD([torch.zeros(1)], lr=hyper[\"eta\"])".into());
        v.push("    sched = make_scheduler(rates) if make_scheduler else None".into());
    }
    v.push("    for t in range(1, STEPS + 1):".into());
    if o.noise {
        v.push("        g1, g2 = f_2d_grad(*x)".into());
        v.push("        g = [g1 + SIGMA * noise.sample(), g2 + SIGMA * noise.sample()]".into());
    } else {
        v.push("        g = list(f_2d_grad(*x))".into());
    }
    v.push("        if not all(map(math.isfinite, g)):".into());
    v.push(format!("            return points, {}", m.diverged));
    let hp = if schedule { "hp" } else { "hyper" };
    if schedule {
        v.push("        hp = dict(hyper)".into());
        v.push("        if sched:".into());
        v.push("            hp[\"eta\"] = rates.param_groups[0][\"lr\"]".into());
        if cycles {
            v.push("            if cycled:".into());
            v.push("                hp[cycled] = rates.param_groups[0][\"momentum\"]".into());
        }
    }
    v.push(format!("        trainer(x, g, state, t, **{hp})"));
    let sched = if schedule { Sched::StandIn } else { Sched::Off };
    v.extend(keep(m, "f_2d(*x)", sched, o));
    v
}

/// `run(make_optimizer[, make_scheduler])`: one `torch.optim` optimizer.
pub fn run(m: &Messages, o: Options) -> Vec<String> {
    let mut v = vec![
        "def run(make_optimizer, make_scheduler=None):".to_string(),
        format!("    # {}", m.runner),
        "    p = torch.tensor(START, requires_grad=True)".into(),
        "    opt = make_optimizer([p])".into(),
        "    sched = make_scheduler(opt) if make_scheduler else None".into(),
    ];
    if o.noise {
        v.push("    noise = Gaussian(SEED)".into());
    }
    v.push("    points = [START]".into());
    v.push("    for t in range(1, STEPS + 1):".into());
    let noisy = "p.grad += SIGMA * torch.tensor([noise.sample(), noise.sample()])";
    if o.lbfgs {
        v.push("        grads = []".into());
        v.push(String::new());
        v.push("        def closure():".into());
        v.push("            opt.zero_grad()".into());
        v.push("            loss = f(*p)".into());
        v.push("            loss.backward()".into());
        v.push("            if not grads:".into());
        if o.noise {
            v.push(format!("                # {}", m.lbfgs));
            v.push(format!("                {noisy}"));
        }
        v.push("                grads.append(p.grad.clone())".into());
        v.push("            return loss".into());
        v.push(String::new());
        v.push("        opt.step(closure)".into());
        v.push("        g = grads[0]".into());
    } else {
        v.push("        opt.zero_grad()".into());
        v.push("        f(*p).backward()".into());
        if o.noise {
            v.push(format!("        {noisy}"));
        }
        v.push("        g = p.grad.clone()".into());
        v.push("        opt.step()".into());
    }
    v.push("        if not torch.isfinite(g).all():".into());
    v.push(format!("            return points, {}", m.diverged));
    v.push("        x = p.tolist()".into());
    v.extend(keep(m, "f(*p).item()", Sched::Own, o));
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
        v.push(format!("    # {}", m.rates));
        v.push("    rates = torch.optim.SGD([torch.zeros(1)], lr=lr)".into());
        v.push("    sched = make_scheduler(rates) if make_scheduler else None".into());
    }
    v.push("    points = [START]".into());
    v.push("    for t in range(1, STEPS + 1):".into());
    v.push("        q = p.clone().requires_grad_(True)".into());
    v.push("        (g,) = torch.autograd.grad(f(*q), q)".into());
    if o.noise {
        v.push("        g = g + SIGMA * torch.tensor([noise.sample(), noise.sample()])".into());
    }
    v.push("        H = torch.autograd.functional.hessian(lambda r: f(*r), p)".into());
    v.push("        if not torch.isfinite(g).all():".into());
    v.push(format!("            return points, {}", m.diverged));
    v.push("        if not torch.isfinite(H).all():".into());
    v.push(format!("            return points, {}", m.hessian));
    v.push("        try:".into());
    v.push("            s = torch.linalg.solve(H, g)".into());
    v.push("        except RuntimeError:  # torch.linalg.LinAlgError".into());
    v.push(format!("            return points, {}", m.singular));
    if schedule {
        v.push("        eta = rates.param_groups[0][\"lr\"] if sched else lr".into());
        v.push("        p = p - eta * s".into());
    } else {
        v.push("        p = p - lr * s".into());
    }
    v.push("        x = p.tolist()".into());
    let sched = if schedule { Sched::StandIn } else { Sched::Off };
    v.extend(keep(m, "f(*p).item()", sched, o));
    v
}
