//! The figure's marks, legend corner and frames.

mod marks {
    use super::super::*;
    use gradscape_core::run::simulate;

    #[test]
    fn sixteen_runs_have_sixteen_marks_in_the_trails_and_the_legend() {
        let opts: Vec<String> = (0..16)
            .map(|i| format!(r#"{{"kind": "gd", "lr": {}}}"#, 0.01 * (i + 1) as f64))
            .collect();
        let json = format!(
            r#"{{"version": 1, "steps": 5, "optimizers": [{}]}}"#,
            opts.join(",")
        );
        let scene = Scene::from_json(&json).unwrap();
        let svg = render(&scene, &simulate(&scene).unwrap(), &SvgOptions::default());
        let marks: std::collections::BTreeSet<&str> = svg
            .split(r#"<g class="entry" data-mark=""#)
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(marks.len(), 16, "{marks:?}");
        assert!(marks.contains("#E69F00 solid square") && marks.contains("#E69F00 2 3 circle"));
        // Runs 4–6 and 13–15 are dashed (trail and legend), the third run's
        // dots are triangles.
        assert_eq!(svg.matches(r#"stroke-dasharray="7 4""#).count(), 2 * 6);
        assert!(svg.contains(r#"<polygon points="#));
    }

    #[test]
    fn a_long_run_is_drawn_to_the_pixel_and_ends_where_it_ends() {
        // GD settling at the bowl's minimum: 20 000 steps, most on one spot.
        let json = r#"{"steps": 20000, "optimizers": [{"kind": "gd", "lr": 0.05}]}"#;
        let scene = Scene::from_json(json).unwrap();
        let runs = simulate(&scene).unwrap();
        let svg = render(&scene, &runs, &SvgOptions::default());
        let run = &svg[svg.find(r#"<g class="run""#).unwrap()..];
        let run = &run[..run.find("</g>").unwrap()];
        let dots = run.matches("<rect x=").count();
        assert!(dots > 20 && dots < 2000, "{dots} dots");
        assert!(svg.len() < 400_000, "{} bytes", svg.len());
        // The line and the dots end at the same last point (kept however
        // near the one before).
        let d = run.split(r#"<path d=""#).nth(1).unwrap();
        let d = &d[..d.find('"').unwrap()];
        let last: Vec<f64> = d
            .rsplit('L')
            .next()
            .unwrap()
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        let rect = run.rsplit("<rect x=\"").next().unwrap();
        let num = |s: &str| s[..s.find('"').unwrap()].parse::<f64>().unwrap();
        let (rx, ry) = (num(rect), num(rect.split("y=\"").nth(1).unwrap()));
        assert!(
            (rx + 2.6 - last[0]).abs() < 0.011 && (ry + 2.6 - last[1]).abs() < 0.011,
            "{last:?} {rx} {ry}"
        );
        assert_eq!(runs[0].points.len(), 20001);
    }

    /// The legend's box: x, y, w, h.
    fn legend_box(svg: &str) -> [f64; 4] {
        rect_after(svg, r#"<g class="legend"><rect "#)
    }

    /// The x, y, w, h of the first rect after `marker`.
    fn rect_after(svg: &str, marker: &str) -> [f64; 4] {
        let g = &svg[svg.find(marker).unwrap()..];
        let attr = |name: &str| -> f64 {
            let at = g.find(&format!(r#" {name}=""#)).unwrap() + name.len() + 3;
            g[at..at + g[at..].find('"').unwrap()].parse().unwrap()
        };
        [attr("x"), attr("y"), attr("width"), attr("height")]
    }

    #[test]
    fn a_small_figure_puts_its_legend_under_the_plot_rather_than_over_a_trail() {
        // An author's 320×240 figure 2 (Adam, bias correction on and off):
        // every corner of the plot hid part of a trail; below it, none.
        let json = r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 30, "convention": "d2l", "optimizers": [{"kind": "adam", "lr": 0.2}, {"kind": "adam", "lr": 0.2, "bias_correction": false}]}"#;
        let scene = Scene::from_json(json).unwrap();
        let runs = simulate(&scene).unwrap();
        let opt = SvgOptions {
            width: 320,
            height: 240,
            ..SvgOptions::default()
        };
        let svg = render(&scene, &runs, &opt);
        let [_, y, _, _] = legend_box(&svg);
        let [_, top, _, h] = rect_after(&svg, r#"<clipPath id="plot"><rect "#);
        let plot_bottom = top + h;
        assert!(
            y > plot_bottom,
            "the legend at y = {y}, the plot ends at {plot_bottom}"
        );
    }

    #[test]
    fn the_legend_goes_to_the_corner_where_it_hides_least() {
        let fig = |json: &str| {
            let scene = Scene::from_json(json).unwrap();
            let runs = simulate(&scene).unwrap();
            let svg = render(&scene, &runs, &SvgOptions::default());
            (legend_box(&svg), svg)
        };
        // The bowl from (−5, −2): the top right is free, the legend stays there.
        let (a, _) =
            fig(r#"{"version": 1, "steps": 20, "optimizers": [{"kind": "gd", "lr": 0.4}]}"#);
        // From (4, 4.6), the trail starts under the top right box: the legend leaves it.
        let (b, _) = fig(
            r#"{"version": 1, "start": [4, 4.6], "view": {"x": [-5, 5], "y": [-5, 5]}, "steps": 20, "optimizers": [{"kind": "gd", "lr": 0.4}]}"#,
        );
        assert!(
            b[0] < a[0] || b[1] > a[1],
            "moved from the top right: {a:?} → {b:?}"
        );
        assert_eq!(a[2..], b[2..], "the same box");
        // Lesson 9's formula bowl: its minimum (3, 3), not a known one, is
        // the lowest sample of the view, at the top right: not hidden.
        let (c, _) = fig(
            r#"{"version": 1, "landscape": {"kind": "expr", "expr": "0.1*(x-3)^2 + 2*(y-3)^2"}, "start": [-1, -1], "steps": 200, "view": {"x": [-1.5, 3.5], "y": [-1.5, 3.5]}, "optimizers": [{"kind": "adam_l2", "lr": 0.1, "lambda": 0.5}, {"kind": "adamw", "lr": 0.1, "lambda": 0.5}]}"#,
        );
        assert!(c[0] < a[0] - 100.0 || c[1] > a[1] + 100.0, "{c:?}");
    }
}

mod frames {
    use super::super::*;
    use gradscape_core::run::simulate;

    fn figure(json: &str, lang: Lang, step: Option<usize>) -> String {
        let scene = Scene::from_json(json).unwrap();
        let runs = simulate(&scene).unwrap();
        render(
            &scene,
            &runs,
            &SvgOptions {
                lang,
                step,
                ..SvgOptions::default()
            },
        )
    }

    fn legend(svg: &str) -> &str {
        &svg[svg.find(r#"class="legend""#).unwrap()..]
    }

    const GD_06: &str = r#"{"steps": 20, "optimizers": [{"kind": "gd", "lr": 0.6}]}"#;
    const ROSEN: &str = r#"{"landscape": {"kind": "rosenbrock"}, "steps": 100, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#;

    #[test]
    fn a_diverging_run_says_so_instead_of_its_loss() {
        // GD η = 0.6 on the bowl completes 20 steps with x2 ≈ −1673: the
        // legend used to say "f = 5.60e6".
        let svg = figure(GD_06, Lang::En, None);
        assert!(
            legend(&svg).contains("diverging: loss ×"),
            "{}",
            legend(&svg)
        );
        assert!(!legend(&svg).contains("f = "), "{}", legend(&svg));
        let zh = figure(GD_06, Lang::Zh, None);
        assert!(legend(&zh).contains("正在发散：损失 ×"), "{}", legend(&zh));
        let div = figure(ROSEN, Lang::Zh, None);
        assert!(legend(&div).contains("步发散"), "{}", legend(&div));
        // In the error red, as the page's legend (its name is not).
        assert!(
            legend(&svg).contains(r##"GD η=0.6 — <tspan fill="#b3261e">diverging: loss ×"##),
            "{}",
            legend(&svg)
        );
        let ok = figure(
            r#"{"steps": 20, "optimizers": [{"kind": "gd", "lr": 0.4}]}"#,
            Lang::En,
            None,
        );
        assert!(!legend(&ok).contains("<tspan"), "{}", legend(&ok));
    }

    /// Lesson 9's figure: the dashed L2 isolines the page draws whenever an
    /// Adam+L2 run is shown, centred on that run's end (the caption points
    /// at their centre); none without such a run.
    #[test]
    fn an_adam_l2_run_brings_its_dashed_isolines() {
        let l9 = r#"{"landscape": {"kind": "expr", "expr": "0.1*(x-3)^2 + 2*(y-3)^2"}, "start": [-1, -1], "steps": 200, "optimizers": [{"kind": "adam_l2", "lr": 0.1, "lambda": 0.5}, {"kind": "adamw", "lr": 0.1, "lambda": 0.5}]}"#;
        let svg = figure(l9, Lang::En, None);
        assert_eq!(svg.matches(r#"<g class="l2""#).count(), 1, "{svg}");
        assert!(svg.contains(r#"stroke-dasharray="7 5""#));
        let plain = figure(GD_06, Lang::En, None);
        assert!(!plain.contains(r#"class="l2""#));
        let adamw = figure(&l9.replace("adam_l2", "adamw"), Lang::En, None);
        assert!(!adamw.contains(r#"class="l2""#));
    }

    #[test]
    fn a_frame_shows_the_runs_and_the_legend_at_its_step() {
        let scene = Scene::from_json(ROSEN).unwrap();
        let runs = simulate(&scene).unwrap();
        let Stop::Diverged { step } = runs[0].stop else {
            panic!("{:?}", runs[0].stop)
        };
        // Step 0: the start, its loss, "step 0 of 100", one point drawn.
        let first = figure(ROSEN, Lang::En, Some(0));
        assert!(first.contains("step 0 of 100"));
        assert!(legend(&first).contains("f = "), "{}", legend(&first));
        assert!(!first.contains("stroke-width=\"3\"/></g>"), "no cross yet");
        // Just before it leaves the plane: diverging, not yet diverged.
        let before = figure(ROSEN, Lang::En, Some(step - 1));
        assert!(
            legend(&before).contains("diverging: loss ×"),
            "{}",
            legend(&before)
        );
        // From the step it diverged on, the legend says so and the cross is drawn.
        let after = figure(ROSEN, Lang::Zh, Some(100));
        assert!(after.contains("第 100 步（共 100 步）"));
        assert!(legend(&after).contains(&format!("在第 {step} 步发散")));
        // Frame k: k + 1 squares on the trail and one in the legend,
        // besides the background, the clip, the frame and the legend box;
        // at step 0 one more, the current point's (GD's shape, the
        // legend's, not a disc).
        let k0 = figure(GD_06, Lang::En, Some(0));
        assert_eq!(k0.matches("<rect x=").count(), 4 + 1 + 1 + 1, "{k0}");
        assert_eq!(
            k0.matches(r#"stroke="white" stroke-width="1.5"/>"#).count(),
            1
        );
        assert!(!k0.contains(r#"r="6.5""#), "no disc for a square run");
        assert!(!k0.contains(r#"class="edge""#), "GD is in view at step 0");
        // Once GD has left the view (from step 1), its current point is
        // the page's arrowhead on the edge, towards it, in its colour.
        let k5 = figure(GD_06, Lang::En, Some(5));
        assert_eq!(k5.matches("<rect x=").count(), 4 + 6 + 1, "{k5}");
        assert_eq!(k5.matches(r#"class="edge""#).count(), 1, "{k5}");
        assert!(k5.contains(r##"fill="#E69F00" stroke="#111""##));
        assert!(!figure(GD_06, Lang::En, None).contains(" of 20"));
    }
}

mod ticks {
    use super::super::*;
    use gradscape_core::run::simulate;

    /// The x tick labels: centred text under the plot, not the x₁ name.
    fn x_labels(svg: &str) -> Vec<&str> {
        svg.split(r#"text-anchor="middle">"#)
            .skip(1)
            .map(|s| &s[..s.find('<').unwrap()])
            .filter(|s| *s != "x₁")
            .collect()
    }

    #[test]
    fn an_axis_keeps_two_labels_where_the_nice_count_leaves_one() {
        // Beale's −4.5…4.5 at 3 ticks is 0 alone: a scale needs two.
        let scene =
            Scene::from_json(r#"{"landscape": {"kind": "beale"}, "optimizers": []}"#).unwrap();
        let runs = simulate(&scene).unwrap();
        let opt = SvgOptions {
            width: 374,
            height: 288,
            ..SvgOptions::default()
        };
        let wide = render(&scene, &runs, &opt);
        assert_eq!(x_labels(&wide), ["-4", "-2", "0", "2", "4"]);
    }
}
