//! Why a run went wrong, in words (the messages under the legend).

/// English.
pub const EN: crate::Table = &[
    ("hint.undefined-start", "f is not defined (or not finite) at the start: Shift+click the surface (or type the start's x and y) to start elsewhere, or change the formula."),
    ("hint.undefined-grad", "The gradient is not defined (or not finite) at ({0}, {1}), reached at step {2}: start elsewhere, or change the formula."),
    ("hint.expr-left", "Step {0} left the region where f is defined and finite (or |x| grew past 1e12): try an η smaller than {1}, or start elsewhere."),
    ("hint.gd", "η = {0} > 2/L = 2/{1} = {2}: along the steepest axis (curvature L = {1}) every step overshoots the minimum by more than it started, so the zig-zag grows. Try η below {2}."),
    ("hint.edge-gd", "η = {0} = 2/L = 2/{1}, exactly the stability bound: along the steepest axis (curvature L = {1}) each step lands as far on the other side of the minimum as it started, so the zig-zag neither grows nor dies out and the run does not converge. Every η below {0} converges; every η above it diverges."),
    ("hint.edge-momentum", "η·L = {0}·{1} = {2} = 2(1 + γ) with γ = {3}, exactly the stability bound: along the steepest axis (curvature L = {1}) the zig-zag neither grows nor dies out (its swing may settle wider than it started, no wider later), so the run does not converge. Every η below {0} converges; every η above it diverges."),
    ("hint.edge-nesterov", "η·L = {0}·{1} = {2} = 2(1 + γ)/(1 + 2γ), exactly the stability bound of Nesterov momentum: along the steepest axis (curvature L = {1}) the zig-zag neither grows nor dies out (its swing may settle wider than it started, no wider later), so the run does not converge. Every η below {0} converges; every η above it diverges."),
    ("hint.momentum", "η·L = {0}·{1} = {2} > 2(1 + γ) = {3}: even with momentum γ = {4} the steepest axis (curvature L = {1}) overshoots more each step. Try η below {5}."),
    ("hint.nesterov", "η·L = {0}·{1} = {2} > 2(1 + γ)/(1 + 2γ) = {3}: Nesterov momentum overshoots along the steepest axis (curvature L = {1}). Try η below {4}."),
    ("hint.decay", "The weight decay multiplies x by 1 − η·λ = {2} every step (η = {0}, λ = {1}): with η·λ > 2 x flips sign and grows, whatever the gradient does. Try λ below 2/η = {3} (or a smaller η)."),
    ("hint.diverged", "The step size η = {0} is too large for this surface: the iterate left the finite world at step {1}. Try a smaller η."),
    ("hint.unbounded", "The loss fell from {0} to {1}: this surface has no minimum in the direction the run took, it falls without bound there. No step size helps (a smaller η only runs off more slowly): start elsewhere, or pick a surface with a minimum."),
    ("hint.grew", "The loss grew from {0} to {1}: the step size η = {2} is too large for this surface. Try a smaller η."),
    ("hint.diverged-scheduled", "The step size under the schedule, up to η = {0}, is too large for this surface: the iterate left the finite world at step {1}. Try a smaller η or a gentler schedule."),
    ("hint.grew-scheduled", "The loss grew from {0} to {1}: the step size under the schedule, up to η = {2}, is too large for this surface. Try a smaller η or a gentler schedule."),
    ("hint.expr-left-scheduled", "Step {0} left the region where f is defined and finite (or |x| grew past 1e12), with the schedule's η up to {1}: try a smaller η or a gentler schedule, or start elsewhere."),
    ("hint.singular_hessian", "The Hessian at ({1}, {2}) is singular (or too close to it for a finite solution), so Newton's step H⁻¹g does not exist there: step {0} was not taken. Start elsewhere, or use a first-order method."),
    ("hint.nonfinite_hessian", "The Hessian is not defined (or not finite) at ({1}, {2}), so step {0} of Newton's method was not taken: start elsewhere, or change the formula."),
    ("hint.maximum", "The gradient vanishes at ({0}, {1}) but the Hessian there is not positive definite (its eigenvalues {2} and {3} are both negative): a local maximum, not a minimum. Newton's method jumps to the stationary point of its local quadratic model, maximum or minimum alike; start elsewhere, or use a descent method."),
    ("hint.saddle", "The gradient vanishes at ({0}, {1}) but the Hessian there is not positive definite (its eigenvalues are {2} and {3}): a saddle point, not a minimum. Newton's method jumps to any stationary point, and gradient steps stall on a saddle when they start on its ridge; start elsewhere."),
];

