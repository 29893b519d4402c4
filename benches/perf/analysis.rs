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
