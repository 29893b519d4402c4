//! The site's folder on disk: the new site is written beside it and then
//! put in its place, so a reader (or a publish killed half-way) never
//! leaves half a site; a folder holding files Flowcase did not write is
//! refused, or, forced, those files are carried into the new site.

use super::{PublishError, SiteFile};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The list of the files a publish wrote, kept in the site: what the next
/// publish may replace.
pub const MANIFEST: &str = ".flowcase-site";

/// How deep a site's folder is searched for files Flowcase did not write.
const MAX_DEPTH: usize = 32;

/// Refuses a site that is the library's folder or holds it.
pub fn refuse_library_folder(library: &Path, site: &Path) -> Result<(), PublishError> {
    let real = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
    let library = real(library);
    let site_real = match (site.parent(), site.file_name()) {
        (Some(parent), Some(name)) if !site.exists() => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            real(parent).join(name)
        }
        _ => real(site),
    };
    if library.starts_with(&site_real) {
        return Err(PublishError::IntoLibrary(site.to_owned()));
    }
    Ok(())
}

/// Writes `files` as the site at `site`, replacing what a publish wrote
/// there before, all or nothing.
pub fn write_site(site: &Path, files: &[SiteFile], force: bool) -> Result<(), PublishError> {
    let (staging, old) = beside(site)?;
    put_back_after_a_kill(site, &old)?;
    let foreign = if site.exists() {
        if !site.is_dir() {
            return Err(PublishError::NotFolder(site.to_owned()));
        }
        foreign_files(site)?
    } else {
        Vec::new()
    };
    if let Some(first) = foreign.first() {
        if !force {
            return Err(PublishError::Foreign {
                site: site.to_owned(),
                file: first.clone(),
            });
        }
        let ours: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        if let Some(clash) = foreign
            .iter()
            .find(|f| ours.contains(f.as_str()) || *f == MANIFEST)
        {
            return Err(PublishError::Clash {
                site: site.to_owned(),
                file: clash.clone(),
            });
        }
    }
    let written = build(&staging, site, files, &foreign);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap(site, &staging, &old)
}

/// The folders beside the site a publish builds in (`.NAME.flowcase-new`)
/// and moves the old site to (`.NAME.flowcase-old`).
fn beside(site: &Path) -> Result<(PathBuf, PathBuf), PublishError> {
    let not_folder = || PublishError::NotFolder(site.to_owned());
    let name = site
        .file_name()
        .ok_or_else(not_folder)?
        .to_string_lossy()
        .into_owned();
    let parent = match site.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|error| write_error(&parent, error))?;
    Ok((
        parent.join(format!(".{name}.flowcase-new")),
        parent.join(format!(".{name}.flowcase-old")),
    ))
}

/// A publish killed between moving the old site aside and moving the new
/// one in left no site: the old one goes back.
fn put_back_after_a_kill(site: &Path, old: &Path) -> Result<(), PublishError> {
    if !site.exists() && old.is_dir() {
        fs::rename(old, site).map_err(|error| write_error(site, error))?;
    }
    Ok(())
}

/// The files below `site` (paths with `/`) that its manifest does not
/// list, in path order.
fn foreign_files(site: &Path) -> Result<Vec<String>, PublishError> {
    let listed: BTreeSet<String> = fs::read_to_string(site.join(MANIFEST))
        .map(|text| {
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let mut found = Vec::new();
    walk(site, "", 0, &mut found).map_err(|error| write_error(site, error))?;
    found.retain(|f| f != MANIFEST && !listed.contains(f));
    found.sort();
    Ok(found)
}

/// Every file and link below `dir` (links not followed).
fn walk(dir: &Path, prefix: &str, depth: usize, found: &mut Vec<String>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let kind = entry.file_type()?;
        if kind.is_dir() && depth < MAX_DEPTH {
            walk(&entry.path(), &format!("{name}/"), depth + 1, found)?;
        } else {
            found.push(name);
        }
    }
    Ok(())
}

/// The new site in `staging`: its files (on all cores), the foreign files
/// carried over from `site`, and the manifest.
fn build(
    staging: &Path,
    site: &Path,
    files: &[SiteFile],
    foreign: &[String],
) -> Result<(), PublishError> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(|error| write_error(staging, error))?;
    }
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(foreign.iter().map(String::as_str))
        .filter_map(|p| Path::new(p).parent().map(|d| staging.join(d)))
        .collect();
    for folder in std::iter::once(staging.to_owned()).chain(folders) {
        fs::create_dir_all(&folder).map_err(|error| write_error(&folder, error))?;
    }
    let results = crate::parallel::on_all_cores(files, 64, |f| {
        let path = staging.join(&f.path);
        fs::write(&path, &f.bytes).map_err(|error| write_error(&path, error))
    });
    results.into_iter().collect::<Result<Vec<()>, _>>()?;
    for f in foreign {
        let (from, to) = (site.join(f), staging.join(f));
        carry(&from, &to).map_err(|error| write_error(&from, error))?;
    }
    let mut manifest =
        String::from("# Written by `flowcase publish`: the next publish replaces these files.\n");
    for f in files {
        manifest.push_str(&f.path);
        manifest.push('\n');
    }
    let path = staging.join(MANIFEST);
    fs::write(&path, manifest).map_err(|error| write_error(&path, error))
}

/// A file Flowcase did not write, copied as it is (a link stays a link).
fn carry(from: &Path, to: &Path) -> std::io::Result<()> {
    let meta = fs::symlink_metadata(from)?;
    if meta.file_type().is_symlink() {
        #[cfg(unix)]
        return std::os::unix::fs::symlink(fs::read_link(from)?, to);
    }
    fs::copy(from, to).map(|_| ())
}

/// The new site into the old one's place: the old moved aside, the new
/// moved in, the old deleted.
fn swap(site: &Path, staging: &Path, old: &Path) -> Result<(), PublishError> {
    if old.exists() {
        fs::remove_dir_all(old).map_err(|error| write_error(old, error))?;
    }
    let had_site = site.exists();
    if had_site {
        fs::rename(site, old).map_err(|error| write_error(site, error))?;
    }
    if let Err(error) = fs::rename(staging, site) {
        if had_site {
            let _ = fs::rename(old, site);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(write_error(site, error));
    }
    if had_site {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

fn write_error(path: &Path, error: std::io::Error) -> PublishError {
    PublishError::Write {
        path: path.to_owned(),
        error,
    }
}
