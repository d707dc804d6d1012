//! An optimizer and its hyper-parameters in words: labels, names, ranges.

use crate::{tr, Lang};
use gradscape_core::format::fmt_num;
use gradscape_core::optim::{FlagKey, HyperKey, Key, Range};
use gradscape_core::params::ParamInfo;
use gradscape_core::{OptKind, OptSpec};

/// A short label such as "Momentum η=0.4 γ=0.5" ("动量法 η=0.4 γ=0.5").
pub fn opt_label(spec: &OptSpec, lang: Lang) -> String {
    let h = &spec.hyper;
    let title = crate::diagnose::kind_title(spec.kind, lang);
    let mut s = format!("{title} η={}", fmt_num(h.lr));
    for &key in spec.kind.keys() {
        match key {
            Key::Hyper(k @ (HyperKey::Gamma | HyperKey::Lambda)) => {
                s += &format!(" {}={}", k.symbol(spec.kind), fmt_num(k.get(h)))
            }
            Key::Flag(FlagKey::BiasCorrection) if !h.bias_correction => {
                s += " ";
                s += tr(lang, "label.no-bias");
            }
            Key::Flag(FlagKey::Nesterov) if h.nesterov => s += " Nesterov",
            Key::Flag(FlagKey::Amsgrad) if h.amsgrad => s += " AMSGrad",
            _ => {}
        }
    }
    if let Some(sc) = &spec.schedule {
        s += " · ";
        s += &crate::schedule::kind_name(sc.kind(), lang);
    }
    s
}

/// What a hyper-parameter allows ("a finite number > 0", "大于 0 的有限数").
pub fn allowed_range(key: impl Into<Key>, lang: Lang) -> &'static str {
    match key.into() {
        Key::Hyper(k) => range_words(k.range(), lang),
        Key::Flag(_) => tr(lang, "range.bool"),
    }
}

/// A range in words.
pub fn range_words(range: Range, lang: Lang) -> &'static str {
    tr(
        lang,
        match range {
            Range::Positive => "range.lr",
            Range::Unit => "range.decay",
            Range::NonNegative => "range.nonneg",
        },
    )
}

/// The words of a numeric hyper-parameter of `kind` ("learning rate", "学习率").
pub fn param_name(kind: OptKind, key: HyperKey, lang: Lang) -> &'static str {
    let k = match key {
        HyperKey::Lr => "param.lr",
        HyperKey::Gamma => match kind {
            OptKind::Momentum => "param.gamma",
            OptKind::Adadelta => "param.gamma.adadelta",
            _ => "param.gamma.rms",
        },
        HyperKey::Beta1 => "param.beta1",
        HyperKey::Beta2 => "param.beta2",
        HyperKey::Eps => "param.eps",
        HyperKey::Lambda => "param.lambda",
        HyperKey::MomentumDecay => "param.momentum_decay",
    };
    tr(lang, k)
}

/// The accessible name of a numeric hyper-parameter: symbol and name
/// ("η learning rate", "η 学习率").
pub fn param_label(kind: OptKind, key: HyperKey, lang: Lang) -> String {
    let symbol = ParamInfo::of(kind, key).symbol;
    format!("{symbol} {}", param_name(kind, key, lang))
}

/// The label of a switch ("bias correction", "偏差修正").
pub fn flag_label(key: FlagKey, lang: Lang) -> &'static str {
    tr(
        lang,
        match key {
            FlagKey::BiasCorrection => "flag.bias_correction",
            FlagKey::Nesterov => "flag.nesterov",
            FlagKey::Amsgrad => "flag.amsgrad",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradscape_core::optim::ALL_KINDS;
    use gradscape_core::Convention;

    #[test]
    fn every_key_has_words_in_both_languages() {
        for kind in ALL_KINDS {
            for &key in kind.keys() {
                match key {
                    Key::Hyper(k) => {
                        let (en, zh) =
                            (param_name(kind, k, Lang::En), param_name(kind, k, Lang::Zh));
                        assert!(!en.starts_with("param.") && en != zh, "{kind:?} {k:?}");
                    }
                    Key::Flag(f) => assert!(!flag_label(f, Lang::En).is_empty(), "{f:?}"),
                }
                let (en, zh) = (allowed_range(key, Lang::En), allowed_range(key, Lang::Zh));
                assert!(!en.starts_with("range.") && en != zh, "{key:?}");
            }
        }
        assert_eq!(
            param_label(OptKind::Momentum, HyperKey::Gamma, Lang::En),
            "γ momentum"
        );
        assert_eq!(param_label(OptKind::Gd, HyperKey::Lr, Lang::Zh), "η 学习率");
        assert_eq!(
            allowed_range(HyperKey::Beta1, Lang::En),
            "a number in [0, 1)"
        );
    }

    #[test]
    fn labels() {
        let mut s = OptSpec::new(OptKind::Momentum, Convention::D2l);
        s.hyper.lr = 0.4;
        s.hyper.gamma = 0.5;
        assert_eq!(opt_label(&s, Lang::En), "Momentum η=0.4 γ=0.5");
        assert_eq!(opt_label(&s, Lang::Zh), "动量法 η=0.4 γ=0.5");
        let mut a = OptSpec::new(OptKind::Adadelta, Convention::D2l);
        a.hyper.gamma = 0.9;
        assert!(opt_label(&a, Lang::En).ends_with(" ρ=0.9"));
        let mut w = OptSpec::new(OptKind::Adamw, Convention::D2l);
        w.hyper.amsgrad = true;
        w.hyper.bias_correction = false;
        assert!(opt_label(&w, Lang::En).ends_with(" λ=0.01 (no bias corr.) AMSGrad"));
    }
}
