//! The URL reader: any query string opens some valid scene (with notices for
//! what was dropped); that scene survives its round trips; no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (scene, t, _notices) = gradscape::url::from_query(&text);
    if let Some(t) = t {
        assert!(t <= scene.steps);
    }
    common::check_scene(&scene);
});
