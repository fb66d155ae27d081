//! Reading incidents: the lists, one incident in full, and the call list the wizard resolves
//! from the policy.

use crate::incident::draft::WizardDrafts;
use crate::incident::interview::{InterviewStart, InterviewState, Replied};
use crate::store::{Db, Optional};
use rusqlite::params;

use crate::contacts::{emails, phones, ContactKind};
use crate::incident::affected_data::ReportingDetails;
use crate::incident::wizard::{CaseKind, Recovery};
use crate::incident::AuthorityContact;
use crate::incident::CallOutcome;
use crate::incident::CallTarget;
use crate::incident::IncidentCall;
use crate::incident::IncidentClient;
use crate::incident::IncidentDetail;
use crate::incident::IncidentSummary;
use crate::incident::IncidentTask;
use crate::incident::ObligationRecord;
use crate::incident::TimelineEntry;
use crate::rules::{parse_facts, Authority, Duty};
use crate::store::{Result, StoreError};

/// Every incident, newest discovery first, with its soonest open deadline.
pub fn list_incidents(conn: &dyn Db) -> Result<Vec<IncidentSummary>> {
    query_incidents(conn, "")
}

/// Open incidents, the one with the soonest open deadline first (those without one last).
pub(crate) fn open_incidents(conn: &dyn Db) -> Result<Vec<IncidentSummary>> {
    query_incidents(conn, "WHERE i.status = 'open'")
}

