//! Teacher links: `lock=` (the controls stay visible but fixed) and
//! `hide=` (the controls are not shown, and fixed as well: a control one
//! cannot see must not change under a gesture either).
//!
//! `?lesson=1&lock=all,-lr` opens lesson 1 where only η can change. Both keys
//! take a comma list of [`Group`] names (`hide=` also takes [`Panel`]s);
//! `all` is every control group and `-name` takes a group back out, so the
//! common case — "everything fixed but η" — is one short key rather than
//! two keys (`lock=` and `unlock=`) whose order would need a rule. Locks are
//! a property of the link, not of the scene: the scene JSON never carries
//! them.

use super::Notice;
use crate::optim::Key;
use crate::scene::Scene;

/// A set of controls a link can fix or hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// The surface: its kind, parameters and formula.
    Surface,
    /// The start point (fields, Shift+click, the ring, the start handle).
    Start,
    /// The number of steps.
    Steps,
    /// The convention (d2l or pytorch).
    Conv,
    /// Gradient noise σ and its seed.
    Noise,
    /// The window: pan, zoom, ⤢, ⊡ and the view fields.
    View,
    /// Which optimizers race: add, remove, reset.
    Optimizers,
    /// Every card's learning-rate schedule.
    Schedule,
    /// The lesson: the picker, ‹ ›, ↺ lesson.
    Lesson,
    /// The legend's show/hide switches of the runs.
    Legend,
    /// One hyper-parameter on every card, by its scene name (`lr`, `gamma`…).
    Key(Key),
}

/// The groups that are not a hyper-parameter, with their link names.
const NAMED: [(Group, &str); 10] = [
    (Group::Surface, "surface"),
    (Group::Start, "start"),
    (Group::Steps, "steps"),
    (Group::Conv, "conv"),
    (Group::Noise, "noise"),
    (Group::View, "view"),
    (Group::Optimizers, "optimizers"),
    (Group::Schedule, "schedule"),
    (Group::Lesson, "lesson"),
    (Group::Legend, "legend"),
];

impl Group {
    /// Every group: the named ones, then every hyper-parameter.
    pub fn all() -> impl Iterator<Item = Group> {
        NAMED
            .into_iter()
            .map(|(g, _)| g)
            .chain(Key::all().map(Group::Key))
    }

    /// The name in a link (a key's scene name).
    pub fn name(self) -> &'static str {
        match self {
            Group::Key(k) => k.name(),
            g => NAMED.iter().find(|(n, _)| *n == g).map_or("", |(_, s)| s),
        }
    }

    /// From the link name.
    pub fn from_name(s: &str) -> Option<Group> {
        Group::all().find(|g| g.name() == s)
    }

    /// Whether this group's part of the scene differs between `a` and `b`.
    /// Keys and schedules are compared card by card where a card kept its
    /// place and kind: a card added later starts at its defaults and stays
    /// there, a card removed takes nothing with it.
    pub fn differs(self, a: &Scene, b: &Scene) -> bool {
        let cards = || {
            a.optimizers
                .iter()
                .zip(&b.optimizers)
                .filter(|(x, y)| x.kind == y.kind)
        };
        match self {
            Group::Surface => a.landscape != b.landscape,
            Group::Start => a.start != b.start,
            Group::Steps => a.steps != b.steps,
            Group::Conv => a.convention != b.convention,
            Group::Noise => a.noise != b.noise,
            Group::View => a.view != b.view,
            Group::Optimizers => {
                a.optimizers.len() != b.optimizers.len()
                    || a.optimizers
                        .iter()
                        .zip(&b.optimizers)
                        .any(|(x, y)| x.kind != y.kind)
            }
            Group::Schedule => cards().any(|(x, y)| x.schedule != y.schedule),
            Group::Key(k) => cards().any(|(x, y)| k.get(&x.hyper) != k.get(&y.hyper)),
            Group::Lesson | Group::Legend => false,
        }
    }
}

/// A part of the page `hide=` can leave out that holds no control of the
/// scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The time bar (play, step, scrubber; never locked: a student must be
    /// able to play the run).
    Bar,
    /// The loss chart.
    Loss,
    /// The runs' messages under the legend.
    Messages,
    /// Share and export.
    Share,
    /// Keys and gestures.
    Keys,
    /// The explainers (moving average, where it diverges).
    Explain,
    /// The state panel.
    State,
}

