//! The 事業継続力強化計画 application draft: the sections of the single-company form's 別紙 in
//! their order and with their headings (docs/rules.md §14), filled from the company profile, the
//! ジギョケイ answers, the policy's roles, the BCP's targets and the readiness calendar. The
//! application is Japanese, so the draft is always Japanese; its wording is part of the form and
//! lives here rather than in the ja/en catalogue. Empty fields read 「未記入」.

use crate::store::Db;
use chrono::NaiveDate;

use super::drafts::{Draft, Part};
use super::{Context, RenderError};
use crate::bcp::jigyokei::{self, MeasureKind};
use crate::readiness::{self, ReadinessTask};

/// What an empty field prints.
pub const NOT_WRITTEN: &str = "未記入";

/// The section headings in the order of the form; the plain-text sections follow them.
pub const HEADINGS: [&str; 6] = [
    "1 名称等",
    "2 事業継続力強化の目標",
    "3 事業継続力強化の内容",
    "4 実施期間",
    "5 事業継続力強化を実施するために必要な資金の額及びその調達方法",
    "6 事業継続力強化の実施に協力する者の名称及びその協力の内容",
];

fn or_not_written(text: &str) -> String {
    if text.trim().is_empty() {
        NOT_WRITTEN.to_owned()
    } else {
        text.trim().to_owned()
    }
}

fn ja_date(date: NaiveDate) -> String {
    date.format("%Y年%-m月%-d日").to_string()
}

fn yen(amount: u64) -> String {
    format!("{}円", super::context::grouped(amount))
}

/// The measures' kinds as the form's (2) names them.
fn measure_heading(kind: MeasureKind) -> &'static str {
    match kind {
        MeasureKind::People => "A 人員体制の整備（ヒト）",
        MeasureKind::Goods => "B 設備・機械・装置の導入（モノ）",
        MeasureKind::Money => "C 資金調達手段の確保（カネ）",
        MeasureKind::Information => "D 重要情報の保護（情報）",
    }
}

