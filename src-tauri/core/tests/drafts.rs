//! The submission drafts of incidents recorded the way the wizard records them, read back from the
//! PDF with `pdftotext` as the authority, the client or the customer would read them: the data
//! items, both times, the art. 7 items that apply, the inquiry desk (never a person's own mobile),
//! the delegated ministry, the GDPR times with their zone, and 和暦 dates.

use sonae_core::company;
use sonae_core::incident;
use std::io::Write;
use std::process::Command;

use chrono::NaiveDate;
use sonae_core::company::CompanyProfile;
use sonae_core::company::InquiryDesk;
use sonae_core::company_file::CompanyFile;
use sonae_core::incident::affected_data::{AffectedData, DataItem, DataItems, DataSubjectGroup, Harm, ReportingDetails};
use sonae_core::incident::record;
use sonae_core::incident::wizard::{CaseKind, IncidentBasics};
use sonae_core::language::DateStyle;
use sonae_core::language::Language;
use sonae_core::render::{export, Document, ExportOptions, ReportStage};
use sonae_core::rules::Facts;
use sonae_core::rules::Sector;

struct Office {
    _dir: tempfile::TempDir,
    file: CompanyFile,
}

impl Office {
    /// The demo company, with its profile changed by `change`.
    fn new(change: impl FnOnce(&mut CompanyProfile)) -> Office {
        let dir = tempfile::tempdir().unwrap();
        let mut file = CompanyFile::create_demo(&dir.path().join("office.sonae"), Language::Ja).unwrap();
        let mut profile = company::company_profile(file.connection()).unwrap();
        change(&mut profile);
        file.write(|tx| company::edit::update_company_profile(tx, "test", &profile)).unwrap();
        Office { _dir: dir, file }
    }

    /// An incident recorded through the wizard's steps: what happened, then the reporting facts
    /// (starting from those the wizard suggests) with the data details.
    fn incident(
        &mut self,
        case: CaseKind,
        times: (&str, Option<&str>),
        facts: impl FnOnce(&mut Facts),
        details: ReportingDetails,
    ) -> i64 {
        let (discovered_at, occurred_at) = times;
        let id = self.file.write(|tx| record::start_incident(tx, case)).unwrap();
        let basics = IncidentBasics {
            case_kind: case,
            title: "ノートPCの盗難".into(),
            discovered_at: discovered_at.into(),
            occurred_at: occurred_at.map(str::to_owned),
            discovered_by: "佐々木 亮".into(),
            description: "営業車の車内に置いたノートPCが盗まれた。".into(),
        };
        self.file.write(|tx| record::record_basics(tx, id, &basics, "佐々木 亮")).unwrap();
        let mut suggested = incident::read::incident_detail(self.file.connection(), id).unwrap().suggested_facts.unwrap();
        suggested.personal_data.at_risk.involved = Some(true);
        facts(&mut suggested);
        self.file.write(|tx| record::record_facts(tx, id, &suggested, &details, "佐々木 亮")).unwrap();
        id
    }

    fn text(&self, document: Document, incident: i64, stage: ReportStage) -> String {
        self.text_in(document, incident, stage, Language::Ja)
    }

