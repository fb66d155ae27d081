//! The contacts screen on a large company file: 5,000 realistic contacts (people with kana,
//! companies, 03-/06-/090- numbers, emails, tags), generated below through the public API.
//! Measured: the list's first page, searches by kana, kanji and part of a phone number, one
//! edit, one confirmation, and previewing a 5,000-row CSV. Each should stay well under 50 ms.

use sonae_core::contacts;
use sonae_core::language::Language;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use sonae_core::company_file::CompanyFile;
use sonae_core::contacts::csv::preview_contacts_csv;
use sonae_core::contacts::Email;
use sonae_core::contacts::Phone;
use sonae_core::contacts::{ContactInput, ContactKind, ContactQuery, ContactTag};

const CONTACTS: usize = 5_000;

const SURNAMES: [(&str, &str, &str); 12] = [
    ("佐藤", "さとう", "sato"),
    ("鈴木", "すずき", "suzuki"),
    ("高橋", "たかはし", "takahashi"),
    ("田中", "たなか", "tanaka"),
    ("伊藤", "いとう", "ito"),
    ("渡辺", "わたなべ", "watanabe"),
    ("山本", "やまもと", "yamamoto"),
    ("中村", "なかむら", "nakamura"),
    ("小林", "こばやし", "kobayashi"),
    ("加藤", "かとう", "kato"),
    ("吉田", "よしだ", "yoshida"),
    ("山田", "やまだ", "yamada"),
];
const GIVEN: [(&str, &str, &str); 10] = [
    ("太郎", "たろう", "taro"),
    ("花子", "はなこ", "hanako"),
    ("健一", "けんいち", "kenichi"),
    ("美咲", "みさき", "misaki"),
    ("大輔", "だいすけ", "daisuke"),
    ("由美", "ゆみ", "yumi"),
    ("翔太", "しょうた", "shota"),
    ("恵子", "けいこ", "keiko"),
    ("誠", "まこと", "makoto"),
    ("彩", "あや", "aya"),
];
const COMPANIES: [(&str, &str); 6] = [
    ("株式会社さくら設計", "sakura.example.jp"),
    ("株式会社ミナト情報システム", "minato.example.com"),
    ("なにわ物流株式会社", "naniwa.example.jp"),
    ("東都ネットワークサービス株式会社", "toto.example.com"),
    ("大阪中央税理士法人", "osaka-tax.example.jp"),
    ("日の出損害保険株式会社", "hinode.example.jp"),
];
const TAGS: [ContactTag; 5] =
    [ContactTag::Internal, ContactTag::Vendor, ContactTag::Customer, ContactTag::Insurer, ContactTag::Other];

/// The `n`th of a set of realistic, distinct contacts.
fn sample_contact(n: usize) -> ContactInput {
    let (surname, surname_kana, surname_roman) = SURNAMES[n % SURNAMES.len()];
    let (given, given_kana, given_roman) = GIVEN[(n / SURNAMES.len()) % GIVEN.len()];
    let (company, domain) = COMPANIES[n % COMPANIES.len()];
    let area = if n.is_multiple_of(3) { "06" } else { "03" };
    ContactInput {
        kind: ContactKind::Person,
        name: format!("{surname} {given}{}", if n >= 120 { format!(" {}", n / 120) } else { String::new() }),
        name_kana: format!("{surname_kana} {given_kana}"),
        organization: company.into(),
        department: String::new(),
        title: ["総務部長", "情報システム担当", "営業課長", "", "経理"][n % 5].into(),
        notes: if n.is_multiple_of(7) { "夜間・休日は携帯へ。".into() } else { String::new() },
        call_order: (n < 20).then_some(n as i64 + 1),
        last_confirmed_on: (!n.is_multiple_of(4)).then(|| format!("2025-{:02}-{:02}", 1 + n % 12, 1 + n % 28)),
        phones: vec![
            Phone { label: "携帯".into(), number: format!("090-{:04}-{:04}", n / 10_000 + 1000, n % 10_000), emergency: true },
            Phone {
                label: "会社".into(),
                number: format!("{area}-{:04}-{:04}", 3000 + n % 5000, 7000 + n % 3000),
                emergency: false,
            },
        ],
        emails: vec![Email { label: String::new(), address: format!("{given_roman}.{surname_roman}{n}@{domain}") }],
        tags: vec![TAGS[n % TAGS.len()]],
    }
}

fn contacts(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("contacts.sonae");
    let started = std::time::Instant::now();
    let mut file = CompanyFile::create_demo(&path, Language::Ja).expect("demo file");
    file.write(|tx| {
        for n in 0..CONTACTS {
            contacts::create_contact(tx, "bench", &sample_contact(n))?;
        }
        Ok(())
    })
    .expect("generated contacts");
    eprintln!("{CONTACTS} contacts generated in {:.1} s", started.elapsed().as_secs_f64());

    let mut group = c.benchmark_group("contacts");
    group.sample_size(20);
    let query = |text: &str| ContactQuery { text: text.into(), limit: 50, ..ContactQuery::default() };
    let conn = file.connection();
    for (name, text) in
        [("list_first_page", ""), ("search_kana", "やまだ"), ("search_kanji", "山田 太郎"), ("search_phone_part", "3456")]
    {
        let q = query(text);
        let total = contacts::list_contacts(conn, &q).expect("list").total;
        eprintln!("{name}: {total} matches");
        group.bench_function(name, |b| b.iter(|| contacts::list_contacts(conn, black_box(&q)).expect("list")));
    }
    let csv = contacts::export_contacts_csv(conn).expect("export");
    eprintln!("CSV of all contacts: {} bytes", csv.len());
    group.bench_function("export_csv", |b| b.iter(|| contacts::export_contacts_csv(conn).expect("export")));
    let known = contacts::known_contacts(conn).expect("known contacts");
    group.bench_function("preview_csv_5000_rows", |b| b.iter(|| preview_contacts_csv(black_box(&csv), &known)));

    let id: i64 = conn.query_row("SELECT max(id) FROM contact", [], |r| r.get(0)).expect("a contact");
    let mut edit = sample_contact(4_999);
    let mut flip = false;
    group.bench_function("update_contact", |b| {
        b.iter(|| {
            flip = !flip;
            edit.title = if flip { "部長".into() } else { "課長".into() };
            file.write(|tx| contacts::update_contact(tx, "bench", id, &edit)).expect("update")
        })
    });
    let mut day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    group.bench_function("confirm_contact", |b| {
        b.iter(|| {
            day = day.succ_opt().unwrap();
            file.write(|tx| contacts::confirm_contacts(tx, "bench", &[id], day)).expect("confirm")
        })
    });
    group.finish();
}

criterion_group!(benches, contacts);
criterion_main!(benches);
