//! A formula compiled for the heatmap: a straight-line register program run
//! over a whole row of samples at a time, instead of the postfix
//! interpreter once per sample.
//!
//! Compiled once, when the formula's text changes ([`Expr::parse`]):
//! - constant subtrees are folded (`2*pi` is one number);
//! - subtrees of x alone are computed once per render, over the columns
//!   (`sin(x)`, `x^4`), and subtrees of y alone once per row, as scalars;
//! - only what mixes x and y runs per sample, one instruction over the
//!   whole row at a time (a tight loop per instruction, which the compiler
//!   vectorizes; with wasm SIMD two f64 lanes);
//! - `a^2` becomes `a*a`, `a^1` `a`, `a^-1` `1/a` and `a^0` `1`: musl's `pow`
//!   (the interpreter's) returns exactly these for those exponents, so the
//!   values are bit for bit the interpreter's (NaN payloads aside). Every
//!   other operation is the interpreter's own, on the same operands in the
//!   same order.
//!
//! [`Expr::parse`]: super::Expr::parse

use super::program::{self, Arg, Ins, Kind, Program, XS, Y};
use super::Op;
use crate::lanes::{self, F2};

/// A compiled formula (see the module's doc).
#[derive(Debug, Clone, Default)]
pub struct Tape(Program);

/// How a separable formula's two terms combine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sign {
    /// c + r.
    Plus,
    /// c − r.
    ColumnMinusRow,
    /// r − c.
    RowMinusColumn,
}

/// A formula that is c(x) ± r(y): see [`Tape::separable`].
#[derive(Debug, Clone, Copy)]
pub struct Separable<'s> {
    /// c at every column.
    pub column: &'s [f64],
    /// The scalar register of r.
    pub row: u16,
    /// How they combine.
    pub sign: Sign,
}

/// The registers a [`Tape`] runs in, kept between renders.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    arrs: Vec<Vec<f64>>,
    sca: Vec<f64>,
}

impl Tape {
    /// Compile a postfix program (one that [`super::Expr::parse`] accepted:
    /// every operator finds its operands; a malformed one gives NaN).
    pub(super) fn compile(code: &[Op]) -> Tape {
        Tape(program::compile(code))
    }

    /// Run the column part over `xs` (once per render, before [`Tape::row`]).
    pub fn columns(&self, xs: &[f64], s: &mut Scratch) {
        let n = xs.len();
        s.arrs.resize_with(self.0.arrays.max(1), Vec::new);
        for a in &mut s.arrs {
            a.resize(n, 0.0);
        }
        s.arrs[XS as usize].copy_from_slice(xs);
        s.sca.clear();
        s.sca.extend_from_slice(&self.0.init);
        s.sca.resize(s.sca.len().max(1), 0.0);
        for ins in &self.0.cols {
            run(ins, s);
        }
    }

    /// When the formula is one addition or subtraction of a term of x
    /// alone and a term of y alone (after [`Tape::columns`]): the column
    /// term's values, and the term of y as a function of the row (see
    /// [`Tape::row_term`]). A sample is then the correctly rounded c ± r,
    /// non-decreasing in c and (for +) in r, so the grid's extremes come
    /// from the terms' extremes (the heatmap's range without sampling).
    pub fn separable<'s>(&self, s: &'s Scratch) -> Option<Separable<'s>> {
        let [ins] = &self.0.mixed[..] else {
            return None;
        };
        if self.0.out != Some(Arg::Arr(ins.dst)) {
            return None;
        }
        let (col, row, sign) = match (ins.kind, ins.a, ins.b) {
            (Kind::Add, Arg::Arr(c), Arg::Sca(r)) | (Kind::Add, Arg::Sca(r), Arg::Arr(c)) => {
                (c, r, Sign::Plus)
            }
            (Kind::Sub, Arg::Arr(c), Arg::Sca(r)) => (c, r, Sign::ColumnMinusRow),
            (Kind::Sub, Arg::Sca(r), Arg::Arr(c)) => (c, r, Sign::RowMinusColumn),
            _ => return None,
        };
        Some(Separable {
            column: s.arrs.get(col as usize)?,
            row,
            sign,
        })
    }

    /// The value of a separable formula's term of y (register `row` of
    /// [`Tape::separable`]) at height `y`.
    pub fn row_term(&self, y: f64, row: u16, s: &mut Scratch) -> f64 {
        s.sca[Y as usize] = y;
        for ins in &self.0.rows {
            let v = ins.kind.apply(sca(s, ins.a), sca(s, ins.b));
            s.sca[ins.dst as usize] = v;
        }
        s.sca.get(row as usize).copied().unwrap_or(f64::NAN)
    }

    /// The formula at every column of the row at height `y` into `out`
    /// (as long as the columns given to [`Tape::columns`]).
    pub fn row(&self, y: f64, s: &mut Scratch, out: &mut [f64]) {
        s.sca[Y as usize] = y;
        for ins in &self.0.rows {
            let v = ins.kind.apply(sca(s, ins.a), sca(s, ins.b));
            s.sca[ins.dst as usize] = v;
        }
        let mixed = &self.0.mixed;
        // The last instruction that makes the output writes straight into
        // `out` (no copy of the row after it).
        let last = match (self.0.out, mixed.last()) {
            (Some(Arg::Arr(r)), Some(ins)) if ins.dst == r => mixed.len() - 1,
            _ => mixed.len(),
        };
        for ins in &mixed[..last] {
            run(ins, s);
        }
        if let Some(ins) = mixed.get(last) {
            run_to(ins, s, out);
            return;
        }
        match self.0.out {
            Some(Arg::Arr(r)) => out.copy_from_slice(&s.arrs[r as usize]),
            Some(Arg::Sca(r)) => out.fill(s.sca[r as usize]),
            None => out.fill(f64::NAN),
        }
    }
}

