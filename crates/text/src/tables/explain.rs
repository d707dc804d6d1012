//! The explainers under the loss chart: the exponential moving average and
//! the sweeps ("where does it diverge?"). Keys start with `explain.`.
//! The panels' fixed words are `data-i18n` keys in `www/index.html` (the
//! markup carries the English, checked below); the sentences with numbers
//! are filled in by `src/web/explain/`.

/// English.
pub const EN: crate::Table = &[
    // The EMA explainer.
    ("explain.ema.title", "Exponential moving average"),
    (
        "explain.ema.formula",
        "yₜ = γ·yₜ₋₁ + (1−γ)·xₜ, starting from y₀ = 0. RMSProp's s and Adam's m and v are such averages; momentum's v ← γ·v + η·g is one of η·g/(1−γ).",
    ),
    ("explain.ema.gamma", "EMA γ"),
    ("explain.ema.readout", "γ = {0} · window 1/(1−γ) = {1}"),
    ("explain.ema.bad_link", "ema: must be a number in [0, 0.99] (got \"{0}\"); ignored"),
    ("explain.ema.signal_aria", "A noisy signal, its exponential moving average and the bias-corrected average"),
    ("explain.ema.weights_aria", "The weights of the exponential moving average, with the window 1/(1−γ) marked"),
    ("explain.ema.x", "xₜ (noisy)"),
    ("explain.ema.clean", "the clean signal"),
    ("explain.ema.y", "yₜ (EMA)"),
    ("explain.ema.hat", "ŷₜ = yₜ/(1−γᵗ) (bias-corrected)"),
    ("explain.ema.step", "step t"),
    ("explain.ema.weights_title", "weight (1−γ)·γᵏ of xₜ₋ₖ"),
    ("explain.ema.lag", "k steps back"),
    ("explain.ema.window_mark", "1/(1−γ) = {0}"),
    (
        "explain.ema.weights_text",
        "The weights shrink by γ per step back and sum to 1 − γᵗ. The last 1/(1−γ) = {0} values carry {1}% of the weight (as γ nears 1 that share tends to 1 − 1/e ≈ 63%): an EMA averages roughly the last {0} values.",
    ),
    (
        "explain.ema.bias_text",
        "Bias at the start: y₀ = 0, so the first averages are too small — y₁ = (1−γ)·x₁ = {0}·x₁. Dividing by 1 − γᵗ, the sum of the weights so far, removes the bias (ŷ₁ = x₁): this is Adam's bias correction m̂ = m/(1 − β1ᵗ).",
    ),
    // The sweeps.
    ("explain.sweep.title", "Where does it diverge?"),
    (
        "explain.sweep.lr_title",
        "Final loss against the learning rate η, for every optimizer of the scene (everything else unchanged)",
    ),
    ("explain.sweep.lr_aria", "Final loss against the learning rate for every optimizer, diverged runs marked with a cross at the top"),
    ("explain.sweep.x", "learning rate η (log)"),
    ("explain.sweep.y_log", "final loss (log)"),
    ("explain.sweep.y_lin", "final loss"),
    ("explain.sweep.y_symlog", "final loss (log on both sides of 0)"),
    ("explain.sweep.diverged", "diverged"),
    ("explain.sweep.start", "f at the start"),
    (
        "explain.sweep.criterion",
        "A run diverges when its final loss ends above the loss at the start (hollow dot) or it leaves the finite world (cross at the top); a filled dot did not grow. Dashed: each optimizer's current η. The theory's bound is for the long run: just below it the zig-zag dies out so slowly that after the sweep's steps the loss may still be above its start.",
    ),
    ("explain.sweep.steps", "Each run takes {0} steps, as the scene does."),
    (
        "explain.sweep.steps_capped",
        "Each run takes {0} steps (the scene asks for {1}; the sweep is capped so that it stays quick).",
    ),
    ("explain.sweep.none", "The scene has no optimizer."),
    ("explain.edge.at", "{0}: diverges from η = {1} on; up to η = {2} the loss does not grow."),
    ("explain.edge.all", "{0}: diverges at every η of the sweep, from η = {1} on."),
    ("explain.edge.never", "{0}: no η up to {1} diverges."),
    ("explain.edge.undefined", "{0}: f is not defined at the start."),
    (
        "explain.edge.at_mixed",
        "{0}: diverges first at η = {1}; up to η = {2} the loss does not grow. Not every larger η diverges: {3} of the {4} above η = {1} do not, the largest η = {5}.",
    ),
    (
        "explain.edge.all_mixed",
        "{0}: diverges at the sweep's smallest η, {1}. Not every larger η diverges: {2} of the {3} above it do not, the largest η = {4}.",
    ),
    ("explain.theory.gd", "Theory: η < 2/{1} = {0}."),
    ("explain.theory.momentum", "Theory: η < 2(1 + γ)/{1} = {0}."),
    ("explain.theory.nesterov", "Theory: η < 2(1 + γ)/((1 + 2γ)·{1}) = {0}."),
    ("explain.theory.decay", "Weight decay λ = {0} adds λ to every curvature."),
    ("explain.theory.damp", "Dampening τ = {0} lets the gradient in as (1 − τ)·η·g."),
    ("explain.kind.gd", "GD"),
    ("explain.kind.momentum", "Momentum"),
    // The momentum map.
    ("explain.map.title", "Momentum on the quadratic: the convergence rate over (η, γ)"),
    ("explain.map.aria", "Convergence rate of momentum over the learning rate and the momentum; click, or use the arrow keys, to set both"),
    ("explain.map.x", "learning rate η"),
    ("explain.map.y", "momentum γ"),
    ("explain.map.fast", "fast (ρ = {0})"),
    ("explain.map.slow", "slow (ρ → 1)"),
    ("explain.map.diverges", "diverges (ρ ≥ 1)"),
    ("explain.map.poly.heavy", "z² − (1 + γ − ηh)·z + γ = 0"),
    ("explain.map.poly.nesterov", "z² − (1 + γ)(1 − ηh)·z + γ(1 − ηh) = 0 (Nesterov)"),
    (
        "explain.map.what",
        "Colour: the rate ρ = max|z| over the curvatures h = 2a and 2b, z the roots of {0}; the error shrinks ×ρ per step (dark: fast). Red: ρ ≥ 1, diverges. The row γ = 0 is GD.",
    ),
    (
        "explain.map.pytorch",
        "pytorch convention: torch's b ← μ·b + g, x ← x − lr·b is v ← μ·v + lr·g, x ← x − v with v = lr·b — the same map, with γ = μ and η = lr.",
    ),
    ("explain.map.target", "Click the map (or use the arrow keys on it) to set η and γ of {0}."),
    ("explain.map.coupled", "So this map, {0}'s, uses h = {1} and {2}."),
    ("explain.map.none", "The scene has no momentum optimizer: a click adds one with the η and γ under the pointer (an arrow key, one at the map's middle)."),
    ("explain.map.full", "The scene already has 16 optimizers: remove one to add momentum."),
    (
        "explain.map.needs_quadratic",
        "The map needs the quadratic surface: the rate follows from its two curvatures 2a and 2b, while the curvature of the other surfaces changes from place to place. Pick quadratic in the Surface panel.",
    ),
    ("explain.map.still", "Every curvature the run sees here is 0 (a flat surface, or dampening τ = 1): x does not move at any η, so there is no rate to map."),
    ("explain.map.no_bowl", "With a ≤ 0 or b ≤ 0 the quadratic has no minimum: every (η, γ) diverges along the negative curvature."),
    ("explain.map.current", "At η = {0}, γ = {1}: ρ = {2} — the error shrinks ×{2} per step, by 10× every {3} steps."),
    ("explain.map.current_div", "At η = {0}, γ = {1}: ρ = {2} > 1 — diverges."),
    ("explain.map.current_edge", "At η = {0}, γ = {1}: ρ = 1, on the stability bound — the error neither shrinks nor grows."),
    ("explain.map.off", "(η = {0} is off the map, beyond its right edge)"),
];

