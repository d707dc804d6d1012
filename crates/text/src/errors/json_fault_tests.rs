use super::scene::json_fault;
use super::*;
use gradscape_core::scene::Problem;

/// The Chinese words say what serde_json found wrong, not only where.
#[test]
fn a_chinese_json_error_says_what_is_wrong() {
    let cases = [
        ("not json", "这里应当是一个值"),
        (r#"{"steps": 5,}"#, "多了一个逗号"),
        (r#"{"steps": 5"#, "内容不完整"),
        (r#"{"a": "abc"#, "缺少结尾的引号"),
        (r#"{"a": "#, "这里应当是一个值"),
        (r#"{steps: 5}"#, "键必须是带双引号的文字"),
        (r#"{"steps" 5}"#, "键后应当是 :"),
        (r#"{"steps": 5} x"#, "多余的字符"),
        (r#"[1 2]"#, "这里应当是 , 或 ]"),
    ];
    for (text, words) in cases {
        let e = gradscape_core::Scene::from_json(text).unwrap_err();
        let zh = scene_error(&e, Lang::Zh);
        assert!(zh.contains(words) && zh.contains("第 1 行"), "{text}: {zh}");
    }
}

/// Every fault serde_json can report reading a scene is said in plain
/// words in both languages, with its line and column: English quoted
/// the parser ("EOF while parsing a value"), and 中文 said only where
/// for a fault the table lacked ("lr": 1e400).
#[test]
fn every_json_fault_has_its_reason_in_both_languages() {
    let cases = [
        (r#"{"lr": 1e400}"#, "a number out of range", "数值超出范围"),
        (
            r#"{"a": "x\q"}"#,
            "a backslash that JSON does not know",
            "反斜杠转义",
        ),
        (
            r#"{"a": "\uZZZZ"}"#,
            "a backslash that JSON does not know",
            "反斜杠转义",
        ),
        (r#"{"a": "\uDC00"}"#, "not a character", "不是有效的字符"),
        (r#"{"a": "\uD800"}"#, "not a character", "不是有效的字符"),
        (
            r#"{"a": "\uD800\u0041"}"#,
            "not a character",
            "不是有效的字符",
        ),
        ("{\"a\": \"x\ny\"}", "a line break or tab", "换行或制表符"),
        (&"[".repeat(200), "nested too deeply", "嵌套太深"),
        (r#"{"a": 01}"#, "", ""),
        (r#"{"a": -}"#, "not written as JSON", "数字的写法不对"),
        (r#"{"a": [1, 2"#, "ends early", "内容不完整"),
        (
            r#"{"a": "#,
            "ends early: a value is missing",
            "这里应当是一个值",
        ),
        (r#"{"a": tru}"#, "a value belongs here", "这里应当是一个值"),
        (r#"{"a": [1,]}"#, "a comma too many", "多了一个逗号"),
    ];
    for (text, en_words, zh_words) in cases {
        let e = gradscape_core::Scene::from_json(text).unwrap_err();
        let Problem::NotJson {
            detail,
            line,
            column,
        } = &e.problem
        else {
            panic!("{text}: {e:?}");
        };
        assert!(
            json_fault(detail).is_some(),
            "{text}: {detail} has no words"
        );
        let (en, zh) = (scene_error(&e, Lang::En), scene_error(&e, Lang::Zh));
        assert!(en.contains(en_words), "{text}: {en}");
        assert!(zh.contains(zh_words), "{text}: {zh}");
        assert!(en.contains(&format!("line {line} column {column}")), "{en}");
        assert!(zh.contains(&format!("第 {line} 行第 {column} 列")), "{zh}");
        assert!(!en.contains("EOF") && !en.contains("parsing"), "{en}");
    }
    let said = |text: &str| {
        let e = gradscape_core::Scene::from_json(text).unwrap_err();
        [Lang::En, Lang::Zh].map(|l| scene_error(&e, l))
    };
    // The field it broke in is named.
    assert_eq!(
        said(r#"{"optimizers": [{"kind": "gd", "lr": 1e400}]}"#),
        [
            "optimizers[0].lr: not valid JSON: line 1 column 42: a number out of range (JSON numbers here must be within ±1.79e308)",
            "第 1 个优化器的 lr：不是有效的 JSON：第 1 行第 42 列有误：数值超出范围（须在 ±1.79e308 以内）",
        ]
    );
    // No text at all is said so.
    for text in ["", " \n\t "] {
        assert_eq!(
            said(text),
            [
                "the scene is empty: no JSON at all ({} is the default scene)",
                "场景是空的：没有任何 JSON（默认场景写作 {}）",
            ]
        );
    }
}
