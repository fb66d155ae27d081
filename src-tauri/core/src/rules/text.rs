//! Plain-language words for the assessment, in Japanese (the default) and English.
//!
//! The ids of the contract (`ppc`, `over_1000_subjects`, ...) are for programs; a small office
//! needs to read who to tell and why. The UI shows these names and explanations next to each
//! obligation, and `sonae-cli assess --format text` prints [`describe`].

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use super::deadline;
use super::engine::{Assessment, Authority, Deadline, DeadlineStage, Delegate, DueBy, Duty, Ground, Obligation, Situation};
use super::facts::{Facts, IncidentStage};
use crate::language::Language;

/// A text in Japanese and in English.
type Words = (&'static str, &'static str);

/// The addressee's name as a person in a small office would say it.
pub fn authority_name(authority: Authority, lang: Language) -> &'static str {
    lang.pick(authority_words(authority))
}

fn authority_words(authority: Authority) -> Words {
    match authority {
        Authority::Ppc => ("個人情報保護委員会（漏えい等報告）", "Personal Information Protection Commission (breach report)"),
        Authority::Client => ("委託元への報告", "Report to the client whose data it is"),
        Authority::DataSubjects => ("本人への通知", "Notice to the people affected"),
        Authority::PpcMyNumber => (
            "個人情報保護委員会（マイナンバーを含む特定個人情報の漏えい等報告）",
            "Personal Information Protection Commission (My Number breach report)",
        ),
        Authority::PrivacyMark => ("プライバシーマークの審査機関", "Privacy Mark examining body"),
        Authority::EuSupervisoryAuthority => ("EU・EEAの監督機関（GDPR）", "EU/EEA supervisory authority (GDPR)"),
        Authority::EuDataSubjects => ("EU・EEAの本人への通知（GDPR第34条）", "Notice to the people in the EU/EEA (GDPR art. 34)"),
        Authority::Fsa => ("金融庁・財務局", "Financial Services Agency / Local Finance Bureau"),
        Authority::MicTelecom => (
            "総務省（通信の秘密の漏えいの報告）",
            "Ministry of Internal Affairs and Communications (leak of the secrecy of communications)",
        ),
        Authority::Mhlw => (
            "厚生労働省（医療機関のサイバー攻撃）",
            "Ministry of Health, Labour and Welfare (cyberattack on a medical institution)",
        ),
        Authority::Insurer => ("サイバー保険の保険会社", "The cyber insurer"),
        Authority::IsmsBody => ("ISMS認証機関", "The ISMS certification body"),
        Authority::Police => ("都道府県警察（サイバー犯罪相談窓口）", "Prefectural police (cybercrime desk)"),
        Authority::IpaMalware => ("IPA（コンピュータウイルス届出）", "IPA (malware report)"),
        Authority::IpaUnauthorizedAccess => ("IPA（不正アクセス届出）", "IPA (unauthorized access report)"),
        Authority::Jpcert => ("JPCERT/CC（インシデント報告）", "JPCERT/CC (incident report)"),
    }
}

/// Why a ground makes an obligation apply, in plain words.
pub fn ground_text(ground: Ground, lang: Language) -> &'static str {
    lang.pick(ground_words(ground))
}

