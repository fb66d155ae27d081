//! Property-based fuzzing (proptest; cargo-fuzz needs a nightly compiler) of the places where
//! Sonae reads what it did not write itself: the assessment facts JSON, the company file, a
//! contacts CSV (any bytes, and generated or damaged CSVs in UTF-8, UTF-8 with BOM and CP932; a
//! preview that says the file is importable must import exactly as previewed), the policy
//! template file a consultant brings from elsewhere and an exercise scenario file.
//!
//! All must hold for any input: no panic, and either a result or a typed error. A company file
//! that is refused must be left exactly as it was; a template file that is accepted must import
//! into a company file. Case counts are proptest's (256 by default; 64 for the template imports,
//! which build a company file per case); raise them with
//! `PROPTEST_CASES=20000 cargo test -p sonae-core --test fuzz`. `make test-durability` runs them
//! to more than a million inputs in all. A failing case is kept in `fuzz.proptest-regressions`
//! and tried first on every later run.

use sonae_core::bcp;
use sonae_core::contacts;
use sonae_core::exercise;
use sonae_core::home;
use sonae_core::incident;
use sonae_core::language::Language;
use sonae_core::policy;
use sonae_core::template;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use sonae_core::company_file::CompanyFile;
use sonae_core::rules::{self, parse_facts};
use sonae_core::template::file::{parse_template_file, template_file_json};

// ---------------------------------------------------------------------------------------------
// Assessment facts

/// Parses `text`; a success must assess and describe without panicking, a refusal must be one line.
fn parse_and_assess(text: &str) -> Result<(), TestCaseError> {
    match parse_facts(text) {
        Ok(facts) => {
            let assessment = rules::assess(&facts);
            serde_json::to_string(&assessment).expect("an assessment serialises");
            for lang in [Language::Ja, Language::En] {
                rules::describe(&assessment, &facts, lang);
            }
        }
        Err(error) => prop_assert!(!error.to_string().contains('\n'), "{error}"),
    }
    Ok(())
}

/// Pieces of JSON, mostly the facts' own words, shuffled into almost-JSON.
fn json_token_soup() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\"",
        "\\",
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1e400",
        "18446744073709551616",
        "3.5",
        "\"discovered_at\"",
        "\"2026-04-06T15:30:00+09:00\"",
        "\"category\"",
        "\"leak\"",
        "\"personal_data\"",
        "\"subjects\"",
        "\"sensitive\"",
        "\"organization\"",
        "\"sector\"",
        "\"finance\"",
        "\"_note\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        " ",
        "\n",
    ]);
    prop::collection::vec(token, 0..60).prop_map(|tokens| tokens.concat())
}

/// Any JSON value, a few levels deep, with the numbers and strings that trip parsers.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN or infinity", |f| f.is_finite()).prop_map(Value::from),
        prop::sample::select(vec![
            "",
            "leak",
            "medical",
            "2026-02-30T10:00:00+09:00",
            "2026-04-06T15:30:00Z",
            "9999-12-31T23:59:59-23:59",
            "0000-01-01T00:00:00+23:59",
            "2026-04-06",
            "漏えい",
        ])
        .prop_map(Value::from),
        ".{0,20}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_$]{0,10}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A date-time from 2023 to the end of the range RFC 3339 allows (a day of knowing before
/// 2022-04-01 in Japan is refused), with any offset.
fn any_moment() -> impl Strategy<Value = String> {
    (2023u32..=9999, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, -1439i32..=1439).prop_map(|(y, mo, d, h, mi, offset)| {
        let sign = if offset < 0 { '-' } else { '+' };
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60)
    })
}

