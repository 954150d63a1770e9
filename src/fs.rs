//! File access that names the path in every error, and the one place where
//! source text is decoded: UTF-8 only, BOM dropped, CRLF turned into LF,
//! and Unicode normalised to NFC (Vietnamese typed on some systems arrives
//! decomposed, which breaks slugs, search and font measuring).

use std::path::{Path, PathBuf};

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;

/// Reads a text source file. `shown` is the path used in messages
/// (relative to the site root).
pub fn read_source(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| read_error(shown, &e))?;
    decode_source(bytes, shown)
}

/// Turns raw bytes into normalised text, or explains why it cannot.
pub fn decode_source(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            return Err(not_utf8(err.as_bytes(), err.utf8_error().valid_up_to(), shown));
        }
    };
    Ok(normalise(text))
}

/// BOM, line endings and NFC, for text that is already valid UTF-8.
pub fn normalise(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    if is_nfc_quick(text.chars()) != unicode_normalization::IsNormalized::Yes {
        text = text.nfc().collect();
    }
    // CommonMark: a NUL is replaced by U+FFFD; it would also cut XML short.
    if text.contains('\0') {
        text = text.replace('\0', "\u{fffd}");
    }
    text
}

fn not_utf8(bytes: &[u8], valid_up_to: usize, shown: &Path) -> Diagnostic {
    let line = bytes[..valid_up_to].iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = bytes[..valid_up_to].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let line_end =
        bytes[valid_up_to..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |i| valid_up_to + i);
    let prefix = String::from_utf8_lossy(&bytes[line_start..valid_up_to]);
    let column = prefix.chars().count() + 1;
    let source_line =
        String::from_utf8_lossy(&bytes[line_start..line_end]).trim_end_matches('\r').to_string();
    let legacy = bytes.iter().any(|b| *b >= 0x80);
    Diagnostic::error(
        Msg::NotUtf8 { legacy },
        Some(Location { file: shown.to_path_buf(), line, column, width: 1, source_line }),
    )
}

pub fn read_error(shown: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Msg::ReadFailed { path: display(shown), reason: err.to_string() },
        Some(Location::file(shown)),
    )
}

pub fn write_error(path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Msg::WriteFailed { path: display(path), reason: err.to_string() },
        Some(Location::file(path)),
    )
}

/// Opens the regular file `rel` (`/`-separated) inside `root` without
/// following a symbolic link anywhere below `root`: a folder of the site
/// swapped for a link to `/etc` between scanning and reading can never make
/// loa publish or serve what lies outside.
#[cfg(unix)]
pub fn open_beneath(root: &Path, rel: &str) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags, openat};
    let mut parts = rel.split('/').filter(|p| !p.is_empty()).peekable();
    let mut dir =
        rustix::fs::open(root, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?;
    while let Some(part) = parts.next() {
        if part == ".." || part == "." {
            return Err(std::io::Error::from(std::io::ErrorKind::InvalidInput));
        }
        let last = parts.peek().is_none();
        // NONBLOCK: opening a FIFO put in a file's place must not hang.
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let flags = if last { flags | OFlags::NONBLOCK } else { flags | OFlags::DIRECTORY };
        dir = openat(&dir, part, flags, Mode::empty())?;
    }
    let file = std::fs::File::from(dir);
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::from(std::io::ErrorKind::InvalidInput));
    }
    Ok(file)
}

/// Elsewhere: refuses a link on the way, checked just before opening.
#[cfg(not(unix))]
pub fn open_beneath(root: &Path, rel: &str) -> std::io::Result<std::fs::File> {
    let mut path = root.to_path_buf();
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        path.push(part);
        if part == ".." || std::fs::symlink_metadata(&path)?.file_type().is_symlink() {
            return Err(std::io::Error::from(std::io::ErrorKind::InvalidInput));
        }
    }
    std::fs::File::open(path)
}

