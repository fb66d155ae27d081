//! The app's start-up time and memory: the app side of `make bench` (issue #8).
//!
//! **What is measured.** Cold start of the release binary (a new process each run; the disk cache
//! is warm after the first run) to a usable home screen: from the moment the app process starts
//! to the first frame in which the home screen shows the company name
//! (`[data-testid="company-name"]` has text). Two cases, `SONAE_BENCH_RUNS` runs each (default 5),
//! median and maximum:
//! - *default*: a fresh user with no settings, so the app creates its default company file from
//!   the built-in template on first start (what a new user sees);
//! - *large*: a copy of the large company file (10,000 incidents, 100,000 timeline entries, 5,000
//!   contacts; `SONAE_BENCH_LARGE_FILE`, made by `cargo run -p sonae-core --example large_file`)
//!   given on the command line, as `sonae FILE`;
//! - *default with compositing*: the first case with `WEBKIT_DISABLE_COMPOSITING_MODE=0`, which
//!   turns WebKit's accelerated compositing back on (the app turns it off unless told otherwise),
//!   to show what it would cost in memory (on Mesa's software GL under Xvfb).
//!
//! **How.** The app is started the way the end-to-end tests start it: tauri-driver and
//! WebKitWebDriver under Xvfb, with its own user data directories. No test-only command is added
//! to the app. Right after the WebDriver session opens, an asynchronous script in the page waits
//! (MutationObserver) for the company name to get text, then for the next animation frame, and
//! returns the page's clock (`Date.now()`, the same wall clock as ours). The app process's own
//! start is read from `/proc/PID/stat` (start time in clock ticks since boot, 10 ms resolution)
//! and put on the same clock through `/proc/uptime`. So "from process start" = frame with the name
//! − app process start; "from request" also includes tauri-driver and WebKitWebDriver spawning the
//! app. Both are upper bounds: if the name was on screen before the script could run (WebDriver
//! runs scripts only once the page has loaded), the script's first look is what is counted.
//!
//! **Memory.** While each run is up (and for `SETTLE` after the home screen shows) the resident
//! set (VmRSS) of the app process and all its descendants (WebKitWebProcess, WebKitNetworkProcess,
//! …) is summed every 50 ms from `/proc`; the peak of that sum is reported, with the per-process
//! peaks (VmHWM) and the proportional set size (PSS, shared library pages divided between the
//! processes) at the end. RSS sums count shared pages once per process, so they overstate what the
//! app costs the machine; PSS is the fairer figure and is shown beside it.
//!
//! Run by `make bench` (`make bench-app`), which builds the release binary and the large file and
//! passes `SONAE_BENCH_APP`; without it (as in `make test`, which runs every ignored test) it does
//! nothing.
//!
//! Linux only (it reads `/proc` and ends processes with `kill`): `main.rs` compiles this module
//! on Linux alone and, elsewhere, a test of the same name that says so and returns.

use std::collections::HashMap;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use thirtyfour::prelude::*;

use crate::harness::Home;

/// How long memory keeps being sampled after the home screen shows (the open-time backup and the
/// first queries run then).
const SETTLE: Duration = Duration::from_millis(1500);
/// Clock ticks per second of /proc/PID/stat start times (USER_HZ, 100 on Linux).
const TICKS_PER_SECOND: f64 = 100.0;

/// Waits for the company name to have text, then for the next frame, and returns the page's
/// clock then, the name and whether it was already there at the first look.
const WAIT_FOR_HOME: &str = r#"
const done = arguments[arguments.length - 1];
let first = true;
function shown() {
  const el = document.querySelector('[data-testid="company-name"]');
  const text = el ? el.textContent.trim() : '';
  if (!text) { first = false; return false; }
  const already = first;
  requestAnimationFrame(() => done({ at: Date.now(), name: text, already }));
  return true;
}
if (!shown()) {
  const observer = new MutationObserver(() => { if (shown()) observer.disconnect(); });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}
"#;

