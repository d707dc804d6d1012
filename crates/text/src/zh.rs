//! The Chinese rows of the message tables and lessons as data. The page's
//! wasm is built with the feature `zh-data`: its tables then hold no
//! Chinese (16 KB gzip of the first load that an English page never
//! shows); a 中文 page fetches `zh.json` (written by
//! [`crate::zh_file`] when the page is built) alongside the wasm and
//! installs it here before the first word is drawn. Native builds (the CLI,
//! the tests) keep the Chinese compiled in, and so can write the file.

use serde_json::Value;
use std::sync::OnceLock;

/// The installed rows, in the file's order.
static ROWS: OnceLock<Vec<(String, String)>> = OnceLock::new();

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
