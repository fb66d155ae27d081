//! The core crate stays free of Tauri, so the command line, tests and benchmarks never pull in a
//! webview, and the domain can be reused without the desktop shell.

#[test]
fn the_core_crate_does_not_depend_on_tauri() {
    let manifest = include_str!("../Cargo.toml");
    let dependencies: Vec<&str> = manifest
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#') && !line.starts_with('[') && line.contains('='))
        .map(|line| line.split('=').next().unwrap_or_default().trim())
        .collect();
    assert!(dependencies.contains(&"rusqlite"), "the manifest was not read: {dependencies:?}");
    let tauri: Vec<&&str> = dependencies.iter().filter(|name| name.contains("tauri")).collect();
    assert!(tauri.is_empty(), "sonae-core must not depend on Tauri: {tauri:?}");
}
