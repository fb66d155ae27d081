//! 顧問先一覧 — a consultant's clients at a glance: every company file in the folders they keep,
//! each read without being opened for writing, with what needs attention (docs/rules.md §15).
//!
//! A file is read the way `check` and `sonae-cli export` read one: a read-only connection that
//! leaves nothing beside the file, an older file through an upgraded copy in memory, a newer or
//! damaged one refused with its reason and left as it is, a protected one read only with its
//! passphrase. Nothing about a client is written anywhere.

use crate::store::Db;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::company_file::{CompanyFile, Passphrase, SCHEMA_VERSION};
use crate::error_code::ErrorCode;
use crate::readiness::{ReadinessState, ReadinessTask};
use crate::store::{Result, StoreError};

/// The file extension of company files.
pub const EXTENSION: &str = "sonae";

/// How close an open incident's nearest deadline is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DeadlineUrgency {
    /// Past.
    Overdue,
    /// Within 24 hours.
    Within24Hours,
    Later,
}

crate::keys::keyed!(DeadlineUrgency);

/// What a consultant needs to know of one client, read from its file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClientReadiness {
    pub company_name: String,
    pub open_incidents: i64,
    /// The soonest deadline of an open incident's report (a date or an RFC 3339 instant).
    pub nearest_deadline: Option<String>,
    pub deadline_urgency: Option<DeadlineUrgency>,
    /// That soonest date is a 速報's target (目安), not a legal deadline: shown amber, never red.
    pub nearest_deadline_is_target: bool,
    /// Contacts not confirmed within the company's interval.
    pub stale_contacts: i64,
    #[ts(type = "string | null")]
    pub last_exercise: Option<NaiveDate>,
    pub exercise_state: ReadinessState,
    /// Follow-up actions of exercises past their due date and not done.
    pub overdue_follow_ups: i64,
    #[ts(type = "string | null")]
    pub policy_reviewed_on: Option<NaiveDate>,
    pub policy_review_state: ReadinessState,
    pub roles_without_holder: i64,
}

impl ClientReadiness {
    /// How much needs attention, for "needs attention first": an overdue report outweighs
    /// everything, then a report due within a day, then each other gap.
    pub fn attention(&self) -> u32 {
        // A 速報 target passed or near is urgent, but no legal deadline has passed.
        let deadline = match (self.deadline_urgency, self.nearest_deadline_is_target) {
            (Some(DeadlineUrgency::Overdue), false) => 1000,
            (Some(DeadlineUrgency::Overdue | DeadlineUrgency::Within24Hours), _) => 500,
            _ => 0,
        };
        let overdue = |state| u32::from(state == ReadinessState::Overdue);
        deadline
            + 10 * self.overdue_follow_ups.min(10) as u32
            + 5 * self.roles_without_holder.min(10) as u32
            + 5 * overdue(self.exercise_state)
            + 5 * overdue(self.policy_review_state)
            + u32::from(self.stale_contacts > 0)
    }
}

/// Where a client's file stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClientState {
    Ready {
        readiness: ClientReadiness,
    },
    /// Written by an older Sonae: read through an upgraded copy; opening it upgrades it.
    Older {
        from_version: i32,
        readiness: ClientReadiness,
    },
    /// Protected by a passphrase not given yet (or not the right one, with `wrong`).
    Locked {
        wrong: bool,
    },
    /// Not readable: damaged, from a newer Sonae, not a company file. Left as it is.
    Problem {
        code: ErrorCode,
        message: String,
    },
}

/// One row of the portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClientRow {
    pub path: String,
    pub file_name: String,
    pub folder: String,
    #[ts(type = "string | null")]
    pub modified: Option<DateTime<FixedOffset>>,
    pub size: u64,
    pub state: ClientState,
    /// For this PC's copy of a server company: the server it is a copy of (the row is that
    /// company as of the copy, unlocked with the password of its last connection).
    pub server: Option<crate::workspace::ServerPlace>,
    /// How much needs attention when it was read ("needs attention first" sorts by it): an
    /// overdue report most, a file that cannot be read needs a look too, a locked one is unknown.
    pub attention: u32,
}

fn attention_of(state: &ClientState) -> u32 {
    match state {
        ClientState::Ready { readiness } | ClientState::Older { readiness, .. } => readiness.attention(),
        ClientState::Locked { .. } => 0,
        ClientState::Problem { .. } => 50,
    }
}

/// The folders the consultant added and the company files found in them and among the recent
/// files, as the portfolio screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PortfolioFiles {
    pub folders: Vec<String>,
    pub files: Vec<String>,
}