/// A valid facts document (docs/rules.md §4), with counts over the whole range.
fn valid_facts() -> impl Strategy<Value = Value> {
    let count = prop_oneof![Just(0u64), 0u64..=2_000, any::<u64>()];
    let flags = prop::array::uniform20(any::<bool>());
    let category = prop::sample::select(vec!["leak", "tampering", "outage", "malware", "other"]);
    let stage = prop::sample::select(vec!["near_miss", "event", "incident"]);
    let sector = prop::sample::select(vec!["general", "finance", "medical", "telecom"]);
    let counts = (count.clone(), count.clone(), count.clone(), count.clone(), count);
    (any_moment(), (category, stage), flags, counts, sector).prop_map(
        |(discovered_at, (category, stage), f, (subjects, my_number_subjects, eu_subjects, extra, entrusted), sector)| {
            let mut facts = json!({
                "discovered_at": discovered_at, "stage": stage, "category": category,
                "unauthorized_access": f[0], "malware": f[1], "crime_suspected": f[2],
                "personal_data": {
                    "subjects": subjects, "sensitive": f[3], "financial_damage_risk": f[4], "unlawful_purpose": f[5],
                    "high_level_encryption": f[6], "recovered_unviewed": f[7], "my_number_subjects": my_number_subjects,
                    "eu_subjects": eu_subjects, "entrusted_by_client_notified": f[8] && !f[12],
                    "subjects_unknown": f[13], "being_acquired": f[14], "my_number_public": f[15]
                },
                "organization": { "privacy_mark": f[9], "isms_certified": f[10], "sector": sector,
                                  "cyber_insurance": f[16], "gdpr_applies": f[17] }
            });
            if f[11] {
                // A maximum at or above the count it bounds.
                facts["personal_data"]["subjects_max"] = json!(subjects.saturating_add(extra));
            }
            if f[12] {
                facts["entrusted_data"] = json!({ "subjects": entrusted, "client_notified": f[18], "sensitive": f[19] });
            }
            facts
        },
    )
}

/// One change to a facts document: a field's value replaced, a field removed, a key added, or a
/// section replaced whole.
#[derive(Debug, Clone)]
enum FactsMutation {
    Replace { section: usize, field: prop::sample::Index, value: Value },
    Remove { section: usize, field: prop::sample::Index },
    Add { section: usize, key: String, value: Value },
}

fn facts_mutation() -> impl Strategy<Value = FactsMutation> {
    prop_oneof![
        (0..4usize, any::<prop::sample::Index>(), any_json()).prop_map(|(section, field, value)| FactsMutation::Replace {
            section,
            field,
            value
        }),
        (0..4usize, any::<prop::sample::Index>()).prop_map(|(section, field)| FactsMutation::Remove { section, field }),
        (0..4usize, "[a-z_$]{0,12}", any_json()).prop_map(|(section, key, value)| FactsMutation::Add { section, key, value }),
    ]
}

/// The top level (0), `personal_data` (1), `organization` (2) or `entrusted_data` (3) of a facts
/// document, if an object.
fn section_mut(facts: &mut Value, section: usize) -> Option<&mut Map<String, Value>> {
    match section {
        0 => facts.as_object_mut(),
        1 => facts.get_mut("personal_data")?.as_object_mut(),
        2 => facts.get_mut("organization")?.as_object_mut(),
        _ => facts.get_mut("entrusted_data")?.as_object_mut(),
    }
}

fn mutate_facts(mut facts: Value, mutation: &FactsMutation) -> Value {
    let (FactsMutation::Replace { section, .. } | FactsMutation::Remove { section, .. } | FactsMutation::Add { section, .. }) =
        mutation;
    let Some(object) = section_mut(&mut facts, *section) else { return facts };
    let key_at = |object: &Map<String, Value>, index: &prop::sample::Index| {
        (!object.is_empty()).then(|| object.keys().nth(index.index(object.len())).cloned()).flatten()
    };
    match mutation {
        FactsMutation::Replace { field, value, .. } => {
            if let Some(key) = key_at(object, field) {
                object.insert(key, value.clone());
            }
        }
        FactsMutation::Remove { field, .. } => {
            if let Some(key) = key_at(object, field) {
                object.remove(&key);
            }
        }
        FactsMutation::Add { key, value, .. } => {
            object.insert(key.clone(), value.clone());
        }
    }
    facts
}

