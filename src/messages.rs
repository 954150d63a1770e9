//! Every sentence a user can read, in Vietnamese (default) and English.
//!
//! All user-facing wording lives here so it can be reviewed in one place.
//! A diagnostic is a `Msg` value; `Msg::text` gives what is wrong and what to
//! do, in the chosen language. Code elsewhere never formats prose itself.

use std::fmt::Write as _;

// The command line is read before the language of messages is known, so
// what it says is in both languages at once.
pub const CLI_ABOUT: &str = "loa — tạo trang hướng dẫn dịch vụ công và áp phích mã QR cho xã, phường, đặc khu\n\
     (static site and QR-poster generator for Vietnamese communes)";
pub const CLI_KINDS: &str = "xã|phường|đặc khu";
pub const CLI_NAME: &str = "TÊN";
pub const CLI_PROVINCE: &str = "TỈNH";

/// The words that mark sample text in brackets: `[… mẫu …]`, `[CẦN SỬA …]`
/// (matched in lower case; the first as a whole word).
pub const PLACEHOLDER_WORDS: [&str; 2] = ["mẫu", "cần sửa"];

/// The three kinds of commune-level unit since 1/7/2025, as `site.yaml`
/// and the site write them.
pub const UNIT_KINDS: [&str; 3] = ["xã", "phường", "đặc khu"];

pub const CLI_BAD_MONTH: &str = "viết tháng dạng YYYY-MM, ví dụ 2026-11 [a month as YYYY-MM]";
pub const CLI_BAD_LANG: &str = "chỉ dùng `vi` hoặc `en` [only `vi` or `en`]";
pub const CLI_BAD_BASE_URL: &str =
    "cần địa chỉ đầy đủ bắt đầu bằng https:// hoặc http:// [a full http(s) URL is required]";

/// The language of messages. Vietnamese unless asked otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise an English `LC_ALL`/`LC_MESSAGES`/`LANG`
    /// (`en`, `en_US.UTF-8`, …) selects English. Everything else is Vietnamese.
    pub fn detect(flag: Option<&str>) -> Lang {
        if let Some(flag) = flag {
            return Lang::parse(flag).unwrap_or_default();
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                if value.is_empty() {
                    continue;
                }
                return if value.starts_with("en") { Lang::En } else { Lang::Vi };
            }
        }
        Lang::Vi
    }

    pub fn parse(value: &str) -> Option<Lang> {
        match value.to_ascii_lowercase().as_str() {
            "vi" | "vn" | "vie" => Some(Lang::Vi),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }
}

