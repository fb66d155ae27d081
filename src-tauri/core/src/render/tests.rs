//! Documents rendered from the demo company file and read back with poppler (`pdffonts`,
//! `pdftotext`, `pdfinfo`), as a reader or an auditor would check them: the font is embedded as a
//! Unicode subset, the headings and the company's own data come out as text in reading order,
//! every page carries its running heads, and table headers repeat on continued pages.

// A test picks a fixture for each document; a new document reads the first incident until it
// needs another.
#![allow(clippy::wildcard_enum_match_arm)]

use std::io::Write;
use std::process::Command;

use chrono::NaiveDate;
use printpdf::PdfDocument;

use super::font::ipaex_gothic;
use super::linebreak::tests::{MUST_NOT_END, MUST_NOT_START};
use super::typeset::{Column, RunningHeads, Typesetter};
use super::*;
use crate::company_file::CompanyFile;
use crate::language::Language;

struct Demo {
    _dir: tempfile::TempDir,
    file: CompanyFile,
}

fn demo(language: Language) -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let file = CompanyFile::create_demo(&dir.path().join("demo.sonae"), language).unwrap();
    Demo { _dir: dir, file }
}

/// The demo's mis-sent customer list as if four of the customers lived in the EU, with their card
/// numbers, and the GDPR applied (the demo company itself does not come under it): the case the
/// GDPR drafts are written for.
fn with_gdpr_case(demo: &mut Demo) {
    let mut facts = crate::incident::read::incident_detail(demo.file.connection(), 1).unwrap().facts.unwrap();
    facts.personal_data.at_risk.eu_subjects = 4;
    facts.personal_data.at_risk.financial_damage_risk = true;
    facts.organization.gdpr_applies = true;
    let assessment = crate::rules::assess(&facts);
    demo.file
        .write(|tx| {
            tx.execute("UPDATE incident SET facts = ?2 WHERE id = ?1", (1, serde_json::to_string(&facts).unwrap()))?;
            crate::incident::obligations::record_assessment(tx, 1, &assessment)
        })
        .unwrap();
}

