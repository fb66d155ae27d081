//! The assessment: from the facts of an incident to who must or should be told, and by when.
//!
//! Each addressee of docs/rules.md §7 has one small rule function below, with the public source it
//! follows in its doc comment, so a consultant can check why an obligation appears. [`RULES`]
//! lists them in the table's order, which is the order of the output.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use super::deadline;
use super::facts::{DataAtRisk, Facts, IncidentCategory, IncidentStage, Sector};
use super::rule_set::RuleSet;

/// Who must or should be told about one incident (the `assess` contract output).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Assessment {
    /// The rule set applied, named by the day it came into force (`"2024-04-01"`): the set in
    /// force on the day of knowing.
    #[ts(type = "string")]
    pub rules: NaiveDate,
    pub obligations: Vec<Obligation>,
}

/// One addressee's duty, why it applies, and its deadlines (none when the rule sets no day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Obligation {
    pub authority: Authority,
    pub duty: Duty,
    pub grounds: Vec<Ground>,
    pub deadlines: Vec<Deadline>,
    /// Where the report goes when the PPC has delegated receiving it to a ministry (only on
    /// `ppc`); left out of the JSON otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub submit_to: Option<Delegate>,
}

/// 権限の委任 — the ministry that receives a PPC report in the PPC's place for some sectors
/// (APPI art. 150; 施行令 art. 40).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Delegate {
    /// 金融庁 — financial businesses: in practice the Local Finance Bureau covering the head
    /// office, or the prefecture if a sector law puts the business under it (FSA/PPC Q&A 4-7).
    Fsa,
    /// 総務省 — telecommunications carriers, through the Bureau of Telecommunications for the head
    /// office.
    Mic,
}

crate::keys::keyed!(Delegate);

/// A dated step of an obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Deadline {
    pub stage: DeadlineStage,
    pub due_by: DueBy,
}

impl Deadline {
    /// Whether `deadlines` are those of a report made in two stages, a 速報 and then a 確報, each
    /// sent on its own day.
    pub fn two_stages(deadlines: &[Deadline]) -> bool {
        let has = |stage| deadlines.iter().any(|d| d.stage == stage);
        has(DeadlineStage::Preliminary) && has(DeadlineStage::Final)
    }
}

/// The addressees, in the order of docs/rules.md §7.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
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
pub enum Authority {
    /// 個人情報保護委員会 — 漏えい等報告
    Ppc,
    /// 委託元 — the client whose personal data the company handles as a processor.
    Client,
    /// 本人への通知
    DataSubjects,
    /// 個人情報保護委員会 — 特定個人情報 (My Number)
    PpcMyNumber,
    /// プライバシーマーク審査機関
    PrivacyMark,
    /// GDPR supervisory authority (art. 33)
    EuSupervisoryAuthority,
    /// The people in the EU/EEA affected (GDPR art. 34)
    EuDataSubjects,
    /// 金融庁・財務局
    Fsa,
    /// 総務省 — a telecom carrier's report of a leak of the secrecy of communications
    /// (電気通信事業法 art. 28).
    MicTelecom,
    /// 厚生労働省 — for medical institutions hit by a cyberattack
    Mhlw,
    /// The company's cyber insurer
    Insurer,
    /// The ISMS certification body
    IsmsBody,
    /// 都道府県警察
    Police,
    /// IPA コンピュータウイルス届出
    IpaMalware,
    /// IPA 不正アクセス届出
    IpaUnauthorizedAccess,
    /// JPCERT/CC インシデント報告
    Jpcert,
}

crate::keys::keyed!(Authority);

impl Authority {
    /// The key of the company's authority-directory entry that says where to send this
    /// addressee's report; `None` for the addressees that are no desk (the client and the people
    /// affected, told by letter).
    pub fn directory_key(self) -> Option<&'static str> {
        match self {
            Authority::Insurer => Some("cyber_insurer"),
            Authority::Client | Authority::DataSubjects | Authority::EuDataSubjects => None,
            Authority::Ppc
            | Authority::PpcMyNumber
            | Authority::PrivacyMark
            | Authority::EuSupervisoryAuthority
            | Authority::Fsa
            | Authority::MicTelecom
            | Authority::Mhlw
            | Authority::IsmsBody
            | Authority::Police
            | Authority::IpaMalware
            | Authority::IpaUnauthorizedAccess
            | Authority::Jpcert => Some(self.key()),
        }
    }

    /// Whether every policy keeps this addressee's directory entry: the desks of reports any office
    /// may have to make. The sector ministries, the ISMS body and the insurer concern only some
    /// offices, so their entries may be removed.
    pub fn directory_required(self) -> bool {
        match self {
            Authority::Ppc
            | Authority::PpcMyNumber
            | Authority::PrivacyMark
            | Authority::EuSupervisoryAuthority
            | Authority::Fsa
            | Authority::Police
            | Authority::IpaMalware
            | Authority::IpaUnauthorizedAccess
            | Authority::Jpcert => true,
            Authority::Client
            | Authority::DataSubjects
            | Authority::EuDataSubjects
            | Authority::MicTelecom
            | Authority::Mhlw
            | Authority::Insurer
            | Authority::IsmsBody => false,
        }
    }
}

