//! Publishing a library as a website: a folder of static pages (the
//! 流程清单, a page per drawn process and per department, a search over
//! them) that reads offline, from a file share, a USB stick or any web
//! server, with nothing fetched from elsewhere. The same library gives the
//! same bytes; the folder is replaced whole or not at all.

mod assets;
mod department_page;
mod folder;
mod font;
mod html;
mod index_page;
mod names;
mod process_page;
mod search;

pub use folder::MANIFEST;

use crate::format::LoadError;
use crate::lang::Lang;
use crate::library::{DepartmentDuties, Library, LibraryLinks, duties};
use names::SiteNames;
use search::SearchIndex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How to publish.
#[derive(Clone, Copy, Debug)]
pub struct PublishOptions {
    /// The language of the site's own words (the library's text stays).
    pub lang: Lang,
    /// Publish into a folder holding files Flowcase did not write,
    /// keeping them.
    pub force: bool,
}

/// What a publish wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    /// HTML pages written.
    pub pages: usize,
    /// Files written, pages included.
    pub files: usize,
}

/// Why a site was not published; nothing was changed.
#[derive(Debug)]
pub enum PublishError {
    /// The catalogue does not load.
    Load(LoadError),
    /// Not one named process file could be read.
    Nothing,
    /// The site would be the library's folder, or hold it.
    IntoLibrary(PathBuf),
    /// The site's place is a file, or has no name.
    NotFolder(PathBuf),
    /// The folder holds `file`, which Flowcase did not write.
    Foreign { site: PathBuf, file: String },
    /// Forced, a file Flowcase did not write has a name the site needs.
    Clash { site: PathBuf, file: String },
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// One file of a site: its path below the root (`/`-separated) and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What every page is made from.
pub struct SiteContext<'a> {
    pub library: &'a Library,
    pub lang: Lang,
    pub names: SiteNames,
    pub links: LibraryLinks,
    /// Each entry by its number's key.
    pub by_number: BTreeMap<&'a str, usize>,
    pub duties: Vec<DepartmentDuties>,
}

impl<'a> SiteContext<'a> {
    pub fn new(library: &'a Library, lang: Lang) -> SiteContext<'a> {
        let c = &library.catalogue;
        let drawn: Vec<usize> = (0..library.states.len())
            .filter(|i| library.states[*i].process().is_some())
            .collect();
        let duties = duties(library);
        let names = SiteNames::new(
            drawn.iter().map(|&i| (i, c.entries[i].number.as_str())),
            duties.iter().map(|d| d.department.as_str()),
        );
        SiteContext {
            library,
            lang,
            names,
            links: LibraryLinks::of(library),
            by_number: c.number_index(),
            duties,
        }
    }

    /// The name of a category, by its id.
    pub fn category_name(&self, id: u32) -> String {
        let categories = &self.library.catalogue.categories;
        categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    /// The other names a department of the catalogue goes by.
    pub fn aliases(&self, name: &str) -> &[String] {
        let departments = &self.library.catalogue.departments;
        departments
            .iter()
            .find(|d| d.name == name)
            .map_or(&[], |d| d.aliases.as_slice())
    }
}

/// Publishes the library in `dir` as a website in `site`.
pub fn publish(
    dir: &Path,
    site: &Path,
    options: PublishOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Published, PublishError> {
    let library = Library::open(dir).map_err(PublishError::Load)?;
    publish_library(&library, site, options, progress)
}

/// Publishes an opened library as a website in `site`: built beside it,
/// then put in its place.
pub fn publish_library(
    library: &Library,
    site: &Path,
    options: PublishOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Published, PublishError> {
    if library.drawn().next().is_none() && !library.left_out().is_empty() {
        return Err(PublishError::Nothing);
    }
    folder::refuse_library_folder(&library.root, site)?;
    let files = site_files(library, options.lang, progress);
    folder::write_site(site, &files, options.force)?;
    Ok(Published {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
    })
}

/// Every file of the library's site, in path order. Pages are made on all
/// cores; `progress` hears (done, total) as they are.
pub fn site_files(
    library: &Library,
    lang: Lang,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<SiteFile> {
    let ctx = SiteContext::new(library, lang);
    let drawn = library.drawn_indexed();
    let total = drawn.len() + ctx.duties.len() + 2;
    let done = AtomicUsize::new(0);
    let tick = || progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
    let pages = crate::parallel::on_all_cores(&drawn, 8, |(i, e, p)| {
        let page = process_page::process_page(&ctx, *i, e, p);
        tick();
        (*i, page)
    });
    let mut files = Vec::with_capacity(pages.len() + ctx.duties.len() + 6);
    let mut search = SearchIndex::default();
    let mut warnings = BTreeMap::new();
    for (i, page) in pages {
        let path = ctx.names.process(i).unwrap_or_default().to_owned();
        search.add_process(page.records);
        warnings.insert(i, page.warnings);
        files.push(html_file(path, page.html));
    }
    let departments = crate::parallel::on_all_cores(&ctx.duties, 16, |d| {
        let page = department_page::department_page(&ctx, d);
        tick();
        page
    });
    for (d, page) in ctx.duties.iter().zip(departments) {
        let path = ctx
            .names
            .department(&d.department)
            .unwrap_or_default()
            .to_owned();
        search.add_department(&path, &d.department, ctx.aliases(&d.department));
        files.push(html_file(path, page));
    }
    files.push(html_file(
        "index.html".to_owned(),
        index_page::index_page(&ctx, &warnings),
    ));
    tick();
    files.extend(assets::asset_files(&files, &search));
    tick();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn html_file(path: String, html: String) -> SiteFile {
    SiteFile {
        path,
        bytes: html.into_bytes(),
    }
}

/// Every character the pages show, for the font.
fn characters(files: &[SiteFile]) -> BTreeSet<char> {
    let sets = crate::parallel::on_all_cores(files, 64, |f| {
        let mut set = rustc_hash::FxHashSet::default();
        set.extend(String::from_utf8_lossy(&f.bytes).chars());
        set
    });
    sets.into_iter().flatten().collect()
}
