//! A colleague's library, or a slip on the command line: an export aimed
//! at a file it reads, a catalogue whose aliases collide or whose names
//! run to a million characters, a link that leads out of the folder. Each
//! is refused or reported in words; no file is replaced that was read.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::hostile::{catalogue_of, process_of_exits};
use common::pdf::pdf_text;
use common::*;
use flowcase::format::{CATALOGUE_FILE, save};
use flowcase::library::{Department, Library};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

fn said(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

mod exports {
    use super::*;

    #[test]
    fn an_export_never_replaces_the_version_it_compares_with() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.ron");
        save(&sample_1_9(), &new).unwrap();
        // A process file that happens to be called old.pdf.
        let old = dir.path().join("old.pdf");
        save(&sample_purchase(), &old).unwrap();
        let before = fs::read(&old).unwrap();
        let (new_s, old_s) = (new.to_str().unwrap(), old.to_str().unwrap());
        let o = flowcase(&[
            "export",
            "--lang",
            "en",
            new_s,
            "-o",
            old_s,
            "--compare",
            old_s,
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", said(&o));
        assert!(
            said(&o).contains("would replace a file it is made from"),
            "{}",
            said(&o)
        );
        assert_eq!(fs::read(&old).unwrap(), before);
        // Through a link to the output, too.
        let link = dir.path().join("link.ron");
        symlink(&old, &link).unwrap();
        let link_s = link.to_str().unwrap();
        let o = flowcase(&[
            "export",
            "--lang",
            "en",
            new_s,
            "-o",
            old_s,
            "--compare",
            link_s,
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", said(&o));
        assert_eq!(fs::read(&old).unwrap(), before);
    }

    #[test]
    fn a_library_export_never_replaces_a_file_of_the_library() {
        let (_dir, root) = library_copy();
        // The catalogue names a process file deck.pdf.
        fs::rename(root.join("销售1.9 关键客户开发.ron"), root.join("deck.pdf")).unwrap();
        edit_catalogue(&root, |c| {
            let e = c.entries.iter_mut().find(|e| e.number == "1.9").unwrap();
            e.file = Some("deck.pdf".into());
        });
        let before = fs::read(root.join("deck.pdf")).unwrap();
        let deck = root.join("deck.pdf");
        let o = flowcase(&[
            "library",
            "export",
            "--lang",
            "en",
            root.to_str().unwrap(),
            "-o",
            deck.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", said(&o));
        assert_eq!(fs::read(&deck).unwrap(), before);
        // Nor the catalogue, by a link.
        let link = root.join("清单.xlsx");
        symlink(root.join(CATALOGUE_FILE), &link).unwrap();
        let catalogue = fs::read(root.join(CATALOGUE_FILE)).unwrap();
        let o = flowcase(&[
            "library",
            "export",
            root.to_str().unwrap(),
            "-o",
            link.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", said(&o));
        assert_eq!(fs::read(root.join(CATALOGUE_FILE)).unwrap(), catalogue);
    }

    #[test]
    fn a_deck_compared_with_an_unchanged_version_says_there_are_no_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("1.9.ron");
        save(&sample_1_9(), &file).unwrap();
        let copy = dir.path().join("copy.ron");
        fs::copy(&file, &copy).unwrap();
        let deck = dir.path().join("deck.pdf");
        let (f, c, d) = (
            file.to_str().unwrap(),
            copy.to_str().unwrap(),
            deck.to_str().unwrap(),
        );
        flowcase_ok(&["export", "--lang", "en", f, "-o", d, "--compare", c]);
        let text = pdf_text(&deck, None);
        assert!(text.contains("the two versions are the same"), "{text}");
    }

    #[test]
    fn a_deck_compared_with_a_table_reads_it_as_flowcase_diff_does() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("1.9.ron");
        save(&sample_1_9(), &file).unwrap();
        let table = dir.path().join("1.9.csv");
        let (f, t) = (file.to_str().unwrap(), table.to_str().unwrap());
        flowcase_ok(&["export", f, "-o", t]);
        let deck = dir.path().join("deck.pdf");
        let d = deck.to_str().unwrap();
        flowcase_ok(&["export", "--lang", "en", f, "-o", d, "--compare", t]);
        assert!(pdf_text(&deck, None).contains("Changes"));
    }
}

mod catalogues {
    use super::*;

    fn check(root: &Path) -> std::process::Output {
        flowcase(&["library", "check", "--lang", "en", root.to_str().unwrap()])
    }

    #[test]
    fn an_alias_that_is_another_departments_name_is_a_catalogue_error_naming_both() {
        let (_dir, root) = library_copy();
        edit_catalogue(&root, |c| {
            c.departments = vec![
                Department {
                    name: "大区".into(),
                    aliases: vec!["经销商".into()],
                },
                Department {
                    name: "经销商".into(),
                    aliases: vec![],
                },
            ];
        });
        let o = check(&root);
        assert_eq!(o.status.code(), Some(2), "{}", said(&o));
        let words = said(&o);
        assert!(
            words.contains("cannot open the library catalogue"),
            "{words}"
        );
        assert!(words.contains("“经销商” names both"), "{words}");
        assert!(words.contains("大区"), "{words}");
    }

    #[test]
    fn a_million_character_title_is_refused_on_load_naming_the_limit() {
        let (_dir, root) = library_copy();
        edit_catalogue(&root, |c| c.title = "流".repeat(1_000_000));
        let o = check(&root);
        assert_eq!(o.status.code(), Some(2));
        assert!(said(&o).contains("library title"), "{}", said(&o));
        assert!(
            said(&o).contains("longer than 200 characters"),
            "{}",
            said(&o)
        );
    }

    #[test]
    fn more_entries_than_a_catalogue_may_have_are_refused() {
        let (_dir, root) = library_copy();
        let too_many = flowcase::library::MAX_CATALOGUE_ENTRIES + 1;
        edit_catalogue(&root, |c| *c = catalogue_of(too_many, "大.ron"));
        let o = check(&root);
        assert_eq!(o.status.code(), Some(2));
        assert!(said(&o).contains("10001 processes"), "{}", said(&o));
    }

    #[test]
    fn ten_thousand_entries_and_five_thousand_exits_are_checked() {
        let (_dir, root) = library_copy();
        save(&process_of_exits(5_000), &root.join("大.ron")).unwrap();
        let most = flowcase::library::MAX_CATALOGUE_ENTRIES;
        edit_catalogue(&root, |c| *c = catalogue_of(most, "大.ron"));
        let o = check(&root);
        // Exits into 9.10002 and beyond lead nowhere: a third of them.
        let words = said(&o);
        assert_eq!(words.matches("9.14997").count(), 1, "each broken link once");
        assert!(words.contains("9.9999 "), "9.9999 is listed: {words}");
    }

    #[test]
    fn a_link_inside_the_folder_that_leads_out_of_it_is_not_read() {
        let (dir, root) = library_copy();
        let outside = dir.path().join("别处.ron");
        save(&sample_purchase(), &outside).unwrap();
        fs::remove_file(root.join("销售1.13 特殊批量排产.ron")).unwrap();
        symlink(&outside, root.join("销售1.13 特殊批量排产.ron")).unwrap();
        let library = Library::open(&root).unwrap();
        let i = library
            .catalogue
            .entries
            .iter()
            .position(|e| e.number == "1.13")
            .unwrap();
        assert!(
            library.states[i].process().is_none(),
            "read from outside the folder"
        );
        let o = check(&root);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            said(&o).contains("outside the library's folder"),
            "{}",
            said(&o)
        );
    }

    #[test]
    fn duties_and_a_deck_that_leave_out_a_process_say_so() {
        let (dir, root) = library_copy();
        fs::remove_file(root.join("销售1.13 特殊批量排产.ron")).unwrap();
        let r = root.to_str().unwrap();
        let o = flowcase_ok(&["library", "duties", "--lang", "en", r]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("left out 1.13"), "{err}");
        let deck = dir.path().join("deck.pdf");
        let o = flowcase_ok(&[
            "library",
            "export",
            "--lang",
            "en",
            r,
            "-o",
            deck.to_str().unwrap(),
        ]);
        assert!(String::from_utf8_lossy(&o.stderr).contains("left out 1.13"));
        let text = pdf_text(&deck, None);
        assert!(text.contains("1 processes left out"), "{text}");
    }
}
