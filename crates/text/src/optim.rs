//! An optimizer and its hyper-parameters in words: labels, names, ranges.

use crate::{tr, Lang};
use gradscape_core::optim::fmt_num;
use gradscape_core::params::param_info;
use gradscape_core::{OptKind, OptSpec};

/// A short label such as "Momentum η=0.4 γ=0.5" ("动量法 η=0.4 γ=0.5").
pub fn opt_label(spec: &OptSpec, lang: Lang) -> String {
    let h = &spec.hyper;
    let title = crate::diagnose::kind_title(spec.kind, lang);
    let mut s = format!("{title} η={}", fmt_num(h.lr));
    for key in spec.kind.keys() {
        match *key {
            "gamma" if spec.kind == OptKind::Adadelta => s += &format!(" ρ={}", fmt_num(h.gamma)),
            "gamma" => s += &format!(" γ={}", fmt_num(h.gamma)),
            "lambda" => s += &format!(" λ={}", fmt_num(h.lambda)),
            "bias_correction" if !h.bias_correction => {
                s += " ";
                s += tr(lang, "label.no-bias");
            }
            "nesterov" if h.nesterov => s += " Nesterov",
            "amsgrad" if h.amsgrad => s += " AMSGrad",
            _ => {}
        }
    }
    s
}

/// What a hyper-parameter key allows ("a finite number > 0", "大于 0 的有限数").
pub fn allowed_range(key: &str, lang: Lang) -> &'static str {
    let k = match key {
        "lr" => "range.lr",
        "gamma" | "beta1" | "beta2" => "range.decay",
        "eps" | "lambda" | "momentum_decay" => "range.nonneg",
        "bias_correction" | "nesterov" | "amsgrad" => "range.bool",
        _ => "range.number",
    };
    tr(lang, k)
}

/// The words of a numeric hyper-parameter of `kind` ("learning rate", "学习率").
pub fn param_name(kind: OptKind, key: &str, lang: Lang) -> &'static str {
    let k = match (key, kind) {
        ("gamma", OptKind::Momentum) => "param.gamma".to_string(),
        ("gamma", OptKind::Adadelta) => "param.gamma.adadelta".to_string(),
        ("gamma", _) => "param.gamma.rms".to_string(),
        _ => format!("param.{key}"),
    };
    tr(lang, &k)
}

/// The accessible name of a numeric hyper-parameter: symbol and name
/// ("η learning rate", "η 学习率").
pub fn param_label(kind: OptKind, key: &str, lang: Lang) -> String {
    let symbol = param_info(kind, key).map(|i| i.symbol).unwrap_or("");
    format!("{symbol} {}", param_name(kind, key, lang))
}

/// The label of a switch ("bias correction", "偏差修正").
pub fn flag_label(key: &str, lang: Lang) -> &'static str {
    match key {
        "bias_correction" | "nesterov" | "amsgrad" => tr(lang, &format!("flag.{key}")),
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradscape_core::optim::ALL_KINDS;
    use gradscape_core::Convention;

    #[test]
    fn every_key_has_words_in_both_languages() {
        for kind in ALL_KINDS {
            for key in kind.keys() {
                if param_info(kind, key).is_some() {
                    let (en, zh) = (
                        param_name(kind, key, Lang::En),
                        param_name(kind, key, Lang::Zh),
                    );
                    assert!(!en.starts_with("param.") && en != zh, "{kind:?} {key}");
                } else {
                    assert!(!flag_label(key, Lang::En).is_empty(), "{key}");
                }
            }
        }
        assert_eq!(
            param_label(OptKind::Momentum, "gamma", Lang::En),
            "γ momentum"
        );
        assert_eq!(param_label(OptKind::Gd, "lr", Lang::Zh), "η 学习率");
    }

    #[test]
    fn labels() {
        let mut s = OptSpec::new(OptKind::Momentum, Convention::D2l);
        s.hyper.lr = 0.4;
        s.hyper.gamma = 0.5;
        assert_eq!(opt_label(&s, Lang::En), "Momentum η=0.4 γ=0.5");
        assert_eq!(opt_label(&s, Lang::Zh), "动量法 η=0.4 γ=0.5");
    }
}
