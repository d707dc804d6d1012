//! Helpers shared by the tests/optimizers_*.rs binaries: runs on the seed's
//! bowl, state fields by name and closeness checks.

use gradscape::optim::Hyper;
use gradscape::run::{run_one, StepState};
use gradscape::scene::Noise;
use gradscape::{Convention, Landscape, OptKind, OptSpec, Scene, Stop, Trajectory};

pub type V2 = [f64; 2];

pub const D2L: Convention = Convention::D2l;
pub const TORCH: Convention = Convention::Pytorch;
pub const X0: V2 = [-5.0, -2.0];

pub fn scene(
    landscape: Landscape,
    start: V2,
    steps: usize,
    convention: Convention,
    optimizers: Vec<OptSpec>,
) -> Scene {
    Scene {
        landscape,
        start,
        steps,
        convention,
        noise: Noise::default(),
        view: None,
        optimizers,
    }
}

pub fn spec(kind: OptKind, conv: Convention, f: impl FnOnce(&mut Hyper)) -> OptSpec {
    let mut s = OptSpec::new(kind, conv);
    f(&mut s.hyper);
    s
}

pub fn run(l: &Landscape, start: V2, steps: usize, conv: Convention, s: OptSpec) -> Trajectory {
    let sc = scene(l.clone(), start, steps, conv, vec![s]);
    run_one(l, &s, &sc).expect("valid hyper-parameters")
}

/// `steps` steps on the seed's bowl from (−5, −2).
pub fn on_bowl(
    kind: OptKind,
    conv: Convention,
    steps: usize,
    f: impl FnOnce(&mut Hyper),
) -> Trajectory {
    let t = run(&Landscape::default(), X0, steps, conv, spec(kind, conv, f));
    assert_eq!(t.stop, Stop::Completed);
    assert_eq!(t.points.len(), steps + 1);
    assert_eq!(t.points[0], X0);
    t
}

pub fn field(s: &StepState, name: &str) -> V2 {
    s.fields
        .iter()
        .find(|f| f.key.json_name() == Some(name))
        .unwrap_or_else(|| panic!("no state field {name:?}; have {:?}", names(s)))
        .value
}

pub fn names(s: &StepState) -> Vec<&'static str> {
    s.fields.iter().filter_map(|f| f.key.json_name()).collect()
}

pub fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

#[track_caller]
pub fn assert_close2(got: V2, want: V2, rel: f64, what: &str) {
    assert!(
        close(got[0], want[0], rel) && close(got[1], want[1], rel),
        "{what}: got {got:?}, want {want:?} (rel {rel})"
    );
}

/// Tight enough to tell ε inside the root from ε outside it (a relative
/// difference of ~1e-11 for torch's AdaGrad), loose enough for a few ulps.
pub const REL: f64 = 1e-13;

// The seed's bowl f = 0.1·x1² + 2·x2² from (−5, −2): g1 = (0.2·(−5), 4·(−2)) = (−1, −8).
pub const G1: V2 = [-1.0, -8.0];
