//! The reporting step as an interview: one plain question at a time, only those whose answer can
//! still change who must be told, each answerable with 「分からない」.
//!
//! A non-expert cannot say whether a cipher is on the 電子政府推奨暗号リスト; they can say whether
//! the laptop had BitLocker and whether the recovery key was in the bag. This module holds the
//! questions, turns the office's replies into the assessment's facts (docs/rules.md §9.2), and asks
//! the engine ([`crate::rules::open`]) which facts are still open; the next question is the first,
//! in the order that suits the case, that settles an open fact. A question not answered yet and a
//! reply of 「分からない」 both leave their fact open, assessed with its safe value, so the answer on
//! screen never misses a report while the interview goes on. Beside the answer it says which
//! unknowns keep a report standing (and what to confirm to lift it) and which replies lifted one.
//!
//! What steps 1 and 2 already said (the case, the stage, the category, whether personal data may be
//! involved, what the case itself tells: ransomware is malware) is never asked again, and nor is
//! what the company profile answers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::incident::affected_data::{Contradiction, ReportingDetails};
use crate::incident::wizard::CaseKind;
use crate::rules::{self, Assessment, Authority, DataAtRisk, EntrustedData, Facts, FactsError, Obligation, PartialFacts};

/// One question of the interview.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Question {
    /// A theft, extortion or someone inside taking data (for a lost device: could it be stolen).
    Crime,
    /// Someone got in from outside.
    UnauthorizedAccess,
    /// A virus or other harmful program.
    Malware,
    /// A carrier's users' communications.
    CommunicationsSecrecy,
    /// Whose the personal data is: the company's own, a client's, or both.
    Whose,
    /// Everything back, and nobody looked at it (for a mis-sent mail: deleted unopened).
    Recovered,
    /// The device or file was encrypted.
    Encrypted,
    /// The password or key was with it, or sent the same way.
    KeyWithIt,
    /// The device was wiped remotely.
    WipedRemotely,
    /// 要配慮個人情報 among it.
    Sensitive,
    /// Card numbers, banking log-ins or other data that can be used to take money.
    Financial,
    /// My Numbers among it.
    MyNumbers,
    /// My Numbers open to anyone on the internet.
    MyNumbersPublic,
    /// How many people, at least.
    PeopleAtLeast,
    /// How many people, at most.
    PeopleAtMost,
    /// With both the company's own and a client's data: how many people in the client's, at least.
    ClientPeopleAtLeast,
    /// … and at most.
    ClientPeopleAtMost,
    /// How many people's My Numbers, at least.
    MyNumbersAtLeast,
    /// How many people's My Numbers, at most.
    MyNumbersAtMost,
    /// Done on purpose to get or misuse the data.
    BadIntent,
    /// Taken from what customers typed into the company's own web site.
    WebForm,
    /// People in the EU or EEA among them.
    EuPeople,
    /// The client whose data it is has been told.
    ClientTold,
    /// (profile) An office in the EU.
    EuEstablishment,
    /// (profile) Selling to, or tracking, people in the EU.
    EuTargeting,
}

crate::keys::keyed!(Question);

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// はい / いいえ / 分からない.
    YesNo,
    /// A number of people, or 分からない.
    Count,
    /// A number of people, "no more than that" (`no`), or 分からない.
    Most,
    /// The company's own, a client's, both, or 分からない.
    Whose,
}

/// A reply to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    Yes,
    No,
    /// 分からない: the fact stays open and takes its safe value.
    Unknown,
    Own,
    Client,
    Both,
    /// A number of people (at least 1).
    Count(u32),
}

/// A question and the office's reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Replied {
    pub question: Question,
    pub reply: Reply,
}

/// A question as the interview shows it, with the reply given so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Asked {
    pub question: Question,
    pub kind: AnswerKind,
    pub reply: Option<Reply>,
    /// Asked for what a report must say, not because it could change who is told (the number of
    /// people, which the PPC form and the client's notice ask).
    pub for_documents: bool,
}

/// What the earlier steps and the company profile already say.
#[derive(Debug, Clone, PartialEq)]
pub struct InterviewStart {
    pub case_kind: CaseKind,
    /// The facts as steps 1–2 and the profile give them ([`super::wizard::prefilled_facts`]).
    pub known: Facts,
    /// Step 2: personal information may have leaked.
    pub personal_data_involved: bool,
    /// The profile's two GDPR questions, `None` while unanswered.
    pub eu_establishment: Option<bool>,
    pub eu_targeting: Option<bool>,
}

