//! The assessment engine for the incident wizard: who must or should be told, by when, and the
//! plain words that explain it.

use std::collections::BTreeMap;

use sonae_core::incident::wizard::{self, SeverityAnswers};
use sonae_core::language::Language;
use sonae_core::rules::{self, Assessment, Facts};

#[tauri::command(async)]
pub fn assess(facts: Facts) -> Assessment {
    rules::assess(&facts)
}

/// Names of addressees, grounds, duties and deadline stages in `language`, keyed by their ids.
#[tauri::command(async)]
pub fn reporting_texts(language: Language) -> BTreeMap<String, String> {
    rules::text::catalogue(language)
}

/// The level the answers of the wizard's second step point to.
#[tauri::command(async)]
pub fn suggest_level(answers: SeverityAnswers, category: String) -> u8 {
    wizard::suggested_level(&answers, &category)
}
