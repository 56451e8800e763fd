//! Runs chromedriver for the browser tests and cleans up after it.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running chromedriver; dropping it stops chromedriver and every browser it started.
pub struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    /// Starts `chromedriver` on a free loopback port, logging to `log`, and waits until it
    /// answers `/status`.
    pub fn start(program: &str, log: &Path) -> Result<Self, String> {
        let port = free_port()?;
        let log_file =
            File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let log_err = log_file
            .try_clone()
            .map_err(|e| format!("cannot open {}: {e}", log.display()))?;
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(log_err)
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        let mut driver = ChromeDriver { child, port };
        driver.wait_ready(log)?;
        Ok(driver)
    }

    /// The WebDriver URL, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn wait_ready(&mut self, log: &Path) -> Result<(), String> {
        let started = Instant::now();
        loop {
            if status_ok(self.port) {
                return Ok(());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "chromedriver exited ({status}); see {}",
                    log.display()
                ));
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(format!(
                    "chromedriver did not answer /status within {}s; see {}",
                    START_TIMEOUT.as_secs(),
                    log.display()
                ));
            }
            thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // Browsers left behind by a failed test are chromedriver's descendants: find them first,
        // since they are re-parented once chromedriver is gone.
        let browsers = descendants(self.child.id());
        signal("TERM", &browsers);
        let _ = self.child.kill();
        let _ = self.child.wait();
        let deadline = Instant::now() + Duration::from_secs(3);
        while browsers.iter().any(|&pid| alive(pid)) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(100));
        }
        let survivors: Vec<u32> = browsers.into_iter().filter(|&pid| alive(pid)).collect();
        signal("KILL", &survivors);
    }
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> Result<u16, String> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|e| format!("cannot find a free port: {e}"))
}

/// Whether `GET /status` answers 200.
fn status_ok(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    response.starts_with(b"HTTP/1.1 200") || response.starts_with(b"HTTP/1.0 200")
}

/// Sends `signal` to `pids` (the shell's `kill` builtin: no extra crate, always there).
fn signal(signal: &str, pids: &[u32]) {
    if pids.is_empty() {
        return;
    }
    let _ = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -{signal} \"$@\" 2>/dev/null"))
        .arg("sh")
        .args(pids.iter().map(u32::to_string))
        .stdin(Stdio::null())
        .status();
}

/// All descendants of `root` (Linux: from /proc; elsewhere none are found).
fn descendants(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for (pid, ppid, _) in processes() {
        children.entry(ppid).or_default().push(pid);
    }
    let mut found = Vec::new();
    let mut queue = vec![root];
    while let Some(pid) = queue.pop() {
        for &child in children.get(&pid).into_iter().flatten() {
            found.push(child);
            queue.push(child);
        }
    }
    found
}

/// Whether `pid` still runs (a zombie waiting to be reaped does not count).
fn alive(pid: u32) -> bool {
    stat(pid).is_some_and(|(_, _, state)| state != 'Z' && state != 'X')
}

/// `(pid, ppid, state)` of every process.
fn processes() -> Vec<(u32, u32, char)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .filter_map(stat)
        .collect()
}

/// Parses `/proc/PID/stat`: `pid (comm) state ppid ...`; comm may contain spaces and parens.
fn stat(pid: u32) -> Option<(u32, u32, char)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_stat(&text)
}

fn parse_stat(text: &str) -> Option<(u32, u32, char)> {
    let pid = text.split_whitespace().next()?.parse().ok()?;
    let mut rest = text[text.rfind(')')? + 1..].split_whitespace();
    let state = rest.next()?.chars().next()?;
    let ppid = rest.next()?.parse().ok()?;
    Some((pid, ppid, state))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proc_stat() {
        assert_eq!(
            parse_stat("4242 (chrome (x) y) S 4200 4242 1 0 -1"),
            Some((4242, 4200, 'S'))
        );
        assert_eq!(parse_stat("garbage"), None);
    }

    #[test]
    fn finds_and_stops_descendants() {
        if !Path::new("/proc/self/stat").exists() {
            return;
        }
        let mut child = Command::new("sh")
            .args(["-c", "sleep 30 & sleep 30 & wait"])
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let mut found = Vec::new();
        while found.len() < 2 && started.elapsed() < Duration::from_secs(5) {
            thread::sleep(Duration::from_millis(20));
            found = descendants(child.id());
        }
        assert_eq!(found.len(), 2, "{found:?}");
        signal("KILL", &found);
        let _ = child.wait();
        let deadline = Instant::now() + Duration::from_secs(5);
        while found.iter().any(|&pid| alive(pid)) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(20));
        }
        assert!(!found.iter().any(|&pid| alive(pid)));
    }
}
