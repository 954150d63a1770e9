//! Entry points for the fuzz targets (`fuzz/`) and for replaying what they
//! found (`tests/fuzz_corpus.rs`): the real stages on in-memory input, with
//! no disk. Not a stable API; hidden from the documentation.

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::build::{self, Sources, Stats};
use crate::config::Config;
use crate::content::{Asset, SourceFiles};
use crate::diagnostics::{Diagnostic, JsonDiagnostic, Report};
use crate::messages::Lang;
use crate::output::Sink;
use crate::render::{self, RenderInput};
use crate::theme::Theme;

/// A `site.yaml` that builds, for targets that vary the content.
pub const SITE_YAML: &str = "title: \"Phuong Mau\"\nbase_url: \"https://example.org/phuong-mau\"\n\
    links:\n  allowed_hosts: [\"*.gov.vn\"]\nposters:\n  enabled: false\n";

/// A page that builds, for targets that vary `site.yaml`. The fixtures
/// here are plain ASCII; the seeds in `tests/fuzz_corpus/` are Vietnamese.
pub const PAGE: &str = "---\ntitle: \"Dang ky tam tru\"\ndescription: \"Cac buoc.\"\ndate: 2026-11-01\n\
    tags: [Cu tru]\naliases: [\"/tamtru/\"]\n---\n## Cac buoc\n\n1. Mo VNeID.\n2. Chon Thu tuc.\n";

/// What a build of a fuzzed site gave.
pub enum Built {
    /// Every output file (`tin-tuc/trang/index.html` → bytes).
    Files(BTreeMap<String, Vec<u8>>),
    /// The errors, each as printed and as JSON (rendering them must work too).
    Errors(Vec<String>),
}

/// Builds a small site in memory from `site_yaml`: a home page, a section,
/// and `page` as a post of a section with an Atom feed.
pub fn build_site(site_yaml: &str, page: &[u8]) -> Built {
    let report = Report::default();
    let files = match Config::parse(&crate::fs::normalise(site_yaml.to_string()), None) {
        Ok(config) => render_site(config, page, &report),
        Err(errors) => {
            report.extend(errors);
            None
        }
    };
    match files {
        Some(files) if !report.has_errors() => Built::Files(files),
        _ => Built::Errors(report.into_sorted().iter().map(shown).collect()),
    }
}

fn render_site(config: Config, page: &[u8], report: &Report) -> Option<BTreeMap<String, Vec<u8>>> {
    let file = |path: &str, text: &[u8]| (path.to_string(), text.to_vec());
    let markdown = vec![
        file("_index.md", "---\ntitle: Trang chu\n---\nXem [tin](tin-tuc/trang.md).\n".as_bytes()),
        file("vneid/_index.md", "---\ntitle: VNeID\n---\nMuc.\n".as_bytes()),
        file("vneid/kich-hoat.md", "---\ntitle: Kich hoat\ntags: [VNeID]\n---\n1. Mo.\n".as_bytes()),
        file("tin-tuc/_index.md", b"---\ntitle: Tin\nfeed: true\nsort_by: date\n---\n"),
        file("tin-tuc/trang.md", page),
    ];
    let files = SourceFiles::in_memory(markdown);
    let mut stats = Stats::default();
    let published_host = config.host.clone();
    let sources = Sources {
        config,
        config_text: String::new(),
        theme: Theme::built_in(),
        files,
        published_host,
        packs: Vec::new(),
        lock: Default::default(),
    };
    let mut prepared = build::prepare(sources, false, report, &mut stats)?;
    let input = RenderInput {
        content: &prepared.content,
        rendered: &prepared.rendered,
        config: &prepared.config,
        theme: &prepared.theme,
        posters: &|_| None,
        share_images: &|_| None,
        short_paths: &prepared.shorts,
        posters_built: false,
    };
    let memory = Memory::default();
    render::render_site(&input, &mut prepared.templates, &memory, report);
    Some(memory.0.into_inner().unwrap_or_else(|e| e.into_inner()))
}

fn shown(d: &Diagnostic) -> String {
    let json = serde_json::to_string(&JsonDiagnostic::new(d, Lang::En)).unwrap_or_default();
    format!("{}\n{json}", d.render(Lang::Vi, false))
}

#[derive(Default)]
struct Memory(Mutex<BTreeMap<String, Vec<u8>>>);

impl Sink for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), bytes.to_vec());
        Ok(())
    }

    fn copy_asset(&self, _: &Asset) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// One access log line as `loa report` reads it: the request's time (as
/// a Vietnam month, `(year, month)`), status and target length, or `None`
/// for a line it skips.
pub fn log_line(line: &[u8]) -> Option<((i32, u8), u16, usize)> {
    use crate::report::time::{Month, day_of};
    let mut seen = None;
    crate::report::line::read(line, |hit| {
        let month = Month::of_day(day_of(hit.unix));
        seen = Some(((month.year, month.month), hit.status, hit.target.len()));
    })
    .ok()?;
    seen
}

/// The slug of `text`, and its search folding.
pub fn slug_and_fold(text: &str) -> (String, String) {
    (crate::slug::slugify(text), crate::search::fold(text))
}

/// An A4 poster with this wording, laid out and checked by the engine as
/// for a real page: the SVG, or the engine's complaint.
pub fn poster(title: &str, subtitle: &str, steps: &[String]) -> Result<String, String> {
    static ENGINE: std::sync::OnceLock<Option<crate::poster::PosterEngine>> = std::sync::OnceLock::new();
    let engine = ENGINE.get_or_init(|| crate::build::posters::engine(&Theme::built_in()).ok());
    let Some(engine) = engine else { return Err("the built-in poster engine did not load".into()) };
    let data = crate::poster::PosterData {
        unit_name: "UBND phuong Mau".into(),
        title: title.into(),
        short_title: String::new(),
        subtitle: subtitle.into(),
        call_to_action: "Quet ma".into(),
        derived: crate::poster::Derived::default(),
        steps: steps.to_vec(),
        url: "https://example.org/phuong-mau/vneid/trang/?src=poster".into(),
        address: "example.org/phuong-mau/vneid/trang".into(),
        check_note: "Kiem tra dia chi".into(),
        note: String::new(),
        band: String::new(),
        video: String::new(),
        placement: String::new(),
        contact: "Dien thoai: 0255 3822 222".into(),
        footer: "Cap nhat 01/11/2026".into(),
        ecc: crate::poster::Ecc::M,
        page_label: "content/vneid/trang.md".into(),
    };
    engine.poster_svg(&data, crate::poster::Paper::A4).map_err(|e| format!("{e:?}"))
}
