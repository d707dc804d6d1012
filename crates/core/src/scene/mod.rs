//! The scene: everything needed to reproduce a picture.
//!
//! JSON form (`"version": 1`), shared by the page, the URL, the CLI and the
//! SVG export:
//!
//! ```json
//! {"version": 1,
//!  "landscape": {"kind": "quadratic", "a": 0.1, "b": 2.0},
//!  "start": [-5, -2], "steps": 20, "convention": "d2l",
//!  "noise": {"sigma": 0, "seed": 0},
//!  "view": {"x": [-5.5, 1], "y": [-3, 1]},
//!  "optimizers": [{"kind": "gd", "lr": 0.4},
//!                 {"kind": "momentum", "lr": 0.4, "gamma": 0.5}]}
//! ```
//!
//! Every key is optional: omitted keys take the defaults (the seed's bowl,
//! its start, 20 steps, d2l, no noise, the landscape's view, GD and
//! momentum); omitted optimizer keys take the convention's defaults. Unknown
//! keys and values out of range are errors naming the field and what is
//! allowed.

mod error;
mod json;
mod read;
mod schedule;
pub mod schedule_edit;

pub use error::{allowed_of, allowed_range, Allowed, Choice, Got, Problem, SceneError, GOT_CHARS};
pub use schedule::{check_schedule, read_schedule, schedule_keys, schedule_value};

use crate::landscape::{Landscape, View};
use crate::optim::{Convention, Key, KeyValue, OptKind, OptSpec};
use crate::Vec2;
use serde_json::{Map, Value};

/// Most steps a scene may ask for.
pub const MAX_STEPS: usize = 100_000;
/// Largest |coordinate| of a start point or view edge.
pub const MAX_COORD: f64 = 1e12;
pub use crate::optim::MAX_OPTIMIZERS;
/// Largest noise seed (integers above 2⁵³ are not exact in JSON numbers).
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// Gaussian gradient noise.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Noise {
    /// Standard deviation σ added to each gradient coordinate (0 = none).
    pub sigma: f64,
    /// Seed of the deterministic generator.
    pub seed: u64,
}

/// Everything needed to reproduce a picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// The loss surface.
    pub landscape: Landscape,
    /// Where every optimizer starts.
    pub start: Vec2,
    /// How many steps each optimizer takes.
    pub steps: usize,
    /// d2l or pytorch arithmetic.
    pub convention: Convention,
    /// Gradient noise.
    pub noise: Noise,
    /// The window shown; `None` means the landscape's default.
    pub view: Option<View>,
    /// The racing optimizers.
    pub optimizers: Vec<OptSpec>,
}

impl Default for Scene {
    /// The seed's bowl with GD η = 0.4 and momentum η = 0.4, γ = 0.5.
    fn default() -> Self {
        let conv = Convention::D2l;
        let landscape = Landscape::default();
        Scene {
            start: landscape.default_start(),
            landscape,
            steps: 20,
            convention: conv,
            noise: Noise::default(),
            view: None,
            optimizers: vec![
                OptSpec::new(OptKind::Gd, conv),
                OptSpec::new(OptKind::Momentum, conv),
            ],
        }
    }
}

impl Scene {
    /// The window to draw: the scene's, or the landscape's default.
    pub fn view(&self) -> View {
        self.view.unwrap_or_else(|| self.landscape.default_view())
    }

    /// The scene as a JSON value, every key written out (only the keys each
    /// optimizer uses).
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("version".into(), 1.into());
        m.insert("landscape".into(), landscape_value(&self.landscape));
        m.insert("start".into(), Value::from(self.start.to_vec()));
        m.insert("steps".into(), self.steps.into());
        m.insert("convention".into(), self.convention.name().into());
        let mut n = Map::new();
        n.insert("sigma".into(), self.noise.sigma.into());
        n.insert("seed".into(), self.noise.seed.into());
        m.insert("noise".into(), Value::Object(n));
        if let Some(v) = self.view {
            let mut o = Map::new();
            o.insert("x".into(), Value::from(vec![v.x0, v.x1]));
            o.insert("y".into(), Value::from(vec![v.y0, v.y1]));
            m.insert("view".into(), Value::Object(o));
        }
        m.insert(
            "optimizers".into(),
            Value::Array(self.optimizers.iter().map(optimizer_value).collect()),
        );
        Value::Object(m)
    }

    /// The scene as pretty JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }
}

fn landscape_value(l: &Landscape) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), l.kind().into());
    match l {
        Landscape::Quadratic(q) => {
            m.insert("a".into(), q.a.into());
            m.insert("b".into(), q.b.into());
            if q.rotation != 0.0 {
                m.insert("rotation".into(), q.rotation.into());
            }
        }
        Landscape::Rosenbrock(r) => {
            m.insert("a".into(), r.a.into());
            m.insert("b".into(), r.b.into());
        }
        Landscape::Rastrigin(r) => {
            m.insert("a".into(), r.a.into());
        }
        Landscape::Expr(e) => {
            m.insert("expr".into(), e.source().into());
        }
        _ => {}
    }
    Value::Object(m)
}

/// One optimizer as JSON: its kind and exactly the keys it uses.
pub fn optimizer_value(spec: &OptSpec) -> Value {
    optimizer_value_keeping(spec, |_| true)
}

/// [`optimizer_value`] with only the keys `keep` lets through (a link
/// leaves out those at their defaults).
pub fn optimizer_value_keeping(spec: &OptSpec, keep: impl Fn(Key) -> bool) -> Value {
    let h = &spec.hyper;
    let mut m = Map::new();
    m.insert("kind".into(), spec.kind.name().into());
    for &key in spec
        .kind
        .keys()
        .iter()
        .filter(|&&k| spec.kind.writes(k, h) && keep(k))
    {
        let v: Value = match key.get(h) {
            KeyValue::Number(x) => x.into(),
            KeyValue::Flag(b) => b.into(),
            KeyValue::Pair([a, b]) => Value::Array(vec![a.into(), b.into()]),
            KeyValue::Int(n) => n.into(),
            KeyValue::Choice(c) => c.into(),
        };
        m.insert(key.name().into(), v);
    }
    if let Some(s) = &spec.schedule {
        m.insert("schedule".into(), schedule_value(s));
    }
    Value::Object(m)
}
