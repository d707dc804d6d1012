//! The runs switched off in the legend, as a link writes them (`hidden=2,3`).

use super::{decode, Notice};

/// The link's key for the runs switched off in the legend (`hidden=2,3`).
/// Not `hide=`, which leaves controls out of a teacher's link; not in the
/// scene JSON either: which runs are shown is the view, not the experiment.
pub const HIDDEN_KEY: &str = "hidden";

/// The `hidden=` value of `hidden` (each run switched off, by its number
/// in the legend, 1 first: `2,3`); None when every run is shown, so a link
/// without hidden runs reads as it always did.
pub fn write_hidden(hidden: &[bool]) -> Option<String> {
    let numbers: Vec<String> = hidden
        .iter()
        .enumerate()
        .filter(|(_, &h)| h)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    (!numbers.is_empty()).then(|| numbers.join(","))
}

/// The runs `query`'s `hidden=` switches off among `runs` (its last
/// `hidden=`, as for every key), with a notice naming what is no run's
/// number (`hidden=9` of two runs, `hidden=x`): those are dropped, the
/// numbers that are runs' kept.
pub fn read_hidden(query: &str, runs: usize) -> (Vec<bool>, Vec<Notice>) {
    match query
        .trim_start_matches('?')
        .split('&')
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .filter(|(k, _)| *k == HIDDEN_KEY)
        .map(|(_, v)| decode(v))
        .next_back()
    {
        Some(v) => hidden_runs(&v, runs),
        None => (vec![false; runs], vec![]),
    }
}

/// The runs a `hidden=` value (`2,3`; the CLI's `--hidden`) switches off
/// among `runs`, as [`read_hidden`] reads it.
pub fn hidden_runs(v: &str, runs: usize) -> (Vec<bool>, Vec<Notice>) {
    let mut hidden = vec![false; runs];
    let mut bad = vec![];
    // Empty items (`hidden=`, `1,,2`) say nothing and hide nothing.
    for item in v.split(',').filter(|i| !i.trim().is_empty()) {
        // `hidden=２`, typed in full width, as `lesson=`.
        let n: String = item
            .trim()
            .chars()
            .map(crate::format::typed_ascii)
            .collect();
        match n.parse::<usize>() {
            Ok(n) if (1..=runs).contains(&n) => hidden[n - 1] = true,
            _ => bad.push(item.trim().to_string()),
        }
    }
    let notices = if bad.is_empty() {
        vec![]
    } else {
        vec![Notice::BadHidden {
            got: bad.join(","),
            runs,
        }]
    };
    (hidden, notices)
}
