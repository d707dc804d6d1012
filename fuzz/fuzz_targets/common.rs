// Shared checks of the fuzz targets: a scene that parsed must simulate
// without a panic and keep only finite points, and must survive its own
// JSON and URL forms unchanged (the URL's view to url::VIEW_PRECISION).
use gradscape::run::simulate;
use gradscape::scene::Scene;
use gradscape::url;

/// Steps simulated per input (the parsers are the target; a short run
/// still walks every optimizer's code).
const STEPS: usize = 40;

pub fn check_scene(scene: &Scene) {
    // The JSON form reads back to the same scene.
    let back = Scene::from_json(&scene.to_json()).expect("a scene's own JSON must parse");
    assert_eq!(&back, scene, "JSON round trip changed the scene");
    // The URL form too, with no notice (its view in short numbers, a hair
    // wider: `url::written_view`).
    let (from_url, _, notices) = url::from_query(&url::to_query(scene, None));
    assert!(notices.is_empty(), "own URL gave notices: {notices:?}");
    let mut want = scene.clone();
    want.view = scene.view.as_ref().map(url::written_view);
    assert_eq!(from_url, want, "URL round trip changed the scene");
    let mut short = scene.clone();
    short.steps = short.steps.min(STEPS);
    if let Ok(runs) = simulate(&short) {
        for r in runs {
            assert!(
                r.points
                    .iter()
                    .all(|p| p[0].is_finite() && p[1].is_finite()),
                "a trajectory kept a non-finite point"
            );
            assert!(r.loss.iter().all(|l| !l.is_nan()), "a NaN loss was kept");
        }
    }
}
