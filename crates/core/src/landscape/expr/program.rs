//! The formula's postfix program compiled to a register program (see
//! [`super::tape`]): the tree, constant folding, the exact `pow`
//! rewrites, which subtrees depend on x alone or y alone, and register
//! allocation.

use super::{apply1, max2, min2, Fun, Op};
use crate::math;

/// What an instruction does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
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
    pub(super) fn apply(self, a: f64, b: f64) -> f64 {
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
pub(super) enum Arg {
    Arr(u16),
    Sca(u16),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Ins {
    pub(super) kind: Kind,
    pub(super) dst: u16,
    pub(super) a: Arg,
    pub(super) b: Arg,
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
pub(super) const XS: u16 = 0;
pub(super) const Y: u16 = 0;

/// The compiled program: what [`super::tape::Tape`] runs.
#[derive(Debug, Clone, Default)]
pub(super) struct Program {
    /// Run once per render over the columns.
    pub(super) cols: Vec<Ins>,
    /// Run once per row on scalars.
    pub(super) rows: Vec<Ins>,
    /// Run once per row over the columns.
    pub(super) mixed: Vec<Ins>,
    /// The scalar registers' starting values (y's slot, then constants).
    pub(super) init: Vec<f64>,
    pub(super) arrays: usize,
    pub(super) out: Option<Arg>,
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

/// Compile a postfix program (one that [`super::Expr::parse`] accepted:
/// every operator finds its operands; a malformed one gives NaN).
pub(super) fn compile(code: &[Op]) -> Program {
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
            return Program::default();
        };
        let ca = nodes[a].class;
        let cb = b.map_or(Class::Const(0.0), |b| nodes[b].class);
        let b = b.unwrap_or(a);
        let node = match (k, ca, cb) {
            (_, Class::Const(x), Class::Const(y)) => leaf(&mut nodes, Class::Const(k.apply(x, y))),
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
        return Program::default();
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
    fn build(mut self, root: usize) -> Program {
        for pass in [true, false] {
            for i in 0..self.nodes.len() {
                if self.live[i] && (self.nodes[i].class == Class::X) == pass {
                    self.emit(i);
                }
            }
        }
        Program {
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