fn ground_words(ground: Ground) -> Words {
    match ground {
        Ground::SensitiveData => (
            "病歴や診断内容など、特に配慮が必要な個人情報（要配慮個人情報）が含まれる",
            "Includes information needing special care, such as medical history or diagnoses",
        ),
        Ground::FinancialDamageRisk => (
            "カード番号やネットバンキングのログイン情報など、お金の被害につながるおそれがある",
            "Could lead to financial loss, e.g. full card numbers or online-banking logins",
        ),
        Ground::UnlawfulPurpose => (
            "不正アクセス・盗難・持ち出し・ランサムウェアなど、悪意のある行為によるおそれがある",
            "May have been done on purpose: unauthorized access, theft, taking data out, ransomware",
        ),
        Ground::BeingAcquiredUnlawful => (
            "自社が取得しようとしていた個人情報（自社の注文フォームに入力された内容など）が、自社を狙った不正な行為で盗まれたおそれがある（2024年4月1日施行の改正による）",
            "Personal information the company was collecting (e.g. what customers typed into its own order form) may have been stolen by an attack on the company (amendment in force from 2024-04-01)",
        ),
        Ground::Over1000Subjects => ("対象の人数が1,000人を超える", "More than 1,000 people are affected"),
        Ground::SubjectsMayExceed1000 => (
            "対象の人数がまだ分からない、または最大で1,000人を超えうるため、1,000人超のおそれがあるものとして扱う",
            "The number of people is not known yet, or could be over 1,000, so it is treated as possibly over 1,000",
        ),
        Ground::MyNumberOver100Subjects => {
            ("マイナンバーを含む情報の対象者が100人を超える", "My Number data of more than 100 people is affected")
        }
        Ground::MyNumberMayExceed100 => (
            "マイナンバーを含む情報の対象者数がまだ分からない、または最大で100人を超えうるため、100人超のおそれがあるものとして扱う",
            "The number of people whose My Number is included is not known yet, or could be over 100, so it is treated as possibly over 100",
        ),
        Ground::MyNumberUnlawfulPurpose => (
            "マイナンバーを含む情報が、悪意のある行為で漏れたおそれがある",
            "My Number data may have been taken on purpose",
        ),
        Ground::MyNumberPublic => (
            "マイナンバーを含む情報が、インターネットや外部から接続できるシステム上で誰でも見られる状態になった（人数にかかわらず報告対象）",
            "My Number data could be seen by anyone on the web or on a system outsiders can reach (reportable however few people it concerns)",
        ),
        Ground::EntrustedData => (
            "委託を受けて取り扱っている委託元の個人データで起きた",
            "It concerns a client's personal data that the company handles on the client's behalf",
        ),
        Ground::PrivacyMarkHolder => (
            "プライバシーマークを取得しているため、個人情報の事故は審査機関へ報告する",
            "The company holds the Privacy Mark, which requires reporting personal-data incidents",
        ),
        Ground::EuSubjects => (
            "EU・EEAに住む人の個人データが含まれる（GDPRの対象）",
            "Personal data of people in the EU/EEA is affected (GDPR applies)",
        ),
        Ground::EuHighRisk => (
            "特に配慮が必要なデータやお金の被害につながるデータが暗号化されずに含まれ、本人に高いリスクが生じるおそれがある",
            "Special-category data, or data that can be misused for money, was not encrypted: a likely high risk to the people",
        ),
        Ground::FinanceSector => (
            "金融業のため、お客様の個人データの漏えいは件数にかかわらず報告する",
            "As a financial business, any leak of customers' personal data is reported, however small",
        ),
        Ground::CommunicationsSecrecy => (
            "電気通信事業者として、利用者の通信の内容や、誰がいつ誰と通信したかが漏えいした、またはそのおそれがある（電気通信事業法第28条）",
            "As a telecom carrier, users' communications (their contents, or who communicated with whom and when) leaked or may have (Telecommunications Business Act art. 28)",
        ),
        Ground::MedicalCyberattack => (
            "医療機関が不正アクセスやマルウェアの被害を受けた",
            "A medical institution was hit by unauthorized access or malware",
        ),
        Ground::CyberInsurance => (
            "サイバー保険に加入しており、保険会社への事故の連絡が求められる",
            "The company has cyber insurance, whose policy asks to be told of incidents",
        ),
        Ground::IsmsCertified => (
            "ISMS認証を取得しており、認証機関への連絡が求められることがある",
            "The company is ISMS certified; its certification body may need to be told",
        ),
        Ground::UnauthorizedAccess => {
            ("不正アクセス、またはその試みがあった", "There was unauthorized access, or an attempt at it")
        }
        Ground::Malware => (
            "コンピュータウイルス（マルウェア）を見つけた、または感染した",
            "Malware was found, or a computer was infected",
        ),
        Ground::CrimeSuspected => (
            "盗難・脅迫・社内の不正など、犯罪の疑いがある",
            "A crime is suspected: theft, extortion, or wrongdoing by staff",
        ),
        Ground::Ransomware => (
            "ランサムウェアなどのマルウェアが個人データにまで及んだ",
            "Ransomware or other malware reached personal data",
        ),
    }
}

/// When the addressee expects to hear, in words; for obligations without a dated deadline this
/// is all there is.
pub fn authority_timing(authority: Authority, lang: Language) -> &'static str {
    lang.pick(timing_words(authority))
}

