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

/// Latin words allowed in Chinese text: names of optimizers, libraries,
/// formats and functions, and the variable names of the formulas.
pub const NAMES: &[&str] = &[
    "AdaGrad",
    "RMSProp",
    "Adam",
    "AdamW",
    "NAdam",
    "Adadelta",
    "Adamax",
    "RAdam",
    "Rprop",
    "Lion",
    "L-BFGS",
    "BFGS",
    "Wolfe",
    "none",
    "strong_wolfe",
    "AMSGrad",
    "Nesterov",
    "L2",
    "gradscape",
    "PyTorch",
    "Python",
    "float64",
    "autograd",
    "SplitMix64",
    "Marsaglia",
    "ReduceLROnPlateau",
    "points",
    "x1",
    "x2",
    "d2l",
    "pytorch",
    "torch",
    "optim",
    // Symbols of the inspector's rules: Newton's Hessian H and
    // solve(H, g), L-BFGS's direction d and its count n of trial points.
    "H",
    "d",
    "n",
    // A curvature in the theory's formulas (the momentum map's h; λ is the
    // weight decay).
    "h",
    "solve",
    "sign",
    "PNG",
    "SVG",
    "CSV",
    "JSON",
    "URL",
    "CLI",
    "render",
    "simulate",
    "code",
    "PDF",
    "WebM",
    "MP4",
    "VP9",
    "H.264",
    "VideoEncoder",
    "iframe",
    "JavaScript",
    "WebAssembly",
    "sqrt",
    "exp",
    "ln",
    "log",
    "sin",
    "cos",
    "tan",
    "tanh",
    "abs",
    "min",
    "max",
    "pi",
    "x1",
    "x2",
    "v",
    "s",
    "m",
    "g",
    "t",
    "f",
    "x",
    "y",
    "e",
    "a",
    "b",
    "A",
    "L",
    "Space",
    "R",
    "P",
    // Key names, as printed on the keys.
    "Ctrl",
    "Cmd",
    "Shift",
    "Alt",
    "Z",
    "Y",
    "Home",
    "End",
    "PageUp",
    "PageDown",
    "Tab",
    "F",
    "E",
    "Esc",
    "B",
    "expr",
    "quadratic",
    "rosenbrock",
    "himmelblau",
    "beale",
    "saddle",
    "rastrigin",
    // The surfaces as people name them (the lessons' titles).
    "Himmelblau",
    "Rosenbrock",
    "Beale",
    "Rastrigin",
    // The lessons' formulas: Lion's sign(·), the Hessian H = diag(·, ·).
    "H",
    "sign",
    "diag",
    // The language picker names each language in itself; formulas multiply symbols.
    "English",
    "xy",
    // η_eff, the effective learning rate's subscript in the inspector's formulas.
    "eff",
    // The EMA explainer and the momentum map: lag k, root z, torch's lr,
    // the link's `ema=` key.
    "k",
    "z",
    "lr",
    "ema",
    // The link's keys and values, named in its notices.
    "conv",
    "expr",
    "opt",
    "view",
    "lesson",
    "lang",
    "present",
    "hidden",
    "en",
    "zh",
    "true",
    "false",
    // The scene's JSON keys and kind names, which errors name as the user
    // typed them.
    "landscape",
    "start",
    "steps",
    "convention",
    "noise",
    "sigma",
    "seed",
    "version",
    "optimizers",
    "kind",
    "rotation",
    "gamma",
    "beta1",
    "beta2",
    "eps",
    "lambda",
    "momentum_decay",
    "bias_correction",
    "nesterov",
    "amsgrad",
    "gd",
    "momentum",
    "adagrad",
    "rmsprop",
    "adam",
    "adam_l2",
    "adamw",
    "nadam",
    "adadelta",
    "adamax",
    "radam",
    "rprop",
    "lion",
    "lbfgs",
    "newton",
    "dampening",
    "lr_decay",
    "initial_accumulator_value",
    "centered",
    "decoupled",
    "etas",
    "step_sizes",
    "history_size",
    "line_search",
    "u",
    "c",
    "r",
    // An optimizer's "schedule" (torch's lr_scheduler argument names and
    // the kinds), which errors and labels name as written.
    "schedule",
    "torch",
    "true",
    "false",
    "multi_step",
    "cosine_warm_restarts",
    "one_cycle",
    "sequential",
    "step_size",
    "milestones",
    "total_iters",
    "start_factor",
    "end_factor",
    "T_max",
    "eta_min",
    "T_0",
    "T_mult",
    "base_lr",
    "max_lr",
    "step_size_up",
    "step_size_down",
    "cycle_momentum",
    "base_momentum",
    "max_momentum",
    "total_steps",
    "pct_start",
    "anneal_strategy",
    "div_factor",
    "final_div_factor",
    "three_phase",
    "threshold_mode",
    "min_lr",
    "schedulers",
    "constant",
    "linear",
    "exponential",
    "polynomial",
    "cosine",
    "cyclic",
    "plateau",
    "factor",
    "power",
    "mode",
    "patience",
    "threshold",
    "cooldown",
    "triangular",
    "triangular2",
    "exp_range",
    "rel",
    // torch's lr_scheduler classes (the schedule picker's hints).
    "StepLR",
    "MultiStepLR",
    "ConstantLR",
    "LinearLR",
    "ExponentialLR",
    "PolynomialLR",
    "CosineAnnealingLR",
    "CosineAnnealingWarmRestarts",
    "CyclicLR",
    "OneCycleLR",
    "ReduceLROnPlateau",
    "SequentialLR",
    "abs",
    "cos",
    "min",
    "max",
    // The command line's options, as typed.
    "help",
    "lang",
    "x0",
    "x1",
    "y0",
    "y1",
];

