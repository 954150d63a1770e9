//! Index sheets and sticker sheets: how many labelled QR codes go on a page,
//! where each cell is (in mm, the sheet templates use a viewBox in mm), and
//! the Tera contexts for `sheet.svg` and `stickers.svg`. The templates draw
//! the cells; Rust paginates and fixes the grid. A sheet is planned first
//! (`SheetPlan`: every page's context known), then drawn page by page, so
//! a caller can keep the pages whose context did not change.
//!
//! Stickers are laid out for Avery L7163-compatible A4 label sheets:
//! 14 labels of 99.1 × 38.1 mm, 2 columns × 7 rows.

use serde::Serialize;

use super::layout::Scope;
use super::qr::qr_version;
use super::text::nfc;
use super::verify::Rules;
use super::{
    Ecc, MIN_SMALL_QR_MM, Paper, PaperCtx, Poster, PosterEngine, PosterError, SAFE_MARGIN_MM,
    STICKER_SAFE_MARGIN_MM, SheetEntry, SheetText,
};

/// A grid of cells on a page, all lengths in mm.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Grid {
    /// Columns per page.
    pub cols: usize,
    /// Rows per page.
    pub rows: usize,
    /// Left edge of the first column.
    pub x: f32,
    /// Top edge of the first row.
    pub y: f32,
    /// Column pitch (cell width, gaps included).
    pub cell_w: f32,
    /// Row pitch.
    pub cell_h: f32,
}

impl Grid {
    /// Cells per page.
    pub fn per_page(&self) -> usize {
        self.cols * self.rows
    }
}

/// Name and label size of the sticker sheet the sticker layout is made for.
pub const STICKER_SHEET: &str = "Avery L7163 (99.1 × 38.1 mm, 14 per A4 sheet)";

/// The sticker grid: Avery L7163 and compatibles.
pub const STICKER_GRID: Grid = Grid { cols: 2, rows: 7, x: 4.65, y: 15.15, cell_w: 101.6, cell_h: 38.1 };
/// Width of one sticker label (the pitch includes a 2.5 mm gap).
const STICKER_W: f32 = 99.1;

/// The index-sheet grid for each paper: 25 codes on A4 and A3, 9 on A5.
pub fn sheet_grid(paper: Paper) -> Grid {
    let (w, h) = paper.size_mm();
    let (cols, rows, margin, top) = match paper {
        Paper::A3 => (5, 5, 14.0, 52.0),
        Paper::A4 => (5, 5, 10.0, 37.0),
        Paper::A5 => (3, 3, 10.0, 37.0),
    };
    Grid {
        cols,
        rows,
        x: margin,
        y: top,
        cell_w: (w - 2.0 * margin) / cols as f32,
        cell_h: (h - margin - top) / rows as f32,
    }
}

/// One labelled code on a page, as templates see it.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    /// 1-based position in the whole list.
    pub number: usize,
    /// NFC-normalised label.
    pub label: String,
    /// The URL encoded in the code, unchanged.
    pub url: String,
    /// The address printed for typing.
    pub address: String,
    /// `address` without the sheet's common `prefix`: what a sheet prints
    /// under the code (`dktt-k4`), the prefix being printed once.
    pub short: String,
    /// Cell box (mm).
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    /// Horizontal centre of the cell.
    pub cx: f32,
}

/// Split entries into pages of cells placed on `grid`. `prefix` is taken
/// off each cell's `short`.
pub fn paginate(
    entries: &[SheetEntry],
    grid: &Grid,
    cell_w: f32,
    prefix: &str,
) -> Result<Vec<Vec<Cell>>, PosterError> {
    entries
        .chunks(grid.per_page().max(1))
        .enumerate()
        .map(|(p, chunk)| {
            chunk
                .iter()
                .enumerate()
                .map(|(i, e)| place(p * grid.per_page() + i, i, e, grid, cell_w, prefix))
                .collect()
        })
        .collect()
}

