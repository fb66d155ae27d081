//! Acceptance tests of the assessment: every trigger and exemption at its boundary, the worked
//! examples of docs/rules.md, the exact contract JSON, the readable summary, and properties over
//! arbitrary facts.

use chrono::{DateTime, NaiveDate};
use proptest::prelude::*;
use serde_json::{json, Value};

use super::deadline::is_working_day;
use super::*;
use crate::language::Language;

/// Monday 2026-04-06, 15:30 in Japan.
const AT: &str = "2026-04-06T15:30:00+09:00";

fn facts(value: Value) -> Facts {
    Facts::try_from(value).unwrap()
}

/// The assessment of `personal_data` facts discovered at [`AT`].
fn with_data(personal_data: Value) -> Assessment {
    assess(&facts(json!({ "discovered_at": AT, "personal_data": personal_data })))
}

fn authorities(assessment: &Assessment) -> Vec<Authority> {
    assessment.obligations.iter().map(|o| o.authority).collect()
}

fn find(assessment: &Assessment, authority: Authority) -> Option<&Obligation> {
    assessment.obligations.iter().find(|o| o.authority == authority)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dated(stage: DeadlineStage, day: NaiveDate) -> Deadline {
    Deadline { stage, due_by: DueBy::Date(day) }
}

/// Day 5 and day 30 counted from [`AT`]: 2026-04-10 and 2026-05-07 (5/5 is a holiday and 5/6 the
/// 振替休日 for 5/3, so day 30, Tuesday 5/5, moves to Thursday 5/7).
fn report_deadlines_30() -> Vec<Deadline> {
    vec![dated(DeadlineStage::Preliminary, date(2026, 4, 10)), dated(DeadlineStage::Final, date(2026, 5, 7))]
}

/// Day 5 and day 60 counted from [`AT`]: day 60 is Thursday 2026-06-04.
fn report_deadlines_60() -> Vec<Deadline> {
    vec![dated(DeadlineStage::Preliminary, date(2026, 4, 10)), dated(DeadlineStage::Final, date(2026, 6, 4))]
}

// --- Triggers at their boundaries -------------------------------------------------------------

#[test]
fn exactly_1000_people_is_not_a_ppc_report() {
    assert_eq!(authorities(&with_data(json!({ "subjects": 1000 }))), []);
}

#[test]
fn more_than_1000_people_is_a_ppc_report() {
    let assessment = with_data(json!({ "subjects": 1001 }));
    assert_eq!(authorities(&assessment), [Authority::Ppc, Authority::DataSubjects]);
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    assert_eq!(ppc.duty, Duty::Mandatory);
    assert_eq!(ppc.grounds, [Ground::Over1000Subjects]);
    assert_eq!(ppc.deadlines, report_deadlines_30());
    let notice = find(&assessment, Authority::DataSubjects).unwrap();
    assert_eq!(
        (notice.duty, notice.grounds.as_slice(), notice.deadlines.as_slice()),
        (Duty::Mandatory, &[Ground::Over1000Subjects][..], &[][..])
    );
}

#[test]
fn the_people_count_includes_my_number_and_eu_counts() {
    let assessment = with_data(json!({ "subjects": 10, "eu_subjects": 1001 }));
    assert_eq!(find(&assessment, Authority::Ppc).unwrap().grounds, [Ground::Over1000Subjects]);
}

// --- Head-counts nobody knows yet ---------------------------------------------------------------

/// The grounds of the `ppc` obligation, or none.
fn ppc_grounds(assessment: &Assessment) -> Option<Vec<Ground>> {
    find(assessment, Authority::Ppc).map(|o| o.grounds.clone())
}

#[test]
fn personal_data_involved_with_no_count_may_be_over_1000_people() {
    for data in [json!({ "involved": true }), json!({ "subjects_unknown": true }), json!({ "subjects": 0, "involved": true })] {
        let assessment = with_data(data.clone());
        assert_eq!(authorities(&assessment), [Authority::Ppc, Authority::DataSubjects], "{data}");
        let ppc = find(&assessment, Authority::Ppc).unwrap();
        assert_eq!(ppc.grounds, [Ground::SubjectsMayExceed1000], "{data}");
        assert_eq!(ppc.deadlines, report_deadlines_30(), "{data}");
        assert_eq!(find(&assessment, Authority::DataSubjects).unwrap().grounds, [Ground::SubjectsMayExceed1000]);
    }
}

#[test]
fn a_maximum_over_1000_may_be_over_1000_people() {
    assert_eq!(
        ppc_grounds(&with_data(json!({ "subjects": 40, "subjects_max": 1001 }))),
        Some(vec![Ground::SubjectsMayExceed1000])
    );
    assert_eq!(ppc_grounds(&with_data(json!({ "subjects_max": 5000 }))), Some(vec![Ground::SubjectsMayExceed1000]));
    // A maximum of exactly 1,000 cannot be more than 1,000.
    assert_eq!(authorities(&with_data(json!({ "subjects": 40, "subjects_max": 1000 }))), []);
    // A maximum bounds an unknown count.
    assert_eq!(authorities(&with_data(json!({ "subjects_unknown": true, "subjects_max": 300 }))), []);
    assert_eq!(authorities(&with_data(json!({ "subjects_max": 300 }))), []);
}

#[test]
fn a_known_count_over_1000_keeps_its_own_ground() {
    for data in [
        json!({ "subjects": 2500 }),
        json!({ "subjects": 2500, "subjects_unknown": true }),
        json!({ "subjects": 1001, "subjects_max": 3000 }),
    ] {
        assert_eq!(ppc_grounds(&with_data(data.clone())), Some(vec![Ground::Over1000Subjects]), "{data}");
    }
}

#[test]
fn a_count_given_is_not_unknown() {
    // Known small counts give no head-count ground, as in version 1.
    assert_eq!(authorities(&with_data(json!({ "subjects": 1000 }))), []);
    assert_eq!(authorities(&with_data(json!({ "subjects": 30, "subjects_unknown": false }))), []);
}

#[test]
fn a_version_1_file_without_a_count_is_now_possibly_over_1000() {
    // Version 1 read "sensitive, no count" as nobody: a report was due anyway, but the notice of
    // a possibly large leak was missing.
    assert_eq!(
        ppc_grounds(&with_data(json!({ "sensitive": true }))),
        Some(vec![Ground::SensitiveData, Ground::SubjectsMayExceed1000])
    );
}

#[test]
fn nothing_said_about_personal_data_means_none_is_involved() {
    assert_eq!(authorities(&with_data(json!({}))), []);
    assert_eq!(authorities(&with_data(json!({ "involved": false, "high_level_encryption": true }))), []);
}

#[test]
fn my_numbers_with_no_count_may_be_over_100_people() {
    let assessment = with_data(json!({ "subjects": 50, "my_number_involved": true }));
    assert_eq!(authorities(&assessment), [Authority::DataSubjects, Authority::PpcMyNumber]);
    let report = find(&assessment, Authority::PpcMyNumber).unwrap();
    assert_eq!(report.grounds, [Ground::MyNumberMayExceed100]);
    assert_eq!(report.deadlines, report_deadlines_30());
}

#[test]
fn a_my_number_maximum_over_100_may_be_over_100_people() {
    let grounds = |data| find(&with_data(data), Authority::PpcMyNumber).map(|o| o.grounds.clone());
    assert_eq!(
        grounds(json!({ "subjects": 50, "my_number_subjects": 20, "my_number_subjects_max": 101 })),
        Some(vec![Ground::MyNumberMayExceed100])
    );
    assert_eq!(grounds(json!({ "subjects": 50, "my_number_subjects": 20, "my_number_subjects_max": 100 })), None);
    assert_eq!(grounds(json!({ "subjects": 150, "my_number_subjects": 101 })), Some(vec![Ground::MyNumberOver100Subjects]));
}

#[test]
fn a_my_number_maximum_over_1000_may_be_over_1000_people() {
    // The people with My Numbers are among those affected.
    assert_eq!(
        ppc_grounds(&with_data(json!({ "subjects": 50, "my_number_subjects_max": 1500 }))),
        Some(vec![Ground::SubjectsMayExceed1000])
    );
}

#[test]
fn sensitive_data_of_one_person_is_a_ppc_report() {
    let ppc = with_data(json!({ "subjects": 1, "sensitive": true }));
    assert_eq!(find(&ppc, Authority::Ppc).unwrap().grounds, [Ground::SensitiveData]);
    assert_eq!(find(&ppc, Authority::Ppc).unwrap().deadlines, report_deadlines_30());
}

#[test]
fn risk_of_financial_damage_is_a_ppc_report() {
    let ppc = with_data(json!({ "subjects": 3, "financial_damage_risk": true }));
    assert_eq!(find(&ppc, Authority::Ppc).unwrap().grounds, [Ground::FinancialDamageRisk]);
}

#[test]
fn unlawful_purpose_is_a_ppc_report_with_sixty_days() {
    let assessment = with_data(json!({ "subjects": 2, "unlawful_purpose": true }));
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    assert_eq!(ppc.grounds, [Ground::UnlawfulPurpose]);
    assert_eq!(ppc.deadlines, report_deadlines_60());
    // Staff taking data out is also a crime worth reporting.
    assert_eq!(find(&assessment, Authority::Police).unwrap().grounds, [Ground::UnlawfulPurpose]);
}

#[test]
fn unauthorized_access_to_personal_data_counts_as_unlawful_purpose() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "unauthorized_access": true, "personal_data": { "subjects": 40 }
    })));
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    assert_eq!(ppc.grounds, [Ground::UnlawfulPurpose]);
    assert_eq!(ppc.deadlines, report_deadlines_60());
    assert_eq!(
        authorities(&assessment),
        [Authority::Ppc, Authority::DataSubjects, Authority::Police, Authority::IpaUnauthorizedAccess, Authority::Jpcert]
    );
}