proptest! {
    #[test]
    fn any_text_parses_or_is_refused_in_one_line(text in prop_oneof![".{0,400}", json_token_soup()]) {
        parse_and_assess(&text)?;
    }

    #[test]
    fn mutated_facts_parse_or_are_refused_in_one_line(
        facts in valid_facts(),
        mutations in prop::collection::vec(facts_mutation(), 1..5),
        cut in any::<prop::sample::Index>(),
        cut_text in any::<bool>(),
    ) {
        let mutated = mutations.iter().fold(facts, mutate_facts);
        let mut text = mutated.to_string();
        if cut_text {
            let mut at = cut.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.truncate(at);
        }
        parse_and_assess(&text)?;
    }

    #[test]
    fn valid_facts_always_parse_and_assess(facts in valid_facts()) {
        let text = facts.to_string();
        prop_assert!(parse_facts(&text).is_ok(), "{text}: {:?}", parse_facts(&text).err());
        parse_and_assess(&text)?;
    }
}

// ---------------------------------------------------------------------------------------------
// The company file

/// The bytes of a real company file (the sample company, as left after the app closed it).
fn company_file_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("sample.sonae");
        drop(CompanyFile::create_demo(&path, Language::Ja).expect("sample company"));
        std::fs::read(&path).expect("read sample company")
    })
}

/// How a copy of the real company file is damaged.
#[derive(Debug, Clone)]
enum FileDamage {
    /// Bytes set at random offsets.
    Flips(Vec<(prop::sample::Index, u8)>),
    /// Cut short.
    Truncate(prop::sample::Index),
    /// Both.
    FlipsAndTruncate(Vec<(prop::sample::Index, u8)>, prop::sample::Index),
    /// A run of bytes overwritten with noise.
    Smear(prop::sample::Index, Vec<u8>),
}

fn file_damage() -> impl Strategy<Value = FileDamage> {
    let flips = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24);
    prop_oneof![
        flips.clone().prop_map(FileDamage::Flips),
        any::<prop::sample::Index>().prop_map(FileDamage::Truncate),
        (flips, any::<prop::sample::Index>()).prop_map(|(f, t)| FileDamage::FlipsAndTruncate(f, t)),
        (any::<prop::sample::Index>(), prop::collection::vec(any::<u8>(), 1..5000))
            .prop_map(|(at, noise)| FileDamage::Smear(at, noise)),
    ]
}

fn damage(original: &[u8], damage: &FileDamage) -> Vec<u8> {
    let mut bytes = original.to_vec();
    let flip = |bytes: &mut Vec<u8>, flips: &[(prop::sample::Index, u8)]| {
        for (at, value) in flips {
            let at = at.index(bytes.len());
            bytes[at] = *value;
        }
    };
    match damage {
        FileDamage::Flips(flips) => flip(&mut bytes, flips),
        FileDamage::Truncate(at) => bytes.truncate(at.index(bytes.len())),
        FileDamage::FlipsAndTruncate(flips, at) => {
            flip(&mut bytes, flips);
            bytes.truncate(at.index(bytes.len()));
        }
        FileDamage::Smear(at, noise) => {
            let at = at.index(bytes.len());
            let end = (at + noise.len()).min(bytes.len());
            bytes[at..end].copy_from_slice(&noise[..end - at]);
        }
    }
    bytes
}

/// Opens `bytes` as a company file: either it opens with its integrity intact (and reads without
/// panicking), or it is refused with a typed error, unchanged, with nothing created beside it.
fn open_or_refuse(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("fuzzed.sonae");
    std::fs::write(&path, bytes).expect("write fuzzed file");
    match CompanyFile::open(&path) {
        Ok(company) => {
            let conn = company.connection();
            let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity check runs");
            prop_assert_eq!(integrity, "ok");
            let _ = incident::read::list_incidents(conn);
            let _ = home::home_summary(conn, None);
        }
        Err(error) => {
            prop_assert!(
                ["not_a_company_file", "corrupt", "newer_version"].contains(&error.code().as_str()),
                "refused with an untyped error ({}): {error}",
                error.code()
            );
            prop_assert!(std::fs::read(&path).expect("read back") == bytes, "a refused file was modified: {error}");
            for suffix in ["-wal", "-shm", "-journal"] {
                prop_assert!(!side_file(&path, suffix).exists(), "{suffix} left beside a refused file: {error}");
            }
        }
    }
    Ok(())
}

