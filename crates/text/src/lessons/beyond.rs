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
            zh: "10. 梯度下降，η = 0.6：学习率调度来救场",
        },
        caption: Text {
            en: "GD with η = 0.6 > 2/L = 0.5 diverges (orange: x2 × −1.4 a step, out of the window at step 6). A schedule can bring η under 0.5 in time: reduce on plateau (blue, torch's ReduceLROnPlateau, factor 0.5, patience 0) halves η as soon as the loss rises, after step 2, and keeps η = 0.3 while the loss falls, so x2 shrinks ×−0.2 a step and x1 reaches −1.27 at step 20. Step decay (green, StepLR, halving every 5 steps) acts on a clock: x2 first grows to ±10.8, and the cuts go on (η = 0.075 from step 16), so x1 stops at −1.54. Watch η_t in each card; try patience 10, torch's default: η is cut only after x2 has grown to ±113.",
            zh: "η = 0.6 > 2/L = 0.5 的梯度下降发散（橙色：x2 每步乘以 −1.4，第 6 步就离开了窗口）。学习率调度可以及时把 η 降到 0.5 以下：“停滞时降低”（蓝色，即 torch 的 ReduceLROnPlateau，因子 0.5，容忍步数 0）在损失一上升（第 2 步后）就把 η 减半，之后损失一直下降，η 保持 0.3，x2 每步乘以 −0.2，x1 在第 20 步到达 −1.27。“阶梯衰减”（绿色，即 StepLR，每 5 步减半）按时钟行事：x2 先涨到 ±10.8，而且 η 还在继续减小（第 16 步起为 0.075），x1 停在 −1.54。看每张卡片里的 η_t；试一试：容忍步数 10（torch 的默认值），x2 涨到 ±113 之后 η 才被减半。",
        },
    },
    // 11
    LessonText {
        title: Text {
            en: "11. RAdam's warm-up vs Adam",
            zh: "11. RAdam 的预热与 Adam",
        },
        caption: Text {
            en: "Adam's first step is η in every coordinate, however small the gradient: from (−1, 0.05), next to the minimum in x2, Adam (blue) jumps x2 to −0.25 and the loss rises from 0.105 to 0.174. RAdam (orange) does not trust a v̂ made of a handful of gradients: while ρ_t ≤ 5 (steps 1–5 with β2 = 0.999) it takes plain momentum steps η·m̂, which shrink with the gradient; from step 6 it divides by √v̂ again, scaled by r_t (0.026 at step 6, in the state panel), which grows slowly. Its loss falls at every step, to 1.1e-4 after 40 steps, while Adam still circles at 2.2e-3. Try β2 = 0.99: r_t grows faster (0.08 at step 6).",
            zh: "Adam 的第一步在每个坐标上都是 η，不管梯度多小：从 (−1, 0.05) 出发，x2 已在最小值旁边，Adam（蓝色）却把 x2 跳到 −0.25，损失从 0.105 升到 0.174。RAdam（橙色）不信任只由几个梯度估出的 v̂：当 ρ_t ≤ 5（β2 = 0.999 时为第 1–5 步）它只走普通的动量步 η·m̂，步长随梯度变小；从第 6 步起才重新除以 √v̂，并乘上修正因子 r_t（第 6 步为 0.026，见状态面板），r_t 增长得很慢。它的损失每一步都在下降，40 步后为 1.1e-4，而 Adam 还在绕圈，损失为 2.2e-3。试一试：β2 = 0.99，r_t 增长得更快（第 6 步为 0.08）。",
        },
    },
    // 12
    LessonText {
        title: Text {
            en: "12. Lion: sign steps",
            zh: "12. Lion：符号步",
        },
        caption: Text {
            en: "Lion (orange) moves by η·sign(·) in each coordinate: every step is (±0.1, ±0.1), a diagonal of length 0.141 — only 8 directions of motion in 2-D (4 here, as no coordinate is ever exactly 0), and the gradient's size is thrown away. So it does not slow down near the minimum: at step 60 it has crossed it at full speed, while Adam's steps (blue) have shrunk to 0.03. Press ▶: Lion's long memory (β2 = 0.99) carries it out to x1 = 2.9 at step 79 before it turns. Try a cosine annealing schedule on Lion: only a shrinking η lets it settle.",
            zh: "Lion（橙色）在每个坐标上都移动 η·sign(·)：每一步都是 (±0.1, ±0.1)，长度 0.141 的对角线——二维中只有 8 个运动方向（这里只有 4 个，因为没有哪个坐标恰好为 0），梯度的大小被丢掉了。所以它在最小值附近也不减速：第 60 步时它全速越过了最小值，而 Adam（蓝色）的步长已缩到 0.03。按 ▶：Lion 的长记忆（β2 = 0.99）把它带到第 79 步的 x1 = 2.9 才掉头。试一试：给 Lion 加上余弦退火，只有不断减小的 η 才能让它停下来。",
        },
    },
    // 13
    LessonText {
        title: Text {
            en: "13. Newton: one step on the bowl",
            zh: "13. 牛顿法：碗形函数上一步到位",
        },
        caption: Text {
            en: "Newton's method (orange) divides the gradient by the curvature: x ← x − η·H⁻¹g, with the Hessian H = diag(0.2, 4) of f = 0.1·x1² + 2·x2². Each coordinate gets its own rate, 1/0.2 = 5 in x1 and 1/4 in x2 — what one learning rate could not do in lesson 1 — and on a quadratic η = 1 lands on the minimum: (0, 0) after one step, while GD with η = 0.4 (blue) has only begun to zig-zag. Try Newton with η = 0.5: a straight line, halving the distance every step.",
            zh: "牛顿法（橙色）用曲率去除梯度：x ← x − η·H⁻¹g，f = 0.1·x1² + 2·x2² 的黑塞矩阵 H = diag(0.2, 4)。每个坐标有自己的学习率：x1 方向 1/0.2 = 5，x2 方向 1/4——这正是第 1 课里单一学习率做不到的；对二次函数，η = 1 一步就落在最小值上：一步之后就到了 (0, 0)，而 η = 0.4 的梯度下降（蓝色）才刚开始震荡。试一试：牛顿法 η = 0.5，沿直线前进，每步距离减半。",
        },
    },
    // 14
    LessonText {
        title: Text {
            en: "14. Newton on Himmelblau: a maximum",
            zh: "14. 牛顿法与 Himmelblau 函数：爬到最大值",
        },
        caption: Text {
            en: "Newton's method jumps to where the local quadratic model is flat — a minimum only if the model curves up. At (0, 0) Himmelblau's Hessian is diag(−42, −26): both curvatures are negative, the model is a hill, and Newton (orange) climbs it: (−0.33, −0.85) after one step, then the local maximum (−0.2708, −0.9230), where f has risen from 170 to 181.6; the legend says it ends at a maximum. GD with η = 0.01 (blue) walks downhill to the minimum (3, 2). Newton finds ∇f = 0, not the lowest f: try Shift+click near (3, 2) to start both there.",
            zh: "牛顿法跳到局部二次模型的驻点——只有模型向上弯时它才是最小值。在 (0, 0) 处 Himmelblau 函数的黑塞矩阵是 diag(−42, −26)：两个曲率都为负，模型是一座山，牛顿法（橙色）便爬上山顶：一步后到 (−0.33, −0.85)，随后到局部最大值 (−0.2708, −0.9230)，f 从 170 升到 181.6；图例会说明它停在最大值。η = 0.01 的梯度下降（蓝色）则下坡走到最小值 (3, 2)。牛顿法找的是 ∇f = 0 的点，而不是 f 最小的点：试一试，按住 Shift 在 (3, 2) 附近单击，让两者都从那里出发。",
        },
    },
    // 15
    LessonText {
        title: Text {
            en: "15. L-BFGS vs GD on Rosenbrock",
            zh: "15. L-BFGS 与梯度下降：Rosenbrock 函数",
        },
        caption: Text {
            en: "L-BFGS (orange) builds a curvature model from the gradient changes of its last steps (up to 100 pairs, its history size) and searches along its direction for a step length that meets the strong Wolfe conditions: one or two evaluations of f a step here, the trial points. It follows Rosenbrock's curved valley and is within 0.001 of the minimum (1, 1) at step 38. GD with η = 0.001 (blue), just under 2/λmax ≈ 0.002 at the minimum, has only moved from x1 = −1.5 to −1.39 after 50 steps and needs about 17,400 steps to get as close. Try the line search “none”: L-BFGS then leaps out of the valley.",
            zh: "L-BFGS（橙色）用最近几步梯度的变化建立曲率模型（最多 100 对，即它的历史长度），再沿它给出的方向做线搜索，找满足强 Wolfe 条件的步长：这里每步只需计算一到两次 f，即图中的试探点。它沿着 Rosenbrock 函数弯曲的山谷前进，第 38 步就到了最小值 (1, 1) 的 0.001 以内。η = 0.001 的梯度下降（蓝色）恰好低于最小值处的稳定上限 2/λmax ≈ 0.002，50 步后 x1 才从 −1.5 挪到 −1.39，约要 17,400 步才能同样接近。试一试：线搜索选“不搜索”，L-BFGS 会跳出山谷。",
        },
    },
];
