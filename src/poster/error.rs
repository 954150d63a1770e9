//! The poster engine's error type. Every failure names the page (or sheet) it
//! belongs to and, where it can, the template field, so `loa` can report it
//! against the right file.

/// What can go wrong while laying out or rendering a poster.
#[derive(Debug, thiserror::Error)]
pub enum PosterError {
    /// A string does not fit its box even at the smallest allowed size.
    #[error("{page}: the {field} does not fit on the poster ({reason}): “{text}”")]
    TextDoesNotFit {
        /// The page or sheet the poster is made for (`PosterData::page_label`).
        page: String,
        /// The template field (`title`, `steps`, `url`, …).
        field: String,
        /// The text that did not fit.
        text: String,
        /// Why, as data: a caller words it in its own language.
        reason: Misfit,
    },
    /// A character the poster fonts cannot draw (it would be printed as nothing).
    #[error(
        "{page}: the poster font has no glyph for {ch:?} (U+{code:04X}) in “{text}”; \
         replace the character or use a theme font that has it",
        code = u32::from(*.ch)
    )]
    MissingGlyph {
        /// The page or sheet.
        page: String,
        /// The missing character.
        ch: char,
        /// The string it occurs in.
        text: String,
    },
    /// The URL cannot be encoded as a QR code, or the code would print too small.
    #[error("{page}: QR code: {message}")]
    Qr {
        /// The page or sheet (empty when called from `encode_qr`).
        page: String,
        /// What is wrong.
        message: String,
    },
    /// A syntax or rendering error in a theme's poster template.
    #[error("{file}:{line}: {message}")]
    Template {
        /// Template name as given to `PosterEngine::new`.
        file: String,
        /// 1-based line, 0 when unknown.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The theme's font files are unusable.
    #[error("poster font: {0}")]
    Font(String),
    /// The SVG produced by a template cannot be rendered (bad XML, wrong page size …).
    #[error("{0}")]
    Render(String),
}

/// Why text could not be set.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Misfit {
    /// A single word is wider than its box even at the smallest size.
    #[error("the word “{word}” is wider than its box at the smallest size")]
    WordTooWide { word: String },
    /// The text needs more lines than allowed at the smallest size.
    #[error("needs {needed} lines at the smallest size, at most {allowed} allowed")]
    TooManyLines { needed: usize, allowed: usize },
    /// An address that cannot be broken into the allowed lines.
    #[error("the address needs more than {allowed} lines at the smallest size")]
    UrlTooLong { allowed: usize },
    /// More steps than the layout has room for.
    #[error("{count} steps, at most {allowed} fit")]
    TooManySteps { count: usize, allowed: usize },
    /// The blocks together leave too little room for the QR code.
    #[error("the texts together leave too little room for the QR code")]
    NoRoom,
    /// Text drawn outside the printable area (`mm` from each edge).
    #[error("text outside the printable area ({mm} mm from each edge)")]
    OutsidePrintable { mm: f32 },
    /// Text drawn over a QR code or its quiet zone.
    #[error("text over a QR code or its quiet zone")]
    OverQuietZone,
    /// What a theme's own template reports.
    #[error("{0}")]
    Other(String),
}

impl PosterError {
    /// A `Qr` error without page context (used by `encode_qr`).
    pub(crate) fn qr(message: impl Into<String>) -> Self {
        PosterError::Qr { page: String::new(), message: message.into() }
    }

    /// Attach the page label to errors raised before it was known.
    pub(crate) fn on_page(mut self, label: &str) -> Self {
        match &mut self {
            PosterError::TextDoesNotFit { page, .. }
            | PosterError::MissingGlyph { page, .. }
            | PosterError::Qr { page, .. }
                if page.is_empty() =>
            {
                *page = label.to_string();
            }
            _ => {}
        }
        self
    }
}

/// Map a Tera error to `PosterError::Template` with file and line.
pub(crate) fn from_tera(err: &tera::Error, fallback_file: &str) -> PosterError {
    match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            PosterError::Template {
                file: non_empty(report.filename(), fallback_file),
                line: report.span().start_line,
                message: report.message().to_string(),
            }
        }
        _ => PosterError::Template { file: fallback_file.to_string(), line: 0, message: err.to_string() },
    }
}

fn non_empty(name: &str, fallback: &str) -> String {
    if name.is_empty() { fallback } else { name }.to_string()
}
