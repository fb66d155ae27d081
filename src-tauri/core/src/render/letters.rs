//! Letters that leave the office: the notice to the people whose data was affected (rule art. 10),
//! the public notice that stands in for it when they cannot be told one by one, and the notice to
//! the client whose data the office processes (rule art. 9).
//!
//! A letter is read by someone outside the company, so it is composed for that reader from the
//! record — the case, the dates, the data items, the count, what the office did — and never by
//! pasting the staff's own notes, names or form labels. It is worded です・ます, dated and signed as
//! a Japanese business letter (date and sender on the right, the representative's name, 以上),
//! and carries no draft note: the app shows that note on screen, beside the letter. What the
//! record cannot tell in a reader's words is left for the office to write in (docs/rules.md §11).

use crate::store::Db;
use chrono::Datelike;
use serde::Serialize;

use super::drafts::{with_form, Form, Part};
use super::incident::{count_of, harms, obligation, HeadCount};
use super::{Context, Document, ExportOptions, RenderError};
use crate::contacts::ContactKind;
use crate::incident::affected_data::DataItems;
use crate::incident::wizard::CaseKind;
use crate::incident::ObligationStatus;
use crate::language::Language;
use crate::rules::{Authority, DataAtRisk};

/// A letter: who it is to, the date and sender on the right, the title, and the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Letter {
    pub to: String,
    pub date: String,
    /// The company, then its representative, one per line.
    pub sender: Vec<String>,
    pub title: String,
    /// Section headings and paragraphs, in order.
    pub body: Vec<Part>,
    /// 以上 — the word that closes a Japanese business letter (none in English).
    pub closing: String,
    /// How to use the draft: shown on screen, never printed in the letter.
    pub note: String,
}

impl Letter {
    /// The letter as plain text, from the addressee to the closing word: what the office pastes
    /// into a mail or edits. The note is not part of it.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n\n{}\n{}\n\n{}\n", self.to, self.date, self.sender.join("\n"), self.title);
        for part in &self.body {
            match part {
                Part::Heading(text) => out.push_str(&format!("\n{text}\n")),
                Part::Paragraph(text) | Part::Field { value: text, .. } => out.push_str(&format!("\n{text}\n")),
                Part::Table { rows, .. } => {
                    out.push('\n');
                    for row in rows {
                        out.push_str(&row.join("\t"));
                        out.push('\n');
                    }
                }
            }
        }
        if !self.closing.is_empty() {
            out.push_str(&format!("\n{}\n", self.closing));
        }
        out
    }

    /// A letter from its text as the office edited it, read in the shape [`Letter::to_text`]
    /// writes: the addressee up to the first blank line, then the date and the sender lines, then
    /// the title, then the body in paragraphs separated by blank lines, a numbered line (「1. 経緯」)
    /// being a heading, and 以上 on its own at the end. Text that does not keep that shape is not
    /// lost: what cannot be placed is printed as body text.
    pub fn from_text(text: &str, closing_word: &str, note: &str) -> Letter {
        let text = text.replace("\r\n", "\n");
        let mut blocks: Vec<Vec<&str>> = Vec::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                if blocks.last().is_some_and(|b| !b.is_empty()) {
                    blocks.push(Vec::new());
                }
            } else {
                if blocks.is_empty() {
                    blocks.push(Vec::new());
                }
                blocks.last_mut().expect("a block").push(line.trim_end());
            }
        }
        blocks.retain(|b| !b.is_empty());
        let mut blocks = blocks.into_iter();
        let mut next = || blocks.next().map(|lines| lines.join("\n"));
        let (to, head, title) = (next().unwrap_or_default(), next().unwrap_or_default(), next().unwrap_or_default());
        let mut head = head.lines().map(str::to_owned);
        let date = head.next().unwrap_or_default();
        let sender = head.collect();
        let mut body: Vec<Part> = std::iter::from_fn(next)
            .map(|block| if is_heading(&block) { Part::Heading(block) } else { Part::Paragraph(block) })
            .collect();
        let closes =
            !closing_word.is_empty() && matches!(body.last(), Some(Part::Paragraph(last)) if last.trim() == closing_word);
        if closes {
            body.pop();
        }
        Letter {
            to,
            date,
            sender,
            title,
            body,
            closing: if closes { closing_word.to_owned() } else { String::new() },
            note: note.to_owned(),
        }
    }
}

