//! Teacher links (`lock=`, `hide=`): the lock mark on a fixed control, the
//! Share panel's link builder and the names of the groups a link can fix.
//! Keys start with `teach.` (and `link.unknown-group` for the notice).

/// English.
pub const EN: crate::Table = &[
    (
        "link.unknown-group",
        "{0}: \"{1}\" is not a group of controls; ignored",
    ),
    ("teach.fixed", "fixed by this link"),
    ("teach.title", "Teacher link"),
    ("teach.intro", "Students can change:"),
    ("teach.hide", "hide what they cannot change"),
    ("teach.copy", "Copy teacher link"),
    ("teach.copied", "Teacher link copied."),
    ("teach.copy-this", "Copy this link (the clipboard refused):"),
    ("teach.group.surface", "surface"),
    ("teach.group.start", "start point"),
    ("teach.group.steps", "steps"),
    ("teach.group.conv", "convention"),
    ("teach.group.noise", "noise"),
    ("teach.group.view", "pan and zoom"),
    ("teach.group.optimizers", "add or remove optimizers"),
    ("teach.group.schedule", "schedules"),
    ("teach.group.lesson", "lesson"),
    ("teach.group.legend", "show or hide runs"),
];

/// 简体中文.
pub const ZH: crate::Table = &[
    ("link.unknown-group", "{0}：“{1}”不是控件组；已忽略"),
    ("teach.fixed", "已由此链接固定"),
    ("teach.title", "教师链接"),
    ("teach.intro", "学生可以更改："),
    ("teach.hide", "隐藏不能更改的控件"),
    ("teach.copy", "复制教师链接"),
    ("teach.copied", "教师链接已复制。"),
    ("teach.copy-this", "请复制下面的链接（剪贴板不可用）："),
    ("teach.group.surface", "曲面"),
    ("teach.group.start", "起点"),
    ("teach.group.steps", "步数"),
    ("teach.group.conv", "约定"),
    ("teach.group.noise", "噪声"),
    ("teach.group.view", "平移与缩放"),
    ("teach.group.optimizers", "添加或删除优化器"),
    ("teach.group.schedule", "学习率调度"),
    ("teach.group.lesson", "当前的课"),
    ("teach.group.legend", "显示或隐藏轨迹"),
];