/// The company files directly in `folders` (not in their subfolders), then the `extra` files
/// (the recent files) not already listed; each once, folders' files sorted by name.
pub fn company_files(folders: &[PathBuf], extra: &[PathBuf]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else { continue };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION)))
            .collect();
        files.sort();
        found.extend(files);
    }
    for path in extra {
        if path.is_file() {
            found.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    found
}

/// The size and modification time that tell whether a file changed since it was read.
pub fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Reads one client's file as of `now`, with its passphrase if one was given.
pub fn read_client(path: &Path, passphrase: Option<&Passphrase>, now: DateTime<Local>) -> ClientRow {
    let (size, modified) = match stamp(path) {
        Some((size, modified)) => (size, Some(DateTime::<Local>::from(modified).fixed_offset())),
        None => (0, None),
    };
    let state = match read_state(path, passphrase, now) {
        Ok(state) => state,
        Err(StoreError::PassphraseRequired { .. }) => ClientState::Locked { wrong: false },
        Err(StoreError::WrongPassphrase { .. }) => ClientState::Locked { wrong: true },
        Err(e) => ClientState::Problem { code: e.code(), message: e.to_string() },
    };
    ClientRow {
        path: path.display().to_string(),
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        folder: path.parent().map(|p| p.display().to_string()).unwrap_or_default(),
        modified,
        size,
        attention: attention_of(&state),
        state,
        server: None,
    }
}

fn read_state(path: &Path, passphrase: Option<&Passphrase>, now: DateTime<Local>) -> Result<ClientState> {
    let (file, version) = CompanyFile::open_to_read_with_version(path, passphrase)?;
    let readiness = client_readiness(file.connection(), now)?;
    Ok(if version < SCHEMA_VERSION {
        ClientState::Older { from_version: version, readiness }
    } else {
        ClientState::Ready { readiness }
    })
}

/// When a deadline written as a date (the end of that day, local time) or an instant falls.
fn deadline_instant(due: &str) -> Option<DateTime<Local>> {
    if let Ok(day) = NaiveDate::parse_from_str(due, "%Y-%m-%d") {
        return Local.from_local_datetime(&day.and_hms_opt(23, 59, 59)?).earliest();
    }
    DateTime::parse_from_rfc3339(due).ok().map(|at| at.with_timezone(&Local))
}

/// How close `due` is at `now`.
pub fn urgency(due: &str, now: DateTime<Local>) -> DeadlineUrgency {
    match deadline_instant(due) {
        Some(at) if at < now => DeadlineUrgency::Overdue,
        Some(at) if at - now <= chrono::Duration::hours(24) => DeadlineUrgency::Within24Hours,
        // A deadline that cannot be read is treated as due now: look at it.
        None => DeadlineUrgency::Overdue,
        Some(_) => DeadlineUrgency::Later,
    }
}

/// The readiness of the company file behind `conn` as of `now`.
pub fn client_readiness(conn: &dyn Db, now: DateTime<Local>) -> Result<ClientReadiness> {
    let today = now.date_naive();
    let home = crate::home::home_summary(conn, Some(today))?;
    let nearest = home
        .open_incidents
        .iter()
        .filter_map(|i| i.next_deadline.clone().map(|due| (due, i.next_deadline_is_target)))
        .min_by_key(|(due, target)| (deadline_instant(due).map(|at| at.timestamp()).unwrap_or(i64::MIN), *target));
    let (nearest_deadline, nearest_deadline_is_target) = match nearest {
        Some((due, target)) => (Some(due), target),
        None => (None, false),
    };
    let item = |task| home.readiness.items.iter().find(|i| i.task == task).cloned();
    let exercise = item(ReadinessTask::Exercise);
    let policy = item(ReadinessTask::PolicyReview);
    let overdue_follow_ups = home.readiness.follow_ups.iter().filter(|f| f.state == ReadinessState::Overdue).count() as i64;
    let roles_without_holder = crate::readiness::summary::roles_without_holder(conn)?.len() as i64;
    Ok(ClientReadiness {
        company_name: home.company.name,
        open_incidents: home.open_incident_count,
        deadline_urgency: nearest_deadline.as_deref().map(|due| urgency(due, now)),
        nearest_deadline,
        nearest_deadline_is_target,
        stale_contacts: home.stale_contact_count,
        last_exercise: exercise.as_ref().and_then(|i| i.last_done),
        exercise_state: exercise.map_or(ReadinessState::Overdue, |i| i.state),
        overdue_follow_ups,
        policy_reviewed_on: policy.as_ref().and_then(|i| i.last_done),
        policy_review_state: policy.map_or(ReadinessState::Overdue, |i| i.state),
        roles_without_holder,
    })
}

/// Rows with the most to attend to first; equal ones by company or file name.
pub fn needs_attention_first(rows: &mut [ClientRow]) {
    let name = |row: &ClientRow| match &row.state {
        ClientState::Ready { readiness } | ClientState::Older { readiness, .. } => readiness.company_name.clone(),
        ClientState::Locked { .. } | ClientState::Problem { .. } => row.file_name.clone(),
    };
    rows.sort_by(|a, b| b.attention.cmp(&a.attention).then_with(|| name(a).cmp(&name(b))));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    #[test]
    fn a_deadline_is_overdue_after_its_day_and_urgent_within_a_day() {
        let now = Local.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
        assert_eq!(urgency("2026-11-28", now), DeadlineUrgency::Overdue);
        assert_eq!(urgency("2026-11-29", now), DeadlineUrgency::Within24Hours, "due by the end of today");
        assert_eq!(urgency("2026-11-30", now), DeadlineUrgency::Later);
        let in_20_hours = (now + chrono::Duration::hours(20)).to_rfc3339();
        assert_eq!(urgency(&in_20_hours, now), DeadlineUrgency::Within24Hours);
        assert_eq!(urgency("not a date", now), DeadlineUrgency::Overdue);
    }

    #[test]
    fn a_passed_target_needs_attention_but_weighs_less_than_a_passed_deadline() {
        let readiness = |urgency, target| ClientReadiness {
            company_name: "x".into(),
            open_incidents: 1,
            nearest_deadline: Some("2026-11-28".into()),
            deadline_urgency: Some(urgency),
            nearest_deadline_is_target: target,
            stale_contacts: 0,
            last_exercise: None,
            exercise_state: ReadinessState::Done,
            overdue_follow_ups: 0,
            policy_reviewed_on: None,
            policy_review_state: ReadinessState::Done,
            roles_without_holder: 0,
        };
        assert_eq!(readiness(DeadlineUrgency::Overdue, false).attention(), 1000);
        assert_eq!(readiness(DeadlineUrgency::Overdue, true).attention(), 500);
        assert_eq!(readiness(DeadlineUrgency::Within24Hours, true).attention(), 500);
        assert_eq!(readiness(DeadlineUrgency::Later, true).attention(), 0);
    }

    #[test]
    fn each_kind_of_file_reads_as_its_state_and_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let now = Local::now();
        let demo = dir.path().join("demo.sonae");
        drop(CompanyFile::create_demo(&demo, Language::Ja).unwrap());
        let damaged = dir.path().join("damaged.sonae");
        std::fs::write(&damaged, b"this is not a company file at all, just some bytes in a file").unwrap();
        let protected = dir.path().join("protected.sonae");
        let passphrase = Passphrase::new("correct horse battery");
        CompanyFile::create_demo(&protected, Language::En).unwrap().set_passphrase(Some(&passphrase)).unwrap();
        let older = dir.path().join("older.sonae");
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/v1-demo.sonae"), &older).unwrap();
        let newer = dir.path().join("newer.sonae");
        std::fs::copy(&demo, &newer).unwrap();
        rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not listed").unwrap();

        let files = company_files(&[dir.path().to_owned()], std::slice::from_ref(&demo));
        assert_eq!(files.len(), 5, "five .sonae files, the demo once although also recent: {files:?}");
        let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
        let rows: Vec<ClientRow> = files.iter().map(|f| read_client(f, None, now)).collect();
        let by_name = |name: &str| rows.iter().find(|r| r.file_name == name).unwrap();
        let ClientState::Ready { readiness } = &by_name("demo.sonae").state else { panic!("{:?}", by_name("demo.sonae")) };
        assert_eq!(readiness.company_name, "株式会社さくら設計事務所");
        assert!(readiness.open_incidents >= 1 && readiness.stale_contacts > 0);
        assert!(readiness.last_exercise.is_some());
        assert_eq!(by_name("protected.sonae").state, ClientState::Locked { wrong: false });
        assert!(
            matches!(by_name("damaged.sonae").state, ClientState::Problem { code: ErrorCode::NotACompanyFile, .. }),
            "{:?}",
            by_name("damaged.sonae")
        );
        assert!(matches!(by_name("newer.sonae").state, ClientState::Problem { code: ErrorCode::NewerVersion, .. }));
        assert!(
            matches!(by_name("older.sonae").state, ClientState::Older { from_version: 1, .. }),
            "{:?}",
            by_name("older.sonae")
        );
        let wrong = read_client(&protected, Some(&Passphrase::new("wrong words here")), now);
        assert_eq!(wrong.state, ClientState::Locked { wrong: true });
        let unlocked = read_client(&protected, Some(&passphrase), now);
        assert!(matches!(unlocked.state, ClientState::Ready { .. }), "{unlocked:?}");

        let after: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
        assert!(before == after, "every file is byte-identical afterwards");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with("-wal") || n.ends_with("-shm") || n.ends_with("-journal"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
