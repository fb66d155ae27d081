//! One incident as the documents about it need it: read through [`store::incident_detail`], with
//! the words for its stage, case, level and obligations in the document's language.

use rusqlite::Connection;

use super::documents::Context;
use super::RenderError;
use crate::model::{IncidentDetail, IncidentStage, IncidentStatus, ObligationRecord, ObligationStatus};
use crate::rules::{self, Authority, DueBy};
use crate::store::{self, StoreError};

pub fn read(conn: &Connection, id: i64) -> Result<IncidentDetail, RenderError> {
    store::incident_detail(conn, id).map_err(|e| match e {
        StoreError::Missing { .. } => RenderError::UnknownIncident { id },
        other => RenderError::Store(other),
    })
}

/// The language tag the assessment's texts take.
pub fn lang(context: &Context) -> &'static str {
    match context.language {
        crate::model::Language::Ja => "ja",
        crate::model::Language::En => "en",
    }
}

pub fn stage_name(context: &Context, stage: IncidentStage) -> &'static str {
    context.text(match stage {
        IncidentStage::NearMiss => "stage.near_miss",
        IncidentStage::Event => "stage.event",
        IncidentStage::Incident => "stage.incident",
    })
}

pub fn category_name(context: &Context, incident: &IncidentDetail) -> String {
    match &incident.category {
        Some(key) => context.text(&format!("category.{key}")).to_owned(),
        None => context.text("not_decided").to_owned(),
    }
}

pub fn level_name(context: &Context, incident: &IncidentDetail) -> String {
    match incident.level {
        Some(level) => context.words().fill("level_n", &[("level", &level.to_string())]),
        None => context.text("not_decided").to_owned(),
    }
}

/// The incident's key facts as label/value rows.
pub fn overview(context: &Context, incident: &IncidentDetail) -> Vec<Vec<String>> {
    let t = |key: &str| context.text(key).to_owned();
    let mut level = level_name(context, incident);
    if !incident.level_override_reason.is_empty() {
        level = context.words().fill("level_override", &[("level", &level), ("reason", &incident.level_override_reason)]);
    }
    let status = match (incident.status, &incident.closed_at) {
        (IncidentStatus::Closed, Some(at)) => context.words().fill("status.closed_on", &[("date", &context.instant(at))]),
        (IncidentStatus::Closed, None) => t("status.closed"),
        (IncidentStatus::Open, _) => t("status.open"),
    };
    let mut rows = vec![
        vec![t("field.title"), incident.title.clone()],
        vec![t("field.case"), t(&format!("case.{}", incident.case_kind.key()))],
        vec![t("field.discovered_at"), context.instant(&incident.discovered_at)],
        vec![t("field.discovered_by"), context.known(&incident.discovered_by)],
        vec![t("field.stage"), stage_name(context, incident.stage).to_owned()],
        vec![t("field.category"), category_name(context, incident)],
        vec![t("field.level"), level],
        vec![t("field.status"), status],
    ];
    rows.push(vec![t("field.subjects"), subjects(context, incident)]);
    rows
}

/// The timeline as rows: when, who, what.
pub fn timeline_rows(context: &Context, incident: &IncidentDetail) -> Vec<Vec<String>> {
    incident.timeline.iter().map(|e| vec![context.instant(&e.at), e.author.clone(), e.message.clone()]).collect()
}

/// How many people's data is affected, with the My Number and EU counts when there are any.
pub fn subjects(context: &Context, incident: &IncidentDetail) -> String {
    let Some(facts) = &incident.facts else { return context.text("unknown").to_owned() };
    let data = &facts.personal_data.at_risk;
    if data.subjects == 0 && data.my_number_subjects == 0 && data.eu_subjects == 0 {
        return context.text("unknown").to_owned();
    }
    let mut parts = vec![context.people(data.subjects)];
    if data.my_number_subjects > 0 {
        parts.push(context.words().fill("subjects.my_number", &[("people", &context.people(data.my_number_subjects))]));
    }
    if data.eu_subjects > 0 {
        parts.push(context.words().fill("subjects.eu", &[("people", &context.people(data.eu_subjects))]));
    }
    parts.join(context.text("list_separator"))
}

/// The kinds of personal data involved, as far as the facts say.
pub fn data_items(context: &Context, incident: &IncidentDetail) -> String {
    let Some(facts) = &incident.facts else { return context.text("unknown").to_owned() };
    let data = &facts.personal_data.at_risk;
    let items: Vec<&str> = [
        (data.sensitive, "items.sensitive"),
        (data.financial_damage_risk, "items.financial"),
        (data.my_number_subjects > 0, "items.my_number"),
    ]
    .into_iter()
    .filter(|(present, _)| *present)
    .map(|(_, key)| context.text(key))
    .collect();
    if items.is_empty() {
        context.text("unknown").to_owned()
    } else {
        items.join("\n")
    }
}

pub fn obligation(incident: &IncidentDetail, authority: Authority) -> Option<&ObligationRecord> {
    incident.obligations.iter().find(|o| o.authority == authority)
}

pub fn due_by(context: &Context, due: DueBy) -> String {
    match due {
        DueBy::Date(date) => context.date(date),
        DueBy::Instant(at) => context.instant(&at.to_rfc3339()),
    }
}

/// What was done about an obligation: status, date sent and reference, or why it was waived.
pub fn obligation_status(context: &Context, obligation: &ObligationRecord) -> String {
    let mut text = match &obligation.sent_on {
        Some(sent_on) => context.words().fill("obligation.sent_on", &[("date", &context.instant(sent_on))]),
        None => context.text(&format!("obligation.{}", obligation.status.key())).to_owned(),
    };
    if !obligation.reference_number.is_empty() {
        text.push('\n');
        text.push_str(&context.words().fill("obligation.reference", &[("number", &obligation.reference_number)]));
    }
    if obligation.status == ObligationStatus::Waived && !obligation.waived_reason.is_empty() {
        text.push('\n');
        text.push_str(&context.words().fill("obligation.waived_reason", &[("reason", &obligation.waived_reason)]));
    }
    if !obligation.current {
        text.push('\n');
        text.push_str(context.text("obligation.no_longer_current"));
    }
    text
}

/// One row per obligation: addressee, duty, deadlines, what was done.
pub fn obligation_rows(context: &Context, incident: &IncidentDetail) -> Vec<Vec<String>> {
    let lang = lang(context);
    incident
        .obligations
        .iter()
        .map(|o| {
            let deadlines = o
                .deadlines
                .iter()
                .map(|d| format!("{} {}", rules::stage_name(d.stage, lang), due_by(context, d.due_by)))
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                rules::authority_name(o.authority, lang).to_owned(),
                rules::duty_name(o.duty, lang).to_owned(),
                if deadlines.is_empty() { context.text("no_deadline").to_owned() } else { deadlines },
                obligation_status(context, o),
            ]
        })
        .collect()
}
