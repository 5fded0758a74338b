//! `masthead check --fix`, `--unsafe-fixes` and `--diff`: apply the fixes
//! the rules offer, file by file, re-checking until nothing more changes.
//!
//! Each round loads the site, checks it, takes each file's fixes in order
//! (skipping one that overlaps another: the next round gets it), applies
//! them and writes the file atomically inside the site. Rounds repeat until
//! no fix is left (a fixed point) or [`MAX_ROUNDS`] is reached. `--diff`
//! runs the same rounds on a private copy of the site and prints what would
//! change as a unified diff.

use masthead_diagnostics::{Diagnostic, Fix};
use masthead_edit::{Edit, WriteError, write_atomic};
use masthead_lint::Report;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Rounds of fixing before giving up on a fixed point: a fix that keeps
/// producing new fixes is a bug in a rule, not something to loop on.
pub(crate) const MAX_ROUNDS: usize = 10;

/// What the rounds did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Fixes applied, over all rounds.
    pub fixed: usize,
    /// Each changed file (relative to the site root) with its text before
    /// the first round.
    pub originals: BTreeMap<String, String>,
    /// Whether a round found nothing left to fix.
    pub settled: bool,
    /// Files with fixes that were not written, and why (a symlink leading
    /// out of the site).
    pub skipped: BTreeMap<String, String>,
}

/// Loads and checks the site at the root it is given: the report, and the
/// text of each file read (relative path → text), which the spans refer to.
pub(crate) type CheckAt<'a> =
    dyn FnMut(&Path) -> Result<(Report, BTreeMap<String, String>), String> + 'a;

/// Runs fixing rounds on the site at `root`. `check` loads and checks the
/// site at the root it is given; `unsafe_fixes` lets unsafe fixes apply.
pub(crate) fn fix_rounds(
    root: &Path,
    unsafe_fixes: bool,
    check: &mut CheckAt<'_>,
) -> Result<(Outcome, Report), String> {
    let mut outcome = Outcome::default();
    for _ in 0..MAX_ROUNDS {
        let (report, sources) = check(root)?;
        let mut plan = plan(&report.diagnostics, unsafe_fixes);
        plan.retain(|file, _| !outcome.skipped.contains_key(file));
        let mut applied = 0;
        for (file, fixes) in plan {
            let Some(text) = sources.get(&file) else {
                continue;
            };
            let path = root.join(&file);
            // The loader decodes lossily: only a file that is exactly the
            // text the spans refer to may be edited.
            if std::fs::read(&path).ok().as_deref() != Some(text.as_bytes()) {
                continue;
            }
            let edits: Vec<Edit> = fixes
                .iter()
                .map(|f| Edit::new(f.span.start..f.span.end, f.replacement.clone()))
                .collect();
            let Ok(new_text) = Edit::apply_all(text, &edits) else {
                continue;
            };
            if new_text == *text {
                continue;
            }
            match write_atomic(root, Path::new(&file), new_text.as_bytes()) {
                Ok(_) => {}
                // A symlink out of the site: never written through.
                Err(e @ WriteError::OutsideSite { .. }) => {
                    outcome.skipped.insert(file.clone(), e.to_string());
                    continue;
                }
                Err(e) => return Err(e.to_string()),
            }
            outcome
                .originals
                .entry(file.clone())
                .or_insert_with(|| text.clone());
            applied += fixes.len();
        }
        outcome.fixed += applied;
        if applied == 0 {
            outcome.settled = true;
            return Ok((outcome, report));
        }
    }
    let (report, _) = check(root)?;
    let mut left = plan(&report.diagnostics, unsafe_fixes);
    left.retain(|file, _| !outcome.skipped.contains_key(file));
    outcome.settled = left.is_empty();
    Ok((outcome, report))
}

/// Each file's fixes to apply this round: ordered, non-overlapping (two
/// insertions at one place overlap too), allowed by the safety level.
fn plan(diags: &[Diagnostic], unsafe_fixes: bool) -> BTreeMap<String, Vec<Fix>> {
    let mut by_file: BTreeMap<String, Vec<Fix>> = BTreeMap::new();
    for d in diags {
        if let (Some(fix), Some(file)) = (&d.fix, &d.file)
            && (fix.safe || unsafe_fixes)
        {
            by_file.entry(file.clone()).or_default().push(fix.clone());
        }
    }
    for fixes in by_file.values_mut() {
        fixes.sort_by_key(|f| (f.span.start, f.span.end));
        fixes.dedup();
        let mut kept: Vec<Fix> = Vec::new();
        for f in fixes.drain(..) {
            let clear = kept.last().is_none_or(|last| {
                f.span.start > last.span.end
                    || (f.span.start == last.span.end
                        && !(f.span.is_empty() && last.span.is_empty()))
            });
            if clear {
                kept.push(f);
            }
        }
        *fixes = kept;
    }
    by_file.retain(|_, f| !f.is_empty());
    by_file
}

