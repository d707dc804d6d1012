//! An optimizer and its hyper-parameters in words: labels, names, ranges.

use crate::{tr, Lang};
use gradscape_core::format::fmt_num;
use gradscape_core::optim::{ChoiceKey, FlagKey, HyperKey, IntKey, Key, PairKey, Range};
use gradscape_core::params::ParamInfo;
use gradscape_core::{Convention, OptKind, OptSpec, Trajectory};

/// A short label such as "Momentum η=0.4 γ=0.5" ("动量法 η=0.4 γ=0.5"):
/// η and γ always (every lesson names them), and every other
/// hyper-parameter whose value is not `conv`'s default for the kind, in
/// the card's order, so two runs with different settings never share a
/// name (two Adams apart only in β2 read "Adam η=0.1" and "Adam η=0.1
/// β2=0.95"). Exactly alike runs share it: they draw the same trail.
pub fn opt_label(spec: &OptSpec, conv: Convention, lang: Lang) -> String {
    let h = &spec.hyper;
    let d = spec.kind.defaults(conv);
    let title = crate::diagnose::kind_title(spec.kind, lang);
    let mut s = format!("{title} η={}", fmt_num(h.lr));
    // A schedule that cycles the momentum sets γ (β1, RMSProp's μ) every
    // step: its range, right after η, not the card's value, which the run
    // never uses (GD then runs as heavy ball: its γ too).
    let cycled = spec
        .schedule
        .as_ref()
        .and_then(|sc| sc.momentum_range())
        .zip(spec.kind.under_cycled_momentum().cycled_momentum());
    if let Some(([lo, hi], c)) = cycled {
        s += &format!(" {}={}–{}", c.symbol(spec.kind), fmt_num(lo), fmt_num(hi));
    }
    for &key in spec.kind.keys() {
        let changed = key.get(h) != key.get(&d);
        if cycled.is_some_and(|(_, c)| key == Key::Hyper(c)) {
            continue;
        }
        match key {
            Key::Hyper(HyperKey::Lr) => {}
            Key::Hyper(k @ HyperKey::Gamma) => {
                s += &format!(" {}={}", k.symbol(spec.kind), fmt_num(k.get(h)))
            }
            // λ where it is the point (Adam+L2, AdamW) or switched on.
            Key::Hyper(k @ HyperKey::Lambda)
                if h.lambda != 0.0 || matches!(spec.kind, OptKind::AdamL2 | OptKind::Adamw) =>
            {
                s += &format!(" {}={}", k.symbol(spec.kind), fmt_num(k.get(h)))
            }
            // Lion's two betas are its whole character: always both.
            Key::Hyper(k @ (HyperKey::Beta1 | HyperKey::Beta2)) if spec.kind == OptKind::Lion => {
                s += &format!(" {}={}", k.symbol(spec.kind), fmt_num(k.get(h)))
            }
            Key::Hyper(k) if changed => {
                s += &format!(" {}={}", k.symbol(spec.kind), fmt_num(k.get(h)))
            }
            Key::Pair(k) if changed => {
                let [a, b] = k.get(h);
                let [sa, sb] = k.symbols();
                s += &format!(" {sa}={} {sb}={}", fmt_num(a), fmt_num(b))
            }
            Key::Int(k) if changed => s += &format!(" {}={}", k.symbol(), k.get(h)),
            Key::Choice(k) if changed => {
                s += " ";
                s += &choice_option(k, k.get(h), lang);
            }
            Key::Flag(f @ (FlagKey::Centered | FlagKey::Decoupled)) if f.get(h) => {
                s += " ";
                s += flag_label(f, lang);
            }
            Key::Flag(FlagKey::BiasCorrection) if !h.bias_correction => {
                let words = tr(lang, "label.no-bias");
                // A full-width bracket carries its own space.
                if !words.starts_with('（') {
                    s += " ";
                }
                s += words;
            }
            Key::Flag(FlagKey::Nesterov) if h.nesterov => s += " Nesterov",
            Key::Flag(FlagKey::Amsgrad) if h.amsgrad => s += " AMSGrad",
            _ => {}
        }
    }
    if let Some(sc) = &spec.schedule {
        s += " · ";
        s += &crate::schedule::name(sc, lang);
        // Its arguments off their defaults, as the link writes them but
        // spaced for reading (cosine(T_max=7) and cosine() both read
        // "cosine annealing"); a sequence by its name alone (the preset's
        // children would fill a line).
        let args = gradscape_core::url::schedule_args(sc);
        if !args.is_empty() && !matches!(sc, gradscape_core::schedule::Schedule::Sequential(_)) {
            // In 中文 in full-width brackets, as its other asides ("（无偏差修正）").
            let args = args.replace(',', ", ");
            s += &match lang {
                Lang::En => format!(" ({args})"),
                Lang::Zh => format!("（{args}）"),
            };
        }
    }
    s
}

/// A run's label: [`opt_label`] in the convention it ran in.
pub fn run_label(t: &Trajectory, lang: Lang) -> String {
    opt_label(&t.spec, t.convention, lang)
}

/// What a hyper-parameter allows ("a finite number > 0", "大于 0 的有限数").
pub fn allowed_range(key: impl Into<Key>, lang: Lang) -> &'static str {
    range_words(key.into().range(), lang)
}

