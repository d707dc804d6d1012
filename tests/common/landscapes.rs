//! Helpers shared by the tests/landscapes_*.rs binaries: the proptest
//! configuration and the surfaces to check (defaults and variants).

use gradscape::landscape::{Quadratic, Rastrigin, Rosenbrock, KINDS};
use gradscape::Landscape;
use proptest::prelude::*;

pub type V2 = [f64; 2];

pub fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

pub fn all_default() -> Vec<Landscape> {
    KINDS
        .iter()
        .map(|k| Landscape::from_kind(k).expect("every listed kind parses"))
        .collect()
}

/// Every default kind plus rotated and re-parameterised variants.
pub fn variants() -> Vec<Landscape> {
    let mut v = all_default();
    v.push(Landscape::Quadratic(Quadratic {
        a: 0.1,
        b: 2.0,
        rotation: 30.0,
    }));
    v.push(Landscape::Quadratic(Quadratic {
        a: 1.5,
        b: 0.25,
        rotation: -117.0,
    }));
    v.push(Landscape::Rosenbrock(Rosenbrock { a: -0.7, b: 10.0 }));
    v.push(Landscape::Rosenbrock(Rosenbrock { a: 2.0, b: 1.0 }));
    v.push(Landscape::Rastrigin(Rastrigin { a: 3.0 }));
    v
}
