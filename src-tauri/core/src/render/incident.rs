//! One incident as the documents about it need it: read through [`crate::incident::read::incident_detail`], with
//! the words for its stage, case, level and obligations in the document's language.

use crate::store::Db;

use super::Context;
use super::RenderError;
use crate::incident::affected_data::{DataItems, Harm};
use crate::incident::IncidentDetail;
use crate::incident::IncidentStatus;
use crate::incident::ObligationRecord;
use crate::incident::ObligationStatus;
use crate::rules::IncidentStage;
use crate::rules::{self, Authority, DataAtRisk, DueBy};
use crate::store::StoreError;
use chrono::NaiveDate;

pub fn read(conn: &dyn Db, id: i64) -> Result<IncidentDetail, RenderError> {
    crate::incident::read::incident_detail(conn, id).map_err(|e| {
        if matches!(e, StoreError::Missing { .. }) {
            RenderError::UnknownIncident { id }
        } else {
            RenderError::Store(e)
        }
    })
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
    match &incident.facts {
        Some(facts) => count_of(context, &facts.personal_data.at_risk),
        None => context.text("unknown").to_owned(),
    }
}

/// What is known of how many people one body of data concerns: an empty count means nobody knows
/// yet, never 0 (docs/rules.md §8.1).
pub enum HeadCount {
    Unknown,
    AtLeast(u64),
    UpTo(u64),
    Between(u64, u64),
    Exactly(u64),
}

impl HeadCount {
    pub fn of(data: &DataAtRisk) -> HeadCount {
        match (data.subjects, data.subjects_max, data.subjects_unknown) {
            (0, None, _) | (0, _, true) => HeadCount::Unknown,
            (least, _, true) => HeadCount::AtLeast(least),
            (0, Some(most), false) => HeadCount::UpTo(most),
            (least, Some(most), false) if most > least => HeadCount::Between(least, most),
            (least, _, false) => HeadCount::Exactly(least),
        }
    }
}

/// How many people one body of data concerns: the count, "up to" the most, or 調査中.
pub fn count_of(context: &Context, data: &DataAtRisk) -> String {
    let words = context.words();
    let mut parts = vec![match HeadCount::of(data) {
        HeadCount::Unknown => context.text("subjects.count_unknown").to_owned(),
        HeadCount::AtLeast(least) => words.fill("subjects.at_least", &[("people", &context.people(least))]),
        HeadCount::UpTo(most) => words.fill("subjects.up_to", &[("people", &context.people(most))]),
        HeadCount::Between(least, most) => {
            words.fill("subjects.between", &[("least", &context.people(least)), ("most", &context.people(most))])
        }
        HeadCount::Exactly(count) => context.people(count),
    }];
    if data.my_number_subjects > 0 {
        parts.push(context.words().fill("subjects.my_number", &[("people", &context.people(data.my_number_subjects))]));
    }
    if data.eu_subjects > 0 {
        parts.push(context.words().fill("subjects.eu", &[("people", &context.people(data.eu_subjects))]));
    }
    parts.join(context.text("list_separator"))
}

/// The data items of one body of data, by name; without any recorded, the kinds the assessment
/// answers tell (要配慮, money, My Number), else 調査中.
pub fn items_of(context: &Context, items: &DataItems, data: Option<&DataAtRisk>) -> String {
    let mut names: Vec<String> =
        items.items.iter().map(|item| context.text(&format!("item.{}", item.key())).to_owned()).collect();
    if let Some(other) = items.other.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        names.push(other.to_owned());
    }
    if !names.is_empty() {
        return names.join(context.text("list_separator"));
    }
    let kinds: Vec<&str> = data
        .map(|data| {
            [
                (data.sensitive, "items.sensitive"),
                (data.financial_damage_risk, "items.financial"),
                (data.my_number_subjects > 0 || data.my_number_involved == Some(true), "items.my_number"),
            ]
            .into_iter()
            .filter(|(present, _)| *present)
            .map(|(_, key)| context.text(key))
            .collect()
        })
        .unwrap_or_default();
    if kinds.is_empty() {
        context.text("unknown").to_owned()
    } else {
        kinds.join("\n")
    }
}

/// The data items of the company's own data.
pub fn data_items(context: &Context, incident: &IncidentDetail) -> String {
    items_of(context, &incident.details.data.own, incident.facts.as_ref().map(|f| &f.personal_data.at_risk))
}

/// Whose data it is (顧客、従業員), or 調査中.
pub fn whose(context: &Context, incident: &IncidentDetail) -> String {
    let groups = &incident.details.data.whose;
    if groups.is_empty() {
        return context.text("unknown").to_owned();
    }
    groups.iter().map(|g| context.text(&format!("whose.{}", g.key()))).collect::<Vec<_>>().join(context.text("list_separator"))
}

/// 漏えい・滅失・毀損 as recorded; a leak (or its risk) when nothing is recorded, the case every
/// report is about unless the office says otherwise.
pub fn harms(incident: &IncidentDetail) -> Vec<Harm> {
    let harms = &incident.details.data.harm;
    if harms.is_empty() {
        vec![Harm::Leak]
    } else {
        let mut sorted = harms.clone();
        sorted.sort();
        sorted.dedup();
        sorted
    }
}

pub fn obligation(incident: &IncidentDetail, authority: Authority) -> Option<&ObligationRecord> {
    incident.obligations.iter().find(|o| o.authority == authority)
}

pub fn due_by(context: &Context, due: DueBy) -> String {
    match due {
        DueBy::Date(date) => context.date(date),
        DueBy::Instant(at) => context.instant(&at),
    }
}

/// What was done about an obligation: status, date sent and reference, or why it was waived.
pub fn obligation_status(context: &Context, obligation: &ObligationRecord) -> String {
    let words = context.words();
    let sent = |key: &str, day: NaiveDate, reference: &str| {
        let mut text = words.fill(key, &[("date", &context.date(day))]);
        if !reference.is_empty() {
            text.push('\n');
            text.push_str(&words.fill("obligation.reference", &[("number", reference)]));
        }
        text
    };
    let mut lines = Vec::new();
    if let Some(day) = obligation.preliminary_sent_on {
        lines.push(sent("obligation.preliminary_sent_on", day, &obligation.preliminary_reference));
    }
    let key = if obligation.two_stages { "obligation.final_sent_on" } else { "obligation.sent_on" };
    lines.push(match obligation.sent_on {
        Some(day) => sent(key, day, &obligation.reference_number),
        None => context.text(&format!("obligation.{}", obligation.status.key())).to_owned(),
    });
    let mut text = lines.join("\n");
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
    let lang = context.language;
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
