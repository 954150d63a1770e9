//! Reading the logs: every file streamed in turn, plain or gzip (told by
//! its first bytes, not its name), each line handed on as a slice of the
//! read buffer. A line too long to be a request, or one the formats do not
//! fit, is counted and skipped; the first few are located for the officer.

use std::cell::Cell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use memchr::memchr;

use super::line::{self, Malformed};
use super::site_map::SiteMap;
use super::tally::Tally;

/// No request line is this long; a longer "line" is junk, and is not
/// gathered into memory.
const MAX_LINE: usize = 64 * 1024;
const BUFFER: usize = 1 << 20;
/// Skipped lines located in the report; the rest are only counted.
pub const SHOWN_SKIPPED: usize = 5;

/// A skipped line: where, and why. Never its text: it holds a resident's
/// address.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    pub file: PathBuf,
    pub line: u64,
    pub why: Malformed,
}

/// How reading one file ended when it did not reach its end.
pub struct Cut {
    pub after_line: u64,
    pub error: std::io::Error,
}

/// Reads `path` into `tally`. `progress` is told the bytes of the file
/// read so far (compressed bytes, for gzip). `Err` when it cannot be
/// opened; `Ok(Some(cut))` when it stopped early (a gzip file cut off while
/// it was written): what came before is counted.
pub fn read_file(
    path: &Path,
    site: &SiteMap,
    tally: &mut Tally,
    skipped: &mut Vec<Skipped>,
    progress: &dyn Fn(u64),
) -> std::io::Result<Option<Cut>> {
    let read = Rc::new(Cell::new(0u64));
    let file = Counted { inner: File::open(path)?, read: Rc::clone(&read) };
    let mut peek = BufReader::with_capacity(BUFFER, file);
    let head = peek.fill_buf()?;
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    if let Some(format) = unsupported_compression(head) {
        return Err(std::io::Error::new(std::io::ErrorKind::Unsupported, format));
    }
    let source: Box<dyn Read> =
        if gzip { Box::new(flate2::bufread::MultiGzDecoder::new(peek)) } else { Box::new(peek) };
    let mut number = 0u64;
    let mut on_line = |text: &[u8], too_long: bool| {
        number += 1;
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if line::is_blank(text) {
            return;
        }
        tally.counts.lines += 1;
        let result =
            if too_long { Err(Malformed::Shape) } else { line::read(text, |hit| tally.add(hit, site)) };
        if let Err(why) = result {
            tally.counts.malformed += 1;
            if skipped.len() < SHOWN_SKIPPED {
                skipped.push(Skipped { file: path.to_path_buf(), line: number, why });
            }
        }
    };
    let result = lines(BufReader::with_capacity(BUFFER, source), &mut on_line, &|| progress(read.get()));
    Ok(result.err().map(|error| Cut { after_line: number, error }))
}

/// Other compressions logrotate can be set to use, by their first bytes:
/// read as text, every line would be junk.
fn unsupported_compression(head: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 3] =
        [(&[0x28, 0xb5, 0x2f, 0xfd], "zstd"), (b"BZh", "bzip2"), (&[0xfd, b'7', b'z', b'X', b'Z', 0], "xz")];
    KINDS.iter().find(|(magic, _)| head.starts_with(magic)).map(|(_, name)| *name)
}

/// Calls `on_line` for every line of `reader` (without its `\n`), with
/// `true` for one cut short at `MAX_LINE`.
fn lines(
    mut reader: impl BufRead,
    on_line: &mut dyn FnMut(&[u8], bool),
    tick: &dyn Fn(),
) -> std::io::Result<()> {
    let mut carry: Vec<u8> = Vec::new();
    let mut too_long = false;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            break;
        }
        let mut start = 0;
        while let Some(i) = memchr(b'\n', &buffer[start..]) {
            let end = start + i;
            if carry.is_empty() && !too_long {
                on_line(&buffer[start..end], i > MAX_LINE);
            } else {
                too_long |= carry.len() + i > MAX_LINE;
                carry
                    .extend_from_slice(&buffer[start..end.min(start + MAX_LINE.saturating_sub(carry.len()))]);
                on_line(&carry, too_long);
                carry.clear();
                too_long = false;
            }
            start = end + 1;
        }
        let rest = &buffer[start..];
        if carry.len() + rest.len() > MAX_LINE {
            too_long = true;
            carry.clear();
        } else if !too_long {
            carry.extend_from_slice(rest);
        }
        let used = buffer.len();
        reader.consume(used);
        tick();
    }
    if !carry.is_empty() || too_long {
        on_line(&carry, too_long);
    }
    Ok(())
}

/// A file that counts the bytes read from it, for the progress bar.
struct Counted {
    inner: File,
    read: Rc<Cell<u64>>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &[u8], capacity: usize) -> Vec<(String, bool)> {
        let mut got = Vec::new();
        let reader = BufReader::with_capacity(capacity, text);
        lines(
            reader,
            &mut |l, long| got.push((String::from_utf8_lossy(&l[..l.len().min(8)]).into_owned(), long)),
            &|| {},
        )
        .expect("reads");
        got
    }

    #[test]
    fn lines_across_buffer_edges() {
        let want = vec![
            ("alpha".to_string(), false),
            ("beta".into(), false),
            ("".into(), false),
            ("gamma".into(), false),
        ];
        for capacity in [1, 2, 3, 7, 64] {
            assert_eq!(split(b"alpha\nbeta\n\ngamma", capacity), want, "capacity {capacity}");
        }
    }

    #[test]
    fn a_huge_line_is_cut_and_flagged_not_gathered() {
        let mut text = b"a\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_LINE * 3));
        text.extend(b"\nb\n");
        for capacity in [4096, BUFFER] {
            let got = split(&text, capacity);
            let flags: Vec<(&str, bool)> =
                got.iter().map(|(l, long)| (&l[..l.len().min(1)], *long)).collect();
            assert_eq!(flags, [("a", false), ("x", true), ("b", false)], "{capacity}");
        }
    }
}
