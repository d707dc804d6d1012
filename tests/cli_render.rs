//! The command line, `render`: an SVG with a legend and one trail per run,
//! from a file or standard input. Run with `cargo test --features cli`.
#![cfg(not(target_arch = "wasm32"))]
#![cfg(feature = "cli")]

#[allow(dead_code)]
#[path = "common/cli.rs"]
mod cli;
use cli::*;

// -------------------------------------------------------------------- render

#[test]
fn render_writes_an_svg_with_a_legend_and_one_trail_per_run() {
    let out = tmp("fig.svg");
    let o = run(&["render", "examples/scenes/seed-default.json", "-o", s(&out)]);
    assert_ok(&o);
    assert!(o.stdout.is_empty());
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    assert!(svg.starts_with("<svg"), "{}", &svg[..60.min(svg.len())]);
    assert!(svg.contains(r#"xmlns="http://www.w3.org/2000/svg""#));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(r#"width="800""#) && svg.contains(r#"height="560""#));
    assert_eq!(svg.matches(r#"<g class="run""#).count(), 2);
    assert!(svg.contains(r#"data-kind="gd""#) && svg.contains(r#"data-kind="momentum""#));
    let legend = &svg[svg.find(r#"class="legend""#).expect("a legend")..];
    assert!(legend.contains("GD η=0.4"), "{legend}");
    assert!(legend.contains("Momentum η=0.4 γ=0.5"), "{legend}");
    // One coloured trail per run (each under a white halo).
    for col in ["#E69F00", "#56B4E9"] {
        assert_eq!(
            svg.matches(&format!(r#"fill="none" stroke="{col}""#))
                .count(),
            1,
            "{col}"
        );
    }

    let out2 = tmp("small.svg");
    let o = run(&[
        "render",
        "examples/scenes/gd-eta-0.6.json",
        "-o",
        s(&out2),
        "--width",
        "400",
        "--height",
        "300",
    ]);
    assert_ok(&o);
    let svg = std::fs::read_to_string(&out2).unwrap();
    assert!(svg.contains(r#"width="400""#) && svg.contains(r#"height="300""#));
    assert_eq!(svg.matches(r#"<g class="run""#).count(), 1);
}

#[test]
fn render_reads_standard_input_and_marks_divergence() {
    let out = tmp("div.svg");
    let o = run_stdin(
        &["render", "-", "--output", s(&out)],
        r#"{"landscape": {"kind": "rosenbrock"}, "steps": 100, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#,
    );
    assert_ok(&o);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("diverged at step"));
    assert!(!svg.contains("NaN"));
}

/// README: each `examples/scenes/*.svg` is "the SVG the CLI renders from"
/// its `.json`. A change to the figure must come with the regenerated SVGs.
#[test]
fn every_example_svg_is_what_render_writes_from_its_scene() {
    let dir = std::path::Path::new(ROOT).join("examples/scenes");
    let mut scenes: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    scenes.sort();
    assert!(scenes.len() >= 10, "{scenes:?}");
    let mut stale = Vec::new();
    for scene in &scenes {
        let name = scene.file_stem().unwrap().to_str().unwrap();
        let out = tmp(&format!("{name}.svg"));
        let o = run(&["render", s(scene), "-o", s(&out)]);
        assert_ok(&o);
        let drawn = std::fs::read(&out).unwrap();
        let again = tmp(&format!("{name}.svg"));
        assert_ok(&run(&["render", s(scene), "-o", s(&again)]));
        assert_eq!(
            drawn,
            std::fs::read(&again).unwrap(),
            "{name}: render is not deterministic"
        );
        let committed = std::fs::read(scene.with_extension("svg")).unwrap_or_default();
        if drawn != committed {
            stale.push(format!("examples/scenes/{name}.svg"));
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {}; regenerate them with\n  for f in examples/scenes/*.json; do cargo run -q --release --features cli -- render $f -o ${{f%.json}}.svg; done",
        stale.join(", ")
    );
}
