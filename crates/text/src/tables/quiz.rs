//! The words of the quiz link (predict, then reveal): the prompt, the
//! buttons, the result, the link's notices and the Share panel's quiz-link
//! maker. The link's names (`quiz`, `predict`, `at`, `ahead`, `run`) are
//! filled in as written.

/// English.
pub const EN: crate::Table = &[
    ("quiz.region", "Quiz"),
    (
        "quiz.prompt",
        "Where will {0} be after {1} more steps? Click or tap the figure.",
    ),
    ("quiz.prompt.present", "Where will {0} be after {1} more steps?"),
    ("quiz.prompt.one", "Where will {0} be after one more step? Click or tap the figure."),
    ("quiz.prompt.present.one", "Where will {0} be after one more step?"),
    ("quiz.run", "{0} ({1})"),
    (
        "quiz.hint",
        "Click or tap to place your guess; click again to move it. Keys: the arrows move the guess, Enter places it, Enter again reveals.",
    ),
    (
        "quiz.hint.touch",
        "Tap the figure to place your guess; tap again to move it.",
    ),
    ("quiz.placed", "Your guess: ({0}, {1}). Reveal when ready."),
    ("quiz.cursor", "Cursor at ({0}, {1}): Enter places your guess here."),
    ("quiz.reveal", "Reveal"),
    ("quiz.retry", "Try again"),
    ("quiz.revealing", "Playing steps {0} to {1}…"),
    (
        "quiz.revealing.paused",
        "Paused at step {0}: press ▶ to play on to step {1} and see the answer.",
    ),
    (
        "quiz.result",
        "Step {0}: {1} is at ({2}, {3}). Your guess was {4} away, {5} % of the view's diagonal: {6}",
    ),
    ("quiz.result.noguess", "Step {0}: {1} is at ({2}, {3})."),
    (
        "quiz.result.stopped",
        "It stopped at step {0}, before the step asked about: this is its last point.",
    ),
    ("quiz.verdict.close", "close!"),
    ("quiz.verdict.near", "not far."),
    ("quiz.verdict.off", "off."),
    ("quiz.marker.guess", "guess"),
    (
        "quiz.keys",
        "in a quiz: move the guess, place it with Enter; Enter again reveals",
    ),
    ("quiz.marker.truth", "step {0}"),
    ("quiz.hidden", "Later steps stay hidden until the reveal."),
    (
        "quiz.state",
        "Step {0}, the last step shown (from step {1}); the next steps stay hidden until the reveal.",
    ),
    ("quiz.notice.mode", "{0}: unknown kind “{1}” (the kinds are {2}); no quiz"),
    ("quiz.notice.arg", "{0}: unknown argument “{1}”; ignored"),
    (
        "quiz.notice.bad",
        "{0}.{1}: must be a whole number from {2} to {3} (got “{4}”); the default is used",
    ),
    (
        "quiz.notice.nothing",
        "{0}: the scene has no step or no optimizer to ask about; no quiz",
    ),
    (
        "quiz.notice.one-trail",
        "{0}: which needs two runs at least to tell apart (the scene has one); no quiz",
    ),
    (
        "quiz.notice.stops-first",
        "{0}: run {1} stops at step {2}, before the pause at step {3}, so there is nothing to predict; no quiz",
    ),
    (
        "quiz.which.prompt",
        "Which trail is which optimizer? Name each trail in the legend, then Reveal.",
    ),
    (
        "quiz.which.hint",
        "The names are hidden until the reveal; each trail keeps its colour.",
    ),
    ("quiz.which.trail", "trail {0}"),
    ("quiz.which.pick", "which optimizer?"),
    ("quiz.which.aria", "The optimizer of trail {0}"),
    ("quiz.which.result", "{0} of {1} named right."),
    ("quiz.which.right", "✓ right"),
    ("quiz.which.wrong", "✗ you said {0}"),
    ("quiz.which.none", "✗ not named"),
    ("quiz.which.share", "which trail is which (every run)"),
    ("quiz.share.title", "Quiz link"),
    (
        "quiz.share.help",
        "Pause at the current step (halfway at the last one), ask where a run will be a number of steps later, reveal on a click.",
    ),
    ("quiz.share.ahead", "reveal after (steps)"),
    ("quiz.share.ahead.rule", "{0} must be a whole number from 1 to {1}"),
    ("quiz.share.run", "ask about"),
    ("quiz.share.copy", "Copy quiz link"),
    (
        "quiz.share.copied",
        "Quiz link copied: it pauses at step {0} and asks where {1} will be after {2} more steps.",
    ),
    (
        "quiz.share.copied.one",
        "Quiz link copied: it pauses at step {0} and asks where {1} will be after one more step.",
    ),
    (
        "quiz.share.copied.which",
        "Quiz link copied: it pauses at step {0} with the names hidden and asks which trail is which; the reveal plays {1} more steps.",
    ),
    (
        "quiz.share.none",
        "No quiz link: the figure needs a step after the current one and a run.",
    ),
];