#[test]
fn suspected_theft_of_personal_data_counts_as_unlawful_purpose() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "category": "leak", "crime_suspected": true, "personal_data": { "subjects": 5 }
    })));
    assert_eq!(find(&assessment, Authority::Ppc).unwrap().grounds, [Ground::UnlawfulPurpose]);
    assert_eq!(find(&assessment, Authority::Police).unwrap().grounds, [Ground::CrimeSuspected]);
}

#[test]
fn no_personal_data_means_no_personal_data_duties() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "category": "tampering", "unauthorized_access": true,
        "organization": { "privacy_mark": true, "sector": "finance" }
    })));
    assert_eq!(authorities(&assessment), [Authority::Police, Authority::IpaUnauthorizedAccess, Authority::Jpcert]);
    assert_eq!(find(&assessment, Authority::Police).unwrap().grounds, [Ground::UnauthorizedAccess]);
}

#[test]
fn a_small_leak_without_triggers_needs_no_report() {
    let assessment = assess(&facts(json!({ "discovered_at": AT, "category": "leak", "personal_data": { "subjects": 20 } })));
    assert_eq!(authorities(&assessment), []);
}

#[test]
fn exactly_100_my_numbers_is_not_a_my_number_report() {
    assert_eq!(authorities(&with_data(json!({ "subjects": 100, "my_number_subjects": 100 }))), []);
}

#[test]
fn more_than_100_my_numbers_is_a_my_number_report() {
    let assessment = with_data(json!({ "subjects": 101, "my_number_subjects": 101 }));
    assert_eq!(authorities(&assessment), [Authority::DataSubjects, Authority::PpcMyNumber]);
    let report = find(&assessment, Authority::PpcMyNumber).unwrap();
    assert_eq!(report.grounds, [Ground::MyNumberOver100Subjects]);
    assert_eq!(report.deadlines, report_deadlines_30());
    assert_eq!(find(&assessment, Authority::DataSubjects).unwrap().grounds, [Ground::MyNumberOver100Subjects]);
}

#[test]
fn one_my_number_taken_on_purpose_is_a_my_number_report() {
    let assessment = with_data(json!({ "subjects": 1, "my_number_subjects": 1, "unlawful_purpose": true }));
    assert_eq!(authorities(&assessment), [Authority::Ppc, Authority::DataSubjects, Authority::PpcMyNumber, Authority::Police]);
    let report = find(&assessment, Authority::PpcMyNumber).unwrap();
    assert_eq!(report.grounds, [Ground::MyNumberUnlawfulPurpose]);
    assert_eq!(report.deadlines, report_deadlines_60());
    assert_eq!(
        find(&assessment, Authority::DataSubjects).unwrap().grounds,
        [Ground::UnlawfulPurpose, Ground::MyNumberUnlawfulPurpose]
    );
}

#[test]
fn my_numbers_posted_publicly_are_reported_whatever_the_count() {
    let assessment = with_data(json!({ "subjects": 1, "my_number_subjects": 1, "my_number_public": true }));
    assert_eq!(authorities(&assessment), [Authority::DataSubjects, Authority::PpcMyNumber]);
    let report = find(&assessment, Authority::PpcMyNumber).unwrap();
    assert_eq!(report.grounds, [Ground::MyNumberPublic]);
    assert_eq!(report.deadlines, report_deadlines_30());
    assert_eq!(find(&assessment, Authority::DataSubjects).unwrap().grounds, [Ground::MyNumberPublic]);
}

#[test]
fn my_numbers_posted_publicly_with_no_count_give_every_my_number_ground_that_may_apply() {
    // my_number_public alone says My Numbers (and so personal data) are involved, count unknown.
    let assessment = with_data(json!({ "my_number_public": true }));
    assert_eq!(ppc_grounds(&assessment), Some(vec![Ground::SubjectsMayExceed1000]));
    assert_eq!(
        find(&assessment, Authority::PpcMyNumber).unwrap().grounds,
        [Ground::MyNumberMayExceed100, Ground::MyNumberPublic]
    );
}

#[test]
fn eu_residents_mean_a_gdpr_notice_within_72_hours() {
    let assessment = with_data(json!({ "subjects": 3, "eu_subjects": 1 }));
    assert_eq!(authorities(&assessment), [Authority::EuSupervisoryAuthority]);
    let gdpr = find(&assessment, Authority::EuSupervisoryAuthority).unwrap();
    assert_eq!(gdpr.grounds, [Ground::EuSubjects]);
    let json = serde_json::to_value(&gdpr.deadlines).unwrap();
    assert_eq!(json, json!([{ "stage": "notice", "due_by": "2026-04-09T15:30:00+09:00" }]));
}

#[test]
fn no_gdpr_duty_when_the_profile_says_the_gdpr_does_not_apply() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "personal_data": { "subjects": 3, "eu_subjects": 3, "sensitive": true },
        "organization": { "gdpr_applies": false }
    })));
    assert_eq!(authorities(&assessment), [Authority::Ppc, Authority::DataSubjects]);
}

#[test]
fn the_gdpr_is_taken_to_apply_until_the_profile_says_not() {
    let assessment = with_data(json!({ "subjects": 3, "eu_subjects": 3 }));
    assert_eq!(authorities(&assessment), [Authority::EuSupervisoryAuthority]);
}

#[test]
fn a_likely_high_risk_means_telling_the_people_in_the_eu() {
    for kind in ["sensitive", "financial_damage_risk"] {
        let assessment = with_data(json!({ "subjects": 3, "eu_subjects": 3, kind: true }));
        let notice = find(&assessment, Authority::EuDataSubjects).unwrap_or_else(|| panic!("{kind}"));
        assert_eq!(
            (notice.duty, notice.grounds.as_slice(), notice.deadlines.as_slice()),
            (Duty::Mandatory, &[Ground::EuSubjects, Ground::EuHighRisk][..], &[][..])
        );
        // Encrypted data is unlikely to result in a risk: neither GDPR duty.
        let encrypted = with_data(json!({ "subjects": 3, "eu_subjects": 3, kind: true, "high_level_encryption": true }));
        assert!(!authorities(&encrypted)
            .iter()
            .any(|a| matches!(a, Authority::EuSupervisoryAuthority | Authority::EuDataSubjects)));
    }
    assert_eq!(find(&with_data(json!({ "subjects": 3, "eu_subjects": 3 })), Authority::EuDataSubjects), None);
}

#[test]
fn the_summary_asks_the_office_to_review_other_high_risk_kinds() {
    let facts = facts(json!({ "discovered_at": AT, "personal_data": { "subjects": 3, "eu_subjects": 3 } }));
    let text = describe(&assess(&facts), &facts, Language::Ja);
    assert!(text.contains("身分証明書、子どものデータ、大量のデータなど"), "{text}");
    assert!(text.contains("本人への通知（GDPR第34条）も必要です"), "{text}");
    assert!(text.contains("会社情報で「適用なし」とされるまでは適用があるものとして扱います"), "{text}");
    let text = describe(&assess(&facts), &facts, Language::En);
    assert!(text.contains("identity documents, children's data, large volumes"), "{text}");
}

#[test]
fn the_gdpr_deadline_keeps_the_input_offset() {
    for (at, due) in [
        ("2026-04-06T06:30:00Z", "2026-04-09T06:30:00+00:00"),
        ("2026-04-06T01:30:00.250-05:00", "2026-04-09T01:30:00.250-05:00"),
    ] {
        let assessment = assess(&facts(json!({ "discovered_at": at, "personal_data": { "eu_subjects": 2 } })));
        let deadlines = &find(&assessment, Authority::EuSupervisoryAuthority).unwrap().deadlines;
        assert_eq!(serde_json::to_value(deadlines).unwrap()[0]["due_by"], due);
    }
}

#[test]
fn day_one_is_the_date_in_japan_whatever_the_offset() {
    // 23:30 in New York on 1/12 is already 13:30 on 1/13 in Tokyo: day 1 is 1/13, as for an
    // office in Tokyo that learnt of it then.
    let abroad = assess(&facts(json!({
        "discovered_at": "2026-01-12T23:30:00-05:00", "personal_data": { "subjects": 1, "sensitive": true }
    })));
    let tokyo = assess(&facts(json!({
        "discovered_at": "2026-01-13T13:30:00+09:00", "personal_data": { "subjects": 1, "sensitive": true }
    })));
    let ppc = find(&abroad, Authority::Ppc).unwrap();
    assert_eq!(
        ppc.deadlines,
        [dated(DeadlineStage::Preliminary, date(2026, 1, 17)), dated(DeadlineStage::Final, date(2026, 2, 12))]
    );
    assert_eq!(abroad, tokyo);
}

#[test]
fn a_finance_business_reports_any_customer_data_leak() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "personal_data": { "subjects": 1 }, "organization": { "sector": "finance" }
    })));
    assert_eq!(authorities(&assessment), [Authority::Fsa]);
    let fsa = find(&assessment, Authority::Fsa).unwrap();
    assert_eq!(
        (fsa.duty, fsa.grounds.as_slice(), fsa.deadlines.is_empty()),
        (Duty::Mandatory, &[Ground::FinanceSector][..], true)
    );
}

#[test]
fn the_finance_duty_is_not_lifted_by_encryption() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "organization": { "sector": "finance" },
        "personal_data": { "subjects": 1, "high_level_encryption": true }
    })));
    assert_eq!(authorities(&assessment), [Authority::Fsa]);
}

#[test]
fn the_finance_duty_is_lifted_when_nothing_leaked() {
    // Rules 2.1: data recovered with it confirmed unviewed did not leak, for the FSA as for the PPC.
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "organization": { "sector": "finance" },
        "personal_data": { "subjects": 1, "recovered_unviewed": true }
    })));
    assert_eq!(authorities(&assessment), []);
}

