//! The reporting rules by the day they came into force (施行日).
//!
//! Reporting a personal-data breach became a legal duty in Japan on 2022-04-01 (the 2020 APPI
//! amendment and its enforcement rules), and rule art. 7(3) was widened on 2024-04-01. An incident
//! is judged by the rules in force on its day of knowing (D, in Japan time), so an incident known
//! before an amendment keeps the answer it had. Everything that differs between the sets is a
//! field of [`RuleSet`]; an amendment is one more entry in [`RULE_SETS`] (with a new field when it
//! brings a new kind of change) and its tests. See docs/rules.md §2.

use chrono::NaiveDate;

use super::deadline;

/// One version of the reporting rules, in force from `effective` until the next set's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    /// 施行日 — the day these rules came into force; the assessment names the set by it.
    pub effective: NaiveDate,
    /// 施行規則 art. 7(3) as amended with effect from 2024-04-01: personal information the company
    /// is in the course of collecting, to keep as personal data, counts for the unlawful-purpose
    /// report (web skimming of the company's own order form).
    pub covers_information_being_acquired: bool,
    /// 施行規則 art. 7(4): a report is due when *more than* this many people are affected.
    pub people_threshold: u64,
    /// The PPC rules on reporting My Number (特定個人情報) breaches, art. 2: more than this many
    /// people.
    pub my_number_people_threshold: u64,
    /// 速報 — the preliminary report's target day counting D as day 1 (PPC general guideline
    /// 3-5-3-3: "promptly", about 3–5 days). A target, not a statutory period.
    pub preliminary_target_day: u64,
    /// 確報 — the final report's last day counting D as day 1 (施行規則 art. 8(2)).
    pub final_report_day: u64,
    /// 確報 when the unlawful-purpose item (art. 7(3)) applies (施行規則 art. 8(2)).
    pub final_report_day_unlawful: u64,
}

/// A date known to be valid, for the table below.
const fn on(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("not a calendar date"),
    }
}

/// The rules of the 2020 APPI amendment (令和2年改正) as they came into force on 2022-04-01.
const APPI_2022: RuleSet = RuleSet {
    effective: on(2022, 4, 1),
    covers_information_being_acquired: false,
    people_threshold: 1_000,
    my_number_people_threshold: 100,
    preliminary_target_day: 5,
    final_report_day: 30,
    final_report_day_unlawful: 60,
};

/// Every rule set, oldest first. The first one's date is the earliest day of knowing the
/// assessment accepts.
pub static RULE_SETS: [RuleSet; 2] = [
    APPI_2022,
    // 個人情報の保護に関する法律施行規則の一部を改正する規則 (PPC rule of 2023, in force 2024-04-01):
    // art. 7(3) also covers information being acquired.
    RuleSet { effective: on(2024, 4, 1), covers_information_being_acquired: true, ..APPI_2022 },
];

impl RuleSet {
    /// The set in force on `day` (a day of knowing in Japan), or none before reporting became a
    /// legal duty.
    pub fn in_force_on(day: NaiveDate) -> Option<&'static RuleSet> {
        RULE_SETS.iter().rev().find(|set| set.effective <= day)
    }

    /// The first day any rule set covers: 2022-04-01.
    pub fn earliest() -> &'static RuleSet {
        &RULE_SETS[0]
    }

    /// The day number of the 確報 deadline: 30, or 60 with an unlawful purpose.
    pub fn final_report_day(&self, unlawful_purpose: bool) -> u64 {
        if unlawful_purpose {
            self.final_report_day_unlawful
        } else {
            self.final_report_day
        }
    }

    /// 速報 target: day 5 counting `known_on` as day 1, not moved for holidays.
    pub fn preliminary_target(&self, known_on: NaiveDate) -> NaiveDate {
        deadline::nth_day(known_on, self.preliminary_target_day)
    }

    /// 確報 deadline to an authority: day 30 (or 60), moved to the next day government offices are
    /// open when it falls on one they are closed.
    pub fn final_report_due(&self, known_on: NaiveDate, unlawful_purpose: bool) -> NaiveDate {
        deadline::government_deadline(known_on, self.final_report_day(unlawful_purpose))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_sets_are_in_date_order_and_start_when_reporting_became_a_duty() {
        assert_eq!(RuleSet::earliest().effective, date(2022, 4, 1));
        assert!(RULE_SETS.windows(2).all(|pair| pair[0].effective < pair[1].effective));
    }

    #[test]
    fn no_set_is_in_force_before_2022_04_01() {
        assert_eq!(RuleSet::in_force_on(date(2022, 3, 31)), None);
        assert_eq!(RuleSet::in_force_on(date(2019, 12, 1)), None);
    }

    #[test]
    fn each_set_applies_from_its_day_until_the_next() {
        let effective = |day| RuleSet::in_force_on(day).map(|set| set.effective);
        assert_eq!(effective(date(2022, 4, 1)), Some(date(2022, 4, 1)));
        assert_eq!(effective(date(2024, 3, 31)), Some(date(2022, 4, 1)));
        assert_eq!(effective(date(2024, 4, 1)), Some(date(2024, 4, 1)));
        assert_eq!(effective(date(2099, 12, 31)), Some(date(2024, 4, 1)));
    }

    #[test]
    fn the_2024_amendment_changes_only_the_information_being_acquired() {
        let [before, after] = &RULE_SETS;
        assert!(!before.covers_information_being_acquired);
        assert!(after.covers_information_being_acquired);
        assert_eq!(RuleSet { effective: before.effective, covers_information_being_acquired: false, ..after.clone() }, *before);
    }

    #[test]
    fn report_days_count_the_day_of_knowing_as_day_one() {
        let rules = RuleSet::earliest();
        assert_eq!(rules.preliminary_target(date(2026, 1, 13)), date(2026, 1, 17));
        // Day 30 is 2026-02-11, 建国記念の日: moved to the 12th.
        assert_eq!(rules.final_report_due(date(2026, 1, 13), false), date(2026, 2, 12));
        assert_eq!(rules.final_report_due(date(2026, 8, 3), true), date(2026, 10, 1));
    }
}
