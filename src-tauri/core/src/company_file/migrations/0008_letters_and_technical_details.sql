-- Schema v8: the technical details the IPA and JPCERT/CC forms ask for (a JSON object of the
-- operating systems, systems affected, PCs hit, prefecture, addresses seen and log times), and
-- letters the office edited before sending them (the notice to the people affected,
-- the notice to the client), kept with the incident. The text Sonae composed from the record when
-- the office started editing is kept beside the edit, so the app can tell when the facts have
-- moved on since.
CREATE TABLE letter (
    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
    document TEXT NOT NULL,
    text TEXT NOT NULL,
    composed_from TEXT NOT NULL,
    edited_at TEXT NOT NULL,
    edited_by TEXT NOT NULL,
    PRIMARY KEY (incident_id, document)
) STRICT;

ALTER TABLE incident ADD COLUMN technical TEXT NOT NULL DEFAULT '{}';