#[tokio::test]
#[ignore = "a benchmark: run by `make bench` (release build, Xvfb, tauri-driver)"]
async fn startup_time_and_memory() {
    // `make test` runs every ignored test; this one only measures when `make bench` asks for it.
    let Some(app) = std::env::var_os("SONAE_BENCH_APP").map(PathBuf::from) else {
        eprintln!("startup benchmark skipped: SONAE_BENCH_APP (the release binary) is not set; run `make bench-app`");
        return;
    };
    let runs: usize = std::env::var("SONAE_BENCH_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(5);
    let size = std::fs::metadata(&app).expect("the app binary").len();
    println!("app binary {}: {:.1} MB ({size} bytes)", app.display(), size as f64 / 1e6);

    const WITH_COMPOSITING: &[(&str, &str)] = &[("WEBKIT_DISABLE_COMPOSITING_MODE", "0")];
    /// What is measured, which file the app opens, and the environment it starts with.
    type Case<'a> = (&'a str, Option<PathBuf>, &'a [(&'a str, &'a str)]);
    let mut cases: Vec<Case> = vec![("default company file (first start)", None, &[])];
    match std::env::var_os("SONAE_BENCH_LARGE_FILE") {
        Some(large) => cases.push(("large company file", Some(PathBuf::from(large)), &[])),
        None => println!("SONAE_BENCH_LARGE_FILE is not set: the large-file case is left out"),
    }
    // What the app saves by turning WebKit's accelerated compositing off (under Xvfb it runs on
    // Mesa's software GL, libLLVM mapped in each process): the same start with it on.
    cases.push(("default company file, WEBKIT_DISABLE_COMPOSITING_MODE=0 (compositing on)", None, WITH_COMPOSITING));

    for (case, source, env) in cases {
        let mut measured = Vec::new();
        for run in 0..runs {
            let home = Home::new();
            let file = source.as_ref().map(|source| {
                let copy = home.path("large.sonae");
                std::fs::copy(source, &copy).expect("copy of the large file");
                copy
            });
            let m = measure(&app, &home, file.as_deref(), env).await;
            eprintln!(
                "  {case} run {}: {:.0} ms from process start ({:.0} ms from request{}), peak RSS {:.0} MB, PSS {:.0} MB",
                run + 1,
                m.from_process_start_ms,
                m.from_request_ms,
                if m.already_shown { ", name already shown at first look" } else { "" },
                mb(m.peak_rss_kb),
                mb(m.pss_kb)
            );
            measured.push(m);
        }
        report(case, &measured);
    }
    engine_floor().await;
}

/// WebKitGTK's own browser (MiniBrowser, shipped with libwebkit2gtk-4.1) showing an empty page,
/// drawn the way Sonae draws (no compositing): the memory any app on this engine starts from.
async fn engine_floor() {
    let browser = Path::new("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser");
    if !browser.exists() {
        println!("{} is not installed: the engine's own figure is left out", browser.display());
        return;
    }
    let home = Home::new();
    let mut child = Command::new(browser)
        .arg("about:blank")
        .env("XDG_DATA_HOME", home.path("data"))
        .env("XDG_CONFIG_HOME", home.path("config"))
        .env("XDG_CACHE_HOME", home.path("cache"))
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("MiniBrowser");
    let sampler = Sampler::start(child.id(), browser.to_path_buf());
    tokio::time::sleep(Duration::from_secs(3) + SETTLE).await;
    let memory = sampler.stop();
    let _ = child.kill();
    let _ = child.wait();
    let pss: u64 = memory.processes.values().map(|p| p.pss_kb).sum();
    println!("WebKitGTK's MiniBrowser on an empty page, no compositing (the engine's own floor):");
    println!("  peak RSS summed: {:.0} MB; PSS at the end: {:.0} MB", mb(memory.peak_rss_kb), mb(pss));
}

struct Measurement {
    from_process_start_ms: f64,
    from_request_ms: f64,
    already_shown: bool,
    /// Peak of the summed VmRSS of the app and its descendants.
    peak_rss_kb: u64,
    /// Sum of the processes' own peaks (VmHWM): an upper bound of the above.
    sum_of_peaks_kb: u64,
    pss_kb: u64,
    /// Per process name: peak RSS (VmHWM) at the end, in kB.
    processes: Vec<(String, u64)>,
}

fn report(case: &str, measured: &[Measurement]) {
    let stat = |f: &dyn Fn(&Measurement) -> f64| {
        let mut values: Vec<f64> = measured.iter().map(f).collect();
        values.sort_by(|a, b| a.partial_cmp(b).expect("numbers"));
        (values[values.len() / 2], values[values.len() - 1])
    };
    let (start_median, start_max) = stat(&|m| m.from_process_start_ms);
    let (request_median, request_max) = stat(&|m| m.from_request_ms);
    let (rss_median, rss_max) = stat(&|m| mb(m.peak_rss_kb));
    let (peaks_median, peaks_max) = stat(&|m| mb(m.sum_of_peaks_kb));
    let (pss_median, pss_max) = stat(&|m| mb(m.pss_kb));
    let last = measured.last().expect("a run");
    println!("{case}, {} runs (median / max):", measured.len());
    println!("  start to home screen, from process start: {start_median:.0} ms / {start_max:.0} ms   (target < 1500 ms)");
    println!("  start to home screen, from WebDriver request: {request_median:.0} ms / {request_max:.0} ms");
    println!("  peak RSS, app + WebKit processes summed: {rss_median:.0} MB / {rss_max:.0} MB   (target < 250 MB)");
    println!("  sum of per-process peaks (VmHWM): {peaks_median:.0} MB / {peaks_max:.0} MB; PSS at the end: {pss_median:.0} MB / {pss_max:.0} MB");
    let processes: Vec<String> =
        last.processes.iter().filter(|(_, kb)| *kb > 0).map(|(name, kb)| format!("{name} {:.0} MB", mb(*kb))).collect();
    println!("  processes (last run, peak RSS each): {}", processes.join(", "));
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

async fn measure(app: &Path, home: &Home, company_file: Option<&Path>, env: &[(&str, &str)]) -> Measurement {
    let port = free_port();
    let native_port = free_port();
    let mut tauri_driver = Command::new(tauri_driver_binary())
        .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
        .env("XDG_DATA_HOME", home.path("data"))
        .env("XDG_CONFIG_HOME", home.path("config"))
        .env("XDG_CACHE_HOME", home.path("cache"))
        .env("SONAE_DATA_DIR", home.data_dir())
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("tauri-driver could not start: install it with `cargo install tauri-driver --locked`");
    wait_for_port(port, Duration::from_secs(20));

    let sampler = Sampler::start(tauri_driver.id(), app.to_path_buf());

    let mut capabilities = Capabilities::new();
    let args: Vec<String> = company_file.iter().map(|p| p.display().to_string()).collect();
    capabilities.set("tauri:options", serde_json::json!({ "application": app, "args": args })).expect("capabilities");
    capabilities.set("browserName", "wry").expect("capabilities");

    let requested_at = epoch_ms();
    let requested_uptime = uptime_seconds();
    let driver =
        WebDriver::new(format!("http://127.0.0.1:{port}"), capabilities).await.expect("a WebDriver session with the app");
    driver.set_script_timeout(Duration::from_secs(60)).await.expect("script timeout");
    let shown = driver.execute_async(WAIT_FOR_HOME, Vec::new()).await.expect("the home screen with the company name");
    let shown = shown.json();
    let shown_at = shown["at"].as_f64().expect("a time from the page");
    let already_shown = shown["already"].as_bool().unwrap_or(false);
    assert!(!shown["name"].as_str().unwrap_or_default().is_empty(), "no company name: {shown}");

    tokio::time::sleep(SETTLE).await;
    let memory = sampler.stop();
    let app_started_uptime = memory.app_start_ticks.expect("the app process was seen") as f64 / TICKS_PER_SECOND;
    let app_started_at = requested_at + (app_started_uptime - requested_uptime) * 1000.0;

    let _ = driver.quit().await;
    let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", tauri_driver.id())]).status();
    let _ = tauri_driver.wait();
    // Nothing of this run may still be running when the next one starts.
    for pid in memory.pids {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).stderr(Stdio::null()).status();
    }

    Measurement {
        from_process_start_ms: shown_at - app_started_at,
        from_request_ms: shown_at - requested_at,
        already_shown,
        peak_rss_kb: memory.peak_rss_kb,
        sum_of_peaks_kb: memory.processes.values().map(|p| p.hwm_kb).sum(),
        pss_kb: memory.processes.values().map(|p| p.pss_kb).sum(),
        processes: {
            let mut by_name: HashMap<String, u64> = HashMap::new();
            for p in memory.processes.values() {
                *by_name.entry(p.name.clone()).or_default() += p.hwm_kb;
            }
            let mut v: Vec<(String, u64)> = by_name.into_iter().collect();
            v.sort_by_key(|(_, bytes)| std::cmp::Reverse(*bytes));
            v
        },
    }
}

/// Samples the memory of the app process (a descendant of tauri-driver, started from `app`) and
/// of all its descendants, in a thread of its own.
struct Sampler {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<Memory>,
}

#[derive(Default)]
struct Memory {
    peak_rss_kb: u64,
    app_start_ticks: Option<u64>,
    pids: Vec<u32>,
    /// The last reading of each process seen, by pid.
    processes: HashMap<u32, ProcessMemory>,
}

struct ProcessMemory {
    name: String,
    hwm_kb: u64,
    pss_kb: u64,
}

impl Sampler {
    fn start(root: u32, app: PathBuf) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut memory = Memory::default();
            let app = std::fs::canonicalize(&app).unwrap_or(app);
            loop {
                let last = stopping.load(Ordering::SeqCst);
                let table = process_table();
                let app_pid = std::iter::once(root)
                    .chain(descendants(&table, root))
                    .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app));
                if let Some(app_pid) = app_pid {
                    memory.app_start_ticks.get_or_insert(table[&app_pid].start_ticks);
                    let mut pids = descendants(&table, app_pid);
                    pids.push(app_pid);
                    let mut sum = 0;
                    for &pid in &pids {
                        let Some(status) = read_status(pid) else { continue };
                        sum += status.get("VmRSS").copied().unwrap_or(0);
                        let pss_kb = if last { read_pss(pid).unwrap_or(0) } else { 0 };
                        let name = table[&pid].name.clone();
                        let hwm_kb = status.get("VmHWM").copied().unwrap_or(0);
                        memory.processes.insert(pid, ProcessMemory { name, hwm_kb, pss_kb });
                        if !memory.pids.contains(&pid) {
                            memory.pids.push(pid);
                        }
                    }
                    memory.peak_rss_kb = memory.peak_rss_kb.max(sum);
                }
                if last {
                    return memory;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        Sampler { stop, thread }
    }

    fn stop(self) -> Memory {
        self.stop.store(true, Ordering::SeqCst);
        self.thread.join().expect("sampler")
    }
}

