//! Where a line of the page's text may break.

/// `text` as a caption keeps its small formulas whole on a line: a word
/// joiner (U+2060, invisible) after each hyphen between two ASCII letters or
/// digits ("2-D", "1.1e-4": a projector's narrow line put "1.1e-" and "4" on
/// two lines), no-break spaces around `=`, `−`, `+`, `<`, `>`, `≤`, `≥`, `≈`
/// ("γ" / "= 0.9", "1 −" / "βᵗ" on a phone), a word joiner after a slash
/// between two symbols ("η·m₁/" / "√v₁") and no-break spaces inside a parenthesis of
/// numbers and symbols ("(0.86," / "2.67)"; not "(orange squares)").
pub fn keep_together(text: &str) -> String {
    const OPERATORS: &[char] = &['=', '−', '+', '<', '>', '≤', '≥', '≈'];
    let chars: Vec<char> = text.chars().collect();
    // Where each ASCII parenthesis of no word (two ASCII letters in a row)
    // opens and closes.
    let mut math = vec![false; chars.len()];
    let mut open = None;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => open = Some(i),
            ')' => {
                if let Some(o) = open.take() {
                    let inside = &chars[o + 1..i];
                    let word = inside
                        .windows(2)
                        .any(|w| w.iter().all(|c| c.is_ascii_alphabetic()));
                    if !word {
                        math[o..=i].iter_mut().for_each(|m| *m = true);
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        match c {
            ' ' if math[i] || OPERATORS.contains(&prev) || OPERATORS.contains(&next) => {
                out.push('\u{a0}')
            }
            '-' if prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() => {
                out.push_str("-\u{2060}")
            }
            // A fraction is not broken after its slash ("η·m₁/" / "√v₁").
            '/' if prev != ' ' && next != ' ' => out.push_str("/\u{2060}"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::keep_together;

    #[test]
    fn small_formulas_stay_whole_and_words_still_break() {
        let nb = |s: &str| s.replace(' ', "\u{a0}");
        assert_eq!(
            keep_together("2-D and 1.1e-4"),
            "2-\u{2060}D and 1.1e-\u{2060}4"
        );
        assert_eq!(
            keep_together("with γ = 0.9 here"),
            format!("with {} here", nb("γ = 0.9"))
        );
        assert_eq!(keep_together("1 − βᵗ is"), format!("{} is", nb("1 − βᵗ")));
        assert_eq!(
            keep_together("stops at (0.86, 2.67) and diag(−42, −26) now"),
            format!(
                "stops at {} and {} now",
                nb("(0.86, 2.67)"),
                nb("diag(−42, −26)")
            )
        );
        assert_eq!(
            keep_together("GD (orange squares) runs"),
            "GD (orange squares) runs",
            "a parenthesis of words breaks"
        );
        assert_eq!(
            keep_together("η > 2·(1 + γ)/L = 0.75"),
            nb("η > 2·(1 + γ)/L = 0.75").replace('/', "/\u{2060}")
        );
        // A fraction is not broken after its slash.
        assert_eq!(
            keep_together("step η·m₁/√v₁ here"),
            "step η·m₁/\u{2060}√v₁ here"
        );
        // 中文 the same.
        assert_eq!(
            keep_together("动量法（橙色方块）γ = 0.9，停在 (0.86, 2.67)"),
            format!(
                "动量法（橙色方块）{}，停在 {}",
                nb("γ = 0.9"),
                nb("(0.86, 2.67)")
            )
        );
    }
}
