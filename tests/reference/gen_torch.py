#!/usr/bin/env python3
"""PyTorch golden trajectories for gradscape's "pytorch" optimizer convention.

How to run (from the repository root):

    pip install torch && python3 tests/reference/gen_torch.py

This writes tests/reference/torch_golden.json (next to this script);
`python3 tests/reference/gen_torch.py keys` writes torch_golden_keys.json,
the extra keys and the kinds Adamax, RAdam, Rprop and Lion (see the "keys"
section at the end); `python3 tests/reference/gen_torch.py fused` writes
torch_golden_fused.json (150 steps on a rotated bowl: addcmul_'s single
rounding, see the "fused" part).

What it checks / produces
-------------------------
For every optimizer kind gradscape supports (gd, momentum with and without
Nesterov, adagrad, rmsprop, adam with and without AMSGrad, adam_l2, adamw,
nadam, adadelta) on each of the three test surfaces (quadratic a=0.1 b=2,
rosenbrock a=1 b=100, himmelblau) it runs the real torch.optim optimizer for
60 steps and records the trajectory.  The Rust test suite replays the same
scene (the "scene" object of each case is exactly the scene JSON the Rust side
reads) and compares its points/loss against these values.

Details that matter for reproducing the numbers:
  * torch.set_default_dtype(torch.float64) is called first, so the parameter,
    the optimizers' internal `step` / `mu_product` scalars and all state are
    float64.
  * Every optimizer is built with foreach=False (single-tensor code path) and
    otherwise default options (no maximize, no centered RMSprop, no lr_decay,
    ...).
  * The gradient comes from autograd (loss.backward()), i.e. independently of
    any hand-written gradient formula.
  * points has steps+1 entries, points[0] == start, loss[t] == f(points[t]).
  * The script asserts that every coordinate stays finite with |coord| < 1e6.

Output is deterministic (no randomness, fixed case order); floats are written
with Python's json module, whose repr round-trips float64 exactly.
"""

import json
import math
import os
import platform
import warnings

# torch warns if NumPy is absent; NumPy is not needed here.
warnings.filterwarnings("ignore", message=".*NumPy.*")

import torch  # noqa: E402

torch.set_default_dtype(torch.float64)

STEPS = 60

SURFACES = [
    ("quadratic", {"kind": "quadratic", "a": 0.1, "b": 2.0}, [-5.0, -2.0]),
    ("rosenbrock", {"kind": "rosenbrock", "a": 1.0, "b": 100.0}, [-1.5, 2.0]),
    ("himmelblau", {"kind": "himmelblau"}, [0.5, -0.5]),
]


def loss_fn(land, p):
    x, y = p[0], p[1]
    k = land["kind"]
    if k == "quadratic":
        return land["a"] * x**2 + land["b"] * y**2
    if k == "rosenbrock":
        return (land["a"] - x) ** 2 + land["b"] * (y - x**2) ** 2
    if k == "himmelblau":
        return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2
    raise ValueError(k)


def make_optimizer(o, params):
    k = o["kind"]
    if k == "gd":
        return torch.optim.SGD(params, lr=o["lr"], momentum=0, foreach=False)
    if k == "momentum":
        return torch.optim.SGD(params, lr=o["lr"], momentum=o["gamma"],
                               nesterov=o["nesterov"], foreach=False)
    if k == "adagrad":
        return torch.optim.Adagrad(params, lr=o["lr"], eps=o["eps"], foreach=False)
    if k == "rmsprop":
        return torch.optim.RMSprop(params, lr=o["lr"], alpha=o["gamma"],
                                   eps=o["eps"], foreach=False)
    if k in ("adam", "adam_l2", "adamw"):
        assert o["bias_correction"] is True  # torch Adam always bias-corrects
        kw = dict(lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"],
                  amsgrad=o["amsgrad"], foreach=False)
        if k == "adam":
            return torch.optim.Adam(params, **kw)
        if k == "adam_l2":
            return torch.optim.Adam(params, weight_decay=o["lambda"], **kw)
        return torch.optim.AdamW(params, weight_decay=o["lambda"], **kw)
    if k == "nadam":
        return torch.optim.NAdam(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]),
                                 eps=o["eps"], momentum_decay=o["momentum_decay"],
                                 foreach=False)
    if k == "adadelta":
        return torch.optim.Adadelta(params, lr=o["lr"], rho=o["gamma"],
                                    eps=o["eps"], foreach=False)
    raise ValueError(k)


def adam_like(kind, lr, amsgrad=False, lam=None, beta1=0.9, beta2=0.999, eps=1e-8):
    o = {"kind": kind, "lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps,
         "bias_correction": True, "amsgrad": amsgrad}
    if lam is not None:
        o["lambda"] = lam
    return o


# Per-surface hyper-parameters: large enough to move visibly in 60 steps,
# small enough never to diverge.  Rosenbrock's curvature (~2700 near the
# start) forces much smaller plain-gradient step sizes there.
LR = {
    #              quadratic  rosenbrock  himmelblau
    "gd":         (0.4,       5e-4,       0.01),
    "momentum":   (0.1,       2e-4,       0.005),
    "adagrad":    (1.5,       0.5,        0.8),
    "rmsprop":    (0.1,       0.02,       0.05),
    "adam":       (0.3,       0.1,        0.2),
    "nadam":      (0.3,       0.1,        0.2),
    "adadelta":   (2.0,       2.0,        2.0),
}