/// 简体中文.
pub const ZH: crate::Table = &[
    ("hint.undefined-start", "f 在起点处无定义（或不是有限值）：按住 Shift 点击曲面（或输入起点的 x 和 y）从别处出发，或修改公式。"),
    ("hint.undefined-grad", "梯度在 ({0}, {1}) 处无定义（或不是有限值），该点在第 {2} 步到达：换一个起点，或修改公式。"),
    ("hint.expr-left", "第 {0} 步离开了 f 有定义且有限的区域（或 |x| 超过了 1e12）：试试比 {1} 更小的 η，或换一个起点。"),
    ("hint.gd", "η = {0} > 2/L = 2/{1} = {2}：沿最陡的方向（曲率 L = {1}），每一步越过最优解的距离都比出发时更远，震荡越来越大。试试小于 {2} 的 η。"),
    ("hint.edge-gd", "η = {0} = 2/L = 2/{1}，正好在稳定界限上：沿最陡的方向（曲率 L = {1}），每一步都落在最优解另一侧同样远的地方，震荡既不增大也不衰减，这次运行不会收敛。小于 {0} 的 η 都收敛，大于 {0} 的都发散。"),
    ("hint.edge-momentum", "η·L = {0}·{1} = {2} = 2(1 + γ)（γ = {3}），正好在稳定界限上：沿最陡的方向（曲率 L = {1}），震荡既不增大也不衰减（摆幅可能稳定在比起点更大的位置，但之后不再变大），这次运行不会收敛。小于 {0} 的 η 都收敛，大于 {0} 的都发散。"),
    ("hint.edge-nesterov", "η·L = {0}·{1} = {2} = 2(1 + γ)/(1 + 2γ)，正好在 Nesterov 动量法的稳定界限上：沿最陡的方向（曲率 L = {1}），震荡既不增大也不衰减（摆幅可能稳定在比起点更大的位置，但之后不再变大），这次运行不会收敛。小于 {0} 的 η 都收敛，大于 {0} 的都发散。"),
    ("hint.momentum", "η·L = {0}·{1} = {2} > 2(1 + γ) = {3}：即使有动量 γ = {4}，最陡的方向（曲率 L = {1}）每一步仍越过得更远。试试小于 {5} 的 η。"),
    ("hint.nesterov", "η·L = {0}·{1} = {2} > 2(1 + γ)/(1 + 2γ) = {3}：Nesterov 动量法沿最陡的方向（曲率 L = {1}）越过最优解。试试小于 {4} 的 η。"),
    ("hint.decay", "权重衰减每一步把 x 乘以 1 − η·λ = {2}（η = {0}，λ = {1}）：η·λ > 2 时，无论梯度如何，x 每步变号并放大。试试小于 2/η = {3} 的 λ（或更小的 η）。"),
    ("hint.diverged", "学习率 η = {0} 对这个曲面太大：自变量在第 {1} 步离开了有限范围。试试更小的 η。"),
    ("hint.unbounded", "损失从 {0} 降到了 {1}：这个曲面在这条路径的方向上没有最小值，而是无限下降。学习率取多少都无济于事（更小的 η 只是跑远得慢一些）：换一个起点，或换一个有最小值的曲面。"),
    ("hint.grew", "损失从 {0} 增长到 {1}：学习率 η = {2} 对这个曲面太大。试试更小的 η。"),
    ("hint.diverged-scheduled", "调度下的学习率（最高到 η = {0}）对这个曲面太大：自变量在第 {1} 步离开了有限范围。试试更小的 η，或更平缓的调度。"),
    ("hint.grew-scheduled", "损失从 {0} 增长到 {1}：调度下的学习率（最高到 η = {2}）对这个曲面太大。试试更小的 η，或更平缓的调度。"),
    ("hint.expr-left-scheduled", "第 {0} 步离开了 f 有定义且有限的区域（或 |x| 超过了 1e12），调度下的学习率最高到 η = {1}：试试更小的 η 或更平缓的调度，或换一个起点。"),
    ("hint.singular_hessian", "黑塞矩阵在 ({1}, {2}) 处奇异（或接近奇异，解不是有限值），牛顿法的步长在那里不存在：第 {0} 步没有执行。换一个起点，或改用一阶方法。"),
    ("hint.nonfinite_hessian", "黑塞矩阵在 ({1}, {2}) 处无定义（或不是有限值），牛顿法的第 {0} 步没有执行：换一个起点，或修改公式。"),
    ("hint.maximum", "梯度在 ({0}, {1}) 处为零，但那里的黑塞矩阵不是正定的（特征值 {2} 和 {3} 都是负数）：这是局部极大值点，不是极小值点。牛顿法跳向局部二次模型的驻点，不论它是极大还是极小；换一个起点，或改用下降方法。"),
    ("hint.saddle", "梯度在 ({0}, {1}) 处为零，但那里的黑塞矩阵不是正定的（特征值为 {2} 和 {3}）：这是鞍点，不是极小值点。牛顿法会跳向任何驻点，而梯度法从鞍点的脊线上出发时也会停在鞍点；换一个起点。"),
];
