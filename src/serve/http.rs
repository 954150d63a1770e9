//! Answering requests from the in-memory site: only for the address being
//! served (a page on another host name cannot read the preview through DNS
//! rebinding), mapping a URL path to a published file (never to anything
//! outside the site), streaming content files, the error page, and content
//! types.

use std::net::IpAddr;
use std::sync::{Arc, RwLock};

use axum::body::Body as HttpBody;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;

use super::live::{Body, Broken, Snapshot};
use crate::messages::{Chrome, Lang};

pub struct App {
    pub snapshot: RwLock<Snapshot>,
    /// `/chanh-lo/`: the site lives under the base path of its `base_url`.
    pub base_path: String,
    pub lang: Lang,
    pub hosts: Hosts,
    pub pictures: super::pictures::PictureCache,
}

/// The `Host` headers the preview answers to.
pub struct Hosts {
    /// The `--bind` address.
    pub bind: IpAddr,
    pub port: u16,
}

impl Hosts {
    /// `localhost`, a loopback address, or the bound address, on the
    /// served port. When bound to every interface (`0.0.0.0`), any address
    /// literal: a phone on the office network types one, while a DNS
    /// rebinding attack needs a host name.
    pub fn allows(&self, host: &str) -> bool {
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) if !port.contains(']') => (name, port.parse::<u16>().ok()),
            _ => (host, None),
        };
        if port.is_some_and(|p| p != self.port) || (port.is_none() && host.ends_with(':')) {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let Ok(ip) = name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() else {
            return false;
        };
        ip.is_loopback() || ip == self.bind || self.bind.is_unspecified()
    }
}

pub async fn handle(app: Arc<App>, request: Request) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    if !app.hosts.allows(host) {
        return (StatusCode::FORBIDDEN, "403").into_response();
    }
    let snapshot = app.snapshot.read().map(|s| s.clone()).unwrap_or_else(|e| e.into_inner().clone());
    let path = request.uri().path();
    if !path.starts_with(&app.base_path) {
        if path == "/" || format!("{path}/") == app.base_path {
            return redirect(&app.base_path);
        }
        return not_found(&snapshot);
    }
    let Some(rel) = output_path(&path[app.base_path.len()..]) else {
        return not_found(&snapshot);
    };
    if let Some(posters) = snapshot.posters.clone().filter(|p| p.makes(&rel)) {
        // Drawing takes a tenth of a second or so: off the async threads.
        let name = rel.clone();
        return match tokio::task::spawn_blocking(move || posters.file(&name)).await {
            Ok(Some(bytes)) => bytes_response(StatusCode::OK, &rel, bytes.to_vec()),
            _ => not_found(&snapshot),
        };
    }
    let rel = match resolve(&snapshot, &rel) {
        Resolved::File(rel) => rel,
        Resolved::AddSlash => return redirect(&format!("{path}/")),
        Resolved::Missing => return not_found(&snapshot),
    };
    if is_broken(&snapshot.broken, &rel) {
        return error_page(&snapshot, app.lang);
    }
    match (snapshot.files.get(&rel), snapshot.warnings.get(&rel)) {
        (Some(Body::Bytes(html)), Some(warnings)) => {
            bytes_response(StatusCode::OK, &rel, with_warnings(html, warnings, app.lang))
        }
        (Some(body), _) => file_response(&app, StatusCode::OK, &rel, body).await,
        (None, _) => not_found(&snapshot),
    }
}

