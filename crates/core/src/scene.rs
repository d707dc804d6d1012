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

use crate::landscape::{Expr, Landscape, View, KINDS};
use crate::optim::{allowed_range, in_range, Convention, OptKind, OptSpec, ALL_KINDS};
use crate::params;
use crate::Vec2;
use serde_json::{Map, Value};

/// Most steps a scene may ask for.
pub const MAX_STEPS: usize = 100_000;
/// Largest |coordinate| of a start point or view edge.
pub const MAX_COORD: f64 = 1e12;
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

/// A bad scene: where and what.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneError {
    /// The path of the offending field, e.g. `optimizers[1].lr`.
    pub field: String,
    /// What is wrong and what is allowed.
    pub message: String,
    /// The formula's own error, when the field is a formula that does not
    /// parse (then `message` is empty and the text layer words this).
    pub formula: Option<crate::landscape::ExprError>,
}

impl std::fmt::Display for SceneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for SceneError {}

fn err(field: impl Into<String>, message: impl Into<String>) -> SceneError {
    SceneError {
        field: field.into(),
        message: message.into(),
        formula: None,
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::String(s) if s.chars().count() > 40 => {
            format!("\"{}…\"", s.chars().take(40).collect::<String>())
        }
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
        other => other.to_string(),
    }
}