fn side_file(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut side = path.as_os_str().to_owned();
    side.push(suffix);
    side.into()
}

proptest! {
    #[test]
    fn random_bytes_are_refused(
        bytes in prop::collection::vec(any::<u8>(), 0..20_000),
        sqlite_header in any::<bool>(),
    ) {
        let mut bytes = bytes;
        if sqlite_header {
            bytes.splice(0..bytes.len().min(16), *b"SQLite format 3\0");
        }
        open_or_refuse(&bytes)?;
    }

    #[test]
    fn a_damaged_copy_of_a_real_file_opens_intact_or_is_refused_unchanged(how in file_damage()) {
        open_or_refuse(&damage(company_file_bytes(), &how))?;
    }
}

// ---------------------------------------------------------------------------------------------
// The policy template file

/// The built-in policies as template files, parsed back to JSON for mutation.
fn template_files() -> &'static [Value] {
    static FILES: OnceLock<Vec<Value>> = OnceLock::new();
    FILES.get_or_init(|| {
        [Language::Ja, Language::En]
            .into_iter()
            .map(|language| {
                let template = sonae_core::template::builtin_policy(language).expect("built-in template");
                let bytes = template_file_json(&template, "元の会社", "2026-11-22T09:00:00+09:00");
                serde_json::from_slice(&bytes).expect("a template file is JSON")
            })
            .collect()
    })
}

/// Every place in a JSON document, as the path of keys and indexes leading to it.
fn places(value: &Value, here: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                here.push(PathStep::Key(key.clone()));
                places(child, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                here.push(PathStep::Index(index));
                places(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone, PartialEq)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at_mut<'a>(value: &'a mut Value, path: &[PathStep]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        PathStep::Key(key) => value.get_mut(key.as_str()),
        PathStep::Index(index) => value.get_mut(*index),
    })
}

/// How a valid template file is changed: mostly in ways that keep it JSON and close to valid, so
/// that many mutants pass the checks and reach the import.
#[derive(Debug, Clone)]
enum TemplateMutation {
    /// A value replaced by arbitrary JSON.
    Replace(prop::sample::Index, Value),
    /// A value replaced by a copy of another value of the same file (a role key where another
    /// role's key was, a step where a title was, ...).
    Borrow(prop::sample::Index, prop::sample::Index),
    /// An object member or array element removed.
    Remove(prop::sample::Index),
    /// An array element repeated.
    Repeat(prop::sample::Index),
    /// A string given a different text: emptied, lengthened, given a line break or odd characters.
    Retext(prop::sample::Index, String),
}

fn template_mutation() -> impl Strategy<Value = TemplateMutation> {
    let index = any::<prop::sample::Index>;
    let odd_text = prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("a\nb".to_owned()),
        Just("x".repeat(201)),
        Just("長".repeat(10_001)),
        Just("<script>alert(1)</script>".to_owned()),
        Just("chief".to_owned()),
        Just("leak".to_owned()),
        Just("local_1".to_owned()),
        ".{0,30}",
    ];
    prop_oneof![
        (index(), any_json()).prop_map(|(at, value)| TemplateMutation::Replace(at, value)),
        (index(), index()).prop_map(|(from, to)| TemplateMutation::Borrow(from, to)),
        index().prop_map(TemplateMutation::Remove),
        index().prop_map(TemplateMutation::Repeat),
        (index(), odd_text).prop_map(|(at, text)| TemplateMutation::Retext(at, text)),
    ]
}