/// 简体中文.
pub const ZH: crate::Table = &[
    ("explain.ema.title", "指数移动加权平均"),
    (
        "explain.ema.formula",
        "yₜ = γ·yₜ₋₁ + (1−γ)·xₜ，从 y₀ = 0 开始。RMSProp 的 s、Adam 的 m 和 v 都是这样的平均；动量法的 v ← γ·v + η·g 则是 η·g/(1−γ) 的这种平均。",
    ),
    ("explain.ema.gamma", "指数移动加权平均的 γ"),
    ("explain.ema.readout", "γ = {0} · 窗口 1/(1−γ) = {1}"),
    ("explain.ema.bad_link", "ema：必须是 [0, 0.99] 中的数（输入为“{0}”）；已忽略"),
    ("explain.ema.signal_aria", "带噪声的信号、它的指数移动加权平均和偏差修正后的平均"),
    ("explain.ema.weights_aria", "指数移动加权平均的权重，标出窗口 1/(1−γ)"),
    ("explain.ema.x", "xₜ（含噪声）"),
    ("explain.ema.clean", "无噪声的信号"),
    ("explain.ema.y", "yₜ（指数移动加权平均）"),
    ("explain.ema.hat", "ŷₜ = yₜ/(1−γᵗ)（偏差修正）"),
    ("explain.ema.step", "时间步 t"),
    ("explain.ema.weights_title", "xₜ₋ₖ 的权重 (1−γ)·γᵏ"),
    ("explain.ema.lag", "向前 k 步"),
    ("explain.ema.window_mark", "1/(1−γ) = {0}"),
    (
        "explain.ema.weights_text",
        "每向前一步，权重乘以 γ，所有权重之和为 1 − γᵗ。最近 1/(1−γ) = {0} 个值占了 {1}% 的权重（γ 越接近 1，这一比例越接近 1 − 1/e ≈ 63%）：指数移动加权平均大约是最近 {0} 个值的平均。",
    ),
    (
        "explain.ema.bias_text",
        "开始时的偏差：y₀ = 0，所以最初的平均值偏小——y₁ = (1−γ)·x₁ = {0}·x₁。除以目前为止的权重之和 1 − γᵗ 就消除了偏差（ŷ₁ = x₁）：这正是 Adam 的偏差修正 m̂ = m/(1 − β1ᵗ)。",
    ),
    ("explain.sweep.title", "在哪里发散？"),
    (
        "explain.sweep.lr_title",
        "最终损失与学习率 η 的关系：场景中的每个优化器（其余设置不变）",
    ),
    ("explain.sweep.lr_aria", "每个优化器的最终损失与学习率的关系，发散的运行在顶部用叉标出"),
    ("explain.sweep.x", "学习率 η（对数）"),
    ("explain.sweep.y_log", "最终损失（对数）"),
    ("explain.sweep.y_lin", "最终损失"),
    ("explain.sweep.y_symlog", "最终损失（0 两侧取对数）"),
    ("explain.sweep.diverged", "发散"),
    ("explain.sweep.start", "起点的 f"),
    (
        "explain.sweep.criterion",
        "最终损失高于起点的损失（空心点），或自变量超出有限范围（顶部的叉），即视为发散；实心点表示损失没有增长。虚线：每个优化器当前的 η。理论界限说的是长期：η 略小于它时，震荡衰减得很慢，扫描的步数内损失可能仍高于起点。",
    ),
    ("explain.sweep.steps", "每次运行 {0} 步，与场景相同。"),
    (
        "explain.sweep.steps_capped",
        "每次运行 {0} 步（场景设定为 {1} 步；为了保持流畅，扫描的步数有上限）。",
    ),
    ("explain.sweep.none", "场景中没有优化器。"),
    ("explain.edge.at", "{0}：η ≥ {1} 时发散；η ≤ {2} 时损失不增长。"),
    ("explain.edge.all", "{0}：扫描中的每个 η（从 {1} 起）都发散。"),
    ("explain.edge.never", "{0}：直到 η = {1} 都不发散。"),
    ("explain.edge.undefined", "{0}：f 在起点无定义。"),
    (
        "explain.edge.at_mixed",
        "{0}：η = {1} 时首次发散；η ≤ {2} 时损失不增长。更大的 η 并不都发散：大于 {1} 的 {4} 个 η 中有 {3} 个不发散，最大为 η = {5}。",
    ),
    (
        "explain.edge.all_mixed",
        "{0}：在扫描的最小 η = {1} 处就发散。更大的 η 并不都发散：比它大的 {3} 个 η 中有 {2} 个不发散，最大为 η = {4}。",
    ),
    ("explain.theory.gd", "理论：η < 2/{1} = {0}。"),
    ("explain.theory.momentum", "理论：η < 2(1 + γ)/{1} = {0}。"),
    ("explain.theory.nesterov", "理论：η < 2(1 + γ)/((1 + 2γ)·{1}) = {0}。"),
    ("explain.theory.decay", "权重衰减 λ = {0} 使每个曲率都加上 λ。"),
    ("explain.theory.damp", "阻尼 τ = {0} 使梯度以 (1 − τ)·η·g 进入速度。"),
    ("explain.kind.gd", "梯度下降"),
    ("explain.kind.momentum", "动量法"),
    ("explain.map.title", "二次函数上的动量法：(η, γ) 平面上的收敛速度"),
    ("explain.map.aria", "动量法在学习率和动量平面上的收敛速度；点击或用方向键可同时设置两者"),
    ("explain.map.x", "学习率 η"),
    ("explain.map.y", "动量 γ"),
    ("explain.map.fast", "快（ρ = {0}）"),
    ("explain.map.slow", "慢（ρ → 1）"),
    ("explain.map.diverges", "发散（ρ ≥ 1）"),
    ("explain.map.poly.heavy", "z² − (1 + γ − ηh)·z + γ = 0"),
    ("explain.map.poly.nesterov", "z² − (1 + γ)(1 − ηh)·z + γ(1 − ηh) = 0（Nesterov）"),
    (
        "explain.map.what",
        "颜色：收敛速度 ρ = max|z|（对曲率 h = 2a 和 2b 取最大），z 是 {0} 的根；误差每步乘以 ρ（颜色越深收敛越快）。红色：ρ ≥ 1，发散。γ = 0 的一行就是梯度下降。",
    ),
    (
        "explain.map.pytorch",
        "pytorch 约定：torch 的 b ← μ·b + g，x ← x − lr·b，令 v = lr·b 即为 v ← μ·v + lr·g，x ← x − v——同一张图，γ = μ，η = lr。",
    ),
    ("explain.map.target", "点击图中任一点（或在图上用方向键），即可设置 η 和 γ（{0}）。"),
    ("explain.map.coupled", "所以这张图按{0}的设置，取 h = {1} 和 {2}。"),
    ("explain.map.none", "场景中没有动量法优化器：点击即添加一个，使用指针处的 η 和 γ（按方向键则从图的中间开始）。"),
    ("explain.map.full", "场景中已有 16 个优化器：请先删除一个，再添加动量法。"),
    (
        "explain.map.needs_quadratic",
        "这张图需要二次函数曲面：收敛速度由它的两个曲率 2a 和 2b 决定，而其他曲面的曲率随位置变化。请在曲面面板中选择“二次函数”。",
    ),
    ("explain.map.still", "这里运行所见的曲率全为 0（曲面是平的，或阻尼 τ = 1）：无论 η 取多少，x 都不动，没有收敛速度可画。"),
    ("explain.map.no_bowl", "a ≤ 0 或 b ≤ 0 时二次函数没有最小值：任何 (η, γ) 都会沿负曲率方向发散。"),
    ("explain.map.current", "η = {0}，γ = {1} 时：ρ = {2}——误差每步乘以 {2}，每 {3} 步缩小到十分之一。"),
    ("explain.map.current_div", "η = {0}，γ = {1} 时：ρ = {2} > 1——发散。"),
    ("explain.map.current_edge", "η = {0}，γ = {1} 时：ρ = 1，正好在稳定界限上——误差既不缩小也不增大。"),
    ("explain.map.off", "（η = {0} 超出了图的右边界）"),
];

#[cfg(test)]
mod tests {
    /// What a reader sees before the wasm runs is the table's English.
    #[test]
    fn the_panels_markup_carries_the_english_words() {
        let html = include_str!("../../../../www/index.html");
        let mut n = 0;
        for part in html.split("data-i18n=\"explain.").skip(1) {
            let (key, rest) = part.split_once('"').unwrap_or_default();
            let text = rest.split_once('>').unwrap_or_default().1;
            let text = text.split('<').next().unwrap_or_default();
            let key = format!("explain.{key}");
            let want = super::EN.iter().find(|(k, _)| *k == key);
            assert_eq!(Some(text), want.map(|(_, v)| *v), "{key}");
            n += 1;
        }
        assert!(n >= 10, "only {n} explain keys in www/index.html");
    }
}