/// How binding an obligation is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Duty {
    /// 義務 — required by law or by the scheme the company joined.
    Mandatory,
    /// 推奨 — advised; nobody enforces it.
    Recommended,
}

crate::keys::keyed!(Duty);

/// Which step of an obligation a deadline is for. Three things have stages, each its own word:
/// an incident (`IncidentStage`: near miss, event, incident), a deadline (this), and the report a
/// draft is written as (`render::ReportStage`: 速報 or 確報).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DeadlineStage {
    /// 速報 — preliminary report.
    Preliminary,
    /// 確報 — final report.
    Final,
    /// A single notification with a deadline (GDPR art. 33).
    Notice,
}

crate::keys::keyed!(DeadlineStage);

/// Why an obligation applies: each id names one trigger of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// 要配慮個人情報 (PPC rule art. 7(1)).
    SensitiveData,
    /// 財産的被害のおそれ (rule art. 7(2)).
    FinancialDamageRisk,
    /// 不正の目的のおそれ (rule art. 7(3)).
    UnlawfulPurpose,
    /// Information the company was in the course of collecting to keep as personal data, taken in
    /// an attack on the company (rule art. 7(3) as amended with effect from 2024-04-01).
    BeingAcquiredUnlawful,
    /// More than 1,000 people (rule art. 7(4)).
    #[serde(rename = "over_1000_subjects")]
    Over1000Subjects,
    /// Possibly more than 1,000 people: the count is not known yet, or the most that may be
    /// affected is over 1,000 (rule art. 7(4), "or possibly so").
    #[serde(rename = "subjects_may_exceed_1000")]
    SubjectsMayExceed1000,
    /// My Number data of more than 100 people (My Number breach rule art. 2).
    #[serde(rename = "my_number_over_100_subjects")]
    MyNumberOver100Subjects,
    /// My Number data of possibly more than 100 people: no count yet, or a maximum over 100.
    #[serde(rename = "my_number_may_exceed_100")]
    MyNumberMayExceed100,
    /// My Number data with an unlawful purpose (My Number breach rule art. 2).
    MyNumberUnlawfulPurpose,
    /// My Numbers could be seen by anyone on the web or on a system outsiders can reach, however
    /// few people they concern (My Number breach rule art. 2; PPC Q&A 17-10 as cited).
    MyNumberPublic,
    /// The data is a client's, handled by the company as a processor (委託先).
    EntrustedData,
    /// The company holds the Privacy Mark.
    PrivacyMarkHolder,
    /// People in the EU/EEA are affected.
    EuSubjects,
    /// A likely high risk to the people in the EU/EEA: special-category data or data that can be
    /// misused for money, not encrypted (GDPR art. 34(1)).
    EuHighRisk,
    /// The company is a financial business.
    FinanceSector,
    /// A telecom carrier's users' communications leaked, or may have (電気通信事業法 art. 28).
    CommunicationsSecrecy,
    /// A medical institution suffered unauthorized access or malware.
    MedicalCyberattack,
    /// The company has cyber insurance.
    CyberInsurance,
    /// The company is ISMS certified.
    IsmsCertified,
    /// Unauthorized access or attempts.
    UnauthorizedAccess,
    /// Malware found or an infection.
    Malware,
    /// A crime is suspected.
    CrimeSuspected,
    /// Malware (ransomware and the like) reached personal data.
    Ransomware,
}

impl Ground {
    /// Every ground, in the order rules list them.
    pub const ALL: [Ground; 23] = [
        Ground::SensitiveData,
        Ground::FinancialDamageRisk,
        Ground::UnlawfulPurpose,
        Ground::BeingAcquiredUnlawful,
        Ground::Over1000Subjects,
        Ground::SubjectsMayExceed1000,
        Ground::MyNumberOver100Subjects,
        Ground::MyNumberMayExceed100,
        Ground::MyNumberUnlawfulPurpose,
        Ground::MyNumberPublic,
        Ground::EntrustedData,
        Ground::PrivacyMarkHolder,
        Ground::EuSubjects,
        Ground::EuHighRisk,
        Ground::FinanceSector,
        Ground::CommunicationsSecrecy,
        Ground::MedicalCyberattack,
        Ground::CyberInsurance,
        Ground::IsmsCertified,
        Ground::UnauthorizedAccess,
        Ground::Malware,
        Ground::CrimeSuspected,
        Ground::Ransomware,
    ];
}

/// A deadline: a calendar day, or an exact moment for the GDPR's 72 hours. Written as
/// `YYYY-MM-DD` or as an RFC 3339 timestamp in the offset of `discovered_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, TS)]
#[ts(type = "string")]
pub enum DueBy {
    Date(NaiveDate),
    Instant(DateTime<FixedOffset>),
}

impl Serialize for DueBy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            DueBy::Date(date) => serializer.collect_str(&date.format("%Y-%m-%d")),
            DueBy::Instant(at) => serializer.serialize_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, false)),
        }
    }
}

impl<'de> Deserialize<'de> for DueBy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(DueBy::Date)
            .or_else(|_| DateTime::parse_from_rfc3339(&text).map(DueBy::Instant))
            .map_err(|_| serde::de::Error::custom(format!("due_by {text:?} is neither YYYY-MM-DD nor RFC 3339")))
    }
}

