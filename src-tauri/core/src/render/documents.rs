//! What each printed document says and in which order: the policy (IPA model rules), the BCP, the
//! emergency contact card, the incident report, and the page layout of every draft.

use crate::bcp;
use crate::policy;
use crate::store::Db;
use printpdf::PdfDocument;

use super::drafts::{Draft, Part};
use super::font::ipaex_gothic;
use super::incident;
use super::letters::Letter;
use super::typeset::{Column, RunningHeads, Style, Typesetter};
use super::Context;
use super::{pdf_now, RenderError};
use crate::bcp::Bcp;
use crate::exercise::run::ExerciseRun;
use crate::incident::CallOutcome;
use crate::incident::IncidentDetail;
use crate::incident::TaskSource;
use crate::policy::{Contact, Policy};
use crate::readiness::{ReadinessState, ReadinessTask};
use chrono::NaiveDate;

/// A document being written: the PDF with its metadata, and the pages.
struct Pdf<'c> {
    document: PdfDocument,
    pages: Typesetter,
    title: String,
    context: &'c Context<'c>,
}

impl<'c> Pdf<'c> {
    fn new(title: &str, context: &'c Context<'c>) -> Self {
        let mut document = PdfDocument::new(title);
        let info = &mut document.metadata.info;
        info.author = context.company.name.clone();
        info.creator = "Sonae".into();
        info.producer = "Sonae (printpdf)".into();
        info.subject = title.to_owned();
        info.creation_date = pdf_now();
        info.modification_date = info.creation_date;
        info.metadata_date = info.creation_date;
        let font = document.add_font(&ipaex_gothic().parsed);
        Pdf { document, pages: Typesetter::new(font), title: title.to_owned(), context }
    }

    fn finish(self) -> Vec<u8> {
        let context = self.context;
        let heads = RunningHeads {
            title: self.title,
            company: context.company.name.clone(),
            date: context.words().fill("issued_on", &[("date", &context.date(context.issued_on))]),
            page_of: context.text("page_of").to_owned(),
        };
        self.pages.finish(self.document, &heads)
    }
}

/// The whole policy: response organisation, levels, escalation, procedures, checklists, where
/// to report, and the BCP.
pub fn policy(conn: &dyn Db, context: &Context) -> Result<Vec<u8>, RenderError> {
    let policy = policy::read::policy(conn)?;
    let bcp = bcp::bcp(conn)?;
    let call_tree = policy::read::call_tree(conn)?;
    let mut pdf = Pdf::new(context.text("policy.title"), context);
    title_block(&mut pdf, context.text("policy.title"), context.text("policy.intro"));
    let reviewed = match crate::readiness::policy_reviewed_on(conn)? {
        Some(on) => context.words().fill("policy.reviewed_on", &[("date", &context.date(on))]),
        None => context.text("policy.never_reviewed").to_owned(),
    };
    pdf.pages.space(2.0);
    pdf.pages.paragraph(&reviewed, Style::BODY);
    policy_sections(&mut pdf.pages, context, &policy, &call_tree);
    bcp_sections(&mut pdf.pages, context, &bcp, context.text("policy.section.bcp"));
    Ok(pdf.finish())
}

/// The business-continuity plan alone.
pub fn bcp(conn: &dyn Db, context: &Context) -> Result<Vec<u8>, RenderError> {
    let bcp = bcp::bcp(conn)?;
    let mut pdf = Pdf::new(context.text("bcp.title"), context);
    title_block(&mut pdf, context.text("bcp.title"), context.text("bcp.intro"));
    bcp_sections(&mut pdf.pages, context, &bcp, "");
    Ok(pdf.finish())
}

fn title_block(pdf: &mut Pdf, title: &str, intro: &str) {
    pdf.pages.heading(title, 1);
    pdf.pages.paragraph(&pdf.context.company.name, Style::sized(11.0, true));
    pdf.pages.space(4.0);
    pdf.pages.paragraph(intro, Style::BODY);
}