fn timing_words(authority: Authority) -> Words {
    match authority {
        Authority::Ppc | Authority::PpcMyNumber | Authority::PrivacyMark => (
            "速報は5日目を目安に、確報は30日目（悪意のある行為のおそれがあれば60日目）まで",
            "Preliminary report by about day 5; final report by day 30 (day 60 if done on purpose)",
        ),
        Authority::Client => (
            "速やかに（5日目が目安。法令上の期限ではありません）",
            "Promptly (about day 5 as a target, not a legal deadline)",
        ),
        Authority::DataSubjects => (
            "速やかに（日数の定めはありません。個別に連絡できないときは公表と問い合わせ窓口で）",
            "Promptly, no fixed number of days (public notice and an inquiry desk if individuals cannot be reached)",
        ),
        Authority::EuSupervisoryAuthority => ("知ってから72時間以内", "Within 72 hours of becoming aware"),
        Authority::EuDataSubjects => ("不当に遅滞することなく", "Without undue delay"),
        Authority::Fsa => (
            "速やかに（目安は3〜5日程度。個人情報保護委員会への報告とまとめて出すこともできます）",
            "Promptly, about 3-5 days (it may be combined with the PPC report)",
        ),
        Authority::MicTelecom => (
            "第一報は知ったらすぐ（当日が目安）、詳しい報告は発生した日から30日以内",
            "A first report as soon as it is known (the same day as a target); the detailed report within 30 days of the day it happened",
        ),
        Authority::Mhlw => (
            "速やかに（疑いの段階でも、まずシステム事業者に連絡）",
            "Promptly; even when it is only suspected, contact the system vendor straight away",
        ),
        Authority::Insurer => (
            "保険契約の定めに従って。通常は速やかに（連絡が遅れると補償を受けられないことがあります）",
            "By the notice terms of the policy, normally without delay (an insurer told late may refuse to pay)",
        ),
        Authority::IsmsBody => ("認証契約の定めに従って", "As the certification contract says"),
        Authority::Police => ("早めに相談（被害届は警察署へ）", "Early; a damage report (被害届) is filed at a police station"),
        Authority::IpaMalware | Authority::IpaUnauthorizedAccess | Authority::Jpcert => ("定めなし", "No deadline"),
    }
}

/// The ministry a delegated report goes to, by name.
pub fn delegate_name(delegate: Delegate, lang: Language) -> &'static str {
    lang.pick(match delegate {
        Delegate::Fsa => ("金融庁（財務局等）", "Financial Services Agency (Local Finance Bureau)"),
        Delegate::Mic => {
            ("総務省（総合通信局）", "Ministry of Internal Affairs and Communications (Bureau of Telecommunications)")
        }
    })
}

/// "義務" / "mandatory".
pub fn duty_name(duty: Duty, lang: Language) -> &'static str {
    lang.pick(duty_words(duty))
}

fn duty_words(duty: Duty) -> Words {
    match duty {
        Duty::Mandatory => ("義務", "mandatory"),
        Duty::Recommended => ("推奨", "recommended"),
    }
}

/// "速報" / "preliminary report", and so on.
pub fn stage_name(stage: DeadlineStage, lang: Language) -> &'static str {
    lang.pick(stage_words(stage))
}

fn stage_words(stage: DeadlineStage) -> Words {
    match stage {
        DeadlineStage::Preliminary => ("速報", "Preliminary report"),
        DeadlineStage::Final => ("確報", "Final report"),
        DeadlineStage::Notice => ("通知", "Notification"),
    }
}

