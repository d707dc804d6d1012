//! Numbers as people read them: the one home of the page's, the SVG's and
//! the hints' number formatting.
//!
//! It lives in the core, not the text layer, because these forms are the
//! same in every language (digits, '.', 'e', '−', '—': no words) and the core
//! itself still formats the numbers of its messages and slider values. The
//! codecs' exact forms (JSON, link) are not here: they are part of the
//! formats, not of reading.

/// The ASCII character `ch` stands for as typed (itself when none): what a
/// key types in a CJK input method's full-width or Chinese punctuation mode
/// (`２` `．` `－` `（`), and the maths signs a formula may be pasted with.
/// Number fields and formulas read both alike.
pub fn typed_ascii(ch: char) -> char {
    match ch {
        // Full-width forms: the same key in a CJK input method's full-width mode.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        // The Chinese full stop is what the `.` key types in Chinese punctuation mode.
        '\u{3002}' => '.', // 。
        // The space bar in full-width mode: the ideographic space.
        '\u{3000}' => ' ',
        '×' | '·' | '⋅' => '*',
        '÷' => '/',
        '−' => '-',
        ch => ch,
    }
}

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

/// The number typed in a form field, or None when the text is not one: a
/// plain decimal, with an optional sign and exponent (`0.05`, `.5`, `5.`,
/// `-1`, `+2`, `5e-3`, `1E3`), whitespace around it allowed, its keys also
/// as a Chinese input method types them (`０．６`, `－３`, `1。5`: the same
/// keys in full-width mode, [`typed_ascii`]). Anything else
/// is unreadable — `1,5`, `0x10`, `1_000`, `inf`, `NaN`, `1e`, `--1` —
/// and so is a number too large to be finite (`1e400`): a field must never
/// guess what was meant (a browser's number input read `1,5` as 15).
pub fn read_field(text: &str) -> Option<f64> {
    match typing(text) {
        Typing::Number { v, .. } => Some(v),
        _ => None,
    }
}

/// A field's text as it is being typed, key by key: what more keys at its
/// end can still make of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Typing {
    /// A number ([`read_field`]); `open` while no exponent digit is typed:
    /// more digits and an exponent can still take it to any value of its
    /// sign (`0` → `0.05`, `1` → `1e-3`).
    Number {
        /// Its value.
        v: f64,
        /// Whether more keys can still change it to any value of its sign.
        open: bool,
    },
    /// Not a number yet, the start of one: empty, a sign or a point alone,
    /// or an exponent without digits (`-`, `.`, `1e`, `1e-`).
    Partial,
    /// The start of no number (`1,5`, `abc`, `1..`, `--1`, `1e400`).
    Not,
}

/// What `text`, typed so far, is ([`Typing`]); the one reading of a field's
/// number ([`read_field`] is its complete case).
pub fn typing(text: &str) -> Typing {
    // Typed in full width (`０．６`, `－３`): the same keys.
    let t: String = text.trim().chars().map(typed_ascii).collect();
    let b = t.as_bytes();
    let digits = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let int = digits(i);
    i += int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac = digits(i);
        i += frac;
    }
    let mut open = true;
    if int + frac == 0 {
        // Nothing but a sign or a point so far (or nothing).
        return if i == b.len() {
            Typing::Partial
        } else {
            Typing::Not
        };
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        i += usize::from(matches!(b.get(i), Some(b'+' | b'-')));
        let exp = digits(i);
        if exp == 0 {
            return if i == b.len() {
                Typing::Partial
            } else {
                Typing::Not
            };
        }
        i += exp;
        open = false;
    }
    if i != b.len() {
        return Typing::Not;
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Typing::Number { v, open },
        _ => Typing::Not,
    }
}

/// Why a field's text that is not a number nearly is one, so its message
/// can say how to write it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slip {
    /// `0,5` or `0，5`: a decimal comma.
    DecimalComma,
    /// `0.6。`: the number, then punctuation an input method in Chinese
    /// mode types (its full stop is the `.` key, pressed once too often).
    ImeEnd(char),
}

/// The [`Slip`] in `text`, when it is not a number ([`read_field`]).
pub fn slip(text: &str) -> Option<Slip> {
    if read_field(text).is_some() {
        return None;
    }
    let t = text.trim();
    let end = t.trim_end_matches(|c| ime_char(c) && !typed_ascii(c).is_ascii_alphanumeric());
    if let Some(ch) = t[end.len()..].chars().next() {
        if read_field(end).is_some() {
            return Some(Slip::ImeEnd(ch));
        }
    }
    // The comma in either width, and no point in any ([`typed_ascii`]).
    let keys: String = t.chars().map(typed_ascii).collect();
    (keys.contains(',') && !keys.contains('.')).then_some(Slip::DecimalComma)
}

