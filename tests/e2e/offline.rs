//! Offline and updates, with the app served from a sub-path (`/opora/`) by the test's own
//! server (`xtask serve-dir`, passed as `OPORA_SERVE`), which the test stops and restarts:
//! the service worker caches the whole app, which then starts, shows its plans and saves new
//! ones with the server gone; a new build on the server brings "A new version is ready", and
//! Reload switches to it. Also: the persistence note says what the browser decided.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::support::*;

const PREFIX: &str = "/opora/";

/// `xtask serve-dir DIR --port N --prefix /opora/` as a child process.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    /// Starts serving `dir` at `port` (0: any free port); retries while the port is still
    /// being released by a server just stopped.
    fn start(dir: &Path, port: u16) -> Server {
        for _ in 0..50 {
            let mut child = Command::new(env("OPORA_SERVE"))
                .arg("serve-dir")
                .arg(dir)
                .args(["--port", &port.to_string(), "--prefix", PREFIX])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("start xtask serve-dir");
            let mut line = String::new();
            let stdout = child.stdout.take().expect("piped stdout");
            let _ = BufReader::new(stdout).read_line(&mut line);
            // "serving at http://127.0.0.1:<port>/opora/"
            let bound = line
                .trim()
                .strip_prefix("serving at http://127.0.0.1:")
                .and_then(|rest| rest.split('/').next())
                .and_then(|p| p.parse().ok());
            if let Some(port) = bound {
                return Server { child, port };
            }
            let _ = child.wait();
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("xtask serve-dir did not start on port {port}");
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}{PREFIX}", self.port)
    }

    /// Stops the server; nothing answers on its port afterwards.
    fn stop(mut self) -> u16 {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let port = self.port;
        assert!(
            std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
            "the server still answers on port {port}"
        );
        port
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for entry in std::fs::read_dir(from).expect("read dist") {
        let path = entry.expect("dist entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy a file");
        }
    }
}

/// A copy of `dist` as the next release would look to the browser: a different `index.html`
/// (marked `opora-build=second`) and so a different worker (another cache version). Their
/// precompressed copies are removed, so the server sends the changed files.
fn second_build(dist: &Path) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("opora-e2e-second-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(dist, &dir);
    let index = std::fs::read_to_string(dir.join("index.html")).expect("index.html");
    let charset = "<meta charset=utf-8>";
    assert!(index.contains(charset), "{index}");
    let index = index.replacen(
        charset,
        &format!("{charset}<meta name=opora-build content=second>"),
        1,
    );
    std::fs::write(dir.join("index.html"), index).expect("write index.html");
    let sw = std::fs::read_to_string(dir.join("sw.js")).expect("sw.js");
    let version = sw
        .lines()
        .find_map(|l| l.strip_prefix("const VERSION = \""))
        .and_then(|rest| rest.strip_suffix("\";"))
        .expect("the worker's version")
        .to_string();
    let second = format!("{version}-second");
    std::fs::write(dir.join("sw.js"), sw.replacen(&version, &second, 1)).expect("write sw.js");
    for name in ["index.html.gz", "index.html.br", "sw.js.gz", "sw.js.br"] {
        let _ = std::fs::remove_file(dir.join(name));
    }
    (dir, second)
}

impl Browser {
    /// Waits until a service worker controls the page (it has cached the app by then).
    async fn wait_controlled(&self) {
        self.eventually(async || {
            match self
                .js("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)")
                .await
            {
                Value::Bool(true) => Ok(()),
                _ => Err("no service worker controls the page".to_string()),
            }
        })
        .await;
    }

    /// Runs an async script whose last argument is the callback.
    async fn js_async(&self, script: &str) -> Value {
        self.c
            .execute_async(script, vec![])
            .await
            .expect("async script runs")
    }

    async fn cache_names(&self) -> Vec<String> {
        let v = self
            .js_async("const done = arguments[arguments.length - 1]; caches.keys().then(done)")
            .await;
        serde_json::from_value(v).expect("cache names")
    }

