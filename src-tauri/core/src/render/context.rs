//! What every document and draft is written with: the company, the language, the export's
//! options, and the way dates and times are printed in them (西暦 or 和暦, the zone named).

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::catalogue::Catalogue;
use crate::company::CompanyProfile;
use crate::language::{DateStyle, Language};

/// Who a document is for and how it is dated.
pub struct Context<'a> {
    pub company: &'a CompanyProfile,
    pub language: Language,
    pub issued_on: NaiveDate,
}

impl Context<'_> {
    pub fn words(&self) -> &'static Catalogue {
        Catalogue::of(self.language)
    }

    pub fn text(&self, key: &str) -> &'static str {
        self.words().text(key)
    }

    /// A date as the reader writes it: 2026年7月7日 (or 令和8年7月7日 when the company chose 和暦) /
    /// 7 July 2026.
    pub fn date(&self, date: NaiveDate) -> String {
        match self.language {
            Language::Ja if self.company.details.date_style == DateStyle::Japanese => japanese_era_date(date),
            Language::Ja => date.format("%Y年%-m月%-d日").to_string(),
            Language::En => date.format("%-d %B %Y").to_string(),
        }
    }

    /// An instant written for the reader and, after it, the same moment in UTC — for readers in
    /// another zone (the GDPR notices).
    pub fn instant_and_utc(&self, at: &DateTime<FixedOffset>) -> String {
        let utc = at.with_timezone(&chrono::Utc);
        let utc = match self.language {
            Language::Ja => format!("{} {} UTC", utc.format("%Y-%m-%d"), utc.format("%H:%M")),
            Language::En => format!("{} UTC", utc.format("%-d %B %Y, %H:%M")),
        };
        self.words().fill("instant_and_utc", &[("local", &self.instant(at)), ("utc", &utc)])
    }

    /// An instant written for the reader, always with its zone: read in Europe, a bare 09:15
    /// would be taken as 8 hours later.
    pub fn instant(&self, at: &DateTime<FixedOffset>) -> String {
        let time = at.format("%H:%M");
        let zone = match at.offset().local_minus_utc() == 9 * 3600 {
            true => self.text("japan_time").to_owned(),
            false => at.format("UTC%:z").to_string(),
        };
        match self.language {
            Language::Ja => format!("{} {time}（{zone}）", self.date(at.date_naive())),
            Language::En => format!("{}, {time} ({zone})", self.date(at.date_naive())),
        }
    }

    /// `text`, or 「調査中」 / "Under investigation" when it is empty.
    pub fn known(&self, text: &str) -> String {
        if text.trim().is_empty() {
            self.text("unknown").to_owned()
        } else {
            text.trim().to_owned()
        }
    }

    /// A number of people as the reader writes it: 1,180人 / 1,180 people.
    pub fn people(&self, count: u64) -> String {
        self.words().fill("people", &[("count", &grouped(count))])
    }
}

/// A whole number with its thousands grouped by commas: 1,386,000.
pub fn grouped(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// A date in the Japanese era calendar (和暦): 令和8年12月25日, 令和元年5月1日 for the first year.
/// Eras from 明治 on; an earlier date keeps the Western year.
pub fn japanese_era_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    // (era, first day) — 令和 from 2019-05-01, 平成 from 1989-01-08, 昭和 from 1926-12-25, 大正
    // from 1912-07-30, 明治 (solar calendar) from 1873-01-01.
    const ERAS: [(&str, i32, u32, u32); 5] =
        [("令和", 2019, 5, 1), ("平成", 1989, 1, 8), ("昭和", 1926, 12, 25), ("大正", 1912, 7, 30), ("明治", 1873, 1, 1)];
    let era = ERAS.iter().find(|(_, y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d).is_some_and(|first| date >= first));
    match era {
        Some((name, first_year, _, _)) => {
            let year = date.year() - first_year + 1;
            let year = if year == 1 { "元".to_owned() } else { year.to_string() };
            format!("{name}{year}年{}月{}日", date.month(), date.day())
        }
        None => date.format("%Y年%-m月%-d日").to_string(),
    }
}
