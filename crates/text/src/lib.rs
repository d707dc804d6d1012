//! gradscape's words in English and 简体中文: the text layer.
//!
//! Every sentence a user can see — in the page, the CLI and the SVG figure —
//! is made here, from the core's typed values and the message tables.
//!
//! Every visible string comes from a message table: one list of
//! `(key, text)` per language for each part of the page (`page`, and one per
//! panel), which together are the table of that language. A key missing in
//! either language fails a test; so does English left in a Chinese text
//! (other than symbols, names and numbers). Messages with values use `{0}`,
//! `{1}`… placeholders, filled by [`trf`].
//!
//! The Chinese follows the seed's terms: 学习率 (learning rate), 动量法
//! (momentum), 指数移动加权平均 (exponential moving average), 偏差修正 (bias
//! correction), 权重衰减 (weight decay), 发散 (diverge), 震荡 (oscillate),
//! 自变量 (the variable x), 梯度 (gradient).

pub mod diagnose;
pub mod errors;
pub mod inspect;
pub mod landscape;
pub mod lessons;
mod names;
pub mod optim;
pub mod output;
pub mod pytorch;
pub mod quiz;
pub mod schedule;
pub mod summary;
pub mod svg;
pub mod tables;
pub mod wrap;
pub mod zh;
pub mod zh_file;

pub use names::{english_words, NAMES};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// 简体中文.
    Zh,
}

impl Lang {
    /// From its code (`en`, `zh`; `zh-CN`, `zh-Hans` and `en-US` too).
    pub fn from_code(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        if c == "en" || c.starts_with("en-") {
            Some(Lang::En)
        } else if c == "zh" || c.starts_with("zh-") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// The code written in `<html lang>` and in the figure API.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The value of a link's `lang=` (README: `lang=en`, `lang=zh`).
    pub fn param(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// One part's table: `(key, text)` pairs.
pub type Table = &'static [(&'static str, &'static str)];

/// Every part's tables: [`TABLES`], and the English column alone.
macro_rules! parts {
    ($($part:ident),*) => {
        /// Every part's tables, English and Chinese side by side.
        pub const TABLES: &[(&str, Table, Table)] =
            &[$((stringify!($part), tables::$part::EN, tables::$part::ZH)),*];
        /// The English tables alone: reading [`TABLES`] at run time would
        /// link its Chinese column too.
        #[cfg(feature = "zh-data")]
        const ENGLISH: &[Table] = &[$(tables::$part::EN),*];
    };
}
parts!(page, diagnose, expr, errors, explain, state, schedule, media, code, quiz, teach);

/// The text of `key` in `lang`; the key itself when it is missing (a test
/// makes sure none is).
///
/// With the feature `zh-data` (the page's wasm) the Chinese comes from
/// [`zh::install`]; until it is installed, a Chinese lookup gives the
/// English text (never a key).
pub fn tr(lang: Lang, key: &str) -> &'static str {
    #[cfg(feature = "zh-data")]
    let text = match lang {
        Lang::Zh => zh::lookup(key),
        Lang::En => None,
    }
    .or_else(|| find(ENGLISH.iter().copied(), key));
    #[cfg(not(feature = "zh-data"))]
    let text = find(
        TABLES.iter().map(|(_, en, zh)| match lang {
            Lang::En => *en,
            Lang::Zh => *zh,
        }),
        key,
    );
    // Leaked only for a key no table has, which the tests rule out.
    text.unwrap_or_else(|| Box::leak(key.to_string().into_boxed_str()))
}

/// The text of `key` in the first of `tables` that has it.
fn find(mut tables: impl Iterator<Item = Table>, key: &str) -> Option<&'static str> {
    tables.find_map(|t| t.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
}

/// Between two sentences: a space in English, nothing after a Chinese 。.
pub fn gap(lang: Lang) -> &'static str {
    match lang {
        Lang::En => " ",
        Lang::Zh => "",
    }
}

/// A control's name without the key that presses it, for a touch screen
/// (no keyboard to press it with): "Fit the trails in view (F)" → "Fit
/// the trails in view", "播放 / 暂停（空格）" → "播放 / 暂停". Only a final
/// group in brackets naming keys goes: one character, Space, or a
/// combination with Ctrl ("(EMA)" or "(Nesterov)" stay).
pub fn without_key(name: &str) -> &str {
    let t = name.trim_end();
    for (open, close) in [(" (", ")"), ("（", "）")] {
        let Some(inner) = t.strip_suffix(close) else {
            continue;
        };
        let Some(at) = inner.rfind(open) else {
            continue;
        };
        let key = &inner[at + open.len()..];
        let is_key =
            key.chars().count() == 1 || matches!(key, "Space" | "空格") || key.starts_with("Ctrl+");
        if is_key && at > 0 {
            return &t[..at];
        }
    }
    name
}

/// [`tr`] with `{0}`, `{1}`… replaced by `args`.
pub fn trf(lang: Lang, key: &str, args: &[&str]) -> String {
    let mut s = tr(lang, key).to_string();
    for (i, a) in args.iter().enumerate() {
        s = s.replace(&format!("{{{i}}}"), a);
    }
    s
}

#[cfg(test)]
mod tests;
