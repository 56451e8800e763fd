//! The static file server for `dist/`, bound to 127.0.0.1: tower-http's `ServeDir` on hyper.
//!
//! GET and HEAD (405 otherwise); `/` is `index.html`; a missing path whose last segment has no
//! file extension is an app route and gets `index.html`; any other missing path, and any path
//! with a `..` segment, is a 404. The `.br`/`.gz` siblings written by the build are sent with
//! `Content-Encoding` when the request's `Accept-Encoding` allows (`Vary: Accept-Encoding`).
//! Trunk's hashed files (`name-<16 hex>.ext`) are cached for a year as immutable; everything else,
//! `index.html` included, is `no-cache`.

use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::thread::{self, JoinHandle};
use std::time::Duration;
use tower_http::services::fs::ServeFileSystemResponseBody as Body;
use tower_http::services::{ServeDir, ServeFile};
use tower_service::Service;

/// How many ports after the preferred one to try when it is busy.
const PORT_ATTEMPTS: u16 = 100;
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Listens on 127.0.0.1 at `port`, or the next free port after it; port 0 picks any free port.
pub fn bind(port: u16) -> io::Result<TcpListener> {
    if port == 0 {
        return TcpListener::bind((Ipv4Addr::LOCALHOST, 0));
    }
    let mut last_err = None;
    for candidate in (port..=u16::MAX).take(PORT_ATTEMPTS.into()) {
        match TcpListener::bind((Ipv4Addr::LOCALHOST, candidate)) {
            Ok(listener) => return Ok(listener),
            Err(err) if err.kind() == io::ErrorKind::AddrInUse => last_err = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last_err.unwrap_or_else(|| io::Error::other("no port to try")))
}

/// Serves `root` on `listener` in a background thread.
pub fn spawn(listener: TcpListener, root: PathBuf) -> JoinHandle<()> {
    thread::spawn(move || serve(listener, root))
}

/// Serves `root` on `listener` forever (on a single-threaded tokio runtime; file reads run on
/// its blocking pool).
pub fn serve(listener: TcpListener, root: PathBuf) {
    serve_at(listener, root, "/");
}

/// Serves `root` at `prefix` (`/`, `/opora/`) on `listener` forever.
pub fn serve_at(listener: TcpListener, root: PathBuf, prefix: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    if let Err(err) = runtime.block_on(accept(listener, Site::new(&root, prefix))) {
        eprintln!("server: {err}");
    }
}

/// `prefix` as the site keeps it: starts with `/`, no `/` at the end (`""` for the root).
pub fn normalize_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

async fn accept(listener: TcpListener, site: Site) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(err) => {
                // E.g. too many open files: back off instead of spinning.
                eprintln!("server: accept failed: {err}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let site = site.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let site = site.clone();
                async move { Ok::<_, Infallible>(site.respond(req).await) }
            });
            // A client that goes away mid-request is not the server's problem.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(30))
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The two ways of answering: files only, or files with `index.html` for what is missing.
#[derive(Clone)]
struct Site {
    files: ServeDir,
    app: ServeDir<ServeFile>,
    /// Where the site lives: `""` (the root) or `/opora`.
    prefix: std::sync::Arc<str>,
}

impl Site {
    fn new(root: &Path, prefix: &str) -> Self {
        let files = ServeDir::new(root)
            .redirect_to_trailing_slash(false)
            .precompressed_br()
            .precompressed_gzip();
        let index = ServeFile::new(root.join("index.html"))
            .precompressed_br()
            .precompressed_gzip();
        Self {
            app: files.clone().fallback(index),
            files,
            prefix: normalize_prefix(prefix).into(),
        }
    }

    async fn respond(mut self, mut req: Request<Incoming>) -> Response<Body> {
        if !self.prefix.is_empty() {
            // Below the prefix: the same request without it. Elsewhere: a path ServeDir
            // refuses (a `..` segment), so a 404 like any missing file.
            let uri = req.uri();
            let inner = uri
                .path()
                .strip_prefix(&*self.prefix)
                .filter(|rest| rest.starts_with('/'))
                .unwrap_or("/../outside");
            let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
            if let Ok(inner) = format!("{inner}{query}").parse() {
                *req.uri_mut() = inner;
            }
        }
        let path = req.uri().path().to_owned();
        let result = if is_app_route(&path) {
            self.app.call(req).await
        } else {
            self.files.call(req).await
        };
        let Ok(mut response) = result;
        let ok = matches!(
            response.status(),
            StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED
        );
        let headers = response.headers_mut();
        let cache = if ok && is_hashed(&path) {
            IMMUTABLE
        } else {
            "no-cache"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        if let Some(text) = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .filter(|v| v.starts_with("text/") && !v.contains("charset"))
            .and_then(|v| HeaderValue::try_from(format!("{v}; charset=utf-8")).ok())
        {
            headers.insert(header::CONTENT_TYPE, text);
        }
        response
    }
}

/// Whether a request path is one of the app's own routes (`/`, `/plans/42`): its last segment
/// has no file extension and no segment is `..` (after percent-decoding).
fn is_app_route(path: &str) -> bool {
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut segments = path.split('/');
    !segments.clone().any(|s| s == "..")
        && segments.next_back().is_none_or(|last| !last.contains('.'))
}

/// Whether the last segment of a request path is a name Trunk hashed: `main-<16 hex>.css`,
/// `opora-<16 hex>_bg.wasm`.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let Some((stem, _ext)) = name.split_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(base, hash)| {
        !base.is_empty()
            && hash.len() == 16
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::{Shutdown, TcpStream};

    const INDEX: &str = "<!DOCTYPE html><title>Opora</title>";
    const JS: &str = "export default 1;";
    const JS_NAME: &str = "app-0123456789abcdef.js";
    const WASM_NAME: &str = "app-0123456789abcdef_bg.wasm";

    /// A throwaway dist directory; the index and the JS have `.gz`/`.br` siblings with markers
    /// in place of real compressed data, so a test can see which file was sent.
    fn dist() -> PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "xtask-serve-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        let files: [(&str, &[u8]); 11] = [
            ("index.html", INDEX.as_bytes()),
            ("index.html.br", b"br:index"),
            ("index.html.gz", b"gz:index"),
            (JS_NAME, JS.as_bytes()),
            ("app-0123456789abcdef.js.br", b"br:js"),
            ("app-0123456789abcdef.js.gz", b"gz:js"),
            (WASM_NAME, b"\0asm\x01\0\0\0"),
            ("main-fedcba9876543210.css", b"body{}"),
            ("assets/favicon.svg", b"<svg/>"),
            ("my file.json", b"{}"),
            ("site.webmanifest", b"{}"),
        ];
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        dir
    }

    fn start() -> u16 {
        let listener = bind(0).unwrap();
        let port = listener.local_addr().unwrap().port();
        spawn(listener, dist());
        port
    }

    struct Reply {
        code: u16,
        head: String,
        body: Vec<u8>,
    }

    impl Reply {
        /// The value of header `name` (case-insensitive), if sent.
        fn header(&self, name: &str) -> Option<&str> {
            self.head.lines().skip(1).find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.eq_ignore_ascii_case(name).then(|| value.trim())
            })
        }
    }

    /// Sends `METHOD path` with extra header lines; reads the whole response.
    fn request(port: u16, method: &str, path: &str, headers: &str) -> Reply {
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{headers}\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete head");
        let head = String::from_utf8(response[..end].to_vec()).unwrap();
        let code = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        let body = response[end + 4..].to_vec();
        Reply { code, head, body }
    }

    fn get(port: u16, path: &str) -> Reply {
        request(port, "GET", path, "")
    }

    #[test]
    fn serves_files_with_their_types() {
        let port = start();
        let cases: [(&str, &str, &[u8]); 9] = [
            ("/", "text/html; charset=utf-8", INDEX.as_bytes()),
            ("/index.html", "text/html; charset=utf-8", INDEX.as_bytes()),
            (
                "/app-0123456789abcdef.js",
                "text/javascript; charset=utf-8",
                JS.as_bytes(),
            ),
            (
                "/app-0123456789abcdef_bg.wasm",
                "application/wasm",
                b"\0asm\x01\0\0\0",
            ),
            (
                "/main-fedcba9876543210.css?v=2",
                "text/css; charset=utf-8",
                b"body{}",
            ),
            ("/assets/favicon.svg", "image/svg+xml", b"<svg/>"),
            ("/assets/./favicon.svg", "image/svg+xml", b"<svg/>"),
            ("/my%20file.json", "application/json", b"{}"),
            ("/site.webmanifest", "application/manifest+json", b"{}"),
        ];
        for (path, content_type, body) in cases {
            let reply = get(port, path);
            let head = &reply.head;
            assert_eq!(reply.code, 200, "{path}: {head}");
            assert_eq!(reply.header("content-type"), Some(content_type), "{head}");
            let len = body.len().to_string();
            assert_eq!(reply.header("content-length"), Some(&*len), "{head}");
            assert_eq!(reply.header("content-encoding"), None, "{head}");
            assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
            assert_eq!(reply.body, body, "{path}");
        }
    }

    #[test]
    fn chooses_the_encoding_from_accept_encoding() {
        let port = start();
        let cases = [
            ("", None, JS.as_bytes()),
            ("Accept-Encoding: identity\r\n", None, JS.as_bytes()),
            ("Accept-Encoding: gzip\r\n", Some("gzip"), b"gz:js"),
            ("Accept-Encoding: br\r\n", Some("br"), b"br:js"),
            (
                "Accept-Encoding: gzip, deflate, br, zstd\r\n",
                Some("br"),
                b"br:js",
            ),
            (
                "Accept-Encoding: br;q=0.5, gzip\r\n",
                Some("gzip"),
                b"gz:js",
            ),
            ("Accept-Encoding: zstd\r\n", None, JS.as_bytes()),
        ];
        for (accept, encoding, body) in cases {
            let reply = request(port, "GET", &format!("/{JS_NAME}"), accept);
            let head = &reply.head;
            assert_eq!(reply.code, 200, "{accept}: {head}");
            assert_eq!(reply.header("content-encoding"), encoding, "{accept}{head}");
            assert_eq!(reply.body, body, "{accept}");
            let vary = reply.header("vary").unwrap_or("").to_ascii_lowercase();
            assert_eq!(vary, "accept-encoding", "{head}");
            // The type is the original file's, whatever the encoding.
            let content_type = reply.header("content-type");
            assert_eq!(content_type, Some("text/javascript; charset=utf-8"));
        }
        // A file without compressed siblings is sent as it is.
        let reply = request(
            port,
            "GET",
            "/assets/favicon.svg",
            "Accept-Encoding: br\r\n",
        );
        assert_eq!(reply.header("content-encoding"), None);
        assert_eq!(reply.body, b"<svg/>");
        // App routes get the compressed index too.
        let reply = request(port, "GET", "/plans/42", "Accept-Encoding: gzip, br\r\n");
        assert_eq!(reply.code, 200);
        assert_eq!(reply.header("content-encoding"), Some("br"));
        assert_eq!(reply.body, b"br:index");
    }

    #[test]
    fn hashed_files_are_immutable_and_the_rest_no_cache() {
        let port = start();
        for path in [
            "/app-0123456789abcdef.js",
            "/app-0123456789abcdef_bg.wasm",
            "/main-fedcba9876543210.css",
        ] {
            let reply = get(port, path);
            assert_eq!(reply.code, 200, "{path}");
            assert_eq!(reply.header("cache-control"), Some(IMMUTABLE), "{path}");
        }
        for path in ["/", "/index.html", "/plans/42", "/assets/favicon.svg"] {
            let reply = get(port, path);
            assert_eq!(reply.code, 200, "{path}");
            assert_eq!(reply.header("cache-control"), Some("no-cache"), "{path}");
        }
        // A missing hashed name must not be cached.
        let reply = get(port, "/app-1111111111111111.js");
        assert_eq!(reply.code, 404);
        assert_eq!(reply.header("cache-control"), Some("no-cache"));
    }

    #[test]
    fn head_has_the_headers_and_no_body() {
        let port = start();
        let reply = request(port, "HEAD", &format!("/{JS_NAME}"), "");
        assert_eq!(reply.code, 200);
        assert_eq!(reply.header("content-length"), Some("17"), "{}", reply.head);
        assert_eq!(reply.header("cache-control"), Some(IMMUTABLE));
        assert!(reply.body.is_empty());
        let reply = request(port, "HEAD", "/plans/42", "Accept-Encoding: gzip\r\n");
        assert_eq!(reply.code, 200);
        assert_eq!(reply.header("content-encoding"), Some("gzip"));
        assert_eq!(reply.header("content-length"), Some("8"));
        assert!(reply.body.is_empty());
    }

    #[test]
    fn app_routes_get_the_index_and_missing_files_404() {
        let port = start();
        for path in ["/plans/42", "/plans/42?lang=cs", "/assets", "/assets/"] {
            let reply = get(port, path);
            assert_eq!(reply.code, 200, "{path}");
            assert_eq!(reply.body, INDEX.as_bytes(), "{path}");
            assert_eq!(reply.header("cache-control"), Some("no-cache"));
        }
        for path in ["/missing.js", "/assets/missing.png", "/plans/42.json"] {
            assert_eq!(get(port, path).code, 404, "{path}");
        }
    }

    #[test]
    fn refuses_escapes_and_other_methods() {
        let port = start();
        for path in [
            "/../Cargo.toml",
            "/assets/../../etc/passwd",
            "/assets/%2e%2e/%2e%2e/etc/passwd",
            "/%2e%2e/%2e%2e/etc/hostname",
            "/..%2f..%2fetc/passwd",
        ] {
            let reply = get(port, path);
            assert_eq!(reply.code, 404, "{path}: {}", reply.head);
            assert!(reply.body.is_empty(), "{path}");
        }
        let reply = request(port, "POST", "/", "Content-Length: 0\r\n");
        assert_eq!(reply.code, 405);
        let allow = reply.header("allow").unwrap_or("").replace(' ', "");
        assert_eq!(allow, "GET,HEAD");
    }

    #[test]
    fn survives_broken_connections() {
        let port = start();
        // Connect and leave; half a request and leave; ask and hang up without reading; garbage.
        drop(TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap());
        let mut half = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        half.write_all(b"GET /app-1").unwrap();
        drop(half);
        let mut rude = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        rude.write_all(b"GET /app-0123456789abcdef_bg.wasm HTTP/1.1\r\n\r\n")
            .unwrap();
        rude.shutdown(Shutdown::Both).unwrap();
        drop(rude);
        let mut nonsense = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        nonsense.write_all(b"nonsense\r\n\r\n").unwrap();
        let mut reply = Vec::new();
        let _ = nonsense.read_to_end(&mut reply);
        assert!(reply.starts_with(b"HTTP/1.1 400"), "{reply:?}");
        assert_eq!(get(port, "/").code, 200);
    }

    #[test]
    fn serves_below_a_prefix_only() {
        let listener = bind(0).unwrap();
        let port = listener.local_addr().unwrap().port();
        let root = dist();
        std::thread::spawn(move || serve_at(listener, root, "/opora/"));
        for (path, body) in [
            ("/opora/", INDEX.as_bytes()),
            ("/opora/index.html", INDEX.as_bytes()),
            ("/opora/plans/42?lang=cs", INDEX.as_bytes()),
            ("/opora/assets/favicon.svg", b"<svg/>"),
        ] {
            let reply = get(port, path);
            assert_eq!(reply.code, 200, "{path}: {}", reply.head);
            assert_eq!(reply.body, body, "{path}");
        }
        let reply = get(port, &format!("/opora/{JS_NAME}"));
        assert_eq!(reply.header("cache-control"), Some(IMMUTABLE));
        for path in [
            "/",
            "/index.html",
            "/opora",
            "/oporax/",
            "/other/opora/",
            "/assets/favicon.svg",
        ] {
            assert_eq!(get(port, path).code, 404, "{path}");
        }
        assert_eq!(normalize_prefix("/"), "");
        assert_eq!(normalize_prefix("opora"), "/opora");
        assert_eq!(normalize_prefix("/a/b/"), "/a/b");
    }

    #[test]
    fn picks_the_next_free_port() {
        let taken = bind(0).unwrap();
        let port = taken.local_addr().unwrap().port();
        assert!(taken.local_addr().unwrap().ip().is_loopback());
        if port == u16::MAX {
            return;
        }
        let next = bind(port).unwrap();
        assert!(next.local_addr().unwrap().port() > port);
    }

    #[test]
    fn recognises_app_routes_and_hashed_names() {
        for route in ["/", "/plans/42", "/plans/", "/a%20b"] {
            assert!(is_app_route(route), "{route}");
        }
        for path in ["/index.html", "/x/../plans", "/%2e%2e/plans", "/a.b/c.d"] {
            assert!(!is_app_route(path), "{path}");
        }
        for name in [
            "/opora-3359b6f60f3dedd9.js",
            "/opora-3359b6f60f3dedd9_bg.wasm",
            "/main-dd0b22ebe815d86c.css",
            "/a/b-0123456789abcdef.js.br",
        ] {
            assert!(is_hashed(name), "{name}");
        }
        for name in [
            "/index.html",
            "/favicon.svg",
            "/-0123456789abcdef.js",
            "/main-dd0b22ebe815d86.css",
            "/main-DD0B22EBE815D86C.css",
            "/main-dd0b22ebe815d86cc.css",
            "/plans/main-dd0b22ebe815d86c",
        ] {
            assert!(!is_hashed(name), "{name}");
        }
    }
}