#[test]
fn a_ppc_report_in_a_delegated_sector_names_where_to_submit_it() {
    for (sector, delegate) in
        [("finance", Some(Delegate::Fsa)), ("telecom", Some(Delegate::Mic)), ("medical", None), ("general", None)]
    {
        let assessment = assess(&facts(json!({
            "discovered_at": AT, "personal_data": { "subjects": 3000, "my_number_subjects": 300 },
            "organization": { "sector": sector }
        })));
        assert_eq!(find(&assessment, Authority::Ppc).unwrap().submit_to, delegate, "{sector}");
        // Only the PPC's APPI report is delegated.
        assert!(assessment.obligations.iter().filter(|o| o.authority != Authority::Ppc).all(|o| o.submit_to.is_none()));
    }
}

#[test]
fn submit_to_is_left_out_of_the_json_unless_delegated() {
    let json = |sector: &str| {
        serde_json::to_value(assess(&facts(json!({
            "discovered_at": AT, "personal_data": { "subjects": 3000 }, "organization": { "sector": sector }
        }))))
        .unwrap()
    };
    assert_eq!(json("finance")["obligations"][0]["submit_to"], "fsa");
    assert_eq!(json("telecom")["obligations"][0]["submit_to"], "mic");
    assert!(json("general")["obligations"][0].as_object().unwrap().get("submit_to").is_none());
    // And reads back either way.
    for sector in ["finance", "general"] {
        let assessment: Assessment = serde_json::from_value(json(sector)).unwrap();
        assert_eq!(serde_json::to_value(&assessment).unwrap(), json(sector));
    }
}

#[test]
fn the_summary_says_where_a_delegated_report_goes() {
    let telecom = facts(json!({
        "discovered_at": AT, "personal_data": { "subjects": 3000 }, "organization": { "sector": "telecom" }
    }));
    let text = describe(&assess(&telecom), &telecom, Language::Ja);
    assert!(text.contains("提出先: 総務省（総合通信局）"), "{text}");
    assert!(text.contains("本店所在地を管轄する総合通信局を通じて提出します"), "{text}");
    let finance = facts(json!({
        "discovered_at": AT, "personal_data": { "subjects": 3000 }, "organization": { "sector": "finance" }
    }));
    let text = describe(&assess(&finance), &finance, Language::En);
    assert!(text.contains("Submit to: Financial Services Agency (Local Finance Bureau)"), "{text}");
    assert!(text.contains("Confirm it with the delegation question of the PPC's report form."), "{text}");
}

#[test]
fn other_sectors_have_no_sector_duty() {
    for sector in ["general", "medical", "telecom"] {
        let assessment = assess(&facts(json!({
            "discovered_at": AT, "personal_data": { "subjects": 1 }, "organization": { "sector": sector }
        })));
        assert_eq!(authorities(&assessment), [], "{sector}");
    }
}

#[test]
fn a_privacy_mark_holder_reports_any_personal_data_incident() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "personal_data": { "subjects": 2 }, "organization": { "privacy_mark": true }
    })));
    assert_eq!(authorities(&assessment), [Authority::PrivacyMark]);
    let mark = find(&assessment, Authority::PrivacyMark).unwrap();
    assert_eq!(mark.grounds, [Ground::PrivacyMarkHolder]);
    // No PPC-type trigger: only the final report, on day 30 — Tuesday 5/5, a holiday, where it
    // stays: the scheme is private, not a government office.
    assert_eq!(mark.deadlines, [dated(DeadlineStage::Final, date(2026, 5, 5))]);
}

#[test]
fn privacy_mark_dates_are_not_moved_for_holidays() {
    // Example 1 with the Privacy Mark: the PPC's day 30 (2/11, a holiday) moves to 2/12, the
    // Privacy Mark's stays; both preliminary targets are day 5, a Saturday.
    let mut example = example_1();
    example.organization.privacy_mark = true;
    let assessment = assess(&example);
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    let mark = find(&assessment, Authority::PrivacyMark).unwrap();
    assert_eq!(
        ppc.deadlines,
        [dated(DeadlineStage::Preliminary, date(2026, 1, 17)), dated(DeadlineStage::Final, date(2026, 2, 12))]
    );
    assert_eq!(
        mark.deadlines,
        [dated(DeadlineStage::Preliminary, date(2026, 1, 17)), dated(DeadlineStage::Final, date(2026, 2, 11))]
    );
    let text = describe(&assessment, &example, Language::Ja);
    assert!(text.contains("確報: 2026年2月11日(水)（30日目。民間の制度の期限のため、休日でも繰り下げません）"), "{text}");
}

#[test]
fn a_privacy_mark_holder_reports_even_when_everything_was_recovered_unviewed() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "category": "leak", "personal_data": { "subjects": 3, "recovered_unviewed": true },
        "organization": { "privacy_mark": true }
    })));
    assert_eq!(authorities(&assessment), [Authority::PrivacyMark]);
}

#[test]
fn a_near_miss_is_no_privacy_mark_incident() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "stage": "near_miss", "personal_data": { "subjects": 3 },
        "organization": { "privacy_mark": true }
    })));
    assert_eq!(authorities(&assessment), []);
}

#[test]
fn a_privacy_mark_holder_reports_encrypted_data_too() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "organization": { "privacy_mark": true },
        "personal_data": { "subjects": 5000, "high_level_encryption": true }
    })));
    assert_eq!(authorities(&assessment), [Authority::PrivacyMark]);
    let mark = find(&assessment, Authority::PrivacyMark).unwrap();
    assert_eq!(mark.duty, Duty::Mandatory);
    assert_eq!(mark.grounds, [Ground::PrivacyMarkHolder, Ground::Over1000Subjects]);
    assert_eq!(
        mark.deadlines,
        [dated(DeadlineStage::Preliminary, date(2026, 4, 10)), dated(DeadlineStage::Final, date(2026, 5, 5))]
    );
}

#[test]
fn a_privacy_mark_report_follows_sixty_days_with_unlawful_purpose() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "organization": { "privacy_mark": true },
        "personal_data": { "subjects": 5, "unlawful_purpose": true }
    })));
    assert_eq!(find(&assessment, Authority::PrivacyMark).unwrap().deadlines, report_deadlines_60());
}

// --- Exemptions ---------------------------------------------------------------------------------

/// Facts that trigger every personal-data duty, with one exemption set.
fn all_personal_data_duties(exemption: Option<&str>) -> Assessment {
    let mut data = json!({ "subjects": 2000, "sensitive": true, "my_number_subjects": 500, "eu_subjects": 20 });
    if let Some(key) = exemption {
        data[key] = json!(true);
    }
    assess(&facts(json!({
        "discovered_at": AT, "personal_data": data, "organization": { "privacy_mark": true, "sector": "finance" }
    })))
}

#[test]
fn without_exemptions_every_personal_data_duty_applies() {
    assert_eq!(
        authorities(&all_personal_data_duties(None)),
        [
            Authority::Ppc,
            Authority::DataSubjects,
            Authority::PpcMyNumber,
            Authority::PrivacyMark,
            Authority::EuSupervisoryAuthority,
            Authority::EuDataSubjects,
            Authority::Fsa
        ]
    );
}

#[test]
fn high_level_encryption_lifts_the_ppc_notice_and_gdpr_duties() {
    assert_eq!(authorities(&all_personal_data_duties(Some("high_level_encryption"))), [Authority::PrivacyMark, Authority::Fsa]);
}

#[test]
fn recovery_before_viewing_lifts_the_ppc_my_number_and_finance_reports_but_not_the_gdpr() {
    // Nothing leaked (rules 2.1 for My Numbers and the FSA); the Privacy Mark keeps its report (§8.4)
    // and the GDPR's breach notion covers data recovered too.
    let assessment = all_personal_data_duties(Some("recovered_unviewed"));
    assert_eq!(authorities(&assessment), [Authority::PrivacyMark, Authority::EuSupervisoryAuthority, Authority::EuDataSubjects]);
}

#[test]
fn recovery_before_viewing_lifts_the_ppc_report_without_my_numbers() {
    let assessment = with_data(json!({ "subjects": 2000, "sensitive": true, "recovered_unviewed": true }));
    assert_eq!(authorities(&assessment), []);
}

#[test]
fn my_numbers_recovered_unviewed_did_not_leak() {
    // Rules 2.1 (PPC Q&A 17-1 as cited): a mis-sent file the recipient confirms it deleted unread.
    let data = json!({ "subjects": 300, "my_number_subjects": 300, "recovered_unviewed": true });
    assert_eq!(authorities(&with_data(data)), []);
    let encrypted = json!({ "subjects": 300, "my_number_subjects": 300, "high_level_encryption": true });
    assert_eq!(authorities(&with_data(encrypted)), []);
}

#[test]
fn my_numbers_posted_publicly_are_reported_whatever_the_exemptions() {
    for exemption in ["recovered_unviewed", "high_level_encryption"] {
        let mut data = json!({ "subjects": 3, "my_number_subjects": 3, "my_number_public": true });
        data[exemption] = json!(true);
        let assessment = with_data(data);
        assert_eq!(authorities(&assessment), [Authority::DataSubjects, Authority::PpcMyNumber], "{exemption}");
        assert_eq!(find(&assessment, Authority::PpcMyNumber).unwrap().grounds, [Ground::MyNumberPublic], "{exemption}");
    }
}

#[test]
fn my_numbers_that_may_have_been_misused_are_reported_whatever_the_exemptions() {
    // Use or provision for an improper purpose is not a leak, so neither exemption reaches it; the
    // data's own unlawful-purpose flag is the fact that says so.
    for exemption in ["recovered_unviewed", "high_level_encryption"] {
        let mut data = json!({ "subjects": 3, "my_number_subjects": 3, "unlawful_purpose": true });
        data[exemption] = json!(true);
        let assessment = with_data(data);
        assert_eq!(authorities(&assessment), [Authority::DataSubjects, Authority::PpcMyNumber, Authority::Police], "{exemption}");
        let report = find(&assessment, Authority::PpcMyNumber).unwrap();
        assert_eq!(report.grounds, [Ground::MyNumberUnlawfulPurpose], "{exemption}");
        assert_eq!(report.deadlines, report_deadlines_60(), "{exemption}");
    }
    // A theft alone (no flag on the data) is a leak: recovering the device unviewed undoes it.
    let stolen = assess(&facts(json!({
        "discovered_at": AT, "crime_suspected": true,
        "personal_data": { "subjects": 3, "my_number_subjects": 3, "recovered_unviewed": true }
    })));
    assert_eq!(authorities(&stolen), [Authority::Police]);
}