/// What went wrong (or what happened), without where. Each variant has a
/// stable `code` used by `loa check --format json`.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    // --- files and folders -------------------------------------------------
    ReadFailed {
        path: String,
        reason: String,
    },
    WriteFailed {
        path: String,
        reason: String,
    },
    /// `legacy`: bytes of an 8-bit encoding such as Windows-1258 were seen.
    NotUtf8 {
        legacy: bool,
    },
    SiteYamlMissing {
        root: String,
    },
    FileNameNotUtf8 {
        name: String,
    },
    FileNameBackslash {
        name: String,
    },
    ContentDirMissing,
    OutputUnsafe {
        output: String,
    },
    OutputNotOurs {
        output: String,
    },
    /// A loa-made output holding files its record does not list.
    OutputHasStrays {
        output: String,
        /// The first few, sorted.
        files: Vec<String>,
        count: usize,
    },
    OutputLinkBroken {
        output: String,
    },
    /// Two stages wrote one output file (a loa bug: `outputs` should have
    /// refused the clash).
    WrittenTwice {
        path: String,
    },
    CleanupFailed {
        path: String,
        reason: String,
    },
    // --- YAML (site.yaml and front matter) ---------------------------------
    YamlSyntax {
        detail: String,
    },
    YamlTab,
    YamlColonInValue {
        key: String,
    },
    YamlUnclosedQuote {
        quote: char,
    },
    YamlBadIndent,
    YamlListNotText {
        key: String,
    },
    UnknownKey {
        key: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    MissingKey {
        key: String,
    },
    BadValue {
        key: String,
        detail: String,
    },
    BaseUrlInvalid {
        value: String,
    },
    HostPatternInvalid {
        value: String,
    },
    PanoSizeInvalid {
        value: String,
    },
    PanoDistanceInvalid {
        value: String,
    },
    PlacementCodeInvalid {
        value: String,
        suggestion: String,
    },
    PlacementCodeRepeated {
        code: String,
    },
    PlacementNameEmpty {
        code: String,
    },
    PackPathEmpty,
    PackRepeated {
        path: String,
    },
    PackMissing {
        path: String,
        root: String,
    },
    PackManifestMissing {
        path: String,
    },
    /// `pack.yaml`: `name` or `version` left empty.
    PackKeyEmpty {
        key: String,
    },
    /// A `hidden:` entry that matches no pack page.
    HiddenUnmatched {
        entry: String,
    },
    /// `hidden:` outside a site's own `_index.md` (a page, or a pack).
    HiddenMisplaced,
    /// The province changed a pack page the site has its own copy of.
    PackPageChanged(Box<Drift>),
    /// The site had its own copy of a pack page the pack no longer has.
    PackPageGone {
        pack: String,
    },
    /// A pack's `reviewed` date is older than `review.stale_after_months`.
    PackStale {
        pack: String,
        maintainer: String,
        date: String,
        months: u32,
    },
    /// `packs.lock.json` could not be read (it is then written anew) or written.
    PackLockUnreadable {
        reason: String,
    },
    PackLockWriteFailed {
        reason: String,
    },
    /// `loa accept PAGE`: the page is no copy of a pack page.
    AcceptNotACopy {
        page: String,
    },
    /// `loa report`: a log line neither format fits (`why`: `Malformed::code`).
    LogLineSkipped {
        why: &'static str,
    },
    /// `loa report`: the same log named twice.
    LogRepeated,
    /// `loa report`: a log compressed some other way than gzip.
    LogCompressed {
        format: String,
    },
    ReportMonthsReversed {
        since: String,
        until: String,
    },
    /// `loa report`: a log that ends early (a gzip file cut off).
    LogCut {
        after_line: u64,
        error: String,
    },
    LanguageInvalid {
        value: String,
    },
    UnitKindInvalid {
        value: String,
    },
    ThemeMissing {
        name: String,
    },
    DateInvalid {
        value: String,
    },
    // --- loa new / loa init ----------------------------------------------------
    SectionMissing {
        section: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    PageExists {
        path: String,
    },
    InitNotEmpty {
        dir: String,
    },
    // --- content -----------------------------------------------------------
    FrontMatterUnclosed,
    FrontMatterMissing,
    TitleEmpty,
    SlugInvalid {
        value: String,
        suggestion: String,
    },
    DuplicateUrl {
        url: String,
        other: Owner,
    },
    /// An HTML, SVG or script file in `content/` while raw HTML is off.
    ActiveFileNeedsHtml {
        ext: String,
    },
    /// An SVG file that carries script.
    SvgScript {
        what: String,
    },
    SvgInvalid {
        detail: String,
    },
    AliasInvalid {
        value: String,
    },
    SectionWithoutIndex {
        dir: String,
    },
    ServiceNumberInvalid {
        number: i64,
    },
    ServiceNumberDuplicate {
        number: i64,
        other: String,
    },
    ServiceOutsideSection,
    MissingDescription,
    MissingReviewed,
    StaleReview {
        date: String,
        months: u32,
    },
    MissingSources,
    /// Sample text: `[… mẫu …]`, `[CẦN SỬA …]`.
    Placeholder {
        text: String,
    },
    PlaceholderHost {
        host: String,
    },
    PlaceholderPage,
    UnitUndeclared,
    VariableUnknown {
        name: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    VariableUnclosed,
    // --- Markdown links ----------------------------------------------------
    PageLinkBroken {
        target: String,
        suggestion: Option<String>,
    },
    AnchorBroken {
        target: String,
        anchor: String,
        suggestion: Option<String>,
    },
    AssetMissing {
        target: String,
        suggestion: Option<String>,
    },
    /// `[…](…)` that Markdown did not read as a link (published as text).
    LinkSyntaxUnparsed,
    /// A PNG/JPEG/WebP whose header reads but whose pixels do not.
    PictureBroken {
        detail: String,
    },
    HostNotAllowed {
        host: String,
    },
    RetiredPortal {
        host: String,
    },
    LinkNotHttps {
        url: String,
    },
    LinkSchemeNotAllowed {
        url: String,
    },
    RawHtmlRemoved,
    ImageWithoutAlt {
        target: String,
    },
    // --- posters -----------------------------------------------------------
    PosterQrOffSite {
        url: String,
    },
    PosterTextTooLong {
        field: String,
        text: String,
        reason: crate::poster::Misfit,
    },
    PosterMissingGlyph {
        ch: char,
        text: String,
    },
    PosterFailed {
        detail: String,
    },
    PosterQrDense {
        version: u8,
        max: u8,
    },
    /// One pano of a page could not be made (the page's other posters were).
    PanoNotMade {
        size: String,
        why: Box<Msg>,
    },
    // --- video -------------------------------------------------------------
    VideoSourceBoth,
    VideoSourceMissing,
    /// A `video:` file key (`file`, `captions`, `poster`) naming the wrong kind of file.
    VideoFileType {
        key: String,
        value: String,
        allowed: String,
    },
    VideoDurationInvalid {
        value: String,
    },
    VideoHostNotAllowed {
        host: String,
        allowed: String,
    },
    /// An allowed host, but no clip in the address.
    VideoUrlInvalid {
        url: String,
    },
    VideoFileMissing {
        key: String,
        target: String,
    },
    /// A local clip without a `.vtt` next to it.
    VideoCaptionsMissing {
        expected: String,
    },
    /// `captions:` on a clip played by its host, which shows its own.
    VideoCaptionsIgnored,
    VideoTooLarge {
        size_mb: String,
        max_mb: u64,
    },
    VideoMaxMbInvalid,
    VideoCardFailed {
        detail: String,
    },
    // --- the waiting-room screen --------------------------------------------
    ScreenSecondsInvalid {
        value: i64,
        min: u32,
        max: u32,
    },
    /// A `screens.pages` entry that is no section or page of the site.
    ScreenPageUnknown {
        value: String,
        suggestion: Option<String>,
    },
    /// A listed page that gets no poster, hence no slide.
    ScreenPageNoPoster {
        value: String,
    },
    /// Pages are listed but posters are off: the slides are made from them.
    ScreenNeedsPosters,
    /// A slide that could not be made; `inner` says why, as for a poster.
    ScreenSlideFailed {
        inner: Box<Msg>,
    },
    /// A placement's copy of a poster that could not be made; `inner` says
    /// why, as for a poster.
    PlacementPosterFailed {
        name: String,
        inner: Box<Msg>,
    },
    // --- theme -------------------------------------------------------------
    TemplateError {
        detail: String,
    },
}

/// Who already owns an output path, as a `duplicate-url` message names it.
#[derive(Clone, Debug, PartialEq)]
pub enum Owner {
    /// A content file, page or not: `content/vneid/x.md`.
    File(String),
    /// An alias written in that file.
    Alias(String),
    /// The page of a tag.
    Tag(String),
    /// A file or folder loa writes itself: `sitemap.xml`, `posters/`.
    Loa(String),
}

/// A message rendered in one language: what is wrong, and what to do.
pub struct Text {
    pub what: String,
    pub help: Option<String>,
}

impl Text {
    /// Longest `what` and `help` printed; values quoted in them can be huge.
    const MAX: usize = 600;

    pub fn clipped(self) -> Text {
        let clip = |text: &str| clip(text, Self::MAX);
        Text { what: clip(&self.what), help: self.help.as_deref().map(clip) }
    }
}

impl Msg {
    /// Stable identifier, for machine-readable output and for docs.
    pub fn code(&self) -> &'static str {
        use Msg::*;
        match self {
            ReadFailed { .. } => "read-failed",
            WriteFailed { .. } => "write-failed",
            NotUtf8 { .. } => "not-utf8",
            SiteYamlMissing { .. } => "site-yaml-missing",
            FileNameNotUtf8 { .. } => "file-name-not-utf8",
            FileNameBackslash { .. } => "file-name-backslash",
            ContentDirMissing => "content-missing",
            OutputUnsafe { .. } => "output-unsafe",
            OutputNotOurs { .. } => "output-not-ours",
            OutputHasStrays { .. } => "output-has-strays",
            OutputLinkBroken { .. } => "output-link-broken",
            WrittenTwice { .. } => "written-twice",
            CleanupFailed { .. } => "cleanup-failed",
            YamlSyntax { .. } => "yaml-syntax",
            YamlTab => "yaml-tab",
            YamlColonInValue { .. } => "yaml-colon-in-value",
            YamlUnclosedQuote { .. } => "yaml-unclosed-quote",
            YamlBadIndent => "yaml-indent",
            YamlListNotText { .. } => "yaml-list-not-text",
            UnknownKey { .. } => "unknown-key",
            MissingKey { .. } => "missing-key",
            BadValue { .. } => "bad-value",
            BaseUrlInvalid { .. } => "base-url-invalid",
            HostPatternInvalid { .. } => "host-pattern-invalid",
            PanoSizeInvalid { .. } => "pano-size-invalid",
            PanoDistanceInvalid { .. } => "pano-distance-invalid",
            PlacementCodeInvalid { .. } => "placement-code-invalid",
            PlacementCodeRepeated { .. } => "placement-code-repeated",
            PlacementNameEmpty { .. } => "placement-name-empty",
            PackPathEmpty => "pack-path-empty",
            PackRepeated { .. } => "pack-repeated",
            PackMissing { .. } => "pack-missing",
            PackManifestMissing { .. } => "pack-manifest-missing",
            PackKeyEmpty { .. } => "pack-key-empty",
            HiddenUnmatched { .. } => "hidden-unmatched",
            HiddenMisplaced => "hidden-misplaced",
            PackPageChanged(_) => "pack-page-changed",
            PackPageGone { .. } => "pack-page-gone",
            PackStale { .. } => "pack-stale",
            PackLockUnreadable { .. } => "pack-lock-unreadable",
            PackLockWriteFailed { .. } => "pack-lock-write-failed",
            AcceptNotACopy { .. } => "accept-not-a-copy",
            LogLineSkipped { .. } => "log-line-skipped",
            LogCut { .. } => "log-cut",
            LogRepeated => "log-repeated",
            LogCompressed { .. } => "log-compressed",
            ReportMonthsReversed { .. } => "report-months-reversed",
            LanguageInvalid { .. } => "language-invalid",
            UnitKindInvalid { .. } => "unit-kind-invalid",
            ThemeMissing { .. } => "theme-missing",
            DateInvalid { .. } => "date-invalid",
            SectionMissing { .. } => "section-missing",
            PageExists { .. } => "page-exists",
            InitNotEmpty { .. } => "init-not-empty",
            FrontMatterUnclosed => "front-matter-unclosed",
            FrontMatterMissing => "front-matter-missing",
            TitleEmpty => "title-empty",
            SlugInvalid { .. } => "slug-invalid",
            DuplicateUrl { .. } => "duplicate-url",
            ActiveFileNeedsHtml { .. } => "active-file",
            SvgScript { .. } => "svg-script",
            SvgInvalid { .. } => "svg-invalid",
            AliasInvalid { .. } => "alias-invalid",
            SectionWithoutIndex { .. } => "section-without-index",
            ServiceNumberInvalid { .. } => "service-number-invalid",
            ServiceNumberDuplicate { .. } => "service-number-duplicate",
            ServiceOutsideSection => "service-outside-section",
            MissingDescription => "missing-description",
            MissingReviewed => "missing-reviewed",
            StaleReview { .. } => "stale-review",
            MissingSources => "missing-sources",
            Placeholder { .. } => "placeholder",
            PlaceholderHost { .. } => "placeholder-host",
            PlaceholderPage => "placeholder-page",
            UnitUndeclared => "unit-undeclared",
            VariableUnknown { .. } => "unknown-variable",
            VariableUnclosed => "variable-unclosed",
            PageLinkBroken { .. } => "broken-link",
            AnchorBroken { .. } => "broken-anchor",
            AssetMissing { .. } => "missing-file",
            LinkSyntaxUnparsed => "link-not-parsed",
            PictureBroken { .. } => "picture-broken",
            HostNotAllowed { .. } => "host-not-allowed",
            RetiredPortal { .. } => "retired-portal",
            LinkNotHttps { .. } => "link-not-https",
            LinkSchemeNotAllowed { .. } => "link-scheme",
            RawHtmlRemoved => "raw-html",
            ImageWithoutAlt { .. } => "image-without-alt",
            PosterQrOffSite { .. } => "poster-qr-off-site",
            PosterTextTooLong { .. } => "poster-text-too-long",
            PosterMissingGlyph { .. } => "poster-missing-glyph",
            PosterFailed { .. } => "poster-failed",
            PosterQrDense { .. } => "poster-qr-dense",
            PanoNotMade { .. } => "pano-not-made",
            VideoSourceBoth => "video-source-both",
            VideoSourceMissing => "video-source-missing",
            VideoFileType { .. } => "video-file-type",
            VideoDurationInvalid { .. } => "video-duration-invalid",
            VideoHostNotAllowed { .. } => "video-host-not-allowed",
            VideoUrlInvalid { .. } => "video-url-invalid",
            VideoFileMissing { .. } => "video-file-missing",
            VideoCaptionsMissing { .. } => "video-captions-missing",
            VideoCaptionsIgnored => "video-captions-ignored",
            VideoTooLarge { .. } => "video-too-large",
            VideoMaxMbInvalid => "video-max-mb-invalid",
            VideoCardFailed { .. } => "video-card-failed",
            ScreenSecondsInvalid { .. } => "screen-seconds-invalid",
            ScreenPageUnknown { .. } => "screen-page-unknown",
            ScreenPageNoPoster { .. } => "screen-page-no-poster",
            ScreenNeedsPosters => "screen-needs-posters",
            ScreenSlideFailed { .. } => "screen-slide-failed",
            PlacementPosterFailed { .. } => "placement-poster-failed",
            TemplateError { .. } => "template",
        }
    }

    pub fn text(&self, lang: Lang) -> Text {
        match lang {
            Lang::Vi => self.vi(),
            Lang::En => self.en(),
        }
    }

    fn vi(&self) -> Text {
        use Msg::*;
        let (what, help): (String, Option<String>) = match self {
            ReadFailed { path, reason } => (
                format!("không đọc được `{path}`: {reason}"),
                Some("kiểm tra tệp có tồn tại và bạn có quyền đọc nó.".into()),
            ),
            WriteFailed { path, reason } => (
                format!("không ghi được `{path}`: {reason}"),
                Some("kiểm tra ổ đĩa còn chỗ trống và bạn có quyền ghi vào thư mục này.".into()),
            ),
            NotUtf8 { legacy } => (
                format!(
                    "tệp không dùng bảng mã UTF-8{}",
                    if *legacy { " (có thể là Windows-1258, TCVN3 hoặc VNI)" } else { "" }
                ),
                Some("mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8 (Notepad: Tệp → Lưu thành… → Mã hóa: UTF-8). Các bảng mã cũ như Windows-1258, TCVN3 hay VNI không được hỗ trợ; nếu chữ bị lỗi, dùng Unikey → Công cụ chuyển mã để chuyển sang Unicode.".into()),
            ),
            SiteYamlMissing { root } => (
                format!("không tìm thấy tệp cấu hình `site.yaml` trong `{root}`"),
                Some("chạy lệnh trong thư mục của trang, chỉ rõ thư mục bằng `--root`, hoặc tạo trang mới bằng `loa init THƯ-MỤC`.".into()),
            ),
            FileNameNotUtf8 { name } => (
                format!("tên tệp hoặc thư mục “{name}” không viết bằng Unicode (UTF-8), nên loa không đọc được đúng tên"),
                Some("đổi tên tệp hoặc thư mục, gõ lại tên bằng Unikey (bảng mã Unicode) hoặc dùng tên không dấu.".into()),
            ),
            FileNameBackslash { name } => (
                format!("tên tệp hoặc thư mục “{name}” có dấu gạch ngược `\\`, mà Windows hiểu là dấu phân cách thư mục"),
                Some("đổi tên, bỏ dấu `\\` (dùng dấu gạch ngang `-` thay thế).".into()),
            ),
            ContentDirMissing => (
                "không có thư mục `content/` chứa các bài hướng dẫn".into(),
                Some("tạo thư mục `content/` cạnh `site.yaml` và đặt các tệp .md vào đó.".into()),
            ),
            OutputUnsafe { output } => (
                format!("không thể dùng `{output}` làm thư mục kết quả: nó chứa hoặc nằm trong thư mục nguồn của trang"),
                Some("chọn một thư mục riêng, ví dụ `output/` (mặc định).".into()),
            ),
            OutputNotOurs { output } => (
                format!("thư mục `{output}` đã có tệp nhưng không phải do loa tạo ra, nên loa không ghi đè lên nó"),
                Some("chọn thư mục khác bằng `--output`, hoặc tự chuyển các tệp trong đó đi chỗ khác.".into()),
            ),
            OutputHasStrays { output, files, count } => (
                format!("thư mục kết quả `{output}` có {count} tệp không do loa tạo: {}{}", join_code(files), more(*count, files.len())),
                Some("loa không xóa tệp của người khác. Chuyển các tệp này ra chỗ khác (hoặc xóa nếu chắc chắn không cần), rồi chạy lại; tệp cần đăng kèm trang thì đặt trong thư mục content/.".into()),
            ),
            OutputLinkBroken { output } => (
                format!("`{output}` là lối tắt (liên kết) tới một thư mục không tồn tại"),
                Some("tạo thư mục mà lối tắt trỏ tới, hoặc chọn thư mục kết quả khác bằng `--output`.".into()),
            ),
            WrittenTwice { path } => (
                format!("loa định ghi tệp `{path}` hai lần; đây là lỗi của loa"),
                Some("hãy báo lỗi này cho người phát triển loa, kèm nội dung thông báo.".into()),
            ),
            CleanupFailed { path, reason } => (
                format!("không xóa được thư mục tạm `{path}`: {reason}"),
                Some("trang đã tạo không bị ảnh hưởng; tự xóa thư mục này khi không còn chương trình nào dùng nó.".into()),
            ),
            YamlSyntax { detail } => (
                format!("phần thông tin (YAML) viết sai cách ở đây (trình đọc YAML báo: “{detail}”)"),
                Some("mỗi dòng là `tên khóa: giá trị`; thụt lề bằng dấu cách (không dùng Tab); giá trị có dấu hai chấm hay dấu ngoặc thì đặt trong ngoặc kép \"…\".".into()),
            ),
            YamlTab => (
                "dòng này thụt lề bằng phím Tab; YAML chỉ nhận dấu cách".into(),
                Some("xóa ký tự Tab ở đầu dòng và gõ dấu cách thay vào (khóa con thụt vào 2 dấu cách so với khóa cha).".into()),
            ),
            YamlColonInValue { key } => (
                format!("giá trị của `{key}` có dấu hai chấm, nên YAML tưởng đó là một khóa mới"),
                Some(format!("đặt cả giá trị trong ngoặc kép, ví dụ: `{key}: \"Bước 1: mở VNeID\"`.")),
            ),
            YamlUnclosedQuote { quote } => (
                format!("dấu ngoặc `{quote}` mở ở đây nhưng chưa được đóng"),
                Some(format!("thêm dấu `{quote}` ở cuối giá trị, trên cùng dòng này.")),
            ),
            YamlBadIndent => (
                "dòng này thụt lề không khớp với các dòng bên trên".into(),
                Some("các khóa cùng cấp phải thẳng cột (cùng số dấu cách ở đầu dòng); khóa con thụt vào 2 dấu cách; mục danh sách bắt đầu bằng `- `.".into()),
            ),
            YamlListNotText { key } => (
                format!("`{key}` cần một dòng chữ, nhưng đang được viết như một danh sách (các dòng bắt đầu bằng `-`)"),
                Some(format!("viết giá trị ngay sau dấu hai chấm, trên cùng dòng: `{key}: \"…\"`.")),
            ),
            UnknownKey { key, suggestion, known } => (
                format!("khóa `{key}` không có trong danh sách khóa được phép"),
                Some(match suggestion {
                    Some(s) => format!("có phải bạn muốn viết `{s}`?"),
                    None => format!("các khóa được phép ở đây: {}.", join_code(known)),
                }),
            ),
            MissingKey { key } => (
                format!("thiếu khóa bắt buộc `{key}`"),
                Some(format!("thêm một dòng `{key}: …` vào đây.")),
            ),
            BadValue { key, detail } => (
                format!("giá trị của `{key}` không hợp lệ: {detail}"),
                None,
            ),
            BaseUrlInvalid { value } => (
                format!("`base_url` phải là địa chỉ đầy đủ bắt đầu bằng https:// hoặc http://, nhưng đang là `{value}`"),
                Some("ví dụ: `base_url: \"https://binhson.quangngai.gov.vn\"` (có thể có thư mục phía sau, như `https://example.org/binh-son`).".into()),
            ),
            HostPatternInvalid { value } => (
                format!("`{value}` không phải tên miền hợp lệ"),
                Some("viết tên miền không kèm https:// và dấu /, ví dụ `dichvucong.gov.vn`, hoặc mẫu `*.gov.vn`.".into()),
            ),
            PanoSizeInvalid { value } => (
                format!("khổ pano `{value}` không hợp lệ"),
                Some("viết chiều ngang x chiều cao theo xăng-ti-mét, mỗi cạnh từ 50 đến 500, ví dụ `80x120` hoặc `240x120`.".into()),
            ),
            PanoDistanceInvalid { value } => (
                format!("khoảng cách đọc pano `{value}` không hợp lệ"),
                Some("ghi số mét người dân đứng quét mã, từ 0,5 đến 30, ví dụ `distance_m: 5`.".into()),
            ),
            PlacementCodeInvalid { value, suggestion } => (
                format!("mã nơi dán `{value}` không hợp lệ"),
                Some(format!("mã chỉ gồm chữ thường không dấu, số và dấu `-`, tối đa 24 ký tự, ví dụ `code: {suggestion}`.")),
            ),
            PlacementCodeRepeated { code } => (
                format!("mã nơi dán `{code}` đã dùng cho một nơi khác"),
                Some("mỗi nơi dán cần một mã riêng, ví dụ thêm số: `cho-2`.".into()),
            ),
            LogLineSkipped { why } => (
                format!("bỏ qua dòng không đọc được ({})", log_line_problem_vi(why)),
                Some("loa đọc nhật ký dạng combined của nginx/Apache và dạng JSON của Caddy; dòng này không được tính, các dòng khác vẫn tính.".into()),
            ),
            LogRepeated => (
                "tệp nhật ký này đã có trong danh sách".into(),
                Some("mỗi tệp chỉ đọc một lần, để không đếm một lượt xem hai lần.".into()),
            ),
            LogCompressed { format } => (
                format!("tệp nhật ký nén bằng {format}, loa chưa đọc được"),
                Some("giải nén tệp trước (hoặc nén lại bằng gzip, đuôi .gz) rồi chạy lại `loa report`.".into()),
            ),
            ReportMonthsReversed { since, until } => (
                format!("`--since {since}` ở sau `--until {until}`"),
                Some("tháng bắt đầu phải trước hoặc trùng tháng kết thúc, ví dụ `--since 2026-09 --until 2026-11`.".into()),
            ),
            LogCut { after_line, error } => (
                format!("nhật ký dừng giữa chừng sau dòng {after_line} ({error})"),
                Some("tệp có thể bị cắt khi đang nén hoặc đang ghi; các dòng trước đó vẫn được tính. Nếu còn bản đầy đủ, hãy dùng bản đó.".into()),
            ),
            PlacementNameEmpty { code } => (
                format!("nơi dán `{code}` chưa có tên"),
                Some("ghi tên nơi dán để biết dán bộ áp phích nào ở đâu, ví dụ `name: \"Chợ trung tâm\"`.".into()),
            ),
            PackPathEmpty => (
                "một mục trong `packs` để trống".into(),
                Some("ghi đường dẫn tới thư mục gói hướng dẫn, tính từ thư mục trang, ví dụ `packs: [\"../goi/quoc-gia\"]`, hoặc xóa dòng này.".into()),
            ),
            PackRepeated { path } => (
                format!("gói `{path}` đã có trong danh sách `packs`"),
                Some("mỗi gói chỉ ghi một lần; xóa dòng lặp lại.".into()),
            ),
            PackMissing { path, root } => (
                format!("không tìm thấy thư mục gói hướng dẫn `{path}` (tính từ `{root}`)"),
                Some("kiểm tra đường dẫn: nó tính từ thư mục có `site.yaml`, `..` là thư mục cha. Nếu gói là một kho git con (submodule), chạy `git submodule update --init`.".into()),
            ),
            PackManifestMissing { path } => (
                format!("thư mục `{path}` không có tệp `pack.yaml`, nên không phải gói hướng dẫn"),
                Some("trỏ `packs` tới đúng thư mục gói (nơi có `pack.yaml`), hoặc tạo `pack.yaml` với `name`, `version`, `maintainer` và `reviewed`.".into()),
            ),
            PackKeyEmpty { key } => (
                format!("`{key}` của gói để trống"),
                Some(format!("ghi `{key}` cho gói, ví dụ `name: quoc-gia` và `version: \"2026.11\"`; phiên bản giúp các xã biết bài nào đã đổi.")),
            ),
            HiddenUnmatched { entry } => (
                format!("`hidden` ghi `{entry}` nhưng không gói nào có bài hay mục này"),
                Some("kiểm tra tên (tính từ thư mục của tệp `_index.md` này, mục thì có dấu `/` ở cuối); có thể gói đã đổi tên hoặc bỏ bài này. Bài của chính trang thì xóa tệp thay vì ẩn.".into()),
            ),
            PackPageChanged(drift) => drift_vi(drift),
            HiddenMisplaced => (
                "`hidden` chỉ có tác dụng trong tệp `_index.md` của chính trang; ở đây loa bỏ qua nó".into(),
                Some("chuyển danh sách `hidden` sang `content/_index.md` (đường dẫn tính từ thư mục content/), ví dụ `hidden: [\"vneid/tai-khoan-to-chuc.md\"]`.".into()),
            ),
            AcceptNotACopy { page } => (
                format!("`{page}` không phải bài trang sửa riêng từ gói hướng dẫn nào"),
                Some("chỉ ghi nhận được bài trong content/ có cùng đường dẫn với một bài của gói. Chạy `loa accept` không kèm tên bài để ghi nhận mọi bài.".into()),
            ),
            PackPageGone { pack } => (
                format!("gói `{pack}` không còn bài này; bản của bạn giờ là bài riêng của trang"),
                Some("nếu tỉnh đã bỏ hướng dẫn này vì thủ tục đã thay đổi, hãy kiểm tra lại nội dung hoặc xóa bài.".into()),
            ),
            PackStale { pack, maintainer, date, months } => (
                format!("gói `{pack}` được rà soát lần cuối ngày {date}, đã hơn {months} tháng"),
                Some(format!("hỏi đơn vị giữ gói{} xem đã có bản mới chưa, rồi cập nhật thư mục gói.", by(maintainer))),
            ),
            PackLockUnreadable { reason } => (
                format!("không đọc được `packs.lock.json` ({reason}); loa sẽ ghi lại tệp này"),
                Some("tệp này do loa ghi để nhớ bài bạn sửa dựa trên bản nào của gói; đừng sửa tay. Nếu dùng git, lấy lại bản cũ bằng `git checkout packs.lock.json`.".into()),
            ),
            PackLockWriteFailed { reason } => (
                format!("không ghi được `packs.lock.json`: {reason}"),
                Some("trang đã tạo xong; kiểm tra quyền ghi vào thư mục trang rồi chạy lại, để loa nhớ bài bạn sửa dựa trên bản nào của gói.".into()),
            ),
            LanguageInvalid { value } => (
                format!("ngôn ngữ `{value}` không hợp lệ"),
                Some("dùng mã ngôn ngữ như `vi` hoặc `en`.".into()),
            ),
            UnitKindInvalid { value } => (
                format!("`unit.kind` phải là một trong ba cấp: xã, phường, đặc khu; đang là `{value}`"),
                Some("viết `kind: xã`, `kind: phường` hoặc `kind: đặc khu` (không dấu cũng được: `xa`, `phuong`, `dac khu`).".into()),
            ),
            ThemeMissing { name } => (
                format!("không tìm thấy giao diện `{name}` trong thư mục `themes/`"),
                Some("dùng `theme: default` (giao diện có sẵn) hoặc tạo thư mục `themes/<tên>/`.".into()),
            ),
            DateInvalid { value } => (
                format!("`{value}` không phải ngày hợp lệ"),
                Some("viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ `2025-10-01` cho ngày 1 tháng 10 năm 2025.".into()),
            ),
            SectionMissing { section, suggestion, known } => (
                format!("không có mục `{section}` trong thư mục content/"),
                Some(match suggestion {
                    Some(s) => format!("có phải bạn muốn viết `{s}`? Nếu muốn mục mới, thêm `--create-section` vào lệnh."),
                    None if known.is_empty() => "thêm `--create-section` vào lệnh để tạo mục (thư mục và tệp `_index.md`).".into(),
                    None => format!(
                        "các mục hiện có: {}. Muốn tạo mục `{section}`, thêm `--create-section` vào lệnh.",
                        join_code(known)
                    ),
                }),
            ),
            PageExists { path } => (
                format!("đã có tệp `{path}`; loa không ghi đè"),
                Some("mở tệp đó để sửa, hoặc đặt tiêu đề khác.".into()),
            ),
            InitNotEmpty { dir } => (
                format!("thư mục `{dir}` đã có tệp; loa không ghi đè"),
                Some("chọn một thư mục mới hoặc thư mục trống.".into()),
            ),
            FrontMatterUnclosed => (
                "phần thông tin đầu trang mở bằng `---` nhưng không có dòng `---` đóng lại".into(),
                Some("thêm một dòng chỉ có `---` ngay sau dòng thông tin cuối cùng (sau `title: …`, `description: …`).".into()),
            ),
            FrontMatterMissing => (
                "trang chưa có phần thông tin đầu trang (front matter)".into(),
                Some("mở đầu tệp bằng ba dòng:\n---\ntitle: \"Tên bài\"\n---".into()),
            ),
            TitleEmpty => (
                "`title` đang để trống".into(),
                Some("điền tên bài, ví dụ `title: \"Đăng ký tạm trú\"`.".into()),
            ),
            SlugInvalid { value, suggestion } => (
                format!("`slug` chỉ được có chữ thường không dấu, số và dấu gạch ngang, nhưng đang là `{value}`"),
                Some(format!("viết `slug: {suggestion}`.")),
            ),
            DuplicateUrl { url, other } => match other {
                Owner::File(file) => (
                    format!("hai tệp cùng được đăng ở địa chỉ `{url}`: tệp này và `{file}`"),
                    Some("đổi tên một trong hai tệp, hoặc đặt `slug:` khác cho một trang.".into()),
                ),
                Owner::Alias(file) => (
                    format!("địa chỉ `{url}` đã là đường dẫn phụ (`aliases`) của `{file}`"),
                    Some("bỏ hoặc đổi đường dẫn phụ đó, hoặc đổi tên tệp này.".into()),
                ),
                Owner::Tag(tag) => (
                    format!("địa chỉ `{url}` là trang chủ đề “{tag}” do loa tạo"),
                    Some("đổi đường dẫn này sang tên khác; các địa chỉ trong `chu-de/` dành cho chủ đề.".into()),
                ),
                Owner::Loa(path) => (
                    format!("địa chỉ `{url}` thuộc `{path}`, phần loa tự tạo; tệp trong content/ không được thay nó"),
                    Some("đổi tên tệp hoặc thư mục này (hoặc `slug:`, `aliases` của trang) sang tên khác.".into()),
                ),
            },
            ActiveFileNeedsHtml { ext } => (
                format!("tệp `.{ext}` có thể chứa mã chạy trong trình duyệt nên không được đăng khi trang chưa cho phép HTML"),
                Some("nếu tệp này đúng là của đơn vị và cần đăng, đặt `markdown: { allow_html: true }` trong site.yaml; nếu không, xóa tệp hoặc chuyển nó ra khỏi thư mục content/. Ảnh nên ở dạng PNG hoặc JPEG.".into()),
            ),
            SvgScript { what } => (
                format!("tệp SVG có chứa mã chạy được ({what}); loa không đăng tệp như vậy"),
                Some("mở tệp bằng phần mềm vẽ và lưu lại thành SVG thường hoặc PNG, không có `<script>`, thuộc tính `on…=` hay liên kết `javascript:`.".into()),
            ),
            SvgInvalid { detail } => (
                format!("tệp SVG không đọc được: {detail}"),
                Some("lưu lại tệp thành SVG hoặc PNG bằng phần mềm vẽ.".into()),
            ),
            AliasInvalid { value } => (
                format!("đường dẫn phụ `{value}` không hợp lệ"),
                Some("dùng đường dẫn ngắn chỉ gồm chữ thường không dấu, số, dấu gạch ngang, ví dụ `/tamtru/`.".into()),
            ),
            SectionWithoutIndex { dir } => (
                format!("thư mục `{dir}` chưa có tệp `_index.md`; loa tạm lấy tên thư mục làm tiêu đề mục"),
                Some(format!("tạo `{dir}/_index.md` có dòng `title: \"Tên mục\"`.")),
            ),
            ServiceNumberInvalid { number } => (
                format!("số thứ tự dịch vụ `{number}` nằm ngoài khoảng 1–25"),
                Some("dùng số từ 1 đến 25 theo danh sách 25 dịch vụ công thiết yếu.".into()),
            ),
            ServiceNumberDuplicate { number, other } => (
                format!("số thứ tự dịch vụ {number} đã dùng ở `{other}`"),
                Some("mỗi dịch vụ cần một số riêng.".into()),
            ),
            ServiceOutsideSection => (
                "khối `service:` chỉ dùng cho trang trong một mục, không dùng cho trang mục (`_index.md`)".into(),
                None,
            ),
            MissingDescription => (
                "trang chưa có `description`; khi chia sẻ, loa lấy đoạn văn đầu tiên thay thế".into(),
                Some("thêm `description: \"Một hai câu tóm tắt bài.\"` vào phần đầu trang.".into()),
            ),
            MissingReviewed => (
                "trang chưa ghi ngày kiểm tra thông tin (`reviewed`)".into(),
                Some("sau khi đối chiếu nội dung với văn bản gốc, thêm `reviewed: NĂM-THÁNG-NGÀY`, ví dụ `reviewed: 2026-11-26`.".into()),
            ),
            StaleReview { date, months } => (
                format!("thông tin được kiểm tra lần cuối ngày {date}, đã hơn {months} tháng"),
                Some("quy định về cư trú, VNeID và dịch vụ công thay đổi thường xuyên: đối chiếu lại với nguồn, sửa nếu cần, rồi cập nhật `reviewed`.".into()),
            ),
            MissingSources => (
                "trang chưa ghi nguồn (`sources`)".into(),
                Some("ghi văn bản hoặc trang chính thức mà thông tin dựa vào:\nsources:\n  - title: \"Tên văn bản\"\n    url: \"https://…\"".into()),
            ),
            VariableUnknown { name, suggestion, known } => (
                format!("không có biến `{{{{ {name} }}}}`"),
                Some(match suggestion {
                    Some(s) => format!("có phải bạn muốn viết `{{{{ {s} }}}}`? Muốn in đúng hai dấu ngoặc nhọn thì viết `\\{{{{`."),
                    None => format!("các biến có thể dùng: {}. Muốn in đúng hai dấu ngoặc nhọn thì viết `\\{{{{`.", join_code(known)),
                }),
            ),
            VariableUnclosed => (
                "`{{` mở đầu một biến nhưng không có `}}` đóng lại trên cùng dòng".into(),
                Some("viết biến đủ hai đầu, ví dụ `{{ unit.police }}`; muốn in đúng hai dấu ngoặc nhọn thì viết `\\{{`.".into()),
            ),
            Placeholder { text } => (
                format!("còn nội dung mẫu: {text}"),
                Some("thay bằng thông tin thật của đơn vị. Khi còn nội dung mẫu, áp phích in ra có dải \"BẢN MẪU — KHÔNG IN\".".into()),
            ),
            PlaceholderHost { host } => (
                format!("`base_url` là địa chỉ mẫu `{host}`, không phải trang thật của đơn vị"),
                Some("ghi địa chỉ thật của trang (ví dụ `https://binhson.quangngai.gov.vn`); mã QR trên áp phích trỏ về địa chỉ này, nên khi còn địa chỉ mẫu, áp phích có dải \"BẢN MẪU — KHÔNG IN\".".into()),
            ),
            PlaceholderPage => (
                "trang này vẫn là bài mẫu do `loa init` tạo, chưa được sửa".into(),
                Some("viết nội dung thật vào trang, hoặc xóa tệp nếu không cần. Khi còn bài mẫu, áp phích có dải \"BẢN MẪU — KHÔNG IN\".".into()),
            ),
            UnitUndeclared => (
                "site.yaml chưa ghi đơn vị phát hành là xã, phường hay đặc khu nào (`unit.kind`, `unit.name`)".into(),
                Some("thêm vào site.yaml:\nunit:\n  kind: xã\n  name: \"Bình Sơn\"\n  province: \"Quảng Ngãi\"".into()),
            ),
            PageLinkBroken { target, suggestion } => (
                format!("liên kết tới trang không tồn tại: `{target}`"),
                Some(match suggestion {
                    Some(s) => format!("có phải bạn muốn viết `{s}`?"),
                    None => "kiểm tra tên tệp và thư mục trong liên kết (đường dẫn tính từ thư mục của trang này).".into(),
                }),
            ),
            AnchorBroken { target, anchor, suggestion } => (
                format!("trang `{target}` không có đề mục nào mang neo `#{anchor}`"),
                Some(match suggestion {
                    Some(s) => format!("có phải bạn muốn viết `#{s}`?"),
                    None => "neo là tên đề mục viết không dấu, nối bằng dấu gạch ngang, ví dụ `## Các bước` → `#cac-buoc`.".into(),
                }),
            ),
            AssetMissing { target, suggestion } => (
                format!("không tìm thấy tệp `{target}`"),
                Some(match suggestion {
                    Some(s) => format!("có phải bạn muốn viết `{s}`?"),
                    None => "đặt tệp (ảnh, PDF…) trong thư mục content, cạnh trang dùng nó, và kiểm tra tên tệp.".into(),
                }),
            ),
            PictureBroken { detail } => (
                format!("không đọc được ảnh này ({detail})"),
                Some("tệp ảnh bị hỏng hoặc chép chưa hết: mở ảnh rồi lưu lại (ví dụ bằng Paint), hoặc chép lại từ điện thoại.".into()),
            ),
            LinkSyntaxUnparsed => (
                "chỗ này trông như liên kết hoặc ảnh nhưng không đọc được, nên sẽ hiện nguyên văn `[…](…)` trên trang".into(),
                Some("viết liền `[chữ hiện ra](tên-tệp.md)` hoặc `![mô tả](ảnh.png)`: không có dấu cách giữa `]` và `(`, có đủ dấu `)` đóng, trên cùng một dòng.".into()),
            ),
            HostNotAllowed { host } => (
                format!("liên kết tới `{host}`, không phải trang chính thức được phép"),
                Some(format!("chỉ dẫn người dân tới trang chính thức. Nếu `{host}` là trang chính thức, thêm nó vào `links.allowed_hosts` trong site.yaml.")),
            ),
            RetiredPortal { host } => (
                format!("`{host}` là cổng cũ đã ngừng phục vụ người dân"),
                Some("từ 1/7/2025, Cổng Dịch vụ công quốc gia là cổng duy nhất: dẫn tới https://dichvucong.gov.vn (danh sách cổng cũ: RETIRED_HOSTS trong src/links.rs).".into()),
            ),
            LinkNotHttps { url } => (
                format!("liên kết `{url}` dùng http:// không mã hóa"),
                Some("đổi thành https://.".into()),
            ),
            LinkSchemeNotAllowed { url } => (
                format!("liên kết `{url}` không phải địa chỉ trang web, thư điện tử hay số điện thoại"),
                Some("dùng liên kết https://, mailto: hoặc tel:.".into()),
            ),
            RawHtmlRemoved => (
                "mã HTML trong bài không được đưa lên trang (để bảo đảm an toàn), nên nó hiện ra như chữ thường".into(),
                Some("viết bằng Markdown; nếu thật sự cần HTML, đặt `markdown: { allow_html: true }` trong site.yaml.".into()),
            ),
            ImageWithoutAlt { target } => (
                format!("ảnh `{target}` chưa có mô tả"),
                Some("viết mô tả ngắn trong ngoặc vuông để người khiếm thị nghe được: `![Màn hình đăng nhập VNeID](anh.png)`.".into()),
            ),
            PosterQrOffSite { url } => (
                format!("mã QR của áp phích sẽ trỏ tới `{url}`, không phải địa chỉ https của chính trang"),
                Some("kiểm tra `base_url` trong site.yaml: mã QR chỉ được dẫn về trang của chính đơn vị, qua https.".into()),
            ),
            PosterTextTooLong { field, text, reason } => (
                format!("{} trên áp phích không vừa: {} — “{text}”", capitalise_vi(field_vi(field)), misfit_vi(reason)),
                Some(poster_fix_vi(field).into()),
            ),
            PosterMissingGlyph { ch, text } => (
                format!("phông chữ áp phích không có ký tự `{ch}` (U+{:04X}) trong “{text}”", u32::from(*ch)),
                Some("thay ký tự đó bằng chữ thường (ví dụ ☎ → \"ĐT:\", → → \"rồi\"), hoặc dùng phông chữ có ký tự này trong giao diện.".into()),
            ),
            PosterFailed { detail } => (format!("không tạo được áp phích: {detail}"), None),
            PanoNotMade { size, why } => {
                let why = why.vi();
                let advice = "hoặc chọn khổ lớn hơn hay khoảng cách quét `distance_m` ngắn hơn trong `posters.pano`. Các khổ in khác vẫn được tạo.";
                (
                    format!("không làm được pano {size}: {}", why.what),
                    Some(match why.help {
                        Some(help) => format!("{} Với pano, {advice}", help.trim_end_matches('.')),
                        None => format!("viết ngắn hơn chữ trên áp phích, {advice}"),
                    }),
                )
            }
            PosterQrDense { version, max } => (
                format!("mã QR của trang dày đặc (phiên bản {version}), khó quét khi in nhãn dán nhỏ"),
                Some(format!("rút ngắn địa chỉ để mã QR ở phiên bản {max} trở xuống: đặt `slug:` ngắn hơn, bỏ bớt `posters.tracking`, hoặc dùng `ecc: L`/`M`.")),
            ),
            VideoSourceBoth => (
                "`video:` có cả `file:` lẫn `url:`".into(),
                Some("mỗi trang một video: giữ `file:` (tệp đặt cạnh trang) hoặc `url:` (địa chỉ YouTube, Vimeo), xóa dòng kia.".into()),
            ),
            VideoSourceMissing => (
                "`video:` chưa nói video ở đâu".into(),
                Some("thêm `file: ten-video.mp4` (tệp đặt cạnh trang) hoặc `url: https://www.youtube.com/watch?v=…`.".into()),
            ),
            VideoFileType { key, value, allowed } => (
                format!("`{key}: {value}` không phải loại tệp dùng được ở đây"),
                Some(format!("dùng tệp có đuôi {allowed}, đặt cạnh trang.")),
            ),
            VideoDurationInvalid { value } => (
                format!("thời lượng `{value}` không đọc được"),
                Some("viết phút:giây như `3:25`, hoặc giờ:phút:giây như `1:02:03`.".into()),
            ),
            VideoHostNotAllowed { host, allowed } => (
                format!("video ở `{host}` không nhúng được vào trang"),
                Some(format!("chỉ nhúng video từ {allowed} (loa phát chúng ở chế độ không theo dõi, chỉ tải khi người dân bấm xem); hoặc đặt tệp video cạnh trang và viết `file:`.")),
            ),
            VideoUrlInvalid { url } => (
                format!("không tìm thấy video trong địa chỉ `{url}`"),
                Some("mở video, bấm Chia sẻ rồi sao chép địa chỉ, ví dụ `https://youtu.be/…` hoặc `https://vimeo.com/123456`.".into()),
            ),
            VideoFileMissing { key, target } => (
                format!("không có tệp `{target}` (`{key}:` trong `video:`)"),
                Some("đặt tệp trong thư mục content, cạnh trang này, và kiểm tra tên tệp (cả đuôi tệp).".into()),
            ),
            VideoCaptionsMissing { expected } => (
                "video chưa có phụ đề: nhiều người xem trên điện thoại không bật tiếng".into(),
                Some(format!("đặt tệp phụ đề WebVTT `{expected}` cạnh video, hoặc ghi tên nó ở `captions:`.")),
            ),
            VideoCaptionsIgnored => (
                "`captions:` chỉ dùng cho tệp video đặt cạnh trang; video YouTube, Vimeo không hiện tệp phụ đề này".into(),
                Some("thêm phụ đề ngay trên YouTube hoặc Vimeo (mục Phụ đề của video), rồi xóa dòng `captions:`.".into()),
            ),
            VideoTooLarge { size_mb, max_mb } => (
                format!("tệp video nặng {size_mb} MB, quá {max_mb} MB"),
                Some("người dân xem bằng 3G/4G sẽ tốn nhiều dung lượng: cắt ngắn hoặc nén video (ví dụ 720p), hoặc tải lên YouTube và viết `url:`; đổi giới hạn ở `video.max_mb` trong site.yaml.".into()),
            ),
            VideoMaxMbInvalid => (
                "`video.max_mb` phải là số MB lớn hơn 0".into(),
                Some("ví dụ `video: { max_mb: 50 }`.".into()),
            ),
            VideoCardFailed { detail } => (
                format!("không tạo được ảnh bìa cho video: {detail}"),
                Some("video vẫn xem được, chỉ thiếu ảnh bìa; đặt ảnh cạnh trang và ghi `poster: anh-bia.jpg` trong `video:`.".into()),
            ),
            ScreenSecondsInvalid { value, min, max } => (
                format!("`screens.seconds` là {value} giây; mỗi trang chiếu trên màn hình chờ phải hiện từ {min} đến {max} giây"),
                Some(format!("viết một số giây từ {min} đến {max}, ví dụ `seconds: 20`.")),
            ),
            ScreenPageUnknown { value, suggestion } => (
                format!("`screens.pages` có `{value}`, nhưng trang web không có mục hay bài nào ở địa chỉ này"),
                Some(match suggestion {
                    Some(s) => format!("có phải bạn muốn viết `{s}`? Mục viết có dấu `/` ở cuối (`dich-vu-cong/`), bài viết theo đường dẫn (`vneid/kich-hoat`)."),
                    None => "viết tên thư mục mục trong content/ kèm dấu `/` (`dich-vu-cong/`), hoặc đường dẫn của bài (`vneid/kich-hoat`).".into(),
                }),
            ),
            ScreenPageNoPoster { value } => (
                format!("bài `{value}` không có áp phích (ví dụ vì `poster: false`), nên không có trang chiếu trên màn hình chờ"),
                Some("bỏ `poster: false` ở bài (hoặc mục của bài), hoặc bỏ bài khỏi `screens.pages`.".into()),
            ),
            ScreenNeedsPosters => (
                "màn hình chờ (`screens`) được làm từ áp phích, nhưng áp phích đang tắt (`posters.enabled: false`)".into(),
                Some("bật áp phích, hoặc viết `screens: { enabled: false }` nếu không cần màn hình chờ.".into()),
            ),
            ScreenSlideFailed { inner } => {
                let text = inner.vi();
                (format!("trang chiếu của màn hình chờ: {}", text.what), text.help)
            }
            PlacementPosterFailed { name, inner } => {
                let text = inner.vi();
                (format!("bộ áp phích dán tại {name}: {}", text.what), text.help)
            }
            TemplateError { detail } => (format!("lỗi trong mẫu giao diện: {detail}"), None),
        };
        Text { what, help }
    }

    fn en(&self) -> Text {
        use Msg::*;
        let (what, help): (String, Option<String>) = match self {
            ReadFailed { path, reason } => (
                format!("cannot read `{path}`: {reason}"),
                Some("check that the file exists and that you may read it.".into()),
            ),
            WriteFailed { path, reason } => (
                format!("cannot write `{path}`: {reason}"),
                Some("check free disk space and write permission for this folder.".into()),
            ),
            NotUtf8 { legacy } => (
                format!(
                    "the file is not UTF-8 encoded{}",
                    if *legacy { " (probably Windows-1258, TCVN3 or VNI)" } else { "" }
                ),
                Some("open it in an editor and save it as UTF-8. Legacy Vietnamese encodings (Windows-1258, TCVN3, VNI) are not supported; Unikey's converter can turn them into Unicode.".into()),
            ),
            SiteYamlMissing { root } => (
                format!("no `site.yaml` found in `{root}`"),
                Some("run loa inside the site folder, pass `--root`, or create a site with `loa init DIR`.".into()),
            ),
            FileNameNotUtf8 { name } => (
                format!("the file or folder name “{name}” is not valid Unicode (UTF-8), so loa cannot read it correctly"),
                Some("rename it, typing the name again in Unicode, or use a name without accents.".into()),
            ),
            FileNameBackslash { name } => (
                format!("the file or folder name “{name}” contains a backslash `\\`, which Windows reads as a folder separator"),
                Some("rename it without the `\\` (use a hyphen `-` instead).".into()),
            ),
            ContentDirMissing => (
                "there is no `content/` folder with the guides".into(),
                Some("create `content/` next to `site.yaml` and put the .md files in it.".into()),
            ),
            OutputUnsafe { output } => (
                format!("`{output}` cannot be the output folder: it contains, or is inside, the site's sources"),
                Some("choose a folder of its own, such as `output/` (the default).".into()),
            ),
            OutputNotOurs { output } => (
                format!("`{output}` already holds files that loa did not write, so loa will not replace it"),
                Some("choose another folder with `--output`, or move those files away.".into()),
            ),
            OutputHasStrays { output, files, count } => (
                format!("the output folder `{output}` holds {count} file(s) loa did not make: {}{}", join_code(files), more(*count, files.len())),
                Some("loa never deletes other people's files. Move them elsewhere (or delete them if you are sure), then run again; files to publish with the pages belong in content/.".into()),
            ),
            OutputLinkBroken { output } => (
                format!("`{output}` is a symbolic link to a folder that does not exist"),
                Some("create the folder it points to, or choose another output folder with `--output`.".into()),
            ),
            WrittenTwice { path } => (
                format!("loa was about to write `{path}` twice; this is a bug in loa"),
                Some("please report it to loa's developers with this message.".into()),
            ),
            CleanupFailed { path, reason } => (
                format!("could not remove the temporary folder `{path}`: {reason}"),
                Some("the built site is not affected; delete the folder once nothing uses it.".into()),
            ),
            YamlSyntax { detail } => (
                format!("the YAML is not written right here (the YAML reader says: “{detail}”)"),
                Some("each line is `key: value`; indent with spaces (not tabs); quote values that contain a colon or brackets.".into()),
            ),
            YamlTab => (
                "this line is indented with a Tab; YAML takes spaces only".into(),
                Some("delete the Tab at the start of the line and type spaces instead (a child key goes 2 spaces further in than its parent).".into()),
            ),
            YamlColonInValue { key } => (
                format!("the value of `{key}` has a colon in it, so YAML reads it as a new key"),
                Some(format!("put the whole value in double quotes, for example: `{key}: \"Step 1: open VNeID\"`.")),
            ),
            YamlUnclosedQuote { quote } => (
                format!("the quote `{quote}` opened here is never closed"),
                Some(format!("add `{quote}` at the end of the value, on this line.")),
            ),
            YamlBadIndent => (
                "this line's indentation does not line up with the lines above".into(),
                Some("keys at the same level start in the same column; a child key goes 2 spaces further in; list items start with `- `.".into()),
            ),
            YamlListNotText { key } => (
                format!("`{key}` needs a line of text but is written as a list (lines starting with `-`)"),
                Some(format!("write the value right after the colon, on the same line: `{key}: \"…\"`.")),
            ),
            UnknownKey { key, suggestion, known } => (
                format!("unknown key `{key}`"),
                Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("keys allowed here: {}.", join_code(known)),
                }),
            ),
            MissingKey { key } => (
                format!("the required key `{key}` is missing"),
                Some(format!("add a line `{key}: …` here.")),
            ),
            BadValue { key, detail } => (format!("invalid value for `{key}`: {detail}"), None),
            BaseUrlInvalid { value } => (
                format!("`base_url` must be a full https:// or http:// address, but is `{value}`"),
                Some("for example `base_url: \"https://binhson.quangngai.gov.vn\"` (a path is allowed, as in `https://example.org/binh-son`).".into()),
            ),
            HostPatternInvalid { value } => (
                format!("`{value}` is not a valid host name"),
                Some("write the host without https:// or slashes, e.g. `dichvucong.gov.vn`, or a pattern such as `*.gov.vn`.".into()),
            ),
            PanoSizeInvalid { value } => (
                format!("pano size `{value}` is not valid"),
                Some("write width x height in centimetres, each side 50 to 500, e.g. `80x120` or `240x120`.".into()),
            ),
            PanoDistanceInvalid { value } => (
                format!("pano reading distance `{value}` is not valid"),
                Some("give the metres residents stand from it to scan, 0.5 to 30, e.g. `distance_m: 5`.".into()),
            ),
            PlacementCodeInvalid { value, suggestion } => (
                format!("placement code `{value}` is not valid"),
                Some(format!("use lower-case letters without accents, digits and `-`, at most 24 characters, e.g. `code: {suggestion}`.")),
            ),
            PlacementCodeRepeated { code } => (
                format!("placement code `{code}` is already used by another placement"),
                Some("give each placement its own code, e.g. add a number: `cho-2`.".into()),
            ),
            LogLineSkipped { why } => (
                format!("skipped a line that could not be read ({})", log_line_problem_en(why)),
                Some("loa reads nginx/Apache combined logs and Caddy JSON logs; this line is not counted, the others are.".into()),
            ),
            LogRepeated => (
                "this log is already in the list".into(),
                Some("each file is read once, so that no view is counted twice.".into()),
            ),
            LogCompressed { format } => (
                format!("the log is compressed with {format}, which loa cannot read yet"),
                Some("decompress it first (or compress it with gzip, as .gz), then run `loa report` again.".into()),
            ),
            ReportMonthsReversed { since, until } => (
                format!("`--since {since}` is after `--until {until}`"),
                Some("the first month must come before or be the last, e.g. `--since 2026-09 --until 2026-11`.".into()),
            ),
            LogCut { after_line, error } => (
                format!("the log stops early after line {after_line} ({error})"),
                Some("the file may have been cut while it was compressed or written; the lines before are counted. Use the full copy if there is one.".into()),
            ),
            PlacementNameEmpty { code } => (
                format!("placement `{code}` has no name"),
                Some("name the place, so the officer knows which set hangs where, e.g. `name: \"Central market\"`.".into()),
            ),
            PackPathEmpty => (
                "an entry of `packs` is empty".into(),
                Some("give the path of the guide pack folder, from the site's folder, e.g. `packs: [\"../goi/quoc-gia\"]`, or delete the line.".into()),
            ),
            PackRepeated { path } => (
                format!("pack `{path}` is already listed in `packs`"),
                Some("list each pack once; delete the repeated line.".into()),
            ),
            PackMissing { path, root } => (
                format!("guide pack folder `{path}` not found (from `{root}`)"),
                Some("check the path: it starts at the folder holding `site.yaml`, `..` is the parent folder. If the pack is a git submodule, run `git submodule update --init`.".into()),
            ),
            PackManifestMissing { path } => (
                format!("folder `{path}` has no `pack.yaml`, so it is not a guide pack"),
                Some("point `packs` at the pack's folder (the one with `pack.yaml`), or create `pack.yaml` with `name`, `version`, `maintainer` and `reviewed`.".into()),
            ),
            PackKeyEmpty { key } => (
                format!("the pack's `{key}` is empty"),
                Some(format!("give the pack a `{key}`, e.g. `name: quoc-gia` and `version: \"2026.11\"`; the version tells communes which guides changed.")),
            ),
            HiddenUnmatched { entry } => (
                format!("`hidden` lists `{entry}` but no pack has such a page or section"),
                Some("check the name (relative to this `_index.md`'s folder; a section ends with `/`); the pack may have renamed or dropped it. Delete the site's own pages instead of hiding them.".into()),
            ),
            PackPageChanged(drift) => drift_en(drift),
            HiddenMisplaced => (
                "`hidden` only works in the site's own `_index.md` files; loa ignores it here".into(),
                Some("move the `hidden` list to `content/_index.md` (paths from content/), e.g. `hidden: [\"vneid/tai-khoan-to-chuc.md\"]`.".into()),
            ),
            AcceptNotACopy { page } => (
                format!("`{page}` is not the site's copy of a pack page"),
                Some("only a page in content/ at the same path as a pack's page can be accepted. Run `loa accept` without a page to accept all.".into()),
            ),
            PackPageGone { pack } => (
                format!("pack `{pack}` no longer has this page; your copy is now the site's own page"),
                Some("if the province dropped this guide because the procedure changed, check its content or delete it.".into()),
            ),
            PackStale { pack, maintainer, date, months } => (
                format!("pack `{pack}` was last reviewed on {date}, more than {months} months ago"),
                Some(format!("ask the pack's maintainer{} whether a newer version exists, then update the pack folder.", by(maintainer))),
            ),
            PackLockUnreadable { reason } => (
                format!("`packs.lock.json` cannot be read ({reason}); loa will write it again"),
                Some("loa writes this file to remember which version of a pack page your copies are based on; do not edit it. With git, restore it with `git checkout packs.lock.json`.".into()),
            ),
            PackLockWriteFailed { reason } => (
                format!("`packs.lock.json` cannot be written: {reason}"),
                Some("the site was built; check that the site folder is writable and run again, so loa remembers which pack version your copies are based on.".into()),
            ),
            LanguageInvalid { value } => (
                format!("`{value}` is not a valid language"),
                Some("use a language code such as `vi` or `en`.".into()),
            ),
            UnitKindInvalid { value } => (
                format!("`unit.kind` must be one of the three kinds: xã, phường, đặc khu; it is `{value}`"),
                Some("write `kind: xã`, `kind: phường` or `kind: đặc khu` (without accents works too: `xa`, `phuong`, `dac khu`).".into()),
            ),
            ThemeMissing { name } => (
                format!("theme `{name}` not found in `themes/`"),
                Some("use `theme: default` (built in) or create `themes/<name>/`.".into()),
            ),
            DateInvalid { value } => (
                format!("`{value}` is not a valid date"),
                Some("write dates as YEAR-MONTH-DAY, e.g. `2025-10-01` for 1 October 2025.".into()),
            ),
            SectionMissing { section, suggestion, known } => (
                format!("there is no section `{section}` in content/"),
                Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`? For a new section, add `--create-section` to the command."),
                    None if known.is_empty() => "add `--create-section` to the command to create the section (folder and `_index.md`).".into(),
                    None => format!(
                        "existing sections: {}. To create section `{section}`, add `--create-section` to the command.",
                        join_code(known)
                    ),
                }),
            ),
            PageExists { path } => (
                format!("`{path}` already exists; loa does not overwrite it"),
                Some("open that file to edit it, or choose another title.".into()),
            ),
            InitNotEmpty { dir } => (
                format!("`{dir}` already has files; loa does not overwrite them"),
                Some("choose a new or empty folder.".into()),
            ),
            FrontMatterUnclosed => (
                "the front matter opens with `---` but is never closed".into(),
                Some("add a line with only `---` after the last front-matter line.".into()),
            ),
            FrontMatterMissing => (
                "the page has no front matter".into(),
                Some("start the file with three lines:\n---\ntitle: \"Page title\"\n---".into()),
            ),
            TitleEmpty => (
                "`title` is empty".into(),
                Some("give the page a title, e.g. `title: \"Đăng ký tạm trú\"`.".into()),
            ),
            SlugInvalid { value, suggestion } => (
                format!("`slug` may only contain lower-case ASCII letters, digits and hyphens, but is `{value}`"),
                Some(format!("write `slug: {suggestion}`.")),
            ),
            DuplicateUrl { url, other } => match other {
                Owner::File(file) => (
                    format!("two files would be published at `{url}`: this file and `{file}`"),
                    Some("rename one of the files or give one of them another `slug:`.".into()),
                ),
                Owner::Alias(file) => (
                    format!("`{url}` is already an alias (`aliases`) of `{file}`"),
                    Some("remove or change that alias, or rename this file.".into()),
                ),
                Owner::Tag(tag) => (
                    format!("`{url}` is the page loa makes for the tag “{tag}”"),
                    Some("use another path; addresses under `chu-de/` belong to tags.".into()),
                ),
                Owner::Loa(path) => (
                    format!("`{url}` belongs to `{path}`, which loa makes itself; a file in content/ cannot replace it"),
                    Some("rename this file or folder (or the page's `slug:` or `aliases`).".into()),
                ),
            },
            ActiveFileNeedsHtml { ext } => (
                format!("a `.{ext}` file can run code in the browser, so it is not published while raw HTML is off"),
                Some("if the file is really the unit's own and must be published, set `markdown: { allow_html: true }` in site.yaml; otherwise delete it or move it out of content/. Images are best as PNG or JPEG.".into()),
            ),
            SvgScript { what } => (
                format!("the SVG file carries script ({what}); loa does not publish such files"),
                Some("open it in a drawing program and save it again as plain SVG or PNG, without `<script>`, `on…=` attributes or `javascript:` links.".into()),
            ),
            SvgInvalid { detail } => (
                format!("the SVG file cannot be read: {detail}"),
                Some("save it again as SVG or PNG from a drawing program.".into()),
            ),
            AliasInvalid { value } => (
                format!("alias `{value}` is not a valid path"),
                Some("use a short path of lower-case ASCII letters, digits and hyphens, such as `/tamtru/`.".into()),
            ),
            SectionWithoutIndex { dir } => (
                format!("folder `{dir}` has no `_index.md`; its name is used as the section title"),
                Some(format!("create `{dir}/_index.md` with a `title: \"Section name\"` line.")),
            ),
            ServiceNumberInvalid { number } => (
                format!("service number `{number}` is outside 1–25"),
                Some("use a number from 1 to 25, as in the list of 25 essential services.".into()),
            ),
            ServiceNumberDuplicate { number, other } => (
                format!("service number {number} is already used by `{other}`"),
                Some("give each service its own number.".into()),
            ),
            ServiceOutsideSection => (
                "a `service:` block belongs on a page inside a section, not on a section's `_index.md`".into(),
                None,
            ),
            MissingDescription => (
                "the page has no `description`; link previews use its first paragraph instead".into(),
                Some("add `description: \"One or two sentences.\"` to the front matter.".into()),
            ),
            MissingReviewed => (
                "the page does not say when its facts were checked (`reviewed`)".into(),
                Some("after checking the text against its sources, add `reviewed: YEAR-MONTH-DAY`, e.g. `reviewed: 2026-11-26`.".into()),
            ),
            StaleReview { date, months } => (
                format!("the facts were last checked on {date}, more than {months} months ago"),
                Some("rules on residence, VNeID and public services change often: check against the sources, fix what changed, then update `reviewed`.".into()),
            ),
            MissingSources => (
                "the page does not name its sources (`sources`)".into(),
                Some("list the official texts or pages the facts come from:\nsources:\n  - title: \"Name\"\n    url: \"https://…\"".into()),
            ),
            VariableUnknown { name, suggestion, known } => (
                format!("there is no variable `{{{{ {name} }}}}`"),
                Some(match suggestion {
                    Some(s) => format!("did you mean `{{{{ {s} }}}}`? To print two braces, write `\\{{{{`."),
                    None => format!("the variables are: {}. To print two braces, write `\\{{{{`.", join_code(known)),
                }),
            ),
            VariableUnclosed => (
                "`{{` starts a variable but no `}}` closes it on the same line".into(),
                Some("write the whole variable, e.g. `{{ unit.police }}`; to print two braces, write `\\{{`.".into()),
            ),
            Placeholder { text } => (
                format!("sample text is still here: {text}"),
                Some("replace it with the unit's real information. While there is sample text, printed posters carry the band \"BẢN MẪU — KHÔNG IN\".".into()),
            ),
            PlaceholderHost { host } => (
                format!("`base_url` is the example address `{host}`, not the unit's real site"),
                Some("write the site's real address (e.g. `https://binhson.quangngai.gov.vn`); QR codes on posters lead there, so while it is an example, posters carry the band \"BẢN MẪU — KHÔNG IN\".".into()),
            ),
            PlaceholderPage => (
                "this page is still the sample `loa init` wrote".into(),
                Some("write the real text into it, or delete the file if it is not needed. While it is there, posters carry the band \"BẢN MẪU — KHÔNG IN\".".into()),
            ),
            UnitUndeclared => (
                "site.yaml does not say which xã, phường or đặc khu publishes the site (`unit.kind`, `unit.name`)".into(),
                Some("add to site.yaml:\nunit:\n  kind: xã\n  name: \"Bình Sơn\"\n  province: \"Quảng Ngãi\"".into()),
            ),
            PageLinkBroken { target, suggestion } => (
                format!("link to a page that does not exist: `{target}`"),
                Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "check the file and folder names in the link (paths are relative to this page's folder).".into(),
                }),
            ),
            AnchorBroken { target, anchor, suggestion } => (
                format!("page `{target}` has no heading with anchor `#{anchor}`"),
                Some(match suggestion {
                    Some(s) => format!("did you mean `#{s}`?"),
                    None => "an anchor is the heading without accents, joined by hyphens: `## Các bước` → `#cac-buoc`.".into(),
                }),
            ),
            AssetMissing { target, suggestion } => (
                format!("file `{target}` not found"),
                Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "put the file (image, PDF…) in content/, next to the page that uses it, and check its name.".into(),
                }),
            ),
            PictureBroken { detail } => (
                format!("this picture cannot be read ({detail})"),
                Some("the file is damaged or was copied only in part: open and save it again (Paint will do), or copy it from the phone again.".into()),
            ),
            LinkSyntaxUnparsed => (
                "this looks like a link or an image but could not be read, so the page shows the raw `[…](…)`".into(),
                Some("write `[text shown](file-name.md)` or `![description](image.png)` with nothing between `]` and `(`, the closing `)` present, on one line.".into()),
            ),
            HostNotAllowed { host } => (
                format!("link to `{host}`, which is not an allowed official site"),
                Some(format!("send residents only to official addresses. If `{host}` is official, add it to `links.allowed_hosts` in site.yaml.")),
            ),
            RetiredPortal { host } => (
                format!("`{host}` is a retired portal that no longer serves residents"),
                Some("since 1/7/2025 the National Public Service Portal is the single gateway: link to https://dichvucong.gov.vn (the list: RETIRED_HOSTS in src/links.rs).".into()),
            ),
            LinkNotHttps { url } => (
                format!("link `{url}` uses unencrypted http://"),
                Some("use https://.".into()),
            ),
            LinkSchemeNotAllowed { url } => (
                format!("link `{url}` is not a web, e-mail or phone address"),
                Some("use an https://, mailto: or tel: link.".into()),
            ),
            RawHtmlRemoved => (
                "raw HTML is not published (for safety), so it shows as plain text".into(),
                Some("write Markdown instead; if HTML is really needed, set `markdown: { allow_html: true }` in site.yaml.".into()),
            ),
            ImageWithoutAlt { target } => (
                format!("image `{target}` has no description"),
                Some("describe it in the brackets so screen-reader users hear it: `![VNeID login screen](image.png)`.".into()),
            ),
            PosterQrOffSite { url } => (
                format!("the poster's QR code would point to `{url}`, not to the site's own https address"),
                Some("check `base_url` in site.yaml: QR codes may only lead to the unit's own site, over https.".into()),
            ),
            PosterTextTooLong { field, text, reason } => (
                format!("the poster's {} does not fit: {reason} — “{text}”", field_en(field)),
                Some(poster_fix_en(field).into()),
            ),
            PosterMissingGlyph { ch, text } => (
                format!("the poster font has no `{ch}` (U+{:04X}) in “{text}”", u32::from(*ch)),
                Some("replace the character with words (☎ → \"Tel:\"), or use a theme font that has it.".into()),
            ),
            PosterFailed { detail } => (format!("could not make the poster: {detail}"), None),
            PanoNotMade { size, why } => {
                let why = why.en();
                let advice = "or choose a larger size or a shorter `distance_m` in `posters.pano`. The other print sizes were made.";
                (
                    format!("could not make the {size} pano: {}", why.what),
                    Some(match why.help {
                        Some(help) => format!("{} For a pano, {advice}", help.trim_end_matches('.')),
                        None => format!("shorten the poster text, {advice}"),
                    }),
                )
            }
            PosterQrDense { version, max } => (
                format!("the page's QR code is dense (version {version}) and hard to scan on a small sticker"),
                Some(format!("shorten the address so the code stays at version {max} or lower: a shorter `slug:`, a shorter `posters.tracking`, or `ecc: L`/`M`.")),
            ),
            VideoSourceBoth => (
                "`video:` has both `file:` and `url:`".into(),
                Some("one clip per page: keep `file:` (a file next to the page) or `url:` (a YouTube or Vimeo address) and delete the other.".into()),
            ),
            VideoSourceMissing => (
                "`video:` does not say where the clip is".into(),
                Some("add `file: clip.mp4` (a file next to the page) or `url: https://www.youtube.com/watch?v=…`.".into()),
            ),
            VideoFileType { key, value, allowed } => (
                format!("`{key}: {value}` is not a kind of file that can be used here"),
                Some(format!("use a file ending in {allowed}, next to the page.")),
            ),
            VideoDurationInvalid { value } => (
                format!("the duration `{value}` cannot be read"),
                Some("write minutes:seconds like `3:25`, or hours:minutes:seconds like `1:02:03`.".into()),
            ),
            VideoHostNotAllowed { host, allowed } => (
                format!("a clip on `{host}` cannot be embedded"),
                Some(format!("embed clips from {allowed} only (loa plays them in privacy mode, loaded only when the resident taps); or put the video file next to the page and write `file:`.")),
            ),
            VideoUrlInvalid { url } => (
                format!("no clip found in the address `{url}`"),
                Some("open the clip, tap Share and copy its address, e.g. `https://youtu.be/…` or `https://vimeo.com/123456`.".into()),
            ),
            VideoFileMissing { key, target } => (
                format!("there is no file `{target}` (`{key}:` under `video:`)"),
                Some("put the file in content/, next to this page, and check its name (and extension).".into()),
            ),
            VideoCaptionsMissing { expected } => (
                "the clip has no captions: many people watch on their phone without sound".into(),
                Some(format!("put a WebVTT caption file `{expected}` next to the clip, or name it in `captions:`.")),
            ),
            VideoCaptionsIgnored => (
                "`captions:` is for a video file next to the page; a YouTube or Vimeo clip does not show this file".into(),
                Some("add captions on YouTube or Vimeo itself (the clip's Subtitles settings), then delete the `captions:` line.".into()),
            ),
            VideoTooLarge { size_mb, max_mb } => (
                format!("the video file is {size_mb} MB, more than {max_mb} MB"),
                Some("residents on mobile data pay for every megabyte: shorten or compress it (720p, say), or upload it to YouTube and write `url:`; the limit is `video.max_mb` in site.yaml.".into()),
            ),
            VideoMaxMbInvalid => (
                "`video.max_mb` must be a number of MB above 0".into(),
                Some("for example `video: { max_mb: 50 }`.".into()),
            ),
            VideoCardFailed { detail } => (
                format!("could not make the clip's title card: {detail}"),
                Some("the clip still plays without it; put a picture next to the page and write `poster: cover.jpg` under `video:`.".into()),
            ),
            ScreenSecondsInvalid { value, min, max } => (
                format!("`screens.seconds` is {value}; a slide of the waiting-room screen must stay {min} to {max} seconds"),
                Some(format!("write a number of seconds from {min} to {max}, e.g. `seconds: 20`.")),
            ),
            ScreenPageUnknown { value, suggestion } => (
                format!("`screens.pages` lists `{value}`, but the site has no section or page there"),
                Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`? A section ends with `/` (`dich-vu-cong/`), a page is its path (`vneid/kich-hoat`)."),
                    None => "write a section folder of content/ with a final `/` (`dich-vu-cong/`), or a page's path (`vneid/kich-hoat`).".into(),
                }),
            ),
            ScreenPageNoPoster { value } => (
                format!("`{value}` has no poster (for example `poster: false`), so the waiting-room screen has no slide for it"),
                Some("remove `poster: false` from the page (or its section), or the page from `screens.pages`.".into()),
            ),
            ScreenNeedsPosters => (
                "the waiting-room screen (`screens`) is made from the posters, but posters are off (`posters.enabled: false`)".into(),
                Some("turn posters on, or write `screens: { enabled: false }` if no screen is wanted.".into()),
            ),
            ScreenSlideFailed { inner } => {
                let text = inner.en();
                (format!("waiting-room screen slide: {}", text.what), text.help)
            }
            PlacementPosterFailed { name, inner } => {
                let text = inner.en();
                (format!("print set for {name}: {}", text.what), text.help)
            }
            TemplateError { detail } => (format!("template error: {detail}"), None),
        };
        Text { what, help }
    }
}

/// A poster field's name as an officer knows it.
fn field_vi(field: &str) -> &str {
    match field {
        "title" => "tiêu đề",
        "subtitle" => "dòng giới thiệu",
        "steps" => "bước",
        "url" => "địa chỉ",
        "contact" => "dòng liên hệ",
        "unit_name" => "tên đơn vị",
        "check_note" => "dòng nhắc kiểm tra địa chỉ",
        "video" => "dòng báo có video",
        "note" => "dòng lưu ý",
        "label" => "nhãn",
        "footer" => "dòng cuối",
        "band" => "dải bản mẫu",
        "poster" => "nội dung",
        _ => "chữ",
    }
}

fn field_en(field: &str) -> &str {
    match field {
        "steps" => "step",
        "check_note" => "address check line",
        "video" => "video line",
        "unit_name" => "unit name",
        "poster" => "content",
        "text" | "" => "text",
        other => other,
    }
}

fn capitalise_vi(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Why poster text did not fit, in Vietnamese.
fn misfit_vi(reason: &crate::poster::Misfit) -> String {
    use crate::poster::Misfit::*;
    match reason {
        WordTooWide { word } => format!("từ “{word}” dài hơn cả khung chữ, kể cả ở cỡ chữ nhỏ nhất"),
        TooManyLines { needed, allowed } => {
            format!("cần {needed} dòng ở cỡ chữ nhỏ nhất, chỉ có chỗ cho {allowed} dòng")
        }
        UrlTooLong { allowed } => format!("địa chỉ cần hơn {allowed} dòng ở cỡ chữ nhỏ nhất"),
        TooManySteps { count, allowed } => format!("có {count} bước, áp phích chỉ in được {allowed}"),
        NoRoom => "không đủ chỗ cho cả chữ lẫn mã QR, kể cả ở cỡ chữ nhỏ nhất".into(),
        OutsidePrintable { mm } => format!("chữ tràn ra ngoài vùng in (cách mép giấy {mm} mm)"),
        OverQuietZone => "chữ đè lên mã QR hoặc khoảng trắng quanh mã".into(),
        Other(reason) => reason.clone(),
    }
}

fn poster_fix_vi(field: &str) -> &'static str {
    match field {
        "title" => {
            "viết tiêu đề ngắn hơn trong khối `poster:` (`title:`), hoặc thêm `short_title:` cho trang."
        }
        "subtitle" => {
            "viết dòng giới thiệu ngắn hơn (`poster: subtitle:`), hoặc rút ngắn `description:` của trang."
        }
        "steps" => {
            "viết bước này ngắn hơn (dưới 60 chữ), mỗi bước một việc; tối đa 4 bước trong `poster: steps:`."
        }
        "note" => "viết dòng lưu ý ngắn hơn (`poster: note:`, dưới 90 chữ).",
        "url" => "đặt cho trang một đường dẫn ngắn (`aliases: [\"/ngan/\"]`) hoặc `slug:` ngắn hơn.",
        "label" => "đặt `short_title:` ngắn cho trang: nhãn dán và bảng mã dùng tên ngắn.",
        _ => "viết ngắn hơn các dòng trong khối `poster:` của trang.",
    }
}

