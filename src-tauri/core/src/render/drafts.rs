//! The submission drafts: what each authority's form asks, in the form's order, filled with the
//! company's facts. A [`Draft`] is one list of parts; it is printed as a PDF and written as the
//! plain text the app copies for the web form, so the two can never say different things.
//!
//! Contents follow the forms of docs/rules.md §7: the nine items of PPC rule art. 8(1), the notice to the people
//! affected, the IPA malware and unauthorized-access reports, the JPCERT/CC form, a 5W1H memo for
//! the police, and GDPR art. 33(3). Anything the file does not know yet reads 「調査中」.

use rusqlite::Connection;
use serde::Serialize;

use super::documents::Context;
use super::incident::{self, data_items, due_by, lang, obligation, subjects};
use super::{required_incident, Document, ExportOptions, RenderError, ReportStage};
use crate::model::{IncidentDetail, IncidentStage, ObligationStatus};
use crate::policy::Contact;
use crate::rules::{self, Authority, IncidentCategory, Stage};
use crate::store;
use crate::wizard::CaseKind;

/// A submission draft: a title, a note on how to use it, and the form's parts in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub title: String,
    pub note: String,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Part {
    Heading(String),
    Paragraph(String),
    /// One field of the form.
    Field { label: String, value: String },
    /// Column titles with their shares of the width, and rows.
    Table { columns: Vec<(String, f32)>, rows: Vec<Vec<String>> },
}

