#!/usr/bin/env python3
"""Run every "Copy as PyTorch" script with real torch and record what it computes.

How to run (from the repository root; torch and lion-pytorch installed):

    pip install torch lion-pytorch && python3 tests/reference/gen_code.py

For every scene of examples/scenes/ and for the scenes listed below (every
optimizer kind and torch argument, every schedule kind, every built-in
surface, every formula of gen_expr.py, gradient noise, both conventions, a
diverging run and
Newton's singular Hessian), this asks the CLI for the scene's script
(`gradscape code`, English comments), runs the script in this Python with
torch, and writes tests/reference/code_golden.json: per scene the scene, the
SHA-256 of the exact script text and every run's points and stop message.

tests/code_torch.rs then (a) regenerates each script and fails when its
SHA-256 differs (the recorded torch run belongs to that very text: change the
generator, run this again) and (b) compares the recorded trajectories with
the core's at 1e-12. The CLI is `target/release/gradscape` (under
$CARGO_TARGET_DIR when set) when it exists
(build it with `cargo build --release --features cli`), else `cargo run`.
"""

import contextlib
import glob
import hashlib
import io
import json
import os
import platform
import subprocess
import sys
import warnings

warnings.filterwarnings("ignore")

import torch  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

BOWL = {"kind": "quadratic", "a": 0.1, "b": 2.0}
ROSEN = {"kind": "rosenbrock", "a": 1.0, "b": 100.0}
HIMMEL = {"kind": "himmelblau"}


def scene(opts, conv="pytorch", land=BOWL, start=(-5.0, -2.0), steps=30, noise=None):
    s = {"version": 1, "landscape": land, "start": list(start), "steps": steps,
         "convention": conv, "optimizers": opts}
    if noise:
        s["noise"] = {"sigma": noise[0], "seed": noise[1]}
    return s