/// A range in words.
pub fn range_words(range: Range, lang: Lang) -> &'static str {
    tr(
        lang,
        match range {
            Range::Positive => "range.lr",
            Range::Unit => "range.decay",
            Range::UnitClosed => "range.unit-closed",
            Range::NonNegative => "range.nonneg",
            Range::Boolean => "range.bool",
            Range::Etas => "range.etas",
            Range::StepSizes => "range.step-sizes",
            Range::Count { .. } => "range.history",
            Range::LineSearch => "range.line-search",
            Range::ZeroWithNesterov => "range.zero-with-nesterov",
            Range::PositiveWithNesterov => "range.positive-with-nesterov",
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
        // Lion keeps one buffer, a momentum: β1 weighs it in the update's
        // sign, β2 is its decay (no second moment).
        HyperKey::Beta1 if kind == OptKind::Lion => "param.beta1.lion",
        HyperKey::Beta2 if kind == OptKind::Lion => "param.beta2.lion",
        HyperKey::Beta1 => "param.beta1",
        HyperKey::Beta2 => "param.beta2",
        HyperKey::Eps => "param.eps",
        HyperKey::Lambda => "param.lambda",
        HyperKey::MomentumDecay => "param.momentum_decay",
        HyperKey::Dampening => "param.dampening",
        HyperKey::LrDecay => "param.lr_decay",
        HyperKey::InitialAccumulatorValue => "param.initial_accumulator_value",
        HyperKey::Momentum => "param.momentum",
    };
    tr(lang, k)
}

/// The words of a two-number hyper-parameter ("step-size factors", "步长缩放因子").
pub fn pair_name(key: PairKey, lang: Lang) -> &'static str {
    tr(
        lang,
        match key {
            PairKey::Etas => "param.etas",
            PairKey::StepSizes => "param.step_sizes",
        },
    )
}

/// The words of an integer hyper-parameter ("history size", "历史长度").
pub fn int_name(key: IntKey, lang: Lang) -> &'static str {
    tr(
        lang,
        match key {
            IntKey::HistorySize => "param.history_size",
        },
    )
}

/// The words of a choice hyper-parameter ("line search", "线搜索").
pub fn choice_name(key: ChoiceKey, lang: Lang) -> &'static str {
    tr(
        lang,
        match key {
            ChoiceKey::LineSearch => "param.line_search",
        },
    )
}

/// The words of one option of a choice, by its scene name ("strong Wolfe",
/// "强 Wolfe 条件"); the name itself for a name the key does not have.
pub fn choice_option(key: ChoiceKey, name: &str, lang: Lang) -> String {
    if !key.options().contains(&name) {
        return name.to_string();
    }
    tr(lang, &format!("{}.{name}", key.name())).to_string()
}

/// Any key's words: the name of a number, pair, integer or choice, the
/// label of a switch.
pub fn key_name(kind: OptKind, key: Key, lang: Lang) -> &'static str {
    match key {
        Key::Hyper(k) => param_name(kind, k, lang),
        Key::Flag(f) => flag_label(f, lang),
        Key::Pair(k) => pair_name(k, lang),
        Key::Int(k) => int_name(k, lang),
        Key::Choice(k) => choice_name(k, lang),
    }
}

/// The accessible name of a numeric hyper-parameter: symbol and name
/// ("η learning rate"), in Chinese the name first as a sentence says it
/// ("学习率 η 必须是…", not "η 学习率 必须是…").
pub fn param_label(kind: OptKind, key: HyperKey, lang: Lang) -> String {
    let symbol = ParamInfo::of(kind, key).symbol;
    let name = param_name(kind, key, lang);
    match lang {
        Lang::En => format!("{symbol} {name}"),
        Lang::Zh => format!("{name} {symbol}"),
    }
}

/// The accessible name of any key with its symbols: "η learning rate",
/// "η−/η+ step-size factors", "m history size", "line search".
pub fn key_label(kind: OptKind, key: Key, lang: Lang) -> String {
    match key {
        Key::Hyper(k) => param_label(kind, k, lang),
        Key::Pair(k) => format!("{} {}", k.symbols().join("/"), pair_name(k, lang)),
        Key::Int(k) => format!("{} {}", k.symbol(), int_name(k, lang)),
        _ => key_name(kind, key, lang).to_string(),
    }
}

/// A key's value as a field error quotes it: "0.5, 1.2", "10".
pub fn key_value_text(v: gradscape_core::optim::KeyValue) -> String {
    use gradscape_core::format::field;
    use gradscape_core::optim::KeyValue;
    match v {
        KeyValue::Number(x) => field(x),
        KeyValue::Pair([a, b]) => format!("{}, {}", field(a), field(b)),
        KeyValue::Int(n) => n.to_string(),
        KeyValue::Flag(b) => b.to_string(),
        KeyValue::Choice(c) => c.to_string(),
    }
}

/// The label of a switch ("bias correction", "偏差修正").
pub fn flag_label(key: FlagKey, lang: Lang) -> &'static str {
    tr(
        lang,
        match key {
            FlagKey::BiasCorrection => "flag.bias_correction",
            FlagKey::Nesterov => "flag.nesterov",
            FlagKey::Amsgrad => "flag.amsgrad",
            FlagKey::Centered => "flag.centered",
            FlagKey::Decoupled => "flag.decoupled",
        },
    )
}

#[cfg(test)]
mod tests;