struct ProcessEntry {
    name: String,
    parent: u32,
    start_ticks: u64,
}

/// Every process: its name, parent and start time, from /proc/PID/stat.
fn process_table() -> HashMap<u32, ProcessEntry> {
    let mut table = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc") else { return table };
    for entry in dir.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // "pid (name) state ppid … starttime(22nd field) …"; the name may hold spaces or ')'.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { continue };
        let name = stat[open + 1..close].to_string();
        let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        let (Some(parent), Some(start)) = (fields.get(1), fields.get(19)) else { continue };
        let (Ok(parent), Ok(start_ticks)) = (parent.parse(), start.parse()) else { continue };
        table.insert(pid, ProcessEntry { name, parent, start_ticks });
    }
    table
}

fn descendants(table: &HashMap<u32, ProcessEntry>, root: u32) -> Vec<u32> {
    let mut found = Vec::new();
    let mut queue = vec![root];
    while let Some(parent) = queue.pop() {
        for (&pid, entry) in table {
            if entry.parent == parent {
                found.push(pid);
                queue.push(pid);
            }
        }
    }
    found
}

/// The kB fields of /proc/PID/status (VmRSS, VmHWM, …).
fn read_status(pid: u32) -> Option<HashMap<String, u64>> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    Some(
        status
            .lines()
            .filter_map(|line| {
                let (key, value) = line.split_once(':')?;
                let kb = value.trim().strip_suffix(" kB")?.trim().parse().ok()?;
                Some((key.to_string(), kb))
            })
            .collect(),
    )
}

fn read_pss(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let line = rollup.lines().find(|l| l.starts_with("Pss:"))?;
    line.trim_start_matches("Pss:").trim().strip_suffix(" kB")?.trim().parse().ok()
}

fn uptime_seconds() -> f64 {
    let uptime = std::fs::read_to_string("/proc/uptime").expect("/proc/uptime");
    uptime.split_whitespace().next().and_then(|s| s.parse().ok()).expect("uptime")
}

fn epoch_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("clock after 1970").as_secs_f64() * 1000.0
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn tauri_driver_binary() -> PathBuf {
    if let Ok(path) = std::env::var("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cargo"));
    let installed = cargo_home.join("bin/tauri-driver");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}

fn wait_for_port(port: u16, limit: Duration) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < limit, "tauri-driver did not listen on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
