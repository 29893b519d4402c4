//! The `.ron` format: stable bytes, clear refusals of broken files, old
//! versions migrated, and saves that never damage the file on disk.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::format::*;
use flowcase::model::*;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[test]
fn every_sample_loads_and_saves_back_to_identical_bytes() {
    for sample in [SAMPLE_1_9, SAMPLE_PURCHASE] {
        let bytes = fs::read(repo_path(sample)).unwrap();
        let process = decode(&bytes).unwrap();
        assert_eq!(encode(&process).unwrap().as_bytes(), &bytes[..], "{sample}");
    }
}

#[test]
fn saving_an_unchanged_document_twice_gives_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("关键客户开发.ron");
    let process = sample_1_9();
    save(&process, &path).unwrap();
    let first = fs::read(&path).unwrap();
    save(&load(&path).unwrap(), &path).unwrap();
    assert_eq!(fs::read(&path).unwrap(), first);
}

proptest::proptest! {
    /// Text with quotes, backslashes, newlines, tabs or combining marks is
    /// written escaped (as `char::escape_debug` writes each character),
    /// and every text reads back as it was.
    #[test]
    fn titles_with_any_characters_are_written_escaped_and_read_back(
        title in "[a-z\"'\\\\\n\t 确定客户（）r#\u{301}\u{3000}\u{200B}]{0,12}"
    ) {
        let mut process = sample_1_9();
        let step = process.steps.values_mut().next().unwrap();
        step.title = title.clone();
        let text = encode(&process).unwrap();
        let escaped: String = title.chars().flat_map(char::escape_debug).collect();
        let expected = format!("title: \"{escaped}\",");
        proptest::prop_assert!(text.contains(&expected), "{expected} not in the file");
        proptest::prop_assert_eq!(decode(text.as_bytes()).unwrap(), process);
    }
}

#[test]
fn the_file_starts_with_its_format_version() {
    let text = encode(&sample_1_9()).unwrap();
    let first_field = text
        .lines()
        .find(|l| !l.starts_with("//") && l.trim() != "(")
        .unwrap();
    assert_eq!(first_field.trim(), "format: 1,");
}

/// What each broken fixture must say: a position (line and column) or the
/// id at fault.
const BAD_FILES: &[(&str, &str)] = &[
    (
        "bad-role-letter.ron",
        "line 13, column 102: unknown role letter 'X'",
    ),
    (
        "binary-garbage.ron",
        "line 2, column 118: the file is not UTF-8 text (byte 128 is not)",
    ),
    (
        "comment-only.ron",
        "line 1, column 25: Expected opening `(` for struct `ProcessFile`",
    ),
    (
        "dangling-connector-end.ron",
        "connector #1 connects step #42, which does not exist",
    ),
    (
        "dangling-group.ron",
        "step #2 is grouped under step #5, which does not exist",
    ),
    (
        "dangling-phase.ron",
        "step #1 is in phase 4, which does not exist",
    ),
    (
        "dangling-role-lane.ron",
        "step #1 gives a role to lane 7, which does not exist",
    ),
    (
        "dangling-step-lane.ron",
        "step #2 is in lane 9, which does not exist",
    ),
    (
        "deep-nesting.ron",
        "line 9, column 63: values are nested too deeply",
    ),
    ("duplicate-connector-id.ron", "two connectors have the id 1"),
    ("duplicate-lane-id.ron", "two lanes have the id 1"),
    ("duplicate-step-id.ron", "two steps have the id 1"),
    ("empty.ron", "line 1, column 1: the file is empty"),
    (
        "format-is-string.ron",
        "line 2, column 12: Expected integer",
    ),
    (
        "format-negative.ron",
        "line 2, column 14: Integer is out of bounds",
    ),
    ("group-under-itself.ron", "step #2 is grouped under itself"),
    ("infinite-lane-size.ron", "lane 1 (\"大区\") has size inf"),
    (
        "lane-name-is-number.ron",
        "line 6, column 22: Expected string",
    ),
    (
        "missing-format.ron",
        "line 17, column 1: Unexpected missing field named `format`",
    ),
    (
        "missing-lane-field.ron",
        "line 13, column 98: Unexpected missing field named `lane` in `Step`",
    ),
    (
        "nan-position.ron",
        "the position of step #2 is not a finite number",
    ),
    (
        "negative-phase-size.ron",
        "phase 1 (\"阶段一\") has size -10",
    ),
    (
        "newer-version.ron",
        "the file is format version 7, newer than this Flowcase reads (up to version 4)",
    ),
    (
        "not-utf8.ron",
        "line 12, column 40: the file is not UTF-8 text",
    ),
    (
        "number-overflow.ron",
        "line 13, column 14: Integer is out of bounds",
    ),
    ("pinned-zero.ron", "step #2 is pinned to number 0"),
    ("size-is-text.ron", "line 9, column 35: Expected float"),
    (
        "top-level-list.ron",
        "line 1, column 1: Expected opening `(`",
    ),
    (
        "trailing-garbage.ron",
        "line 18, column 2: Non-whitespace trailing characters",
    ),
    (
        "truncated-in-string.ron",
        "line 13, column 39: Expected end of string",
    ),
    (
        "truncated-in-struct.ron",
        "line 14, column 7: Unexpected end of RON",
    ),
    (
        "unknown-field.ron",
        "line 13, column 109: Unexpected field named `colour` in `Step`",
    ),
    (
        "unknown-kind.ron",
        "line 13, column 23: Unexpected variant named `Rhombus`",
    ),
    ("whitespace-only.ron", "line 1, column 1: the file is empty"),
];