/// A readable summary of an assessment, for `sonae-cli assess --format text`: each addressee
/// with its duty, the reasons, and the deadlines with how they were counted. `lang` is "ja"
/// (the default for anything but English) or "en".
pub fn describe(assessment: &Assessment, facts: &Facts, lang: Language) -> String {
    let l = lang;
    let situation = Situation::new(facts);
    let count = |duty| assessment.obligations.iter().filter(|o| o.duty == duty).count();
    let (mandatory, recommended) = (count(Duty::Mandatory), count(Duty::Recommended));
    let known = instant(facts.discovered_at, l);
    let mut lines = match l {
        Language::Ja => vec![format!("報告・連絡先の判定（知った日時: {known}。この日を1日目として数えます）")],
        Language::En => vec![format!("Who to tell (the company came to know on {known}; that day is day 1)")],
    };
    if facts.discovered_at.offset() != &deadline::japan_time() {
        let d = day(situation.known_on, l);
        lines.push(match l {
            Language::Ja => format!("日数は日本時間で数えます。日本時間では{d}が1日目です。"),
            Language::En => format!("Days are counted in Japan time, where day 1 is {d}."),
        });
    }
    let effective = situation.rules.effective;
    lines.push(match l {
        Language::Ja => {
            format!("{}年{}月{}日から施行されている規則で判定しました。", effective.year(), effective.month(), effective.day())
        }
        Language::En => format!("Judged by the rules in force from {effective}."),
    });
    lines.push(match l {
        Language::Ja => format!("義務 {mandatory} 件、推奨 {recommended} 件"),
        Language::En => format!("{mandatory} mandatory, {recommended} recommended"),
    });
    if assessment.obligations.is_empty() {
        lines.push(String::new());
        lines.push(
            l.pick(("これらの事実では、報告や連絡が必要な相手はありません。", "On these facts, no one needs to be told.")).into(),
        );
    }
    for (number, obligation) in assessment.obligations.iter().enumerate() {
        let authority = obligation.authority;
        lines.push(String::new());
        lines.push(format!("{}. {} [{}]", number + 1, l.pick(authority_words(authority)), l.pick(duty_words(obligation.duty))));
        if let Some(delegate) = obligation.submit_to {
            lines.push(format!("   {}: {}", l.pick(("提出先", "Submit to")), delegate_name(delegate, lang)));
        }
        for ground in &obligation.grounds {
            lines.push(format!("   {}: {}", l.pick(("理由", "Why")), l.pick(ground_words(*ground))));
        }
        for remark in remarks(obligation) {
            lines.push(format!("   {}: {}", l.pick(("補足", "Note")), l.pick(remark.words())));
        }
        if authority == Authority::Client {
            if let Some(due) = super::engine::processor_final_report_due(facts) {
                lines.push(format!("   {}: {}", l.pick(("補足", "Note")), processor_report_text(due, l)));
            }
        }
        if obligation.deadlines.is_empty() {
            lines.push(format!("   {}: {}", l.pick(("期限", "When")), l.pick(timing_words(authority))));
        }
        for due in &obligation.deadlines {
            let when = deadline_text(due, authority, &situation, l);
            lines.push(format!("   {}: {}", l.pick(stage_words(due.stage)), when));
        }
    }
    for note in notes(assessment, facts) {
        lines.push(String::new());
        lines.push(format!("※ {}", l.pick(note.words())));
    }
    let exemptions = exemptions_considered(facts, &situation, l);
    if !exemptions.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            "{}: {}",
            l.pick(("報告を不要とする事情として考慮したこと", "Exemptions taken into account")),
            exemptions.join(l.pick(("、", "; ")))
        ));
    }
    lines.push(String::new());
    lines.push(
        l.pick((
            "※ 公表されている法令・ガイドラインにもとづく目安です。個別の事情は専門家や各窓口に確認してください。",
            "This is a guide based on published laws and guidelines; check your own case with an expert or the desk concerned.",
        ))
        .into(),
    );
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// Something the office should know about the answer as a whole, said once after the obligations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Note {
    /// A head-count nobody knows yet was taken as possibly over the threshold.
    UnknownCount,
    /// A near miss: nothing is mandatory, the IPA reports are welcome.
    NearMiss,
}

impl Note {
    /// Every note, in the order `describe` says them.
    pub const ALL: [Note; 2] = [Note::NearMiss, Note::UnknownCount];

    /// The note's id in the catalogue (`note.<id>`).
    pub fn id(self) -> &'static str {
        self.into()
    }

    fn words(self) -> Words {
        match self {
            Note::NearMiss => (
                "ヒヤリハット（実際には何も起きていない段階）なので、義務となる報告・通知はありません。IPAへの届出は歓迎されています。社内の記録には残し、研修などで共有するときは当事者が分からないようにしてください。",
                "A near miss (nothing actually happened), so no report or notice is mandatory. IPA welcomes a report. Keep it in the company's records, and when sharing it for training, leave out who was involved.",
            ),
            Note::UnknownCount => (
                "人数がまだ分からないため、基準の人数（1,000人、マイナンバーは100人）を超えるおそれがあるものとして判定しています。これは報告漏れを防ぐための本製品の判断です。調査で人数や最大人数が分かったら事実を入力し直すと、判定を絞り込めます。",
                "As the number of people is not known yet, it is treated as possibly over the threshold (1,000 people, or 100 for My Numbers): this product's choice, so that no report is missed. Once the investigation tells how many people (or at most how many), enter it again and the answer narrows.",
            ),
        }
    }

    /// The note in one language.
    pub fn text(self, lang: Language) -> &'static str {
        lang.pick(self.words())
    }
}

