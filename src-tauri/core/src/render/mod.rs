//! Printable documents and regulator submission drafts, in Japanese and English.
//!
//! A small office has to hand its policy to staff, pin an emergency contact card by the phone,
//! and, when something happens, write to the Personal Information Protection Commission, the
//! people affected, IPA, JPCERT/CC or the police within days. This module writes those papers
//! from the company file: the policy and BCP as the IPA model rules structure them (IPA, 中小企業の
//! 情報セキュリティ対策ガイドライン, appendix 「情報セキュリティインシデント対応ならびに事業継続管理」),
//! the incident report, and a draft of each submission with the company's facts filled in, in
//! the order of the authority's form (docs/rules.md §11). What is not known yet reads 「調査中」.
//!
//! PDFs are A4 with the IPAex Gothic font embedded as a subset, so they print the same
//! everywhere and their text can be searched and copied. Every draft also exists as plain text
//! ([`draft_text`]) for pasting into the authority's web form.
//!
//! - [`export`] / [`draft_text`]: the entry points the app and the command line call;
//! - `documents`, `drafts`: what each document says;
//! - `typeset`: pages, headings, wrapped paragraphs and tables with repeated header rows;
//! - `linebreak`: Japanese line breaking with 禁則処理;
//! - `catalogue`: the fixed wording, from `assets/render/{ja,en}.json`;
//! - `font`: the embedded typeface.

mod catalogue;
mod context;
mod documents;
mod drafts;
mod font;
mod incident;
mod jigyokei;
mod letters;
mod linebreak;
mod typeset;

#[cfg(test)]
mod tests;

use crate::company;
use std::path::{Path, PathBuf};

use crate::store::Db;
use chrono::{Datelike, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

use crate::company::CompanyProfile;
use crate::error_code::ErrorCode;
use crate::language::Language;
use crate::rules::Authority;
use crate::store::{self, StoreError};

pub use context::Context;
pub use drafts::Draft;

/// A document Sonae can print. The names (`policy`, `ppc-draft`, ...) are those of the command
/// line's `export WHAT`.
/// Named `DocumentKind` in TypeScript, where `Document` is the web page.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS, strum::IntoStaticStr, strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
#[ts(rename = "DocumentKind")]
pub enum Document {
    /// 情報セキュリティインシデント対応規程 — the whole policy, BCP included.
    Policy,
    /// 事業継続計画 — the business-continuity plan alone.
    Bcp,
    /// 緊急連絡カード — one page: the call tree and key authorities.
    ContactsCard,
    /// 備えの点検表 — one page: what is due and where the plan has gaps (docs/rules.md §12).
    ReadinessSummary,
    /// 訓練報告書 — one tabletop exercise: injects, responses, calls, follow-ups, sign-off.
    ExerciseReport,
    /// 事業継続力強化計画 — the draft of the certification's application, section by section
    /// (always in Japanese, as the application is).
    Jigyokei,
    /// インシデント報告書 — what happened and what was done, for management.
    IncidentReport,
    /// 個人情報保護委員会への漏えい等報告（速報・確報）の下書き.
    PpcDraft,
    /// 特定個人情報（マイナンバー）の漏えい等報告（速報・確報）の下書き — also covers the APPI report
    /// when both are due.
    PpcMyNumberDraft,
    /// 本人への通知 — the notice to the people whose data was affected.
    DataSubjectNotice,
    /// 委託元への通知 — the notice to the client whose data the company holds (PPC rule art. 9).
    ClientNotice,
    /// 公表 — the notice for the company's web page when the people cannot be told one by one
    /// (通則編 3-5-4-5), with the inquiry desk.
    PublicNotice,
    /// 保険会社への事故の連絡 — the notice to the cyber insurer.
    InsurerNotice,
    /// IPA コンピュータウイルス届出 の下書き, or 不正アクセス届出 when no malware is involved.
    IpaDraft,
    /// IPA 不正アクセス届出 の下書き, for an incident that calls for both IPA reports (ransomware).
    IpaAccessDraft,
    /// JPCERT/CC インシデント報告 の下書き.
    JpcertDraft,
    /// 警察への相談メモ — a 5W1H summary to take to the cybercrime desk.
    PoliceMemo,
    /// GDPR art. 33 notification to a supervisory authority (always in English).
    GdprDraft,
    /// GDPR art. 34 notice to the people in the EU/EEA affected (always in English).
    GdprSubjectNotice,
}

crate::keys::keyed!(Document);

impl Document {
    /// Whether the document is about one incident (and so needs its id).
    pub fn needs_incident(self) -> bool {
        !matches!(
            self,
            Document::Policy
                | Document::Bcp
                | Document::ContactsCard
                | Document::ReadinessSummary
                | Document::ExerciseReport
                | Document::Jigyokei
        )
    }

    /// Whether the document is a submission draft (and so also exists as plain text).
    pub fn is_draft(self) -> bool {
        (self.needs_incident() && self != Document::IncidentReport) || self == Document::Jigyokei
    }

    /// A letter to people outside the company, laid out and worded as a business letter (the
    /// drafts are forms to copy into an authority's format).
    pub fn is_letter(self) -> bool {
        matches!(self, Document::DataSubjectNotice | Document::ClientNotice | Document::PublicNotice)
    }

    /// The reports a draft is written for: 速報 and 確報 for the PPC's two-stage reports, one
    /// report otherwise (offered as the preliminary one).
    pub fn stages(self) -> &'static [ReportStage] {
        if matches!(self, Document::PpcDraft | Document::PpcMyNumberDraft) {
            &[ReportStage::Preliminary, ReportStage::Final]
        } else {
            &[ReportStage::Preliminary]
        }
    }

    /// What the document is called where it is offered (and in the name its PDF is saved under),
    /// in `language`: a report made in two stages is named with its stage (速報 or 確報); the
    /// others have one name whatever `stage` is given.
    pub fn name(self, stage: ReportStage, language: Language) -> &'static str {
        let words = catalogue::Catalogue::of(language);
        if self.stages().len() > 1 {
            words.text(&format!("document.name.{}.{}", self.key(), stage.key()))
        } else {
            words.text(&format!("document.name.{}", self.key()))
        }
    }

    /// The drafts Sonae writes for an addressee's report, the report itself first; none where the
    /// office writes in the desk's own form.
    pub fn drafts_for(authority: Authority) -> &'static [Document] {
        match authority {
            // A financial business may send one report covering the PPC and the FSA (docs/rules.md §7.8).
            Authority::Ppc | Authority::Fsa => &[Document::PpcDraft],
            Authority::PpcMyNumber => &[Document::PpcMyNumberDraft],
            // The public notice is for when the people cannot be told one by one.
            Authority::DataSubjects => &[Document::DataSubjectNotice, Document::PublicNotice],
            Authority::Client => &[Document::ClientNotice],
            Authority::Insurer => &[Document::InsurerNotice],
            Authority::EuSupervisoryAuthority => &[Document::GdprDraft],
            Authority::EuDataSubjects => &[Document::GdprSubjectNotice],
            Authority::Police => &[Document::PoliceMemo],
            Authority::IpaMalware => &[Document::IpaDraft],
            Authority::IpaUnauthorizedAccess => &[Document::IpaAccessDraft],
            Authority::Jpcert => &[Document::JpcertDraft],
            Authority::PrivacyMark | Authority::MicTelecom | Authority::Mhlw | Authority::IsmsBody => &[],
        }
    }
}