fn place(
    number: usize,
    slot: usize,
    entry: &SheetEntry,
    grid: &Grid,
    cell_w: f32,
    prefix: &str,
) -> Result<Cell, PosterError> {
    let (col, row) = (slot % grid.cols, slot / grid.cols);
    let x = grid.x + col as f32 * grid.cell_w;
    let address = super::address::printed(&entry.url, &entry.address)?;
    Ok(Cell {
        number: number + 1,
        label: nfc(&entry.label),
        url: entry.url.clone(),
        short: address.strip_prefix(prefix).unwrap_or(&address).to_string(),
        address,
        x,
        y: grid.y + row as f32 * grid.cell_h,
        w: cell_w,
        h: grid.cell_h,
        cx: x + cell_w / 2.0,
    })
}

/// Width of an index-sheet cell (no gaps: cells share their quiet zones).
pub fn sheet_cell_w(grid: &Grid) -> f32 {
    grid.cell_w
}

/// Width of a sticker label.
pub fn sticker_cell_w() -> f32 {
    STICKER_W
}

/// What every printed address of a sheet starts with, up to a `/`
/// (`example.org/phuong-mau/`), printed once in the header; empty when
/// they share none (then each cell prints its whole address).
pub fn common_prefix(entries: &[SheetEntry]) -> String {
    let printed: Vec<String> =
        entries.iter().filter_map(|e| super::address::printed(&e.url, &e.address).ok()).collect();
    let Some(first) = printed.first() else { return String::new() };
    let mut end = first.len();
    for other in &printed[1..] {
        end = first.bytes().zip(other.bytes()).take(end).take_while(|(a, b)| a == b).count();
    }
    // Up to the last `/` of the shared part, past the host, never a whole address.
    let shared = &first[..end];
    match shared.rfind('/') {
        Some(slash) if !first.contains("://") && printed.iter().all(|p| p.len() > slash + 1) => {
            first[..=slash].to_string()
        }
        _ => String::new(),
    }
}

/// Which template lays out a sheet's pages, on which paper and grid.
struct Kind {
    template: &'static str,
    /// Names the sheet in error messages.
    label: String,
    paper: Paper,
    grid: Grid,
}

/// An index sheet or sticker sheet paginated, not drawn yet.
pub struct SheetPlan {
    template: &'static str,
    /// Names the sheet in error messages.
    label: String,
    paper: Paper,
    grid: Grid,
    /// The words, NFC-normalised.
    text: SheetText,
    font_family: String,
    pages: Vec<Vec<Cell>>,
    /// What every address of the sheet starts with (printed once), or "".
    prefix: String,
    /// The version all codes of the sheet share.
    version: u8,
}

#[derive(Serialize)]
struct PageNo {
    number: usize,
    count: usize,
}

/// What `sheet.svg` and `stickers.svg` see.
#[derive(Serialize)]
struct SheetCtx<'a> {
    paper: PaperCtx,
    font_family: &'a str,
    title: &'a str,
    unit_name: &'a str,
    check_note: &'a str,
    band: &'a str,
    page: PageNo,
    grid: Grid,
    cells: &'a [Cell],
    sticker_sheet: &'static str,
    prefix: &'a str,
    /// The words before and after `prefix` in the typing hint.
    hint_before: &'a str,
    hint_after: &'a str,
    /// "Trang 1/2".
    page_of: String,
    qr_version: u8,
}

impl SheetPlan {
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Everything page `index` is drawn from (its template context), to
    /// tell whether it changed; `None` past the last page.
    pub fn page_inputs(&self, index: usize) -> Option<impl Serialize + '_> {
        self.context(index)
    }

    fn context(&self, index: usize) -> Option<SheetCtx<'_>> {
        let cells = self.pages.get(index)?;
        let (hint_before, hint_after) =
            self.text.type_hint.split_once("{prefix}").unwrap_or((&self.text.type_hint, ""));
        let count = self.pages.len();
        Some(SheetCtx {
            paper: PaperCtx::new(self.paper, 1.0),
            font_family: &self.font_family,
            title: &self.text.title,
            unit_name: &self.text.unit_name,
            check_note: &self.text.check_note,
            band: &self.text.band,
            page: PageNo { number: index + 1, count },
            grid: self.grid,
            cells,
            sticker_sheet: STICKER_SHEET,
            prefix: &self.prefix,
            hint_before,
            hint_after,
            page_of: self
                .text
                .page_of
                .replace("{number}", &(index + 1).to_string())
                .replace("{count}", &count.to_string()),
            qr_version: self.version,
        })
    }
}

