//! Why a formula did not parse, as values (`gradscape_text::errors::expr_error`
//! words them). What the user typed is quoted as typed (`×`, `（`, `ｓｉｎ`),
//! not as the lexer read it.

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

/// What opened a bracket that is not closed, as typed (`(`, `（`, `sin(`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// A plain `(`.
    Paren(String),
    /// A function call `name(`.
    Call(String),
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
    BadChar {
        /// The character.
        typed: char,
        /// Whether a CJK input method typed it in its own punctuation or
        /// full-width mode (switching to English punctuation helps).
        ime: bool,
    },
    /// A `.` without digits around it.
    Digit,
    /// An exponent without digits (`1e`).
    Exponent,
    /// A second `.` in a number.
    TwoDots,
    /// A number beyond the floats (as typed).
    TooLarge(String),
    /// Nested deeper than `max` levels.
    TooDeep {
        /// The nesting limit.
        max: usize,
    },
    /// A `)` with no `(`, as typed (`)` or `）`).
    Unmatched(String),
    /// An operand right after an operand (`2x`), as typed.
    Implicit(String),
    /// A `,` outside min/max, as typed (`,` or `，`).
    Comma(String),
    /// An operator where none fits, as typed.
    Unexpected(String),
    /// The formula stops where an operand is needed.
    Ends,
    /// A leading `+`.
    Plus,
    /// Something else where an operand is needed, as typed.
    Found(String),
    /// A bracket closed by something else.
    CloseFound {
        /// What opened it.
        open: Open,
        /// Its column.
        at: usize,
        /// What came instead of `)`, as typed.
        found: String,
    },
    /// A bracket never closed.
    CloseMissing {
        /// What opened it.
        open: Open,
        /// Its column.
        at: usize,
    },
    /// A name that is no variable, constant or function, as typed.
    Unknown(String),
    /// A function name without `(`, as typed.
    Paren(String),
    /// A function with the wrong number of arguments.
    Arity {
        /// The function, as typed.
        name: String,
        /// Arguments it takes.
        want: usize,
        /// Arguments given (at least, when more than `want`).
        got: usize,
    },
}