/// The bytes of `rel` inside `root`, read as `open_beneath` opens it.
pub fn read_beneath(root: &Path, rel: &str) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_beneath(root, rel)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Writes `bytes` to `path`, creating parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| write_error(parent, &e))?;
    }
    std::fs::write(path, bytes).map_err(|e| write_error(path, &e))
}

/// Copies `rel` inside `root` (opened as `open_beneath` does) to `to`,
/// creating parent folders. `shown` names the source in messages.
pub fn copy_beneath(root: &Path, rel: &str, shown: &Path, to: &Path) -> Result<(), Diagnostic> {
    let mut from = open_beneath(root, rel).map_err(|e| read_error(shown, &e))?;
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| write_error(parent, &e))?;
    }
    let mut target = std::fs::File::create(to).map_err(|e| write_error(to, &e))?;
    // Tell a failed read from a failed write: each names its own file.
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = match std::io::Read::read(&mut from, &mut buffer) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            read => read.map_err(|e| read_error(shown, &e))?,
        };
        if n == 0 {
            return Ok(());
        }
        std::io::Write::write_all(&mut target, &buffer[..n]).map_err(|e| write_error(to, &e))?;
    }
}

pub fn display(path: &Path) -> String {
    crate::diagnostics::display_path(path)
}

/// `path` with links resolved, in the form people and other programs use:
/// on Windows without the `\\?\` prefix `canonicalize` adds there, which
/// file-watching events and messages do not have.
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    let path = std::fs::canonicalize(path)?;
    #[cfg(windows)]
    if let Some(plain) = path.to_str().and_then(|p| p.strip_prefix(r"\\?\")) {
        // `\\?\UNC\…` (network shares) and over-long paths need the prefix.
        if !plain.starts_with(r"UNC\") && plain.len() < 260 {
            return Ok(PathBuf::from(plain));
        }
    }
    Ok(path)
}

/// `path` made absolute against the current folder, without touching the disk.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_nfd_are_normalised() {
        let nfd = "\u{feff}Đa\u{306}ng ky\u{301}\r\ndo\u{302}\u{300}ng\r\n";
        let text = decode_source(nfd.as_bytes().to_vec(), Path::new("a.md")).unwrap();
        assert_eq!(text, "Đăng ký\ndồng\n");
    }

    #[test]
    fn a_failed_read_is_a_read_error_naming_the_source() {
        let dir = tempfile::tempdir().unwrap();
        let shown = Path::new("content/vneid/anh.png");
        let err =
            copy_beneath(dir.path(), "vneid/anh.png", shown, &dir.path().join("out/anh.png")).unwrap_err();
        assert!(
            matches!(&err.msg, Msg::ReadFailed { path, .. } if path == "content/vneid/anh.png"),
            "{err:?}"
        );
        assert_eq!(err.location.unwrap().file, shown);
    }

    #[cfg(unix)]
    #[test]
    fn links_below_the_root_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("content");
        std::fs::create_dir_all(root.join("real")).unwrap();
        std::fs::write(root.join("real/a.txt"), "a").unwrap();
        std::os::unix::fs::symlink(root.join("real"), root.join("link")).unwrap();
        std::os::unix::fs::symlink(root.join("real/a.txt"), root.join("b.txt")).unwrap();
        assert_eq!(read_beneath(&root, "real/a.txt").unwrap(), b"a");
        for rel in ["link/a.txt", "b.txt", "../content/real/a.txt", "real"] {
            assert!(read_beneath(&root, rel).is_err(), "{rel}");
        }
    }

    #[test]
    fn windows_1258_is_rejected_with_its_line() {
        // "Đăng" in Windows-1258: Đ = 0xD0, ă = 0xE3.
        let bytes = b"---\ntitle: \xD0\xE3ng\n---\n".to_vec();
        let err = decode_source(bytes, Path::new("content/a.md")).unwrap_err();
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 8));
        assert!(matches!(err.msg, Msg::NotUtf8 { .. }));
    }
}