impl InterviewStart {
    /// What the earlier steps recorded about an incident and what the company profile says.
    pub fn new(
        case_kind: CaseKind,
        discovered_at: chrono::DateTime<chrono::FixedOffset>,
        category: Option<&str>,
        stage: rules::IncidentStage,
        personal_data_involved: bool,
        company: &crate::company::CompanyProfile,
    ) -> Self {
        InterviewStart {
            case_kind,
            known: super::wizard::prefilled_facts(case_kind, discovered_at, category, stage, personal_data_involved, company),
            personal_data_involved,
            eu_establishment: company.eu_establishment,
            eu_targeting: company.eu_targeting,
        }
    }
}

/// An obligation that stands only because something is not known yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Unsettled {
    pub authority: Authority,
    /// The ways to make it fall away, any one enough: each the facts (contract names) to confirm
    /// together, each the way that leaves fewer reports.
    pub ways: Vec<Vec<&'static str>>,
}

/// An addressee no longer to be told because of what the office answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Lifted {
    pub authority: Authority,
    /// The facts (contract names) whose answers lifted it.
    pub by: Vec<&'static str>,
}

/// Where the interview stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InterviewState {
    /// The questions answered, in the interview's order: the summary to change answers from.
    pub answered: Vec<Asked>,
    /// The question to ask next; `None` when nothing left can change the answer.
    pub next: Option<Asked>,
    /// The facts the replies stand for, as they would be recorded.
    pub facts: Facts,
    /// The answer as it stands, every open fact at its safe value.
    pub assessment: Assessment,
    /// The facts still open that could change the answer (contract names).
    pub open: Vec<&'static str>,
    pub unsettled: Vec<Unsettled>,
    pub lifted: Vec<Lifted>,
    /// Data items that disagree with the replies: the company's own data, then a client's.
    pub contradictions: Vec<Contradiction>,
}

/// The interview's order: the event, whose data, then what was in it and how many, the exemptions
/// and the rest; a case that turns on an exemption asks it first.
const ORDER: [Question; 25] = [
    Question::Crime,
    Question::UnauthorizedAccess,
    Question::Malware,
    Question::CommunicationsSecrecy,
    Question::Whose,
    Question::Sensitive,
    Question::Financial,
    Question::MyNumbers,
    Question::MyNumbersPublic,
    Question::PeopleAtLeast,
    Question::PeopleAtMost,
    Question::ClientPeopleAtLeast,
    Question::ClientPeopleAtMost,
    Question::MyNumbersAtLeast,
    Question::MyNumbersAtMost,
    Question::BadIntent,
    Question::WebForm,
    Question::Encrypted,
    Question::KeyWithIt,
    Question::WipedRemotely,
    Question::Recovered,
    Question::EuPeople,
    Question::ClientTold,
    Question::EuEstablishment,
    Question::EuTargeting,
];

impl Question {
    pub fn kind(self) -> AnswerKind {
        match self {
            Question::Whose => AnswerKind::Whose,
            Question::PeopleAtLeast | Question::ClientPeopleAtLeast | Question::MyNumbersAtLeast => AnswerKind::Count,
            Question::PeopleAtMost | Question::ClientPeopleAtMost | Question::MyNumbersAtMost => AnswerKind::Most,
            Question::Crime
            | Question::UnauthorizedAccess
            | Question::Malware
            | Question::CommunicationsSecrecy
            | Question::Recovered
            | Question::Encrypted
            | Question::KeyWithIt
            | Question::WipedRemotely
            | Question::Sensitive
            | Question::Financial
            | Question::MyNumbers
            | Question::MyNumbersPublic
            | Question::BadIntent
            | Question::WebForm
            | Question::EuPeople
            | Question::ClientTold
            | Question::EuEstablishment
            | Question::EuTargeting => AnswerKind::YesNo,
        }
    }

