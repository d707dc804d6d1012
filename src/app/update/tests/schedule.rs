//! Card schedules: the picker, the arguments, refusals, undo.

use super::*;
use crate::app::SchedEdit;
use crate::scene::schedule_edit::ArgValue;
use crate::scene::schedule_value;

fn edit(i: usize, edit: SchedEdit) -> Msg {
    Msg::EditSchedule { i, edit }
}

fn arg(phase: Option<usize>, arg: &'static str, text: &str) -> SchedEdit {
    SchedEdit::Arg {
        phase,
        arg,
        v: ArgValue::Text(text.into()),
    }
}

#[test]
fn picking_a_kind_gives_the_card_a_schedule_and_replays() {
    let mut m = model();
    let r0 = m.replay;
    let d = update(&mut m, edit(0, SchedEdit::Kind(Some("step"))));
    assert!(d.has(Dirty::SCHEDULE | Dirty::RUNS));
    assert!(m.replay > r0);
    let s = m.scene.optimizers[0].schedule.expect("a schedule");
    assert_eq!(s.kind(), "step");
    // step_size 5, γ 0.5: η halves after every five steps.
    let lr = &m.runs[0].lr;
    let eta = m.scene.optimizers[0].hyper.lr;
    assert_eq!(lr[0], eta);
    assert_eq!(lr[5], eta * 0.5);
    assert_eq!(lr[10], eta * 0.25);
    // The same kind again changes nothing; none takes it away.
    assert_eq!(
        update(&mut m, edit(0, SchedEdit::Kind(Some("step")))),
        Dirty::NONE
    );
    update(&mut m, edit(0, SchedEdit::Kind(None)));
    assert_eq!(m.scene.optimizers[0].schedule, None);
    assert!(m.runs[0].lr.iter().all(|&l| l == eta));
}

#[test]
fn an_argument_replays_and_a_refused_one_keeps_the_schedule() {
    let mut m = model();
    update(&mut m, edit(0, SchedEdit::Kind(Some("exponential"))));
    update(&mut m, edit(0, arg(None, "gamma", "0.8")));
    let eta = m.scene.optimizers[0].hyper.lr;
    assert!((m.runs[0].lr[2] - eta * 0.64).abs() < 1e-15);
    let before = m.scene.clone();
    let d = update(&mut m, edit(0, arg(None, "gamma", "-2")));
    assert_eq!(d, Dirty::SCHEDULE);
    assert_eq!(m.scene, before);
    assert_eq!(m.sched_errors.len(), 1);
    assert_eq!(m.sched_errors[0].i, 0);
    assert_eq!(m.sched_errors[0].arg(), Some((None, "gamma")));
    // Text that is not a number is refused the same way.
    update(&mut m, edit(0, arg(None, "gamma", "fast")));
    assert_eq!(m.scene, before);
    assert_eq!(m.sched_errors[0].arg(), Some((None, "gamma")));
    // Leaving the field drops the message; a good value clears it too.
    update(&mut m, edit(0, SchedEdit::Revert));
    assert!(m.sched_errors.is_empty());
    update(&mut m, edit(0, arg(None, "gamma", "-2")));
    update(&mut m, edit(0, arg(None, "gamma", "0.5")));
    assert!(m.sched_errors.is_empty());
    assert_eq!(
        schedule_value(&m.scene.optimizers[0].schedule.unwrap())["gamma"],
        0.5
    );
}

#[test]
fn the_core_refuses_cycle_momentum_without_a_momentum_and_short_cycles() {
    let mut m = model();
    update(&mut m, Msg::AddOpt(OptKind::Adagrad));
    // The starter does not cycle what AdaGrad does not have …
    update(&mut m, edit(2, SchedEdit::Kind(Some("one_cycle"))));
    let s = m.scene.optimizers[2].schedule.expect("one_cycle");
    assert!(!s.cycles_momentum());
    // … and switching it on is refused.
    let before = m.scene.clone();
    let d = update(
        &mut m,
        edit(
            2,
            SchedEdit::Arg {
                phase: None,
                arg: "cycle_momentum",
                v: ArgValue::Flag(true),
            },
        ),
    );
    assert_eq!(d, Dirty::SCHEDULE);
    assert_eq!(m.scene, before);
    assert_eq!(m.sched_errors[0].arg(), Some((None, "cycle_momentum")));
    // A cycle shorter than the 20 steps is refused, naming total_steps.
    update(&mut m, edit(2, arg(None, "total_steps", "10")));
    assert_eq!(m.scene, before);
    assert_eq!(m.sched_errors[0].arg(), Some((None, "total_steps")));
    // The rest of the scene is untouched and still runs.
    assert_eq!(m.runs.len(), 3);
}

