//! The fonts every export draws with, embedded in the binary: subsets of
//! DejaVu Sans (Latin, Greek, math signs) and Noto Sans CJK SC (中文), made
//! by `scripts/subset-fonts.py` (licences in `assets/fonts/`). usvg sees only
//! these, never the machine's fonts, so a figure is the same everywhere.

use std::sync::{Arc, OnceLock};
use usvg::fontdb::Database;

/// DejaVu Sans, subset: ASCII, Greek, sub/superscripts, the math signs.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-subset.ttf");
/// Noto Sans CJK SC, subset: the CJK characters of the text tables.
pub const NOTO_SANS_CJK_SC: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-subset.otf");
/// The family usvg falls back on (the SVG names both families itself).
pub const DEFAULT_FAMILY: &str = "DejaVu Sans";

/// The font database with the two embedded fonts and nothing else, loaded
/// once per process.
pub fn database() -> Arc<Database> {
    static DB: OnceLock<Arc<Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = Database::new();
        db.load_font_data(DEJAVU_SANS.to_vec());
        db.load_font_data(NOTO_SANS_CJK_SC.to_vec());
        db.set_sans_serif_family(DEFAULT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_holds_exactly_the_two_embedded_families() {
        let db = database();
        let mut families: Vec<String> = db
            .faces()
            .flat_map(|f| f.families.iter().map(|(n, _)| n.clone()))
            .collect();
        families.sort();
        families.dedup();
        assert_eq!(families, ["DejaVu Sans", "Noto Sans CJK SC"]);
        // The SVG names them first, in this order.
        assert!(crate::svg::FONT_FAMILY.starts_with("DejaVu Sans, Noto Sans CJK SC,"));
    }
}

/// Every character the SVG figure can write is in the embedded fonts: the
/// table strings it words runs with (titles, kinds, statuses, flags,
/// schedule names) and the text of figures of every surface and optimizer,
/// in both languages. A new string with a character the subsets lack fails
/// here: rerun `scripts/subset-fonts.py`.
#[cfg(test)]
mod coverage {
    use super::*;
    use crate::optim::ALL_KINDS;
    use crate::svg::{render, SvgOptions};
    use crate::text::{Lang, TABLES};
    use crate::{simulate, Scene};
    use ttf_parser::Face;

    /// The keys the SVG words a figure with (`svg.rs`, `opt_label`,
    /// `status_text`, `schedule::kind_name`).
    fn svg_key(key: &str) -> bool {
        ["svg.", "status.", "kind.", "flag.", "schedule.kind."]
            .iter()
            .any(|p| key.starts_with(p))
            || key == "label.no-bias"
    }

    fn texts_of(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .map(|t| {
                let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
                body.replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
            })
            .collect()
    }

    fn figures(lang: Lang) -> Vec<String> {
        let kinds: Vec<String> = ALL_KINDS
            .iter()
            .map(|k| format!(r#"{{"kind": "{}"}}"#, k.name()))
            .collect();
        let extras = r#"{"kind": "adam", "bias_correction": false, "amsgrad": true},
            {"kind": "rmsprop", "centered": true, "momentum": 0.5, "lambda": 0.01},
            {"kind": "nadam", "decoupled": true, "lambda": 0.1},
            {"kind": "momentum", "nesterov": true, "dampening": 0},
            {"kind": "gd", "lr": 0.6, "schedule": {"kind": "step", "step_size": 5, "gamma": 0.5}}"#;
        let mut scenes = vec![
            // At most 16 runs a scene: the kinds, then the extras.
            format!(r#"{{"steps": 12, "optimizers": [{}]}}"#, kinds.join(",")),
            format!(r#"{{"steps": 12, "optimizers": [{extras}]}}"#),
            r#"{"landscape": {"kind": "rosenbrock"}, "steps": 60, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#.into(),
            r#"{"landscape": {"kind": "himmelblau"}, "start": [0, 0], "optimizers": [{"kind": "newton"}]}"#.into(),
            r#"{"landscape": {"kind": "saddle"}, "start": [0, 0], "optimizers": [{"kind": "newton"}]}"#.into(),
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2, "rotation": 30}}"#.into(),
            r#"{"landscape": {"kind": "expr", "expr": "sin(x)*cos(y) + 0.1*x^2 + abs(y)"}}"#.into(),
        ];
        scenes.extend(
            ["beale", "rastrigin"].map(|k| format!(r#"{{"landscape": {{"kind": "{k}"}}}}"#)),
        );
        let mut out = Vec::new();
        for json in scenes {
            let scene = Scene::from_json(&json).unwrap_or_else(|e| panic!("{json}: {e:?}"));
            let runs = simulate(&scene).unwrap();
            for step in [None, Some(0), Some(7)] {
                let opt = SvgOptions {
                    lang,
                    step,
                    ..SvgOptions::default()
                };
                out.extend(texts_of(&render(&scene, &runs, &opt)));
            }
        }
        out
    }

    #[test]
    fn every_character_the_svg_writes_has_a_glyph() {
        let fonts = [
            Face::parse(DEJAVU_SANS, 0).unwrap(),
            Face::parse(NOTO_SANS_CJK_SC, 0).unwrap(),
        ];
        let mut strings: Vec<String> = "0123456789.,+-−×e·()[]= "
            .chars()
            .map(String::from)
            .collect();
        for (_, en, zh) in TABLES {
            for (key, text) in en.iter().chain(zh.iter()) {
                if svg_key(key) {
                    strings.push(text.to_string());
                }
            }
        }
        let figures_en = figures(Lang::En);
        let figures_zh = figures(Lang::Zh);
        assert!(
            figures_zh.iter().any(|t| t.contains("梯度下降")),
            "zh figures are worded"
        );
        strings.extend(figures_en);
        strings.extend(figures_zh);
        let mut missing = std::collections::BTreeSet::new();
        for s in &strings {
            for c in s.chars() {
                if !fonts.iter().any(|f| f.glyph_index(c).is_some()) {
                    missing.insert((c, s.clone()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "no glyph in the embedded fonts (rerun scripts/subset-fonts.py): {missing:?}"
        );
    }

    #[test]
    fn the_check_sees_a_missing_glyph() {
        // Not every character: a rare CJK one is outside the subset.
        let noto = Face::parse(NOTO_SANS_CJK_SC, 0).unwrap();
        assert!(noto.glyph_index('发').is_some());
        assert!(noto.glyph_index('龘').is_none());
    }
}