    /// The facts the question settles: contract names outside the data, field names inside it
    /// (for each body of data the incident has).
    fn settles(self) -> &'static [&'static str] {
        match self {
            Question::Crime => &["crime_suspected"],
            Question::UnauthorizedAccess => &["unauthorized_access"],
            Question::Malware => &["malware"],
            Question::CommunicationsSecrecy => &["communications_secrecy"],
            Question::Whose => &[],
            Question::Recovered => &["recovered_unviewed"],
            Question::Encrypted | Question::KeyWithIt | Question::WipedRemotely => &["high_level_encryption"],
            Question::Sensitive => &["sensitive"],
            Question::Financial => &["financial_damage_risk"],
            Question::MyNumbers => &["my_number_involved"],
            Question::MyNumbersPublic => &["my_number_public"],
            Question::PeopleAtLeast | Question::ClientPeopleAtLeast => &["subjects", "subjects_unknown"],
            Question::PeopleAtMost | Question::ClientPeopleAtMost => &["subjects_max"],
            Question::MyNumbersAtLeast => &["my_number_subjects"],
            Question::MyNumbersAtMost => &["my_number_subjects_max"],
            Question::BadIntent => &["unlawful_purpose"],
            Question::WebForm => &["being_acquired"],
            Question::EuPeople => &["eu_subjects"],
            Question::ClientTold => &["entrusted_data.client_notified"],
            Question::EuEstablishment | Question::EuTargeting => &["organization.gdpr_applies"],
        }
    }

    /// Whether the question is about a body of personal data.
    fn about_data(self) -> bool {
        !matches!(
            self,
            Question::Crime
                | Question::UnauthorizedAccess
                | Question::Malware
                | Question::CommunicationsSecrecy
                | Question::ClientTold
                | Question::EuEstablishment
                | Question::EuTargeting
        )
    }

    /// Whether `reply` answers this question.
    fn accepts(self, reply: Reply) -> bool {
        match (self.kind(), reply) {
            (_, Reply::Unknown) => true,
            (AnswerKind::YesNo, Reply::Yes | Reply::No) => true,
            (AnswerKind::Count, Reply::Count(n)) => n > 0,
            (AnswerKind::Most, Reply::Count(n)) => n > 0,
            (AnswerKind::Most, Reply::No) => true,
            (AnswerKind::Whose, Reply::Own | Reply::Client | Reply::Both) => true,
            _ => false,
        }
    }
}

/// A reply that does not answer its question (a count for a yes-or-no question, a count of 0).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InterviewError {
    #[error("{reply:?} does not answer the question {question}")]
    NotAnAnswer { question: &'static str, reply: Reply },
    #[error(transparent)]
    Facts(#[from] FactsError),
}

/// The replies given, each question's last reply.
struct Replies<'a>(&'a [Replied]);

impl Replies<'_> {
    fn get(&self, question: Question) -> Option<Reply> {
        self.0.iter().rev().find(|r| r.question == question).map(|r| r.reply)
    }

    /// A yes-or-no question's answer; `None` while not answered, or answered 「分からない」.
    fn said(&self, question: Question) -> Option<bool> {
        match self.get(question)? {
            Reply::Yes => Some(true),
            Reply::No => Some(false),
            Reply::Unknown | Reply::Own | Reply::Client | Reply::Both | Reply::Count(_) => None,
        }
    }
}

/// The replies to the profile's two GDPR questions (an office in the EU; selling to or tracking
/// people there), each `None` unless answered yes or no: what the interview may save to the profile.
pub fn gdpr_replies(replies: &[Replied]) -> (Option<bool>, Option<bool>) {
    let replies = Replies(replies);
    (replies.said(Question::EuEstablishment), replies.said(Question::EuTargeting))
}

