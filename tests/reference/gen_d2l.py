#!/usr/bin/env python3
"""Golden trajectories for gradscape's "d2l" optimizer convention.

How to run (from the repository root; pure Python 3, no torch, no numpy):

    python3 tests/reference/gen_d2l.py

This writes tests/reference/d2l_golden.json (next to this script).

What it checks / produces
-------------------------
It re-derives, in plain Python floats, the 2-D optimizer loops that
"Dive into Deep Learning" (chapters 7 / 11, "Optimization Algorithms") uses
on the ill-conditioned quadratic

    f(x1, x2) = 0.1 * x1**2 + 2 * x2**2,   gradient  g1 = 0.2 * x1,  g2 = 4 * x2

starting from (-5, -2) for 20 steps, written in the book's style
(gd_2d, momentum_2d, adagrad_2d, rmsprop_2d and the book's Adam, plus
Adam with bias correction off, Adam with L2 penalty and AdamW).  Each case's
"scene" object is the scene JSON the Rust side reads (convention "d2l");
the Rust test suite replays it and compares points / loss.

    points has steps+1 entries, points[0] == start, loss[t] == f(points[t]).

Well-known book value, printed as a sanity check: GD with eta=0.6 diverges
along x2, x2 = -2 * (1 - 4*0.6)**20 = -1673.37... at step 20.

Output is deterministic; floats are written with Python's json module,
whose repr round-trips float64 exactly.
"""

import json
import math
import os
import platform

START = (-5.0, -2.0)
STEPS = 20


def f_2d(x1, x2):
    return 0.1 * x1**2 + 2 * x2**2


def grad_2d(x1, x2):
    return 0.2 * x1, 4 * x2


# --- update rules, one step each, book style ---------------------------------
# Each takes (x1, x2, state, t) with t = 1, 2, ... and returns (x1, x2, state).

def gd_2d(eta):
    def step(x1, x2, s, t):
        g1, g2 = grad_2d(x1, x2)
        x1 -= eta * g1
        x2 -= eta * g2
        return x1, x2, s
    return step, None


def momentum_2d(eta, gamma):
    def step(x1, x2, s, t):
        v1, v2 = s
        g1, g2 = grad_2d(x1, x2)
        v1 = gamma * v1 + eta * g1
        v2 = gamma * v2 + eta * g2
        x1 -= v1
        x2 -= v2
        return x1, x2, (v1, v2)
    return step, (0.0, 0.0)


def adagrad_2d(eta, eps):
    def step(x1, x2, s, t):
        s1, s2 = s
        g1, g2 = grad_2d(x1, x2)
        s1 += g1**2
        s2 += g2**2
        x1 -= eta / math.sqrt(s1 + eps) * g1
        x2 -= eta / math.sqrt(s2 + eps) * g2
        return x1, x2, (s1, s2)
    return step, (0.0, 0.0)


def rmsprop_2d(eta, gamma, eps):
    def step(x1, x2, s, t):
        s1, s2 = s
        g1, g2 = grad_2d(x1, x2)
        s1 = gamma * s1 + (1 - gamma) * g1**2
        s2 = gamma * s2 + (1 - gamma) * g2**2
        x1 -= eta / math.sqrt(s1 + eps) * g1
        x2 -= eta / math.sqrt(s2 + eps) * g2
        return x1, x2, (s1, s2)
    return step, (0.0, 0.0)


def adam_2d(eta, b1, b2, eps, bias_correction=True, l2=0.0, decoupled=0.0):
    """The book's Adam on the 2-D problem.

    l2:        Adam on g + l2*x (L2 penalty folded into the gradient)
    decoupled: AdamW, x -= eta * (mh / (sqrt(vh) + eps) + lam * x)
    """
    def one(x, g, m, v, t):
        if l2:
            g = g + l2 * x
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        if bias_correction:
            mh = m / (1 - b1**t)
            vh = v / (1 - b2**t)
        else:
            mh, vh = m, v
        if decoupled:
            x -= eta * (mh / (math.sqrt(vh) + eps) + decoupled * x)
        else:
            x -= eta * mh / (math.sqrt(vh) + eps)
        return x, m, v

    def step(x1, x2, s, t):
        m1, m2, v1, v2 = s
        g1, g2 = grad_2d(x1, x2)
        x1, m1, v1 = one(x1, g1, m1, v1, t)
        x2, m2, v2 = one(x2, g2, m2, v2, t)
        return x1, x2, (m1, m2, v1, v2)
    return step, (0.0, 0.0, 0.0, 0.0)


# --- cases -------------------------------------------------------------------