fn mutate_template(mut file: Value, mutation: &TemplateMutation) -> Value {
    let mut all = Vec::new();
    places(&file, &mut Vec::new(), &mut all);
    let pick = |index: &prop::sample::Index| all[index.index(all.len())].clone();
    match mutation {
        TemplateMutation::Replace(at, value) => {
            if let Some(slot) = at_mut(&mut file, &pick(at)) {
                *slot = value.clone();
            }
        }
        TemplateMutation::Borrow(from, to) => {
            let value = at_mut(&mut file, &pick(from)).map(|v| v.clone());
            if let (Some(value), Some(slot)) = (value, at_mut(&mut file, &pick(to))) {
                *slot = value;
            }
        }
        TemplateMutation::Remove(at) | TemplateMutation::Repeat(at) => {
            let mut path = pick(at);
            let Some(last) = path.pop() else { return file };
            let repeat = matches!(mutation, TemplateMutation::Repeat(_));
            match (at_mut(&mut file, &path), last) {
                (Some(Value::Object(map)), PathStep::Key(key)) if !repeat => {
                    map.remove(&key);
                }
                (Some(Value::Array(items)), PathStep::Index(index)) => {
                    if repeat {
                        let copy = items[index].clone();
                        items.insert(index, copy);
                    } else {
                        items.remove(index);
                    }
                }
                _ => {}
            }
        }
        TemplateMutation::Retext(at, text) => {
            if let Some(slot @ Value::String(_)) = at_mut(&mut file, &pick(at)) {
                *slot = Value::String(text.clone());
            }
        }
    }
    file
}

/// A company file with people in it: two contacts hold the chief's role, and one owns the
/// recovery of the first damaged target.
fn company_with_people() -> CompanyFile {
    let template = sonae_core::template::builtin_policy(Language::Ja).expect("built-in template");
    let company = CompanyFile::in_memory("ファズ株式会社", &template).expect("in-memory company file");
    company
        .sqlite()
        .execute_batch(
            "INSERT INTO contact (id, kind, name, created_at, updated_at) VALUES
                 (1, 'person', '桜井', '2026-01-01T00:00:00+09:00', '2026-01-01T00:00:00+09:00'),
                 (2, 'person', '松本', '2026-01-01T00:00:00+09:00', '2026-01-01T00:00:00+09:00');
             INSERT INTO role_holder (role_id, contact_id, rank) SELECT id, 1, 0 FROM role WHERE key = 'chief';
             INSERT INTO role_holder (role_id, contact_id, rank) SELECT id, 2, 1 FROM role WHERE key = 'chief';
             UPDATE bcp_target SET recovery_contact_id = 2 WHERE position = 0;
             INSERT INTO bcp_target_contact (target_id, contact_id, position) SELECT id, 1, 0 FROM bcp_target WHERE position = 0;
             INSERT INTO bcp_exercise (held_on, scenario_id, created_at) SELECT '2026-10-01', id, '2026-10-01' FROM bcp_scenario WHERE position = 0;",
        )
        .expect("people added");
    company
}

