//! A formula written in the figures' maths: x₁ and x₂, · and −, a
//! whole-number power in superscript digits, the user's spacing kept.

use super::lex::{self, lex};
use super::Expr;

/// The superscript digits 0–9.
const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

impl Expr {
    /// The formula as written, in the figures' maths: `x` or `x1` as x₁,
    /// `y` or `x2` as x₂, `*` as ·, `-` as −, a whole-number power as
    /// superscript digits, full-width keys as their ASCII
    /// (`0.1*(x-3)^2 + 2*y^2` is `0.1·(x₁ − 3)² + 2·x₂²`, as the lessons'
    /// captions write it). Spacing is the user's; the text pastes back.
    pub fn display(&self) -> String {
        let chars: Vec<char> = self.src.chars().collect();
        let Ok(tokens) = lex(&chars) else {
            return self.src.clone();
        };
        let ascii = |t: &str| -> String { t.chars().map(crate::format::typed_ascii).collect() };
        let (mut out, mut at) = (String::new(), 0);
        let mut i = 0;
        // A binary + or − is written with a space each side, whatever was
        // typed (`x-3` as `x − 3`, as the captions write it); a unary one
        // (`-x`, `2^-1`) as typed.
        let mut spaced = false;
        while let Some(t) = tokens.get(i) {
            let start = t.col - 1;
            // Between tokens: spaces (a full-width one as a plain one).
            if !spaced {
                out.extend(
                    chars[at..start]
                        .iter()
                        .map(|&c| crate::format::typed_ascii(c)),
                );
            }
            spaced = false;
            let binary = matches!(t.tok, lex::Tok::Plus | lex::Tok::Minus)
                && i > 0
                && matches!(
                    tokens[i - 1].tok,
                    lex::Tok::Num(_) | lex::Tok::Name(_) | lex::Tok::RParen
                );
            at = start + t.typed.chars().count();
            if binary {
                out.truncate(out.trim_end().len());
                out.push_str(if t.tok == lex::Tok::Plus {
                    " + "
                } else {
                    " − "
                });
                spaced = true;
                i += 1;
                continue;
            }
            match &t.tok {
                lex::Tok::Name(n) => out.push_str(match n.as_str() {
                    "x" | "x1" => "x₁",
                    "y" | "x2" => "x₂",
                    other => other,
                }),
                lex::Tok::Num(_) => out.push_str(&ascii(&t.typed)),
                lex::Tok::Plus => out.push('+'),
                lex::Tok::Minus => out.push('−'),
                lex::Tok::Star => out.push('·'),
                lex::Tok::Slash => out.push('/'),
                lex::Tok::LParen => out.push('('),
                lex::Tok::RParen => out.push(')'),
                lex::Tok::Comma => out.push(','),
                lex::Tok::Caret => {
                    let next = tokens.get(i + 1);
                    // Typed as superscripts: the caret and its exponent are
                    // one run of characters, kept.
                    if next.is_some_and(|n| n.col == t.col) {
                        out.push_str(&t.typed);
                        i += 2;
                        continue;
                    }
                    let digits = next
                        .filter(|n| n.col - 1 == at)
                        .map(|n| ascii(&n.typed))
                        .filter(|d| {
                            !d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit())
                        });
                    match (next, digits) {
                        (Some(n), Some(d)) => {
                            out.extend(d.bytes().map(|b| SUPERSCRIPTS[usize::from(b - b'0')]));
                            at = n.col - 1 + n.typed.chars().count();
                            i += 2;
                            continue;
                        }
                        _ => out.push('^'),
                    }
                }
            }
            i += 1;
        }
        out.extend(
            chars[at.min(chars.len())..]
                .iter()
                .map(|&c| crate::format::typed_ascii(c)),
        );
        out
    }
}
