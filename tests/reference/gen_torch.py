#!/usr/bin/env python3
"""PyTorch golden trajectories for gradscape's "pytorch" optimizer convention.

How to run (from the repository root):

    pip install torch && python3 tests/reference/gen_torch.py

This writes tests/reference/torch_golden.json (next to this script);
`python3 tests/reference/gen_torch.py keys` writes torch_golden_keys.json,
the extra keys and the kinds Adamax, RAdam, Rprop and Lion (see the "keys"
section at the end).

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


def run_case(land, start, opt_obj, steps):
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = make_optimizer(opt_obj, [p])

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


def main():
    cases = []
    for si, (sname, land, start) in enumerate(SURFACES):
        for oname, o in optimizers_for(si):
            scene = {
                "version": 1,
                "landscape": dict(land),
                "start": list(start),
                "steps": STEPS,
                "convention": "pytorch",
                "noise": {"sigma": 0.0, "seed": 0},
                "optimizers": [o],
            }
            points, losses = run_case(land, start, o, STEPS)
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
            print(f"{name:22s} end=({points[-1][0]: .6f}, {points[-1][1]: .6f}) "
                  f"loss {losses[0]:.4g} -> {losses[-1]:.4g}")

    out = {
        "generator": "tests/reference/gen_torch.py",
        "torch_version": torch.__version__,
        "python": platform.python_version(),
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "torch_golden.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


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


def run_case_keys(land, start, opt_obj, steps):
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = make_optimizer_keys(opt_obj, [p])
    points, losses = [], []
    with torch.no_grad():
        points.append([float(p[0]), float(p[1])])
        losses.append(float(loss_fn(land, p)))
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(land, p)
        loss.backward()
        opt.step()
        with torch.no_grad():
            points.append([float(p[0]), float(p[1])])
            losses.append(float(loss_fn(land, p)))
    return points, losses


def main_keys():
    import lion_pytorch  # noqa: F401  (fail early if it is missing)
    cases = []
    for si, (sname, land, start) in enumerate(SURFACES):
        for oname, o in optimizers_keys_for(si):
            scene = {
                "version": 1,
                "landscape": dict(land),
                "start": list(start),
                "steps": STEPS,
                "convention": "pytorch",
                "noise": {"sigma": 0.0, "seed": 0},
                "optimizers": [o],
            }
            points, losses = run_case_keys(land, start, o, STEPS)
            name = f"{oname}/{sname}"
            for t, (xy, l) in enumerate(zip(points, losses)):
                for c in xy:
                    assert math.isfinite(c) and abs(c) < 1e6, (name, t, xy)
                assert math.isfinite(l), (name, t, l)
            moved = math.hypot(points[-1][0] - start[0], points[-1][1] - start[1])
            assert moved > 0.05, (name, "barely moved", moved)
            cases.append({"name": name, "scene": scene, "points": points,
                          "loss": losses})
            print(f"{name:40s} end=({points[-1][0]: .6f}, {points[-1][1]: .6f}) "
                  f"loss {losses[0]:.4g} -> {losses[-1]:.4g}")
    out = {
        "generator": "tests/reference/gen_torch.py keys",
        "torch_version": torch.__version__,
        "lion_pytorch": "lion-pytorch (pip)",
        "python": platform.python_version(),
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "torch_golden_keys.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    import sys


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

    out = {
        "generator": "tests/reference/gen_torch.py newton",
        "torch_version": torch.__version__,
        "python": platform.python_version(),
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "torch_golden_newton.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["keys"]:
        main_keys()
    elif sys.argv[1:] == ["newton"]:
        newton_main()
    else:
        main()
        main_keys()
        newton_main()
