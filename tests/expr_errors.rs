//! User-written surfaces, errors: every kind of error message with its
//! column, and the limits enforced without overflowing the stack.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::expr::{MAX_DEPTH, MAX_LEN};

#[allow(dead_code)]
#[path = "common/expr.rs"]
mod expr;
use expr::*;

#[test]
fn every_error_kind_says_where_and_what() {
    let cases: [(&str, usize, &str); 22] = [
        ("", 1, "the formula is empty"),
        ("   ", 1, "the formula is empty"),
        ("x + ", 5, "the formula ends too early: expected a number, x, y, a constant, a function or '('"),
        ("x $ y", 3, "unexpected character '$'"),
        ("2x", 2, "expected an operator before 'x' (multiplication needs '*', as in 2*x)"),
        ("x y", 3, "expected an operator before 'y'"),
        ("(x + 1)(y - 1)", 8, "expected an operator before '('"),
        ("x + foo", 5, "unknown name 'foo': use x, y, pi, e or a function (sqrt, exp, ln, log, sin, cos, tan, tanh, abs, min, max)"),
        ("sin x", 5, "expected '(' after sin, as in sin(x)"),
        ("sin", 4, "expected '(' after sin"),
        ("(x + y", 7, "missing ')' to close '(' at column 1"),
        ("sin(x", 6, "missing ')' to close 'sin(' at column 4"),
        ("(x,y)", 3, "expected ')' to close '(' at column 1, found ','"),
        ("x + y)", 6, "unmatched ')'"),
        ("x, y", 2, "unexpected ',' (only min and max take two arguments)"),
        ("min(x)", 6, "min takes 2 arguments (got 1)"),
        ("max(x, y, 1)", 9, "max takes 2 arguments (got 3 or more)"),
        ("x * * y", 5, "expected a number, x, y, a constant, a function or '(', found '*'"),
        ("+x", 1, "a leading '+' is not needed"),
        ("1e", 3, "expected the exponent's digits (as in 1e-3)"),
        ("1.2.3", 4, "a number has at most one '.'"),
        ("1e999 * x", 1, "the number 1e999 is too large"),
    ];
    for (src, col, msg) in cases {
        let e = err(src);
        // The same error in 中文, without English words.
        let zh = gradscape::text::errors::expr_error(&e, gradscape::text::Lang::Zh);
        assert!(zh.starts_with(&format!("第 {col} 列：")), "{zh}");
        // (what the user typed is quoted as is)
        let words: Vec<String> = gradscape::text::english_words(&zh)
            .into_iter()
            .filter(|w| !src.contains(w.as_str()))
            .collect();
        assert!(words.is_empty(), "{src:?}: English in {zh}: {words:?}");
        assert_eq!(
            gradscape::text::errors::expr_error(&e, gradscape::text::Lang::En),
            gradscape::text::errors::expr_error(&e, gradscape::text::Lang::En)
        );
        assert_eq!(e.column, col, "{src:?}: {e:?}");
        assert!(
            message(&e).contains(msg),
            "{src:?}: {e:?}\n  expected: {msg}"
        );
        assert_eq!(
            gradscape::text::errors::expr_error(&e, gradscape::text::Lang::En),
            format!("column {col}: {}", message(&e))
        );
    }
    let e = err(".");
    assert_eq!(
        (e.column, message(&e).as_str()),
        (1, "expected a digit before or after '.'")
    );
}

#[test]
fn the_limits_are_enforced_without_overflowing_the_stack() {
    // Length: MAX_LEN characters parse, one more does not.
    let ok = format!("x{}", "+1".repeat((MAX_LEN - 1) / 2));
    assert!(ok.chars().count() <= MAX_LEN);
    parse(&ok);
    let long = format!("x{}", " ".repeat(MAX_LEN));
    let e = err(&long);
    assert_eq!(e.column, MAX_LEN + 1);
    assert!(
        message(&e).contains("too long (501 characters; at most 500)"),
        "{e:?}"
    );
    // Nesting: MAX_DEPTH − 1 parentheses inside the top level parse...
    let nest = |n: usize| format!("{}x{}", "(".repeat(n), ")".repeat(n));
    parse(&nest(MAX_DEPTH - 1));
    // ...one more level does not, with the column where it went too deep.
    let e = err(&nest(MAX_DEPTH));
    assert!(
        message(&e).contains("nested too deeply (at most 32 levels)"),
        "{e:?}"
    );
    assert_eq!(e.column, MAX_DEPTH + 1);
    // Deep inputs of every recursive form are refused, not a stack overflow.
    for deep in [
        nest(100_000),
        format!("{}x", "-".repeat(100_000)),
        format!("x{}", "^x".repeat(100_000)),
        format!("{}x{}", "sin(".repeat(100_000), ")".repeat(100_000)),
    ] {
        let e = err(&deep);
        assert!(
            message(&e).contains("too long") || message(&e).contains("too deeply"),
            "{e:?}"
        );
    }
    for deep in [
        format!("{}x", "-".repeat(200)),
        format!("x{}", "^x".repeat(100)),
        format!("{}x{}", "sin(".repeat(60), ")".repeat(60)),
    ] {
        let e = err(&deep);
        assert!(message(&e).contains("nested too deeply"), "{e:?}");
    }
}

/// An error in both languages: (English, 中文).
fn both(src: &str) -> (String, String) {
    use gradscape::text::{errors::expr_error, Lang};
    let e = err(src);
    (expr_error(&e, Lang::En), expr_error(&e, Lang::Zh))
}

