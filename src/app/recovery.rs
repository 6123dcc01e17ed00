//! Autosave for crash recovery: while there are unsaved changes, the blueprint is written to a
//! recovery folder every 30 s; the next start offers to restore what a crashed run left.

use crate::file;
use crate::model::Blueprint;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often unsaved work is written to the recovery folder.
pub const INTERVAL: Duration = Duration::from_secs(30);

/// A recovery file left by an earlier run.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    /// The recovery file.
    pub path: PathBuf,
    /// The file the work belonged to, if it had one.
    pub original: Option<PathBuf>,
    /// Name to show.
    pub name: String,
    /// When it was written.
    pub modified: Option<std::time::SystemTime>,
}

/// Writes and finds recovery files for one running editor.
pub struct Autosave {
    dir: PathBuf,
    last: Option<Instant>,
    written: Option<PathBuf>,
}

impl Autosave {
    /// Recovery files go into `dir` (created when first needed).
    pub fn new(dir: PathBuf) -> Autosave {
        Autosave {
            dir,
            last: None,
            written: None,
        }
    }

    /// The recovery file of this process.
    fn own_path(&self) -> PathBuf {
        self.dir.join(format!("recovery-{}.ron", std::process::id()))
    }

    /// Writes the blueprint if `INTERVAL` has passed since the last write (or `now` is forced).
    /// Returns the error message if writing failed.
    pub fn tick(
        &mut self,
        blueprint: &Blueprint,
        original: Option<&Path>,
        name: &str,
        force: bool,
    ) -> Result<bool, String> {
        let due = self.last.is_none_or(|t| t.elapsed() >= INTERVAL);
        if !(due || force) {
            return Ok(false);
        }
        self.last = Some(Instant::now());
        std::fs::create_dir_all(&self.dir).map_err(|e| format!("{}: {e}", self.dir.display()))?;
        let path = self.own_path();
        // Atomic like a save, but a recovery file needs no backup of itself.
        let text = file::to_ron(blueprint).map_err(|e| e.to_string())?;
        file::write_atomically(&path, text.as_bytes(), false).map_err(|e| e.to_string())?;
        let origin = original.map(|p| p.display().to_string()).unwrap_or_default();
        std::fs::write(path.with_extension("origin"), format!("{origin}\n{name}\n")).map_err(|e| e.to_string())?;
        self.written = Some(path);
        Ok(true)
    }

    /// The work is saved (or discarded): remove this run's recovery file.
    pub fn clear(&mut self) {
        if let Some(path) = self.written.take() {
            let _ = std::fs::remove_file(path.with_extension("origin"));
            let _ = std::fs::remove_file(&path);
        }
        self.last = None;
    }

    /// Restarts the 30 s clock (after a save), so a fresh change is not written at once.
    pub fn reset_clock(&mut self) {
        self.last = Some(Instant::now());
    }

    /// Recovery files of runs that are no longer running, newest first.
    pub fn leftovers(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Recovered> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .filter(|p| {
                let pid = p
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .and_then(|s| s.strip_prefix("recovery-"))
                    .and_then(|s| s.parse::<u32>().ok());
                pid.is_some_and(|pid| pid != std::process::id() && !process_alive(pid))
            })
            .map(|path| {
                let origin = std::fs::read_to_string(path.with_extension("origin")).unwrap_or_default();
                let mut lines = origin.lines();
                let original = lines.next().filter(|l| !l.is_empty()).map(PathBuf::from);
                let name = lines.next().unwrap_or("untitled").to_owned();
                let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                Recovered {
                    path,
                    original,
                    name,
                    modified,
                }
            })
            .collect();
        found.sort_by_key(|r| std::cmp::Reverse(r.modified));
        found
    }

    /// Deletes a leftover recovery file.
    pub fn discard(recovered: &Recovered) {
        let _ = std::fs::remove_file(recovered.path.with_extension("origin"));
        let _ = std::fs::remove_file(&recovered.path);
    }
}

/// Whether a process with this id runs (Linux: /proc; elsewhere assume not, so work is offered).
fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_runs_recovery_file_is_found_and_its_origin_read() {
        let dir = std::env::temp_dir().join(format!("bp-recovery-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut autosave = Autosave::new(dir.clone());
        let b = crate::model::template(crate::i18n::Lang::En);
        assert_eq!(
            autosave.tick(&b, Some(Path::new("/tmp/plan.ron")), "plan.ron", false),
            Ok(true)
        );
        assert_eq!(
            autosave.tick(&b, None, "plan.ron", false),
            Ok(false),
            "not again within 30 s"
        );
        assert!(autosave.leftovers().is_empty(), "our own file is not a leftover");
        // Pretend it was written by a run that crashed: a pid that cannot be running.
        let own = dir.join(format!("recovery-{}.ron", std::process::id()));
        let dead = dir.join("recovery-4000000000.ron");
        std::fs::rename(&own, &dead).expect("rename");
        std::fs::rename(own.with_extension("origin"), dead.with_extension("origin")).expect("rename");
        let found = autosave.leftovers();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].original.as_deref(), Some(Path::new("/tmp/plan.ron")));
        assert_eq!(found[0].name, "plan.ron");
        assert_eq!(file::open(&found[0].path).expect("recovered file opens"), b);
        Autosave::discard(&found[0]);
        assert!(autosave.leftovers().is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