impl Deadline {
    fn on(stage: DeadlineStage, date: NaiveDate) -> Self {
        Deadline { stage, due_by: DueBy::Date(date) }
    }
}

/// Who must or should be told about the incident `facts` describe, under the rules in force on
/// its day of knowing. Facts built in code without [`super::parse_facts`] may carry a day before
/// 2022-04-01, which the parser refuses; they are judged by the earliest rules.
pub fn assess(facts: &Facts) -> Assessment {
    let situation = Situation::new(facts);
    Assessment { rules: situation.rules.effective, obligations: RULES.iter().filter_map(|rule| rule(&situation)).collect() }
}

/// One addressee's rule: its obligation, or none when it does not apply.
type Rule = fn(&Situation) -> Option<Obligation>;

/// The rules in the order of docs/rules.md §7.
const RULES: [Rule; 16] = [
    ppc,
    client,
    data_subjects,
    ppc_my_number,
    privacy_mark,
    eu_supervisory_authority,
    eu_data_subjects,
    fsa,
    mic_telecom,
    mhlw,
    insurer,
    isms_body,
    police,
    ipa_malware,
    ipa_unauthorized_access,
    jpcert,
];

/// The facts with the conclusions several rules share, worked out once.
pub(crate) struct Situation<'a> {
    facts: &'a Facts,
    /// 知った日 — day 1 of every deadline: the date of `discovered_at` in Japan.
    pub(crate) known_on: NaiveDate,
    /// The rules in force on `known_on`.
    pub(crate) rules: &'static RuleSet,
    /// Malware is involved, by category or flag.
    malware: bool,
    /// ヒヤリハット — caught before anything happened: no trigger applies, since nothing was leaked,
    /// lost or damaged, nor may have been.
    pub(crate) near_miss: bool,
    /// The company's own personal data.
    pub(crate) own: DataSituation<'a>,
    /// Personal data the company handles for clients, when the facts describe any: assessed apart
    /// from its own, with the same triggers.
    pub(crate) entrusted: Option<DataSituation<'a>>,
}

impl<'a> Situation<'a> {
    pub(crate) fn new(facts: &'a Facts) -> Self {
        let known_on = deadline::day_of_knowing(facts.discovered_at);
        let rules = RuleSet::in_force_on(known_on).unwrap_or(RuleSet::earliest());
        let malware = facts.malware || facts.category == IncidentCategory::Malware;
        // PPC general guideline 3-5-3-1 (3) gives as examples of an unlawful purpose: unauthorized
        // access, ransomware, theft of media, and staff taking data out to give it to others.
        let attacked = facts.unauthorized_access || facts.crime_suspected || malware;
        // An event (signs, no damage confirmed) is judged like an incident: the triggers cover what
        // may have happened.
        let near_miss = facts.stage == IncidentStage::NearMiss;
        Situation {
            facts,
            known_on,
            rules,
            malware,
            near_miss,
            own: DataSituation::new(&facts.personal_data.at_risk, rules, attacked, !near_miss),
            entrusted: facts
                .entrusted_data
                .as_ref()
                .map(|entrusted| DataSituation::new(&entrusted.at_risk, rules, attacked, !near_miss)),
        }
    }

    /// The company's own data and its clients' data, whichever the facts describe.
    pub(crate) fn all_data(&self) -> impl Iterator<Item = &DataSituation<'a>> {
        std::iter::once(&self.own).chain(&self.entrusted)
    }

    /// Malware that reached personal data, the company's or a client's: treated as ransomware or
    /// data theft, i.e. a crime with an outside attacker.
    fn ransomware(&self) -> bool {
        self.malware && self.all_data().any(|data| data.affected)
    }

    /// 発生日 — the Japan day it happened, or the day of knowing when that is not known (then a
    /// deadline counted from it may really be earlier, and the text says so).
    pub(crate) fn happened_on(&self) -> NaiveDate {
        self.facts.occurred_at.map(deadline::day_of_knowing).map_or(self.known_on, |day| day.min(self.known_on))
    }

    /// Whether the facts say when it happened.
    pub(crate) fn happened_on_is_known(&self) -> bool {
        self.facts.occurred_at.is_some()
    }

    /// The own data's reports to the PPC and to individuals are lifted by the version-1 flag that
    /// says all of it is a client's and the client has been told (APPI art. 26(1) proviso): the
    /// client reports.
    fn own_data_is_the_clients(&self) -> bool {
        self.facts.personal_data.entrusted_by_client_notified
    }

    /// The grounds of the PPC report on the company's own data, or none when it is not due.
    fn ppc_grounds(&self) -> Vec<Ground> {
        if self.own.appi_exempt() || self.own_data_is_the_clients() {
            return Vec::new();
        }
        self.own.appi_triggers()
    }

    /// The grounds of the My Number report on the company's own data, or none when it is not due.
    fn my_number_grounds(&self) -> Vec<Ground> {
        if self.own_data_is_the_clients() {
            return Vec::new();
        }
        self.own.my_number_triggers_after_exemptions()
    }

    /// `[EuSubjects]` when the GDPR's breach notification applies to the company's own data: the
    /// GDPR applies to the company (taken as yes until the profile says not), people in the EU/EEA
    /// are affected, and neither high-level encryption nor a client's responsibility lifts it.
    fn gdpr_grounds(&self) -> Vec<Ground> {
        let applies = self.facts.organization.gdpr_applies
            && self.own.affected
            && self.own.data.eu_subjects > 0
            && !self.own.data.high_level_encryption
            && !self.own_data_is_the_clients();
        grounds([(applies, Ground::EuSubjects)])
    }

    /// 速報 (when `preliminary`) and 確報 dates, PPC rule art. 8 and general guideline 3-5-3-3/4;
    /// 確報 on day 60 when `unlawful`.
    fn report_deadlines(&self, preliminary: bool, unlawful: bool) -> Vec<Deadline> {
        let preliminary =
            preliminary.then(|| Deadline::on(DeadlineStage::Preliminary, self.rules.preliminary_target(self.known_on)));
        let final_report = Deadline::on(DeadlineStage::Final, self.rules.final_report_due(self.known_on, unlawful));
        preliminary.into_iter().chain([final_report]).collect()
    }
}

