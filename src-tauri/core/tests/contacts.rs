//! The contact table through its public API: editing with change history, deletion refused while
//! the plan depends on a contact, confirmation and the call tree, search as a Japanese office
//! types, and CSV import (all or nothing) and export, including the CP932 fixture files used by
//! the end-to-end tests (`tests/fixtures/contacts-50-cp932*.csv` at the repository root).

use sonae_core::contacts;
use sonae_core::home;
use sonae_core::language::Language;
use sonae_core::store::history::ChangedEntity;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sonae_core::company_file::CompanyFile;
use sonae_core::contacts::csv::{preview_contacts_csv, CsvEncoding};
use sonae_core::contacts::Email;
use sonae_core::contacts::Phone;
use sonae_core::contacts::{ContactInput, ContactKind, ContactQuery, ContactTag, ContactUse};
use sonae_core::store::history::{change_history, ChangeAction};
use sonae_core::store::StoreError;
use sonae_core::template::builtin_policy;

fn empty_file() -> CompanyFile {
    CompanyFile::in_memory("株式会社テスト", &builtin_policy(Language::Ja).unwrap()).unwrap()
}

/// The sample company in a temporary folder (kept alive by the returned guard).
fn demo() -> (tempfile::TempDir, CompanyFile) {
    let dir = tempfile::tempdir().unwrap();
    let file = CompanyFile::create_demo(&dir.path().join("demo.sonae"), Language::Ja).unwrap();
    (dir, file)
}

fn person(name: &str, kana: &str, phone: &str, email: &str) -> ContactInput {
    ContactInput {
        name: name.into(),
        name_kana: kana.into(),
        phones: vec![Phone { label: "携帯".into(), number: phone.into(), emergency: true }],
        emails: vec![Email { label: String::new(), address: email.into() }],
        tags: vec![ContactTag::Internal],
        ..ContactInput::default()
    }
}

fn id_of(file: &CompanyFile, name: &str) -> i64 {
    file.connection().query_row("SELECT id FROM contact WHERE name = ?1", [name], |r| r.get(0)).unwrap()
}

fn names(file: &CompanyFile, query: &ContactQuery) -> Vec<String> {
    contacts::list_contacts(file.connection(), query).unwrap().items.into_iter().map(|c| c.name).collect()
}

fn search(file: &CompanyFile, text: &str) -> Vec<String> {
    names(file, &ContactQuery { text: text.into(), ..ContactQuery::default() })
}

fn code(error: StoreError) -> &'static str {
    error.code().as_str()
}

#[test]
fn create_update_delete_leave_before_and_after_in_the_history() {
    let mut file = empty_file();
    let id = file
        .write(|tx| {
            contacts::create_contact(tx, "佐藤", &person("山田 太郎", "やまだ たろう", "090-1111-2222", "taro@example.jp"))
        })
        .unwrap();
    let stored = contacts::contact(file.connection(), id).unwrap();
    assert_eq!(stored.name, "山田 太郎");
    assert_eq!(stored.kind, ContactKind::Person);
    assert!(stored.stale, "never confirmed");

    let mut changed = person("山田 太郎", "やまだ たろう", "０９０－３３３３－４４４４", "taro@example.jp");
    changed.title = "総務部長".into();
    file.write(|tx| contacts::update_contact(tx, "鈴木", id, &changed)).unwrap();
    assert_eq!(contacts::contact(file.connection(), id).unwrap().phones[0].number, "090-3333-4444");
    // Saving the same thing again changes nothing and records nothing.
    file.write(|tx| contacts::update_contact(tx, "鈴木", id, &changed)).unwrap();

    file.write(|tx| contacts::delete_contact(tx, "鈴木", id)).unwrap();
    assert_eq!(code(contacts::contact(file.connection(), id).unwrap_err()), "missing");

    let history = change_history(file.connection(), Some(ChangedEntity::Contact), Some(id), 10, 0).unwrap();
    let actions: Vec<_> = history.iter().map(|c| c.action).collect();
    assert_eq!(actions, [ChangeAction::Delete, ChangeAction::Update, ChangeAction::Create]);
    assert_eq!(history[1].author, "鈴木");
    assert!(history[1].before.as_deref().unwrap().contains("090-1111-2222"));
    assert!(history[1].after.as_deref().unwrap().contains("090-3333-4444"));
    assert!(history[1].after.as_deref().unwrap().contains("総務部長"));
    assert!(history.iter().all(|c| c.label == "山田 太郎"));
    assert!(history[0].after.is_none());
}

