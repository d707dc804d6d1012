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

use super::{apply1, max2, min2, Fun, Op};
use crate::lanes::{self, F2};
use crate::math;

/// What an instruction does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Min,
    Max,
    /// A one-argument function.
    F(Fun),
}

impl Kind {
    /// The scalar operation, exactly as [`super::Expr::value`] does it.
    #[inline(always)]
    fn apply(self, a: f64, b: f64) -> f64 {
        match self {
            Kind::Neg => -a,
            Kind::Add => a + b,
            Kind::Sub => a - b,
            Kind::Mul => a * b,
            Kind::Div => a / b,
            Kind::Pow => math::pow(a, b),
            Kind::Min => min2(a, b).0,
            Kind::Max => max2(a, b).0,
            Kind::F(f) => apply1(f, a),
        }
    }
}

/// Where an operand lives: an array register (one value per column) or a
/// scalar register (a constant, y, or a value of y alone).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Arg {
    Arr(u16),
    Sca(u16),
}

#[derive(Debug, Clone, Copy)]
struct Ins {
    kind: Kind,
    dst: u16,
    a: Arg,
    b: Arg,
}

/// What a subtree depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Const(f64),
    X,
    Y,
    Xy,
}

impl Class {
    /// The class of an operation on operands of these classes (not both
    /// constant: that is folded).
    fn of(a: Class, b: Class) -> Class {
        let x = matches!(a, Class::X | Class::Xy) || matches!(b, Class::X | Class::Xy);
        let y = matches!(a, Class::Y | Class::Xy) || matches!(b, Class::Y | Class::Xy);
        match (x, y) {
            (true, true) => Class::Xy,
            (true, false) => Class::X,
            _ => Class::Y,
        }
    }
}

/// Array register 0 holds the columns' x; scalar register 0 holds the row's y.
const XS: u16 = 0;
const Y: u16 = 0;

/// A compiled formula (see the module's doc).
#[derive(Debug, Clone, Default)]
pub struct Tape {
    /// Run once per render over the columns.
    cols: Vec<Ins>,
    /// Run once per row on scalars.
    rows: Vec<Ins>,
    /// Run once per row over the columns.
    mixed: Vec<Ins>,
    /// The scalar registers' starting values (y's slot, then constants).
    init: Vec<f64>,
    arrays: usize,
    out: Option<Arg>,
}

/// The registers a [`Tape`] runs in, kept between renders.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    arrs: Vec<Vec<f64>>,
    sca: Vec<f64>,
}

/// A node of the formula's tree; children come before their parent.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// `None` for a leaf (x, y or a constant: see its class).
    kind: Option<Kind>,
    class: Class,
    a: usize,
    b: usize,
}

