//! The formula language's error messages (src/landscape/expr.rs).

/// English.
pub const EN: crate::Table = &[
    ("expr.at", "column {0}: {1}"),
    ("expr.quote", "'{0}'"),
    (
        "expr.too-long",
        "the formula is too long ({0} characters; at most {1})",
    ),
    (
        "expr.empty",
        "the formula is empty: write f in terms of x and y, e.g. x^2 + 10*y^2",
    ),
    (
        "expr.too-complex",
        "the formula is too complex to evaluate (it needs more than {0} pending values)",
    ),
    (
        "expr.bad-char",
        "unexpected character {0}: use numbers, x, y, + - * / ^, parentheses and functions",
    ),
    (
        "expr.bad-char-ime",
        "unexpected character {0} (Chinese punctuation): switch the input method to English punctuation",
    ),
    ("expr.digit", "expected a digit before or after '.'"),
    (
        "expr.exponent",
        "expected the exponent's digits (as in 1e-3)",
    ),
    ("expr.two-dots", "a number has at most one '.'"),
    ("expr.too-large", "the number {0} is too large"),
    (
        "expr.too-deep",
        "the formula is nested too deeply (at most {0} levels)",
    ),
    ("expr.unmatched", "unmatched {0}"),
    (
        "expr.implicit",
        "expected an operator before {0} (multiplication needs '*', as in 2*x)",
    ),
    (
        "expr.comma",
        "unexpected {0} (only min and max take two arguments)",
    ),
    ("expr.unexpected", "unexpected {0}"),
    (
        "expr.ends",
        "the formula ends too early: expected a number, x, y, a constant, a function or '('",
    ),
    (
        "expr.plus",
        "expected a number, x, y, a constant, a function or '(' (a leading '+' is not needed)",
    ),
    (
        "expr.found",
        "expected a number, x, y, a constant, a function or '(', found {0}",
    ),
    (
        "expr.close-found",
        "expected ')' to close {0} at column {1}, found {2}",
    ),
    (
        "expr.close-missing",
        "missing ')' to close {0} at column {1}",
    ),
    (
        "expr.unknown",
        "unknown name {0}: use x, y, pi, e or a function ({1})",
    ),
    ("expr.paren", "expected '(' after {0}, as in {0}(x)"),
    ("expr.arity1", "{0} takes 1 argument (got {1} or more)"),
    ("expr.arity2", "{0} takes 2 arguments (got {1})"),
    (
        "expr.arity2-more",
        "{0} takes 2 arguments (got {1} or more)",
    ),
];

/// 简体中文.
pub const ZH: crate::Table = &[
    ("expr.at", "第 {0} 列：{1}"),
    ("expr.quote", "“{0}”"),
    ("expr.too-long", "公式太长（{0} 个字符；最多 {1} 个）"),
    (
        "expr.empty",
        "公式为空：请用 x 和 y 写出 f，例如 x^2 + 10*y^2",
    ),
    (
        "expr.too-complex",
        "公式太复杂，无法计算（需要超过 {0} 个待算的值）",
    ),
    (
        "expr.bad-char",
        "无法识别的字符{0}：请使用数、x、y、+ - * / ^、括号和函数",
    ),
    (
        "expr.bad-char-ime",
        "无法识别的字符{0}（中文标点）：请把输入法切换为英文标点",
    ),
    ("expr.digit", "小数点前后需要数字"),
    ("expr.exponent", "指数部分需要数字（如 1e-3）"),
    ("expr.two-dots", "一个数最多只能有一个小数点"),
    ("expr.too-large", "数 {0} 太大"),
    ("expr.too-deep", "公式嵌套太深（最多 {0} 层）"),
    ("expr.unmatched", "多余的{0}"),
    ("expr.implicit", "{0}之前缺少运算符（乘法要写“*”，如 2*x）"),
    ("expr.comma", "多余的{0}（只有 min 和 max 有两个参数）"),
    ("expr.unexpected", "此处不应出现{0}"),
    (
        "expr.ends",
        "公式提前结束：此处需要数、x、y、常数、函数或“(”",
    ),
    (
        "expr.plus",
        "此处需要数、x、y、常数、函数或“(”（开头不需要“+”）",
    ),
    ("expr.found", "此处需要数、x、y、常数、函数或“(”，却是{0}"),
    ("expr.close-found", "需要“)”来闭合第 {1} 列的{0}，却是{2}"),
    ("expr.close-missing", "缺少“)”来闭合第 {1} 列的{0}"),
    (
        "expr.unknown",
        "未知的名称{0}：请使用 x、y、pi、e 或函数（{1}）",
    ),
    ("expr.paren", "{0} 之后需要“(”，如 {0}(x)"),
    ("expr.arity1", "{0} 只有 1 个参数（却有 {1} 个或更多）"),
    ("expr.arity2", "{0} 需要 2 个参数（却只有 {1} 个）"),
    ("expr.arity2-more", "{0} 只有 2 个参数（却有 {1} 个或更多）"),
];
