//! A small static file server for `dist/` (std only), bound to 127.0.0.1.
//!
//! GET and HEAD; `/` is `index.html`; a missing path without a file extension is an app route
//! and gets `index.html`; any other missing path is a 404. One thread per connection, one
//! request per connection.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Requests with larger heads are refused.
const MAX_HEAD: usize = 16 * 1024;
const TIMEOUT: Duration = Duration::from_secs(30);
/// How many ports after the preferred one to try when it is busy.
const PORT_ATTEMPTS: u16 = 100;

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

/// Serves `root` on `listener` forever.
pub fn serve(listener: TcpListener, root: PathBuf) {
    let root = Arc::new(root);
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            Err(err) => {
                // E.g. too many open files: back off instead of spinning.
                eprintln!("server: accept failed: {err}");
                thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let root = Arc::clone(&root);
        let spawned = thread::Builder::new()
            .name("serve-connection".into())
            .spawn(move || {
                // A client that goes away mid-request is not the server's problem.
                let _ = handle(stream, &root);
            });
        if let Err(err) = spawned {
            eprintln!("server: cannot start a connection thread: {err}");
        }
    }
}

fn handle(mut stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let head = match read_head(&mut stream)? {
        Some(head) => head,
        None => return respond_error(&mut stream, 400, "Bad Request", false),
    };
    let mut parts = head.lines().next().unwrap_or("").split_whitespace();
    let (Some(method), Some(target), Some(_version)) = (parts.next(), parts.next(), parts.next())
    else {
        return respond_error(&mut stream, 400, "Bad Request", false);
    };
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => return respond_error(&mut stream, 405, "Method Not Allowed", false),
    };
    match resolve(root, target) {
        Resolved::File(path) => respond_file(&mut stream, &path, head_only),
        Resolved::BadRequest => respond_error(&mut stream, 400, "Bad Request", head_only),
        Resolved::NotFound => respond_error(&mut stream, 404, "Not Found", head_only),
    }
}

/// Reads up to the blank line ending the request head; `None` if it is malformed or too long.
fn read_head(stream: &mut TcpStream) -> io::Result<Option<String>> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = find(&head, b"\r\n\r\n").or_else(|| find(&head, b"\n\n")) {
            head.truncate(end);
            return Ok(String::from_utf8(head).ok());
        }
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    BadRequest,
    NotFound,
}

/// Maps a request target to a file under `root`.
fn resolve(root: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    if !path.starts_with('/') || path.contains("..") || path.contains(['\\', '\0']) {
        return Resolved::BadRequest;
    }
    let mut file = root.to_path_buf();
    for segment in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
        file.push(segment);
    }
    if path.ends_with('/') {
        file.push("index.html");
    }
    if file.is_file() {
        return Resolved::File(file);
    }
    let last = path.rsplit('/').next().unwrap_or("");
    if !last.contains('.') {
        // An app route such as /plans/42: the app's router handles it.
        let index = root.join("index.html");
        if index.is_file() {
            return Resolved::File(index);
        }
    }
    Resolved::NotFound
}

/// Decodes `%XX` escapes; `None` for a malformed escape or invalid UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file name.
fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|ext| ext.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn respond_file(stream: &mut TcpStream, path: &Path, head_only: bool) -> io::Result<()> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(_) => return respond_error(stream, 404, "Not Found", head_only),
    };
    let len = file.metadata()?.len();
    let mut out = BufWriter::new(stream);
    write_head(&mut out, 200, "OK", content_type(path), len)?;
    if !head_only {
        io::copy(&mut file, &mut out)?;
    }
    out.flush()
}

fn respond_error(
    stream: &mut TcpStream,
    code: u16,
    reason: &str,
    head_only: bool,
) -> io::Result<()> {
    let body = format!("{code} {reason}\n");
    let mut out = BufWriter::new(stream);
    write_head(
        &mut out,
        code,
        reason,
        "text/plain; charset=utf-8",
        body.len() as u64,
    )?;
    if !head_only {
        out.write_all(body.as_bytes())?;
    }
    out.flush()
}

