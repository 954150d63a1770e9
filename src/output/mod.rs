//! The output folder, written atomically: a build goes into a staging folder
//! next to `OUTPUT` and is swapped in only when the whole build succeeded,
//! so a failed build leaves the previous output exactly as it was. A record
//! (`.loa-build.json`) marks the folder as loa's, lists every file the build
//! wrote, and lets an unchanged site skip the work. A file in the output
//! that the record does not list is someone else's: loa refuses to build
//! over it rather than delete it.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::content::Asset;
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::fs;
use crate::messages::Msg;

mod swap;

pub const RECORD: &str = ".loa-build.json";
/// Marks a staging folder as loa's until it is committed.
const STAGING_MARK: &str = ".loa-staging";
/// How many stray files an error names before it only counts them.
const STRAYS_SHOWN: usize = 10;

/// Where rendered files go: the staging folder of a build, or memory for
/// `loa serve`.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// Publishes a content file as it is.
    fn copy_asset(&self, asset: &Asset) -> Result<(), Diagnostic>;
}

impl Sink for Staging<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.own(rel)?;
        fs::write(&self.path(rel), bytes)
    }

    fn copy_asset(&self, asset: &Asset) -> Result<(), Diagnostic> {
        self.own(&asset.output)?;
        fs::copy_beneath(&asset.root, &asset.on_disk, &asset.shown, &self.path(&asset.output))
    }
}

/// A build in progress. Dropped without `commit`, it is removed; a failed
/// removal is reported, never ignored.
pub struct Staging<'r> {
    pub dir: PathBuf,
    output: PathBuf,
    /// Every path written so far: each may be written once (see `outputs`).
    written: Mutex<HashSet<String>>,
    report: &'r Report,
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
    /// Picture (output path of its original) → what its files were made from.
    #[serde(default)]
    pub picture_keys: BTreeMap<String, PictureKey>,
}

/// A picture's original, known by size and time so that an unchanged file
/// is not even read again, and by content hash so that a touched but equal
/// file is not encoded again.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct PictureKey {
    pub stamp: (u64, u128),
    pub hash: String,
}

/// The folder a build writes to: `output` itself, or where it leads when it
/// is a symbolic link (the link is kept, its target updated atomically).
pub fn resolve(output: &Path) -> Result<PathBuf, Diagnostic> {
    let output = fs::absolute(output);
    let is_link = std::fs::symlink_metadata(&output).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(output);
    }
    match fs::canonical(&output) {
        Ok(target) if target.is_dir() => Ok(target),
        _ => Err(Diagnostic::error(
            Msg::OutputLinkBroken { output: fs::display(&output) },
            Some(Location::file(&output)),
        )),
    }
}

/// Refuses output folders that would swallow the site's own sources, and
/// folders holding files loa did not write (listed in the error).
pub fn check_target(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = fs::canonical(root).unwrap_or_else(|_| fs::absolute(root));
    let unsafe_target = output == root
        || root.starts_with(output)
        || ["content", "themes", "static", "src", ".git"].iter().any(|d| output.starts_with(root.join(d)));
    if unsafe_target {
        return Err(Diagnostic::error(
            Msg::OutputUnsafe { output: fs::display(output) },
            Some(Location::file(output)),
        ));
    }
    let has_files = std::fs::read_dir(output).map(|mut d| d.next().is_some()).unwrap_or(false);
    if !has_files {
        return Ok(());
    }
    let Some(record) = read_record(output) else {
        return Err(Diagnostic::error(
            Msg::OutputNotOurs { output: fs::display(output) },
            Some(Location::file(output)),
        ));
    };
    let strays = strays(output, &record);
    if strays.is_empty() {
        return Ok(());
    }
    let count = strays.len();
    let files = strays.into_iter().take(STRAYS_SHOWN).collect();
    let at = Some(Location::file(output));
    Err(Diagnostic::error(Msg::OutputHasStrays { output: fs::display(output), files, count }, at))
}

/// Files in `output` that the record does not list, sorted.
fn strays(output: &Path, record: &Record) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(output).min_depth(1).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = fs::display(entry.path().strip_prefix(output).unwrap_or(entry.path()));
        if rel != RECORD && !record.files.contains_key(&rel) {
            found.push(rel);
        }
    }
    found
}