fn options(language: Language, incident_id: Option<i64>) -> ExportOptions {
    ExportOptions {
        incident_id,
        exercise_id: None,
        stage: ReportStage::Preliminary,
        language,
        issued_on: Some(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
    }
}

/// Runs a poppler tool on a PDF and returns its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    file.write_all(pdf).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(file.path())
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed for these tests: {e}"));
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn text_of(pdf: &[u8]) -> String {
    poppler("pdftotext", &[], pdf)
}

/// Each of `expected` appears in `text`, in this order.
fn assert_in_order(text: &str, expected: &[&str], what: &str) {
    let mut from = 0;
    for needle in expected {
        match text[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("{what}: {needle:?} missing or out of order in:\n{text}"),
        }
    }
}

/// The font is IPAex Gothic, embedded as a subset (ABCDEF+ prefix), CID-keyed with Identity-H
/// and a ToUnicode map.
fn assert_subset_unicode_font(pdf: &[u8], what: &str) {
    let fonts = poppler("pdffonts", &[], pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{what}: one font expected:\n{fonts}");
    let columns: Vec<&str> = rows[0].split_whitespace().collect();
    let name = columns[0];
    assert!(name.len() > 7 && &name[6..7] == "+" && name.ends_with("IPAexGothic"), "{what}: {fonts}");
    assert!(rows[0].contains("CID TrueType") && rows[0].contains("Identity-H"), "{what}: {fonts}");
    assert_eq!(&columns[columns.len() - 5..columns.len() - 2], ["yes", "yes", "yes"], "{what}: emb sub uni:\n{fonts}");
}

/// Windows refuses to replace a file another program holds open (Excel keeps its CSV open, a PDF
/// reader its PDF): the export says so, and the open file keeps what it had until it is closed.
#[cfg(windows)]
#[test]
fn replacing_a_file_another_program_holds_open_says_so_and_changes_nothing() {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 1;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("連絡先 一覧.csv");
    std::fs::write(&path, "前の内容").unwrap();
    let held = std::fs::OpenOptions::new().read(true).share_mode(FILE_SHARE_READ).open(&path).unwrap();

    let error = save(&path, "新しい内容".as_bytes(), true).unwrap_err();
    assert_eq!(error.code(), ErrorCode::InUse, "{error}");
    assert!(error.to_string().contains("another program has this file open"), "{error}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "前の内容");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "a temporary file was left");

    drop(held);
    save(&path, "新しい内容".as_bytes(), true).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "新しい内容");
}

/// What a reader checks in each document of the demo company, in reading order.
fn expected(document: Document, language: Language) -> Vec<&'static str> {
    use Document::*;
    match (document, language) {
        (Policy, Language::Ja) => vec![
            "情報セキュリティインシデント対応規程",
            "株式会社さくら設計事務所",
            "1. 対応体制",
            "最高責任者",
            "桜井 浩一",
            "2. 事故レベル",
            "レベル3（社外への影響）",
            "3. 連絡及び報告",
            "高橋 健太",
            "090-0000-1103",
            "4. 対応手順",
            "漏えい・流出",
            "5. 初期対応チェックリスト",
            "6. 届出及び相談",
            "個人情報保護委員会",
            "7. 事業継続管理",
            "想定する事象",
            "被害対象と復旧責任者",
            "計画の検証",
        ],
        (Policy, Language::En) => vec![
            "Information Security Incident Response Policy",
            "Sakura Design Office Co., Ltd.",
            "1. Response organisation",
            "Koichi Sakurai",
            "2. Incident levels",
            "3. Escalation",
            "Kenta Takahashi",
            "090-0000-1103",
            "4. Procedures",
            "5. First-response checklists",
            "6. Where to report and ask for advice",
            "7. Business continuity",
            "Assumed incidents",
            "Damaged targets and recovery owners",
            "Verifying the plan",
        ],
        (Bcp, Language::Ja) => vec![
            "事業継続計画",
            "株式会社さくら設計事務所",
            "想定する事象",
            "大地震",
            "被害対象と復旧責任者",
            "電源設備・空調機",
            "中村 恵子",
            "復旧の手順",
            "計画の検証",
            "連絡を確認できた先",
        ],
        (Bcp, Language::En) => vec![
            "Business Continuity Plan",
            "Sakura Design Office Co., Ltd.",
            "Assumed incidents",
            "Damaged targets and recovery owners",
            "Keiko Nakamura",
            "Recovery steps",
            "Verifying the plan",
            "Contacts confirmed",
        ],
        (ContactsCard, Language::Ja) => {
            vec![
                "緊急連絡カード",
                "株式会社さくら設計事務所",
                "1. 高橋 健太",
                "090-0000-1103",
                "主な相談・届出先",
                "03-6457-9849",
            ]
        }
        (ContactsCard, Language::En) => vec![
            "Emergency Contact Card",
            "Sakura Design Office Co., Ltd.",
            "1. Kenta Takahashi",
            "090-0000-1103",
            "Key authorities and advice desks",
            "03-6457-9849",
        ],
        (ReadinessSummary, Language::Ja) => vec![
            "備えの点検表",
            "株式会社さくら設計事務所",
            "点検日：2026年11月20日",
            "1. 見直しと訓練",
            "2. 対応体制",
            "3. 対応手順",
            "4. 被害対象",
            "5. 連絡先",
            "6. 直近の訓練",
        ],
        (ReadinessSummary, Language::En) => vec![
            "Readiness summary",
            "Sakura Design Office Co., Ltd.",
            "Checked on 20 November 2026",
            "1. Reviews and exercises",
            "6. Last exercise",
        ],
        (ExerciseReport, Language::Ja) => vec![
            "訓練報告書",
            "株式会社さくら設計事務所",
            "月曜の朝、ファイルサーバーがランサムウェアに",
            "これは訓練の記録です",
            "1. 訓練の概要",
            "2. 状況の付与と対応の経過",
            "T+0分",
            "T+2時間",
            "3. 連絡の確認",
            "4. 見つかった課題と今後の対応",
            "完了",
            "5. 確認",
            "最高責任者",
        ],
        (ExerciseReport, Language::En) => vec![
            "Exercise report",
            "Sakura Design Office Co., Ltd.",
            "Monday morning: ransomware on the file server",
            "This is the record of an exercise",
            "1. The exercise",
            "2. What happened and what the team did",
            "T+0m",
            "3. Calls",
            "4. Gaps found and follow-up actions",
            "5. Sign-off",
            "Chief executive",
        ],
        // Always Japanese, as the application is.
        (Jigyokei, _) => vec![
            "事業継続力強化計画 申請内容の下書き",
            "1 名称等",
            "フリガナ",
            "2 事業継続力強化の目標",
            "自社の事業活動の概要",
            "サプライチェーン・地域経済における役割",
            "3 事業継続力強化の内容",
            "(1) 自然災害等が発生した場合における対応手順",
            "人命の安全確保（安否確認）",
            "(2) 事業継続力強化に資する対策及び取組",
            "(3) 事業継続力強化の実効性を確保するための取組",
            "4 実施期間",
            "5 事業継続力強化を実施する",
            "6 事業継続力強化の実施に協力する",
        ],
        (IncidentReport, Language::Ja) => vec![
            "インシデント報告書",
            "見学会の案内メールに顧客リストを誤って添付",
            "1. 事案の概要",
            "レベル3",
            "1,180人",
            "2. 対応の経過",
            "2026年7月7日 16:42",
            "3. 連絡の記録",
            "4. 初期対応と対応手順の実施状況",
            "5. 報告・届出の状況",
            "個人情報保護委員会",
            "提出済み",
            "6. 原因と再発防止",
            "原因",
            "教訓",
        ],
        (IncidentReport, Language::En) => vec![
            "Incident Report",
            "Customer list attached by mistake to an open-house invitation",
            "1. Overview",
            "Level 3",
            "1,180 people",
            "2. Timeline",
            "7 July 2026, 16:42",
            "5. Reports and notifications",
            "Sent on",
            "6. Cause and prevention",
            "Lessons learned",
        ],
        (PpcDraft, Language::Ja) => vec![
            "個人データの漏えい等報告書（速報）",
            "個人情報保護委員会",
            "報告の期限",
            "2026年7月11日（目安",
            "株式会社さくら設計事務所",
            "所在地",
            "東京都新宿区西新宿",
            "代表者",
            "桜井 浩一",
            "法人番号",
            "2011100001100",
            "業種",
            "建築設計業",
            "松本 由美",
            "マイナンバー（個人番号）の有無",
            "含まれない",
            "委託関係",
            "自社の個人データ",
            "他の機関への報告",
            "1. 概要",
            "発生日時：2026年7月7日 16:32（日本時間）",
            "発覚日時：2026年7月7日 16:42（日本時間）",
            "発見の経緯：",
            "施行規則第7条第4号",
            "2. 漏えい等が発生し",
            "氏名、住所、電話番号、メールアドレス",
            "3. 漏えい等が発生し",
            "1,180人",
            "4. 原因",
            "5. 二次被害又はそのおそれの有無及びその内容",
            "6. 本人への対応の実施状況",
            "7. 公表の実施状況",
            "8. 再発防止のための措置",
            "9. その他参考となる事項",
        ],
        (PpcDraft, Language::En) => vec![
            "Report of a Personal Data Breach (preliminary report)",
            "Due by",
            "11 July 2026 (a target",
            "Sakura Design Office Co., Ltd.",
            "Corporate number",
            "2011100001100",
            "My Numbers involved",
            "1. Overview",
            "When it happened: 7 July 2026, 16:32",
            "art. 7(4)",
            "2. Items of personal data",
            "Name, Address, Phone number, Email address",
            "3. Number of people",
            "1,180 people",
            "4. Cause",
            "5. Whether there is secondary damage",
            "6. What has been done",
            "7. Public announcement",
            "8. Measures to prevent recurrence",
            "9. Other relevant matters",
        ],
        (PpcMyNumberDraft, Language::Ja) => vec![
            "特定個人情報の漏えい等報告書（速報）",
            "番号法第29条の4第1項",
            "株式会社さくら設計事務所",
            "法人番号",
            "マイナンバー（個人番号）の有無",
            "含まれる",
            "1. 概要",
            "発生日時：2026年1月19日 18:30",
            "本人の区分：従業員",
            "特定個人情報の漏えい等に関する報告等に関する規則第2条",
            "氏名、住所、生年月日、マイナンバー",
            "132人",
        ],
        (PpcMyNumberDraft, Language::En) => vec![
            "My Number Breach Report (preliminary report)",
            "My Number Act art. 29-4(1)",
            "1. Overview",
            "Whose data: Employees",
            "Name, Address, Date of birth, My Number",
            "132 people",
        ],
        (DataSubjectNotice, Language::Ja) => vec![
            "お客様各位",
            "2026年11月20日",
            "株式会社さくら設計事務所",
            "代表取締役 桜井 浩一",
            "個人情報の漏えいに関するお詫びとお知らせ",
            "お客様の個人情報が外部に漏えいした",
            "1. 経緯",
            "2026年7月7日、",
            "2. 対象となる情報",
            "お客様1,180名分の氏名、住所、電話番号、メールアドレス",
            "3. 原因",
            "4. 二次被害について",
            "5. 当社の対応",
            "個人情報保護委員会に報告いたしました。",
            "6. お客様へのお願い",
            "7. お問い合わせ窓口",
            "お客様相談窓口",
            "03-0000-1199",
            "平日 9:00〜18:00",
            "以上",
        ],
        (DataSubjectNotice, Language::En) => vec![
            "To our customers",
            "20 November 2026",
            "Sakura Design Office Co., Ltd.",
            "Notice and apology: leak of personal information about you",
            "1. What happened",
            "On 7 July 2026,",
            "2. The information concerned",
            "The name, address, phone number and email address of our customers (1,180 people)",
            "3. The cause",
            "4. Secondary damage",
            "6. What we ask of our customers",
            "7. Where to ask",
            "Customer Help Desk",
            "03-0000-1199",
        ],
        (ClientNotice, Language::Ja) => vec![
            "株式会社みどり不動産 総務部 課長\n青木 誠 様",
            "2026年11月20日",
            "株式会社さくら設計事務所",
            "お預かりしている個人データに関する事故のご報告",
            "貴社からお預かりしている個人データについて",
            "1. 概要",
            "施行規則第7条第3号",
            "2. 対象となる個人データの項目と本人の数",
            "氏名、電話番号、メールアドレス",
            "64人",
            "5. 本人への対応",
            "6. 公表",
            "8. その他",
            "個人情報保護法第26条第1項ただし書",
            "以上",
        ],
        (ClientNotice, Language::En) => vec![
            "Makoto Aoki, ",
            "Sakura Design Office Co., Ltd.",
            "Report of an incident concerning personal data we hold for you",
            "1. Overview",
            "art. 7(3)",
            "The name, phone number and email address (64 people)",
            "64 people",
            "5. Notice to the people affected",
            "6. Publication",
            "APPI art. 26(1) proviso",
        ],
        (PublicNotice, Language::Ja) => vec![
            "お客様各位",
            "株式会社さくら設計事務所",
            "個人情報の漏えいに関するお知らせとお詫び",
            "お一人おひとりにご連絡することが難しいため",
            "1. 経緯",
            "2. 対象となる情報",
            "6. お心当たりのある方へのお願い",
            "7. お問い合わせ窓口",
            "お客様相談窓口",
            "03-0000-1199",
            "以上",
        ],
        (PublicNotice, Language::En) => vec![
            "To our customers",
            "Notice and apology: leak of personal information",
            "As we cannot reach each person concerned individually",
            "1. What happened",
            "7. Where to ask",
            "Customer Help Desk",
        ],
        (InsurerNotice, Language::Ja) => vec![
            "サイバー保険 事故の連絡",
            "日の出損害保険株式会社",
            "契約者",
            "株式会社さくら設計事務所",
            "証券番号",
            "CY-2026-004512",
            "事故の内容",
            "発生日時",
            "2026年11月19日 09:12",
            "発見日時",
            "2026年11月19日 09:15",
            "見込まれる費用",
            "現時点では不明",
        ],
        (InsurerNotice, Language::En) => vec![
            "Cyber Insurance: Notice of an Incident",
            "Policyholder",
            "Policy number",
            "CY-2026-004512",
            "When it happened",
            "19 November 2026, 09:12",
            "Expected costs",
            "Not known yet",
        ],
        (IpaDraft, Language::Ja) => vec![
            "コンピュータウイルス届出",
            "報告者",
            "株式会社さくら設計事務所",
            "発見又は感染の別",
            "ウイルスの名称・症状",
            "請求書を装ったWord文書",
            "2026年11月19日 09:15",
            "発見の経緯",
            "ウイルス対策ソフトが警告を表示",
            "推定される感染・侵入経路",
            "取引先を名乗るメールの添付文書",
            "被害の状況",
        ],
        (IpaAccessDraft, Language::Ja) => vec![
            "不正アクセス届出（下書き）",
            "株式会社さくら設計事務所",
            "発生日時",
            "発見日時",
            "2026年11月19日 09:15",
            "対象となったシステム",
        ],
        (IpaAccessDraft, Language::En) => vec![
            "Unauthorized Access Report to IPA (draft)",
            "Sakura Design Office Co., Ltd.",
            "When it was found",
            "19 November 2026, 09:15",
            "System concerned",
        ],
        (IpaDraft, Language::En) => vec![
            "Computer Virus Report to IPA",
            "Reporter",
            "Sakura Design Office Co., Ltd.",
            "Found or infected",
            "19 November 2026, 09:15",
            "Presumed route of infection or intrusion",
            "Damage",
        ],
        (JpcertDraft, Language::Ja) => vec![
            "JPCERT/CC インシデント報告",
            "株式会社さくら設計事務所",
            "報告の目的",
            "攻撃元のIPアドレス・ホスト名",
            "調査中",
            "発生日時とタイムゾーン",
            "UTC+09:00",
            "日時つきの記録",
            "調査中",
        ],
        (JpcertDraft, Language::En) => vec![
            "Incident Report to JPCERT/CC",
            "Sakura Design Office Co., Ltd.",
            "Purpose of the report",
            "Attacker's IP address or host name",
            "Under investigation",
            "Time and time zone",
            "UTC+09:00",
            "Timestamped records",
            "Under investigation",
        ],
        (PoliceMemo, Language::Ja) => vec![
            "警察への相談メモ",
            "事案の概要（5W1H）",
            "いつ",
            "発生：2026年7月7日 16:32",
            "発見：2026年7月7日 16:42",
            "どこで",
            "東京都",
            "何が起きたか",
            "持参する資料",
            "アクセスログ",
            "対応の経過",
        ],
        (PoliceMemo, Language::En) => vec![
            "Memo for a Police Consultation",
            "Summary (5W1H)",
            "When",
            "Happened: 7 July 2026, 16:32",
            "Found: 7 July 2026, 16:42",
            "What happened",
            "What to bring",
            "Access logs",
            "Timeline",
        ],
        (GdprDraft, _) => vec![
            "Notification of a Personal Data Breach under GDPR Article 33",
            "member state where affected people live",
            "When the breach happened",
            "7 July 2026, 16:32 (UTC+09:00), which is 7 July 2026, 07:32 UTC",
            "Became aware of the breach",
            "7 July 2026, 16:42 (UTC+09:00), which is 7 July 2026, 07:42 UTC",
            "Notification due (72 hours after awareness)",
            "10 July 2026, 16:42 (UTC+09:00), which is 10 July 2026, 07:42 UTC",
            "(a) Nature of the breach",
            "(b) Contact point",
            "(c) Likely consequences",
            "(d) Measures taken or proposed",
        ],
        (GdprSubjectNotice, _) => vec![
            "Notice to You of a Personal Data Breach",
            "What happened",
            "7 July 2026, 16:42 (UTC+09:00), which is 7 July 2026, 07:42 UTC",
            "The personal data concerned",
            "What may happen as a result",
            "What we have done and will do",
            "What you can do",
            "Who to contact",
            "+81 3-0000-1199",
        ],
    }
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn every_document_in_both_languages_reads_back_from_the_pdf() {
    for (code, language) in [("ja", Language::Ja), ("en", Language::En)] {
        let mut demo = demo(language);
        with_gdpr_case(&mut demo);
        let conn = demo.file.connection();
        for &document in Document::ALL {
            let what = format!("{} ({code})", document.key());
            // The demo's incidents: 1 the mis-sent customer list, 2 the malware infection (IPA, the
            // insurer), 4 the lost My Numbers, 5 the client's booking site.
            let incident = document.needs_incident().then_some(match document {
                Document::IpaDraft | Document::IpaAccessDraft | Document::InsurerNotice => 2,
                Document::PpcMyNumberDraft => 4,
                Document::ClientNotice => 5,
                _ => 1,
            });
            let pdf = export(conn, document, &options(language, incident)).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert!(pdf.starts_with(b"%PDF-"), "{what}");
            assert!(pdf.len() < 1_000_000, "{what} is {} bytes", pdf.len());
            assert_subset_unicode_font(&pdf, &what);
            let text = text_of(&pdf);
            assert_in_order(&text, &expected(document, language), &what);
            // Running heads in the document's language (the GDPR notice is English, the ジギョケイ
            // draft Japanese).
            let english = (language == Language::En && document != Document::Jigyokei)
                || matches!(document, Document::GdprDraft | Document::GdprSubjectNotice);
            let (issued, page_one) =
                if english { ("Issued 20 November 2026", "Page 1 / ") } else { ("作成日：2026年11月20日", "ページ") };
            assert!(text.contains(page_one), "{what}: page numbers missing");
            if document.is_letter() {
                // A letter is what is mailed: no running head, no draft note.
                assert!(!text.contains(issued), "{what}: a letter carries an issue-date footer");
                for note in ["下書き", "draft"] {
                    assert!(!text.contains(note), "{what}: a letter carries the draft note");
                }
            } else {
                assert!(text.contains(issued), "{what}: running heads missing");
            }
            assert!(!text.contains("(?)"), "{what}: a catalogue key is missing");
            for (i, line) in text.lines().enumerate() {
                if let Some(first) = line.chars().next() {
                    assert!(!MUST_NOT_START.contains(first), "{what}: line {i} starts with {first:?}: {line}");
                }
                if let Some(last) = line.trim_end().chars().last() {
                    assert!(!MUST_NOT_END.contains(last), "{what}: line {i} ends with {last:?}: {line}");
                }
            }
        }
    }
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn contact_card_is_one_page_and_every_page_of_the_policy_has_its_running_heads() {
    let demo = demo(Language::Ja);
    let conn = demo.file.connection();
    let card = export(conn, Document::ContactsCard, &options(Language::Ja, None)).unwrap();
    assert!(poppler("pdfinfo", &[], &card).lines().any(|l| l.split_whitespace().eq(["Pages:", "1"])));

    let policy = export(conn, Document::Policy, &options(Language::Ja, None)).unwrap();
    let info = poppler("pdfinfo", &[], &policy);
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(pages > 3, "the policy has {pages} pages");
    for page in 1..=pages {
        let n = page.to_string();
        let text = poppler("pdftotext", &["-f", &n, "-l", &n], &policy);
        assert_in_order(
            &text,
            &[
                "情報セキュリティインシデント対応規程",
                "株式会社さくら設計事務所",
                "作成日：2026年11月20日",
                &format!("{page} / {pages} ページ"),
            ],
            &format!("page {page}"),
        );
    }
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn document_metadata_names_the_title_and_the_company() {
    let demo = demo(Language::En);
    let pdf = export(demo.file.connection(), Document::Bcp, &options(Language::En, None)).unwrap();
    let info = poppler("pdfinfo", &[], &pdf);
    let field = |name: &str| info.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).unwrap_or_default().to_owned();
    assert_eq!(field("Title:"), "Business Continuity Plan");
    assert_eq!(field("Author:"), "Sakura Design Office Co., Ltd.");
    assert!(field("CreationDate:").contains(&chrono::Utc::now().format("%Y").to_string()), "{info}");
}

/// A table long enough to cross pages, written straight through the typesetter.
fn long_table_pdf(rows: usize, cell: impl Fn(usize) -> String) -> Vec<u8> {
    let mut document = PdfDocument::new("table");
    let font = document.add_font(&ipaex_gothic().parsed);
    let mut pages = Typesetter::new(font);
    let rows: Vec<Vec<String>> = (0..rows).map(|i| vec![format!("row{i:03}"), cell(i)]).collect();
    pages.table(&[Column { title: "HEADERNUMBER", share: 1.0 }, Column { title: "HEADERTEXT", share: 4.0 }], &rows);
    let heads = RunningHeads { title: "t".into(), company: "c".into(), date: "d".into(), page_of: "{page}/{pages}".into() };
    pages.finish(document, &heads)
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn table_header_row_repeats_on_every_page_the_table_crosses() {
    let pdf = long_table_pdf(120, |i| format!("情報システム管理者が確認する手順 {i}"));
    let page = |n: usize| poppler("pdftotext", &["-f", &n.to_string(), "-l", &n.to_string()], &pdf);
    let (first, second, third) = (page(1), page(2), page(3));
    for (number, text) in [(1, &first), (2, &second), (3, &third)] {
        assert_in_order(text, &["HEADERNUMBER", "HEADERTEXT", "row"], &format!("page {number}"));
    }
    // Rows continue where the previous page stopped, none lost or repeated.
    let all = text_of(&pdf);
    for i in 0..120 {
        assert_eq!(all.matches(&format!("row{i:03}")).count(), 1, "row{i:03}");
    }
    assert_eq!(
        all.matches("HEADERNUMBER").count(),
        poppler("pdfinfo", &[], &pdf).lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse::<usize>().unwrap()
    );
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn a_row_taller_than_a_page_is_split_and_keeps_all_its_text() {
    let long: String = (0..600).map(|i| format!("手順{i}を行う。")).collect();
    let pdf = long_table_pdf(2, |i| if i == 0 { long.clone() } else { "短い".into() });
    // The cell's lines, without the running heads and repeated header between pages.
    let text: String = text_of(&pdf)
        .lines()
        .map(|l| l.trim_matches('\u{c}'))
        .filter(|l| !["t", "c", "d", "HEADERNUMBER", "HEADERTEXT", "row000", "row001", "短い"].contains(l))
        .filter(|l| !l.split('/').all(|n| n.parse::<u32>().is_ok()))
        .collect();
    for i in 0..600 {
        assert!(text.contains(&format!("手順{i}を行う。")), "step {i} lost");
    }
    assert!(poppler("pdftotext", &["-f", "2", "-l", "2"], &pdf).contains("HEADERTEXT"));
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn long_url_in_a_table_cell_is_wrapped_inside_the_cell_and_reads_back_whole() {
    let url = "https://www.ppc.go.jp/personalinfo/legal/leakAction/very/long/path/that/does/not/fit/in/one/narrow/column/at/all/index.html";
    let pdf = long_table_pdf(1, |_| url.to_owned());
    let text = text_of(&pdf);
    let joined: String = text.lines().filter(|l| l.starts_with("https://") || !l.contains(' ')).collect();
    assert!(joined.contains(url), "{text}");
    assert!(text.lines().filter(|l| url.contains(l.trim()) && !l.trim().is_empty()).count() >= 2, "not wrapped:\n{text}");
}

#[test]
fn ppc_draft_text_follows_rule_article_8_and_marks_unknowns() {
    let demo = demo(Language::Ja);
    let conn = demo.file.connection();
    let text = draft_text(conn, Document::PpcDraft, &options(Language::Ja, Some(2))).unwrap();
    assert_in_order(
        &text,
        &[
            "個人データの漏えい等報告書（速報）",
            "1. 概要",
            "2026年11月19日 09:15",
            "2. 漏えい等が発生し、又は発生したおそれがある個人データの項目\n調査中",
            "3. 漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数\n人数は調査中",
            "4. 原因",
            "5. 二次被害又はそのおそれの有無及びその内容",
            "6. 本人への対応の実施状況\n調査中",
            "7. 公表の実施状況\n調査中",
            "8. 再発防止のための措置",
            "9. その他参考となる事項",
        ],
        "ppc-draft text",
    );
    let final_report =
        draft_text(conn, Document::PpcDraft, &ExportOptions { stage: ReportStage::Final, ..options(Language::Ja, Some(1)) })
            .unwrap();
    assert_in_order(&final_report, &["（確報）", "報告の期限", "2026年8月5日", "1,180人"], "final report");
}

#[test]
fn gdpr_draft_is_in_english_whatever_the_language_asked() {
    let mut demo = demo(Language::Ja);
    with_gdpr_case(&mut demo);
    let text = draft_text(demo.file.connection(), Document::GdprDraft, &options(Language::Ja, Some(1))).unwrap();
    assert!(text.starts_with("Notification of a Personal Data Breach under GDPR Article 33"), "{text}");
    assert!(text.contains("Under investigation") && !text.contains("調査中"), "{text}");
    // Read in Europe, a time without its zone would be taken as 8 hours later: every time says it.
    assert!(text.contains("7 July 2026, 16:42 (UTC+09:00)"), "the time of awareness has no zone: {text}");
    assert!(text.contains("10 July 2026, 16:42 (UTC+09:00)"), "the 72-hour deadline has no zone: {text}");
}

#[test]
fn times_in_japanese_documents_say_japan_time_or_their_offset() {
    let demo = demo(Language::Ja);
    let conn = demo.file.connection();
    let text = draft_text(conn, Document::PpcDraft, &options(Language::Ja, Some(1))).unwrap();
    assert!(text.contains("2026年7月7日 16:42（日本時間）"), "{text}");
    let context_en = draft_text(conn, Document::PoliceMemo, &options(Language::En, Some(1))).unwrap();
    assert!(context_en.contains("7 July 2026, 16:42 (UTC+09:00)"), "{context_en}");
}

#[test]
fn errors_say_what_is_missing_with_a_stable_code() {
    let demo = demo(Language::Ja);
    let conn = demo.file.connection();
    let needs = export(conn, Document::IncidentReport, &options(Language::Ja, None)).unwrap_err();
    assert_eq!(needs.code(), "needs_incident");
    assert!(needs.to_string().contains("incident-report"), "{needs}");
    let unknown = export(conn, Document::PpcDraft, &options(Language::Ja, Some(999))).unwrap_err();
    assert_eq!(unknown.code(), "unknown_incident");
    assert!(unknown.to_string().contains("999"));
    assert_eq!(draft_text(conn, Document::Policy, &options(Language::Ja, None)).unwrap_err().code(), "not_a_draft");
    assert_eq!("frobnicate".parse::<Document>().unwrap_err().code(), "unknown_document");
    for &document in Document::ALL {
        assert_eq!(document.key().parse::<Document>().unwrap(), document);
    }
}

#[test]
fn save_never_leaves_a_partial_file_and_replaces_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.pdf");
    save(&path, b"%PDF-first", false).unwrap();
    assert_eq!(save(&path, b"%PDF-second", false).unwrap_err().code(), "already_exists");
    assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-first");
    save(&path, b"%PDF-second", true).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-second");
    let missing = dir.path().join("no-such-dir").join("x.pdf");
    assert_eq!(save(&missing, b"%PDF-", false).unwrap_err().code(), "io");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["policy.pdf"], "only the finished file is left");
}

#[test]
fn symbols_the_documents_draw_are_in_the_font() {
    let face = ipaex_gothic();
    for symbol in ['□', '☎', '—', '…', '（', '）'] {
        assert!(face.has_glyph(symbol), "no glyph for {symbol}");
    }
    assert!(!face.has_glyph('\u{1F600}'), "the check itself must be able to fail");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn incident_report_lists_calls_and_ticked_tasks_and_a_new_incident_drafts_as_under_investigation() {
    use crate::incident::record;
    use crate::incident::wizard::{CaseKind, IncidentBasics};
    use crate::incident::CallOutcome;
    let mut demo = demo(Language::Ja);
    let id = demo
        .file
        .write(|tx| {
            let id = record::start_incident(tx, CaseKind::Malware)?;
            let basics = IncidentBasics {
                case_kind: CaseKind::Malware,
                title: "経理PCで不審な警告".into(),
                discovered_at: "2026-11-20T10:05:00+09:00".into(),
                occurred_at: None,
                discovered_by: "伊藤 彩".into(),
                description: "ウイルス対策ソフトが警告を表示した。".into(),
            };
            record::record_basics(tx, id, &basics, "伊藤 彩")?;
            let takahashi: i64 = tx.query_row("SELECT id FROM contact WHERE name = '高橋 健太'", [], |r| r.get(0))?;
            record::record_call(tx, id, takahashi, CallOutcome::Reached, "伊藤 彩")?;
            let task: i64 = tx.query_row("SELECT min(id) FROM incident_task WHERE incident_id = ?1", [id], |r| r.get(0))?;
            record::set_task_done(tx, id, task, true, "伊藤 彩")?;
            Ok(id)
        })
        .unwrap();
    let conn = demo.file.connection();
    let report = text_of(&export(conn, Document::IncidentReport, &options(Language::Ja, Some(id))).unwrap());
    assert_in_order(
        &report,
        &[
            "経理PCで不審な警告",
            "未判定",
            "3. 連絡の記録",
            "高橋 健太",
            "連絡がついた",
            "4. 初期対応と対応手順の実施状況",
            "■ 実施済み",
            "□ 未実施",
            "6. 原因と再発防止",
            "調査中",
        ],
        "report of a new incident",
    );
    let draft = draft_text(conn, Document::PpcDraft, &options(Language::Ja, Some(id))).unwrap();
    assert_in_order(
        &draft,
        &["報告の期限", "判定に至っていません", "3. 漏えい等", "調査中", "4. 原因\n調査中"],
        "ppc draft of a new incident",
    );
}

#[test]
fn era_dates_change_on_the_first_day_of_each_era() {
    use super::context::japanese_era_date;
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(japanese_era_date(date(2019, 4, 30)), "平成31年4月30日");
    assert_eq!(japanese_era_date(date(2019, 5, 1)), "令和元年5月1日");
    assert_eq!(japanese_era_date(date(2026, 12, 25)), "令和8年12月25日");
    assert_eq!(japanese_era_date(date(1989, 1, 7)), "昭和64年1月7日");
    assert_eq!(japanese_era_date(date(1989, 1, 8)), "平成元年1月8日");
    assert_eq!(japanese_era_date(date(1926, 12, 25)), "昭和元年12月25日");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn the_policy_prints_when_it_was_last_reviewed() {
    use crate::readiness::{mark_reviewed, ReviewedPart};
    let mut demo = demo(Language::Ja);
    let first_page = |file: &CompanyFile, language| {
        let pdf = export(file.connection(), Document::Policy, &options(language, None)).unwrap();
        poppler("pdftotext", &["-f", "1", "-l", "1"], &pdf)
    };
    assert!(first_page(&demo.file, Language::Ja).contains("見直しの記録はまだありません。"));
    let reviewed = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
    demo.file.write(|tx| mark_reviewed(tx, "鈴木", ReviewedPart::Policy, reviewed)).unwrap();
    assert!(first_page(&demo.file, Language::Ja).contains("最終見直し日：2026年9月30日"));
    assert!(first_page(&demo.file, Language::En).contains("Last reviewed: 30 September 2026"));
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn the_readiness_summary_is_one_page_naming_each_gap_and_where_to_fix_it() {
    let mut demo = demo(Language::Ja);
    demo.file
        .write(|tx| {
            tx.execute("INSERT INTO role (key, name, position) VALUES ('pr', '広報担当', 99)", [])?;
            Ok(())
        })
        .unwrap();
    let pdf = export(demo.file.connection(), Document::ReadinessSummary, &options(Language::Ja, None)).unwrap();
    assert_eq!(poppler("pdfinfo", &[], &pdf).lines().find(|l| l.starts_with("Pages:")), Some("Pages:           1"));
    assert_in_order(
        &text_of(&pdf),
        &[
            "備えの点検表",
            "点検日：2026年11月20日",
            "1. 見直しと訓練",
            "対応方針の見直し：期限切れ（まだ記録がありません）",
            "2. 対応体制（方針の画面）",
            "担当者がいない役割：広報担当",
            "3. 対応手順",
            "4. 被害対象",
            "5. 連絡先",
            "か月以上確認していない連絡先：",
            "6. 直近の訓練",
            "実施日：",
        ],
        "readiness summary",
    );
    let english = export(demo.file.connection(), Document::ReadinessSummary, &options(Language::En, None)).unwrap();
    assert!(text_of(&english).contains("Role without a holder: 広報担当"));
}

#[test]
fn the_jigyokei_text_is_cut_into_the_six_sections_of_the_form() {
    let demo = demo(Language::En);
    let conn = demo.file.connection();
    let sections = super::jigyokei_sections(conn, &options(Language::En, None)).unwrap();
    let headings: Vec<&str> = sections.iter().map(|(heading, _)| heading.as_str()).collect();
    assert_eq!(headings, super::jigyokei::HEADINGS);
    assert!(sections.iter().all(|(_, text)| !text.is_empty()));
    assert!(sections[0].1.contains("フリガナ"), "{}", sections[0].1);
    assert!(sections[3].1.contains("2027年1月1日 ～ 2029年12月31日"), "{}", sections[3].1);
    // Together they are the whole plain text after its title and note.
    let whole = draft_text(conn, Document::Jigyokei, &options(Language::En, None)).unwrap();
    for (heading, text) in &sections {
        assert!(whole.contains(&format!("■ {heading}")) && whole.contains(text.lines().next().unwrap()));
    }
}

/// The sentences of a text: each run ending in 。 (lines without one, such as an address, are not).
fn sentences(text: &str) -> Vec<String> {
    let mut runs: Vec<&str> = text.split('。').collect();
    runs.pop();
    runs.into_iter().map(|run| run.rsplit('\n').next().unwrap_or_default().trim().to_owned()).collect()
}

#[test]
fn the_letters_speak_politely_to_their_reader_without_staff_names_or_form_labels() {
    let demo = demo(Language::Ja);
    let conn = demo.file.connection();
    let representative = "桜井 浩一";
    let staff: Vec<String> = crate::policy::read::call_tree(conn)
        .unwrap()
        .into_iter()
        .map(|person| person.name)
        .filter(|name| name != representative)
        .collect();
    assert!(staff.len() >= 3, "the demo's call tree: {staff:?}");
    let incidents = crate::incident::read::list_incidents(conn).unwrap();
    for (document, ids) in [
        (Document::DataSubjectNotice, incidents.iter().map(|i| i.id).collect::<Vec<_>>()),
        (Document::ClientNotice, vec![5]),
        (Document::PublicNotice, incidents.iter().map(|i| i.id).collect::<Vec<_>>()),
    ] {
        for id in ids {
            let what = format!("{} of incident {id}", document.key());
            let detail = crate::incident::read::incident_detail(conn, id).unwrap();
            let text = draft_text(conn, document, &options(Language::Ja, Some(id))).unwrap();
            for name in &staff {
                assert!(!text.contains(name.as_str()), "{what} names {name}:\n{text}");
            }
            // Neither the staff's notes nor the form's labels reach the reader.
            for note in [detail.discovered_by.as_str(), detail.description.as_str(), detail.recovery.cause.as_str()] {
                let first_line = note.lines().next().unwrap_or_default().trim();
                assert!(first_line.is_empty() || !text.contains(first_line), "{what} pastes {first_line:?}:\n{text}");
            }
            for label in ["事態の別", "本人の区分", "発見者", "発生日時", "発覚日時", "調査中", "下書き"]
            {
                assert!(!text.contains(label), "{what} carries {label:?}:\n{text}");
            }
            for sentence in sentences(&text) {
                // A citation in brackets after the verb is not the sentence's ending.
                let sentence = match sentence.strip_suffix('）').and_then(|s| s.rfind('（').map(|at| &s[..at])) {
                    Some(before) => before.to_owned(),
                    None => sentence,
                };
                let polite = ["ます", "です", "ました", "でした", "ません", "ください", "ございます"];
                assert!(polite.iter().any(|end| sentence.ends_with(end)), "{what}: not です・ます: {sentence:?}");
            }
            assert!(text.trim_end().ends_with("以上"), "{what}: no 以上");
            assert!(text.contains(representative), "{what}: not signed by the representative");
        }
    }
}

#[test]
fn a_letter_reads_back_from_its_own_text() {
    let demo = demo(Language::Ja);
    let conn = demo.file.connection();
    for id in [1, 3, 4] {
        let company = crate::company::company_profile(conn).unwrap();
        let context =
            Context { company: &company, language: Language::Ja, issued_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap() };
        let letter = letters::letter(conn, Document::DataSubjectNotice, &options(Language::Ja, Some(id)), &context).unwrap();
        let read = letters::Letter::from_text(&letter.to_text(), "以上", &letter.note);
        assert_eq!(read, letter, "incident {id}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn an_edited_letter_is_the_letter_until_it_is_composed_again() {
    let mut demo = demo(Language::Ja);
    let id = 2; // the open malware incident
    let view = letter_view(demo.file.connection(), Document::DataSubjectNotice, &options(Language::Ja, Some(id))).unwrap();
    assert_eq!((view.text.as_str(), view.edited.as_ref(), view.facts_changed), (view.composed.as_str(), None, false));
    let edited = view.text.replace(
        "1. 経緯",
        "1. 経緯\n\n当社では、設計部のパソコン1台で請求書を装ったメールの添付ファイルを開いたことが分かりました。",
    );
    let title = view.title.clone();
    demo.file
        .write(|tx| crate::incident::letters::save(tx, id, "data-subject-notice", &title, &edited, &view.composed, "総務 花子"))
        .unwrap();

    // The edit is the letter: in the editor, as text and in the PDF.
    let options = options(Language::Ja, Some(id));
    let conn = demo.file.connection();
    let view = letter_view(conn, Document::DataSubjectNotice, &options).unwrap();
    assert_eq!(view.text, edited);
    assert!(!view.facts_changed);
    assert_eq!(draft_text(conn, Document::DataSubjectNotice, &options).unwrap(), edited);
    let pdf = text_of(&export(conn, Document::DataSubjectNotice, &options).unwrap());
    assert_in_order(&pdf, &["関係者各位", "1. 経緯", "請求書を装ったメールの添付ファイル", "以上"], "edited letter");
    let detail = crate::incident::read::incident_detail(conn, id).unwrap();
    let entry = detail.timeline.iter().find(|e| e.kind == "letter").expect("the edit is in the timeline");
    assert!(entry.message.contains("編集して保存しました") && entry.author == "総務 花子", "{entry:?}");

    // The facts change: the editor says so, the edit stays until the office composes it again.
    let mut facts = detail.facts.clone().unwrap();
    facts.personal_data.at_risk.subjects = 321;
    demo.file.write(|tx| crate::incident::record::record_facts(tx, id, &facts, &detail.details, "a")).unwrap();
    let view = letter_view(demo.file.connection(), Document::DataSubjectNotice, &options).unwrap();
    assert!(view.facts_changed && view.text == edited && view.composed.contains("321名分"), "{view:?}");
    demo.file.write(|tx| crate::incident::letters::discard(tx, id, "data-subject-notice", &title, "a")).unwrap();
    let view = letter_view(demo.file.connection(), Document::DataSubjectNotice, &options).unwrap();
    assert_eq!((view.text == view.composed, view.edited, view.facts_changed), (true, None, false));

    // An empty letter is refused, with nothing changed.
    let refused = demo.file.write(|tx| crate::incident::letters::save(tx, id, "data-subject-notice", &title, " \n ", "", "a"));
    assert_eq!(crate::error_code::ErrorReport::from(refused.unwrap_err()).code.as_str(), "text_required");
}

#[test]
fn a_letter_saved_over_someone_else_s_edit_is_refused_and_theirs_kept() {
    use crate::incident::letters::{edited, refuse_if_edited_since, save, EditedLetter};
    let mut demo = demo(Language::Ja);
    let (id, document) = (2, "data-subject-notice");
    let options = options(Language::Ja, Some(id));
    // Both editors read the composed letter.
    let view = letter_view(demo.file.connection(), Document::DataSubjectNotice, &options).unwrap();
    let theirs = view.text.replace("1. 経緯", "1. 経緯（高橋が加筆）");
    let mine = view.text.replace("1. 経緯", "1. 経緯（佐藤が加筆）");
    let save_from = |file: &mut crate::company_file::CompanyFile, as_read: Option<&EditedLetter>, text: &str, who: &str| {
        file.write(|tx| {
            refuse_if_edited_since(tx, id, document, as_read)?;
            save(tx, id, document, &view.title, text, &view.composed, who)
        })
    };
    save_from(&mut demo.file, None, &theirs, "情シス 高橋").unwrap();

    // 佐藤's save, from the composed letter he read, is refused within the same second, naming
    // 高橋; 高橋's text stays.
    let refused = save_from(&mut demo.file, None, &mine, "総務 佐藤").unwrap_err();
    let report = crate::error_code::ErrorReport::from(refused);
    assert_eq!(report.code.as_str(), "changed_elsewhere");
    assert!(report.message.contains("情シス 高橋"), "{}", report.message);
    let stored = edited(demo.file.connection(), id, document).unwrap().unwrap();
    assert_eq!(stored.text, theirs);

    // From 高橋's edit, read again, 佐藤's save goes through; 高橋 composing the letter again
    // from his own, older, edit is then refused too.
    save_from(&mut demo.file, Some(&stored), &mine, "総務 佐藤").unwrap();
    let recomposed = demo.file.write(|tx| {
        refuse_if_edited_since(tx, id, document, Some(&stored))?;
        crate::incident::letters::discard(tx, id, document, &view.title, "情シス 高橋")
    });
    assert_eq!(crate::error_code::ErrorReport::from(recomposed.unwrap_err()).code.as_str(), "changed_elsewhere");
    assert_eq!(edited(demo.file.connection(), id, document).unwrap().unwrap().text, mine);
}

#[test]
fn the_ppc_draft_tells_how_it_was_found_and_only_the_bodies_already_told() {
    let demo = demo(Language::Ja);
    let conn = demo.file.connection();
    let detail = crate::incident::read::incident_detail(conn, 1).unwrap();
    let text = draft_text(conn, Document::PpcDraft, &options(Language::Ja, Some(1))).unwrap();
    assert!(text.contains("発見の経緯："), "{text}");
    assert!(!detail.discovered_by.is_empty() && !text.contains(detail.discovered_by.as_str()), "the finder is named:\n{text}");
    let others = text.split("● 他の機関への報告\n").nth(1).and_then(|rest| rest.split("\n\n").next()).unwrap_or_default();
    let sent: Vec<_> = detail
        .obligations
        .iter()
        .filter(|o| o.status == crate::incident::ObligationStatus::Sent)
        .map(|o| (o.authority, o.sent_on.unwrap()))
        .collect();
    for (authority, day) in &sent {
        let name = crate::rules::authority_name(*authority, Language::Ja);
        let listed = others.contains(name);
        let a_body = !matches!(
            authority,
            crate::rules::Authority::Ppc
                | crate::rules::Authority::PpcMyNumber
                | crate::rules::Authority::DataSubjects
                | crate::rules::Authority::Client
                | crate::rules::Authority::EuDataSubjects
                | crate::rules::Authority::Insurer
        );
        assert_eq!(listed, a_body, "{name} under 他の機関への報告:\n{others}");
        if listed {
            let date =
                format!("{}年{}月{}日", chrono::Datelike::year(day), chrono::Datelike::month(day), chrono::Datelike::day(day));
            assert!(others.contains(&format!("{name}：{date}に提出")), "{name} without its date:\n{others}");
        }
    }
    // The 確報 refers to the 速報 sent before it.
    let final_report =
        draft_text(conn, Document::PpcDraft, &ExportOptions { stage: ReportStage::Final, ..options(Language::Ja, Some(1)) })
            .unwrap();
    assert!(final_report.contains("● 速報の提出\n"), "{final_report}");
    assert!(final_report.contains("に速報を提出済み") || final_report.contains("速報はまだ提出していません"), "{final_report}");
}

#[test]
fn the_my_number_report_says_specific_personal_information_and_cites_its_item() {
    let demo = demo(Language::Ja);
    let text = draft_text(demo.file.connection(), Document::PpcMyNumberDraft, &options(Language::Ja, Some(4))).unwrap();
    assert!(text.contains("特定個人情報の項目") && text.contains("特定個人情報に係る本人の数"), "{text}");
    assert!(!text.contains("個人データの項目"), "{text}");
    assert!(text.contains("規則第2条第4号"), "{text}");
}

#[test]
fn the_insurer_hears_every_count_the_cause_and_the_first_response_apart_from_prevention() {
    let demo = demo(Language::Ja);
    let conn = demo.file.connection();
    let text = draft_text(conn, Document::InsurerNotice, &options(Language::Ja, Some(5))).unwrap();
    assert_in_order(
        &text,
        &["契約者の所在地", "委託元から預かった個人データ：64人", "● 原因", "● 実施した初動対応", "● 今後の再発防止策"],
        "insurer",
    );
    // Only the client's data was hit: no count of the company's own is made up.
    assert!(!text.contains("自社の個人データ"), "{text}");
    let others = text.split("● 他の機関への報告・届出\n").nth(1).unwrap_or_default();
    assert!(!others.contains("サイバー保険の保険会社"), "the insurer is told it was told:\n{others}");
    let police = draft_text(conn, Document::PoliceMemo, &options(Language::Ja, Some(5))).unwrap();
    let address = crate::company::company_profile(conn).unwrap().details.address;
    assert!(!address.is_empty() && police.contains(&address), "the police memo has no address:\n{police}");
}

#[test]
fn no_gdpr_draft_is_written_where_the_gdpr_owes_nothing() {
    let demo = demo(Language::Ja);
    let conn = demo.file.connection();
    let no_eu = crate::incident::read::list_incidents(conn)
        .unwrap()
        .into_iter()
        .map(|i| crate::incident::read::incident_detail(conn, i.id).unwrap())
        .find(|d| !d.obligations.iter().any(|o| o.authority == crate::rules::Authority::EuSupervisoryAuthority && o.current))
        .expect("a demo incident without a GDPR duty");
    for document in [Document::GdprDraft, Document::GdprSubjectNotice] {
        let refused = draft_text(conn, document, &options(Language::Ja, Some(no_eu.id))).unwrap_err();
        assert_eq!(refused.code(), "not_due", "{refused}");
        assert!(refused.to_string().contains("no duty"), "{refused}");
        assert_eq!(export(conn, document, &options(Language::Ja, Some(no_eu.id))).unwrap_err().code(), "not_due");
    }
}

#[test]
fn the_gdpr_notices_give_phone_numbers_to_dial_from_abroad_and_hours_with_their_zone() {
    let mut demo = demo(Language::Ja);
    with_gdpr_case(&mut demo);
    let conn = demo.file.connection();
    let notice = draft_text(conn, Document::GdprSubjectNotice, &options(Language::Ja, Some(1))).unwrap();
    assert!(notice.contains("Phone: +81 3-0000-1199"), "{notice}");
    assert!(notice.contains("(Japan time, UTC+09:00)"), "{notice}");
    let report = draft_text(conn, Document::GdprDraft, &options(Language::Ja, Some(1))).unwrap();
    assert!(report.contains("Phone: +81 "), "{report}");
    assert!(!report.contains("Phone: 0"), "a domestic number reached the EU authority: {report}");
    assert!(!report.contains("\n090-") && !report.contains("\n03-"), "the reporter's phone as dialled in Japan: {report}");
    // Letters read in Japan keep the number as dialled there.
    let letter = draft_text(conn, Document::DataSubjectNotice, &options(Language::Ja, Some(1))).unwrap();
    assert!(letter.contains("電話：03-0000-1199"), "{letter}");
    assert_eq!(drafts::international_phone("+44 20 7946 0000"), "+44 20 7946 0000");
    assert_eq!(drafts::international_phone("090-0000-1102"), "+81 90-0000-1102");
}

#[test]
fn the_gdpr_notices_carry_no_japanese_notes_of_the_staff() {
    let mut demo = demo(Language::Ja);
    with_gdpr_case(&mut demo);
    let conn = demo.file.connection();
    let japanese = |c: char| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c);
    let company = crate::company::company_profile(conn).unwrap();
    // The people's names and job titles, as their contacts hold them.
    let names: Vec<String> = crate::policy::read::call_tree(conn)
        .unwrap()
        .into_iter()
        .flat_map(|p| [p.name, p.title])
        .filter(|n| !n.is_empty())
        .collect();
    for document in [Document::GdprDraft, Document::GdprSubjectNotice] {
        let text = draft_text(conn, document, &options(Language::Ja, Some(1))).unwrap();
        for line in text.lines() {
            // Names (of the company, its desk and its people) are what they are; the rest is English.
            let mut rest = line.replace(&company.name, "");
            for name in &names {
                rest = rest.replace(name.as_str(), "");
            }
            for part in [&company.details.inquiry_desk.name, &company.details.inquiry_desk.hours] {
                rest = rest.replace(part.as_str(), "");
            }
            assert!(!rest.chars().any(japanese), "{}: Japanese in {line:?}", document.key());
        }
    }
}

#[test]
fn the_gdpr_notices_take_the_offices_english_and_a_late_one_asks_why() {
    let mut demo = demo(Language::Ja);
    with_gdpr_case(&mut demo);
    // First as if the office had written no English of its own.
    demo.file.write(|tx| tx.execute("UPDATE incident SET gdpr_english = '{}' WHERE id = 1", []).map(|_| ())).unwrap();
    let discovered = crate::incident::read::incident_detail(demo.file.connection(), 1).unwrap().discovered_at;
    let on = |day: NaiveDate| ExportOptions { issued_on: Some(day), ..options(Language::Ja, Some(1)) };
    let report = |demo: &Demo, day| draft_text(demo.file.connection(), Document::GdprDraft, &on(day)).unwrap();

    // Drafted within the 72 hours: no reasons are asked for; months later they are, and the
    // company, not established in the EU, is told it named no representative.
    let in_time = report(&demo, discovered.date_naive());
    assert!(!in_time.contains("Reasons for the delay"), "{in_time}");
    let late = report(&demo, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    assert_in_order(
        &late,
        &["Reasons for the delay", "[To be written before sending", "Representative in the Union (Art. 27)", "None designated"],
        "a late notification",
    );

    let texts = crate::incident::gdpr_texts::GdprTexts {
        nature: "An employee e-mailed a customer list to the wrong customer.".into(),
        consequences: "Unsolicited contact; misuse of card numbers is possible but unlikely.".into(),
        measures: "The recipient deleted the e-mail; card issuers were alerted.".into(),
        delay_reasons: "The EU residents among the customers were identified only on 20 November.".into(),
    };
    demo.file
        .write(|tx| {
            tx.execute("UPDATE company SET eu_representative = 'Example Rep GmbH, Berlin, rep@example.eu' WHERE id = 1", [])?;
            // The demo's incident is closed, so the texts are put in place as saving them would.
            tx.execute("UPDATE incident SET gdpr_english = ?1 WHERE id = 1", [serde_json::to_string(&texts).unwrap()])?;
            Ok(())
        })
        .unwrap();
    let late = report(&demo, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    for typed in [&texts.nature, &texts.consequences, &texts.measures, &texts.delay_reasons] {
        assert!(late.contains(typed.as_str()), "{typed:?} missing from:\n{late}");
    }
    assert!(late.contains("Example Rep GmbH, Berlin, rep@example.eu"), "{late}");
    assert!(!late.contains("[To be written"), "{late}");
    let notice = draft_text(demo.file.connection(), Document::GdprSubjectNotice, &options(Language::Ja, Some(1))).unwrap();
    assert_in_order(&notice, &["We became aware of it on", &texts.nature, &texts.consequences, &texts.measures], "art. 34");
    assert!(!notice.contains("Reasons for the delay"), "the people are not told why the authority heard late: {notice}");
}

#[test]
fn every_incident_draft_is_offered_on_an_addressees_card() {
    for &document in Document::ALL.iter().filter(|d| d.is_draft() && d.needs_incident()) {
        assert!(
            crate::rules::Authority::ALL.iter().any(|&a| Document::drafts_for(a).contains(&document)),
            "{document:?} is drafted but no addressee offers it"
        );
    }
}

#[test]
fn every_document_has_a_name_in_both_languages_and_a_report_in_two_stages_one_per_stage() {
    for language in [Language::Ja, Language::En] {
        for &document in Document::ALL {
            let names: Vec<&str> = ReportStage::ALL.iter().map(|&stage| document.name(stage, language)).collect();
            assert!(names.iter().all(|name| !name.is_empty() && *name != "(?)"), "{document:?} {language:?}");
            assert_eq!(names[0] != names[1], document.stages().len() > 1, "{document:?} {language:?}: {names:?}");
        }
    }
}
