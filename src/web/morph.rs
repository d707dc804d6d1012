//! A panel's DOM brought to a freshly built copy's shape and content by
//! changing only what differs. The state panel and the sweeps' edge list
//! are built whole (simple, and the same code as before) but off the page;
//! between two steps or two slider positions their structure is the same
//! and only numbers change, so the page keeps its nodes and the browser
//! restyles and lays out only the changed text — rebuilding ~1000 nodes per
//! refresh cost a full style and layout of the panel. Kept nodes also keep
//! the bias chart's canvas (its size known, its pixels redrawn in place)
//! and a select's focus.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement, Node};

/// The children of `node`, in order (a snapshot: moving nodes changes the
/// live list).
fn children(node: &Node) -> Vec<Node> {
    let list = node.child_nodes();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Whether `a` can be updated into `b` in place: both text, or elements of
/// the same name and namespace.
fn same_kind(a: &Node, b: &Node) -> bool {
    if a.node_type() != b.node_type() {
        return false;
    }
    match (a.dyn_ref::<Element>(), b.dyn_ref::<Element>()) {
        (Some(x), Some(y)) => {
            x.tag_name() == y.tag_name() && x.namespace_uri() == y.namespace_uri()
        }
        (None, None) => true,
        _ => false,
    }
}

/// `live`'s attributes made equal to `fresh`'s. A canvas keeps the pixel
/// size its drawing gave it (`width`/`height` are not in the fresh copy).
fn attributes(live: &Element, fresh: &Element) -> Result<(), JsValue> {
    let canvas = live.tag_name().eq_ignore_ascii_case("canvas");
    for name in live
        .get_attribute_names()
        .iter()
        .filter_map(|n| n.as_string())
    {
        if !fresh.has_attribute(&name) && !(canvas && (name == "width" || name == "height")) {
            live.remove_attribute(&name)?;
        }
    }
    for name in fresh
        .get_attribute_names()
        .iter()
        .filter_map(|n| n.as_string())
    {
        let v = fresh.get_attribute(&name).unwrap_or_default();
        if live.get_attribute(&name).as_deref() != Some(v.as_str()) {
            live.set_attribute(&name, &v)?;
        }
    }
    Ok(())
}

/// Whether `node` is or holds a select, whose choice (a property)
/// `isEqualNode` does not compare.
fn has_select(node: &Node) -> bool {
    node.dyn_ref::<Element>().is_some_and(|e| {
        e.tag_name().eq_ignore_ascii_case("select")
            || e.query_selector("select").ok().flatten().is_some()
    })
}

/// Make `live`'s children equal to `fresh`'s (which may be moved into it).
pub fn morph(live: &Node, fresh: &Node) -> Result<(), JsValue> {
    let old = children(live);
    let new = children(fresh);
    for (i, n) in new.iter().enumerate() {
        match old.get(i) {
            // Equal all the way down (names, attributes, text: one native
            // comparison), as most of a panel is from one rebuild to the
            // next: left alone, without visiting its nodes one by one.
            Some(o) if o.is_equal_node(Some(n)) && !has_select(n) => {}
            Some(o) if same_kind(o, n) => {
                if let (Some(oe), Some(ne)) = (o.dyn_ref::<Element>(), n.dyn_ref::<Element>()) {
                    attributes(oe, ne)?;
                    morph(o, n)?;
                    // A select's choice is a property, not an attribute.
                    if let (Some(os), Some(ns)) = (
                        o.dyn_ref::<HtmlSelectElement>(),
                        n.dyn_ref::<HtmlSelectElement>(),
                    ) {
                        if os.value() != ns.value() {
                            os.set_value(&ns.value());
                        }
                    }
                } else {
                    // Text that differs (equal text was left above).
                    o.set_node_value(n.node_value().as_deref());
                }
            }
            Some(o) => {
                live.replace_child(n, o)?;
            }
            None => {
                live.append_child(n)?;
            }
        }
    }
    for o in old.iter().skip(new.len()) {
        live.remove_child(o)?;
    }
    Ok(())
}