def generated():
    """The scenes beyond examples/scenes, by name."""
    out = {}
    # Every kind with torch's arguments on, pytorch convention, on the bowl.
    out["kinds/pytorch"] = scene([
        {"kind": "gd", "lr": 0.4},
        {"kind": "gd", "lr": 0.3, "lambda": 0.1},
        {"kind": "momentum", "lr": 0.1, "gamma": 0.9},
        {"kind": "momentum", "lr": 0.1, "gamma": 0.9, "dampening": 0.3, "lambda": 0.05},
        {"kind": "momentum", "lr": 0.1, "gamma": 0.9, "nesterov": True, "lambda": 0.05},
        {"kind": "adagrad", "lr": 1.5, "eps": 1e-8},
        {"kind": "adagrad", "lr": 1.5, "eps": 1e-8, "lr_decay": 0.05,
         "initial_accumulator_value": 0.5, "lambda": 0.05},
        {"kind": "rmsprop", "lr": 0.1, "gamma": 0.9, "eps": 1e-6},
        {"kind": "rmsprop", "lr": 0.02, "gamma": 0.9, "eps": 1e-6, "momentum": 0.5,
         "centered": True, "lambda": 0.05},
        {"kind": "adam", "lr": 0.3},
        {"kind": "adam", "lr": 0.3, "beta2": 0.99, "amsgrad": True},
        {"kind": "adam_l2", "lr": 0.3, "lambda": 0.1, "eps": 1e-3},
        {"kind": "adamw", "lr": 0.3, "lambda": 0.1, "eps": 1e-6},
    ], steps=40)
    out["kinds/pytorch-more"] = scene([
        {"kind": "nadam", "lr": 0.3, "momentum_decay": 0.008},
        {"kind": "nadam", "lr": 0.3, "lambda": 0.1, "decoupled": True},
        {"kind": "adadelta", "lr": 2.0, "gamma": 0.9, "eps": 1e-4},
        {"kind": "adamax", "lr": 0.3, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "lambda": 0.1},
        {"kind": "radam", "lr": 0.3},
        {"kind": "radam", "lr": 2e-3, "lambda": 0.1, "decoupled": True},
        {"kind": "rprop", "lr": 0.1, "etas": [0.3, 1.5], "step_sizes": [1e-4, 0.5]},
        {"kind": "lion", "lr": 0.1, "beta1": 0.95, "beta2": 0.98, "lambda": 0.5},
        {"kind": "lbfgs", "lr": 1.0, "history_size": 3, "line_search": "strong_wolfe"},
        {"kind": "lbfgs", "lr": 0.5, "history_size": 100, "line_search": "none"},
        {"kind": "newton", "lr": 0.5},
    ], land=ROSEN, start=(-1.5, 2.0), steps=40)
    # torch's Adam without bias correction: written out.
    out["adam-no-bias/pytorch"] = scene([
        {"kind": "adam", "lr": 0.2, "bias_correction": False},
        {"kind": "adam_l2", "lr": 0.2, "lambda": 0.1, "bias_correction": False, "amsgrad": True},
        {"kind": "adamw", "lr": 0.2, "lambda": 0.1, "bias_correction": False},
    ])
    # The d2l convention: every kind, its book arithmetic or torch's.
    out["kinds/d2l"] = scene([
        {"kind": "gd", "lr": 0.4, "lambda": 0.1},
        {"kind": "momentum", "lr": 0.4, "gamma": 0.5, "dampening": 0.2},
        {"kind": "momentum", "lr": 0.3, "gamma": 0.5, "nesterov": True, "lambda": 0.05},
        {"kind": "adagrad", "lr": 0.4, "lr_decay": 0.05, "initial_accumulator_value": 0.5},
        {"kind": "rmsprop", "lr": 0.4, "gamma": 0.9},
        {"kind": "rmsprop", "lr": 0.1, "gamma": 0.9, "momentum": 0.5, "centered": True,
         "lambda": 0.05},
        {"kind": "adam", "lr": 0.2},
        {"kind": "adam", "lr": 0.2, "amsgrad": True, "bias_correction": False},
        {"kind": "adam_l2", "lr": 0.2, "lambda": 0.5},
        {"kind": "adamw", "lr": 0.2, "lambda": 0.5},
        {"kind": "adadelta", "lr": 1.0},
        {"kind": "nadam", "lr": 0.2},
        {"kind": "adamax", "lr": 0.2},
        {"kind": "radam", "lr": 0.2},
        {"kind": "rprop", "lr": 0.1},
        {"kind": "lion", "lr": 0.1},
    ], conv="d2l")
    out["second-order/d2l"] = scene([
        {"kind": "lbfgs", "line_search": "strong_wolfe"},
        {"kind": "newton", "lr": 0.5},
    ], conv="d2l", land=HIMMEL, start=(0.5, -0.5), steps=20)
    # Every schedule kind.
    sched = [
        {"kind": "step", "step_size": 5, "gamma": 0.5},
        {"kind": "multi_step", "milestones": [5, 15, 22], "gamma": 0.3},
        {"kind": "constant", "factor": 0.5, "total_iters": 8},
        {"kind": "linear", "start_factor": 0.1, "end_factor": 0.9, "total_iters": 12},
        {"kind": "exponential", "gamma": 0.93},
        {"kind": "polynomial", "total_iters": 20, "power": 2.0},
        {"kind": "cosine"},
        {"kind": "cosine_warm_restarts", "T_0": 4, "T_mult": 2, "eta_min": 0.01},
        {"kind": "cyclic", "max_lr": 0.6, "step_size_up": 4, "step_size_down": 6,
         "mode": "triangular2"},
        {"kind": "one_cycle"},
        {"kind": "plateau", "factor": 0.5, "patience": 2, "threshold": 0.3},
        {"kind": "sequential",
         "schedulers": [{"kind": "linear", "start_factor": 0.1, "total_iters": 5},
                        {"kind": "cosine"}], "milestones": [5]},
    ]
    out["schedules/pytorch"] = scene([{"kind": "gd", "lr": 0.4, "schedule": s} for s in sched])
    out["schedules/pytorch-more"] = scene(
        [{"kind": "momentum", "lr": 0.1, "gamma": 0.9,
            "schedule": {"kind": "cyclic", "base_lr": 0.05, "max_lr": 0.2, "step_size_up": 5,
                         "mode": "exp_range", "gamma": 0.97, "base_momentum": 0.7,
                         "max_momentum": 0.95}},
           {"kind": "adam", "lr": 0.1, "schedule": {"kind": "one_cycle", "three_phase": True,
                                                    "anneal_strategy": "linear"}},
           {"kind": "rmsprop", "lr": 0.05, "gamma": 0.9, "momentum": 0.3,
            "schedule": {"kind": "cyclic", "max_lr": 0.15, "step_size_up": 3}},
           {"kind": "newton", "lr": 1.0, "schedule": {"kind": "exponential", "gamma": 0.9}},
           {"kind": "lbfgs", "lr": 1.0, "schedule": {"kind": "step", "step_size": 3}}])
    out["schedules/d2l"] = scene(
        [{"kind": "gd", "lr": 0.6, "schedule": s} for s in sched]
        + [{"kind": "momentum", "lr": 0.2, "gamma": 0.5,
            "schedule": {"kind": "one_cycle", "max_lr": 0.3}},
           {"kind": "adam", "lr": 0.2, "schedule": {"kind": "cyclic", "max_lr": 0.4,
                                                    "step_size_up": 5}},
           {"kind": "rmsprop", "lr": 0.2, "gamma": 0.9,
            "schedule": {"kind": "plateau", "factor": 0.5, "patience": 1}}],
        conv="d2l")
    # Found by a randomized check against torch (2026-12-08): the d2l
    # RMSProp under a cycled μ (its function lacked `mu`), a cycled μ at
    # exactly 0 (torch leaves the buffer alone), centered RMSprop at α = 0
    # (s − ḡ² rounds below 0: NaN, the run stops).
    out["schedules/cycled-momentum-edges"] = scene(
        [{"kind": "momentum", "lr": 0.1,
          "schedule": {"kind": "cyclic", "max_lr": 0.2, "step_size_up": 1, "base_momentum": 0.0}},
         {"kind": "gd", "lr": 0.1,
          "schedule": {"kind": "cyclic", "max_lr": 0.2, "step_size_up": 2, "base_momentum": 0.0}},
         {"kind": "rmsprop", "lr": 0.01, "momentum": 0.5,
          "schedule": {"kind": "cyclic", "max_lr": 0.05, "step_size_up": 1, "base_momentum": 0.0}}],
        steps=12)
    out["schedules/d2l-rmsprop-cycled"] = scene(
        [{"kind": "rmsprop", "schedule": {"kind": "cyclic", "max_lr": 0.5}},
         {"kind": "rmsprop", "lr": 0.2, "schedule": {"kind": "one_cycle"}}],
        conv="d2l", steps=10)
    # L-BFGS's line search along a concave ray: torch divides a float by
    # a tensor step length as the reciprocal times it, which picks the
    # bound here (the saddle, one step).
    out["second-order/lbfgs-concave-ray"] = scene(
        [{"kind": "lbfgs", "lr": 0.00373, "line_search": "strong_wolfe"}],
        land={"kind": "saddle"}, start=(0.324, 1.312), steps=1)
    # A formula's max/min at a tie: gradscape's gradient goes to the first
    # argument (torch.maximum splits it; the script defines its own).
    out["formula/max-min-tie"] = scene(
        [{"kind": "gd", "lr": 1.0}],
        land={"kind": "expr", "expr": "max(x, y) + 0.1*min(x, 2)"}, start=(1.0, 1.0), steps=3)
    out["stops/rmsprop-centered-alpha-0"] = scene(
        [{"kind": "rmsprop", "lr": 0.00619, "gamma": 0.0, "centered": True}],
        land=HIMMEL, start=(1.654, -1.022), steps=3)
    # Every built-in surface (and a rotated bowl, and formulas).
    surfaces = {
        "bowl-rotated": ({"kind": "quadratic", "a": 0.1, "b": 2.0, "rotation": 30}, (-4.0, -2.0)),
        "rosenbrock": (ROSEN, (-1.5, 2.0)),
        "himmelblau": (HIMMEL, (0.5, -0.5)),
        "beale": ({"kind": "beale"}, (1.0, 1.5)),
        "saddle": ({"kind": "saddle"}, (-1.5, 0.01)),
        "rastrigin": ({"kind": "rastrigin", "a": 10.0}, (2.2, -1.3)),
        "formula": ({"kind": "expr",
                     "expr": "sin(x)*cos(y) + 0.05*(x^2+y^2) + max(x, -y)/4 - 2^-1*abs(x - y)"},
                    (1.3, -0.4)),
    }
    for name, (land, start) in surfaces.items():
        small = name in ("rosenbrock", "beale", "rastrigin")
        out[f"surface/{name}/pytorch"] = scene([
            {"kind": "gd", "lr": 1e-3 if small else 0.05},
            {"kind": "adam", "lr": 0.05},
            {"kind": "lbfgs", "line_search": "strong_wolfe"},
        ], land=land, start=start, steps=25)
        out[f"surface/{name}/d2l"] = scene([
            {"kind": "momentum", "lr": 1e-3 if small else 0.05, "gamma": 0.5},
            {"kind": "rmsprop", "lr": 0.05},
            {"kind": "newton", "lr": 0.5},
        ], conv="d2l", land=land, start=start, steps=25)
    # Every formula of gen_expr.py (every operator and function of the
    # language), translated to torch operations: a few GD and Adam steps.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from gen_expr import CASES  # noqa: E402
    for k, (src, _) in enumerate(CASES):
        out[f"formula/{k + 1:02d}"] = scene([{"kind": "gd", "lr": 1e-3}, {"kind": "adam", "lr": 0.01}],
                                            land={"kind": "expr", "expr": src},
                                            start=(0.3, -0.7), steps=8)
    # Gradient noise.
    out["noise/pytorch"] = scene([
        {"kind": "gd", "lr": 0.3}, {"kind": "adam", "lr": 0.2},
        {"kind": "lbfgs", "line_search": "strong_wolfe"}, {"kind": "newton", "lr": 0.5},
    ], noise=(0.5, 7))
    out["noise/d2l"] = scene([
        {"kind": "gd", "lr": 0.4}, {"kind": "adamw", "lr": 0.2},
        {"kind": "nadam", "lr": 0.2},
    ], conv="d2l", noise=(1.0, 12345), land=HIMMEL, start=(0.5, -0.5))
    # Where runs stop early.
    out["stops/diverge"] = scene([{"kind": "gd", "lr": 0.6}, {"kind": "momentum", "lr": 0.9,
                                                              "gamma": 0.9}],
                                 conv="d2l", steps=200)
    out["stops/diverge-pytorch"] = scene([{"kind": "gd", "lr": 0.7}], steps=200)
    # g ≈ 1e156: g² overflows Adam's v while the point stays put; the
    # state's infinity stops the run at step 1, in the core as in the scripts.
    for conv in ("pytorch", "d2l"):
        out[f"stops/state-overflow/{conv}"] = scene([{"kind": "adam", "lr": 0.1},
                                                     {"kind": "gd", "lr": 1e-160}],
                                                    conv=conv,
                                                    land={"kind": "expr", "expr": "exp(x) + y^2"},
                                                    start=(360.0, 1.0), steps=5)
    # (A start outside the formula's domain has no script: `code` refuses
    # it as `simulate` does, and so does the page's Copy as PyTorch.)
    out["stops/newton-singular"] = scene([{"kind": "newton", "lr": 1.0}],
                                         land={"kind": "expr", "expr": "x^3/3 + x + y^2"},
                                         start=(1.0, 1.0), steps=10)
    return out