fn poster_fix_en(field: &str) -> &'static str {
    match field {
        "title" => "shorten the title in the `poster:` block (`title:`), or give the page a `short_title:`.",
        "subtitle" => "shorten the subtitle (`poster: subtitle:`) or the page's `description:`.",
        "steps" => "shorten this step (under 60 characters), one action each; at most 4 `poster: steps:`.",
        "note" => "shorten the note (`poster: note:`, under 90 characters).",
        "url" => "give the page a short alias (`aliases: [\"/short/\"]`) or a shorter `slug:`.",
        "label" => "give the page a short `short_title:`: stickers and sheets use it.",
        _ => "shorten the lines of the page's `poster:` block.",
    }
}

/// Cuts `text` to about `max` characters, keeping its start and end.
pub fn clip(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max * 2 / 3).collect();
    let tail: String = text.chars().skip(count - max / 3).collect();
    format!("{head} … {tail}")
}

/// ` and 3 more` when a list was cut short.
fn more(count: usize, shown: usize) -> String {
    if count > shown { format!(" … (+{})", count - shown) } else { String::new() }
}

fn join_code(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "`{item}`");
    }
    out
}

/// Words used around diagnostics and in the run summary.
pub struct Chrome;

impl Chrome {
    pub fn error(lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => "lỗi",
            Lang::En => "error",
        }
    }
    pub fn warning(lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => "cảnh báo",
            Lang::En => "warning",
        }
    }
    pub fn help(lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => "cách sửa",
            Lang::En => "help",
        }
    }

    /// The closing line of a run that failed.
    pub fn failed(lang: Lang, errors: usize, warnings: usize) -> String {
        match lang {
            Lang::Vi => format!(
                "Không tạo được trang: {errors} lỗi, {warnings} cảnh báo. Thư mục kết quả cũ được giữ nguyên."
            ),
            Lang::En => format!(
                "Build failed: {errors} error(s), {warnings} warning(s). The previous output was left untouched."
            ),
        }
    }

    /// The closing line of a successful build.
    pub fn built(lang: Lang, summary: &BuildSummary) -> String {
        let BuildSummary { pages, posters, posters_rendered, warnings, millis, output, unchanged } = summary;
        match (lang, unchanged) {
            (Lang::Vi, true) => {
                format!("Không có gì thay đổi: {pages} trang trong `{output}` vẫn mới ({millis} ms).")
            }
            (Lang::En, true) => {
                format!("Nothing changed: the {pages} pages in `{output}` are up to date ({millis} ms).")
            }
            (Lang::Vi, false) => format!(
                "Đã tạo {pages} trang, {posters} áp phích ({posters_rendered} vẽ mới) vào `{output}` trong {millis} ms ({warnings} cảnh báo)."
            ),
            (Lang::En, false) => format!(
                "Built {pages} pages and {posters} posters ({posters_rendered} rendered) into `{output}` in {millis} ms ({warnings} warning(s))."
            ),
        }
    }
}

