//! The submission drafts: what each authority's form asks, in the form's order, filled with the
//! company's facts. A [`Draft`] is one list of parts; it is printed as a PDF and written as the
//! plain text the app copies for the web form, so the two can never say different things.
//!
//! Contents follow the forms of docs/rules.md §11: the PPC report (the online form's questions, then
//! the nine items of PPC rule art. 8(1)) and its My Number counterpart, the notices to the people
//! affected, to a client (rule art. 9) and to the cyber insurer, the IPA malware and
//! unauthorized-access reports, the JPCERT/CC form, a 5W1H memo for the police, and GDPR arts. 33
//! and 34. Anything the file does not know yet reads 「調査中」; company details not entered yet say
//! where to enter them.
//!
//! Each addressee's form is a file of its own (`ppc`, `insurer`, `ipa`, `jpcert`, `police`,
//! `gdpr`); what several forms share — the reporter, the company, the summary, the desks, the
//! other reports — is here, beside [`Form`]'s choice of form for a document.

mod gdpr;
mod insurer;
mod ipa;
mod jpcert;
mod police;
mod ppc;

use crate::contacts;
use crate::policy;
use crate::store::Db;
use serde::Serialize;

use super::incident::{self, obligation};
use super::Context;
use super::{required_incident, Document, ExportOptions, RenderError, ReportStage};
use crate::incident::affected_data::{DataItem, DataItems};
use crate::incident::IncidentDetail;
use crate::incident::ObligationRecord;
use crate::incident::ObligationStatus;
use crate::policy::Contact;
use crate::rules::{self, Authority, Ground};

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
    Field {
        label: String,
        value: String,
    },
    /// Column titles with their shares of the width, and rows.
    Table {
        columns: Vec<(String, f32)>,
        rows: Vec<Vec<String>>,
    },
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
pub fn draft(conn: &dyn Db, document: Document, options: &ExportOptions, context: &Context) -> Result<Draft, RenderError> {
    with_form(conn, document, options, context, |form| form.draft_of(document, options.stage))?
}

/// Reads what the documents about the incident of `options` need and hands it to `write`.
pub(super) fn with_form<T>(
    conn: &dyn Db,
    document: Document,
    options: &ExportOptions,
    context: &Context,
    write: impl FnOnce(&Form) -> T,
) -> Result<T, RenderError> {
    let incident = incident::read(conn, required_incident(document, options)?)?;
    let reporter = reporter(conn)?;
    let insurer = match context.company.insurer_contact_id {
        Some(id) => Some(contacts::contact(conn, id)?.name),
        None => None,
    };
    Ok(write(&Form { context, incident: &incident, reporter: reporter.as_ref(), insurer }))
}

impl Form<'_> {
    fn draft_of(&self, document: Document, stage: ReportStage) -> Result<Draft, RenderError> {
        let form = self;
        Ok(match document {
            Document::PpcDraft => form.ppc(stage, Report::Appi),
            Document::PpcMyNumberDraft => form.ppc(stage, Report::MyNumber),
            Document::InsurerNotice => form.insurer_notice(),
            Document::IpaDraft if form.is_malware() => form.ipa_malware(),
            Document::IpaDraft | Document::IpaAccessDraft => form.ipa_access(),
            Document::JpcertDraft => form.jpcert(),
            Document::PoliceMemo => form.police(),
            Document::GdprDraft => {
                form.due_to(document, Authority::EuSupervisoryAuthority)?;
                form.gdpr()
            }
            Document::GdprSubjectNotice => {
                form.due_to(document, Authority::EuDataSubjects)?;
                form.gdpr_subject_notice()
            }
            // Not drafts of this form: the plan's documents, the report, the letters and the
            // ジギョケイ are made elsewhere. Named one by one, so that a new document must say
            // where it is made.
            Document::Policy
            | Document::Bcp
            | Document::ContactsCard
            | Document::ReadinessSummary
            | Document::ExerciseReport
            | Document::Jigyokei
            | Document::IncidentReport
            | Document::DataSubjectNotice
            | Document::ClientNotice
            | Document::PublicNotice => return Err(RenderError::NotADraft { document: document.key() }),
        })
    }
}