def optimizers_for(si):
    lr = {k: v[si] for k, v in LR.items()}
    return [
        ("gd", {"kind": "gd", "lr": lr["gd"]}),
        ("momentum", {"kind": "momentum", "lr": lr["momentum"], "gamma": 0.9,
                      "nesterov": False}),
        ("nesterov", {"kind": "momentum", "lr": lr["momentum"], "gamma": 0.9,
                      "nesterov": True}),
        ("adagrad", {"kind": "adagrad", "lr": lr["adagrad"], "eps": 1e-8}),
        ("rmsprop", {"kind": "rmsprop", "lr": lr["rmsprop"], "gamma": 0.9,
                     "eps": 1e-6}),
        ("adam", adam_like("adam", lr["adam"])),
        # beta2=0.99 so that the running max of v actually binds (with 0.999
        # AMSGrad is almost indistinguishable from Adam over 60 steps).
        ("amsgrad", adam_like("adam", lr["adam"], amsgrad=True, beta2=0.99)),
        # Adam is per-coordinate scale invariant up to eps, and on the separable
        # quadratic the L2 term only rescales each gradient coordinate; with
        # eps=1e-8 adam_l2 would match plain Adam to ~1e-8 there.  eps=1e-3
        # makes the L2 term visible (~1.6e-3) on every surface.
        ("adam_l2", adam_like("adam_l2", lr["adam"], lam=0.1, eps=1e-3)),
        ("adamw", adam_like("adamw", lr["adam"], lam=0.1, eps=1e-6)),
        ("nadam", {"kind": "nadam", "lr": lr["nadam"], "beta1": 0.9,
                   "beta2": 0.999, "eps": 1e-7, "momentum_decay": 0.008}),
        ("adadelta", {"kind": "adadelta", "lr": lr["adadelta"], "gamma": 0.9,
                      "eps": 1e-4}),
    ]


def run_case(land, start, opt_obj, steps, make=None):
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = (make or make_optimizer)(opt_obj, [p])

    def record():
        with torch.no_grad():
            pt = [float(p[0]), float(p[1])]
            l = float(loss_fn(land, p))
        return pt, l

    pt, l = record()
    points, losses = [pt], [l]
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(land, p)
        loss.backward()
        opt.step()
        pt, l = record()
        points.append(pt)
        losses.append(l)
    return points, losses


def write_golden(filename, generator, cases, extra=None, compact=False):
    """Write `cases` to `filename` next to this script under a header naming
    the generator and the torch and Python versions (and `extra` entries);
    `compact` writes one case per line (the schedule files: many cases)."""
    out = {"generator": generator, "torch_version": torch.__version__,
           **(extra or {}), "python": platform.python_version(), "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), filename)
    with open(path, "w") as f:
        if compact:
            f.write("{\n")
            for k, v in out.items():
                if k != "cases":
                    f.write(f" {json.dumps(k)}: {json.dumps(v)},\n")
            f.write(' "cases": [\n')
            f.write(",\n".join("  " + json.dumps(c) for c in cases))
            f.write("\n ]\n}\n")
        else:
            json.dump(out, f, indent=1)
            f.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


def surface_cases(optimizers, make, width):
    """Every optimizer `optimizers(si)` lists on every surface, `STEPS` steps
    of the torch optimizer `make` builds, checked (finite, moved) and
    named `kind/surface`."""
    cases = []
    for si, (sname, land, start) in enumerate(SURFACES):
        for oname, o in optimizers(si):
            scene = {
                "version": 1,
                "landscape": dict(land),
                "start": list(start),
                "steps": STEPS,
                "convention": "pytorch",
                "noise": {"sigma": 0.0, "seed": 0},
                "optimizers": [o],
            }
            points, losses = run_case(land, start, o, STEPS, make)
            name = f"{oname}/{sname}"
            assert len(points) == STEPS + 1 and len(losses) == STEPS + 1
            assert points[0] == start
            for t, (xy, l) in enumerate(zip(points, losses)):
                for c in xy:
                    assert math.isfinite(c) and abs(c) < 1e6, (name, t, xy)
                assert math.isfinite(l), (name, t, l)
            moved = math.hypot(points[-1][0] - start[0], points[-1][1] - start[1])
            assert moved > 0.05, (name, "barely moved", moved)
            cases.append({"name": name, "scene": scene, "points": points,
                          "loss": losses})
            print(f"{name:{width}s} end=({points[-1][0]: .6f}, {points[-1][1]: .6f}) "
                  f"loss {losses[0]:.4g} -> {losses[-1]:.4g}")
    return cases


def main():
    cases = surface_cases(optimizers_for, make_optimizer, 22)
    write_golden("torch_golden.json", "tests/reference/gen_torch.py", cases)


# ---------------------------------------------------------------------------
# The "keys" section: torch's extra arguments of the seed's kinds and the
# kinds Adamax, RAdam, Rprop and Lion (lion-pytorch), written to
# torch_golden_keys.json by `python3 tests/reference/gen_torch.py keys`
# (`pip install lion-pytorch` for Lion). Every case uses non-default values
# of the keys it is about; the scene objects use gradscape's key names.
# ---------------------------------------------------------------------------


def make_optimizer_keys(o, params):
    k = o["kind"]
    wd = o.get("lambda", 0.0)
    if k == "gd":
        return torch.optim.SGD(params, lr=o["lr"], momentum=0, weight_decay=wd,
                               foreach=False)
    if k == "momentum":
        return torch.optim.SGD(params, lr=o["lr"], momentum=o["gamma"],
                               dampening=o.get("dampening", 0.0),
                               nesterov=o.get("nesterov", False),
                               weight_decay=wd, foreach=False)
    if k == "adagrad":
        return torch.optim.Adagrad(params, lr=o["lr"], eps=o["eps"],
                                   lr_decay=o.get("lr_decay", 0.0),
                                   initial_accumulator_value=o.get(
                                       "initial_accumulator_value", 0.0),
                                   weight_decay=wd, foreach=False)
    if k == "rmsprop":
        return torch.optim.RMSprop(params, lr=o["lr"], alpha=o["gamma"],
                                   eps=o["eps"], momentum=o.get("momentum", 0.0),
                                   centered=o.get("centered", False),
                                   weight_decay=wd, foreach=False)
    if k == "nadam":
        return torch.optim.NAdam(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]),
                                 eps=o["eps"], momentum_decay=o["momentum_decay"],
                                 weight_decay=wd,
                                 decoupled_weight_decay=o.get("decoupled", False),
                                 foreach=False)
    if k == "adamax":
        return torch.optim.Adamax(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]),
                                  eps=o["eps"], weight_decay=wd, foreach=False)
    if k == "radam":
        return torch.optim.RAdam(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]),
                                 eps=o["eps"], weight_decay=wd,
                                 decoupled_weight_decay=o.get("decoupled", False),
                                 foreach=False)
    if k == "rprop":
        return torch.optim.Rprop(params, lr=o["lr"], etas=tuple(o["etas"]),
                                 step_sizes=tuple(o["step_sizes"]), foreach=False)
    if k == "lion":
        from lion_pytorch import Lion
        return Lion(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]),
                    weight_decay=wd)
    raise ValueError(k)