def script_of(sc):
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    exe = os.path.join(target, "release", "gradscape")
    cmd = [exe] if os.path.exists(exe) else ["cargo", "run", "-q", "--release", "--features",
                                            "cli", "--"]
    r = subprocess.run(cmd + ["code", "-"], input=json.dumps(sc), capture_output=True,
                       text=True, cwd=ROOT)
    if r.returncode != 0:
        raise SystemExit(f"gradscape code failed: {r.stderr}")
    return r.stdout


def execute(text):
    """Run a script; its `runs` as [{points, stop}] (its prints swallowed)."""
    env = {"__name__": "__gradscape_code__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(text, "<script>", "exec"), env)
    return [{"label": label, "points": [list(p) for p in points], "stop": stop}
            for label, points, stop in env["runs"]]


def main():
    cases = []
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "scenes", "*.json"))):
        with open(path) as f:
            cases.append((os.path.relpath(path, ROOT), json.load(f)))
    cases += list(generated().items())
    out = []
    for name, sc in cases:
        text = script_of(sc)
        runs = execute(text)
        out.append({"name": name, "scene": sc,
                    "sha256": hashlib.sha256(text.encode()).hexdigest(), "runs": runs})
        ends = ", ".join(f"{len(r['points']) - 1}{'!' if r['stop'] else ''}" for r in runs)
        print(f"{name:36s} {len(text.splitlines()):4d} lines, steps {ends}")
    meta = {"generator": "tests/reference/gen_code.py", "torch_version": torch.__version__,
            "python": platform.python_version()}
    path = os.path.join(ROOT, "tests", "reference", "code_golden.json")
    with open(path, "w") as f:
        f.write("{\n")
        for k, v in meta.items():
            f.write(f" {json.dumps(k)}: {json.dumps(v)},\n")
        f.write(' "cases": [\n')
        f.write(",\n".join("  " + json.dumps(c) for c in out))
        f.write("\n ]\n}\n")
    print(f"wrote {len(out)} scenes to {path}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["run"]:
        # `gen_code.py run`: read {"scripts": [text, …]} on stdin, print each
        # script's runs as JSON (the live test of tests/code_torch.rs).
        data = json.load(sys.stdin)
        json.dump([execute(t) for t in data["scripts"]], sys.stdout)
    else:
        main()