#[test]
fn invalid_input_is_refused_with_a_code_and_nothing_written() {
    let mut file = empty_file();
    let cases = [
        (ContactInput { name: "  ".into(), ..ContactInput::default() }, "name_missing", "name"),
        (person("a", "", "携帯なし", "a@example.jp"), "invalid_phone", "phones[0].number"),
        (person("a", "", "03-0000-0000", "a.example.jp"), "invalid_email", "emails[0].address"),
        (
            ContactInput { last_confirmed_on: Some("2026/02/30".into()), ..person("a", "", "1", "a@b.jp") },
            "invalid_date",
            "last_confirmed_on",
        ),
        (ContactInput { call_order: Some(-1), ..person("a", "", "1", "a@b.jp") }, "invalid_call_order", "call_order"),
    ];
    for (input, expected, field) in cases {
        let error = file.write(|tx| contacts::create_contact(tx, "x", &input)).unwrap_err();
        assert!(error.to_string().contains(field), "{error}");
        assert_eq!(code(error), expected);
    }
    assert_eq!(contacts::list_contacts(file.connection(), &ContactQuery::default()).unwrap().total, 0);
    assert!(change_history(file.connection(), Some(ChangedEntity::Contact), None, 10, 0).unwrap().is_empty());
}

#[test]
fn a_contact_the_plan_depends_on_cannot_be_deleted() {
    let (_dir, mut file) = demo();
    // 松本 由美 holds one role, deputises another and owns a BCP target's recovery in the sample company.
    let matsumoto = id_of(&file, "松本 由美");
    let uses = contacts::contact_usage(file.connection(), matsumoto).unwrap();
    assert!(uses.iter().any(|u| matches!(u, ContactUse::RoleHolder { deputy: false, .. })), "{uses:?}");
    assert!(uses.iter().any(|u| matches!(u, ContactUse::RoleHolder { deputy: true, .. })), "{uses:?}");
    assert!(uses.iter().any(|u| matches!(u, ContactUse::RecoveryOwner { .. })), "{uses:?}");
    let error = file.write(|tx| contacts::delete_contact(tx, "x", matsumoto)).unwrap_err();
    let message = error.to_string();
    assert_eq!(code(error), "contact_in_use");
    for part in ["holder of the role", "deputy for the role", "recovery owner of the BCP target"] {
        assert!(message.contains(part), "{message}");
    }
    assert!(contacts::contact(file.connection(), matsumoto).is_ok());

    // Every contact's uses agree with what deletion does.
    let ids: Vec<i64> =
        contacts::list_contacts(file.connection(), &ContactQuery::default()).unwrap().items.iter().map(|c| c.id).collect();
    let mut deleted = 0;
    for id in ids {
        let uses = contacts::contact_usage(file.connection(), id).unwrap();
        let result = file.write(|tx| contacts::delete_contact(tx, "x", id));
        if uses.iter().any(ContactUse::blocks_deletion) {
            assert_eq!(code(result.unwrap_err()), "contact_in_use");
        } else {
            result.unwrap_or_else(|e| panic!("contact {id} ({uses:?}) should be deletable: {e}"));
            deleted += 1;
        }
    }
    assert!(deleted > 3, "the sample company has contacts the plan does not depend on");
}

#[test]
fn informational_uses_do_not_block_and_are_cleared_with_the_contact() {
    let (_dir, mut file) = demo();
    // The system vendor is a related contact of a BCP target and not a role holder.
    let vendor = id_of(&file, "株式会社ミナト情報システム");
    let uses = contacts::contact_usage(file.connection(), vendor).unwrap();
    assert!(uses.iter().any(|u| matches!(u, ContactUse::RelatedContact { .. })), "{uses:?}");
    assert!(!uses.iter().any(ContactUse::blocks_deletion), "{uses:?}");
    file.write(|tx| contacts::delete_contact(tx, "x", vendor)).unwrap();
    let links: i64 = file
        .connection()
        .query_row("SELECT count(*) FROM bcp_target_contact WHERE contact_id = ?1", [vendor], |r| r.get(0))
        .unwrap();
    assert_eq!(links, 0);
    assert_eq!(code(contacts::contact_usage(file.connection(), vendor).unwrap_err()), "missing");
}

