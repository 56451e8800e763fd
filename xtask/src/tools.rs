//! Installs the pinned build and test tools when missing, and reuses them otherwise.
//!
//! Nothing here downloads a prebuilt binary: Rust tools come from crates.io via `cargo install`,
//! wasm-opt and terser from the npm packages `binaryen` and `terser`, the browser and poppler's
//! PDF tools from Debian's apt repository.

use crate::proc;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Trunk version the build is written for (see Trunk.toml).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The npm `binaryen` package providing wasm-opt. Debian's binaryen miscompiles the app.
pub const BINARYEN_VERSION: &str = "132.0.0";
/// The npm `terser` package that minifies wasm-bindgen's JS (Trunk's minifier fails on it).
pub const TERSER_VERSION: &str = "5.51.2";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// From Debian's `poppler-utils`: the print tests read the printed PDF as text.
pub const PDFTOTEXT: &str = "/usr/bin/pdftotext";

/// The tools are ready; children must run with [`Tools::path`] as their `PATH`.
pub struct Tools {
    /// binaryen's bin dir, cargo's bin dir, then the inherited `PATH`: Trunk picks the first
    /// `wasm-opt` and `wasm-bindgen` it finds there.
    pub path: OsString,
    /// The pinned `terser` executable.
    pub terser: PathBuf,
}

impl Tools {
    /// A command for `program` that sees the tool `PATH`.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("PATH", &self.path);
        cmd
    }

    /// `cargo` seeing the tool `PATH`.
    pub fn cargo(&self) -> Command {
        let mut cmd = proc::cargo();
        cmd.env("PATH", &self.path);
        cmd
    }
}

/// Makes sure every tool is installed at the pinned version; `browser` adds Chromium,
/// chromedriver and poppler-utils (the print tests read PDFs). Prints one line per tool.
pub fn ensure(browser: bool) -> Result<Tools, String> {
    let binaryen = NpmTool::new("binaryen", BINARYEN_VERSION)?;
    let (tools, mut apt) = tools_with(&binaryen)?;
    ensure_wasm_target(&tools)?;
    ensure_trunk(&tools)?;
    ensure_wasm_bindgen(&tools)?;
    ensure_binaryen(&tools, &binaryen, &mut apt)?;
    ensure_terser(&tools, &mut apt)?;
    if browser {
        ensure_browser(&mut apt)?;
    }
    Ok(tools)
}

/// Makes sure terser is installed, and nothing else; for the minifier's own tests.
#[cfg(test)]
pub fn ensure_terser_only() -> Result<Tools, String> {
    let (tools, mut apt) = tools_with(&NpmTool::new("binaryen", BINARYEN_VERSION)?)?;
    ensure_terser(&tools, &mut apt)?;
    Ok(tools)
}

fn tools_with(binaryen: &NpmTool) -> Result<(Tools, Apt), String> {
    let mut dirs = vec![binaryen.bin(), cargo_home()?.join("bin")];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(dirs).map_err(|e| format!("cannot build PATH: {e}"))?;
    let terser = NpmTool::new("terser", TERSER_VERSION)?.bin().join("terser");
    Ok((Tools { path, terser }, Apt::default()))
}

fn ensure_wasm_target(tools: &Tools) -> Result<(), String> {
    let installed = || {
        proc::output(tools.command("rustc").args(["--print", "sysroot"])).is_some_and(|sysroot| {
            Path::new(sysroot.trim())
                .join("lib/rustlib")
                .join(WASM_TARGET)
                .join("lib")
                .is_dir()
        })
    };
    if installed() {
        let rustc = second_word(tools.command("rustc").arg("--version")).unwrap_or_default();
        println!("{WASM_TARGET} target: ok (rustc {rustc})");
        return Ok(());
    }
    println!("{WASM_TARGET} target: installing (rustup target add) ...");
    proc::run(tools.command("rustup").args(["target", "add", WASM_TARGET]))?;
    check(installed(), || {
        format!("the {WASM_TARGET} target is still missing")
    })
}

fn ensure_trunk(tools: &Tools) -> Result<(), String> {
    let version = || second_word(tools.command("trunk").arg("--version"));
    if let Some(found) = version().filter(|v| v == TRUNK_VERSION) {
        println!("trunk: ok ({found})");
        return Ok(());
    }
    println!("trunk: installing {TRUNK_VERSION} (cargo install, takes several minutes) ...");
    proc::run(tools.cargo().args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
        "--force",
    ]))?;
    expect_version("trunk", version(), TRUNK_VERSION)
}

