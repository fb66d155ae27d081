// Declares the app's own commands so each gets a permission, and points Tauri at the
// capabilities folder inside src-tauri/ (the package root is the repository root).
fn main() {
    let commands: &[&str] = &[
        "open_file_state",
        "home_summary",
        "preferences",
        "set_language",
        "set_author_name",
        "assess",
        "reporting_texts",
        "suggest_level",
        "list_incidents",
        "incident_detail",
        "wizard_policy",
        "call_list",
        "start_incident",
        "discard_incident",
        "save_wizard_draft",
        "go_to_wizard_step",
        "record_basics",
        "record_severity",
        "record_call",
        "set_task_done",
        "record_facts",
        "update_obligation",
        "record_recovery",
        "close_incident",
        "add_incident_note",
        "near_misses",
        "add_near_miss",
        "export_near_misses",
        "export_document",
        "draft_text",
        "list_backups",
        "restore_backup",
        "set_backups_kept",
        "recent_files",
        "open_recent_file",
        "open_company_file",
        "create_company_file",
        "change_history",
    ];
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
