//! Noticing that the open file changed on disk (a sync folder, `git pull`, another window).
//!
//! A stat of one file is cheap, so the editor looks when its window gains focus and every
//! [`INTERVAL`] while it runs; no watcher thread or extra dependency is needed for one file.

use crate::file::{DiskStamp, stamp};
use std::path::Path;
use std::time::{Duration, Instant};

/// How often the open file is looked at while the window stays focused.
pub const INTERVAL: Duration = Duration::from_secs(2);

/// What the editor knows about its file on disk.
#[derive(Clone, Debug, Default)]
pub struct DiskWatch {
    /// The file as it was when last read or written by us.
    saved: Option<DiskStamp>,
    /// A hash of its bytes then: a file written again with the same bytes (a sync tool, an
    /// editor that saves unchanged) is not news.
    content: Option<u64>,
    /// A later version the user has already answered for (Ignore, Keep mine), so they are asked
    /// once per change rather than every few seconds.
    dismissed: Option<DiskStamp>,
    /// When the file was last looked at.
    checked: Option<Instant>,
}

impl DiskWatch {
    /// Watching `path` as it is now (nothing to watch without a path).
    pub fn of(path: Option<&Path>) -> DiskWatch {
        DiskWatch {
            saved: path.and_then(stamp),
            content: path.and_then(content_hash),
            ..DiskWatch::default()
        }
    }

    /// Takes the file as it is now as ours: after a save, so our own writes raise no question.
    pub fn remember(&mut self, path: &Path) {
        *self = DiskWatch::of(Some(path));
    }

    /// The file's stamp, if it changed since we read or wrote it and nobody answered for this
    /// version yet.
    pub fn news(&mut self, path: &Path) -> Option<DiskStamp> {
        let now = stamp(path)?;
        (self.differs(path, now) && Some(now) != self.dismissed).then_some(now)
    }

    /// Whether the file changed since we read or wrote it, answered for or not: saving over it
    /// then asks first.
    pub fn changed_since_saved(&mut self, path: &Path) -> bool {
        stamp(path).is_some_and(|now| self.differs(path, now))
    }

    /// Whether the file, stamped `now`, holds other bytes than we read or wrote. Its stamp
    /// says when it might; its bytes are read only then, and the same bytes under a new stamp
    /// are taken as ours.
    fn differs(&mut self, path: &Path, now: DiskStamp) -> bool {
        if Some(now) == self.saved {
            return false;
        }
        if self.content.is_some() && content_hash(path) == self.content {
            self.saved = Some(now);
            return false;
        }
        true
    }

    /// Stops asking about this version of the file.
    pub fn dismiss(&mut self, seen: DiskStamp) {
        self.dismissed = Some(seen);
    }

    /// Whether [`INTERVAL`] has passed since the last look; starts the next interval if so.
    pub fn due(&mut self, now: Instant) -> bool {
        let due = self.checked.is_none_or(|at| now.duration_since(at) >= INTERVAL);
        if due {
            self.checked = Some(now);
        }
        due
    }
}

/// A hash of the bytes of the file at `path`, when it can be read.
fn content_hash(path: &Path) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let bytes = std::fs::read(path).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_save_raises_nothing_their_write_once_and_saving_over_it_is_known() {
        let dir = std::env::temp_dir().join(format!("bp-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("plan.ron");
        std::fs::write(&path, "ours").expect("write");
        let mut watch = DiskWatch::of(Some(&path));
        assert_eq!(watch.news(&path), None);
        std::fs::write(&path, "ours, saved again").expect("our save");
        watch.remember(&path);
        assert_eq!(watch.news(&path), None, "our own save");
        std::fs::write(&path, "theirs, longer than ours").expect("their write");
        let seen = watch.news(&path).expect("noticed");
        watch.dismiss(seen);
        assert_eq!(watch.news(&path), None, "asked once per change");
        assert!(watch.changed_since_saved(&path), "saving over it still asks");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn the_same_bytes_written_again_are_no_news() {
        let dir = std::env::temp_dir().join(format!("bp-watch-same-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("plan.ron");
        std::fs::write(&path, "ours").expect("write");
        let mut watch = DiskWatch::of(Some(&path));
        // A sync tool writes the file again, unchanged, a moment later: a new time stamp.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, "ours").expect("rewrite");
        assert_ne!(stamp(&path), watch.saved, "the stamp moved");
        assert_eq!(watch.news(&path), None, "the same bytes");
        assert!(!watch.changed_since_saved(&path), "saving needs no question");
        std::fs::write(&path, "ouRs").expect("their edit, same length");
        assert!(watch.news(&path).is_some(), "other bytes are news");
        // Work restored after a crash knows nothing of the file's bytes: any stamp is news.
        let mut unknown = DiskWatch::default();
        assert!(unknown.news(&path).is_some());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn looks_again_only_after_the_interval() {
        let mut watch = DiskWatch::default();
        let start = Instant::now();
        assert!(watch.due(start));
        assert!(!watch.due(start + INTERVAL / 2));
        assert!(watch.due(start + INTERVAL));
    }
}
