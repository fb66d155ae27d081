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

use crate::contacts;
use crate::policy;
use rusqlite::Connection;
use serde::Serialize;

use super::incident::{self, data_items, due_by, obligation, subjects};
use super::Context;
use super::{required_incident, Document, ExportOptions, RenderError, ReportStage};
use crate::incident::affected_data::{DataItem, DataItems};
use crate::incident::gdpr_texts::GdprTexts;
use crate::incident::wizard::CaseKind;
use crate::incident::IncidentDetail;
use crate::incident::ObligationRecord;
use crate::incident::ObligationStatus;
use crate::policy::Contact;
use crate::rules::IncidentStage;
use crate::rules::{self, Authority, DeadlineStage, Ground, IncidentCategory};

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
pub fn draft(conn: &Connection, document: Document, options: &ExportOptions, context: &Context) -> Result<Draft, RenderError> {
    with_form(conn, document, options, context, |form| form.draft_of(document, options.stage))?
}

/// Reads what the documents about the incident of `options` need and hands it to `write`.
pub(super) fn with_form<T>(
    conn: &Connection,
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
fn reporter(conn: &Connection) -> Result<Option<Contact>, RenderError> {
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

    /// 漏えい等報告 — the online form's questions, then the nine items of PPC rule art. 8(1), in
    /// that order. The My Number report has the same items under the My Number Act; when My
    /// Numbers are involved the PPC's form takes the report on its My Number form, which then
    /// covers the APPI report too. A delegated sector's report is addressed to its ministry, and
    /// for finance one report covers the APPI and the sector-law report.
    fn ppc(&self, stage: ReportStage, report: Report) -> Draft {
        let (stage_key, rule_stage) = match stage {
            ReportStage::Preliminary => ("ppc.preliminary", DeadlineStage::Preliminary),
            ReportStage::Final => ("ppc.final", DeadlineStage::Final),
        };
        let words = self.context.words();
        let appi = obligation(self.incident, Authority::Ppc);
        let my_number = obligation(self.incident, Authority::PpcMyNumber);
        let fsa = obligation(self.incident, Authority::Fsa);
        let (title_key, this) = match report {
            Report::Appi => ("ppc.title", appi),
            Report::MyNumber => ("ppc.my_number.title", my_number),
        };
        let title = words.fill(title_key, &[("stage", self.t(stage_key))]);
        // A client's data whose client has not been told yet: the report is the company's own
        // until then (docs/rules.md §7.2), with the client notice's target and the final date the
        // card gives.
        let for_client = obligation(self.incident, Authority::Client)
            .filter(|o| report == Report::Appi && this.is_none() && o.current && o.own_report_due.is_some());
        let target = |o: &ObligationRecord| o.deadlines.iter().find(|d| d.stage == rule_stage).map(|d| d.due_by);
        let own_final = for_client.and_then(|o| o.own_report_due).map(rules::DueBy::Date);
        let due = match (this.and_then(target), for_client) {
            (Some(due), _) => Some(due),
            (None, Some(client)) if rule_stage == DeadlineStage::Preliminary => target(client),
            (None, Some(_)) => own_final,
            (None, None) => None,
        };
        let due = match due {
            Some(due) => {
                let key = if rule_stage == DeadlineStage::Preliminary { "ppc.due_target" } else { "ppc.due_legal" };
                words.fill(key, &[("date", &due_by(self.context, due))])
            }
            None if report == Report::Appi && fsa.is_some() => self.t("ppc.due_fsa").to_owned(),
            None => self.t("ppc.no_obligation").to_owned(),
        };
        let delegate = appi.and_then(|o| o.submit_to).filter(|_| report == Report::Appi);
        let delegate = delegate.or(fsa.filter(|_| report == Report::Appi).map(|_| rules::Delegate::Fsa));
        let addressee = match delegate {
            Some(delegate) => rules::delegate_name(delegate, self.context.language).to_owned(),
            None => self.addressee(if report == Report::Appi { Authority::Ppc } else { Authority::PpcMyNumber }),
        };
        let mut parts = vec![self.field("draft.addressee", addressee)];
        if let Some(delegate) = delegate {
            let key = if delegate == rules::Delegate::Fsa { "ppc.delegated_fsa" } else { "ppc.delegated_mic" };
            parts.push(self.field("ppc.delegated", self.t(key)));
        }
        parts
            .push(self.field("ppc.basis", self.t(if report == Report::Appi { "ppc.basis_appi" } else { "ppc.basis_my_number" })));
        if for_client.is_some() {
            parts.push(self.field("ppc.processor", self.t("ppc.processor_text")));
        }
        if report == Report::Appi && my_number.is_some() {
            parts.push(self.field("ppc.my_number_form", self.t("ppc.use_my_number_form")));
        }
        if report == Report::MyNumber && appi.is_some() && my_number.is_some() {
            parts.push(self.field("ppc.covers", self.t("ppc.covers_appi")));
        }
        parts.extend([
            self.field("ppc.report_kind", self.t(stage_key)),
            self.field("draft.date", self.context.date(self.context.issued_on)),
            self.field("ppc.due", due),
        ]);
        if stage == ReportStage::Final {
            parts.push(self.field("ppc.preliminary_sent", self.preliminary_sent(this)));
        }
        parts.extend(self.corporate_parts());
        parts.push(Part::Heading(self.t("ppc.questions").to_owned()));
        parts.extend([
            self.field("ppc.my_numbers", self.my_numbers_answer()),
            self.field("ppc.sector", self.sector_answer(delegate)),
            self.field("ppc.entrustment", self.entrustment()),
            self.field(
                "ppc.other_reports",
                self.other_reports(&[
                    Authority::Ppc,
                    Authority::PpcMyNumber,
                    Authority::Client,
                    Authority::DataSubjects,
                    Authority::EuDataSubjects,
                    Authority::Insurer,
                ]),
            ),
        ]);
        let recovery = &self.incident.recovery;
        parts.push(Part::Heading(self.t(if report == Report::Appi { "ppc.items" } else { "ppc.my_number.items" }).to_owned()));
        let mut overview = self.summary();
        overview.push('\n');
        overview.push_str(
            &words.fill("summary.triggers", &[("triggers", &self.triggers(this.or(appi).or(my_number).or(for_client)))]),
        );
        let (items, people) = match (for_client, self.incident.facts.as_ref().and_then(|f| f.entrusted_data.as_ref())) {
            (Some(_), Some(entrusted)) if !self.own_data_affected() => (
                super::incident::items_of(self.context, &self.incident.details.data.client, Some(&entrusted.at_risk)),
                super::incident::count_of(self.context, &entrusted.at_risk),
            ),
            _ => (data_items(self.context, self.incident), subjects(self.context, self.incident)),
        };
        parts.extend([
            self.field("ppc.item1", overview),
            self.field(if report == Report::Appi { "ppc.item2" } else { "ppc.my_number.item2" }, items),
            self.field(if report == Report::Appi { "ppc.item3" } else { "ppc.my_number.item3" }, people),
            self.field("ppc.item4", self.known(&recovery.cause)),
            self.field("ppc.item5", self.known(&recovery.secondary_damage)),
            self.field("ppc.item6", self.known(&recovery.subject_response)),
            self.field("ppc.item7", self.known(&recovery.publication)),
            self.field("ppc.item8", self.measures()),
            self.field("ppc.item9", self.other_matters(report, delegate)),
        ]);
        self.draft(title, parts)
    }

    /// The 速報 this 確報 follows: when it was sent and its reference number, or, when none was
    /// sent, that one report can cover both when everything is known at once.
    fn preliminary_sent(&self, report: Option<&ObligationRecord>) -> String {
        match report.and_then(|o| o.preliminary_sent_on.map(|day| (o, day))) {
            Some((o, day)) => {
                let reference =
                    if o.preliminary_reference.is_empty() { self.t("none").to_owned() } else { o.preliminary_reference.clone() };
                self.context
                    .words()
                    .fill("ppc.preliminary_sent_on", &[("date", &self.context.date(day)), ("reference", &reference)])
            }
            None => self.t("ppc.preliminary_not_sent").to_owned(),
        }
    }

    /// Whether the company's own data is among what was hit (else only a client's is), as the
    /// rules read the facts.
    fn own_data_affected(&self) -> bool {
        self.incident.facts.as_ref().is_some_and(rules::own_data_affected)
    }

    /// マイナンバーの有無, as the form asks first.
    fn my_numbers_answer(&self) -> String {
        let Some(facts) = &self.incident.facts else { return self.t("unknown").to_owned() };
        let data = &facts.personal_data.at_risk;
        let involved = data.my_number_involved == Some(true)
            || data.my_number_subjects > 0
            || data.my_number_public
            || self.incident.details.data.own.has(DataItem::MyNumber)
            || obligation(self.incident, Authority::PpcMyNumber).is_some();
        self.t(if involved { "ppc.my_numbers_yes" } else { "ppc.my_numbers_no" }).to_owned()
    }

    /// Whether the business is in a sector whose reports go to a ministry.
    fn sector_answer(&self, delegate: Option<rules::Delegate>) -> String {
        match delegate {
            Some(delegate) => self
                .context
                .words()
                .fill("ppc.sector_delegated", &[("ministry", rules::delegate_name(delegate, self.context.language))]),
            None => self.t("ppc.sector_not_delegated").to_owned(),
        }
    }

    /// The processor/client relationship: the company's own data, a client's it holds, or both.
    fn entrustment(&self) -> String {
        let Some(facts) = &self.incident.facts else { return self.t("unknown").to_owned() };
        let own = facts.personal_data.at_risk.involved != Some(false);
        match (&facts.entrusted_data, own) {
            (None, _) => self.t("ppc.entrustment_own").to_owned(),
            (Some(client), own) => {
                let told = if client.client_notified { "ppc.client_told" } else { "ppc.client_not_told" };
                let key = if own { "ppc.entrustment_both" } else { "ppc.entrustment_client" };
                format!("{}\n{}", self.t(key), self.t(told))
            }
        }
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

    /// その他参考となる事項: a combined report says what it covers.
    fn other_matters(&self, report: Report, delegate: Option<rules::Delegate>) -> String {
        let mut lines = Vec::new();
        if report == Report::Appi && delegate == Some(rules::Delegate::Fsa) && obligation(self.incident, Authority::Fsa).is_some()
        {
            lines.push(self.t("ppc.combined_fsa").to_owned());
        }
        if report == Report::MyNumber
            && obligation(self.incident, Authority::Ppc).is_some()
            && obligation(self.incident, Authority::PpcMyNumber).is_some()
        {
            lines.push(self.t("ppc.covers_appi").to_owned());
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

    /// 事故の連絡 to the cyber insurer: the policy, what happened and when, the first response,
    /// and what is not known yet (costs above all), as policies ask to be told without delay.
    fn insurer_notice(&self) -> Draft {
        let company = self.context.company;
        let insurer = self
            .insurer
            .clone()
            .or_else(|| obligation(self.incident, Authority::Insurer).and_then(|o| o.contact.as_ref()).map(|c| c.name.clone()));
        let done: Vec<String> =
            self.incident.tasks.iter().filter(|t| t.done_at.is_some()).map(|t| format!("・{}", t.text)).collect();
        let first_response = if done.is_empty() { self.t("unknown").to_owned() } else { done.join("\n") };
        let mut parts = vec![
            self.field("draft.addressee", insurer.unwrap_or_else(|| self.t("insurer.addressee").to_owned())),
            self.field("draft.date", self.context.date(self.context.issued_on)),
            self.field("insurer.policyholder", company.name.clone()),
            self.field("insurer.address", self.detail(&company.details.address)),
            self.field("insurer.policy_number", self.detail(&company.details.insurance_policy_number)),
        ];
        parts.extend(self.reporter_parts(false));
        parts.push(Part::Heading(self.t("insurer.details").to_owned()));
        parts.extend([
            self.field(
                "insurer.what",
                format!(
                    "{}\n{}",
                    self.t(&format!("case.{}", self.incident.case_kind.key())),
                    self.known(&self.incident.description)
                ),
            ),
            self.field("insurer.occurred_at", self.occurred_at()),
            self.field("insurer.discovered_at", self.discovered_at()),
            self.field("insurer.personal_data", self.every_count()),
            self.field("insurer.cause", self.known(&self.incident.recovery.cause)),
            self.field("insurer.first_response", first_response),
            self.field("insurer.prevention", self.measures()),
            self.field("insurer.damage", self.known(&self.incident.recovery.secondary_damage)),
            self.field("insurer.other_reports", self.other_reports(&[Authority::Insurer])),
            self.field("insurer.costs", self.t("insurer.costs_text")),
        ]);
        self.draft(self.t("insurer.title").to_owned(), parts)
    }

    /// The people affected, the company's own and the clients' each counted (the insurer covers
    /// both).
    fn every_count(&self) -> String {
        let Some(facts) = &self.incident.facts else { return self.t("unknown").to_owned() };
        let own = super::incident::count_of(self.context, &facts.personal_data.at_risk);
        let words = self.context.words();
        match &facts.entrusted_data {
            Some(client) => {
                let clients = words.fill("count.client", &[("count", &super::incident::count_of(self.context, &client.at_risk))]);
                if self.own_data_affected() {
                    [words.fill("count.own", &[("count", &own)]), clients].join("\n")
                } else {
                    clients
                }
            }
            None => own,
        }
    }

    fn is_malware(&self) -> bool {
        matches!(self.incident.case_kind, CaseKind::Malware | CaseKind::Ransomware)
            || self.incident.category.as_deref() == Some("malware")
            || self.incident.facts.as_ref().is_some_and(|f| f.malware || f.category == IncidentCategory::Malware)
    }

    /// The presumed route in or of infection: as the reporting step recorded it, else the cause.
    fn route(&self) -> String {
        let route = &self.incident.details.infection_route;
        self.known(if route.trim().is_empty() { &self.incident.recovery.cause } else { route })
    }

    /// 都道府県 where it happened: as typed, else the company's own, else 調査中.
    fn prefecture(&self) -> String {
        let typed = self.incident.details.technical.prefecture.trim();
        let prefecture = if typed.is_empty() { self.context.company.prefecture.trim() } else { typed };
        self.known(prefecture)
    }

    /// How many PCs were hit, or 調査中.
    fn pc_count(&self) -> String {
        match self.incident.details.technical.pc_count {
            Some(count) => self.context.words().fill("ipa.pcs", &[("count", &count.to_string())]),
            None => self.t("unknown").to_owned(),
        }
    }

    /// IPA コンピュータウイルス届出.
    fn ipa_malware(&self) -> Draft {
        let recovery = &self.incident.recovery;
        let mut parts = self.reporter_parts(false);
        {
            parts.push(Part::Heading(self.t("ipa.malware.details").to_owned()));
            let found_or_infected = if self.incident.stage == IncidentStage::Incident { "ipa.infected" } else { "ipa.found" };
            let details = &self.incident.details;
            parts.extend([
                self.field("ipa.found_or_infected", self.t(found_or_infected)),
                self.field("ipa.malware_name", self.known(&details.malware_name)),
                self.field(
                    "ipa.date_and_count",
                    self.context
                        .words()
                        .fill("ipa.date_and_count_text", &[("when", &self.discovered_at()), ("count", &self.pc_count())]),
                ),
                self.field("ipa.prefecture", self.prefecture()),
                self.field("ipa.where_found", self.known(&self.incident.details.technical.systems)),
                self.field("ipa.environment", self.known(&self.incident.details.technical.os)),
                self.field("ipa.how_found", self.known(&details.how_found)),
                self.field("ipa.route", self.route()),
                self.field("ipa.description", self.known(&self.incident.description)),
                self.field("ipa.damage", self.known(&recovery.secondary_damage)),
                self.field("ipa.measures", self.measures()),
            ]);
        }
        self.draft(self.t("ipa.malware.title").to_owned(), parts)
    }

    /// IPA 不正アクセス届出 — also where malware such as ransomware got in, so that both IPA
    /// reports can be made where both apply.
    fn ipa_access(&self) -> Draft {
        let recovery = &self.incident.recovery;
        let mut parts = self.reporter_parts(false);
        parts.push(Part::Heading(self.t("ipa.access.details").to_owned()));
        parts.extend([
            self.field("ipa.access.occurred_at", self.occurred_at()),
            self.field("ipa.access.when", self.discovered_at()),
            self.field("ipa.access.what", self.known(&self.incident.description)),
            self.field("ipa.prefecture", self.prefecture()),
            self.field("ipa.access.system", self.known(&self.incident.details.technical.systems)),
            self.field("ipa.environment", self.known(&self.incident.details.technical.os)),
            self.field("ipa.how_found", self.known(&self.incident.details.how_found)),
            self.field("ipa.route", self.route()),
            self.field("ipa.damage", self.known(&recovery.secondary_damage)),
            self.field("ipa.measures", self.measures()),
        ]);
        self.draft(self.t("ipa.access.title").to_owned(), parts)
    }

    /// JPCERT/CC インシデント報告.
    fn jpcert(&self) -> Draft {
        let unknown = self.t("unknown");
        let offset = self.incident.discovered_at.format("UTC%:z").to_string();
        let technical = &self.incident.details.technical;
        let mut parts = self.reporter_parts(false);
        parts.push(Part::Heading(self.t("jpcert.details").to_owned()));
        parts.extend([
            self.field("jpcert.purpose", self.t("jpcert.purpose_text")),
            self.field("jpcert.source", self.known(&technical.addresses_seen)),
            self.field("jpcert.description", self.known(&self.incident.description)),
            self.field("jpcert.system", self.known(&technical.systems)),
            self.field("jpcert.protocol", unknown),
            self.field("jpcert.software", self.known(&technical.os)),
            self.field(
                "jpcert.time",
                self.context.words().fill(
                    "jpcert.time_text",
                    &[("occurred", &self.occurred_at()), ("when", &self.discovered_at()), ("zone", &offset)],
                ),
            ),
            // Technical facts from the logs; the company's own response diary stays internal.
            self.field("jpcert.logs", self.known(&technical.log_times)),
        ]);
        self.draft(self.t("jpcert.title").to_owned(), parts)
    }

    /// 警察への相談メモ — 5W1H, what to bring, and the timeline.
    fn police(&self) -> Draft {
        let recovery = &self.incident.recovery;
        let company = self.context.company;
        let address = company.details.address.trim();
        let place = match (address.is_empty(), company.prefecture.is_empty()) {
            (false, _) => format!("{} {address}", company.name),
            (true, false) => format!("{} {}", company.prefecture, company.name),
            (true, true) => format!("{}\n{}", company.name, self.t("draft.not_set")),
        };
        let mut parts = vec![
            Part::Paragraph(self.t("police.intro").to_owned()),
            Part::Heading(self.t("police.five_w").to_owned()),
            self.field(
                "police.when",
                self.context
                    .words()
                    .fill("police.when_text", &[("occurred", &self.occurred_at()), ("found", &self.discovered_at())]),
            ),
            self.field("police.where", place),
            self.field("police.who", self.known(&self.incident.discovered_by)),
            self.field("police.what", self.known(&self.incident.description)),
            self.field("police.why", self.t("unknown")),
            self.field("police.how", self.route()),
            self.field("police.damage", self.known(&recovery.secondary_damage)),
        ];
        parts.extend(self.reporter_parts(false));
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

    /// An instant for the GDPR notices: in its own zone and in UTC.
    fn gdpr_time(&self, at: &chrono::DateTime<chrono::FixedOffset>) -> String {
        self.context.instant_and_utc(at)
    }

    /// The supervisory authority: the lead authority with an EU establishment (one-stop shop),
    /// else the authority of each member state where affected people live.
    fn gdpr_addressee(&self) -> String {
        let key = if self.context.company.eu_establishment == Some(true) { "gdpr.to_lead" } else { "gdpr.to_each" };
        self.t(key).to_owned()
    }

    /// GDPR art. 33 notification, in the order of art. 33(3); every time in its zone and in UTC.
    fn gdpr(&self) -> Draft {
        let unknown = self.t("unknown");
        let words = self.context.words();
        let eu = self.incident.facts.as_ref().map_or(0, |f| f.personal_data.at_risk.eu_subjects);
        let due_at = obligation(self.incident, Authority::EuSupervisoryAuthority)
            .and_then(|o| o.deadlines.first())
            .and_then(|d| match d.due_by {
                rules::DueBy::Instant(at) => Some(at),
                rules::DueBy::Date(_) => None,
            })
            .unwrap_or_else(|| rules::deadline::gdpr_notice_due(self.incident.discovered_at));
        let texts = &self.incident.gdpr_texts;
        // Notified after the day the 72 hours ran out: art. 33(1) asks for the reasons.
        let late = self.context.issued_on > due_at.date_naive();
        let occurred =
            self.incident.occurred_at.as_ref().map_or_else(|| self.t("occurred_unknown").to_owned(), |at| self.gdpr_time(at));
        let mut parts = vec![
            self.field("draft.addressee", self.gdpr_addressee()),
            self.field("gdpr.occurred_at", occurred),
            self.field("gdpr.aware_at", self.gdpr_time(&self.incident.discovered_at)),
            self.field("gdpr.deadline", self.gdpr_time(&due_at)),
        ];
        if late || GdprTexts::given(&texts.delay_reasons).is_some() {
            let reasons = GdprTexts::given(&texts.delay_reasons).unwrap_or(self.t("gdpr.delay_unwritten"));
            parts.push(self.field("gdpr.delay", reasons));
        }
        parts.extend(self.reporter_parts(true));
        if self.context.company.eu_establishment != Some(true) {
            let representative = self.context.company.details.eu_representative.trim();
            let representative = if representative.is_empty() { self.t("gdpr.representative_none") } else { representative };
            parts.push(self.field("gdpr.representative", representative));
        }
        parts.push(Part::Heading(self.t("gdpr.details").to_owned()));
        parts.extend([
            self.field("gdpr.nature", self.gdpr_nature()),
            self.field(
                "gdpr.subjects",
                if eu > 0 {
                    words.fill("gdpr.subjects_text", &[("people", &self.context.people(eu))])
                } else {
                    unknown.to_owned()
                },
            ),
            self.field("gdpr.records", data_items(self.context, self.incident)),
            self.field("gdpr.contact", self.gdpr_contact()),
            self.field("gdpr.consequences", self.gdpr_consequences()),
            self.field("gdpr.measures", self.gdpr_measures()),
        ]);
        self.draft(self.t("gdpr.title").to_owned(), parts)
    }

    // The narrative fields: the office's own English when written, else composed in English from
    // the record — never the staff's notes, which are in Japanese.

    /// What happened.
    fn gdpr_nature(&self) -> String {
        if let Some(text) = GdprTexts::given(&self.incident.gdpr_texts.nature) {
            return text.to_owned();
        }
        let harm = self.context.words().fill("summary.harm", &[("harm", &self.harm_names())]);
        format!("{harm}\n{}", self.what_happened(self.t("letter.gdpr.whose")))
    }

    fn gdpr_consequences(&self) -> String {
        GdprTexts::given(&self.incident.gdpr_texts.consequences).unwrap_or(self.t("letter.secondary")).to_owned()
    }

    fn gdpr_measures(&self) -> String {
        GdprTexts::given(&self.incident.gdpr_texts.measures).map_or_else(|| self.response(), str::to_owned)
    }

    /// The contact point of art. 33(3)(b): the person reporting, with the company.
    fn gdpr_contact(&self) -> String {
        self.reporter.map_or_else(
            || self.t("unknown").to_owned(),
            |p| {
                let email = p.first_email().map(|e| e.address.as_str()).unwrap_or_default();
                let mut text = self
                    .context
                    .words()
                    .fill("gdpr.contact_text", &[("name", &p.name), ("company", &self.context.company.name), ("email", email)]);
                if let Some(phone) = p.phones.first() {
                    text.push('\n');
                    text.push_str(
                        &self.context.words().fill("notice.desk_phone", &[("phone", &international_phone(&phone.number))]),
                    );
                }
                text
            },
        )
    }

    /// GDPR art. 34 — the notice to the people in the EU/EEA, in clear and plain language: what
    /// happened, the contact point, the likely consequences, the measures, and what they can do.
    fn gdpr_subject_notice(&self) -> Draft {
        let words = self.context.words();
        let items = &self.incident.details.data.own;
        let found = words.fill("gdpr34.found", &[("when", &self.gdpr_time(&self.incident.discovered_at))]);
        let what = format!("{found}\n{}", self.gdpr_nature());
        let contact =
            if self.context.company.details.inquiry_desk.is_set() { self.desk_for_abroad() } else { self.gdpr_contact() };
        let parts = vec![
            Part::Paragraph(words.fill(
                "gdpr34.from",
                &[("date", &self.context.date(self.context.issued_on)), ("company", &self.context.company.name)],
            )),
            Part::Paragraph(self.t("gdpr34.opening").to_owned()),
            self.field("gdpr34.what", what),
            self.field("gdpr34.data", data_items(self.context, self.incident)),
            self.field("gdpr34.consequences", self.gdpr_consequences()),
            self.field("gdpr34.measures", self.gdpr_measures()),
            self.field("gdpr34.advice", self.advice(items)),
            self.field("gdpr34.contact", contact),
            Part::Paragraph(self.t("gdpr34.closing").to_owned()),
        ];
        self.draft(self.t("gdpr34.title").to_owned(), parts)
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
