//! `cargo xtask bench`: builds the release app, runs the benchmark (the ignored browser test
//! `bench`), prints its JSON and appends one row to BENCHMARKS.md.

use std::path::Path;

use crate::{dist, proc, repo_root, test, tools};

/// The table's columns, in order; each is a key of the benchmark's JSON except the first two.
const COLUMNS: [&str; 12] = [
    "date",
    "commit",
    "wasm_gz_kib",
    "total_gz_kib",
    "capacity_plans",
    "start_1000_over_0",
    "start_3000_over_0",
    "key_p95_ms_1000",
    "autosave_bytes_1000",
    "import_1000_s",
    "export_1000_s",
    "stats_1000_s",
];

const INTRO: &str = "# Benchmarks\n\n\
Rows appended by `cargo xtask bench` (release build, headless Chromium on the machine that ran \
it; realistic plans from `model::sample`). Ratios and medians within one run; compare rows from \
the same machine. The columns are explained in ARCHITECTURE.md (\"Measuring\").\n\n";

pub fn run() -> Result<(), String> {
    let tools = tools::ensure(true)?;
    let dist = dist::build(&tools)?;
    let root = repo_root();
    let out_dir = root.join("target").join("xtask");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let out = out_dir.join("bench.json");
    let _ = std::fs::remove_file(&out);
    test::run_browser_target(
        &tools,
        &dist,
        &["--ignored", "--exact", "bench::bench", "--nocapture"],
        &[("OPORA_BENCH_OUT", out.as_path())],
    )?;
    let json = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("{json}");
    let commit = proc::output(
        std::process::Command::new("git")
            .args(["rev-parse", "--short", "HEAD"])
            .current_dir(&root),
    )
    .unwrap_or_else(|| "unknown".into());
    let row = table_row(&json, &today(), commit.trim())?;
    append_row(&root.join("BENCHMARKS.md"), &row)?;
    println!("appended to BENCHMARKS.md:\n{row}");
    Ok(())
}

fn today() -> String {
    proc::output(std::process::Command::new("date").arg("+%Y-%m-%d"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// One Markdown table row from the benchmark's JSON.
fn table_row(json: &str, date: &str, commit: &str) -> Result<String, String> {
    let cells: Vec<String> = COLUMNS
        .iter()
        .map(|col| match *col {
            "date" => Ok(date.to_string()),
            "commit" => Ok(commit.to_string()),
            key => json_value(json, key).ok_or_else(|| format!("the result has no `{key}`")),
        })
        .collect::<Result<_, String>>()?;
    Ok(format!("| {} |", cells.join(" | ")))
}

/// The value of a top-level number field of a flat JSON object (the benchmark's output).
fn json_value(json: &str, key: &str) -> Option<String> {
    let at = json.find(&format!("\"{key}\":"))? + key.len() + 3;
    let rest = json[at..].trim_start();
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    Some(rest[..end].trim().to_string())
}

fn append_row(path: &Path, row: &str) -> Result<(), String> {
    let mut text = std::fs::read_to_string(path).unwrap_or_default();
    let header = format!("| {} |", COLUMNS.join(" | "));
    let rule = format!("|{}", " --- |".repeat(COLUMNS.len()));
    if !text.contains("| date |") {
        text = format!("{INTRO}{header}\n{rule}\n");
    } else if !text.contains(&header) {
        // A column was added at the end: the header grows, older rows keep fewer cells.
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        if let Some(i) = lines.iter().position(|l| l.starts_with("| date |")) {
            lines[i] = header;
            if let Some(next) = lines.get_mut(i + 1) {
                *next = rule;
            }
        }
        text = lines.join("\n") + "\n";
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(row);
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_a_row_in_column_order() {
        let json = r#"{"wasm_gz_kib":250.5,"total_gz_kib":290.1,"capacity_plans":1800,
            "start_1000_over_0":1.1,"start_3000_over_0":1.3,"key_p95_ms_1000":2.5,
            "autosave_bytes_1000":3000,"import_1000_s":4.2,"export_1000_s":0.8,
            "stats_1000_s":0.4}"#;
        assert_eq!(
            table_row(json, "2026-11-23", "abc1234").unwrap(),
            "| 2026-11-23 | abc1234 | 250.5 | 290.1 | 1800 | 1.1 | 1.3 | 2.5 | 3000 | 4.2 | 0.8 | 0.4 |"
        );
        assert!(table_row("{}", "d", "c").is_err());
    }

    #[test]
    fn starts_the_table_once() {
        let path = std::env::temp_dir().join(format!("bench-{}.md", std::process::id()));
        let _ = std::fs::remove_file(&path);
        append_row(&path, "| a |").unwrap();
        append_row(&path, "| b |").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches("| date |").count(), 1);
        assert!(text.ends_with("| a |\n| b |\n"));
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_new_column_extends_the_header_and_keeps_the_rows() {
        let path = std::env::temp_dir().join(format!("bench-grow-{}.md", std::process::id()));
        let old = COLUMNS[..COLUMNS.len() - 1].join(" | ");
        let rule = " --- |".repeat(COLUMNS.len() - 1);
        std::fs::write(&path, format!("{INTRO}| {old} |\n|{rule}\n| old row |\n")).unwrap();
        append_row(&path, "| new row |").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(&format!("| {} |\n", COLUMNS.join(" | "))),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "|{}\n| old row |\n| new row |\n",
                " --- |".repeat(COLUMNS.len())
            )),
            "{text}"
        );
        let _ = std::fs::remove_file(&path);
    }
}