#[test]
fn confirming_and_the_call_tree() {
    let mut file = empty_file();
    let ids: Vec<i64> = file
        .write(|tx| {
            ["一郎", "二郎", "三郎"]
                .iter()
                .enumerate()
                .map(|(n, name)| contacts::create_contact(tx, "x", &person(name, "", &format!("090-0000-000{n}"), "a@b.jp")))
                .collect()
        })
        .unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    file.write(|tx| contacts::confirm_contacts(tx, "確認者", &ids[..2], on)).unwrap();
    let stale = |file: &CompanyFile, on: NaiveDate| -> Vec<String> {
        let query = ContactQuery { only_stale: true, ..ContactQuery::default() };
        contacts::list_contacts_on(file.connection(), &query, on).unwrap().items.into_iter().map(|c| c.name).collect()
    };
    assert_eq!(stale(&file, on), ["三郎"]);
    assert_eq!(stale(&file, NaiveDate::from_ymd_opt(2027, 4, 1).unwrap()), ["一郎", "三郎", "二郎"]);
    // The home screen uses the same cutoff.
    let home = |file: &CompanyFile, on| -> Vec<String> {
        home::home_summary(file.connection(), Some(on)).unwrap().stale_contacts.into_iter().map(|c| c.name).collect()
    };
    assert_eq!(home(&file, on), ["三郎"]);
    assert_eq!(home(&file, NaiveDate::from_ymd_opt(2027, 4, 1).unwrap()).len(), 3);
    assert_eq!(home(&file, NaiveDate::from_ymd_opt(2027, 3, 31).unwrap()).len(), 1);

    file.write(|tx| contacts::set_stale_contact_months(tx, "x", 3)).unwrap();
    assert_eq!(stale(&file, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()).len(), 3);
    assert_eq!(home(&file, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()).len(), 3);
    assert_eq!(code(file.write(|tx| contacts::set_stale_contact_months(tx, "x", 0)).unwrap_err()), "invalid_stale_months");
    assert_eq!(code(file.write(|tx| contacts::set_stale_contact_months(tx, "x", 121)).unwrap_err()), "invalid_stale_months");
    let company = change_history(file.connection(), Some(ChangedEntity::Company), None, 10, 0).unwrap();
    assert_eq!(company.len(), 1);
    assert!(company[0].after.as_deref().unwrap().contains("\"stale_contact_months\":3"));

    file.write(|tx| contacts::set_call_order(tx, "x", &[ids[2], ids[0]])).unwrap();
    let all = contacts::list_contacts(file.connection(), &ContactQuery::default()).unwrap().items;
    let order: Vec<_> = all.iter().map(|c| (c.name.as_str(), c.call_order)).collect();
    assert_eq!(order, [("三郎", Some(1)), ("一郎", Some(2)), ("二郎", None)]);
    file.write(|tx| contacts::set_call_order(tx, "x", &[ids[1]])).unwrap();
    let order: Vec<_> = contacts::list_contacts(file.connection(), &ContactQuery::default())
        .unwrap()
        .items
        .into_iter()
        .map(|c| (c.name, c.call_order))
        .collect();
    assert_eq!(order[0], ("二郎".to_owned(), Some(1)));
    assert!(order[1..].iter().all(|(_, o)| o.is_none()));
    assert_eq!(code(file.write(|tx| contacts::set_call_order(tx, "x", &[ids[0], ids[0]])).unwrap_err()), "duplicate_contact");
    assert_eq!(code(file.write(|tx| contacts::set_call_order(tx, "x", &[999])).unwrap_err()), "missing");
    // Each change of position was recorded against the contact.
    let first = change_history(file.connection(), Some(ChangedEntity::Contact), Some(ids[0]), 10, 0).unwrap();
    assert_eq!(first.len(), 4, "created, confirmed, put in the tree, taken out of it");
}

