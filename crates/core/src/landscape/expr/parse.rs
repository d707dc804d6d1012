//! The parser: a recursive descent, bounded by the depth limit, that
//! writes the postfix program.

use super::error::{ExprError, ExprProblem as P, Open};
use super::lex::{Spanned, Tok};
use super::{Fun, Op, MAX_DEPTH};

pub(super) struct Parser<'a> {
    pub(super) tokens: &'a [Spanned],
    pub(super) pos: usize,
    pub(super) depth: usize,
    pub(super) code: Vec<Op>,
    pub(super) end_col: usize,
}

impl Parser<'_> {
    pub(super) fn peek(&self) -> Option<&Spanned> {
        self.tokens.get(self.pos)
    }

    fn next_is(&self, tok: &Tok) -> bool {
        self.peek().is_some_and(|t| t.tok == *tok)
    }

    fn col(&self) -> usize {
        self.peek().map(|t| t.col).unwrap_or(self.end_col)
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(self.col(), P::TooDeep { max: MAX_DEPTH }));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// The error for a token that follows a complete operand.
    pub(super) fn unexpected_after_operand(&self, t: &Spanned) -> ExprError {
        let typed = t.typed.clone();
        match &t.tok {
            Tok::RParen => ExprError::new(t.col, P::Unmatched(typed)),
            Tok::Num(_) | Tok::Name(_) | Tok::LParen => ExprError::new(t.col, P::Implicit(typed)),
            Tok::Comma => ExprError::new(t.col, P::Comma(typed)),
            _ => ExprError::new(t.col, P::Unexpected(typed)),
        }
    }

    // expr := term (('+' | '-') term)*
    pub(super) fn expr(&mut self) -> Result<(), ExprError> {
        self.enter()?;
        self.term()?;
        while let Some(t @ (Tok::Plus | Tok::Minus)) = self.peek().map(|t| &t.tok) {
            let op = if *t == Tok::Plus { Op::Add } else { Op::Sub };
            self.pos += 1;
            self.term()?;
            self.code.push(op);
        }
        self.leave();
        Ok(())
    }

    // term := unary (('*' | '/') unary)*
    fn term(&mut self) -> Result<(), ExprError> {
        self.unary()?;
        while let Some(t @ (Tok::Star | Tok::Slash)) = self.peek().map(|t| &t.tok) {
            let op = if *t == Tok::Star { Op::Mul } else { Op::Div };
            self.pos += 1;
            self.unary()?;
            self.code.push(op);
        }
        Ok(())
    }

    // unary := '-' unary | power
    fn unary(&mut self) -> Result<(), ExprError> {
        if self.next_is(&Tok::Minus) {
            self.pos += 1;
            self.enter()?;
            self.unary()?;
            self.leave();
            self.code.push(Op::Neg);
            return Ok(());
        }
        self.power()
    }

    // power := atom ('^' unary)?      (right-associative: a^b^c = a^(b^c))
    fn power(&mut self) -> Result<(), ExprError> {
        self.atom()?;
        if self.next_is(&Tok::Caret) {
            self.pos += 1;
            self.enter()?;
            self.unary()?;
            self.leave();
            self.code.push(Op::Pow);
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), ExprError> {
        let Some(Spanned { tok, col, typed }) = self.peek().cloned() else {
            return Err(ExprError::new(self.end_col, P::Ends));
        };
        self.pos += 1;
        match tok {
            Tok::Num(x) => self.code.push(Op::Num(x)),
            Tok::LParen => {
                self.expr()?;
                self.close(col, Open::Paren(typed))?;
            }
            Tok::Name(name) => self.name(&name, col, typed)?,
            Tok::Plus => return Err(ExprError::new(col, P::Plus)),
            _ => return Err(ExprError::new(col, P::Found(typed))),
        }
        Ok(())
    }

    fn close(&mut self, at: usize, open: Open) -> Result<(), ExprError> {
        match self.peek() {
            Some(Spanned {
                tok: Tok::RParen, ..
            }) => {
                self.pos += 1;
                Ok(())
            }
            Some(t) if matches!(t.tok, Tok::Num(_) | Tok::Name(_) | Tok::LParen) => {
                Err(self.unexpected_after_operand(t))
            }
            Some(t) => Err(ExprError::new(
                t.col,
                P::CloseFound {
                    open,
                    at,
                    found: t.typed.clone(),
                },
            )),
            None => Err(ExprError::new(self.end_col, P::CloseMissing { open, at })),
        }
    }

    /// A name read as `name` (ASCII), typed as `typed`.
    fn name(&mut self, name: &str, col: usize, typed: String) -> Result<(), ExprError> {
        match name {
            "x" | "x1" => self.code.push(Op::X),
            "y" | "x2" => self.code.push(Op::Y),
            "pi" => self.code.push(Op::Num(std::f64::consts::PI)),
            "e" => self.code.push(Op::Num(std::f64::consts::E)),
            _ => {
                let Some(f) = Fun::by_name(name) else {
                    return Err(ExprError::new(col, P::Unknown(typed)));
                };
                if !self.next_is(&Tok::LParen) {
                    return Err(ExprError::new(self.col(), P::Paren(typed)));
                }
                let paren = &self.tokens[self.pos];
                let (open, call) = (paren.col, Open::Call(format!("{typed}{}", paren.typed)));
                self.pos += 1;
                self.expr()?;
                let mut args = 1;
                while self.next_is(&Tok::Comma) {
                    if args == f.arity() {
                        return Err(arity_error(self.col(), typed, f.arity(), args + 1));
                    }
                    self.pos += 1;
                    self.expr()?;
                    args += 1;
                }
                if args < f.arity() {
                    return Err(arity_error(self.col(), typed, f.arity(), args));
                }
                self.close(open, call)?;
                self.code.push(Op::Call(f));
            }
        }
        Ok(())
    }
}

fn arity_error(column: usize, name: String, want: usize, got: usize) -> ExprError {
    ExprError::new(column, P::Arity { name, want, got })
}
