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
