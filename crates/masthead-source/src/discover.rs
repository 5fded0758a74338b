//! Finding the files of a collection folder, as Jekyll's `EntryFilter` does,
//! and also honouring `.gitignore` (masthead runs in git hooks: an ignored
//! file is not content).

use std::path::{Path, PathBuf};

/// A file found in a collection folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// Absolute (or root-joined) path on disk.
    pub(crate) abs: PathBuf,
    /// Path relative to the site root, `/`-separated.
    pub(crate) rel: String,
}

/// Jekyll skips names starting with `.`, `_`, `#` or `~`, and backups ending
/// in `~`. The name's bytes are read as they are: the marks are ASCII, and
/// a lossy UTF-8 copy per file cost a fifth of the walk.
fn special(name: &[u8]) -> bool {
    matches!(name.first(), Some(b'.' | b'_' | b'#' | b'~')) || name.last() == Some(&b'~')
}

/// The bytes of the last component of a path the walker built (a folder
/// joined with a name): those after its last separator. `Path::file_name`
/// parses the components from the end, which cost more than the rest of
/// the filter.
fn last_name(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    let start = bytes
        .iter()
        .rposition(|&b| std::path::is_separator(char::from(b)))
        .map_or(0, |at| at + 1);
    bytes.get(start..).unwrap_or_default()
}

/// The `exclude:` entries of a site, compiled once: path prefixes, and
/// globs, as Jekyll's `excluded?` reads them.
pub(crate) struct Excludes {
    prefixes: Vec<String>,
    globs: Option<globset::GlobSet>,
}

impl Excludes {
    pub(crate) fn new(exclude: &[String]) -> Self {
        let mut prefixes = Vec::new();
        let mut globs = globset::GlobSetBuilder::new();
        let mut any_glob = false;
        for pattern in exclude {
            let pattern = pattern.trim_start_matches('/').trim_end_matches('/');
            if pattern.is_empty() {
                continue;
            }
            if pattern.contains('*') {
                // A pattern that is not a valid glob excludes nothing.
                if let Ok(glob) = globset::Glob::new(pattern) {
                    globs.add(glob);
                    any_glob = true;
                }
            } else {
                prefixes.push(pattern.to_string());
            }
        }
        Excludes {
            prefixes,
            globs: any_glob.then(|| globs.build().ok()).flatten(),
        }
    }

    /// Whether `rel` (relative to the site root) is excluded.
    pub(crate) fn matches(&self, rel: &str) -> bool {
        self.prefixes.iter().any(|p| {
            rel.strip_prefix(p.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        }) || self.globs.as_ref().is_some_and(|g| g.is_match(rel))
    }
}

/// Whether `rel` (relative to the site root) matches an `exclude:` entry
/// (a path prefix or a glob), as Jekyll's `excluded?` does.
#[cfg(test)]
fn excluded(rel: &str, exclude: &[String]) -> bool {
    Excludes::new(exclude).matches(rel)
}

/// A path relative to the site root as masthead names files: `/`-separated.
pub(crate) fn relative_path(rel: &Path) -> String {
    match rel.to_str() {
        Some(s) if std::path::MAIN_SEPARATOR == '/' => s.to_string(),
        _ => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    }
}

/// `path` relative to `root`, `/`-separated. The walker's paths extend the
/// root's text, so on Unix a UTF-8 root is cut off as text: comparing
/// path components instead cost more than the rest of the walk.
fn relative_to(path: &Path, root: &Path, root_text: Option<&str>) -> Option<String> {
    if let (Some(root_text), Some(text)) = (root_text, path.to_str())
        && let Some(rest) = text.strip_prefix(root_text)
        && let Some(rest) = rest
            .strip_prefix('/')
            .or(root_text.ends_with('/').then_some(rest))
        && !rest.is_empty()
        && !rest
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == "..")
    {
        return Some(rest.to_string());
    }
    path.strip_prefix(root).ok().map(relative_path)
}

/// An entry of a collection folder that is not read, and why: each becomes
/// a diagnostic, so that nothing in a collection is left out silently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Skipped {
    /// Path relative to the site root, `/`-separated (lossy when the name
    /// is not UTF-8).
    pub(crate) rel: String,
    /// Why it is not read.
    pub(crate) why: Skip,
}

/// Why a [`Skipped`] entry is not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Skip {
    /// A symbolic link (to a file or a folder): links are never followed,
    /// since one could lead outside the site (GitHub Pages' Jekyll does
    /// not follow them either). `target` is where it points, as written.
    Symlink { target: String },
    /// A name that is not UTF-8: it cannot become a URL, and two such
    /// names could read alike once made text.
    NotUtf8Name,
    /// The folder walk failed here (a folder that cannot be listed).
    Unreadable(String),
}

