//! Who must or should be told about an incident, and by when.
//!
//! A small office rarely knows that a lost USB stick with 30 patients' diagnoses is a report to
//! the Personal Information Protection Commission within 30 days. This module turns the facts of
//! an incident ([`Facts`], read with [`parse_facts`]) into an [`Assessment`]: the addressees of
//! docs/rules.md §7 with their duty, the grounds that trigger it, and the deadlines counted on the
//! Japanese calendar. It is the engine behind `sonae-cli assess` and the app's incident wizard.
//!
//! - [`facts`]: the input and its validation;
//! - [`engine`]: one rule per addressee, each naming its public source;
//! - [`open`]: which facts not answered yet could still change the answer (the interview);
//! - [`rule_set`]: the rules by the day they came into force;
//! - [`deadline`]: day counting and working days;
//! - [`holidays`]: the national holiday calendar;
//! - [`text`]: names, explanations and the readable summary in Japanese and English.

pub mod deadline;
pub mod engine;
pub mod facts;
pub mod holidays;
pub mod open;
pub mod rule_set;
pub mod text;

#[cfg(test)]
mod tests;

pub use engine::{
    assess, data_covered, own_data_affected, processor_final_report_due, Assessment, Authority, DataScope, Deadline,
    DeadlineStage, Delegate, DueBy, Duty, Ground, Obligation,
};
pub use facts::{
    parse_facts, DataAtRisk, EntrustedData, Facts, FactsError, IncidentCategory, IncidentStage, Organization, PersonalData,
    Sector,
};
pub use open::{assess_open, fact_names, lifted_by, parse_partial_facts, to_settle, OpenAssessment, PartialFacts};
pub use rule_set::{RuleSet, RULE_SETS};
pub use text::{authority_name, authority_timing, delegate_name, describe, describe_open, duty_name, ground_text, stage_name};
