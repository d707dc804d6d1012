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

/// A crate's modules by path (`["web", "draw"]`), each with its source
/// before any `#[cfg(test)]` and without line comments.
fn modules(src: &Path) -> Vec<(Vec<String>, String)> {
    let mut paths = Vec::new();
    files(src, &mut paths);
    paths
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(src).unwrap().with_extension("");
            let mut m: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(m.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                m.pop();
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: Vec<&str> = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect();
            (m, code.join("\n"))
        })
        .collect()
}

/// The module paths a source refers to: `crate::a::b…` and `super::x…`
/// (relative to `module`, whose parent `super` is).
fn references(module: &[String], code: &str) -> Vec<Vec<String>> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let mut out = Vec::new();
    for (prefix, base) in [
        ("crate::", vec![]),
        ("super::", module[..module.len().saturating_sub(1)].to_vec()),
    ] {
        for (i, _) in code.match_indices(prefix) {
            if i > 0 && code[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[i + prefix.len()..];
            let path: String = rest.chars().take_while(|&c| word(c)).collect();
            let mut parts: Vec<String> = path
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            // `use super::{a, b::c}`: each name in the braces.
            if rest[path.len()..].starts_with('{') {
                let inner = rest[path.len() + 1..].split('}').next().unwrap_or("");
                for name in inner.split(',') {
                    let head = name.trim().split("::").next().unwrap_or("").trim();
                    if head.starts_with(|c: char| c.is_ascii_lowercase()) {
                        let mut p = base.clone();
                        p.extend(parts.iter().cloned());
                        p.push(head.to_string());
                        out.push(p);
                    }
                }
            }
            let mut p = base.clone();
            p.append(&mut parts);
            out.push(p);
        }
    }
    out
}

/// The import edges between sibling modules: module a uses module b, at the
/// first level where their paths differ.
fn edges(src: &Path) -> Vec<(Vec<String>, Vec<String>)> {
    let mods = modules(src);
    let known: Vec<&Vec<String>> = mods.iter().map(|(m, _)| m).collect();
    let mut out = Vec::new();
    for (m, code) in &mods {
        for r in references(m, code) {
            let Some(target) = (1..=r.len())
                .rev()
                .map(|k| r[..k].to_vec())
                .find(|p| known.contains(&p))
            else {
                continue;
            };
            let i = m.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if i < m.len() && i < target.len() {
                let e = (m[..=i].to_vec(), target[..=i].to_vec());
                if !out.contains(&e) {
                    out.push(e);
                }
            }
        }
    }
    out
}

/// Pairs of modules that reach each other through imports.
fn cycles(src: &Path) -> Vec<String> {
    let e = edges(src);
    let reaches = |from: &Vec<String>, to: &Vec<String>| {
        let mut seen: Vec<&Vec<String>> = Vec::new();
        let mut stack = vec![from];
        while let Some(x) = stack.pop() {
            if x == to {
                return true;
            }
            if seen.contains(&x) {
                continue;
            }
            seen.push(x);
            stack.extend(e.iter().filter(|(a, _)| a == x).map(|(_, b)| b));
        }
        false
    };
    let mut out: Vec<String> = e
        .iter()
        .filter(|(a, b)| reaches(b, a))
        .map(|(a, b)| format!("{} → {}", a.join("::"), b.join("::")))
        .collect();
    out.sort();
    out
}

#[test]
fn no_import_cycle_between_the_modules_of_a_crate() {
    for src in ["src", "crates/core/src", "crates/text/src"] {
        let found = cycles(&Path::new(ROOT).join(src));
        assert!(
            found.is_empty(),
            "{src}: modules that import each other: {found:#?}"
        );
    }
}

#[test]
fn the_cycle_check_can_fail() {
    let dir = std::env::temp_dir().join(format!("gradscape-cycle-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("web")).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod a;\nmod web;\n").unwrap();
    std::fs::write(
        dir.join("a.rs"),
        "use crate::web::draw::Geom; // crate::nope\n",
    )
    .unwrap();
    std::fs::write(dir.join("web/mod.rs"), "mod draw;\nmod overlay;\n").unwrap();
    std::fs::write(dir.join("web/draw.rs"), "use super::overlay;\n").unwrap();
    std::fs::write(dir.join("web/overlay.rs"), "use super::{draw::Geom, x};\n").unwrap();
    let found = cycles(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        found,
        ["web::draw → web::overlay", "web::overlay → web::draw"]
    );
}
