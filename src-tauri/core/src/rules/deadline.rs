//! Day counting for report deadlines (docs/rules.md §3).
//!
//! The day the company came to know of the incident (知った日, "D") is day 1, read on the Japanese
//! calendar: an office abroad that writes its own offset gets the same day as one in Tokyo, since
//! the deadline is counted by the authority in Japan. The PPC general guideline (通則編 3-5-3-3
//! and 3-5-3-4) asks for a 速報 "promptly", about 3–5 days, and a 確報 within 30 days, or 60 days
//! when the leak may have had an unlawful purpose; the day numbers live in the rule sets
//! ([`super::rule_set`]). A deadline an authority sets in days that ends on a day government
//! offices are closed — Saturday, Sunday, national holiday or 12/29–1/3 — moves to the next day
//! that is none of these (行政機関の休日に関する法律 arts. 1–2). Targets (the 速報) and the
//! deadlines of private bodies (the Privacy Mark) are not moved.

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, TimeDelta, Weekday};

use super::holidays::is_national_holiday;

/// GDPR art. 33(1): notify the supervisory authority within 72 hours of becoming aware.
pub const GDPR_NOTICE_HOURS: i64 = 72;

/// Japan Standard Time, UTC+09:00 (Japan has no daylight saving time).
pub fn japan_time() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}

/// 知った日 — D, day 1 of every deadline: the calendar day in Japan of the moment the company came
/// to know, whatever offset that moment was written with.
pub fn day_of_knowing(known_at: DateTime<FixedOffset>) -> NaiveDate {
    known_at.with_timezone(&japan_time()).date_naive()
}

/// The `n`th day counting `known_on` as day 1.
pub fn nth_day(known_on: NaiveDate, n: u64) -> NaiveDate {
    known_on + Days::new(n.saturating_sub(1))
}

/// Day `n` counting `known_on` as day 1, moved forward to the next day government offices are
/// open when it falls on a day they are closed: how a deadline set by a Japanese authority in days
/// ends (行政機関の休日に関する法律 art. 2). See docs/rules.md §3.
pub fn government_deadline(known_on: NaiveDate, n: u64) -> NaiveDate {
    working_day_on_or_after(nth_day(known_on, n))
}

/// GDPR art. 33 notification deadline: 72 hours after awareness, in the same UTC offset.
pub fn gdpr_notice_due(aware_at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    aware_at + TimeDelta::hours(GDPR_NOTICE_HOURS)
}

/// 年末年始 — 12/29 to 1/3, when government offices are closed.
pub fn is_year_end_closure(date: NaiveDate) -> bool {
    matches!((date.month(), date.day()), (12, 29..=31) | (1, 1..=3))
}

/// A day government offices are open: not a Saturday, Sunday, national holiday or 12/29–1/3.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_year_end_closure(date) && !is_national_holiday(date)
}