/// Parses `bytes` as a template file. A refusal must carry a known code and a one-line message;
/// an accepted template must import into a company file with people, leave their links valid,
/// and export again to a template that is itself accepted.
fn parse_and_import(bytes: &[u8]) -> Result<(), TestCaseError> {
    const CODES: [&str; 19] = [
        "too_large",
        "not_json",
        "not_a_template",
        "newer_version",
        "invalid_template",
        "invalid_language",
        "invalid_levels",
        "invalid_key",
        "duplicate_key",
        "unknown_role",
        "unknown_category",
        "unknown_case",
        "category_required",
        "authority_required",
        "duplicate_procedure",
        "duplicate_name",
        "text_required",
        "text_too_long",
        "too_many_entries",
    ];
    let template = match parse_template_file(bytes) {
        Ok(template) => template,
        Err(error) => {
            prop_assert!(CODES.contains(&error.code().as_str()), "unknown code {}: {error}", error.code());
            prop_assert!(!error.to_string().contains('\n'), "{error}");
            return Ok(());
        }
    };
    let mut company = company_with_people();
    let summary = company.write(|tx| template::exchange::import_policy_template(tx, "fuzz", &template));
    prop_assert!(summary.is_ok(), "an accepted template failed to import: {:?}", summary.err());
    let conn = company.connection();
    let dangling = !conn.query_map("PRAGMA foreign_key_check", [], |_| Ok(())).unwrap().is_empty();
    prop_assert!(!dangling, "a foreign key is left dangling");
    policy::read::policy(conn).expect("the imported policy reads");
    bcp::bcp(conn).expect("the imported BCP reads");
    policy::edit::editable_policy(conn).expect("the imported policy reads for editing");
    let exported = template::exchange::template_file_bytes(conn).expect("the imported policy exports");
    let again = parse_template_file(&exported);
    prop_assert!(again.is_ok(), "the export of an imported template is refused: {:?}", again.err());
    Ok(())
}

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #[test]
    fn any_bytes_are_refused_as_a_template_file(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..2_000),
            ".{0,400}".prop_map(String::into_bytes),
            json_token_soup().prop_map(String::into_bytes),
            any_json().prop_map(|v| v.to_string().into_bytes()),
        ],
    ) {
        prop_assert!(parse_template_file(&bytes).is_err());
        parse_and_import(&bytes)?;
    }

    #[test]
    fn a_damaged_template_file_is_refused_without_panicking(
        language in 0..2usize,
        how in file_damage(),
    ) {
        let bytes = serde_json::to_vec_pretty(&template_files()[language]).unwrap();
        parse_and_import(&damage(&bytes, &how))?;
    }
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn a_mutated_template_file_is_refused_or_imports(
        language in 0..2usize,
        mutations in prop::collection::vec(template_mutation(), 1..4),
    ) {
        let file = mutations.iter().fold(template_files()[language].clone(), mutate_template);
        parse_and_import(&serde_json::to_vec(&file).unwrap())?;
    }
}

// ---------------------------------------------------------------------------------------------
// Contacts CSV

/// Previews `bytes`; an importable preview must import without error, exactly as previewed.
fn preview_and_import(bytes: &[u8]) -> Result<(), TestCaseError> {
    use sonae_core::contacts::csv::preview_contacts_csv;
    let preview = preview_contacts_csv(bytes, &[]);
    let mut last_line = 1;
    for row in &preview.rows {
        prop_assert!(row.line > last_line, "rows start on increasing lines after the heading: {:?}", preview.rows);
        last_line = row.line;
    }
    prop_assert_eq!(preview.importable, preview.file_errors.is_empty() && preview.rows.iter().all(|r| r.errors.is_empty()));
    let mut file = CompanyFile::in_memory("fuzz", &sonae_core::template::builtin_policy(Language::Ja).unwrap()).unwrap();
    let result = file.write(|tx| contacts::import_contacts(tx, "fuzz", bytes));
    if preview.importable {
        let summary = result.map_err(|e| TestCaseError::fail(format!("an importable preview failed to import: {e}")))?;
        prop_assert_eq!((summary.imported, summary.skipped), (preview.to_import, preview.to_skip));
        let total = contacts::list_contacts(file.connection(), &Default::default()).unwrap().total;
        prop_assert_eq!(total, preview.to_import);
    } else {
        let error = result.expect_err("a preview with errors is refused on import");
        prop_assert!(error.code() != "database", "refused by the database instead of the reader: {error}");
        prop_assert_eq!(contacts::list_contacts(file.connection(), &Default::default()).unwrap().total, 0);
    }
    Ok(())
}

/// Cells a contacts CSV holds: names, kana in both widths, numbers, dates, tags, quotes and breaks.
fn csv_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "山田 太郎",
            "ヤマダ タロウ",
            "ﾔﾏﾀﾞ ﾀﾛｳ",
            "やまだ",
            "株式会社ミナト",
            "03-1234-5678",
            "０９０－１１１１－２２２２",
            "携帯: 090-0000-0000",
            "taro@example.jp",
            "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ",
            "@x",
            "2025/4/1",
            "2025-13-40",
            "2025年4月1日",
            "社内、取引先",
            "vendor; insurer",
            "保険会社",
            "個人",
            "組織",
            "1",
            "0",
            "-3",
            "'=1+1",
            "'",
            "",
            "\"",
            "a\"b",
            "x,y",
            "一行目\r\n二行目",
            "\n",
            "\r",
            " ",
            "\u{0}",
            "\u{feff}",
            "ﾞ",
            "\u{3099}",
        ])
        .prop_map(str::to_owned),
        ".{0,12}",
    ]
}

