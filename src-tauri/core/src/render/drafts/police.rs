//! A 5W1H memo to take to the prefectural police's cybercrime desk.

use super::{Draft, Form, Part};
use crate::render::incident;

impl Form<'_> {
    /// 警察への相談メモ — 5W1H, what to bring, and the timeline.
    pub(super) fn police(&self) -> Draft {
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
}
