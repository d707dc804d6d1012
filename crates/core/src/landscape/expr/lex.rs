//! The lexer: characters to tokens with their columns and the characters
//! typed for them.
//!
//! Besides ASCII it reads what a student types for the same symbol: the
//! full-width forms a Chinese input method types (`（ ） ， ＋ ２ ｘ`, U+FF01–
//! U+FF5E, read as their ASCII) and `。` for the decimal point, the
//! textbook signs `× · ⋅` (for `*`), `÷` (for `/`), `−` (for `-`), and
//! superscript exponents (`x²` is `x^2`, `x⁻¹` is `x^-1`). Errors quote the
//! characters as typed, never these readings.

use super::error::{ExprError, ExprProblem as P};
use crate::format::typed_ascii;

/// A token of the formula language.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Num(f64),
    /// A name as read (ASCII), e.g. `sin` for a typed `ｓｉｎ`.
    Name(String),
    Plus,
    Minus,
    Star,
    Slash,
    /// `^`, `**` or a superscript.
    Caret,
    LParen,
    RParen,
    Comma,
}

/// A token, its 1-based column and the characters typed for it.
#[derive(Debug, Clone)]
pub(super) struct Spanned {
    pub tok: Tok,
    pub col: usize,
    pub typed: String,
}

/// A star as typed (ASCII or full-width), not a multiplication sign.
fn star(ch: char) -> bool {
    matches!(ch, '*' | '\u{FF0A}') // ＊
}

/// The digit of a superscript digit.
fn superscript(ch: char) -> Option<u32> {
    match ch {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(ch as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

/// Whether a character refused comes from a CJK input method in its own
/// punctuation (or full-width) mode: the error then says to switch it.
fn from_ime(ch: char) -> bool {
    crate::format::ime_char(ch)
}

pub(super) fn lex(src: &[char]) -> Result<Vec<Spanned>, ExprError> {
    let c: Vec<char> = src.iter().map(|&ch| typed_ascii(ch)).collect();
    let typed = |a: usize, b: usize| src[a..b].iter().collect::<String>();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let col = i + 1;
        let start = i;
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        let tok = match ch {
            '+' => Tok::Plus,
            '-' => Tok::Minus,
            // `**` is `^` (typed as stars, not as `××`).
            '*' if star(src[i]) && src.get(i + 1).is_some_and(|&s| star(s)) => {
                i += 1;
                Tok::Caret
            }
            '*' => Tok::Star,
            '/' => Tok::Slash,
            '^' => Tok::Caret,
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ',' => Tok::Comma,
            '0'..='9' | '.' => {
                let (x, next) = number(&c, src, i)?;
                out.push(Spanned {
                    tok: Tok::Num(x),
                    col,
                    typed: typed(start, next),
                });
                i = next;
                continue;
            }
            ch if ch == '⁻' || superscript(ch).is_some() => {
                let (x, next) = exponent(&c, i)?;
                // One run of superscripts is `^` and its exponent: both
                // quote it, as typed.
                let t = typed(start, next);
                out.push(Spanned {
                    tok: Tok::Caret,
                    col,
                    typed: t.clone(),
                });
                out.push(Spanned {
                    tok: Tok::Num(x),
                    col,
                    typed: t,
                });
                i = next;
                continue;
            }
            ch if ch.is_ascii_alphabetic() || ch == '_' => {
                while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                let name: String = c[start..i].iter().collect();
                out.push(Spanned {
                    tok: Tok::Name(name),
                    col,
                    typed: typed(start, i),
                });
                continue;
            }
            _ => {
                let typed = src[i];
                return Err(ExprError::new(
                    col,
                    P::BadChar {
                        typed,
                        ime: from_ime(typed),
                    },
                ));
            }
        };
        i += 1;
        out.push(Spanned {
            tok,
            col,
            typed: typed(start, i),
        });
    }
    Ok(out)
}

/// A superscript exponent (`²`, `¹⁰`, `⁻¹`) starting at c[start], and where
/// it ends.
fn exponent(c: &[char], start: usize) -> Result<(f64, usize), ExprError> {
    let mut i = start;
    let negative = c[i] == '⁻';
    if negative {
        i += 1;
    }
    let mut x = 0.0f64;
    while let Some(d) = c.get(i).copied().and_then(superscript) {
        x = x * 10.0 + f64::from(d);
        i += 1;
    }
    if i == start + usize::from(negative) {
        // A `⁻` with no digit after it.
        return Err(ExprError::new(
            start + 1,
            P::BadChar {
                typed: '⁻',
                ime: false,
            },
        ));
    }
    if !x.is_finite() {
        let text = c[start..i].iter().collect();
        return Err(ExprError::new(start + 1, P::TooLarge(text)));
    }
    Ok((if negative { -x } else { x }, i))
}

/// A decimal number with an optional exponent, starting at c[i] (as read;
/// `src` as typed, for the error that quotes it).
fn number(c: &[char], src: &[char], start: usize) -> Result<(f64, usize), ExprError> {
    let mut i = start;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < c.len() && c[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    // A 。 is what the `.` key types in Chinese punctuation mode: a decimal
    // point between digits (`0。5`), but one with no digit after it is a
    // sentence's full stop (`y^2。`), said as the punctuation it is.
    let full_stop = |at: usize| {
        Err(ExprError::new(
            at + 1,
            P::BadChar {
                typed: '\u{3002}',
                ime: true,
            },
        ))
    };
    let int = digits(&mut i);
    let mut frac = 0;
    if i < c.len() && c[i] == '.' {
        let dot = i;
        i += 1;
        frac = digits(&mut i);
        if frac == 0 && src.get(dot) == Some(&'\u{3002}') {
            return full_stop(dot);
        }
    }
    if int + frac == 0 {
        return Err(ExprError::new(start + 1, P::Digit));
    }
    if i < c.len() && (c[i] == 'e' || c[i] == 'E') {
        // An exponent only if digits follow (so `2e` is 2·e? no: an error).
        let mut j = i + 1;
        if j < c.len() && (c[j] == '+' || c[j] == '-') {
            j += 1;
        }
        let exp_start = j;
        let n = digits(&mut j);
        if n == 0 {
            return Err(ExprError::new(exp_start + 1, P::Exponent));
        }
        i = j;
    }
    if i < c.len() && c[i] == '.' {
        if src.get(i) == Some(&'\u{3002}') {
            return full_stop(i);
        }
        return Err(ExprError::new(i + 1, P::TwoDots));
    }
    let text: String = c[start..i].iter().collect();
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok((x, i)),
        _ => Err(ExprError::new(
            start + 1,
            P::TooLarge(src[start..i].iter().collect()),
        )),
    }
}
