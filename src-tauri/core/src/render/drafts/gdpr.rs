//! The GDPR notices: to the supervisory authority (art. 33) and to the people in the EU/EEA
//! (art. 34), in English, from the office's own English where it wrote one.

use super::{international_phone, Draft, Form, Part};
use crate::incident::gdpr_texts::GdprTexts;
use crate::render::incident::{data_items, obligation};
use crate::rules::{self, Authority};

impl Form<'_> {
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
    pub(super) fn gdpr(&self) -> Draft {
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
    pub(super) fn gdpr_subject_notice(&self) -> Draft {
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