#[test]
fn a_small_head_count_bounds_an_unknown_my_number_count() {
    // Rules 2.1: My Numbers cannot belong to more people than were affected.
    let bounded = with_data(json!({ "subjects_max": 100, "my_number_involved": true }));
    assert_eq!(authorities(&bounded), []);
    let bounded =
        with_data(json!({ "subjects": 20, "subjects_max": 80, "my_number_involved": true, "my_number_subjects_max": 500 }));
    assert_eq!(authorities(&bounded), []);
    // Over 100 people at most: still possibly over 100 My Numbers.
    let open = with_data(json!({ "subjects_max": 101, "my_number_involved": true }));
    assert_eq!(find(&open, Authority::PpcMyNumber).unwrap().grounds, [Ground::MyNumberMayExceed100]);
    // A known count alone bounds nothing: the most may be more.
    let open = with_data(json!({ "subjects": 50, "my_number_involved": true }));
    assert_eq!(find(&open, Authority::PpcMyNumber).unwrap().grounds, [Ground::MyNumberMayExceed100]);
}

#[test]
fn a_processor_that_told_its_client_leaves_the_reports_to_the_client() {
    assert_eq!(authorities(&all_personal_data_duties(Some("entrusted_by_client_notified"))), [Authority::PrivacyMark]);
}

#[test]
fn exemptions_do_not_lift_the_crime_and_security_reports() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "category": "malware", "unauthorized_access": true,
        "personal_data": { "subjects": 50, "high_level_encryption": true }
    })));
    assert_eq!(
        authorities(&assessment),
        [Authority::Police, Authority::IpaMalware, Authority::IpaUnauthorizedAccess, Authority::Jpcert]
    );
}

// --- Recommended: MHLW, the insurer, the ISMS body ----------------------------------------------

#[test]
fn a_medical_institution_hit_by_a_cyberattack_is_advised_to_tell_mhlw() {
    for attack in [json!({ "malware": true }), json!({ "unauthorized_access": true }), json!({ "category": "malware" })] {
        let mut input = json!({ "discovered_at": AT, "organization": { "sector": "medical" } });
        input.as_object_mut().unwrap().extend(attack.as_object().unwrap().clone());
        let assessment = assess(&facts(input));
        let mhlw = find(&assessment, Authority::Mhlw).unwrap_or_else(|| panic!("{attack}"));
        assert_eq!((mhlw.duty, mhlw.grounds.as_slice()), (Duty::Recommended, &[Ground::MedicalCyberattack][..]));
    }
    let lost_laptop = assess(&facts(json!({
        "discovered_at": AT, "category": "leak", "personal_data": { "subjects": 3, "sensitive": true },
        "organization": { "sector": "medical" }
    })));
    assert_eq!(find(&lost_laptop, Authority::Mhlw), None);
    let near_miss = assess(&facts(json!({
        "discovered_at": AT, "stage": "near_miss", "malware": true, "organization": { "sector": "medical" }
    })));
    assert_eq!(find(&near_miss, Authority::Mhlw), None);
    let clinic_elsewhere = assess(&facts(json!({ "discovered_at": AT, "malware": true })));
    assert_eq!(find(&clinic_elsewhere, Authority::Mhlw), None);
}

#[test]
fn an_insured_company_is_advised_to_tell_its_insurer_of_events_and_incidents() {
    let insurer = |stage: &str| {
        find(
            &assess(&facts(json!({ "discovered_at": AT, "stage": stage, "category": "outage",
                                   "organization": { "cyber_insurance": true } }))),
            Authority::Insurer,
        )
        .cloned()
    };
    for stage in ["event", "incident"] {
        let told = insurer(stage).unwrap_or_else(|| panic!("{stage}"));
        assert_eq!((told.duty, told.grounds.as_slice()), (Duty::Recommended, &[Ground::CyberInsurance][..]));
    }
    assert_eq!(insurer("near_miss"), None);
    assert_eq!(find(&assess(&facts(json!({ "discovered_at": AT, "category": "outage" }))), Authority::Insurer), None);
}

#[test]
fn an_isms_certified_company_is_advised_to_tell_its_body_of_incidents_only() {
    let body = |stage: &str| {
        find(
            &assess(&facts(json!({ "discovered_at": AT, "stage": stage, "organization": { "isms_certified": true } }))),
            Authority::IsmsBody,
        )
        .cloned()
    };
    let told = body("incident").unwrap();
    assert_eq!((told.duty, told.grounds.as_slice()), (Duty::Recommended, &[Ground::IsmsCertified][..]));
    assert_eq!(body("event"), None);
    assert_eq!(body("near_miss"), None);
}

// --- Security reports ---------------------------------------------------------------------------

#[test]
fn malware_without_personal_data_is_reported_to_ipa_and_jpcert() {
    for flags in [json!({ "category": "malware" }), json!({ "category": "outage", "malware": true })] {
        let mut input = json!({ "discovered_at": AT });
        input.as_object_mut().unwrap().extend(flags.as_object().unwrap().clone());
        let assessment = assess(&facts(input));
        assert_eq!(authorities(&assessment), [Authority::IpaMalware, Authority::Jpcert]);
        assert!(assessment.obligations.iter().all(|o| o.duty == Duty::Recommended && o.deadlines.is_empty()));
    }
}

#[test]
fn a_suspected_crime_is_taken_to_the_police() {
    let assessment = assess(&facts(json!({ "discovered_at": AT, "crime_suspected": true })));
    assert_eq!(authorities(&assessment), [Authority::Police]);
    assert_eq!(find(&assessment, Authority::Police).unwrap().grounds, [Ground::CrimeSuspected]);
}

#[test]
fn nothing_reportable_gives_no_obligation() {
    let assessment = assess(&facts(json!({ "discovered_at": AT, "category": "outage" })));
    assert_eq!(serde_json::to_string(&assessment).unwrap(), r#"{"rules":"2024-04-01","obligations":[]}"#);
}

#[test]
fn every_addressee_appears_in_the_table_order() {
    // The FSA is for financial businesses, MIC's telecom report for carriers and MHLW for medical
    // institutions: three companies between them meet every addressee.
    let company = |sector: &str| {
        assess(&facts(json!({
            "discovered_at": AT, "category": "malware", "unauthorized_access": true, "crime_suspected": true,
            "communications_secrecy": true,
            "personal_data": { "subjects": 2000, "my_number_subjects": 200, "eu_subjects": 5, "sensitive": true },
            "entrusted_data": { "subjects": 10 },
            "organization": { "privacy_mark": true, "isms_certified": true, "cyber_insurance": true, "sector": sector }
        })))
    };
    let all_but = |left_out: [Authority; 2]| Authority::ALL.iter().copied().filter(|a| !left_out.contains(a)).collect::<Vec<_>>();
    assert_eq!(authorities(&company("finance")), all_but([Authority::MicTelecom, Authority::Mhlw]));
    assert_eq!(authorities(&company("telecom")), all_but([Authority::Fsa, Authority::Mhlw]));
    assert_eq!(authorities(&company("medical")), all_but([Authority::Fsa, Authority::MicTelecom]));
}

// --- Telecom carriers (電気通信事業法 art. 28) ----------------------------------------------------

fn telecom(extra: Value) -> Assessment {
    let mut input = json!({ "discovered_at": AT, "organization": { "sector": "telecom" } });
    input.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    assess(&facts(input))
}

#[test]
fn a_carrier_reports_a_leak_of_communications_to_mic() {
    // Known on Monday 2026-04-06, happened on Friday 04-03: day 30 from 04-03 is Saturday 05-02,
    // inside Golden Week (5/3–5/6 holidays), so the first open day is Thursday 05-07.
    let assessment = telecom(json!({ "communications_secrecy": true, "occurred_at": "2026-04-03T20:00:00+09:00" }));
    assert_eq!(authorities(&assessment), [Authority::MicTelecom]);
    let report = find(&assessment, Authority::MicTelecom).unwrap();
    assert_eq!(
        (report.duty, report.grounds.as_slice(), report.deadlines.as_slice()),
        (
            Duty::Mandatory,
            &[Ground::CommunicationsSecrecy][..],
            &[dated(DeadlineStage::Preliminary, date(2026, 4, 6)), dated(DeadlineStage::Final, date(2026, 5, 7))][..]
        )
    );
}

#[test]
fn the_telecom_report_counts_from_the_day_of_knowing_when_it_is_not_known_when_it_happened() {
    let assessment = telecom(json!({ "communications_secrecy": true }));
    let report = find(&assessment, Authority::MicTelecom).unwrap();
    // Day 30 from Monday 04-06 is Tuesday 05-05 (こどもの日), then 05-06 (振替休日): Thursday 05-07.
    assert_eq!(
        report.deadlines,
        [dated(DeadlineStage::Preliminary, date(2026, 4, 6)), dated(DeadlineStage::Final, date(2026, 5, 7))]
    );
    let facts = facts(json!({ "discovered_at": AT, "communications_secrecy": true, "organization": { "sector": "telecom" } }));
    let text = describe(&assess(&facts), &facts, Language::Ja);
    assert!(text.contains("発生日が分からないため知った日2026年4月6日(月)を1日目として30日目"), "{text}");
    assert!(text.contains("総合通信局"), "{text}");
}

#[test]
fn only_a_carrier_with_communications_leaked_reports_to_mic() {
    assert_eq!(telecom(json!({})).obligations, []);
    assert_eq!(telecom(json!({ "communications_secrecy": true, "stage": "near_miss" })).obligations, []);
    let general = assess(&facts(json!({ "discovered_at": AT, "communications_secrecy": true })));
    assert_eq!(general.obligations, []);
    // An event (signs only) is judged like an incident.
    assert_eq!(authorities(&telecom(json!({ "communications_secrecy": true, "stage": "event" }))), [Authority::MicTelecom]);
}

#[test]
fn the_telecom_report_stands_beside_the_appi_report_to_mic() {
    let assessment =
        telecom(json!({ "communications_secrecy": true, "unauthorized_access": true, "personal_data": { "subjects": 40 } }));
    assert_eq!(
        authorities(&assessment),
        [
            Authority::Ppc,
            Authority::DataSubjects,
            Authority::MicTelecom,
            Authority::Police,
            Authority::IpaUnauthorizedAccess,
            Authority::Jpcert
        ]
    );
    assert_eq!(find(&assessment, Authority::Ppc).unwrap().submit_to, Some(Delegate::Mic));
}

// --- Worked examples ---------------------------------------------------------------------------

/// 2026-01-13: 2,500 customers' names and emails exposed by a misconfigured server.
fn example_1() -> Facts {
    parse_facts(
        r#"{
            "discovered_at": "2026-01-13T10:00:00+09:00",
            "category": "leak",
            "personal_data": { "subjects": 2500 }
        }"#,
    )
    .unwrap()
}