/// 简体中文.
pub const ZH: crate::Table = &[
    ("quiz.region", "小测验"),
    ("quiz.prompt", "再走 {1} 步后，{0}会在哪里？请在图上点击或轻触。"),
    ("quiz.prompt.present", "再走 {1} 步后，{0}会在哪里？"),
    ("quiz.prompt.one", "再走 1 步后，{0}会在哪里？请在图上点击或轻触。"),
    ("quiz.prompt.present.one", "再走 1 步后，{0}会在哪里？"),
    ("quiz.run", "{0}（{1}）"),
    (
        "quiz.hint",
        "点击或轻触放置你的猜测，再次点击可移动它。键盘：方向键移动猜测，回车键放置，再按回车键揭晓。",
    ),
    ("quiz.hint.touch", "轻触图形放置你的猜测，再次轻触可移动它。"),
    ("quiz.placed", "你的猜测：({0}, {1})。准备好后点击揭晓。"),
    ("quiz.cursor", "光标在 ({0}, {1})：按回车键把猜测放在这里。"),
    ("quiz.reveal", "揭晓"),
    ("quiz.retry", "再试一次"),
    ("quiz.revealing", "正在播放第 {0} 步到第 {1} 步…"),
    (
        "quiz.revealing.paused",
        "已暂停在第 {0} 步：按 ▶ 继续播放到第 {1} 步，即可看到答案。",
    ),
    (
        "quiz.result",
        "第 {0} 步：{1} 位于 ({2}, {3})。你的猜测相差 {4}，占视图对角线的 {5} %：{6}",
    ),
    ("quiz.result.noguess", "第 {0} 步：{1} 位于 ({2}, {3})。"),
    (
        "quiz.result.stopped",
        "它在第 {0} 步停止，没有到达所问的步数：这是它的最后一个点。",
    ),
    ("quiz.verdict.close", "很接近！"),
    ("quiz.verdict.near", "不算远。"),
    ("quiz.verdict.off", "偏差较大。"),
    ("quiz.marker.guess", "猜测"),
    ("quiz.keys", "测验中：移动猜测，按回车键放置；再按回车键揭晓"),
    ("quiz.marker.truth", "第 {0} 步"),
    ("quiz.hidden", "揭晓之前，后面的步数保持隐藏。"),
    (
        "quiz.state",
        "第 {0} 步，即显示的最后一步（从第 {1} 步出发）；揭晓之前，后面的步数保持隐藏。",
    ),
    (
        "quiz.notice.mode",
        "{0}：未知的类型“{1}”（可用类型：{2}）；不设测验",
    ),
    ("quiz.notice.arg", "{0}：未知的参数“{1}”；已忽略"),
    (
        "quiz.notice.bad",
        "{0}.{1}：必须是 {2} 到 {3} 之间的整数（输入为“{4}”）；使用默认值",
    ),
    (
        "quiz.notice.nothing",
        "{0}：场景中没有可提问的步数或优化器；不设测验",
    ),
    (
        "quiz.notice.one-trail",
        "{0}：辨认轨迹的测验至少需要两次运行（场景中只有一次）；不设测验",
    ),
    (
        "quiz.notice.stops-first",
        "{0}：第 {1} 次运行在第 {2} 步就停止了，早于暂停的第 {3} 步，没有可预测的；不设测验",
    ),
    (
        "quiz.which.prompt",
        "哪条路径是哪个优化器？请在图例中为每条路径命名，然后点击揭晓。",
    ),
    ("quiz.which.hint", "揭晓之前名称保持隐藏；每条路径保持自己的颜色。"),
    ("quiz.which.trail", "路径 {0}"),
    ("quiz.which.pick", "哪个优化器？"),
    ("quiz.which.aria", "路径 {0} 的优化器"),
    ("quiz.which.result", "答对 {0} 个，共 {1} 个。"),
    ("quiz.which.right", "✓ 正确"),
    ("quiz.which.wrong", "✗ 你选的是 {0}"),
    ("quiz.which.none", "✗ 未命名"),
    ("quiz.which.share", "哪条路径是哪个优化器（全部路径）"),
    ("quiz.share.title", "测验链接"),
    (
        "quiz.share.help",
        "在当前步暂停（在最后一步时改为中途暂停），提问某条路径若干步之后的位置，点击后揭晓。",
    ),
    ("quiz.share.ahead", "揭晓步数"),
    ("quiz.share.ahead.rule", "{0}必须是 1 到 {1} 之间的整数"),
    ("quiz.share.run", "提问对象"),
    ("quiz.share.copy", "复制测验链接"),
    (
        "quiz.share.copied",
        "测验链接已复制：它在第 {0} 步暂停，问再走 {2} 步后“{1}”会在哪里。",
    ),
    (
        "quiz.share.copied.one",
        "测验链接已复制：它在第 {0} 步暂停，问再走 1 步后“{1}”会在哪里。",
    ),
    (
        "quiz.share.copied.which",
        "测验链接已复制：它在第 {0} 步暂停并隐藏名称，提问哪条路径是哪个优化器；揭晓时再播放 {1} 步。",
    ),
    (
        "quiz.share.none",
        "无法生成测验链接：图中需要当前步之后还有步数，并且至少有一条路径。",
    ),
];
