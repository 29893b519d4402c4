//! Saving and exporting never lose, leak or lie: saves racing each other,
//! files planted at a save's names, documents behind links, shared
//! documents with owners and modes, long names, leftovers, read-only
//! folders, and exports aimed at their own source.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::export::{ExportError, ExportOptions, export_file};
use flowcase::format::*;
use flowcase::model::Process;
use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn version(name: &str) -> Process {
    let mut p = sample_1_9();
    p.overview.cycle = name.to_owned();
    p
}

#[test]
fn two_windows_saving_one_document_at_once_never_empty_it_or_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9 关键客户开发.ron");
    save(&version("起始"), &path).unwrap();
    let (a, b) = (version("甲的版本"), version("乙的版本"));
    let done = AtomicBool::new(false);
    let watched = std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            // Whoever reads the document meanwhile finds a whole process.
            let mut reads = 0;
            while !done.load(Ordering::Relaxed) {
                let bytes = fs::read(&path).unwrap();
                assert!(!bytes.is_empty(), "the document was empty during a save");
                decode(&bytes).unwrap();
                reads += 1;
            }
            reads
        });
        let saver = |p: &Process| {
            for _ in 0..300 {
                save(p, &path).unwrap();
                let bak = fs::read(backup_path(&path)).unwrap();
                assert!(!bak.is_empty(), "the .bak was emptied");
                decode(&bak).unwrap();
            }
        };
        let a = &a;
        let first = scope.spawn(move || saver(a));
        saver(&b);
        first.join().unwrap();
        done.store(true, Ordering::Relaxed);
        watcher.join().unwrap()
    });
    assert!(watched > 0);
    let last = load(&path).unwrap();
    assert!(last == a || last == b);
    assert_eq!(
        names_in(dir.path()),
        ["1.9 关键客户开发.ron", "1.9 关键客户开发.ron.bak"],
        "no temporary or staging file is left"
    );
}

#[test]
fn two_backups_of_one_document_at_once_never_truncate_it() {
    // The .bak step on its own, without the folder lock that orders saves:
    // its staging names must never collide.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.ron");
    save(&sample_1_9(), &path).unwrap();
    let original = fs::read(&path).unwrap();
    let bak = backup_path(&path);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                for _ in 0..300 {
                    OsFs.keep_backup(&path, &bak).unwrap();
                    assert_eq!(fs::read(&bak).unwrap(), original);
                }
            });
        }
    });
    assert_eq!(fs::read(&path).unwrap(), original);
    assert_eq!(names_in(dir.path()), ["doc.ron", "doc.ron.bak"]);
}

#[test]
fn a_symlink_planted_at_a_temporary_name_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "do not touch").unwrap();
    let path = dir.path().join("doc.ron");
    save(&sample_1_9(), &path).unwrap();
    // The names earlier versions used, for this process and its neighbours.
    let me = std::process::id();
    for pid in [me, me + 1, me.saturating_sub(1)] {
        symlink(&victim, dir.path().join(format!(".doc.ron.saving-{pid}"))).unwrap();
    }
    symlink(&victim, dir.path().join("doc.ron.bak.tmp")).unwrap();
    for round in 0..20 {
        save(&version(&format!("第{round}轮")), &path).unwrap();
        export_file(
            &sample_1_9(),
            Some(&path),
            &dir.path().join("doc.svg"),
            &ExportOptions::default(),
        )
        .unwrap();
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "do not touch");
    assert_eq!(load(&path).unwrap(), version("第19轮"));
}

#[test]
fn a_document_behind_a_symlink_is_saved_into_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("同步盘")).unwrap();
    let real = dir.path().join("同步盘").join("1.9.ron");
    save(&version("旧"), &real).unwrap();
    let old_bytes = fs::read(&real).unwrap();
    let link = dir.path().join("1.9.ron");
    symlink("同步盘/1.9.ron", &link).unwrap();

    save(&version("新"), &link).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&real).unwrap(), version("新"));
    let bak = dir.path().join("同步盘").join("1.9.ron.bak");
    assert_eq!(fs::read(&bak).unwrap(), old_bytes);
    assert_eq!(backup_path(&link), bak);
    assert_eq!(names_in(dir.path()), ["1.9.ron", "同步盘"]);

    // Exports through a link land in its target too.
    let chart = dir.path().join("同步盘").join("chart.svg");
    fs::write(&chart, "old").unwrap();
    let chart_link = dir.path().join("chart.svg");
    symlink(&chart, &chart_link).unwrap();
    export_file(&version("新"), None, &chart_link, &ExportOptions::default()).unwrap();
    assert!(fs::read_to_string(&chart).unwrap().starts_with("<svg"));
    assert!(
        fs::symlink_metadata(&chart_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn exporting_over_the_process_file_it_comes_from_is_refused_by_any_name() {
    let dir = tempfile::tempdir().unwrap();
    // A process file with an export's extension, as in `export doc.svg -o doc.svg`.
    let doc = dir.path().join("doc.svg");
    save(&sample_1_9(), &doc).unwrap();
    let bytes = fs::read(&doc).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let hard = dir.path().join("hard.svg");
    fs::hard_link(&doc, &hard).unwrap();
    let soft = dir.path().join("soft.svg");
    symlink(&doc, &soft).unwrap();
    let spelled = dir.path().join("sub").join("..").join("doc.svg");
    for target in [&doc, &hard, &soft, &spelled] {
        let err =
            export_file(&sample_1_9(), Some(&doc), target, &ExportOptions::default()).unwrap_err();
        assert!(matches!(err, ExportError::OverSource), "{target:?}: {err}");
    }
    assert_eq!(fs::read(&doc).unwrap(), bytes);

    let out = Command::new(env!("CARGO_BIN_EXE_flowcase"))
        .args(["export", "--lang", "en"])
        .arg(&doc)
        .arg("-o")
        .arg(&doc)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("would replace a file it is made from"),
        "{said}"
    );
    assert_eq!(fs::read(&doc).unwrap(), bytes);
}

/// Runs `flowcase generate` (a save over `path`) as another user and group.
fn save_as_user(path: &Path, uid: u32, gid: u32) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    Command::new(env!("CARGO_BIN_EXE_flowcase"))
        .args(["generate", "--steps", "20", "-o"])
        .arg(path)
        .uid(uid)
        .gid(gid)
        .output()
        .unwrap()
}

