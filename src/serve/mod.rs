//! `loa serve`: a local preview that rebuilds as files are saved and
//! reloads the browser. The site is kept in memory (`live`), served by a
//! small HTTP server (`http`) with a live-reload script injected into every
//! page, and updated by a file watcher (`watch`) on its own thread.
//! Posters are drawn when asked for (`posters`).

mod http;
mod live;
mod pictures;
mod posters;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use tower_livereload::LiveReloadLayer;

use crate::config::Config;
use crate::messages::Chrome;
use crate::terminal::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};
use live::{Applied, Live, Snapshot};
use watch::{Events, Watcher};

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
    /// Open the default browser at the preview once it is listening.
    pub open_browser: bool,
}

/// The port the preview asks for first (another is taken when it is busy).
pub const DEFAULT_PORT: u16 = 8000;

pub fn run(options: &ServeOptions, global: Global) -> i32 {
    // The watcher reports absolute paths; compare them with an absolute root.
    let root = crate::fs::canonical(&options.root).unwrap_or_else(|_| options.root.clone());
    let listener = match bind(options.bind, options.port) {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!(
                "{}",
                Chrome::serve_bind_failed(global.lang, &options.bind.to_string(), &err.to_string())
            );
            return EXIT_ERRORS;
        }
    };
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    // The site keeps its base path so that links work exactly as published.
    let base_path = Config::load(&root, None).map(|(c, _)| c.base_path).unwrap_or_else(|_| "/".into());
    let base_url = format!("http://{address}{}", base_path.trim_end_matches('/'));
    let mut live = Live::new(&root, &base_url, options.drafts);
    let watching = Watcher::start(&root, global);
    let started = Instant::now();
    let (snapshot, applied) = live.rebuild();
    report(&snapshot, applied, global, started, None);
    if !options.bind.is_loopback() {
        eprintln!("{}", Chrome::serve_public_warning(global.lang, &options.bind.to_string()));
    }
    let url = format!("http://{address}{base_path}");
    eprintln!("{}", Chrome::serving(global.lang, &url));
    if options.open_browser && !crate::platform::open_browser(&url) {
        eprintln!("{}", Chrome::launch_open_yourself(global.lang, &url));
    }
    let hosts =
        http::Hosts { bind: options.bind, port: listener.local_addr().map_or(options.port, |a| a.port()) };
    let app = Arc::new(http::App {
        snapshot: RwLock::new(snapshot),
        base_path,
        lang: global.lang,
        hosts,
        pictures: Default::default(),
    });
    let layer = LiveReloadLayer::new();
    let reloader = layer.reloader();
    let checker = Arc::clone(&app);
    match watching {
        Some((watcher, events)) => std::thread::spawn(move || {
            apply_changes(watcher, events, live, &checker, global, move || reloader.reload());
        }),
        None => std::thread::spawn(move || check_posters(&mut live, &checker, global, &|| reloader.reload())),
    };
    let served = serve(listener, app, layer);
    match served {
        Ok(()) => EXIT_OK,
        Err(err) => {
            eprintln!("{err}");
            EXIT_ERRORS
        }
    }
}

/// Binds `port`, or any free port when it is taken.
fn bind(ip: IpAddr, port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind(SocketAddr::new(ip, port)).or_else(|err| match err.kind() {
        std::io::ErrorKind::AddrInUse => TcpListener::bind(SocketAddr::new(ip, 0)),
        _ => Err(err),
    })
}

/// How long a connection may wait before sending a complete request
/// (and, between requests, stay idle) before it is closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

fn serve(listener: TcpListener, app: Arc<http::App>, layer: LiveReloadLayer) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let router = axum::Router::new()
            .fallback(move |request: axum::extract::Request| http::handle(Arc::clone(&app), request))
            .layer(layer);
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file handles, say: wait rather than spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let service = hyper_util::service::TowerToHyperService::new(router.clone());
            tokio::spawn(async move {
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                // A closed or timed-out connection is the client's business.
                let _closed = connection.await;
            });
        }
    })
}

/// On every settled batch of changes: updates the site, swaps what is
/// served and tells browsers to reload.
fn apply_changes(
    mut watcher: Watcher,
    events: Events,
    mut live: Live,
    app: &http::App,
    global: Global,
    reload: impl Fn(),
) {
    // The site is served already; laying out every poster can take seconds.
    check_posters(&mut live, app, global, &reload);
    for batch in events {
        let batch = watcher.settle(batch);
        if batch.changed.is_empty() && !batch.rescan {
            continue;
        }
        let started = Instant::now();
        let (snapshot, applied) = if batch.rescan { live.rebuild() } else { live.update(&batch.changed) };
        report(&snapshot, applied, global, started, Some(&batch.changed));
        if let Ok(mut current) = app.snapshot.write() {
            *current = snapshot;
        }
        reload();
        check_posters(&mut live, app, global, &reload);
    }
}

/// Lays out the posters a rebuild left unchecked, prints what would not
/// print and shows it on the pages.
fn check_posters(live: &mut Live, app: &http::App, global: Global, reload: &impl Fn()) {
    let started = Instant::now();
    let Some((count, snapshot)) = live.check_posters() else { return };
    let problems: Vec<_> =
        snapshot.problems.iter().filter(|d| d.msg.code().starts_with("poster-")).cloned().collect();
    print_diagnostics(&problems, global);
    if !global.quiet {
        let ms = started.elapsed().as_millis();
        eprintln!("{}", Chrome::serve_posters_checked(global.lang, count, problems.len(), ms));
    }
    if let Ok(mut current) = app.snapshot.write() {
        *current = snapshot;
    }
    if !problems.is_empty() {
        reload();
    }
}

/// Prints the problems and one line that says what the preview now shows.
fn report(
    snapshot: &Snapshot,
    applied: Applied,
    global: Global,
    started: Instant,
    changed: Option<&[PathBuf]>,
) {
    print_diagnostics(&snapshot.problems, global);
    if global.quiet {
        return;
    }
    let ms = started.elapsed().as_millis();
    let files = changed.map_or(0, <[PathBuf]>::len);
    let line = match (applied, changed) {
        (Applied::Nothing, _) => Chrome::serve_errors(global.lang),
        (_, _) if snapshot.has_errors() => Chrome::serve_errors_elsewhere_updated(global.lang),
        (Applied::Everything, None) => Chrome::serve_built(global.lang, ms),
        (Applied::Everything, Some(_)) => Chrome::serve_rebuilt(global.lang, files, ms),
        (Applied::Pages(pages), _) => Chrome::serve_updated(global.lang, pages, files, ms),
    };
    eprintln!("{line}");
}