#[test]
fn search_the_way_a_japanese_office_types() {
    let mut file = empty_file();
    file.write(|tx| {
        contacts::create_contact(tx, "x", &person("山田 太郎", "ヤマダ タロウ", "03-1234-5678", "taro@example.jp"))?;
        let mut vendor = person("株式会社ＡＢＣシステム", "えーびーしーしすてむ", "06-9876-5432", "support@abc.example.com");
        vendor.kind = ContactKind::Organization;
        vendor.tags = vec![ContactTag::Vendor];
        vendor.notes = "保守契約番号 ｶﾀｶﾅ123".into();
        contacts::create_contact(tx, "x", &vendor)?;
        contacts::create_contact(tx, "x", &person("佐藤 花子", "さとう はなこ", "090-5555-1234", "hanako@example.jp"))
    })
    .unwrap();
    assert_eq!(search(&file, "やまだ"), ["山田 太郎"]);
    assert_eq!(search(&file, "ﾔﾏﾀﾞ"), ["山田 太郎"]);
    assert_eq!(search(&file, "山田太郎"), ["山田 太郎"]);
    assert_eq!(search(&file, "abc"), ["株式会社ＡＢＣシステム"]);
    assert_eq!(search(&file, "カタカナ１２３"), ["株式会社ＡＢＣシステム"]);
    assert_eq!(search(&file, "3456"), ["山田 太郎"]);
    assert_eq!(search(&file, "03-1234"), ["山田 太郎"]);
    assert_eq!(search(&file, "1234"), ["佐藤 花子", "山田 太郎"]);
    assert_eq!(search(&file, "1234 はなこ"), ["佐藤 花子"]);
    assert_eq!(search(&file, "EXAMPLE.JP"), ["佐藤 花子", "山田 太郎"]);
    assert!(search(&file, "山田 佐藤").is_empty());
    assert_eq!(
        names(&file, &ContactQuery { tag: Some(ContactTag::Vendor), ..ContactQuery::default() }),
        ["株式会社ＡＢＣシステム"]
    );
    // Sorted by reading: え(ABC) < さ(佐藤) < や(山田).
    assert_eq!(search(&file, ""), ["株式会社ＡＢＣシステム", "佐藤 花子", "山田 太郎"]);
    let page =
        contacts::list_contacts(file.connection(), &ContactQuery { offset: 1, limit: 1, ..ContactQuery::default() }).unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].name, "佐藤 花子");
    assert_eq!(page.items[0].emergency_phone.as_ref().unwrap().number, "090-5555-1234");
    assert_eq!(page.items[0].email.as_deref(), Some("hanako@example.jp"));
}

#[test]
fn import_is_all_or_nothing() {
    let mut file = empty_file();
    let bad = "氏名,電話,確認日\r\n山田 太郎,03-1111-2222,2025/4/1\r\n佐藤 花子,03-3333-4444,2025/2/30\r\n";
    let error = file.write(|tx| contacts::import_contacts(tx, "x", bad.as_bytes())).unwrap_err();
    let message = error.to_string();
    assert_eq!(code(error), "csv_has_errors");
    assert!(message.contains("line 3"), "{message}");
    assert_eq!(contacts::list_contacts(file.connection(), &ContactQuery::default()).unwrap().total, 0);

    let error = file.write(|tx| contacts::import_contacts(tx, "x", b"FAX,TEL\r\n1,2\r\n")).unwrap_err();
    assert_eq!(code(error), "no_name_column");

    let good =
        "氏名,電話,確認日\r\n山田 太郎,03-1111-2222,2025/4/1\r\n佐藤 花子,03-3333-4444,2025/3/1\r\n山田太郎,0311112222,\r\n";
    let summary = file.write(|tx| contacts::import_contacts(tx, "取込", good.as_bytes())).unwrap();
    assert_eq!((summary.imported, summary.skipped), (2, 1));
    // Importing the same file again finds everyone already there.
    let again = file.write(|tx| contacts::import_contacts(tx, "取込", good.as_bytes())).unwrap();
    assert_eq!((again.imported, again.skipped), (0, 3));
    let history = change_history(file.connection(), Some(ChangedEntity::Contact), None, 10, 0).unwrap();
    assert_eq!(history.len(), 2);
    assert!(history.iter().all(|c| c.action == ChangeAction::Create && c.author == "取込"));
}

/// The contacts of a file in a comparable form: emergency numbers first (the CSV's column order).
fn comparable(file: &CompanyFile) -> Vec<ContactInput> {
    let mut contacts: Vec<ContactInput> = contacts::list_contacts(file.connection(), &ContactQuery::default())
        .unwrap()
        .items
        .iter()
        .map(|item| {
            let mut c = ContactInput::from(contacts::contact(file.connection(), item.id).unwrap());
            c.phones.sort_by_key(|p| !p.emergency);
            c
        })
        .collect();
    contacts.sort_by(|a, b| a.name.cmp(&b.name));
    contacts
}