impl Tape {
    /// Compile a postfix program (one that [`super::Expr::parse`] accepted:
    /// every operator finds its operands; a malformed one gives NaN).
    pub(super) fn compile(code: &[Op]) -> Tape {
        let mut nodes: Vec<Node> = Vec::with_capacity(code.len() + 4);
        let mut stack: Vec<usize> = Vec::new();
        let leaf = |nodes: &mut Vec<Node>, class: Class| {
            nodes.push(Node {
                kind: None,
                class,
                a: 0,
                b: 0,
            });
            nodes.len() - 1
        };
        for op in code {
            let (k, binary) = match *op {
                Op::Num(c) => {
                    let i = leaf(&mut nodes, Class::Const(c));
                    stack.push(i);
                    continue;
                }
                Op::X | Op::Y => {
                    let c = if *op == Op::X { Class::X } else { Class::Y };
                    let i = leaf(&mut nodes, c);
                    stack.push(i);
                    continue;
                }
                Op::Neg => (Kind::Neg, false),
                Op::Add => (Kind::Add, true),
                Op::Sub => (Kind::Sub, true),
                Op::Mul => (Kind::Mul, true),
                Op::Div => (Kind::Div, true),
                Op::Pow => (Kind::Pow, true),
                Op::Call(Fun::Min) => (Kind::Min, true),
                Op::Call(Fun::Max) => (Kind::Max, true),
                Op::Call(f) => (Kind::F(f), false),
            };
            let b = if binary { stack.pop() } else { None };
            let Some(a) = stack.pop() else {
                return Tape::default();
            };
            let ca = nodes[a].class;
            let cb = b.map_or(Class::Const(0.0), |b| nodes[b].class);
            let b = b.unwrap_or(a);
            let node = match (k, ca, cb) {
                (_, Class::Const(x), Class::Const(y)) => {
                    leaf(&mut nodes, Class::Const(k.apply(x, y)))
                }
                // Exponents musl's pow answers exactly (see the doc).
                (Kind::Pow, _, Class::Const(0.0)) => leaf(&mut nodes, Class::Const(1.0)),
                (Kind::Pow, _, Class::Const(1.0)) => a,
                (Kind::Pow, _, Class::Const(2.0)) => {
                    nodes.push(Node {
                        kind: Some(Kind::Mul),
                        class: ca,
                        a,
                        b: a,
                    });
                    nodes.len() - 1
                }
                (Kind::Pow, _, Class::Const(-1.0)) => {
                    let one = leaf(&mut nodes, Class::Const(1.0));
                    nodes.push(Node {
                        kind: Some(Kind::Div),
                        class: ca,
                        a: one,
                        b: a,
                    });
                    nodes.len() - 1
                }
                _ => {
                    nodes.push(Node {
                        kind: Some(k),
                        class: Class::of(ca, cb),
                        a,
                        b,
                    });
                    nodes.len() - 1
                }
            };
            stack.push(node);
        }
        let Some(root) = stack.pop() else {
            return Tape::default();
        };
        // Only what the root reads (a folded subtree's nodes stay behind).
        let mut live = vec![false; nodes.len()];
        live[root] = true;
        for i in (0..=root).rev() {
            if live[i] && nodes[i].kind.is_some() {
                live[nodes[i].a] = true;
                live[nodes[i].b] = true;
            }
        }
        Builder::new(&nodes, &live).build(root)
    }

    /// Run the column part over `xs` (once per render, before [`Tape::row`]).
    pub fn columns(&self, xs: &[f64], s: &mut Scratch) {
        let n = xs.len();
        s.arrs.resize_with(self.arrays.max(1), Vec::new);
        for a in &mut s.arrs {
            a.resize(n, 0.0);
        }
        s.arrs[XS as usize].copy_from_slice(xs);
        s.sca.clear();
        s.sca.extend_from_slice(&self.init);
        s.sca.resize(s.sca.len().max(1), 0.0);
        for ins in &self.cols {
            run(ins, s);
        }
    }

