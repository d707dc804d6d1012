//! Writes the content of `zh.json` from the Chinese compiled in (a build
//! without the feature `zh-data`: `examples/zh_data.rs`); [`crate::zh`]
//! installs it in the page's wasm.

use crate::lessons;
use crate::TABLES;
use serde_json::{Map, Value};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zh::{install, installed, lookup};

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