/// What one body of personal data — the company's own, or a client's — brings to the rules.
pub(crate) struct DataSituation<'a> {
    pub(crate) data: &'a DataAtRisk,
    /// Personal data was (or may have been) leaked, lost or damaged. Every trigger covers the
    /// "may have" case (発生したおそれ). Includes information being acquired when the rules cover
    /// it.
    pub(crate) affected: bool,
    /// 不正の目的のおそれ (rule art. 7(3)) on personal data the company holds.
    unlawful_purpose: bool,
    /// Rule art. 7(3) as amended with effect from 2024-04-01: information the company was
    /// collecting, taken in an act aimed at the company (web skimming of its own form). The fact
    /// `being_acquired` says the act, so it alone is enough (docs/rules.md §5.1).
    being_acquired_unlawful: bool,
    /// My Numbers are (or may be) among the data.
    pub(crate) my_numbers: bool,
    /// The head-count trigger of rule art. 7(4), if any: more than 1,000 people known, or possibly
    /// more.
    people: Option<Ground>,
    /// The head-count trigger of the My Number rules (more than 100), if any.
    my_number_people: Option<Ground>,
}

impl<'a> DataSituation<'a> {
    /// `attacked`: unauthorized access, a suspected crime or malware — an unlawful purpose for
    /// any personal data they reach. `happened`: something happened or may have (not a near miss).
    ///
    /// Information being acquired counts toward item 3 only, and only under rules that cover it:
    /// the other items, and the head-count, are about the personal data the company holds.
    fn new(data: &'a DataAtRisk, rules: &RuleSet, attacked: bool, happened: bool) -> Self {
        let held = happened && (data.involved == Some(true) || data.involvement_shown_by(false).is_some());
        let acquiring = happened && data.being_acquired && rules.covers_information_being_acquired;
        let unlawful = data.unlawful_purpose || attacked;
        let my_numbers = held && data.holds_my_numbers();
        DataSituation {
            data,
            affected: held || acquiring,
            unlawful_purpose: held && unlawful,
            // The act that takes information being collected is aimed at the company by definition
            // (rule art. 7(3) as amended): no separate sign of an unlawful purpose is needed.
            being_acquired_unlawful: acquiring,
            my_numbers,
            people: held.then(|| people_ground(data, rules)).flatten(),
            my_number_people: my_numbers.then(|| my_number_people_ground(data, rules)).flatten(),
        }
    }

    /// Item 3 (an unlawful purpose) applies, on data held or being acquired: the 確報 is due on
    /// day 60 (rule art. 8(2)).
    fn unlawful(&self) -> bool {
        self.unlawful_purpose || self.being_acquired_unlawful
    }

    /// The triggers of a PPC breach report, before exemptions (PPC rule art. 7(1)–(4)).
    fn appi_triggers(&self) -> Vec<Ground> {
        grounds([
            (self.affected && self.data.sensitive, Ground::SensitiveData),
            (self.affected && self.data.financial_damage_risk, Ground::FinancialDamageRisk),
            (self.unlawful_purpose, Ground::UnlawfulPurpose),
            (self.being_acquired_unlawful, Ground::BeingAcquiredUnlawful),
        ])
        .into_iter()
        .chain(self.people)
        .collect()
    }

    /// The triggers of a My Number breach report, before exemptions (番号法 art. 29-4; 特定個人
    /// 情報の漏えい等に関する報告等に関する規則 art. 2): more than 100 people, an unlawful purpose,
    /// or the numbers made viewable by anyone over a network, whatever the count.
    fn my_number_triggers(&self) -> Vec<Ground> {
        self.my_number_people
            .into_iter()
            .chain(grounds([
                (self.my_numbers && self.unlawful_purpose, Ground::MyNumberUnlawfulPurpose),
                (self.my_numbers && self.data.my_number_public, Ground::MyNumberPublic),
            ]))
            .collect()
    }

    /// Whether the PPC report (and the notice to individuals) is lifted:
    /// - 高度な暗号化 with the key kept safe (rule art. 7(1), whose parenthesis covers every item;
    ///   the PPC's Q&A on encryption);
    /// - everything recovered, and confirmed unviewed by any third party — then nothing leaked
    ///   (general guideline 3-5-1-1).
    fn appi_exempt(&self) -> bool {
        self.data.high_level_encryption || self.data.recovered_unviewed
    }

