//! The page's own words: header, time bar, panels, legend and messages.

/// English.
pub const EN: super::Table = &[("lang.name", "English")];

/// 简体中文.
pub const ZH: super::Table = &[("lang.name", "简体中文")];
