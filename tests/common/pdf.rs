//! Reading exported PDFs back with poppler (text, page count, and words
//! with their boxes), and other documents through LibreOffice as PDF.

use std::path::Path;
use std::process::Command;

/// Text of a PDF (all pages, or one), read by poppler's pdftotext.
pub fn pdf_text(path: &Path, page: Option<usize>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some(n) = page {
        cmd.args(["-f", &n.to_string(), "-l", &n.to_string()]);
    }
    let out = cmd
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (scripts/install-deps.sh)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

pub fn pdf_info(path: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo is installed");
    String::from_utf8(out.stdout).unwrap()
}

pub fn pdf_pages(path: &Path) -> usize {
    pdf_info(path)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// A word as `pdftotext -bbox` reads it: its text and its height in points.
#[derive(Clone, Debug)]
pub struct Word {
    pub text: String,
    pub height: f32,
}

/// The words of each page of a PDF, in reading order.
pub fn pdf_words(path: &Path) -> Vec<Vec<Word>> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (scripts/install-deps.sh)");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        let from = tag.find(&key).unwrap() + key.len();
        let to = from + tag[from..].find('"').unwrap();
        tag[from..to].parse().unwrap()
    };
    let mut pages: Vec<Vec<Word>> = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page") {
            pages.push(Vec::new());
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').unwrap();
            let text = text.trim_end_matches("</word>");
            let text = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            let height = attr(tag, "yMax") - attr(tag, "yMin");
            if let Some(page) = pages.last_mut() {
                page.push(Word { text, height });
            }
        }
    }
    pages
}

/// Converts a file to PDF with LibreOffice headless, with a profile of its
/// own and the bundled font findable, and returns the PDF's path.
pub fn libreoffice_pdf(file: &Path, dir: &Path) -> std::path::PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let fonts = dir.join("fonts.conf");
    std::fs::write(
        &fonts,
        format!(
            r#"<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{}</dir></fontconfig>"#,
            super::repo_path("assets/fonts").display()
        ),
    )
    .unwrap();
    let out = std::process::Command::new("soffice")
        .env("FONTCONFIG_FILE", &fonts)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("LibreOffice is installed (scripts/install-deps.sh: libreoffice-impress)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join(file.with_extension("pdf").file_name().unwrap())
}
