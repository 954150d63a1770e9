//! PDFs this engine wrote, joined page by page into one document: the
//! print bundle from each poster's own A4 PDF, a sheet file from its pages
//! drawn now or kept from the last build. Each page keeps the objects it
//! uses (its font subsets, content, resources), renumbered; nothing is
//! drawn or compressed again, so joining 1,000 posters takes milliseconds.
//!
//! Reads the classic cross-reference table and direct stream lengths that
//! krilla writes; anything else is refused as a PDF loa did not write.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{PdfMeta, PosterError};

/// An object number (generation 0: loa's PDFs are never updated in place).
type Id = u32;

/// A PDF read for joining: where each object is, and its pages in order.
pub struct PdfPages<'a> {
    bytes: &'a [u8],
    offsets: HashMap<Id, usize>,
    pages_root: Id,
    pages: Vec<Id>,
}

/// What a token of an object's direct part is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Int(i64),
    Name,
    /// `<<` or `[`.
    Open,
    /// `>>` or `]`.
    Close,
    Keyword,
    /// Strings and reals.
    Other,
}

/// A token and its byte range in the PDF.
#[derive(Clone, Copy, Debug)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// An object: the tokens of its direct part, and its stream data if any.
struct Object<'a> {
    tokens: Vec<Token>,
    stream: Option<&'a [u8]>,
}

fn refused(what: &str) -> PosterError {
    PosterError::Render(format!("joining PDFs: {what} (not a PDF loa wrote)"))
}

impl<'a> PdfPages<'a> {
    /// Reads the cross-reference table and the page list of `bytes`.
    pub fn read(bytes: &'a [u8]) -> Result<PdfPages<'a>, PosterError> {
        let tail_start = bytes.len().saturating_sub(64);
        let at = find(&bytes[tail_start..], b"startxref").ok_or_else(|| refused("no startxref"))?;
        let xref = number_after(bytes, tail_start + at + 9).ok_or_else(|| refused("bad startxref"))?;
        let table = bytes.get(xref..).ok_or_else(|| refused("bad xref offset"))?;
        let mut words = table.split(|b| is_space(*b)).filter(|w| !w.is_empty());
        if words.next() != Some(b"xref") {
            return Err(refused("no xref table"));
        }
        let first = parse_int(words.next()).ok_or_else(|| refused("bad xref"))?;
        let count = parse_int(words.next()).ok_or_else(|| refused("bad xref"))?;
        let mut offsets = HashMap::new();
        let end = first.checked_add(count).ok_or_else(|| refused("bad xref"))?;
        for id in first..end {
            match (parse_int(words.next()), words.next(), words.next()) {
                (Some(offset), Some(_), Some(b"n")) => offsets.insert(id, offset as usize),
                (Some(_), Some(_), Some(b"f")) => None,
                _ => return Err(refused("bad xref entry")),
            };
        }
        let trailer = find(table, b"trailer").ok_or_else(|| refused("no trailer"))? + xref + 7;
        let (tokens, _) = tokenize(bytes, trailer)?;
        let root = reference(bytes, &tokens, b"/Root").ok_or_else(|| refused("no /Root"))?;
        let mut pdf = PdfPages { bytes, offsets, pages_root: 0, pages: Vec::new() };
        let catalog = pdf.object(root)?;
        pdf.pages_root = reference(bytes, &catalog.tokens, b"/Pages").ok_or_else(|| refused("no /Pages"))?;
        let tree = pdf.object(pdf.pages_root)?;
        let kids = value(bytes, &tree.tokens, b"/Kids").ok_or_else(|| refused("no /Kids"))?;
        pdf.pages = ref_spans(bytes, kids).into_iter().map(|(_, id)| id).collect();
        for &page in &pdf.pages {
            let object = pdf.object(page)?;
            let kind = value(bytes, &object.tokens, b"/Type").and_then(|t| t.first());
            if kind.map(|t| &bytes[t.start..t.end]) != Some(b"/Page") {
                return Err(refused("a nested page tree"));
            }
        }
        Ok(pdf)
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn object(&self, id: Id) -> Result<Object<'a>, PosterError> {
        let start = *self.offsets.get(&id).ok_or_else(|| refused("a missing object"))?;
        let (mut tokens, end) = tokenize(self.bytes, start)?;
        // `N 0 obj`, the object, then `stream` or `endobj`.
        let last = tokens.pop().ok_or_else(|| refused("an empty object"))?;
        if tokens.len() < 4 {
            return Err(refused("a short object"));
        }
        tokens.drain(..3);
        let mut object = Object { tokens, stream: None };
        if &self.bytes[last.start..last.end] == b"stream" {
            let length = value(self.bytes, &object.tokens, b"/Length")
                .and_then(|t| match t {
                    [Token { kind: Kind::Int(n), .. }] => usize::try_from(*n).ok(),
                    _ => None,
                })
                .ok_or_else(|| refused("a stream without a direct /Length"))?;
            let data = end + usize::from(self.bytes.get(end) == Some(&b'\r')) + 1;
            let stream = data.checked_add(length).and_then(|end| self.bytes.get(data..end));
            let stream = stream.ok_or_else(|| refused("a short stream"))?;
            object.stream = Some(stream);
        }
        Ok(object)
    }
}

/// One document of `pages` — (index into `sources`, page index), in
/// order — titled and dated by `meta`.
pub fn join(sources: &[PdfPages], pages: &[(usize, usize)], meta: &PdfMeta) -> Result<Vec<u8>, PosterError> {
    let mut bytes = Vec::with_capacity(sources.iter().map(|s| s.bytes.len()).sum());
    bytes.extend_from_slice(b"%PDF-1.7\n%\x80\x80\x80\x80\n");
    let mut out = Joined { bytes, offsets: vec![0; 3] };
    // 1: the page tree, 2: the catalog, 3: document information.
    let mut kids = Vec::with_capacity(pages.len());
    let mut renumbered: HashMap<(usize, Id), Id> = HashMap::new();
    for &(source, index) in pages {
        let pdf = sources.get(source).ok_or_else(|| refused("a missing document"))?;
        let page = *pdf.pages.get(index).ok_or_else(|| refused("a missing page"))?;
        let mut todo = Vec::new();
        let mut number = |old: Id, out: &mut Joined, todo: &mut Vec<Id>| {
            *renumbered.entry((source, old)).or_insert_with(|| {
                todo.push(old);
                out.reserve()
            })
        };
        kids.push(number(page, &mut out, &mut todo));
        while let Some(old) = todo.pop() {
            let id = number(old, &mut out, &mut todo);
            let object = pdf.object(old)?;
            let (Some(first), Some(last)) = (object.tokens.first(), object.tokens.last()) else {
                return Err(refused("an empty object"));
            };
            let mut head = Vec::with_capacity(last.end - first.start);
            let mut copied = first.start;
            for ((from, to), target) in ref_spans(pdf.bytes, &object.tokens) {
                let target = match target {
                    // The page's /Parent: the new page tree.
                    t if t == pdf.pages_root => 1,
                    t if t != page && pdf.pages.contains(&t) => return Err(refused("a page naming another")),
                    t => number(t, &mut out, &mut todo),
                };
                head.extend_from_slice(&pdf.bytes[copied..from]);
                head.extend_from_slice(format!("{target} 0 R").as_bytes());
                copied = to;
            }
            head.extend_from_slice(&pdf.bytes[copied..last.end]);
            out.object(id, &head, object.stream);
        }
    }
    let mut tree = format!("<</Type/Pages/Count {}/Kids[", kids.len());
    for kid in &kids {
        let _ = write!(tree, "{kid} 0 R ");
    }
    tree.push_str("]>>");
    out.object(1, tree.as_bytes(), None);
    let catalog = format!("<</Type/Catalog/Pages 1 0 R/Lang{}>>", language(&meta.lang));
    out.object(2, catalog.as_bytes(), None);
    out.object(3, info(meta).as_bytes(), None);
    Ok(out.finish())
}

/// The document being written: its bytes and each object's offset.
struct Joined {
    bytes: Vec<u8>,
    /// Offset of object `i + 1`.
    offsets: Vec<usize>,
}

impl Joined {
    fn reserve(&mut self) -> Id {
        self.offsets.push(0);
        self.offsets.len() as Id
    }