fn check_keys(obj: &Map<String, Value>, path: &str, allowed: &[&str]) -> Result<(), SceneError> {
    for k in obj.keys() {
        if !allowed.contains(&k.as_str()) {
            let what = if path.is_empty() {
                "the scene".to_string()
            } else {
                path.to_string()
            };
            return Err(err(
                join(path, k),
                format!(
                    "unknown key in {what}; allowed keys: {}",
                    allowed.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn num(v: &Value, field: &str, allowed: &str) -> Result<f64, SceneError> {
    match v.as_f64() {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(err(
            field,
            format!("must be {allowed} (got {})", describe(v)),
        )),
    }
}

fn num_in(
    v: &Value,
    field: &str,
    allowed: &str,
    ok: impl Fn(f64) -> bool,
) -> Result<f64, SceneError> {
    let x = num(v, field, allowed)?;
    if ok(x) {
        Ok(x)
    } else {
        Err(err(
            field,
            format!("must be {allowed} (got {})", describe(v)),
        ))
    }
}

fn boolean(v: &Value, field: &str) -> Result<bool, SceneError> {
    v.as_bool().ok_or_else(|| {
        err(
            field,
            format!("must be true or false (got {})", describe(v)),
        )
    })
}

fn pair(v: &Value, field: &str, allowed: &str) -> Result<[f64; 2], SceneError> {
    let bad = || err(field, format!("must be {allowed} (got {})", describe(v)));
    let arr = v.as_array().ok_or_else(bad)?;
    if arr.len() != 2 {
        return Err(err(
            field,
            format!("must be {allowed} (got {} numbers)", arr.len()),
        ));
    }
    let mut out = [0.0; 2];
    for (i, x) in arr.iter().enumerate() {
        out[i] = num_in(
            x,
            &format!("{field}[{i}]"),
            "a finite number with |x| ≤ 1e12",
            |x| x.abs() <= MAX_COORD,
        )?;
    }
    Ok(out)
}

fn object<'a>(v: &'a Value, field: &str) -> Result<&'a Map<String, Value>, SceneError> {
    v.as_object()
        .ok_or_else(|| err(field, format!("must be an object (got {})", describe(v))))
}

impl Scene {
    /// Parse and validate a scene from JSON text.
    pub fn from_json(text: &str) -> Result<Scene, SceneError> {
        // A byte-order mark (as some Windows editors save) is not an error.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let v: Value =
            serde_json::from_str(text).map_err(|e| err("", format!("not valid JSON: {e}")))?;
        Scene::from_value(&v)
    }

    /// Parse and validate a scene from a JSON value.
    pub fn from_value(v: &Value) -> Result<Scene, SceneError> {
        let obj = object(v, "scene")?;
        check_keys(
            obj,
            "",
            &[
                "version",
                "landscape",
                "start",
                "steps",
                "convention",
                "noise",
                "view",
                "optimizers",
            ],
        )?;
        if let Some(ver) = obj.get("version") {
            if ver.as_u64() != Some(1) {
                return Err(err("version", format!("must be 1 (got {})", describe(ver))));
            }
        }
        let convention = match obj.get("convention") {
            None => Convention::D2l,
            Some(c) => c.as_str().and_then(Convention::from_name).ok_or_else(|| {
                err(
                    "convention",
                    format!("must be \"d2l\" or \"pytorch\" (got {})", describe(c)),
                )
            })?,
        };
        let landscape = match obj.get("landscape") {
            None => Landscape::default(),
            Some(l) => parse_landscape(l)?,
        };
        let start = match obj.get("start") {
            None => landscape.default_start(),
            Some(s) => pair(s, "start", "[x, y], two finite numbers")?,
        };
        let steps = match obj.get("steps") {
            None => 20,
            Some(s) => match s.as_u64() {
                Some(n) if n as usize <= MAX_STEPS => n as usize,
                _ => {
                    return Err(err(
                        "steps",
                        format!("must be an integer in 0..=100000 (got {})", describe(s)),
                    ))
                }
            },
        };
        let noise = match obj.get("noise") {
            None => Noise::default(),
            Some(n) => parse_noise(n)?,
        };
        let view = match obj.get("view") {
            None | Some(Value::Null) => None,
            Some(v) => Some(parse_view(v)?),
        };
        let optimizers = match obj.get("optimizers") {
            None => Scene::default().optimizers,
            Some(list) => {
                let arr = list.as_array().ok_or_else(|| {
                    err(
                        "optimizers",
                        format!("must be a list of optimizers (got {})", describe(list)),
                    )
                })?;
                if arr.len() > 16 {
                    return Err(err(
                        "optimizers",
                        format!("at most 16 optimizers are allowed (got {})", arr.len()),
                    ));
                }
                arr.iter()
                    .enumerate()
                    .map(|(i, o)| parse_optimizer(o, &format!("optimizers[{i}]"), convention))
                    .collect::<Result<Vec<_>, _>>()?
            }
        };
        Ok(Scene {
            landscape,
            start,
            steps,
            convention,
            noise,
            view,
            optimizers,
        })
    }

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

fn parse_landscape(v: &Value) -> Result<Landscape, SceneError> {
    let obj = object(v, "landscape")?;
    let kind_v = obj.get("kind").ok_or_else(|| {
        err(
            "landscape.kind",
            format!("is required; one of: {}", KINDS.join(", ")),
        )
    })?;
    let kind = kind_v.as_str().unwrap_or("");
    let mut l = Landscape::from_kind(kind).ok_or_else(|| {
        err(
            "landscape.kind",
            format!(
                "must be one of: {} (got {})",
                KINDS.join(", "),
                describe(kind_v)
            ),
        )
    })?;
    match &mut l {
        Landscape::Quadratic(q) => {
            check_keys(obj, "landscape", &["kind", "a", "b", "rotation"])?;
            let coef = "a finite number with 1e-6 ≤ |value| ≤ 1e6";
            let ok = |x: f64| (1e-6..=1e6).contains(&x.abs());
            if let Some(a) = obj.get("a") {
                q.a = num_in(a, "landscape.a", coef, ok)?;
            }
            if let Some(b) = obj.get("b") {
                q.b = num_in(b, "landscape.b", coef, ok)?;
            }
            if let Some(r) = obj.get("rotation") {
                q.rotation = num_in(
                    r,
                    "landscape.rotation",
                    "an angle in degrees in [-360, 360]",
                    |x| x.abs() <= 360.0,
                )?;
            }
        }
        Landscape::Rosenbrock(r) => {
            check_keys(obj, "landscape", &["kind", "a", "b"])?;
            if let Some(a) = obj.get("a") {
                r.a = num_in(a, "landscape.a", "a finite number with |a| ≤ 1e3", |x| {
                    x.abs() <= 1e3
                })?;
            }
            if let Some(b) = obj.get("b") {
                r.b = num_in(b, "landscape.b", "a number in [0, 1e6]", |x| {
                    (0.0..=1e6).contains(&x)
                })?;
            }
        }
        Landscape::Rastrigin(r) => {
            check_keys(obj, "landscape", &["kind", "a"])?;
            if let Some(a) = obj.get("a") {
                r.a = num_in(a, "landscape.a", "a number in [0, 1e3]", |x| {
                    (0.0..=1e3).contains(&x)
                })?;
            }
        }
        Landscape::Expr(e) => {
            check_keys(obj, "landscape", &["kind", "expr"])?;
            if let Some(v) = obj.get("expr") {
                let text = v.as_str().ok_or_else(|| {
                    err(
                        "landscape.expr",
                        format!(
                            "must be a formula in x and y as a string, e.g. \"x^2 + 10*y^2\" (got {})",
                            describe(v)
                        ),
                    )
                })?;
                *e = Expr::parse(text).map_err(|x| SceneError {
                    formula: Some(x),
                    ..err("landscape.expr", "")
                })?;
            }
        }
        _ => check_keys(obj, "landscape", &["kind"])?,
    }
    Ok(l)
}

fn parse_noise(v: &Value) -> Result<Noise, SceneError> {
    let obj = object(v, "noise")?;
    check_keys(obj, "noise", &["sigma", "seed"])?;
    let mut n = Noise::default();
    if let Some(s) = obj.get("sigma") {
        n.sigma = num_in(s, "noise.sigma", "a number in [0, 1e6]", |x| {
            (0.0..=1e6).contains(&x)
        })?;
    }
    if let Some(s) = obj.get("seed") {
        n.seed = match s.as_u64() {
            Some(x) if x <= MAX_SEED => x,
            _ => {
                return Err(err(
                    "noise.seed",
                    format!(
                        "must be an integer in 0..=9007199254740991 (got {})",
                        describe(s)
                    ),
                ))
            }
        };
    }
    Ok(n)
}

fn parse_view(v: &Value) -> Result<View, SceneError> {
    let obj = object(v, "view")?;
    check_keys(obj, "view", &["x", "y"])?;
    let range = |key: &str| -> Result<[f64; 2], SceneError> {
        let field = format!("view.{key}");
        let r = obj
            .get(key)
            .ok_or_else(|| err(&field, "is required: [min, max] with min < max"))?;
        let p = pair(r, &field, "[min, max], two finite numbers with min < max")?;
        let span = p[1] - p[0];
        if span.is_nan() || span < 1e-9 || !span.is_finite() {
            return Err(err(
                &field,
                format!(
                    "must be [min, max] with min < max (got [{}, {}])",
                    p[0], p[1]
                ),
            ));
        }
        Ok(p)
    };
    Ok(View::new(range("x")?, range("y")?))
}

fn parse_optimizer(v: &Value, path: &str, conv: Convention) -> Result<OptSpec, SceneError> {
    let obj = object(v, path)?;
    let names: Vec<&str> = ALL_KINDS.iter().map(|k| k.name()).collect();
    let kind_v = obj.get("kind").ok_or_else(|| {
        err(
            join(path, "kind"),
            format!("is required; one of: {}", names.join(", ")),
        )
    })?;
    let kind = kind_v
        .as_str()
        .and_then(OptKind::from_name)
        .ok_or_else(|| {
            err(
                join(path, "kind"),
                format!(
                    "must be one of: {} (got {})",
                    names.join(", "),
                    describe(kind_v)
                ),
            )
        })?;
    let mut allowed = vec!["kind"];
    allowed.extend_from_slice(kind.keys_str());
    for k in obj.keys() {
        if !allowed.contains(&k.as_str()) {
            return Err(err(
                join(path, k),
                format!(
                    "unknown key for {}; allowed keys: {}",
                    kind.name(),
                    allowed.join(", ")
                ),
            ));
        }
    }
    let mut spec = OptSpec::new(kind, conv);
    let h = &mut spec.hyper;
    for (k, val) in obj {
        let field = join(path, k);
        match k.as_str() {
            "kind" => {}
            "bias_correction" | "nesterov" | "amsgrad" => {
                params::set_flag(h, k, boolean(val, &field)?)
            }
            key => params::set(
                h,
                key,
                num_in(val, &field, allowed_range(key), |x| in_range(key, x))?,
            ),
        }
    }
    spec.validate().map_err(|e| {
        err(
            join(path, e.field),
            format!("must be {} (got {})", e.allowed, e.value),
        )
    })?;
    Ok(spec)
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
    let h = &spec.hyper;
    let mut m = Map::new();
    m.insert("kind".into(), spec.kind.name().into());
    for key in spec.kind.keys_str() {
        let v: Value = match *key {
            "lr" => h.lr.into(),
            "gamma" => h.gamma.into(),
            "beta1" => h.beta1.into(),
            "beta2" => h.beta2.into(),
            "eps" => h.eps.into(),
            "lambda" => h.lambda.into(),
            "momentum_decay" => h.momentum_decay.into(),
            "bias_correction" => h.bias_correction.into(),
            "nesterov" => h.nesterov.into(),
            "amsgrad" => h.amsgrad.into(),
            _ => continue,
        };
        m.insert((*key).into(), v);
    }
    Value::Object(m)
}
