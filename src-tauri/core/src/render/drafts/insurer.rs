//! The notice to the cyber insurer: what its policy's notice terms ask to hear, and when.

use super::{Draft, Form, Part};
use crate::render::incident::obligation;
use crate::rules::Authority;

impl Form<'_> {
    /// 事故の連絡 to the cyber insurer: the policy, what happened and when, the first response,
    /// and what is not known yet (costs above all), as policies ask to be told without delay.
    pub(super) fn insurer_notice(&self) -> Draft {
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
}