/// A section heading of a letter: one short line starting with its number (「1. 経緯」).
fn is_heading(block: &str) -> bool {
    let Some((number, rest)) = block.split_once(". ") else { return false };
    !block.contains('\n') && !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) && rest.chars().count() <= 40
}

/// The letter of `document` (a notice to people or to the client) for the incident of `options`.
pub fn letter(conn: &dyn Db, document: Document, options: &ExportOptions, context: &Context) -> Result<Letter, RenderError> {
    with_form(conn, document, options, context, |form| match document {
        Document::DataSubjectNotice => Ok(form.data_subject_notice(Audience::Each)),
        Document::PublicNotice => Ok(form.data_subject_notice(Audience::Public)),
        Document::ClientNotice => Ok(form.client_notice()),
        Document::Policy
        | Document::Bcp
        | Document::ContactsCard
        | Document::ReadinessSummary
        | Document::ExerciseReport
        | Document::Jigyokei
        | Document::IncidentReport
        | Document::PpcDraft
        | Document::PpcMyNumberDraft
        | Document::InsurerNotice
        | Document::IpaDraft
        | Document::IpaAccessDraft
        | Document::JpcertDraft
        | Document::PoliceMemo
        | Document::GdprDraft
        | Document::GdprSubjectNotice => Err(RenderError::NotADraft { document: document.key() }),
    })?
}

/// The letter as it stands: the office's edit when there is one, else composed from the record.
pub fn current(conn: &dyn Db, document: Document, options: &ExportOptions, context: &Context) -> Result<Letter, RenderError> {
    let composed = letter(conn, document, options, context)?;
    let incident = super::required_incident(document, options)?;
    Ok(match crate::incident::letters::edited(conn, incident, document.key())? {
        Some(edit) => Letter::from_text(&edit.text, context.text("letter.end"), &composed.note),
        None => composed,
    })
}

/// Who a notice to the people affected is written for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Audience {
    /// Each person, by letter or e-mail.
    Each,
    /// Anyone, on the company's web page.
    Public,
}