/// Runs `cat path` as a user and group; true when it could read the file.
fn can_read_as(path: &Path, uid: u32, gid: u32) -> bool {
    use std::os::unix::process::CommandExt;
    Command::new("cat")
        .arg(path)
        .uid(uid)
        .gid(gid)
        .output()
        .unwrap()
        .status
        .success()
}

fn needs_root() {
    let uid = fs::metadata("/proc/self").unwrap().uid();
    assert_eq!(
        uid, 0,
        "this test gives files other owners, which only root may do: run the tests as root"
    );
}

#[test]
fn a_shared_document_saved_by_another_member_keeps_its_owner_group_and_mode() {
    needs_root();
    let dir = tempfile::tempdir().unwrap();
    // A team folder: group 4242 may create files in it.
    let folder = dir.path().join("团队");
    fs::create_dir(&folder).unwrap();
    std::os::unix::fs::chown(&folder, Some(0), Some(4242)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o2775)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let path = folder.join("1.9.ron");
    save(&sample_1_9(), &path).unwrap();
    std::os::unix::fs::chown(&path, Some(4001), Some(4242)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o660)).unwrap();

    // Root saving keeps owner, group and mode exactly.
    save(&version("root 保存"), &path).unwrap();
    let meta = fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (4001, 4242));
    assert_eq!(meta.mode() & 0o777, 0o660);

    // Another member of the group saves: the file stays the group's, with
    // its mode, so the first owner can still open it.
    let out = save_as_user(&path, 4002, 4242);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(meta.gid(), 4242, "the group is kept");
    assert_eq!(meta.mode() & 0o777, 0o660, "the mode is kept");
    assert!(
        can_read_as(&path, 4001, 4242),
        "the first owner can open it"
    );
    assert!(!can_read_as(&path, 4999, 4999), "others still cannot");
    assert_eq!(
        load(&path).unwrap().overview.number,
        "W-20",
        "the member's save is in place"
    );
}

/// A file system whose temporary file is checked for its mode before any
/// byte is written.
struct ModeSpy(Vec<u32>);

impl SaveFs for ModeSpy {
    fn write_synced(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        self.0.push(file.metadata()?.mode() & 0o777);
        file.write_all(bytes)?;
        file.sync_all()
    }
}

