//! The core, the application layer and the command line stay free of Tauri and of any webview, so
//! the command line, tests and benchmarks never pull one in, and the domain can be reused without
//! the desktop shell. Checked on the resolved dependency graph (`cargo tree`), so that a Tauri
//! crate coming in through another dependency is caught too.

use std::process::Command;

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: reads the dependency graph with the build machine's cargo")]
fn no_crate_but_the_app_depends_on_tauri_or_a_webview() {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "-p", "sonae-core", "-p", "sonae-tasks", "-p", "sonae-cli"])
        .args(["-e", "normal,build", "--prefix", "none", "--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "cargo tree: {}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8(output.stdout).expect("UTF-8");
    let crates: Vec<&str> = tree.lines().filter_map(|line| line.split_whitespace().next()).collect();
    assert!(crates.contains(&"rusqlite"), "the graph was not read: {tree}");
    let shell: Vec<&&str> = crates
        .iter()
        .filter(|name| {
            name.starts_with("tauri") || name.starts_with("wry") || name.starts_with("webkit2gtk") || name.starts_with("webview2")
        })
        .collect();
    assert!(shell.is_empty(), "a crate of the window reached the core, tasks or CLI: {shell:?}");
}