impl Form<'_> {
    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        self.context.words().fill(key, values)
    }

    /// The date written as the letter's own date line.
    fn letter_date(&self) -> String {
        self.context.date(self.context.issued_on)
    }

    /// The company and its representative, as a letter is signed.
    fn sender(&self) -> Vec<String> {
        let company = self.context.company;
        let mut lines = vec![company.name.clone()];
        let representative = company.details.representative.trim();
        if !representative.is_empty() {
            lines.push(representative.to_owned());
        }
        lines
    }

    /// A calendar date as people write it in a letter (no time, no zone).
    fn day(&self, at: &chrono::DateTime<chrono::FixedOffset>) -> String {
        let japan = at.with_timezone(&crate::rules::deadline::japan_time()).date_naive();
        match self.context.language {
            Language::Ja => format!("{}年{}月{}日", japan.year(), japan.month(), japan.day()),
            Language::En => japan.format("%-d %B %Y").to_string(),
        }
    }

    /// Whose data it is, for the addressee and the opening: お客様各位 / お客様.
    fn group(&self) -> &'static str {
        match self.incident.details.data.whose.as_slice() {
            [one] => one.key(),
            _ => "mixed",
        }
    }

    /// What happened, in a sentence for the reader: the case, its dates, whether everything was
    /// recovered unseen.
    pub(super) fn what_happened(&self, whose: &str) -> String {
        let case = self.incident.case_kind;
        let stolen = self.incident.facts.as_ref().is_some_and(|f| f.crime_suspected);
        let key = if case == CaseKind::LostDevice && stolen {
            "letter.case.stolen_device".to_owned()
        } else {
            format!("letter.case.{}", case.key())
        };
        let mut text = match &self.incident.occurred_at {
            Some(at) => self.fill("letter.occurred", &[("date", &self.day(at))]),
            None => String::new(),
        };
        text.push_str(&self.fill(&key, &[("whose", whose)]));
        let found = self.day(&self.incident.discovered_at);
        let same_day = self.incident.occurred_at.as_ref().is_some_and(|at| self.day(at) == found);
        if same_day {
            text.push_str(self.t("letter.found_same_day"));
        } else {
            text.push_str(&self.fill("letter.found", &[("date", &found)]));
        }
        if self.data().is_some_and(|d| d.recovered_unviewed) {
            text.push_str(self.t("letter.recovered"));
        }
        // Without a date in front, the case's words begin the sentence (English writes them for
        // the middle of one).
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => text,
        }
    }

    fn data(&self) -> Option<&DataAtRisk> {
        self.incident.facts.as_ref().map(|f| &f.personal_data.at_risk)
    }

    /// The items and how many people, as one phrase (お客様1,180名分の氏名、住所) in the words of
    /// `template` (`letter.data`, or the client's own).
    fn data_phrase(&self, template: &str, whose: &str, items: &DataItems, data: Option<&DataAtRisk>) -> String {
        let mut names = self.items_in_a_sentence(items).unwrap_or_else(|| super::incident::items_of(self.context, items, data));
        if names == self.t("unknown") {
            names = self.t("letter.items_unknown").to_owned();
        }
        let count = data.map_or_else(|| self.t("letter.count_unknown").to_owned(), |d| self.count_phrase(d));
        self.fill(template, &[("whose", whose), ("count", &count), ("items", &names)])
    }

    /// The items named, as a sentence lists them (氏名、住所、電話番号 / name, address and phone
    /// number); `None` when none is named.
    fn items_in_a_sentence(&self, items: &DataItems) -> Option<String> {
        let mut names: Vec<String> =
            items.items.iter().map(|item| self.t(&format!("letter.item.{}", item.key())).to_owned()).collect();
        if let Some(other) = items.other.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            names.push(other.to_owned());
        }
        let last = names.pop()?;
        Some(match names.is_empty() {
            true => last,
            false => format!("{}{}{last}", names.join(self.t("list_separator")), self.t("letter.list_last_separator")),
        })
    }

    /// 1,180名分 / 最大1,200名分 / 人数は確認中.
    fn count_phrase(&self, data: &DataAtRisk) -> String {
        let people = |n: u64| super::context::grouped(n);
        match HeadCount::of(data) {
            HeadCount::Unknown => self.t("letter.count_unknown").to_owned(),
            HeadCount::AtLeast(least) => self.fill("letter.count_at_least", &[("count", &people(least))]),
            HeadCount::UpTo(most) => self.fill("letter.count_up_to", &[("count", &people(most))]),
            HeadCount::Between(least, most) => {
                self.fill("letter.count_between", &[("least", &people(least)), ("most", &people(most))])
            }
            HeadCount::Exactly(count) => self.fill("letter.count", &[("count", &people(count))]),
        }
    }

    /// The cause as the kind of case tells it; the details are the office's to add.
    fn cause(&self) -> String {
        self.t(&format!("letter.cause.{}", self.incident.case_kind.key())).to_owned()
    }

    /// What the office did: the first response the case calls for, and the reports already sent
    /// (or to be sent) to the authorities, from the obligations.
    pub(super) fn response(&self) -> String {
        let mut lines = vec![self.t(&format!("letter.response.{}", self.incident.case_kind.key())).to_owned()];
        for (authority, key) in [
            (Authority::Police, "letter.reported.police"),
            (Authority::Ppc, "letter.reported.ppc"),
            (Authority::PpcMyNumber, "letter.reported.ppc"),
        ] {
            if let Some(o) = obligation(self.incident, authority).filter(|o| o.current) {
                let done = o.status == ObligationStatus::Sent || o.preliminary_sent_on.is_some();
                let line = self.t(&format!("{key}.{}", if done { "done" } else { "planned" })).to_owned();
                if !lines.contains(&line) {
                    lines.push(line);
                }
            }
        }
        lines.push(self.t("letter.prevention").to_owned());
        lines.join("")
    }

    /// 本人への通知 — the letter to each person whose data was affected (rule art. 10: what
    /// happened, the data, the cause, secondary damage, and what else they should know), with what
    /// they can do and the inquiry desk; or, for the public, the same as the notice for the web
    /// page that stands in for it when the people cannot be told one by one (公表, 通則編
    /// 3-5-4-5), which says so and cannot do without the inquiry desk.
    pub(super) fn data_subject_notice(&self, audience: Audience) -> Letter {
        let public = audience == Audience::Public;
        let group = self.group();
        let whose = self.t(&format!("notice.whose.{group}"));
        let harm_phrase = harms(self.incident)
            .into_iter()
            .map(|h| self.t(&format!("letter.harm.{}", h.key())))
            .collect::<Vec<_>>()
            .join(self.t("letter.harm.joiner"));
        let harm_title = harms(self.incident)
            .into_iter()
            .map(|h| self.t(&format!("letter.title_harm.{}", h.key())))
            .collect::<Vec<_>>()
            .join(self.t("harm.joiner"));
        let items = &self.incident.details.data.own;
        let body = vec![
            Part::Paragraph(self.fill(
                if public { "letter.public.opening" } else { "letter.opening" },
                &[("whose", whose), ("harm", &harm_phrase)],
            )),
            Part::Heading(self.t("letter.section.what").to_owned()),
            Part::Paragraph(self.what_happened(whose)),
            Part::Heading(self.t("letter.section.data").to_owned()),
            Part::Paragraph(self.data_phrase("letter.data", whose, items, self.data())),
            Part::Heading(self.t("letter.section.cause").to_owned()),
            Part::Paragraph(self.cause()),
            Part::Heading(self.t("letter.section.secondary").to_owned()),
            Part::Paragraph(self.t("letter.secondary").to_owned()),
            Part::Heading(self.t("letter.section.response").to_owned()),
            Part::Paragraph(self.response()),
            Part::Heading(if public {
                self.t("letter.public.section.advice").to_owned()
            } else {
                self.fill("letter.section.advice", &[("whose", whose)])
            }),
            Part::Paragraph(self.advice(items)),
            Part::Heading(self.t("letter.section.inquiry").to_owned()),
            Part::Paragraph(self.inquiry_desk()),
            Part::Paragraph(self.fill("letter.closing_words", &[("whose", whose)])),
        ];
        Letter {
            to: self.t(&format!("notice.to.{group}")).to_owned(),
            date: self.letter_date(),
            sender: self.sender(),
            title: self.fill(if public { "letter.public.title" } else { "notice.title" }, &[("harm", &harm_title)]),
            body,
            closing: self.t("letter.end").to_owned(),
            note: self.t(if public { "letter.public.note" } else { "letter.note" }).to_owned(),
        }
    }

    /// 委託元への通知 (rule art. 9): to the client, about its data, with what is known of the
    /// PPC report's items (rule art. 8(1)) — including the response to the people (6),
    /// publication (7) and other matters (9) — so that the client can report and notify.
    pub(super) fn client_notice(&self) -> Letter {
        let entrusted = self.incident.facts.as_ref().and_then(|f| f.entrusted_data.as_ref()).map(|e| &e.at_risk);
        let yours = self.t("letter.client.whose");
        let client = obligation(self.incident, Authority::Client);
        let recovered = entrusted.is_some_and(|d| d.recovered_unviewed);
        let mut what = self.what_happened(yours);
        if recovered && !self.data().is_some_and(|d| d.recovered_unviewed) {
            what.push_str(self.t("letter.recovered"));
        }
        let own_report = client.and_then(|o| o.own_report_due).map(|due| self.context.date(due));
        let mut next = vec![self.t("letter.client.next").to_owned()];
        if let Some(due) = &own_report {
            next.push(self.fill("letter.client.until_told", &[("date", due)]));
        }
        let body = vec![
            Part::Paragraph(self.t("letter.client.opening").to_owned()),
            Part::Heading(self.t("letter.client.section.what").to_owned()),
            Part::Paragraph(what),
            Part::Paragraph(self.fill("letter.client.triggers", &[("triggers", &self.triggers(client))])),
            Part::Heading(self.t("letter.client.section.data").to_owned()),
            Part::Paragraph(self.data_phrase("letter.client.data", yours, &self.incident.details.data.client, entrusted)),
            Part::Paragraph(self.fill(
                "letter.client.count",
                &[("count", &entrusted.map_or_else(|| self.t("unknown").to_owned(), |d| count_of(self.context, d)))],
            )),
            Part::Heading(self.t("letter.client.section.cause").to_owned()),
            Part::Paragraph(self.cause()),
            Part::Heading(self.t("letter.client.section.secondary").to_owned()),
            Part::Paragraph(self.t("letter.client.secondary").to_owned()),
            Part::Heading(self.t("letter.client.section.people").to_owned()),
            Part::Paragraph(self.t("letter.client.people").to_owned()),
            Part::Heading(self.t("letter.client.section.publication").to_owned()),
            Part::Paragraph(self.t("letter.client.publication").to_owned()),
            Part::Heading(self.t("letter.client.section.response").to_owned()),
            Part::Paragraph(self.response()),
            Part::Heading(self.t("letter.client.section.other").to_owned()),
            Part::Paragraph(next.join("")),
            Part::Heading(self.t("letter.client.section.contact").to_owned()),
            Part::Paragraph(self.reporter_line()),
        ];
        Letter {
            to: self.client_addressee(),
            date: self.letter_date(),
            sender: self.sender(),
            title: self.t("letter.client.title").to_owned(),
            body,
            closing: self.t("letter.end").to_owned(),
            note: self
                .t(if self.incident.client.is_some() { "letter.client.note_named" } else { "letter.client.note" })
                .to_owned(),
        }
    }

    /// The client as the address line names it: a company 御中, a person 様 (with their company),
    /// or, with no client chosen, a line for the office to fill in.
    fn client_addressee(&self) -> String {
        match &self.incident.client {
            Some(client) if client.kind == ContactKind::Organization => {
                self.fill("letter.client.to_organization", &[("name", &client.name)])
            }
            Some(client) if !client.organization.trim().is_empty() => {
                let (organization, title) = (client.organization.trim(), client.title.trim());
                let key = if title.is_empty() { "letter.client.to_person_of" } else { "letter.client.to_person_titled" };
                self.fill(key, &[("name", &client.name), ("organization", organization), ("title", title)])
            }
            Some(client) => self.fill("letter.client.to_person", &[("name", &client.name)]),
            None => self.t("letter.client.to").to_owned(),
        }
    }

    /// Where the client reaches the company about the incident: the reporting person's phone and
    /// e-mail, named by the role, else the inquiry desk.
    fn reporter_line(&self) -> String {
        let company = &self.context.company.name;
        match self.reporter {
            // The desk is named by its role, not by a member of staff.
            Some(person) => {
                let phone = person.phones.first().map(|p| p.number.as_str()).unwrap_or_default();
                let email = person.first_email().map(|e| e.address.as_str()).unwrap_or_default();
                self.fill("letter.client.contact", &[("company", company), ("phone", phone), ("email", email)])
            }
            None => self.inquiry_desk(),
        }
    }
}
