//! Putting a finished build in place of the output folder so that the
//! output is always one whole build, and recovering when that was cut off.
//!
//! On Linux the two folders are exchanged in one step (`renameat2` with
//! `RENAME_EXCHANGE`). Windows (and file systems without the exchange) has
//! no such call, so there it takes three:
//!
//! 1. the output is renamed aside, to `<staging>.old`;
//! 2. the staging folder is renamed to the output;
//! 3. the folder set aside is removed (by the caller).
//!
//! The build's record is written into the staging folder before step 1 and
//! its staging mark removed, so a complete build is recognisable. Cut off
//! after step 1, the output is missing: the next build puts the complete
//! new build in (`to_restore`), else the previous output back. Cut off
//! after step 2, the folder set aside is an ordinary leftover, removed.
//! The decisions are separate from the system calls (`Folders`) so that
//! they are tested on any system, failures and interruptions included.

use std::io;
use std::path::{Path, PathBuf};

/// The suffix of an output set aside during a swap.
pub(super) const SET_ASIDE: &str = ".old";

/// The folder operations a swap needs.
pub(super) trait Folders {
    /// Exchanges two folders in one step: `Ok(false)` when the system or
    /// file system cannot.
    fn exchange(&mut self, a: &Path, b: &Path) -> io::Result<bool>;
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    fn exists(&self, path: &Path) -> bool;
}

/// The real file system.
pub(super) struct Disk;

impl Folders for Disk {
    fn exchange(&mut self, a: &Path, b: &Path) -> io::Result<bool> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{CWD, RenameFlags, renameat_with};
            Ok(renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok())
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (a, b);
            Ok(false)
        }
    }

    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn exists(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok()
    }
}

/// Puts `staging` where `output` is; returns where the previous output
/// went, for the caller to remove. On failure the previous output is in
/// place again, or the error names where it is.
pub(super) fn swap_in(
    folders: &mut impl Folders,
    staging: &Path,
    output: &Path,
) -> Result<Option<PathBuf>, (PathBuf, io::Error)> {
    if !folders.exists(output) {
        folders.rename(staging, output).map_err(|e| (output.to_path_buf(), e))?;
        return Ok(None);
    }
    if folders.exchange(staging, output).unwrap_or(false) {
        return Ok(Some(staging.to_path_buf()));
    }
    let aside = set_aside(staging);
    folders.rename(output, &aside).map_err(|e| (output.to_path_buf(), e))?;
    if let Err(e) = folders.rename(staging, output) {
        // Put the previous output back; if even that fails, say where it is.
        return match folders.rename(&aside, output) {
            Ok(()) => Err((output.to_path_buf(), e)),
            Err(back) => Err((aside, back)),
        };
    }
    Ok(Some(aside))
}

/// Where the output goes during a swap from `staging`.
fn set_aside(staging: &Path) -> PathBuf {
    let mut name = staging.file_name().unwrap_or_default().to_os_string();
    name.push(SET_ASIDE);
    staging.with_file_name(name)
}

/// A folder an earlier, finished build process left beside the output.
#[derive(Debug, Clone)]
pub(super) struct Leftover {
    pub path: PathBuf,
    /// Has its record and no staging mark: a whole build, ready to go in.
    pub complete: bool,
    /// An output set aside by a swap (`SET_ASIDE`).
    pub set_aside: bool,
}