/// The notes an assessment of `facts` calls for.
pub fn notes(assessment: &Assessment, facts: &Facts) -> Vec<Note> {
    let has_ground = |ground| assessment.obligations.iter().any(|o| o.grounds.contains(&ground));
    Note::ALL
        .into_iter()
        .filter(|note| match note {
            Note::UnknownCount => has_ground(Ground::SubjectsMayExceed1000) || has_ground(Ground::MyNumberMayExceed100),
            Note::NearMiss => facts.stage == IncidentStage::NearMiss,
        })
        .collect()
}

/// An explanation said under one obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Remark {
    /// Under `client`: who reports once the client is told, and who until then.
    ClientReports,
    /// Under a `ppc` report delegated to the FSA: where to submit it.
    SubmitToFsa,
    /// Under a `ppc` report delegated to MIC: where to submit it.
    SubmitToMic,
    /// Under `eu_supervisory_authority`: when the GDPR applies at all, and that the profile can
    /// say it does not.
    GdprApplies,
    /// Under `eu_supervisory_authority`: review the other kinds of data that may mean a high risk
    /// to the people (GDPR art. 34).
    GdprHighRiskReview,
    /// Under `mic_telecom`: how the detailed report's day is counted, where it goes, and that the
    /// APPI report is separate.
    TelecomReport,
}

impl Remark {
    /// Every remark, in the order `describe` says them.
    pub const ALL: [Remark; 6] = [
        Remark::SubmitToFsa,
        Remark::SubmitToMic,
        Remark::ClientReports,
        Remark::GdprApplies,
        Remark::GdprHighRiskReview,
        Remark::TelecomReport,
    ];

    /// The remark's id in the catalogue (`remark.<id>`).
    pub fn id(self) -> &'static str {
        self.into()
    }

    fn words(self) -> Words {
        match self {
            Remark::SubmitToFsa => (
                "金融分野の事業者のため、この報告は個人情報保護委員会から権限の委任を受けた金融庁に提出します（本店所在地を管轄する財務局など。業法で都道府県の監督を受ける事業者は都道府県）。委員会の報告フォームの「権限の委任」に関する設問でも確認してください。",
                "As a financial business, submit this report to the Financial Services Agency, to which the PPC has delegated it (in practice the Local Finance Bureau covering the head office, or the prefecture if a sector law puts the business under it). Confirm it with the delegation question of the PPC's report form.",
            ),
            Remark::SubmitToMic => (
                "電気通信事業者のため、この報告は個人情報保護委員会から権限の委任を受けた総務省に、本店所在地を管轄する総合通信局を通じて提出します。委員会の報告フォームの「権限の委任」に関する設問でも確認してください。",
                "As a telecommunications carrier, submit this report to the Ministry of Internal Affairs and Communications, to which the PPC has delegated it, through the Bureau of Telecommunications for the head office. Confirm it with the delegation question of the PPC's report form.",
            ),
            Remark::GdprApplies => (
                "GDPRは、EU・EEAに拠点がある会社や、そこにいる人に商品・サービスを提供したり行動を監視したりする会社に適用されます（第3条）。EUの顧客がいるだけでは適用されません。本製品は、会社情報で「適用なし」とされるまでは適用があるものとして扱います。",
                "The GDPR reaches a company with an establishment in the EU/EEA, or one that targets people there with goods or services or watches how they behave there (art. 3); a Japanese company is not covered merely because some customers live in the EU. Until the company profile says the GDPR does not apply, this product assumes it does.",
            ),
            Remark::GdprHighRiskReview => (
                "本人に高いリスクが生じるおそれのある他の種類のデータ（身分証明書、子どものデータ、大量のデータなど）が含まれていないか確認してください。含まれるときは、本人への通知（GDPR第34条）も必要です。",
                "Check whether other kinds of data that may mean a high risk to the people are involved (identity documents, children's data, large volumes, and so on); if so, the people must be told as well (GDPR art. 34).",
            ),
            Remark::TelecomReport => (
                "本店所在地を管轄する総合通信局（沖縄は沖縄総合通信事務所）に、まず電話やメールで第一報を、その後に所定の様式で詳しい報告を出します。省令は通信の秘密の漏えいの詳しい報告を「知った日から30日以内」としていますが、本製品は発生した日から数えます。発生した日は知った日より前か同じ日なので、期限が遅くなることはありません。利用者の個人データも含まれるときは、個人情報保護委員会への報告（電気通信事業者は総務省へ提出）も別に必要です。",
                "Send a first report by phone or e-mail to the Bureau of Telecommunications covering the head office (in Okinawa, the Okinawa Office), then the detailed report on the prescribed form. The ordinance gives 30 days from the day the carrier learned of a leak of the secrecy of communications; this product counts from the day it happened, which is never later, so the date it gives is never too late. When users' personal data is involved too, the APPI report (submitted to MIC for telecom carriers) is a separate duty.",
            ),
            Remark::ClientReports => (
                "委託元に知らせれば、このデータについての個人情報保護委員会への報告と本人への通知は委託元が行います。知らせるまでは、委託先である自社が委員会への報告を負います（委託元と連名で報告することもできます）。自社のデータは別に判定しています。",
                "After the client has heard of it, reporting this data to the PPC and notifying its people fall to the client. Before that, the company, as the processor, must report to the PPC itself, and may file jointly with the client. The company's own data is assessed separately.",
            ),
        }
    }

    /// The remark in one language.
    pub fn text(self, lang: Language) -> &'static str {
        lang.pick(self.words())
    }
}

