//! Atomic save: the file on disk is always either the old blueprint or the new one, whole.

use super::{SaveError, to_ron};
use crate::model::Blueprint;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `NAME.ron` → `NAME.ron.bak`, where the previous version is kept.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// The first of `NAME.ron.bak`, `NAME.ron.1.bak`, `NAME.ron.2.bak`, … that does not exist yet.
pub fn free_backup_path(path: &Path) -> PathBuf {
    let first = backup_path(path);
    if !first.exists() {
        return first;
    }
    (1u32..)
        .map(|n| {
            let mut name = path.as_os_str().to_owned();
            name.push(format!(".{n}.bak"));
            PathBuf::from(name)
        })
        .find(|candidate| !candidate.exists())
        .unwrap_or(first)
}

/// Saves a blueprint that was repaired on open: the file as it was read is kept whole under
/// [`free_backup_path`] (an existing backup is never overwritten), then the clean blueprint is
/// written atomically. Returns where the original was kept (`None` if the file had gone).
pub fn save_keeping_original(path: &Path, blueprint: &Blueprint) -> Result<Option<PathBuf>, SaveError> {
    let text = to_ron(blueprint)?;
    let io_error = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let kept = if path.exists() {
        let kept = free_backup_path(path);
        fs::copy(path, &kept).map_err(io_error)?;
        Some(kept)
    } else {
        None
    };
    write_atomically(path, text.as_bytes(), false).map_err(io_error)?;
    Ok(kept)
}

/// Saves like [`save`] but leaves the backup alone: for a file whose `.bak` holds an original
/// that [`save_keeping_original`] kept, which the usual rolling backup would overwrite.
pub fn save_over_backup_kept(path: &Path, blueprint: &Blueprint) -> Result<(), SaveError> {
    let text = to_ron(blueprint)?;
    write_atomically(path, text.as_bytes(), false).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Saves atomically: writes a temporary file beside `path`, flushes it to disk, keeps the
/// previous file as `NAME.ron.bak`, then renames the new file into place.
pub fn save(path: &Path, blueprint: &Blueprint) -> Result<(), SaveError> {
    let text = to_ron(blueprint)?;
    write_atomically(path, text.as_bytes(), true).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes `bytes` to `path` through a temporary file in the same folder, keeping the previous
/// file as `.bak` when asked.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(file_name);
    temp_name.push(format!(".tmp-{}", std::process::id()));
    let temp = dir.join(temp_name);

    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if keep_backup && path.exists() {
            // Copy, not rename: the original stays in place until the new file replaces it.
            fs::copy(path, backup_path(path))?;
        }
        fs::rename(&temp, path)?;
        // Make the rename itself durable; not every platform can sync a folder, so best effort.
        if let Ok(dir) = fs::File::open(&dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}