impl Chrome {
    /// After the summary, when the waiting-room screen has slides.
    pub fn placements_built(lang: Lang, places: usize, posters: usize, rendered: usize) -> String {
        match lang {
            Lang::Vi => format!(
                "Bộ áp phích theo nơi dán: {places} nơi, {posters} áp phích ({rendered} vẽ mới) trong `posters/dia-diem/`."
            ),
            Lang::En => format!(
                "Placement print sets: {places} places, {posters} posters ({rendered} rendered) in `posters/dia-diem/`."
            ),
        }
    }

    pub fn screen_built(lang: Lang, slides: usize, rendered: usize) -> String {
        match lang {
            Lang::Vi => format!("Màn hình chờ: {slides} trang chiếu ({rendered} vẽ mới) trong `man-hinh/`."),
            Lang::En => format!("Waiting-room screen: {slides} slides ({rendered} rendered) in `man-hinh/`."),
        }
    }

    pub fn drawing_posters(lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => "Đang vẽ áp phích",
            Lang::En => "Drawing posters",
        }
    }

    pub fn created(lang: Lang, path: &str) -> String {
        match lang {
            Lang::Vi => format!("Đã tạo {path}. Mở tệp để viết bài, rồi chạy `loa serve` để xem."),
            Lang::En => {
                format!("Created {path}. Open it to write the page, then run `loa serve` to preview.")
            }
        }
    }

    pub fn initialised(lang: Lang, dir: &str, files: usize) -> String {
        match lang {
            Lang::Vi => format!(
                "Đã tạo trang mới trong `{dir}` ({files} tệp). Sửa các dòng \"CẦN SỬA\" trong site.yaml, rồi chạy `loa serve --root \"{dir}\"` để xem."
            ),
            Lang::En => format!(
                "Created a new site in `{dir}` ({files} files). Change the \"CẦN SỬA\" lines of site.yaml, then run `loa serve --root \"{dir}\"` to preview."
            ),
        }
    }

    pub fn init_ask_kind(lang: Lang) -> String {
        match lang {
            Lang::Vi => "Cấp của đơn vị (xã, phường hay đặc khu; Enter để ghi xã)".into(),
            Lang::En => "Kind of unit (xã, phường or đặc khu; Enter for xã)".into(),
        }
    }

    pub fn init_bad_kind(lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => "  Chỉ có ba cấp: xã, phường, đặc khu.",
            Lang::En => "  There are three kinds: xã, phường, đặc khu.",
        }
    }

    pub fn init_ask_name(lang: Lang) -> String {
        match lang {
            Lang::Vi => "Tên đơn vị, không ghi cấp, ví dụ Bình Sơn (Enter để điền sau)".into(),
            Lang::En => "Name of the unit, without its kind, e.g. Bình Sơn (Enter to fill in later)".into(),
        }
    }

    pub fn init_ask_province(lang: Lang) -> String {
        match lang {
            Lang::Vi => "Tỉnh, thành phố (Enter để điền sau)".into(),
            Lang::En => "Province or city (Enter to fill in later)".into(),
        }
    }

    pub fn init_ask_url(lang: Lang) -> String {
        match lang {
            Lang::Vi => "Địa chỉ trang khi đăng, bắt đầu bằng https:// (Enter để điền sau)".into(),
            Lang::En => {
                "The site's address once published, starting with https:// (Enter to fill in later)".into()
            }
        }
    }

    /// What `loa init` writes for a value it was not told (site text, in
    /// the placeholder form `loa check` finds).
    pub fn init_placeholder_name() -> &'static str {
        "[Tên đơn vị mẫu — CẦN SỬA]"
    }

    pub fn init_placeholder_province() -> &'static str {
        "[Tên tỉnh mẫu — CẦN SỬA]"
    }

    pub fn init_title(unit: &str) -> String {
        format!("{unit} — Hướng dẫn dịch vụ công")
    }

    pub fn init_description(unit: &str) -> String {
        format!("Hướng dẫn VNeID, dịch vụ công trực tuyến và thủ tục cư trú cho người dân {unit}.")
    }

    pub fn serving(lang: Lang, url: &str) -> String {
        match lang {
            Lang::Vi => {
                format!("Đang xem trước tại {url} — lưu tệp là trang tự cập nhật. Bấm Ctrl+C để dừng.")
            }
            Lang::En => format!("Previewing at {url} — pages update when you save. Press Ctrl+C to stop."),
        }
    }

    pub fn serve_built(lang: Lang, millis: u128) -> String {
        match lang {
            Lang::Vi => format!("Đã tạo trang xem trước trong {millis} ms."),
            Lang::En => format!("Preview built in {millis} ms."),
        }
    }

    pub fn serve_posters_checked(lang: Lang, posters: usize, problems: usize, millis: u128) -> String {
        match lang {
            Lang::Vi => format!(
                "Đã dàn trang thử {posters} áp phích trong {millis} ms: {problems} áp phích không in được."
            ),
            Lang::En => format!("Laid out {posters} posters in {millis} ms: {problems} would not print."),
        }
    }

    /// Only the pages a change shows on were rendered again.
    pub fn serve_updated(lang: Lang, pages: usize, files: usize, millis: u128) -> String {
        match lang {
            Lang::Vi => format!("Đã cập nhật {pages} trang theo {files} tệp vừa đổi ({millis} ms)."),
            Lang::En => format!("Updated {pages} page(s) after {files} changed file(s) ({millis} ms)."),
        }
    }

    /// Every page was rendered again; `files` is 0 when the watcher lost
    /// track of changes and everything was read again.
    pub fn serve_rebuilt(lang: Lang, files: usize, millis: u128) -> String {
        match (lang, files) {
            (Lang::Vi, 0) => format!("Đã đọc lại và tạo lại mọi trang ({millis} ms)."),
            (Lang::En, 0) => format!("Read everything again and rebuilt every page ({millis} ms)."),
            (Lang::Vi, _) => format!("Đã tạo lại mọi trang theo {files} tệp vừa đổi ({millis} ms)."),
            (Lang::En, _) => format!("Rebuilt every page after {files} changed file(s) ({millis} ms)."),
        }
    }

    /// Some pages have errors; every other page and every list is up to date.
    pub fn serve_errors_elsewhere_updated(lang: Lang) -> String {
        match lang {
            Lang::Vi => {
                "Còn lỗi: trang có lỗi hiện thông báo trong trình duyệt, các trang khác đã được cập nhật."
                    .into()
            }
            Lang::En => {
                "Errors remain: the affected pages show them in the browser; every other page is up to date."
                    .into()
            }
        }
    }

    /// A change was not applied: the sources have errors.
    pub fn serve_errors(lang: Lang) -> String {
        match lang {
            Lang::Vi => "Còn lỗi: trang có lỗi hiện thông báo trong trình duyệt, các trang khác giữ bản tốt gần nhất.".into(),
            Lang::En => "Errors remain: the affected pages show them in the browser; the others keep the last good version.".into(),
        }
    }

    pub fn serve_public_warning(lang: Lang, address: &str) -> String {
        match lang {
            Lang::Vi => format!(
                "cảnh báo: đang mở trang xem trước cho mọi máy khác vào được qua {address}. Chỉ làm vậy trong mạng tin cậy."
            ),
            Lang::En => format!(
                "warning: the preview is reachable from other machines at {address}. Only do this on a trusted network."
            ),
        }
    }

    pub fn serve_watch_failed(lang: Lang, reason: &str) -> String {
        match lang {
            Lang::Vi => {
                format!("lỗi: không theo dõi được thay đổi của tệp ({reason}); trang sẽ không tự cập nhật")
            }
            Lang::En => format!(
                "error: cannot watch files for changes ({reason}); pages will not update by themselves"
            ),
        }
    }

    /// The preview's error page: its title and what to do.
    pub fn error_page(lang: Lang) -> (&'static str, &'static str) {
        match lang {
            Lang::Vi => ("Trang có lỗi", "Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại."),
            Lang::En => {
                ("The page has errors", "Fix the errors below and save; this page reloads by itself.")
            }
        }
    }

    /// Heading of the preview's panel of a page's warnings, and its close button's label.
    pub fn warnings_panel(lang: Lang) -> (&'static str, &'static str) {
        match lang {
            Lang::Vi => ("Cảnh báo của trang này (chỉ hiện khi xem thử, không có trên trang đăng)", "Đóng"),
            Lang::En => {
                ("Warnings for this page (shown in the preview only, not on the published page)", "Close")
            }
        }
    }

    pub fn serve_bind_failed(lang: Lang, address: &str, reason: &str) -> String {
        match lang {
            Lang::Vi => format!("lỗi: không mở được cổng trên {address}: {reason}"),
            Lang::En => format!("error: cannot listen on {address}: {reason}"),
        }
    }
}

