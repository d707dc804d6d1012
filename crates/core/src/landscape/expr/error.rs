//! Why a formula did not parse, as values (`gradscape_text::errors::expr_error`
//! words them).

/// A formula that did not parse: where (1-based column, in characters) and
/// what was wrong or expected.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    /// 1-based character column of the problem.
    pub column: usize,
    /// What was wrong, or what was expected there.
    pub problem: ExprProblem,
}

impl ExprError {
    pub(super) fn new(column: usize, problem: ExprProblem) -> ExprError {
        ExprError { column, problem }
    }
}

/// A token of the formula language, as an error names it.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// A number.
    Num(f64),
    /// A name: a variable, constant or function.
    Name(String),
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `^` (or `**`)
    Caret,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `,`
    Comma,
}

/// What opened a bracket that is not closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// A plain `(`.
    Paren,
    /// A function call `name(`.
    Call(&'static str),
}

/// What was wrong with a formula.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprProblem {
    /// More than `max` characters.
    TooLong {
        /// Characters given.
        len: usize,
        /// Most allowed.
        max: usize,
    },
    /// Nothing but spaces.
    Empty,
    /// The evaluation would need more than `max` pending values.
    TooComplex {
        /// The stack limit.
        max: usize,
    },
    /// A character outside the language.
    BadChar(char),
    /// A `.` without digits around it.
    Digit,
    /// An exponent without digits (`1e`).
    Exponent,
    /// A second `.` in a number.
    TwoDots,
    /// A number beyond the floats (as written).
    TooLarge(String),
    /// Nested deeper than `max` levels.
    TooDeep {
        /// The nesting limit.
        max: usize,
    },
    /// A `)` with no `(`.
    Unmatched,
    /// An operand right after an operand (`2x`).
    Implicit(Token),
    /// A `,` outside min/max.
    Comma,
    /// An operator where none fits.
    Unexpected(Token),
    /// The formula stops where an operand is needed.
    Ends,
    /// A leading `+`.
    Plus,
    /// Something else where an operand is needed.
    Found(Token),
    /// A bracket closed by something else.
    CloseFound {
        /// What opened it.
        open: Open,
        /// Its column.
        at: usize,
        /// What came instead of `)`.
        found: Token,
    },
    /// A bracket never closed.
    CloseMissing {
        /// What opened it.
        open: Open,
        /// Its column.
        at: usize,
    },
    /// A name that is no variable, constant or function.
    Unknown(String),
    /// A function name without `(`.
    Paren(&'static str),
    /// A function with the wrong number of arguments.
    Arity {
        /// The function.
        name: &'static str,
        /// Arguments it takes.
        want: usize,
        /// Arguments given (at least, when more than `want`).
        got: usize,
    },
}