/// Every file under `dir` (relative to `root`), sorted by relative path,
/// and the entries not read (sorted too). Symbolic links are not followed:
/// a link could leave the site.
pub(crate) fn collection_files(
    root: &Path,
    dir: &str,
    exclude: &[String],
) -> (Vec<Found>, Vec<Skipped>) {
    let base = root.join(dir);
    if !base.is_dir() {
        return (Vec::new(), Vec::new());
    }
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let exclude = Excludes::new(exclude);
    let root_text = root.to_str().filter(|_| std::path::MAIN_SEPARATOR == '/');
    let walker = ignore::WalkBuilder::new(&base)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(false)
        .parents(true)
        .follow_links(false)
        // Sorted once at the end, by relative path.
        .filter_entry(|e| e.depth() == 0 || !special(last_name(e.path())))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            // Only failures to read the folders; a `.gitignore` line that
            // is not a glob ignores nothing, as git does.
            Err(e) if !e.is_io() => continue,
            Err(e) => {
                let rel = walk_error_path(&e)
                    .and_then(|p| relative_to(p, root, root_text))
                    .unwrap_or_else(|| dir.to_string());
                if !exclude.matches(&rel) {
                    skipped.push(Skipped {
                        rel,
                        why: Skip::Unreadable(e.to_string()),
                    });
                }
                continue;
            }
        };
        let Some(ft) = entry.file_type() else {
            continue;
        };
        if !ft.is_file() && !ft.is_symlink() {
            continue;
        }
        let Some(rel) = relative_to(entry.path(), root, root_text) else {
            continue;
        };
        if exclude.matches(&rel) {
            continue;
        }
        // `relative_to` reads a name that is not UTF-8 lossily; such a
        // path has no text of its own.
        let why = if entry.path().to_str().is_none() {
            Some(Skip::NotUtf8Name)
        } else if ft.is_symlink() {
            let target = std::fs::read_link(entry.path())
                .map(|t| t.to_string_lossy().into_owned())
                .unwrap_or_default();
            Some(Skip::Symlink { target })
        } else {
            None
        };
        match why {
            Some(why) => skipped.push(Skipped { rel, why }),
            None => out.push(Found {
                abs: entry.into_path(),
                rel,
            }),
        }
    }
    // Relative paths are unique, so an unstable sort gives the one order.
    out.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    skipped.sort_by(|a, b| a.rel.cmp(&b.rel));
    (out, skipped)
}

/// The path an error of the folder walk is about, when it names one.
fn walk_error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_as_text_agree_with_components() {
        for (root, path) in [
            ("/site", "/site/_news/a.md"),
            ("/site/", "/site/_news/a.md"),
            (".", "./_news/sub/b.md"),
            ("./", "./_news/b.md"),
            ("/site", "/site//_news/a.md"),
            ("/site", "/site/_news/./a.md"),
            ("/site", "/site/_news/../x.md"),
            ("site", "site/_news/a.md"),
        ] {
            let (root, path) = (Path::new(root), Path::new(path));
            let slow = path.strip_prefix(root).ok().map(relative_path);
            assert_eq!(
                relative_to(path, root, root.to_str()),
                slow,
                "{root:?} {path:?}"
            );
        }
    }

    #[test]
    fn last_names_agree_with_file_name() {
        for path in [
            "/site/_news/a.md",
            "_news/.b.md",
            "c~",
            "/x/y/#z",
            "./_d/é~",
        ] {
            let path = Path::new(path);
            let name = path.file_name().unwrap().as_encoded_bytes();
            assert_eq!(last_name(path), name, "{path:?}");
        }
    }

    #[test]
    fn special_names_are_skipped_like_jekyll() {
        for name in [".draft.md", "_partial.md", "#tmp.md", "~x.md", "a.md~"] {
            assert!(special(name.as_bytes()), "{name}");
        }
        for name in ["2021-01-01-a.md", "a~b.md", "é.md", ""] {
            assert!(!special(name.as_bytes()), "{name}");
        }
    }

    #[test]
    fn exclude_matches_prefixes_and_globs() {
        let ex = vec!["_news/old".to_string(), "*.txt".to_string()];
        assert!(excluded("_news/old/a.md", &ex));
        assert!(!excluded("_news/older.md", &ex));
        assert!(excluded("notes.txt", &ex));
    }

    #[test]
    fn finds_files_recursively_skipping_special_and_gitignored() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("_news/sub")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "_news/a.md",
            "_news/sub/b.md",
            "_news/.hidden.md",
            "_news/_x.md",
            "_news/ignored.md",
        ] {
            std::fs::write(root.join(f), "---\n---\n").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored.md\n").unwrap();
        let found: Vec<String> = collection_files(root, "_news", &[])
            .0
            .into_iter()
            .map(|f| f.rel)
            .collect();
        assert_eq!(found, ["_news/a.md", "_news/sub/b.md"]);
    }
}