/// The remarks to say under `obligation`.
pub fn remarks(obligation: &Obligation) -> Vec<Remark> {
    Remark::ALL
        .into_iter()
        .filter(|remark| match remark {
            Remark::ClientReports => obligation.authority == Authority::Client,
            Remark::SubmitToFsa => obligation.submit_to == Some(Delegate::Fsa),
            Remark::SubmitToMic => obligation.submit_to == Some(Delegate::Mic),
            Remark::GdprApplies | Remark::GdprHighRiskReview => obligation.authority == Authority::EuSupervisoryAuthority,
            Remark::TelecomReport => obligation.authority == Authority::MicTelecom,
        })
        .collect()
}

/// The due date or moment, with how it was counted.
fn deadline_text(due: &Deadline, authority: Authority, situation: &Situation, l: Language) -> String {
    let date = match due.due_by {
        DueBy::Instant(at) => return instant(at, l),
        DueBy::Date(date) => date,
    };
    if authority == Authority::MicTelecom {
        return telecom_deadline_text(due.stage, date, situation, l);
    }
    let rules = situation.rules;
    let day_number = match due.stage {
        DeadlineStage::Preliminary => rules.preliminary_target_day,
        // The deadline is day 30 or 60, or the first open day after it; a move never spans 30 days.
        DeadlineStage::Final if date >= deadline::nth_day(situation.known_on, rules.final_report_day_unlawful) => {
            rules.final_report_day_unlawful
        }
        DeadlineStage::Final => rules.final_report_day,
        DeadlineStage::Notice => return day(date, l),
    };
    let nominal = deadline::nth_day(situation.known_on, day_number);
    if due.stage == DeadlineStage::Preliminary {
        return match l {
            Language::Ja => {
                format!("{}（{day_number}日目。法令上の期限ではなく目安のため、休日でも繰り下げません）", day(date, l))
            }
            Language::En => {
                format!("{} (day {day_number}; a target, not a legal deadline, so not moved for holidays)", day(date, l))
            }
        };
    }
    let private_scheme = authority == Authority::PrivacyMark && !deadline::is_working_day(date);
    match (l, nominal == date) {
        (Language::Ja, true) if private_scheme => {
            format!("{}（{day_number}日目。民間の制度の期限のため、休日でも繰り下げません）", day(date, l))
        }
        (Language::En, true) if private_scheme => {
            format!("{} (day {day_number}; a private scheme's date, not moved for holidays)", day(date, l))
        }
        (Language::Ja, true) => format!("{}（{day_number}日目）", day(date, l)),
        (Language::Ja, false) => {
            format!("{}（{day_number}日目の{}が土日祝日・年末年始のため、次の開庁日）", day(date, l), day(nominal, l))
        }
        (Language::En, true) => format!("{} (day {day_number})", day(date, l)),
        (Language::En, false) => format!(
            "{} (day {day_number}, {}, is a weekend, holiday or year-end closure day; moved to the next working day)",
            day(date, l),
            day(nominal, l)
        ),
    }
}

