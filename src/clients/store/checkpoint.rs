//! Copying the write-ahead log into the database beside the writer, not inside it. SQLite's
//! automatic checkpoint runs in the committing thread: the writer stopped for every copy
//! and its two syncs, an eighth of its time in a burst. A connection of its own on another
//! thread (`local listen` runs it) copies what the log holds after each commit, passively:
//! it waits for no one, and the writer goes on appending meanwhile.
//!
//! The writer's own automatic checkpoint stays as the backstop: when this one falls behind
//! or fails, the log is still copied and cut back at 10,000 pages, with less left to copy.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{StoreError, classify};

/// A second connection to a store, which only checkpoints.
#[derive(Debug)]
pub struct Checkpointer {
    conn: Connection,
    path: PathBuf,
}

/// What one checkpoint found: pages in the log, and how many of them are in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpointed {
    pub in_log: i64,
    pub copied: i64,
}

impl Checkpointer {
    /// Opens the store at `path` (made by [`super::Store::open`]) for checkpoints.
    pub fn open(path: &Path) -> Result<Checkpointer, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            source: e.into(),
        })?;
        // Another checkpoint under way (the writer's backstop) is waited for, briefly.
        conn.busy_timeout(Duration::from_millis(100))
            .map_err(|e| classify(path, e))?;
        Ok(Checkpointer {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Copies the log's pages that no reader still needs into the database, without
    /// waiting for the writer or the readers (a passive checkpoint).
    pub fn checkpoint(&self) -> Result<Checkpointed, StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                Ok(Checkpointed {
                    in_log: r.get(1)?,
                    copied: r.get(2)?,
                })
            })
            .map_err(|e| classify(&self.path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients::store::Store;

    #[test]
    fn a_checkpoint_copies_the_writers_commits_into_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spans.db");
        let store = Store::open(&path).unwrap();
        let checkpointer = Checkpointer::open(&path).unwrap();
        let first = checkpointer.checkpoint().unwrap();
        assert_eq!(first.in_log, first.copied);
        store
            .conn
            .execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('kept')")
            .unwrap();
        let after = checkpointer.checkpoint().unwrap();
        // The log was started anew after the first copy (all of it copied): it holds
        // just this commit's pages now.
        assert!(after.in_log > 0, "{after:?} after {first:?}");
        assert_eq!(after.copied, after.in_log);
        // The database file itself now holds the commit: read with the log set aside.
        drop(checkpointer);
        let copy = dir.path().join("copy.db");
        std::fs::copy(&path, &copy).unwrap();
        let alone = Connection::open(&copy).unwrap();
        let kept: String = alone
            .query_row("SELECT x FROM notes", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, "kept");
    }
}
