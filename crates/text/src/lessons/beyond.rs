//! The words of lessons 10–15, the ones past the seed's story: a schedule,
//! RAdam, Lion, Newton and L-BFGS. Every number here is checked in
//! `claims_beyond.rs`.

use super::{LessonText, Text};

/// Lessons 10–15, in order.
pub const BEYOND: [LessonText; 6] = [
    // 10
    LessonText {
        title: Text {
            en: "10. GD, η = 0.6 rescued by a schedule",
            zh: zh!("10. 梯度下降，η = 0.6：学习率调度来救场"),
        },
        caption: Text {
            en: "GD with η = 0.6 > 2/L = 0.5 diverges (green triangles: x2 × −1.4 a step). Reduce on plateau (orange squares: ReduceLROnPlateau, factor 0.5, patience 0) halves η as soon as the loss it is given rises (after step 2: the loss after step 1 is the first it sees), and keeps η = 0.3: x2 × −0.2 a step, x1 at −1.27 by step 20. Step decay (blue discs: StepLR, halving every 5 steps) follows GD until its clock says so: x2 first grows to ±10.8, and later cuts slow x1 to a crawl (−1.54 at step 20). Press ▶ and watch ηₜ; then set patience to 10, torch's default, on the orange squares' card and watch the loss chart: η stays 0.6 while the loss rises twelve times (the scheduler counts eleven: it never sees the start's loss), and the orange run follows plain GD out to x2 = −113 at step 12 (f ≈ 25,700, where patience 0 never passed 32.2) before η is halved and it comes back. It still ends lower (f = 0.043 at step 20, against 0.16, as x1 moved faster at η = 0.6 meanwhile), but only patience 0 stops the blow-up at once.",
            zh: zh!("η = 0.6 > 2/L = 0.5 的梯度下降发散（绿色三角：x2 每步乘以 −1.4）。“停滞时降低”调度（橙色方块，因子 0.5，容忍步数 0）一看到损失上升就把 η 减半（在第 2 步后：它看到的第一个损失是第 1 步之后的损失），之后保持 η = 0.3：x2 每步乘以 −0.2，x1 到第 20 步为 −1.27。“阶梯衰减”调度（蓝色圆点，每 5 步减半）按时钟行事，之前一直跟着梯度下降走：x2 先涨到 ±10.8，后面的减半又让 x1 走得很慢（第 20 步才到 −1.54）。按 ▶ 看 ηₜ；然后试一试：在橙色方块的卡片上把容忍步数设为 10（torch 的默认值），看损失曲线：损失上升了 12 次，η 一直是 0.6（调度器只数到 11 次：它看不到起点的损失），橙色路径跟着普通梯度下降一直震荡到第 12 步的 x2 = −113（f ≈ 25,700，而容忍步数为 0 时 f 最高只有 32.2），之后 η 才减半，路径才回来。它最后的损失反而更低（第 20 步 f = 0.043，对比 0.16，因为这期间 η = 0.6 让 x1 走得更快），但只有容忍步数 0 能立刻止住发散。"),
        },
    },
    // 11
    LessonText {
        title: Text {
            en: "11. RAdam's warm-up vs Adam",
            zh: zh!("11. RAdam 的预热与 Adam"),
        },
        caption: Text {
            en: "Adam's first step is η in every coordinate, however small the gradient: from (−1, 0.05) it jumps x2 to −0.25 and the loss rises from 0.105 to 0.174. While ρₜ ≤ 5 (steps 1–5) RAdam (orange squares) does not trust v̂ and takes plain momentum steps η·m̂; from step 6 it divides by √v̂, scaled by rₜ = 0.026 (the state panel). Its loss falls at every step: 1.1e-4 at step 40, Adam's (blue discs) 2.2e-3.",
            zh: zh!("Adam 的第一步在每个坐标上都是 η，不管梯度多小：从 (−1, 0.05) 出发，它把 x2 跳到 −0.25，损失从 0.105 升到 0.174。当 ρₜ ≤ 5（第 1–5 步），RAdam（橙色方块）不信任 v̂，只走普通的动量步 η·m̂；从第 6 步起才除以 √v̂，并乘上修正因子 rₜ = 0.026（见状态面板）。它的损失每一步都在下降：第 40 步为 1.1e-4，Adam（蓝色圆点）为 2.2e-3。"),
        },
    },
    // 12
    LessonText {
        title: Text {
            en: "12. Lion: sign steps",
            zh: zh!("12. Lion：符号步"),
        },
        caption: Text {
            en: "Lion (orange squares) moves by η·sign(·) in each coordinate: every step is (±0.1, ±0.1), 0.141 long — 8 directions at most in 2-D, 4 here, as no coordinate is ever exactly 0 — and the gradient's size is thrown away, so it never slows down: by step 60 it has crossed the minimum at full speed while Adam's steps (blue discs) have shrunk to 0.035, and its memory (β2 = 0.99) carries it out to x1 = 2.9 at step 79. Try cosine annealing: a shrinking η lets Lion settle.",
            zh: zh!("Lion（橙色方块）在每个坐标上移动 η·sign(·)：每一步都是 (±0.1, ±0.1)，长 0.141——二维中最多 8 个方向，这里只有 4 个，因为没有哪个坐标恰好为 0——梯度的大小被丢掉了。所以它从不减速：到第 60 步它已全速越过最小值，而 Adam（蓝色圆点）的步长已缩到 0.035；它的记忆（β2 = 0.99）还会把它带到第 79 步的 x1 = 2.9。试一试：加上余弦退火，不断减小的 η 能让 Lion 停下来。"),
        },
    },
    // 13
    LessonText {
        title: Text {
            en: "13. Newton: one step on the bowl",
            zh: zh!("13. 牛顿法：碗形函数上一步到位"),
        },
        caption: Text {
            en: "Newton's method (orange squares) divides the gradient by the curvature: x ← x − η·H⁻¹g, with H = diag(0.2, 4) here. Each coordinate gets its own rate, 1/0.2 = 5 in x1 and 1/4 in x2 — what one learning rate could not do in lesson 1 — so with η = 1 it lands on the minimum (0, 0) in one step, while GD with η = 0.4 (blue discs) zig-zags. Try Newton with η = 0.5: a straight line, halving the distance every step.",
            zh: zh!("牛顿法（橙色方块）用曲率去除梯度：x ← x − η·H⁻¹g，这里 H = diag(0.2, 4)。每个坐标有自己的学习率：x1 方向 1/0.2 = 5，x2 方向 1/4——这正是第 1 课里单一学习率做不到的——所以 η = 1 时一步就落在最小值 (0, 0) 上，而 η = 0.4 的梯度下降（蓝色圆点）还在震荡。试一试：牛顿法 η = 0.5，沿直线前进，每步距离减半。"),
        },
    },
    // 14
    LessonText {
        title: Text {
            en: "14. Newton on Himmelblau: a maximum",
            zh: zh!("14. 牛顿法与 Himmelblau 函数：爬到极大值点"),
        },
        caption: Text {
            en: "Newton's method jumps to where the local quadratic model is flat: a minimum only if the model curves up. At (0, 0) the Hessian is diag(−42, −26), a hill, and Newton (orange squares) climbs it to the local maximum (−0.2708, −0.9230): f rises from 170 to 181.6, and the message under the legend says it ends at a maximum. GD with η = 0.01 (blue discs) walks down to the minimum (3, 2). Try moving the start near (3, 2) (Shift+click, or drag the ring): Newton then reaches that minimum in a few steps.",
            zh: zh!("牛顿法跳到局部二次模型的驻点：只有模型向上弯时它才是最小值。在 (0, 0) 处黑塞矩阵是 diag(−42, −26)，模型是一座山，牛顿法（橙色方块）爬到了局部极大值点 (−0.2708, −0.9230)：f 从 170 升到 181.6，图例下的说明也指出它停在极大值点。η = 0.01 的梯度下降（蓝色圆点）则下坡走到最小值 (3, 2)。试一试：把起点移到 (3, 2) 附近（按住 Shift 单击，或拖动起点圆环），牛顿法几步就到达那个最小值。"),
        },
    },
    // 15
    LessonText {
        title: Text {
            en: "15. L-BFGS vs GD on Rosenbrock",
            zh: zh!("15. L-BFGS 与梯度下降：Rosenbrock 函数"),
        },
        caption: Text {
            en: "L-BFGS (orange squares) models the curvature from its last steps' gradient changes and searches along its direction for a step meeting the strong Wolfe conditions (one or two evaluations of f a step, the trial points): it follows the valley to within 0.001 of (1, 1) in each coordinate at step 38. GD (blue discs) uses η = 0.001: half of 2/L ≈ 0.002 at the minimum (L the largest curvature there), but a little over 2/L ≈ 0.00096 where it starts, on the valley's steeper wall, so its first steps zig-zag in x1. It has moved x1 only from −1.5 to −1.39 and needs about 17,400 steps; at η = 0.0019 about 8,100. Try the line search “none”: L-BFGS leaps out of the valley.",
            zh: zh!("L-BFGS（橙色方块）用最近几步梯度的变化建立曲率模型，再沿它给出的方向做线搜索，找满足强 Wolfe 条件的步长（每步计算一到两次 f，即图中的试探点）：它沿着弯曲的山谷前进，第 38 步就到了 (1, 1) 的 0.001 以内（每个坐标）。梯度下降（蓝色圆点）用的 η = 0.001 是最小值处稳定上限 2/L ≈ 0.002 的一半（L 是那里最大的曲率），却略高于起点处（山谷更陡的谷壁上）的 2/L ≈ 0.00096，所以最初几步在 x1 方向来回振荡；它的 x1 只从 −1.5 挪到 −1.39，约要 17,400 步才能同样接近；η = 0.0019 时约 8,100 步。试一试：线搜索选“不搜索”，L-BFGS 会跳出山谷。"),
        },
    },
];