fn ensure_wasm_bindgen(tools: &Tools) -> Result<(), String> {
    let lock = crate::repo_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock)
        .map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    let wanted = locked_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen package (run `cargo generate-lockfile`?)")?;
    let version = || second_word(tools.command("wasm-bindgen").arg("--version"));
    if let Some(found) = version().filter(|v| *v == wanted) {
        println!("wasm-bindgen-cli: ok ({found})");
        return Ok(());
    }
    println!("wasm-bindgen-cli: installing {wanted} (cargo install, takes several minutes) ...");
    // Not `--locked`: the crate's published lock file does not build with current toolchains.
    proc::run(tools.cargo().args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))?;
    expect_version("wasm-bindgen", version(), &wanted)
}

fn ensure_binaryen(tools: &Tools, binaryen: &NpmTool, apt: &mut Apt) -> Result<(), String> {
    let major = BINARYEN_VERSION
        .split('.')
        .next()
        .unwrap_or(BINARYEN_VERSION);
    // `wasm-opt version 132 (version_132)`
    let version = || {
        proc::output(
            tools
                .command(binaryen.bin().join("wasm-opt"))
                .arg("--version"),
        )
        .and_then(|out| out.split_whitespace().nth(2).map(str::to_owned))
    };
    if let Some(found) = version().filter(|v| v == major) {
        println!("wasm-opt (npm binaryen): ok (version {found})");
        return Ok(());
    }
    println!("wasm-opt (npm binaryen): installing");
    binaryen.install(tools, apt)?;
    expect_version("wasm-opt", version(), major)
}

fn ensure_terser(tools: &Tools, apt: &mut Apt) -> Result<(), String> {
    // `terser 5.51.2`
    let version = || second_word(tools.command(&tools.terser).arg("--version"));
    if let Some(found) = version().filter(|v| v == TERSER_VERSION) {
        println!("terser (npm): ok ({found})");
        return Ok(());
    }
    println!("terser (npm): installing");
    NpmTool::new("terser", TERSER_VERSION)?.install(tools, apt)?;
    expect_version("terser", version(), TERSER_VERSION)
}

/// An npm package at a pinned version, installed into its own directory under the tool cache.
struct NpmTool {
    package: &'static str,
    version: &'static str,
    dir: PathBuf,
}

impl NpmTool {
    fn new(package: &'static str, version: &'static str) -> Result<Self, String> {
        let dir = cache_dir()?.join(format!("{package}-{version}"));
        Ok(Self {
            package,
            version,
            dir,
        })
    }

    /// Where npm puts the package's executables.
    fn bin(&self) -> PathBuf {
        self.dir.join("node_modules").join(".bin")
    }