/// 2026-08-03: ransomware encrypts the file server; 200 customers' records, exfiltration not ruled
/// out. With `encrypted`, the same facts with high-level encryption (example 4).
fn example_3(encrypted: bool) -> Facts {
    facts(json!({
        "discovered_at": "2026-08-03T09:00:00+09:00",
        "category": "malware",
        "malware": true,
        "personal_data": { "subjects": 200, "unlawful_purpose": true, "high_level_encryption": encrypted }
    }))
}

#[test]
fn worked_example_1_misconfigured_server() {
    let assessment = assess(&example_1());
    assert_eq!(
        serde_json::to_value(&assessment).unwrap(),
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
fn worked_example_2_lost_usb_stick_with_diagnoses() {
    let assessment = assess(&facts(json!({
        "discovered_at": "2026-02-02T17:45:00+09:00",
        "category": "leak",
        "personal_data": { "subjects": 30, "sensitive": true }
    })));
    assert_eq!(authorities(&assessment), [Authority::Ppc, Authority::DataSubjects]);
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    assert_eq!(ppc.grounds, [Ground::SensitiveData]);
    assert_eq!(
        ppc.deadlines,
        [dated(DeadlineStage::Preliminary, date(2026, 2, 6)), dated(DeadlineStage::Final, date(2026, 3, 3))]
    );
}

#[test]
fn worked_example_3_ransomware() {
    let assessment = assess(&example_3(false));
    assert_eq!(
        authorities(&assessment),
        [
            Authority::Ppc,
            Authority::DataSubjects,
            Authority::Police,
            Authority::IpaMalware,
            Authority::IpaUnauthorizedAccess,
            Authority::Jpcert
        ]
    );
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    assert_eq!(ppc.grounds, [Ground::UnlawfulPurpose]);
    assert_eq!(
        ppc.deadlines,
        [dated(DeadlineStage::Preliminary, date(2026, 8, 7)), dated(DeadlineStage::Final, date(2026, 10, 1))]
    );
    for authority in [Authority::Police, Authority::IpaMalware, Authority::IpaUnauthorizedAccess, Authority::Jpcert] {
        assert_eq!(find(&assessment, authority).unwrap().duty, Duty::Recommended, "{authority:?}");
    }
}

#[test]
fn worked_example_3_needs_only_the_category_or_the_flag() {
    // Other natural ways to write the ransomware case give the same addressees.
    let variants = [
        json!({ "category": "malware", "personal_data": { "subjects": 200, "unlawful_purpose": true } }),
        json!({ "malware": true, "personal_data": { "subjects": 200 } }),
        json!({ "category": "malware", "unauthorized_access": true, "crime_suspected": true,
                "personal_data": { "subjects": 200, "unlawful_purpose": true } }),
    ];
    let expected = authorities(&assess(&example_3(false)));
    for variant in variants {
        let mut input = variant.clone();
        input["discovered_at"] = json!("2026-08-03T09:00:00+09:00");
        let assessment = assess(&facts(input));
        assert_eq!(authorities(&assessment), expected, "{variant}");
        assert_eq!(find(&assessment, Authority::Ppc).unwrap().deadlines[1], dated(DeadlineStage::Final, date(2026, 10, 1)));
    }
}

#[test]
fn worked_example_4_ransomware_on_encrypted_data() {
    let assessment = assess(&example_3(true));
    assert_eq!(
        authorities(&assessment),
        [Authority::Police, Authority::IpaMalware, Authority::IpaUnauthorizedAccess, Authority::Jpcert]
    );
}

#[test]
fn worked_example_ransomware_with_no_count_yet() {
    // Ransomware on the file server that holds the customer list; nobody knows how many records.
    let assessment = assess(&facts(json!({
        "discovered_at": "2026-08-03T09:00:00+09:00",
        "category": "malware",
        "malware": true,
        "personal_data": { "involved": true, "subjects_unknown": true }
    })));
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    assert_eq!(ppc.grounds, [Ground::UnlawfulPurpose, Ground::SubjectsMayExceed1000]);
    assert_eq!(
        ppc.deadlines,
        [dated(DeadlineStage::Preliminary, date(2026, 8, 7)), dated(DeadlineStage::Final, date(2026, 10, 1))]
    );
    assert_eq!(find(&assessment, Authority::DataSubjects).unwrap().duty, Duty::Mandatory);
}

#[test]
fn worked_example_near_miss_quarantined_attachment() {
    // The antivirus quarantined an attachment before it ran, on a PC holding 400 customers' records.
    let assessment = assess(&facts(json!({
        "discovered_at": "2026-05-12T11:20:00+09:00",
        "stage": "near_miss",
        "category": "malware",
        "malware": true,
        "personal_data": { "subjects": 400 }
    })));
    assert_eq!(authorities(&assessment), [Authority::IpaMalware]);
    let ipa = find(&assessment, Authority::IpaMalware).unwrap();
    assert_eq!((ipa.duty, ipa.grounds.as_slice()), (Duty::Recommended, &[Ground::Malware][..]));
}

/// The shop's own checkout page was altered to send what customers typed (name, address, card
/// data) to a third party; the shop keeps names and addresses from the form, its payment provider
/// the card data.
fn web_skimming(discovered_at: &str) -> Facts {
    facts(json!({
        "discovered_at": discovered_at,
        "category": "tampering",
        "unauthorized_access": true,
        "personal_data": { "being_acquired": true }
    }))
}

#[test]
fn worked_example_web_skimming_under_the_2024_amendment() {
    let assessment = assess(&web_skimming("2026-06-10T14:00:00+09:00"));
    assert_eq!(assessment.rules, date(2024, 4, 1));
    assert_eq!(
        authorities(&assessment),
        [Authority::Ppc, Authority::DataSubjects, Authority::Police, Authority::IpaUnauthorizedAccess, Authority::Jpcert]
    );
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    assert_eq!(ppc.grounds, [Ground::BeingAcquiredUnlawful]);
    // Day 60 is Saturday 2026-08-08; Monday the 10th is open (山の日 is the 11th).
    assert_eq!(
        ppc.deadlines,
        [dated(DeadlineStage::Preliminary, date(2026, 6, 14)), dated(DeadlineStage::Final, date(2026, 8, 10))]
    );
    assert_eq!(find(&assessment, Authority::DataSubjects).unwrap().grounds, [Ground::BeingAcquiredUnlawful]);
}

#[test]
fn worked_example_web_skimming_before_the_2024_amendment() {
    let assessment = assess(&web_skimming("2024-03-15T14:00:00+09:00"));
    assert_eq!(assessment.rules, date(2022, 4, 1));
    assert_eq!(authorities(&assessment), [Authority::Police, Authority::IpaUnauthorizedAccess, Authority::Jpcert]);
}

#[test]
fn web_skimming_is_judged_by_the_rules_of_its_day_of_knowing() {
    let ppc = |at| find(&assess(&web_skimming(at)), Authority::Ppc).is_some();
    assert!(!ppc("2024-03-29T17:00:00+09:00"));
    assert!(!ppc("2024-03-31T23:59:59+09:00"));
    assert!(ppc("2024-04-01T00:00:00+09:00"));
    // 16:00 UTC on 3/31 is already 4/1 in Japan.
    assert!(ppc("2024-03-31T16:00:00Z"));
}

#[test]
fn information_being_acquired_alone_is_item_3_and_nothing_more() {
    // Rules 2.1: the fact names the act aimed at the company, so it alone gives item 3 (day 60),
    // and no head-count is assumed for it.
    let assessment = with_data(json!({ "being_acquired": true }));
    assert_eq!(authorities(&assessment), [Authority::Ppc, Authority::DataSubjects]);
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    assert_eq!(ppc.grounds, [Ground::BeingAcquiredUnlawful]);
    assert_eq!(ppc.deadlines, report_deadlines_60());
    // It is personal information for the Privacy Mark too.
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "personal_data": { "being_acquired": true }, "organization": { "privacy_mark": true }
    })));
    assert_eq!(authorities(&assessment), [Authority::Ppc, Authority::DataSubjects, Authority::PrivacyMark]);
    // Under the earlier rules it is ignored altogether.
    let assessment = assess(&facts(json!({
        "discovered_at": "2023-10-02T10:00:00+09:00", "malware": true,
        "personal_data": { "being_acquired": true }, "organization": { "privacy_mark": true }
    })));
    assert_eq!(authorities(&assessment), [Authority::IpaMalware, Authority::Jpcert]);
}

