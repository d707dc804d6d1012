//! The Jupyter widget's package (`python/`) is the same release as the
//! crate: its pyproject version and `gradscape.__version__` are Cargo.toml's,
//! and the JavaScript it hands to anywidget imports nothing by URL (anywidget
//! loads it from a Blob URL, where a relative import cannot resolve).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap()
}

#[test]
fn pyproject_version_is_cargos() {
    let want = format!("version = \"{}\"", env!("CARGO_PKG_VERSION"));
    let py = read("python/pyproject.toml");
    let got: Vec<&str> = py.lines().filter(|l| l.starts_with("version =")).collect();
    assert_eq!(got, [want.as_str()], "python/pyproject.toml");
}

#[test]
fn module_version_is_cargos() {
    let want = format!("__version__ = \"{}\"", env!("CARGO_PKG_VERSION"));
    let init = read("python/gradscape/__init__.py");
    assert!(
        init.lines().any(|l| l == want),
        "python/gradscape/__init__.py lacks {want}"
    );
}

#[test]
fn widget_js_imports_nothing_by_url() {
    let js = read("python/gradscape/widget.js");
    for line in js.lines().map(str::trim) {
        if line.starts_with("//") {
            continue;
        }
        assert!(
            !(line.starts_with("import ") || line.contains(" from '") || line.contains(" from \"")),
            "widget.js imports by URL: {line}"
        );
        assert!(!line.contains("fetch("), "widget.js fetches: {line}");
    }
}
