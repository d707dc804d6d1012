//! Reading a scene from JSON: defaults for omitted keys, typed errors for
//! unknown keys and values out of range.

use super::error::{Allowed, Choice, Got, Problem, SceneError};
use super::json::ReadError;
use super::{allowed_of, allowed_range};
use super::{Noise, Scene, MAX_COORD, MAX_OPTIMIZERS, MAX_SEED, MAX_STEPS};
use crate::landscape::{Expr, Landscape, View};
use crate::optim::{Convention, Key, OptKind, OptSpec};
use serde_json::{Map, Value};

const SCENE_KEYS: &[&str] = &[
    "version",
    "landscape",
    "start",
    "steps",
    "convention",
    "noise",
    "view",
    "optimizers",
];

fn must_be(field: impl Into<String>, allowed: Allowed, v: &Value) -> SceneError {
    SceneError::new(
        field,
        Problem::MustBe {
            allowed,
            got: Got::of(v),
        },
    )
}

fn check_keys(
    obj: &Map<String, Value>,
    within: &'static str,
    allowed: &'static [&'static str],
) -> Result<(), SceneError> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(SceneError::new(
            join(within, k),
            Problem::UnknownKey { within, allowed },
        )),
        None => Ok(()),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn num(v: &Value, field: &str, allowed: Allowed) -> Result<f64, SceneError> {
    match v.as_f64() {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(must_be(field, allowed, v)),
    }
}

fn num_in(
    v: &Value,
    field: &str,
    allowed: Allowed,
    ok: impl Fn(f64) -> bool,
) -> Result<f64, SceneError> {
    let x = num(v, field, allowed)?;
    if ok(x) {
        Ok(x)
    } else {
        Err(must_be(field, allowed, v))
    }
}

fn boolean(v: &Value, field: &str) -> Result<bool, SceneError> {
    v.as_bool()
        .ok_or_else(|| must_be(field, Allowed::Boolean, v))
}

/// A whole number: `20`, or `20.0` as Python's `json.dumps` and
/// JavaScript's float-minded writers put it (refused as "an integer", it
/// read "(got 20)").
pub(crate) fn whole(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| {
        let x = v.as_f64()?;
        (x >= 0.0 && x.fract() == 0.0 && x <= 9_007_199_254_740_992.0).then_some(x as u64)
    })
}

fn integer(v: &Value, field: &str, hi: u64) -> Result<u64, SceneError> {
    match whole(v) {
        Some(n) if n <= hi => Ok(n),
        _ => Err(must_be(field, Allowed::Integer { lo: 0, hi }, v)),
    }
}

/// `v` as a list of exactly two values, else an error saying `allowed`.
fn two_values<'a>(v: &'a Value, field: &str, allowed: Allowed) -> Result<&'a [Value], SceneError> {
    let arr = v.as_array().ok_or_else(|| must_be(field, allowed, v))?;
    if arr.len() != 2 {
        return Err(SceneError::new(
            field,
            Problem::MustBe {
                allowed,
                got: Got::Count(arr.len()),
            },
        ));
    }
    Ok(arr)
}

fn pair(v: &Value, field: &str, allowed: Allowed) -> Result<[f64; 2], SceneError> {
    let arr = two_values(v, field, allowed)?;
    let mut out = [0.0; 2];
    let coordinate = Allowed::AbsAtMost {
        name: "x",
        max: MAX_COORD,
    };
    for (i, x) in arr.iter().enumerate() {
        out[i] = num_in(x, &format!("{field}[{i}]"), coordinate, |x| {
            x.abs() <= MAX_COORD
        })?;
    }
    Ok(out)
}

/// A hyper-parameter pair `[a, b]`: two finite numbers (their relation is
/// the key's range, checked by the caller).
fn two_numbers(v: &Value, field: &str, allowed: Allowed) -> Result<[f64; 2], SceneError> {
    let arr = two_values(v, field, allowed)?;
    let mut out = [0.0; 2];
    for (i, x) in arr.iter().enumerate() {
        out[i] = num(x, field, allowed).map_err(|_| must_be(field, allowed, v))?;
    }
    Ok(out)
}

fn object<'a>(v: &'a Value, field: &str) -> Result<&'a Map<String, Value>, SceneError> {
    v.as_object()
        .ok_or_else(|| must_be(field, Allowed::Object, v))
}

