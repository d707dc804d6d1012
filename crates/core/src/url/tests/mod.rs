//! The link's readers and writers: the page's keys, round trips, lenient reading.

use super::*;
use crate::scene::Scene;
use crate::{Convention, OptSpec};

mod page;
mod read;
mod round_trip;