/// The replies that facts recorded before the interview existed (by the old form of step 5) stand
/// for, so that reviewing such an incident starts from what the office said then. A trigger
/// (sensitive data, bad intent…) is taken as said either way; an exemption (encrypted, found
/// unread, the client told) only when it was claimed, because an unticked box may have meant "not
/// known": the interview asks it again. Only the replies the interview would ask are kept.
pub fn recorded_replies(start: &InterviewStart, recorded: &Facts) -> Vec<Replied> {
    let yes_no = |b: bool| if b { Reply::Yes } else { Reply::No };
    let count = |n: u64| (n > 0).then(|| Reply::Count(u32::try_from(n).unwrap_or(u32::MAX)));
    let most = |max: Option<u64>, at_least: u64, unknown: bool| match max {
        _ if unknown => Some(Reply::Unknown),
        Some(n) => count(n),
        None => (at_least > 0).then_some(Reply::No),
    };
    let own = Some(&recorded.personal_data.at_risk).filter(|d| d.held());
    let client = recorded.entrusted_data.as_ref();
    let bodies: Vec<&DataAtRisk> = own.into_iter().chain(client.map(|c| &c.at_risk)).collect();
    let any = |field: fn(&DataAtRisk) -> bool| bodies.iter().any(|d| field(d));
    let all = |field: fn(&DataAtRisk) -> bool| !bodies.is_empty() && bodies.iter().all(|d| field(d));
    // With both bodies, one count stands for the company's own and the client's has its own.
    let counted = own.or(client.map(|c| &c.at_risk));
    let mut read_off: Vec<(Question, Option<Reply>)> = vec![
        (Question::Crime, Some(yes_no(recorded.crime_suspected))),
        (Question::UnauthorizedAccess, Some(yes_no(recorded.unauthorized_access))),
        (Question::Malware, Some(yes_no(recorded.malware))),
        (Question::CommunicationsSecrecy, Some(yes_no(recorded.communications_secrecy))),
        (
            Question::Whose,
            match (own.is_some(), client.is_some()) {
                (true, true) => Some(Reply::Both),
                (true, false) => Some(Reply::Own),
                (false, true) => Some(Reply::Client),
                (false, false) => None,
            },
        ),
        (Question::Sensitive, Some(yes_no(any(|d| d.sensitive)))),
        (Question::Financial, Some(yes_no(any(|d| d.financial_damage_risk)))),
        (Question::BadIntent, Some(yes_no(any(|d| d.unlawful_purpose)))),
        (Question::WebForm, own.map(|d| yes_no(d.being_acquired))),
        (Question::EuPeople, Some(yes_no(any(|d| d.eu_subjects > 0)))),
        (Question::Recovered, all(|d| d.recovered_unviewed).then_some(Reply::Yes)),
        (Question::Encrypted, all(|d| d.high_level_encryption).then_some(Reply::Yes)),
        (Question::KeyWithIt, all(|d| d.high_level_encryption).then_some(Reply::No)),
        (Question::ClientTold, client.filter(|c| c.client_notified).map(|_| Reply::Yes)),
    ];
    let mut counts = |data: &DataAtRisk, at_least, at_most| {
        read_off.push((at_least, if data.subjects_unknown { None } else { count(data.subjects) }));
        read_off.push((at_most, most(data.subjects_max, data.subjects, data.subjects_unknown)));
    };
    if let Some(data) = counted {
        counts(data, Question::PeopleAtLeast, Question::PeopleAtMost);
    }
    if let (Some(_), Some(client)) = (own, client) {
        counts(&client.at_risk, Question::ClientPeopleAtLeast, Question::ClientPeopleAtMost);
    }
    // "No My Numbers" only when every body says so; a form that never asked is asked again.
    if let Some(data) = bodies.iter().find(|d| d.holds_my_numbers()) {
        read_off.push((Question::MyNumbers, Some(Reply::Yes)));
        read_off.push((Question::MyNumbersPublic, Some(yes_no(data.my_number_public))));
        read_off.push((Question::MyNumbersAtLeast, count(data.my_number_subjects)));
        read_off.push((Question::MyNumbersAtMost, most(data.my_number_subjects_max, data.my_number_subjects, false)));
    } else if all(|d| d.my_number_involved == Some(false)) {
        read_off.push((Question::MyNumbers, Some(Reply::No)));
    }
    let replies: Vec<Replied> =
        read_off.into_iter().filter_map(|(question, reply)| Some(Replied { question, reply: reply? })).collect();
    // Kept: what the interview would ask, in its order; nothing if the record does not hold
    // together. (Without the open-facts search: the drafts read this with every incident.)
    let given = Replies(&replies);
    if said(start, &given).is_err() {
        return Vec::new();
    }
    order(start.case_kind)
        .into_iter()
        .filter(|question| applies(*question, start, &given))
        .filter_map(|question| Some(Replied { question, reply: given.get(question)? }))
        .collect()
}

