//! A site of N ordinary Vietnamese guide pages for the corpus test, made
//! the way the shared benchmark generator (`../shared/bench/gen_corpus.py
//! --layouts loa`) makes its pages: four sections, titles from a few
//! patterns over many procedures and audiences (the longest about 120
//! characters, as there), 300–1,500 words with headings, a numbered list of steps,
//! a table and links between pages. Written here, not copied, so the test
//! needs nothing outside the repository; the words are our own.
//! Deterministic: the same `n` writes the same bytes.

use std::fmt::Write as _;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

const SECTIONS: [(&str, &str, &str, usize); 4] = [
    ("vneid", "Định danh điện tử VNeID", "Kích hoạt và sử dụng tài khoản định danh điện tử.", 20),
    ("dich-vu-cong", "Dịch vụ công trực tuyến", "Thủ tục hành chính nộp trực tuyến.", 45),
    ("luu-tru", "Cư trú và lưu trú", "Thường trú, tạm trú, lưu trú và tạm vắng.", 20),
    ("tin-tuc", "Tin tức – Thông báo", "Thông báo của Ủy ban nhân dân.", 15),
];

const PROCEDURES: &[&str] = &[
    "đăng ký tạm trú",
    "đăng ký thường trú",
    "khai báo tạm vắng",
    "thông báo lưu trú",
    "đăng ký khai sinh",
    "đăng ký kết hôn",
    "đăng ký khai tử",
    "cấp bản sao trích lục hộ tịch",
    "chứng thực bản sao từ bản chính",
    "cấp đổi thẻ căn cước",
    "cấp phiếu lý lịch tư pháp",
    "đổi giấy phép lái xe",
    "đăng ký xe máy lần đầu",
    "nộp phạt vi phạm giao thông",
    "cấp hộ chiếu phổ thông",
    "kích hoạt tài khoản định danh điện tử mức độ 2",
    "tích hợp giấy phép lái xe vào ứng dụng VNeID",
    "đăng ký cấp điện sinh hoạt",
    "hưởng trợ cấp xã hội hằng tháng",
    "cấp giấy xác nhận tình trạng hôn nhân",
];

const AUDIENCES: &[&str] = &[
    "người cao tuổi",
    "sinh viên thuê trọ",
    "chủ nhà trọ",
    "người lao động tự do",
    "hộ kinh doanh cá thể",
    "người khuyết tật",
];

const PATTERNS: &[&str] = &[
    "Hướng dẫn {p} trực tuyến qua Cổng Dịch vụ công quốc gia",
    "Thủ tục {p}: hồ sơ, lệ phí và thời hạn giải quyết",
    "{P} dành cho {a}: các bước thực hiện chi tiết",
    "Những câu hỏi thường gặp khi {p} tại bộ phận một cửa",
    "Cách {p} trên ứng dụng VNeID",
];

const SENTENCES: &[&str] = &[
    "Mở ứng dụng VNeID, đăng nhập bằng tài khoản định danh điện tử mức độ 2 và chọn mục Thủ tục hành chính.",
    "Điền đầy đủ thông tin theo mẫu, kiểm tra lại họ tên, ngày sinh và số định danh cá nhân trước khi gửi.",
    "Đính kèm ảnh chụp giấy tờ rõ nét, không bị lóa, đủ bốn góc.",
    "Nộp lệ phí qua tài khoản ngân hàng hoặc ví điện tử được liên kết.",
    "Theo dõi tình trạng hồ sơ trong mục Quản lý hồ sơ; kết quả được trả qua ứng dụng hoặc qua bưu chính.",
    "Nếu cần hỗ trợ, người dân liên hệ bộ phận tiếp nhận và trả kết quả trong giờ hành chính.",
    "Cán bộ tiếp nhận kiểm tra tính hợp lệ của hồ sơ và hẹn ngày trả kết quả.",
    "Người dân nên quét mã QR trên áp phích tại nhà văn hóa để mở nhanh hướng dẫn này.",
];

const DOCUMENTS: &[&str] = &[
    "Tờ khai theo mẫu",
    "Thẻ căn cước còn hiệu lực",
    "Giấy tờ chứng minh chỗ ở hợp pháp",
    "Văn bản đồng ý của chủ hộ",
    "Bản sao giấy khai sinh",
    "Hợp đồng thuê nhà",
];

/// xorshift64: enough for choosing words, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.next() % (high - low + 1)
    }
}