/// The dates of the telecom report (docs/rules.md §7.9): the first report's target is the day of
/// knowing; the detailed report is day 30 counted from the day it happened.
fn telecom_deadline_text(stage: DeadlineStage, date: NaiveDate, situation: &Situation, l: Language) -> String {
    if stage != DeadlineStage::Final {
        return match l {
            Language::Ja => {
                format!("{}（知った日。法令は「速やかに」としており、その目安。休日でも繰り下げません）", day(date, l))
            }
            Language::En => format!(
                "{} (the day of knowing: the law says promptly, so this is a target, not moved for holidays)",
                day(date, l)
            ),
        };
    }
    let from = situation.happened_on();
    let nominal = deadline::nth_day(from, super::engine::MIC_DETAILED_REPORT_DAY);
    let counted = match (l, situation.happened_on_is_known()) {
        (Language::Ja, true) => format!("発生した日{}を1日目として30日目", day(from, l)),
        (Language::Ja, false) => format!(
            "発生日が分からないため知った日{}を1日目として30日目。発生日が分かると、これより早くなることがあります",
            day(from, l)
        ),
        (Language::En, true) => format!("day 30 counting the day it happened, {}, as day 1", day(from, l)),
        (Language::En, false) => format!(
            "day 30 counting the day of knowing, {}, as day 1, as the day it happened is not known; once it is, the date may be earlier",
            day(from, l)
        ),
    };
    match (l, nominal == date) {
        (Language::Ja, true) => format!("{}（{counted}）", day(date, l)),
        (Language::Ja, false) => {
            format!("{}（{counted}の{}が土日祝日・年末年始のため、次の開庁日）", day(date, l), day(nominal, l))
        }
        (Language::En, true) => format!("{} ({counted})", day(date, l)),
        (Language::En, false) => format!(
            "{} ({counted}; {} is a weekend, holiday or year-end closure day, so moved to the next working day)",
            day(date, l),
            day(nominal, l)
        ),
    }
}

/// Under `client`, while the client has not been told: the processor's own PPC report on that
/// data and its final date (docs/rules.md §7.2).
pub fn processor_report_text(due: NaiveDate, lang: Language) -> String {
    match lang {
        Language::Ja => format!(
            "委託元に知らせるまでは、このデータの個人情報保護委員会への報告は自社の義務です。確報の期限は{}です（速報はこのカードの目安の日まで）。",
            day(due, lang)
        ),
        Language::En => format!(
            "Until the client is told, the PPC report on this data is the company's own duty: the final report is due by {} (the preliminary report by this card's target day).",
            day(due, lang)
        ),
    }
}

/// The exemption facts that, with personal data involved, can lift a report.
fn exemptions_considered(facts: &Facts, situation: &Situation, l: Language) -> Vec<&'static str> {
    let data = &facts.personal_data.at_risk;
    let client_told = situation.entrusted.as_ref().is_some_and(|entrusted| entrusted.affected)
        && facts.entrusted_data.as_ref().is_some_and(|entrusted| entrusted.client_notified);
    let client_told = (
        client_told,
        (
            "委託元のデータについては委託元にすでに知らせたため、その報告は委託元が行う",
            "the client has already been told of its data, so the reports on that data are the client's",
        ),
    );
    let my_numbers_kept = situation.own.my_numbers && (data.my_number_public || data.unlawful_purpose);
    if !situation.own.affected {
        return [client_told].into_iter().filter(|(holds, _)| *holds).map(|(_, text)| l.pick(text)).collect();
    }
    [
        (data.high_level_encryption, ("高度な暗号化がされ、鍵は漏れていない", "strong encryption with the key kept safe")),
        (
            data.recovered_unviewed && !my_numbers_kept,
            (
                "すべて回収し、第三者に見られていないことを確認した（漏えいには当たらない）",
                "everything was recovered and it is confirmed nobody else saw it (so nothing leaked)",
            ),
        ),
        (
            (data.recovered_unviewed || data.high_level_encryption) && my_numbers_kept,
            (
                "マイナンバーが誰でも見られる状態になった、または悪意のある目的で使われたり渡されたりしたおそれがあるため、回収や暗号化があってもマイナンバーの報告は免除されません",
                "My Numbers were open to anyone, or may have been used or handed over for a bad purpose, so neither recovery nor encryption lifts the My Number report",
            ),
        ),
        (
            facts.personal_data.entrusted_by_client_notified,
            ("委託を受けた立場で、委託元にすでに知らせた", "the company processes the data for a client and has told the client"),
        ),
        client_told,
    ]
    .into_iter()
    .filter(|(holds, _)| *holds)
    .map(|(_, text)| l.pick(text))
    .collect()
}

