//! Atomic writes inside a site: write beside the target, flush to disk,
//! rename over it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The target (or a symlink it is) resolves outside the site root.
    #[error("{} is outside the site {}", .path.display(), .root.display())]
    OutsideSite {
        /// The path asked for.
        path: PathBuf,
        /// The site root.
        root: PathBuf,
    },
    /// Creating a file that already exists.
    #[error("{} already exists; it was not overwritten", .0.display())]
    Exists(PathBuf),
    /// The operating system refused.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Where `path` really is: its folder resolved, then (if it is a symlink)
/// its target; refused when that is not under `root`.
fn resolve_inside(root: &Path, path: &Path) -> Result<PathBuf, WriteError> {
    let root_real = fs::canonicalize(root).map_err(io_err(root))?;
    let outside = || WriteError::OutsideSite {
        path: path.to_path_buf(),
        root: root.to_path_buf(),
    };
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    };
    let parent = path.parent().ok_or_else(outside)?;
    let name = path.file_name().ok_or_else(outside)?;
    let parent_real = fs::canonicalize(parent).map_err(io_err(parent))?;
    let mut target = parent_real.join(name);
    if fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
        target = fs::canonicalize(&target).map_err(io_err(&target))?;
    }
    if !target.starts_with(&root_real) {
        return Err(outside());
    }
    Ok(target)
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to a new temporary file beside `target` and flushes it.
fn write_temp(target: &Path, bytes: &[u8]) -> Result<(PathBuf, File), WriteError> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.masthead-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(mut file) => {
                let written = file.write_all(bytes).and_then(|()| file.sync_all());
                if let Err(e) = written {
                    let _ = fs::remove_file(&tmp);
                    return Err(io_err(&tmp)(e));
                }
                return Ok((tmp, file));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_err(&tmp)(e)),
        }
    }
}

fn sync_dir(dir: &Path) {
    // Makes the rename durable where the platform allows opening a folder.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Replaces the existing file `path` (relative to `root`, or absolute
/// inside it) with `bytes` atomically, keeping its permissions. A symlink
/// is followed only when its target is inside the site; the target is what
/// gets rewritten.
pub fn write_atomic(root: &Path, path: &Path, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    let target = resolve_inside(root, path)?;
    let permissions = fs::metadata(&target)
        .map_err(io_err(&target))?
        .permissions();
    let (tmp, file) = write_temp(&target, bytes)?;
    let done = file
        .set_permissions(permissions)
        .and_then(|()| fs::rename(&tmp, &target));
    if let Err(e) = done {
        let _ = fs::remove_file(&tmp);
        return Err(io_err(&target)(e));
    }
    sync_dir(target.parent().unwrap_or(Path::new(".")));
    Ok(target)
}

/// Creates the new file `path` inside `root` with `bytes`, atomically,
/// never replacing a file that exists (even one created meanwhile).
pub fn create_new(root: &Path, path: &Path, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    let target = resolve_inside(root, path)?;
    if fs::symlink_metadata(&target).is_ok() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let (tmp, file) = write_temp(&target, bytes)?;
    drop(file);
    // A hard link fails if the name exists: the no-clobber rename.
    let linked = fs::hard_link(&tmp, &target);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(WriteError::Exists(path.to_path_buf()));
        }
        Err(_) => {
            // No hard links on this file system: create it in place instead.
            let mut f = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&target)
                .map_err(|e| match e.kind() {
                    io::ErrorKind::AlreadyExists => WriteError::Exists(path.to_path_buf()),
                    _ => io_err(&target)(e),
                })?;
            f.write_all(bytes)
                .and_then(|()| f.sync_all())
                .map_err(io_err(&target))?;
        }
    }
    sync_dir(target.parent().unwrap_or(Path::new(".")));
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_keeping_permissions_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        fs::write(&file, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(dir.path(), Path::new("a.md"), b"new").unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn create_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        create_new(dir.path(), Path::new("n.md"), b"one").unwrap();
        let again = create_new(dir.path(), Path::new("n.md"), b"two");
        assert!(matches!(again, Err(WriteError::Exists(_))), "{again:?}");
        assert_eq!(fs::read_to_string(dir.path().join("n.md")).unwrap(), "one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_site_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        let site = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), "keep").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), site.path().join("link.md"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("_out")).unwrap();
        let r = write_atomic(site.path(), Path::new("link.md"), b"x");
        assert!(matches!(r, Err(WriteError::OutsideSite { .. })), "{r:?}");
        let r = create_new(site.path(), Path::new("_out/new.md"), b"x");
        assert!(matches!(r, Err(WriteError::OutsideSite { .. })), "{r:?}");
        let r = create_new(site.path(), Path::new("../escape.md"), b"x");
        assert!(matches!(r, Err(WriteError::OutsideSite { .. })), "{r:?}");
        assert_eq!(
            fs::read_to_string(outside.path().join("secret")).unwrap(),
            "keep"
        );
        assert!(!outside.path().join("new.md").exists());
    }
}
