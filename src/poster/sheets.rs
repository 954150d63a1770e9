//! Index sheets and sticker sheets: how many labelled QR codes go on a page,
//! where each cell is (in mm, the sheet templates use a viewBox in mm), and
//! the Tera contexts for `sheet.svg` and `stickers.svg`. The templates draw
//! the cells; Rust paginates and fixes the grid.
//!
//! Stickers are laid out for Avery L7163-compatible A4 label sheets:
//! 14 labels of 99.1 × 38.1 mm, 2 columns × 7 rows.

use serde::Serialize;

use super::text::nfc;
use super::{Paper, PosterError, SheetEntry};

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
