//! The lessons' words: a title for the picker and a caption saying what to
//! look at and what to try next, in English and 简体中文. The scenes are in
//! `gradscape_core::lesson`.

use crate::Lang;
use gradscape_core::lesson::LESSONS;

/// A lesson's Chinese as written here; with the feature `zh-data` (the
/// page's wasm) left out, and read from zh.json instead (see [`Text::get`]).
#[cfg(not(feature = "zh-data"))]
macro_rules! zh {
    ($s:literal) => {
        $s
    };
}
#[cfg(feature = "zh-data")]
macro_rules! zh {
    ($s:literal) => {
        ""
    };
}

mod beyond;
pub use beyond::BEYOND;

/// Text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// 简体中文 (empty with the feature `zh-data`).
    pub zh: &'static str,
}

impl Text {
    /// The text in `lang` as compiled in. With the feature `zh-data` the
    /// Chinese is not (this gives the English): [`title`] and [`caption`]
    /// read the installed rows.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            #[cfg(not(feature = "zh-data"))]
            Lang::Zh => self.zh,
            #[cfg(feature = "zh-data")]
            Lang::Zh => self.en,
        }
    }
}

/// One lesson's words.
#[derive(Debug, Clone, Copy)]
pub struct LessonText {
    /// A few words for the picker.
    pub title: Text,
    /// What to look at, and what to try next (two or three sentences).
    pub caption: Text,
}

/// The words of lesson `id` (1-based), if there is one.
pub fn lesson_text(id: usize) -> Option<&'static LessonText> {
    let i = id.checked_sub(1)?;
    WORDS
        .get(i)
        .or_else(|| i.checked_sub(WORDS.len()).and_then(|j| BEYOND.get(j)))
}

// One caption per lesson, no more, no less.
const _: () = assert!(WORDS.len() + BEYOND.len() == LESSONS.len());

/// The picker's title of lesson `id` in `lang`.
pub fn title(id: usize, lang: Lang) -> &'static str {
    word(id, lang, "title", |l| &l.title)
}

/// The caption of lesson `id` in `lang`.
pub fn caption(id: usize, lang: Lang) -> &'static str {
    word(id, lang, "caption", |l| &l.caption)
}

/// The key of lesson `id`'s `part` (`title`, `caption`) in zh.json.
pub fn zh_key(id: usize, part: &str) -> String {
    format!("lesson.{id}.{part}")
}

/// Lesson `id`'s `part` in `lang`: with the feature `zh-data`, the Chinese
/// is the installed row (the English until it is installed).
fn word(id: usize, lang: Lang, part: &str, pick: fn(&LessonText) -> &Text) -> &'static str {
    let Some(l) = lesson_text(id) else {
        return "";
    };
    #[cfg(feature = "zh-data")]
    if lang == Lang::Zh {
        if let Some(text) = crate::zh::lookup(&zh_key(id, part)) {
            return text;
        }
    }
    #[cfg(not(feature = "zh-data"))]
    let _ = part;
    pick(l).get(lang)
}

/// Where a caption turns from what the figure shows to what to do next —
/// move a slider, press a key, read a panel — in each language.
const NEXT: [(Lang, &[&str]); 2] = [
    (Lang::En, &[" Try ", " Press "]),
    (Lang::Zh, &["试一试", "按 ▶"]),
];

/// The caption of lesson `id` for an embedded figure, which has no
/// sliders, panels or keys to speak of: only what the figure shows, the
/// sentences before the first "Try …" / "Press …" (试一试 / 按 ▶). The full
/// page ("open in gradscape") has the rest.
pub fn embed_caption(id: usize, lang: Lang) -> &'static str {
    let text = caption(id, lang);
    let markers = NEXT
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[][..], |(_, m)| *m);
    let cut = markers
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    text[..cut].trim_end()
}

