//! The animation clock: frame timestamps → whole steps at a speed.

/// Counts the steps due at `speed` steps per second between animation frames.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// Steps per second.
    pub speed: f64,
    acc: f64,
    last_ts: Option<f64>,
}

impl Clock {
    /// A clock at `speed` steps per second.
    pub fn new(speed: f64) -> Clock {
        Clock {
            speed,
            acc: 0.0,
            last_ts: None,
        }
    }

    /// Forget the last frame (playback starts now).
    pub fn restart(&mut self) {
        self.acc = 0.0;
        self.last_ts = None;
    }

    /// Whole steps due at frame time `ts` (ms); a gap over 250 ms (a hidden
    /// tab) counts as 250 ms.
    pub fn due(&mut self, ts: f64) -> usize {
        let dt = self
            .last_ts
            .map(|l| (ts - l).clamp(0.0, 250.0))
            .unwrap_or(0.0);
        self.last_ts = Some(ts);
        self.acc += dt / 1000.0 * self.speed;
        let n = self.acc.floor();
        self.acc -= n;
        n as usize
    }
}
