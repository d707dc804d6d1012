//! Deterministic gradient noise: SplitMix64 and Marsaglia's polar method.
//!
//! The algorithm is part of the scene contract: the same `seed` gives the
//! same noise on every platform (native and wasm use the same integer
//! arithmetic and the same `libm` logarithm), so a shared link reproduces a
//! noisy run exactly.

use crate::math;

/// A SplitMix64 stream of standard normal samples.
#[derive(Debug, Clone)]
pub struct Gaussian {
    state: u64,
    spare: Option<f64>,
}

impl Gaussian {
    /// A stream from a seed.
    pub fn new(seed: u64) -> Gaussian {
        Gaussian {
            state: seed,
            spare: None,
        }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [−1, 1) with 53 random bits.
    fn next_signed(&mut self) -> f64 {
        let u = (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        2.0 * u - 1.0
    }

    /// The next N(0, 1) sample.
    pub fn sample(&mut self) -> f64 {
        if let Some(s) = self.spare.take() {
            return s;
        }
        loop {
            let u = self.next_signed();
            let v = self.next_signed();
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let k = (-2.0 * math::ln(s) / s).sqrt();
                self.spare = Some(v * k);
                return u * k;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_moments_are_standard() {
        let mut a = Gaussian::new(7);
        let mut b = Gaussian::new(7);
        let xs: Vec<f64> = (0..20000).map(|_| a.sample()).collect();
        let ys: Vec<f64> = (0..20000).map(|_| b.sample()).collect();
        assert_eq!(xs, ys);
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var - 1.0).abs() < 0.05, "var {var}");
        let mut c = Gaussian::new(8);
        assert_ne!(c.sample(), xs[0]);
    }
}