impl Chrome {
    /// How many pages got no poster (after a build where some did not).
    pub fn posters_failed(lang: Lang, count: usize) -> String {
        match lang {
            Lang::Vi => format!(
                "{count} trang chưa có áp phích vì chữ không vừa hoặc có ký tự không in được (cảnh báo ở trên); trang web của chúng vẫn được tạo."
            ),
            Lang::En => format!(
                "{count} page(s) got no poster because their text does not fit or cannot be printed (warnings above); their web pages were built."
            ),
        }
    }

    /// Why the posters carry the sample band (after a build that has them).
    pub fn sample_band(lang: Lang, placeholders: usize) -> String {
        match lang {
            Lang::Vi => format!(
                "Áp phích, bảng mã và nhãn dán có dải \"BẢN MẪU — KHÔNG IN\" vì trang còn {placeholders} chỗ nội dung mẫu (cảnh báo ở trên). Đừng gửi in cho tới khi sửa hết."
            ),
            Lang::En => format!(
                "Posters, sheets and stickers carry the band \"BẢN MẪU — KHÔNG IN\" because the site still has {placeholders} piece(s) of sample text (warnings above). Do not send them to print until all are fixed."
            ),
        }
    }
}

/// Figures shown at the end of a build.
pub struct BuildSummary {
    pub pages: usize,
    pub posters: usize,
    pub posters_rendered: usize,
    pub warnings: usize,
    pub millis: u128,
    pub output: String,
    pub unchanged: bool,
}