#[test]
fn errors_quote_what_the_student_typed_at_its_character() {
    // Signs read as operators are quoted as typed, not as read ('*').
    for (src, en, zh) in [
        (
            "2××x",
            "column 3: expected a number, x, y, a constant, a function or '(', found '×'",
            "第 3 列：此处需要数、x、y、常数、函数或“(”，却是“×”",
        ),
        ("x·/y", "column 3: expected a number, x, y, a constant, a function or '(', found '/'", "第 3 列：此处需要数、x、y、常数、函数或“(”，却是“/”"),
        ("x··y", "column 3: expected a number, x, y, a constant, a function or '(', found '·'", "第 3 列：此处需要数、x、y、常数、函数或“(”，却是“·”"),
        ("x ＋＋＋ y", "column 4: expected a number, x, y, a constant, a function or '(' (a leading '+' is not needed)", "第 4 列：此处需要数、x、y、常数、函数或“(”（开头不需要“+”）"),
        ("（x ＊＊ ＊ y）", "column 7: expected a number, x, y, a constant, a function or '(', found '＊'", "第 7 列：此处需要数、x、y、常数、函数或“(”，却是“＊”"),
        ("x 1.50", "column 3: expected an operator before '1.50' (multiplication needs '*', as in 2*x)", "第 3 列：“1.50”之前缺少运算符（乘法要写“*”，如 2*x）"),
        ("２ｘ", "column 2: expected an operator before 'ｘ' (multiplication needs '*', as in 2*x)", "第 2 列：“ｘ”之前缺少运算符（乘法要写“*”，如 2*x）"),
        ("x²x", "column 3: expected an operator before 'x' (multiplication needs '*', as in 2*x)", "第 3 列：“x”之前缺少运算符（乘法要写“*”，如 2*x）"),
        ("x+²", "column 3: expected a number, x, y, a constant, a function or '(', found '²'", "第 3 列：此处需要数、x、y、常数、函数或“(”，却是“²”"),
        ("(⁻¹)", "column 2: expected a number, x, y, a constant, a function or '(', found '⁻¹'", "第 2 列：此处需要数、x、y、常数、函数或“(”，却是“⁻¹”"),
        // Columns count characters (`（` is three bytes in UTF-8, `²` two).
        ("x²+（y-1）²）", "column 10: unmatched '）'", "第 10 列：多余的“）”"),
        ("x²+（y-1²", "column 9: missing ')' to close '（' at column 4", "第 9 列：缺少“)”来闭合第 4 列的“（”"),
        ("sin（x，y）", "column 6: sin takes 1 argument (got 2 or more)", "第 6 列：sin 只有 1 个参数（却有 2 个或更多）"),
        ("（x，y）", "column 3: expected ')' to close '（' at column 1, found '，'", "第 3 列：需要“)”来闭合第 1 列的“（”，却是“，”"),
        ("ｆｏｏ（x）", "column 1: unknown name 'ｆｏｏ': use x, y, pi, e or a function (sqrt, exp, ln, log, sin, cos, tan, tanh, abs, min, max)", "第 1 列：未知的名称“ｆｏｏ”：请使用 x、y、pi、e 或函数（sqrt, exp, ln, log, sin, cos, tan, tanh, abs, min, max）"),
        // What a Chinese input method types that means nothing here: said so.
        ("x^2 + 3*y^2。", "column 12: unexpected character '。' (Chinese punctuation): switch the input method to English punctuation", "第 12 列：无法识别的字符“。”（中文标点）：请把输入法切换为英文标点"),
        ("x^2+y^2。。", "column 8: unexpected character '。' (Chinese punctuation): switch the input method to English punctuation", "第 8 列：无法识别的字符“。”（中文标点）：请把输入法切换为英文标点"),
        ("x^2 + y。", "column 8: unexpected character '。' (Chinese punctuation): switch the input method to English punctuation", "第 8 列：无法识别的字符“。”（中文标点）：请把输入法切换为英文标点"),
        ("x……2", "column 2: unexpected character '…' (Chinese punctuation): switch the input method to English punctuation", "第 2 列：无法识别的字符“…”（中文标点）：请把输入法切换为英文标点"),
        ("min（x、y）", "column 6: unexpected character '、' (Chinese punctuation): switch the input method to English punctuation", "第 6 列：无法识别的字符“、”（中文标点）：请把输入法切换为英文标点"),
        ("x²+【y】", "column 4: unexpected character '【' (Chinese punctuation): switch the input method to English punctuation", "第 4 列：无法识别的字符“【”（中文标点）：请把输入法切换为英文标点"),
        ("x+😀", "column 3: unexpected character '😀': use numbers, x, y, + - * / ^, parentheses and functions", "第 3 列：无法识别的字符“😀”：请使用数、x、y、+ - * / ^、括号和函数"),
    ] {
        assert_eq!(both(src), (en.to_string(), zh.to_string()), "{src}");
    }
}

#[test]
fn a_chinese_input_methods_brackets_comma_and_digits_are_read() {
    let at = |src: &str| parse(src).value([0.5, -1.5]);
    assert_eq!(at("x²+（y-1）²"), at("x^2+(y-1)^2"));
    assert_eq!(at("ｍａｘ（x，y）＋０．５"), at("max(x,y)+0.5"));
    assert_eq!(at("2×x − y÷4 + 0。5·x⁻¹"), at("2*x - y/4 + 0.5*x^-1"));
}