#[test]
fn a_private_document_is_never_readable_by_others_while_it_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("机密.ron");
    save(&sample_1_9(), &path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let mut spy = ModeSpy(Vec::new());
    save_with(&version("新"), &path, &mut spy).unwrap();
    assert_eq!(
        spy.0,
        [0o600],
        "the temporary was private from its first byte"
    );
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
    assert_eq!(
        fs::metadata(backup_path(&path)).unwrap().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_hard_linked_document_is_refused_and_both_names_keep_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9.ron");
    save(&sample_1_9(), &path).unwrap();
    let other = dir.path().join("副本.ron");
    fs::hard_link(&path, &other).unwrap();
    let bytes = fs::read(&path).unwrap();
    let err = save(&version("新"), &path).unwrap_err();
    assert_eq!(err.step, SaveStep::HardLinked);
    assert!(err.to_string().contains("use Save As"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert_eq!(fs::read(&other).unwrap(), bytes);
    assert_eq!(names_in(dir.path()), ["1.9.ron", "副本.ron"]);
}

#[test]
fn a_document_sharing_its_file_with_its_own_backup_still_saves() {
    // A save killed between keeping the .bak and the rename leaves the
    // document and its .bak as one file with two names.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9.ron");
    save(&sample_1_9(), &path).unwrap();
    fs::hard_link(&path, backup_path(&path)).unwrap();
    let old = fs::read(&path).unwrap();
    save(&version("新"), &path).unwrap();
    assert_eq!(load(&path).unwrap(), version("新"));
    assert_eq!(fs::read(backup_path(&path)).unwrap(), old);
}

#[test]
fn a_document_with_a_long_chinese_name_saves_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    // 80 characters: 240 bytes, 244 with .ron; and names right at the limit.
    let names = [
        format!("{}.ron", "关键客户开发流程".repeat(10)),
        format!("{}.ron", "关".repeat(83) + "ab"),
        format!("{}.ron", "a".repeat(251)),
    ];
    for name in &names {
        assert!(name.len() <= 255, "{}", name.len());
        let path = dir.path().join(name);
        save(&version("一"), &path).unwrap();
        let first = fs::read(&path).unwrap();
        save(&version("二"), &path).unwrap();
        assert_eq!(load(&path).unwrap(), version("二"));
        assert_eq!(fs::read(backup_path(&path)).unwrap(), first);
    }
    assert_eq!(names_in(dir.path()).len(), 6, "each document and its .bak");
}

#[test]
fn a_failed_backup_leaves_no_staging_file_and_the_document_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9.ron");
    save(&sample_1_9(), &path).unwrap();
    let bytes = fs::read(&path).unwrap();
    // A folder where the .bak should go: nothing can be renamed over it.
    fs::create_dir(backup_path(&path)).unwrap();
    fs::write(backup_path(&path).join("keep.txt"), "x").unwrap();
    let err = save(&version("新"), &path).unwrap_err();
    assert_eq!(err.step, SaveStep::KeepBackup);
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert_eq!(names_in(dir.path()), ["1.9.ron", "1.9.ron.bak"]);
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn plant(path: &Path, age: Duration) {
    let file = File::create(path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

#[test]
fn temporaries_left_by_killed_saves_are_cleaned_up_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9.ron");
    let dead = dead_pid();
    let me = std::process::id();
    let day = Duration::from_secs(86_400);
    let stale = [
        format!(".flowcase-{dead}-0-1a2b.tmp"),
        format!(".1.9.ron.saving-{dead}"),
    ];
    let kept = [
        // a live process's, and a recent one that may be another machine's
        (format!(".flowcase-{me}-99-ffff.tmp"), day),
        (
            format!(".flowcase-{dead}-1-1a2b.tmp"),
            Duration::from_secs(5),
        ),
        ("notes.saving-1".to_owned(), day),
    ];
    for name in &stale {
        plant(&dir.path().join(name), day);
    }
    for (name, age) in &kept {
        plant(&dir.path().join(name), *age);
    }
    save(&sample_1_9(), &path).unwrap();
    let left = names_in(dir.path());
    for name in &stale {
        assert!(!left.contains(name), "{name} is still there");
    }
    for (name, _) in &kept {
        assert!(left.contains(name), "{name} was removed");
    }
}

#[test]
fn saving_a_folder_or_a_pipe_named_like_a_document_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("像文件的文件夹.ron");
    fs::create_dir(&folder).unwrap();
    let err = save(&sample_1_9(), &folder).unwrap_err();
    assert_eq!(err.step, SaveStep::NotAFile);
    let fifo = dir.path().join("pipe.ron");
    make_fifo(&fifo);
    let err = save(&sample_1_9(), &fifo).unwrap_err();
    assert_eq!(err.step, SaveStep::NotAFile);
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_read_only_folder_names_the_folder_and_offers_save_as_in_the_editor() {
    use flowcase::ui::{Settings, Shell};
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("只读");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("1.9.ron");
    save(&sample_1_9(), &path).unwrap();
    let bytes = fs::read(&path).unwrap();
    let settings = Settings {
        language: Some("en".into()),
        ..Settings::default()
    };
    let mut shell = Shell::new(vec![path.clone()], settings, None);
    shell.docs[0]
        .editor
        .doc
        .apply(flowcase::model::Edit::SetOverview(
            flowcase::model::OverviewField::Cycle("每月".into()),
        ))
        .unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    let locked = Command::new("chattr").arg("+i").arg(&folder).status();
    assert!(locked.is_ok_and(|s| s.success()), "chattr +i");
    let saved = shell.save_doc(0);
    let _ = Command::new("chattr").arg("-i").arg(&folder).status();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(!saved);
    let failure = shell.save_failure().cloned().expect("the failure is shown");
    assert!(
        failure
            .message
            .contains("cannot create files in this folder")
            && failure.message.contains("Save As"),
        "{}",
        failure.message
    );
    assert!(failure.message.ends_with(&path.display().to_string()));
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(shell.docs[0].editor.doc.is_modified(), "the edit is kept");
    assert_eq!(
        shell.docs[0].editor.doc.path.as_deref(),
        Some(path.as_path())
    );
}

#[test]
fn a_failed_save_as_leaves_the_document_with_its_own_file() {
    use flowcase::ui::{Settings, Shell};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.9.ron");
    save(&sample_1_9(), &path).unwrap();
    let mut shell = Shell::new(vec![path.clone()], Settings::default(), None);
    let nowhere: PathBuf = dir.path().join("没有这个文件夹").join("副本.ron");
    assert!(!shell.save_doc_as(0, &nowhere));
    assert_eq!(
        shell.docs[0].editor.doc.path.as_deref(),
        Some(path.as_path())
    );
    assert!(shell.save_failure().is_some());
}