/// `loa` double-clicked in Explorer (`cmd::launch`).
impl Chrome {
    pub fn launch_no_site(lang: Lang, dir: &str) -> String {
        match lang {
            Lang::Vi => format!(
                "loa: công cụ tạo trang hướng dẫn dịch vụ công và áp phích mã QR.\nThư mục `{dir}` chưa có trang web nào (không có tệp site.yaml)."
            ),
            Lang::En => format!(
                "loa: public-service guide sites and QR posters.\nThe folder `{dir}` has no site yet (no site.yaml)."
            ),
        }
    }

    pub fn launch_ask_create(lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => "Tạo trang web mới trong thư mục này? Gõ C rồi Enter để tạo, hoặc chỉ Enter để thoát",
            Lang::En => {
                "Create a new site in this folder? Type C and Enter to create it, or just Enter to quit"
            }
        }
    }

    pub fn launch_press_enter(lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => "Nhấn Enter để đóng cửa sổ này.",
            Lang::En => "Press Enter to close this window.",
        }
    }

    pub fn launch_open_yourself(lang: Lang, url: &str) -> String {
        match lang {
            Lang::Vi => format!("Không tự mở được trình duyệt: hãy mở trình duyệt và vào {url}"),
            Lang::En => format!("Could not open the browser: open one and go to {url}"),
        }
    }
}