/// Every panel with its link name.
pub const PANELS: [(Panel, &str); 7] = [
    (Panel::Bar, "bar"),
    (Panel::Loss, "loss"),
    (Panel::Messages, "messages"),
    (Panel::Share, "share"),
    (Panel::Keys, "keys"),
    (Panel::Explain, "explain"),
    (Panel::State, "state"),
];

impl Panel {
    /// The name in a link.
    pub fn name(self) -> &'static str {
        PANELS
            .iter()
            .find(|(p, _)| *p == self)
            .map_or("", |(_, s)| s)
    }
}

/// What a link fixes and hides.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Locks {
    /// Fixed, shown (`lock=`).
    pub locked: Vec<Group>,
    /// Fixed, not shown (`hide=`).
    pub hidden: Vec<Group>,
    /// Panels not shown (`hide=`).
    pub panels: Vec<Panel>,
}

impl Locks {
    /// No lock and nothing hidden: a plain link.
    pub fn is_empty(&self) -> bool {
        self.locked.is_empty() && self.hidden.is_empty() && self.panels.is_empty()
    }

    /// Whether `g` may not change (locked or hidden).
    pub fn fixed(&self, g: Group) -> bool {
        self.locked.contains(&g) || self.hidden.contains(&g)
    }

    /// Whether `g`'s controls are left out.
    pub fn hides(&self, g: Group) -> bool {
        self.hidden.contains(&g)
    }

    /// Whether the panel is left out.
    pub fn hides_panel(&self, p: Panel) -> bool {
        self.panels.contains(&p)
    }

    /// The first fixed group whose part of the scene differs between
    /// `before` and `after` (the model refuses such a change).
    pub fn broken(&self, before: &Scene, after: &Scene) -> Option<Group> {
        Group::all().find(|&g| self.fixed(g) && g.differs(before, after))
    }

    /// Read the `lock=` and `hide=` pairs of a query; names it does not
    /// know are reported (`hide=`'s embed-only words are not: see
    /// [`super::Embed`]).
    pub fn read(query: &str) -> (Locks, Vec<Notice>) {
        let mut l = Locks::default();
        let mut notices = vec![];
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if k != "lock" && k != "hide" {
                continue;
            }
            let v = super::decode(v);
            let (groups, panels, unknown) = list(&v, k == "hide");
            let into = if k == "lock" {
                &mut l.locked
            } else {
                &mut l.hidden
            };
            for g in groups {
                if !into.contains(&g) {
                    into.push(g);
                }
            }
            into.sort_by_key(|g| Group::all().position(|x| x == *g));
            for p in panels {
                if !l.panels.contains(&p) {
                    l.panels.push(p);
                }
            }
            notices.extend(unknown.into_iter().map(|name| Notice::UnknownGroup {
                key: k.to_string(),
                name,
            }));
        }
        (l, notices)
    }

    /// The link's form: `lock=…&hide=…` (empty when nothing is fixed),
    /// `all,-a,-b` when that is shorter than naming every fixed group.
    pub fn to_query(&self) -> String {
        let mut parts = vec![];
        if !self.locked.is_empty() {
            parts.push(format!("lock={}", write_list(&self.locked, &[])));
        }
        if !self.hidden.is_empty() || !self.panels.is_empty() {
            parts.push(format!("hide={}", write_list(&self.hidden, &self.panels)));
        }
        parts.join("&")
    }
}

