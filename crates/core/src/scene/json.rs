//! Scene JSON read into a [`Value`], refusing a key written twice in one
//! object: `serde_json::from_str::<Value>` keeps the last silently, so a
//! hand-written `{"steps": 5, "steps": 6}` ran 6 steps without a word. The
//! same parse as `Value`'s own (serde_json's parser, its errors and
//! positions), with a check at every key; the path of the key is built only
//! when it is refused. A text that is not JSON also gets the path of the
//! innermost key whose value it broke in (`optimizers[0].lr` for a
//! `1e400` there), where there is one.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::fmt;

/// A key written twice: its JSON path (`optimizers[1].lr`) and where its
/// second occurrence ends (1-based line and column of its closing quote).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The path of the key.
    pub path: String,
    /// Line of the second occurrence.
    pub line: usize,
    /// Column of its closing quote.
    pub column: usize,
}

/// Why a text is not a scene's JSON.
#[derive(Debug)]
pub enum ReadError {
    /// Not JSON: serde_json's error, and the path of the innermost key whose
    /// value it is in (empty when it is between keys of the scene itself).
    Json(serde_json::Error, String),
    /// A key written twice in one object.
    Duplicate(Duplicate),
}

/// Parse `text` as [`serde_json::from_str`] does, refusing a key written
/// twice in one object.
pub fn parse(text: &str) -> Result<Value, ReadError> {
    let found = RefCell::new(None);
    let at = At {
        up: None,
        seg: Seg::Root,
        found: &found,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let v = at.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    v.map_err(|e| match found.take() {
        Some(Found {
            path,
            duplicate: true,
        }) => ReadError::Duplicate(Duplicate {
            path,
            line: e.line(),
            column: e.column(),
        }),
        Some(Found { path, .. }) => ReadError::Json(e, path),
        None => ReadError::Json(e, String::new()),
    })
}

/// Where the parse failed: a key written twice, or the innermost key whose
/// value failed.
struct Found {
    path: String,
    duplicate: bool,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// Where a value stands: its parent's place and its own key or index.
#[derive(Clone, Copy)]
struct At<'a> {
    up: Option<&'a At<'a>>,
    seg: Seg<'a>,
    /// Where the parse failed, set by the innermost place that saw it.
    found: &'a RefCell<Option<Found>>,
}

impl At<'_> {
    /// Mark this place as where the parse failed, unless a place inside
    /// it was marked.
    fn found(&self, duplicate: bool) {
        let mut f = self.found.borrow_mut();
        if f.is_none() {
            *f = Some(Found {
                path: self.path(),
                duplicate,
            });
        }
    }

    fn path(&self) -> String {
        let head = self.up.map(At::path).unwrap_or_default();
        match self.seg {
            Seg::Root => head,
            Seg::Key(k) if head.is_empty() => k.to_string(),
            Seg::Key(k) => format!("{head}.{k}"),
            Seg::Index(i) => format!("{head}[{i}]"),
        }
    }
}

impl<'de> DeserializeSeed<'de> for At<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for At<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(n.into())
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(n.into())
    }
    fn visit_f64<E>(self, x: f64) -> Result<Value, E> {
        Ok(x.into())
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.into()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(At {
            up: Some(&self),
            seg: Seg::Index(items.len()),
            found: self.found,
        })? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut m = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let at = At {
                up: Some(&self),
                seg: Seg::Key(&key),
                found: self.found,
            };
            if m.contains_key(&key) {
                at.found(true);
                // No words: `parse` turns it into a `Duplicate`.
                return Err(de::Error::custom(""));
            }
            let v = map.next_value_seed(at).inspect_err(|_| at.found(false))?;
            m.insert(key, v);
        }
        Ok(Value::Object(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dup(text: &str) -> Duplicate {
        match parse(text) {
            Err(ReadError::Duplicate(d)) => d,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn values_are_those_of_serde_json() {
        for text in [
            r#"{"steps": 5, "start": [-1.5, 2e-3], "optimizers": [{"kind": "gd", "lr": 0.1}, {}]}"#,
            r#"[1, -2, 18446744073709551615, 0.30000000000000004, "x\u00e9", true, false, null, {}]"#,
            "  7 ",
        ] {
            let want: Value = serde_json::from_str(text).unwrap();
            assert_eq!(parse(text).unwrap(), want, "{text}");
        }
        // Key order is kept (preserve_order), as serde_json keeps it.
        let v = parse(r#"{"b": 1, "a": 2}"#).unwrap();
        assert_eq!(
            v.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["b", "a"]
        );
    }

    #[test]
    fn a_key_written_twice_is_named_with_its_path_and_place() {
        assert_eq!(
            dup(r#"{"steps":5,"steps":6}"#),
            Duplicate {
                path: "steps".into(),
                line: 1,
                column: 18
            }
        );
        let d = dup(
            "{\"optimizers\": [{\"kind\": \"gd\"},\n {\"kind\": \"adam\", \"lr\": 1, \"lr\": 2}]}",
        );
        assert_eq!((d.path.as_str(), d.line), ("optimizers[1].lr", 2));
        assert_eq!(
            dup(r#"{"landscape": {"a": 1, "a": 1}}"#).path,
            "landscape.a"
        );
        assert_eq!(dup(r#"[[{}, {"k": 0, "k": 0}]]"#).path, "[0][1].k");
        // The same key in two objects is not a duplicate.
        assert!(parse(r#"[{"lr": 1}, {"lr": 2}, {"x": {"lr": 3}}]"#).is_ok());
    }

    #[test]
    fn not_json_is_serde_jsons_error() {
        let cases = [
            ("", ""),
            ("{", ""),
            (r#"{"steps": 5,}"#, ""),
            ("[1] 2", ""),
            (r#"{"lr": 1e400}"#, "lr"),
            (
                r#"{"optimizers": [{"kind": "gd", "lr": 1e400}]}"#,
                "optimizers[0].lr",
            ),
            (r#"{"start": [1, 2"#, "start"),
            (r#"{"optimizers": [{"kind": "gd" "lr": 1}]}"#, "optimizers"),
            (
                r#"{"landscape": {"kind": "expr", "expr": "x\q"}}"#,
                "landscape.expr",
            ),
        ];
        for (text, path) in cases {
            let want = serde_json::from_str::<Value>(text).unwrap_err().to_string();
            match parse(text) {
                Err(ReadError::Json(e, at)) => {
                    assert_eq!(e.to_string(), want, "{text}");
                    assert_eq!(at, path, "{text}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
