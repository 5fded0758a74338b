//! The in-memory output of a render: artifacts with checked paths.

use crate::codes;
use masthead_diagnostics::{Diagnostic, Severity, Span};
use masthead_model::MapHasher;
use rayon::slice::ParallelSliceMut;
use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// One output file: where it goes, what it holds, what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// Path relative to the output folder, `/`-separated, normalised
    /// (checked by [`check_output_path`]).
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Media type (`text/html; charset=utf-8`), for servers and listings.
    pub media_type: String,
    /// The renderer that made it.
    pub renderer: String,
}

/// How a committed output tree differs from a render.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DifferenceKind {
    /// The render has the file; the folder does not.
    Missing,
    /// Both have it, with different bytes.
    Differs,
    /// The folder has a file the render does not make.
    Extra,
}

/// One file that differs, for `masthead render --check`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Difference {
    /// Path relative to the output folder.
    pub path: String,
    /// How it differs.
    pub kind: DifferenceKind,
}

/// Collects artifacts in memory, checking every path as it is added.
///
/// A bad path (absolute, `..`, NUL, backslash) or a second artifact at a
/// path already taken is an error diagnostic and the artifact is dropped:
/// nothing a site says can make [`Sink::write_to`] leave its folder.
///
/// Artifacts are kept in the order added and put in path order (on every
/// core) when first listed: adding 30,000 artifacts to an ordered map one
/// by one was a sixth of what a render of a large site did on one core.
#[derive(Debug, Default)]
pub struct Sink {
    /// The artifacts, in the order added.
    artifacts: Vec<Artifact>,
    /// Every artifact's path and every folder above one (index into
    /// `artifacts`), for lookups and the conflict check: a few hash lookups
    /// per artifact.
    taken: HashMap<String, Taken, MapHasher>,
    /// Indexes into `artifacts` in path order, made when first needed
    /// after an artifact is added.
    order: OnceLock<Vec<usize>>,
    renderer: String,
    diagnostics: Vec<Diagnostic>,
}

/// What an entry of [`Sink::taken`] is.
#[derive(Debug)]
enum Taken {
    /// An artifact's path, with its index.
    File(usize),
    /// A folder, with the index of the first artifact added inside it.
    Folder(usize),
}

/// Checks and normalises an output path: relative, `/`-separated, no `..`,
/// no NUL, no backslash, no control characters, not naming a folder.
/// Empty and `.` segments are dropped (`a//./b` is `a/b`).
///
/// ```
/// use masthead_render::check_output_path;
/// assert_eq!(check_output_path("a//./b.html").unwrap(), "a/b.html");
/// assert!(check_output_path("/etc/passwd").is_err());
/// assert!(check_output_path("a/../../x").is_err());
/// ```
pub fn check_output_path(path: &str) -> Result<String, String> {
    if path.is_empty() {
        return Err("the output path is empty".into());
    }
    if path.contains('\0') {
        return Err("the output path contains a NUL byte".into());
    }
    if path.contains('\\') {
        return Err("the output path contains a backslash".into());
    }
    if path.chars().any(char::is_control) {
        return Err("the output path contains a control character".into());
    }
    if path.starts_with('/') {
        return Err("the output path is absolute".into());
    }
    if already_normal(path) {
        return Ok(path.to_string());
    }
    normalise(path)
}

/// Whether [`normalise`] would return `path` unchanged, as it does for most
/// paths (`news/2021/x/index.html`): no empty, `.` or `..` segment, no
/// drive letter (no `:` second), so not a folder either.
fn already_normal(path: &str) -> bool {
    path.split('/').all(|s| !matches!(s, "" | "." | ".."))
        && path.as_bytes().get(1).is_none_or(|b| *b != b':')
}

/// The segments of `path` (already free of NUL, backslashes, control
/// characters and a leading `/`) without empty and `.` ones, refusing
/// `..`, drive letters and folders.
fn normalise(path: &str) -> Result<String, String> {
    let mut segments = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err("the output path goes up a folder (`..`)".into()),
            s => segments.push(s),
        }
    }
    if let Some(first) = segments.first() {
        let b = first.as_bytes();
        if let [drive, b':'] = b
            && drive.is_ascii_alphabetic()
        {
            return Err("the output path starts with a drive letter".into());
        }
    }
    if segments.is_empty() {
        return Err("the output path names no file".into());
    }
    if path.ends_with('/') || path.ends_with("/.") {
        return Err("the output path names a folder, not a file".into());
    }
    Ok(segments.join("/"))
}

