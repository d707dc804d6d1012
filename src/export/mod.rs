//! The page's media exports, the parts that need no browser: the WebM and
//! MP4 muxers ([`webm`], [`mp4`]) and the plan of an export ([`plan`]: its
//! size, frame times, keyframes, the world window at a new aspect and the
//! legend's words at each frame's step). `src/web/video/` draws and
//! encodes.

pub mod mp4;
pub mod plan;
pub mod webm;