fn write_head(
    out: &mut impl Write,
    code: u16,
    reason: &str,
    content_type: &str,
    len: u64,
) -> io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {code} {reason}\r\n\
         Content-Type: {content_type}\r\n\
         Content-Length: {len}\r\n\
         Cache-Control: no-cache\r\n\
         X-Content-Type-Options: nosniff\r\n\
         {allow}\
         Connection: close\r\n\r\n",
        allow = if code == 405 {
            "Allow: GET, HEAD\r\n"
        } else {
            ""
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Shutdown;

    /// A throwaway dist directory.
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
        std::fs::write(
            dir.join("index.html"),
            "<!DOCTYPE html><title>Opora</title>",
        )
        .unwrap();
        std::fs::write(dir.join("app-1.js"), "export default 1;").unwrap();
        std::fs::write(dir.join("app-1_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dir.join("main.css"), "body{}").unwrap();
        std::fs::write(dir.join("assets/favicon.svg"), "<svg/>").unwrap();
        std::fs::write(dir.join("my file.json"), "{}").unwrap();
        dir
    }

    fn start() -> (u16, PathBuf) {
        let root = dist();
        let listener = bind(0).unwrap();
        let port = listener.local_addr().unwrap().port();
        spawn(listener, root.clone());
        (port, root)
    }

    /// Sends a raw request; returns the status code, the head and the body.
    fn request(port: u16, raw: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let end = find(&response, b"\r\n\r\n").expect("a complete head");
        let head = String::from_utf8(response[..end].to_vec()).unwrap();
        let code = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (code, head, response[end + 4..].to_vec())
    }

    fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
        request(port, &format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n"))
    }

    #[test]
    fn serves_files_with_their_types() {
        let (port, _root) = start();
        let cases = [
            (
                "/",
                "text/html; charset=utf-8",
                &b"<!DOCTYPE html><title>Opora</title>"[..],
            ),
            (
                "/index.html",
                "text/html; charset=utf-8",
                b"<!DOCTYPE html><title>Opora</title>",
            ),
            (
                "/app-1.js",
                "text/javascript; charset=utf-8",
                b"export default 1;",
            ),
            ("/app-1_bg.wasm", "application/wasm", b"\0asm\x01\0\0\0"),
            ("/main.css?v=2", "text/css; charset=utf-8", b"body{}"),
            ("/assets/favicon.svg", "image/svg+xml", b"<svg/>"),
            ("/my%20file.json", "application/json", b"{}"),
        ];
        for (path, content_type, body) in cases {
            let (code, head, got) = get(port, path);
            assert_eq!(code, 200, "{path}: {head}");
            assert!(
                head.contains(&format!("Content-Type: {content_type}\r\n")),
                "{head}"
            );
            assert!(
                head.contains(&format!("Content-Length: {}\r\n", body.len())),
                "{head}"
            );
            assert!(head.contains("Cache-Control: no-cache\r\n"), "{head}");
            assert!(
                head.contains("X-Content-Type-Options: nosniff\r\n"),
                "{head}"
            );
            assert_eq!(got, body, "{path}");
        }
    }

    #[test]
    fn head_has_no_body() {
        let (port, _root) = start();
        let (code, head, body) = request(port, "HEAD /app-1.js HTTP/1.1\r\n\r\n");
        assert_eq!(code, 200);
        assert!(head.contains("Content-Length: 17\r\n"), "{head}");
        assert!(body.is_empty());
    }

    #[test]
    fn app_routes_get_the_index_and_missing_files_404() {
        let (port, _root) = start();
        let (code, _, body) = get(port, "/plans/42");
        assert_eq!(code, 200);
        assert_eq!(body, b"<!DOCTYPE html><title>Opora</title>");
        assert_eq!(get(port, "/missing.js").0, 404);
        assert_eq!(get(port, "/assets/missing.png").0, 404);
    }

    #[test]
    fn refuses_escapes_and_other_methods() {
        let (port, _root) = start();
        assert_eq!(get(port, "/../Cargo.toml").0, 400);
        assert_eq!(get(port, "/assets/%2e%2e/%2e%2e/etc/passwd").0, 400);
        assert_eq!(get(port, "/a%ZZ").0, 400);
        assert_eq!(get(port, "http://x/index.html").0, 400);
        let (code, head, _) = request(port, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert_eq!(code, 405);
        assert!(head.contains("Allow: GET, HEAD\r\n"), "{head}");
        assert_eq!(request(port, "nonsense\r\n\r\n").0, 400);
    }

    #[test]
    fn survives_broken_connections() {
        let (port, _root) = start();
        // Connect and leave; half a request and leave; ask and hang up without reading.
        drop(TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap());
        let mut half = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        half.write_all(b"GET /app-1").unwrap();
        drop(half);
        let mut rude = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        rude.write_all(b"GET /app-1_bg.wasm HTTP/1.1\r\n\r\n")
            .unwrap();
        rude.shutdown(Shutdown::Both).unwrap();
        drop(rude);
        let huge = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD * 2));
        let mut big = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        let _ = big.write_all(huge.as_bytes());
        drop(big);
        assert_eq!(get(port, "/").0, 200);
    }

    #[test]
    fn picks_the_next_free_port() {
        let taken = bind(0).unwrap();
        let port = taken.local_addr().unwrap().port();
        if port == u16::MAX {
            return;
        }
        let next = bind(port).unwrap();
        assert!(next.local_addr().unwrap().port() > port);
    }

    #[test]
    fn resolves_paths() {
        let root = dist();
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/assets/./favicon.svg#x"),
            Resolved::File(root.join("assets/favicon.svg"))
        );
        assert_eq!(
            resolve(&root, "/assets"),
            Resolved::File(root.join("index.html"))
        );
        assert_eq!(
            resolve(&root, "/assets/"),
            Resolved::File(root.join("index.html"))
        );
        assert_eq!(resolve(&root, "/assets/x.png"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/..%2fx"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "/a%00"), Resolved::BadRequest);
        assert_eq!(resolve(&root, "/a\\b"), Resolved::BadRequest);
    }
}
