//! The words of the state panel: the inspector, the bias-correction chart
//! and the Adam+L2 vs AdamW comparison. Maths symbols (g, m̂, v̂, η, λ, x₁…)
//! are the same in both languages.

/// English.
pub const EN: crate::Table = &[
    (
        "state.summary",
        "Inside the optimizers: state, bias correction, weight decay",
    ),
    (
        "state.step",
        "Step {0}: from the current point (step {1}) to step {0}. Every number below is that step's.",
    ),
    (
        "state.beyond",
        "This is past the scene's last step: where the run would go next.",
    ),
    (
        "state.arrows",
        "Arrows at the current point: dashed white = −η·g, where plain gradient descent would go; solid = the actual step; dotted = its weight-decay part (Adam+L2, AdamW).",
    ),
    (
        "state.stopped",
        "No step {0}: the run stopped at step {1} (a value left the finite range).",
    ),
    (
        "state.nostart",
        "No step at all: the start is outside the surface's domain.",
    ),
    ("state.col.what", "quantity"),
    ("state.col.rule", "rule"),
    ("row.g", "gradient at the current point"),
    ("row.g_l2", "gradient of the L2-regularized loss"),
    ("row.v", "velocity"),
    ("row.b", "momentum buffer"),
    ("row.s_sum", "sum of squared gradients"),
    ("row.s_ema", "moving average of squared gradients"),
    ("row.m", "first moment: moving average of g"),
    ("row.v2", "second moment: moving average of g²"),
    ("row.v_max", "running maximum of v (AMSGrad)"),
    ("row.m_hat", "bias-corrected m"),
    ("row.v_hat", "bias-corrected v"),
    ("row.mu", "momentum coefficient of this step"),
    ("row.mu_next", "momentum coefficient of the next step"),
    ("row.rate", "effective learning rate per coordinate"),
    ("row.g_prime", "rescaled gradient"),
    ("row.dx_acc", "moving average of squared steps"),
    ("row.u", "weighted infinity norm: max(β2·u, |g| + ε)"),
    ("row.rho", "length of the approximated moving average (rectified when > 5)"),
    ("row.rect", "variance rectification (0 during the warm-up)"),
    ("row.step_size", "per-coordinate step size"),
    ("row.interp", "interpolated momentum whose sign is the step"),
    ("row.g_bar", "moving average of g (centered RMSProp)"),
    ("row.rms_b", "momentum of the scaled steps"),
    ("row.decay", "weight-decay part of the step"),
    ("row.gd", "where plain gradient descent would go"),
    ("row.step", "the step"),
    ("state.bias.title", "Bias correction"),
    ("state.bias.pick", "Run in the chart"),
    (
        "state.bias.none",
        "Add an Adam, Adam+L2 or AdamW run to see its bias correction.",
    ),
    (
        "state.bias.legend",
        "① the factors 1/(1 − β1ᵏ) (solid) and 1/(1 − β2ᵏ) (dashed), log scale; grey when bias correction is off (both are then 1, orange). ② m (dashed) and m̂ (solid). ③ v (dashed) and v̂ (solid), log scale. Orange: x₁, blue: x₂, grey line: step {0}.",
    ),
    (
        "state.bias.on",
        "Bias correction on. At step {0}: 1 − β1ᵏ = {1} and 1 − β2ᵏ = {2}, so m̂ = m × {3} and v̂ = v × {4}.",
    ),
    (
        "state.bias.off",
        "Bias correction off: m̂ = m and v̂ = v. At step {0} the factors would be {1} and {2}.",
    ),
    (
        "state.bias.seed",
        "The seed's example: m₀ = 0, so m₁ = β1·0 + (1 − β1)·g₁ = {0}·g₁, much too small; dividing by 1 − β1¹ = {0} gives m̂₁ = g₁.",
    ),
    ("state.bias.factor", "factor"),
    ("state.l2.title", "Adam+L2 vs AdamW"),
    ("overlay.decay.adamw", "AdamW decay: towards 0"),
    ("overlay.decay.l2", "Adam+L2 decay: bent by 1/√v̂"),
    (
        "state.l2.iso",
        "Dashed lines: isolines of the L2-regularized loss f + λ/2·‖x‖², λ = {0} (the λ of Adam+L2).",
    ),
    (
        "state.l2.aniso",
        "Adam+L2: the decay λ·x goes through m̂/(√v̂ + ε), so it is divided by √v̂ + ε = ({0}, {1}); the effective decay per step η·λ/(√v̂ + ε) is ({2}, {3}). {4} has the larger √v̂ and is regularized less: L2 inside Adam is anisotropic.",
    ),
    (
        "state.l2.iso_w",
        "AdamW: the decay −η·λ·x bypasses m and v: η·λ = {0} in every coordinate (isotropic).",
    ),
];