    /// `npm install PACKAGE@VERSION` into a fresh directory (Debian's npm first if missing).
    fn install(&self, tools: &Tools, apt: &mut Apt) -> Result<(), String> {
        let Self {
            package,
            version,
            dir,
        } = self;
        println!("  npm install {package}@{version} into {}", dir.display());
        if proc::output(tools.command("npm").arg("--version")).is_none() {
            apt.install(&["nodejs", "npm"])?;
        }
        if dir.exists() {
            // A broken or partial install: start over.
            std::fs::remove_dir_all(dir)
                .map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        proc::run(
            tools
                .command("npm")
                .arg("install")
                .arg("--prefix")
                .arg(dir)
                .arg(format!("{package}@{version}"))
                .args(["--no-audit", "--no-fund", "--no-update-notifier"]),
        )
    }
}

fn ensure_browser(apt: &mut Apt) -> Result<(), String> {
    // `Chromium 156.0.8078.79 built on Debian ...`, `ChromeDriver 156.0.8078.79 (...)`
    let version = |program: &str, name: &str| {
        let out = proc::output(Command::new(program).arg("--version"))?;
        out.lines()
            .filter_map(|line| line.trim().strip_prefix(name))
            .find_map(|rest| rest.split_whitespace().next().map(str::to_owned))
    };
    let chromium = || version(CHROMIUM, "Chromium ");
    let driver = || version(CHROMEDRIVER, "ChromeDriver ");
    if chromium().is_none() || driver().is_none() {
        println!(
            "chromium + chromedriver: installing (apt-get install chromium chromium-driver) ..."
        );
        apt.install(&["chromium", "chromium-driver"])?;
    }
    let chromium = chromium().ok_or(format!("{CHROMIUM} --version does not work"))?;
    let driver = driver().ok_or(format!("{CHROMEDRIVER} --version does not work"))?;
    println!("chromium: ok ({chromium})");
    println!("chromedriver: ok ({driver})");
    // `pdftotext -v` prints `pdftotext version 22.12.0` (to stderr).
    let poppler = || {
        let out = Command::new(PDFTOTEXT).arg("-v").output().ok()?;
        let text = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        text.lines().find_map(|l| {
            l.trim()
                .strip_prefix("pdftotext version ")
                .map(str::to_owned)
        })
    };
    if poppler().is_none() {
        println!("poppler-utils: installing (apt-get install poppler-utils) ...");
        apt.install(&["poppler-utils"])?;
    }
    let poppler = poppler().ok_or(format!("{PDFTOTEXT} -v does not work"))?;
    println!("poppler-utils (pdftotext, pdftoppm): ok ({poppler})");
    Ok(())
}

/// Runs `apt-get update` once, before the first install.
#[derive(Default)]
struct Apt {
    updated: bool,
}

impl Apt {
    fn install(&mut self, packages: &[&str]) -> Result<(), String> {
        if !self.updated {
            proc::run(&mut apt_get(&["update"]))?;
            self.updated = true;
        }
        let mut args = vec!["install", "-y"];
        args.extend_from_slice(packages);
        proc::run(&mut apt_get(&args))
    }
}

/// `apt-get ARGS`, non-interactive, through `sudo` when not root.
fn apt_get(args: &[&str]) -> Command {
    let root = proc::output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let mut cmd = if root {
        Command::new("apt-get")
    } else {
        let mut cmd = Command::new("sudo");
        if std::env::var("CI").is_ok_and(|ci| ci == "true") {
            cmd.arg("-n"); // never ask for a password on CI
        }
        cmd.args(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
        cmd
    };
    cmd.env("DEBIAN_FRONTEND", "noninteractive").args(args);
    cmd
}

/// The second word of the command's output: `trunk 0.21.14` → `0.21.14`.
fn second_word(cmd: &mut Command) -> Option<String> {
    proc::output(cmd)?
        .split_whitespace()
        .nth(1)
        .map(str::to_owned)
}

fn expect_version(tool: &str, found: Option<String>, wanted: &str) -> Result<(), String> {
    match found {
        Some(found) if found == wanted => Ok(()),
        Some(found) => Err(format!(
            "{tool} {wanted} was installed but {found} is found first on PATH"
        )),
        None => Err(format!("{tool} was installed but does not run")),
    }
}

fn check(ok: bool, message: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(message())
    }
}

/// The version of `package` in a Cargo.lock (the first one, if there are several).
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line == name_line {
            let version = lines.next()?.strip_prefix("version = \"")?;
            return version.strip_suffix('"').map(str::to_owned);
        }
    }
    None
}

fn cargo_home() -> Result<PathBuf, String> {
    match std::env::var_os("CARGO_HOME") {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => Ok(home()?.join(".cargo")),
    }
}

/// Where downloaded tools live, outside the repository so fresh clones reuse them.
fn cache_dir() -> Result<PathBuf, String> {
    let base = match std::env::var_os("XDG_CACHE_HOME") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => home()?.join(".cache"),
    };
    Ok(base.join("opora-tools"))
}

fn home() -> Result<PathBuf, String> {
    std::env::var_os("HOME")
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| "HOME is not set".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_versions_from_cargo_lock() {
        let lock = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.99"
"#;
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(lock, "wasm-bindgen-backend").as_deref(),
            Some("0.2.99")
        );
        assert_eq!(locked_version(lock, "leptos"), None);
    }

    #[test]
    fn the_workspace_lock_pins_wasm_bindgen() {
        let lock = std::fs::read_to_string(crate::repo_root().join("Cargo.lock")).unwrap();
        assert!(locked_version(&lock, "wasm-bindgen").is_some());
    }
}
