#!/usr/bin/env python3
"""Golden values and gradients of user formulas, from PyTorch autograd.

How to run (from the repository root):

    pip install torch && python3 tests/reference/gen_expr.py

This writes tests/reference/expr_golden.json. Each case is a formula in
gradscape's formula language (as a user types it) and the same function
written by hand in torch; at each point the value and the gradient come from
torch in float64 with autograd, independently of gradscape's parser and of
its forward-mode differentiation. tests/expr.rs compares them at 1e-12.
"""
import json
import math
import os
import warnings

warnings.filterwarnings("ignore")
import torch  # noqa: E402

torch.set_default_dtype(torch.float64)
T = torch

CASES = [
    ("0.1*x^2 + 2*y^2", lambda x, y: 0.1 * x**2 + 2 * y**2),
    ("(1-x)^2 + 100*(y-x^2)^2", lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2),
    ("sin(x)*cos(y) + 0.05*(x^2+y^2)", lambda x, y: T.sin(x) * T.cos(y) + 0.05 * (x**2 + y**2)),
    ("sqrt(x^2 + y^2 + 1)", lambda x, y: T.sqrt(x**2 + y**2 + 1)),
    ("exp(-(x^2 + y^2)/2) * -3 + 0.1*x*y", lambda x, y: T.exp(-(x**2 + y**2) / 2) * -3 + 0.1 * x * y),
    ("ln(1 + x^2) + log(2 + tanh(y))", lambda x, y: T.log(1 + x**2) + T.log(2 + T.tanh(y))),
    ("tan(0.3*x) - y/(1 + x^2)", lambda x, y: T.tan(0.3 * x) - y / (1 + x**2)),
    ("abs(x - 0.5) + 2*abs(y)", lambda x, y: T.abs(x - 0.5) + 2 * T.abs(y)),
    ("max(x^2, y^2) + min(x, y)", lambda x, y: T.maximum(x**2, y**2) + T.minimum(x, y)),
    ("-x^2 + 2^-1*y - --x", lambda x, y: -(x**2) + 0.5 * y - x),
    ("(x^2 + 1)^(0.5*y + 1)", lambda x, y: (x**2 + 1) ** (0.5 * y + 1)),
    ("2^x + x^3 - 3*x*y^2 + pi*e", lambda x, y: 2**x + x**3 - 3 * x * y**2 + math.pi * math.e),
    ("x1**2/4 + x2**4 * 1.5e-1", lambda x, y: x**2 / 4 + y**4 * 1.5e-1),
    ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", lambda x, y: (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2),
    ("10*2 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
     lambda x, y: 20 + x**2 - 10 * T.cos(2 * math.pi * x) + y**2 - 10 * T.cos(2 * math.pi * y)),
]

POINTS = [(-1.5, 2.0), (0.3, -0.7), (2.25, 1.125), (-3.0, -0.4), (0.9, 0.2)]


def main():
    out = []
    for src, fn in CASES:
        rows = []
        for px, py in POINTS:
            x = torch.tensor(px, requires_grad=True)
            y = torch.tensor(py, requires_grad=True)
            v = fn(x, y)
            v.backward()
            rows.append({"point": [px, py], "value": v.item(), "grad": [x.grad.item(), y.grad.item()]})
            assert all(math.isfinite(t) for t in [rows[-1]["value"], *rows[-1]["grad"]]), (src, px, py)
        out.append({"expr": src, "samples": rows})
    meta = {"generator": "tests/reference/gen_expr.py", "torch": torch.__version__, "dtype": "float64"}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expr_golden.json")
    with open(path, "w") as f:
        json.dump({"meta": meta, "cases": out}, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(out)} formulas x {len(POINTS)} points")


if __name__ == "__main__":
    main()
