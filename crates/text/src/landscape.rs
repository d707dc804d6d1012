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
    match l {
        Landscape::Expr(_) => tr(lang, "surface.option.expr").to_string(),
        _ => format!(
            "{} — {}",
            surface_name(l, lang),
            l.formula().trim_start_matches("f = ")
        ),
    }
}

/// The surface's name alone: the chosen one's in the closed picker, whose
/// formula stands on the line under it (with it, Rosenbrock's and the
/// others' were cut on a 1366 px laptop).
pub fn surface_name(l: &Landscape, lang: Lang) -> &'static str {
    match l {
        Landscape::Expr(_) => tr(lang, "surface.name.expr"),
        Landscape::Quadratic(_) => tr(lang, "surface.name.quadratic"),
        Landscape::Saddle => tr(lang, "surface.name.saddle"),
        Landscape::Rosenbrock(_) => "Rosenbrock",
        Landscape::Himmelblau => "Himmelblau",
        Landscape::Beale => "Beale",
        Landscape::Rastrigin(_) => "Rastrigin",
    }
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
    fn the_chosen_surface_is_named_alone_and_begins_its_option() {
        for kind in &gradscape_core::landscape::KINDS {
            let l = Landscape::from_kind(kind).unwrap();
            for lang in [Lang::En, Lang::Zh] {
                let name = surface_name(&l, lang);
                assert!(!name.is_empty() && !name.contains('—'), "{kind}: {name}");
                if *kind != "expr" {
                    assert!(surface_option(&l, lang).starts_with(&format!("{name} — ")));
                }
            }
        }
        let expr = Landscape::from_kind("expr").unwrap();
        assert_eq!(surface_name(&expr, Lang::Zh), "自定义公式");
        assert!(crate::english_words(surface_name(&expr, Lang::Zh)).is_empty());
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
