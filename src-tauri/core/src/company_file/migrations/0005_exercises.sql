-- Schema v5: tabletop exercises (docs/rules.md §13). An exercise is practice: it lives in its
-- own tables and never in the incident tables, so it adds no incident, obligation or deadline.

-- Exercise scenarios (訓練シナリオ) written for this company or imported from a consultant's file.
-- The built-in ones are not stored; they come with the program.
CREATE TABLE exercise_scenario (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL CHECK (length(title) > 0),
    description    TEXT NOT NULL DEFAULT '',
    -- leak, tampering or malware; NULL for a disaster that exercises the BCP.
    category       TEXT CHECK (category IS NULL OR category IN ('leak', 'tampering', 'malware')),
    duration_hours INTEGER NOT NULL CHECK (duration_hours BETWEEN 1 AND 720),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

-- What the facilitator reveals, in order of scenario time (minutes after the start).
CREATE TABLE exercise_scenario_inject (
    scenario_id INTEGER NOT NULL REFERENCES exercise_scenario(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    at_minutes  INTEGER NOT NULL CHECK (at_minutes >= 0),
    text        TEXT NOT NULL CHECK (length(text) > 0),
    question    TEXT NOT NULL DEFAULT '',
    step        TEXT CHECK (step IS NULL OR step IN ('calls', 'first_response', 'reporting', 'recovery')),
    PRIMARY KEY (scenario_id, position)
) STRICT;

-- One exercise as held. The scenario is copied in when it starts, so editing or deleting the
-- scenario later does not change what was practised. Ending it writes the BCP's exercise record.
CREATE TABLE exercise_run (
    id              INTEGER PRIMARY KEY,
    scenario_key    TEXT,
    title           TEXT NOT NULL CHECK (length(title) > 0),
    description     TEXT NOT NULL DEFAULT '',
    category        TEXT CHECK (category IS NULL OR category IN ('leak', 'tampering', 'malware')),
    duration_hours  INTEGER NOT NULL CHECK (duration_hours BETWEEN 1 AND 720),
    facilitator     TEXT NOT NULL DEFAULT '',
    participants    TEXT NOT NULL DEFAULT '',
    what_worked     TEXT NOT NULL DEFAULT '',
    started_at      TEXT NOT NULL,
    ended_at        TEXT,
    bcp_exercise_id INTEGER REFERENCES bcp_exercise(id) ON DELETE SET NULL
) STRICT;

CREATE TABLE exercise_run_inject (
    run_id        INTEGER NOT NULL REFERENCES exercise_run(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    at_minutes    INTEGER NOT NULL CHECK (at_minutes >= 0),
    text          TEXT NOT NULL,
    question      TEXT NOT NULL DEFAULT '',
    step          TEXT,
    revealed_at   TEXT,
    response      TEXT NOT NULL DEFAULT '',
    minutes_taken INTEGER CHECK (minutes_taken IS NULL OR minutes_taken >= 0),
    PRIMARY KEY (run_id, position)
) STRICT;

-- A call practised: the contact's name is kept so the record reads the same if the contact is
-- later deleted.
CREATE TABLE exercise_run_call (
    run_id       INTEGER NOT NULL REFERENCES exercise_run(id) ON DELETE CASCADE,
    contact_id   INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    contact_name TEXT NOT NULL,
    reached      INTEGER NOT NULL CHECK (reached IN (0, 1)),
    marked_at    TEXT NOT NULL,
    PRIMARY KEY (run_id, contact_name)
) STRICT;

-- A gap the exercise found, with who closes it by when.
CREATE TABLE exercise_follow_up (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES exercise_run(id) ON DELETE CASCADE,
    text       TEXT NOT NULL CHECK (length(text) > 0),
    owner      TEXT NOT NULL CHECK (length(owner) > 0),
    due_on     TEXT NOT NULL CHECK (date(due_on) IS due_on),
    done_on    TEXT CHECK (done_on IS NULL OR date(done_on) IS done_on),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX exercise_follow_up_open ON exercise_follow_up (due_on) WHERE done_on IS NULL;