/// A page with a closable panel of its warnings (a poster that would not
/// print, a missing source …) at the bottom of the window.
fn with_warnings(html: &[u8], warnings: &[crate::diagnostics::Diagnostic], lang: Lang) -> Vec<u8> {
    let (title, close) = Chrome::warnings_panel(lang);
    let mut panel = format!(
        "<aside id=\"loa-warnings\" role=\"status\" style=\"position:fixed;left:0;right:0;bottom:0;\
         max-height:45vh;overflow:auto;z-index:2147483647;background:#fff8e1;color:#1b1b1b;\
         border-top:4px solid #b26a00;padding:.5rem 1rem;font:15px/1.45 system-ui,sans-serif\">\
         <button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right\">{close}</button>\
         <strong>{title}</strong>"
    );
    for warning in warnings {
        panel.push_str("<pre style=\"white-space:pre-wrap;margin:.5rem 0\">");
        panel.push_str(&crate::escape::escape(&warning.render(lang, false)));
        panel.push_str("</pre>");
    }
    panel.push_str("</aside>");
    let html = String::from_utf8_lossy(html);
    match html.rfind("</body>") {
        Some(at) => format!("{}{panel}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{panel}").into_bytes(),
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

async fn file_response(app: &Arc<App>, status: StatusCode, rel: &str, body: &Body) -> Response {
    match body {
        Body::Bytes(bytes) => bytes_response(status, rel, bytes.to_vec()),
        Body::Asset(asset) => asset_response(rel, Arc::clone(asset)).await,
        Body::Picture(asset, index) => {
            let (app, asset, index) = (Arc::clone(app), Arc::clone(asset), *index);
            // Encoding takes a moment: off the async threads.
            match tokio::task::spawn_blocking(move || app.pictures.variant(&asset, index)).await {
                Ok(Some(bytes)) => bytes_response(status, rel, bytes),
                _ => (StatusCode::NOT_FOUND, "404").into_response(),
            }
        }
    }
}

/// A content file, opened beneath `content/` without following links and
/// streamed in pieces: a large PDF is never read whole into memory.
async fn asset_response(rel: &str, asset: Arc<crate::content::Asset>) -> Response {
    use tokio::io::AsyncReadExt;
    let opened =
        tokio::task::spawn_blocking(move || crate::fs::open_beneath(&asset.root, &asset.on_disk)).await;
    let Ok(Ok(file)) = opened else {
        return (StatusCode::NOT_FOUND, "404").into_response();
    };
    let length = file.metadata().map(|m| m.len()).ok();
    let chunks = futures_util::stream::unfold(Some(tokio::fs::File::from_std(file)), |file| async move {
        let mut file = file?;
        let mut chunk = vec![0u8; 64 * 1024];
        match file.read(&mut chunk).await {
            Ok(0) => None,
            Ok(n) => {
                chunk.truncate(n);
                Some((Ok(bytes::Bytes::from(chunk)), Some(file)))
            }
            Err(err) => Some((Err::<bytes::Bytes, _>(err), None)),
        }
    });
    let mut response = typed_response(StatusCode::OK, rel, HttpBody::from_stream(chunks));
    if let Some(length) = length.and_then(|l| HeaderValue::from_str(&l.to_string()).ok()) {
        response.headers_mut().insert(header::CONTENT_LENGTH, length);
    }
    response
}

fn bytes_response(status: StatusCode, rel: &str, bytes: Vec<u8>) -> Response {
    typed_response(status, rel, HttpBody::from(bytes))
}

fn typed_response(status: StatusCode, rel: &str, body: HttpBody) -> Response {
    let mut response = Response::new(body);
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
    let (title, intro) = Chrome::error_page(lang);
    let mut items = String::new();
    for d in snapshot.problems.iter().filter(|d| d.is_error()) {
        items.push_str("<pre>");
        items.push_str(&crate::escape::escape(&d.render(lang, false)));
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
    fn only_the_served_address_is_answered() {
        let local = Hosts { bind: "127.0.0.1".parse().unwrap(), port: 8000 };
        for ok in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000", "127.0.0.1"] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in
            ["evil.example:8000", "127.0.0.1:9000", "192.168.1.5:8000", "", "localhost.evil.example:8000"]
        {
            assert!(!local.allows(bad), "{bad}");
        }
        let lan = Hosts { bind: "0.0.0.0".parse().unwrap(), port: 8000 };
        assert!(lan.allows("192.168.1.5:8000") && !lan.allows("rebind.example:8000"));
    }

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
