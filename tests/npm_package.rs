//! The release folder is an npm package (`www/package.json`, copied into
//! dist/ by scripts/build.mjs): its version is the crate's, its exports name files the
//! build writes under stable names, and it is copied at all.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap()
}

fn manifest() -> Value {
    serde_json::from_str(&read("www/package.json")).unwrap()
}

#[test]
fn the_version_is_the_crates() {
    let pkg = manifest();
    assert_eq!(pkg["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(pkg["name"], "gradscape");
    assert_eq!(pkg["license"], env!("CARGO_PKG_LICENSE"));
    assert_eq!(pkg["type"], "module");
}

#[test]
fn the_exports_are_the_builds_stable_file_names() {
    let pkg = manifest();
    let exports = pkg["exports"].as_object().unwrap();
    assert_eq!(exports["."], "./gradscape.js");
    assert_eq!(exports["./figure"], "./gradscape-figure.js");
    assert_eq!(exports["./gradscape_bg.wasm"], "./gradscape_bg.wasm");
    // wasm-bindgen names its files after --out-name; the build adds no hash.
    let build = read("scripts/build.mjs");
    assert!(build.contains("'--out-name=gradscape'"));
    assert_eq!(env!("CARGO_PKG_NAME"), "gradscape");
    // Every file the package lists is one the build writes: the wasm-bindgen
    // pair, or a www/ file in the build's COPY list.
    let copy = build
        .lines()
        .find(|l| l.starts_with("export const COPY = ["))
        .expect("scripts/build.mjs has its COPY list on one line");
    let files: Vec<&str> = pkg["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for target in exports.values().filter_map(Value::as_str) {
        let name = target.trim_start_matches("./");
        assert!(files.contains(&name), "{name} is exported but not in files");
    }
    for name in files {
        if name == "gradscape.js" || name == "gradscape_bg.wasm" {
            continue;
        }
        // The Chinese tables, written by the build from the text crate.
        if name == "zh.json" {
            assert!(
                build.contains("'zh.json'"),
                "scripts/build.mjs does not write zh.json"
            );
            continue;
        }
        assert!(
            Path::new(ROOT).join("www").join(name).is_file(),
            "www/{name}"
        );
        assert!(
            copy.contains(&format!("'{name}'")),
            "scripts/build.mjs does not copy {name} into dist/"
        );
    }
}