    fn text_in(&self, document: Document, incident: i64, stage: ReportStage, language: Language) -> String {
        let options = ExportOptions {
            incident_id: Some(incident),
            exercise_id: None,
            stage,
            language,
            issued_on: Some(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
        };
        pdftotext(&export(self.file.connection(), document, &options).unwrap())
    }
}

/// The PDF's text as poppler reads it, with line breaks inside paragraphs joined again.
fn pdftotext(pdf: &[u8]) -> String {
    let mut file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    file.write_all(pdf).unwrap();
    let output = Command::new("pdftotext")
        .args(["-raw", "-nopgbrk"])
        .arg(file.path())
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed for these tests: {e}"));
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn stolen_laptop_details(items: &[DataItem]) -> ReportingDetails {
    ReportingDetails {
        data: AffectedData {
            own: DataItems { items: items.to_vec(), other: None },
            whose: vec![DataSubjectGroup::Customers],
            harm: vec![Harm::Leak],
            ..Default::default()
        },
        ..Default::default()
    }
}

/// A laptop with 40 customers' names, addresses and card numbers, stolen from a car.
fn stolen_laptop(office: &mut Office) -> i64 {
    office.incident(
        CaseKind::LostDevice,
        ("2026-11-28T09:30:00+09:00", Some("2026-11-27T19:00:00+09:00")),
        |facts| {
            facts.crime_suspected = true;
            let data = &mut facts.personal_data.at_risk;
            data.subjects = 40;
            data.financial_damage_risk = true;
            data.unlawful_purpose = true;
        },
        stolen_laptop_details(&[DataItem::Name, DataItem::Address, DataItem::CardNumber]),
    )
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn the_ppc_report_names_the_items_both_times_and_the_article_7_items() {
    let mut office = Office::new(|_| {});
    let id = stolen_laptop(&mut office);
    let final_report = office.text(Document::PpcDraft, id, ReportStage::Final);
    for expected in [
        "個人データの漏えい等報告書（確報）",
        "法令上の期限",
        "法人番号",
        "2011100001100",
        "発生日時：2026年11月27日 19:00（日本時間）",
        "発覚日時：2026年11月28日 09:30（日本時間）",
        "施行規則第7条第2号（財産的被害のおそれ）",
        "施行規則第7条第3号（不正の目的によるおそれ）",
        "氏名、住所、カード番号",
        "40人",
    ] {
        assert!(final_report.contains(expected), "{expected:?} missing from:\n{final_report}");
    }
    assert!(!final_report.contains("施行規則第7条第4号"), "40 people is not art. 7(4):\n{final_report}");
    let preliminary = office.text(Document::PpcDraft, id, ReportStage::Preliminary);
    assert!(preliminary.contains("（目安"), "the preliminary report's day is a target:\n{preliminary}");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn the_notice_gives_the_inquiry_desk_and_what_card_holders_can_do() {
    let mut office = Office::new(|_| {});
    let id = stolen_laptop(&mut office);
    let notice = office.text(Document::DataSubjectNotice, id, ReportStage::Preliminary);
    for expected in ["お客様各位", "氏名、住所、カード番号", "カード会社", "お客様相談窓口", "03-0000-1199", "平日 9:00〜18:00"]
    {
        assert!(notice.contains(expected), "{expected:?} missing from:\n{notice}");
    }
    assert!(!notice.contains("090-"), "a person's mobile is in the notice:\n{notice}");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn an_english_notice_tells_what_happened_in_a_sentence_that_starts_with_a_capital() {
    let mut office = Office::new(|_| {});
    for occurred in [None, Some("2026-11-27T19:00:00+09:00")] {
        let id = office.incident(
            CaseKind::LostDevice,
            ("2026-11-28T09:30:00+09:00", occurred),
            |facts| facts.crime_suspected = true,
            stolen_laptop_details(&[DataItem::Name]),
        );
        let notice = office.text_in(Document::DataSubjectNotice, id, ReportStage::Preliminary, Language::En);
        let section = notice.split("1. What happened").nth(1).expect("the section");
        let sentence = section.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(sentence.starts_with(char::is_uppercase), "occurred {occurred:?}: {sentence}");
        assert!(sentence.contains("may have been stolen"), "{sentence}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn a_notice_lists_the_information_concerned_as_a_sentence_would() {
    let mut office = Office::new(|_| {});
    let items = [DataItem::Name, DataItem::Address, DataItem::Phone, DataItem::Email];
    let id = office.incident(
        CaseKind::LostDevice,
        ("2026-11-28T09:30:00+09:00", None),
        |facts| facts.personal_data.at_risk.subjects = 40,
        stolen_laptop_details(&items),
    );
    let section = |text: String| {
        let after = text.split("2. ").nth(1).expect("the section on the information").to_owned();
        after.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let english = section(office.text_in(Document::DataSubjectNotice, id, ReportStage::Preliminary, Language::En));
    assert!(english.contains("The name, address, phone number and email address of our customers (40 people)"), "{english}");
    let japanese = section(office.text_in(Document::DataSubjectNotice, id, ReportStage::Preliminary, Language::Ja));
    assert!(japanese.contains("お客様40名分の氏名、住所、電話番号、メールアドレス"), "{japanese}");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn without_an_inquiry_desk_the_notice_asks_for_one_instead_of_a_mobile_number() {
    let mut office = Office::new(|profile| profile.details.inquiry_desk = InquiryDesk::default());
    let id = stolen_laptop(&mut office);
    let notice = office.text(Document::DataSubjectNotice, id, ReportStage::Preliminary);
    assert!(notice.contains("問い合わせ窓口を設定してください"), "{notice}");
    assert!(!notice.contains("090-"), "a person's mobile is in the notice:\n{notice}");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn staff_data_that_was_lost_is_worded_for_staff_and_loss() {
    let mut office = Office::new(|_| {});
    let details = ReportingDetails {
        data: AffectedData {
            own: DataItems { items: vec![DataItem::Name, DataItem::Health], other: Some("健康診断の結果".into()) },
            whose: vec![DataSubjectGroup::Employees],
            harm: vec![Harm::Loss],
            ..Default::default()
        },
        ..Default::default()
    };
    let id = office.incident(
        CaseKind::Other,
        ("2026-11-28T09:30:00+09:00", None),
        |facts| {
            facts.personal_data.at_risk.subjects = 12;
            facts.personal_data.at_risk.sensitive = true;
        },
        details,
    );
    let notice = office.text(Document::DataSubjectNotice, id, ReportStage::Preliminary);
    for expected in [
        "従業員各位",
        "個人情報の消失に関するお詫びとお知らせ",
        "従業員の皆様の個人情報が失われた",
        "氏名、病歴・健康情報、健康診断の結果",
    ] {
        assert!(notice.contains(expected), "{expected:?} missing from:\n{notice}");
    }
    let report = office.text(Document::PpcDraft, id, ReportStage::Preliminary);
    assert!(report.contains("発生日時：不明（調査中）"), "{report}");
    assert!(report.contains("施行規則第7条第1号（要配慮個人情報）"), "{report}");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn finance_and_telecom_reports_are_addressed_to_the_delegated_ministry() {
    for (sector, ministry, combined) in
        [(Sector::Finance, "金融庁（財務局等）", true), (Sector::Telecom, "総務省（総合通信局）", false)]
    {
        let mut office = Office::new(|profile| profile.sector = sector);
        let id = stolen_laptop(&mut office);
        let report = office.text(Document::PpcDraft, id, ReportStage::Preliminary);
        let addressee = report.lines().skip_while(|l| l.trim() != "提出先").nth(1).unwrap_or_default();
        assert!(addressee.contains(ministry), "{sector:?}: addressed to {addressee:?}:\n{report}");
        assert!(report.contains("権限の委任"), "{sector:?}: the delegation is not explained:\n{report}");
        assert_eq!(report.contains("業法・ガイドライン"), combined, "{sector:?}: combined finance report:\n{report}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn my_numbers_have_their_own_report_which_covers_the_appi_report_too() {
    let mut office = Office::new(|_| {});
    let id = office.incident(
        CaseKind::Missent,
        ("2026-11-28T09:30:00+09:00", None),
        |facts| {
            let data = &mut facts.personal_data.at_risk;
            data.subjects = 1_200;
            data.my_number_involved = Some(true);
            data.my_number_subjects = 150;
        },
        stolen_laptop_details(&[DataItem::Name, DataItem::MyNumber]),
    );
    let my_number = office.text(Document::PpcMyNumberDraft, id, ReportStage::Preliminary);
    for expected in [
        "特定個人情報の漏えい等報告書（速報）",
        "番号法第29条の4第1項",
        "両方の報告を兼ねます",
        "特定個人情報の漏えい等に関する報告等に関する規則第2条",
    ] {
        assert!(my_number.contains(expected), "{expected:?} missing from:\n{my_number}");
    }
    assert!(!my_number.contains("個人データの漏えい等報告書"), "titled as the APPI report:\n{my_number}");
    let appi = office.text(Document::PpcDraft, id, ReportStage::Preliminary);
    assert!(appi.contains("マイナンバー用の様式"), "{appi}");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn gdpr_times_carry_their_zone_and_utc_and_only_an_eu_establishment_has_a_lead_authority() {
    for (establishment, addressee) in [(Some(false), "each EU/EEA member state"), (Some(true), "lead supervisory authority")] {
        let mut office = Office::new(|profile| {
            profile.eu_establishment = establishment;
            profile.eu_targeting = Some(true);
        });
        // Found in the Sydney office, half past midnight local time.
        let id = office.incident(
            CaseKind::AccountMisuse,
            ("2026-08-03T00:30:00+10:00", None),
            |facts| {
                facts.personal_data.at_risk.subjects = 20;
                facts.personal_data.at_risk.eu_subjects = 20;
                // Logins that can pay: a likely high risk, so the people are told too (art. 34).
                facts.personal_data.at_risk.financial_damage_risk = true;
            },
            stolen_laptop_details(&[DataItem::Email]),
        );
        let draft = office.text(Document::GdprDraft, id, ReportStage::Preliminary);
        assert!(draft.contains(addressee), "{addressee:?} missing:\n{draft}");
        assert!(draft.contains("3 August 2026, 00:30 (UTC+10:00), which is 2 August 2026, 14:30 UTC"), "{draft}");
        assert!(draft.contains("6 August 2026, 00:30 (UTC+10:00), which is 5 August 2026, 14:30 UTC"), "the 72 hours:\n{draft}");
        if establishment == Some(false) {
            assert!(!draft.contains("lead supervisory authority"), "{draft}");
        }
        let notice = office.text(Document::GdprSubjectNotice, id, ReportStage::Preliminary);
        assert!(notice.contains("Notice to You of a Personal Data Breach") && notice.contains("Email address"), "{notice}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn japanese_documents_write_era_dates_when_the_company_asks() {
    // (The change from 平成 to 令和 is checked where the date is written; incidents known before
    // 2022-04-01 are outside the assessment.)
    let mut office = Office::new(|profile| profile.details.date_style = DateStyle::Japanese);
    let id = office.incident(
        CaseKind::Missent,
        ("2026-11-28T09:30:00+09:00", Some("2026-11-27T19:00:00+09:00")),
        |facts| facts.personal_data.at_risk.subjects = 1_500,
        stolen_laptop_details(&[DataItem::Name]),
    );
    let report = office.text(Document::PpcDraft, id, ReportStage::Final);
    assert!(report.contains("作成日：令和8年11月30日"), "{report}");
    assert!(report.contains("発生日時：令和8年11月27日 19:00（日本時間）"), "{report}");
    // Day 30 from 2026-11-28 is 2026-12-27, a Sunday; the deadline moves to Monday the 28th.
    assert!(report.contains("令和8年12月28日（法令上の期限）"), "{report}");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn a_processor_that_has_not_told_its_client_reports_the_clients_data_itself() {
    let mut office = Office::new(|_| {});
    // Only a client's data: 480 of its customers' names and phone numbers, on a stolen laptop.
    let details = ReportingDetails {
        data: AffectedData {
            client: DataItems { items: vec![DataItem::Name, DataItem::Phone], other: None },
            whose: vec![DataSubjectGroup::Customers],
            harm: vec![Harm::Leak],
            ..Default::default()
        },
        ..Default::default()
    };
    let id = office.incident(
        CaseKind::LostDevice,
        ("2026-11-24T10:00:00+09:00", None),
        |facts| {
            facts.crime_suspected = true;
            facts.personal_data.at_risk = sonae_core::rules::DataAtRisk { involved: Some(false), ..Default::default() };
            facts.entrusted_data = Some(sonae_core::rules::EntrustedData {
                at_risk: sonae_core::rules::DataAtRisk { subjects: 480, ..Default::default() },
                client_notified: false,
            });
        },
        details,
    );
    // Known on Tuesday 11-24: the client notice's target is day 5 (11-28); the final report day 60
    // (theft: item 3) is Friday 2027-01-22.
    let preliminary = office.text(Document::PpcDraft, id, ReportStage::Preliminary);
    for expected in ["委託先である当社が報告します", "2026年11月28日（目安", "施行規則第7条第3号", "氏名、電話番号", "480人"]
    {
        assert!(preliminary.contains(expected), "{expected:?} missing from:\n{preliminary}");
    }
    assert!(!preliminary.contains("報告義務の判定に至っていません"), "{preliminary}");
    let final_report = office.text(Document::PpcDraft, id, ReportStage::Final);
    assert!(final_report.contains("2027年1月22日（法令上の期限）"), "{final_report}");
    // The same date as the client card and the client letter give.
    let detail = incident::read::incident_detail(office.file.connection(), id).unwrap();
    let card = detail.obligations.iter().find(|o| o.authority == sonae_core::rules::Authority::Client).unwrap();
    assert_eq!(card.own_report_due, NaiveDate::from_ymd_opt(2027, 1, 22));
    let letter = office.text(Document::ClientNotice, id, ReportStage::Preliminary);
    assert!(letter.contains("2027年1月22日"), "{letter}");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn the_ipa_and_jpcert_drafts_carry_the_technical_facts_typed_and_not_the_internal_diary() {
    let mut office = Office::new(|profile| profile.prefecture = "東京都".into());
    let details = ReportingDetails {
        technical: sonae_core::incident::affected_data::TechnicalDetails {
            os: "Windows Server 2019".into(),
            systems: "ファイルサーバー1台".into(),
            pc_count: Some(3),
            prefecture: String::new(),
            addresses_seen: "203.0.113.45".into(),
            log_times: "2026-11-19 08:57 JST 不審なログイン".into(),
        },
        ..Default::default()
    };
    let id = office.incident(CaseKind::Ransomware, ("2026-11-19T09:15:00+09:00", None), |_| {}, details);
    let malware = office.text(Document::IpaDraft, id, ReportStage::Preliminary);
    for expected in ["コンピュータウイルス届出", "3台", "東京都", "ファイルサーバー1台", "Windows Server 2019"]
    {
        assert!(malware.contains(expected), "{expected:?} missing from:\n{malware}");
    }
    let access = office.text(Document::IpaAccessDraft, id, ReportStage::Preliminary);
    assert!(access.contains("不正アクセス届出") && access.contains("ファイルサーバー1台"), "{access}");
    let jpcert = office.text(Document::JpcertDraft, id, ReportStage::Preliminary);
    for expected in ["203.0.113.45", "2026-11-19 08:57 JST 不審なログイン", "Windows Server 2019"] {
        assert!(jpcert.contains(expected), "{expected:?} missing from:\n{jpcert}");
    }
    // The timeline (who did what, when, inside the company) is not sent to JPCERT/CC.
    let detail = incident::read::incident_detail(office.file.connection(), id).unwrap();
    for entry in &detail.timeline {
        assert!(!jpcert.contains(entry.message.as_str()), "the internal diary reached JPCERT/CC: {}", entry.message);
    }
    assert_eq!(detail.details.technical.pc_count, Some(3), "the details are kept");
}