    /// The My Number triggers left after the exemptions (docs/rules.md §6). 高度な暗号化 lifts
    /// the report, and so does getting everything back with it confirmed that nobody viewed it —
    /// then nothing leaked (PPC Q&A 17-1 as cited; rules 2.1). Neither undoes My Numbers made
    /// viewable by anyone over a network (Q&A 17-10), nor use or provision for an improper purpose,
    /// which is not a leak at all: the data's own `unlawful_purpose` flag is the only fact that can
    /// say so, so with it the report stands (the safe direction, docs/rules.md §8.7).
    fn my_number_triggers_after_exemptions(&self) -> Vec<Ground> {
        let triggers = self.my_number_triggers();
        if !(self.data.high_level_encryption || self.data.recovered_unviewed) {
            return triggers;
        }
        triggers
            .into_iter()
            .filter(|ground| match ground {
                Ground::MyNumberPublic => true,
                Ground::MyNumberUnlawfulPurpose => self.data.unlawful_purpose,
                Ground::SensitiveData
                | Ground::FinancialDamageRisk
                | Ground::UnlawfulPurpose
                | Ground::BeingAcquiredUnlawful
                | Ground::Over1000Subjects
                | Ground::SubjectsMayExceed1000
                | Ground::MyNumberOver100Subjects
                | Ground::MyNumberMayExceed100
                | Ground::EntrustedData
                | Ground::PrivacyMarkHolder
                | Ground::EuSubjects
                | Ground::EuHighRisk
                | Ground::FinanceSector
                | Ground::CommunicationsSecrecy
                | Ground::MedicalCyberattack
                | Ground::CyberInsurance
                | Ground::IsmsCertified
                | Ground::UnauthorizedAccess
                | Ground::Malware
                | Ground::CrimeSuspected
                | Ground::Ransomware => false,
            })
            .collect()
    }

    /// Nothing leaked: everything came back and it is confirmed nobody viewed it (general
    /// guideline 3-5-1; PPC Q&A 6-1 as cited).
    fn recovered_unviewed(&self) -> bool {
        self.data.recovered_unviewed
    }
}

/// Rule art. 7(4) on a body of data: more than 1,000 people known (`over_1000_subjects`), or
/// possibly more (`subjects_may_exceed_1000`) when nobody knows yet how many — a count of 0 with
/// no maximum, or `subjects_unknown` with no maximum — or when the maximum is over 1,000. The My
/// Number and EU counts are about the same people, so the largest known count counts. Treating an
/// open count as possibly over the threshold is the product's safe-direction choice
/// (docs/rules.md §8).
fn people_ground(data: &DataAtRisk, rules: &RuleSet) -> Option<Ground> {
    let threshold = rules.people_threshold;
    let known = data.subjects.max(data.my_number_subjects).max(data.eu_subjects);
    let open_ended = data.subjects_max.is_none() && (data.subjects_unknown || data.subjects == 0);
    let most = data.subjects_max.max(data.my_number_subjects_max);
    if known > threshold {
        Some(Ground::Over1000Subjects)
    } else if open_ended || most.is_some_and(|most| most > threshold) {
        Some(Ground::SubjectsMayExceed1000)
    } else {
        None
    }
}

/// The My Number rules' head-count trigger: more than 100 people known, or possibly more when My
/// Numbers are involved with no count and no maximum, or a maximum over 100. My Numbers cannot
/// belong to more people than were affected, so `subjects_max` bounds them too (rules 2.1).
fn my_number_people_ground(data: &DataAtRisk, rules: &RuleSet) -> Option<Ground> {
    let threshold = rules.my_number_people_threshold;
    let most = match (data.my_number_subjects_max, data.subjects_max) {
        (Some(my_numbers), Some(people)) => Some(my_numbers.min(people)),
        (my_numbers, people) => my_numbers.or(people),
    };
    let open_ended = data.my_number_subjects == 0 && most.is_none();
    if data.my_number_subjects > threshold {
        Some(Ground::MyNumberOver100Subjects)
    } else if open_ended || most.is_some_and(|most| most > threshold) {
        Some(Ground::MyNumberMayExceed100)
    } else {
        None
    }
}

/// The grounds whose condition holds, in the order given.
fn grounds<const N: usize>(candidates: [(bool, Ground); N]) -> Vec<Ground> {
    candidates.into_iter().filter_map(|(holds, ground)| holds.then_some(ground)).collect()
}

/// An obligation when at least one ground holds.
fn obligation(authority: Authority, duty: Duty, grounds: Vec<Ground>, deadlines: Vec<Deadline>) -> Option<Obligation> {
    (!grounds.is_empty()).then_some(Obligation { authority, duty, grounds, deadlines, submit_to: None })
}

/// The ministry a PPC report of a company in `sector` goes to, when the PPC has delegated it:
/// finance and telecommunications. Other delegations exist (e.g. METI for designated credit
/// bureaus); the PPC's form asks about delegation, and the text says to confirm there.
fn delegate(sector: Sector) -> Option<Delegate> {
    match sector {
        Sector::Finance => Some(Delegate::Fsa),
        Sector::Telecom => Some(Delegate::Mic),
        Sector::General | Sector::Medical => None,
    }
}

