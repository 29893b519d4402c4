//! Rows of issue 30: the library's analysis (L-300, L-2000) and changing
//! L-300's role scheme, each through the real command.

use std::path::Path;

type Push<'a> = &'a mut dyn FnMut(String, &str, Vec<f64>, String);

pub fn analysis_rows(dir: &Path, push: Push) {
    let run = |args: &[&std::ffi::OsStr]| super::run_command(args, None);
    for (n, target) in [(300, "≤ 300 ms"), (2000, "≤ 2000 ms")] {
        let root = dir.join(format!("A-{n}"));
        let count = n.to_string();
        let (_, _, said) = run(&[
            "generate".as_ref(),
            "--processes".as_ref(),
            count.as_ref(),
            "-o".as_ref(),
            root.as_os_str(),
        ]);
        assert!(said.starts_with("done"), "{said}");
        let samples: Vec<(f64, u64, String)> = (0..3)
            .map(|_| {
                run(&[
                    "library".as_ref(),
                    "analyze".as_ref(),
                    "--format".as_ref(),
                    "json".as_ref(),
                    root.as_os_str(),
                ])
            })
            .collect();
        let peak = samples.iter().map(|s| s.1).max().unwrap_or(0);
        push(
            format!("library analyze L-{n} (command)"),
            target,
            samples.iter().map(|s| s.0).collect(),
            format!("peak {peak} MB; {}", samples[0].2),
        );
        if n == 300 {
            refresh_row(&root, push);
            let to = |scheme: &str| {
                run(&[
                    "library".as_ref(),
                    "scheme".as_ref(),
                    root.as_os_str(),
                    scheme.as_ref(),
                ])
            };
            let (took, peak, said) = to("RACI");
            let _ = to("AECI");
            push(
                "library scheme L-300 to RACI (command)".into(),
                "≤ 3000 ms",
                vec![took],
                format!("peak {peak} MB; {said}"),
            );
        }
    }
}

/// The 分析 page's analysis brought up to date after one role edit in one
/// of L-300's processes: that process analysed again, the rest kept.
fn refresh_row(root: &Path, push: Push) {
    use flowcase::library::{EntryState, Library, analyze};
    use flowcase::model::{Edit, Role, RoleSet, apply};
    let Ok(mut library) = Library::open(root) else {
        return;
    };
    let analysis = analyze(&library);
    let Some(index) = library.states.iter().position(|s| s.process().is_some()) else {
        return;
    };
    let mut flip = false;
    let samples = super::measure(20, 3, || {
        if let EntryState::Drawn(p) = &mut library.states[index]
            && let (Some(step), Some(lane)) = (p.steps.keys().next().copied(), p.lanes.first())
        {
            flip = !flip;
            let roles = RoleSet::of(&[if flip { Role::C } else { Role::I }]);
            let lane = lane.id;
            let _ = apply(p, Edit::SetRole { step, lane, roles });
        }
        super::time(|| {
            std::hint::black_box(analysis.refreshed(&library, &[index]));
        })
    });
    push(
        "分析 refreshed after one role edit, L-300".into(),
        "≤ 20 ms",
        samples,
        "one process analysed again, the library's totals summed again".into(),
    );
}
