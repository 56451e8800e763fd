//! The release build: `trunk build --release`, terser on the JS, then the
//! Content-Security-Policy.

use crate::{csp, minify, proc, tools::Tools};
use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Builds the release app into `dist/` and returns its absolute path.
pub fn build(tools: &Tools) -> Result<PathBuf, String> {
    let root = crate::repo_root();
    // Trunk.toml's `offline = true` makes Trunk run `cargo build --offline`, so download the
    // crates first (a no-op when they are already in cargo's cache).
    proc::run(tools.cargo().arg("fetch").current_dir(&root))?;
    proc::run(
        tools
            .command("trunk")
            .args(["build", "--release"])
            .current_dir(&root),
    )?;
    let dist = root.join("dist");
    minify::minify_js(tools, &dist)?;
    add_csp(&dist.join("index.html"))?;
    Ok(dist)
}

/// Adds the Content-Security-Policy `<meta>` to the built `index.html`.
pub fn add_csp(index: &Path) -> Result<(), String> {
    let html = std::fs::read_to_string(index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let (html, scripts) = csp::add_csp(&html).map_err(|e| format!("{}: {e}", index.display()))?;
    std::fs::write(index, html).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    println!(
        "{}: Content-Security-Policy added ({scripts} inline script{} allowed by hash)",
        index.display(),
        if scripts == 1 { "" } else { "s" }
    );
    Ok(())
}

/// Prints the raw and gzip sizes of the wasm, js and css files in `dist` and the gzip total.
pub fn print_sizes(dist: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    collect(dist, dist, &mut files)?;
    files.sort();
    let width = files.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let (mut raw_total, mut gzip_total) = (0, 0);
    println!("{:<width$}  {:>10}  {:>10}", "file", "size", "gzip");
    for (name, path) in &files {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let gzip = gzip_len(&bytes);
        raw_total += bytes.len();
        gzip_total += gzip;
        println!(
            "{name:<width$}  {:>10}  {:>10}",
            kib(bytes.len()),
            kib(gzip)
        );
    }
    println!(
        "{:<width$}  {:>10}  {:>10}",
        "total",
        kib(raw_total),
        kib(gzip_total)
    );
    Ok(())
}

/// Every wasm, js and css file under `dir`, named relative to `base`.
fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            collect(base, &path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("wasm" | "js" | "css")
        ) {
            let name = path.strip_prefix(base).unwrap_or(&path);
            out.push((name.display().to_string(), path));
        }
    }
    Ok(())
}

/// The size of `bytes` gzipped at the best compression level.
fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_or(0, |gz| gz.len())
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_data() {
        let data = vec![b'a'; 100_000];
        let len = gzip_len(&data);
        assert!(len > 0 && len < 1_000, "{len}");
    }

    #[test]
    fn formats_kib() {
        assert_eq!(kib(0), "0.0 KiB");
        assert_eq!(kib(1536), "1.5 KiB");
    }
}