/// `ppc` — 漏えい等報告 to the Personal Information Protection Commission, on the company's own
/// data. APPI (個人情報保護法) art. 26(1); PPC rule (施行規則) art. 7 for the four triggers and
/// art. 8 for the 速報/確報; exemptions as in [`DataSituation::appi_exempt`]. In a sector where
/// the PPC has delegated receiving reports (APPI art. 150), `submit_to` names the ministry.
fn ppc(s: &Situation) -> Option<Obligation> {
    let deadlines = s.report_deadlines(true, s.own.unlawful());
    let report = obligation(Authority::Ppc, Duty::Mandatory, s.ppc_grounds(), deadlines)?;
    Some(Obligation { submit_to: delegate(s.facts.organization.sector), ..report })
}

/// `client` — the processor (委託先) tells its client (委託元) of a breach of the client's data
/// that meets a PPC or My Number trigger: APPI art. 26(1) proviso and PPC rule art. 9 (the
/// processor that has told its client owes no PPC report on that data; the client reports and
/// notifies); GDPR art. 33(2) for data of people in the EU when the GDPR applies. Rule art. 9 says
/// "promptly" (速やかに), the word the guideline reads as about 3–5 days for the 速報: a target of
/// day 5, not moved (rules 2.1). Before the client hears of it the processor must report to the
/// PPC itself, jointly with the client if they wish; [`processor_final_report_due`] gives that
/// report's date and the text says it under the obligation. Once `client_notified`, nothing is
/// left to do here.
fn client(s: &Situation) -> Option<Obligation> {
    let notified = s.facts.entrusted_data.as_ref().is_some_and(|entrusted| entrusted.client_notified);
    let entrusted = s.entrusted.as_ref().filter(|_| !notified)?;
    let mut why = Vec::new();
    if !entrusted.appi_exempt() {
        why.extend(entrusted.appi_triggers());
    }
    why.extend(entrusted.my_number_triggers_after_exemptions());
    // GDPR art. 33(2): a processor tells its controller of every breach of the controller's data,
    // with no risk threshold and so no exemption for encryption (rules 2.1).
    let gdpr = s.facts.organization.gdpr_applies && entrusted.affected && entrusted.data.eu_subjects > 0;
    why.extend(grounds([(gdpr, Ground::EuSubjects)]));
    if why.is_empty() {
        return None;
    }
    why.push(Ground::EntrustedData);
    let target = Deadline::on(DeadlineStage::Preliminary, s.rules.preliminary_target(s.known_on));
    obligation(Authority::Client, Duty::Mandatory, why, vec![target])
}

/// `data_subjects` — 本人への通知, due whenever a PPC or My Number report on the company's own data
/// is: APPI art. 26(2) (public notice and an inquiry desk when individual notice is impossible);
/// 番号法 art. 29-4(2). "Promptly" with no fixed day, so no deadline.
fn data_subjects(s: &Situation) -> Option<Obligation> {
    let mut grounds = s.ppc_grounds();
    grounds.extend(s.my_number_grounds());
    obligation(Authority::DataSubjects, Duty::Mandatory, grounds, Vec::new())
}

/// `ppc_my_number` — report of a My Number (特定個人情報) breach to the PPC: 番号法 art. 29-4(1)
/// and its breach rule (特定個人情報の漏えい等に関する報告等に関する規則); deadlines as `ppc`.
fn ppc_my_number(s: &Situation) -> Option<Obligation> {
    let deadlines = s.report_deadlines(true, s.own.unlawful_purpose);
    obligation(Authority::PpcMyNumber, Duty::Mandatory, s.my_number_grounds(), deadlines)
}

/// `privacy_mark` — incident report to the Privacy Mark examining body and JIPDEC, through the
/// Pマークポータル: the Privacy Mark scheme rules and its incident-report procedure
/// (個人情報の取扱いにおける事故等の報告, privacymark.jp). Any incident on personal information
/// the company handles, its own or its clients', even one person, encrypted or not, and also when
/// everything was recovered unviewed (the product's safe-direction reading; docs/rules.md §8);
/// not a near miss. 確報 on day 30 or 60 and, when a PPC- or My Number-type trigger applies
/// (exemptions aside), a 速報 target on day 5. A private scheme's days are not moved off
/// holidays.
fn privacy_mark(s: &Situation) -> Option<Obligation> {
    if !s.facts.organization.privacy_mark || !s.all_data().any(|data| data.affected) {
        return None;
    }
    let mut triggers = Vec::new();
    for data in s.all_data() {
        for ground in data.appi_triggers().into_iter().chain(data.my_number_triggers()) {
            if !triggers.contains(&ground) {
                triggers.push(ground);
            }
        }
    }
    let unlawful = s.all_data().any(DataSituation::unlawful);
    let preliminary =
        (!triggers.is_empty()).then(|| Deadline::on(DeadlineStage::Preliminary, s.rules.preliminary_target(s.known_on)));
    let final_day = deadline::nth_day(s.known_on, s.rules.final_report_day(unlawful));
    let deadlines = preliminary.into_iter().chain([Deadline::on(DeadlineStage::Final, final_day)]).collect();
    let mut grounds = vec![Ground::PrivacyMarkHolder];
    grounds.extend(triggers);
    obligation(Authority::PrivacyMark, Duty::Mandatory, grounds, deadlines)
}

