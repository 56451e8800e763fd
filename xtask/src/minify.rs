//! Minifies wasm-bindgen's JS in `dist/` with terser, then fixes the subresource-integrity
//! hashes Trunk wrote for it into `index.html`.
//!
//! Trunk's own minifier fails on that file (`export ... as default`), so Trunk ships it as is.

use crate::{proc, tools::Tools};
use base64::Engine as _;
use sha2::{Digest, Sha384};
use std::path::{Path, PathBuf};

/// Minifies every `.js` file at the top of `dist` in place (an ES module each: exports are kept)
/// and updates every reference to its old `sha384-…` hash in `dist/index.html`.
pub fn minify_js(tools: &Tools, dist: &Path) -> Result<(), String> {
    let index = dist.join("index.html");
    let mut html = read_text(&index)?;
    for js in js_files(dist)? {
        let before = read(&js)?;
        let minified = js.with_extension("min.js.tmp");
        // `--module`: strict ES module, top-level names mangled, exported names kept.
        proc::run(
            tools
                .command(&tools.terser)
                .arg(&js)
                .args(["--module", "--compress", "--mangle", "--output"])
                .arg(&minified),
        )
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&minified);
        })?;
        std::fs::rename(&minified, &js)
            .map_err(|e| format!("cannot replace {}: {e}", js.display()))?;
        let after = read(&js)?;
        let (updated, references) = update_integrity(&html, &before, &after);
        html = updated;
        println!(
            "{}: minified {} -> {} bytes, {references} integrity reference{} updated",
            js.display(),
            before.len(),
            after.len(),
            if references == 1 { "" } else { "s" }
        );
    }
    std::fs::write(&index, html).map_err(|e| format!("cannot write {}: {e}", index.display()))
}

/// The `.js` files directly in `dir`, sorted.
fn js_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "js") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The subresource-integrity value of `bytes`: `sha384-<base64>`.
pub fn sri_sha384(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Replaces every occurrence of the integrity value of `before` in `html` with that of `after`;
/// returns the new HTML and how many were replaced.
pub fn update_integrity(html: &str, before: &[u8], after: &[u8]) -> (String, usize) {
    let (old, new) = (sri_sha384(before), sri_sha384(after));
    (html.replace(&old, &new), html.matches(&old).count())
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_matches_openssl() {
        // `printf 'alert(1);' | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            sri_sha384(b"alert(1);"),
            "sha384-dnux3uAPxaf+IhCrFG1D/XVNzP1XLDNcn3Pe3jyxouEAoot5kfwC5u8rMwNhE5oi"
        );
    }

    #[test]
    fn replaces_only_the_old_hash() {
        let html = format!(
            "<link rel=modulepreload href=/a.js integrity={}><link href=/b.css integrity=\"{}\">",
            sri_sha384(b"a"),
            sri_sha384(b"b")
        );
        let (out, count) = update_integrity(&html, b"a", b"A");
        assert_eq!(count, 1);
        assert!(out.contains(&format!("integrity={}>", sri_sha384(b"A"))));
        assert!(out.contains(&sri_sha384(b"b")));
        assert!(!out.contains(&sri_sha384(b"a")));
    }

    /// Runs the pinned terser (installed when missing) on a wasm-bindgen-like module.
    #[test]
    fn minifies_a_module_and_fixes_its_integrity() {
        let tools = crate::tools::ensure_terser_only().expect("terser");
        let dir = std::env::temp_dir().join(format!("xtask-minify-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let js = "let wasm;\n\
            /**\n * Adds two numbers.\n * @param {number} left\n * @returns {number}\n */\n\
            export function add_numbers(left, right) {\n    const result = left + right;\n    \
            return result;\n}\n\
            export class Counter {\n    constructor() {\n        this.current_value = 0;\n    }\n    \
            increment() {\n        this.current_value += 1;\n        return this.current_value;\n    }\n}\n\
            function initialise_everything(module_or_path) {\n    \
            wasm = module_or_path;\n    return wasm;\n}\n\
            export { initialise_everything as default };\n";
        let name = "app-0123456789abcdef.js";
        std::fs::write(dir.join(name), js).unwrap();
        let html = format!(
            "<script type=module>import init from '/{name}';</script>\
             <link crossorigin href=/{name} integrity={} rel=modulepreload>",
            sri_sha384(js.as_bytes())
        );
        std::fs::write(dir.join("index.html"), &html).unwrap();

        minify_js(&tools, &dir).unwrap();

        let minified = std::fs::read(dir.join(name)).unwrap();
        assert!(minified.len() < js.len() / 2, "{} bytes", minified.len());
        let text = String::from_utf8(minified.clone()).unwrap();
        for kept in ["add_numbers", "Counter", "default", "current_value"] {
            assert!(text.contains(kept), "{kept} missing from {text}");
        }
        let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert_eq!(
            index,
            html.replace(&sri_sha384(js.as_bytes()), &sri_sha384(&minified))
        );
        assert!(index.contains(&format!("integrity={} ", sri_sha384(&minified))));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
