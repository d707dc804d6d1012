//! The transcendental functions the core uses, from the pure-Rust `libm`
//! port of musl, so that the native and the wasm builds round alike and give
//! bit-identical trajectories.

/// cos x.
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// sin x.
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}

/// xʸ.
pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// ln x.
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// log₁₀ x.
pub fn log10(x: f64) -> f64 {
    libm::log10(x)
}