impl Sink {
    /// An empty sink.
    pub fn new() -> Self {
        Sink::default()
    }

    /// Sets the renderer name recorded on artifacts added from now on
    /// ([`crate::render_site`] does this for each renderer).
    pub fn set_renderer(&mut self, name: &str) {
        self.renderer = name.to_string();
    }

    /// Adds an artifact. Returns whether it was kept; when not, an error
    /// diagnostic says why.
    pub fn add(&mut self, path: &str, bytes: impl Into<Vec<u8>>, media_type: &str) -> bool {
        self.add_inner(None, path, bytes.into(), media_type)
    }

    /// Adds an artifact made from a source file; a problem with its path is
    /// reported in `file` at `span` (the permalink or redirect that chose it).
    pub fn add_from(
        &mut self,
        file: &str,
        span: Option<Span>,
        path: &str,
        bytes: impl Into<Vec<u8>>,
        media_type: &str,
    ) -> bool {
        self.add_inner(Some((file, span)), path, bytes.into(), media_type)
    }

    fn add_inner(
        &mut self,
        origin: Option<(&str, Option<Span>)>,
        path: &str,
        bytes: Vec<u8>,
        media_type: &str,
    ) -> bool {
        let (code, message) = match check_output_path(path) {
            Err(why) => (
                codes::BAD_OUTPUT_PATH,
                format!("refusing to write `{}`: {why}", path.escape_debug()),
            ),
            Ok(normal) => match self.conflict(&normal) {
                Some(other) => (
                    codes::OUTPUT_CONFLICT,
                    format!(
                        "`{normal}` is already written by the `{}` renderer (as `{}`)",
                        other.renderer, other.path
                    ),
                ),
                None => {
                    let index = self.artifacts.len();
                    for (i, _) in normal.match_indices('/') {
                        if !self.taken.contains_key(&normal[..i]) {
                            self.taken
                                .insert(normal[..i].to_string(), Taken::Folder(index));
                        }
                    }
                    self.taken.insert(normal.clone(), Taken::File(index));
                    self.artifacts.push(Artifact {
                        path: normal,
                        bytes,
                        media_type: media_type.to_string(),
                        renderer: self.renderer.clone(),
                    });
                    self.order = OnceLock::new();
                    return true;
                }
            },
        };
        let mut d = Diagnostic::new(code, Severity::Error, message);
        if !self.renderer.is_empty() {
            d = d.with_note(format!("from the `{}` renderer", self.renderer));
        }
        if let Some((file, span)) = origin {
            d = d.in_file(file.to_string());
            if let Some(span) = span {
                d = d.with_primary(span, "this path");
            }
        }
        self.diagnostics.push(d);
        false
    }

    /// The artifact already at `path`, or one that would make `path` a file
    /// inside a file or a file where a folder is.
    fn conflict(&self, path: &str) -> Option<&Artifact> {
        match self.taken.get(path) {
            Some(Taken::File(i) | Taken::Folder(i)) => return self.artifacts.get(*i),
            None => {}
        }
        path.match_indices('/')
            .find_map(|(i, _)| match self.taken.get(&path[..i]) {
                Some(Taken::File(file)) => self.artifacts.get(*file),
                _ => None,
            })
    }

    /// The artifact at `path` (normalised form).
    pub fn get(&self, path: &str) -> Option<&Artifact> {
        match self.taken.get(path) {
            Some(Taken::File(i)) => self.artifacts.get(*i),
            _ => None,
        }
    }

    /// Every artifact, in path order.
    pub fn artifacts(&self) -> impl Iterator<Item = &Artifact> {
        self.in_path_order()
            .iter()
            .filter_map(|&i| self.artifacts.get(i))
    }

    /// Indexes of the artifacts in path order, sorted on every core when
    /// first asked for since the last addition ([`crate::render_site`]
    /// asks once at its end).
    pub(crate) fn in_path_order(&self) -> &[usize] {
        self.order.get_or_init(|| {
            let mut order: Vec<usize> = (0..self.artifacts.len()).collect();
            #[expect(clippy::indexing_slicing, reason = "order holds 0..artifacts.len()")]
            let by_path =
                |&a: &usize, &b: &usize| self.artifacts[a].path.cmp(&self.artifacts[b].path);
            order.par_sort_unstable_by(by_path);
            order
        })
    }

    /// How many artifacts there are.
    pub fn len(&self) -> usize {
        self.artifacts.len()
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.artifacts.is_empty()
    }

