//! Answering requests from the in-memory site: mapping a URL path to a
//! published file (never to anything outside the site), the error page, and
//! content types.

use std::sync::{Arc, RwLock};

use axum::body::Body as HttpBody;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;

use super::live::{Body, Broken, Snapshot};
use crate::messages::Lang;

pub struct App {
    pub snapshot: RwLock<Snapshot>,
    /// `/chanh-lo/`: the site lives under the base path of its `base_url`.
    pub base_path: String,
    pub lang: Lang,
}

pub async fn handle(app: Arc<App>, uri: Uri) -> Response {
    let snapshot = app.snapshot.read().map(|s| s.clone()).unwrap_or_else(|e| e.into_inner().clone());
    let path = uri.path();
    if !path.starts_with(&app.base_path) {
        if path == "/" || format!("{path}/") == app.base_path {
            return redirect(&app.base_path);
        }
        return not_found(&snapshot);
    }
    let Some(rel) = output_path(&path[app.base_path.len()..]) else {
        return not_found(&snapshot);
    };
    let rel = match resolve(&snapshot, &rel) {
        Resolved::File(rel) => rel,
        Resolved::AddSlash => return redirect(&format!("{path}/")),
        Resolved::Missing => return not_found(&snapshot),
    };
    if is_broken(&snapshot.broken, &rel) {
        return error_page(&snapshot, app.lang);
    }
    match snapshot.files.get(&rel) {
        Some(body) => file_response(StatusCode::OK, &rel, body).await,
        None => not_found(&snapshot),
    }
}

enum Resolved {
    File(String),
    AddSlash,
    Missing,
}

/// `vneid/kich-hoat/` → `vneid/kich-hoat/index.html`; a folder without its
/// final slash is redirected so relative links keep working.
fn resolve(snapshot: &Snapshot, rel: &str) -> Resolved {
    if rel.is_empty() || rel.ends_with('/') {
        return Resolved::File(format!("{rel}index.html"));
    }
    if snapshot.files.contains_key(rel) {
        return Resolved::File(rel.to_string());
    }
    if snapshot.files.contains_key(&format!("{rel}/index.html")) {
        return Resolved::AddSlash;
    }
    Resolved::Missing
}

/// The site-relative file a request path names, decoded once. Anything
/// that could climb out — `..`, `.` segments, backslashes, NUL, encoded
/// slashes — is refused; the answer is then looked up in the in-memory
/// site, so a path can never reach the disk on its own.
pub fn output_path(raw: &str) -> Option<String> {
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) || raw.contains("%2f") || raw.contains("%2F") {
        return None;
    }
    let bad =
        decoded.split('/').any(|segment| segment == ".." || segment == "." || segment.starts_with(".."));
    if bad || decoded.starts_with('/') {
        return None;
    }
    Some(decoded.into_owned())
}

fn is_broken(broken: &Broken, rel: &str) -> bool {
    match broken {
        Broken::Nothing => false,
        Broken::All => rel.ends_with(".html"),
        Broken::Pages(pages) => pages.contains(rel),
    }
}

fn redirect(to: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn not_found(snapshot: &Snapshot) -> Response {
    match snapshot.files.get("404.html") {
        Some(Body::Bytes(bytes)) => bytes_response(StatusCode::NOT_FOUND, "404.html", bytes.to_vec()),
        _ => (StatusCode::NOT_FOUND, "404").into_response(),
    }
}

async fn file_response(status: StatusCode, rel: &str, body: &Body) -> Response {
    match body {
        Body::Bytes(bytes) => bytes_response(status, rel, bytes.to_vec()),
        Body::File(path) => match tokio::fs::read(path).await {
            Ok(bytes) => bytes_response(status, rel, bytes),
            Err(_) => (StatusCode::NOT_FOUND, "404").into_response(),
        },
    }
}

fn bytes_response(status: StatusCode, rel: &str, bytes: Vec<u8>) -> Response {
    let mut response = Response::new(HttpBody::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(rel)));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn content_type(rel: &str) -> &'static str {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The same located messages as the command line, in the browser. The
/// page reloads by itself once the sources are fixed.
fn error_page(snapshot: &Snapshot, lang: Lang) -> Response {
    let (title, intro) = match lang {
        Lang::Vi => ("Trang có lỗi", "Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại."),
        Lang::En => ("The page has errors", "Fix the errors below and save; this page reloads by itself."),
    };
    let mut items = String::new();
    for d in snapshot.problems.iter().filter(|d| d.is_error()) {
        items.push_str("<pre>");
        items.push_str(&crate::render::escape(&d.render(lang, false)));
        items.push_str("</pre>\n");
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <style>body{{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;background:#fff4f2;color:#1b1b1b}}\
         h1{{color:#9b1c1c}}pre{{background:#fff;border-left:5px solid #9b1c1c;padding:.75rem;overflow-x:auto;white-space:pre-wrap}}</style>\
         </head><body><h1>{title}</h1><p>{intro}</p>\n{items}</body></html>\n",
        if lang == Lang::Vi { "vi" } else { "en" },
    );
    bytes_response(StatusCode::INTERNAL_SERVER_ERROR, "error.html", html.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_cannot_leave_the_site() {
        assert_eq!(output_path("vneid/kich-hoat/").as_deref(), Some("vneid/kich-hoat/"));
        assert_eq!(output_path("vneid/%E1%BA%A3nh.png").as_deref(), Some("vneid/ảnh.png"));
        for bad in [
            "../../etc/passwd",
            "%2e%2e/%2e%2e/etc/passwd",
            "vneid/..%2f..%2fetc/passwd",
            "..\\..\\etc\\passwd",
            "%5c..%5cetc",
            "/etc/passwd",
            "a/./b",
            "a/%00",
        ] {
            assert_eq!(output_path(bad), None, "{bad}");
        }
        // Double encoding decodes once, to a name that is simply not found.
        assert_eq!(output_path("%252e%252e/etc").as_deref(), Some("%2e%2e/etc"));
    }
}
