//! The release build: `trunk build --release`, terser on the JS, the Content-Security-Policy,
//! the service worker (its cache list made from the files now in `dist/`), then `.gz` and `.br`
//! copies of every compressible file.

use crate::{csp, minify, proc, sw, tools::Tools};
use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The extensions of the files that get precompressed siblings.
const COMPRESSIBLE: [&str; 7] = ["html", "js", "wasm", "css", "svg", "json", "webmanifest"];

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
    // After everything that changes a file, before precompressing (sw.js gets .gz/.br too).
    sw::write(&dist)?;
    precompress(&dist)?;
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

/// Writes `<file>.gz` (gzip, best) and `<file>.br` (brotli, quality 11) next to every
/// compressible file under `dist`, for servers that send precompressed files.
pub fn precompress(dist: &Path) -> Result<(), String> {
    let started = std::time::Instant::now();
    let mut files = Vec::new();
    collect(dist, dist, &COMPRESSIBLE, &mut files)?;
    let (mut raw, mut br) = (0, 0);
    for (_, path) in &files {
        let bytes = read(path)?;
        let gzip = gzip(&bytes);
        let brotli = brotli(&bytes);
        raw += bytes.len();
        br += brotli.len();
        write(&sibling(path, "gz"), &gzip)?;
        write(&sibling(path, "br"), &brotli)?;
    }
    println!(
        "{}: {} files precompressed (.gz, .br; brotli {} of {}) in {:.1}s",
        dist.display(),
        files.len(),
        kib(br),
        kib(raw),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Prints the raw, gzip and brotli sizes of the wasm, js and css files in `dist` and their
/// totals. The compressed sizes are those of the `.gz` and `.br` siblings when present.
pub fn print_sizes(dist: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    collect(dist, dist, &["wasm", "js", "css"], &mut files)?;
    files.sort();
    let width = files.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let mut totals = [0; 3];
    println!(
        "{:<width$}  {:>10}  {:>10}  {:>10}",
        "file", "size", "gzip", "brotli"
    );
    for (name, path) in &files {
        let bytes = read(path)?;
        let sizes = [
            bytes.len(),
            compressed_len(path, "gz", || gzip(&bytes).len()),
            compressed_len(path, "br", || brotli(&bytes).len()),
        ];
        for (total, size) in totals.iter_mut().zip(sizes) {
            *total += size;
        }
        let [raw, gz, br] = sizes.map(kib);
        println!("{name:<width$}  {raw:>10}  {gz:>10}  {br:>10}");
    }
    let [raw, gz, br] = totals.map(kib);
    println!("{:<width$}  {raw:>10}  {gz:>10}  {br:>10}", "total");
    Ok(())
}

/// Every file under `dir` with one of `extensions`, named relative to `base`.
fn collect(
    base: &Path,
    dir: &Path,
    extensions: &[&str],
    out: &mut Vec<(String, PathBuf)>,
) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            collect(base, &path, extensions, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|ext| extensions.contains(&ext))
        {
            let name = path.strip_prefix(base).unwrap_or(&path);
            out.push((name.display().to_string(), path));
        }
    }
    Ok(())
}

/// `path` with `.ext` appended: `app.js` → `app.js.br`.
fn sibling(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// The size of the `.ext` sibling of `path`, or `compute()` when there is none.
fn compressed_len(path: &Path, ext: &str, compute: impl FnOnce() -> usize) -> usize {
    match std::fs::metadata(sibling(path, ext)) {
        Ok(meta) => meta.len() as usize,
        Err(_) => compute(),
    }
}

/// `bytes` gzipped at the best compression level.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("writing to a Vec cannot fail")
}

/// `bytes` compressed with brotli at quality 11 (the best), window 2^22 bytes.
fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, 11, 22);
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.flush())
        .expect("writing to a Vec cannot fail");
    encoder.into_inner()
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_and_brotli_shrink_repetitive_data() {
        let data = vec![b'a'; 100_000];
        for len in [gzip(&data).len(), brotli(&data).len()] {
            assert!(len > 0 && len < 1_000, "{len}");
        }
    }

    #[test]
    fn compressed_copies_decompress_to_the_original() {
        use std::io::Read;
        let data: Vec<u8> = (0..50_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&gzip(&data)[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, data);
        out.clear();
        brotli::Decompressor::new(&brotli(&data)[..], 4096)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, data);
    }

    #[test]
    fn precompresses_compressible_files_only() {
        let dir = std::env::temp_dir().join(format!("xtask-dist-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        let text = "body { color: black; }\n".repeat(100);
        for name in [
            "index.html",
            "a-0123456789abcdef.js",
            "assets/x.svg",
            "m.webmanifest",
        ] {
            std::fs::write(dir.join(name), &text).unwrap();
        }
        std::fs::write(dir.join("photo.png"), &text).unwrap();
        precompress(&dir).unwrap();
        for name in [
            "index.html",
            "a-0123456789abcdef.js",
            "assets/x.svg",
            "m.webmanifest",
        ] {
            for ext in ["gz", "br"] {
                let len = std::fs::metadata(dir.join(format!("{name}.{ext}")))
                    .map(|m| m.len() as usize)
                    .unwrap_or_else(|e| panic!("{name}.{ext}: {e}"));
                assert!(len < text.len() / 10, "{name}.{ext}: {len}");
            }
        }
        assert!(!dir.join("photo.png.gz").exists());
        // Sizes are reported for the originals only, never for the compressed copies.
        let mut listed = Vec::new();
        collect(&dir, &dir, &["wasm", "js", "css"], &mut listed).unwrap();
        let names: Vec<_> = listed.into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["a-0123456789abcdef.js"]);
        print_sizes(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn formats_kib() {
        assert_eq!(kib(0), "0.0 KiB");
        assert_eq!(kib(1536), "1.5 KiB");
    }
}