    /// The problems found while adding, taken out of the sink.
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    /// What a write would do, one line per artifact (`path  bytes  media
    /// type  renderer`), for `--dry-run`.
    pub fn listing(&self) -> Vec<String> {
        self.artifacts()
            .map(|a| {
                format!(
                    "{}\t{}\t{}\t{}",
                    a.path,
                    a.bytes.len(),
                    a.media_type,
                    a.renderer
                )
            })
            .collect()
    }

    /// Writes every artifact under `dir` (created if missing). A folder or
    /// file on the way that is a symlink leading outside `dir` is not written
    /// through: that artifact is skipped with an error diagnostic (returned).
    /// I/O failures of single files are diagnostics too; only an unusable
    /// `dir` is an `Err`.
    pub fn write_to(&self, dir: &Path) -> io::Result<Vec<Diagnostic>> {
        std::fs::create_dir_all(dir)?;
        let root = dir.canonicalize()?;
        let mut problems = Vec::new();
        for a in self.artifacts() {
            if let Err(why) = write_one(&root, a) {
                problems.push(
                    Diagnostic::new(
                        codes::WRITE_REFUSED,
                        Severity::Error,
                        format!("not writing `{}`: {why}", a.path),
                    )
                    .with_note(format!("from the `{}` renderer", a.renderer)),
                );
            }
        }
        Ok(problems)
    }

    /// Compares the artifacts with the files under `dir`: missing, differing
    /// and extra files, in path order. A missing `dir` makes every artifact
    /// missing. Symlinks in `dir` are not followed.
    pub fn check_against(&self, dir: &Path) -> io::Result<Vec<Difference>> {
        let mut out = Vec::new();
        let mut on_disk = Vec::new();
        if dir.is_dir() {
            list_files(dir, "", &mut on_disk)?;
        }
        for a in self.artifacts() {
            let file = dir.join(&a.path);
            let same = match std::fs::symlink_metadata(&file) {
                Ok(m) if m.is_file() => Some(std::fs::read(&file)? == a.bytes),
                _ => None,
            };
            match same {
                None => out.push(Difference {
                    path: a.path.clone(),
                    kind: DifferenceKind::Missing,
                }),
                Some(false) => out.push(Difference {
                    path: a.path.clone(),
                    kind: DifferenceKind::Differs,
                }),
                Some(true) => {}
            }
        }
        for path in on_disk {
            if self.get(&path).is_none() {
                out.push(Difference {
                    path,
                    kind: DifferenceKind::Extra,
                });
            }
        }
        out.sort();
        Ok(out)
    }
}