    fn object(&mut self, id: Id, head: &[u8], stream: Option<&[u8]>) {
        self.offsets[id as usize - 1] = self.bytes.len();
        self.bytes.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        self.bytes.extend_from_slice(head);
        if let Some(data) = stream {
            self.bytes.extend_from_slice(b"\nstream\n");
            self.bytes.extend_from_slice(data);
            self.bytes.extend_from_slice(b"\nendstream");
        }
        self.bytes.extend_from_slice(b"\nendobj\n");
    }

    fn finish(mut self) -> Vec<u8> {
        let xref = self.bytes.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f\r\n", self.offsets.len() + 1);
        for offset in &self.offsets {
            let _ = write!(table, "{offset:010} 00000 n\r\n");
        }
        let id = blake3::hash(&self.bytes).to_hex();
        let id = &id.as_str()[..32];
        let _ = write!(
            table,
            "trailer\n<</Size {}/Root 2 0 R/Info 3 0 R/ID[<{id}><{id}>]>>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len() + 1
        );
        self.bytes.extend_from_slice(table.as_bytes());
        self.bytes
    }
}

/// Title, creator and date as krilla writes them for a single poster.
fn info(meta: &PdfMeta) -> String {
    let mut info = format!("<</Title{}/Creator(loa)", text_string(&meta.title));
    if let Some((year, month, day)) = meta.date {
        let date = format!("(D:{:04}{month:02}{day:02}000000Z)", year.clamp(0, 9999));
        let _ = write!(info, "/ModDate{date}/CreationDate{date}");
    }
    info.push_str(">>");
    info
}

/// A language tag as krilla writes it, `(vi)`; anything but a plain tag in hex.
fn language(lang: &str) -> String {
    if lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        format!("({lang})")
    } else {
        text_string(lang)
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, in hex.
fn text_string(text: &str) -> String {
    let mut hex = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(hex, "{unit:04X}");
    }
    hex.push('>');
    hex
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn number_after(bytes: &[u8], at: usize) -> Option<usize> {
    let text = std::str::from_utf8(bytes.get(at..)?).ok()?;
    text.split_ascii_whitespace().next()?.parse().ok()
}

fn parse_int(word: Option<&[u8]>) -> Option<Id> {
    std::str::from_utf8(word?).ok()?.parse().ok()
}

/// Tokens from `start` up to and including the first `stream` or
/// `endobj`, or of one dictionary when `start` is at one (the trailer);
/// returns them and where they stop.
fn tokenize(bytes: &[u8], start: usize) -> Result<(Vec<Token>, usize), PosterError> {
    let mut tokens: Vec<Token> = Vec::new();
    let (mut i, mut depth) = (start, 0usize);
    loop {
        while bytes.get(i).is_some_and(|b| is_space(*b)) {
            i += 1;
        }
        let &b = bytes.get(i).ok_or_else(|| refused("an object that runs off the end"))?;
        let begin = i;
        let word_end = |mut i: usize| {
            while bytes.get(i).is_some_and(|b| !is_space(*b) && !is_delimiter(*b)) {
                i += 1;
            }
            i
        };
        let kind = match (b, bytes.get(i + 1)) {
            (b'<', Some(b'<')) | (b'>', Some(b'>')) => {
                i += 2;
                if b == b'<' { Kind::Open } else { Kind::Close }
            }
            (b'[' | b']', _) => {
                i += 1;
                if b == b'[' { Kind::Open } else { Kind::Close }
            }
            (b'<', _) => {
                i = skip_past(bytes, i, b'>')?;
                Kind::Other
            }
            (b'(', _) => {
                i = skip_string(bytes, i)?;
                Kind::Other
            }
            (b'/', _) => {
                i = word_end(i + 1);
                Kind::Name
            }
            _ => {
                i = word_end(i);
                let word = &bytes[begin..i];
                match std::str::from_utf8(word).ok().map(|w| (w.parse::<i64>(), w)) {
                    _ if word.is_empty() => return Err(refused("a stray delimiter or comment")),
                    Some((Ok(n), _)) => Kind::Int(n),
                    _ if word[0].is_ascii_alphabetic() => Kind::Keyword,
                    _ => Kind::Other,
                }
            }
        };
        tokens.push(Token { kind, start: begin, end: i });
        match kind {
            Kind::Open => depth += 1,
            Kind::Close => depth = depth.checked_sub(1).ok_or_else(|| refused("unbalanced brackets"))?,
            Kind::Keyword if matches!(&bytes[begin..i], b"stream" | b"endobj") => return Ok((tokens, i)),
            _ => {}
        }
        if depth == 0 && tokens[0].kind == Kind::Open {
            return Ok((tokens, i));
        }
    }
}

fn skip_past(bytes: &[u8], from: usize, close: u8) -> Result<usize, PosterError> {
    let at = bytes[from..].iter().position(|&b| b == close).ok_or_else(|| refused("an open string"))?;
    Ok(from + at + 1)
}

/// Past a literal string: nested parentheses, backslash escapes.
fn skip_string(bytes: &[u8], from: usize) -> Result<usize, PosterError> {
    let (mut i, mut depth) = (from, 0);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(refused("an open string"))
}

/// Every `N 0 R` in `tokens`: its byte span and `N`.
fn ref_spans(bytes: &[u8], tokens: &[Token]) -> Vec<((usize, usize), Id)> {
    tokens
        .windows(3)
        .filter_map(|w| match (w[0].kind, w[1].kind, w[2].kind) {
            (Kind::Int(n), Kind::Int(_), Kind::Keyword) if &bytes[w[2].start..w[2].end] == b"R" => {
                Id::try_from(n).ok().map(|n| ((w[0].start, w[2].end), n))
            }
            _ => None,
        })
        .collect()
}

/// The value of `key` in the outermost dictionary of `tokens`.
fn value<'t>(bytes: &[u8], tokens: &'t [Token], key: &[u8]) -> Option<&'t [Token]> {
    let mut depth = 0i32;
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth -= 1,
            Kind::Name if depth == 1 && &bytes[t.start..t.end] == key => {
                let rest = &tokens[i + 1..];
                let len = match rest.first()?.kind {
                    Kind::Open => {
                        let mut d = 0;
                        rest.iter().position(|t| {
                            d += match t.kind {
                                Kind::Open => 1,
                                Kind::Close => -1,
                                _ => 0,
                            };
                            d == 0
                        })? + 1
                    }
                    Kind::Int(_) if rest.get(..3).is_some_and(|w| ref_spans(bytes, w).len() == 1) => 3,
                    _ => 1,
                };
                return rest.get(..len);
            }
            _ => {}
        }
    }
    None
}

fn reference(bytes: &[u8], tokens: &[Token], key: &[u8]) -> Option<Id> {
    ref_spans(bytes, value(bytes, tokens, key)?).first().map(|(_, id)| *id)
}
