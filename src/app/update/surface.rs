//! A surface parameter (the bowl's a, Rosenbrock's b…) set from its field:
//! through the scene reader, which checks its range and names it, so the
//! field, the link and a scene file refuse the same values in the same
//! words.

use super::runs;
use crate::app::dirty::Dirty;
use crate::app::model::{FieldId, GlobalError, Model};
use crate::landscape::{Landscape, Param};
use crate::scene::{Scene, SceneError};
use serde_json::Value;

/// `scene`'s surface with `key` set to `v`: a number, or the text typed
/// (refused, the reader's message then quoting it with the range).
pub fn with_param(scene: &Scene, key: Param, v: Value) -> Result<Landscape, SceneError> {
    let mut value = scene.to_value();
    value["landscape"][key.name()] = v;
    Scene::from_value(&value).map(|s| s.landscape)
}

/// Whether the surface takes `v` for `key`.
pub(super) fn takes(m: &Model, key: Param, v: f64) -> bool {
    with_param(&m.scene, key, Value::from(v)).is_ok()
}

/// `key` set to `v`, or refused with the reader's message.
pub(super) fn set(m: &mut Model, key: Param, v: f64) -> Dirty {
    match with_param(&m.scene, key, Value::from(v)) {
        Ok(l) => {
            m.scene.landscape = l;
            m.error = None;
            Dirty::ERROR | Dirty::FORMULA | runs(m)
        }
        Err(e) => {
            m.error = Some(GlobalError::Scene(e, Some(FieldId::SurfaceParam(key))));
            Dirty::ERROR
        }
    }
}
