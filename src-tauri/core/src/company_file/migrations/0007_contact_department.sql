-- Schema v7: a contact's department (部署), as offices keep it in their lists.
ALTER TABLE contact ADD COLUMN department TEXT NOT NULL DEFAULT '';
