//! Which field is invalid: the model names it, a blur or Escape reverts it.

use super::*;
use crate::app::FieldId;
use crate::landscape::{Edge, Param};

#[test]
fn a_refused_card_value_names_its_field_and_a_blur_reverts_it() {
    let mut m = model();
    update(&mut m, hyper(1, HyperKey::Lr, -3.0, false));
    let f = FieldId::Hyper {
        i: 1,
        key: HyperKey::Lr,
    };
    assert_eq!(m.invalid_fields(), vec![f]);
    let lr = m.scene.optimizers[1].hyper.lr;
    // Leaving another field of the same card keeps it.
    let other = FieldId::Hyper {
        i: 1,
        key: HyperKey::Gamma,
    };
    assert_eq!(update(&mut m, Msg::Revert(other)), Dirty::REVERT);
    assert_eq!(m.invalid_fields(), vec![f]);
    // Leaving it drops the refused value; the field shows the value in effect.
    let d = update(&mut m, Msg::Revert(f));
    assert!(d.has(Dirty::REVERT | Dirty::CARD_ERROR));
    assert!(m.invalid_fields().is_empty());
    assert_eq!(m.scene.optimizers[1].hyper.lr, lr);
}

#[test]
fn an_unreadable_card_value_names_the_key_typed() {
    let mut m = model();
    update(
        &mut m,
        Msg::Unreadable(Field::Hyper {
            i: 0,
            key: HyperKey::Lr,
        }),
    );
    assert_eq!(
        m.invalid_fields(),
        vec![FieldId::Hyper {
            i: 0,
            key: HyperKey::Lr
        }]
    );
    // A valid value typed clears it at once.
    update(&mut m, hyper(0, HyperKey::Lr, 0.2, false));
    assert!(m.invalid_fields().is_empty());
}

#[test]
fn global_errors_name_their_field() {
    let mut m = model();
    let steps = m.scene.steps;
    update(&mut m, Msg::SetSteps(-3.0));
    assert_eq!(m.invalid_fields(), vec![FieldId::Steps]);
    assert_eq!(m.scene.steps, steps);
    update(&mut m, Msg::SetSigma(-1.0));
    assert_eq!(m.invalid_fields(), vec![FieldId::Sigma]);
    update(&mut m, Msg::Unreadable(Field::Seed));
    assert_eq!(m.invalid_fields(), vec![FieldId::Seed]);
    update(
        &mut m,
        Msg::SetSurfaceParam {
            key: Param::A,
            v: -1e300,
        },
    );
    assert_eq!(m.invalid_fields(), vec![FieldId::SurfaceParam(Param::A)]);
    // A blur on another field leaves it; on its own field clears it.
    assert!(!update(&mut m, Msg::Revert(FieldId::Steps)).has(Dirty::ERROR));
    assert!(m.error.is_some());
    let d = update(&mut m, Msg::Revert(FieldId::SurfaceParam(Param::A)));
    assert!(d.has(Dirty::ERROR | Dirty::REVERT));
    assert_eq!(m.error, None);
    // Sixteen optimizers is no field's fault.
    while m.scene.optimizers.len() < MAX_OPTIMIZERS {
        update(&mut m, Msg::AddOpt(OptKind::Gd));
    }
    update(&mut m, Msg::AddOpt(OptKind::Gd));
    assert_eq!(m.error, Some(GlobalError::AddMax));
    assert!(m.invalid_fields().is_empty());
}

#[test]
fn a_refused_view_names_the_edge_typed() {
    let mut m = model();
    let now = m.scene.view();
    // x from typed past x to.
    let v = View {
        x0: now.x1 + 1.0,
        ..now
    };
    update(&mut m, Msg::SetViewFields(v));
    assert!(matches!(m.error, Some(GlobalError::Scene(..))));
    assert_eq!(m.invalid_fields(), vec![FieldId::View(Edge::X0)]);
    assert_eq!(m.scene.view(), now);
    update(&mut m, Msg::Revert(FieldId::View(Edge::X0)));
    assert!(m.invalid_fields().is_empty());
}

#[test]
fn the_value_in_effect_of_each_field() {
    let mut m = model();
    let lr = m.scene.optimizers[0].hyper.lr;
    update(&mut m, hyper(0, HyperKey::Lr, -3.0, false));
    let f = FieldId::Hyper {
        i: 0,
        key: HyperKey::Lr,
    };
    assert_eq!(m.value_of(f), Some(lr));
    assert_eq!(m.value_of(FieldId::Steps), Some(m.scene.steps as f64));
    assert_eq!(m.value_of(FieldId::Seed), Some(0.0));
    assert_eq!(m.value_of(FieldId::View(Edge::X1)), Some(m.scene.view().x1));
    // GD has no β1; no card 9.
    let none = [
        FieldId::Hyper {
            i: 0,
            key: HyperKey::Beta1,
        },
        FieldId::Hyper {
            i: 9,
            key: HyperKey::Lr,
        },
    ];
    assert!(none.iter().all(|&f| m.value_of(f).is_none()));
    let (p, v) = m.scene.landscape.params()[0];
    assert_eq!(m.value_of(FieldId::SurfaceParam(p)), Some(v));
}