    async fn build_mark(&self) -> String {
        self.js(
            "const m = document.querySelector('meta[name=opora-build]'); return m ? m.content : ''",
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Makes a plan for `client` through the UI and waits until it is stored.
    async fn make_plan(&self, client: &str) -> uuid::Uuid {
        self.click("[data-testid=new-plan]").await;
        self.click("[data-testid=template-cz_counselling]").await;
        self.click("[data-testid=next]").await;
        self.wait_text("[data-testid=progress]", "2 / 6").await;
        let id = self.plan_id_in_url().await;
        fill_in(self, "#f-client_name", client).await;
        self.wait_generation(id, 1).await;
        id
    }
}

#[tokio::test]
async fn works_offline_from_a_sub_path_and_switches_to_a_new_version_on_reload() {
    let dist = PathBuf::from(env("OPORA_DIST"));
    let server = Server::start(&dist, 0);
    let mut b = Browser::start(1000).await;
    b.use_base(&server.url());
    b.open("").await;
    assert_eq!(
        b.js("return location.pathname").await,
        PREFIX,
        "served from the sub-path"
    );
    b.record_errors().await;
    let first = b.make_plan("Offline First").await;
    assert_eq!(b.recorded_errors().await, Vec::<String>::new());
    b.wait_controlled().await;
    let caches = b.cache_names().await;
    assert_eq!(caches.len(), 1, "one cache: {caches:?}");
    assert!(
        caches[0].starts_with(&format!("opora:{}:", server.url())),
        "named by scope: {caches:?}"
    );

    // No network: the app starts from the cache, with its plan, and saves a new one.
    let port = server.stop();
    b.reload().await;
    b.open("").await;
    b.wait_text("[data-testid=plan-list]", "Offline First")
        .await;
    let second = b.make_plan("Offline Second").await;
    assert!(b.stored_plan(first).await.is_some());
    b.open("").await;
    b.wait_gone_rows(2).await;
    b.wait_text("[data-testid=plan-list]", "Offline Second")
        .await;
    assert!(b.stored_plan(second).await.is_some());
    assert_eq!(b.build_mark().await, "", "still the first build");

    // The manifest and every icon it names come from the cache too (relative addresses).
    let icons = b
        .js_async(
            "const done = arguments[arguments.length - 1]; \
             const link = document.querySelector('link[rel=manifest]'); \
             fetch(link.href).then(r => r.json()).then(m => Promise.all(m.icons.map(i => \
               fetch(new URL(i.src, link.href)).then(r => [i.src, i.purpose, r.status, \
                 r.headers.get('content-type')])))).then(done, e => done(String(e)))",
        )
        .await;
    let icons: Vec<(String, String, u16, String)> =
        serde_json::from_value(icons.clone()).unwrap_or_else(|e| panic!("{e}: {icons}"));
    assert!(icons.iter().any(|i| i.1 == "maskable"), "{icons:?}");
    for (src, _, status, content_type) in &icons {
        assert_eq!(*status, 200, "{src}");
        assert!(content_type.starts_with("image/"), "{src}: {content_type}");
    }

    // The persistence note says what the browser decided (asked at the first save).
    let persisted = b
        .js_async(
            "const done = arguments[arguments.length - 1]; \
             navigator.storage.persisted().then(done)",
        )
        .await;
    let shown = if persisted == Value::Bool(true) {
        "persist-granted"
    } else {
        "persist-not-granted"
    };
    let note = b
        .wait(&format!(
            "[data-testid=persist-status]:not([hidden]) [data-testid={shown}]:not([hidden])"
        ))
        .await;
    let text = note.text().await.expect("note text");
    println!("persisted: {persisted}; the note reads: {text}");
    assert!(
        text.contains(if shown == "persist-granted" {
            "will not clear plans"
        } else {
            "export a backup regularly"
        }),
        "{text}"
    );
    assert!(!b.exists("[data-testid=update-notice]:not([hidden])").await);

    // A new build on the server: the next visit installs it, and it waits for the user.
    let (second_dir, second_version) = second_build(&dist);
    let server = Server::start(&second_dir, port);
    b.reload().await;
    let notice = b.wait("[data-testid=update-notice]:not([hidden])").await;
    assert!(notice.is_displayed().await.expect("displayed"));
    assert!(notice
        .text()
        .await
        .expect("text")
        .contains("A new version of Opora is ready"));
    // Not taken over behind the user's back: the open page stays on the first build.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(b.build_mark().await, "");
    let waiting = b
        .js_async(
            "const done = arguments[arguments.length - 1]; \
             navigator.serviceWorker.getRegistration().then(r => done(!!(r && r.waiting)))",
        )
        .await;
    assert_eq!(waiting, Value::Bool(true), "the new worker waits");
    b.wait_text("[data-testid=plan-list]", "Offline Second")
        .await;

    // Reload: the new version takes over and the page reloads into it, plans and all.
    b.click("[data-testid=update-reload]").await;
    b.eventually(async || match b.build_mark().await.as_str() {
        "second" => Ok(()),
        now => Err(format!(
            "the page never switched to the second build ({now:?})"
        )),
    })
    .await;
    b.wait("#screen-title").await;
    b.wait_gone_rows(2).await;
    assert!(!b.exists("[data-testid=update-notice]:not([hidden])").await);
    let caches = b.cache_names().await;
    assert_eq!(caches.len(), 1, "the old cache is gone: {caches:?}");
    assert!(caches[0].ends_with(&second_version), "{caches:?}");

    // And the new version works offline too.
    server.stop();
    b.reload().await;
    assert_eq!(b.build_mark().await, "second");
    b.wait_gone_rows(2).await;
    b.close().await;
    let _ = std::fs::remove_dir_all(&second_dir);
}
