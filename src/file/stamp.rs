//! What a file on disk looks like from outside: enough to notice that someone else wrote it.

use std::path::Path;
use std::time::SystemTime;

/// A file's modification time and size. Two stamps differ when the file was rewritten; the
/// size catches rewrites within one tick of a coarse file system clock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiskStamp {
    modified: Option<SystemTime>,
    len: u64,
}

/// The stamp of the file at `path`, or `None` when it cannot be read (gone, or no permission).
pub fn stamp(path: &Path) -> Option<DiskStamp> {
    let metadata = std::fs::metadata(path).ok()?;
    Some(DiskStamp {
        modified: metadata.modified().ok(),
        len: metadata.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_changes_the_stamp_and_reading_does_not() {
        let dir = std::env::temp_dir().join(format!("bp-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("plan.ron");
        std::fs::write(&path, "one").expect("write");
        let first = stamp(&path).expect("stamp");
        let _ = std::fs::read(&path);
        assert_eq!(stamp(&path), Some(first));
        std::fs::write(&path, "other").expect("rewrite");
        assert_ne!(stamp(&path), Some(first));
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(stamp(&path), None);
    }
}
