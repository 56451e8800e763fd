//! `cargo xtask bench`: capacity and speed with a realistic caseload, in headless Chromium
//! against the release build. Not a test (ignored in test runs): it prints one JSON object,
//! and xtask appends a row to BENCHMARKS.md. Timings are noisy: ratios within one run,
//! medians of repeated runs.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use opora::model::sample::{brief_plans, realistic_plans};
use opora::model::StoredPlan;
use serde_json::{json, Value};

use crate::support::{env, Browser};

/// Cold starts per plan count; the median is reported.
const STARTS: usize = 7;
/// Keystrokes measured in the editor.
const KEYS: usize = 80;
const BATCH: usize = 100;

fn plans(n: usize, seed: u64) -> Vec<StoredPlan> {
    realistic_plans(
        seed,
        n,
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// Writes plans the way the app stores them, `BATCH` per script; returns how many fitted
/// whole (a plan with its summary) before storage refused.
async fn fill(b: &Browser, plans: &[StoredPlan]) -> usize {
    let mut stored = 0;
    for chunk in plans.chunks(BATCH) {
        let entries: Vec<Value> = chunk
            .iter()
            .map(|p| json!(opora::storage::entries_of(p)))
            .collect();
        let done = b
            .js_args(
                "let n = 0;
                 for (const [[k1, v1], [k2, v2]] of arguments[0]) {
                     try { localStorage.setItem(k1, v1); } catch (e) { return n; }
                     try { localStorage.setItem(k2, v2); }
                     catch (e) { localStorage.removeItem(k1); return n; }
                     n++;
                 }
                 return n;",
                vec![Value::Array(entries)],
            )
            .await
            .as_u64()
            .unwrap_or(0) as usize;
        stored += done;
        if done < chunk.len() {
            break;
        }
    }
    b.js_args(
        "localStorage.setItem('opora:schema', arguments[0])",
        vec![opora::storage::SCHEMA_VERSION.to_string().into()],
    )
    .await;
    stored
}

async fn clear(b: &Browser) {
    b.js("localStorage.clear()").await;
}

/// Milliseconds from navigation to the list on screen, median of `STARTS` reloads.
async fn start_ms(b: &Browser) -> f64 {
    let mut times = Vec::new();
    for _ in 0..STARTS {
        b.reload().await;
        let t = b
            .eventually(async || {
                let v = b
                    .js(
                        "const m = performance.getEntriesByName('opora:list-ready')[0];
                         return m ? m.startTime : null",
                    )
                    .await;
                v.as_f64()
                    .ok_or_else(|| "the list is not ready".to_string())
            })
            .await;
        times.push(t);
    }
    median(times)
}

/// The browser's own cost of the first localStorage access of a page (it loads the whole
/// origin's storage then), measured on a page of the origin without the app: the service
/// worker's script shown as text. (A 404 page no longer works: with an empty body Chromium
/// shows its own error page, which is not of the origin and runs no script.)
async fn first_storage_read_ms(b: &Browser) -> f64 {
    let mut times = Vec::new();
    for _ in 0..STARTS {
        b.open_path("sw.js").await;
        let t = b
            .js("const t = performance.now(); localStorage.length; return performance.now() - t")
            .await;
        times.push(t.as_f64().unwrap_or(0.0));
    }
    b.open("#/").await;
    median(times)
}

/// Times `KEYS` keystrokes in a text field of an open plan: the work each costs (from the
/// first input listener to the end of the reactive updates it started), the time to the next
/// paint, and Event Timing's processing times.
async fn keystrokes(b: &Browser) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    // The app's handler runs on the field; this window listener runs after it, and after the
    // microtasks the handler queued (the reactive updates: the browser runs them as soon as
    // each listener returns). Event Timing's processing time of the same events is kept as a
    // cross-check (reported only for events that took 16 ms or more to the next paint).
    b.js("window.__keys = []; window.__events = [];
          new PerformanceObserver((list) => {
              for (const e of list.getEntries()) {
                  if (e.name === 'input') window.__events.push(e.processingEnd - e.processingStart);
              }
          }).observe({ type: 'event', durationThreshold: 16, buffered: false });
          window.addEventListener('input', (e) => {
              const start = performance.now(), stamp = e.timeStamp;
              window.addEventListener('input', () => {
                  const work = performance.now() - start;
                  requestAnimationFrame(() => {
                      const paint = new MessageChannel();
                      paint.port1.onmessage = () =>
                          window.__keys.push([work, performance.now() - stamp]);
                      paint.port2.postMessage(0);
                  });
              }, { once: true });
          }, { capture: true });")
        .await;
    let field = b.wait("textarea").await;
    field.click().await.expect("focus the field");
    for i in 0..KEYS {
        let key = if i % 8 == 7 { " " } else { "a" };
        field.send_keys(key).await.expect("type");
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let v = b.js("return window.__keys").await;
    let pairs: Vec<(f64, f64)> = v
        .as_array()
        .expect("keystroke timings")
        .iter()
        .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
        .collect();
    let events = b.js("return window.__events").await;
    let events = events
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    let (work, paint) = pairs.into_iter().unzip();
    (work, paint, events)
}

/// Characters written to localStorage (keys and values) by one settled save.
async fn autosave_chars(b: &Browser) -> usize {
    b.js("window.__written = 0;
          const set = Storage.prototype.setItem;
          Storage.prototype.setItem = function (k, v) {
              window.__written += String(k).length + String(v).length;
              return set.call(this, k, v);
          };")
        .await;
    let field = b.wait("textarea").await;
    field.send_keys("b").await.expect("type");
    b.wait_save_state("saved").await;
    b.js("return window.__written").await.as_u64().unwrap_or(0) as usize
}

fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

/// (wasm, wasm + js + css) in KiB, gzip at the best level.
fn shipped_kib() -> (f64, f64) {
    let dist = std::path::PathBuf::from(env("OPORA_DIST"));
    let (mut wasm, mut total) = (0, 0);
    for entry in std::fs::read_dir(&dist).expect("dist exists") {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ["wasm", "js", "css"].contains(&ext) {
            let n = gzip_len(&std::fs::read(&path).unwrap());
            total += n;
            if ext == "wasm" {
                wasm += n;
            }
        }
    }
    (wasm as f64 / 1024.0, total as f64 / 1024.0)
}

#[tokio::test]
#[ignore = "a benchmark: run by `cargo xtask bench`"]
async fn bench() {
    let b = Browser::start(1280).await;
    b.open("#/").await;
    b.wait("[data-testid=empty-state]").await;
    let mut caseload = plans(1_000, 42);
    // The plan typed into must be editable (a completed plan is read-only until reopened).
    caseload[0].plan.status = opora::model::PlanStatus::InProgress;

    // Capacity: realistic plans until localStorage refuses.
    let capacity = fill(&b, &plans(4_000, 7)).await;
    clear(&b).await;

    // Start-up with 0, 1,000 and 3,000 plans.
    let start_0 = start_ms(&b).await;
    fill(&b, &caseload[..1_000]).await;
    let start_1000 = start_ms(&b).await;

    // Typing and saving with 1,000 plans stored.
    let first = &caseload[0];
    b.open(&format!("#/plan/{}/edit/goals", first.id())).await;
    let (work, paint, events) = keystrokes(&b).await;
    b.wait_save_state("saved").await;
    let autosave = autosave_chars(&b).await;

    // Statistics over the 1,000 plans: from opening the screen to the figures shown (the
    // page's own clock: read and decode every plan, compute, build the report).
    let mut stats = Vec::new();
    for _ in 0..3 {
        b.open("#/").await;
        b.wait("[data-testid=plan-row]").await;
        b.js(
            "performance.clearMarks('opora:stats-ready'); window.__stats0 = performance.now();
              location.hash = '#/statistics';",
        )
        .await;
        b.wait_long("[data-testid=stats-report]", Duration::from_secs(60))
            .await;
        let ms = b
            .js("return performance.getEntriesByName('opora:stats-ready')[0].startTime - window.__stats0")
            .await;
        stats.push(ms.as_f64().expect("a time") / 1000.0);
    }
    println!("stats_1000_s runs: {stats:?}");
    let stats_s = median(stats);

    // Export all 1,000 (read and decode every plan, build the file).
    b.open("#/").await;
    b.wait("[data-testid=plan-row]").await;
    b.click("[data-testid=more-actions] summary").await;
    let t = Instant::now();
    b.click("[data-testid=export-all]").await;
    b.wait("[data-testid=toast]").await;
    let export_s = t.elapsed().as_secs_f64();

    let first_read_1000 = first_storage_read_ms(&b).await;
    // 3,000 realistic plans do not fit in localStorage: 1,000 realistic + 2,000 brief ones.
    let more = brief_plans(
        43,
        2_000,
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
    );
    let stored_3000 = 1_000 + fill(&b, &more).await;
    let start_3000 = start_ms(&b).await;
    let first_read_3000 = first_storage_read_ms(&b).await;

    // Import 1,000 plans from one file into empty storage.
    clear(&b).await;
    let dir = std::env::temp_dir().join("opora-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("plans-1000.json");
    let plan_file = opora::files::PlanFile::new(plans(1_000, 99), Utc::now());
    std::fs::write(&file, plan_file.to_json()).unwrap();
    b.reload().await;
    b.wait("[data-testid=empty-state]").await;
    b.open("#/import").await;
    let t = Instant::now();
    b.wait("[data-testid=import-files]")
        .await
        .send_keys(&file.display().to_string())
        .await
        .expect("choose the file");
    b.wait_long("[data-testid=import-apply]", Duration::from_secs(120))
        .await
        .click()
        .await
        .expect("apply");
    b.wait_text("[role=status].count", "1000").await;
    let import_s = t.elapsed().as_secs_f64();

    let (wasm_kib, total_kib) = shipped_kib();
    let result = json!({
        "wasm_gz_kib": round(wasm_kib, 1),
        "total_gz_kib": round(total_kib, 1),
        "capacity_plans": capacity,
        "start_ms_0": round(start_0, 1),
        "start_ms_1000": round(start_1000, 1),
        "start_ms_3000": round(start_3000, 1),
        "start_1000_over_0": round(start_1000 / start_0, 2),
        "start_3000_over_0": round(start_3000 / start_0, 2),
        "plans_stored_for_3000": stored_3000,
        "browser_first_read_ms_1000": round(first_read_1000, 1),
        "browser_first_read_ms_3000": round(first_read_3000, 1),
        "keystrokes": work.len(),
        "key_work_p50_ms_1000": round(percentile(work.clone(), 0.5), 2),
        "key_p95_ms_1000": round(percentile(work, 0.95), 2),
        "key_to_paint_p50_ms_1000": round(percentile(paint.clone(), 0.5), 2),
        "key_to_paint_p95_ms_1000": round(percentile(paint, 0.95), 2),
        "event_timing_reported": events.len(),
        "event_timing_processing_p95_ms": if events.is_empty() { 0.0 } else { round(percentile(events, 0.95), 2) },
        "autosave_bytes_1000": autosave,
        "import_1000_s": round(import_s, 2),
        "export_1000_s": round(export_s, 2),
        "stats_1000_s": round(stats_s, 2),
    });
    println!("BENCH {result}");
    if let Ok(out) = std::env::var("OPORA_BENCH_OUT") {
        std::fs::write(out, result.to_string()).expect("write the result");
    }
    b.close().await;
}
