//! What an incident records about the personal data it touched, for the drafts: the data items
//! (データの項目), whose data it is, and whether it leaked, was lost or damaged (漏えい・滅失・毀損).
//!
//! The PPC report (rule art. 8(1) item 2) and the notice to individuals (rule art. 10) must name
//! the data items; the notice is worded for the people it goes to and for what happened to their
//! data (docs/rules.md §11). Some items also answer assessment questions — health data is
//! 要配慮個人情報, card numbers put money at risk, My Numbers have their own report — so an item
//! ticked while its answer says "no" is a contradiction ([`DataItems::contradictions`]) that the
//! wizard points out and the store refuses, so that the two can never disagree.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::rules::DataAtRisk;

/// データの項目 — the kinds of personal data offices most often lose, in the order the wizard lists
/// them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DataItem {
    /// 氏名
    Name,
    /// 住所
    Address,
    /// 電話番号
    Phone,
    /// メールアドレス
    Email,
    /// 生年月日
    BirthDate,
    /// 性別
    Gender,
    /// 勤務先
    Employer,
    /// 口座情報
    BankAccount,
    /// カード番号
    CardNumber,
    /// ID・パスワード
    Credentials,
    /// 病歴・健康情報
    Health,
    /// マイナンバー
    MyNumber,
}

crate::keys::keyed!(DataItem);

/// The data items of one body of data (the company's own, or a client's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DataItems {
    pub items: Vec<DataItem>,
    /// その他: what else, as typed; `None` when その他 is not ticked.
    pub other: Option<String>,
}

/// An item ticked while the matching assessment answer says the opposite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Contradiction {
    /// 病歴・健康情報 ticked, but "sensitive data" (要配慮個人情報) answered no.
    HealthNotSensitive,
    /// カード番号 ticked, but "money could be stolen" answered no.
    CardNotFinancial,
    /// マイナンバー ticked, but "My Numbers were among the data" answered no.
    MyNumberNotInvolved,
}

impl DataItems {
    pub fn has(&self, item: DataItem) -> bool {
        self.items.contains(&item)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.other.as_deref().is_none_or(|o| o.trim().is_empty())
    }

    /// Where the items and the answers about the same data disagree. ID・パスワード is not one:
    /// only IDs that can pay or send money put money at risk, so that answer stays the office's.
    pub fn contradictions(&self, data: &DataAtRisk) -> Vec<Contradiction> {
        let mut found = Vec::new();
        if self.has(DataItem::Health) && !data.sensitive {
            found.push(Contradiction::HealthNotSensitive);
        }
        if self.has(DataItem::CardNumber) && !data.financial_damage_risk {
            found.push(Contradiction::CardNotFinancial);
        }
        let my_numbers = data.my_number_involved == Some(true)
            || data.my_number_subjects > 0
            || data.my_number_subjects_max.is_some()
            || data.my_number_public;
        if self.has(DataItem::MyNumber) && !my_numbers {
            found.push(Contradiction::MyNumberNotInvolved);
        }
        found
    }
}

/// Whose personal data it is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DataSubjectGroup {
    /// 顧客
    Customers,
    /// 従業員
    Employees,
    /// 取引先
    Partners,
    /// その他
    Others,
}

crate::keys::keyed!(DataSubjectGroup);

/// What happened to the data: 漏えい, 滅失 or 毀損 (PPC general guideline 3-5-1).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Harm {
    /// 漏えい — seen or taken by someone who should not have it.
    Leak,
    /// 滅失 — gone, with no copy left.
    Loss,
    /// 毀損 — changed or made unusable (encrypted by ransomware, overwritten).
    Damage,
}

crate::keys::keyed!(Harm);

/// The personal data an incident touched, as the reporting step records it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AffectedData {
    /// The items of the company's own data.
    pub own: DataItems,
    /// The items of data the company holds for a client (委託元).
    pub client: DataItems,
    pub whose: Vec<DataSubjectGroup>,
    pub harm: Vec<Harm>,
}

/// What the reporting step records beside the assessment facts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReportingDetails {
    pub data: AffectedData,
    /// The malware's name, or what it did on screen (IPA form).
    pub malware_name: String,
    /// How it was found (IPA form).
    pub how_found: String,
    /// The presumed route of infection or entry (IPA form).
    pub infection_route: String,
    /// What the IPA and JPCERT/CC forms ask about the machines and the attack.
    pub technical: TechnicalDetails,
}

/// What the IPA and JPCERT/CC forms ask about the machines and the attack, as far as the office
/// can tell: typed on the reporting step when malware or unauthorized access is involved; what is
/// left empty prints 調査中.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TechnicalDetails {
    /// The operating systems of the machines hit, with versions (IPA: 環境).
    pub os: String,
    /// The systems, servers or services affected.
    pub systems: String,
    /// How many PCs were hit, when known.
    pub pc_count: Option<u32>,
    /// 都道府県 where it happened; the company's own when empty.
    pub prefecture: String,
    /// IP addresses, host or domain names seen in the attack (JPCERT/CC).
    pub addresses_seen: String,
    /// Times from the logs, with their time zone (JPCERT/CC).
    pub log_times: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(items: &[DataItem]) -> DataItems {
        DataItems { items: items.to_vec(), other: None }
    }

    #[test]
    fn an_item_that_answers_a_question_contradicts_a_no() {
        let none = DataAtRisk::default();
        let all = items(&[DataItem::Health, DataItem::CardNumber, DataItem::MyNumber, DataItem::Credentials]);
        assert_eq!(
            all.contradictions(&none),
            [Contradiction::HealthNotSensitive, Contradiction::CardNotFinancial, Contradiction::MyNumberNotInvolved]
        );
        let answered =
            DataAtRisk { sensitive: true, financial_damage_risk: true, my_number_involved: Some(true), ..Default::default() };
        assert_eq!(all.contradictions(&answered), []);
    }

    #[test]
    fn a_my_number_count_or_posting_counts_as_my_numbers_involved() {
        let my_number = items(&[DataItem::MyNumber]);
        for data in [
            DataAtRisk { my_number_subjects: 3, ..Default::default() },
            DataAtRisk { my_number_subjects_max: Some(10), ..Default::default() },
            DataAtRisk { my_number_public: true, ..Default::default() },
        ] {
            assert_eq!(my_number.contradictions(&data), [], "{data:?}");
        }
    }

    #[test]
    fn answers_without_items_are_no_contradiction() {
        let data =
            DataAtRisk { sensitive: true, financial_damage_risk: true, my_number_involved: Some(true), ..Default::default() };
        assert_eq!(items(&[DataItem::Name]).contradictions(&data), []);
    }

    #[test]
    fn other_counts_as_an_item_only_with_text() {
        assert!(DataItems::default().is_empty());
        assert!(!DataItems { items: vec![], other: Some("会員番号".into()) }.is_empty());
        assert!(DataItems { items: vec![], other: Some("  ".into()) }.is_empty());
    }
}
