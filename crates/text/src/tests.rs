//! The tables: every key in both languages once, no empty text and no
//! English in Chinese, the page's keys; lookups and a touch tip's name.

use super::without_key;

#[test]
fn a_touch_tip_names_the_control_without_its_key() {
    assert_eq!(
        without_key("Fit the trails in view (F)"),
        "Fit the trails in view"
    );
    assert_eq!(without_key("Play / pause (Space)"), "Play / pause");
    assert_eq!(without_key("Step back (←)"), "Step back");
    assert_eq!(without_key("Redo (Ctrl+Shift+Z or Ctrl+Y)"), "Redo");
    assert_eq!(without_key("播放 / 暂停（空格）"), "播放 / 暂停");
    assert_eq!(without_key("缩放到显示全部轨迹（F）"), "缩放到显示全部轨迹");
    assert_eq!(without_key("撤销（Ctrl+Z）"), "撤销");
    for kept in [
        "yₜ (EMA)",
        "Remove",
        "z² = 0（Nesterov）",
        "(F)",
        "Previous lesson",
    ] {
        assert_eq!(without_key(kept), kept);
    }
}

use super::*;
use std::collections::BTreeSet;

#[test]
fn a_name_inside_a_longer_name_does_not_split_it() {
    assert!(english_words("final_div_factor, div_factor").is_empty());
}

#[test]
fn every_key_is_in_both_languages_once() {
    let mut all = BTreeSet::new();
    for (part, en, zh) in TABLES {
        let ke: Vec<&str> = en.iter().map(|(k, _)| *k).collect();
        let kz: Vec<&str> = zh.iter().map(|(k, _)| *k).collect();
        let se: BTreeSet<&str> = ke.iter().copied().collect();
        let sz: BTreeSet<&str> = kz.iter().copied().collect();
        assert_eq!(se.len(), ke.len(), "{part}: a key is repeated in English");
        assert_eq!(sz.len(), kz.len(), "{part}: a key is repeated in Chinese");
        let missing_zh: Vec<_> = se.difference(&sz).collect();
        let missing_en: Vec<_> = sz.difference(&se).collect();
        assert!(
            missing_zh.is_empty(),
            "{part}: missing in 中文: {missing_zh:?}"
        );
        assert!(
            missing_en.is_empty(),
            "{part}: missing in English: {missing_en:?}"
        );
        for k in se {
            assert!(all.insert(k), "key {k} is in two parts");
        }
    }
}

#[test]
fn no_empty_text_and_no_english_in_chinese() {
    for (part, en, zh) in TABLES {
        for (k, v) in en.iter().chain(zh.iter()) {
            assert!(!v.trim().is_empty(), "{part}.{k} is empty");
        }
        for (k, v) in zh.iter() {
            let words = english_words(v);
            assert!(
                words.is_empty(),
                "{part}.{k}: English in 中文: {words:?} in {v}"
            );
        }
        // Placeholders agree.
        for (k, v) in en.iter() {
            let z = zh
                .iter()
                .find(|(kz, _)| kz == k)
                .map(|(_, z)| *z)
                .unwrap_or("");
            for i in 0..5 {
                let p = format!("{{{i}}}");
                assert_eq!(
                    v.contains(&p),
                    z.contains(&p),
                    "{part}.{k}: placeholder {p}"
                );
            }
        }
    }
}

#[test]
fn every_key_of_the_page_html_is_in_the_table() {
    let html = include_str!("../../../www/index.html");
    let mut n = 0;
    for attr in ["data-i18n=\"", "data-i18n-aria=\"", "data-i18n-title=\""] {
        for part in html.split(attr).skip(1) {
            let key = part.split('"').next().unwrap_or("");
            assert!(
                TABLES
                    .iter()
                    .any(|(_, en, zh)| en.iter().any(|(k, _)| *k == key)
                        && zh.iter().any(|(k, _)| *k == key)),
                "www/index.html uses {key}, not in the table"
            );
            n += 1;
        }
    }
    assert!(n > 50, "only {n} translated strings in www/index.html");
}

#[test]
fn lookups() {
    let (en, zh) = (tr(Lang::En, "lang.name"), tr(Lang::Zh, "lang.name"));
    assert_eq!((en, zh), ("English", "简体中文"));
    assert_eq!(
        english_words("学习率 η = 0.4，Adam 的 m̂ 1e-3"),
        Vec::<String>::new()
    );
    assert_eq!(english_words("step 3 of Adam"), ["step", "of"]);
}
