//! The command line: `check`, `export`, `import`, `tidy`, `diff`, the
//! `library` commands and `generate`, each reading its arguments, doing
//! its work through the library below and saying what happened in the
//! chosen language; exit 0 on success, 1 for findings, 2 on any error.

mod analyze;
mod check;
mod diff;
mod export;
mod import;
mod library;
mod merge;
mod publish;
mod report_out;
mod text_table;
mod tidy;

pub use check::{CheckFormat, check_files};
pub use text_table::{display_width, render_table};

use crate::lang::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Flowcase: swimlane process charts with a live AECI table. Without a
/// command, opens the editor (on FILE when given).
#[derive(Debug, Parser)]
#[command(
    name = "flowcase",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// `.ron` process files to open in the editor.
    pub files: Vec<PathBuf>,
    /// Language of messages: zh or en (default: from the locale).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load process files, print their numbered steps, AECI table and rule
    /// warnings. Exits 0 when every file loads, 2 when one does not.
    Check {
        /// The `.ron` process files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output as readable text or as JSON for scripts.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Export a process: the type comes from OUT's extension (.svg .png
    /// .pdf .pptx .csv .xlsx). Exits 0 on success, 2 on any error.
    Export {
        /// The `.ron` process file.
        file: PathBuf,
        /// The file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// What to export (PDF default: deck; PNG and SVG default: chart).
        #[arg(long, value_enum)]
        what: Option<WhatArg>,
        /// PNG pixels per chart unit.
        #[arg(long, default_value_t = 2.0)]
        scale: f32,
        /// Page size of a PDF or PPTX deck (16:9 or a4); a number N exports
        /// chart page N as the deck cuts it (PNG and SVG). May be given twice:
        /// `--page a4 --page 2`.
        #[arg(long, value_parser = parse_page)]
        page: Vec<PageArg>,
        /// PNG and SVG without a white background.
        #[arg(long)]
        transparent: bool,
        /// An earlier version: the deck ends with 变更说明 pages listing
        /// what changed since it (PDF or PPTX deck only).
        #[arg(long)]
        compare: Option<PathBuf>,
    },
    /// Compare two versions of a process: every change, every AECI letter
    /// gained or lost per step and department, and a count per department.
    /// Exits 0 when equal, 1 when different, 2 on an error. Given the seven
    /// arguments git passes an external diff driver (nine after a rename),
    /// it prints the report for `git diff` and exits 0 (see the README).
    Diff {
        /// OLD.ron NEW.ron (or git's seven or nine driver arguments).
        #[arg(required = true, num_args = 2..=9)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Lay a process out again from its flow (整理布局): every step stays
    /// in its lane and phase; columns from the connectors, boxes aligned.
    /// Saves over FILE (keeping FILE.bak) or to -o OUT. Exits 0 on
    /// success, 2 on any error.
    Tidy {
        /// The `.ron` process file.
        file: PathBuf,
        /// Where to save the tidied process (default: over FILE).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Make a process from a responsibility table (.xlsx or .csv) shaped
    /// like the AECI table export: 编号, 主要步骤, 要点, 输出, one column per
    /// department with letters (A,E), and an optional 下一步 column; or from
    /// a BPMN 2.0 chart (.bpmn, .xml), a draw.io page (.drawio, .xml) or
    /// a Visio page (.vsdx: swimlanes, separators, flowchart shapes),
    /// printing what could not be kept.
    /// Exits 0 on success, 2 on a bad file (naming its row and column, or
    /// its line and column).
    Import {
        /// The .xlsx or .csv table, or the .bpmn, .drawio, .xml or .vsdx chart.
        table: PathBuf,
        /// The `.ron` process file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Which page of a draw.io or Visio file (from 1).
        #[arg(long, default_value_t = 1)]
        page: usize,
    },
    /// Merge two versions of a process made from a common base, by
    /// meaning: what each side changed is kept, what both changed
    /// differently is a conflict recorded in the file (which holds OURS).
    /// Writes over OURS (git's merge driver: `merge.flowcase.driver
    /// "flowcase merge %O %A %B"`) or to -o OUT. An empty BASE is an empty
    /// process. Exits 0 when merged cleanly, 1 when conflicts remain, 2 on
    /// an error (OURS untouched).
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// Where to write the merge (default: over OURS).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Publish a library as a website for reading offline: SITE gets the
    /// 流程清单, a page per drawn process and per department, and a
    /// search, all static files. Publishing again replaces SITE whole; a
    /// SITE holding files Flowcase did not write is refused unless
    /// --force (which keeps them). Exits 0 when published (processes that
    /// do not load are listed), 2 on an error, with nothing changed.
    Publish {
        /// The library folder.
        dir: PathBuf,
        /// The site's folder.
        #[arg(short, long)]
        output: PathBuf,
        /// Publish into a folder holding other files, keeping them.
        #[arg(long)]
        force: bool,
    },
    /// Work with a library: a folder with a 流程清单.ron catalogue.
    Library {
        #[command(subcommand)]
        command: LibraryCommand,
    },
    /// Write a synthetic process (W-N: 8 lanes, 4 phases, N steps) or, with
    /// --processes, a synthetic library folder (L-N) for tests and
    /// benchmarks. The same seed gives the same files.
    Generate {
        /// How many steps (at most the 5,000 a process may have).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=crate::model::limits::MAX_STEPS as u64), required_unless_present = "processes", conflicts_with = "processes")]
        steps: Option<u64>,
        /// How many processes of a library (OUT is then a folder).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=2000))]
        processes: Option<u64>,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The `.ron` file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Load the catalogue and every process; print the 流程清单 with each
    /// process's status, and the library's checks. Exits 0 when everything
    /// loads, 2 when something does not.
    Check {
        /// The library folder.
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Export the library: OUT.pdf or OUT.pptx is the whole deck (cover,
    /// 流程清单, every drawn process), OUT.xlsx the department duties. Exits
    /// 0 on success, 2 on any error.
    Export {
        /// The library folder.
        dir: PathBuf,
        /// The file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Page size of the deck: 16:9 or a4.
        #[arg(long, value_parser = parse_page)]
        page: Vec<PageArg>,
        /// Add a responsibility section per department to the deck.
        #[arg(long)]
        duties: bool,
    },
    /// Print each department's responsibilities across the library.
    Duties {
        /// The library folder.
        dir: PathBuf,
        /// Only this department (its name or an alias).
        #[arg(long)]
        department: Option<String>,
        /// Only steps holding one of these letters, e.g. A,E.
        #[arg(long, default_value = "")]
        letters: String,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// What the library says about the organisation: per process its main
    /// steps, decisions, lanes, hand-offs and loops back; the hand-offs
    /// between departments; each department's main steps per letter; and
    /// what stands out (a department approving most of what it touches,
    /// one told about nearly everything, work going back and forth, …).
    Analyze {
        /// The library folder.
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Also write the hand-off matrix, the load, the processes and the
        /// flags to this workbook (.xlsx), coloured by count.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Change the library's role scheme (AECI, RACI, RASCI, DACI, RAPID):
    /// every process's letters and the catalogue, each letter by the AECI
    /// letter it stands for (E↔R between AECI and RACI). All files or none:
    /// refused when a letter has no counterpart, naming the first step that
    /// holds it; an unknown scheme exits 2 and writes nothing.
    Scheme {
        /// The library folder.
        dir: PathBuf,
        /// The scheme to change to.
        name: String,
    },
    /// Rename a department everywhere: the catalogue (the old name kept as
    /// an alias), every lane and owner of that name, and the department as
    /// an item of each 参与流程的部门; free text stays as written and is
    /// listed. All files or none: exits 2 with nothing written when
    /// refused.
    RenameDepartment {
        /// The library folder.
        dir: PathBuf,
        /// The department's name now.
        old: String,
        /// Its new name.
        new: String,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum WhatArg {
    Chart,
    Table,
    Deck,
}

/// A page size, or the number of a chart page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageArg {
    /// A 16:9 slide.
    Wide,
    /// A4 landscape.
    A4,
    /// Chart page N (from 1) as the deck cuts the chart.
    Number(usize),
}

/// The page size `--page` names last; 16:9 when none.
fn page_size(pages: &[PageArg]) -> crate::export::PageSize {
    match pages.iter().rfind(|p| !matches!(p, PageArg::Number(_))) {
        Some(PageArg::A4) => crate::export::PageSize::A4Landscape,
        _ => crate::export::PageSize::Wide,
    }
}

fn parse_page(text: &str) -> Result<PageArg, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "16:9" | "wide" => Ok(PageArg::Wide),
        "a4" => Ok(PageArg::A4),
        n => match n.parse::<usize>() {
            Ok(0) | Err(_) => Err(format!(
                "“{text}” is not 16:9, a4 or a chart page number from 1"
            )),
            Ok(n) => Ok(PageArg::Number(n)),
        },
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl Cli {
    /// The language chosen on the command line, or the locale's.
    pub fn language(&self) -> Lang {
        match self.lang {
            Some(LangArg::Zh) => Lang::Zh,
            Some(LangArg::En) => Lang::En,
            None => Lang::from_env(),
        }
    }
}

/// Runs a parsed command line, writing to `out` and `err`; returns the exit
/// code.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let lang = cli.language();
    match &cli.command {
        Some(Command::Check { files, format }) => check_files(files, *format, lang, out, err),
        Some(Command::Export {
            file,
            output,
            what,
            scale,
            page,
            transparent,
            compare,
        }) => {
            let options = crate::export::ExportOptions {
                content: what.map(|w| match w {
                    WhatArg::Chart => crate::export::Content::Chart,
                    WhatArg::Table => crate::export::Content::Table,
                    WhatArg::Deck => crate::export::Content::Deck,
                }),
                scale: *scale,
                page: page_size(page),
                chart_page: page.iter().find_map(|p| match p {
                    PageArg::Number(n) => Some(*n),
                    _ => None,
                }),
                transparent: *transparent,
                lang,
            };
            export::export_command(file, output, compare.as_deref(), &options, out, err)
        }
        Some(Command::Import {
            table,
            output,
            page,
        }) => import::import_command(table, output, *page, lang, out, err),
        Some(Command::Diff { files, format }) => diff::diff_command(files, *format, lang, out, err),
        Some(Command::Tidy { file, output }) => {
            tidy::tidy_command(file, output.as_deref(), lang, out, err)
        }
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
        }) => merge::merge_command([base, ours, theirs], output.as_deref(), lang, out, err),
        Some(Command::Publish { dir, output, force }) => {
            publish::publish_command(dir, output, *force, lang, out, err)
        }
        Some(Command::Library { command }) => match command {
            LibraryCommand::Check { dir, format } => {
                library::library_check(dir, *format, lang, out, err)
            }
            LibraryCommand::Export {
                dir,
                output,
                page,
                duties,
            } => {
                let size = page_size(page);
                library::library_export(dir, output, size, *duties, lang, out, err)
            }
            LibraryCommand::Analyze {
                dir,
                format,
                output,
            } => analyze::analyze_command(dir, *format, output.as_deref(), lang, out, err),
            LibraryCommand::Scheme { dir, name } => {
                library::scheme_command(dir, name, lang, out, err)
            }
            LibraryCommand::RenameDepartment { dir, old, new } => {
                library::rename_department_command(dir, old, new, lang, out, err)
            }
            LibraryCommand::Duties {
                dir,
                department,
                letters,
                format,
            } => library::library_duties(
                dir,
                department.as_deref(),
                letters,
                *format,
                lang,
                out,
                err,
            ),
        },
        Some(Command::Generate {
            steps,
            processes,
            seed,
            output,
        }) => {
            let written = match (steps, processes) {
                (_, Some(n)) => library::generate_library(*n as usize, *seed, output),
                (Some(steps), None) => {
                    let process = crate::model::synthetic_process(*steps as usize, *seed);
                    crate::format::save(&process, output).map_err(|e| e.to_string())
                }
                (None, None) => Ok(()),
            };
            match written {
                Ok(()) => {
                    let _ = writeln!(out, "{}", output.display());
                    0
                }
                Err(e) => {
                    let _ = writeln!(err, "{e}");
                    2
                }
            }
        }
        None => match crate::ui::run(cli.files.clone(), cli.lang.map(|_| lang)) {
            Ok(()) => 0,
            Err(e) => {
                let _ = writeln!(
                    err,
                    "{}: {e}",
                    crate::text::tr(lang, crate::text::S::CliNoWindow)
                );
                1
            }
        },
    }
}
