//! The forms' tests: prose, slips, short and exact numbers, rounding to
//! significant digits, tick labels, fields read back, text typed so far,
//! readouts.

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