/// 简体中文.
pub const ZH: crate::Table = &[
    ("state.summary", "优化器内部：状态、偏差修正、权重衰减"),
    (
        "state.step",
        "第 {0} 步：从当前点（第 {1} 步）走到第 {0} 步。下面的数都是这一步的。",
    ),
    ("state.beyond", "这已超过设定的步数：这是路径的下一步。"),
    (
        "state.arrows",
        "当前点处的箭头：白色虚线 = −η·g，即普通梯度下降会走到的位置；实线 = 实际的一步；点线 = 其中权重衰减的部分（Adam+L2、AdamW）。",
    ),
    (
        "state.stopped",
        "没有第 {0} 步：路径在第 {1} 步停止（某个值超出了有限范围）。",
    ),
    ("state.nostart", "一步也没有：起点不在函数的定义域内。"),
    ("state.col.what", "量"),
    ("state.col.rule", "迭代公式"),
    ("row.g", "当前点的梯度"),
    ("row.g_l2", "L2 正则化后损失函数的梯度"),
    ("row.v", "速度变量"),
    ("row.b", "动量缓冲"),
    ("row.s_sum", "梯度按元素平方的累加"),
    ("row.s_ema", "梯度按元素平方的指数移动加权平均"),
    ("row.m", "一阶矩：g 的指数移动加权平均"),
    ("row.v2", "二阶矩：g² 的指数移动加权平均"),
    ("row.v_max", "v 的历史最大值（AMSGrad）"),
    ("row.m_hat", "偏差修正后的 m"),
    ("row.v_hat", "偏差修正后的 v"),
    ("row.mu", "本步的动量系数"),
    ("row.mu_next", "下一步的动量系数"),
    ("row.rate", "每个坐标的有效学习率"),
    ("row.g_prime", "重新缩放后的梯度"),
    ("row.dx_acc", "自变量变化量平方的指数移动加权平均"),
    ("row.u", "加权无穷范数：max(β2·u, |g| + ε)"),
    ("row.rho", "近似移动平均的长度（大于 5 时才修正）"),
    ("row.rect", "方差修正系数（预热期为 0）"),
    ("row.step_size", "每个坐标的步长"),
    ("row.interp", "插值动量，其符号即为步长方向"),
    ("row.g_bar", "g 的指数移动加权平均（中心化 RMSProp）"),
    ("row.rms_b", "缩放后步长的动量"),
    ("row.decay", "这一步中权重衰减的部分"),
    ("row.gd", "普通梯度下降会走的一步"),
    ("row.step", "实际的一步"),
    ("state.bias.title", "偏差修正"),
    ("state.bias.pick", "图中的路径"),
    (
        "state.bias.none",
        "添加 Adam、Adam+L2 或 AdamW，即可查看它的偏差修正。",
    ),
    (
        "state.bias.legend",
        "① 修正系数 1/(1 − β1ᵏ)（实线）与 1/(1 − β2ᵏ)（虚线），对数坐标；关闭偏差修正时显示为灰色（此时两者都等于 1，橙色）。② m（虚线）与 m̂（实线）。③ v（虚线）与 v̂（实线），对数坐标。橙色：x₁，蓝色：x₂，灰线：第 {0} 步。",
    ),
    (
        "state.bias.on",
        "偏差修正已开启。第 {0} 步：1 − β1ᵏ = {1}，1 − β2ᵏ = {2}，所以 m̂ = m × {3}，v̂ = v × {4}。",
    ),
    (
        "state.bias.off",
        "偏差修正已关闭：m̂ = m，v̂ = v。第 {0} 步的修正系数本应为 {1} 和 {2}。",
    ),
    (
        "state.bias.seed",
        "笔记中的例子：m₀ = 0，所以 m₁ = β1·0 + (1 − β1)·g₁ = {0}·g₁，明显偏小；除以 1 − β1¹ = {0} 之后 m̂₁ = g₁。",
    ),
    ("state.bias.factor", "修正系数"),
    ("state.l2.title", "Adam+L2 与 AdamW"),
    ("overlay.decay.adamw", "AdamW 衰减：指向原点"),
    ("overlay.decay.l2", "Adam+L2 衰减：被 1/√v̂ 扭偏"),
    (
        "state.l2.iso",
        "虚线：L2 正则化后的损失函数 f + λ/2·‖x‖² 的等高线，λ = {0}（Adam+L2 的 λ）。",
    ),
    (
        "state.l2.aniso",
        "Adam+L2：权重衰减 λ·x 要经过 m̂/(√v̂ + ε)，因此被 √v̂ + ε = ({0}, {1}) 除；每一步的有效衰减 η·λ/(√v̂ + ε) 为 ({2}, {3})。{4} 方向的 √v̂ 更大，被正则化得更少：Adam 中的 L2 正则化是各向异性的。",
    ),
    (
        "state.l2.iso_w",
        "AdamW：权重衰减 −η·λ·x 绕过 m 和 v：每个坐标都是 η·λ = {0}（各向同性）。",
    ),
];
