//! The JPCERT/CC incident report form.

use super::{Draft, Form, Part};

impl Form<'_> {
    /// JPCERT/CC インシデント報告.
    pub(super) fn jpcert(&self) -> Draft {
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
}