#[test]
fn every_broken_file_is_refused_with_its_position_or_id_and_then_its_path() {
    let dir = repo_path("tests/fixtures/bad");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let expected: Vec<&str> = BAD_FILES.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, expected, "every fixture has an expected message");
    assert!(names.len() >= 25);
    for (name, message) in BAD_FILES {
        let path = dir.join(name);
        let err = load(&path).expect_err(name);
        let text = err.to_string();
        assert!(text.contains(message), "{name}: «{text}» lacks «{message}»");
        assert!(
            text.ends_with(&path.display().to_string()),
            "{name}: path not last in «{text}»"
        );
    }
}

#[test]
fn a_file_newer_than_this_flowcase_says_which_version_it_is() {
    let text = encode(&sample_1_9())
        .unwrap()
        .replace("format: 1,", "format: 5,");
    let err = decode(text.as_bytes()).unwrap_err();
    assert_eq!(err, DecodeError::TooNew { version: 5 });
    assert!(err.to_string().contains("format version 5"));
}

#[test]
fn a_version_0_file_is_migrated_to_the_current_model() {
    let p = load(&repo_path("tests/fixtures/old/version-0.ron")).unwrap();
    assert_eq!(p.overview.name, "关键客户开发");
    assert_eq!(p.overview.number, "销售1.9");
    assert_eq!(p.lanes.len(), 2);
    assert!(p.lanes.iter().all(|l| l.size > 0.0));
    let collect = step_titled(&p, "搜集当地市场潜在关键客户的信息");
    let s = &p.steps[&collect];
    assert_eq!(s.at, FlowPoint::new(200.0, 70.0));
    assert_eq!(role_cell(&s.roles, LaneId(1)).to_string(), "A");
    assert_eq!(role_cell(&s.roles, LaneId(2)).to_string(), "E");
    let labels: Vec<(u32, Option<&str>)> = p
        .connectors
        .values()
        .map(|c| (c.id.0, c.label.as_deref()))
        .collect();
    assert_eq!(labels, [(1, None), (2, Some("名单"))]);
    // Saved again, it is a current-version file.
    let text = encode(&p).unwrap();
    assert!(text.contains("format: 1,"));
    assert_eq!(decode(text.as_bytes()).unwrap(), p);
}

#[test]
fn cutting_the_sample_at_every_byte_never_panics_and_never_half_loads() {
    let bytes = fs::read(repo_path(SAMPLE_1_9)).unwrap();
    let whole = decode(&bytes).unwrap();
    let mut loaded = 0;
    for cut in 0..bytes.len() {
        if let Ok(p) = decode(&bytes[..cut]) {
            // Only the final newline may be missing from a complete file.
            assert_eq!(p, whole, "a prefix of {cut} bytes loaded as something else");
            loaded += 1;
        }
    }
    assert!(loaded <= 1, "{loaded} prefixes loaded");
}

#[test]
fn a_file_over_64_mib_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: costs no disk
    let err = load(&path).unwrap_err();
    assert!(
        matches!(err.decode_error(), Some(DecodeError::TooLarge { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("67108865 bytes"), "{err}");
}

#[test]
fn a_missing_file_names_what_failed_and_the_path_last() {
    let err = load(Path::new("/no/such/folder/流程.ron")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot read the process file: No such file or directory (os error 2): /no/such/folder/流程.ron"
    );
}

#[test]
fn saving_keeps_the_previous_file_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9.ron");
    let mut p = sample_1_9();
    save(&p, &path).unwrap();
    let first = fs::read(&path).unwrap();
    assert!(
        !backup_path(&path).exists(),
        "nothing to back up on the first save"
    );
    p.overview.name = "关键客户开发(二稿)".into();
    save(&p, &path).unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), first);
    assert_eq!(load(&path).unwrap(), p);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
}

/// A file system that fails at one chosen point of a save.
struct FaultyFs {
    fail: Fault,
}

#[derive(Clone, Copy, Debug)]
enum Fault {
    /// The temporary file gets this many bytes, then the disk fails.
    WriteAfter(usize),
    Backup,
    Rename,
    SyncFolder,
}