/// The Latin words of a text that are not in [`NAMES`] (for the tests: a
/// Chinese text must have none).
pub fn english_words(text: &str) -> Vec<String> {
    // Names with an underscore (`momentum_decay`) are one name, not two words.
    // Longest first: `div_factor` must not eat the tail of `final_div_factor`.
    let mut text = text.to_string();
    let mut joined: Vec<&str> = NAMES.iter().copied().filter(|n| n.contains('_')).collect();
    joined.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in joined {
        text = text.replace(n, " ");
    }
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|w| !NAMES.contains(w))
        // Numbers in exponent form (1e-3) and hex colours are not words.
        .filter(|w| !w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::without_key;

    #[test]
    fn a_touch_tip_names_the_control_without_its_key() {
        assert_eq!(
            without_key("Fit the trails in view (F)"),
            "Fit the trails in view"
        );
        assert_eq!(without_key("Play / pause (Space)"), "Play / pause");
        assert_eq!(without_key("Step back (←)"), "Step back");
        assert_eq!(without_key("Redo (Ctrl+Shift+Z or Ctrl+Y)"), "Redo");
        assert_eq!(without_key("播放 / 暂停（空格）"), "播放 / 暂停");
        assert_eq!(without_key("缩放到显示全部轨迹（F）"), "缩放到显示全部轨迹");
        assert_eq!(without_key("撤销（Ctrl+Z）"), "撤销");
        for kept in [
            "yₜ (EMA)",
            "Remove",
            "z² = 0（Nesterov）",
            "(F)",
            "Previous lesson",
        ] {
            assert_eq!(without_key(kept), kept);
        }
    }

    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn a_name_inside_a_longer_name_does_not_split_it() {
        assert!(english_words("final_div_factor, div_factor").is_empty());
    }

    #[test]
    fn every_key_is_in_both_languages_once() {
        let mut all = BTreeSet::new();
        for (part, en, zh) in TABLES {
            let ke: Vec<&str> = en.iter().map(|(k, _)| *k).collect();
            let kz: Vec<&str> = zh.iter().map(|(k, _)| *k).collect();
            let se: BTreeSet<&str> = ke.iter().copied().collect();
            let sz: BTreeSet<&str> = kz.iter().copied().collect();
            assert_eq!(se.len(), ke.len(), "{part}: a key is repeated in English");
            assert_eq!(sz.len(), kz.len(), "{part}: a key is repeated in Chinese");
            let missing_zh: Vec<_> = se.difference(&sz).collect();
            let missing_en: Vec<_> = sz.difference(&se).collect();
            assert!(
                missing_zh.is_empty(),
                "{part}: missing in 中文: {missing_zh:?}"
            );
            assert!(
                missing_en.is_empty(),
                "{part}: missing in English: {missing_en:?}"
            );
            for k in se {
                assert!(all.insert(k), "key {k} is in two parts");
            }
        }
    }

    #[test]
    fn no_empty_text_and_no_english_in_chinese() {
        for (part, en, zh) in TABLES {
            for (k, v) in en.iter().chain(zh.iter()) {
                assert!(!v.trim().is_empty(), "{part}.{k} is empty");
            }
            for (k, v) in zh.iter() {
                let words = english_words(v);
                assert!(
                    words.is_empty(),
                    "{part}.{k}: English in 中文: {words:?} in {v}"
                );
            }
            // Placeholders agree.
            for (k, v) in en.iter() {
                let z = zh
                    .iter()
                    .find(|(kz, _)| kz == k)
                    .map(|(_, z)| *z)
                    .unwrap_or("");
                for i in 0..5 {
                    let p = format!("{{{i}}}");
                    assert_eq!(
                        v.contains(&p),
                        z.contains(&p),
                        "{part}.{k}: placeholder {p}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_key_of_the_page_html_is_in_the_table() {
        let html = include_str!("../../../www/index.html");
        let mut n = 0;
        for attr in ["data-i18n=\"", "data-i18n-aria=\"", "data-i18n-title=\""] {
            for part in html.split(attr).skip(1) {
                let key = part.split('"').next().unwrap_or("");
                assert!(
                    TABLES
                        .iter()
                        .any(|(_, en, zh)| en.iter().any(|(k, _)| *k == key)
                            && zh.iter().any(|(k, _)| *k == key)),
                    "www/index.html uses {key}, not in the table"
                );
                n += 1;
            }
        }
        assert!(n > 50, "only {n} translated strings in www/index.html");
    }

    #[test]
    fn lookups() {
        let (en, zh) = (tr(Lang::En, "lang.name"), tr(Lang::Zh, "lang.name"));
        assert_eq!((en, zh), ("English", "简体中文"));
        assert_eq!(
            english_words("学习率 η = 0.4，Adam 的 m̂ 1e-3"),
            Vec::<String>::new()
        );
        assert_eq!(english_words("step 3 of Adam"), ["step", "of"]);
    }
}
