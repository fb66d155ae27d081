-- Schema v1 of a Sonae company file: the whole domain of DOMAIN.md §1–3.
-- Every table is STRICT; dates are ISO 8601 text (YYYY-MM-DD, or RFC 3339 with offset for instants).

-- The company itself. Exactly one row.
CREATE TABLE company (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    name                  TEXT NOT NULL,
    language              TEXT NOT NULL CHECK (language IN ('ja', 'en')),
    sector                TEXT NOT NULL DEFAULT 'general' CHECK (sector IN ('general', 'finance', 'medical', 'telecom')),
    prefecture            TEXT NOT NULL DEFAULT '',
    privacy_mark          INTEGER NOT NULL DEFAULT 0 CHECK (privacy_mark IN (0, 1)),
    isms_certified        INTEGER NOT NULL DEFAULT 0 CHECK (isms_certified IN (0, 1)),
    handles_personal_data INTEGER NOT NULL DEFAULT 1 CHECK (handles_personal_data IN (0, 1)),
    handles_my_number     INTEGER NOT NULL DEFAULT 0 CHECK (handles_my_number IN (0, 1)),
    handles_eu_data       INTEGER NOT NULL DEFAULT 0 CHECK (handles_eu_data IN (0, 1)),
    -- Contacts not confirmed for this many months are flagged on the home screen.
    stale_contact_months  INTEGER NOT NULL DEFAULT 12 CHECK (stale_contact_months > 0),
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
) STRICT;

-- People and organisations: the internal call tree, authorities, vendors, insurers, customers.
CREATE TABLE contact (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
    name              TEXT NOT NULL CHECK (length(name) > 0),
    name_kana         TEXT NOT NULL DEFAULT '',
    organization      TEXT NOT NULL DEFAULT '',
    title             TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    -- Position in the internal call tree (1 = called first); NULL for everyone else.
    call_order        INTEGER,
    last_confirmed_on TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX contact_call_order ON contact(call_order) WHERE call_order IS NOT NULL;

CREATE TABLE contact_phone (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    number     TEXT NOT NULL,
    emergency  INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1))
) STRICT;
CREATE INDEX contact_phone_contact ON contact_phone(contact_id);

CREATE TABLE contact_email (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL
) STRICT;
CREATE INDEX contact_email_contact ON contact_email(contact_id);

CREATE TABLE contact_tag (
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL CHECK (tag IN ('internal', 'authority', 'vendor', 'customer', 'insurer', 'other')),
    PRIMARY KEY (contact_id, tag)
) STRICT;

-- 対応体制: roles and who holds them (rank 0 = holder, 1.. = deputies in order).
CREATE TABLE role (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL
) STRICT;

