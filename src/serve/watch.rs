//! What `loa serve` watches: the site folder itself (its own entries, for
//! `site.yaml` and for folders coming and going) and `content/` and
//! `themes/` with everything in them; never `output/` or `.git/`. A watch
//! follows the folder it was put on, not its name, so each of the two is
//! watched again whenever it appears, disappears or is replaced (an officer
//! restoring `content/` from a copy, a `themes/` made for an override).

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::messages::Chrome;
use crate::terminal::Global;

/// How long to wait for an editor to finish a save (several events, an
/// atomic rename) before rebuilding.
const SETTLE: Duration = Duration::from_millis(20);

/// The folders watched with everything in them.
const FOLDERS: [&str; 2] = ["content", "themes"];

pub type Events = std::sync::mpsc::Receiver<DebounceEventResult>;
type Debouncer =
    notify_debouncer_full::Debouncer<notify::RecommendedWatcher, notify_debouncer_full::RecommendedCache>;

pub struct Watcher {
    debouncer: Debouncer,
    root: PathBuf,
    /// Which of `FOLDERS` has a live watch.
    armed: [bool; 2],
    /// The guide packs `site.yaml` lists, each watched with everything in it.
    packs: Vec<PathBuf>,
    global: Global,
}

/// A settled batch of changes.
pub struct Batch {
    /// The sources that changed, sorted.
    pub changed: Vec<PathBuf>,
    /// Events were lost (the system's queue overflowed, the watcher failed):
    /// everything must be read again.
    pub rescan: bool,
}

impl Watcher {
    /// Starts watching the sources. Done before the first build, so no save
    /// made after the address is printed can be missed.
    pub fn start(root: &Path, global: Global) -> Option<(Watcher, Events)> {
        let (tx, rx) = std::sync::mpsc::channel();
        let debouncer = match new_debouncer(SETTLE, None, tx) {
            Ok(debouncer) => debouncer,
            Err(err) => {
                eprintln!("{}", Chrome::serve_watch_failed(global.lang, &err.to_string()));
                return None;
            }
        };
        let mut watcher =
            Watcher { debouncer, root: root.to_path_buf(), armed: [false; 2], packs: Vec::new(), global };
        if let Err(err) = watcher.debouncer.watch(root, RecursiveMode::NonRecursive) {
            eprintln!("{}", Chrome::serve_watch_failed(global.lang, &err.to_string()));
        }
        watcher.rearm(&[], false);
        watcher.watch_packs();
        Some((watcher, rx))
    }

    /// Puts the watches back where the batch needs it, then says which
    /// sources changed. Re-arming comes first: the rebuild that follows
    /// then reads every file made before the new watch, and the watch
    /// reports every file made after.
    pub fn settle(&mut self, batch: DebounceEventResult) -> Batch {
        let (paths, rescan) = match batch {
            Ok(events) => (
                events
                    .iter()
                    .filter(|e| !e.kind.is_access())
                    .flat_map(|e| e.paths.iter().cloned())
                    .collect::<Vec<_>>(),
                events.iter().any(|e| e.need_rescan()),
            ),
            Err(_) => (Vec::new(), true),
        };
        self.rearm(&paths, rescan);
        if rescan || paths.iter().any(|p| p.ends_with(crate::config::FILE_NAME)) {
            self.watch_packs();
        }
        let mut changed: Vec<PathBuf> = paths
            .into_iter()
            .filter(|p| relevant(&self.root, p) || self.packs.iter().any(|pack| in_pack(pack, p)))
            .collect();
        changed.sort();
        changed.dedup();
        Batch { changed, rescan }
    }

    /// Watches each folder of `FOLDERS` that exists, again when `touched`
    /// names the folder itself (made, deleted, moved: the old watch is
    /// gone or follows the old folder) or when `all`.
    fn rearm(&mut self, touched: &[PathBuf], all: bool) {
        for (i, name) in FOLDERS.iter().enumerate() {
            let path = self.root.join(name);
            let exists = path.is_dir();
            if !all && exists == self.armed[i] && !touched.contains(&path) {
                continue;
            }
            if std::mem::take(&mut self.armed[i]) {
                // Fails when the system already dropped the watch: fine.
                let _gone = self.debouncer.unwatch(&path);
            }
            if exists {
                match self.debouncer.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => self.armed[i] = true,
                    Err(err) => {
                        eprintln!("{}", Chrome::serve_watch_failed(self.global.lang, &err.to_string()))
                    }
                }
            }
        }
    }
}

impl Watcher {
    /// Watches the packs `site.yaml` now lists (and no longer those it
    /// dropped). A `site.yaml` that cannot be read keeps the last ones.
    fn watch_packs(&mut self) {
        let Ok((config, _)) = crate::config::Config::load(&self.root, None) else { return };
        let wanted: Vec<PathBuf> = config.packs.iter().map(|p| self.root.join(&p.path)).collect();
        for old in std::mem::take(&mut self.packs) {
            if !wanted.contains(&old) {
                let _gone = self.debouncer.unwatch(&old);
            }
        }
        for pack in wanted {
            match self.debouncer.watch(&pack, RecursiveMode::Recursive) {
                Ok(()) => self.packs.push(pack),
                Err(err) => eprintln!("{}", Chrome::serve_watch_failed(self.global.lang, &err.to_string())),
            }
        }
    }
}

/// A file of a pack's, not an editor's leftover.
fn in_pack(pack: &Path, path: &Path) -> bool {
    path.starts_with(pack) && !leftover(path)
}

/// Editor swap and backup files, dotfiles, vim's write test (`4913`).
fn leftover(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#') || name == "4913"
}

/// Sources only: the site's files, not editor swap files or the output.
fn relevant(root: &Path, path: &Path) -> bool {
    let hidden = leftover(path);
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let top =
        rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    !hidden && (FOLDERS.contains(&top.as_str()) || rel == Path::new(crate::config::FILE_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_are_relevant() {
        let root = Path::new("/site");
        for (path, expected) in [
            ("/site/content/vneid/kich-hoat.md", true),
            ("/site/content", true),
            ("/site/themes/default/templates/base.html", true),
            ("/site/site.yaml", true),
            ("/site/output/index.html", false),
            ("/site/.git/index", false),
            ("/site/content/vneid/.kich-hoat.md.swp", false),
            ("/site/content/vneid/kich-hoat.md~", false),
            ("/site/content/vneid/4913", false),
            ("/elsewhere/content/a.md", false),
        ] {
            assert_eq!(relevant(root, Path::new(path)), expected, "{path}");
        }
    }
}
