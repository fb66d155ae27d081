-- Schema v3: what the submission drafts need that the file did not record (docs/rules.md §7).

-- 発生日時 — when it happened, beside when it was found. NULL: not known (or not given).
ALTER TABLE incident ADD COLUMN occurred_at TEXT;
-- The personal data affected, as the reporting step records it (JSON of `AffectedData`): the data
-- items of the company's own data and of a client's, whose data it is (customers, employees,
-- business partners, other) and whether it leaked, was lost or damaged.
ALTER TABLE incident ADD COLUMN affected_data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(affected_data));
-- For the IPA malware report: the malware's name or what it did, how it was found, and the
-- presumed route of infection.
ALTER TABLE incident ADD COLUMN malware_name TEXT NOT NULL DEFAULT '';
ALTER TABLE incident ADD COLUMN how_found TEXT NOT NULL DEFAULT '';
ALTER TABLE incident ADD COLUMN infection_route TEXT NOT NULL DEFAULT '';

-- The reporter's corporate details the PPC form asks for.
ALTER TABLE company ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE company ADD COLUMN representative TEXT NOT NULL DEFAULT '';
-- 法人番号: 13 digits (check digit verified by Sonae before it is stored), or empty.
ALTER TABLE company ADD COLUMN corporate_number TEXT NOT NULL DEFAULT ''
    CHECK (corporate_number = '' OR (length(corporate_number) = 13 AND corporate_number NOT GLOB '*[^0-9]*'));
ALTER TABLE company ADD COLUMN business_type TEXT NOT NULL DEFAULT '';
-- The cyber insurance policy number, for the notice to the insurer.
ALTER TABLE company ADD COLUMN insurance_policy_number TEXT NOT NULL DEFAULT '';
-- The inquiry desk the company chose for the public (never a person's private number by default).
ALTER TABLE company ADD COLUMN inquiry_name TEXT NOT NULL DEFAULT '';
ALTER TABLE company ADD COLUMN inquiry_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE company ADD COLUMN inquiry_email TEXT NOT NULL DEFAULT '';
ALTER TABLE company ADD COLUMN inquiry_hours TEXT NOT NULL DEFAULT '';
-- How documents write dates: 西暦 (2026年12月25日) or 和暦 (令和8年12月25日).
ALTER TABLE company ADD COLUMN date_style TEXT NOT NULL DEFAULT 'western' CHECK (date_style IN ('western', 'japanese'));
