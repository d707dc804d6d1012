//! The page's own keys of a link, read beside the scene's.

use super::{decode, quiz, Locks, Notice, HIDDEN_KEY, SCENE_KEYS};

/// The page's own keys of a link, besides the scene: the lesson, the
/// language, embedding and the EMA explainer's γ. Every key of a link is
/// read here or in [`from_query`](super::from_query).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageParams {
    /// `lesson=N`, a lesson that exists.
    pub lesson: Option<usize>,
    /// `lang=…` as written (decoded); `gradscape_text::Lang::from_code`
    /// reads it.
    pub lang: Option<String>,
    /// Whether the link also says something about the scene (then the link's
    /// scene is shown with the lesson's caption; otherwise the lesson's scene).
    pub has_scene: bool,
    /// `embed` (with `hide=`/`show=`): the figure alone, for an iframe.
    pub embed: Option<Embed>,
    /// Each `ema=`: γ (rounded to the slider's 0.01), or the value as
    /// written when it is not in [0, [`crate::ema::MAX_GAMMA`]].
    pub ema: Vec<Result<f64, String>>,
    /// `present` (or `present=1`/`true`): presenter mode, big type and a
    /// projector palette for a classroom; `present=0`/`false` is off.
    pub present: bool,
    /// `open=`: the explainers shown open (a student's link to a figure
    /// with the panel that explains it), in the page's order, once each.
    pub open: Vec<OpenPanel>,
    /// `lock=` and `hide=`: the controls a teacher's link fixes or leaves out.
    pub locks: Locks,
    /// The names in `lock=`/`hide=` that are no group.
    pub lock_notices: Vec<Notice>,
    /// A `lesson=` that is no lesson, a `present=` that is no switch (the
    /// page's own values, said as the scene's are).
    pub page_notices: Vec<Notice>,
}

/// Embed mode: what the link asked for, kept as given, and the parts left
/// out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Embed {
    /// The `embed`, `hide` and `show` pairs as `&embed&hide=…` (the page
    /// writes them back unchanged).
    pub query: String,
    /// The parts left out: `loss` and `messages` unless `show` names them,
    /// and whatever `hide` names (`legend`, `bar`, `loss`, `messages`).
    pub hidden: Vec<String>,
}

impl Embed {
    fn read(query: &str) -> Option<Embed> {
        let pairs: Vec<&str> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| matches!(p.split('=').next(), Some("embed" | "hide" | "show")))
            .collect();
        if !pairs.iter().any(|p| p.split('=').next() == Some("embed")) {
            return None;
        }
        let mut hidden: Vec<String> = vec!["loss".into(), "messages".into()];
        for p in &pairs {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            for part in v.split(',').map(str::trim).filter(|x| !x.is_empty()) {
                match k {
                    "show" => hidden.retain(|h| h != part),
                    "hide" if !hidden.iter().any(|h| h == part) => hidden.push(part.to_string()),
                    _ => {}
                }
            }
        }
        Some(Embed {
            query: pairs.iter().map(|p| format!("&{p}")).collect(),
            hidden,
        })
    }
}

/// An explainer panel a link can open (`open=ema,sweep,state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenPanel {
    /// The EMA explainer.
    Ema,
    /// The η sweep (and the momentum map).
    Sweep,
    /// The state panel: inside the optimizers.
    State,
}

impl OpenPanel {
    /// Every one, in the page's (and the link's) order.
    pub const ALL: [OpenPanel; 3] = [OpenPanel::Ema, OpenPanel::Sweep, OpenPanel::State];

    /// Its name in `open=`.
    pub fn name(self) -> &'static str {
        match self {
            OpenPanel::Ema => "ema",
            OpenPanel::Sweep => "sweep",
            OpenPanel::State => "state",
        }
    }

    fn from_name(name: &str) -> Option<OpenPanel> {
        OpenPanel::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }
}

/// `open=…` for `panels` in the page's order, or None when there are none.
pub fn write_open(panels: &[OpenPanel]) -> Option<String> {
    let names: Vec<&str> = OpenPanel::ALL
        .into_iter()
        .filter(|p| panels.contains(p))
        .map(OpenPanel::name)
        .collect();
    (!names.is_empty()).then(|| format!("open={}", names.join(",")))
}

/// The link's keys that are not the scene's (read by [`page_params`]; the
/// scene reader passes them by without a notice).
pub const PAGE_KEYS: [&str; 10] = [
    "lang", "lesson", "embed", "hide", "show", "ema", "present", "lock", "open", HIDDEN_KEY,
];

/// The page keys of a query (a lesson that does not exist is left out).
pub fn page_params(query: &str) -> PageParams {
    let mut p = PageParams::default();
    for pair in query
        .trim_start_matches('?')
        .split('&')
        .filter(|x| !x.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "lesson" => {
                // `lesson=３`, typed in full width.
                let n: String = decode(v)
                    .trim()
                    .chars()
                    .map(crate::format::typed_ascii)
                    .collect();
                p.lesson = n
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| crate::lesson::lesson(n).is_some());
                if p.lesson.is_none() {
                    p.page_notices.push(Notice::BadLesson { got: decode(v) });
                }
            }
            "lang" => p.lang = Some(decode(v)),
            "ema" => p.ema.push(crate::ema::read_gamma(v)),
            "present" => {
                p.present = !matches!(v, "0" | "false");
                if !matches!(v, "" | "0" | "1" | "false" | "true") {
                    p.page_notices.push(Notice::BadPresent { got: decode(v) });
                }
            }
            "open" => {
                for name in decode(v)
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                {
                    match OpenPanel::from_name(name) {
                        Some(panel) if !p.open.contains(&panel) => p.open.push(panel),
                        Some(_) => {}
                        None => p.page_notices.push(Notice::UnknownPanel {
                            name: name.to_string(),
                        }),
                    }
                }
            }
            // `hidden=` is read against the scene's runs (`read_hidden`).
            "t" | "embed" | "hide" | "show" | "lock" | HIDDEN_KEY => {}
            // Read with the scene it asks about (`quiz::read`).
            k if k == quiz::KEY => {}
            k if SCENE_KEYS.contains(&k) => p.has_scene = true,
            // Unknown keys are named by the scene's reader; they say
            // nothing about the scene.
            _ => {}
        }
    }
    p.embed = Embed::read(query);
    (p.locks, p.lock_notices) = Locks::read(query);
    p
}
