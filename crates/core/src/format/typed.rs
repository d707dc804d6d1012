//! What is typed into a number field: the ASCII a CJK input method's
//! full-width keys stand for, the number read (or the start of one, key by
//! key), and the slip of a text that nearly is one.

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
