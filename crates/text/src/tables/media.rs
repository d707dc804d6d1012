//! The page's media exports: the Animation part of the Share and export
//! panel (size, frames per second, caption, format, progress, cancel).
//! Keys start with `video.`.

/// English.
pub const EN: crate::Table = &[
    ("video.heading", "Animation"),
    ("video.size", "Size"),
    ("video.size.figure", "as the figure"),
    ("video.size.720", "slide 1280×720"),
    ("video.size.1080", "slide 1920×1080"),
    ("video.fps", "Frames per second"),
    ("video.every.label", "Frames"),
    ("video.every.one", "every step ({0} frames)"),
    ("video.every", "every {0} steps ({1} frames)"),
    ("video.format", "Format"),
    ("video.caption", "Caption"),
    ("video.caption.placeholder", "optional, shown above the figure"),
    ("video.export", "Export animation"),
    ("video.cancel", "Cancel"),
    ("video.progress", "frame {0} of {1}"),
    ("video.progress.aria", "Animation export progress"),
    ("video.done", "Animation downloaded: {0} frames, {1}×{2} pixels, {3} s."),
    ("video.cancelled", "Export cancelled."),
    ("video.failed", "The animation could not be exported: {0}"),
    ("video.unsupported", "This browser can encode neither WebM nor MP4 video."),
    ("video.no-config", "the H.264 encoder gave no decoder configuration"),
    ("video.realtime", "This browser has no VideoEncoder: the animation is recorded in real time, so frames may be dropped."),
    (
        "video.help",
        "One frame per step (or every k steps, at most 1000 frames), with the title, the legend at that step and the caption drawn in; the last frame ends the video. WebM (VP9) wherever the browser encodes video, MP4 (H.264) where it can.",
    ),
];

/// 简体中文.
pub const ZH: crate::Table = &[
    ("video.heading", "动画"),
    ("video.size", "尺寸"),
    ("video.size.figure", "与图相同"),
    ("video.size.720", "幻灯片 1280×720"),
    ("video.size.1080", "幻灯片 1920×1080"),
    ("video.fps", "每秒帧数"),
    ("video.every.label", "帧"),
    ("video.every.one", "每步一帧（共 {0} 帧）"),
    ("video.every", "每 {0} 步一帧（共 {1} 帧）"),
    ("video.format", "格式"),
    ("video.caption", "说明文字"),
    ("video.caption.placeholder", "可选，显示在图的上方"),
    ("video.export", "导出动画"),
    ("video.cancel", "取消"),
    ("video.progress", "第 {0} 帧，共 {1} 帧"),
    ("video.progress.aria", "动画导出进度"),
    ("video.done", "动画已下载：{0} 帧，{1}×{2} 像素，{3} 秒。"),
    ("video.cancelled", "已取消导出。"),
    ("video.failed", "无法导出动画：{0}"),
    ("video.unsupported", "此浏览器既不能编码 WebM 也不能编码 MP4 视频。"),
    ("video.no-config", "H.264 编码器没有给出解码器配置"),
    ("video.realtime", "此浏览器没有 VideoEncoder：动画按实时录制，可能丢帧。"),
    (
        "video.help",
        "每一步一帧（或每 k 步一帧，最多 1000 帧），标题、该步的图例和说明文字都画在画面中；视频停在最后一帧。凡能编码视频的浏览器都可导出 WebM（VP9），能编码 H.264 的还可导出 MP4。",
    ),
];
