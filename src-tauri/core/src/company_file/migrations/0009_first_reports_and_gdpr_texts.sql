-- Schema v9: the first report (速報) of an obligation reported in two stages is recorded apart
-- from the final one, with its own date and reference number, so that marking the 速報 as sent
-- cannot make the 確報's deadline disappear.
ALTER TABLE obligation ADD COLUMN preliminary_sent_on TEXT;
ALTER TABLE obligation ADD COLUMN preliminary_reference TEXT NOT NULL DEFAULT '';

-- The office's own English for the GDPR notices' narrative (a JSON object of the nature of the
-- breach, the likely consequences, the measures and the reasons for a delay past 72 hours), and
-- the company's representative in the EU (GDPR art. 27) that the art. 33 notice names.
ALTER TABLE incident ADD COLUMN gdpr_english TEXT NOT NULL DEFAULT '{}';
ALTER TABLE company ADD COLUMN eu_representative TEXT NOT NULL DEFAULT '';

-- The client (委託元) whose data an incident touched, chosen from the contacts, to whom the client
-- notice is addressed.
ALTER TABLE incident ADD COLUMN client_contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL;
