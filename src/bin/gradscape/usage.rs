//! A refused command line in the user's language: a numeric option's range
//! as a typed error, clap's kinds of error worded in English or 中文, and the
//! `--lang` read when clap refused the rest.

use super::parse_lang;
use gradscape::text::{tr, trf, Lang};

/// A numeric option refused: its allowed range and what was typed. A typed
/// value, so that [`usage_error`] words it in the user's language (clap's
/// own words would leak Rust's "invalid digit found in string").
#[derive(Debug)]
pub(super) struct OutOfRange {
    range: (u32, u32),
    got: String,
}

impl std::fmt::Display for OutOfRange {
    // Numbers only: the sentence is the text layer's `cli.range`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..={} ({})", self.range.0, self.range.1, self.got)
    }
}

impl std::error::Error for OutOfRange {}

/// The parser of a numeric option: a whole number in `range`. A decimal, a
/// negative or a word is refused the same way as a number out of range.
pub(super) fn whole_in(range: (u32, u32)) -> impl Fn(&str) -> Result<u32, OutOfRange> + Clone {
    move |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|v| (range.0..=range.1).contains(v))
            .ok_or_else(|| OutOfRange {
                range,
                got: s.to_string(),
            })
    }
}

/// A refused command line in one line. English: clap's first line, without
/// its usage block; 简体中文: our own words for clap's kinds of error.
pub(super) fn usage_error(e: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let context = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    if let Some(OutOfRange {
        range: (lo, hi),
        got,
    }) = out_of_range(e)
    {
        // "--scale <SCALE>" → "--scale": the option as the user types it.
        let arg = context(ContextKind::InvalidArg);
        let flag = arg.split(' ').next().unwrap_or_default();
        return trf(
            lang,
            "cli.range",
            &[flag, &lo.to_string(), &hi.to_string(), got],
        );
    }
    let text = e.render().to_string();
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim()
        .trim_start_matches("error: ");
    let no_command = first.starts_with("Run gradient-descent")
        || first.starts_with("Usage:")
        || first.contains("requires a subcommand");
    match (lang, e.kind()) {
        (_, ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) => {
            tr(lang, "cli.command-required").to_string()
        }
        (_, _) if no_command => tr(lang, "cli.command-required").to_string(),
        // clap's own line names no argument here ("…were not provided:").
        (_, ErrorKind::MissingRequiredArgument) => {
            trf(lang, "cli.missing", &[&context(ContextKind::InvalidArg)])
        }
        // A flag at the end with no value (clap's context then holds an
        // empty value: the Chinese line read "的值无效：" and stopped).
        (_, ErrorKind::InvalidValue) if context(ContextKind::InvalidValue).is_empty() => {
            let line = trf(lang, "cli.no-value", &[&context(ContextKind::InvalidArg)]);
            match valid_values(e) {
                v if v.is_empty() => line,
                v => trf(lang, "cli.possible", &[&line, &v]),
            }
        }
        // The choices a value may take, when clap knows them ("xml" for
        // --format: json or csv), on the one line.
        (Lang::En, ErrorKind::InvalidValue) if !valid_values(e).is_empty() => {
            format!("{first}; possible values: {}", valid_values(e))
        }
        (Lang::En, _) => first.to_string(),
        (_, ErrorKind::UnknownArgument) => trf(
            lang,
            "cli.unknown-arg",
            &[&context(ContextKind::InvalidArg)],
        ),
        (_, ErrorKind::InvalidSubcommand) => trf(
            lang,
            "cli.unknown-command",
            &[&context(ContextKind::InvalidSubcommand)],
        ),
        (_, ErrorKind::InvalidValue | ErrorKind::ValueValidation) => {
            let line = trf(
                lang,
                "cli.bad-value",
                &[
                    &context(ContextKind::InvalidArg),
                    &context(ContextKind::InvalidValue),
                ],
            );
            match valid_values(e) {
                v if v.is_empty() => line,
                v => trf(lang, "cli.possible", &[&line, &v]),
            }
        }
        (_, ErrorKind::ArgumentConflict) => trf(
            lang,
            "cli.conflict",
            &[
                &context(ContextKind::InvalidArg),
                &context(ContextKind::PriorArg),
            ],
        ),
        _ => tr(lang, "cli.bad-args").to_string(),
    }
}

/// The range a numeric option refused, when that is the error.
fn out_of_range(e: &clap::Error) -> Option<&OutOfRange> {
    std::error::Error::source(e)?.downcast_ref::<OutOfRange>()
}

/// The values clap lists for the refused argument ("json, csv"), or "".
fn valid_values(e: &clap::Error) -> String {
    match e.get(clap::error::ContextKind::ValidValue) {
        Some(clap::error::ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    }
}

/// The `--lang` of the command line when clap refused it (en otherwise).
pub(super) fn lang_of_args() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).and_then(|v| parse_lang(v).ok()),
            Some(v) => v.strip_prefix('=').and_then(|v| parse_lang(v).ok()),
            None => None,
        })
        .unwrap_or_default()
}
