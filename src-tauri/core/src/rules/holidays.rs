//! The Japanese national holiday calendar, computed rather than shipped as a list.
//!
//! Report deadlines that land on a holiday move to the next working day, so the engine needs
//! every 国民の祝日 plus the two kinds of derived rest days the Holiday Act adds: 振替休日
//! (substitute holiday) and 国民の休日 (a day squeezed between two holidays). Computing them from
//! the Act keeps future years right without a data file to refresh; the one-off changes of
//! 2019–2021 are written out below with the laws that made them.
//!
//! Exact for 2007 (when the current rules on 昭和の日, みどりの日 and substitute holidays took
//! effect) through 2099 (the range of the equinox formula). Other years get the same rules as an
//! approximation; reporting duties only exist from 2022 on, so they never decide a deadline.

use chrono::{Datelike, NaiveDate, Weekday};

/// Every national holiday of `year` in date order: 国民の祝日, 振替休日 and 国民の休日.
pub fn national_holidays(year: i32) -> Vec<NaiveDate> {
    let named = statutory_holidays(year);
    let mut all = named.clone();
    all.extend(citizens_holidays(&named));
    all.extend(substitute_holidays(&named));
    all.sort_unstable();
    all.dedup();
    all
}

/// Whether `date` is a national holiday (including 振替休日 and 国民の休日).
pub fn is_national_holiday(date: NaiveDate) -> bool {
    national_holidays(date.year()).contains(&date)
}

/// 国民の祝日 — the named holidays of 国民の祝日に関する法律 (Act No. 178 of 1948) art. 2, with
/// the moves and additions of 2019–2021. Sorted.
fn statutory_holidays(year: i32) -> Vec<NaiveDate> {
    let on = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    let monday = |month, nth| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, nth);
    let mut days: Vec<NaiveDate> = [
        on(1, 1),                          // 元日
        monday(1, 2),                      // 成人の日: second Monday of January
        on(2, 11),                         // 建国記念の日
        emperors_birthday(year),           // 天皇誕生日
        on(3, vernal_equinox_day(year)),   // 春分の日
        on(4, 29),                         // 昭和の日
        on(5, 3),                          // 憲法記念日
        on(5, 4),                          // みどりの日
        on(5, 5),                          // こどもの日
        marine_day(year),                  // 海の日
        mountain_day(year),                // 山の日
        monday(9, 3),                      // 敬老の日: third Monday of September
        on(9, autumnal_equinox_day(year)), // 秋分の日
        sports_day(year),                  // スポーツの日 (体育の日 until 2019)
        on(11, 3),                         // 文化の日
        on(11, 23),                        // 勤労感謝の日
    ]
    .into_iter()
    .flatten()
    .collect();
    if year == 2019 {
        // 天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律 (Act No. 99 of 2018):
        // the enthronement day and the enthronement ceremony were holidays for that year only.
        days.extend(on(5, 1));
        days.extend(on(10, 22));
    }
    days.sort_unstable();
    days
}

/// 天皇誕生日: 12/23 for the Heisei emperor (to 2018), none in 2019, 2/23 from 2020.
fn emperors_birthday(year: i32) -> Option<NaiveDate> {
    match year {
        ..=2018 => NaiveDate::from_ymd_opt(year, 12, 23),
        2019 => None,
        _ => NaiveDate::from_ymd_opt(year, 2, 23),
    }
}

// The Olympic and Paralympic special measures act (平成三十二年東京オリンピック競技大会・東京
// パラリンピック競技大会特別措置法 art. 32, amended in 2020 for the postponed games) moved
// 海の日, スポーツの日 and 山の日 in 2020 and 2021.

/// 海の日: third Monday of July; 7/23 in 2020 and 7/22 in 2021.
fn marine_day(year: i32) -> Option<NaiveDate> {
    match year {
        2020 => NaiveDate::from_ymd_opt(2020, 7, 23),
        2021 => NaiveDate::from_ymd_opt(2021, 7, 22),
        _ => NaiveDate::from_weekday_of_month_opt(year, 7, Weekday::Mon, 3),
    }
}

/// 山の日: 8/11 from 2016; 8/10 in 2020 and 8/8 in 2021.
fn mountain_day(year: i32) -> Option<NaiveDate> {
    match year {
        ..=2015 => None,
        2020 => NaiveDate::from_ymd_opt(2020, 8, 10),
        2021 => NaiveDate::from_ymd_opt(2021, 8, 8),
        _ => NaiveDate::from_ymd_opt(year, 8, 11),
    }
}

/// スポーツの日: second Monday of October; 7/24 in 2020 and 7/23 in 2021.
fn sports_day(year: i32) -> Option<NaiveDate> {
    match year {
        2020 => NaiveDate::from_ymd_opt(2020, 7, 24),
        2021 => NaiveDate::from_ymd_opt(2021, 7, 23),
        _ => NaiveDate::from_weekday_of_month_opt(year, 10, Weekday::Mon, 2),
    }
}

/// Day of March of 春分の日. The Act leaves the date to the vernal equinox, which the National
/// Astronomical Observatory of Japan announces each February for the next year (暦要項); this is
/// the usual closed formula for 1980–2099, in integer arithmetic (millionths of a day).
fn vernal_equinox_day(year: i32) -> u32 {
    equinox_day(year, 20_843_100)
}

/// Day of September of 秋分の日, by the same formula as [`vernal_equinox_day`].
fn autumnal_equinox_day(year: i32) -> u32 {
    equinox_day(year, 23_248_800)
}

