//! Shared fixtures: the default theme's poster templates and fonts, and a
//! realistic sample poster (UBND phường Chánh Lộ, residence notification).
#![allow(dead_code)]

use std::path::PathBuf;

use loa::poster::{Ecc, PosterData, PosterEngine, PosterFonts, SheetEntry, SheetText};

pub mod decode;
pub mod pdf_text;

pub const SAMPLE_URL: &str = "https://example.org/chanh-lo/cu-tru/thong-bao-luu-tru/?src=poster";

/// The default theme of this repository.
pub fn theme_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default")
}

pub fn fonts() -> PosterFonts {
    let dir = theme_dir().join("fonts");
    let read = |name: &str| std::fs::read(dir.join(name)).expect("theme font");
    PosterFonts::from_bytes(read("BeVietnamPro-Regular.ttf"), read("BeVietnamPro-Bold.ttf"), fallbacks())
        .expect("fonts load")
}

/// The theme's fallback faces, in the order the build uses them.
pub fn fallbacks() -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<String> = std::fs::read_dir(theme_dir().join("fonts/fallback"))
        .expect("fallback dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ttf"))
        .collect();
    names.sort();
    let dir = theme_dir().join("fonts/fallback");
    names.into_iter().map(|n| (n.clone(), std::fs::read(dir.join(&n)).expect("fallback font"))).collect()
}

pub fn templates() -> Vec<(String, String)> {
    let dir = theme_dir().join("posters");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("posters dir") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_some_and(|e| e == "svg") {
            let name = path.file_name().expect("name").to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&path).expect("template")));
        }
    }
    out.sort();
    out
}

pub fn engine() -> PosterEngine {
    PosterEngine::new(templates(), fonts()).expect("engine builds")
}

/// The words of a sheet or sticker page for a xã.
pub fn sheet_text(title: &str) -> SheetText {
    SheetText {
        title: title.into(),
        unit_name: "UBND xã Bình Sơn".into(),
        check_note: "Trước khi quét, hãy kiểm tra địa chỉ in dưới mỗi mã là trang của xã Bình Sơn.".into(),
        type_hint: "Không quét được? Gõ {prefix} và chữ in đậm dưới mã".into(),
        page_of: "Trang {number}/{count}".into(),
        band: String::new(),
    }
}

pub fn sample() -> PosterData {
    PosterData {
        unit_name: "UBND phường Chánh Lộ".into(),
        title: "Thông báo lưu trú qua VNeID".into(),
        subtitle: "Dành cho chủ nhà trọ, cơ sở lưu trú và hộ gia đình có người đến ở".into(),
        steps: vec![
            "Mở ứng dụng VNeID và đăng nhập tài khoản định danh mức 2".into(),
            "Chọn Thủ tục hành chính, rồi chọn Thông báo lưu trú".into(),
            "Nhập thông tin người lưu trú, thời gian và địa chỉ lưu trú".into(),
            "Gửi hồ sơ và theo dõi kết quả trong mục Quản lý hồ sơ".into(),
        ],
        url: SAMPLE_URL.into(),
        check_note: "Trước khi quét, hãy kiểm tra địa chỉ dưới mã QR là trang của phường".into(),
        contact: "Công an phường Chánh Lộ: 0255 3822 000 · Bộ phận một cửa: Thứ Hai – Thứ Sáu, 7:30–17:00"
            .into(),
        footer: "Cập nhật 15/11/2026 · Bản in A4".into(),
        ecc: Ecc::M,
        page_label: "content/cu-tru/thong-bao-luu-tru.md".into(),
        ..PosterData::default()
    }
}

/// 25 realistic ward services for an index sheet.
pub fn entries(n: usize) -> Vec<SheetEntry> {
    const SERVICES: [(&str, &str); 25] = [
        ("Thông báo lưu trú", "cu-tru/thong-bao-luu-tru"),
        ("Đăng ký tạm trú", "cu-tru/dang-ky-tam-tru"),
        ("Đăng ký thường trú", "cu-tru/dang-ky-thuong-tru"),
        ("Khai báo tạm vắng", "cu-tru/khai-bao-tam-vang"),
        ("Xác nhận thông tin cư trú", "cu-tru/xac-nhan-cu-tru"),
        ("Đăng ký khai sinh", "ho-tich/dang-ky-khai-sinh"),
        ("Đăng ký kết hôn", "ho-tich/dang-ky-ket-hon"),
        ("Đăng ký khai tử", "ho-tich/dang-ky-khai-tu"),
        ("Trích lục hộ tịch", "ho-tich/trich-luc"),
        ("Xác nhận tình trạng hôn nhân", "ho-tich/tinh-trang-hon-nhan"),
        ("Chứng thực bản sao", "chung-thuc/ban-sao"),
        ("Chứng thực chữ ký", "chung-thuc/chu-ky"),
        ("Chứng thực hợp đồng", "chung-thuc/hop-dong"),
        ("Cấp căn cước", "can-cuoc/cap-can-cuoc"),
        ("Tài khoản định danh điện tử", "can-cuoc/dinh-danh-dien-tu"),
        ("Hỗ trợ người có công", "xa-hoi/nguoi-co-cong"),
        ("Trợ cấp xã hội hằng tháng", "xa-hoi/tro-cap"),
        ("Bảo hiểm y tế hộ gia đình", "xa-hoi/bhyt-ho-gia-dinh"),
        ("Đăng ký hộ kinh doanh", "kinh-doanh/ho-kinh-doanh"),
        ("Giấy phép xây dựng nhà ở", "xay-dung/giay-phep"),
        ("Phản ánh, kiến nghị", "phan-anh/kien-nghi"),
        ("Tiếp công dân", "phan-anh/tiep-cong-dan"),
        ("Thu gom rác thải", "moi-truong/thu-gom-rac"),
        ("Phòng cháy chữa cháy", "an-ninh/pccc"),
        ("Lịch làm việc bộ phận một cửa", "lien-he/lich-lam-viec"),
    ];
    (0..n)
        .map(|i| {
            let (label, path) = SERVICES[i % SERVICES.len()];
            // The short address a build gives each page: initials and a code.
            let initials: String =
                path.rsplit('/').next().unwrap_or(path).split('-').filter_map(|w| w.chars().next()).collect();
            let short = format!("{initials}-{}", i + 1);
            SheetEntry {
                label: label.into(),
                url: format!("https://example.org/chanh-lo/{short}/?src=poster"),
                address: format!("example.org/chanh-lo/{short}"),
            }
        })
        .collect()
}
