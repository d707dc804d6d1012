//! The core has no words: no Chinese and no English sentence in its code
//! (doc comments, comments and `#[cfg(test)]` modules aside), and no browser
//! dependency. Sentences belong to gradscape-text.

use std::path::{Path, PathBuf};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F      // CJK punctuation
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF00..=0xFFEF) // full-width forms
}

/// The code of a file: comments, doc comments and `#[cfg(test)]` items
/// blanked out (a line-based reading: the core's style keeps test modules
/// at the end and comments on their own lines or after code).
fn code_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            // Skip the item that follows: one line ending in `;`, or a
            // block up to its closing brace at the same indentation.
            let indent = line.len() - line.trim_start().len();
            if let Some((_, header)) = lines.next() {
                if !header.trim_end().ends_with(';') {
                    for (_, l) in lines.by_ref() {
                        if l.len() - l.trim_start().len() == indent && l.trim() == "}" {
                            break;
                        }
                    }
                }
            }
            continue;
        }
        out.push((i + 1, strip_comment(line)));
    }
    out
}

/// A line without its `//` comment (outside string literals).
fn strip_comment(line: &str) -> String {
    let mut in_str = false;
    let mut prev = '\0';
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '"' && prev != '\\' {
            in_str = !in_str;
        }
        if !in_str && c == '/' && chars.get(i + 1) == Some(&'/') {
            return chars[..i].iter().collect();
        }
        prev = if prev == '\\' && c == '\\' { '\0' } else { c };
    }
    line.to_string()
}

/// The string literals of a line of code.
fn literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut prev = '\0';
    for c in code.chars() {
        match (&mut cur, c) {
            (None, '"') if prev != '\'' => cur = Some(String::new()),
            (Some(s), '"') if prev != '\\' => {
                out.push(std::mem::take(s));
                cur = None;
            }
            (Some(s), c) => s.push(c),
            _ => {}
        }
        prev = if prev == '\\' && c == '\\' { '\0' } else { c };
    }
    out
}

/// Two or more lowercase English words in a row, separated by spaces
/// ("must be", "no optimizer"): a sentence, not a name or a number format.
fn is_sentence(lit: &str) -> bool {
    let words: Vec<&str> = lit.split(' ').collect();
    words.windows(2).any(|w| {
        w.iter()
            .all(|x| x.len() >= 2 && x.chars().all(|c| c.is_ascii_lowercase()))
    })
}

/// Literals allowed although they look like sentences (none today).
const ALLOWED: &[&str] = &[];

/// Messages of broken invariants, for developers (a panic is a bug, never
/// shown to a user as text of the page or the CLI).
const INVARIANTS: &[&str] = &[
    "unreachable!(",
    "panic!(",
    "assert!(",
    "assert_eq!(",
    "assert_ne!(",
    "debug_assert",
    ".expect(",
];

fn offences(text: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let mut after_invariant = false;
    for (n, code) in code_lines(text) {
        if code.chars().any(is_cjk) {
            bad.push(format!("line {n}: Chinese: {}", code.trim()));
        }
        let invariant = INVARIANTS.iter().any(|m| code.contains(m));
        let skip = invariant || after_invariant;
        after_invariant = invariant && code.trim_end().ends_with('(');
        if skip {
            continue;
        }
        for lit in literals(&code) {
            if is_sentence(&lit) && !ALLOWED.contains(&lit.as_str()) {
                bad.push(format!("line {n}: English sentence: \"{lit}\""));
            }
        }
    }
    bad
}

/// The file of the module that declares `file`'s module (`a/mod.rs` or
/// `a.rs` for `a/b.rs`; for `a/b/mod.rs`, the same for `a/b`).
fn parent_module(file: &Path) -> Option<(PathBuf, String)> {
    let mut dir = file.parent()?;
    let mut name = file.file_stem()?.to_string_lossy().into_owned();
    if name == "mod" {
        name = dir.file_name()?.to_string_lossy().into_owned();
        dir = dir.parent()?;
    }
    [
        dir.join("mod.rs"),
        dir.with_extension("rs"),
        dir.join("lib.rs"),
    ]
    .into_iter()
    .find(|p| p.is_file())
    .map(|p| (p, name))
}