impl Scene {
    /// Parse and validate a scene from JSON text.
    pub fn from_json(text: &str) -> Result<Scene, SceneError> {
        // A byte-order mark (as some Windows editors save) is not an error.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(SceneError::new("", Problem::EmptyText));
        }
        let v = super::json::parse(text).map_err(|e| match e {
            ReadError::Json(e, path) => SceneError::new(
                path,
                Problem::NotJson {
                    line: e.line(),
                    column: e.column(),
                    detail: e.to_string(),
                },
            ),
            ReadError::Duplicate(d) => SceneError::new(
                d.path,
                Problem::DuplicateKey {
                    line: d.line,
                    column: d.column,
                },
            ),
        })?;
        Scene::from_value(&v)
    }

    /// Parse and validate a scene from a JSON value.
    pub fn from_value(v: &Value) -> Result<Scene, SceneError> {
        let obj = object(v, "scene")?;
        check_keys(obj, "", SCENE_KEYS)?;
        if let Some(ver) = obj.get("version") {
            if ver.as_u64() != Some(1) {
                return Err(must_be("version", Allowed::Version, ver));
            }
        }
        let convention = match obj.get("convention") {
            None => Convention::D2l,
            Some(c) => c
                .as_str()
                .and_then(Convention::from_name)
                .ok_or_else(|| must_be("convention", Allowed::Convention, c))?,
        };
        let landscape = match obj.get("landscape") {
            None => Landscape::default(),
            Some(l) => parse_landscape(l)?,
        };
        let start = match obj.get("start") {
            None => landscape.default_start(),
            Some(s) => pair(s, "start", Allowed::Point)?,
        };
        let steps = match obj.get("steps") {
            None => 20,
            Some(s) => integer(s, "steps", MAX_STEPS as u64)? as usize,
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
                let arr = list
                    .as_array()
                    .ok_or_else(|| must_be("optimizers", Allowed::OptimizerList, list))?;
                if arr.len() > MAX_OPTIMIZERS {
                    return Err(SceneError::new(
                        "optimizers",
                        Problem::TooMany {
                            max: MAX_OPTIMIZERS,
                            got: arr.len(),
                        },
                    ));
                }
                arr.iter()
                    .enumerate()
                    .map(|(i, o)| parse_optimizer(o, &format!("optimizers[{i}]"), convention))
                    .collect::<Result<Vec<_>, _>>()?
            }
        };
        for (i, o) in optimizers.iter().enumerate() {
            super::check_schedule(o, steps).map_err(|e| e.under(&format!("optimizers[{i}]")))?;
        }
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
}

fn parse_landscape(v: &Value) -> Result<Landscape, SceneError> {
    let obj = object(v, "landscape")?;
    let kinds = Allowed::OneOf(Choice::Landscape);
    let kind_v = obj
        .get("kind")
        .ok_or_else(|| SceneError::new("landscape.kind", Problem::Required { allowed: kinds }))?;
    let kind = kind_v.as_str().unwrap_or("");
    let mut l =
        Landscape::from_kind(kind).ok_or_else(|| must_be("landscape.kind", kinds, kind_v))?;
    match &mut l {
        Landscape::Quadratic(q) => {
            check_keys(obj, "landscape", &["kind", "a", "b", "rotation"])?;
            let coef = Allowed::AbsWithin { lo: 1e-6, hi: 1e6 };
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
                    Allowed::Angle { max: 360.0 },
                    |x| x.abs() <= 360.0,
                )?;
            }
        }
        Landscape::Rosenbrock(r) => {
            check_keys(obj, "landscape", &["kind", "a", "b"])?;
            if let Some(a) = obj.get("a") {
                let allowed = Allowed::AbsAtMost {
                    name: "a",
                    max: 1e3,
                };
                r.a = num_in(a, "landscape.a", allowed, |x| x.abs() <= 1e3)?;
            }
            if let Some(b) = obj.get("b") {
                let allowed = Allowed::Range { lo: 0.0, hi: 1e6 };
                r.b = num_in(b, "landscape.b", allowed, |x| (0.0..=1e6).contains(&x))?;
            }
        }
        Landscape::Rastrigin(r) => {
            check_keys(obj, "landscape", &["kind", "a"])?;
            if let Some(a) = obj.get("a") {
                let allowed = Allowed::Range { lo: 0.0, hi: 1e3 };
                r.a = num_in(a, "landscape.a", allowed, |x| (0.0..=1e3).contains(&x))?;
            }
        }
        Landscape::Expr(e) => {
            check_keys(obj, "landscape", &["kind", "expr"])?;
            if let Some(v) = obj.get("expr") {
                let text = v
                    .as_str()
                    .ok_or_else(|| must_be("landscape.expr", Allowed::Formula, v))?;
                *e = Expr::parse(text)
                    .map_err(|x| SceneError::new("landscape.expr", Problem::Formula(x)))?;
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
        let allowed = Allowed::Range { lo: 0.0, hi: 1e6 };
        n.sigma = num_in(s, "noise.sigma", allowed, |x| (0.0..=1e6).contains(&x))?;
    }
    if let Some(s) = obj.get("seed") {
        n.seed = integer(s, "noise.seed", MAX_SEED)?;
    }
    Ok(n)
}