fn query_incidents(conn: &dyn Db, filter: &str) -> Result<Vec<IncidentSummary>> {
    let order = if filter.is_empty() {
        "discovered_at DESC, id DESC"
    } else {
        "next_deadline IS NULL, next_deadline, discovered_at DESC"
    };
    // The columns are named in an outer query so that the order can be an expression of them.
    let sql = format!(
        "SELECT * FROM (SELECT i.id, i.title, i.discovered_at, i.level, i.category_key, i.stage, i.status,
                (SELECT min(o.next_due) FROM obligation o
                  WHERE o.incident_id = i.id AND o.current = 1 AND o.status IN ('not_started', 'drafted')) AS next_deadline,
                -- Whether that soonest date is only a target (a 速報's not yet sent): on a tie a legal
                -- deadline wins.
                (SELECT json_extract(d.value, '$.stage') = 'preliminary'
                   FROM obligation o, json_each(o.deadlines) d
                  WHERE o.incident_id = i.id AND o.current = 1 AND o.status IN ('not_started', 'drafted')
                    AND NOT (o.preliminary_sent_on IS NOT NULL AND json_extract(d.value, '$.stage') = 'preliminary')
                  ORDER BY json_extract(d.value, '$.due_by'), json_extract(d.value, '$.stage') = 'preliminary'
                  LIMIT 1) AS next_is_target
           FROM incident i {filter}) AS listed
          ORDER BY {order}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(IncidentSummary {
            id: r.get(0)?,
            title: r.get(1)?,
            discovered_at: r.get(2)?,
            level: r.get(3)?,
            category: r.get(4)?,
            stage: r.get(5)?,
            status: r.get(6)?,
            next_deadline: r.get(7)?,
            next_deadline_is_target: r.get::<_, Option<bool>>(8)?.unwrap_or(false),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Everything about one incident, for the wizard to resume from and the detail page.
pub fn incident_detail(conn: &dyn Db, id: i64) -> Result<IncidentDetail> {
    let mut detail = conn
        .query_row(
            "SELECT id, title, case_key, discovered_at, discovered_by, description, stage, category_key, level,
                    level_override_reason, status, wizard_step, wizard_draft, facts, cause, secondary_damage,
                    subject_response, publication, measures_taken, measures_planned, lessons, closed_at, created_at,
                    occurred_at, affected_data, malware_name, how_found, infection_route, technical, gdpr_english
               FROM incident WHERE id = ?1",
            [id],
            |r| {
                let discovered_at = r.get(3)?;
                Ok(IncidentDetail {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    case_kind: r.get(2)?,
                    discovered_at,
                    day_one: crate::rules::deadline::day_of_knowing(discovered_at),
                    occurred_at: r.get(23)?,
                    discovered_by: r.get(4)?,
                    description: r.get(5)?,
                    stage: r.get(6)?,
                    category: r.get(7)?,
                    level: r.get(8)?,
                    level_override_reason: r.get(9)?,
                    status: r.get(10)?,
                    wizard_step: r.get(11)?,
                    wizard_draft: WizardDrafts::from_stored(&r.get::<_, String>(12)?),
                    facts: parse_facts(&r.get::<_, String>(13)?).ok(),
                    suggested_facts: None,
                    interview_replies: Vec::new(),
                    details: ReportingDetails {
                        data: serde_json::from_str(&r.get::<_, String>(24)?).unwrap_or_default(),
                        malware_name: r.get(25)?,
                        how_found: r.get(26)?,
                        infection_route: r.get(27)?,
                        technical: serde_json::from_str(&r.get::<_, String>(28)?).unwrap_or_default(),
                    },
                    recovery: Recovery {
                        cause: r.get(14)?,
                        secondary_damage: r.get(15)?,
                        subject_response: r.get(16)?,
                        publication: r.get(17)?,
                        measures_taken: r.get(18)?,
                        measures_planned: r.get(19)?,
                        lessons: r.get(20)?,
                    },
                    closed_at: r.get(21)?,
                    created_at: r.get(22)?,
                    timeline: Vec::new(),
                    confirmations: Default::default(),
                    calls: Vec::new(),
                    tasks: Vec::new(),
                    obligations: Vec::new(),
                    gdpr_texts: serde_json::from_str(&r.get::<_, String>(29)?).unwrap_or_default(),
                    client: None,
                })
            },
        )
        .optional()?
        .ok_or(StoreError::Missing { what: "incident", id })?;
    detail.client = conn
        .query_row(
            "SELECT c.id, c.kind, c.name, c.organization, c.title FROM incident i JOIN contact c ON c.id = i.client_contact_id
              WHERE i.id = ?1",
            [id],
            |r| {
                Ok(IncidentClient {
                    contact_id: r.get(0)?,
                    kind: ContactKind::from_key(&r.get::<_, String>(1)?).unwrap_or_default(),
                    name: r.get(2)?,
                    organization: r.get(3)?,
                    title: r.get(4)?,
                })
            },
        )
        .optional()?;
    if detail.facts.is_none() {
        let mut suggested = interview_start(conn, id)?.known;
        suggested.occurred_at = detail.occurred_at;
        detail.suggested_facts = Some(suggested);
    }
    // The interview's replies as last recorded, for a re-assessment to start from.
    detail.interview_replies = conn
        .query_row(
            "SELECT json_extract(data, '$.replies') FROM timeline_entry
              WHERE incident_id = ?1 AND kind = 'facts' ORDER BY id DESC LIMIT 1",
            [id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    if let (true, Some(facts)) = (detail.interview_replies.is_empty(), &detail.facts) {
        // Assessed by the form that came before the interview: its facts stand for the replies.
        detail.interview_replies = crate::incident::interview::recorded_replies(&interview_start(conn, id)?, facts);
    }
    detail.timeline = timeline(conn, id)?;
    detail.confirmations = super::StepConfirmations::of(&detail.timeline);
    detail.calls = calls(conn, id)?;
    detail.tasks = tasks(conn, id)?;
    detail.obligations = obligations(conn, id)?;
    if let Some(facts) = &detail.facts {
        for obligation in detail.obligations.iter_mut().filter(|o| o.current) {
            obligation.covers = crate::rules::data_covered(facts, obligation.authority);
            if obligation.authority == Authority::Client {
                obligation.own_report_due = crate::rules::processor_final_report_due(facts);
            }
        }
    }
    Ok(detail)
}

fn timeline(conn: &dyn Db, id: i64) -> Result<Vec<TimelineEntry>> {
    let mut stmt =
        conn.prepare("SELECT id, at, author, kind, message FROM timeline_entry WHERE incident_id = ?1 ORDER BY at, id")?;
    let rows = stmt.query_map([id], |r| {
        Ok(TimelineEntry { id: r.get(0)?, at: r.get(1)?, author: r.get(2)?, kind: r.get(3)?, message: r.get(4)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn call_from_row(r: &crate::store::Row) -> rusqlite::Result<IncidentCall> {
    Ok(IncidentCall {
        id: r.get(0)?,
        contact_id: r.get(1)?,
        contact_name: r.get(2)?,
        role_name: r.get(3)?,
        outcome: if r.get::<_, String>(4)? == "reached" { CallOutcome::Reached } else { CallOutcome::NoAnswer },
        at: r.get(5)?,
        author: r.get(6)?,
    })
}

const CALL_COLUMNS: &str = "id, contact_id, contact_name, role_name, outcome, at, author";

fn calls(conn: &dyn Db, id: i64) -> Result<Vec<IncidentCall>> {
    let mut stmt = conn.prepare(&format!("SELECT {CALL_COLUMNS} FROM incident_call WHERE incident_id = ?1 ORDER BY at, id"))?;
    let rows = stmt.query_map([id], call_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn tasks(conn: &dyn Db, id: i64) -> Result<Vec<IncidentTask>> {
    let mut stmt = conn.prepare(
        "SELECT id, source, text, role_name, done_at, done_by FROM incident_task
          WHERE incident_id = ?1 ORDER BY source = 'procedure', position, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(IncidentTask {
            id: r.get(0)?,
            source: r.get(1)?,
            text: r.get(2)?,
            role_name: r.get(3)?,
            done_at: r.get(4)?,
            done_by: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn obligations(conn: &dyn Db, id: i64) -> Result<Vec<ObligationRecord>> {
    let mut stmt = conn.prepare(
        "SELECT o.id, o.authority_key, o.duty, o.grounds, o.deadlines, o.next_due, o.status, o.sent_on,
                o.reference_number, o.waived_reason, o.current, o.submit_to, o.rules,
                o.preliminary_sent_on, o.preliminary_reference
           FROM obligation o
          WHERE o.incident_id = ?1",
    )?;
    let rows = stmt.query_map([id], |r| {
        let json = |text: String| serde_json::Value::String(text);
        Ok((
            json(r.get(2)?),
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            ObligationRecord {
                id: r.get(0)?,
                authority: r.get(1)?,
                duty: Duty::Recommended,
                grounds: Vec::new(),
                deadlines: Vec::new(),
                two_stages: false,
                next_due: r.get(5)?,
                status: r.get(6)?,
                sent_on: r.get(7)?,
                reference_number: r.get(8)?,
                preliminary_sent_on: r.get(13)?,
                preliminary_reference: r.get(14)?,
                waived_reason: r.get(9)?,
                current: r.get(10)?,
                contact: None,
                submit_to: r.get(11)?,
                rules: r.get(12)?,
                covers: Vec::new(),
                own_report_due: None,
            },
        ))
    })?;
    let mut records = Vec::new();
    for row in rows {
        let (duty, grounds, deadlines, mut record) = row?;
        let invalid = |e: serde_json::Error| StoreError::Invalid(format!("obligation {}: {e}", record.id));
        record.contact = directory_entry(conn, record.authority)?;
        record.duty = serde_json::from_value(duty).map_err(invalid)?;
        record.grounds = serde_json::from_str(&grounds).map_err(invalid)?;
        record.deadlines = serde_json::from_str(&deadlines).map_err(invalid)?;
        record.two_stages = crate::rules::Deadline::two_stages(&record.deadlines);
        records.push(record);
    }
    // Current duties first, mandatory before recommended, then in the table's order.
    records.sort_by_key(|o| (!o.current, o.duty != Duty::Mandatory, o.authority));
    Ok(records)
}

/// Where to send `authority`'s report: its entry in the company's authority directory, if the
/// addressee is a desk and the policy keeps the entry.
fn directory_entry(conn: &dyn Db, authority: Authority) -> Result<Option<AuthorityContact>> {
    let Some(key) = authority.directory_key() else { return Ok(None) };
    conn.prepare("SELECT name, purpose, url, phone, email, hours, source FROM authority WHERE key = ?1")?
        .query_row([key], |r| {
            Ok(AuthorityContact {
                name: r.get(0)?,
                purpose: r.get(1)?,
                url: r.get(2)?,
                phone: r.get(3)?,
                email: r.get(4)?,
                hours: r.get(5)?,
                source: r.get(6)?,
            })
        })
        .optional()
}

/// Who to call now about an incident: the holders and deputies of the roles responsible for its
/// level and every level below it down to 1 (連絡及び報告 in the IPA model rules), in call-tree
/// order, each with their latest call about this incident. A level-0 event calls only the role
/// responsible for level 0.
pub fn call_list(conn: &dyn Db, incident_id: i64) -> Result<Vec<CallTarget>> {
    let level: Option<u8> = conn
        .query_row("SELECT level FROM incident WHERE id = ?1", [incident_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::Missing { what: "incident", id: incident_id })?;
    let level = level.unwrap_or(0);
    let lowest = if level == 0 { 0 } else { 1 };
    let mut stmt = conn.prepare(
        "SELECT c.id, c.name, c.organization, c.title, c.call_order, ro.name, h.rank, ro.position
           FROM level l
           JOIN role ro ON ro.id = l.responsible_role_id
           JOIN role_holder h ON h.role_id = ro.id
           JOIN contact c ON c.id = h.contact_id
          WHERE l.level BETWEEN ?1 AND ?2
          ORDER BY c.call_order IS NULL, c.call_order, h.rank, ro.position, c.id",
    )?;
    let rows = stmt.query_map(params![lowest, level], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<i64>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, i64>(6)?,
        ))
    })?;
    let mut targets: Vec<CallTarget> = Vec::new();
    for row in rows {
        let (contact_id, name, organization, title, call_order, role, rank) = row?;
        if let Some(target) = targets.iter_mut().find(|t| t.contact_id == contact_id) {
            if !target.roles.contains(&role) {
                target.roles.push(role);
            }
            target.deputy &= rank > 0;
            continue;
        }
        targets.push(CallTarget {
            contact_id,
            name,
            organization,
            title,
            roles: vec![role],
            deputy: rank > 0,
            call_order,
            phones: Vec::new(),
            emails: Vec::new(),
            last_call: None,
        });
    }
    // Holders before deputies; within each, call-tree order (the query's order).
    targets.sort_by_key(|t| t.deputy);
    for target in &mut targets {
        target.phones = phones(conn, target.contact_id)?;
        target.emails = emails(conn, target.contact_id)?;
        target.last_call = conn
            .query_row(
                &format!(
                    "SELECT {CALL_COLUMNS} FROM incident_call WHERE incident_id = ?1 AND contact_id = ?2
                      ORDER BY at DESC, id DESC LIMIT 1"
                ),
                params![incident_id, target.contact_id],
                call_from_row,
            )
            .optional()?;
    }
    Ok(targets)
}

/// What steps 1–2 and the company profile already say, which the reporting interview starts
/// from: step 2's answer "personal information may have leaked" as last confirmed, or personal
/// data among the facts recorded (an incident assessed before step 2 asked it).
pub fn interview_start(conn: &dyn Db, id: i64) -> Result<InterviewStart> {
    type Row = (CaseKind, chrono::DateTime<chrono::FixedOffset>, Option<String>, crate::rules::IncidentStage, Option<String>);
    let (case_kind, discovered_at, category, stage, facts): Row =
        conn.query_row("SELECT case_key, discovered_at, category_key, stage, facts FROM incident WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    let recorded_data = facts
        .and_then(|json| parse_facts(&json).ok())
        .is_some_and(|facts| facts.personal_data.at_risk.held() || facts.entrusted_data.is_some());
    let company = crate::company::company_profile(conn)?;
    let severity = conn
        .query_row(
            "SELECT data FROM timeline_entry WHERE incident_id = ?1 AND kind = 'severity' ORDER BY id DESC LIMIT 1",
            [id],
            |r| r.get::<_, String>(0),
        )
        .optional()?;
    let personal_data_involved = severity
        .and_then(|data| serde_json::from_str::<serde_json::Value>(&data).ok())
        .and_then(|data| data.pointer("/answers/personal_data_involved").and_then(serde_json::Value::as_bool))
        .unwrap_or(false);
    let personal_data_involved = personal_data_involved || recorded_data;
    Ok(InterviewStart::new(case_kind, discovered_at, category.as_deref(), stage, personal_data_involved, &company))
}

/// Where the reporting interview of incident `id` stands after `replies` (see
/// [`crate::incident::interview`]); a reply that does not answer its question, or counts that
/// contradict each other, are refused as invalid facts.
pub fn interview(conn: &dyn Db, id: i64, replies: &[Replied], details: &ReportingDetails) -> Result<InterviewState> {
    let start = interview_start(conn, id)?;
    crate::incident::interview::interview(&start, replies, details)
        .map_err(|e| crate::store::refused(crate::error_code::ErrorCode::InvalidFacts, e.to_string()))
}