def adam_obj(kind, lr, bias_correction=True, lam=None):
    o = {"kind": kind, "lr": lr, "beta1": 0.9, "beta2": 0.999, "eps": 1e-6,
         "bias_correction": bias_correction, "amsgrad": False}
    if lam is not None:
        o["lambda"] = lam
    return o


CASES = [
    ("gd_2d eta=0.4", {"kind": "gd", "lr": 0.4}, gd_2d(0.4)),
    ("gd_2d eta=0.6", {"kind": "gd", "lr": 0.6}, gd_2d(0.6)),
    ("momentum_2d eta=0.4 gamma=0.5",
     {"kind": "momentum", "lr": 0.4, "gamma": 0.5, "nesterov": False},
     momentum_2d(0.4, 0.5)),
    ("momentum_2d eta=0.6 gamma=0.5",
     {"kind": "momentum", "lr": 0.6, "gamma": 0.5, "nesterov": False},
     momentum_2d(0.6, 0.5)),
    ("adagrad_2d eta=0.4", {"kind": "adagrad", "lr": 0.4, "eps": 1e-6},
     adagrad_2d(0.4, 1e-6)),
    ("adagrad_2d eta=2", {"kind": "adagrad", "lr": 2.0, "eps": 1e-6},
     adagrad_2d(2.0, 1e-6)),
    ("rmsprop_2d eta=0.4 gamma=0.9",
     {"kind": "rmsprop", "lr": 0.4, "gamma": 0.9, "eps": 1e-6},
     rmsprop_2d(0.4, 0.9, 1e-6)),
    ("adam_2d eta=0.1", adam_obj("adam", 0.1),
     adam_2d(0.1, 0.9, 0.999, 1e-6)),
    ("adam_2d eta=0.1 no-bias-correction",
     adam_obj("adam", 0.1, bias_correction=False),
     adam_2d(0.1, 0.9, 0.999, 1e-6, bias_correction=False)),
    ("adam_l2_2d eta=0.1 lambda=0.1", adam_obj("adam_l2", 0.1, lam=0.1),
     adam_2d(0.1, 0.9, 0.999, 1e-6, l2=0.1)),
    ("adamw_2d eta=0.1 lambda=0.1", adam_obj("adamw", 0.1, lam=0.1),
     adam_2d(0.1, 0.9, 0.999, 1e-6, decoupled=0.1)),
    # Extra: Adam is per-coordinate scale invariant up to eps, and on this
    # separable quadratic the L2 term only rescales each gradient coordinate
    # (g1 -> 0.3*x1, g2 -> 4.1*x2), so with eps=1e-6 adam_l2 matches plain
    # Adam to ~7e-7.  A large eps makes the L2 term clearly visible.
    ("adam_l2_2d eta=0.1 lambda=0.1 eps=0.01",
     dict(adam_obj("adam_l2", 0.1, lam=0.1), eps=0.01),
     adam_2d(0.1, 0.9, 0.999, 0.01, l2=0.1)),
]


def run(step, state):
    x1, x2 = START
    points = [[x1, x2]]
    loss = [f_2d(x1, x2)]
    for t in range(1, STEPS + 1):
        x1, x2, state = step(x1, x2, state, t)
        points.append([x1, x2])
        loss.append(f_2d(x1, x2))
    return points, loss


def main():
    cases = []
    for name, opt, (step, state) in CASES:
        scene = {
            "version": 1,
            "landscape": {"kind": "quadratic", "a": 0.1, "b": 2.0},
            "start": list(START),
            "steps": STEPS,
            "convention": "d2l",
            "noise": {"sigma": 0.0, "seed": 0},
            "optimizers": [opt],
        }
        points, loss = run(step, state)
        assert len(points) == STEPS + 1 and len(loss) == STEPS + 1
        for xy in points:
            assert all(math.isfinite(c) for c in xy), name
        cases.append({"name": name, "scene": scene, "points": points,
                      "loss": loss})
        print(f"{name:40s} end=({points[-1][0]: .6f}, {points[-1][1]: .6f}) "
              f"loss {loss[0]:.4g} -> {loss[-1]:.4g}")

    gd06 = next(c for c in cases if c["name"] == "gd_2d eta=0.6")
    x1, x2 = gd06["points"][STEPS]
    print(f"gd_2d eta=0.6, step {STEPS}: x1={x1!r} x2={x2!r}")
    assert abs(x2 - (-1673.37)) < 0.01, x2

    out = {
        "generator": "tests/reference/gen_d2l.py",
        "python": platform.python_version(),
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "d2l_golden.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