/// `eu_supervisory_authority` — GDPR art. 33(1): notify the supervisory authority within 72 hours
/// of becoming aware, when the GDPR applies to the company (art. 3) and people in the EU/EEA are
/// affected, unless the breach is unlikely to result in a risk (strong encryption, art. 34(3)(a)
/// and EDPB guidelines 9/2022). A company with no EU establishment has no lead authority: each
/// member state's authority where affected people live (EDPB 9/2022). A processor informs its
/// controller instead (art. 33(2)): the `client` obligation.
fn eu_supervisory_authority(s: &Situation) -> Option<Obligation> {
    let deadline =
        Deadline { stage: DeadlineStage::Notice, due_by: DueBy::Instant(deadline::gdpr_notice_due(s.facts.discovered_at)) };
    obligation(Authority::EuSupervisoryAuthority, Duty::Mandatory, s.gdpr_grounds(), vec![deadline])
}

/// `eu_data_subjects` — GDPR art. 34(1): tell the people in the EU/EEA "without undue delay" when
/// the breach is likely to result in a high risk to them. The product counts as such at least
/// special-category (sensitive) data and data that can be misused for money, not encrypted; other
/// kinds (identity documents, children's data, large volumes; EDPB 01/2021 and 9/2022) are for the
/// office to review, as the text says.
fn eu_data_subjects(s: &Situation) -> Option<Obligation> {
    let mut why = s.gdpr_grounds();
    if why.is_empty() || !(s.own.data.sensitive || s.own.data.financial_damage_risk) {
        return None;
    }
    why.push(Ground::EuHighRisk);
    obligation(Authority::EuDataSubjects, Duty::Mandatory, why, Vec::new())
}

/// `fsa` — financial businesses report any leak of customers' personal data, however small, to the
/// FSA or the Local Finance Bureau "promptly": 金融分野における個人情報保護に関するガイドライン
/// art. 11 and the sector supervisory guidelines. No fixed day, and no head-count or encryption
/// exemption. It covers the company's own data only — a client's entrusted data is the client's
/// to report (rules 2.1) — and not data recovered with it confirmed unviewed, which did not leak.
fn fsa(s: &Situation) -> Option<Obligation> {
    let finance = s.facts.organization.sector == Sector::Finance
        && s.own.affected
        && !s.own.recovered_unviewed()
        && !s.own_data_is_the_clients();
    obligation(Authority::Fsa, Duty::Mandatory, grounds([(finance, Ground::FinanceSector)]), Vec::new())
}

/// `mic_telecom` — a telecom carrier reports a leak of the secrecy of communications (通信の秘密の
/// 漏えい) to the Minister of Internal Affairs and Communications: 電気通信事業法 art. 28(1), with
/// 施行規則 art. 57 asking for a first report promptly and a detailed report on its form within 30
/// days. The ordinance as read here counts those days from when the carrier learned of the leak;
/// the contract counts them from the day it happened, which is never later, and the product
/// follows the contract (docs/rules.md §7.9). Beside the APPI report, which for telecom goes to
/// MIC too. The first report is a target of day 1, the day of knowing, not moved; the detailed
/// report is counted from the day it happened — the day of knowing when that is not known — with
/// that day as day 1, and moved past closed days. Not for a near miss.
fn mic_telecom(s: &Situation) -> Option<Obligation> {
    let applies = s.facts.organization.sector == Sector::Telecom && s.facts.communications_secrecy && !s.near_miss;
    let deadlines = vec![
        Deadline::on(DeadlineStage::Preliminary, s.known_on),
        Deadline::on(DeadlineStage::Final, deadline::government_deadline(s.happened_on(), MIC_DETAILED_REPORT_DAY)),
    ];
    obligation(Authority::MicTelecom, Duty::Mandatory, grounds([(applies, Ground::CommunicationsSecrecy)]), deadlines)
}

/// The day by which 施行規則 art. 57 asks for the detailed report of a leak of the secrecy of
/// communications (三十日以内), counted here from the day it happened (docs/rules.md §7.9).
pub(crate) const MIC_DETAILED_REPORT_DAY: u64 = 30;

/// Whose personal data an obligation is about, said on the cards of a case that touches both the
/// company's own data and a client's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DataScope {
    /// The company's own personal data (its staff, its customers).
    Own,
    /// Personal data the company handles for a client (委託元).
    Client,
}

/// The bodies of personal data `authority`'s duty is about, when the facts describe both the
/// company's own data and a client's (otherwise there is nothing to tell apart and the list is
/// empty). The reports on the own data cover the own data; the client notice the client's; the
/// Privacy Mark report every body affected. The security and crime reports are about the attack,
/// not a body of data.
pub fn data_covered(facts: &Facts, authority: Authority) -> Vec<DataScope> {
    let s = Situation::new(facts);
    let client_affected = s.entrusted.as_ref().is_some_and(|entrusted| entrusted.affected);
    if !(s.own.affected && client_affected) {
        return Vec::new();
    }
    match authority {
        Authority::Ppc
        | Authority::DataSubjects
        | Authority::PpcMyNumber
        | Authority::EuSupervisoryAuthority
        | Authority::EuDataSubjects
        | Authority::Fsa => vec![DataScope::Own],
        Authority::Client => vec![DataScope::Client],
        Authority::PrivacyMark => vec![DataScope::Own, DataScope::Client],
        Authority::MicTelecom
        | Authority::Mhlw
        | Authority::Insurer
        | Authority::IsmsBody
        | Authority::Police
        | Authority::IpaMalware
        | Authority::IpaUnauthorizedAccess
        | Authority::Jpcert => Vec::new(),
    }
}