fn parse_view(v: &Value) -> Result<View, SceneError> {
    let obj = object(v, "view")?;
    check_keys(obj, "view", &["x", "y"])?;
    let range = |key: &str| -> Result<[f64; 2], SceneError> {
        let field = format!("view.{key}");
        let r = obj.get(key).ok_or_else(|| {
            SceneError::new(
                &field,
                Problem::Required {
                    allowed: Allowed::Ordered,
                },
            )
        })?;
        let p = pair(r, &field, Allowed::Span)?;
        let span = p[1] - p[0];
        if span.is_nan() || span < 1e-9 || !span.is_finite() {
            return Err(SceneError::new(
                &field,
                Problem::MustBe {
                    allowed: Allowed::Ordered,
                    got: Got::Pair(p[0], p[1]),
                },
            ));
        }
        Ok(p)
    };
    Ok(View::new(range("x")?, range("y")?))
}

fn parse_optimizer(v: &Value, path: &str, conv: Convention) -> Result<OptSpec, SceneError> {
    let obj = object(v, path)?;
    let kinds = Allowed::OneOf(Choice::Optimizer);
    let kind_v = obj
        .get("kind")
        .ok_or_else(|| SceneError::new(join(path, "kind"), Problem::Required { allowed: kinds }))?;
    let kind = kind_v
        .as_str()
        .and_then(OptKind::from_name)
        .ok_or_else(|| must_be(join(path, "kind"), kinds, kind_v))?;
    if let Some(k) = obj.keys().find(|k| {
        *k != "kind" && *k != "schedule" && !Key::from_name(k).is_some_and(|key| kind.uses(key))
    }) {
        return Err(SceneError::new(
            join(path, k),
            Problem::UnknownOptimizerKey { kind },
        ));
    }
    let mut spec = OptSpec::new(kind, conv);
    let h = &mut spec.hyper;
    for (k, val) in obj {
        let field = join(path, k);
        match Key::from_name(k) {
            Some(Key::Flag(f)) => f.set(h, boolean(val, &field)?),
            Some(Key::Hyper(key)) => key.set(
                h,
                num_in(val, &field, allowed_range(key), |x| key.in_range(x))?,
            ),
            Some(Key::Pair(key)) => {
                let allowed = allowed_of(key.range());
                let p = two_numbers(val, &field, allowed)?;
                if !key.in_range(p) {
                    return Err(SceneError::new(
                        field,
                        Problem::MustBe {
                            allowed,
                            got: Got::Pair(p[0], p[1]),
                        },
                    ));
                }
                key.set(h, p);
            }
            Some(Key::Int(key)) => {
                let allowed = allowed_of(key.range());
                match whole(val) {
                    Some(n) if key.in_range(n) => key.set(h, n),
                    _ => return Err(must_be(field, allowed, val)),
                }
            }
            Some(Key::Choice(key)) => {
                let ok = val.as_str().is_some_and(|name| key.set(h, name));
                if !ok {
                    return Err(must_be(field, allowed_of(key.range()), val));
                }
            }
            None if k == "schedule" => {
                spec.schedule = Some(super::read_schedule(val, &field)?);
            }
            None => {} // "kind"
        }
    }
    spec.validate()
        .map_err(|e| SceneError::from(e).under(path))?;
    Ok(spec)
}
