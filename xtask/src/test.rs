//! `cargo xtask test`: every check and test, with a pass/fail summary.

use crate::driver::ChromeDriver;
use crate::tools::{self, Tools};
use crate::{dist, proc, repo_root, serve};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

enum Outcome {
    Passed,
    Failed(String),
    Skipped(&'static str),
}

struct Summary {
    steps: Vec<(&'static str, Outcome, f64)>,
}

impl Summary {
    /// Runs one step under a header and records its outcome.
    fn step<T>(&mut self, name: &'static str, f: impl FnOnce() -> Result<T, String>) -> Option<T> {
        println!("\n==> {name}");
        let started = Instant::now();
        let result = f();
        let secs = started.elapsed().as_secs_f64();
        let (outcome, value) = match result {
            Ok(value) => {
                println!("--> {name}: passed ({secs:.0}s)");
                (Outcome::Passed, Some(value))
            }
            Err(err) => {
                println!("--> {name}: FAILED ({secs:.0}s): {err}");
                (Outcome::Failed(err), None)
            }
        };
        self.steps.push((name, outcome, secs));
        value
    }

    fn skip(&mut self, name: &'static str, why: &'static str) {
        println!("\n==> {name}\n--> {name}: skipped ({why})");
        self.steps.push((name, Outcome::Skipped(why), 0.0));
    }

    /// Prints the table and `N passed, M failed`; skipped steps count as failed.
    fn finish(self) -> ExitCode {
        println!("\n==> summary");
        let width = self
            .steps
            .iter()
            .map(|(name, ..)| name.len())
            .max()
            .unwrap_or(0);
        let mut failed = 0;
        for (name, outcome, secs) in &self.steps {
            let text = match outcome {
                Outcome::Passed => format!("passed  ({secs:.0}s)"),
                Outcome::Failed(err) => {
                    failed += 1;
                    format!("FAILED  ({secs:.0}s) {}", err.lines().next().unwrap_or(""))
                }
                Outcome::Skipped(why) => {
                    failed += 1;
                    format!("SKIPPED ({why})")
                }
            };
            println!("  {name:<width$}  {text}");
        }
        println!("{} passed, {failed} failed", self.steps.len() - failed);
        if failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

/// Runs all steps; keeps going after a failure where the next step can still say something.
pub fn run_all() -> ExitCode {
    let root = repo_root();
    let mut summary = Summary { steps: Vec::new() };

    println!("==> tools");
    let tools = match tools::ensure(true) {
        Ok(tools) => Some(tools),
        Err(err) => {
            println!("--> tools: FAILED: {err}");
            None
        }
    };
    let cargo = |args: &[&str]| {
        let mut cmd = match &tools {
            Some(tools) => tools.cargo(),
            None => proc::cargo(),
        };
        cmd.args(args).current_dir(&root);
        cmd
    };

    summary.step("fmt", || {
        proc::run(&mut cargo(&["fmt", "--all", "--", "--check"]))
    });
    summary.step("clippy (native)", || {
        proc::run(&mut cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    });
    summary.step("clippy (wasm32)", || {
        proc::run(&mut cargo(&[
            "clippy",
            "--lib",
            "--bins",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    });
    summary.step("native tests", || {
        proc::run(&mut cargo(&["test", "--workspace"]))
    });

    let Some(tools) = &tools else {
        summary.skip("dist", "the tools are missing");
        summary.skip("e2e", "the tools are missing");
        return summary.finish();
    };
    match summary.step("dist", || dist::build(tools)) {
        Some(dist) => {
            summary.step("e2e", || e2e(tools, &root, &dist));
        }
        None => summary.skip("e2e", "the dist build failed"),
    }
    summary.finish()
}

/// `cargo xtask e2e [FILTER]`: the release build and the browser tests only (those whose
/// name contains FILTER), for working on one feature.
pub fn run_e2e(filter: Option<&str>) -> Result<ExitCode, String> {
    let tools = tools::ensure(true)?;
    let dist = dist::build(&tools)?;
    e2e_filtered(&tools, &repo_root(), &dist, filter)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs the browser test target against `dist` with extra test arguments and environment
/// (the benchmark is an ignored test of that target).
pub fn run_browser_target(
    tools: &Tools,
    dist: &Path,
    test_args: &[&str],
    env: &[(&str, &Path)],
) -> Result<(), String> {
    browser_target(tools, &repo_root(), dist, test_args, env)
}

/// Serves `dist` from a background thread, starts chromedriver and runs the e2e test target.
fn e2e(tools: &Tools, root: &Path, dist: &Path) -> Result<(), String> {
    e2e_filtered(tools, root, dist, None)
}

fn e2e_filtered(
    tools: &Tools,
    root: &Path,
    dist: &Path,
    filter: Option<&str>,
) -> Result<(), String> {
    let args: Vec<&str> = filter.into_iter().collect();
    browser_target(tools, root, dist, &args, &[])
}

fn browser_target(
    tools: &Tools,
    root: &Path,
    dist: &Path,
    test_args: &[&str],
    env: &[(&str, &Path)],
) -> Result<(), String> {
    let listener = serve::bind(0).map_err(|e| format!("cannot start the static server: {e}"))?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("cannot read the server address: {e}"))?
        .port();
    serve::spawn(listener, dist.to_path_buf());
    let app_url = format!("http://127.0.0.1:{port}/");
    println!("serving {} at {app_url}", dist.display());

    let log = log_path(root)?;
    let driver = ChromeDriver::start(tools::CHROMEDRIVER, &log)?;
    println!("chromedriver at {} (log: {})", driver.url(), log.display());

    let mut cmd: Command = tools.cargo();
    cmd.args([
        "test",
        "--features",
        "e2e",
        "--test",
        "e2e",
        "--",
        "--test-threads=1",
    ])
    .args(test_args)
    .envs(env.iter().copied())
    .current_dir(root)
    .env("OPORA_URL", &app_url)
    .env("WEBDRIVER_URL", driver.url())
    .env("OPORA_DIST", dist)
    .env("CHROMIUM", tools::CHROMIUM)
    .env("PDFTOTEXT", tools::PDFTOTEXT);
    // A server the tests can start, stop and restart themselves (`xtask serve-dir`).
    if let Ok(exe) = std::env::current_exe() {
        cmd.env("OPORA_SERVE", exe);
    }
    let result = proc::run(&mut cmd);
    drop(driver); // stops chromedriver and any browser it left, whatever the result
    result
}

/// `target/xtask/chromedriver.log`.
fn log_path(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("target").join("xtask");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir.join("chromedriver.log"))
}