fn policy_sections(pages: &mut Typesetter, context: &Context, policy: &Policy, call_tree: &[Contact]) {
    let t = |key| context.text(key);
    let none = t("none");

    pages.heading(t("policy.section.organisation"), 2);
    pages.paragraph(t("policy.organisation.intro"), Style::BODY);
    pages.space(4.0);
    let rows: Vec<Vec<String>> = policy
        .roles
        .iter()
        .map(|role| {
            let holder = role.holder.as_ref().map_or_else(|| t("unassigned").to_owned(), person_with_title);
            let deputies = if role.deputies.is_empty() {
                none.to_owned()
            } else {
                role.deputies.iter().map(person_with_phone).collect::<Vec<_>>().join("\n")
            };
            let reach = role.holder.as_ref().map_or_else(String::new, reach);
            vec![format!("{}\n{}", role.name, role.description), holder, deputies, reach]
        })
        .collect();
    pages.table(
        &[
            Column { title: t("col.role"), share: 3.2 },
            Column { title: t("col.holder"), share: 1.7 },
            Column { title: t("col.deputies"), share: 1.7 },
            Column { title: t("col.emergency_contact"), share: 2.2 },
        ],
        &rows,
    );

    pages.heading(t("policy.section.levels"), 2);
    let rows: Vec<Vec<String>> = policy
        .levels
        .iter()
        .map(|l| {
            vec![l.level.to_string(), l.name.clone(), l.impact.clone(), l.responsible_role.clone().unwrap_or_else(|| none.into())]
        })
        .collect();
    pages.table(
        &[
            Column { title: t("col.level"), share: 0.8 },
            Column { title: t("col.level_name"), share: 2.0 },
            Column { title: t("col.impact"), share: 4.2 },
            Column { title: t("col.responsible"), share: 2.1 },
        ],
        &rows,
    );

    pages.heading(t("policy.section.escalation"), 2);
    pages.paragraph(t("policy.escalation.intro"), Style::BODY);
    pages.space(4.0);
    call_tree_table(pages, context, call_tree);

    pages.heading(t("policy.section.procedures"), 2);
    pages.paragraph(t("policy.procedures.intro"), Style::BODY);
    for category in &policy.categories {
        pages.heading(&category.name, 3);
        if !category.description.is_empty() {
            pages.paragraph(&category.description, Style::NOTE);
            pages.space(3.0);
        }
        let level_name =
            |level: u8| policy.levels.iter().find(|l| l.level == level).map_or_else(|| level.to_string(), |l| l.name.clone());
        for procedure in policy.procedures.iter().filter(|p| p.category_key == category.key) {
            pages.keep(90.0);
            pages.paragraph(&format!("{} — {}", category.name, level_name(procedure.level)), Style::LABEL);
            if !procedure.note.is_empty() {
                pages.paragraph(&procedure.note, Style::BODY);
            }
            pages.space(2.0);
            if procedure.steps.is_empty() {
                continue;
            }
            let rows: Vec<Vec<String>> = procedure
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| vec![(i + 1).to_string(), s.text.clone(), s.role.clone().unwrap_or_default()])
                .collect();
            pages.table(
                &[
                    Column { title: t("col.number"), share: 0.5 },
                    Column { title: t("col.step"), share: 6.5 },
                    Column { title: t("col.done_by"), share: 2.0 },
                ],
                &rows,
            );
        }
    }

    pages.heading(t("policy.section.checklists"), 2);
    pages.paragraph(t("policy.checklists.intro"), Style::BODY);
    for checklist in &policy.checklists {
        pages.heading(&checklist.title, 3);
        for item in &checklist.items {
            let role = item.role.as_deref().map(|r| context.words().fill("by_role", &[("role", r)])).unwrap_or_default();
            pages.paragraph(&format!("□ {}{role}", item.text), Style::BODY.indented(6.0));
        }
    }

    pages.heading(t("policy.section.authorities"), 2);
    pages.paragraph(t("policy.authorities.intro"), Style::BODY);
    pages.space(4.0);
    let rows: Vec<Vec<String>> = policy
        .authorities
        .iter()
        .map(|a| {
            let reach = [&a.phone, &a.email, &a.url, &a.hours]
                .into_iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("\n");
            vec![a.name.clone(), a.purpose.clone(), reach]
        })
        .collect();
    pages.table(
        &[
            Column { title: t("col.authority"), share: 2.2 },
            Column { title: t("col.purpose"), share: 3.8 },
            Column { title: t("col.how_to_reach"), share: 3.0 },
        ],
        &rows,
    );
}