fn write_one(root: &Path, a: &Artifact) -> Result<(), String> {
    let mut at = PathBuf::from(root);
    let segments: Vec<&str> = a.path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        at.push(segment);
        let last = i + 1 == segments.len();
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = at
                    .canonicalize()
                    .map_err(|e| format!("`{}` is a broken symlink ({e})", at.display()))?;
                if !target.starts_with(root) {
                    return Err(format!(
                        "`{}` is a symlink leading outside the output folder (to `{}`)",
                        at.display(),
                        target.display()
                    ));
                }
            }
            Ok(m) if !last && !m.is_dir() => {
                return Err(format!("`{}` is a file, not a folder", at.display()));
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if !last {
                    std::fs::create_dir(&at).map_err(|e| e.to_string())?;
                }
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    // Belt and braces: the checked path has only normal components.
    debug_assert!(
        Path::new(&a.path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    );
    std::fs::write(&at, &a.bytes).map_err(|e| e.to_string())
}

fn list_files(dir: &Path, prefix: &str, out: &mut Vec<String>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let kind = entry.file_type()?;
        if kind.is_dir() {
            list_files(&entry.path(), &rel, out)?;
        } else {
            out.push(rel);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_paths_are_refused_with_a_diagnostic() {
        let mut sink = Sink::new();
        for bad in [
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a\\b",
            "a\0b",
            "",
            "a/",
            "C:/x",
            "a/\nb",
        ] {
            assert!(!sink.add(bad, "x", "text/plain"), "{bad:?} accepted");
        }
        let diags = sink.take_diagnostics();
        assert_eq!(diags.len(), 9);
        assert!(diags.iter().all(|d| d.code == codes::BAD_OUTPUT_PATH));
        assert!(sink.is_empty());
    }

    #[test]
    fn paths_are_taken_as_they_are_only_when_normal() {
        for path in ["a/b.html", "a.b/c", "ab:/c", "a.:b"] {
            assert!(already_normal(path), "{path}");
            assert_eq!(normalise(path).as_deref(), Ok(path));
        }
        for path in ["c:", "c:/x", "a//b", "./a", "a/.", "a/", "a/../b", ".."] {
            assert!(!already_normal(path), "{path}");
        }
    }

    proptest::proptest! {
        #[test]
        fn paths_taken_as_they_are_are_those_normalising_leaves_alone(
            path in "[a./:]{1,3}(/[a./:]{0,3}){0,3}"
        ) {
            if already_normal(&path) {
                proptest::prop_assert_eq!(normalise(&path), Ok(path.clone()));
            }
        }
    }

    #[test]
    fn conflicts_are_refused() {
        let mut sink = Sink::new();
        assert!(sink.add("a/index.html", "1", "text/html"));
        assert!(!sink.add("a//index.html", "2", "text/html"));
        assert!(!sink.add("a", "3", "text/plain"));
        assert!(!sink.add("a/index.html/x", "4", "text/plain"));
        assert!(sink.add("ab", "5", "text/plain"));
        // Deeper: a file where an existing folder is, and inside a file.
        assert!(sink.add("x/y/z/page.html", "6", "text/html"));
        assert!(!sink.add("x/y", "7", "text/plain"));
        assert!(!sink.add("x/y/z/page.html/deeper/file", "8", "text/plain"));
        assert!(sink.add("x/y/other.html", "9", "text/html"));
        let diags = sink.take_diagnostics();
        assert_eq!(diags.len(), 5);
        assert!(
            diags[3].message.contains("`x/y/z/page.html`"),
            "names the artifact inside the folder: {}",
            diags[3].message
        );
        assert_eq!(sink.get("a/index.html").unwrap().bytes, b"1");
    }

    #[test]
    fn artifacts_are_listed_in_path_order_whatever_the_order_added() {
        let mut sink = Sink::new();
        for path in ["b/z.html", "a.html", "b/a.html", "a/x.html"] {
            assert!(sink.add(path, path, "text/html"));
        }
        let paths =
            |sink: &Sink| -> Vec<String> { sink.artifacts().map(|a| a.path.clone()).collect() };
        assert_eq!(paths(&sink), ["a.html", "a/x.html", "b/a.html", "b/z.html"]);
        // An addition after a listing is in the next one, in its place.
        assert!(sink.add("b/m.html", "m", "text/html"));
        assert_eq!(
            paths(&sink),
            ["a.html", "a/x.html", "b/a.html", "b/m.html", "b/z.html"]
        );
        assert_eq!(sink.len(), 5);
        assert_eq!(sink.get("b/m.html").unwrap().bytes, b"m");
        assert!(sink.get("b").is_none(), "a folder is no artifact");
        let listing = sink.listing();
        assert!(listing[0].starts_with("a.html\t6\t"), "{listing:?}");
    }

    #[test]
    fn write_check_and_extra_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut sink = Sink::new();
        sink.add("a/b.txt", "b", "text/plain");
        sink.add("c.txt", "c", "text/plain");
        assert!(sink.write_to(dir.path()).unwrap().is_empty());
        assert_eq!(std::fs::read(dir.path().join("a/b.txt")).unwrap(), b"b");
        assert!(sink.check_against(dir.path()).unwrap().is_empty());
        std::fs::write(dir.path().join("c.txt"), "changed").unwrap();
        std::fs::write(dir.path().join("d.txt"), "extra").unwrap();
        std::fs::remove_file(dir.path().join("a/b.txt")).unwrap();
        let diff = sink.check_against(dir.path()).unwrap();
        let kinds: Vec<_> = diff.iter().map(|d| (d.path.as_str(), d.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("a/b.txt", DifferenceKind::Missing),
                ("c.txt", DifferenceKind::Differs),
                ("d.txt", DifferenceKind::Extra)
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_leaving_the_folder_are_not_written_through() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("evil")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("f"), dir.path().join("f")).unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("inside")).unwrap();
        let mut sink = Sink::new();
        sink.add("evil/x.html", "x", "text/html");
        sink.add("f", "x", "text/plain");
        sink.add("inside/ok.txt", "ok", "text/plain");
        let problems = sink.write_to(dir.path()).unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|d| d.code == codes::WRITE_REFUSED));
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
        assert_eq!(
            std::fs::read(dir.path().join("real/ok.txt")).unwrap(),
            b"ok"
        );
    }
}
