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

/// A surface's option in the surface picker: its name and formula
/// ("quadratic — 0.1·x₁² + 2·x₂²"). In English the bowl and the saddle are
/// the scene's kinds, as the link writes them (`f=quadratic`), in Chinese
/// words; the others are people's names, capitalized as the lessons write
/// them (the link's `f=` takes any case).
pub fn surface_option(l: &Landscape, lang: Lang) -> String {
    let name = match l {
        Landscape::Expr(_) => return tr(lang, "surface.option.expr").to_string(),
        Landscape::Quadratic(_) => tr(lang, "surface.name.quadratic"),
        Landscape::Saddle => tr(lang, "surface.name.saddle"),
        Landscape::Rosenbrock(_) => "Rosenbrock",
        Landscape::Himmelblau => "Himmelblau",
        Landscape::Beale => "Beale",
        Landscape::Rastrigin(_) => "Rastrigin",
    };
    format!("{name} — {}", l.formula().trim_start_matches("f = "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_name_the_bowl_and_the_saddle_in_chinese() {
        let bowl = Landscape::from_kind("quadratic").unwrap();
        assert_eq!(
            surface_option(&bowl, Lang::En),
            "quadratic — 0.1·x₁² + 2·x₂²"
        );
        assert_eq!(
            surface_option(&bowl, Lang::Zh),
            "二次函数 — 0.1·x₁² + 2·x₂²"
        );
        let rosen = Landscape::from_kind("rosenbrock").unwrap();
        assert!(surface_option(&rosen, Lang::Zh).starts_with("Rosenbrock — "));
        let saddle = Landscape::from_kind("saddle").unwrap();
        assert!(surface_option(&saddle, Lang::Zh).starts_with("鞍点函数 — "));
        let expr = Landscape::from_kind("expr").unwrap();
        assert!(crate::english_words(&surface_option(&expr, Lang::Zh)).is_empty());
    }

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
