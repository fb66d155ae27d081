// Declares the app's own commands so each gets a permission, and points Tauri at the
// capabilities folder inside src-tauri/ (the package root is the repository root).
fn main() {
    let commands: &[&str] = &["open_file_state", "home_summary", "preferences", "set_language", "assess"];
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