impl std::str::FromStr for Document {
    type Err = RenderError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Document::ALL
            .iter()
            .copied()
            .find(|d| d.key() == name)
            .ok_or_else(|| RenderError::UnknownDocument { name: name.to_owned() })
    }
}

/// 速報 or 確報 — which report to the PPC (and the Privacy Mark body) is being drafted.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    ts_rs::TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ReportStage {
    /// 速報 — what is known within days.
    #[default]
    Preliminary,
    /// 確報 — the complete report (day 30, or day 60 for unlawful purpose).
    Final,
}

crate::keys::keyed!(ReportStage);

/// What to print, beyond which document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ExportOptions {
    /// The incident, for the incident report and the drafts.
    pub incident_id: Option<i64>,
    /// The exercise, for the exercise report; the latest that ended when none is given.
    #[serde(default)]
    pub exercise_id: Option<i64>,
    pub stage: ReportStage,
    pub language: Language,
    /// The date printed on every page; today when not given.
    pub issued_on: Option<NaiveDate>,
}

/// Why a document could not be made. Each message is one line meant for the user.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("unknown document \"{name}\" (expected one of: {})", Document::ALL.iter().map(|d| d.key()).collect::<Vec<_>>().join(", "))]
    UnknownDocument { name: String },
    #[error("{document} is about one incident: choose the incident (--incident ID)")]
    NeedsIncident { document: &'static str },
    #[error("incident {id} does not exist in this company file")]
    UnknownIncident { id: i64 },
    #[error("this company file holds no ended exercise; end one, or choose one (--exercise ID)")]
    NoExercise,
    #[error("{document} is not a submission draft; only drafts have a plain-text version")]
    NotADraft { document: &'static str },
    #[error("{document}: the incident's assessment gives no duty to {addressee}, so there is nothing to draft (assess the facts again if they changed)")]
    NotDue { document: &'static str, addressee: &'static str },
    #[error("{path}: already exists; choose another name or allow replacing it")]
    AlreadyExists { path: PathBuf },
    /// Windows does not let a file be replaced while another program (Excel, a PDF reader) has
    /// it open.
    #[error("{path}: another program has this file open, and Windows does not let it be replaced then; close it there and try again (nothing was changed)")]
    InUse { path: PathBuf },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RenderError {
    /// A stable code the UI can react to without parsing the message.
    pub fn code(&self) -> ErrorCode {
        match self {
            RenderError::UnknownDocument { .. } => ErrorCode::UnknownDocument,
            RenderError::NeedsIncident { .. } => ErrorCode::NeedsIncident,
            RenderError::UnknownIncident { .. } => ErrorCode::UnknownIncident,
            RenderError::NoExercise => ErrorCode::NoExercise,
            RenderError::NotADraft { .. } => ErrorCode::NotADraft,
            RenderError::NotDue { .. } => ErrorCode::NotDue,
            RenderError::AlreadyExists { .. } => ErrorCode::AlreadyExists,
            RenderError::InUse { .. } => ErrorCode::InUse,
            RenderError::Io { .. } => ErrorCode::Io,
            RenderError::Store(e) => e.code(),
        }
    }
}

impl From<RenderError> for crate::error_code::ErrorReport {
    fn from(e: RenderError) -> Self {
        crate::error_code::ErrorReport { code: e.code(), message: e.to_string() }
    }
}

/// Writes `document` from the company file as a PDF and returns its bytes.
pub fn export(conn: &dyn Db, document: Document, options: &ExportOptions) -> Result<Vec<u8>, RenderError> {
    let company = company::company_profile(conn)?;
    let context = context(&company, document, options);
    match document {
        Document::Policy => documents::policy(conn, &context),
        Document::Bcp => documents::bcp(conn, &context),
        Document::ContactsCard => documents::contacts_card(conn, &context),
        Document::ReadinessSummary => documents::readiness_summary(conn, &context),
        Document::ExerciseReport => {
            let id = match options.exercise_id {
                Some(id) => id,
                None => crate::exercise::run::latest_ended_run(conn)?.ok_or(RenderError::NoExercise)?,
            };
            Ok(documents::exercise_report(&crate::exercise::run::run(conn, id)?, &context))
        }
        Document::Jigyokei => Ok(documents::draft_pdf(&jigyokei::draft(conn, &context, context.issued_on)?, &context)),
        Document::IncidentReport => {
            let incident = incident::read(conn, required_incident(document, options)?)?;
            Ok(documents::incident_report(&incident, &context))
        }
        Document::DataSubjectNotice | Document::ClientNotice | Document::PublicNotice => {
            Ok(documents::letter_pdf(&letters::current(conn, document, options, &context)?, &context))
        }
        Document::PpcDraft
        | Document::PpcMyNumberDraft
        | Document::InsurerNotice
        | Document::IpaDraft
        | Document::IpaAccessDraft
        | Document::JpcertDraft
        | Document::PoliceMemo
        | Document::GdprDraft
        | Document::GdprSubjectNotice => Ok(documents::draft_pdf(&drafts::draft(conn, document, options, &context)?, &context)),
    }
}

/// The plain text of a submission draft, in the order of the authority's web form, for "copy as
/// text for the web form".
pub fn draft_text(conn: &dyn Db, document: Document, options: &ExportOptions) -> Result<String, RenderError> {
    if !document.is_draft() {
        return Err(RenderError::NotADraft { document: document.key() });
    }
    let company = company::company_profile(conn)?;
    let context = context(&company, document, options);
    if document == Document::Jigyokei {
        return Ok(jigyokei::draft(conn, &context, context.issued_on)?.to_text());
    }
    if document.is_letter() {
        return Ok(letters::current(conn, document, options, &context)?.to_text());
    }
    Ok(drafts::draft(conn, document, options, &context)?.to_text())
}

/// A letter as the office sees it in the editor: the text that will be printed (its edit, else
/// the text composed from the record), the composed text, and whether the record has changed since
/// the edit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct LetterView {
    /// The letter's title, as composed (named in the timeline).
    pub title: String,
    pub text: String,
    /// The letter composed from the record as it is now.
    pub composed: String,
    pub edited: Option<crate::incident::letters::EditedLetter>,
    /// Composing again would give another text than the edit was made from: the facts changed.
    pub facts_changed: bool,
    /// How to use the draft; shown beside the letter, never printed in it.
    pub note: String,
}

/// The letter `document` of the incident of `options`, for the editor.
pub fn letter_view(conn: &dyn Db, document: Document, options: &ExportOptions) -> Result<LetterView, RenderError> {
    if !document.is_letter() {
        return Err(RenderError::NotADraft { document: document.key() });
    }
    let company = company::company_profile(conn)?;
    let context = context(&company, document, options);
    let composed = letters::letter(conn, document, options, &context)?;
    let edited = crate::incident::letters::edited(conn, required_incident(document, options)?, document.key())?;
    let composed_text = composed.to_text();
    Ok(LetterView {
        title: composed.title.clone(),
        text: edited.as_ref().map_or_else(|| composed_text.clone(), |e| e.text.clone()),
        facts_changed: edited.as_ref().is_some_and(|e| e.composed_from != composed_text),
        composed: composed_text,
        edited,
        note: composed.note,
    })
}

/// The 事業継続力強化計画 draft's plain text, one (heading, text) per section of the form, for
/// "copy" per section.
pub fn jigyokei_sections(conn: &dyn Db, options: &ExportOptions) -> Result<Vec<(String, String)>, RenderError> {
    let company = company::company_profile(conn)?;
    let context = context(&company, Document::Jigyokei, options);
    Ok(jigyokei::sections(&jigyokei::draft(conn, &context, context.issued_on)?))
}

/// Who the document is for, in which language (the GDPR notice is always English) and dated when.
fn context<'a>(company: &'a CompanyProfile, document: Document, options: &ExportOptions) -> Context<'a> {
    let language = match document {
        Document::GdprDraft | Document::GdprSubjectNotice => Language::En,
        Document::Jigyokei => Language::Ja,
        Document::Policy
        | Document::Bcp
        | Document::ContactsCard
        | Document::ReadinessSummary
        | Document::ExerciseReport
        | Document::IncidentReport
        | Document::PpcDraft
        | Document::PpcMyNumberDraft
        | Document::DataSubjectNotice
        | Document::ClientNotice
        | Document::PublicNotice
        | Document::InsurerNotice
        | Document::IpaDraft
        | Document::IpaAccessDraft
        | Document::JpcertDraft
        | Document::PoliceMemo => options.language,
    };
    Context { company, language, issued_on: options.issued_on.unwrap_or_else(store::today) }
}