/// The version every code of a sheet is drawn in: the largest any of them
/// needs, so they print with one module size.
fn sheet_version(entries: &[SheetEntry]) -> Result<u8, PosterError> {
    let mut version = 1;
    for entry in entries {
        version = version.max(qr_version(&entry.url, Ecc::M)?);
    }
    Ok(version)
}

impl PosterEngine {
    /// Index sheets: `entries` as a grid of labelled codes, as many pages as
    /// needed (`sheet_grid(paper)` per page). No entries → no pages.
    pub fn sheet_plan(
        &self,
        text: &SheetText,
        entries: &[SheetEntry],
        paper: Paper,
    ) -> Result<SheetPlan, PosterError> {
        let grid = sheet_grid(paper);
        let prefix = common_prefix(entries);
        let pages = paginate(entries, &grid, sheet_cell_w(&grid), &prefix)?;
        let label = format!("{} sheet “{}”", paper.name(), text.title);
        let kind = Kind { template: "sheet.svg", label, paper, grid };
        self.plan_pages(kind, text, pages, prefix, sheet_version(entries)?)
    }

    /// A4 sticker pages (Avery L7163 layout, `STICKER_SHEET`). No entries → no pages.
    pub fn sticker_plan(&self, text: &SheetText, entries: &[SheetEntry]) -> Result<SheetPlan, PosterError> {
        let pages = paginate(entries, &STICKER_GRID, sticker_cell_w(), "")?;
        let kind =
            Kind { template: "stickers.svg", label: "stickers".into(), paper: Paper::A4, grid: STICKER_GRID };
        self.plan_pages(kind, text, pages, String::new(), sheet_version(entries)?)
    }

    fn plan_pages(
        &self,
        Kind { template, label, paper, grid }: Kind,
        text: &SheetText,
        pages: Vec<Vec<Cell>>,
        prefix: String,
        version: u8,
    ) -> Result<SheetPlan, PosterError> {
        let text = SheetText {
            title: nfc(&text.title),
            unit_name: nfc(&text.unit_name),
            check_note: nfc(&text.check_note),
            type_hint: nfc(&text.type_hint),
            page_of: nfc(&text.page_of),
            band: nfc(&text.band),
        };
        let font_family = self.fonts.family().to_string();
        Ok(SheetPlan { template, label, paper, grid, text, font_family, pages, prefix, version })
    }

    /// Lays out and checks page `index` of a sheet.
    pub fn sheet_page(&self, plan: &SheetPlan, index: usize) -> Result<Poster, PosterError> {
        let ctx = plan
            .context(index)
            .ok_or_else(|| PosterError::Render(format!("{} has no page {}", plan.label, index + 1)))?;
        let rules = Rules {
            template: plan.template,
            paper: plan.paper.into(),
            min_symbol_mm: MIN_SMALL_QR_MM,
            safe_mm: if plan.template == "stickers.svg" { STICKER_SAFE_MARGIN_MM } else { SAFE_MARGIN_MM },
            addresses: ctx.cells.iter().map(|c| (c.url.clone(), c.address.clone())).collect(),
        };
        let scope = Scope::new(&format!("{}, page {}", plan.label, index + 1), 1.0, Ecc::M);
        self.render_checked(&ctx, scope, &rules)
    }

    /// Every page of an index sheet as SVG (see `sheet_plan`).
    pub fn sheet_svgs(
        &self,
        text: &SheetText,
        entries: &[SheetEntry],
        paper: Paper,
    ) -> Result<Vec<String>, PosterError> {
        self.draw_all(&self.sheet_plan(text, entries, paper)?)
    }

    /// Every page of the sticker sheets as SVG (see `sticker_plan`).
    pub fn sticker_svgs(&self, text: &SheetText, entries: &[SheetEntry]) -> Result<Vec<String>, PosterError> {
        self.draw_all(&self.sticker_plan(text, entries)?)
    }

    fn draw_all(&self, plan: &SheetPlan) -> Result<Vec<String>, PosterError> {
        (0..plan.page_count()).map(|i| self.sheet_page(plan, i).map(Poster::into_svg)).collect()
    }
}
