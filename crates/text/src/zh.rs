//! The Chinese rows of the message tables as data. The page's wasm is
//! built with the feature `zh-data`: its tables then hold no Chinese (12 KB
//! of the first load that an English page never shows); a 中文 page fetches
//! `zh.json` (written from the built-in tables by `examples/zh_data.rs`
//! when the page is built) alongside the wasm and installs it before the
//! first word is drawn. Native builds (the CLI, the tests) keep the tables
//! compiled in, and so can write the file.

use crate::lessons;
use crate::TABLES;
use serde_json::{Map, Value};
use std::sync::OnceLock;

/// The installed rows, in the file's order.
static ROWS: OnceLock<Vec<(String, String)>> = OnceLock::new();

/// Every table's Chinese rows as one JSON object, `{"key": "text", …}`, in
/// the tables' order, then the lessons' titles and captions (keyed by
/// [`lessons::zh_key`]): the content of `zh.json`. Built without `zh-data`
/// (as `examples/zh_data.rs` is), where the Chinese is compiled in.
pub fn to_json() -> String {
    let mut m = Map::new();
    for (_, _, zh) in TABLES {
        for (k, v) in zh.iter() {
            m.insert((*k).to_string(), Value::String((*v).to_string()));
        }
    }
    for (key, text) in lesson_rows() {
        m.insert(key, Value::String(text.to_string()));
    }
    Value::Object(m).to_string()
}

/// Every lesson's title and caption as compiled in, with its key.
fn lesson_rows() -> Vec<(String, &'static str)> {
    let mut rows = vec![];
    for id in 1.. {
        let Some(l) = lessons::lesson_text(id) else {
            break;
        };
        rows.push((lessons::zh_key(id, "title"), l.title.zh));
        rows.push((lessons::zh_key(id, "caption"), l.caption.zh));
    }
    rows
}

/// Install the rows of `json` (the content of `zh.json`): the number of
/// rows, or why the text is not a JSON object of strings. Only the first
/// install counts (the rows are handed out as `&'static str`); a later one
/// returns the installed count.
pub fn install(json: &str) -> Result<usize, String> {
    if let Some(rows) = ROWS.get() {
        return Ok(rows.len());
    }
    let value: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let Value::Object(m) = value else {
        return Err("not a JSON object".into());
    };
    let mut rows = Vec::with_capacity(m.len());
    for (k, v) in m {
        match v {
            Value::String(s) => rows.push((k, s)),
            _ => return Err(format!("{k}: not a string")),
        }
    }
    Ok(ROWS.get_or_init(|| rows).len())
}

/// Whether Chinese rows have been installed.
pub fn installed() -> bool {
    ROWS.get().is_some()
}

/// The installed text of `key`, if any.
pub fn lookup(key: &str) -> Option<&'static str> {
    let rows = ROWS.get()?;
    rows.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_gives_every_built_in_row() {
        // Bad files are refused before anything is installed.
        assert!(install("[1, 2]").is_err());
        assert!(install(r#"{"lang.name": 3}"#).is_err());
        assert!(install("{").is_err());
        assert!(!installed());
        let json = to_json();
        let n = install(&json).unwrap();
        let mut rows = 0;
        for (part, _, zh) in TABLES {
            for (k, v) in zh.iter() {
                assert_eq!(lookup(k), Some(*v), "{part}.{k}");
                rows += 1;
            }
        }
        let lessons = lesson_rows();
        assert_eq!(lessons.len(), 2 * gradscape_core::lesson::LESSONS.len());
        for (key, text) in lessons {
            assert!(!text.is_empty(), "{key}");
            assert_eq!(lookup(&key), Some(text), "{key}");
            rows += 1;
        }
        assert_eq!(n, rows);
        assert_eq!(lookup("no.such.key"), None);
        // A second install keeps the first rows.
        assert_eq!(install(r#"{"lang.name": "x"}"#), Ok(rows));
        assert_eq!(lookup("lang.name"), Some("简体中文"));
    }
}
