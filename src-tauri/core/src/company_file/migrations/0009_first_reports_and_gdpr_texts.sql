-- Schema v9: the first report (速報) of an obligation reported in two stages is recorded apart
-- from the final one, with its own date and reference number, so that marking the 速報 as sent
-- cannot make the 確報's deadline disappear.
ALTER TABLE obligation ADD COLUMN preliminary_sent_on TEXT;
ALTER TABLE obligation ADD COLUMN preliminary_reference TEXT NOT NULL DEFAULT '';
