//! A small driver API over fantoccini: one fresh browser profile per test, waiting helpers,
//! and form helpers that type the way a user does.

use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the browser tests with `cargo xtask test`")
    })
}

pub struct Browser {
    pub c: Client,
    base: String,
}

const WAIT: Duration = Duration::from_secs(10);

pub struct Options {
    pub width: u32,
    /// The browser refuses localStorage to the page (as with cookies blocked, or some
    /// private modes).
    pub block_site_data: bool,
    /// Downloads land here without asking.
    pub download_dir: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 1000,
            block_site_data: false,
            download_dir: None,
        }
    }
}

/// A new empty folder for one test's downloads.
pub fn download_dir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("opora-e2e-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the download folder");
    dir
}

/// Waits for exactly one finished download in `dir` and returns its name and content.
pub async fn downloaded(dir: &std::path::Path) -> (String, Vec<u8>) {
    let start = Instant::now();
    loop {
        let files: Vec<_> = std::fs::read_dir(dir)
            .expect("download folder")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            // Chromium writes `.org.chromium.Chromium.*` / `*.crdownload` first, then renames.
            .filter(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                !name.starts_with('.') && !name.ends_with(".crdownload")
            })
            .collect();
        if let [one] = files.as_slice() {
            let name = one.file_name().unwrap().to_string_lossy().into_owned();
            return (name, std::fs::read(one).expect("read the download"));
        }
        assert!(
            start.elapsed() < WAIT,
            "no single download in {}: {files:?}",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

impl Browser {
    /// A new browser with an empty profile (so empty localStorage), `width` px wide.
    pub async fn start(width: u32) -> Browser {
        Browser::start_with(Options {
            width,
            ..Options::default()
        })
        .await
    }

    pub async fn start_with(opts: Options) -> Browser {
        let Options {
            width,
            block_site_data,
            download_dir,
        } = opts;
        let caps = json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--lang=en-US",
                    format!("--window-size={width},900"),
                ],
                "prefs": { "intl.accept_languages": "en-US" }
            }
        });
        let mut caps = caps.as_object().expect("an object").clone();
        if let Some(dir) = download_dir {
            caps["goog:chromeOptions"]["prefs"]["download.default_directory"] = json!(dir);
            caps["goog:chromeOptions"]["prefs"]["download.prompt_for_download"] = json!(false);
        }
        if block_site_data {
            caps["goog:chromeOptions"]["prefs"]["profile.default_content_setting_values.cookies"] =
                json!(2);
        }
        // Desktop Chromium will not make a window narrower than ~500 px: emulate a phone.
        if width < 500 {
            caps["goog:chromeOptions"]["mobileEmulation"] =
                json!({ "deviceMetrics": { "width": width, "height": 740, "pixelRatio": 1.0 } });
        }
        let c = ClientBuilder::rustls()
            .expect("TLS roots for the WebDriver client")
            .capabilities(caps)
            .connect(&env("WEBDRIVER_URL"))
            .await
            .expect("connect to chromedriver");
        Browser {
            c,
            base: env("OPORA_URL"),
        }
    }

    pub async fn close(self) {
        let _ = self.c.close().await;
    }

    /// Opens a route of the app (`""`, `"#/new"`) and waits until the app has started.
    pub async fn open(&self, hash: &str) {
        self.c
            .goto(&format!("{}{hash}", self.base))
            .await
            .expect("navigate");
        self.wait("#screen-title").await;
    }

    pub async fn reload(&self) {
        self.c.refresh().await.expect("reload");
        self.wait("#screen-title").await;
    }

    pub async fn wait(&self, css: &str) -> Element {
        let start = Instant::now();
        loop {
            if let Ok(e) = self.c.find(Locator::Css(css)).await {
                return e;
            }
            if start.elapsed() > WAIT {
                let html = self.js("return document.body.innerText").await;
                panic!("{css} did not appear within {WAIT:?}; page text:\n{html}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Like `wait`, with a longer limit for big work.
    pub async fn wait_long(&self, css: &str, limit: Duration) -> Element {
        let start = Instant::now();
        loop {
            if let Ok(e) = self.c.find(Locator::Css(css)).await {
                return e;
            }
            assert!(
                start.elapsed() < limit,
                "{css} did not appear within {limit:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the plan list shows exactly `n` rows.
    pub async fn wait_gone_rows(&self, n: usize) {
        let start = Instant::now();
        while self.all("[data-testid=plan-row]").await.len() != n {
            assert!(start.elapsed() < WAIT, "the list never showed {n} plans");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the text of `css` contains `text`; returns the whole text.
    pub async fn wait_text(&self, css: &str, text: &str) -> String {
        let start = Instant::now();
        loop {
            let now = match self.c.find(Locator::Css(css)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if now.contains(text) {
                return now;
            }
            if start.elapsed() > WAIT {
                let page = self.js("return document.body.innerText").await;
                panic!(
                    "{css} never contained {text:?}; it reads {now:?}; page:\n{}",
                    page.as_str().unwrap_or_default()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.c.find_all(Locator::Css(css)).await.expect("find_all")
    }

    pub async fn click(&self, css: &str) {
        self.wait(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait(css).await.text().await.expect("text")
    }

    pub async fn js(&self, script: &str) -> Value {
        self.c.execute(script, vec![]).await.expect("script runs")
    }

    pub async fn js_args(&self, script: &str, args: Vec<Value>) -> Value {
        self.c.execute(script, args).await.expect("script runs")
    }

    pub async fn local_storage(&self) -> serde_json::Map<String, Value> {
        let v = self
            .js("const o = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o;")
            .await;
        v.as_object().cloned().unwrap_or_default()
    }

    /// Saves a screenshot as `<name>.png` when `OPORA_SCREENSHOTS` names a folder (for
    /// people looking at the UI; the tests do not depend on it).
    pub async fn snap(&self, name: &str) {
        if let Ok(dir) = std::env::var("OPORA_SCREENSHOTS") {
            let png = self.c.screenshot().await.expect("screenshot");
            std::fs::write(format!("{dir}/{name}.png"), png).expect("write screenshot");
        }
    }

    /// Prints the page to `<name>.pdf` (A4) when `OPORA_SCREENSHOTS` names a folder.
    pub async fn print_pdf(&self, name: &str) {
        if let Ok(dir) = std::env::var("OPORA_SCREENSHOTS") {
            let cfg = fantoccini::wd::PrintConfiguration::builder()
                .build()
                .expect("print config");
            let pdf = self.c.print(cfg).await.expect("print");
            std::fs::write(format!("{dir}/{name}.pdf"), pdf).expect("write pdf");
        }
    }

    /// The id of the element that has keyboard focus.
    pub async fn focused_id(&self) -> String {
        self.js("return document.activeElement ? document.activeElement.id : ''")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

/// Types into a text field as a user does (after clearing it).
pub async fn fill(e: &Element, text: &str) {
    e.clear().await.expect("clear");
    e.send_keys(text).await.expect("type");
}

pub async fn fill_in(b: &Browser, css: &str, text: &str) {
    fill(&b.wait(css).await, text).await;
}

/// Types a date into `<input type=date>` the way Chromium's en-US date field takes it.
pub async fn type_date(e: &Element, iso: &str) {
    let (y, rest) = iso.split_at(4);
    let (m, d) = (&rest[1..3], &rest[4..6]);
    e.send_keys(&format!("{m}{d}{y}")).await.expect("type date");
}

pub async fn within(parent: &Element, css: &str) -> Element {
    parent
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} inside its parent: {e}"))
}

pub async fn select(e: &Element, value: &str) {
    e.select_by_value(value).await.expect("select");
}