struct Page {
    section: &'static str,
    slug: String,
    title: String,
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// An ASCII file name from a title (marks dropped, đ → d).
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().replace('đ', "d").nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn plan(n: usize) -> Vec<Page> {
    let mut pages = Vec::with_capacity(n);
    let mut left = n;
    for (i, &(section, ..)) in SECTIONS.iter().enumerate() {
        let count = if i + 1 == SECTIONS.len() { left } else { (n * SECTIONS[i].3 / 100).min(left) };
        left -= count;
        for k in 0..count {
            let procedure = PROCEDURES[k % PROCEDURES.len()];
            let pattern = PATTERNS[(k / PROCEDURES.len()) % PATTERNS.len()];
            let audience = AUDIENCES[(k / (PROCEDURES.len() * PATTERNS.len())) % AUDIENCES.len()];
            let mut title = pattern
                .replace("{p}", procedure)
                .replace("{P}", &capitalised(procedure))
                .replace("{a}", audience);
            let round = k / (PROCEDURES.len() * PATTERNS.len());
            if !pattern.contains("{a}") && round > 0 {
                let _ = write!(title, " ({audience})");
            }
            let part = round / AUDIENCES.len();
            if part > 0 {
                let _ = write!(title, " – phần {}", part + 1);
            }
            pages.push(Page { section, slug: format!("{}-{k}", slug(&title)), title });
        }
    }
    pages
}

fn body(page: &Page, index: usize, pages: &[Page], rng: &mut Rng) -> String {
    let mut text = String::new();
    let paragraph = |rng: &mut Rng, sentences: usize| {
        (0..sentences).map(|_| rng.pick(SENTENCES)).collect::<Vec<_>>().join(" ")
    };
    let _ = writeln!(text, "{}\n\n## Hồ sơ cần chuẩn bị\n", paragraph(rng, 3));
    for i in 0..rng.between(2, 5) {
        let _ = writeln!(text, "{}. {}", i + 1, rng.pick(DOCUMENTS));
    }
    text.push_str("\n## Các bước thực hiện\n\n");
    for i in 0..rng.between(3, 7) {
        let _ = writeln!(text, "{}. {}", i + 1, rng.pick(SENTENCES));
    }
    text.push_str("\n## Lệ phí và thời hạn\n\n| Hạng mục | Trực tuyến | Trực tiếp |\n|---|---|---|\n");
    text.push_str(
        "| Lệ phí | Theo biểu phí | Theo biểu phí |\n| Thời hạn | Theo quy định | Theo quy định |\n\n",
    );
    let words = rng.between(300, 1500);
    while text.split_whitespace().count() < words {
        let _ = writeln!(text, "{}\n", paragraph(rng, 4));
    }
    text.push_str("## Xem thêm\n\n");
    for step in [1, 7, 31] {
        let other = &pages[(index + step) % pages.len()];
        let href = if other.section == page.section {
            format!("{}.md", other.slug)
        } else {
            format!("../{}/{}.md", other.section, other.slug)
        };
        let _ = writeln!(text, "- [{}]({href})", other.title);
    }
    text
}

/// Write `content/` of an `n`-page site into `site` (site.yaml is the
/// caller's).
pub fn write(site: &Path, n: usize) -> std::io::Result<()> {
    let content = site.join("content");
    std::fs::create_dir_all(&content)?;
    std::fs::write(
        content.join("_index.md"),
        "---\ntitle: \"Cẩm nang thủ tục\"\ndescription: \"Hướng dẫn thủ tục.\"\n---\n\nHướng dẫn thủ tục.\n",
    )?;
    for (section, title, description, _) in SECTIONS {
        std::fs::create_dir_all(content.join(section))?;
        let index = format!(
            "---\ntitle: \"{title}\"\ndescription: \"{description}\"\nsort_by: date\n---\n\n{description}\n"
        );
        std::fs::write(content.join(section).join("_index.md"), index)?;
    }
    let pages = plan(n);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for (i, page) in pages.iter().enumerate() {
        let date = format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        let front = format!(
            "---\ntitle: \"{}\"\ndescription: \"Hướng dẫn {}.\"\ndate: {date}\ntags: [\"thủ tục\"]\n---\n\n",
            page.title,
            page.title.to_lowercase()
        );
        let path = content.join(page.section).join(format!("{}.md", page.slug));
        std::fs::write(path, front + &body(page, i, &pages, &mut rng))?;
    }
    Ok(())
}
