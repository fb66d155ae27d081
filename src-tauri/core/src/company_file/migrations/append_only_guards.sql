-- The triggers that keep append-only tables append-only, in their current form. Every schema
-- upgrade drops them before its own statements and runs this file after them, so a migration
-- that rebuilds a guarded table (the only way to change a column or a CHECK of a STRICT table)
-- cannot leave it unguarded. See the `migrate` module.
DROP TRIGGER IF EXISTS timeline_entry_no_update;
DROP TRIGGER IF EXISTS timeline_entry_no_delete;
CREATE TRIGGER timeline_entry_no_update BEFORE UPDATE ON timeline_entry
BEGIN SELECT RAISE(ABORT, 'timeline entries are append-only'); END;
CREATE TRIGGER timeline_entry_no_delete BEFORE DELETE ON timeline_entry
BEGIN SELECT RAISE(ABORT, 'timeline entries are append-only'); END;