fn csv_header() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "氏名",
        "名前",
        "name",
        "ふりがな",
        "ﾌﾘｶﾞﾅ",
        "会社名",
        "役職",
        "区分",
        "電話",
        "電話2",
        "携帯（緊急）",
        "emergency phone1",
        "メール",
        "email2",
        "タグ",
        "分類",
        "メモ",
        "連絡網順",
        "最終確認日",
        "No.",
        "",
        "氏名",
    ])
    .prop_map(str::to_owned)
}

/// A CSV as written by hand or by Excel: a heading row (usually with a name column) and rows,
/// cells quoted where they need it, CRLF or LF.
fn contacts_csv_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(csv_header(), 1..8),
        any::<bool>(),
        prop::collection::vec(prop::collection::vec(csv_cell(), 0..9), 0..12),
        any::<bool>(),
    )
        .prop_map(|(mut headers, with_name, rows, crlf)| {
            if with_name {
                headers.insert(0, "氏名".into());
            }
            let end = if crlf { "\r\n" } else { "\n" };
            let quote = |cell: &String| {
                if cell.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell.clone()
                }
            };
            let mut text = headers.join(",") + end;
            for row in rows {
                text.push_str(&row.iter().map(quote).collect::<Vec<_>>().join(","));
                text.push_str(end);
            }
            text
        })
}

/// The CSV's bytes in one of the encodings Excel writes.
fn encoded(text: &str, encoding: u8) -> Vec<u8> {
    match encoding {
        0 => text.as_bytes().to_vec(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        _ => encoding_rs::SHIFT_JIS.encode(text).0.into_owned(),
    }
}

proptest! {
    #[test]
    fn any_bytes_preview_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..4000)) {
        preview_and_import(&bytes)?;
    }

    #[test]
    fn generated_csvs_preview_and_import_consistently(text in contacts_csv_text(), encoding in 0u8..3) {
        preview_and_import(&encoded(&text, encoding))?;
    }

    #[test]
    fn mutated_csvs_preview_and_import_consistently(
        text in contacts_csv_text(),
        encoding in 0u8..3,
        flips in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec![b'"', b',', b'\r', b'\n', b'\'', 0x82, 0xA0, 0xFF, 0x00, b'a'])), 0..6),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = encoded(&text, encoding);
        if !bytes.is_empty() {
            for (at, value) in &flips {
                let at = at.index(bytes.len());
                bytes[at] = *value;
            }
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        preview_and_import(&bytes)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Exercise scenario files

/// The file Sonae writes for each built-in scenario, in both languages.
fn scenario_files() -> &'static [Vec<u8>] {
    static FILES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        [Language::Ja, Language::En]
            .into_iter()
            .flat_map(exercise::scenario::builtin_scenarios)
            .map(|scenario| exercise::scenario::scenario_file_bytes(&scenario.spec))
            .collect()
    })
}

/// Reads `bytes` as a scenario file brought from another company: refused with a typed error, or
/// read into a scenario whose own file reads back.
fn read_scenario(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(spec) = exercise::scenario::read_scenario_file(bytes) {
        let again = exercise::scenario::read_scenario_file(&exercise::scenario::scenario_file_bytes(&spec));
        prop_assert!(again.is_ok(), "a scenario read from a file does not read back from its own file: {again:?}");
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_bytes_are_refused_as_a_scenario_file(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        read_scenario(&bytes)?;
    }

    #[test]
    fn a_damaged_scenario_file_is_read_or_refused(which in any::<prop::sample::Index>(), how in file_damage()) {
        let files = scenario_files();
        read_scenario(&damage(&files[which.index(files.len())], &how))?;
    }
}
