//! Build and test tasks for Opora, run as `cargo xtask <command>`.
//!
//! * `cargo xtask run [--port N]` — build the release app and serve it on 127.0.0.1.
//! * `cargo xtask dist` — build the release app into `dist/` (JS minified, CSP added, `.gz` and
//!   `.br` copies of every compressible file) and print its gzip and brotli sizes.
//! * `cargo xtask test` — formatting, lints, native tests, release build and browser tests.
//! * `cargo xtask bench` — the benchmark: JSON on stdout, one more row in BENCHMARKS.md.
//! * `xtask serve-dir DIR --port N --prefix /opora/` (not in the usage) — a server the browser
//!   tests start, stop and restart themselves (`OPORA_SERVE`).

mod bench;
mod csp;
mod dist;
mod driver;
mod minify;
mod proc;
mod serve;
mod sw;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run [--port N]   build the release app and serve it on http://127.0.0.1:N/ (default 8080,
                   or the next free port), precompressed and with cache headers
  dist             build the release app into dist/ (with .gz/.br copies of each file) and
                   print the gzip and brotli sizes
  test             run every check and test (fmt, clippy, native tests, dist, browser tests)
  e2e [FILTER]     build the release app and run only the browser tests (whose name has FILTER)
  bench            build the release app, measure it with a realistic caseload in headless
                   Chromium, print JSON and append a row to BENCHMARKS.md
";

/// The default port of `cargo xtask run`.
const DEFAULT_PORT: u16 = 8080;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Ok(ExitCode::FAILURE);
    };
    match command.as_str() {
        "run" => run(parse_port(rest)?).map(|()| ExitCode::SUCCESS),
        "dist" => {
            no_more_args(rest)?;
            let tools = tools::ensure(false)?;
            let dist = dist::build(&tools)?;
            dist::print_sizes(&dist)?;
            Ok(ExitCode::SUCCESS)
        }
        "test" => {
            no_more_args(rest)?;
            Ok(test::run_all())
        }
        "e2e" => test::run_e2e(rest.first().map(String::as_str)),
        "bench" => {
            no_more_args(rest)?;
            bench::run().map(|()| ExitCode::SUCCESS)
        }
        // Not in the usage: for browser tests that stop and restart their own server
        // (`OPORA_SERVE`, see test.rs).
        "serve-dir" => serve_dir(&ServeDirArgs::parse(rest)?).map(|()| ExitCode::SUCCESS),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

fn run(port: u16) -> Result<(), String> {
    let tools = tools::ensure(false)?;
    let dist = dist::build(&tools)?;
    let listener = serve::bind(port).map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("cannot read the server address: {e}"))?
        .port();
    println!("Opora is running at http://127.0.0.1:{port}/ (press Ctrl-C to stop)");
    serve::serve(listener, dist);
    Ok(())
}

/// `serve-dir DIR [--port N] [--prefix /opora/]`: serve DIR at exactly port N (0: any free
/// port) below the prefix, print `serving at <url>` on one line, and run until killed.
#[derive(Debug, PartialEq)]
struct ServeDirArgs {
    dir: PathBuf,
    port: u16,
    prefix: String,
}

impl ServeDirArgs {
    fn parse(args: &[String]) -> Result<Self, String> {
        let (mut dir, mut port, mut prefix) = (None, 0, String::from("/"));
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--port" => {
                    let value = iter.next().ok_or("--port needs a value")?;
                    port = value
                        .parse()
                        .map_err(|_| format!("invalid port `{value}`"))?;
                }
                "--prefix" => prefix = iter.next().ok_or("--prefix needs a value")?.clone(),
                other if dir.is_none() && !other.starts_with('-') => dir = Some(other.into()),
                other => return Err(format!("serve-dir: unexpected argument `{other}`")),
            }
        }
        Ok(Self {
            dir: dir.ok_or("serve-dir needs a directory")?,
            port,
            prefix,
        })
    }
}

fn serve_dir(args: &ServeDirArgs) -> Result<(), String> {
    use std::io::Write;
    let listener = std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, args.port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", args.port))?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("cannot read the server address: {e}"))?
        .port();
    let prefix = serve::normalize_prefix(&args.prefix);
    println!("serving at http://127.0.0.1:{port}{prefix}/");
    let _ = std::io::stdout().flush();
    serve::serve_at(listener, args.dir.clone(), &prefix);
    Ok(())
}

fn parse_port(args: &[String]) -> Result<u16, String> {
    let mut port = DEFAULT_PORT;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = if arg == "--port" {
            iter.next().ok_or("--port needs a value")?.as_str()
        } else if let Some(value) = arg.strip_prefix("--port=") {
            value
        } else {
            return Err(format!("unexpected argument `{arg}`\n\n{USAGE}"));
        };
        port = value
            .parse()
            .map_err(|_| format!("invalid port `{value}`"))?;
    }
    Ok(port)
}

fn no_more_args(args: &[String]) -> Result<(), String> {
    match args.first() {
        Some(arg) => Err(format!("unexpected argument `{arg}`\n\n{USAGE}")),
        None => Ok(()),
    }
}

/// The workspace root (the parent of `xtask/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_ports() {
        assert_eq!(parse_port(&[]), Ok(DEFAULT_PORT));
        assert_eq!(parse_port(&strings(&["--port", "3000"])), Ok(3000));
        assert_eq!(parse_port(&strings(&["--port=3001"])), Ok(3001));
        assert!(parse_port(&strings(&["--port"])).is_err());
        assert!(parse_port(&strings(&["--port", "x"])).is_err());
        assert!(parse_port(&strings(&["--verbose"])).is_err());
    }

    #[test]
    fn parses_serve_dir_arguments() {
        let args = ServeDirArgs::parse(&strings(&["d", "--port", "4000", "--prefix", "/o/"]));
        assert_eq!(
            args,
            Ok(ServeDirArgs {
                dir: "d".into(),
                port: 4000,
                prefix: "/o/".into()
            })
        );
        let args = ServeDirArgs::parse(&strings(&["d"])).unwrap();
        assert_eq!((args.port, args.prefix.as_str()), (0, "/"));
        assert!(ServeDirArgs::parse(&[]).is_err());
        assert!(ServeDirArgs::parse(&strings(&["d", "e"])).is_err());
        assert!(ServeDirArgs::parse(&strings(&["d", "--port"])).is_err());
    }

    #[test]
    fn repo_root_holds_the_workspace_manifest() {
        assert!(repo_root().join("Cargo.toml").is_file());
        assert!(repo_root().join("xtask").is_dir());
    }
}
