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
    Diagnostic::error(Msg::ReadFailed { path: display(shown), reason: err.to_string() }, None)
}

pub fn write_error(path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Msg::WriteFailed { path: display(path), reason: err.to_string() }, None)
}

/// Writes `bytes` to `path`, creating parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| write_error(parent, &e))?;
    }
    std::fs::write(path, bytes).map_err(|e| write_error(path, &e))
}

/// Copies a file, creating parent folders.
pub fn copy(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| write_error(parent, &e))?;
    }
    std::fs::copy(from, to).map(|_| ()).map_err(|e| write_error(to, &e))
}

pub fn display(path: &Path) -> String {
    crate::diagnostics::display_path(path)
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
    fn windows_1258_is_rejected_with_its_line() {
        // "Đăng" in Windows-1258: Đ = 0xD0, ă = 0xE3.
        let bytes = b"---\ntitle: \xD0\xE3ng\n---\n".to_vec();
        let err = decode_source(bytes, Path::new("content/a.md")).unwrap_err();
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 8));
        assert!(matches!(err.msg, Msg::NotUtf8 { .. }));
    }
}