fn equinox_day(year: i32, base_millionths: i64) -> u32 {
    let years = i64::from(year) - 1980;
    let day = (base_millionths + 242_194 * years).div_euclid(1_000_000) - years.div_euclid(4);
    // Outside the formula's range it can drift; keep it a real day of the month.
    day.clamp(19, 24) as u32
}

/// 国民の休日 (Holiday Act art. 3(3)): a day whose previous and next days are both 国民の祝日
/// and which is not one itself (e.g. 2026-09-22, between 敬老の日 and 秋分の日). A Sunday is a
/// rest day anyway and is left out, as in the Cabinet Office's published list.
fn citizens_holidays(named: &[NaiveDate]) -> Vec<NaiveDate> {
    named
        .windows(2)
        .filter_map(|pair| {
            let between = pair[0].succ_opt()?;
            (between.succ_opt()? == pair[1] && between.weekday() != Weekday::Sun).then_some(between)
        })
        .collect()
}

/// 振替休日 (Holiday Act art. 3(2)): when a 国民の祝日 falls on a Sunday, the nearest following
/// day that is not a 国民の祝日 becomes a holiday (e.g. 2026-05-06 after 5/3–5/5).
fn substitute_holidays(named: &[NaiveDate]) -> Vec<NaiveDate> {
    named
        .iter()
        .filter(|day| day.weekday() == Weekday::Sun)
        .filter_map(|sunday| sunday.iter_days().skip(1).find(|day| !named.contains(day)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dates of `year` from "month/day" words, e.g. "1/1 1/12 2/11".
    fn dates(year: i32, days: &str) -> Vec<NaiveDate> {
        days.split_whitespace().map(|md| NaiveDate::parse_from_str(&format!("{year}/{md}"), "%Y/%m/%d").unwrap()).collect()
    }

    // The expected lists are the Cabinet Office's published calendars (内閣府「国民の祝日」).

    #[test]
    fn calendar_2025_matches_the_official_list() {
        let expected = "1/1 1/13 2/11 2/23 2/24 3/20 4/29 5/3 5/4 5/5 5/6 7/21 8/11 9/15 9/23 10/13 11/3 11/23 11/24";
        assert_eq!(national_holidays(2025), dates(2025, expected));
    }

    #[test]
    fn calendar_2026_matches_the_official_list() {
        let expected = "1/1 1/12 2/11 2/23 3/20 4/29 5/3 5/4 5/5 5/6 7/20 8/11 9/21 9/22 9/23 10/12 11/3 11/23";
        assert_eq!(national_holidays(2026), dates(2026, expected));
    }

    #[test]
    fn calendar_2020_has_the_olympic_moves() {
        let expected = "1/1 1/13 2/11 2/23 2/24 3/20 4/29 5/3 5/4 5/5 5/6 7/23 7/24 8/10 9/21 9/22 11/3 11/23";
        assert_eq!(national_holidays(2020), dates(2020, expected));
    }

    #[test]
    fn calendar_2021_has_the_olympic_moves() {
        let expected = "1/1 1/11 2/11 2/23 3/20 4/29 5/3 5/4 5/5 7/22 7/23 8/8 8/9 9/20 9/23 11/3 11/23";
        assert_eq!(national_holidays(2021), dates(2021, expected));
    }

    #[test]
    fn calendar_2019_has_the_enthronement_holidays() {
        let expected = "1/1 1/14 2/11 3/21 4/29 4/30 5/1 5/2 5/3 5/4 5/5 5/6 7/15 8/11 8/12 9/16 9/23 10/14 10/22 \
                        11/3 11/4 11/23";
        assert_eq!(national_holidays(2019), dates(2019, expected));
    }

    #[test]
    fn equinoxes_match_the_observatory_for_2020_to_2035() {
        // (year, 春分の日, 秋分の日): as announced in 暦要項 up to 2026, predicted after that.
        let known = [
            (2020, 20, 22),
            (2021, 20, 23),
            (2022, 21, 23),
            (2023, 21, 23),
            (2024, 20, 22),
            (2025, 20, 23),
            (2026, 20, 23),
            (2027, 21, 23),
            (2028, 20, 22),
            (2029, 20, 23),
            (2030, 20, 23),
            (2031, 21, 23),
            (2032, 20, 22),
            (2033, 20, 23),
            (2034, 20, 23),
            (2035, 21, 23),
        ];
        for (year, vernal, autumnal) in known {
            assert_eq!((vernal_equinox_day(year), autumnal_equinox_day(year)), (vernal, autumnal), "{year}");
        }
    }

    #[test]
    fn citizens_holiday_between_respect_for_the_aged_day_and_the_equinox() {
        let day = NaiveDate::from_ymd_opt(2026, 9, 22).unwrap();
        assert!(is_national_holiday(day));
        assert!(!statutory_holidays(2026).contains(&day));
    }

    #[test]
    fn every_year_has_its_named_holidays_and_well_formed_rest_days() {
        for year in 2007..=2099 {
            // 15 named holidays until 山の日 began in 2016; 2019 had no 天皇誕生日 but two
            // enthronement holidays.
            let named = match year {
                ..=2015 => 15,
                2019 => 17,
                _ => 16,
            };
            assert_eq!(statutory_holidays(year).len(), named, "{year}");
            let days = national_holidays(year);
            assert!(days.windows(2).all(|pair| pair[0] < pair[1]), "{year}");
            assert!(days.iter().all(|d| d.year() == year), "{year}");
            let named_days = statutory_holidays(year);
            let mut derived = days.iter().filter(|d| !named_days.contains(d));
            assert!(derived.all(|d| d.weekday() != Weekday::Sun), "{year}");
        }
    }
}