#[test]
fn held_data_and_information_being_acquired_give_both_grounds() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "unauthorized_access": true,
        "personal_data": { "subjects": 2400, "being_acquired": true }
    })));
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    assert_eq!(ppc.grounds, [Ground::UnlawfulPurpose, Ground::BeingAcquiredUnlawful, Ground::Over1000Subjects]);
    assert_eq!(ppc.deadlines, report_deadlines_60());
}

// --- Entrusted data (委託) ------------------------------------------------------------------------

/// A payroll bureau hit by ransomware: its clients' payroll data (entrusted, the clients not yet
/// told) and its own staff's health-check results (own, sensitive).
fn payroll_bureau(client_notified: bool) -> Facts {
    facts(json!({
        "discovered_at": "2026-09-14T10:00:00+09:00",
        "category": "malware",
        "malware": true,
        "personal_data": { "subjects": 14, "sensitive": true },
        "entrusted_data": { "subjects": 850, "client_notified": client_notified }
    }))
}

#[test]
fn worked_example_payroll_bureau_owes_its_client_and_reports_its_own_staff() {
    let assessment = assess(&payroll_bureau(false));
    assert_eq!(authorities(&assessment)[..3], [Authority::Ppc, Authority::Client, Authority::DataSubjects]);
    let client = find(&assessment, Authority::Client).unwrap();
    // Rule art. 9's "promptly" as a day-5 target (rules 2.1), not moved: 9/18 is a Friday anyway.
    assert_eq!(
        (client.duty, client.grounds.as_slice(), client.deadlines.as_slice()),
        (
            Duty::Mandatory,
            &[Ground::UnlawfulPurpose, Ground::EntrustedData][..],
            &[dated(DeadlineStage::Preliminary, date(2026, 9, 18))][..]
        )
    );
    // Until the client is told, the PPC report on its data is the bureau's own: day 60 (ransomware).
    assert_eq!(super::engine::processor_final_report_due(&payroll_bureau(false)), Some(date(2026, 11, 12)));
    assert_eq!(super::engine::processor_final_report_due(&payroll_bureau(true)), None);
    let ppc = find(&assessment, Authority::Ppc).unwrap();
    assert_eq!(ppc.grounds, [Ground::SensitiveData, Ground::UnlawfulPurpose]);
    // Day 60 from 2026-09-14 is Thursday 2026-11-12.
    assert_eq!(
        ppc.deadlines,
        [dated(DeadlineStage::Preliminary, date(2026, 9, 18)), dated(DeadlineStage::Final, date(2026, 11, 12))]
    );
    assert_eq!(find(&assessment, Authority::DataSubjects).unwrap().grounds, [Ground::SensitiveData, Ground::UnlawfulPurpose]);
}

#[test]
fn a_client_already_told_takes_over_the_reports_on_its_data() {
    let assessment = assess(&payroll_bureau(true));
    assert_eq!(find(&assessment, Authority::Client), None);
    // The bureau's own staff data keeps its own duties.
    assert!(find(&assessment, Authority::Ppc).is_some());
    assert!(find(&assessment, Authority::DataSubjects).is_some());
}

#[test]
fn entrusted_data_alone_gives_the_client_obligation_instead_of_the_ppc_report() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "entrusted_data": { "subjects": 30, "sensitive": true }
    })));
    assert_eq!(authorities(&assessment), [Authority::Client]);
    assert_eq!(find(&assessment, Authority::Client).unwrap().grounds, [Ground::SensitiveData, Ground::EntrustedData]);
}

#[test]
fn entrusted_data_uses_the_same_triggers_and_exemptions() {
    let client = |entrusted: Value| {
        find(&assess(&facts(json!({ "discovered_at": AT, "entrusted_data": entrusted }))), Authority::Client)
            .map(|o| o.grounds.clone())
    };
    assert_eq!(client(json!({ "subjects": 30 })), None);
    assert_eq!(client(json!({ "involved": true })), Some(vec![Ground::SubjectsMayExceed1000, Ground::EntrustedData]));
    assert_eq!(client(json!({ "subjects": 1500 })), Some(vec![Ground::Over1000Subjects, Ground::EntrustedData]));
    assert_eq!(client(json!({ "subjects": 1500, "high_level_encryption": true })), None);
    assert_eq!(client(json!({ "subjects": 1500, "recovered_unviewed": true })), None);
    // My Numbers recovered unviewed did not leak (rules 2.1); posted publicly they did.
    assert_eq!(client(json!({ "subjects": 150, "my_number_subjects": 150, "recovered_unviewed": true })), None);
    assert_eq!(
        client(json!({ "subjects": 5, "my_number_subjects": 5, "my_number_public": true, "recovered_unviewed": true })),
        Some(vec![Ground::MyNumberPublic, Ground::EntrustedData])
    );
    assert_eq!(client(json!({ "subjects": 5, "eu_subjects": 5 })), Some(vec![Ground::EuSubjects, Ground::EntrustedData]));
    // GDPR art. 33(2): the processor tells its controller of every breach, encrypted or not.
    assert_eq!(
        client(json!({ "subjects": 5, "eu_subjects": 5, "high_level_encryption": true })),
        Some(vec![Ground::EuSubjects, Ground::EntrustedData])
    );
}

#[test]
fn entrusted_data_of_people_in_the_eu_needs_the_gdpr_to_apply() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "entrusted_data": { "subjects": 5, "eu_subjects": 5 },
        "organization": { "gdpr_applies": false }
    })));
    assert_eq!(authorities(&assessment), []);
}

#[test]
fn entrusted_data_does_not_count_for_the_finance_report() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "entrusted_data": { "subjects": 5 }, "organization": { "sector": "finance" }
    })));
    assert_eq!(authorities(&assessment), []);
}

#[test]
fn a_privacy_mark_holder_reports_incidents_on_its_clients_data_too() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "entrusted_data": { "subjects": 40, "sensitive": true, "client_notified": true },
        "organization": { "privacy_mark": true }
    })));
    assert_eq!(authorities(&assessment), [Authority::PrivacyMark]);
    let mark = find(&assessment, Authority::PrivacyMark).unwrap();
    assert_eq!(mark.grounds, [Ground::PrivacyMarkHolder, Ground::SensitiveData]);
    assert_eq!(mark.deadlines[0], dated(DeadlineStage::Preliminary, date(2026, 4, 10)));
}

#[test]
fn the_summary_says_who_reports_the_clients_data() {
    let facts = payroll_bureau(false);
    let text = describe(&assess(&facts), &facts, Language::Ja);
    assert!(text.contains("委託元への報告 [義務]"), "{text}");
    assert!(
        text.contains(
            "補足: 委託元に知らせれば、このデータについての個人情報保護委員会への報告と本人への通知は委託元が行います。"
        ),
        "{text}"
    );
    assert!(text.contains("委託元と連名で報告することもできます"), "{text}");
    let text = describe(&assess(&facts), &facts, Language::En);
    assert!(text.contains("Before that, the company, as the processor, must report to the PPC itself"), "{text}");
    let told = payroll_bureau(true);
    let text = describe(&assess(&told), &told, Language::En);
    assert!(
        text.contains("the client has already been told of its data, so the reports on that data are the client's"),
        "{text}"
    );
    assert!(!text.contains("Before that, the company"), "{text}");
}

// --- Near misses and events --------------------------------------------------------------------

#[test]
fn a_near_miss_has_no_mandatory_addressee_whatever_the_data() {
    let assessment = assess(&facts(json!({
        "discovered_at": AT, "stage": "near_miss", "unauthorized_access": true, "crime_suspected": true,
        "personal_data": { "subjects": 5000, "sensitive": true, "financial_damage_risk": true,
                           "my_number_subjects": 500, "my_number_public": true, "eu_subjects": 30 },
        "organization": { "privacy_mark": true, "sector": "finance" }
    })));
    // An attempt at unauthorized access that was stopped is still welcome at IPA.
    assert_eq!(authorities(&assessment), [Authority::IpaUnauthorizedAccess]);
    assert_eq!(find(&assessment, Authority::IpaUnauthorizedAccess).unwrap().grounds, [Ground::UnauthorizedAccess]);
}

#[test]
fn an_event_is_judged_like_an_incident() {
    let data = json!({ "subjects": 30, "sensitive": true });
    let event = assess(&facts(json!({ "discovered_at": AT, "stage": "event", "personal_data": data })));
    let incident = assess(&facts(json!({ "discovered_at": AT, "stage": "incident", "personal_data": data })));
    let default = assess(&facts(json!({ "discovered_at": AT, "personal_data": data })));
    assert_eq!(authorities(&event), [Authority::Ppc, Authority::DataSubjects]);
    assert_eq!(event, incident);
    assert_eq!(default, incident);
}

#[test]
fn the_summary_says_why_a_near_miss_needs_no_report() {
    let near_miss = facts(json!({ "discovered_at": AT, "stage": "near_miss", "malware": true }));
    let text = describe(&assess(&near_miss), &near_miss, Language::Ja);
    assert!(text.contains("ヒヤリハット（実際には何も起きていない段階）なので、義務となる報告・通知はありません。"), "{text}");
    assert!(text.contains("IPA（コンピュータウイルス届出） [推奨]"), "{text}");
    let text = describe(&assess(&near_miss), &near_miss, Language::En);
    assert!(text.contains("leave out who was involved"), "{text}");
}

// --- The contract's JSON ------------------------------------------------------------------------

#[test]
fn the_output_is_exactly_the_contract_json() {
    assert_eq!(
        serde_json::to_string(&assess(&example_1())).unwrap(),
        concat!(
            r#"{"rules":"2024-04-01","obligations":[{"authority":"ppc","duty":"mandatory","grounds":["over_1000_subjects"],"#,
            r#""deadlines":[{"stage":"preliminary","due_by":"2026-01-17"},{"stage":"final","due_by":"2026-02-12"}]},"#,
            r#"{"authority":"data_subjects","duty":"mandatory","grounds":["over_1000_subjects"],"deadlines":[]}]}"#
        )
    );
}

