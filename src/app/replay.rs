//! The model's replay, reusing the runs a scene change did not touch: when
//! the scene differs from the one last replayed only in some cards (a
//! slider drag moves one), every other optimizer's trajectory and
//! diagnosis would come out the same numbers, so they are kept and only the
//! changed cards are simulated again (a drag of one of 9 × 1000-step runs
//! simulated all 9 at every input).

use crate::diagnose::{diagnose_scene, Diagnosis};
use crate::run::{run_one_with, RunError, Trajectory};
use crate::scene::Scene;

/// The runs and diagnoses of `scene`. `last` is what was replayed before:
/// its scene, runs and diagnoses; a card equal to its card there keeps its
/// run when nothing else of the scene changed. Equal to `simulate_with(scene,
/// false)` and `diagnose` of each run: the smaller η a hint names waits
/// (reruns, several ms for Adam's 10 000 steps: `Msg::FillCalmer` after the
/// paint).
pub fn replay(
    scene: &Scene,
    last: Option<(&Scene, &[Trajectory], &[Diagnosis])>,
) -> Result<(Vec<Trajectory>, Vec<Diagnosis>), RunError> {
    let n = scene.optimizers.len();
    let keep = last.filter(|(before, runs, diags)| {
        runs.len() == n
            && diags.len() == n
            && before.optimizers.len() == n
            && same_but_cards(before, scene)
    });
    let mut runs = Vec::with_capacity(n);
    let mut diags = Vec::with_capacity(n);
    for (i, spec) in scene.optimizers.iter().enumerate() {
        match keep {
            Some((before, old, old_diags)) if before.optimizers[i] == *spec => {
                runs.push(old[i].clone());
                diags.push(old_diags[i].clone());
            }
            _ => {
                let t = run_one_with(&scene.landscape, spec, scene, false)
                    .map_err(|e| RunError(e.0.under(&format!("optimizers[{i}]"))))?;
                diags.push(diagnose_scene(scene, &t));
                runs.push(t);
            }
        }
    }
    Ok((runs, diags))
}

/// Whether two scenes are equal but for their optimizers (also the state
/// panel's kept steppers, web/state).
pub fn same_but_cards(a: &Scene, b: &Scene) -> bool {
    let bare = |s: &Scene| Scene {
        optimizers: Vec::new(),
        ..s.clone()
    };
    bare(a) == bare(b)
}