/// `date` itself when it is a working day, else the next working day.
pub fn working_day_on_or_after(date: NaiveDate) -> NaiveDate {
    date.iter_days().find(|day| is_working_day(*day)).expect("every week of the calendar has a working day")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn the_day_of_knowing_is_the_date_in_japan() {
        assert_eq!(day_of_knowing(at("2026-01-13T10:00:00+09:00")), date(2026, 1, 13));
        // 23:30 on 1/12 in New York is 13:30 on 1/13 in Tokyo.
        assert_eq!(day_of_knowing(at("2026-01-12T23:30:00-05:00")), date(2026, 1, 13));
        // 14:59 UTC is 23:59 in Tokyo, 15:00 UTC already the next day.
        assert_eq!(day_of_knowing(at("2026-01-12T14:59:59Z")), date(2026, 1, 12));
        assert_eq!(day_of_knowing(at("2026-01-12T15:00:00Z")), date(2026, 1, 13));
        // 02:00 on 1/13 in Auckland (+13:00) is still 22:00 on 1/12 in Tokyo.
        assert_eq!(day_of_knowing(at("2026-01-13T02:00:00+13:00")), date(2026, 1, 12));
    }

    #[test]
    fn day_one_is_the_day_of_knowing() {
        assert_eq!(nth_day(date(2026, 1, 13), 1), date(2026, 1, 13));
        assert_eq!(nth_day(date(2026, 1, 13), 5), date(2026, 1, 17));
        assert_eq!(nth_day(date(2026, 1, 13), 30), date(2026, 2, 11));
    }

    /// 確報 with the PPC's day numbers: day 30, or day 60 with an unlawful purpose.
    fn final_report_due(known_on: NaiveDate, unlawful: bool) -> NaiveDate {
        government_deadline(known_on, final_day(unlawful))
    }

    fn final_day(unlawful: bool) -> u64 {
        if unlawful {
            60
        } else {
            30
        }
    }

    #[test]
    fn final_deadline_on_a_weekday_stays() {
        assert_eq!(final_report_due(date(2026, 2, 2), false), date(2026, 3, 3));
    }

    #[test]
    fn final_deadline_on_a_saturday_moves_to_monday() {
        // Day 30 is Saturday 2026-04-11.
        assert_eq!(final_report_due(date(2026, 3, 13), false), date(2026, 4, 13));
    }

    #[test]
    fn final_deadline_on_a_sunday_moves_to_monday() {
        // Day 30 is Sunday 2026-04-12.
        assert_eq!(final_report_due(date(2026, 3, 14), false), date(2026, 4, 13));
    }

    #[test]
    fn final_deadline_on_a_national_holiday_moves_to_the_next_day() {
        // Day 30 is 2026-02-11, 建国記念の日.
        assert_eq!(final_report_due(date(2026, 1, 13), false), date(2026, 2, 12));
    }

    #[test]
    fn final_deadline_in_silver_week_passes_the_citizens_holiday() {
        // Day 30 is Tuesday 2026-09-22, a 国民の休日; 9/23 is the equinox, so Thursday 9/24.
        assert_eq!(final_report_due(date(2026, 8, 24), false), date(2026, 9, 24));
    }

    #[test]
    fn final_deadline_in_golden_week_passes_the_substitute_holiday() {
        // Day 30 is 2026-05-03; 5/4–5/5 are holidays and 5/6 is the 振替休日.
        assert_eq!(final_report_due(date(2026, 4, 4), false), date(2026, 5, 7));
    }

    #[test]
    fn final_deadline_in_the_year_end_closure_moves_into_january() {
        // Day 30 is Wednesday 2026-12-30; 12/31–1/3 are closed too, so Monday 2027-01-04.
        assert_eq!(final_report_due(date(2026, 12, 1), false), date(2027, 1, 4));
        // Day 30 is Tuesday 2025-12-30 → 2026-01-05 (1/4 is a Sunday).
        assert_eq!(final_report_due(date(2025, 12, 1), false), date(2026, 1, 5));
    }

    #[test]
    fn unlawful_purpose_gives_sixty_days() {
        assert_eq!(final_report_due(date(2026, 8, 3), true), date(2026, 10, 1));
    }

    #[test]
    fn gdpr_notice_is_72_hours_later_in_the_same_offset() {
        let at = DateTime::parse_from_rfc3339("2026-04-06T15:30:00+09:00").unwrap();
        assert_eq!(gdpr_notice_due(at).to_rfc3339(), "2026-04-09T15:30:00+09:00");
    }

    #[test]
    fn year_end_closure_bounds() {
        assert!(!is_year_end_closure(date(2026, 12, 28)));
        assert!(is_year_end_closure(date(2026, 12, 29)));
        assert!(is_year_end_closure(date(2027, 1, 3)));
        assert!(!is_year_end_closure(date(2027, 1, 4)));
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (2000i32..=2099, 1u32..=366).prop_filter_map("valid day of year", |(y, d)| NaiveDate::from_yo_opt(y, d))
    }

    proptest! {
        #[test]
        fn final_deadline_is_a_working_day(known_on in any_day(), unlawful in any::<bool>()) {
            prop_assert!(is_working_day(final_report_due(known_on, unlawful)));
        }

        #[test]
        fn final_deadline_is_after_the_preliminary_target(known_on in any_day(), unlawful in any::<bool>()) {
            prop_assert!(final_report_due(known_on, unlawful) > nth_day(known_on, 5));
        }

        #[test]
        fn final_deadline_moves_only_past_non_working_days(known_on in any_day(), unlawful in any::<bool>()) {
            let nominal = nth_day(known_on, final_day(unlawful));
            let due = final_report_due(known_on, unlawful);
            prop_assert!(due >= nominal);
            prop_assert!(nominal.iter_days().take_while(|d| *d < due).all(|d| !is_working_day(d)));
        }
    }
}