#[test]
fn every_id_is_snake_case() {
    let ids = |value: Value| value.as_str().unwrap().to_owned();
    let authorities: Vec<String> = Authority::ALL.iter().map(|a| ids(serde_json::to_value(a).unwrap())).collect();
    assert_eq!(
        authorities,
        [
            "ppc",
            "client",
            "data_subjects",
            "ppc_my_number",
            "privacy_mark",
            "eu_supervisory_authority",
            "eu_data_subjects",
            "fsa",
            "mic_telecom",
            "mhlw",
            "insurer",
            "isms_body",
            "police",
            "ipa_malware",
            "ipa_unauthorized_access",
            "jpcert"
        ]
    );
    assert_eq!(serde_json::to_value(Ground::Over1000Subjects).unwrap(), "over_1000_subjects");
    assert_eq!(serde_json::to_value(Ground::MyNumberOver100Subjects).unwrap(), "my_number_over_100_subjects");
    assert_eq!(serde_json::to_value(Ground::FinancialDamageRisk).unwrap(), "financial_damage_risk");
}

#[test]
fn an_assessment_reads_back_from_its_json() {
    let all = assess(&facts(json!({
        "discovered_at": AT, "category": "malware", "unauthorized_access": true,
        "personal_data": { "subjects": 2000, "my_number_subjects": 200, "eu_subjects": 5 },
        "organization": { "privacy_mark": true, "sector": "finance" }
    })));
    let text = serde_json::to_string(&all).unwrap();
    assert_eq!(serde_json::from_str::<Assessment>(&text).unwrap(), all);
}

#[test]
fn the_answer_names_the_rules_in_force_on_the_day_of_knowing() {
    let rules = |at: &str| assess(&facts(json!({ "discovered_at": at }))).rules.to_string();
    assert_eq!(rules("2022-04-01T00:00:00+09:00"), "2022-04-01");
    assert_eq!(rules("2024-03-31T23:59:59+09:00"), "2022-04-01");
    // 15:00 UTC on 3/31 is midnight on 4/1 in Japan: the amended rules apply.
    assert_eq!(rules("2024-03-31T15:00:00Z"), "2024-04-01");
    assert_eq!(rules("2026-04-06T15:30:00+09:00"), "2024-04-01");
}

// --- The readable summary -----------------------------------------------------------------------

#[test]
fn the_japanese_summary_names_who_and_when() {
    let facts = example_1();
    let text = describe(&assess(&facts), &facts, Language::Ja);
    assert!(text.contains("個人情報保護委員会（漏えい等報告） [義務]"), "{text}");
    assert!(text.contains("理由: 対象の人数が1,000人を超える"), "{text}");
    assert!(text.contains("速報: 2026年1月17日(土)（5日目。法令上の期限ではなく目安のため、休日でも繰り下げません）"), "{text}");
    assert!(
        text.contains("確報: 2026年2月12日(木)（30日目の2026年2月11日(水)が土日祝日・年末年始のため、次の開庁日）"),
        "{text}"
    );
    assert!(text.contains("本人への通知 [義務]"), "{text}");
    assert!(text.contains("義務 2 件、推奨 0 件"), "{text}");
    assert!(text.contains("2024年4月1日から施行されている規則で判定しました。"), "{text}");
}

#[test]
fn the_english_summary_names_who_and_when() {
    let facts = example_3(false);
    let text = describe(&assess(&facts), &facts, Language::En);
    assert!(text.contains("1. Personal Information Protection Commission (breach report) [mandatory]"), "{text}");
    assert!(text.contains("Final report: Thu 2026-10-01 (day 60)"), "{text}");
    assert!(
        text.contains("Preliminary report: Fri 2026-08-07 (day 5; a target, not a legal deadline, so not moved for holidays)"),
        "{text}"
    );
    assert!(text.contains("IPA (malware report) [recommended]"), "{text}");
    assert!(text.contains("When: No deadline"), "{text}");
    assert!(text.contains("2 mandatory, 4 recommended"), "{text}");
}

#[test]
fn the_summary_mentions_exemptions_and_empty_results() {
    let facts = example_3(true);
    let text = describe(&assess(&facts), &facts, Language::Ja);
    assert!(text.contains("高度な暗号化がされ、鍵は漏れていない"), "{text}");
    let recovered = self::facts(json!({ "discovered_at": AT,
        "personal_data": { "subjects": 300, "my_number_subjects": 300, "recovered_unviewed": true } }));
    let text = describe(&assess(&recovered), &recovered, Language::En);
    assert!(text.contains("so nothing leaked"), "{text}");
    let public = self::facts(json!({ "discovered_at": AT,
        "personal_data": { "subjects": 3, "my_number_public": true, "recovered_unviewed": true } }));
    let text = describe(&assess(&public), &public, Language::Ja);
    assert!(text.contains("回収や暗号化があってもマイナンバーの報告は免除されません"), "{text}");
    let quiet = self::facts(json!({ "discovered_at": AT }));
    let text = describe(&assess(&quiet), &quiet, Language::from_tag("en-GB"));
    assert!(text.contains("no one needs to be told"), "{text}");
}

#[test]
fn the_summary_shows_the_gdpr_moment_with_its_offset() {
    let facts = facts(json!({ "discovered_at": AT, "personal_data": { "eu_subjects": 1 } }));
    let text = describe(&assess(&facts), &facts, Language::En);
    assert!(text.contains("Notification: Thu 2026-04-09 15:30 (UTC+09:00)"), "{text}");
}

#[test]
fn the_summary_says_day_one_in_japan_for_an_office_abroad() {
    let abroad =
        facts(json!({ "discovered_at": "2026-01-12T23:30:00-05:00", "personal_data": { "subjects": 1, "sensitive": true } }));
    let text = describe(&assess(&abroad), &abroad, Language::En);
    assert!(text.contains("came to know on Mon 2026-01-12 23:30 (UTC-05:00)"), "{text}");
    assert!(text.contains("Days are counted in Japan time, where day 1 is Tue 2026-01-13."), "{text}");
    let text = describe(&assess(&abroad), &abroad, Language::Ja);
    assert!(text.contains("日本時間では2026年1月13日(火)が1日目です。"), "{text}");
    let tokyo = example_1();
    assert!(!describe(&assess(&tokyo), &tokyo, Language::En).contains("Japan time"));
}

#[test]
fn the_summary_explains_an_unknown_count_and_how_to_narrow_it() {
    let unknown = facts(json!({ "discovered_at": AT, "personal_data": { "involved": true } }));
    let text = describe(&assess(&unknown), &unknown, Language::Ja);
    assert!(
        text.contains(
            "人数がまだ分からないため、基準の人数（1,000人、マイナンバーは100人）を超えるおそれがあるものとして判定しています。"
        ),
        "{text}"
    );
    assert!(text.contains("事実を入力し直すと、判定を絞り込めます"), "{text}");
    let text = describe(&assess(&unknown), &unknown, Language::En);
    assert!(text.contains("treated as possibly over the threshold"), "{text}");
    assert!(text.contains("enter it again and the answer narrows"), "{text}");
    let known = facts(json!({ "discovered_at": AT, "personal_data": { "subjects": 2000 } }));
    assert!(!describe(&assess(&known), &known, Language::En).contains("not known yet"));
}

#[test]
fn every_name_and_explanation_exists_in_both_languages() {
    for &authority in Authority::ALL {
        assert_ne!(authority_name(authority, Language::Ja), authority_name(authority, Language::En));
        assert_ne!(authority_timing(authority, Language::Ja), authority_timing(authority, Language::En));
    }
    for ground in Ground::ALL {
        assert_ne!(ground_text(ground, Language::Ja), ground_text(ground, Language::En));
    }
    for note in text::Note::ALL {
        assert_ne!(note.text(Language::Ja), note.text(Language::En));
    }
    for remark in text::Remark::ALL {
        assert_ne!(remark.text(Language::Ja), remark.text(Language::En));
    }
    for &delegate in Delegate::ALL {
        assert_ne!(text::delegate_name(delegate, Language::Ja), text::delegate_name(delegate, Language::En));
    }
    assert_eq!(duty_name(Duty::Mandatory, Language::from_tag("xx")), "義務");
    assert_eq!(stage_name(DeadlineStage::Final, Language::from_tag("EN")), "Final report");
}

#[test]
fn the_catalogue_holds_every_new_addressee_ground_and_explanation() {
    for lang in [Language::Ja, Language::En] {
        let texts = text::catalogue(lang);
        for key in [
            "authority.client",
            "authority.eu_data_subjects",
            "authority.mhlw",
            "authority.insurer",
            "authority.isms_body",
            "timing.client",
            "timing.isms_body",
            "ground.subjects_may_exceed_1000",
            "ground.being_acquired_unlawful",
            "ground.my_number_may_exceed_100",
            "ground.my_number_public",
            "ground.entrusted_data",
            "ground.eu_high_risk",
            "ground.medical_cyberattack",
            "ground.cyber_insurance",
            "ground.isms_certified",
            "submit_to.fsa",
            "submit_to.mic",
            "note.unknown_count",
            "note.near_miss",
            "remark.client_reports",
            "remark.submit_to_fsa",
            "remark.gdpr_high_risk_review",
        ] {
            assert!(texts.get(key).is_some_and(|text| !text.is_empty()), "{lang}: {key}");
        }
        assert_eq!(texts.keys().filter(|key| key.starts_with("authority.")).count(), Authority::ALL.len());
        assert_eq!(texts.keys().filter(|key| key.starts_with("ground.")).count(), Ground::ALL.len());
    }
}

// --- Properties over arbitrary facts ------------------------------------------------------------

/// A head-count: often 0, anywhere up to 2,000, and around both thresholds.
fn any_count() -> impl Strategy<Value = u64> {
    prop_oneof![Just(0u64), 0u64..=2_000, 995u64..=1_005, 95u64..=105]
}