/// Saves an exported file (a rendered document, the near-miss CSV) at `path` without ever leaving
/// half a file there: the bytes are written to a temporary file in the same directory, synced and
/// moved into place when complete, and the directory synced so that the move outlasts a power
/// cut. An existing file is replaced only when `replace` is true.
pub fn save(path: &Path, bytes: &[u8], replace: bool) -> Result<(), RenderError> {
    use std::io::Write;
    let io = |source| RenderError::Io { path: path.to_owned(), source };
    if !replace && path.exists() {
        return Err(RenderError::AlreadyExists { path: path.to_owned() });
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut staging = tempfile::Builder::new().prefix(".sonae-export-").tempfile_in(dir).map_err(io)?;
    staging.write_all(bytes).map_err(io)?;
    staging.as_file().sync_all().map_err(io)?;
    // A document is for reading and sharing, not private like a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o644)).map_err(io)?;
    }
    if replace {
        staging.persist(path).map_err(|e| match crate::store::held_open_elsewhere(path, &e.error) {
            true => RenderError::InUse { path: path.to_owned() },
            false => io(e.error),
        })?;
    } else {
        staging.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                RenderError::AlreadyExists { path: path.to_owned() }
            } else {
                io(e.error)
            }
        })?;
    }
    // Until its folder is synced, a power cut can undo the rename and take the document with it.
    crate::company_file::sync_folder(dir).map_err(io)
}

fn required_incident(document: Document, options: &ExportOptions) -> Result<i64, RenderError> {
    options.incident_id.ok_or(RenderError::NeedsIncident { document: document.key() })
}

/// The PDF's creation date: now, in the machine's offset.
fn pdf_now() -> printpdf::DateTime {
    let now = chrono::Local::now();
    let offset = now.offset().local_minus_utc();
    printpdf::DateTime {
        date: printpdf::Date { year: now.year(), month: now.month() as u8, day: now.day() as u8 },
        time: printpdf::Time { hour: now.hour() as u8, minute: now.minute() as u8, second: now.second() as u8, millisecond: 0 },
        offset: printpdf::Offset {
            hours: (offset / 3600) as i8,
            minutes: ((offset % 3600) / 60) as i8,
            seconds: 0,
            milliseconds: 0,
        },
    }
}