#[test]
fn the_steps_may_not_outrun_a_one_cycle() {
    let mut m = model();
    update(&mut m, edit(0, SchedEdit::Kind(Some("one_cycle"))));
    update(&mut m, edit(0, arg(None, "total_steps", "25")));
    let d = update(&mut m, Msg::SetSteps(30.0));
    assert_eq!(d, Dirty::ERROR);
    assert_eq!(m.scene.steps, 20);
    assert!(matches!(
        &m.error,
        Some(GlobalError::Scene(e, Some(FieldId::Steps))) if e.field == "optimizers[0].schedule.total_steps"
    ));
    update(&mut m, Msg::SetSteps(25.0));
    assert_eq!(m.scene.steps, 25);
}

#[test]
fn warm_up_then_cosine_in_one_click_and_its_phases() {
    let mut m = model();
    update(&mut m, edit(1, SchedEdit::WarmupCosine));
    let eta = m.scene.optimizers[1].hyper.lr;
    let lr = m.runs[1].lr.clone();
    assert!((lr[0] - 0.1 * eta).abs() < 1e-15, "warm-up from η/10");
    let peak = lr.iter().cloned().fold(0.0, f64::max);
    assert!((peak - eta).abs() < 1e-12);
    assert!(lr[19] < 0.05 * eta, "annealed to about 0");
    update(&mut m, edit(1, arg(Some(1), "eta_min", "0.01")));
    assert_eq!(
        schedule_value(&m.scene.optimizers[1].schedule.unwrap())["schedulers"][1]["eta_min"],
        0.01
    );
    update(&mut m, edit(1, SchedEdit::AddPhase));
    update(
        &mut m,
        edit(
            1,
            SchedEdit::PhaseKind {
                phase: 2,
                kind: "constant",
            },
        ),
    );
    let v = schedule_value(&m.scene.optimizers[1].schedule.unwrap());
    assert_eq!(v["schedulers"][2]["kind"], "constant");
    assert_eq!(v["milestones"].as_array().unwrap().len(), 2);
    update(&mut m, edit(1, arg(None, "milestones", "3, 2")));
    assert_eq!(m.sched_errors[0].arg(), Some((None, "milestones")));
    update(&mut m, edit(1, SchedEdit::RemovePhase(0)));
    let v = schedule_value(&m.scene.optimizers[1].schedule.unwrap());
    assert_eq!(v["schedulers"].as_array().unwrap().len(), 2);
    assert_eq!(v["schedulers"][0]["kind"], "cosine");
}

#[test]
fn a_schedule_is_undone_and_marks_the_lesson_modified() {
    let mut m = model();
    update(&mut m, Msg::SetLesson(Some(2)));
    assert!(!m.lesson_modified());
    update(&mut m, edit(0, SchedEdit::Kind(Some("plateau"))));
    assert!(m.lesson_modified());
    update(&mut m, edit(0, arg(None, "patience", "0")));
    update(&mut m, Msg::Undo);
    assert_eq!(
        m.scene.optimizers[0].schedule.map(|s| s.kind()),
        Some("plateau")
    );
    update(&mut m, Msg::Undo);
    assert_eq!(m.scene.optimizers[0].schedule, None);
    assert!(!m.lesson_modified());
    update(&mut m, Msg::Redo);
    assert!(m.scene.optimizers[0].schedule.is_some());
}

#[test]
fn edits_of_a_missing_card_or_schedule_do_nothing() {
    let mut m = model();
    let before = m.scene.clone();
    assert_eq!(
        update(&mut m, edit(9, SchedEdit::Kind(Some("cosine")))),
        Dirty::NONE
    );
    assert_eq!(
        update(&mut m, edit(0, arg(None, "gamma", "0.5"))),
        Dirty::NONE
    );
    assert_eq!(update(&mut m, edit(0, SchedEdit::AddPhase)), Dirty::NONE);
    assert_eq!(m.scene, before);
}
