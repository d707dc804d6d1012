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

/// xⁿ for a whole n ≥ 0 (a step number), as torch's Python `beta**step`
/// computes it with the C library's `pow`: exponentiation by squaring in
/// double-double arithmetic (fma error terms), rounded once. That is the
/// correctly rounded power all but very rarely, which glibc's `pow` is too;
/// [`pow`] (musl's older algorithm) is an ulp off for 1 in 10 of 0.9ᵗ.
/// Measured: equal to glibc for every t ≤ 500 of β ∈ {0.3, 0.5, 0.75, 0.8,
/// 0.85, 0.9, 0.95, 0.98, 0.99, 0.999, 0.9999}, 31 in 60 000 differ up to
/// t = 5000.
pub fn powi(x: f64, n: u64) -> f64 {
    fn mul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
        let p = a.0 * b.0;
        let e = a.0.mul_add(b.0, -p) + (a.0 * b.1 + a.1 * b.0);
        let s = p + e;
        (s, e - (s - p))
    }
    let (mut acc, mut base, mut n) = ((1.0, 0.0), (x, 0.0), n);
    while n > 0 {
        if n & 1 == 1 {
            acc = mul(acc, base);
        }
        base = mul(base, base);
        n >>= 1;
    }
    acc.0 + acc.1
}

/// eˣ.
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// The angle of (x, y) from the x axis, in (−π, π].
pub fn atan2(y: f64, x: f64) -> f64 {
    libm::atan2(y, x)
}

/// ln x.
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// log₁₀ x.
pub fn log10(x: f64) -> f64 {
    libm::log10(x)
}

/// A float's place in the order of the reals, as an integer: consecutive
/// floats (across zero too) are consecutive integers, so a bisection over
/// the floats themselves runs on these ([`from_float_order`] goes back).
pub fn float_order(v: f64) -> i128 {
    let i = v.to_bits() as i64;
    // Negative floats' bits count the other way.
    i128::from(i ^ (((i >> 63) as u64) >> 1) as i64)
}

/// The float at place `i` of [`float_order`].
pub fn from_float_order(i: i128) -> f64 {
    let i = i as i64;
    f64::from_bits((i ^ (((i >> 63) as u64) >> 1) as i64) as u64)
}

#[cfg(test)]
mod powi_tests {
    use super::powi;

    #[test]
    fn whole_powers_are_the_correctly_rounded_ones() {
        // 0.9⁴ = 0.65610000000000007993…: glibc (and Python) give 0.6561,
        // the nearer double; musl's pow gives 0.6561000000000001.
        assert_eq!(powi(0.9, 4), 0.6561);
        assert_eq!(powi(0.9, 23), 0.08862938119652507);
        assert_eq!(powi(0.999, 0), 1.0);
        assert_eq!(powi(2.0, 10), 1024.0);
        assert_eq!(powi(0.5, 1100), 0.0);
        assert!(powi(f64::NAN, 3).is_nan());
    }
}

#[cfg(test)]
mod float_order_tests {
    use super::{float_order, from_float_order};

    #[test]
    fn neighbours_are_one_apart_and_the_order_is_the_reals() {
        let tiny = f64::from_bits(1);
        let seq = [
            f64::NEG_INFINITY,
            -1.0,
            -tiny,
            -0.0,
            0.0,
            tiny,
            1.0,
            f64::MAX,
            f64::INFINITY,
        ];
        for w in seq.windows(2) {
            assert!(float_order(w[0]) < float_order(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(float_order(0.0) - float_order(-0.0), 1);
        assert_eq!(float_order(tiny) - float_order(0.0), 1);
        assert_eq!(from_float_order(float_order(1.0) + 1), 1.0 + f64::EPSILON);
        assert_eq!(
            from_float_order(float_order(-1.0) + 1),
            -1.0 + f64::EPSILON / 2.0
        );
        for v in seq {
            assert_eq!(from_float_order(float_order(v)).to_bits(), v.to_bits());
        }
    }
}
