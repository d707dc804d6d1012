//! A surface's parameters in words.

use crate::{tr, Lang};
use gradscape_core::landscape::{Landscape, Param};

/// A parameter's name beside its field: its symbol (Rastrigin writes its
/// amplitude A), or the word for the bowl's rotation.
pub fn param_name(l: &Landscape, p: Param, lang: Lang) -> &'static str {
    match (l, p) {
        (Landscape::Rastrigin(_), Param::A) => "A",
        (_, Param::A) => "a",
        (_, Param::B) => "b",
        (_, Param::Rotation) => tr(lang, "surface.rotation"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let bowl = Landscape::from_kind("quadratic").unwrap();
        let names: Vec<&str> = bowl
            .params()
            .iter()
            .map(|&(p, _)| param_name(&bowl, p, Lang::Zh))
            .collect();
        assert_eq!(names[..2], ["a", "b"]);
        assert!(crate::english_words(names[2]).is_empty(), "{}", names[2]);
        let r = Landscape::from_kind("rastrigin").unwrap();
        assert_eq!(param_name(&r, Param::A, Lang::En), "A");
    }
}
