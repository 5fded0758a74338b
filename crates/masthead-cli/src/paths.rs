//! Turning the paths a user (or pre-commit) passes into the site-relative
//! paths diagnostics use, and back into paths relative to the current folder
//! for output people and CI click on.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// `path` made absolute against `cwd`, with `.` and `..` resolved by text
/// (the file may not exist).
fn lexical(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The spellings of `path` worth comparing: as written (made absolute) and,
/// when it exists, with symbolic links resolved.
fn spellings(cwd: &Path, path: &Path) -> Vec<PathBuf> {
    let mut out = vec![lexical(cwd, path)];
    if let Ok(canonical) = std::fs::canonicalize(cwd.join(path))
        && !out.contains(&canonical)
    {
        out.push(canonical);
    }
    out
}

/// `path` relative to `base` as `/`-separated text, if it is inside it.
fn inside(path: &Path, base: &Path) -> Option<String> {
    let rest = path.strip_prefix(base).ok()?;
    let parts: Option<Vec<&str>> = rest
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    Some(parts?.join("/"))
}

/// The first way `path` lies inside `base`, comparing every spelling of both.
fn relative_to(cwd: &Path, path: &Path, base: &Path) -> Option<String> {
    let bases = spellings(cwd, base);
    spellings(cwd, path)
        .iter()
        .find_map(|p| bases.iter().find_map(|b| inside(p, b)))
}

/// The files among `paths` (relative to `cwd`, or absolute) that lie inside
/// the site at `root`, relative to the root with `/` separators. Paths
/// outside the site, the root itself and names that are not UTF-8 are
/// dropped: pre-commit passes every staged file of the repository, and only
/// the site's concern this command.
pub(crate) fn site_files(cwd: &Path, root: &Path, paths: &[PathBuf]) -> HashSet<String> {
    paths
        .iter()
        .filter_map(|p| relative_to(cwd, p, root))
        .filter(|rel| !rel.is_empty())
        .collect()
}

/// What to put before a site-relative path so that it reads relative to
/// `cwd`: `site/` when the site is the folder `site` below the current one,
/// empty when the site is the current folder or lies elsewhere (then paths
/// stay relative to the site root).
pub(crate) fn display_prefix(cwd: &Path, root: &Path) -> String {
    match relative_to(cwd, root, cwd) {
        Some(rel) if !rel.is_empty() => format!("{rel}/"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> HashSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn paths_from_the_repository_root_into_a_site_subfolder() {
        let cwd = Path::new("/repo");
        let paths: Vec<PathBuf> = [
            "site/_news/a.md",
            "./site/_events/../_news/b.md",
            "README.md",
            "/repo/site/_config.yml",
            "/elsewhere/site/_news/c.md",
            "site",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            site_files(cwd, Path::new("site/"), &paths),
            set(&["_news/a.md", "_news/b.md", "_config.yml"])
        );
    }

    #[test]
    fn the_site_as_the_current_folder() {
        let cwd = Path::new("/repo/site");
        let paths = vec![PathBuf::from("_news/a.md"), PathBuf::from("../other.md")];
        assert_eq!(
            site_files(cwd, Path::new("."), &paths),
            set(&["_news/a.md"])
        );
        assert_eq!(display_prefix(cwd, Path::new(".")), "");
    }

    #[test]
    fn display_prefix_is_the_site_folder_below_the_current_one() {
        let cwd = Path::new("/repo");
        assert_eq!(display_prefix(cwd, Path::new("site/")), "site/");
        assert_eq!(display_prefix(cwd, Path::new("/repo/a/b")), "a/b/");
        assert_eq!(display_prefix(cwd, Path::new("/other/site")), "");
    }

    #[test]
    fn symbolic_links_resolve_to_the_same_files() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir_all(real.join("_news")).unwrap();
        std::fs::write(real.join("_news/a.md"), "---\n---\n").unwrap();
        let link = dir.path().join("link");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&real, &link).unwrap();
        #[cfg(unix)]
        assert_eq!(
            site_files(dir.path(), Path::new("real"), &[link.join("_news/a.md")]),
            set(&["_news/a.md"])
        );
    }
}