impl SaveFs for FaultyFs {
    fn write_synced(&mut self, file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
        if let Fault::WriteAfter(n) = self.fail {
            file.write_all(&bytes[..n.min(bytes.len())])?;
            return Err(io::Error::other(format!("disk failed after {n} bytes")));
        }
        OsFs.write_synced(file, bytes)
    }
    fn keep_backup(&mut self, target: &Path, bak: &Path) -> io::Result<()> {
        match self.fail {
            Fault::Backup => Err(io::Error::other("backup failed")),
            _ => OsFs.keep_backup(target, bak),
        }
    }
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        match self.fail {
            Fault::Rename => Err(io::Error::other("rename failed")),
            _ => OsFs.rename(from, to),
        }
    }
    fn sync_folder(&mut self, folder: &Path) -> io::Result<()> {
        match self.fail {
            Fault::SyncFolder => Err(io::Error::other("sync failed")),
            _ => OsFs.sync_folder(folder),
        }
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn a_save_that_fails_at_any_byte_leaves_the_old_file_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9.ron");
    let old = sample_1_9();
    save(&old, &path).unwrap();
    let old_bytes = fs::read(&path).unwrap();
    let mut new = old.clone();
    new.overview.purpose = "新的目的".into();
    let new_bytes = encode(&new).unwrap().into_bytes();
    for n in 0..new_bytes.len() {
        let err = write_atomically(
            &path,
            &new_bytes,
            &mut FaultyFs {
                fail: Fault::WriteAfter(n),
            },
        )
        .unwrap_err();
        assert_eq!(err.step, SaveStep::WriteTemporary);
        assert_eq!(
            fs::read(&path).unwrap(),
            old_bytes,
            "failing after {n} bytes changed the file"
        );
        assert_eq!(
            files_in(dir.path()),
            std::slice::from_ref(&path),
            "temporary file left after {n} bytes"
        );
    }
}

#[test]
fn a_save_that_fails_at_the_backup_or_the_rename_leaves_the_old_file_identical() {
    for fault in [Fault::Backup, Fault::Rename] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("1.9.ron");
        let mut p = sample_1_9();
        save(&p, &path).unwrap();
        let old_bytes = fs::read(&path).unwrap();
        p.overview.cycle = "每月".into();
        let err = save_with(&p, &path, &mut FaultyFs { fail: fault }).unwrap_err();
        assert_eq!(fs::read(&path).unwrap(), old_bytes, "{fault:?}");
        assert!(
            err.to_string().ends_with(&path.display().to_string()),
            "{err}"
        );
        assert!(
            files_in(dir.path())
                .iter()
                .all(|f| !f.to_string_lossy().contains("saving")),
            "{fault:?}"
        );
    }
}

#[test]
fn a_folder_that_cannot_be_flushed_is_reported_after_the_new_file_is_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9.ron");
    let mut p = sample_1_9();
    save(&p, &path).unwrap();
    let old_bytes = fs::read(&path).unwrap();
    p.overview.cycle = "每月".into();
    let err = save_with(
        &p,
        &path,
        &mut FaultyFs {
            fail: Fault::SyncFolder,
        },
    )
    .unwrap_err();
    assert_eq!(err.step, SaveStep::SyncFolder);
    assert_eq!(load(&path).unwrap(), p);
    assert_eq!(fs::read(backup_path(&path)).unwrap(), old_bytes);
}

/// Makes a folder unwritable even for root: read-only permissions, and
/// the immutable attribute where permissions do not stop the caller.
struct LockedFolder(PathBuf);

impl LockedFolder {
    fn lock(path: &Path) -> Option<LockedFolder> {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o555)).ok()?;
        let locked = LockedFolder(path.to_owned());
        let probe = path.join(".probe");
        if fs::write(&probe, b"x").is_ok() {
            let _ = fs::remove_file(&probe);
            let status = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status()
                .ok()?;
            if !status.success() || fs::write(&probe, b"x").is_ok() {
                return None;
            }
        }
        Some(locked)
    }
}

impl Drop for LockedFolder {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
        let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn saving_into_an_unwritable_folder_fails_and_leaves_the_old_file_identical() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("只读");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("1.9.ron");
    let mut p = sample_1_9();
    save(&p, &path).unwrap();
    let old_bytes = fs::read(&path).unwrap();
    let Some(_lock) = LockedFolder::lock(&folder) else {
        panic!("this machine cannot make an unwritable folder (no chattr?)");
    };
    p.overview.owner = "大区".into();
    let err = save(&p, &path).unwrap_err();
    assert_eq!(err.step, SaveStep::ReadOnlyFolder);
    assert!(
        err.to_string().starts_with(
            "cannot create files in this folder, so the file was not changed; use Save As"
        ),
        "{err}"
    );
    assert!(
        err.message(flowcase::lang::Lang::Zh)
            .contains("请用“另存为”保存到别的文件夹"),
        "{}",
        err.message(flowcase::lang::Lang::Zh)
    );
    assert_eq!(fs::read(&path).unwrap(), old_bytes);
}

#[test]
fn saving_into_a_folder_that_does_not_exist_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("没有这个文件夹").join("1.9.ron");
    let err = save(&sample_1_9(), &path).unwrap_err();
    assert_eq!(err.step, SaveStep::WriteTemporary);
    assert!(err.to_string().ends_with("没有这个文件夹/1.9.ron"), "{err}");
}