/// `fixed 3 problems in 2 files` (or `would fix` for `--diff`).
pub(crate) fn summary(outcome: &Outcome, dry_run: bool) -> String {
    let verb = if dry_run { "would fix" } else { "fixed" };
    let n = outcome.fixed;
    let m = outcome.originals.len();
    format!(
        "{verb} {n} problem{} in {m} file{}",
        if n == 1 { "" } else { "s" },
        if m == 1 { "" } else { "s" }
    )
}

/// Copies the site at `from` to `to` for a `--diff` dry run: regular files
/// and folders only (a symlink is not followed), without the build output
/// and tool folders, which no check reads.
pub(crate) fn copy_site(from: &Path, to: &Path) -> std::io::Result<()> {
    const SKIP: [&str; 6] = [
        "_site",
        ".git",
        "node_modules",
        ".jekyll-cache",
        ".sass-cache",
        "vendor",
    ];
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        if SKIP.iter().any(|s| name == *s) {
            continue;
        }
        if kind.is_dir() {
            copy_site(&entry.path(), &to.join(&name))?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), to.join(&name))?;
        }
    }
    Ok(())
}

/// A folder of its own under the system's temporary folder, removed on drop.
pub(crate) struct ScratchDir(PathBuf);

impl ScratchDir {
    pub(crate) fn new() -> std::io::Result<Self> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        loop {
            let path = std::env::temp_dir().join(format!(
                "masthead-diff-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(ScratchDir(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The changed files as a unified diff (`a/` and `b/` prefixes, three
/// lines of context), files in name order. `fixed` gives each file's new
/// text; `shown` names files as the user sees them.
pub(crate) fn unified_diffs(
    originals: &BTreeMap<String, String>,
    fixed: &dyn Fn(&str) -> Option<String>,
    shown: &dyn Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let files: BTreeSet<&String> = originals.keys().collect();
    for file in files {
        let (Some(old), Some(new)) = (originals.get(file), fixed(file)) else {
            continue;
        };
        if *old == new {
            continue;
        }
        let name = shown(file);
        let _ = writeln!(out, "--- a/{name}\n+++ b/{name}");
        out.push_str(&hunks(old, &new, 3));
    }
    out
}

/// The hunks of a line diff of `old` and `new`.
fn hunks(old: &str, new: &str, context: usize) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = diff_lines(&a, &b);
    // Group changes whose contexts touch into hunks.
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(..)))
        .map(|(i, _)| i)
        .collect();
    let mut out = String::new();
    let mut rest = changed.as_slice();
    while let Some(&first) = rest.first() {
        // This change and those after it whose contexts touch, up to `last`.
        let touching = rest
            .iter()
            .zip(rest.iter().skip(1))
            .take_while(|&(x, y)| y - x <= 2 * context + 1)
            .count();
        let last = rest.get(touching).copied().unwrap_or(first);
        rest = rest.get(touching + 1..).unwrap_or_default();
        let start = first.saturating_sub(context);
        let end = (last + context + 1).min(ops.len());
        let (mut a_start, mut b_start) = (None, None);
        let (mut a_len, mut b_len) = (0, 0);
        let mut body = String::new();
        for op in ops.get(start..end).unwrap_or_default() {
            let (prefix, line) = match *op {
                Op::Same(x, y) => {
                    a_start.get_or_insert(x);
                    b_start.get_or_insert(y);
                    a_len += 1;
                    b_len += 1;
                    (' ', a.get(x))
                }
                Op::Del(x, y) => {
                    a_start.get_or_insert(x);
                    b_start.get_or_insert(y);
                    a_len += 1;
                    ('-', a.get(x))
                }
                Op::Ins(x, y) => {
                    a_start.get_or_insert(x);
                    b_start.get_or_insert(y);
                    b_len += 1;
                    ('+', b.get(y))
                }
            };
            // `diff_lines` numbers the lines of `a` and `b`: always there.
            let Some(line) = line else {
                continue;
            };
            body.push(prefix);
            body.push_str(line);
            if !line.ends_with('\n') {
                body.push_str("\n\\ No newline at end of file\n");
            }
        }
        // Unified diff numbers lines from 1; an empty side starts at the
        // line before.
        let a_from = a_start.unwrap_or(0) + usize::from(a_len > 0);
        let b_from = b_start.unwrap_or(0) + usize::from(b_len > 0);
        let _ = writeln!(out, "@@ -{a_from},{a_len} +{b_from},{b_len} @@");
        out.push_str(&body);
    }
    out
}

/// A line of the diff: kept (old index, new index), deleted or inserted
/// (each with the positions in both texts where it happens).
#[derive(Clone, Copy, Debug)]
enum Op {
    Same(usize, usize),
    Del(usize, usize),
    Ins(usize, usize),
}

/// A shortest line diff. Fixes touch a few lines, so the common head and
/// tail are taken first and the quadratic step sees only the middle.
fn diff_lines(a: &[&str], b: &[&str]) -> Vec<Op> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a_rest, b_rest) = (
        a.get(head..).unwrap_or_default(),
        b.get(head..).unwrap_or_default(),
    );
    let tail = a_rest
        .iter()
        .rev()
        .zip(b_rest.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (
        a_rest.get(..a_rest.len() - tail).unwrap_or_default(),
        b_rest.get(..b_rest.len() - tail).unwrap_or_default(),
    );
    let mut ops: Vec<Op> = (0..head).map(|i| Op::Same(i, i)).collect();
    // Longest common subsequence table over the middle.
    let (n, m) = (ma.len(), mb.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    #[expect(
        clippy::indexing_slicing,
        reason = "i < n and j < m index ma and mb, and with i + 1 and j + 1 the \
                  (n + 1) × (m + 1) table"
    )]
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if ma[i] == mb[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    #[expect(
        clippy::indexing_slicing,
        reason = "ma[i], mb[j] and the table are read after i < n and j < m are checked \
                  (j != m with j <= m), so i + 1 <= n and j + 1 <= m"
    )]
    while i < n || j < m {
        if i < n && j < m && ma[i] == mb[j] {
            ops.push(Op::Same(head + i, head + j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Deletions before insertions, as `diff -u` writes them.
            ops.push(Op::Del(head + i, head + j));
            i += 1;
        } else {
            ops.push(Op::Ins(head + i, head + j));
            j += 1;
        }
    }
    let (ta, tb) = (a.len() - tail, b.len() - tail);
    ops.extend((0..tail).map(|k| Op::Same(ta + k, tb + k)));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use masthead_diagnostics::{Severity, Span};

    fn diag(file: &str, start: usize, end: usize, text: &str, safe: bool) -> Diagnostic {
        Diagnostic::new("X001", Severity::Warning, "m")
            .in_file(file)
            .with_fix(Fix {
                span: Span::new(start, end),
                replacement: text.into(),
                message: "fix".into(),
                safe,
            })
    }

    #[test]
    fn plan_drops_overlaps_and_unsafe_fixes_unless_asked() {
        let diags = [
            diag("a.md", 5, 9, "x", true),
            diag("a.md", 7, 8, "y", true),
            diag("a.md", 9, 9, "z", true),
            diag("a.md", 12, 12, "u", false),
            diag("b.md", 3, 3, "/", true),
            diag("b.md", 3, 3, "/", true),
        ];
        let safe = plan(&diags, false);
        let spans: Vec<(usize, usize)> = safe["a.md"]
            .iter()
            .map(|f| (f.span.start, f.span.end))
            .collect();
        assert_eq!(spans, [(5, 9), (9, 9)]);
        assert_eq!(safe["b.md"].len(), 1, "identical fixes apply once");
        assert_eq!(plan(&diags, true)["a.md"].len(), 3);
    }

    #[test]
    fn hunks_show_three_lines_of_context_and_missing_final_newlines() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\nnine";
        assert_eq!(
            hunks(old, new, 3),
            "@@ -2,8 +2,8 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n-9\n\\ No newline at end of file\n+nine\n\\ No newline at end of file\n"
        );
        assert_eq!(hunks("a\nb\n", "b\n", 3), "@@ -1,2 +1,1 @@\n-a\n b\n");
    }

    #[test]
    fn summary_counts_in_words() {
        let mut o = Outcome {
            fixed: 1,
            ..Outcome::default()
        };
        o.originals.insert("a.md".into(), String::new());
        assert_eq!(summary(&o, false), "fixed 1 problem in 1 file");
        o.fixed = 3;
        o.originals.insert("b.md".into(), String::new());
        assert_eq!(summary(&o, true), "would fix 3 problems in 2 files");
    }

    #[test]
    fn rounds_stop_at_the_cap_when_fixes_never_settle() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "text\n").unwrap();
        // A "rule" that always wants one more `x`.
        let mut check = |root: &Path| {
            let text = std::fs::read_to_string(root.join("a.md")).unwrap();
            let report = Report {
                diagnostics: vec![diag("a.md", 0, 0, "x", true)],
            };
            Ok((report, BTreeMap::from([("a.md".to_string(), text)])))
        };
        let (outcome, _) = fix_rounds(dir.path(), false, &mut check).unwrap();
        assert!(!outcome.settled);
        assert_eq!(outcome.fixed, MAX_ROUNDS);
        assert_eq!(outcome.originals["a.md"], "text\n");
        let written = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
        assert_eq!(written, format!("{}text\n", "x".repeat(MAX_ROUNDS)));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_is_a_symlink_out_of_the_site_is_skipped_not_written() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("a.md");
        std::fs::write(&target, "text\n").unwrap();
        std::os::unix::fs::symlink(&target, site.path().join("a.md")).unwrap();
        let mut check = |root: &Path| {
            let text = std::fs::read_to_string(root.join("a.md")).unwrap();
            let report = Report {
                diagnostics: vec![diag("a.md", 0, 0, "x", true)],
            };
            Ok((report, BTreeMap::from([("a.md".to_string(), text)])))
        };
        let (outcome, _) = fix_rounds(site.path(), false, &mut check).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "text\n");
        assert!(outcome.skipped.contains_key("a.md"), "{outcome:?}");
        assert_eq!(outcome.fixed, 0);
        assert!(
            outcome.settled,
            "a skipped file does not keep the rounds going"
        );
    }
}
