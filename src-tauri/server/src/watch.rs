//! Changes made on other PCs, told to this one as soon as they are committed, so that an open
//! screen shows them without being opened again (DEVELOPMENT.md, "Changes on other PCs").
//!
//! Every statement that changes a company table notifies the channel [`CHANNEL`] with the table's
//! name (PostgreSQL's `NOTIFY`, sent only when the transaction commits, once per table). A
//! [`ChangeWatcher`] listens on a connection of its own, on a thread of its own, and counts what
//! changed by [`ChangedPart`]; the window asks it every few seconds. Its own PC's changes are left
//! out: the screen that made them already shows them.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use sonae_core::workspace::{ChangedPart, CompanyChanges};

use crate::{Result, ServerAddress};

/// The channel the changes are told on.
pub const CHANNEL: &str = "sonae_change";

/// How long the watcher waits for a notification before looking whether it should stop.
const POLL: Duration = Duration::from_millis(250);

/// How long it waits before connecting again after losing its connection.
const RECONNECT_AFTER: Duration = Duration::from_secs(2);

/// The part of the company a table holds; `None` for the change history, which every change
/// writes beside its own table.
pub fn part_of(table: &str) -> Option<ChangedPart> {
    Some(match table {
        "company" => ChangedPart::Company,
        "role" | "role_holder" | "level" | "category" | "procedure" | "procedure_step" | "checklist" | "checklist_item"
        | "authority" => ChangedPart::Policy,
        "bcp_scenario"
        | "bcp_target"
        | "bcp_target_contact"
        | "bcp_exercise"
        | "bcp_exercise_confirmation"
        | "jigyokei"
        | "jigyokei_measure"
        | "jigyokei_partner"
        | "jigyokei_site" => ChangedPart::Bcp,
        "contact" | "contact_email" | "contact_phone" | "contact_tag" => ChangedPart::Contacts,
        "incident" | "incident_call" | "incident_task" | "timeline_entry" | "timeline_copy" | "obligation" | "letter"
        | "near_miss" => ChangedPart::Incidents,
        "exercise_scenario"
        | "exercise_scenario_inject"
        | "exercise_run"
        | "exercise_run_call"
        | "exercise_run_inject"
        | "exercise_follow_up" => ChangedPart::Exercises,
        "sonae_person" => ChangedPart::People,
        _ => return None,
    })
}

/// Makes every company table notify [`CHANNEL`] of the statements that change it, in `tx`. Safe
/// to run again (`schema` runs it with every creation or upgrade).
pub(crate) fn set_up(tx: &mut postgres::Transaction<'_>) -> Result<()> {
    let tables = tx.query(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        &[],
    )?;
    let mut sql = format!(
        "CREATE OR REPLACE FUNCTION sonae_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
           RETURN NULL;
         END $$;"
    );
    for table in tables.iter().map(|row| row.get::<_, String>(0)).filter(|t| part_of(t).is_some()) {
        sql.push_str(&format!(
            "DROP TRIGGER IF EXISTS {table}_notify_change ON {table};
             CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
               FOR EACH STATEMENT EXECUTE FUNCTION sonae_notify_change();"
        ));
    }
    tx.batch_execute(&sql)?;
    Ok(())
}

/// What the watcher has seen: how many changes, and at which count each part last changed.
#[derive(Default)]
struct Seen {
    generation: u64,
    parts: BTreeMap<ChangedPart, u64>,
}

impl Seen {
    fn changed(&mut self, parts: impl IntoIterator<Item = ChangedPart>) {
        self.generation += 1;
        for part in parts {
            self.parts.insert(part, self.generation);
        }
    }
}

struct Shared {
    stop: AtomicBool,
    /// The server process of this PC's own connection, whose changes are not told back.
    own_backend: Arc<AtomicI32>,
    seen: Mutex<Seen>,
}

/// Listens for the changes other PCs make to one server company, until dropped.
pub struct ChangeWatcher {
    shared: Arc<Shared>,
}