/// The questions in the order that suits the case: a lost device turns on encryption and on being
/// found, a mis-sent mail on being deleted unread, so those come straight after whose data it is.
fn order(case: CaseKind) -> Vec<Question> {
    let first: &[Question] = match case {
        CaseKind::LostDevice => &[
            Question::Crime,
            Question::Whose,
            Question::Encrypted,
            Question::KeyWithIt,
            Question::WipedRemotely,
            Question::Recovered,
        ],
        CaseKind::Missent => &[Question::Whose, Question::Recovered, Question::Encrypted, Question::KeyWithIt],
        CaseKind::Malware
        | CaseKind::SuspiciousEmail
        | CaseKind::Website
        | CaseKind::AccountMisuse
        | CaseKind::Ransomware
        | CaseKind::Outage
        | CaseKind::Other => &[],
    };
    first.iter().copied().chain(ORDER.into_iter().filter(|q| !first.contains(q))).collect()
}

/// The facts the replies stand for, and those not answered (contract names): the questions not
/// asked yet, and those answered 「分からない」.
fn said(start: &InterviewStart, replies: &Replies) -> Result<(Facts, Vec<&'static str>), InterviewError> {
    for replied in replies.0 {
        if !replied.question.accepts(replied.reply) {
            return Err(InterviewError::NotAnAnswer { question: replied.question.key(), reply: replied.reply });
        }
    }
    let mut facts = start.known.clone();
    let mut open: Vec<&'static str> = Vec::new();
    let flag = |question, known: bool, value: &mut bool, name, open: &mut Vec<&'static str>| {
        if known {
            return;
        }
        match replies.said(question) {
            Some(said) => *value = said,
            None => open.push(name),
        }
    };
    // What the case tells by itself (ransomware is malware and extortion) is known.
    let known = &start.known;
    flag(Question::Crime, known.crime_suspected, &mut facts.crime_suspected, "crime_suspected", &mut open);
    flag(
        Question::UnauthorizedAccess,
        known.unauthorized_access,
        &mut facts.unauthorized_access,
        "unauthorized_access",
        &mut open,
    );
    flag(Question::Malware, known.malware, &mut facts.malware, "malware", &mut open);
    flag(Question::CommunicationsSecrecy, false, &mut facts.communications_secrecy, "communications_secrecy", &mut open);

    if start.personal_data_involved {
        let whose = replies.get(Question::Whose);
        let involved = DataAtRisk { involved: Some(true), ..Default::default() };
        if whose == Some(Reply::Client) {
            facts.personal_data.at_risk = DataAtRisk { involved: Some(false), ..Default::default() };
        } else {
            let unlawful = facts.personal_data.at_risk.unlawful_purpose;
            facts.personal_data.at_risk = DataAtRisk { unlawful_purpose: unlawful, ..involved.clone() };
            open.extend(data_facts(&mut facts.personal_data.at_risk, "personal_data.", true, start, replies));
        }
        if whose != Some(Reply::Own) {
            let unlawful = known.personal_data.at_risk.unlawful_purpose;
            let mut entrusted =
                EntrustedData { at_risk: DataAtRisk { unlawful_purpose: unlawful, ..involved }, client_notified: false };
            open.extend(data_facts(&mut entrusted.at_risk, "entrusted_data.", false, start, replies));
            match replies.said(Question::ClientTold) {
                Some(told) => entrusted.client_notified = told,
                None => open.push("entrusted_data.client_notified"),
            }
            facts.entrusted_data = Some(entrusted);
        }
    }

    let (establishment, targeting) = (
        start.eu_establishment.or(replies.said(Question::EuEstablishment)),
        start.eu_targeting.or(replies.said(Question::EuTargeting)),
    );
    match (establishment, targeting) {
        (Some(true), _) | (_, Some(true)) => facts.organization.gdpr_applies = true,
        (Some(false), Some(false)) => facts.organization.gdpr_applies = false,
        _ => open.push("organization.gdpr_applies"),
    }
    facts.check()?;
    open.sort_by_key(|name| rules::fact_names().position(|n| n == *name));
    Ok((facts, open))
}

