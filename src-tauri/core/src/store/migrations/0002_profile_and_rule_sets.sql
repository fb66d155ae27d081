-- Schema v2: what the assessment rules of version 2 need to know about the company, and what
-- each obligation records about how it was assessed (docs/rules.md).

-- サイバー保険: whether the company holds cyber insurance, and the insurer among its contacts
-- (its notice clause makes the insurer an addressee).
ALTER TABLE company ADD COLUMN cyber_insurance INTEGER NOT NULL DEFAULT 0 CHECK (cyber_insurance IN (0, 1));
ALTER TABLE company ADD COLUMN insurer_contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL;
-- GDPR art. 3: an establishment in the EU, and offering goods or services to people in the EU or
-- monitoring their behaviour there, asked separately. NULL = not answered yet, which the
-- assessment treats as "GDPR applies" (the safe direction).
ALTER TABLE company ADD COLUMN eu_establishment INTEGER CHECK (eu_establishment IN (0, 1));
ALTER TABLE company ADD COLUMN eu_targeting INTEGER CHECK (eu_targeting IN (0, 1));

-- Where a delegated report goes instead of the PPC (fsa, mic); NULL when it is not delegated.
ALTER TABLE obligation ADD COLUMN submit_to TEXT CHECK (submit_to IN ('fsa', 'mic'));
-- The rule set the obligation was assessed under, named by the date it came into force
-- ('2022-04-01', '2024-04-01'). NULL for obligations assessed by Sonae 0.1, before rule sets
-- were recorded.
ALTER TABLE obligation ADD COLUMN rules TEXT;
