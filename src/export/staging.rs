//! The files of one export, written under temporary names beside their destinations and moved
//! into place together at the end: a cancelled or failed export leaves the folder as it was,
//! not half a deck, and an earlier export to the same names stays whole until replaced.

use super::ExportError;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Tells apart the temporary files of exports running at once in one process.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

/// Files written but not yet in place; the temporary ones are removed when dropped uncommitted.
#[derive(Debug, Default)]
pub(crate) struct Staging {
    /// (temporary file, destination), in the order written.
    files: Vec<(PathBuf, PathBuf)>,
}

impl Staging {
    /// Writes `bytes` as the future content of `path`.
    pub(crate) fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
        self.write_with(path, &mut |out| out.write_all(bytes).map_err(|source| io(path, source)))
    }

    /// Streams the future content of `path` through `write`, buffered.
    pub(crate) fn write_with(
        &mut self,
        path: &Path,
        write: &mut dyn FnMut(&mut dyn Write) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        let temp = temp_path(path)?;
        // Registered before it exists, so whatever happens next, dropping removes it.
        self.files.push((temp.clone(), path.to_owned()));
        let file = fs::File::create(&temp).map_err(|source| io(path, source))?;
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        let file = out.into_inner().map_err(|e| io(path, e.into_error()))?;
        // On disk before the rename, so a crash cannot leave an empty file under the real name.
        file.sync_all().map_err(|source| io(path, source))
    }

    /// Moves every file into place, in order.
    pub(crate) fn commit(mut self) -> Result<(), ExportError> {
        let files = std::mem::take(&mut self.files);
        let mut dirs: Vec<PathBuf> = Vec::new();
        for (i, (temp, path)) in files.iter().enumerate() {
            if let Err(source) = fs::rename(temp, path) {
                // The rest are still temporary: let dropping remove them.
                self.files = files.get(i..).unwrap_or_default().to_vec();
                return Err(io(path, source));
            }
            let dir = parent(path);
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
        // Make the renames durable; not every platform can sync a folder, so best effort.
        for dir in dirs {
            if let Ok(dir) = fs::File::open(&dir) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        for (temp, _) in &self.files {
            let _ = fs::remove_file(temp);
        }
    }
}

/// The folder `path` is in ("." for a bare file name).
fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// `DIR/.NAME.part-PID-N`: hidden, in the same folder so the rename cannot cross file systems.
fn temp_path(path: &Path) -> Result<PathBuf, ExportError> {
    let name = path
        .file_name()
        .ok_or_else(|| io(path, std::io::Error::other("the path names no file")))?;
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!(
        ".part-{}-{}",
        std::process::id(),
        NEXT_TEMP.fetch_add(1, Ordering::Relaxed)
    ));
    Ok(parent(path).join(temp))
}

fn io(path: &Path, source: std::io::Error) -> ExportError {
    ExportError::Io {
        path: path.to_owned(),
        source,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A fresh, empty temporary directory for a test (the deck's tests use it too).
    pub(in crate::export) fn dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("bps-staging-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    /// The names of the files in `dir`, sorted.
    pub(in crate::export) fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn nothing_is_in_place_until_the_commit() {
        let dir = dir("commit");
        fs::write(dir.join("a.png"), b"old").expect("old file");
        let mut staging = Staging::default();
        staging.write(&dir.join("a.png"), b"new a").expect("a");
        staging.write(&dir.join("b.png"), b"new b").expect("b");
        assert_eq!(fs::read(dir.join("a.png")).expect("a"), b"old");
        assert!(!dir.join("b.png").exists());
        staging.commit().expect("commit");
        assert_eq!(names(&dir), ["a.png", "b.png"], "no temporary files left");
        assert_eq!(fs::read(dir.join("a.png")).expect("a"), b"new a");
    }

    #[test]
    fn dropping_uncommitted_leaves_the_folder_as_it_was() {
        let dir = dir("drop");
        fs::write(dir.join("a.png"), b"old").expect("old file");
        let mut staging = Staging::default();
        staging.write(&dir.join("a.png"), b"new a").expect("a");
        staging.write(&dir.join("b.png"), b"new b").expect("b");
        drop(staging);
        assert_eq!(names(&dir), ["a.png"]);
        assert_eq!(fs::read(dir.join("a.png")).expect("a"), b"old");
    }
}
