//! `sonae-cli assess` as the contract of docs/rules.md §4 and §9 describes it: facts in a JSON file, the
//! obligations as JSON (or a readable summary) on stdout, and one line on stderr with exit code 2
//! for bad input.

mod support;

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};

/// Runs `sonae-cli assess --facts <file with contents> <extra args>`.
fn assess(contents: &str, extra: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("facts.json");
    std::fs::write(&file, contents).unwrap();
    run(&file, extra)
}

fn run(file: &Path, extra: &[&str]) -> Output {
    support::run(support::sonae_cli_command().args(["assess", "--facts", file.to_str().unwrap()]).args(extra))
}

/// The JSON on stdout of a successful run.
fn obligations(facts: Value) -> Value {
    let output = assess(&facts.to_string(), &[]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

fn authorities(result: &Value) -> Vec<&str> {
    result["obligations"].as_array().unwrap().iter().map(|o| o["authority"].as_str().unwrap()).collect()
}

fn obligation<'a>(result: &'a Value, authority: &str) -> &'a Value {
    result["obligations"].as_array().unwrap().iter().find(|o| o["authority"] == authority).unwrap()
}

/// The text of a successful `--format text` run.
fn text(facts: Value, extra: &[&str]) -> String {
    let output = assess(&facts.to_string(), &[&["--format", "text"], extra].concat());
    assert_eq!(output.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Bad input: exit 2, nothing on stdout, one line on stderr (returned).
fn refused(contents: &str) -> String {
    let output = assess(contents, &[]);
    refusal(&output)
}

fn refusal(output: &Output) -> String {
    let message = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "stderr: {message}");
    assert!(output.stdout.is_empty(), "stdout: {}", String::from_utf8_lossy(&output.stdout));
    assert_eq!(message.lines().count(), 1, "expected one line, got: {message:?}");
    assert!(!message.contains("panicked"), "{message}");
    message
}

fn ransomware(encrypted: bool) -> Value {
    json!({
        "discovered_at": "2026-08-03T09:00:00+09:00",
        "category": "malware",
        "malware": true,
        "personal_data": { "subjects": 200, "unlawful_purpose": true, "high_level_encryption": encrypted }
    })
}

#[test]
fn example_1_misconfigured_server() {
    let result = obligations(json!({
        "discovered_at": "2026-01-13T10:00:00+09:00",
        "category": "leak",
        "personal_data": { "subjects": 2500 }
    }));
    assert_eq!(
        result,
        json!({ "rules": "2024-04-01", "obligations": [
            { "authority": "ppc", "duty": "mandatory", "grounds": ["over_1000_subjects"],
              "deadlines": [
                  { "stage": "preliminary", "due_by": "2026-01-17" },
                  { "stage": "final", "due_by": "2026-02-12" }
              ] },
            { "authority": "data_subjects", "duty": "mandatory", "grounds": ["over_1000_subjects"], "deadlines": [] }
        ] })
    );
}

#[test]
fn example_2_lost_usb_stick() {
    let result = obligations(json!({
        "discovered_at": "2026-02-02T11:00:00+09:00",
        "category": "leak",
        "personal_data": { "subjects": 30, "sensitive": true }
    }));
    assert_eq!(authorities(&result), ["ppc", "data_subjects"]);
    let ppc = obligation(&result, "ppc");
    assert_eq!(ppc["grounds"], json!(["sensitive_data"]));
    assert_eq!(ppc["deadlines"][1], json!({ "stage": "final", "due_by": "2026-03-03" }));
}

#[test]
fn example_3_ransomware() {
    let result = obligations(ransomware(false));
    assert_eq!(authorities(&result), ["ppc", "data_subjects", "police", "ipa_malware", "ipa_unauthorized_access", "jpcert"]);
    assert_eq!(obligation(&result, "ppc")["deadlines"][1], json!({ "stage": "final", "due_by": "2026-10-01" }));
    for authority in ["police", "ipa_malware", "ipa_unauthorized_access", "jpcert"] {
        assert_eq!(obligation(&result, authority)["duty"], "recommended", "{authority}");
    }
}

#[test]
fn example_4_ransomware_on_encrypted_data() {
    let result = obligations(ransomware(true));
    assert_eq!(authorities(&result), ["police", "ipa_malware", "ipa_unauthorized_access", "jpcert"]);
}

#[test]
fn example_ransomware_with_no_count_yet() {
    let result = obligations(json!({
        "discovered_at": "2026-08-03T09:00:00+09:00",
        "category": "malware",
        "malware": true,
        "personal_data": { "involved": true, "subjects_unknown": true }
    }));
    let ppc = obligation(&result, "ppc");
    assert_eq!(ppc["duty"], "mandatory");
    assert_eq!(ppc["grounds"], json!(["unlawful_purpose", "subjects_may_exceed_1000"]));
    assert_eq!(
        ppc["deadlines"],
        json!([{ "stage": "preliminary", "due_by": "2026-08-07" }, { "stage": "final", "due_by": "2026-10-01" }])
    );
    assert_eq!(obligation(&result, "data_subjects")["duty"], "mandatory");
}

#[test]
fn an_unknown_count_is_explained_in_the_text() {
    let facts = json!({ "discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": { "involved": true } });
    let summary = text(facts.clone(), &[]);
    assert!(summary.contains("人数がまだ分からないため"), "{summary}");
    let summary = text(facts, &["--lang", "en"]);
    assert!(summary.contains("treated as possibly over the threshold"), "{summary}");
}

#[test]
fn a_my_number_count_left_open_may_be_over_100() {
    let result = obligations(json!({
        "discovered_at": "2026-04-06T15:30:00+09:00",
        "personal_data": { "subjects": 60, "my_number_involved": true }
    }));
    assert_eq!(authorities(&result), ["data_subjects", "ppc_my_number"]);
    assert_eq!(obligation(&result, "ppc_my_number")["grounds"], json!(["my_number_may_exceed_100"]));
}

#[test]
fn my_numbers_posted_on_the_web_are_reported_even_when_recovered() {
    let result = obligations(json!({
        "discovered_at": "2026-04-06T15:30:00+09:00",
        "personal_data": { "subjects": 3, "my_number_subjects": 3, "my_number_public": true, "recovered_unviewed": true }
    }));
    assert_eq!(authorities(&result), ["data_subjects", "ppc_my_number"]);
    assert_eq!(obligation(&result, "ppc_my_number")["grounds"], json!(["my_number_public"]));
    assert_eq!(obligation(&result, "ppc_my_number")["deadlines"][1], json!({ "stage": "final", "due_by": "2026-05-07" }));
}

#[test]
fn example_near_miss_quarantined_attachment() {
    let result = obligations(json!({
        "discovered_at": "2026-05-12T11:20:00+09:00",
        "stage": "near_miss",
        "category": "malware",
        "malware": true,
        "personal_data": { "subjects": 400 },
        "organization": { "privacy_mark": true }
    }));
    assert_eq!(
        result["obligations"],
        json!([{ "authority": "ipa_malware", "duty": "recommended", "grounds": ["malware"], "deadlines": [] }])
    );
    let summary = text(json!({ "discovered_at": "2026-05-12T11:20:00+09:00", "stage": "near_miss", "malware": true }), &[]);
    assert!(summary.contains("ヒヤリハット"), "{summary}");
}

fn web_skimming(discovered_at: &str) -> Value {
    json!({
        "discovered_at": discovered_at,
        "category": "tampering",
        "unauthorized_access": true,
        "personal_data": { "being_acquired": true }
    })
}

#[test]
fn example_web_skimming_of_the_shops_own_checkout_page() {
    let result = obligations(web_skimming("2026-06-10T14:00:00+09:00"));
    assert_eq!(result["rules"], "2024-04-01");
    assert_eq!(authorities(&result), ["ppc", "data_subjects", "police", "ipa_unauthorized_access", "jpcert"]);
    let ppc = obligation(&result, "ppc");
    assert_eq!(ppc["grounds"], json!(["being_acquired_unlawful"]));
    assert_eq!(ppc["deadlines"][1], json!({ "stage": "final", "due_by": "2026-08-10" }));
    assert!(ppc.get("submit_to").is_none(), "{ppc}");
}

#[test]
fn example_web_skimming_known_before_the_amendment() {
    let result = obligations(web_skimming("2024-03-15T14:00:00+09:00"));
    assert_eq!(result["rules"], "2022-04-01");
    assert_eq!(authorities(&result), ["police", "ipa_unauthorized_access", "jpcert"]);
    let result = obligations(web_skimming("2024-03-29T14:00:00+09:00"));
    assert!(!authorities(&result).contains(&"ppc"));
    let result = obligations(web_skimming("2024-04-01T09:00:00+09:00"));
    assert!(authorities(&result).contains(&"ppc"));
}

fn payroll_bureau(client_notified: bool) -> Value {
    json!({
        "discovered_at": "2026-09-14T10:00:00+09:00",
        "category": "malware",
        "malware": true,
        "personal_data": { "subjects": 14, "sensitive": true },
        "entrusted_data": { "subjects": 850, "client_notified": client_notified }
    })
}

#[test]
fn example_payroll_bureau_hit_by_ransomware() {
    let result = obligations(payroll_bureau(false));
    assert_eq!(&authorities(&result)[..3], ["ppc", "client", "data_subjects"]);
    assert_eq!(
        obligation(&result, "client"),
        &json!({ "authority": "client", "duty": "mandatory", "grounds": ["unlawful_purpose", "entrusted_data"],
                 "deadlines": [{ "stage": "preliminary", "due_by": "2026-09-18" }] })
    );
    let ppc = obligation(&result, "ppc");
    assert_eq!(ppc["grounds"], json!(["sensitive_data", "unlawful_purpose"]));
    assert_eq!(ppc["deadlines"][1], json!({ "stage": "final", "due_by": "2026-11-12" }));
    assert_eq!(obligation(&result, "data_subjects")["duty"], "mandatory");
    let summary = text(payroll_bureau(false), &["--lang", "en"]);
    assert!(summary.contains("After the client has heard of it"), "{summary}");
    // Until the client is told, the PPC report on its data is the bureau's own (day 60).
    assert!(summary.contains("the final report is due by Thu 2026-11-12"), "{summary}");
}

#[test]
fn a_telecom_carrier_reports_leaked_communications_to_mic() {
    let result = obligations(json!({
        "discovered_at": "2026-04-06T15:30:00+09:00", "occurred_at": "2026-04-03T20:00:00+09:00",
        "communications_secrecy": true, "organization": { "sector": "telecom" }
    }));
    assert_eq!(
        result["obligations"],
        json!([{ "authority": "mic_telecom", "duty": "mandatory", "grounds": ["communications_secrecy"],
                 "deadlines": [{ "stage": "preliminary", "due_by": "2026-04-06" }, { "stage": "final", "due_by": "2026-05-07" }] }])
    );
    // Not a carrier: nothing to report under the Telecommunications Business Act.
    let general = obligations(json!({ "discovered_at": "2026-04-06T15:30:00+09:00", "communications_secrecy": true }));
    assert_eq!(general["obligations"], json!([]));
}

#[test]
fn example_payroll_bureau_after_telling_its_clients() {
    let result = obligations(payroll_bureau(true));
    assert!(!authorities(&result).contains(&"client"));
    assert_eq!(&authorities(&result)[..2], ["ppc", "data_subjects"]);
}

#[test]
fn privacy_mark_dates_stay_on_holidays_and_count_recovered_data() {
    let result = obligations(json!({
        "discovered_at": "2026-01-13T10:00:00+09:00",
        "category": "leak",
        "personal_data": { "subjects": 2500, "recovered_unviewed": true },
        "organization": { "privacy_mark": true }
    }));
    // Recovered unviewed: no PPC report, but the Privacy Mark report stands, its day 30 on the
    // 2/11 holiday unmoved.
    assert_eq!(authorities(&result), ["privacy_mark"]);
    assert_eq!(
        obligation(&result, "privacy_mark")["deadlines"],
        json!([{ "stage": "preliminary", "due_by": "2026-01-17" }, { "stage": "final", "due_by": "2026-02-11" }])
    );
}

#[test]
fn a_delegated_ppc_report_says_where_to_submit_it() {
    let result = |sector: &str| {
        obligations(json!({
            "discovered_at": "2026-04-06T15:30:00+09:00",
            "personal_data": { "subjects": 30, "financial_damage_risk": true },
            "organization": { "sector": sector }
        }))
    };
    assert_eq!(obligation(&result("finance"), "ppc")["submit_to"], "fsa");
    assert_eq!(obligation(&result("telecom"), "ppc")["submit_to"], "mic");
    for sector in ["general", "medical"] {
        let ppc = obligation(&result(sector), "ppc").as_object().unwrap().clone();
        assert!(!ppc.contains_key("submit_to"), "{sector}: {ppc:?}");
    }
    let finance = result("finance");
    for other in finance["obligations"].as_array().unwrap().iter().filter(|o| o["authority"] != "ppc") {
        assert!(other.get("submit_to").is_none(), "{other}");
    }
}

#[test]
fn gdpr_deadline_is_a_timestamp_in_the_input_offset() {
    let result = obligations(json!({
        "discovered_at": "2026-04-06T15:30:00+02:00",
        "personal_data": { "subjects": 4, "eu_subjects": 4 }
    }));
    assert_eq!(
        obligation(&result, "eu_supervisory_authority")["deadlines"],
        json!([{ "stage": "notice", "due_by": "2026-04-09T15:30:00+02:00" }])
    );
}

#[test]
fn gdpr_duties_follow_the_company_profile_and_the_risk() {
    let facts = |gdpr_applies: bool| {
        json!({
            "discovered_at": "2026-04-06T15:30:00+09:00",
            "personal_data": { "subjects": 4, "eu_subjects": 4, "financial_damage_risk": true },
            "organization": { "gdpr_applies": gdpr_applies }
        })
    };
    let result = obligations(facts(true));
    assert_eq!(
        obligation(&result, "eu_data_subjects"),
        &json!({ "authority": "eu_data_subjects", "duty": "mandatory", "grounds": ["eu_subjects", "eu_high_risk"], "deadlines": [] })
    );
    assert!(authorities(&result).contains(&"eu_supervisory_authority"));
    let result = obligations(facts(false));
    assert!(!authorities(&result).iter().any(|a| a.starts_with("eu_")), "{result}");
}

#[test]
fn the_new_recommended_addressees_come_in_the_table_order() {
    let result = obligations(json!({
        "discovered_at": "2026-04-06T15:30:00+09:00",
        "malware": true,
        "organization": { "sector": "medical", "cyber_insurance": true, "isms_certified": true }
    }));
    assert_eq!(authorities(&result), ["mhlw", "insurer", "isms_body", "ipa_malware", "jpcert"]);
    for (authority, ground) in [("mhlw", "medical_cyberattack"), ("insurer", "cyber_insurance"), ("isms_body", "isms_certified")]
    {
        assert_eq!(obligation(&result, authority)["duty"], "recommended", "{authority}");
        assert_eq!(obligation(&result, authority)["grounds"], json!([ground]), "{authority}");
    }
}

#[test]
fn nothing_to_report_is_an_empty_list() {
    assert_eq!(
        obligations(json!({ "discovered_at": "2026-04-06T15:30:00+09:00" })),
        json!({ "rules": "2024-04-01", "obligations": [] })
    );
}

#[test]
fn text_format_is_japanese_by_default() {
    let summary = text(ransomware(false), &[]);
    assert!(summary.contains("個人情報保護委員会"), "{summary}");
    assert!(summary.contains("確報: 2026年10月1日(木)"), "{summary}");
    assert!(summary.contains("都道府県警察"), "{summary}");
    assert!(serde_json::from_str::<Value>(&summary).is_err());
}

#[test]
fn text_format_in_english() {
    let summary = text(ransomware(false), &["--lang", "en"]);
    assert!(summary.contains("Personal Information Protection Commission"), "{summary}");
    assert!(summary.contains("Final report: Thu 2026-10-01 (day 60)"), "{summary}");
    assert!(summary.contains("Preliminary report: Fri 2026-08-07 (day 5; a target, not a legal deadline"), "{summary}");
}

#[test]
fn text_format_says_the_preliminary_report_is_a_target() {
    // Day 5 of example 1 is Saturday 2026-01-17, and it stays there.
    let summary = text(
        json!({ "discovered_at": "2026-01-13T10:00:00+09:00", "category": "leak", "personal_data": { "subjects": 2500 } }),
        &[],
    );
    assert!(
        summary.contains("速報: 2026年1月17日(土)（5日目。法令上の期限ではなく目安のため、休日でも繰り下げません）"),
        "{summary}"
    );
    assert!(
        summary.contains("確報: 2026年2月12日(木)（30日目の2026年2月11日(水)が土日祝日・年末年始のため、次の開庁日）"),
        "{summary}"
    );
}

#[test]
fn unreadable_json_is_refused() {
    let message = refused("{ \"discovered_at\": ");
    assert!(message.contains("not valid JSON"), "{message}");
    refused("");
}

#[test]
fn an_unknown_category_is_refused() {
    let message = refused(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "category": "flood"}"#);
    assert!(message.contains(r#"unknown category "flood""#), "{message}");
}

#[test]
fn negative_counts_are_refused() {
    for field in ["subjects", "my_number_subjects", "eu_subjects"] {
        let message =
            refused(&format!(r#"{{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {{"{field}": -5}}}}"#));
        assert!(message.contains(&format!("personal_data.{field} must not be negative")), "{message}");
    }
}

#[test]
fn negative_maximums_and_entrusted_counts_are_refused() {
    for (section, field) in [
        ("personal_data", "subjects_max"),
        ("personal_data", "my_number_subjects_max"),
        ("entrusted_data", "subjects"),
        ("entrusted_data", "subjects_max"),
    ] {
        let message = refused(&format!(r#"{{"discovered_at": "2026-04-06T15:30:00+09:00", "{section}": {{"{field}": -1}}}}"#));
        assert!(message.contains(&format!("{section}.{field} must not be negative (got -1)")), "{message}");
    }
}

#[test]
fn a_maximum_below_the_count_is_refused() {
    let message =
        refused(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"subjects": 500, "subjects_max": 300}}"#);
    assert!(message.contains("personal_data.subjects_max (300) is below personal_data.subjects (500)"), "{message}");
    let message = refused(
        r#"{"discovered_at": "2026-04-06T15:30:00+09:00",
            "personal_data": {"my_number_subjects": 20, "my_number_subjects_max": 10}}"#,
    );
    assert!(message.contains("personal_data.my_number_subjects_max (10) is below"), "{message}");
}

#[test]
fn involved_false_with_a_count_is_refused() {
    let message =
        refused(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"involved": false, "subjects": 30}}"#);
    assert!(message.contains("personal_data.involved is false, but personal_data.subjects is 30"), "{message}");
}

#[test]
fn entrusted_data_with_the_version_1_processor_flag_is_refused() {
    let message = refused(
        r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"entrusted_by_client_notified": true},
            "entrusted_data": {"subjects": 40}}"#,
    );
    assert!(message.contains("entrusted_by_client_notified cannot be true together with entrusted_data"), "{message}");
}

#[test]
fn unknown_fields_and_values_are_refused() {
    let message = refused(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "personal_data": {"subject": 3}}"#);
    assert!(message.contains(r#"unknown field "personal_data.subject""#), "{message}");
    let message = refused(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "stage": "accident"}"#);
    assert!(message.contains(r#"unknown stage "accident" (expected near_miss, event or incident)"#), "{message}");
    let message = refused(r#"{"discovered_at": "2026-04-06T15:30:00+09:00", "entrusted_data": {"client_told": true}}"#);
    assert!(message.contains(r#"unknown field "entrusted_data.client_told""#), "{message}");
}

#[test]
fn a_missing_date_is_refused() {
    let message = refused(r#"{"category": "leak", "personal_data": {"subjects": 3}}"#);
    assert!(message.contains("discovered_at is missing"), "{message}");
}

#[test]
fn a_malformed_date_is_refused() {
    for date in ["2026-02-30T10:00:00+09:00", "2026/04/06 15:30", "2026-04-06T15:30:00"] {
        let message = refused(&format!(r#"{{"discovered_at": "{date}"}}"#));
        assert!(message.contains("discovered_at is not an RFC 3339 date-time"), "{message}");
    }
}

#[test]
fn the_answer_names_the_rules_in_force_on_the_day_of_knowing() {
    let rules = |at: &str| obligations(json!({ "discovered_at": at }))["rules"].clone();
    assert_eq!(rules("2023-06-01T10:00:00+09:00"), "2022-04-01");
    assert_eq!(rules("2024-03-31T23:59:00+09:00"), "2022-04-01");
    assert_eq!(rules("2024-04-01T00:00:00+09:00"), "2024-04-01");
}

#[test]
fn a_day_of_knowing_before_april_2022_is_refused() {
    let message = refused(r#"{"discovered_at": "2021-11-15T10:00:00+09:00", "personal_data": {"subjects": 3000}}"#);
    assert!(message.contains("discovered_at 2021-11-15T10:00:00+09:00 is 2021-11-15 in Japan, before 2022-04-01"), "{message}");
    // The day counts in Japan: 2022-03-31 20:00 in London is already 4/1 in Tokyo.
    assert_eq!(obligations(json!({ "discovered_at": "2022-03-31T20:00:00+01:00" }))["rules"], "2022-04-01");
}

#[test]
fn a_missing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    refusal(&run(&dir.path().join("no-such-facts.json"), &[]));
}

#[test]
fn open_facts_are_assessed_safe_and_listed() {
    // A mail sent to the wrong address with three customers' records; what was in it not known yet.
    let facts = serde_json::json!({
        "discovered_at": "2026-12-01T10:00:00+09:00", "category": "leak",
        "personal_data": { "involved": true, "subjects": 3, "subjects_max": 3, "sensitive": null, "my_number_involved": false },
        "organization": { "gdpr_applies": false, "sector": "general" },
    });
    let output = assess(&facts.to_string(), &["--open"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(obligation(&result, "ppc")["grounds"], serde_json::json!(["sensitive_data"]), "not known yet is taken as yes");
    assert_eq!(result["open"], serde_json::json!(["personal_data.sensitive"]));

    let text = text(facts.clone(), &["--open", "--lang", "en"]);
    assert!(text.contains("could change this answer") && text.contains("personal_data.sensitive"), "{text}");

    // Without --open, null keeps its meaning in the contract (no): no report.
    let plain = obligations(facts);
    assert!(!authorities(&plain).contains(&"ppc"), "{plain}");
}

#[test]
fn an_open_sector_is_refused() {
    let output = assess(r#"{"discovered_at": "2026-12-01T10:00:00+09:00", "organization": {"sector": null}}"#, &["--open"]);
    assert!(refusal(&output).contains("organization.sector cannot be left open"));
}
