//! The parser: a recursive descent, bounded by the depth limit, that
//! writes the postfix program.

use super::error::{ExprError, ExprProblem as P, Open, Token as Tok};
use super::lex::Spanned;
use super::{Fun, Op, FUNCTIONS, MAX_DEPTH};

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

    fn col(&self) -> usize {
        self.peek().map(|t| t.1).unwrap_or(self.end_col)
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
        match &t.0 {
            Tok::RParen => ExprError::new(t.1, P::Unmatched),
            Tok::Num(_) | Tok::Name(_) | Tok::LParen => {
                ExprError::new(t.1, P::Implicit(t.0.clone()))
            }
            Tok::Comma => ExprError::new(t.1, P::Comma),
            other => ExprError::new(t.1, P::Unexpected(other.clone())),
        }
    }

    // expr := term (('+' | '-') term)*
    pub(super) fn expr(&mut self) -> Result<(), ExprError> {
        self.enter()?;
        self.term()?;
        while let Some((t @ (Tok::Plus | Tok::Minus), _)) = self.peek() {
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
        while let Some((t @ (Tok::Star | Tok::Slash), _)) = self.peek() {
            let op = if *t == Tok::Star { Op::Mul } else { Op::Div };
            self.pos += 1;
            self.unary()?;
            self.code.push(op);
        }
        Ok(())
    }

    // unary := '-' unary | power
    fn unary(&mut self) -> Result<(), ExprError> {
        if let Some((Tok::Minus, _)) = self.peek() {
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
        if let Some((Tok::Caret, _)) = self.peek() {
            self.pos += 1;
            self.enter()?;
            self.unary()?;
            self.leave();
            self.code.push(Op::Pow);
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), ExprError> {
        let Some((tok, col)) = self.peek().cloned() else {
            return Err(ExprError::new(self.end_col, P::Ends));
        };
        self.pos += 1;
        match tok {
            Tok::Num(x) => self.code.push(Op::Num(x)),
            Tok::LParen => {
                self.expr()?;
                self.close(col, Open::Paren)?;
            }
            Tok::Name(name) => self.name(&name, col)?,
            Tok::Plus => return Err(ExprError::new(col, P::Plus)),
            other => return Err(ExprError::new(col, P::Found(other))),
        }
        Ok(())
    }

    fn close(&mut self, at: usize, open: Open) -> Result<(), ExprError> {
        match self.peek() {
            Some((Tok::RParen, _)) => {
                self.pos += 1;
                Ok(())
            }
            Some(t) if matches!(t.0, Tok::Num(_) | Tok::Name(_) | Tok::LParen) => {
                Err(self.unexpected_after_operand(t))
            }
            Some((t, c)) => Err(ExprError::new(
                *c,
                P::CloseFound {
                    open,
                    at,
                    found: t.clone(),
                },
            )),
            None => Err(ExprError::new(self.end_col, P::CloseMissing { open, at })),
        }
    }

    fn name(&mut self, name: &str, col: usize) -> Result<(), ExprError> {
        match name {
            "x" | "x1" => self.code.push(Op::X),
            "y" | "x2" => self.code.push(Op::Y),
            "pi" => self.code.push(Op::Num(std::f64::consts::PI)),
            "e" => self.code.push(Op::Num(std::f64::consts::E)),
            _ => {
                let (Some(f), Some(name)) =
                    (Fun::by_name(name), FUNCTIONS.iter().find(|f| **f == name))
                else {
                    return Err(ExprError::new(col, P::Unknown(name.to_string())));
                };
                match self.peek() {
                    Some((Tok::LParen, _)) => self.pos += 1,
                    _ => return Err(ExprError::new(self.col(), P::Paren(name))),
                }
                let open = self.tokens[self.pos - 1].1;
                self.expr()?;
                let mut args = 1;
                while let Some((Tok::Comma, _)) = self.peek() {
                    if args == f.arity() {
                        let c = self.col();
                        return Err(arity_error(c, name, f.arity(), args + 1));
                    }
                    self.pos += 1;
                    self.expr()?;
                    args += 1;
                }
                if args < f.arity() {
                    return Err(arity_error(self.col(), name, f.arity(), args));
                }
                self.close(open, Open::Call(name))?;
                self.code.push(Op::Call(f));
            }
        }
        Ok(())
    }
}

fn arity_error(column: usize, name: &'static str, want: usize, got: usize) -> ExprError {
    ExprError::new(column, P::Arity { name, want, got })
}