const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// "2026年2月12日(木)" / "Thu 2026-02-12".
fn day(date: NaiveDate, l: Language) -> String {
    match l {
        Language::Ja => format!(
            "{}年{}月{}日({})",
            date.year(),
            date.month(),
            date.day(),
            WEEKDAYS_JA[date.weekday().num_days_from_monday() as usize]
        ),
        Language::En => date.format("%a %Y-%m-%d").to_string(),
    }
}

/// A date with its time and UTC offset.
fn instant(at: DateTime<FixedOffset>, l: Language) -> String {
    format!("{} {} (UTC{})", day(at.date_naive(), l), at.format("%H:%M"), at.offset())
}

/// Every name and explanation above in one language, keyed `authority.<id>`, `timing.<id>`,
/// `ground.<id>`, `submit_to.<id>`, `duty.<id>`, `deadline_stage.<id>` (ids as in the assessment's
/// JSON),
/// `note.<id>` and `remark.<id>` (the ids of [`Note`] and [`Remark`]), for the
/// app's screens to show the same words as the command line and the exported documents.
pub fn catalogue(lang: Language) -> std::collections::BTreeMap<String, String> {
    fn id<T: serde::Serialize>(value: T) -> String {
        serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }
    let mut texts = std::collections::BTreeMap::new();
    for &authority in Authority::ALL {
        texts.insert(format!("authority.{}", authority.key()), authority_name(authority, lang).to_owned());
        texts.insert(format!("timing.{}", authority.key()), authority_timing(authority, lang).to_owned());
    }
    for ground in Ground::ALL {
        texts.insert(format!("ground.{}", id(ground)), ground_text(ground, lang).to_owned());
    }
    for &delegate in Delegate::ALL {
        texts.insert(format!("submit_to.{}", delegate.key()), delegate_name(delegate, lang).to_owned());
    }
    for &duty in Duty::ALL {
        texts.insert(format!("duty.{}", duty.key()), duty_name(duty, lang).to_owned());
    }
    for &stage in DeadlineStage::ALL {
        texts.insert(format!("deadline_stage.{}", stage.key()), stage_name(stage, lang).to_owned());
    }
    for note in Note::ALL {
        texts.insert(format!("note.{}", note.id()), note.text(lang).to_owned());
    }
    for remark in Remark::ALL {
        texts.insert(format!("remark.{}", remark.id()), remark.text(lang).to_owned());
    }
    texts
}

/// The line `sonae-cli assess --open --format text` ends with: the facts not answered yet that
/// could still change the answer, by their contract names, or that none could.
pub fn describe_open(open: &[&str], lang: Language) -> String {
    match (lang, open.is_empty()) {
        (Language::Ja, true) => "まだ答えていない事実のうち、この判定を変えうるものはありません。".to_owned(),
        (Language::Ja, false) => format!(
            "まだ答えていない事実のうち、次の{}件は答え次第でこの判定が変わります（いまは報告する側で判定しています）: {}",
            open.len(),
            open.join(", ")
        ),
        (Language::En, true) => "No fact left unanswered could change this answer.".to_owned(),
        (Language::En, false) => format!(
            "{} facts left unanswered could change this answer (until they are answered, it errs toward reporting): {}",
            open.len(),
            open.join(", ")
        ),
    }
}