/// Puts the replies about one body of data in place; returns the facts left open (contract
/// names). `own` says whether it is the company's own data (only that can be "being acquired").
fn data_facts(
    data: &mut DataAtRisk,
    prefix: &'static str,
    own: bool,
    start: &InterviewStart,
    replies: &Replies,
) -> Vec<&'static str> {
    let name = |field: &str| -> &'static str {
        rules::fact_names().find(|n| n.strip_prefix(prefix) == Some(field)).expect("a field of a body of data")
    };
    let mut open = Vec::new();
    let mut flag = |question, value: &mut bool, field: &str| match replies.said(question) {
        Some(said) => *value = said,
        None => open.push(name(field)),
    };
    flag(Question::Sensitive, &mut data.sensitive, "sensitive");
    flag(Question::Financial, &mut data.financial_damage_risk, "financial_damage_risk");
    if !data.unlawful_purpose {
        flag(Question::BadIntent, &mut data.unlawful_purpose, "unlawful_purpose");
    }
    if own {
        flag(Question::WebForm, &mut data.being_acquired, "being_acquired");
    }
    flag(Question::Recovered, &mut data.recovered_unviewed, "recovered_unviewed");
    match encryption(start.case_kind, replies) {
        Some(encrypted) => data.high_level_encryption = encrypted,
        None => open.push(name("high_level_encryption")),
    }
    match replies.said(Question::EuPeople) {
        Some(any) => data.eu_subjects = u64::from(any),
        None => open.push(name("eu_subjects")),
    }
    // With both bodies answered, each has its own count; else one count stands for whatever there is.
    let (at_least, at_most) = if !own && replies.get(Question::Whose) == Some(Reply::Both) {
        (Question::ClientPeopleAtLeast, Question::ClientPeopleAtMost)
    } else {
        (Question::PeopleAtLeast, Question::PeopleAtMost)
    };
    match replies.get(at_least) {
        Some(Reply::Count(n)) => data.subjects = u64::from(n),
        _ => open.extend([name("subjects"), name("subjects_unknown")]),
    }
    match replies.get(at_most) {
        Some(Reply::Count(n)) => data.subjects_max = Some(u64::from(n)),
        Some(Reply::No) => {}
        _ => open.push(name("subjects_max")),
    }
    match replies.said(Question::MyNumbers) {
        Some(false) => data.my_number_involved = Some(false),
        said => {
            match said {
                Some(_) => data.my_number_involved = said,
                None => open.push(name("my_number_involved")),
            }
            match replies.said(Question::MyNumbersPublic) {
                Some(public) => data.my_number_public = public,
                None => open.push(name("my_number_public")),
            }
            match replies.get(Question::MyNumbersAtLeast) {
                Some(Reply::Count(n)) => data.my_number_subjects = u64::from(n),
                _ => open.push(name("my_number_subjects")),
            }
            match replies.get(Question::MyNumbersAtMost) {
                Some(Reply::Count(n)) => data.my_number_subjects_max = Some(u64::from(n)),
                Some(Reply::No) => {}
                _ => open.push(name("my_number_subjects_max")),
            }
        }
    }
    open
}

/// 高度な暗号化 from what an office can answer (docs/rules.md §6): encrypted, and the key kept
/// apart — not with the device nor sent the same way — or (a device) wiped remotely. `None` while
/// not settled.
fn encryption(case: CaseKind, replies: &Replies) -> Option<bool> {
    if !replies.said(Question::Encrypted)? {
        return Some(false);
    }
    replies.get(Question::KeyWithIt)?;
    let key_with_it = replies.said(Question::KeyWithIt);
    if key_with_it == Some(false) {
        return Some(true);
    }
    if case == CaseKind::LostDevice {
        return match replies.said(Question::WipedRemotely) {
            Some(true) => Some(true),
            Some(false) if key_with_it == Some(true) => Some(false),
            Some(false) | None => None,
        };
    }
    key_with_it.map(|with_it| !with_it)
}