/// What a CJK input method types in its own (full-width) mode: its
/// punctuation, and full-width forms.
pub fn ime_char(ch: char) -> bool {
    matches!(ch,
        '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '…' | '—' | '‘' | '’' | '“' | '”')
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
mod tests {
    use super::*;

    #[test]
    fn prose_numbers_are_written_as_the_captions_write_them() {
        assert_eq!(prose(-0.2708), "−0.2708");
        assert_eq!(prose3(-0.2213), "−0.221");
        assert_eq!(prose3(-1.5e-5), "−1.5e-5");
        assert_eq!(prose3(2e-7), "2e-7");
        assert_eq!(prose3(f64::NAN), "—");
        assert_eq!(prose(-0.923), "−0.923");
        assert_eq!(prose(-45.6052), "−45.61");
        assert_eq!(prose(1116.1758), "1116");
        assert_eq!(prose(51.33), "51.33");
        assert_eq!(prose(-1.5e-5), "−1.5e-5");
        assert_eq!(prose(2.5e7), "2.5e7");
        assert_eq!(prose(-0.0), "0");
        assert_eq!(prose(f64::NAN), "—");
    }

    #[test]
    fn a_near_number_says_its_slip() {
        assert_eq!(slip("0.6。"), Some(Slip::ImeEnd('。')));
        assert_eq!(slip(" 0.6， "), Some(Slip::ImeEnd('，')));
        assert_eq!(slip("６；"), Some(Slip::ImeEnd('；')));
        assert_eq!(slip("０．６。"), Some(Slip::ImeEnd('。')));
        assert_eq!(slip("0,5"), Some(Slip::DecimalComma));
        assert_eq!(slip("0，5"), Some(Slip::DecimalComma));
        // A number has none, `1。` included (the `.` key, read as `1.`).
        for ok in ["0.6", "1。", "1。5", "０．６"] {
            assert_eq!(slip(ok), None, "{ok}");
        }
        // Nor has what no punctuation at its end explains.
        for no in ["abc", "0.6.", "0.6。x", "。", "1.5,2"] {
            assert_eq!(slip(no), None, "{no}");
        }
    }

    #[test]
    fn fmt_num_is_short_and_exact() {
        assert_eq!(fmt_num(0.4), "0.4");
        assert_eq!(fmt_num(1e-6), "1e-6");
        assert_eq!(fmt_num(100.0), "100");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(2e5), "2e5");
        assert_eq!(fmt_num(0.001), "0.001");
    }

    #[test]
    fn negative_zero_reads_zero() {
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(prose(-0.0), "0");
        assert_eq!(prose(-0.00001), "−1e-5");
    }

    #[test]
    fn round_sig_keeps_n_digits() {
        assert_eq!(round_sig(0.123456, 3), 0.123);
        assert_eq!(round_sig(98765.0, 2), 99000.0);
        assert_eq!(round_sig(-0.0012345, 3), -0.00123);
        assert_eq!(round_sig(0.0, 3), 0.0);
        assert!(round_sig(f64::NAN, 3).is_nan());
        assert_eq!(sig3(2.0 / 3.0), "0.667");
        assert_eq!(sig3(f64::NEG_INFINITY), "—");
        // A legend's growth factor: no float noise above the digits.
        assert_eq!(sig3(12_099_999.7), "1.21e7");
        assert_eq!(sig3(-5.33e5), "-5.33e5");
    }

    proptest::proptest! {
        /// At every magnitude a sentence's number has at most three
        /// significant digits and stays within half a unit of the third.
        #[test]
        fn sig3_never_shows_float_noise(m in 1.0f64..10.0, e in -300i32..300) {
            let v = m * 10f64.powi(e);
            let s = sig3(v);
            let digits = s.split('e').next().unwrap().chars().filter(char::is_ascii_digit);
            let digits: String = digits.collect::<String>().trim_matches('0').into();
            proptest::prop_assert!(digits.len() <= 3, "{v} → {s}");
            let back: f64 = s.parse().unwrap();
            proptest::prop_assert!((back - v).abs() <= 0.0051 * v.abs(), "{v} → {s}");
        }
    }

    #[test]
    fn floor_sig_rounds_down_and_keeps_short_decimals() {
        assert_eq!(floor_sig(0.002173, 2), 0.0021);
        assert_eq!(floor_sig(0.002173, 1), 0.002);
        assert_eq!(floor_sig(0.0996, 2), 0.099);
        assert_eq!(floor_sig(379.0, 2), 370.0);
        assert_eq!(floor_sig(0.3392857142857143, 4), 0.3392);
        // Already short (0.29·100 is 28.999…): itself.
        for v in [0.29, 0.58, 0.0003, 0.0024, 0.0093, 0.1, 4.7, 0.5] {
            assert_eq!(floor_sig(v, 2), v);
        }
    }

    proptest::proptest! {
        /// Never above, less than a unit of the last digit below, and no
        /// more digits than asked.
        #[test]
        fn floor_sig_is_a_short_lower_bound(m in 1.0f64..10.0, e in -12i32..12, n in 1i32..5) {
            let v = m * 10f64.powi(e);
            let f = floor_sig(v, n);
            proptest::prop_assert!(f <= v, "{v} → {f}");
            let unit = 10f64.powi(crate::math::log10(v).floor() as i32 - n + 1);
            proptest::prop_assert!(v - f < unit * (1.0 + 1e-9), "{v} → {f}");
            proptest::prop_assert_eq!(round_sig(f, n), f);
        }
    }

    #[test]
    fn tick_labels_drop_float_noise() {
        assert_eq!(tick_label(0.30000000000000004), "0.3");
        assert_eq!(tick_label(-0.0), "0");
        assert_eq!(tick_label(2e-7), "2e-7");
        assert_eq!(tick_label(1200.0), "1200");
        assert_eq!(tick_label(3e6), "3e6");
        assert_eq!(tick_label(f64::NAN), "");
    }

    #[test]
    fn fields_read_back_exactly() {
        for v in [0.0, 0.1, 1e-5, 123456.0, 2.5e6, -0.3, 1.0 / 3.0] {
            assert_eq!(field(v).parse::<f64>().unwrap(), v, "{v}");
        }
        assert_eq!(field(1e-5), "1e-5");
        assert_eq!(field(0.5), "0.5");
    }

    #[test]
    fn fields_read_plain_numbers_only() {
        for (text, v) in [
            ("0.05", 0.05),
            (".5", 0.5),
            ("5.", 5.0),
            ("5e-3", 5e-3),
            ("-1", -1.0),
            ("+2", 2.0),
            ("1E3", 1e3),
            ("1e+3", 1e3),
            ("-.25E-2", -0.0025),
            ("  0.3\t", 0.3),
            ("\u{3000}7 ", 7.0),
            ("007", 7.0),
            ("1e308", 1e308),
            ("１", 1.0),
            ("０．０５", 0.05),
        ] {
            assert_eq!(read_field(text), Some(v), "{text:?}");
        }
        for text in [
            "",
            " ",
            "1,5",
            "0,05",
            "0x10",
            "0b1",
            "1_000",
            "1 000",
            "1.2.3",
            "--1",
            "+-1",
            "-",
            "+",
            ".",
            "-.",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1e1.5",
            "1e 3",
            "inf",
            "-inf",
            "Infinity",
            "NaN",
            "nan",
            "1e400",
            "-1e400",
            "１，５",
            "1.5.",
            "1,5e3",
            "5%",
            "1/2",
            "2x",
        ] {
            assert_eq!(read_field(text), None, "{text:?}");
        }
        // Every value a field shows reads back as itself.
        for v in [
            0.0,
            0.1,
            1e-5,
            123456.0,
            2.5e6,
            -0.3,
            1.0 / 3.0,
            1e300,
            -5e-324,
        ] {
            assert_eq!(read_field(&field(v)), Some(v), "{v}");
        }
    }

    #[test]
    fn text_typed_so_far_is_a_number_the_start_of_one_or_neither() {
        use Typing::*;
        let num = |v, open| Number { v, open };
        for (text, want) in [
            ("0", num(0.0, true)),
            ("0.", num(0.0, true)),
            ("0.0", num(0.0, true)),
            ("0.05", num(0.05, true)),
            ("1", num(1.0, true)),
            ("-0", num(-0.0, true)),
            ("1e-8", num(1e-8, false)),
            ("2E3 ", num(2e3, false)),
            ("", Partial),
            ("  ", Partial),
            ("-", Partial),
            ("+", Partial),
            (".", Partial),
            ("-.", Partial),
            ("1e", Partial),
            ("1e-", Partial),
            ("1.5E+", Partial),
            ("1,5", Not),
            ("1..", Not),
            ("--1", Not),
            ("e5", Not),
            (".e", Not),
            ("1e-+", Not),
            ("1e5e", Not),
            ("abc", Not),
            ("1e400", Not),
            // A Chinese input method's full-width mode types the same keys.
            ("０．６", num(0.6, true)),
            ("－３", num(-3.0, true)),
            ("１ｅ－４", num(1e-4, false)),
            ("1。5", num(1.5, true)),
            ("−2", num(-2.0, true)),
            ("１，５", Not),
        ] {
            assert_eq!(typing(text), want, "{text:?}");
        }
    }

    #[test]
    fn readouts_have_four_digits_and_a_true_minus() {
        assert_eq!(readout(1.23456), "1.235");
        assert_eq!(readout(-0.5), "−0.5");
        assert_eq!(readout(2.0), "2");
        assert_eq!(readout(123.456), "123.5");
        assert_eq!(readout(1.5e-5), "1.5e−5");
        assert_eq!(readout(-2e7), "−2e7");
        assert_eq!(readout(0.0), "0");
        assert_eq!(readout(f64::NAN), "—");
    }
}
