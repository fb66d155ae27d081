//! The desktop shell: opens the company file, holds it for the window, and registers the commands.
//! The domain lives in `sonae-core`, the session and the tasks in `sonae-tasks`; this crate only
//! wires them to the webview.

mod commands;
mod dialogs;
#[cfg(windows)]
mod webview_check;

use std::path::PathBuf;

use sonae_tasks::{settings, Session};

/// Starts the app. The company file is the first command-line argument if one is given, else the
/// last file used, else a new default file in the user's data directory.
pub fn run() {
    draw_without_compositing();
    let data_dir = settings::data_dir();
    #[cfg(windows)]
    webview_check::require_webview(settings::Settings::load(&data_dir).preferences.language);
    let requested = std::env::args_os().skip(1).map(PathBuf::from).find(|a| !a.to_string_lossy().starts_with('-'));
    let session = Session::start(data_dir, requested);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(session)
        .invoke_handler(tauri::generate_handler![
            commands::files::open_file_state,
            commands::files::dismiss_upgrade_notice,
            commands::files::home_summary,
            commands::preferences::preferences,
            commands::preferences::set_language,
            commands::preferences::set_author_name,
            commands::incidents::list_incidents,
            commands::incidents::incident_detail,
            commands::incidents::wizard_policy,
            commands::incidents::call_list,
            commands::incidents::start_incident,
            commands::incidents::discard_incident,
            commands::incidents::save_wizard_draft,
            commands::incidents::go_to_wizard_step,
            commands::incidents::record_basics,
            commands::incidents::record_severity,
            commands::incidents::record_call,
            commands::incidents::set_task_done,
            commands::incidents::record_facts,
            commands::incidents::update_obligation,
            commands::incidents::save_gdpr_texts,
            commands::incidents::set_incident_client,
            commands::incidents::record_recovery,
            commands::incidents::close_incident,
            commands::incidents::add_incident_note,
            commands::incidents::near_misses,
            commands::incidents::add_near_miss,
            commands::incidents::export_near_misses,
            commands::documents::export_document,
            commands::documents::draft_text,
            commands::documents::letter,
            commands::documents::save_letter,
            commands::documents::recompose_letter,
            commands::backups::list_backups,
            commands::backups::restore_backup,
            commands::preferences::set_backups_kept,
            commands::assessment::assess,
            commands::assessment::reporting_texts,
            commands::assessment::suggest_level,
            commands::files::recent_files,
            commands::files::open_recent_file,
            commands::files::open_company_file,
            commands::files::create_company_file,
            commands::history::change_history,
            commands::contacts::list_contacts,
            commands::contacts::contact_details,
            commands::contacts::contact_usage,
            commands::contacts::create_contact,
            commands::contacts::update_contact,
            commands::contacts::delete_contact,
            commands::contacts::confirm_contacts,
            commands::contacts::set_call_order,
            commands::contacts::set_stale_contact_months,
            commands::readiness::readiness,
            commands::readiness::mark_reviewed,
            commands::readiness::set_readiness_intervals,
            commands::readiness::readiness_summary,
            commands::portfolio::portfolio_files,
            commands::portfolio::add_client_folder,
            commands::portfolio::remove_client_folder,
            commands::portfolio::portfolio_row,
            commands::portfolio::unlock_portfolio_file,
            commands::portfolio::open_portfolio_file,
            commands::portfolio::choose_pack_folder,
            commands::portfolio::save_handover_pack,
            commands::jigyokei::jigyokei_review,
            commands::jigyokei::save_jigyokei,
            commands::exercises::exercise_scenarios,
            commands::exercises::save_exercise_scenario,
            commands::exercises::delete_exercise_scenario,
            commands::exercises::export_exercise_scenario,
            commands::exercises::import_exercise_scenario,
            commands::exercises::exercise_reference,
            commands::exercises::exercise_runs,
            commands::exercises::exercise_run,
            commands::exercises::start_exercise,
            commands::exercises::reveal_next_inject,
            commands::exercises::record_inject_response,
            commands::exercises::mark_exercise_call,
            commands::exercises::add_exercise_follow_up,
            commands::exercises::set_follow_up_done,
            commands::exercises::end_exercise,
            commands::exercises::discard_exercise,
            commands::contacts::choose_contacts_csv,
            commands::contacts::preview_chosen_contacts_csv,
            commands::contacts::import_chosen_contacts_csv,
            commands::contacts::export_contacts_csv,
            commands::policy::editable_policy,
            commands::policy::save_role,
            commands::policy::set_role_holders,
            commands::policy::reorder_roles,
            commands::policy::delete_role,
            commands::policy::update_level,
            commands::policy::update_category,
            commands::policy::save_procedure,
            commands::policy::save_checklist,
            commands::policy::save_authority,
            commands::policy::delete_authority,
            commands::policy::reorder_authorities,
            commands::policy::update_company_profile,
            commands::policy::export_policy_template,
            commands::policy::choose_policy_template,
            commands::policy::import_chosen_policy_template,
            commands::bcp::editable_bcp,
            commands::bcp::save_scenario,
            commands::bcp::delete_scenario,
            commands::bcp::save_target,
            commands::bcp::delete_target,
            commands::bcp::save_exercise,
            commands::bcp::delete_exercise,
            commands::files::unlock_company_file,
            commands::files::set_file_passphrase,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the Sonae window");
}

/// Turns off WebKitGTK's accelerated compositing unless the user chose otherwise
/// (`WEBKIT_DISABLE_COMPOSITING_MODE=0` keeps it). Sonae's screens are forms and lists, which
/// WebKit paints as fast without it, and the compositor's OpenGL stack (Mesa, often with LLVM's
/// software renderer) costs about 90 MB of memory across the app's processes (`make bench-app`
/// measures both). Runs first in `run`, before any thread exists, because it sets the process's
/// environment, which WebKit reads and passes on to its web process.
fn draw_without_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