fn call_tree_table(pages: &mut Typesetter, context: &Context, call_tree: &[Contact]) {
    let t = |key| context.text(key);
    let rows: Vec<Vec<String>> = call_tree
        .iter()
        .map(|c| {
            vec![
                c.call_order.map(|o| o.to_string()).unwrap_or_default(),
                c.name.clone(),
                c.title.clone(),
                c.emergency_phone().map(|p| p.number.clone()).unwrap_or_default(),
                c.first_email().map(|e| e.address.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    pages.table(
        &[
            Column { title: t("col.order"), share: 0.6 },
            Column { title: t("col.name"), share: 1.5 },
            Column { title: t("col.title"), share: 2.4 },
            Column { title: t("col.emergency_phone"), share: 1.6 },
            Column { title: t("col.email"), share: 3.0 },
        ],
        &rows,
    );
}

fn bcp_sections(pages: &mut Typesetter, context: &Context, bcp: &Bcp, section_title: &str) {
    let t = |key| context.text(key);
    let none = t("none");
    if !section_title.is_empty() {
        pages.heading(section_title, 2);
    }
    pages.heading(t("bcp.section.scenarios"), if section_title.is_empty() { 2 } else { 3 });
    for (i, scenario) in bcp.scenarios.iter().enumerate() {
        pages.paragraph(&format!("{}. {}", i + 1, scenario.title), Style::LABEL);
        pages.paragraph(&context.words().fill("bcp.reason", &[("reason", &scenario.reason)]), Style::BODY.indented(12.0));
        pages.space(3.0);
    }

    pages.heading(t("bcp.section.targets"), if section_title.is_empty() { 2 } else { 3 });
    let rows: Vec<Vec<String>> = bcp
        .targets
        .iter()
        .map(|target| {
            let mut name = target.name.clone();
            if !target.target_recovery_time.is_empty() {
                name.push('\n');
                name.push_str(&context.words().fill("bcp.recovery_time", &[("time", &target.target_recovery_time)]));
            }
            let owner = [target.recovery_role.clone(), target.recovery_contact.as_ref().map(person_with_phone)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n");
            let mut related: Vec<String> = target.related_contacts.iter().map(|c| organisation_with_phone(context, c)).collect();
            if related.is_empty() && !target.related_contacts_hint.is_empty() {
                related.push(target.related_contacts_hint.clone());
            }
            vec![
                name,
                if owner.is_empty() { none.to_owned() } else { owner },
                if related.is_empty() { none.to_owned() } else { related.join("\n") },
            ]
        })
        .collect();
    pages.table(
        &[
            Column { title: t("col.target"), share: 3.0 },
            Column { title: t("col.recovery_owner"), share: 2.6 },
            Column { title: t("col.related_contacts"), share: 3.4 },
        ],
        &rows,
    );
    for target in bcp.targets.iter().filter(|t| !t.recovery_steps.is_empty()) {
        pages.keep(50.0);
        pages.paragraph(&context.words().fill("bcp.steps_for", &[("target", &target.name)]), Style::LABEL);
        for (i, step) in target.recovery_steps.iter().enumerate() {
            pages.paragraph(&format!("{}. {step}", i + 1), Style::BODY.indented(12.0));
        }
        pages.space(3.0);
    }

    pages.heading(t("bcp.section.exercises"), if section_title.is_empty() { 2 } else { 3 });
    pages.paragraph(t("bcp.exercises.intro"), Style::BODY);
    pages.space(3.0);
    if bcp.exercises.is_empty() {
        pages.paragraph(t("bcp.no_exercises"), Style::BODY);
    }
    for exercise in &bcp.exercises {
        let title = match &exercise.scenario {
            Some(s) => format!("{} — {s}", context.date(exercise.held_on)),
            None => context.date(exercise.held_on),
        };
        pages.paragraph(&title, Style::LABEL);
        for (key, text) in [
            ("bcp.exercise.participants", exercise.participants.clone()),
            ("bcp.exercise.what_worked", exercise.what_worked.clone()),
            ("bcp.exercise.unreachable", exercise.unreachable.clone()),
            ("bcp.exercise.follow_ups", exercise.follow_ups.clone()),
            ("bcp.exercise.confirmed", exercise.confirmed_contacts.join(t("list_separator"))),
        ] {
            if !text.is_empty() {
                pages.field(t(key), &text);
            }
        }
    }
}

/// One page to pin by the phone: the call tree with emergency numbers large, and the
/// authorities to call.
pub fn contacts_card(conn: &dyn Db, context: &Context) -> Result<Vec<u8>, RenderError> {
    let t = |key| context.text(key);
    let call_tree = policy::read::call_tree(conn)?;
    let policy = policy::read::policy(conn)?;
    let mut pdf = Pdf::new(t("card.title"), context);
    let pages = &mut pdf.pages;
    pages.heading(t("card.title"), 1);
    pages.paragraph(&context.company.name, Style::sized(11.0, true));
    pages.paragraph(t("card.intro"), Style::BODY);
    pages.space(6.0);

    let boxes: Vec<Vec<(String, Style)>> = call_tree
        .iter()
        .map(|contact| {
            let order = contact.call_order.map(|o| o.to_string()).unwrap_or_default();
            let mut lines = vec![(format!("{order}. {}", contact.name), Style::sized(11.0, true))];
            if !contact.title.is_empty() {
                lines.push((contact.title.clone(), Style::NOTE));
            }
            let roles = card_roles(context, &policy, contact);
            if !roles.is_empty() {
                lines.push((roles, Style::NOTE));
            }
            if let Some(phone) = contact.emergency_phone() {
                lines.push((format!("☎ {}", phone.number), Style::sized(16.0, true)));
            }
            if let Some(email) = contact.first_email() {
                lines.push((email.address.clone(), Style::sized(9.5, false)));
            }
            lines
        })
        .collect();
    pages.boxes(2, &boxes);

    pages.heading(t("card.authorities"), 2);
    let rows: Vec<Vec<String>> = CARD_AUTHORITIES
        .iter()
        .filter_map(|key| policy.authorities.iter().find(|a| a.key == *key))
        .filter(|desk| !desk.phone.is_empty() || !desk.url.is_empty())
        .map(|desk| vec![desk.name.clone(), if desk.phone.is_empty() { desk.url.clone() } else { desk.phone.clone() }])
        .collect();
    pages.table(&[Column { title: t("col.authority"), share: 5.0 }, Column { title: t("col.how_to_reach"), share: 4.0 }], &rows);
    Ok(pdf.finish())
}

/// 備えの点検表: one page an owner or a consultant reads in a minute — what is due, and where the
/// plan has gaps, each section naming the screen where it is fixed.
pub fn readiness_summary(conn: &dyn Db, context: &Context) -> Result<Vec<u8>, RenderError> {
    let summary = crate::readiness::summary::readiness_summary(conn, context.issued_on)?;
    let t = |key: &str| context.text(key);
    let words = context.words();
    let date = |on: NaiveDate| context.date(on);
    let mut pdf = Pdf::new(t("summary.title"), context);
    title_block(&mut pdf, t("summary.title"), t("summary.intro"));
    let pages = &mut pdf.pages;
    pages.paragraph(&words.fill("summary.checked_on", &[("date", &date(summary.checked_on))]), Style::BODY);

    let section = |pages: &mut Typesetter, title: &str, lines: Vec<String>| {
        pages.heading(t(title), 2);
        if lines.is_empty() {
            pages.paragraph(t("summary.none"), Style::BODY);
        }
        for line in lines {
            pages.paragraph(&format!("□ {line}"), Style::BODY);
        }
    };
    let calendar = summary
        .calendar
        .iter()
        .map(|item| {
            let key = |prefix: &str, value: &str| t(&format!("{prefix}.{value}")).to_owned();
            let task = key("summary.task", ReadinessTask::key(item.task));
            let state = key("summary.state", ReadinessState::key(item.state));
            match (item.last_done, item.due_on) {
                (Some(last), Some(due)) => words.fill(
                    "summary.calendar_line",
                    &[("task", &task), ("state", &state), ("last", &date(last)), ("due", &date(due))],
                ),
                _ => words.fill("summary.calendar_never", &[("task", &task), ("state", &state)]),
            }
        })
        .collect();
    section(pages, "summary.section.calendar", calendar);
    let named = |key: &str, names: &[String]| names.iter().map(|name| words.fill(key, &[("name", name)])).collect::<Vec<_>>();
    let mut roles = named("summary.role_without_holder", &summary.roles_without_holder);
    roles.extend(named("summary.role_without_deputy", &summary.roles_without_deputy));
    section(pages, "summary.section.roles", roles);
    let procedures = summary
        .procedures_without_steps
        .iter()
        .map(|gap| words.fill("summary.procedure_gap", &[("category", &gap.category), ("level", &gap.level.to_string())]))
        .collect();
    section(pages, "summary.section.procedures", procedures);
    let mut targets = named("summary.target_without_owner", &summary.targets_without_owner);
    targets.extend(named("summary.target_without_contacts", &summary.targets_without_contacts));
    section(pages, "summary.section.bcp", targets);
    let stale = if summary.stale_contact_count == 0 {
        Vec::new()
    } else {
        vec![words.fill(
            "summary.stale",
            &[("months", &summary.stale_contact_months.to_string()), ("count", &summary.stale_contact_count.to_string())],
        )]
    };
    section(pages, "summary.section.contacts", stale);
    pages.heading(t("summary.section.exercise"), 2);
    match &summary.last_exercise {
        None => pages.paragraph(t("summary.no_exercise"), Style::BODY),
        Some(exercise) => {
            pages.paragraph(&words.fill("summary.exercise_held", &[("date", &date(exercise.held_on))]), Style::BODY);
            let recorded = [
                ("summary.exercise_scenario", "scenario", exercise.scenario.clone().unwrap_or_default()),
                ("summary.exercise_unreachable", "text", exercise.unreachable.clone()),
                ("summary.exercise_follow_ups", "text", exercise.follow_ups.clone()),
            ];
            for (key, name, value) in recorded.iter().filter(|(_, _, value)| !value.trim().is_empty()) {
                pages.paragraph(&words.fill(key, &[(name, value.trim())]), Style::BODY);
            }
        }
    }
    for follow_up in &summary.open_follow_ups {
        let line = words.fill(
            "summary.open_follow_up",
            &[("text", &follow_up.text), ("owner", &follow_up.owner), ("due", &date(follow_up.due_on))],
        );
        let overdue = if follow_up.due_on < summary.checked_on { t("summary.follow_up_overdue") } else { "" };
        pages.paragraph(&format!("□ {line}{overdue}"), Style::BODY);
    }
    Ok(pdf.finish())
}

/// The exercise report: the scenario, the injects with what the team did, who was reached, the
/// follow-ups, and a line to sign. Marked 「訓練」 in its title and on every page.
pub fn exercise_report(run: &ExerciseRun, context: &Context) -> Vec<u8> {
    let t = |key: &str| context.text(key);
    let words = context.words();
    let title = t("exercise.title");
    let mut pdf = Pdf::new(&format!("{title} — {}", run.title), context);
    let pages = &mut pdf.pages;
    pages.heading(title, 1);
    pages.paragraph(&run.title, Style::sized(12.0, true));
    pages.paragraph(t("exercise.practice_notice"), Style::BODY);
    pages.space(6.0);

    pages.heading(t("exercise.section.overview"), 2);
    let status = match &run.ended_at {
        Some(ended) => context.instant(ended),
        None => t("exercise.not_ended").to_owned(),
    };
    let overview = [
        (t("exercise.started"), context.instant(&run.started_at)),
        (t("exercise.ended"), status),
        (t("exercise.facilitator"), context.known(&run.facilitator)),
        (t("exercise.participants"), context.known(&run.participants)),
    ]
    .map(|(label, value)| vec![label.to_owned(), value]);
    pages.table(&[Column { title: "", share: 2.2 }, Column { title: "", share: 6.8 }], &overview);
    pages.field(t("exercise.description"), &context.known(&run.description));

    pages.heading(t("exercise.section.injects"), 2);
    let rows: Vec<Vec<String>> = run
        .revealed
        .iter()
        .map(|revealed| {
            let inject = &revealed.inject;
            let mut what = inject.text.clone();
            if !inject.question.is_empty() {
                what.push('\n');
                what.push_str(&words.fill("exercise.question", &[("question", &inject.question)]));
            }
            let taken = revealed
                .minutes_taken
                .map(|minutes| words.fill("exercise.minutes", &[("minutes", &minutes.to_string())]))
                .unwrap_or_default();
            vec![scenario_time(context, inject.at_minutes), what, context.known(&revealed.response), taken]
        })
        .collect();
    table_or_none(
        pages,
        context,
        &[
            Column { title: t("exercise.col.at"), share: 1.1 },
            Column { title: t("exercise.col.inject"), share: 3.9 },
            Column { title: t("exercise.col.response"), share: 3.2 },
            Column { title: t("exercise.col.minutes"), share: 0.9 },
        ],
        &rows,
    );
    if run.remaining > 0 {
        pages.paragraph(&words.fill("exercise.not_revealed", &[("count", &run.remaining.to_string())]), Style::BODY);
    }

    pages.heading(t("exercise.section.calls"), 2);
    let rows: Vec<Vec<String>> = run
        .calls
        .iter()
        .map(|call| {
            let outcome = t(if call.reached { "call.reached" } else { "call.no_answer" });
            vec![call.contact_name.clone(), outcome.to_owned(), context.instant(&call.marked_at)]
        })
        .collect();
    table_or_none(
        pages,
        context,
        &[
            Column { title: t("col.name"), share: 4.0 },
            Column { title: t("col.outcome"), share: 2.0 },
            Column { title: t("col.when"), share: 3.0 },
        ],
        &rows,
    );

    pages.heading(t("exercise.section.follow_ups"), 2);
    let rows: Vec<Vec<String>> = run
        .follow_ups
        .iter()
        .map(|f| {
            let done = match f.done_on {
                Some(on) => words.fill("exercise.done_on", &[("date", &context.date(on))]),
                None => t("task.open").to_owned(),
            };
            vec![f.text.clone(), f.owner.clone(), context.date(f.due_on), done]
        })
        .collect();
    table_or_none(
        pages,
        context,
        &[
            Column { title: t("exercise.col.follow_up"), share: 4.4 },
            Column { title: t("exercise.col.owner"), share: 1.6 },
            Column { title: t("col.due"), share: 1.6 },
            Column { title: t("col.status"), share: 1.4 },
        ],
        &rows,
    );
    pages.field(t("exercise.what_worked"), &context.known(&run.what_worked));

    pages.heading(t("exercise.section.sign_off"), 2);
    pages.paragraph(t("exercise.sign_off_intro"), Style::BODY);
    pages.table(
        &[
            Column { title: t("exercise.col.sign_role"), share: 3.0 },
            Column { title: t("exercise.col.sign_name"), share: 3.5 },
            Column { title: t("exercise.col.sign_date"), share: 2.5 },
        ],
        &[
            vec![t("exercise.sign.facilitator").to_owned(), String::new(), String::new()],
            vec![t("exercise.sign.top").to_owned(), String::new(), String::new()],
        ],
    );
    pdf.finish()
}

/// Scenario time as 「T+2時間30分」 / "T+2h30m".
fn scenario_time(context: &Context, minutes: u32) -> String {
    let (hours, minutes) = (minutes / 60, minutes % 60);
    let words = context.words();
    match (hours, minutes) {
        (0, m) => words.fill("exercise.at_minutes", &[("m", &m.to_string())]),
        (h, 0) => words.fill("exercise.at_hours", &[("h", &h.to_string())]),
        (h, m) => words.fill("exercise.at_hours_minutes", &[("h", &h.to_string()), ("m", &m.to_string())]),
    }
}

/// The roles a person holds, and those they stand in for, on one line.
fn card_roles(context: &Context, policy: &Policy, contact: &Contact) -> String {
    let separator = context.text("list_separator");
    let holds: Vec<&str> =
        policy.roles.iter().filter(|r| r.holder.as_ref().is_some_and(|h| h.id == contact.id)).map(|r| r.name.as_str()).collect();
    let stands_in: Vec<&str> =
        policy.roles.iter().filter(|r| r.deputies.iter().any(|d| d.id == contact.id)).map(|r| r.name.as_str()).collect();
    let mut parts = vec![holds.join(separator)];
    if !stands_in.is_empty() {
        parts.push(context.words().fill("card.deputy_of", &[("roles", &stands_in.join(separator))]));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(separator)
}

/// The authorities printed on the contact card: the ones a small office calls first.
const CARD_AUTHORITIES: [&str; 5] = ["police", "ppc", "ipa_consultation", "jpcert", "cyber_insurer"];

/// The incident report: facts, classification, timeline, calls, tasks, obligations and the
/// written conclusions.
pub fn incident_report(incident: &IncidentDetail, context: &Context) -> Vec<u8> {
    let t = |key| context.text(key);
    let title = t("report.title");
    let mut pdf = Pdf::new(&format!("{title} — {}", incident.title), context);
    let pages = &mut pdf.pages;
    pages.heading(title, 1);
    pages.paragraph(&incident.title, Style::sized(12.0, true));
    pages.space(6.0);

    pages.heading(t("report.section.overview"), 2);
    let facts = incident::overview(context, incident);
    pages.table(&[Column { title: "", share: 2.2 }, Column { title: "", share: 6.8 }], &facts);
    pages.field(t("report.description"), &context.known(&incident.description));

    pages.heading(t("report.section.timeline"), 2);
    let rows = incident::timeline_rows(context, incident);
    table_or_none(
        pages,
        context,
        &[
            Column { title: t("col.when"), share: 1.9 },
            Column { title: t("col.who"), share: 1.6 },
            Column { title: t("col.what"), share: 5.5 },
        ],
        &rows,
    );

    pages.heading(t("report.section.calls"), 2);
    let rows: Vec<Vec<String>> = incident
        .calls
        .iter()
        .map(|c| {
            vec![
                context.instant(&c.at),
                c.contact_name.clone(),
                c.role_name.clone(),
                t(match c.outcome {
                    CallOutcome::Reached => "call.reached",
                    CallOutcome::NoAnswer => "call.no_answer",
                })
                .to_owned(),
            ]
        })
        .collect();
    table_or_none(
        pages,
        context,
        &[
            Column { title: t("col.when"), share: 2.0 },
            Column { title: t("col.name"), share: 2.5 },
            Column { title: t("col.role"), share: 2.5 },
            Column { title: t("col.outcome"), share: 2.0 },
        ],
        &rows,
    );

    pages.heading(t("report.section.tasks"), 2);
    let rows: Vec<Vec<String>> = incident
        .tasks
        .iter()
        .map(|task| {
            let done = match &task.done_at {
                Some(at) => context.words().fill("task.done", &[("when", &context.instant(at)), ("who", &task.done_by)]),
                None => t("task.open").to_owned(),
            };
            vec![
                t(match task.source {
                    TaskSource::Checklist => "task.checklist",
                    TaskSource::Procedure => "task.procedure",
                })
                .to_owned(),
                task.text.clone(),
                task.role_name.clone(),
                done,
            ]
        })
        .collect();
    table_or_none(
        pages,
        context,
        &[
            Column { title: t("col.source"), share: 1.2 },
            Column { title: t("col.step"), share: 4.6 },
            Column { title: t("col.done_by"), share: 1.6 },
            Column { title: t("col.done"), share: 1.9 },
        ],
        &rows,
    );

    pages.heading(t("report.section.obligations"), 2);
    let rows = incident::obligation_rows(context, incident);
    if rows.is_empty() {
        pages.paragraph(t("report.no_obligations"), Style::BODY);
    } else {
        pages.table(
            &[
                Column { title: t("col.addressee"), share: 2.6 },
                Column { title: t("col.duty"), share: 1.5 },
                Column { title: t("col.due"), share: 2.0 },
                Column { title: t("col.status"), share: 2.9 },
            ],
            &rows,
        );
    }

    pages.heading(t("report.section.conclusions"), 2);
    for (key, text) in [
        ("field.cause", &incident.recovery.cause),
        ("field.secondary_damage", &incident.recovery.secondary_damage),
        ("field.subject_response", &incident.recovery.subject_response),
        ("field.publication", &incident.recovery.publication),
        ("field.measures_taken", &incident.recovery.measures_taken),
        ("field.measures_planned", &incident.recovery.measures_planned),
        ("field.lessons", &incident.recovery.lessons),
    ] {
        pages.field(t(key), &context.known(text));
    }
    pdf.finish()
}

/// A table, or 「なし」 when it has no rows.
fn table_or_none(pages: &mut Typesetter, context: &Context, columns: &[Column], rows: &[Vec<String>]) {
    if rows.is_empty() {
        pages.paragraph(context.text("none"), Style::BODY);
    } else {
        pages.table(columns, rows);
    }
}

/// A submission draft on paper: the title, a note that it is a draft, then the form's fields.
pub fn draft_pdf(draft: &Draft, context: &Context) -> Vec<u8> {
    let mut pdf = Pdf::new(&draft.title, context);
    let pages = &mut pdf.pages;
    pages.heading(&draft.title, 1);
    pages.paragraph(&draft.note, Style::NOTE);
    pages.space(6.0);
    for part in &draft.parts {
        match part {
            Part::Heading(text) => pages.heading(text, 2),
            Part::Field { label, value } => pages.field(label, value),
            Part::Paragraph(text) => {
                pages.paragraph(text, Style::BODY);
                pages.space(4.0);
            }
            Part::Table { columns, rows } => {
                let columns: Vec<Column> = columns.iter().map(|(title, share)| Column { title, share: *share }).collect();
                pages.table(&columns, rows);
            }
        }
    }
    pdf.finish()
}

/// A letter on paper, laid out as a Japanese business letter: the addressee on the left, the date
/// and the sender on the right, the title centred, the body, and 以上 on the right. No draft note
/// and no running head: the letter is what is mailed.
pub fn letter_pdf(letter: &Letter, context: &Context) -> Vec<u8> {
    let mut pdf = Pdf::new(&letter.title, context);
    let pages = &mut pdf.pages;
    pages.paragraph(&letter.to, Style::sized(11.0, false));
    pages.space(4.0);
    pages.right(&letter.date, Style::BODY);
    for line in &letter.sender {
        pages.right(line, Style::BODY);
    }
    pages.space(14.0);
    pages.centered(&letter.title, Style::sized(13.0, true));
    pages.space(10.0);
    for part in &letter.body {
        match part {
            Part::Heading(text) => pages.heading(text, 3),
            Part::Paragraph(text) | Part::Field { value: text, .. } => {
                pages.paragraph(text, Style::BODY);
                pages.space(3.0);
            }
            Part::Table { columns, rows } => {
                let columns: Vec<Column> = columns.iter().map(|(title, share)| Column { title, share: *share }).collect();
                pages.table(&columns, rows);
            }
        }
    }
    if !letter.closing.is_empty() {
        pages.space(6.0);
        pages.right(&letter.closing, Style::BODY);
    }
    let heads = RunningHeads {
        title: String::new(),
        company: String::new(),
        date: String::new(),
        page_of: context.text("page_of").to_owned(),
    };
    pdf.pages.finish(pdf.document, &heads)
}

fn person_with_title(contact: &Contact) -> String {
    if contact.title.is_empty() {
        contact.name.clone()
    } else {
        format!("{}\n{}", contact.name, contact.title)
    }
}

fn person_with_phone(contact: &Contact) -> String {
    match contact.emergency_phone() {
        Some(phone) => format!("{}\n{}", contact.name, phone.number),
        None => contact.name.clone(),
    }
}

fn organisation_with_phone(context: &Context, contact: &Contact) -> String {
    let name = if contact.kind == "person" && !contact.organization.is_empty() && contact.call_order.is_none() {
        context.words().fill("name_of_organisation", &[("name", &contact.name), ("organisation", &contact.organization)])
    } else {
        contact.name.clone()
    };
    match contact.emergency_phone() {
        Some(phone) => format!("{name} {}", phone.number),
        None => name,
    }
}

fn reach(contact: &Contact) -> String {
    [contact.emergency_phone().map(|p| p.number.clone()), contact.first_email().map(|e| e.address.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}
