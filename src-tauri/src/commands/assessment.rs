//! The assessment engine for the incident wizard: who must or should be told, by when.

use sonae_core::rules::{self, Assessment, Facts};

#[tauri::command]
pub fn assess(facts: Facts) -> Assessment {
    rules::assess(&facts)
}
