//! The output folder, written atomically: a build goes into a staging folder
//! next to `OUTPUT` and is swapped in only when the whole build succeeded,
//! so a failed build leaves the previous output exactly as it was. A small
//! record (`.loa-build.json`) marks the folder as loa's, remembers what the
//! build was made from, and lets an unchanged site skip the work.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::fs;
use crate::messages::Msg;

pub const RECORD: &str = ".loa-build.json";

/// Where rendered files go: the staging folder of a build, or memory for
/// `loa serve`.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// Publishes a file as it is (content assets).
    fn copy_file(&self, from: &Path, rel: &str) -> Result<(), Diagnostic>;
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        fs::write(&self.path(rel), bytes)
    }

    fn copy_file(&self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        fs::copy(from, &self.path(rel))
    }
}

/// A build in progress. Dropping it without `commit` removes it.
pub struct Staging {
    pub dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

/// What a finished build was made from and which files it wrote.
#[derive(Serialize, Deserialize, Default, PartialEq, Debug)]
pub struct Record {
    pub generator: String,
    pub fingerprint: String,
    pub pages: usize,
    pub posters: usize,
    /// Output-relative path → (size, modification time in ns).
    pub files: BTreeMap<String, (u64, u128)>,
    /// Poster folder or file → hash of the inputs it was made from.
    #[serde(default)]
    pub poster_keys: BTreeMap<String, String>,
}

/// Refuses output folders that would swallow the site's own sources, and
/// folders with someone else's files in them.
pub fn check_target(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = fs::absolute(root);
    let output = fs::absolute(output);
    let unsafe_target = output == root
        || root.starts_with(&output)
        || ["content", "themes", "static", "src", ".git"].iter().any(|d| output.starts_with(root.join(d)));
    if unsafe_target {
        return Err(Diagnostic::error(Msg::OutputUnsafe { output: fs::display(&output) }, None));
    }
    let has_files = std::fs::read_dir(&output).map(|mut d| d.next().is_some()).unwrap_or(false);
    if has_files && !output.join(RECORD).is_file() {
        return Err(Diagnostic::error(Msg::OutputNotOurs { output: fs::display(&output) }, None));
    }
    Ok(())
}

/// The record of the build currently in `output`, if any.
pub fn read_record(output: &Path) -> Option<Record> {
    let text = std::fs::read_to_string(output.join(RECORD)).ok()?;
    serde_json::from_str(&text).ok()
}

/// True when every file the record lists is still there, untouched, and no
/// file was added: the output is exactly what that build wrote.
pub fn output_intact(output: &Path, record: &Record) -> bool {
    let mut seen = 0usize;
    for entry in walkdir::WalkDir::new(output).min_depth(1) {
        let Ok(entry) = entry else { return false };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(output) else {
            return false;
        };
        let rel = fs::display(rel);
        if rel == RECORD {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            return false;
        };
        if record.files.get(&rel) != Some(&stamp(&meta)) {
            return false;
        }
        seen += 1;
    }
    seen == record.files.len()
}

/// Size and modification time: what tells a file was changed.
pub fn stamp(meta: &std::fs::Metadata) -> (u64, u128) {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    (meta.len(), mtime)
}

impl Staging {
    pub fn create(output: &Path) -> Result<Staging, Diagnostic> {
        let output = fs::absolute(output);
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let name =
            output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
        let dir = parent.join(format!(".{name}.loa-staging-{}", std::process::id()));
        if dir.exists() {
            let _ = std::fs::remove_dir_all(&dir);
        }
        std::fs::create_dir_all(&dir).map_err(|e| fs::write_error(&dir, &e))?;
        Ok(Staging { dir, output, committed: false })
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// Writes the record, then swaps the staging folder in for the output.
    pub fn commit(mut self, mut record: Record) -> Result<(), Diagnostic> {
        record.files = list_files(&self.dir)?;
        let json = serde_json::to_vec_pretty(&record).unwrap_or_default();
        fs::write(&self.dir.join(RECORD), &json)?;
        swap_in(&self.dir, &self.output)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn list_files(dir: &Path) -> Result<BTreeMap<String, (u64, u128)>, Diagnostic> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(|e| fs::read_error(dir, &std::io::Error::other(e.to_string())))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let meta = entry
                .metadata()
                .map_err(|e| fs::read_error(entry.path(), &std::io::Error::other(e.to_string())))?;
            files.insert(fs::display(rel), stamp(&meta));
        }
    }
    Ok(files)
}

/// Puts `staging` where `output` is. On Linux the two folders are exchanged
/// in one atomic step, so a web server never sees a missing or half-written
/// site; elsewhere the old output is moved aside first.
fn swap_in(staging: &Path, output: &Path) -> Result<(), Diagnostic> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(|e| fs::write_error(output, &e));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            let _ = std::fs::remove_dir_all(staging);
            return Ok(());
        }
    }
    let old = staging.with_extension("old");
    std::fs::rename(output, &old).map_err(|e| fs::write_error(output, &e))?;
    if let Err(e) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(fs::write_error(output, &e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}