    /// The formula at every column of the row at height `y` into `out`
    /// (as long as the columns given to [`Tape::columns`]).
    pub fn row(&self, y: f64, s: &mut Scratch, out: &mut [f64]) {
        s.sca[Y as usize] = y;
        for ins in &self.rows {
            let v = ins.kind.apply(sca(s, ins.a), sca(s, ins.b));
            s.sca[ins.dst as usize] = v;
        }
        for ins in &self.mixed {
            run(ins, s);
        }
        match self.out {
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
    let k = ins.kind;
    match (ins.a, ins.b) {
        (Arg::Arr(a), Arg::Arr(b)) => {
            let (a, b) = (&s.arrs[a as usize], &s.arrs[b as usize]);
            by_kind!(k, lanes_aa, map2, &mut dst, a, b)
        }
        (Arg::Arr(a), Arg::Sca(b)) => {
            let (a, b) = (&s.arrs[a as usize], s.sca[b as usize]);
            by_kind!(k, lanes_as, map_as, &mut dst, a, b)
        }
        (Arg::Sca(a), Arg::Arr(b)) => {
            let (a, b) = (s.sca[a as usize], &s.arrs[b as usize]);
            by_kind!(k, lanes_sa, map_sa, &mut dst, a, b)
        }
        (Arg::Sca(a), Arg::Sca(b)) => dst.fill(k.apply(s.sca[a as usize], s.sca[b as usize])),
    }
    s.arrs[d] = dst;
}

/// Register allocation and instruction emission.
struct Builder<'a> {
    nodes: &'a [Node],
    live: &'a [bool],
    /// Where each node's value is, once emitted.
    at: Vec<Option<Arg>>,
    init: Vec<f64>,
    free: Vec<u16>,
    arrays: u16,
    cols: Vec<Ins>,
    rows: Vec<Ins>,
    mixed: Vec<Ins>,
}

impl<'a> Builder<'a> {
    fn new(nodes: &'a [Node], live: &'a [bool]) -> Self {
        Builder {
            nodes,
            live,
            at: vec![None; nodes.len()],
            init: vec![0.0], // y
            free: Vec::new(),
            arrays: 1, // x
            cols: Vec::new(),
            rows: Vec::new(),
            mixed: Vec::new(),
        }
    }

    fn array(&mut self) -> u16 {
        self.free.pop().unwrap_or_else(|| {
            self.arrays += 1;
            self.arrays - 1
        })
    }

    /// Emit the live nodes: first those of x alone (the column part), then
    /// the rest (children before parents in each).
    fn build(mut self, root: usize) -> Tape {
        for pass in [true, false] {
            for i in 0..self.nodes.len() {
                if self.live[i] && (self.nodes[i].class == Class::X) == pass {
                    self.emit(i);
                }
            }
        }
        Tape {
            cols: self.cols,
            rows: self.rows,
            mixed: self.mixed,
            init: self.init,
            arrays: self.arrays as usize,
            out: self.at[root],
        }
    }

    /// Where node `j`'s value is: emitted already, or a constant (whose
    /// register is made on first use: a column instruction may read a
    /// constant that the second pass would reach later).
    fn arg(&mut self, j: usize) -> Arg {
        if self.at[j].is_none() {
            if let Class::Const(v) = self.nodes[j].class {
                self.init.push(v);
                self.at[j] = Some(Arg::Sca((self.init.len() - 1) as u16));
            }
        }
        self.at[j].unwrap_or(Arg::Sca(Y))
    }

    fn emit(&mut self, i: usize) {
        let n = self.nodes[i];
        let Some(kind) = n.kind else {
            let a = match n.class {
                Class::X => Arg::Arr(XS),
                Class::Const(_) => self.arg(i),
                _ => Arg::Sca(Y),
            };
            self.at[i] = Some(a);
            return;
        };
        // Children are emitted first (lower index; x-alone ones in the
        // first pass).
        let oa = self.arg(n.a);
        let ob = self.arg(n.b);
        if n.class == Class::Y {
            let dst = self.init.len() as u16;
            self.init.push(0.0);
            self.rows.push(Ins {
                kind,
                dst,
                a: oa,
                b: ob,
            });
            self.at[i] = Some(Arg::Sca(dst));
            return;
        }
        let dst = self.array();
        let ins = Ins {
            kind,
            dst,
            a: oa,
            b: ob,
        };
        if n.class == Class::X {
            self.cols.push(ins);
        } else {
            self.mixed.push(ins);
        }
        self.at[i] = Some(Arg::Arr(dst));
        // Each node is read once (a tree; `a^2` reads one node twice), so
        // an operand's register is free once its parent is computed — but
        // only within a part: a column value that a row reads must survive
        // every row.
        for (j, o) in [(n.a, oa), (n.b, ob)] {
            if self.nodes[j].class == n.class && self.nodes[j].kind.is_some() {
                if let Arg::Arr(r) = o {
                    if !self.free.contains(&r) {
                        self.free.push(r);
                    }
                }
            }
        }
    }
}
