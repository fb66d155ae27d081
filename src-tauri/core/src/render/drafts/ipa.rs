//! IPA's computer-virus and unauthorized-access reports, whose forms ask for the technical details
//! of the machines involved.

use super::{Draft, Form, Part};
use crate::incident::wizard::CaseKind;
use crate::rules::{IncidentCategory, IncidentStage};

impl Form<'_> {
    pub(super) fn is_malware(&self) -> bool {
        matches!(self.incident.case_kind, CaseKind::Malware | CaseKind::Ransomware)
            || self.incident.category.as_deref() == Some("malware")
            || self.incident.facts.as_ref().is_some_and(|f| f.malware || f.category == IncidentCategory::Malware)
    }

    /// The presumed route in or of infection: as the reporting step recorded it, else the cause.
    pub(super) fn route(&self) -> String {
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
    pub(super) fn ipa_malware(&self) -> Draft {
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
    pub(super) fn ipa_access(&self) -> Draft {
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
}
