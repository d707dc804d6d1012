//! The scene JSON parser: any text either parses into a scene that survives
//! its round trips and simulates, or gives a field-naming error; no panic.
#![no_main]
use gradscape::text::errors;
use gradscape::text::Lang;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match gradscape::scene::Scene::from_json(text) {
        Ok(scene) => common::check_scene(&scene),
        // Worded in both languages, never empty.
        Err(e) => {
            for lang in [Lang::En, Lang::Zh] {
                assert!(!errors::scene_error(&e, lang).is_empty(), "{e:?}");
            }
        }
    }
});