# Per-surface learning rates (quadratic, rosenbrock, himmelblau).
LR_KEYS = {
    "gd":       (0.4,  5e-4, 0.01),
    "momentum": (0.1,  2e-4, 0.005),
    "adagrad":  (1.5,  0.5,  0.8),
    "rmsprop":  (0.1,  0.02, 0.05),
    "rms_mom":  (0.02, 0.005, 0.01),
    "nadam":    (0.3,  0.1,  0.2),
    "adamax":   (0.3,  0.1,  0.2),
    "radam":    (0.3,  2e-3, 0.02),
    "rprop":    (0.1,  0.01, 0.05),
    "lion":     (0.1,  0.01, 0.05),
}


def optimizers_keys_for(si):
    lr = {k: v[si] for k, v in LR_KEYS.items()}
    adam_b = {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    return [
        ("gd+lambda", {"kind": "gd", "lr": lr["gd"], "lambda": 0.1}),
        ("momentum+dampening+lambda", {"kind": "momentum", "lr": lr["momentum"],
                                       "gamma": 0.9, "dampening": 0.3,
                                       "lambda": 0.05, "nesterov": False}),
        ("nesterov+lambda", {"kind": "momentum", "lr": lr["momentum"],
                             "gamma": 0.9, "lambda": 0.05, "nesterov": True}),
        ("adagrad+lr_decay+s0+lambda", {"kind": "adagrad", "lr": lr["adagrad"],
                                        "eps": 1e-8, "lr_decay": 0.05,
                                        "initial_accumulator_value": 0.5,
                                        "lambda": 0.05}),
        ("rmsprop+centered", {"kind": "rmsprop", "lr": lr["rmsprop"], "gamma": 0.9,
                              "eps": 1e-6, "centered": True}),
        ("rmsprop+momentum", {"kind": "rmsprop", "lr": lr["rms_mom"], "gamma": 0.9,
                              "eps": 1e-6, "momentum": 0.5}),
        ("rmsprop+centered+momentum+lambda", {"kind": "rmsprop", "lr": lr["rms_mom"],
                                              "gamma": 0.9, "eps": 1e-6,
                                              "momentum": 0.5, "centered": True,
                                              "lambda": 0.05}),
        ("nadam+lambda", dict(kind="nadam", lr=lr["nadam"], momentum_decay=0.004,
                              **adam_b, **{"lambda": 0.1})),
        ("nadam+decoupled", dict(kind="nadam", lr=lr["nadam"], momentum_decay=0.004,
                                 decoupled=True, **adam_b, **{"lambda": 0.1})),
        ("adamax", dict(kind="adamax", lr=lr["adamax"], **adam_b, **{"lambda": 0.0})),
        ("adamax+lambda", dict(kind="adamax", lr=lr["adamax"], beta1=0.8, beta2=0.99,
                               eps=1e-6, **{"lambda": 0.1})),
        ("radam", dict(kind="radam", lr=lr["radam"], decoupled=False, **adam_b,
                       **{"lambda": 0.0})),
        ("radam+lambda", dict(kind="radam", lr=lr["radam"], decoupled=False,
                              beta1=0.9, beta2=0.99, eps=1e-6, **{"lambda": 0.1})),
        ("radam+decoupled", dict(kind="radam", lr=lr["radam"], decoupled=True,
                                 **adam_b, **{"lambda": 0.1})),
        ("rprop", {"kind": "rprop", "lr": lr["rprop"], "etas": [0.5, 1.2],
                   "step_sizes": [1e-6, 50.0]}),
        ("rprop+etas+step_sizes", {"kind": "rprop", "lr": lr["rprop"],
                                   "etas": [0.3, 1.5], "step_sizes": [1e-4, 0.5]}),
        ("lion", {"kind": "lion", "lr": lr["lion"], "beta1": 0.9, "beta2": 0.99,
                  "lambda": 0.0}),
        ("lion+lambda", {"kind": "lion", "lr": lr["lion"], "beta1": 0.95,
                         "beta2": 0.98, "lambda": 0.5}),
    ]


def main_keys():
    import lion_pytorch  # noqa: F401  (fail early if it is missing)
    cases = surface_cases(optimizers_keys_for, make_optimizer_keys, 40)
    write_golden("torch_golden_keys.json", "tests/reference/gen_torch.py keys", cases,
                 extra={"lion_pytorch": "lion-pytorch (pip)"})



# ====================================================================
# Newton and L-BFGS (the "newton" part): tests/reference/torch_golden_newton.json
# ====================================================================
#
# Run alone with `python3 tests/reference/gen_torch.py newton`.
#
# L-BFGS: torch.optim.LBFGS(max_iter=1, max_eval=26, tolerance_grad=1e-7,
# tolerance_change=1e-9) with history_size 100 and 3, line_search_fn None and
# "strong_wolfe", lr 1 and 0.5: one opt.step(closure) per visible step. The
# closure records every point it is called at; the first call of a step is
# the current point, the others are the line search's trial points x + t·d,
# written per step as "trials", with torch's state "t" and "d" after the step.
#
# Newton: x <- x - lr * torch.linalg.solve(H, g), g by autograd and H by
# torch.autograd.functional.hessian, lr 1 and 0.5; a case stops (and says at
# which step, with "stop") where torch.linalg.solve refuses a singular H.
#
# Each case's "scene" is the scene JSON once the kinds are wired:
# {"kind": "lbfgs", "lr": 1, "history_size": 100, "line_search": "strong_wolfe"},
# {"kind": "newton", "lr": 1}.

NEWTON_STEPS = 40

NEWTON_SURFACES = [
    ("quadratic", {"kind": "quadratic", "a": 0.1, "b": 2.0}, [-5.0, -2.0]),
    ("rosenbrock", {"kind": "rosenbrock", "a": 1.0, "b": 100.0}, [-1.5, 2.0]),
    ("himmelblau", {"kind": "himmelblau"}, [0.5, -0.5]),
]


def newton_loss(land, p):
    if land["kind"] == "expr":
        x, y = p[0], p[1]
        # The only formula case: x^3/3 + x + y^2 (written out as the Rust
        # side parses it).
        assert land["expr"] == "x^3/3 + x + y^2", land
        return x**3 / 3 + x + y**2
    return loss_fn(land, p)


def run_lbfgs(land, start, o, steps):
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([p], lr=o["lr"], max_iter=1, max_eval=26,
                            tolerance_grad=1e-7, tolerance_change=1e-9,
                            history_size=o["history_size"],
                            line_search_fn=(None if o["line_search"] == "none"
                                            else o["line_search"]))
    calls = []

    def closure():
        opt.zero_grad()
        with torch.no_grad():
            calls.append([float(p[0]), float(p[1])])
        loss = newton_loss(land, p)
        loss.backward()
        return loss

    def record():
        with torch.no_grad():
            return [float(p[0]), float(p[1])], float(newton_loss(land, p))

    pt, l = record()
    points, losses, trials, ts, ds = [pt], [l], [], [], []
    for _ in range(steps):
        calls.clear()
        opt.step(closure)
        assert calls[0] == points[-1]
        trials.append(calls[1:])
        st = opt.state[p]
        ts.append(float(st["t"]))
        ds.append([float(v) for v in st["d"]])
        pt, l = record()
        points.append(pt)
        losses.append(l)
    return {"points": points, "loss": losses, "trials": trials, "t": ts, "d": ds}


def run_newton(land, start, lr, steps):
    p = torch.tensor(start, dtype=torch.float64)
    points, losses = [[float(p[0]), float(p[1])]], [float(newton_loss(land, p))]
    stop = {"reason": "completed"}
    for k in range(1, steps + 1):
        q = p.clone().requires_grad_(True)
        loss = newton_loss(land, q)
        (g,) = torch.autograd.grad(loss, q)
        H = torch.autograd.functional.hessian(lambda r: newton_loss(land, r), p)
        if not bool(torch.isfinite(H).all()):
            stop = {"reason": "nonfinite_hessian", "step": k}
            break
        try:
            s = torch.linalg.solve(H, g)
        except RuntimeError:  # torch.linalg.LinAlgError: singular
            stop = {"reason": "singular_hessian", "step": k}
            break
        p = p - lr * s
        points.append([float(p[0]), float(p[1])])
        losses.append(float(newton_loss(land, p)))
    return {"points": points, "loss": losses, "stop": stop}


def newton_scene(land, start, steps, o):
    return {"version": 1, "landscape": dict(land), "start": list(start),
            "steps": steps, "convention": "pytorch",
            "noise": {"sigma": 0.0, "seed": 0}, "optimizers": [o]}


def newton_main():
    cases = []
    for sname, land, start in NEWTON_SURFACES:
        for hs in (100, 3):
            for ls in ("none", "strong_wolfe"):
                for lr in (1.0, 0.5):
                    o = {"kind": "lbfgs", "lr": lr, "history_size": hs,
                         "line_search": ls}
                    r = run_lbfgs(land, start, o, NEWTON_STEPS)
                    name = f"lbfgs-{hs}-{ls}-lr{lr}/{sname}"
                    for xy in r["points"]:
                        assert all(math.isfinite(c) for c in xy), (name, xy)
                    cases.append({"name": name,
                                  "scene": newton_scene(land, start, NEWTON_STEPS, o),
                                  **r})
                    print(f"{name:40s} end=({r['points'][-1][0]: .6g}, "
                          f"{r['points'][-1][1]: .6g}) loss {r['loss'][-1]:.3g} "
                          f"trials {sum(len(t) for t in r['trials'])}")
        for lr in (1.0, 0.5):
            o = {"kind": "newton", "lr": lr}
            r = run_newton(land, start, lr, NEWTON_STEPS)
            name = f"newton-lr{lr}/{sname}"
            cases.append({"name": name,
                          "scene": newton_scene(land, start, NEWTON_STEPS, o), **r})
            print(f"{name:40s} end={r['points'][-1]} {r['stop']}")
    # Newton on Himmelblau from (0, 0) climbs to the local maximum.
    land = {"kind": "himmelblau"}
    o = {"kind": "newton", "lr": 1.0}
    r = run_newton(land, [0.0, 0.0], 1.0, 20)
    end = r["points"][-1]
    assert abs(end[0] + 0.2708) < 1e-4 and abs(end[1] + 0.9230) < 1e-4, end
    cases.append({"name": "newton-maximum/himmelblau",
                  "scene": newton_scene(land, [0.0, 0.0], 20, o), **r})
    print(f"newton-maximum/himmelblau end={end} {r['stop']}")
    # A formula whose Newton step lands where H is singular: on
    # x^3/3 + x + y^2 from (1, 1) step 1 goes to (0, 0), where
    # H = [[2x, 0], [0, 2]] = [[0, 0], [0, 2]].
    land = {"kind": "expr", "expr": "x^3/3 + x + y^2"}
    r = run_newton(land, [1.0, 1.0], 1.0, 10)
    assert r["stop"] == {"reason": "singular_hessian", "step": 2}, r["stop"]
    cases.append({"name": "newton-singular/expr",
                  "scene": newton_scene(land, [1.0, 1.0], 10, o), **r})
    print(f"newton-singular/expr {r['points']} {r['stop']}")

    write_golden("torch_golden_newton.json", "tests/reference/gen_torch.py newton", cases)


# ------------------------------------------------------------------ schedules
#
# torch.optim.lr_scheduler on real optimizers: every schedule kind (defaults
# and non-default arguments) on SGD, SGD with momentum and Adam, on the three
# surfaces, stepped the way torch's documentation says: optimizer.step(),
# then scheduler.step() (ReduceLROnPlateau: scheduler.step(loss at the new
# point)).  Each case records the points, the loss, and the lr (and, when a
# schedule cycles it, the momentum γ / β1) that each step used, read from the
# param group just before optimizer.step().  Run alone with
#     python3 tests/reference/gen_torch.py schedules
# which writes tests/reference/torch_golden_schedules.json.  Where torch
# requires an argument that the scene may leave out, the scene's rule is
# applied here too: T_max and total_steps = the scene's steps (a sequential's
# cosine: the steps after its milestone), cyclic base_lr and one_cycle max_lr
# = the optimizer's lr.

SCHED_STEPS = 30

SCHED_OPTS = [
    # (name, surface index → optimizer object)
    ("gd", lambda si: {"kind": "gd", "lr": [0.4, 5e-4, 0.01][si]}),
    ("momentum", lambda si: {"kind": "momentum", "lr": [0.1, 5e-4, 0.005][si],
                             "gamma": 0.9, "nesterov": False}),
    ("adam", lambda si: {"kind": "adam", "lr": 0.1, "beta1": 0.9, "beta2": 0.999,
                         "eps": 1e-8, "amsgrad": False, "bias_correction": True}),
]


def sched_cases(lr):
    return [
        ("step", {"kind": "step", "step_size": 10, "gamma": 0.5}),
        ("multi_step", {"kind": "multi_step", "milestones": [5, 15, 22], "gamma": 0.3}),
        ("constant", {"kind": "constant"}),
        ("constant_half", {"kind": "constant", "factor": 0.5, "total_iters": 8}),
        ("linear", {"kind": "linear"}),
        ("linear_ramp", {"kind": "linear", "start_factor": 0.1, "end_factor": 0.9,
                         "total_iters": 12}),
        ("exponential", {"kind": "exponential", "gamma": 0.93}),
        ("polynomial", {"kind": "polynomial", "total_iters": 20, "power": 2.0}),
        ("cosine", {"kind": "cosine"}),
        ("cosine_past_tmax", {"kind": "cosine", "T_max": 8, "eta_min": lr / 100}),
        ("warm_restarts", {"kind": "cosine_warm_restarts", "T_0": 10}),
        ("warm_restarts_mult", {"kind": "cosine_warm_restarts", "T_0": 4, "T_mult": 2,
                                "eta_min": lr / 50}),
        ("cyclic", {"kind": "cyclic", "max_lr": 3 * lr, "step_size_up": 4,
                    "step_size_down": 6, "mode": "triangular2"}),
        ("cyclic_exp_range", {"kind": "cyclic", "base_lr": lr / 4, "max_lr": 2 * lr,
                              "step_size_up": 5, "mode": "exp_range", "gamma": 0.97,
                              "base_momentum": 0.7, "max_momentum": 0.95}),
        ("cyclic_no_momentum", {"kind": "cyclic", "max_lr": 2 * lr, "step_size_up": 3,
                                "cycle_momentum": False}),
        ("one_cycle", {"kind": "one_cycle"}),
        ("one_cycle_three_phase", {"kind": "one_cycle", "max_lr": 2 * lr,
                                   "total_steps": 40, "pct_start": 0.25,
                                   "anneal_strategy": "linear", "three_phase": True,
                                   "div_factor": 10.0, "final_div_factor": 100.0}),
        ("plateau", {"kind": "plateau", "factor": 0.5, "patience": 2,
                     "threshold": 0.3}),
        ("plateau_abs_cooldown", {"kind": "plateau", "factor": 0.3, "patience": 1,
                                  "threshold": 0.05, "threshold_mode": "abs",
                                  "cooldown": 3, "min_lr": lr / 20}),
        ("warmup_cosine", {"kind": "sequential",
                           "schedulers": [{"kind": "linear", "start_factor": 0.1,
                                           "total_iters": 5},
                                          {"kind": "cosine"}],
                           "milestones": [5]}),
        ("sequential_three", {"kind": "sequential",
                              "schedulers": [{"kind": "constant", "factor": 0.25,
                                              "total_iters": 3},
                                             {"kind": "exponential", "gamma": 0.9},
                                             {"kind": "cosine_warm_restarts", "T_0": 5,
                                              "eta_min": lr / 10}],
                              "milestones": [4, 12]}),
    ]


def make_scheduler(s, opt, lr, steps, start=0):
    k = s["kind"]
    L = torch.optim.lr_scheduler
    if k == "step":
        return L.StepLR(opt, s["step_size"], gamma=s.get("gamma", 0.1))
    if k == "multi_step":
        return L.MultiStepLR(opt, s["milestones"], gamma=s.get("gamma", 0.1))
    if k == "constant":
        return L.ConstantLR(opt, factor=s.get("factor", 1.0 / 3),
                            total_iters=s.get("total_iters", 5))
    if k == "linear":
        return L.LinearLR(opt, start_factor=s.get("start_factor", 1.0 / 3),
                          end_factor=s.get("end_factor", 1.0),
                          total_iters=s.get("total_iters", 5))
    if k == "exponential":
        return L.ExponentialLR(opt, s["gamma"])
    if k == "polynomial":
        return L.PolynomialLR(opt, total_iters=s.get("total_iters", 5),
                              power=s.get("power", 1.0))
    if k == "cosine":
        return L.CosineAnnealingLR(opt, s.get("T_max", max(steps - start, 1)),
                                   eta_min=s.get("eta_min", 0.0))
    if k == "cosine_warm_restarts":
        return L.CosineAnnealingWarmRestarts(opt, s["T_0"], T_mult=s.get("T_mult", 1),
                                             eta_min=s.get("eta_min", 0.0))
    if k == "cyclic":
        return L.CyclicLR(opt, s.get("base_lr", lr), s["max_lr"],
                          step_size_up=s.get("step_size_up", 2000),
                          step_size_down=s.get("step_size_down"),
                          mode=s.get("mode", "triangular"), gamma=s.get("gamma", 1.0),
                          cycle_momentum=s.get("cycle_momentum", True),
                          base_momentum=s.get("base_momentum", 0.8),
                          max_momentum=s.get("max_momentum", 0.9))
    if k == "one_cycle":
        return L.OneCycleLR(opt, s.get("max_lr", lr), total_steps=s.get("total_steps", steps),
                            pct_start=s.get("pct_start", 0.3),
                            anneal_strategy=s.get("anneal_strategy", "cos"),
                            cycle_momentum=s.get("cycle_momentum", True),
                            base_momentum=s.get("base_momentum", 0.85),
                            max_momentum=s.get("max_momentum", 0.95),
                            div_factor=s.get("div_factor", 25.0),
                            final_div_factor=s.get("final_div_factor", 1e4),
                            three_phase=s.get("three_phase", False))
    if k == "plateau":
        return L.ReduceLROnPlateau(opt, mode=s.get("mode", "min"), factor=s.get("factor", 0.1),
                                   patience=s.get("patience", 10),
                                   threshold=s.get("threshold", 1e-4),
                                   threshold_mode=s.get("threshold_mode", "rel"),
                                   cooldown=s.get("cooldown", 0), min_lr=s.get("min_lr", 0.0),
                                   eps=s.get("eps", 1e-8))
    if k == "sequential":
        ms = s["milestones"]
        children = [make_scheduler(c, opt, lr, steps, 0 if i == 0 else ms[i - 1])
                    for i, c in enumerate(s["schedulers"])]
        return L.SequentialLR(opt, children, ms)
    raise ValueError(k)


def run_sched_case(land, start, o, s, steps, make=make_optimizer):
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = make(o, [p])
    sched = make_scheduler(s, opt, o["lr"], steps)
    cycles = s["kind"] in ("cyclic", "one_cycle") and s.get("cycle_momentum", True)
    with torch.no_grad():
        points, losses = [[float(p[0]), float(p[1])]], [float(loss_fn(land, p))]
    lrs, moms = [], []
    for _ in range(steps):
        g = opt.param_groups[0]
        lrs.append(float(g["lr"]))
        if cycles:
            moms.append(float(g["betas"][0] if "betas" in g else g["momentum"]))
        opt.zero_grad()
        loss = loss_fn(land, p)
        loss.backward()
        opt.step()
        with torch.no_grad():
            points.append([float(p[0]), float(p[1])])
            losses.append(float(loss_fn(land, p)))
        if s["kind"] == "plateau":
            sched.step(losses[-1])
        else:
            sched.step()
    return points, losses, lrs, moms


def main_schedules():
    cases = []
    for si, (sname, land, start) in enumerate(SURFACES):
        for oname, make in SCHED_OPTS:
            o = make(si)
            for cname, s in sched_cases(o["lr"]):
                obj = dict(o)
                obj["schedule"] = s
                scene = {"version": 1, "landscape": dict(land), "start": list(start),
                         "steps": SCHED_STEPS, "convention": "pytorch",
                         "noise": {"sigma": 0.0, "seed": 0}, "optimizers": [obj]}
                points, losses, lrs, moms = run_sched_case(land, start, o, s, SCHED_STEPS)
                name = f"{cname}/{oname}/{sname}"
                for xy in points:
                    assert all(math.isfinite(c) and abs(c) < 1e6 for c in xy), name
                case = {"name": name, "scene": scene, "points": points, "loss": losses,
                        "lr": lrs}
                if moms:
                    case["momentum"] = moms
                cases.append(case)
                print(f"{name:40s} lr {lrs[0]:.4g} .. {lrs[-1]:.4g} loss {losses[-1]:.4g}")
    write_golden("torch_golden_schedules.json", "tests/reference/gen_torch.py schedules", cases,
                 compact=True)


# ------------------------------------------- schedules: RMSprop's momentum
#
# CyclicLR and OneCycleLR with cycle_momentum on RMSprop: torch accepts it
# (RMSprop has "momentum" in its defaults) and cycles group["momentum"], the
# μ of RMSprop's momentum buffer (not α, which the scene calls gamma).  With
# momentum = 0 in the constructor the cycled μ > 0 switches the buffer on from
# step 1.  Written to tests/reference/torch_golden_schedules_rms.json, checked
# by tests/schedules_torch.rs; run alone with
#     python3 tests/reference/gen_torch.py schedules_rms

RMS_SCHED_LR = [0.1, 0.02, 0.05]


def rms_sched_opts(si):
    lr = RMS_SCHED_LR[si]
    base = {"kind": "rmsprop", "lr": lr, "gamma": 0.9, "eps": 1e-8}
    return [
        ("rmsprop", dict(base)),
        ("rmsprop+momentum", dict(base, momentum=0.5)),
        ("rmsprop+centered+momentum", dict(base, momentum=0.3, centered=True)),
    ]


def rms_sched_cases(lr):
    return [
        ("cyclic", {"kind": "cyclic", "max_lr": 3 * lr, "step_size_up": 4,
                    "step_size_down": 6, "mode": "triangular2"}),
        ("cyclic_exp_range", {"kind": "cyclic", "base_lr": lr / 4, "max_lr": 2 * lr,
                              "step_size_up": 5, "mode": "exp_range", "gamma": 0.97,
                              "base_momentum": 0.7, "max_momentum": 0.95}),
        ("cyclic_no_momentum", {"kind": "cyclic", "max_lr": 2 * lr, "step_size_up": 3,
                                "cycle_momentum": False}),
        ("one_cycle", {"kind": "one_cycle"}),
        ("one_cycle_three_phase", {"kind": "one_cycle", "max_lr": 2 * lr,
                                   "total_steps": 40, "pct_start": 0.25,
                                   "anneal_strategy": "linear", "three_phase": True,
                                   "base_momentum": 0.6, "max_momentum": 0.9}),
    ]


def main_rms_schedules():
    cases = []
    for si, (sname, land, start) in enumerate(SURFACES):
        for oname, o in rms_sched_opts(si):
            for cname, s in rms_sched_cases(o["lr"]):
                obj = dict(o)
                obj["schedule"] = s
                scene = {"version": 1, "landscape": dict(land), "start": list(start),
                         "steps": SCHED_STEPS, "convention": "pytorch",
                         "noise": {"sigma": 0.0, "seed": 0}, "optimizers": [obj]}
                points, losses, lrs, moms = run_sched_case(land, start, o, s, SCHED_STEPS,
                                                           make=make_optimizer_keys)
                name = f"{cname}/{oname}/{sname}"
                for xy in points:
                    assert all(math.isfinite(c) and abs(c) < 1e6 for c in xy), name
                case = {"name": name, "scene": scene, "points": points, "loss": losses,
                        "lr": lrs}
                if moms:
                    case["momentum"] = moms
                cases.append(case)
                print(f"{name:48s} lr {lrs[0]:.4g} .. {lrs[-1]:.4g} loss {losses[-1]:.4g}")
    write_golden("torch_golden_schedules_rms.json", "tests/reference/gen_torch.py schedules_rms",
                 cases, compact=True)


# ====================================================================
# Fused roundings (the "fused" part): tests/reference/torch_golden_fused.json
# ====================================================================
# torch's CPU kernels for AVX2/AVX-512 compute addcmul_ (RMSprop's, AdaGrad's,
# Adam's second moment) with one rounding, fma(v*b, c, a). Over 150 steps on
# a rotated bowl, where both coordinates' gradients mix, an unfused s*a +
# (1-a)*g*g drifted from torch by a rounding at step 3 and by 0.4 at step
# 150 (RMSprop, eps=1e-6: almost sign descent near the minimum, which
# amplifies every rounding). The rotated bowl's autograd gradient is the
# same bits as gradscape's own.
FUSED_STEPS = 150
FUSED_LAND = {"kind": "quadratic", "a": 0.5, "b": 3.0, "rotation": 30.0}
FUSED_START = [-4.0, 2.0]


def fused_loss(p):
    th = math.radians(FUSED_LAND["rotation"])
    c, s = math.cos(th), math.sin(th)
    u = c * p[0] + s * p[1]
    w = -s * p[0] + c * p[1]
    return FUSED_LAND["a"] * u ** 2 + FUSED_LAND["b"] * w ** 2


def main_fused():
    opts = [
        ("rmsprop", {"kind": "rmsprop", "lr": 0.1, "gamma": 0.9, "eps": 1e-6}),
        ("rmsprop_centered", {"kind": "rmsprop", "lr": 0.05, "gamma": 0.95, "eps": 1e-6,
                              "centered": True, "momentum": 0.5}),
        ("adagrad", {"kind": "adagrad", "lr": 0.5, "eps": 1e-10}),
        ("adam", {"kind": "adam", "lr": 0.1, "beta1": 0.9, "beta2": 0.99, "eps": 1e-6}),
        ("nadam", {"kind": "nadam", "lr": 0.1, "beta1": 0.9, "beta2": 0.99, "eps": 1e-6,
                   "momentum_decay": 0.004}),
        ("radam", {"kind": "radam", "lr": 0.1, "beta1": 0.9, "beta2": 0.99, "eps": 1e-6}),
        ("adadelta", {"kind": "adadelta", "lr": 1.0, "gamma": 0.9, "eps": 1e-6}),
    ]
    cases = []
    for name, o in opts:
        p = torch.tensor(FUSED_START, dtype=torch.float64, requires_grad=True)
        if o["kind"] == "adam":
            opt = torch.optim.Adam([p], lr=o["lr"], betas=(o["beta1"], o["beta2"]),
                                   eps=o["eps"], foreach=False)
        elif o["kind"] == "adadelta":
            opt = torch.optim.Adadelta([p], lr=o["lr"], rho=o["gamma"], eps=o["eps"],
                                       foreach=False)
        else:
            opt = make_optimizer_keys(o, [p])
        points, losses = [], []
        for t in range(FUSED_STEPS + 1):
            with torch.no_grad():
                points.append([float(p[0]), float(p[1])])
                losses.append(float(fused_loss(p)))
            if t == FUSED_STEPS:
                break
            opt.zero_grad()
            fused_loss(p).backward()
            opt.step()
        for xy in points:
            assert all(math.isfinite(c) for c in xy), (name, xy)
        scene = {"version": 1, "landscape": dict(FUSED_LAND), "start": list(FUSED_START),
                 "steps": FUSED_STEPS, "convention": "pytorch",
                 "noise": {"sigma": 0.0, "seed": 0}, "optimizers": [o]}
        cases.append({"name": f"{name}/rotated-bowl", "scene": scene,
                      "points": points, "loss": losses})
        print(f"{name:20s} end {points[-1]}")
    write_golden("torch_golden_fused.json", "tests/reference/gen_torch.py fused", cases,
                 extra={"cpu_capability": torch.backends.cpu.get_cpu_capability()})


if __name__ == "__main__":
    import sys
    parts = {"keys": main_keys, "newton": newton_main, "schedules": main_schedules,
             "schedules_rms": main_rms_schedules, "fused": main_fused}
    if sys.argv[1:2] and sys.argv[1] in parts:
        parts[sys.argv[1]]()
    else:
        main()
        main_keys()
        newton_main()
        main_schedules()
        main_rms_schedules()
        main_fused()