/// With the output missing, the leftover to put in its place: a complete
/// new build first (the swap was cut off after setting the old one aside),
/// else the output set aside. A half-written build is never put in.
pub(super) fn to_restore(leftovers: &[Leftover]) -> Option<&Path> {
    let new = leftovers.iter().find(|l| l.complete && !l.set_aside);
    let old = leftovers.iter().find(|l| l.set_aside && l.complete);
    new.or(old).map(|l| l.path.as_path())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Folders by path, holding a label of what is in them; fails the
    /// `fail_at`-th rename, or stops there as if the process were killed.
    #[derive(Default)]
    struct Fake {
        folders: BTreeMap<PathBuf, &'static str>,
        can_exchange: bool,
        renames: usize,
        fail_at: Option<usize>,
    }

    impl Folders for Fake {
        fn exchange(&mut self, a: &Path, b: &Path) -> io::Result<bool> {
            if !self.can_exchange {
                return Ok(false);
            }
            let (x, y) = (self.folders[a], self.folders[b]);
            self.folders.insert(a.to_path_buf(), y);
            self.folders.insert(b.to_path_buf(), x);
            Ok(true)
        }

        fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
            self.renames += 1;
            if self.fail_at == Some(self.renames) || self.folders.contains_key(to) {
                return Err(io::Error::other("refused"));
            }
            let what = self.folders.remove(from).ok_or_else(|| io::Error::other("missing"))?;
            self.folders.insert(to.to_path_buf(), what);
            Ok(())
        }

        fn exists(&self, path: &Path) -> bool {
            self.folders.contains_key(path)
        }
    }

    fn paths() -> (PathBuf, PathBuf) {
        (PathBuf::from("site/.output.loa-staging-42"), PathBuf::from("site/output"))
    }

    fn with_output() -> Fake {
        let (staging, output) = paths();
        Fake { folders: [(staging, "new"), (output, "old")].into(), ..Fake::default() }
    }

    #[test]
    fn without_exchange_the_old_output_is_set_aside_then_the_new_one_goes_in() {
        let (staging, output) = paths();
        let mut fake = with_output();
        let aside = swap_in(&mut fake, &staging, &output).expect("swapped");
        assert_eq!(aside, Some(PathBuf::from("site/.output.loa-staging-42.old")));
        assert_eq!(fake.folders[&output], "new");
        assert_eq!(fake.folders[aside.as_deref().unwrap_or(Path::new(""))], "old");
    }

    #[test]
    fn with_exchange_it_is_one_step() {
        let (staging, output) = paths();
        let mut fake = Fake { can_exchange: true, ..with_output() };
        assert_eq!(swap_in(&mut fake, &staging, &output).expect("swapped"), Some(staging.clone()));
        assert_eq!((fake.folders[&output], fake.folders[&staging], fake.renames), ("new", "old", 0));
    }

    #[test]
    fn a_first_build_is_renamed_in() {
        let (staging, output) = paths();
        let mut fake = Fake { folders: [(staging.clone(), "new")].into(), ..Fake::default() };
        assert_eq!(swap_in(&mut fake, &staging, &output).expect("swapped"), None);
        assert_eq!(fake.folders[&output], "new");
    }

    #[test]
    fn a_failed_rename_leaves_the_old_output_in_place() {
        let (staging, output) = paths();
        for fail_at in [1, 2] {
            let mut fake = Fake { fail_at: Some(fail_at), ..with_output() };
            let (named, _) = swap_in(&mut fake, &staging, &output).expect_err("fails");
            assert_eq!(named, output, "rename {fail_at}");
            assert_eq!(fake.folders[&output], "old", "rename {fail_at}");
            assert_eq!(fake.folders[&staging], "new", "the build is kept for the caller to remove");
        }
    }

    #[test]
    fn when_the_old_output_cannot_be_put_back_the_error_says_where_it_is() {
        let (staging, output) = paths();
        // Rename 2 (new in) fails, and so does rename 3 (old back).
        struct Stuck(Fake);
        impl Folders for Stuck {
            fn exchange(&mut self, a: &Path, b: &Path) -> io::Result<bool> {
                self.0.exchange(a, b)
            }
            fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
                match self.0.renames {
                    0 => self.0.rename(from, to),
                    _ => Err(io::Error::other("locked")),
                }
            }
            fn exists(&self, path: &Path) -> bool {
                self.0.exists(path)
            }
        }
        let mut stuck = Stuck(with_output());
        let (named, _) = swap_in(&mut stuck, &staging, &output).expect_err("fails");
        assert_eq!(named, PathBuf::from("site/.output.loa-staging-42.old"));
        assert_eq!(stuck.0.folders[&named], "old");
    }

    /// Kill the process before each step of a swap; the next build's
    /// recovery must leave a whole build in place: the new one once it was
    /// complete, never nothing.
    #[test]
    fn a_swap_cut_off_at_any_step_is_recovered_by_the_next_build() {
        let (staging, output) = paths();
        for killed_before in 1..=3 {
            let mut fake = with_output();
            let _cut = swap_in(&mut KilledAt(&mut fake, killed_before), &staging, &output);
            let leftovers: Vec<Leftover> = fake
                .folders
                .keys()
                .filter(|p| **p != output)
                .map(|p| Leftover {
                    path: p.clone(),
                    complete: true,
                    set_aside: p.to_string_lossy().ends_with(SET_ASIDE),
                })
                .collect();
            if !fake.exists(&output) {
                let restore = to_restore(&leftovers).expect("something to restore").to_path_buf();
                fake.rename(&restore, &output).expect("restored");
            }
            let want = if killed_before == 1 { "old" } else { "new" };
            assert_eq!(fake.folders[&output], want, "killed before rename {killed_before}");
        }
    }

    /// Renames stop for good at the `n`-th: the process is gone.
    struct KilledAt<'a>(&'a mut Fake, usize);

    impl Folders for KilledAt<'_> {
        fn exchange(&mut self, a: &Path, b: &Path) -> io::Result<bool> {
            self.0.exchange(a, b)
        }
        fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
            if self.0.renames + 1 >= self.1 {
                self.0.renames += 1;
                return Err(io::Error::other("killed"));
            }
            self.0.rename(from, to)
        }
        fn exists(&self, path: &Path) -> bool {
            self.0.exists(path)
        }
    }

    #[test]
    fn a_half_written_build_is_never_put_in() {
        let half = Leftover { path: "a".into(), complete: false, set_aside: false };
        let old = Leftover { path: "a.old".into(), complete: true, set_aside: true };
        assert_eq!(to_restore(&[half.clone(), old]), Some(Path::new("a.old")));
        assert_eq!(to_restore(&[half]), None);
    }
}