impl ChangeWatcher {
    /// Starts listening on a connection of its own to `address`; changes made through the
    /// connection whose server process is `own_backend` are left out.
    pub(crate) fn start(address: ServerAddress, own_backend: Arc<AtomicI32>) -> ChangeWatcher {
        let shared = Arc::new(Shared { stop: AtomicBool::new(false), own_backend, seen: Mutex::default() });
        let watching = Arc::clone(&shared);
        // If the thread cannot start, the screens are only read again when opened, as on a file.
        let _ = std::thread::Builder::new().name("sonae-server-watch".into()).spawn(move || listen(&address, &watching));
        ChangeWatcher { shared }
    }

    /// The parts changed on other PCs since `generation` (0: since the watcher started; a count
    /// this watcher never reached, another watcher's, counts as 0).
    pub fn changes_since(&self, generation: u64) -> CompanyChanges {
        let seen = lock(&self.shared);
        let generation = if generation > seen.generation { 0 } else { generation };
        let parts = seen.parts.iter().filter(|(_, &at)| at > generation).map(|(&part, _)| part).collect();
        CompanyChanges { generation: seen.generation, parts }
    }
}

impl Drop for ChangeWatcher {
    fn drop(&mut self) {
        // The thread sees it within `POLL` and closes its connection.
        self.shared.stop.store(true, Ordering::Relaxed);
    }
}

/// The watcher's thread: listens, and connects again after a lost connection, until stopped.
fn listen(address: &ServerAddress, shared: &Shared) {
    let stopped = || shared.stop.load(Ordering::Relaxed);
    let mut first = true;
    while !stopped() {
        let Ok(mut client) = address.connect() else {
            wait(RECONNECT_AFTER, &stopped);
            continue;
        };
        if client.batch_execute(&format!("LISTEN {CHANNEL}")).is_err() {
            wait(RECONNECT_AFTER, &stopped);
            continue;
        }
        if !first {
            // What changed while the connection was away was not told: every part may have.
            lock(shared).changed(ChangedPart::ALL.iter().copied());
        }
        first = false;
        while !stopped() {
            // A timed-out iterator is spent: each wait takes a new one.
            match client.notifications().timeout_iter(POLL).next() {
                Ok(Some(notification)) => {
                    if notification.process_id() == shared.own_backend.load(Ordering::Relaxed) {
                        continue;
                    }
                    if let Some(part) = part_of(notification.payload()) {
                        lock(shared).changed([part]);
                    }
                }
                Ok(None) => {}
                Err(_) => break,
            }
        }
    }
}

fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, Seen> {
    shared.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Sleeps `duration` in short steps, returning early when `stopped`.
fn wait(duration: Duration, stopped: &impl Fn() -> bool) {
    let step = POLL.min(duration);
    let mut waited = Duration::ZERO;
    while waited < duration && !stopped() {
        std::thread::sleep(step);
        waited += step;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::area_of;

    #[test]
    fn every_table_anyone_may_change_belongs_to_a_part_but_the_history() {
        for table in crate::people::tests::company_file_tables() {
            let expected = area_of(&table).is_some() && table != "change_log";
            assert_eq!(part_of(&table).is_some(), expected, "{table}");
        }
    }

    #[test]
    fn the_window_is_told_each_part_changed_since_it_last_asked() {
        let mut seen = Seen::default();
        seen.changed([ChangedPart::Contacts]);
        seen.changed([ChangedPart::Incidents]);
        seen.changed([ChangedPart::Contacts]);
        let watcher = ChangeWatcher {
            shared: Arc::new(Shared { stop: AtomicBool::new(true), own_backend: Arc::default(), seen: Mutex::new(seen) }),
        };
        let all = watcher.changes_since(0);
        assert_eq!(all, CompanyChanges { generation: 3, parts: vec![ChangedPart::Contacts, ChangedPart::Incidents] });
        assert_eq!(watcher.changes_since(2).parts, [ChangedPart::Contacts]);
        assert_eq!(watcher.changes_since(3).parts, []);
        assert_eq!(watcher.changes_since(9).parts.len(), 2, "asked with another watcher's count");
    }
}
