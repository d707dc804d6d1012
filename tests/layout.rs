//! The README's "Project layout" stays true: every source file under `src/`
//! and `crates/` is named there (in its folder's entry), and every path the
//! layout names exists.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The fenced block under `## Project layout`.
fn layout() -> String {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let section = readme
        .split("## Project layout")
        .nth(1)
        .expect("README has a Project layout section");
    section
        .split("```")
        .nth(1)
        .expect("the layout is a fenced block")
        .to_string()
}

/// The block's entries: a path at the start of a line, with its description
/// (the continuation lines, which start with spaces).
fn entries(block: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with(' ') {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else {
            let (paths, rest) = line.split_once("  ").unwrap_or((line, ""));
            out.push((paths.trim().to_string(), rest.trim().to_string()));
        }
    }
    out
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn sources() -> Vec<String> {
    let mut all = Vec::new();
    files(&Path::new(ROOT).join("src"), &mut all);
    for c in std::fs::read_dir(Path::new(ROOT).join("crates")).unwrap() {
        let c = c.unwrap().path();
        for sub in ["src", "tests"] {
            if c.join(sub).is_dir() {
                files(&c.join(sub), &mut all);
            }
        }
    }
    let mut rel: Vec<String> = all
        .iter()
        .map(|p| {
            p.strip_prefix(ROOT)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    rel.sort();
    rel
}

/// Whether `file` is named: its full path, or its folder's entry (the path
/// ends in `/`) naming it (`mod.rs` may be left out: the entry is the folder).
fn listed(file: &str, entries: &[(String, String)]) -> bool {
    let (dir, name) = file.rsplit_once('/').unwrap();
    entries.iter().any(|(paths, text)| {
        paths.split(", ").any(|p| {
            let p = p.trim();
            p == file
                || (p == format!("{dir}/") && (name == "mod.rs" || text.contains(name)))
                || (p.ends_with(&format!("/{name}")) && file.ends_with(p))
        })
    })
}

#[test]
fn every_source_file_is_in_the_readme_layout() {
    let block = layout();
    let entries = entries(&block);
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|f| !listed(f, &entries))
        .collect();
    assert!(
        missing.is_empty(),
        "README's Project layout does not name: {missing:#?}"
    );
}

#[test]
fn every_path_in_the_layout_exists() {
    for (paths, _) in entries(&layout()) {
        for p in paths.split(", ") {
            let p = p.trim();
            if p.contains('*') || p.contains('{') || p.contains(' ') {
                continue;
            }
            assert!(
                Path::new(ROOT).join(p).exists(),
                "README's Project layout names {p}, which does not exist"
            );
        }
    }
}

#[test]
fn the_check_can_fail() {
    let e = entries("src/web/   the shell (draw.rs: canvas)\nsrc/lib.rs  map\n");
    assert!(listed("src/web/draw.rs", &e));
    assert!(listed("src/web/mod.rs", &e));
    assert!(listed("src/lib.rs", &e));
    assert!(!listed("src/web/figure.rs", &e));
    assert!(!listed("src/main.rs", &e));
}