/// A comma list: groups (with `all` and `-name`), panels (for `hide`) and
/// the names that are neither.
fn list(v: &str, panels_too: bool) -> (Vec<Group>, Vec<Panel>, Vec<String>) {
    let mut groups: Vec<Group> = vec![];
    let mut panels = vec![];
    let mut unknown = vec![];
    let mut except = vec![];
    for name in v.split(',').map(str::trim).filter(|x| !x.is_empty()) {
        if name == "all" {
            for g in Group::all() {
                if !groups.contains(&g) {
                    groups.push(g);
                }
            }
        } else if let Some(g) = name.strip_prefix('-').and_then(Group::from_name) {
            except.push(g);
        } else if let Some(g) = Group::from_name(name) {
            if !groups.contains(&g) {
                groups.push(g);
            }
        } else if let Some((p, _)) = PANELS.iter().find(|(_, n)| *n == name) {
            if panels_too {
                panels.push(*p);
            } else {
                unknown.push(name.to_string());
            }
        } else {
            unknown.push(name.to_string());
        }
    }
    // In the vocabulary's order, as the page writes them back.
    let groups = Group::all()
        .filter(|g| groups.contains(g) && !except.contains(g))
        .collect();
    (groups, panels, unknown)
}

fn write_list(groups: &[Group], panels: &[Panel]) -> String {
    let named: Vec<&str> = Group::all()
        .filter(|g| groups.contains(g))
        .map(Group::name)
        .collect();
    let free: Vec<String> = Group::all()
        .filter(|g| !groups.contains(g))
        .map(|g| format!("-{}", g.name()))
        .collect();
    let mut out: Vec<String> = if 1 + free.len() < named.len() {
        std::iter::once("all".to_string()).chain(free).collect()
    } else {
        named.into_iter().map(String::from).collect()
    };
    out.extend(panels.iter().map(|p| p.name().to_string()));
    out.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::HyperKey;

    const LR: Group = Group::Key(Key::Hyper(HyperKey::Lr));

    #[test]
    fn all_but_lr_fixes_every_group_but_eta() {
        let (l, notes) = Locks::read("?lesson=1&lock=all,-lr");
        assert!(notes.is_empty(), "{notes:?}");
        assert!(!l.fixed(LR));
        for g in Group::all().filter(|&g| g != LR) {
            assert!(l.fixed(g), "{}", g.name());
        }
        assert_eq!(l.to_query(), "lock=all,-lr");
        assert_eq!(Locks::read(&l.to_query()).0, l);
    }

    #[test]
    fn short_lists_are_written_by_name_and_hide_takes_panels() {
        let (l, notes) = Locks::read("lock=view,start&hide=surface,share,keys");
        assert!(notes.is_empty(), "{notes:?}");
        assert!(l.fixed(Group::View) && l.fixed(Group::Start) && l.fixed(Group::Surface));
        assert!(l.hides(Group::Surface) && !l.hides(Group::View));
        assert!(l.hides_panel(Panel::Share) && l.hides_panel(Panel::Keys));
        assert!(!l.fixed(LR));
        assert_eq!(l.to_query(), "lock=start,view&hide=surface,share,keys");
        assert_eq!(Locks::read(&l.to_query()).0, l);
    }

    #[test]
    fn unknown_names_are_reported_and_panels_cannot_be_locked() {
        let (l, notes) = Locks::read("lock=lr,colour,share&hide=bogus");
        assert_eq!(l.locked, vec![LR]);
        let names: Vec<_> = notes
            .iter()
            .map(|n| match n {
                Notice::UnknownGroup { key, name } => format!("{key}:{name}"),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(names, ["lock:colour", "lock:share", "hide:bogus"]);
        assert!(Locks::read("?f=saddle").0.is_empty());
    }

    #[test]
    fn every_group_has_a_name_that_reads_back() {
        for g in Group::all() {
            assert_eq!(Group::from_name(g.name()), Some(g), "{g:?}");
        }
    }

    #[test]
    fn a_key_is_compared_on_the_cards_that_kept_their_place() {
        let a = Scene::default();
        let mut b = a.clone();
        b.optimizers[1].hyper.lr = 0.3;
        assert!(LR.differs(&a, &b));
        assert!(!Group::Optimizers.differs(&a, &b));
        // Removing GD shifts momentum to 0: another kind there, no change of η.
        let mut c = a.clone();
        c.optimizers.remove(0);
        assert!(!LR.differs(&a, &c));
        assert!(Group::Optimizers.differs(&a, &c));
        let mut d = a.clone();
        d.start = [1.0, 1.0];
        let l = Locks::read("lock=start").0;
        assert_eq!(l.broken(&a, &d), Some(Group::Start));
        assert_eq!(l.broken(&a, &b), None);
    }
}