CREATE TABLE role_holder (
    role_id    INTEGER NOT NULL REFERENCES role(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE RESTRICT,
    rank       INTEGER NOT NULL CHECK (rank >= 0),
    PRIMARY KEY (role_id, contact_id),
    UNIQUE (role_id, rank)
) STRICT;

-- 事故レベル 0–3.
CREATE TABLE level (
    level               INTEGER PRIMARY KEY CHECK (level BETWEEN 0 AND 3),
    name                TEXT NOT NULL,
    impact              TEXT NOT NULL,
    responsible_role_id INTEGER REFERENCES role(id) ON DELETE SET NULL
) STRICT;

-- インシデントの区分: leak, tampering (incl. destruction and outage), malware.
CREATE TABLE category (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL
) STRICT;

-- 対応手順: one procedure per category × level, a note and ordered steps.
CREATE TABLE procedure (
    id          INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
    level       INTEGER NOT NULL REFERENCES level(level),
    note        TEXT NOT NULL DEFAULT '',
    UNIQUE (category_id, level)
) STRICT;

CREATE TABLE procedure_step (
    id           INTEGER PRIMARY KEY,
    procedure_id INTEGER NOT NULL REFERENCES procedure(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL,
    role_id      INTEGER REFERENCES role(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX procedure_step_procedure ON procedure_step(procedure_id, position);

-- 初期対応チェックリスト: one per case the wizard offers.
CREATE TABLE checklist (
    id       INTEGER PRIMARY KEY,
    case_key TEXT NOT NULL UNIQUE,
    title    TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE checklist_item (
    id           INTEGER PRIMARY KEY,
    checklist_id INTEGER NOT NULL REFERENCES checklist(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL,
    role_id      INTEGER REFERENCES role(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX checklist_item_checklist ON checklist_item(checklist_id, position);

-- 届出及び相談: where to report and consult. `key` matches the assessment's authority ids.
CREATE TABLE authority (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    purpose  TEXT NOT NULL DEFAULT '',
    url      TEXT NOT NULL DEFAULT '',
    phone    TEXT NOT NULL DEFAULT '',
    email    TEXT NOT NULL DEFAULT '',
    hours    TEXT NOT NULL DEFAULT '',
    source   TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;

-- 事業継続管理.
CREATE TABLE bcp_scenario (
    id       INTEGER PRIMARY KEY,
    title    TEXT NOT NULL,
    reason   TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;

-- 被害対象 → 復旧責任者 (a role, a person, or both) → 関係者連絡先.
CREATE TABLE bcp_target (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT NOT NULL,
    recovery_role_id      INTEGER REFERENCES role(id) ON DELETE SET NULL,
    recovery_contact_id   INTEGER REFERENCES contact(id) ON DELETE RESTRICT,
    related_contacts_hint TEXT NOT NULL DEFAULT '',
    target_recovery_time  TEXT NOT NULL DEFAULT '',
    recovery_steps        TEXT NOT NULL DEFAULT '',
    position              INTEGER NOT NULL
) STRICT;

CREATE TABLE bcp_target_contact (
    target_id  INTEGER NOT NULL REFERENCES bcp_target(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (target_id, contact_id)
) STRICT;

CREATE TABLE bcp_exercise (
    id           INTEGER PRIMARY KEY,
    held_on      TEXT NOT NULL,
    scenario_id  INTEGER REFERENCES bcp_scenario(id) ON DELETE SET NULL,
    participants TEXT NOT NULL DEFAULT '',
    what_worked  TEXT NOT NULL DEFAULT '',
    unreachable  TEXT NOT NULL DEFAULT '',
    follow_ups   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE bcp_exercise_confirmation (
    exercise_id INTEGER NOT NULL REFERENCES bcp_exercise(id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    PRIMARY KEY (exercise_id, contact_id)
) STRICT;

-- Incidents, from the first "something happened" to closing.
CREATE TABLE incident (
    id                    INTEGER PRIMARY KEY,
    title                 TEXT NOT NULL,
    -- The wizard's case (malware, suspicious_email, lost_device, missent, website,
    -- account_misuse, ransomware, outage, other).
    case_key              TEXT NOT NULL,
    discovered_at         TEXT NOT NULL,
    discovered_by         TEXT NOT NULL DEFAULT '',
    description           TEXT NOT NULL DEFAULT '',
    stage                 TEXT NOT NULL DEFAULT 'event' CHECK (stage IN ('near_miss', 'event', 'incident')),
    category_key          TEXT,
    level                 INTEGER CHECK (level BETWEEN 0 AND 3),
    level_override_reason TEXT NOT NULL DEFAULT '',
    status                TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    -- Where the wizard was left, and the fields of steps not yet saved into columns (JSON).
    wizard_step           INTEGER NOT NULL DEFAULT 0,
    wizard_draft          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(wizard_draft)),
    -- The assessment facts (DOMAIN.md §4 shape), JSON.
    facts                 TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(facts)),
    cause                 TEXT NOT NULL DEFAULT '',
    secondary_damage      TEXT NOT NULL DEFAULT '',
    subject_response      TEXT NOT NULL DEFAULT '',
    publication           TEXT NOT NULL DEFAULT '',
    measures_taken        TEXT NOT NULL DEFAULT '',
    measures_planned      TEXT NOT NULL DEFAULT '',
    lessons               TEXT NOT NULL DEFAULT '',
    closed_at             TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
) STRICT;
CREATE INDEX incident_status ON incident(status, discovered_at);

-- The append-only record of everything done about an incident. Corrections are new entries.
CREATE TABLE timeline_entry (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE RESTRICT,
    at          TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT '',
    -- note, wizard, call, checklist, facts, level, obligation, status, correction
    kind        TEXT NOT NULL,
    message     TEXT NOT NULL,
    data        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
) STRICT;
CREATE INDEX timeline_entry_incident ON timeline_entry(incident_id, at);
CREATE TRIGGER timeline_entry_no_update BEFORE UPDATE ON timeline_entry
BEGIN SELECT RAISE(ABORT, 'timeline entries are append-only'); END;
CREATE TRIGGER timeline_entry_no_delete BEFORE DELETE ON timeline_entry
BEGIN SELECT RAISE(ABORT, 'timeline entries are append-only'); END;

-- Calls made from the wizard's call list.
CREATE TABLE incident_call (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE RESTRICT,
    contact_id  INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    -- Copied so the record stays true if the contact changes later.
    contact_name TEXT NOT NULL,
    role_name   TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer')),
    at          TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX incident_call_incident ON incident_call(incident_id);

-- Checklist and procedure items as ticked for one incident (copied from the policy when opened).
CREATE TABLE incident_task (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE RESTRICT,
    source      TEXT NOT NULL CHECK (source IN ('checklist', 'procedure')),
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    role_name   TEXT NOT NULL DEFAULT '',
    done_at     TEXT,
    done_by     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX incident_task_incident ON incident_task(incident_id, source, position);

-- Who must or should be told, by when, and what was done about it.
CREATE TABLE obligation (
    id               INTEGER PRIMARY KEY,
    incident_id      INTEGER NOT NULL REFERENCES incident(id) ON DELETE RESTRICT,
    authority_key    TEXT NOT NULL,
    duty             TEXT NOT NULL CHECK (duty IN ('mandatory', 'recommended')),
    grounds          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(grounds)),
    -- [{"stage": .., "due_by": ..}] as the assessment gave them.
    deadlines        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(deadlines)),
    -- The earliest open deadline, for sorting and warnings.
    next_due         TEXT,
    status           TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'drafted', 'sent', 'waived')),
    sent_on          TEXT,
    reference_number TEXT NOT NULL DEFAULT '',
    waived_reason    TEXT NOT NULL DEFAULT '',
    -- 0 once the facts no longer call for it (kept, since it may have been sent already).
    current          INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
    updated_at       TEXT NOT NULL,
    UNIQUE (incident_id, authority_key)
) STRICT;
CREATE INDEX obligation_next_due ON obligation(next_due) WHERE status IN ('not_started', 'drafted');

-- ヒヤリハット: weaknesses and near misses. reported_by is left out of training exports.
CREATE TABLE near_miss (
    id                INTEGER PRIMARY KEY,
    occurred_on       TEXT NOT NULL,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    what_could_happen TEXT NOT NULL DEFAULT '',
    measures          TEXT NOT NULL DEFAULT '',
    reported_by       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL
) STRICT;

-- Who changed what in the policy, contacts and BCP (before/after as JSON).
CREATE TABLE change_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    author    TEXT NOT NULL DEFAULT '',
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    before    TEXT CHECK (before IS NULL OR json_valid(before)),
    after     TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX change_log_entity ON change_log(entity, entity_id);