/// Personal data as an office might describe it, made valid the way a careful user would: a
/// maximum raised to the count, an `involved: false` that other fields contradict left unsaid.
fn any_data_at_risk() -> impl Strategy<Value = DataAtRisk> {
    let said = || prop::option::of(any::<bool>());
    let counts = (any_count(), prop::option::of(any_count()), any_count(), prop::option::of(any_count()), any_count());
    (said(), said(), counts, prop::array::uniform8(any::<bool>())).prop_map(
        |(involved, my_number_involved, (subjects, subjects_max, my_numbers, my_numbers_max, eu_subjects), f)| {
            let mut data = DataAtRisk {
                involved,
                subjects,
                subjects_max: subjects_max.map(|max| max.max(subjects)),
                subjects_unknown: f[0],
                sensitive: f[1],
                financial_damage_risk: f[2],
                unlawful_purpose: f[3],
                being_acquired: f[4],
                high_level_encryption: f[5],
                recovered_unviewed: f[6],
                my_number_involved,
                my_number_subjects: my_numbers,
                my_number_subjects_max: my_numbers_max.map(|max| max.max(my_numbers)),
                my_number_public: f[7],
                eu_subjects,
            };
            if data.my_number_involved == Some(false) && data.my_numbers_shown_by().is_some() {
                data.my_number_involved = None;
            }
            if data.involved == Some(false) && data.involvement_shown_by(true).is_some() {
                data.involved = None;
            }
            data
        },
    )
}

/// Any day of knowing from 2022-04-02 (one day after reporting became a duty, so that no offset
/// puts it before) to the end of 2099, at any time, in any whole-hour offset.
fn any_moment() -> impl Strategy<Value = DateTime<chrono::FixedOffset>> {
    (0u64..28_000, 0u32..86_400, -12i32..=14).prop_map(|(days, second, hours)| {
        let text = format!(
            "{}T{:02}:{:02}:{:02}{:+03}:00",
            date(2022, 4, 2) + chrono::Days::new(days),
            second / 3600,
            second / 60 % 60,
            second % 60,
            hours
        );
        DateTime::parse_from_rfc3339(&text).unwrap()
    })
}

fn any_facts() -> impl Strategy<Value = Facts> {
    let stage = prop::sample::select(vec![IncidentStage::NearMiss, IncidentStage::Event, IncidentStage::Incident]);
    let category = prop::sample::select(vec![
        IncidentCategory::Leak,
        IncidentCategory::Tampering,
        IncidentCategory::Outage,
        IncidentCategory::Malware,
        IncidentCategory::Other,
    ]);
    let sector = prop::sample::select(vec![Sector::General, Sector::Finance, Sector::Medical, Sector::Telecom]);
    let personal = (any_data_at_risk(), any::<bool>())
        .prop_map(|(at_risk, entrusted_by_client_notified)| PersonalData { at_risk, entrusted_by_client_notified });
    let entrusted = prop::option::weighted(
        0.3,
        (any_data_at_risk(), any::<bool>()).prop_map(|(at_risk, client_notified)| EntrustedData { at_risk, client_notified }),
    );
    let organization = (prop::array::uniform4(any::<bool>()), sector).prop_map(|(f, sector)| Organization {
        privacy_mark: f[0],
        isms_certified: f[1],
        cyber_insurance: f[2],
        gdpr_applies: f[3],
        sector,
    });
    let occurred_at = prop::option::of(any_moment());
    (any_moment(), occurred_at, stage, category, prop::array::uniform4(any::<bool>()), personal, entrusted, organization)
        .prop_map(|(discovered_at, occurred_at, stage, category, flags, mut personal_data, entrusted_data, organization)| {
            if entrusted_data.is_some() {
                personal_data.entrusted_by_client_notified = false;
            }
            Facts {
                discovered_at,
                occurred_at,
                stage,
                category,
                unauthorized_access: flags[0],
                malware: flags[1],
                crime_suspected: flags[2],
                communications_secrecy: flags[3],
                personal_data,
                entrusted_data,
                organization,
            }
        })
}

proptest! {
    #[test]
    fn ppc_final_deadlines_are_working_days_after_the_preliminary_target(facts in any_facts()) {
        let assessment = assess(&facts);
        let known_on = super::deadline::day_of_knowing(facts.discovered_at);
        for obligation in &assessment.obligations {
            let day = |stage| obligation.deadlines.iter().find(|d| d.stage == stage).map(|d| match d.due_by {
                DueBy::Date(date) => date,
                DueBy::Instant(at) => at.date_naive(),
            });
            let final_day = day(DeadlineStage::Final);
            if obligation.authority == Authority::MicTelecom {
                // Counted from the day it happened (never after the day of knowing), moved past
                // closed days; the first report's target is the day of knowing itself.
                let happened = facts.occurred_at.map_or(known_on, |at| super::deadline::day_of_knowing(at).min(known_on));
                prop_assert_eq!(final_day, Some(super::deadline::government_deadline(happened, 30)));
                prop_assert_eq!(day(DeadlineStage::Preliminary), Some(known_on));
                continue;
            }
            if let (Some(final_day), Some(preliminary)) = (final_day, day(DeadlineStage::Preliminary)) {
                prop_assert!(final_day > preliminary, "{obligation:?}");
            }
            if matches!(obligation.authority, Authority::Ppc | Authority::PpcMyNumber) {
                let final_day = final_day.expect("a PPC report has a final deadline");
                prop_assert!(is_working_day(final_day), "{obligation:?}");
                // The preliminary report is a target on day 5, never moved.
                prop_assert_eq!(day(DeadlineStage::Preliminary), Some(super::deadline::nth_day(known_on, 5)));
            }
            if obligation.authority == Authority::PrivacyMark {
                // Day 30 or 60, as it falls.
                let final_day = final_day.expect("a Privacy Mark report has a final deadline");
                prop_assert!(
                    [30, 60].map(|n| super::deadline::nth_day(known_on, n)).contains(&final_day),
                    "{obligation:?}"
                );
            }
        }
    }

    #[test]
    fn obligations_are_ordered_unique_and_grounded(facts in any_facts()) {
        let assessment = assess(&facts);
        let found = authorities(&assessment);
        prop_assert!(found.windows(2).all(|pair| pair[0] < pair[1]), "{found:?}");
        prop_assert!(assessment.obligations.iter().all(|o| !o.grounds.is_empty()));
        let reported = found.contains(&Authority::Ppc) || found.contains(&Authority::PpcMyNumber);
        prop_assert_eq!(found.contains(&Authority::DataSubjects), reported);
    }

    #[test]
    fn a_count_left_unknown_never_gives_fewer_mandatory_addressees(
        facts in any_facts(),
        known in 1u64..=3_000,
        my_numbers in any::<bool>(),
    ) {
        // The same facts with a head-count known, and with it left unknown, in the company's
        // own data and in its clients' data if any.
        let mut with_count = facts.clone();
        let mut without = facts;
        for (facts, count) in [(&mut with_count, known), (&mut without, 0)] {
            let entrusted = facts.entrusted_data.as_mut().map(|entrusted| &mut entrusted.at_risk);
            for data in std::iter::once(&mut facts.personal_data.at_risk).chain(entrusted) {
                data.involved = None;
                if my_numbers {
                    data.my_number_involved = None;
                    data.my_number_subjects = count;
                    data.my_number_subjects_max = None;
                    data.my_number_public = false;
                }
                data.subjects = if my_numbers { data.subjects.max(count) } else { count };
                data.subjects_max = None;
                data.subjects_unknown = count == 0;
                if my_numbers && count == 0 {
                    data.my_number_involved = Some(true);
                }
            }
        }
        let mandatory = |facts: &Facts| -> Vec<Authority> {
            assess(facts).obligations.into_iter().filter(|o| o.duty == Duty::Mandatory).map(|o| o.authority).collect()
        };
        let (told_known, told_unknown) = (mandatory(&with_count), mandatory(&without));
        prop_assert!(told_known.iter().all(|a| told_unknown.contains(a)), "known {told_known:?}, unknown {told_unknown:?}");
    }

    #[test]
    fn a_near_miss_never_gives_a_mandatory_addressee(mut facts in any_facts()) {
        facts.stage = IncidentStage::NearMiss;
        let assessment = assess(&facts);
        prop_assert!(assessment.obligations.iter().all(|o| o.duty == Duty::Recommended), "{assessment:?}");
    }

    #[test]
    fn the_answer_does_not_depend_on_the_offset_the_moment_is_written_in(facts in any_facts()) {
        let mut in_japan = facts.clone();
        in_japan.discovered_at = facts.discovered_at.with_timezone(&super::deadline::japan_time());
        let (abroad, japan) = (assess(&facts), assess(&in_japan));
        // DateTime equality is equality of instants, so this compares the GDPR deadline as one.
        prop_assert_eq!(&abroad, &japan);
        let instants = |assessment: &Assessment| -> Vec<DateTime<chrono::FixedOffset>> {
            assessment.obligations.iter().flat_map(|o| &o.deadlines).filter_map(|d| match d.due_by {
                DueBy::Instant(at) => Some(at),
                DueBy::Date(_) => None,
            }).collect()
        };
        for (at, other) in instants(&abroad).into_iter().zip(instants(&japan)) {
            prop_assert_eq!(at.timestamp(), other.timestamp());
            // Each is written in the offset the facts were.
            prop_assert_eq!(at.offset(), facts.discovered_at.offset());
            prop_assert_eq!(other.offset(), in_japan.discovered_at.offset());
        }
    }

    #[test]
    fn facts_survive_a_json_round_trip(facts in any_facts()) {
        let text = serde_json::to_string(&facts).unwrap();
        prop_assert_eq!(parse_facts(&text).unwrap(), facts);
    }

    #[test]
    fn parsing_never_panics_and_errors_are_one_line(input in ".{0,80}") {
        if let Err(error) = parse_facts(&input) {
            prop_assert!(!error.to_string().contains('\n'));
        }
    }
}