/// Whether the company's own personal data was (or may have been) leaked, lost or damaged, as the
/// rules read the facts (docs/rules.md §4, involvement).
pub fn own_data_affected(facts: &Facts) -> bool {
    Situation::new(facts).own.affected
}

/// Until the client is told, the processor owes the PPC report on the client's data itself (APPI
/// art. 26(1) proviso; docs/rules.md §7.2): the final report's date for that data, when a
/// `client` obligation stands. The 速報 target is the `client` obligation's own day 5.
pub fn processor_final_report_due(facts: &Facts) -> Option<NaiveDate> {
    let s = Situation::new(facts);
    client(&s)?;
    let entrusted = s.entrusted.as_ref()?;
    Some(s.rules.final_report_due(s.known_on, entrusted.unlawful()))
}

/// `mhlw` — recommended: a medical institution tells the Ministry of Health, Labour and Welfare
/// of a cyberattack: its 2018 notice to hospitals and clinics asks them to report an attack that
/// brings a system down in a way that could leak data or interrupt treatment, and its guideline on
/// the security of medical information systems expects a plan for reporting to MHLW and the
/// police. Not for a near miss.
fn mhlw(s: &Situation) -> Option<Obligation> {
    let attacked = s.facts.unauthorized_access || s.malware;
    let medical = s.facts.organization.sector == Sector::Medical && attacked && !s.near_miss;
    obligation(Authority::Mhlw, Duty::Recommended, grounds([(medical, Ground::MedicalCyberattack)]), Vec::new())
}

/// `insurer` — recommended: a company with cyber insurance tells its insurer as the policy's
/// notice terms say, since an insurer told late may refuse to pay. For events and incidents, not
/// near misses.
fn insurer(s: &Situation) -> Option<Obligation> {
    let insured = s.facts.organization.cyber_insurance && !s.near_miss;
    obligation(Authority::Insurer, Duty::Recommended, grounds([(insured, Ground::CyberInsurance)]), Vec::new())
}

/// `isms_body` — recommended: an ISMS-certified company tells its certification body of an
/// incident as its certification contract says (ISO/IEC 27001 annex A "contact with
/// authorities"). For incidents only: damage confirmed.
fn isms_body(s: &Situation) -> Option<Obligation> {
    let certified = s.facts.organization.isms_certified && s.facts.stage == IncidentStage::Incident;
    obligation(Authority::IsmsBody, Duty::Recommended, grounds([(certified, Ground::IsmsCertified)]), Vec::new())
}

/// `police` — recommended: consult the prefectural police cybercrime desk, or file a 被害届, for
/// unauthorized access (不正アクセス禁止法), ransomware, theft, extortion or insider crime. IPA's
/// SME guideline, model rules section 6 (届出及び相談). Not for a near miss: there is no damage
/// to report.
fn police(s: &Situation) -> Option<Obligation> {
    if s.near_miss {
        return None;
    }
    let why = grounds([
        (s.facts.unauthorized_access, Ground::UnauthorizedAccess),
        (s.ransomware(), Ground::Ransomware),
        (s.all_data().any(|data| data.affected && data.data.unlawful_purpose), Ground::UnlawfulPurpose),
        (s.facts.crime_suspected, Ground::CrimeSuspected),
    ]);
    obligation(Authority::Police, Duty::Recommended, why, Vec::new())
}

/// `ipa_malware` — recommended: IPA's computer virus report (コンピュータウイルス届出, under METI's
/// コンピュータウイルス対策基準), for malware found or an infection; near misses welcome.
fn ipa_malware(s: &Situation) -> Option<Obligation> {
    obligation(Authority::IpaMalware, Duty::Recommended, grounds([(s.malware, Ground::Malware)]), Vec::new())
}

/// `ipa_unauthorized_access` — recommended: IPA's unauthorized access report (不正アクセス届出,
/// under METI's コンピュータ不正アクセス対策基準), for unauthorized access or attempts, which
/// ransomware reaching data implies.
fn ipa_unauthorized_access(s: &Situation) -> Option<Obligation> {
    let why = grounds([(s.facts.unauthorized_access, Ground::UnauthorizedAccess), (s.ransomware(), Ground::Ransomware)]);
    obligation(Authority::IpaUnauthorizedAccess, Duty::Recommended, why, Vec::new())
}

/// `jpcert` — recommended: JPCERT/CC incident report (jpcert.or.jp/form) when coordination or
/// technical help is needed: unauthorized access, malware, defaced or phishing sites. Not for a
/// near miss, which needs no coordination; the IPA reports stay recommended for it.
fn jpcert(s: &Situation) -> Option<Obligation> {
    if s.near_miss {
        return None;
    }
    let why = grounds([(s.facts.unauthorized_access, Ground::UnauthorizedAccess), (s.malware, Ground::Malware)]);
    obligation(Authority::Jpcert, Duty::Recommended, why, Vec::new())
}