/// Whether `file` is a `#[cfg(test)]` module in a file of its own
/// (`#[cfg(test)] mod tests;`), or inside one: left out as an inline
/// `#[cfg(test)]` module is.
fn test_only(file: &Path) -> bool {
    let Some((parent, name)) = parent_module(file) else {
        return false;
    };
    let text = std::fs::read_to_string(&parent).expect("readable source");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let declared = lines.windows(2).any(|w| {
        w[0] == "#[cfg(test)]" && w[1].trim_start_matches("pub ") == format!("mod {name};")
    });
    declared || (parent != file && !parent.ends_with("lib.rs") && test_only(&parent))
}

#[test]
fn the_core_has_no_sentences() {
    let mut files = Vec::new();
    rust_files(&manifest_dir().join("src"), &mut files);
    assert!(files.len() > 20, "only {} files found", files.len());
    let mut bad = Vec::new();
    for f in files.iter().filter(|f| !test_only(f)) {
        let text = std::fs::read_to_string(f).expect("readable source");
        for o in offences(&text) {
            bad.push(format!("{}: {o}", f.display()));
        }
    }
    assert!(
        bad.is_empty(),
        "words in the core (move them to gradscape-text):\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_should_and_skips_what_it_should() {
    assert_eq!(offences("let e = \"must be positive\";").len(), 1);
    assert_eq!(offences("let e = \"必须\";").len(), 1);
    assert!(offences("/// The value must be positive.\nfn f() {}").is_empty());
    assert!(offences("let x = 1; // it must be positive").is_empty());
    assert!(
        offences("#[cfg(test)]\nmod tests {\n    const S: &str = \"must be positive\";\n}")
            .is_empty()
    );
    assert!(offences("format!(\"{v:e}\"); \"landscape.kind\"; \"[x, y]\"").is_empty());
    assert!(offences("unreachable!(\n    \"operands are pushed above\"\n)").is_empty());
    assert_eq!(offences("let a = 1;\nlet b = \"no optimizer\";").len(), 1);
    // Code after a test module is checked again.
    assert_eq!(
        offences("#[cfg(test)]\nmod tests {\n}\nconst S: &str = \"no optimizer\";").len(),
        1
    );
}

#[test]
fn the_core_does_not_depend_on_the_browser() {
    let toml = std::fs::read_to_string(manifest_dir().join("Cargo.toml")).expect("Cargo.toml");
    for dep in ["wasm-bindgen", "web-sys", "js-sys"] {
        assert!(
            !toml.contains(dep),
            "crates/core/Cargo.toml depends on {dep}"
        );
    }
}

#[test]
fn a_test_module_in_a_file_of_its_own_is_left_out_and_no_other() {
    let dir = std::env::temp_dir().join(format!("gradscape-purity-{}", std::process::id()));
    for d in ["url/tests", "params"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
    }
    for (f, text) in [
        ("lib.rs", "pub mod params;\npub mod url;\n"),
        ("url/mod.rs", "mod page;\n\n#[cfg(test)]\nmod tests;\n"),
        ("url/page.rs", ""),
        ("url/tests/mod.rs", "mod page;\n"),
        ("url/tests/page.rs", ""),
        ("params.rs", "mod press;\n#[cfg(test)]\nmod tests;\n"),
        ("params/press.rs", ""),
        ("params/tests.rs", ""),
    ] {
        std::fs::write(dir.join(f), text).unwrap();
    }
    let left_out: Vec<bool> = [
        "url/tests/page.rs",
        "url/tests/mod.rs",
        "params/tests.rs",
        "url/page.rs",
        "url/mod.rs",
        "params/press.rs",
        "lib.rs",
    ]
    .iter()
    .map(|f| test_only(&dir.join(f)))
    .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(left_out, [true, true, true, false, false, false, false]);
}
