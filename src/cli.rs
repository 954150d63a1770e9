//! The command line: commands, flags and their help text (Vietnamese first,
//! English in brackets, as the officers using loa read Vietnamese).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "loa",
    version,
    about = crate::messages::CLI_ABOUT,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Ngôn ngữ của thông báo: vi hoặc en [message language]
    #[arg(long, global = true, value_name = "vi|en", value_parser = parse_lang)]
    pub lang: Option<String>,

    /// Chỉ in lỗi [print errors only]
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// In thêm chi tiết, như thời gian từng bước [print more, such as stage timings]
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tạo trang web và áp phích vào thư mục kết quả [build the site and posters]
    Build(BuildArgs),
    /// Kiểm tra nội dung, không ghi gì [validate everything, write nothing]
    Check(CheckArgs),
    /// Xem trước trên máy, tự cập nhật khi lưu tệp [local preview with live reload]
    Serve(ServeArgs),
    /// Tạo bài mới trong một mục: loa new cu-tru "Tiêu đề" [start a new page]
    New(NewArgs),
    /// Tạo trang mới cho một xã, phường, đặc khu khác [create a new site]
    Init(InitArgs),
    /// Lập báo cáo lượt xem từ nhật ký truy cập của máy chủ [monthly report from access logs]
    Report(ReportArgs),
    /// Ghi nhận đã cập nhật bài sửa riêng theo bản mới của gói hướng dẫn [accept pack updates]
    Accept(AcceptArgs),
}

#[derive(Args, Debug)]
pub struct AcceptArgs {
    /// Bài của trang thay cho bài của gói, ví dụ content/vneid/kich-hoat.md; bỏ trống là mọi bài
    /// [the site's copies of pack pages; all when none is named]
    #[arg(value_name = "PAGE")]
    pub pages: Vec<PathBuf>,

    #[command(flatten)]
    pub root: RootArg,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Tệp nhật ký truy cập (access log), thường hoặc nén .gz [access log files]
    #[arg(required = true, value_name = "LOG")]
    pub logs: Vec<PathBuf>,

    #[command(flatten)]
    pub root: RootArg,

    /// Thư mục ghi bao-cao.html và bao-cao.csv, mặc định ROOT [folder for the report]
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// Chỉ tính từ tháng này, ví dụ 2026-09 [first month counted]
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub since: Option<crate::report::Month>,

    /// Chỉ tính đến hết tháng này, ví dụ 2026-11 [last month counted]
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub until: Option<crate::report::Month>,
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// Mục (thư mục trong content/), ví dụ cu-tru [section folder]
    pub section: String,
    /// Tiêu đề bài, ví dụ "Thông báo lưu trú cho nhà trọ" [page title]
    pub title: String,
    /// Tạo mục nếu chưa có (thư mục và tệp _index.md) [create the section if missing]
    #[arg(long)]
    pub create_section: bool,
    #[command(flatten)]
    pub root: RootArg,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Thư mục sẽ chứa trang mới; phải trống hoặc chưa có [new site folder]
    pub dir: PathBuf,

    /// Cấp của đơn vị: xã, phường hoặc đặc khu [kind of unit]
    #[arg(long, value_name = crate::messages::CLI_KINDS)]
    pub kind: Option<String>,

    /// Tên đơn vị, không ghi cấp, ví dụ "Bình Sơn" [unit name]
    #[arg(long, value_name = crate::messages::CLI_NAME)]
    pub name: Option<String>,

    /// Tỉnh, thành phố, ví dụ "Quảng Ngãi" [province]
    #[arg(long, value_name = crate::messages::CLI_PROVINCE)]
    pub province: Option<String>,

    /// Địa chỉ trang khi đăng lên mạng, ví dụ https://binhson.quangngai.gov.vn [site URL]
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub url: Option<String>,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,

    /// Địa chỉ mở cổng; mặc định chỉ máy này (127.0.0.1) [address to listen on]
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,

    /// Cổng; nếu đang bận, loa tự chọn cổng khác [port; a free one is used if taken]
    #[arg(long, value_name = "N", default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,

    /// Hiện cả những trang còn là bản nháp [include drafts]
    #[arg(long)]
    pub drafts: bool,

    /// Mở trình duyệt ở trang xem trước [open the browser at the preview]
    #[arg(long)]
    pub open: bool,
}

#[derive(Args, Debug, Clone)]
pub struct RootArg {
    /// Thư mục của trang (có site.yaml) [site folder, holding site.yaml]
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,

    /// Thư mục kết quả, mặc định ROOT/output [output folder]
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// Thay base_url của site.yaml, ví dụ khi thử trên máy khác [override base_url]
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,

    /// Tạo cả những trang còn là bản nháp (draft: true) [include drafts]
    #[arg(long)]
    pub drafts: bool,

    /// Tạo mọi trang (thư mục có site.yaml) trong DIR, mỗi trang vào output/ của nó,
    /// hoặc vào --output/<tên thư mục> [build every site under DIR]
    #[arg(long, value_name = "DIR", conflicts_with_all = ["root", "base_url"])]
    pub sites: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArg,

    /// Dạng kết quả [output format]
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,

    /// Coi cảnh báo là lỗi [treat warnings as errors]
    #[arg(long)]
    pub strict: bool,

    /// Kiểm tra cả những trang còn là bản nháp [include drafts]
    #[arg(long)]
    pub drafts: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

fn parse_lang(value: &str) -> Result<String, String> {
    match crate::messages::Lang::parse(value) {
        Some(_) => Ok(value.to_string()),
        None => Err(crate::messages::CLI_BAD_LANG.to_string()),
    }
}

fn parse_month(value: &str) -> Result<crate::report::Month, String> {
    crate::report::Month::parse(value).ok_or_else(|| crate::messages::CLI_BAD_MONTH.to_string())
}

fn parse_base_url(value: &str) -> Result<String, String> {
    match crate::config::parse_base_url(value) {
        Some(_) => Ok(value.trim().to_string()),
        None => Err(crate::messages::CLI_BAD_BASE_URL.to_string()),
    }
}