fn sca(s: &Scratch, a: Arg) -> f64 {
    match a {
        Arg::Sca(r) => s.sca[r as usize],
        // Scalar instructions have scalar operands only.
        Arg::Arr(_) => f64::NAN,
    }
}

#[inline(always)]
fn map2(d: &mut [f64], a: &[f64], b: &[f64], f: impl Fn(f64, f64) -> f64) {
    for ((d, &a), &b) in d.iter_mut().zip(a).zip(b) {
        *d = f(a, b);
    }
}

#[inline(always)]
fn map_as(d: &mut [f64], a: &[f64], b: f64, f: impl Fn(f64, f64) -> f64) {
    for (d, &a) in d.iter_mut().zip(a) {
        *d = f(a, b);
    }
}

#[inline(always)]
fn map_sa(d: &mut [f64], a: f64, b: &[f64], f: impl Fn(f64, f64) -> f64) {
    for (d, &b) in d.iter_mut().zip(b) {
        *d = f(a, b);
    }
}

#[inline(always)]
fn lanes_aa(d: &mut [f64], a: &[f64], b: &[f64], f: impl Fn(F2, F2) -> F2) {
    lanes::map2(d, a, b, f);
}

#[inline(always)]
fn lanes_as(d: &mut [f64], a: &[f64], b: f64, f: impl Fn(F2, F2) -> F2) {
    let b = F2::splat(b);
    lanes::map1(d, a, |a| f(a, b));
}

#[inline(always)]
fn lanes_sa(d: &mut [f64], a: f64, b: &[f64], f: impl Fn(F2, F2) -> F2) {
    let a = F2::splat(a);
    lanes::map1(d, b, |b| f(a, b));
}

/// One loop per kind: the arithmetic ones two lanes at a time
/// ([`crate::lanes`], the same IEEE operation per lane), the others (calls
/// into libm, min and max) one sample at a time.
macro_rules! by_kind {
    ($k:expr, $lanes:ident, $map:ident, $d:expr, $a:expr, $b:expr) => {
        match $k {
            Kind::Add => $lanes($d, $a, $b, |a, b| a + b),
            Kind::Sub => $lanes($d, $a, $b, |a, b| a - b),
            Kind::Mul => $lanes($d, $a, $b, |a, b| a * b),
            Kind::Div => $lanes($d, $a, $b, |a, b| a / b),
            Kind::Neg => $lanes($d, $a, $b, |a, _| -a),
            k => $map($d, $a, $b, |a, b| k.apply(a, b)),
        }
    };
}

/// One array instruction over the whole row.
fn run(ins: &Ins, s: &mut Scratch) {
    let d = ins.dst as usize;
    // Out of the file while it is written (it is never an operand).
    let mut dst = std::mem::take(&mut s.arrs[d]);
    run_to(ins, s, &mut dst);
    s.arrs[d] = dst;
}

/// One array instruction over the whole row into `dst` (as long as the
/// row's registers).
fn run_to(ins: &Ins, s: &Scratch, dst: &mut [f64]) {
    let k = ins.kind;
    match (ins.a, ins.b) {
        (Arg::Arr(a), Arg::Arr(b)) => {
            let (a, b) = (&s.arrs[a as usize], &s.arrs[b as usize]);
            by_kind!(k, lanes_aa, map2, dst, a, b)
        }
        (Arg::Arr(a), Arg::Sca(b)) => {
            let (a, b) = (&s.arrs[a as usize], s.sca[b as usize]);
            by_kind!(k, lanes_as, map_as, dst, a, b)
        }
        (Arg::Sca(a), Arg::Arr(b)) => {
            let (a, b) = (s.sca[a as usize], &s.arrs[b as usize]);
            by_kind!(k, lanes_sa, map_sa, dst, a, b)
        }
        (Arg::Sca(a), Arg::Sca(b)) => dst.fill(k.apply(s.sca[a as usize], s.sca[b as usize])),
    }
}
