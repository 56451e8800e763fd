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

    /// Points `open` at another address of the app (a test's own server).
    pub fn use_base(&mut self, base: &str) {
        self.base = base.to_string();
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

    /// Opens a path of the origin that is not the app (nothing is waited for).
    pub async fn open_path(&self, path: &str) {
        self.c
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("navigate");
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

    /// Asks `probe` every 50 ms until it answers `Ok`; after `WAIT`, fails with its last
    /// answer (`Err`: what did not happen) and the page's text. The one polling loop behind
    /// the waits that check what the page shows.
    pub async fn eventually<T>(&self, mut probe: impl AsyncFnMut() -> Result<T, String>) -> T {
        let start = Instant::now();
        loop {
            match probe().await {
                Ok(v) => return v,
                Err(why) if start.elapsed() > WAIT => {
                    panic!("{why}; page:\n{}", self.page_text().await)
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// Waits until the text of `css` contains `text`; returns the whole text.
    pub async fn wait_text(&self, css: &str, text: &str) -> String {
        self.eventually(async || {
            let now = match self.c.find(Locator::Css(css)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if now.contains(text) {
                Ok(now)
            } else {
                Err(format!("{css} never contained {text:?}; it reads {now:?}"))
            }
        })
        .await
    }

    /// Waits until nothing matches `css`; `what` says what stayed, for the failure.
    pub async fn wait_absent(&self, css: &str, what: &str) {
        self.eventually(async || match self.exists(css).await {
            true => Err(what.to_string()),
            false => Ok(()),
        })
        .await
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

// ---- Plans in storage, save status, several windows, errors (the "edits that settle" tests).

/// A plan as the app would have made it: `n` names its id (and its parts' ids).
pub fn test_plan(n: u128, template: opora::model::TemplateId, client: &str) -> opora::model::Plan {
    let mut k = n * 1000;
    let mut p = opora::model::Plan::new(
        template.template(),
        uuid::Uuid::from_u128(n),
        opora::model::Lang::En,
        chrono::Utc::now(),
        || {
            k += 1;
            uuid::Uuid::from_u128(k)
        },
    );
    p.general.client_name = client.into();
    p.general.key_worker = "Eva Horáková".into();
    p
}

/// `plan` as stored after `saves` saves (revision ids made from `seed`).
pub fn saved_plan(plan: opora::model::Plan, seed: u32, saves: u32) -> opora::model::StoredPlan {
    let revisions = (0..saves).fold(opora::model::Revisions::default(), |r, k| {
        r.next(opora::model::rev_id(seed + k))
    });
    opora::model::StoredPlan {
        revisions,
        updated_at: chrono::Utc::now(),
        plan,
    }
}

/// Every `opora:plan:*` value in `storage`, read as the app stores it, by id.
pub fn plans_in(storage: &serde_json::Map<String, Value>) -> Vec<opora::model::StoredPlan> {
    let mut plans: Vec<opora::model::StoredPlan> = storage
        .iter()
        .filter(|(k, _)| k.starts_with("opora:plan:"))
        .map(|(k, v)| {
            opora::storage::parse_plan(v.as_str().unwrap_or_default())
                .unwrap_or_else(|e| panic!("{k} is not a stored plan ({e}): {v}"))
        })
        .collect();
    plans.sort_by_key(|p| p.id());
    plans
}

impl Browser {
    /// Writes plans into localStorage the way the app stores them (plan and summary), then
    /// reloads.
    pub async fn put_plans(&self, plans: &[opora::model::StoredPlan]) {
        for p in plans {
            for (key, value) in opora::storage::entries_of(p) {
                self.js_args(
                    "localStorage.setItem(arguments[0], arguments[1])",
                    vec![key.into(), value.into()],
                )
                .await;
            }
        }
        self.js_args(
            "localStorage.setItem('opora:schema', arguments[0])",
            vec![opora::storage::SCHEMA_VERSION.to_string().into()],
        )
        .await;
        self.reload().await;
    }

    /// The plan `id` as localStorage holds it now, if it does.
    pub async fn stored_plan(&self, id: uuid::Uuid) -> Option<opora::model::StoredPlan> {
        let raw = self
            .js_args(
                "return localStorage.getItem(arguments[0])",
                vec![format!("opora:plan:{id}").into()],
            )
            .await;
        raw.as_str().map(|s| {
            opora::storage::parse_plan(s)
                .unwrap_or_else(|e| panic!("plan {id} is not readable: {e}\n{s}"))
        })
    }

    /// The plan id in the address (`#/plan/<id>…`).
    pub async fn plan_id_in_url(&self) -> uuid::Uuid {
        let hash = self.js("return location.hash").await;
        let hash = hash.as_str().unwrap_or_default();
        hash.strip_prefix("#/plan/")
            .and_then(|rest| rest.split('/').next())
            .and_then(|id| uuid::Uuid::parse_str(id).ok())
            .unwrap_or_else(|| panic!("no plan id in the address {hash:?}"))
    }

    /// The editor's save status (`data-state` of `[data-testid=save-status]`), `""` if none.
    pub async fn save_state(&self) -> String {
        self.js(
            "const s = document.querySelector('[data-testid=save-status]'); \
             return s ? s.getAttribute('data-state') || '' : ''",
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Waits until the editor's save status is `state` (`saved`, `updated`, `conflict`, …).
    pub async fn wait_save_state(&self, state: &str) {
        self.eventually(async || match self.save_state().await {
            now if now == state => Ok(()),
            now => Err(format!(
                "the save status never became {state:?}; it is {now:?}"
            )),
        })
        .await
    }

    /// The `value` of the form control `css` (its current text, as the user sees it).
    pub async fn value(&self, css: &str) -> String {
        self.wait(css)
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default()
    }

    /// Waits until the form control `css` shows exactly `want`.
    pub async fn wait_value(&self, css: &str, want: &str) {
        self.eventually(async || match self.value(css).await {
            now if now == want => Ok(()),
            now => Err(format!("{css} never showed {want:?}; it shows {now:?}")),
        })
        .await
    }

    /// Opens a second browser window (same profile, so the same localStorage) and makes it
    /// current; returns (the window that was current, the new one).
    pub async fn second_window(
        &self,
    ) -> (fantoccini::wd::WindowHandle, fantoccini::wd::WindowHandle) {
        let first = self.c.window().await.expect("current window");
        let second = self.c.new_window(false).await.expect("new window").handle;
        self.c
            .switch_to_window(second.clone())
            .await
            .expect("switch to the new window");
        (first, second)
    }

    pub async fn switch_to(&self, window: &fantoccini::wd::WindowHandle) {
        self.c
            .switch_to_window(window.clone())
            .await
            .expect("switch window");
    }

    /// From now on, collects uncaught errors, unhandled rejections and `console.error` calls of
    /// this page in `window.__errors` (read them with `recorded_errors`).
    pub async fn record_errors(&self) {
        self.js(
            "window.__errors = [];
             window.addEventListener('error', e => window.__errors.push('error: ' + (e.message || e.error)));
             window.addEventListener('unhandledrejection', e => window.__errors.push('unhandled rejection: ' + e.reason));
             const err = console.error;
             console.error = function (...args) {
                 window.__errors.push('console.error: ' + args.map(String).join(' '));
                 return err.apply(this, args);
             };",
        )
        .await;
    }

    pub async fn recorded_errors(&self) -> Vec<String> {
        let v = self.js("return window.__errors || null").await;
        let list = v
            .as_array()
            .unwrap_or_else(|| panic!("no error recorder in this page (was it reloaded?)"));
        list.iter()
            .map(|e| e.as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// From now on, counts `localStorage.setItem` calls of this page, by key (read them with
    /// `writes`).
    pub async fn count_writes(&self) {
        self.js("window.__writes = [];
             const set = Storage.prototype.setItem;
             Storage.prototype.setItem = function (k, v) {
                 window.__writes.push(k);
                 return set.call(this, k, v);
             };")
            .await;
    }

    /// The keys written since `count_writes` (or since the last `writes`), and starts over.
    pub async fn writes(&self) -> Vec<String> {
        let v = self
            .js("const w = window.__writes; window.__writes = []; return w || null")
            .await;
        let list = v
            .as_array()
            .unwrap_or_else(|| panic!("no write counter in this page (was it reloaded?)"));
        list.iter()
            .map(|e| e.as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Whether an element matching `css` exists now (no waiting).
    pub async fn exists(&self, css: &str) -> bool {
        !self.all(css).await.is_empty()
    }

    /// The visible text of the whole page.
    pub async fn page_text(&self) -> String {
        self.js("return document.body.innerText")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Browser {
    /// Waits until plan `id` is stored at generation `n` (`revisions.start`) and the editor
    /// says `saved`; fails if it goes past `n`, or if a second save follows within a second
    /// (a settled burst of typing makes exactly one revision).
    pub async fn wait_generation(&self, id: uuid::Uuid, n: u32) -> opora::model::StoredPlan {
        self.eventually(async || {
            let now = self.stored_plan(id).await.map(|p| p.revisions.start);
            let status = self.save_state().await;
            match now {
                Some(g) if g == n && status == "saved" => Ok(()),
                Some(g) if g > n => panic!("plan {id} went past generation {n} to {g}"),
                _ => Err(format!(
                    "plan {id} never reached generation {n} with the status `saved`: it is at \
                     {now:?}, status {status:?}"
                )),
            }
        })
        .await;
        tokio::time::sleep(Duration::from_millis(1000)).await;
        let settled = self.stored_plan(id).await.expect("still stored");
        assert_eq!(
            settled.revisions.start, n,
            "one burst of typing made more than one revision"
        );
        settled
    }
}

impl Browser {
    /// On the plan list: opens the plan view of the plan whose row names `client`.
    pub async fn open_plan(&self, client: &str) {
        self.wait_text("[data-testid=plan-list]", client).await;
        for row in self.all("[data-testid=plan-row]").await {
            if row.text().await.unwrap_or_default().contains(client) {
                let link = within(&row, "a").await;
                // Away from the toast at the bottom of the window.
                self.js_args(
                    "arguments[0].scrollIntoView({block: 'center'})",
                    vec![serde_json::to_value(&link).expect("an element")],
                )
                .await;
                link.click().await.expect("open the plan");
                self.wait_text("[data-testid=plan-document]", client).await;
                return;
            }
        }
        panic!("no row for {client}");
    }
}
