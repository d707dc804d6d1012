//! Where a command's output goes: the format an output's extension names,
//! a file or standard output, a missing folder named.

use gradscape::media;
use gradscape::text::errors::io_error;
use gradscape::text::{trf, Lang};

/// The format an output's extension names: none is SVG; one that is not
/// svg, png, pdf or gif is refused (`fig.jpg` got SVG text, which a slide
/// or LaTeX then failed to read as a JPEG).
pub(super) fn output_format(output: &std::path::Path, lang: Lang) -> Result<media::Format, String> {
    match (media::Format::from_extension(output), output.extension()) {
        (Some(f), _) => Ok(f),
        (None, None) => Ok(media::Format::Svg),
        (None, Some(ext)) => Err(trf(
            lang,
            "cli.extension",
            &[
                &output.display().to_string(),
                &ext.to_string_lossy(),
                ".svg, .png, .pdf, .gif",
                "--format",
            ],
        )),
    }
}

/// Write `bytes` to `path` ("-": standard output, as "-" reads standard
/// input; it wrote a file named "-"); when that fails because its folder is
/// missing (or is a file), say so, naming the folder: the system's "No such
/// file or directory" (中文 "文件不存在") sent the user looking for a file.
pub(super) fn write_output(
    path: &std::path::Path,
    bytes: impl AsRef<[u8]>,
    lang: Lang,
) -> Result<(), String> {
    if path.as_os_str() == "-" {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes.as_ref())
            .and_then(|()| out.flush())
            .map_err(|e| trf(lang, "cli.write", &["-", &io_error(&e, lang)]));
    }
    std::fs::write(path, bytes).map_err(|e| {
        let name = path.display().to_string();
        match path
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
        {
            Some(dir) => {
                let key = if dir.exists() {
                    "cli.not-a-folder"
                } else {
                    "cli.no-folder"
                };
                trf(lang, key, &[&name, &dir.display().to_string()])
            }
            None => trf(lang, "cli.write", &[&name, &io_error(&e, lang)]),
        }
    })
}