/// Whether `question` is part of this interview, given the replies so far.
fn applies(question: Question, start: &InterviewStart, replies: &Replies) -> bool {
    let whose = replies.get(Question::Whose);
    let my_numbers = replies.get(Question::MyNumbers) != Some(Reply::No);
    let known = &start.known;
    match question {
        _ if question.about_data() && !start.personal_data_involved => false,
        Question::Crime => !known.crime_suspected,
        Question::UnauthorizedAccess => !known.unauthorized_access,
        Question::Malware => !known.malware,
        Question::CommunicationsSecrecy => known.organization.sector == rules::Sector::Telecom,
        Question::KeyWithIt => replies.get(Question::Encrypted) == Some(Reply::Yes),
        Question::WipedRemotely => {
            start.case_kind == CaseKind::LostDevice
                && replies.get(Question::Encrypted) == Some(Reply::Yes)
                && matches!(replies.get(Question::KeyWithIt), Some(Reply::Yes | Reply::Unknown))
        }
        Question::WebForm => whose != Some(Reply::Client),
        Question::BadIntent => !known.personal_data.at_risk.unlawful_purpose,
        Question::MyNumbersPublic | Question::MyNumbersAtLeast | Question::MyNumbersAtMost => my_numbers,
        Question::ClientTold => start.personal_data_involved && whose != Some(Reply::Own),
        Question::EuEstablishment => start.eu_establishment.is_none() && start.eu_targeting != Some(true),
        Question::EuTargeting => {
            start.eu_targeting.is_none()
                && start.eu_establishment != Some(true)
                && replies.get(Question::EuEstablishment) != Some(Reply::Yes)
        }
        Question::Whose
        | Question::Recovered
        | Question::Encrypted
        | Question::Sensitive
        | Question::Financial
        | Question::MyNumbers
        | Question::PeopleAtLeast
        | Question::PeopleAtMost
        | Question::EuPeople => true,
        Question::ClientPeopleAtLeast | Question::ClientPeopleAtMost => whose == Some(Reply::Both),
    }
}

