//! An optimizer of the scene as the `torch.optim` (or lion-pytorch)
//! constructor the core mirrors (tests/reference/gen_torch.py): the scene's
//! values under torch's argument names, torch's "off" extras left out.

use super::formula::number;
use gradscape_core::optim::{Hyper, LineSearch};
use gradscape_core::OptKind;

/// `torch.optim.X(params, …)` for `kind` holding `h`, or None for Newton.
pub fn constructor(kind: OptKind, h: &Hyper) -> Option<String> {
    let n = number;
    let mut a: Vec<String> = vec!["params".into(), format!("lr={}", n(h.lr))];
    let betas = format!("betas=({}, {})", n(h.beta1), n(h.beta2));
    let eps = format!("eps={}", n(h.eps));
    let wd = |a: &mut Vec<String>| {
        if h.lambda != 0.0 {
            a.push(format!("weight_decay={}", n(h.lambda)));
        }
    };
    let class = match kind {
        OptKind::Gd => {
            wd(&mut a);
            "torch.optim.SGD"
        }
        OptKind::Momentum => {
            a.push(format!("momentum={}", n(h.gamma)));
            if h.dampening != 0.0 {
                a.push(format!("dampening={}", n(h.dampening)));
            }
            if h.nesterov {
                a.push("nesterov=True".into());
            }
            wd(&mut a);
            "torch.optim.SGD"
        }
        OptKind::Adagrad => {
            if h.lr_decay != 0.0 {
                a.push(format!("lr_decay={}", n(h.lr_decay)));
            }
            if h.initial_accumulator_value != 0.0 {
                a.push(format!(
                    "initial_accumulator_value={}",
                    n(h.initial_accumulator_value)
                ));
            }
            a.push(eps);
            wd(&mut a);
            "torch.optim.Adagrad"
        }
        OptKind::Rmsprop => {
            a.push(format!("alpha={}", n(h.gamma)));
            a.push(eps);
            if h.momentum != 0.0 {
                a.push(format!("momentum={}", n(h.momentum)));
            }
            if h.centered {
                a.push("centered=True".into());
            }
            wd(&mut a);
            "torch.optim.RMSprop"
        }
        OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw => {
            a.push(betas);
            a.push(eps);
            if kind == OptKind::Adamw {
                a.push(format!("weight_decay={}", n(h.lambda)));
            } else if kind == OptKind::AdamL2 {
                wd(&mut a);
            }
            if h.amsgrad {
                a.push("amsgrad=True".into());
            }
            if kind == OptKind::Adamw {
                "torch.optim.AdamW"
            } else {
                "torch.optim.Adam"
            }
        }
        OptKind::Nadam | OptKind::Radam => {
            a.push(betas);
            a.push(eps);
            if kind == OptKind::Nadam {
                a.push(format!("momentum_decay={}", n(h.momentum_decay)));
            }
            wd(&mut a);
            if h.decoupled {
                a.push("decoupled_weight_decay=True".into());
            }
            if kind == OptKind::Nadam {
                "torch.optim.NAdam"
            } else {
                "torch.optim.RAdam"
            }
        }
        OptKind::Adadelta => {
            a.push(format!("rho={}", n(h.gamma)));
            a.push(eps);
            "torch.optim.Adadelta"
        }
        OptKind::Adamax => {
            a.push(betas);
            a.push(eps);
            wd(&mut a);
            "torch.optim.Adamax"
        }
        OptKind::Rprop => {
            a.push(format!("etas=({}, {})", n(h.etas[0]), n(h.etas[1])));
            a.push(format!(
                "step_sizes=({}, {})",
                n(h.step_sizes[0]),
                n(h.step_sizes[1])
            ));
            "torch.optim.Rprop"
        }
        OptKind::Lion => {
            a.push(betas);
            a.push(format!("weight_decay={}", n(h.lambda)));
            "Lion"
        }
        OptKind::Lbfgs => {
            // One L-BFGS iteration per visible step, as the core takes it.
            a.push("max_iter=1".into());
            a.push("max_eval=26".into());
            a.push("tolerance_grad=1e-7".into());
            a.push("tolerance_change=1e-9".into());
            a.push(format!("history_size={}", h.history_size));
            a.push(match h.line_search {
                LineSearch::None => "line_search_fn=None".into(),
                LineSearch::StrongWolfe => "line_search_fn=\"strong_wolfe\"".into(),
            });
            "torch.optim.LBFGS"
        }
        OptKind::Newton => return None,
    };
    Some(format!("{class}({})", a.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradscape_core::Convention;

    #[test]
    fn torch_names_and_only_the_extras_that_are_on() {
        let h = OptKind::Adamw.defaults(Convention::Pytorch);
        assert_eq!(
            constructor(OptKind::Adamw, &h).unwrap(),
            "torch.optim.AdamW(params, lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)"
        );
        let mut h = OptKind::Rmsprop.defaults(Convention::Pytorch);
        h.centered = true;
        assert_eq!(
            constructor(OptKind::Rmsprop, &h).unwrap(),
            "torch.optim.RMSprop(params, lr=0.01, alpha=0.99, eps=1e-8, centered=True)"
        );
        assert!(constructor(OptKind::Newton, &h).is_none());
    }
}
