//! "Copy as PyTorch": the comments of the generated Python script (its
//! identifiers stay English) and the page's button and message.

/// English.
pub const EN: crate::Table = &[
    ("code.button", "Copy as PyTorch"),
    ("code.copied", "PyTorch code copied"),
    ("code.show", "Show the code"),
    (
        "code.help.d2l",
        "Copy as PyTorch: a Python script that reproduces these runs with the book's loop on plain Python floats (the d2l convention; torch only where a schedule, a formula or an optimizer the book has no loop for needs it); the command line's code prints the same.",
    ),
    (
        "code.help.pytorch",
        "Copy as PyTorch: a Python script that reproduces these runs with torch's own optimizers (torch.optim on float64 tensors, the pytorch convention); the command line's code prints the same.",
    ),
    (
        "code.copy-failed",
        "The clipboard refused the code: select it under \"Show the code\" and copy it by hand.",
    ),
    (
        "code.title",
        "gradscape: this scene's runs, reproduced in Python ({0} convention).",
    ),
    (
        "code.how",
        "Run it with {0}; it prints where each run ends, and {1} keeps every point to plot.",
    ),
    (
        "code.pytorch",
        "float64 tensors and the real torch.optim classes, with the scene's arguments.",
    ),
    (
        "code.d2l",
        "The d2l convention: the update rules of Dive into Deep Learning (ch. 11) on plain floats.",
    ),
    ("code.surface", "The loss surface."),
    ("code.formula", "Your formula, in torch operations."),
    ("code.tie", "gradscape's min or max: at a tie the first argument, with all of the gradient (torch's splits it)."),
    (
        "code.grad",
        "Its gradient, written out in the order gradscape computes it.",
    ),
    ("code.grad_autograd", "Its gradient, by autograd."),
    (
        "code.noise",
        "gradscape's gradient noise (SplitMix64 and Marsaglia's polar method): the same numbers for the same seed.",
    ),
    (
        "code.runner",
        "One run; it stops where gradscape stops: a non-finite gradient, loss or optimizer state, or a coordinate beyond 1e12.",
    ),
    (
        "code.lbfgs",
        "L-BFGS evaluates f several times a step: the noise goes on the step's own gradient only.",
    ),
    (
        "code.newton",
        "Newton's method has no torch.optim class: x ← x − η·H⁻¹g, with autograd's gradient and Hessian.",
    ),
    (
        "code.rates",
        "The schedule: torch's scheduler on a stand-in optimizer gives η_t (and the cycled momentum).",
    ),
    ("code.plateau", "ReduceLROnPlateau steps on the loss at the new point."),
    (
        "code.as_torch",
        "{0}: the d2l convention computes it as torch does, so this run uses torch.optim.",
    ),
    (
        "code.no_bias",
        "{0} always corrects the bias; this run writes torch's Adam step without the correction.",
    ),
    (
        "code.eps_zero",
        "ε = 0: where a gradient coordinate is exactly 0, gradscape takes 0/0 as a step of 0 and goes on; torch computes NaN there, so this run may stop where gradscape's does not.",
    ),
    ("code.plot", "Each entry: (label, points, stop); points[t] is (x1, x2) after step t."),
    ("code.diverged", "diverged at step {t}"),
    ("code.singular", "stopped at step {t}: singular Hessian"),
    ("code.hessian", "stopped at step {t}: the Hessian is not finite"),
];

/// 简体中文.
pub const ZH: crate::Table = &[
    ("code.button", "复制为 PyTorch 代码"),
    ("code.copied", "PyTorch 代码已复制"),
    ("code.show", "显示代码"),
    (
        "code.help.d2l",
        "复制为 PyTorch 代码：一段重现这些运行的 Python 脚本，用书中的循环在普通 Python 浮点数上计算（d2l 约定；只有调度、公式或书中没有循环的优化器才用到 torch）；命令行的 code 输出同样的脚本。",
    ),
    (
        "code.help.pytorch",
        "复制为 PyTorch 代码：一段用 torch 自带优化器（torch.optim，float64 张量，pytorch 约定）重现这些运行的 Python 脚本；命令行的 code 输出同样的脚本。",
    ),
    (
        "code.copy-failed",
        "剪贴板拒绝了代码：请在“显示代码”中选中并手动复制。",
    ),
    (
        "code.title",
        "gradscape：用 Python 重现本场景的各次运行（{0} 约定）。",
    ),
    (
        "code.how",
        "用 {0} 运行；它打印每次运行的终点，{1} 保存每一步的点，可以画图。",
    ),
    (
        "code.pytorch",
        "float64 张量和真正的 torch.optim 类，参数与场景一致。",
    ),
    (
        "code.d2l",
        "d2l 约定：《动手学深度学习》第 11 章的更新公式，用普通浮点数计算。",
    ),
    ("code.surface", "损失曲面。"),
    ("code.formula", "你的公式，写成 torch 运算。"),
    ("code.tie", "gradscape 的 min 或 max：两者相等时取第一个参数，梯度全归它（torch 的会平分）。"),
    ("code.grad", "它的梯度，按 gradscape 的计算顺序写出。"),
    ("code.grad_autograd", "它的梯度，由自动微分求得。"),
    (
        "code.noise",
        "gradscape 的梯度噪声（SplitMix64 与 Marsaglia 极坐标法）：同一种子给出同样的数。",
    ),
    (
        "code.runner",
        "一次运行；在 gradscape 停止的地方停止：梯度、损失或优化器状态不是有限数，或坐标超过 1e12。",
    ),
    (
        "code.lbfgs",
        "L-BFGS 每步多次计算 f：噪声只加在这一步自己的梯度上。",
    ),
    (
        "code.newton",
        "牛顿法没有 torch.optim 类：x ← x − η·H⁻¹g，梯度和 H 由自动微分求得。",
    ),
    (
        "code.rates",
        "学习率调度：在替身优化器上运行 torch 的调度器，得到 η_t（以及循环的动量）。",
    ),
    ("code.plateau", "ReduceLROnPlateau 按新位置的损失调整。"),
    (
        "code.as_torch",
        "{0}：d2l 约定与 torch 的计算相同，所以这次运行使用 torch.optim。",
    ),
    (
        "code.no_bias",
        "{0} 总是做偏差修正；这次运行写出不做修正的 torch Adam 更新。",
    ),
    (
        "code.eps_zero",
        "ε = 0：梯度的某个坐标恰好为 0 时，gradscape 把 0/0 当作步长 0 并继续；torch 在那里得到无效的数（0/0 的结果），所以这条路径可能在 gradscape 不停的地方停下。",
    ),
    (
        "code.plot",
        "每一项：(标签, 点, 停止原因)；points[t] 是第 t 步后的 (x1, x2)。",
    ),
    ("code.diverged", "第 {t} 步发散"),
    ("code.singular", "第 {t} 步停止：H 奇异"),
    ("code.hessian", "第 {t} 步停止：H 不是有限数"),
];