/// Whether an open fact (contract name) is one `question` settles, `whose` being the reply to
/// whose data it is (with both, the counts are asked for each body apart).
fn settles_open(question: Question, whose: Option<Reply>, open: &[&'static str]) -> bool {
    let prefixes: &[&str] = if matches!(question, Question::ClientPeopleAtLeast | Question::ClientPeopleAtMost) {
        &["entrusted_data."]
    } else if matches!(question, Question::PeopleAtLeast | Question::PeopleAtMost) && whose == Some(Reply::Both) {
        &["personal_data."]
    } else {
        &["personal_data.", "entrusted_data."]
    };
    question.settles().iter().any(|field| {
        open.iter().any(|name| {
            if question.about_data() {
                prefixes.iter().any(|prefix| name.strip_prefix(prefix) == Some(*field))
            } else {
                name == field
            }
        })
    })
}

/// The obligations without their grounds: what two answers are compared by.
fn duties(assessment: &Assessment) -> Vec<Obligation> {
    assessment.obligations.iter().map(|o| Obligation { grounds: Vec::new(), ..o.clone() }).collect()
}

/// Where the interview stands after `replies` (each question's last reply counts), with the
/// data items of `details` checked against them.
pub fn interview(
    start: &InterviewStart,
    replies: &[Replied],
    details: &ReportingDetails,
) -> Result<InterviewState, InterviewError> {
    let replies = Replies(replies);
    let (said_facts, unanswered) = said(start, &replies)?;
    let partial = PartialFacts::new(said_facts.clone(), unanswered.clone());
    let rules::OpenAssessment { assessment, open } = rules::assess_open(&partial);

    let whose = replies.get(Question::Whose);
    let questions: Vec<Question> = order(start.case_kind).into_iter().filter(|q| applies(*q, start, &replies)).collect();
    let asked =
        |question: Question| Asked { question, kind: question.kind(), reply: replies.get(question), for_documents: false };
    let whose_matters = || {
        let data_open = open.iter().any(|name| name.starts_with("personal_data.") || name.starts_with("entrusted_data."));
        data_open || {
            let with = |reply| {
                let mut trial: Vec<Replied> = replies.0.to_vec();
                trial.push(Replied { question: Question::Whose, reply });
                said(start, &Replies(&trial)).map(|(facts, open)| duties(&rules::assess(&PartialFacts::new(facts, open).facts)))
            };
            with(Reply::Own).ok() != with(Reply::Client).ok()
        }
    };
    let next = questions
        .iter()
        .copied()
        .find(|q| {
            replies.get(*q).is_none() && if *q == Question::Whose { whose_matters() } else { settles_open(*q, whose, &open) }
        })
        .map(asked)
        .or_else(|| {
            // Once nothing left can change the answer, the counts a report must give, if one stands:
            // at least, then at most, so that the report says 312人, 312人〜450人 or 312人以上 as
            // the office knows it, not a minimum as if it were the count.
            let people: &[Authority] =
                if whose == Some(Reply::Both) { &[Authority::Ppc] } else { &[Authority::Ppc, Authority::Client] };
            let counted = [
                (Question::PeopleAtLeast, Question::PeopleAtMost, people),
                (Question::ClientPeopleAtLeast, Question::ClientPeopleAtMost, &[Authority::Client][..]),
                (Question::MyNumbersAtLeast, Question::MyNumbersAtMost, &[Authority::PpcMyNumber][..]),
            ];
            counted.into_iter().find_map(|(at_least, at_most, reports)| {
                let stands =
                    assessment.obligations.iter().any(|o| reports.contains(&o.authority) && o.duty == rules::Duty::Mandatory);
                [at_least, at_most]
                    .into_iter()
                    .find(|question| stands && questions.contains(question) && replies.get(*question).is_none())
                    .map(|question| Asked { for_documents: true, ..asked(question) })
            })
        });
    let answered: Vec<Asked> = questions.iter().copied().filter(|q| replies.get(*q).is_some()).map(asked).collect();

    // Recorded: what was said, and the safe value for what is open or was answered 「分からない」;
    // a fact never asked keeps its "not said" value, which by the engine changes nothing (kept
    // safe if it ever did).
    let replied_unknown: Vec<&'static str> = unanswered
        .iter()
        .copied()
        .filter(|name| open.contains(name) || answered.iter().any(|a| settles_open(a.question, whose, &[name])))
        .collect();
    let mut facts = PartialFacts::new(said_facts.clone(), replied_unknown.clone()).facts;
    // "At most: not known" is recorded as the contract says it, a count nobody can give yet, not as
    // the made-up maximum that stands for it in the analysis.
    for (prefix, data) in [
        ("personal_data.", Some(&mut facts.personal_data.at_risk)),
        ("entrusted_data.", facts.entrusted_data.as_mut().map(|e| &mut e.at_risk)),
    ] {
        let Some(data) = data else { continue };
        if replied_unknown.iter().any(|name| name.strip_prefix(prefix) == Some("subjects_max")) {
            data.subjects_max = None;
            data.subjects_unknown = true;
        }
    }
    if duties(&rules::assess(&facts)) != duties(&assessment) {
        facts = partial.facts.clone();
    }

    let unsettled = assessment
        .obligations
        .iter()
        .filter_map(|o| {
            // One fact alone, where one is enough; else the fewest that together are.
            let alone: Vec<Vec<&'static str>> = open
                .iter()
                .filter(|name| rules::to_settle(&partial, &[name], o.authority) == [**name])
                .map(|name| vec![*name])
                .collect();
            let ways = if alone.is_empty() {
                Some(rules::to_settle(&partial, &open, o.authority)).filter(|all| !all.is_empty()).into_iter().collect()
            } else {
                alone
            };
            (!ways.is_empty()).then_some(Unsettled { authority: o.authority, ways })
        })
        .collect();
    let answered_facts: Vec<&'static str> = rules::fact_names()
        .filter(|name| !unanswered.contains(name))
        .filter(|name| answered.iter().any(|a| settles_open(a.question, whose, &[name])))
        .collect();
    let mut lifted: Vec<Lifted> = Vec::new();
    for (name, authorities) in rules::lifted_by(&partial.facts, &answered_facts) {
        for authority in authorities {
            match lifted.iter_mut().find(|l| l.authority == authority) {
                Some(entry) => entry.by.push(name),
                None => lifted.push(Lifted { authority, by: vec![name] }),
            }
        }
    }
    lifted.sort_by_key(|l| Authority::ALL.iter().position(|a| *a == l.authority));

    let contradictions = [
        details.data.own.contradictions(&facts.personal_data.at_risk),
        facts.entrusted_data.as_ref().map(|e| details.data.client.contradictions(&e.at_risk)).unwrap_or_default(),
    ]
    .concat();
    Ok(InterviewState { answered, next, facts, assessment, open, unsettled, lifted, contradictions })
}

#[cfg(test)]
mod tests;
