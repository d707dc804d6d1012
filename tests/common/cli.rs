//! Helpers shared by the tests/cli_*.rs binaries: running the `gradscape`
//! binary, scratch files, and checks on its exit code and output.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gradscape"));
    c.current_dir(ROOT);
    c
}

pub fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

pub fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// A fresh path in a per-process scratch directory.
pub fn tmp(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("gradscape-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{}-{name}", N.fetch_add(1, Ordering::SeqCst)))
}

pub fn write_tmp(name: &str, text: &str) -> PathBuf {
    let p = tmp(name);
    std::fs::write(&p, text).unwrap();
    p
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
pub fn assert_ok(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    assert!(!stderr(o).contains("panicked"));
}

/// Exit code 2, nothing on stdout, no panic.
#[track_caller]
pub fn assert_refused(o: &Output, what: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{what}: stderr {err:?}");
    assert!(!err.contains("panicked"), "{what}: {err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{what}: {err}");
    assert!(o.stdout.is_empty(), "{what}: stdout {:?}", stdout(o));
}

/// …and exactly one non-empty line on stderr, which contains every word.
#[track_caller]
pub fn assert_one_line(o: &Output, what: &str, words: &[&str]) {
    assert_refused(o, what);
    let err = stderr(o);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{what}: {err:?}");
    for w in words {
        assert!(lines[0].contains(w), "{what}: {:?} lacks {w:?}", lines[0]);
    }
}

pub fn json_out(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).expect("stdout is JSON")
}