#[test]
fn export_then_import_round_trips_in_both_languages() {
    for language in [Language::Ja, Language::En] {
        let dir = tempfile::tempdir().unwrap();
        let mut source = CompanyFile::create_demo(&dir.path().join("demo.sonae"), language).unwrap();
        // A formula-like name and a note with a comma, quotes and a line break survive too.
        source
            .write(|tx| {
                let mut tricky = person("=cmd|' /C calc'!A0", "", "+81-90-0000-0000", "x@example.jp");
                tricky.notes = "one, \"two\"\r\nthree".into();
                tricky.title = "-".into();
                contacts::create_contact(tx, "x", &tricky)
            })
            .unwrap();
        let csv = contacts::export_contacts_csv(source.connection()).unwrap();
        assert!(csv.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(csv.clone()).unwrap();
        assert!(text.contains("'=cmd"), "formula defused");
        assert!(text.lines().next().unwrap().contains(language.pick(("氏名", "name"))));
        let preview = preview_contacts_csv(&csv, &[]);
        assert_eq!(preview.encoding, Some(CsvEncoding::Utf8Bom));
        assert!(preview.importable, "{:?}", preview.rows.iter().flat_map(|r| &r.errors).collect::<Vec<_>>());
        assert!(preview.column_warnings.is_empty(), "{:?}", preview.column_warnings);

        let mut target = CompanyFile::in_memory("copy", &builtin_policy(language).unwrap()).unwrap();
        let summary = target.write(|tx| contacts::import_contacts(tx, "x", &csv)).unwrap();
        assert_eq!(summary.skipped, 0);
        assert_eq!(comparable(&target), comparable(&source));
    }
}

// ---------------------------------------------------------------------------------------------
// The CP932 fixtures

const SURNAMES: [(&str, &str); 10] = [
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
];
const GIVEN: [(&str, &str, &str); 7] = [
    ("太郎", "タロウ", "taro"),
    ("花子", "ハナコ", "hanako"),
    ("健一", "ケンイチ", "kenichi"),
    ("美咲", "ミサキ", "misaki"),
    ("大輔", "ダイスケ", "daisuke"),
    ("由美", "ユミ", "yumi"),
    ("翔太", "ショウタ", "shota"),
];
const ROMAN: [&str; 10] =
    ["sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe", "yamamoto", "nakamura", "kobayashi", "kato"];
const COMPANIES: [(&str, &str, &str); 5] = [
    ("株式会社さくら設計", "03", "sakura-sekkei.example.jp"),
    ("株式会社ミナト情報システム", "03", "minato-system.example.com"),
    ("なにわ物流株式会社", "06", "naniwa-butsuryu.example.jp"),
    ("東都ネットワークサービス株式会社", "03", "toto-net.example.com"),
    ("大阪中央税理士法人", "06", "osaka-tax.example.jp"),
];
const TITLES: [&str; 6] = ["代表取締役", "総務部長", "情報システム担当", "営業課長", "", "経理"];
const TAGS: [&str; 5] = ["社内", "取引先・委託先", "取引先", "顧客", "その他"];

/// A contact list as an office keeps it in Excel, saved as CP932: 50 contacts, an ignored "No."
/// column, notes with commas and line breaks. With `bad`, data row 17 has no name and data row
/// 38 the date 2025/13/40. Returns the bytes and the line each data row starts on.
fn sample_cp932_csv(bad: bool) -> (Vec<u8>, Vec<u64>) {
    let mut text = String::from("No.,氏名,フリガナ,会社名,役職,電話番号,携帯（緊急）,メールアドレス,分類,最終確認日,備考\r\n");
    let mut line = 2u64;
    let mut lines = Vec::new();
    for n in 0..50usize {
        let (surname, surname_kana) = SURNAMES[n % SURNAMES.len()];
        let (given, given_kana, given_roman) = GIVEN[(n * 3 + n / 10) % GIVEN.len()];
        let (company, area, domain) = COMPANIES[n % COMPANIES.len()];
        let row = n + 1;
        let name = if bad && row == 17 { String::new() } else { format!("{surname} {given}") };
        let office = if area == "03" {
            format!("03-{:04}-{:04}", 3100 + n * 7, 1000 + n * 13)
        } else {
            format!("06-{:04}-{:04}", 6200 + n * 11, 2000 + n * 17)
        };
        let mobile = if n % 4 == 3 { String::new() } else { format!("090-{:04}-{:04}", 1200 + n * 3, 5000 + n * 29) };
        let email = format!("{given_roman}.{}@{domain}", ROMAN[n % ROMAN.len()]);
        let confirmed = if bad && row == 38 {
            "2025/13/40".to_owned()
        } else if n % 6 == 5 {
            String::new()
        } else {
            format!("2025/{}/{}", 1 + n % 12, 1 + n % 28)
        };
        let notes = match n % 9 {
            0 => "\"夜間・休日は携帯へ。\r\n不在時は代表番号へ\"".to_owned(),
            4 => "\"保守契約あり、契約番号 A-1024\"".to_owned(),
            _ => String::new(),
        };
        text.push_str(&format!(
            "{row},{name},{surname_kana} {given_kana},{company},{},{office},{mobile},{email},{},{confirmed},{notes}\r\n",
            TITLES[n % TITLES.len()],
            TAGS[n % TAGS.len()],
        ));
        lines.push(line);
        line += 1 + notes.matches('\n').count() as u64;
    }
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable, "every character of the sample is in CP932");
    (bytes.into_owned(), lines)
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

/// The committed fixture equals the generator's output (`UPDATE_FIXTURES=1` rewrites it).
fn check_fixture(path: &Path, bytes: &[u8]) {
    if std::env::var_os("UPDATE_FIXTURES").is_some() || !path.exists() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    assert!(std::fs::read(path).unwrap() == bytes, "{} differs from the generator: run with UPDATE_FIXTURES=1", path.display());
}

#[test]
fn the_cp932_fixture_with_two_bad_rows_is_refused_with_their_lines() {
    let (bytes, lines) = sample_cp932_csv(true);
    check_fixture(&fixture("contacts-50-cp932-two-bad.csv"), &bytes);
    let preview = preview_contacts_csv(&bytes, &[]);
    assert_eq!(preview.encoding, Some(CsvEncoding::ShiftJis));
    assert_eq!(preview.rows.len(), 50);
    assert!(!preview.importable);
    let codes: Vec<_> = preview.column_warnings.iter().map(|w| (w.code.as_str(), w.column.as_deref())).collect();
    assert_eq!(codes, [("unknown_column", Some("No."))]);
    let errors: Vec<(u64, &str, Option<&str>)> =
        preview.rows.iter().flat_map(|r| r.errors.iter().map(move |e| (r.line, e.code.as_str(), e.column.as_deref()))).collect();
    assert_eq!(errors, [(lines[16], "name_missing", Some("氏名")), (lines[37], "invalid_date", Some("最終確認日"))]);
    assert!(lines[16] > 18, "quoted line breaks come before the bad rows, so lines and rows differ");

    let mut file = empty_file();
    let error = file.write(|tx| contacts::import_contacts(tx, "x", &bytes)).unwrap_err();
    assert!(error.to_string().contains(&format!("line {}", lines[16])), "{error}");
    assert_eq!(code(error), "csv_has_errors");
    assert_eq!(contacts::list_contacts(file.connection(), &ContactQuery::default()).unwrap().total, 0);
}

#[test]
fn the_fixed_cp932_fixture_imports_all_fifty() {
    let (bytes, _) = sample_cp932_csv(false);
    check_fixture(&fixture("contacts-50-cp932.csv"), &bytes);
    let mut file = empty_file();
    let summary = file.write(|tx| contacts::import_contacts(tx, "x", &bytes)).unwrap();
    assert_eq!((summary.imported, summary.skipped), (50, 0));
    let first = contacts::contact(file.connection(), id_of(&file, "佐藤 太郎")).unwrap();
    assert_eq!(first.name_kana, "サトウ タロウ");
    assert_eq!(first.organization, "株式会社さくら設計");
    assert_eq!(first.tags, [ContactTag::Internal]);
    assert_eq!(first.notes, "夜間・休日は携帯へ。\r\n不在時は代表番号へ");
    assert_eq!(first.last_confirmed_on.map(|on| on.to_string()).as_deref(), Some("2025-01-01"));
    assert!(first.phones.iter().any(|p| p.emergency && p.number.starts_with("090-")));
    assert_eq!(search(&file, "さとう たろう"), ["佐藤 太郎"]);
}