impl Draft {
    /// The draft as plain text, field by field, for pasting into the authority's web form.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n{}\n", self.title, self.note);
        for part in &self.parts {
            match part {
                Part::Heading(text) => out.push_str(&format!("\n■ {text}\n")),
                Part::Paragraph(text) => out.push_str(&format!("\n{text}\n")),
                Part::Field { label, value } => out.push_str(&format!("\n● {label}\n{value}\n")),
                Part::Table { columns, rows } => {
                    let titles: Vec<&str> = columns.iter().map(|(t, _)| t.as_str()).collect();
                    out.push_str(&format!("\n{}\n", titles.join("\t")));
                    for row in rows {
                        out.push_str(&row.iter().map(|c| c.replace('\n', " ")).collect::<Vec<_>>().join("\t"));
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

/// The draft of `document` for the incident of `options`.
pub fn draft(conn: &Connection, document: Document, options: &ExportOptions, context: &Context) -> Result<Draft, RenderError> {
    let incident = incident::read(conn, required_incident(document, options)?)?;
    let reporter = reporter(conn)?;
    let form = Form { context, incident: &incident, reporter: reporter.as_ref() };
    Ok(match document {
        Document::PpcDraft => form.ppc(options.stage),
        Document::DataSubjectNotice => form.data_subject_notice(),
        Document::IpaDraft => form.ipa(),
        Document::JpcertDraft => form.jpcert(),
        Document::PoliceMemo => form.police(),
        Document::GdprDraft => form.gdpr(),
        _ => return Err(RenderError::NotADraft { document: document.name() }),
    })
}

/// Who writes on the company's behalf: the incident response manager, else the chief, else the
/// first person of the call tree.
fn reporter(conn: &Connection) -> Result<Option<Contact>, RenderError> {
    let policy = store::policy(conn)?;
    let holder = |key: &str| policy.roles.iter().find(|r| r.key == key).and_then(|r| r.holder.clone());
    Ok(match holder("manager").or_else(|| holder("chief")) {
        Some(person) => Some(person),
        None => store::call_tree(conn)?.into_iter().next(),
    })
}

struct Form<'a> {
    context: &'a Context<'a>,
    incident: &'a IncidentDetail,
    reporter: Option<&'a Contact>,
}

impl Form<'_> {
    fn t(&self, key: &str) -> &'static str {
        self.context.text(key)
    }

    fn field(&self, key: &str, value: impl Into<String>) -> Part {
        Part::Field { label: self.t(key).to_owned(), value: value.into() }
    }

    fn known(&self, text: &str) -> String {
        self.context.known(text)
    }

    fn draft(&self, title: String, parts: Vec<Part>) -> Draft {
        Draft { title, note: self.t("draft.note").to_owned(), parts }
    }

    /// The company and the person to contact about the report.
    fn reporter_parts(&self) -> Vec<Part> {
        let unknown = || self.t("unknown").to_owned();
        let person = self.reporter.map_or_else(unknown, |p| {
            if p.title.is_empty() {
                p.name.clone()
            } else {
                self.context.words().fill("person_with_title", &[("name", &p.name), ("title", &p.title)])
            }
        });
        let phone = self.reporter.and_then(|p| p.phones.first()).map_or_else(unknown, |p| p.number.clone());
        let email = self.reporter.and_then(|p| p.first_email()).map_or_else(unknown, |e| e.address.clone());
        vec![
            Part::Heading(self.t("draft.reporter").to_owned()),
            self.field("draft.company", self.context.company.name.clone()),
            self.field("draft.contact_person", person),
            self.field("draft.phone", phone),
            self.field("draft.email", email),
        ]
    }

    fn addressee(&self, authority: Authority) -> String {
        obligation(self.incident, authority)
            .and_then(|o| o.contact.as_ref())
            .map(|c| c.name.clone())
            .unwrap_or_else(|| rules::authority_name(authority, lang(self.context)).to_owned())
    }

    fn discovered_at(&self) -> String {
        self.context.instant(&self.incident.discovered_at)
    }

    /// When it was found, by whom, and what happened.
    fn summary(&self) -> String {
        let words = self.context.words();
        [
            words.fill("summary.discovered_at", &[("when", &self.discovered_at())]),
            words.fill("summary.discovered_by", &[("who", &self.known(&self.incident.discovered_by))]),
            self.known(&self.incident.description),
        ]
        .join("\n")
    }

    fn measures(&self) -> String {
        let words = self.context.words();
        let recovery = &self.incident.recovery;
        let parts: Vec<String> = [("measures.taken", &recovery.measures_taken), ("measures.planned", &recovery.measures_planned)]
            .into_iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(key, text)| words.fill(key, &[("text", text.trim())]))
            .collect();
        if parts.is_empty() {
            self.t("unknown").to_owned()
        } else {
            parts.join("\n")
        }
    }

    /// 漏えい等報告 — the nine items of PPC rule art. 8(1), in that order.
    fn ppc(&self, stage: ReportStage) -> Draft {
        let (stage_key, rule_stage) = match stage {
            ReportStage::Preliminary => ("ppc.preliminary", Stage::Preliminary),
            ReportStage::Final => ("ppc.final", Stage::Final),
        };
        let words = self.context.words();
        let title = words.fill("ppc.title", &[("stage", self.t(stage_key))]);
        let ppc = obligation(self.incident, Authority::Ppc).or_else(|| obligation(self.incident, Authority::PpcMyNumber));
        let due = ppc
            .and_then(|o| o.deadlines.iter().find(|d| d.stage == rule_stage))
            .map(|d| due_by(self.context, d.due_by))
            .unwrap_or_else(|| self.t("ppc.no_obligation").to_owned());
        let recovery = &self.incident.recovery;
        let mut parts = vec![
            self.field("draft.addressee", self.addressee(Authority::Ppc)),
            self.field("ppc.report_kind", self.t(stage_key)),
            self.field("draft.date", self.context.date(self.context.issued_on)),
            self.field("ppc.due", due),
        ];
        parts.extend(self.reporter_parts());
        parts.push(Part::Heading(self.t("ppc.items").to_owned()));
        parts.extend([
            self.field("ppc.item1", self.summary()),
            self.field("ppc.item2", data_items(self.context, self.incident)),
            self.field("ppc.item3", subjects(self.context, self.incident)),
            self.field("ppc.item4", self.known(&recovery.cause)),
            self.field("ppc.item5", self.known(&recovery.secondary_damage)),
            self.field("ppc.item6", self.known(&recovery.subject_response)),
            self.field("ppc.item7", self.known(&recovery.publication)),
            self.field("ppc.item8", self.measures()),
            self.field("ppc.item9", self.other_matters(ppc)),
        ]);
        self.draft(title, parts)
    }

    /// その他参考となる事項: why the report is due, and who else has been told.
    fn other_matters(&self, ppc: Option<&crate::model::ObligationRecord>) -> String {
        let lang = lang(self.context);
        let words = self.context.words();
        let mut lines = Vec::new();
        if let Some(ppc) = ppc {
            let grounds: Vec<&str> = ppc.grounds.iter().map(|g| rules::ground_text(*g, lang)).collect();
            if !grounds.is_empty() {
                lines.push(words.fill("other.grounds", &[("grounds", &grounds.join(self.t("list_separator")))]));
            }
        }
        for other in self.incident.obligations.iter().filter(|o| {
            !matches!(o.authority, Authority::Ppc | Authority::PpcMyNumber)
                && matches!(o.status, ObligationStatus::Sent | ObligationStatus::Drafted)
        }) {
            lines.push(words.fill(
                "other.addressee",
                &[
                    ("addressee", rules::authority_name(other.authority, lang)),
                    ("status", &incident::obligation_status(self.context, other).replace('\n', self.t("list_separator"))),
                ],
            ));
        }
        if lines.is_empty() {
            self.t("none").to_owned()
        } else {
            lines.join("\n")
        }
    }

    /// 本人への通知 — the letter to each person whose data was affected.
    fn data_subject_notice(&self) -> Draft {
        let words = self.context.words();
        let recovery = &self.incident.recovery;
        let inquiry = self.reporter.map_or_else(
            || self.t("unknown").to_owned(),
            |p| {
                let phone = p.phones.first().map(|x| x.number.as_str()).unwrap_or_default();
                let email = p.first_email().map(|x| x.address.as_str()).unwrap_or_default();
                words.fill(
                    "notice.inquiry_text",
                    &[("company", &self.context.company.name), ("name", &p.name), ("phone", phone), ("email", email)],
                )
            },
        );
        let parts = vec![
            Part::Paragraph(words.fill(
                "notice.from",
                &[("date", &self.context.date(self.context.issued_on)), ("company", &self.context.company.name)],
            )),
            Part::Paragraph(self.t("notice.opening").to_owned()),
            self.field("notice.summary", self.summary()),
            self.field("notice.items", data_items(self.context, self.incident)),
            self.field("notice.cause", self.known(&recovery.cause)),
            self.field("notice.secondary_damage", self.known(&recovery.secondary_damage)),
            self.field("notice.other", format!("{}\n{}", self.measures(), self.t("notice.advice"))),
            self.field("notice.inquiry", inquiry),
            Part::Paragraph(self.t("notice.closing").to_owned()),
        ];
        self.draft(self.t("notice.title").to_owned(), parts)
    }

    fn is_malware(&self) -> bool {
        matches!(self.incident.case_kind, CaseKind::Malware | CaseKind::Ransomware)
            || self.incident.category.as_deref() == Some("malware")
            || self.incident.facts.as_ref().is_some_and(|f| f.malware || f.category == IncidentCategory::Malware)
    }

    /// IPA コンピュータウイルス届出, or 不正アクセス届出 when no malware is involved.
    fn ipa(&self) -> Draft {
        let recovery = &self.incident.recovery;
        let unknown = self.t("unknown");
        let mut parts = self.reporter_parts();
        if self.is_malware() {
            parts.push(Part::Heading(self.t("ipa.malware.details").to_owned()));
            let found_or_infected =
                if self.incident.stage == IncidentStage::Incident { "ipa.infected" } else { "ipa.found" };
            parts.extend([
                self.field("ipa.found_or_infected", self.t(found_or_infected)),
                self.field("ipa.malware_name", self.known(&self.incident.description)),
                self.field("ipa.date_and_count", self.context.words().fill("ipa.date_and_count_text", &[("when", &self.discovered_at()), ("count", unknown)])),
                self.field("ipa.where_found", self.known(&self.incident.discovered_by)),
                self.field("ipa.environment", unknown),
                self.field("ipa.how_found", self.known(&self.incident.description)),
                self.field("ipa.route", self.known(&recovery.cause)),
                self.field("ipa.damage", self.known(&recovery.secondary_damage)),
                self.field("ipa.measures", self.measures()),
            ]);
            return self.draft(self.t("ipa.malware.title").to_owned(), parts);
        }
        parts.push(Part::Heading(self.t("ipa.access.details").to_owned()));
        parts.extend([
            self.field("ipa.access.when", self.discovered_at()),
            self.field("ipa.access.what", self.known(&self.incident.description)),
            self.field("ipa.access.system", unknown),
            self.field("ipa.route", self.known(&recovery.cause)),
            self.field("ipa.damage", self.known(&recovery.secondary_damage)),
            self.field("ipa.measures", self.measures()),
        ]);
        self.draft(self.t("ipa.access.title").to_owned(), parts)
    }

    /// JPCERT/CC インシデント報告.
    fn jpcert(&self) -> Draft {
        let unknown = self.t("unknown");
        let offset = chrono::DateTime::parse_from_rfc3339(&self.incident.discovered_at)
            .map(|at| at.format("UTC%:z").to_string())
            .unwrap_or_else(|_| unknown.to_owned());
        let logs = if self.incident.timeline.is_empty() {
            unknown.to_owned()
        } else {
            self.incident.timeline.iter().map(|e| format!("{} {}", e.at, e.message)).collect::<Vec<_>>().join("\n")
        };
        let mut parts = self.reporter_parts();
        parts.push(Part::Heading(self.t("jpcert.details").to_owned()));
        parts.extend([
            self.field("jpcert.purpose", self.t("jpcert.purpose_text")),
            self.field("jpcert.source", unknown),
            self.field("jpcert.description", self.known(&self.incident.description)),
            self.field("jpcert.system", unknown),
            self.field("jpcert.protocol", unknown),
            self.field("jpcert.software", unknown),
            self.field("jpcert.time", self.context.words().fill("jpcert.time_text", &[("when", &self.discovered_at()), ("zone", &offset)])),
            self.field("jpcert.logs", logs),
        ]);
        self.draft(self.t("jpcert.title").to_owned(), parts)
    }

    /// 警察への相談メモ — 5W1H, what to bring, and the timeline.
    fn police(&self) -> Draft {
        let recovery = &self.incident.recovery;
        let company = self.context.company;
        let place = if company.prefecture.is_empty() {
            company.name.clone()
        } else {
            format!("{} {}", company.prefecture, company.name)
        };
        let mut parts = vec![
            Part::Paragraph(self.t("police.intro").to_owned()),
            Part::Heading(self.t("police.five_w").to_owned()),
            self.field("police.when", self.discovered_at()),
            self.field("police.where", place),
            self.field("police.who", self.known(&self.incident.discovered_by)),
            self.field("police.what", self.known(&self.incident.description)),
            self.field("police.why", self.t("unknown")),
            self.field("police.how", self.known(&recovery.cause)),
            self.field("police.damage", self.known(&recovery.secondary_damage)),
        ];
        parts.extend(self.reporter_parts());
        parts.push(Part::Heading(self.t("police.bring").to_owned()));
        parts.push(Part::Paragraph(self.t("police.bring_list").to_owned()));
        parts.push(Part::Heading(self.t("police.timeline").to_owned()));
        parts.push(Part::Table {
            columns: vec![
                (self.t("col.when").to_owned(), 1.9),
                (self.t("col.who").to_owned(), 1.6),
                (self.t("col.what").to_owned(), 5.5),
            ],
            rows: incident::timeline_rows(self.context, self.incident),
        });
        self.draft(self.t("police.title").to_owned(), parts)
    }

    /// GDPR art. 33 notification, in the order of art. 33(3).
    fn gdpr(&self) -> Draft {
        let recovery = &self.incident.recovery;
        let unknown = self.t("unknown");
        let words = self.context.words();
        let eu = self.incident.facts.as_ref().map_or(0, |f| f.personal_data.at_risk.eu_subjects);
        let deadline = obligation(self.incident, Authority::EuSupervisoryAuthority)
            .and_then(|o| o.deadlines.first())
            .map(|d| due_by(self.context, d.due_by))
            .or_else(|| {
                chrono::DateTime::parse_from_rfc3339(&self.incident.discovered_at)
                    .ok()
                    .map(|at| self.context.instant(&rules::deadline::gdpr_notice_due(at).to_rfc3339()))
            })
            .unwrap_or_else(|| unknown.to_owned());
        let mut parts = vec![
            self.field("draft.addressee", self.addressee(Authority::EuSupervisoryAuthority)),
            self.field("gdpr.aware_at", self.discovered_at()),
            self.field("gdpr.deadline", deadline),
        ];
        parts.extend(self.reporter_parts());
        parts.push(Part::Heading(self.t("gdpr.details").to_owned()));
        parts.extend([
            self.field("gdpr.nature", self.known(&self.incident.description)),
            self.field(
                "gdpr.subjects",
                if eu > 0 { words.fill("gdpr.subjects_text", &[("people", &self.context.people(eu))]) } else { unknown.to_owned() },
            ),
            self.field("gdpr.records", data_items(self.context, self.incident)),
            self.field("gdpr.contact", self.reporter.map_or_else(|| unknown.to_owned(), |p| {
                let email = p.first_email().map(|e| e.address.as_str()).unwrap_or_default();
                words.fill("gdpr.contact_text", &[("name", &p.name), ("company", &self.context.company.name), ("email", email)])
            })),
            self.field("gdpr.consequences", self.known(&recovery.secondary_damage)),
            self.field("gdpr.measures", self.measures()),
        ]);
        self.draft(self.t("gdpr.title").to_owned(), parts)
    }
}
