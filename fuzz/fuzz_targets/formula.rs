//! The formula parser and evaluator: any text either parses, and then its
//! value and gradient evaluate without a panic and agree with each other,
//! or gives an error with a column inside the text (or just past its end).
#![no_main]
use gradscape::landscape::Expr;
use gradscape::text::errors::expr_problem;
use gradscape::text::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Expr::parse(text) {
        Ok(e) => {
            assert_eq!(e.source(), text);
            for p in [[0.0, 0.0], [-1.5, 2.0], [3.0, -0.5], [1e300, -1e-300]] {
                let v = e.value(p);
                let (v2, g) = e.value_grad(p);
                // The two evaluators compute the same value.
                assert!(
                    v.to_bits() == v2.to_bits() || (v.is_nan() && v2.is_nan()),
                    "{v} vs {v2}"
                );
                let _ = g;
            }
            // A formula re-parses from its own source to the same thing.
            let again = Expr::parse(e.source()).expect("own source parses");
            assert_eq!(
                again.value([0.3, 0.7]).to_bits(),
                e.value([0.3, 0.7]).to_bits()
            );
        }
        Err(err) => {
            assert!(
                err.column >= 1 && err.column <= text.chars().count() + 1,
                "{err:?}"
            );
            for lang in [Lang::En, Lang::Zh] {
                assert!(!expr_problem(&err.problem, lang).is_empty(), "{err:?}");
            }
        }
    }
});