/// Who writes on the company's behalf: the incident response manager, else the chief, else the
/// first person of the call tree.
fn reporter(conn: &dyn Db) -> Result<Option<Contact>, RenderError> {
    let policy = policy::read::policy(conn)?;
    let holder = |key: &str| policy.roles.iter().find(|r| r.key == key).and_then(|r| r.holder.clone());
    Ok(match holder("manager").or_else(|| holder("chief")) {
        Some(person) => Some(person),
        None => policy::read::call_tree(conn)?.into_iter().next(),
    })
}

/// Which law a PPC report is made under: the APPI (個人情報保護法 art. 26) or the My Number Act
/// (番号法 art. 29-4), whose form also covers the APPI report when both are due.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Report {
    Appi,
    MyNumber,
}

pub(super) struct Form<'a> {
    pub(super) context: &'a Context<'a>,
    pub(super) incident: &'a IncidentDetail,
    pub(super) reporter: Option<&'a Contact>,
    /// The cyber insurer chosen in the company profile, by name.
    insurer: Option<String>,
}

impl Form<'_> {
    pub(super) fn t(&self, key: &str) -> &'static str {
        self.context.text(key)
    }

    /// Refuses a draft to `authority` when the incident's current assessment owes it nothing: a
    /// GDPR notice where the GDPR does not apply would tell an EU authority of a breach it has no
    /// part in. The message is for the log and the command line, in English.
    fn due_to(&self, document: Document, authority: Authority) -> Result<(), RenderError> {
        match obligation(self.incident, authority) {
            Some(o) if o.current => Ok(()),
            _ => Err(RenderError::NotDue {
                document: document.key(),
                addressee: rules::authority_name(authority, crate::language::Language::En),
            }),
        }
    }

    fn field(&self, key: &str, value: impl Into<String>) -> Part {
        Part::Field { label: self.t(key).to_owned(), value: value.into() }
    }

    pub(super) fn known(&self, text: &str) -> String {
        self.context.known(text)
    }

    fn draft(&self, title: String, parts: Vec<Part>) -> Draft {
        Draft { title, note: self.t("draft.note").to_owned(), parts }
    }

    /// The company and the person to contact about the report; for a reader `abroad`, the phone
    /// as dialled from outside Japan.
    fn reporter_parts(&self, abroad: bool) -> Vec<Part> {
        let unknown = || self.t("unknown").to_owned();
        let person = self.reporter.map_or_else(unknown, |p| {
            if p.title.is_empty() {
                p.name.clone()
            } else {
                self.context.words().fill("person_with_title", &[("name", &p.name), ("title", &p.title)])
            }
        });
        let phone = self.reporter.and_then(|p| p.phones.first()).map_or_else(unknown, |p| {
            if abroad {
                international_phone(&p.number)
            } else {
                p.number.clone()
            }
        });
        let email = self.reporter.and_then(|p| p.first_email()).map_or_else(unknown, |e| e.address.clone());
        vec![
            Part::Heading(self.t("draft.reporter").to_owned()),
            self.field("draft.company", self.context.company.name.clone()),
            self.field("draft.contact_person", person),
            self.field("draft.phone", phone),
            self.field("draft.email", email),
        ]
    }

    /// A company detail, or where to enter it when it is not set.
    fn detail(&self, value: &str) -> String {
        if value.trim().is_empty() {
            self.t("draft.not_set").to_owned()
        } else {
            value.trim().to_owned()
        }
    }

    /// The reporter as the PPC form asks: the business (name, address, representative, 法人番号,
    /// business type), then the person to contact.
    fn corporate_parts(&self) -> Vec<Part> {
        let details = &self.context.company.details;
        let mut parts = self.reporter_parts(false);
        parts.splice(
            2..2,
            [
                self.field("draft.address", self.detail(&details.address)),
                self.field("draft.representative", self.detail(&details.representative)),
                self.field("draft.corporate_number", self.detail(&details.corporate_number)),
                self.field("draft.business_type", self.detail(&details.business_type)),
            ],
        );
        parts
    }

    fn addressee(&self, authority: Authority) -> String {
        obligation(self.incident, authority)
            .and_then(|o| o.contact.as_ref())
            .map(|c| c.name.clone())
            .unwrap_or_else(|| rules::authority_name(authority, self.context.language).to_owned())
    }

    pub(super) fn discovered_at(&self) -> String {
        self.context.instant(&self.incident.discovered_at)
    }

    /// 発生日時, or that it is not known.
    fn occurred_at(&self) -> String {
        match &self.incident.occurred_at {
            Some(at) => self.context.instant(at),
            None => self.t("occurred_unknown").to_owned(),
        }
    }

    /// When it happened and was found, how it was found, and what happened. Who found it is the
    /// office's own business: the forms ask only for the reporter.
    fn summary(&self) -> String {
        let words = self.context.words();
        let mut lines = vec![
            words.fill("summary.occurred_at", &[("when", &self.occurred_at())]),
            words.fill("summary.discovered_at", &[("when", &self.discovered_at())]),
            words.fill("summary.how_found", &[("how", &self.known(&self.incident.details.how_found))]),
            words.fill("summary.harm", &[("harm", &self.harm_names())]),
        ];
        if !self.incident.details.data.whose.is_empty() {
            lines.push(words.fill("summary.whose", &[("whose", &incident::whose(self.context, self.incident))]));
        }
        lines.push(self.known(&self.incident.description));
        lines.join("\n")
    }

    /// 漏えい・滅失・毀損 as recorded.
    fn harm_names(&self) -> String {
        incident::harms(self.incident)
            .into_iter()
            .map(|h| self.t(&format!("harm.{}", h.key())))
            .collect::<Vec<_>>()
            .join(self.t("list_separator"))
    }

    /// The situations of the rules that make the report due, each named by its article and item
    /// (施行規則第7条第1号 …; the My Number rules art. 2).
    pub(super) fn triggers(&self, obligation: Option<&ObligationRecord>) -> String {
        let lang = self.context.language;
        let lines: Vec<String> = obligation
            .map(|o| {
                o.grounds
                    .iter()
                    .filter_map(|g| {
                        article_key(*g).map(|key| {
                            self.context
                                .words()
                                .fill("trigger", &[("article", self.t(key)), ("text", rules::ground_text(*g, lang))])
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        if lines.is_empty() {
            self.t("ppc.no_trigger").to_owned()
        } else {
            lines.join("\n")
        }
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

    /// Whether the company's own data is among what was hit (else only a client's is), as the
    /// rules read the facts.
    fn own_data_affected(&self) -> bool {
        self.incident.facts.as_ref().is_some_and(rules::own_data_affected)
    }

    /// The bodies already told, each with the day it was sent (the obligations marked sent), but
    /// for those in `leave_out`: the addressee of the draft itself, and the people and the client,
    /// who are not bodies one reports to.
    fn other_reports(&self, leave_out: &[Authority]) -> String {
        let lang = self.context.language;
        let words = self.context.words();
        let line = |o: &ObligationRecord, key: &str, day: chrono::NaiveDate, reference: &str| {
            let mut line =
                words.fill(key, &[("addressee", rules::authority_name(o.authority, lang)), ("date", &self.context.date(day))]);
            if !reference.is_empty() {
                line.push_str(&words.fill("other.reference", &[("number", reference)]));
            }
            line
        };
        let mut lines = Vec::new();
        for o in self.incident.obligations.iter().filter(|o| !leave_out.contains(&o.authority)) {
            if let Some(day) = o.preliminary_sent_on {
                lines.push(line(o, "other.sent_preliminary", day, &o.preliminary_reference));
            }
            if let Some(day) = o.sent_on.filter(|_| o.status == ObligationStatus::Sent) {
                let key = if o.two_stages { "other.sent_final" } else { "other.sent" };
                lines.push(line(o, key, day, &o.reference_number));
            }
        }
        if lines.is_empty() {
            self.t("none").to_owned()
        } else {
            lines.join("\n")
        }
    }

    /// The inquiry desk the company chose for the public, or a visible request to set one —
    /// never a person's own number.
    pub(super) fn inquiry_desk(&self) -> String {
        self.desk(false)
    }

    /// The inquiry desk for readers abroad (the GDPR notices): the phone number dialled from
    /// outside Japan and the hours with their time zone.
    fn desk_for_abroad(&self) -> String {
        self.desk(true)
    }

    fn desk(&self, abroad: bool) -> String {
        let desk = &self.context.company.details.inquiry_desk;
        if !desk.is_set() {
            return self.t("notice.desk_missing").to_owned();
        }
        let words = self.context.words();
        let name = if desk.name.trim().is_empty() { self.context.company.name.clone() } else { desk.name.trim().to_owned() };
        let mut lines = vec![format!("{} {name}", self.context.company.name)];
        if !desk.phone.trim().is_empty() {
            let phone = if abroad { international_phone(&desk.phone) } else { desk.phone.trim().to_owned() };
            lines.push(words.fill("notice.desk_phone", &[("phone", &phone)]));
        }
        if !desk.email.trim().is_empty() {
            lines.push(words.fill("notice.desk_email", &[("email", desk.email.trim())]));
        }
        if !desk.hours.trim().is_empty() {
            let key = if abroad { "notice.desk_hours_zone" } else { "notice.desk_hours" };
            lines.push(words.fill(key, &[("hours", desk.hours.trim())]));
        }
        lines.join("\n")
    }

    /// What the person can do about their data, item by item, after the general warning.
    pub(super) fn advice(&self, items: &DataItems) -> String {
        let mut lines = vec![self.t("notice.advice").to_owned()];
        for (item, key) in [
            (DataItem::CardNumber, "notice.advice.card"),
            (DataItem::BankAccount, "notice.advice.bank"),
            (DataItem::Credentials, "notice.advice.credentials"),
            (DataItem::MyNumber, "notice.advice.my_number"),
        ] {
            if items.has(item) {
                lines.push(self.t(key).to_owned());
            }
        }
        lines.join("\n")
    }
}

/// A Japanese phone number as dialled from abroad: 03-0000-1199 → +81 3-0000-1199. A number
/// already international, or not in the domestic form, is left as written.
pub(super) fn international_phone(phone: &str) -> String {
    let phone = phone.trim();
    match phone.strip_prefix('0') {
        Some(rest) if !rest.starts_with('0') && !rest.is_empty() => format!("+81 {rest}"),
        _ => phone.to_owned(),
    }
}

/// The article and item of the rules a ground stands for (APPI rule art. 7 items 1–4, or the My
/// Number rules art. 2), or `None` for grounds that are not a reporting trigger of the PPC.
fn article_key(ground: Ground) -> Option<&'static str> {
    Some(match ground {
        Ground::SensitiveData => "article.appi_7_1",
        Ground::FinancialDamageRisk => "article.appi_7_2",
        Ground::UnlawfulPurpose | Ground::BeingAcquiredUnlawful => "article.appi_7_3",
        Ground::Over1000Subjects | Ground::SubjectsMayExceed1000 => "article.appi_7_4",
        Ground::MyNumberUnlawfulPurpose => "article.my_number_2_2",
        Ground::MyNumberPublic => "article.my_number_2_3",
        Ground::MyNumberOver100Subjects | Ground::MyNumberMayExceed100 => "article.my_number_2_4",
        Ground::EntrustedData
        | Ground::PrivacyMarkHolder
        | Ground::EuSubjects
        | Ground::EuHighRisk
        | Ground::FinanceSector
        | Ground::CommunicationsSecrecy
        | Ground::MedicalCyberattack
        | Ground::CyberInsurance
        | Ground::IsmsCertified
        | Ground::UnauthorizedAccess
        | Ground::Malware
        | Ground::CrimeSuspected
        | Ground::Ransomware => return None,
    })
}