/// Answers that mean yes to a question loa asks (Vietnamese "có", English).
pub const YES_ANSWERS: &[&str] = &["c", "có", "co", "y", "yes"];

/// What is wrong with a skipped log line (`Malformed::code`).
fn log_line_problem_vi(why: &str) -> &'static str {
    match why {
        "time" => "thời gian không đúng dạng",
        "request" => "không có dòng yêu cầu GET/POST",
        "status" => "mã trả lời không phải ba chữ số",
        "json" => "JSON không phải một lượt truy cập của Caddy",
        _ => "không phải dạng nhật ký truy cập",
    }
}

fn log_line_problem_en(why: &str) -> &'static str {
    match why {
        "time" => "the time is not in the expected form",
        "request" => "no request line such as GET /",
        "status" => "the status is not three digits",
        "json" => "JSON, but not a Caddy access entry",
        _ => "not an access log line",
    }
}

/// `loa report`'s last lines.
impl Chrome {
    pub fn reading_logs(lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => "Đang đọc nhật ký",
            Lang::En => "Reading logs",
        }
    }

    pub fn report_written(lang: Lang, r: &ReportSummary) -> String {
        let mb_s = r.megabytes / r.seconds.max(0.001);
        match lang {
            Lang::Vi => format!(
                "Đã đọc {lines} dòng ({mb} MB, {mb_s:.0} MB/giây): {views} lượt xem trong {months} tháng; bỏ qua {robots} lượt của máy (bot), {malformed} dòng không đọc được.\nBáo cáo: {html} và {csv}",
                lines = r.lines,
                mb = format!("{:.1}", r.megabytes).replace('.', ","),
                views = r.views,
                months = r.months,
                robots = r.robots,
                malformed = r.malformed,
                html = r.html,
                csv = r.csv,
            ),
            Lang::En => format!(
                "Read {lines} lines ({mb:.1} MB, {mb_s:.0} MB/s): {views} views over {months} month(s); skipped {robots} robot requests and {malformed} unreadable line(s).\nReport: {html} and {csv}",
                lines = r.lines,
                mb = r.megabytes,
                views = r.views,
                months = r.months,
                robots = r.robots,
                malformed = r.malformed,
                html = r.html,
                csv = r.csv,
            ),
        }
    }

    pub fn report_more_skipped(lang: Lang, more: u64) -> String {
        match lang {
            Lang::Vi => format!("… và {more} dòng không đọc được khác (chỉ đếm, không liệt kê)."),
            Lang::En => format!("… and {more} more unreadable line(s) (counted, not listed)."),
        }
    }

    pub fn report_failed(lang: Lang, errors: usize) -> String {
        match lang {
            Lang::Vi => format!("Chưa lập được báo cáo: {errors} lỗi. Báo cáo cũ (nếu có) vẫn giữ nguyên."),
            Lang::En => {
                format!("No report written: {errors} error(s). An earlier report, if any, is unchanged.")
            }
        }
    }
}

