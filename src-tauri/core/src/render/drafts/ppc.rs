//! The PPC's breach report (APPI art. 26) and its My Number counterpart (番号法 art. 29-4): the
//! online form's questions in its order, then the nine items of PPC rule art. 8(1).

use super::{Draft, Form, Part, Report};
use crate::incident::affected_data::DataItem;
use crate::incident::ObligationRecord;
use crate::render::incident::{data_items, due_by, obligation, subjects};
use crate::render::ReportStage;
use crate::rules::{self, Authority, DeadlineStage};

impl Form<'_> {
    /// 漏えい等報告 — the online form's questions, then the nine items of PPC rule art. 8(1), in
    /// that order. The My Number report has the same items under the My Number Act; when My
    /// Numbers are involved the PPC's form takes the report on its My Number form, which then
    /// covers the APPI report too. A delegated sector's report is addressed to its ministry, and
    /// for finance one report covers the APPI and the sector-law report.
    pub(super) fn ppc(&self, stage: ReportStage, report: Report) -> Draft {
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
}