/// The words of the seed's lessons 1–9, in the order of [`LESSONS`]; the
/// later ones are [`BEYOND`].
pub const WORDS: [LessonText; 9] = [
    // 1
    LessonText {
        title: Text {
            en: "1. GD, η = 0.4: ill-conditioning",
            zh: zh!("1. 梯度下降，η = 0.4：病态条件"),
        },
        caption: Text {
            en: "Gradient descent with η = 0.4 on f = 0.1·x1² + 2·x2². The steep direction x2 zig-zags across the valley while the flat direction x1 crawls towards 0: one learning rate cannot suit both curvatures. Try raising η to 0.6 (next lesson).",
            zh: zh!("梯度下降，学习率 η = 0.4，目标函数 f = 0.1·x1² + 2·x2²。陡峭（曲率大）的 x2 方向来回震荡，平缓（曲率小）的 x1 方向缓慢地向 0 移动：同一个学习率无法同时适应两个方向的曲率。试一试：把 η 调到 0.6（下一课）。"),
        },
    },
    // 2
    LessonText {
        title: Text {
            en: "2. GD, η = 0.6: divergence",
            zh: zh!("2. 梯度下降，η = 0.6：发散"),
        },
        caption: Text {
            en: "With η = 0.6 > 2/L = 0.5 (L = 4, the curvature in x2), every step multiplies x2 by 1 − 0.6·4 = −1.4: the zig-zag grows 1.4× a step and x2 diverges (±30 at step 8, shown here), while x1 still crawls (×0.88 a step). Press ▶: it soon leaves the window, and a triangle on the edge points to where it went. Try η = 0.5 = 2/L (drag its slider, or press ← once on it), then F to fit the view: x2 flips between −2 and 2 for ever; at 0.4 the zig-zag dies out.",
            zh: zh!("η = 0.6 > 2/L = 0.5（L = 4 是 x2 方向的曲率）时，每一步都把 x2 乘以 1 − 0.6·4 = −1.4：震荡每步放大 1.4 倍，x2 发散（图中第 8 步已到 ±30），而 x1 方向依然很慢（每步乘以 0.88）。按 ▶：它很快跑出窗口，边上的三角形指向它的去处。试一试：η = 0.5 = 2/L（拖动它的滑块，或在滑块上按一次 ←），再按 F 让视图适应路径：x2 在 −2 和 2 之间永远来回跳；η = 0.4 时震荡逐渐消失。"),
        },
    },
    // 3
    LessonText {
        title: Text {
            en: "3. Momentum, η = 0.4, γ = 0.5",
            zh: zh!("3. 动量法，η = 0.4，γ = 0.5"),
        },
        caption: Text {
            en: "Momentum (orange squares) keeps a velocity v ← γ·v + η·g, an exponential moving average of η·g/(1−γ) over about the last 1/(1−γ) steps: in x2 the gradients alternate in sign and cancel, in x1 they point the same way and add up. Beside it, gradient descent with the same η = 0.4 (blue discs): after 20 steps momentum has reached x1 ≈ −0.06, GD only −0.94. Try γ = 0.9 for a longer memory.",
            zh: zh!("动量法（橙色方块）维护速度变量 v ← γ·v + η·g，即 η·g/(1−γ) 在最近约 1/(1−γ) 步上的指数移动加权平均：x2 方向的梯度正负交替、相互抵消，x1 方向的梯度同号、不断累加。旁边是相同 η = 0.4 的梯度下降（蓝色圆点）：20 步后动量法已到 x1 ≈ −0.06，梯度下降只到 −0.94。试一试：γ = 0.9，记住更多步。"),
        },
    },
    // 4
    LessonText {
        title: Text {
            en: "4. Momentum, η = 0.6: converges",
            zh: zh!("4. 动量法，η = 0.6：收敛"),
        },
        caption: Text {
            en: "The learning rate that made gradient descent diverge (lesson 2) converges with momentum. Shown at step 6: GD with η = 0.6 (blue discs) zig-zags out to ±15 and grows 1.4× a step, while momentum's zig-zag (orange squares) shrinks about 0.71× a step (√γ). Press ▶ to see momentum converge; momentum with γ = 0.5 diverges too once η > 2·(1 + γ)/L = 0.75.",
            zh: zh!("让梯度下降发散的学习率（第 2 课）在动量法下收敛了。图中是第 6 步：η = 0.6 的梯度下降（蓝色圆点）震荡到 ±15，并且每步放大 1.4 倍；动量法（橙色方块）的震荡每步缩小到约 0.71 倍（√γ）。按 ▶ 看动量法收敛；γ = 0.5 时，η > 2·(1 + γ)/L = 0.75 动量法也会发散。"),
        },
    },
    // 5
    LessonText {
        title: Text {
            en: "5. Exponential moving average",
            zh: zh!("5. 指数移动加权平均"),
        },
        caption: Text {
            en: "An exponential moving average y ← γ·y + (1−γ)·x averages about the last 1/(1−γ) values: 2 for γ = 0.5, 10 for γ = 0.9. Momentum's v ← γ·v + η·g is such an average, of η·g/(1−γ): where the gradients agree its step grows to 1/(1−γ) times GD's. Here γ = 0.5 (orange squares) and γ = 0.9 (blue discs) side by side. Try γ = 0.99 on the blue discs' card (the γ of the panel “Exponential moving average” changes only its own chart): a 100-step memory and up to 100× GD's step overshoot far.",
            zh: zh!("指数移动加权平均 y ← γ·y + (1−γ)·x 大约是最近 1/(1−γ) 个值的平均：γ = 0.5 时约 2 个，γ = 0.9 时约 10 个。动量法的 v ← γ·v + η·g 就是 η·g/(1−γ) 的这种平均：梯度方向一致时，它的一步会增大到梯度下降的 1/(1−γ) 倍。这里并排比较 γ = 0.5（橙色方块）和 γ = 0.9（蓝色圆点）。试一试：把蓝色圆点那张卡片的 γ 设为 0.99（“指数移动加权平均”面板的 γ 只改变它自己的图）：记住约 100 步、一步可达梯度下降的 100 倍，冲得很远。"),
        },
    },
    // 6
    LessonText {
        title: Text {
            en: "6. AdaGrad: the rate only shrinks",
            zh: zh!("6. AdaGrad：学习率只降不升"),
        },
        caption: Text {
            en: "AdaGrad divides η by √(s + ε), where s adds up every squared gradient, so each coordinate's rate only shrinks. With η = 0.4 (orange squares) it stalls far from the minimum in x1 (x1 ≈ −2.4 after 20 steps); η = 2 (blue discs) gets there (x1 ≈ −0.002). Try η = 4.",
            zh: zh!("AdaGrad 用 √(s + ε) 去除 η，s 累加了所有梯度的平方，所以每个坐标的学习率只降不升。η = 0.4 时（橙色方块）x1 方向远未到达最优解就停滞了（20 步后 x1 ≈ −2.4）；η = 2（蓝色圆点）能到达（x1 ≈ −0.002）。试一试：η = 4。"),
        },
    },
    // 7
    LessonText {
        title: Text {
            en: "7. RMSProp: the rate no longer only shrinks",
            zh: zh!("7. RMSProp：学习率不再只降不升"),
        },
        caption: Text {
            en: "RMSProp replaces AdaGrad's sum by an exponential moving average of g², so old gradients leak away and the rate no longer only shrinks: it keeps moving and converges. Try γ = 0.99 (longer memory), or add AdaGrad with η = 0.4 to compare.",
            zh: zh!("RMSProp 把 AdaGrad 的累加换成 g² 的指数移动加权平均，旧的梯度逐渐被遗忘，学习率不再只降不升：它持续前进并收敛。试一试：γ = 0.99（记忆更长），或添加 η = 0.4 的 AdaGrad 作对比。"),
        },
    },
    // 8
    LessonText {
        title: Text {
            en: "8. Adam: bias correction on and off",
            zh: zh!("8. Adam：偏差修正的开与关"),
        },
        caption: Text {
            en: "Adam averages g (m, β1 = 0.9) and g² (v, β2 = 0.999), both starting at 0: after one step m₁ = 0.1·g₁ but v₁ = 0.001·g₁². Without bias correction (blue discs) the first step is η·m₁/√v₁ = η·0.1/√0.001 ≈ 3.16·η in each coordinate — 0.63 instead of 0.2: larger, not smaller, because v is 1000× too small and m only 10×. Correction (orange squares) divides by 1 − βᵏ at step k, so m̂₁ = g₁, v̂₁ = g₁² and the step is η. Try β2 = 0.9999 on the blue discs' card (a first step of 10·η), and read the state panel: it shows this first step now, and ▶| (→) moves it on to step 2.",
            zh: zh!("Adam 对 g（m，β1 = 0.9）和 g²（v，β2 = 0.999）做指数移动加权平均，二者都从 0 开始：第一步后 m₁ = 0.1·g₁，而 v₁ = 0.001·g₁²。不做偏差修正（蓝色圆点）时，第一步是 η·m₁/√v₁ = η·0.1/√0.001 ≈ 3.16·η（每个坐标）——0.63 而不是 0.2：步子更大而不是更小，因为 v 小了 1000 倍，m 只小了 10 倍。偏差修正（橙色方块）在第 k 步除以 1 − βᵏ，得到 m̂₁ = g₁、v̂₁ = g₁²，这一步就是 η。试一试：在蓝色圆点的卡片上把 β2 设为 0.9999（第一步为 10·η），并看状态面板：它现在显示的就是这第一步，按 ▶|（→）则转到第 2 步。"),
        },
    },
    // 9
    LessonText {
        title: Text {
            en: "9. Adam+L2 vs AdamW",
            zh: zh!("9. Adam+L2 与 AdamW"),
        },
        caption: Text {
            en: "The bowl 0.1·(x1 − 3)² + 2·(x2 − 3)² has its minimum at (3, 3), away from the origin the decay pulls towards; λ = 0.5 for both. Adam+L2 (orange squares) adds λ·x to the gradient, so it ends at the minimum of f + λ/2·‖x‖², the centre of the dashed L2 isolines, (0.86, 2.67): Adam's √v̂ scales gradient and decay alike. AdamW (blue discs) subtracts η·λ·x outside that division, the same in every coordinate: it walks the diagonal x1 = x2 towards (2, 2) = (1/λ, 1/λ). Try both λ = 0: they coincide.",
            zh: zh!("碗形函数 0.1·(x1 − 3)² + 2·(x2 − 3)² 的最小值在 (3, 3)，不在权重衰减拉向的原点；两者的 λ 都是 0.5。Adam+L2（橙色方块）把 λ·x 加进梯度，所以停在 f + λ/2·‖x‖² 的最小值、虚线 L2 等值线的中心 (0.86, 2.67)：Adam 的 √v̂ 对梯度和衰减项一视同仁。AdamW（蓝色圆点）在这个除法之外减去 η·λ·x，每个坐标都一样：它沿对角线 x1 = x2 走向 (2, 2) = (1/λ, 1/λ)。试一试：把两张卡片上的 λ 都设为 0，两者就重合了。"),
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_has_words_in_both_languages() {
        for l in LESSONS.iter() {
            let w = lesson_text(l.id).expect("words");
            for t in [w.title, w.caption] {
                assert!(!t.en.is_empty() && !t.zh.is_empty());
                assert!(
                    t.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{}",
                    t.zh
                );
            }
            assert!(w.title.en.starts_with(&format!("{}.", l.id)));
        }
        assert!(lesson_text(0).is_none() && lesson_text(LESSONS.len() + 1).is_none());
    }

    /// Every lesson, both languages: the embedded caption says what the
    /// figure shows and asks for nothing an embed lacks (a slider, a key, a
    /// panel, Shift+click), and it is the caption's own first sentences.
    #[test]
    fn embedded_captions_ask_for_no_slider_key_or_panel() {
        let asks = [
            "Try",
            "try ",
            "Press",
            "slider",
            "Shift",
            "drag",
            "state panel",
            "试一试",
            "按 ",
            "滑块",
            "拖动",
            "单击",
        ];
        for l in LESSONS.iter() {
            for lang in [Lang::En, Lang::Zh] {
                let e = embed_caption(l.id, lang);
                let full = caption(l.id, lang);
                assert!(full.starts_with(e), "{}: not a prefix", l.id);
                assert!(
                    e.chars().count() >= 60,
                    "{} {lang:?}: too little left: {e}",
                    l.id
                );
                assert!(
                    e.ends_with(['.', '。', ')', '）']),
                    "{} {lang:?}: {e}",
                    l.id
                );
                // Lesson 11's "(the state panel)" points to where the numbers
                // are; every other lesson's ask is cut.
                for a in asks
                    .iter()
                    .filter(|a| !(l.id == 11 && **a == "state panel"))
                {
                    assert!(!e.contains(a), "{} {lang:?} still says {a:?}: {e}", l.id);
                }
            }
        }
        // The cut is where the caption turns to the reader.
        assert!(caption(1, Lang::En).contains("Try raising η"));
        assert!(embed_caption(1, Lang::En).ends_with("both curvatures."));
        assert!(embed_caption(2, Lang::Zh).ends_with("（每步乘以 0.88）。"));
    }

    #[test]
    fn chinese_words_have_no_english_but_names() {
        for l in LESSONS.iter() {
            let w = lesson_text(l.id).unwrap();
            for t in [w.title.zh, w.caption.zh] {
                assert_eq!(crate::english_words(t), Vec::<String>::new(), "{t}");
            }
        }
    }
}

#[cfg(test)]
mod claims;
#[cfg(test)]
mod claims_beyond;
