//! The lexer: characters to tokens with their columns.

use super::error::{ExprError, ExprProblem as P, Token as Tok};

/// A token and its 1-based column.
pub(super) type Spanned = (Tok, usize);

pub(super) fn lex(c: &[char]) -> Result<Vec<Spanned>, ExprError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let col = i + 1;
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        let tok = match ch {
            '+' => Tok::Plus,
            '-' | '−' => Tok::Minus,
            '*' if c.get(i + 1) == Some(&'*') => {
                i += 1;
                Tok::Caret
            }
            '*' | '·' | '×' => Tok::Star,
            '/' => Tok::Slash,
            '^' => Tok::Caret,
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ',' => Tok::Comma,
            '0'..='9' | '.' => {
                let (x, next) = number(c, i)?;
                out.push((Tok::Num(x), col));
                i = next;
                continue;
            }
            ch if ch.is_ascii_alphabetic() || ch == '_' => {
                let start = i;
                while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                let name: String = c[start..i].iter().collect();
                out.push((Tok::Name(name), col));
                continue;
            }
            ch => return Err(ExprError::new(col, P::BadChar(ch))),
        };
        out.push((tok, col));
        i += 1;
    }
    Ok(out)
}

/// A decimal number with an optional exponent, starting at c[i].
fn number(c: &[char], start: usize) -> Result<(f64, usize), ExprError> {
    let mut i = start;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < c.len() && c[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    let int = digits(&mut i);
    let mut frac = 0;
    if i < c.len() && c[i] == '.' {
        i += 1;
        frac = digits(&mut i);
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
        return Err(ExprError::new(i + 1, P::TwoDots));
    }
    let text: String = c[start..i].iter().collect();
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok((x, i)),
        _ => Err(ExprError::new(start + 1, P::TooLarge(text))),
    }
}