impl Record {
    /// True when the files `rels` of `folder` are as this build wrote them.
    pub fn files_untouched(&self, folder: &Path, rels: &[String]) -> bool {
        rels.iter().all(|rel| {
            let stamp = std::fs::metadata(folder.join(rel)).ok().map(|m| stamp(&m));
            stamp.is_some() && self.files.get(rel) == stamp.as_ref()
        })
    }
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
        if entry.file_type().is_dir() {
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
        if !entry.file_type().is_file() || record.files.get(&rel) != Some(&stamp(&meta)) {
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

impl<'r> Staging<'r> {
    /// A fresh staging folder next to `output` (already resolved), after
    /// removing what interrupted builds left there. Problems with that
    /// clean-up, and with the clean-up of this one, go to `report`.
    pub fn create(output: &Path, report: &'r Report) -> Result<Staging<'r>, Diagnostic> {
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let prefix = staging_prefix(output);
        remove_stale(&parent, &prefix, report);
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| fs::write_error(&dir, &e))?;
        let staging = Staging {
            dir,
            output: output.to_path_buf(),
            written: Mutex::default(),
            report,
            committed: false,
        };
        fs::write(&staging.dir.join(STAGING_MARK), fs::display(output).as_bytes())?;
        Ok(staging)
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// Claims `rel` for one write. `outputs` already refused every clash it
    /// could foresee; this makes "one owner per file" hold for whatever
    /// writes here, so no file is ever silently replaced by another.
    fn own(&self, rel: &str) -> Result<(), Diagnostic> {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if written.insert(rel.to_string()) {
            return Ok(());
        }
        Err(Diagnostic::error(
            Msg::WrittenTwice { path: rel.to_string() },
            Some(Location::file(Path::new(rel))),
        ))
    }

    /// Removes a linked file so that `rel` can be written afresh. A link
    /// that cannot be removed stays claimed: writing through it would
    /// change the previous output's file, which a failed build must keep.
    fn take_back(&self, rel: &str) {
        let path = self.path(rel);
        match std::fs::remove_file(&path) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                let msg = Msg::CleanupFailed { path: fs::display(&path), reason: err.to_string() };
                self.report.warning(msg, Some(Location::file(&path)));
            }
            _ => {
                self.written.lock().unwrap_or_else(|e| e.into_inner()).remove(rel);
            }
        }
    }

    /// Links (or copies) the files `rels` of the previous output `from`
    /// into the staging folder. All or nothing: on a failure the ones
    /// already linked are taken back, so they can be written afresh.
    pub fn link_all(&self, from: &Path, rels: &[String]) -> bool {
        let mut owned = Vec::with_capacity(rels.len());
        let all_linked = rels.iter().all(|rel| {
            if self.own(rel).is_err() {
                return false;
            }
            owned.push(rel);
            let target = self.path(rel);
            target.parent().is_some_and(|p| std::fs::create_dir_all(p).is_ok())
                && (std::fs::hard_link(from.join(rel), &target).is_ok()
                    || std::fs::copy(from.join(rel), &target).is_ok())
        });
        if !all_linked {
            for rel in owned {
                self.take_back(rel);
            }
        }
        all_linked
    }

    /// Writes the record, then swaps the staging folder in for the output.
    pub fn commit(mut self, mut record: Record) -> Result<(), Diagnostic> {
        let mark = self.dir.join(STAGING_MARK);
        std::fs::remove_file(&mark).map_err(|e| fs::write_error(&mark, &e))?;
        record.files = list_files(&self.dir)?;
        let json = serde_json::to_vec_pretty(&record).unwrap_or_default();
        fs::write(&self.dir.join(RECORD), &json)?;
        let old = swap::swap_in(&mut swap::Disk, &self.dir, &self.output)
            .map_err(|(path, e)| fs::write_error(&path, &e))?;
        self.committed = true;
        if let Some(old) = old {
            remove_or_report(&old, self.report);
        }
        Ok(())
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.committed {
            remove_or_report(&self.dir, self.report);
        }
    }
}

/// `.output.loa-staging-`: staging folders of `output` start with this.
fn staging_prefix(output: &Path) -> String {
    let name =
        output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    format!(".{name}.loa-staging-")
}

/// Removes staging folders of `prefix` in `parent` that interrupted builds
/// left behind: loa's by their name and by the mark or record inside, and
/// stale because the process that made them is gone.
fn remove_stale(parent: &Path, prefix: &str, report: &Report) {
    for leftover in leftovers(parent, prefix) {
        remove_or_report(&leftover.path, report);
    }
}

/// Puts a build back in place of a missing `output` when a swap was
/// interrupted half-way (`swap`: not on Linux, where it is one step).
pub fn recover(output: &Path, report: &Report) {
    if std::fs::symlink_metadata(output).is_ok() {
        return;
    }
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let leftovers = leftovers(&parent, &staging_prefix(output));
    if let Some(build) = swap::to_restore(&leftovers) {
        if let Err(err) = std::fs::rename(build, output) {
            let msg = Msg::CleanupFailed { path: fs::display(build), reason: err.to_string() };
            report.warning(msg, Some(Location::file(build)));
        }
    }
}

/// Staging folders of `prefix` in `parent` whose build is over: loa's by
/// their name and the mark or record inside, made by a process that is
/// gone.
fn leftovers(parent: &Path, prefix: &str) -> Vec<swap::Leftover> {
    let Ok(entries) = std::fs::read_dir(parent) else { return Vec::new() };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else { continue };
        let pid = rest.split('.').next().and_then(|p| p.parse::<u32>().ok());
        let path = entry.path();
        let (marked, recorded) = (path.join(STAGING_MARK).is_file(), path.join(RECORD).is_file());
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && (marked || recorded) && pid.is_some_and(|pid| !running(pid)) {
            let set_aside = rest.ends_with(swap::SET_ASIDE);
            found.push(swap::Leftover { path, complete: recorded && !marked, set_aside });
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// True when another live process has this id (a build running now).
fn running(pid: u32) -> bool {
    // Our own number on a leftover is an earlier process's.
    pid != std::process::id() && crate::platform::process_running(pid)
}

fn remove_or_report(dir: &Path, report: &Report) {
    if let Err(err) = std::fs::remove_dir_all(dir) {
        if err.kind() != std::io::ErrorKind::NotFound {
            let msg = Msg::CleanupFailed { path: fs::display(dir), reason: err.to_string() };
            report.warning(msg, Some(Location::file(dir)));
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
