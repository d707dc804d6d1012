//! Numbers as people read them: the one home of the page's, the SVG's and
//! the hints' number formatting.
//!
//! It lives in the core, not the text layer, because these forms are the
//! same in every language (digits, '.', 'e', '−', '—': no words) and the core
//! itself still formats the numbers of its messages and slider values. The
//! codecs' exact forms (JSON, link) are not here: they are part of the
//! formats, not of reading.

mod typed;
pub use typed::{ime_char, read_field, slip, typed_ascii, typing, Slip, Typing};

/// Format a number short: 0.4, 1e-6, 100 (shortest round-trip digits,
/// exponent form below 1e-3 and from 1e5).
pub fn fmt_num(v: f64) -> String {
    // −0 (0·x at a negative x) reads "0": a sign on zero says nothing.
    if v == 0.0 {
        return "0".into();
    }
    if v.abs() < 1e-3 || v.abs() >= 1e5 {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// Round to `n` significant digits (ties away from zero): the double
/// nearest the decimal of `n` digits, so it prints without float noise.
/// The scale is an exact power of ten, divided by rather than multiplied
/// by its inexact inverse (1.21e7 · 1e-5 → 121, / 1e-5 read
/// 12099999.999999998); past 10²², where no power is exact, the decimal
/// is written and read back.
pub fn round_sig(v: f64, n: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let e = n - 1 - crate::math::log10(v.abs()).floor() as i32;
    match e {
        0..=22 => {
            let k = 10f64.powi(e);
            (v * k).round() / k
        }
        -22..=-1 => {
            let k = 10f64.powi(-e);
            (v / k).round() * k
        }
        _ => {
            let digits = n.max(1) as usize - 1;
            format!("{v:.digits$e}").parse().unwrap_or(v)
        }
    }
}

/// Round `v` > 0 down to `n` significant digits: [`round_sig`]'s decimal,
/// one unit of its last digit lower when that rounded up (0.002173 →
/// 0.0021, 0.0996 → 0.099; 0.29 stays 0.29): an upper bound written short
/// stays a bound.
pub fn floor_sig(v: f64, n: i32) -> f64 {
    let r = round_sig(v, n);
    if r <= v || v <= 0.0 || !v.is_finite() {
        return r;
    }
    let e = n - 1 - crate::math::log10(v).floor() as i32;
    match e {
        0..=22 => {
            let k = 10f64.powi(e);
            ((v * k).round() - 1.0) / k
        }
        -22..=-1 => {
            let k = 10f64.powi(-e);
            ((v / k).round() - 1.0) * k
        }
        _ => r,
    }
}

/// A number for a sentence: 3 significant digits in [`fmt_num`]'s form;
/// "—" when not finite.
pub fn sig3(v: f64) -> String {
    if v.is_finite() {
        fmt_num(round_sig(v, 3))
    } else {
        "—".into()
    }
}

/// A tick label without float noise: 0.30000000000000004 → "0.3",
/// 2e-7 → "2e-7" (10 significant digits, exponent form for tiny or huge).
pub fn tick_label(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let r: f64 = format!("{v:.9e}").parse().unwrap_or(v);
    if r == 0.0 {
        "0".to_string()
    } else if r.abs() < 1e-3 || r.abs() >= 1e6 {
        format!("{r:e}")
    } else {
        format!("{r}")
    }
}

/// A number for a form field: the shortest form that reads back exactly
/// (exponent form below 1e-4 and from 1e6).
pub fn field(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.abs() < 1e-4 || v.abs() >= 1e6 {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A number for a table of values: 4 significant digits, exponent form
/// when tiny or huge, a true minus sign (−); "—" when not finite.
pub fn readout(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    let s = if (1e-3..1e5).contains(&a) {
        let decimals = (3 - crate::math::log10(a).floor() as i32).clamp(0, 6) as usize;
        trim_zeros(&format!("{a:.decimals$}")).to_string()
    } else {
        let s = format!("{a:.3e}");
        let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
        format!("{}e{exp}", trim_zeros(mant))
    };
    if v < 0.0 {
        format!("−{}", s.replace('-', "−"))
    } else {
        s.replace('-', "−")
    }
}

/// A number in a sentence shown to people, as the lessons' captions write
/// them: [`readout`]'s 4 significant digits and true minus sign (−0.2708,
/// 1116, not -0.2708 or 1116.1758), the exponent typed as the captions
/// type it (1.5e-5); "—" when not finite.
pub fn prose(v: f64) -> String {
    let s = readout(v);
    match s.split_once('e') {
        Some((mant, exp)) => format!("{mant}e{}", exp.replace('−', "-")),
        None => s,
    }
}

/// [`sig3`] with a true minus sign, as [`prose`] writes one (−0.221, not
/// -0.221; the exponent typed: 1.5e-5): a coordinate in a sentence.
pub fn prose3(v: f64) -> String {
    let s = sig3(v);
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
}

/// "1.500" → "1.5", "2.000" → "2"; a number without '.' stays.
fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