/// What `report_written` says.
pub struct ReportSummary {
    pub lines: u64,
    pub megabytes: f64,
    pub seconds: f64,
    pub views: u64,
    pub months: usize,
    pub robots: u64,
    pub malformed: u64,
    pub html: String,
    pub csv: String,
}

/// `loa check`'s last line.
impl Chrome {
    pub fn checked(lang: Lang, pages: Option<usize>, errors: usize, warnings: usize) -> String {
        match (lang, pages) {
            (Lang::Vi, Some(pages)) => {
                format!("Đã kiểm tra {pages} trang: {errors} lỗi, {warnings} cảnh báo.")
            }
            (Lang::Vi, None) => format!(
                "Kiểm tra dừng lại: {errors} lỗi, {warnings} cảnh báo. Sửa lỗi ở trên rồi chạy lại `loa check`."
            ),
            (Lang::En, Some(pages)) => {
                format!("Checked {pages} pages: {errors} error(s), {warnings} warning(s).")
            }
            (Lang::En, None) => format!(
                "Check stopped: {errors} error(s), {warnings} warning(s). Fix the errors above, then run `loa check` again."
            ),
        }
    }
}

/// A pack page the province changed since the site made its own copy:
/// what changed, for `Msg::PackPageChanged`.
#[derive(Clone, Debug, PartialEq)]
pub struct Drift {
    pub pack: String,
    /// The pack's page and the site's copy, as shown in messages.
    pub pack_file: String,
    pub local_file: String,
    pub old_version: String,
    pub new_version: String,
    /// The pack page's `reviewed` date (or the pack's), `dd/mm/yyyy`.
    pub updated: Option<String>,
    pub title: Option<(String, String)>,
    pub headings_added: Vec<String>,
    pub headings_removed: Vec<String>,
    /// Poster fields that changed: `title`, `subtitle`, `steps`, `note`.
    pub poster: Vec<&'static str>,
    /// Lines of the page only in the new version, and only in the old.
    pub lines_added: usize,
    pub lines_removed: usize,
}

fn drift_vi(d: &Drift) -> (String, Option<String>) {
    let when = d.updated.as_ref().map(|u| format!(" ngày {u}")).unwrap_or_default();
    let mut changes = Vec::new();
    if let Some((old, new)) = &d.title {
        changes.push(format!("tiêu đề “{old}” → “{new}”"));
    }
    if !d.headings_added.is_empty() {
        changes.push(format!("thêm mục {}", quoted(&d.headings_added)));
    }
    if !d.headings_removed.is_empty() {
        changes.push(format!("bỏ mục {}", quoted(&d.headings_removed)));
    }
    if !d.poster.is_empty() {
        let fields: Vec<&str> = d.poster.iter().map(|f| poster_field_vi(f)).collect();
        changes.push(format!("áp phích đổi {}", fields.join(", ")));
    }
    changes.push(format!("{} dòng mới, {} dòng bỏ", d.lines_added, d.lines_removed));
    (
        format!(
            "tỉnh đã cập nhật bài này trong gói `{}`{when} (bản {} → {}): {}",
            d.pack,
            d.old_version,
            d.new_version,
            changes.join("; ")
        ),
        Some(format!(
            "trang dùng bản riêng `{}` thay cho bài của gói. So sánh với `{}` và sửa bản của bạn cho khớp, rồi chạy `loa accept {}` để loa ghi nhận.",
            d.local_file, d.pack_file, d.local_file
        )),
    )
}

fn drift_en(d: &Drift) -> (String, Option<String>) {
    let when = d.updated.as_ref().map(|u| format!(" on {u}")).unwrap_or_default();
    let mut changes = Vec::new();
    if let Some((old, new)) = &d.title {
        changes.push(format!("title “{old}” → “{new}”"));
    }
    if !d.headings_added.is_empty() {
        changes.push(format!("added {}", quoted(&d.headings_added)));
    }
    if !d.headings_removed.is_empty() {
        changes.push(format!("removed {}", quoted(&d.headings_removed)));
    }
    if !d.poster.is_empty() {
        changes.push(format!("poster {} changed", d.poster.join(", ")));
    }
    changes.push(format!("{} lines new, {} gone", d.lines_added, d.lines_removed));
    (
        format!(
            "the province updated this guide in pack `{}`{when} (version {} → {}): {}",
            d.pack,
            d.old_version,
            d.new_version,
            changes.join("; ")
        ),
        Some(format!(
            "the site publishes its own copy `{}` instead of the pack's page. Compare it with `{}`, update your copy, then run `loa accept {}`.",
            d.local_file, d.pack_file, d.local_file
        )),
    )
}

fn poster_field_vi(field: &str) -> &'static str {
    match field {
        "title" => "tiêu đề",
        "subtitle" => "dòng phụ",
        "steps" => "các bước",
        _ => "lời nhắc",
    }
}

fn quoted(items: &[String]) -> String {
    items.iter().map(|i| format!("“{i}”")).collect::<Vec<_>>().join(", ")
}

/// One line of `loa build --sites`' table; `None` counts for a site that
/// failed.
pub struct SiteRow {
    pub name: String,
    pub pages: Option<usize>,
    pub posters: Option<usize>,
    /// Posters drawn in this run (the others were kept from the last).
    pub drawn: Option<usize>,
    pub warnings: usize,
    pub errors: usize,
}

impl Chrome {
    pub fn building_sites(lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => "Đang tạo các trang",
            Lang::En => "Building sites",
        }
    }

    pub fn sites_none(lang: Lang, dir: &str) -> String {
        match lang {
            Lang::Vi => format!(
                "Không có trang nào trong `{dir}`: không thư mục con nào có tệp site.yaml. Chỉ rõ thư mục chứa các trang của xã, phường, đặc khu."
            ),
            Lang::En => format!(
                "No site under `{dir}`: no folder holds a site.yaml. Name the folder that holds the sites."
            ),
        }
    }

    /// Before the messages of one site of `--sites`.
    pub fn site_heading(lang: Lang, name: &str, root: &str) -> String {
        match lang {
            Lang::Vi => format!("══ Trang `{name}` (đường dẫn trong thông báo tính từ `{root}`) ══\n"),
            Lang::En => format!("══ Site `{name}` (paths below are relative to `{root}`) ══\n"),
        }
    }

    /// The table after `--sites`: one row per site.
    pub fn sites_table(lang: Lang, rows: &[SiteRow]) -> String {
        let head = match lang {
            Lang::Vi => ["Trang web", "Số trang", "Áp phích", "Vẽ mới", "Cảnh báo", "Lỗi"],
            Lang::En => ["Site", "Pages", "Posters", "Drawn", "Warnings", "Errors"],
        };
        let width =
            rows.iter().map(|r| r.name.chars().count()).chain([head[0].chars().count()]).max().unwrap_or(0);
        let count = |n: Option<usize>| n.map_or_else(|| "–".to_string(), |n| n.to_string());
        let [site, pages, posters, drawn, warnings, errors] = head;
        let mut out =
            format!("{site:<width$}  {pages:>8}  {posters:>8}  {drawn:>8}  {warnings:>8}  {errors:>5}");
        for r in rows {
            let mark = if r.errors > 0 { "  ✗" } else { "" };
            let _ = write!(
                out,
                "\n{:<width$}  {:>8}  {:>8}  {:>8}  {:>8}  {:>5}{mark}",
                r.name,
                count(r.pages),
                count(r.posters),
                count(r.drawn),
                r.warnings,
                r.errors
            );
        }
        out
    }

    pub fn sites_done(lang: Lang, built: usize, failed: usize, millis: u128) -> String {
        let seconds = format!("{:.1}", millis as f64 / 1000.0);
        match (lang, failed) {
            (Lang::Vi, 0) => format!("Đã tạo {built} trang web trong {} giây.", seconds.replace('.', ",")),
            (Lang::Vi, _) => format!(
                "Đã tạo {built} trang web trong {} giây; {failed} trang web có lỗi nên chưa tạo (xem thông báo ở trên), thư mục kết quả cũ của chúng giữ nguyên.",
                seconds.replace('.', ",")
            ),
            (Lang::En, 0) => format!("Built {built} site(s) in {seconds} s."),
            (Lang::En, _) => format!(
                "Built {built} site(s) in {seconds} s; {failed} site(s) have errors and were not built (see above); their previous output is unchanged."
            ),
        }
    }
}

/// ` (who)` after a name, or nothing when nobody is named.
fn by(who: &str) -> String {
    if who.is_empty() { String::new() } else { format!(" ({who})") }
}

impl Chrome {
    /// After `loa accept`: which copies now follow their pack page.
    pub fn accepted(lang: Lang, pages: &[String], copies: usize) -> String {
        let list = pages.iter().map(|p| format!("\n  content/{p}")).collect::<String>();
        match (lang, pages.len()) {
            (Lang::Vi, 0) => {
                format!("Không có gì cần ghi nhận: {copies} bài sửa riêng đều theo bản hiện tại của gói.")
            }
            (Lang::Vi, n) => {
                format!("Đã ghi nhận {n} bài theo bản hiện tại của gói (trong packs.lock.json):{list}")
            }
            (Lang::En, 0) => format!("Nothing to accept: all {copies} copies follow the packs as they are."),
            (Lang::En, n) => {
                format!("Accepted {n} copies against the packs as they are (in packs.lock.json):{list}")
            }
        }
    }
}