/// The draft, written as of `today`.
pub fn draft(conn: &dyn Db, context: &Context, today: NaiveDate) -> Result<Draft, RenderError> {
    let plan = jigyokei::jigyokei(conn)?;
    let policy = crate::policy::read::policy(conn)?;
    let bcp = crate::bcp::bcp(conn)?;
    let calendar = readiness::readiness(conn, today)?;
    let company = context.company;
    let details = &company.details;
    let mut parts = Vec::new();
    let field = |label: &str, value: String| Part::Field { label: label.to_owned(), value };
    let table = |columns: &[(&str, f32)], rows: Vec<Vec<String>>| Part::Table {
        columns: columns.iter().map(|(title, share)| ((*title).to_owned(), *share)).collect(),
        rows,
    };

    parts.push(Part::Heading(HEADINGS[0].to_owned()));
    let rows = [
        ("事業者の氏名又は名称", company.name.clone()),
        ("フリガナ", or_not_written(&plan.name_kana)),
        ("代表者の役職名及び氏名", or_not_written(&details.representative)),
        ("資本金又は出資の額", or_not_written(&plan.capital)),
        ("常時使用する従業員の数", plan.employees.map_or(NOT_WRITTEN.to_owned(), |n| format!("{n}人"))),
        ("業種", or_not_written(&details.business_type)),
        ("法人番号", or_not_written(&details.corporate_number)),
        ("所在地", or_not_written(&details.address)),
    ];
    parts.push(table(&[("項目", 3.0), ("内容", 6.0)], rows.into_iter().map(|(k, v)| vec![k.to_owned(), v]).collect()));

    parts.push(Part::Heading(HEADINGS[1].to_owned()));
    parts.push(field(
        "自社の事業活動の概要",
        format!(
            "{}\n【サプライチェーン・地域経済における役割】{}",
            or_not_written(&plan.business_overview),
            or_not_written(&plan.supply_chain_role)
        ),
    ));
    parts.push(field("事業継続力強化に取り組む目的", or_not_written(&plan.purpose)));
    let covered = match (plan.covers_natural, plan.covers_infection) {
        (true, true) => "自然災害及び感染症等",
        (true, false) => "自然災害",
        (false, true) => "感染症等",
        (false, false) => NOT_WRITTEN,
    };
    let cyber = if plan.covers_cyber { "（サイバー攻撃を含む）" } else { "" };
    parts.push(field("対象とする自然災害等", format!("{covered}{cyber}")));
    let site_rows: Vec<Vec<String>> = plan
        .sites
        .iter()
        .map(|s| {
            vec![
                or_not_written(&s.name),
                or_not_written(&s.address),
                or_not_written(&s.earthquake),
                or_not_written(&s.flood),
                or_not_written(&s.landslide),
                or_not_written(&s.tsunami),
            ]
        })
        .collect();
    parts.push(Part::Paragraph("【災害等のリスクの認識】拠点ごとの自然災害の想定（市町村のハザードマップ等による）".into()));
    parts.push(table(
        &[("拠点", 1.4), ("所在地", 2.4), ("地震", 1.3), ("洪水・浸水", 1.3), ("土砂災害", 1.3), ("津波", 1.3)],
        if site_rows.is_empty() { vec![vec![NOT_WRITTEN.to_owned(); 6]] } else { site_rows },
    ));
    if plan.covers_cyber {
        parts.push(field("サイバー攻撃等のリスク", or_not_written(&plan.cyber_risks)));
    }
    parts.push(table(
        &[("影響を受ける経営資源", 2.6), ("自然災害等の発生が事業活動に与える影響", 6.4)],
        vec![
            vec!["人員（ヒト）".into(), or_not_written(&plan.impact_people)],
            vec!["建物・設備（モノ）".into(), or_not_written(&plan.impact_goods)],
            vec!["資金繰り（カネ）".into(), or_not_written(&plan.impact_money)],
            vec!["情報".into(), or_not_written(&plan.impact_information)],
        ],
    ));

    parts.push(Part::Heading(HEADINGS[2].to_owned()));
    parts.push(Part::Paragraph("(1) 自然災害等が発生した場合における対応手順".into()));
    let roles: Vec<String> = policy
        .roles
        .iter()
        .filter_map(|role| {
            let holder = role.holder.as_ref()?;
            let deputies: Vec<&str> = role.deputies.iter().map(|d| d.name.as_str()).collect();
            Some(if deputies.is_empty() {
                format!("{}：{}", role.name, holder.name)
            } else {
                format!("{}：{}（代行 {}）", role.name, holder.name, deputies.join("、"))
            })
        })
        .collect();
    let organisation = [plan.emergency_organisation.trim().to_owned(), roles.join("\n")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let owners: Vec<String> = bcp
        .targets
        .iter()
        .map(|t| {
            let owner = [t.recovery_role.clone(), t.recovery_contact.as_ref().map(|c| c.name.clone())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("・");
            format!("{}：{}", t.name, if owner.is_empty() { NOT_WRITTEN.to_owned() } else { owner })
        })
        .collect();
    let sharing = [plan.damage_sharing.trim().to_owned(), owners.join("\n")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    parts.push(table(
        &[("項目", 2.4), ("初動対応の内容", 6.6)],
        vec![
            vec!["人命の安全確保（避難方法）".into(), or_not_written(&plan.evacuation)],
            vec!["人命の安全確保（安否確認）".into(), or_not_written(&plan.safety_check)],
            vec!["非常時の緊急時体制の構築".into(), or_not_written(&organisation)],
            vec!["被害状況の把握・被害情報の共有".into(), or_not_written(&sharing)],
        ],
    ));
    parts.push(Part::Paragraph("(2) 事業継続力強化に資する対策及び取組".into()));
    let mut measure_rows = Vec::new();
    for &kind in MeasureKind::ALL {
        let of_kind: Vec<_> = plan.measures.iter().filter(|m| m.kind == kind).collect();
        if of_kind.is_empty() {
            measure_rows.push(vec![measure_heading(kind).to_owned(), NOT_WRITTEN.to_owned(), String::new(), String::new()]);
        }
        for measure in of_kind {
            measure_rows.push(vec![
                measure_heading(kind).to_owned(),
                measure.content.clone(),
                or_not_written(&measure.timing),
                measure.cost_yen.map(|c| yen(c.into())).unwrap_or_else(|| "―".into()),
            ]);
        }
    }
    parts.push(table(&[("区分", 2.2), ("対策の内容", 4.2), ("実施時期", 1.4), ("費用", 1.2)], measure_rows));
    parts.push(Part::Paragraph("(3) 事業継続力強化の実効性を確保するための取組".into()));
    let chief = policy.roles.first().and_then(|r| r.holder.as_ref().map(|h| (r.name.clone(), h.name.clone())));
    let promotion = if plan.promotion.trim().is_empty() {
        chief
            .map(|(role, name)| format!("{role}の{name}が自ら指揮し、平時の取組の進み具合を年1回以上確かめる。"))
            .unwrap_or_default()
    } else {
        plan.promotion.trim().to_owned()
    };
    let item = |task| calendar.items.iter().find(|i| i.task == task);
    let exercise = item(ReadinessTask::Exercise);
    let training = if !plan.training_plan.trim().is_empty() {
        plan.training_plan.trim().to_owned()
    } else {
        match (exercise, bcp.exercises.first()) {
            (Some(item), Some(last)) => format!(
                "{}か月ごとに（年1回以上）訓練を行う。直近の訓練：{}{}。",
                item.interval_months,
                ja_date(last.held_on),
                last.scenario.as_deref().map(|s| format!("（{s}）")).unwrap_or_default()
            ),
            _ => String::new(),
        }
    };
    let review = if !plan.review_plan.trim().is_empty() {
        plan.review_plan.trim().to_owned()
    } else {
        match item(ReadinessTask::BcpReview) {
            Some(item) if item.last_done.is_some() => format!(
                "{}か月ごとに（年1回以上）計画を見直す。直近の見直し：{}。",
                item.interval_months,
                item.last_done.map(ja_date).unwrap_or_default()
            ),
            _ => String::new(),
        }
    };
    parts.push(table(
        &[("取組", 2.4), ("内容", 6.6)],
        vec![
            vec!["① 平時の推進体制の整備".into(), or_not_written(&promotion)],
            vec!["② 訓練及び教育の実施".into(), or_not_written(&training)],
            vec!["③ 計画の見直し".into(), or_not_written(&review)],
        ],
    ));

    parts.push(Part::Heading(HEADINGS[3].to_owned()));
    parts.push(Part::Paragraph(match plan.period() {
        Some((start, end)) => format!("{} ～ {}", ja_date(start), ja_date(end)),
        None => NOT_WRITTEN.to_owned(),
    }));

    parts.push(Part::Heading(HEADINGS[4].to_owned()));
    let costed: Vec<_> = plan.measures.iter().filter(|m| m.cost_yen.is_some()).collect();
    let total: u64 = costed.iter().filter_map(|m| m.cost_yen).map(u64::from).sum();
    let mut money_rows: Vec<Vec<String>> = costed
        .iter()
        .map(|m| vec![m.content.clone(), or_not_written(&m.timing), m.cost_yen.map(|c| yen(c.into())).unwrap_or_default()])
        .collect();
    money_rows.push(vec!["合計".into(), String::new(), yen(total)]);
    parts.push(table(&[("実施事項", 5.2), ("使用時期", 1.8), ("金額", 2.0)], money_rows));
    parts.push(field("資金の調達方法", or_not_written(&plan.funding)));

    parts.push(Part::Heading(HEADINGS[5].to_owned()));
    if plan.partners.is_empty() {
        parts.push(Part::Paragraph("なし".into()));
    } else {
        parts.push(table(
            &[("名称", 3.0), ("協力の内容", 6.0)],
            plan.partners.iter().map(|p| vec![p.name.clone(), or_not_written(&p.role)]).collect(),
        ));
    }

    Ok(Draft {
        title: "事業継続力強化計画 申請内容の下書き（単独型・別紙）".into(),
        note: format!(
            "{}の事業継続計画から、申請書の別紙の順に書き出した下書きです（{}時点）。申請は電子申請で行います。各欄を申請画面に写してください。「{NOT_WRITTEN}」の欄は、事業継続計画の画面の「ジギョケイ」で入力できます。",
            company.name,
            ja_date(today)
        ),
        parts,
    })
}

/// The draft's plain text cut at its section headings, for "copy" per section.
pub fn sections(draft: &Draft) -> Vec<(String, String)> {
    let text = draft.to_text();
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("■ ").filter(|h| HEADINGS.contains(h)) {
            sections.push((heading.to_owned(), String::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    for (_, body) in &mut sections {
        *body = body.trim().to_owned();
    }
    sections
}
