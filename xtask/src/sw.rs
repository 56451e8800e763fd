//! The service worker: `dist/sw.js` from the template `assets/sw.js`, with the list of every
//! file the build emitted (to cache on install) and a version made from their names and
//! contents (the cache's name). Run after the JS is minified and the CSP added (they change
//! `index.html` and the JS) and before precompressing, so `sw.js` gets its `.gz`/`.br` too.

use sha2::{Digest, Sha256};
use std::path::Path;

/// The worker's source, with `{{VERSION}}` and `{{FILES}}` to fill in.
const TEMPLATE: &str = include_str!("../../assets/sw.js");
/// The worker's file name in `dist/` (the app registers `./sw.js`).
pub const FILE: &str = "sw.js";
/// Hex digits of the build hash kept in the version.
const VERSION_LEN: usize = 16;

/// Writes `dist/sw.js` and returns the build version it caches under.
pub fn write(dist: &Path) -> Result<String, String> {
    let files = precache_list(dist)?;
    let version = build_version(dist, &files)?;
    let js = render(&version, &files);
    let path = dist.join(FILE);
    std::fs::write(&path, js).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "{}: service worker caches {} files as version {version}",
        path.display(),
        files.len()
    );
    Ok(version)
}

/// Every file under `dist` as a URL relative to `sw.js` (`./index.html`, `./icons/a.png`),
/// sorted; not `sw.js` itself, not the precompressed `.gz`/`.br` copies (the browser asks for
/// the original name and the server picks the encoding), not hidden files.
pub fn precache_list(dist: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    walk(dist, "", &mut files)?;
    files.retain(|name| {
        name != FILE
            && !name.ends_with(".gz")
            && !name.ends_with(".br")
            && !name.split('/').any(|part| part.starts_with('.'))
    });
    files.sort();
    Ok(files.into_iter().map(|name| format!("./{name}")).collect())
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() {
            walk(&path, &format!("{prefix}{name}/"), out)?;
        } else {
            out.push(format!("{prefix}{name}"));
        }
    }
    Ok(())
}

/// The first hex digits of a sha256 over each listed file's name and contents: any change to
/// what the worker caches gives a new version, and so a new cache and an update.
pub fn build_version(dist: &Path, files: &[String]) -> Result<String, String> {
    let mut hash = Sha256::new();
    for url in files {
        let name = url.trim_start_matches("./");
        let path = dist.join(name);
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        hash.update((name.len() as u64).to_le_bytes());
        hash.update(name.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    let digest = hash.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(hex[..VERSION_LEN].to_string())
}

/// The template with the version and the file list (a JSON array of strings) filled in.
pub fn render(version: &str, files: &[String]) -> String {
    let list = files
        .iter()
        .map(|f| json_string(f))
        .collect::<Vec<_>>()
        .join(", ");
    TEMPLATE
        .replace("{{VERSION}}", version)
        .replace("{{FILES}}", &format!("[{list}]"))
}

/// `s` as a JSON string literal (file names here are plain, but never trust that).
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A dist directory as the build leaves it before precompressing, plus the leftovers of an
    /// earlier run (an old `sw.js`, compressed copies) that must not be listed.
    fn dist(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-sw-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("icons")).unwrap();
        for (file, text) in [
            ("index.html", "<!doctype html>"),
            ("index.html.gz", "gz"),
            ("index.html.br", "br"),
            ("opora-0123456789abcdef.js", "export default 1;"),
            ("opora-0123456789abcdef_bg.wasm", "\0asm"),
            ("main-fedcba9876543210.css", "body{}"),
            ("favicon.svg", "<svg/>"),
            ("manifest.webmanifest", "{}"),
            ("icons/icon-192.png", "png"),
            ("sw.js", "old worker"),
            ("sw.js.br", "old"),
            (".DS_Store", "junk"),
        ] {
            std::fs::write(dir.join(file), text).unwrap();
        }
        dir
    }

    #[test]
    fn lists_every_emitted_file_relative_and_sorted() {
        let dir = dist("list");
        let files = precache_list(&dir).unwrap();
        assert_eq!(
            files,
            [
                "./favicon.svg",
                "./icons/icon-192.png",
                "./index.html",
                "./main-fedcba9876543210.css",
                "./manifest.webmanifest",
                "./opora-0123456789abcdef.js",
                "./opora-0123456789abcdef_bg.wasm",
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_version_follows_names_and_contents() {
        let dir = dist("version");
        let files = precache_list(&dir).unwrap();
        let v1 = build_version(&dir, &files).unwrap();
        assert_eq!(v1.len(), VERSION_LEN);
        assert!(v1.bytes().all(|b| b.is_ascii_hexdigit()), "{v1}");
        // The same build gives the same version; leftovers that are not cached do not count.
        std::fs::write(dir.join("sw.js"), "another old worker").unwrap();
        std::fs::write(dir.join("index.html.gz"), "other gz").unwrap();
        assert_eq!(
            build_version(&dir, &precache_list(&dir).unwrap()).unwrap(),
            v1
        );
        // A changed file, a new file, a renamed file: each a new version.
        std::fs::write(dir.join("index.html"), "<!doctype html><p>").unwrap();
        let v2 = build_version(&dir, &precache_list(&dir).unwrap()).unwrap();
        assert_ne!(v2, v1);
        std::fs::write(dir.join("icons/icon-512.png"), "png").unwrap();
        let v3 = build_version(&dir, &precache_list(&dir).unwrap()).unwrap();
        assert_ne!(v3, v2);
        std::fs::rename(
            dir.join("icons/icon-512.png"),
            dir.join("icons/icon-51.png"),
        )
        .unwrap();
        let v4 = build_version(&dir, &precache_list(&dir).unwrap()).unwrap();
        assert_ne!(v4, v3);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn writes_the_worker_with_its_list_and_version() {
        let dir = dist("write");
        let version = write(&dir).unwrap();
        let js = std::fs::read_to_string(dir.join("sw.js")).unwrap();
        assert!(!js.contains("{{"), "a placeholder is left:\n{js}");
        assert!(
            js.contains(&format!("const VERSION = \"{version}\";")),
            "{js}"
        );
        let line = js
            .lines()
            .find(|l| l.starts_with("const FILES = "))
            .expect("the file list");
        let list = line
            .trim_start_matches("const FILES = ")
            .trim_end_matches(';');
        let parsed: Vec<String> = list
            .trim_matches(['[', ']'])
            .split(", ")
            .map(|s| s.trim_matches('"').to_string())
            .collect();
        assert_eq!(parsed, precache_list(&dir).unwrap());
        // Written again over its own output: the same worker (sw.js is not in its own list).
        assert_eq!(write(&dir).unwrap(), version);
        // The template's promises: addresses relative to the worker, skipWaiting only when asked.
        assert!(js.contains("new URL(\"index.html\", self.location)"));
        assert_eq!(js.matches("skipWaiting()").count(), 1, "only on request");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn escapes_names_as_json() {
        assert_eq!(json_string("./a b.js"), "\"./a b.js\"");
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
    }
}
