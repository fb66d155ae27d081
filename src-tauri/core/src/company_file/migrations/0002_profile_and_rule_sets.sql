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

-- The authority directory's GDPR entry spoke of a lead supervisory authority, which a company with
-- no EU establishment does not have. Files where the entry is still the text Sonae 0.1 wrote get
-- the corrected text; an entry the user changed is left as it is.
UPDATE authority SET purpose = 'EU/EEAに住む人の個人データが漏えいした場合、リスクが生じる可能性が低いときを除き、気づいてから72時間以内に監督機関へ通知する。EU内に拠点のない会社には主監督機関（ワンストップショップ）がないため、影響を受けた人が住む加盟国それぞれの監督機関に通知する（EDPBガイドライン9/2022）。そうした会社はEU内の代理人（GDPR第27条）も置く必要がある。'
 WHERE key = 'eu_supervisory_authority' AND purpose = 'EU/EEAに住む人の個人データが漏えいした場合、リスクが生じる可能性が低いときを除き、気づいてから72時間以内に主監督機関へ通知する。';
UPDATE authority SET purpose = 'When personal data of people living in the EU/EEA is breached, notify the supervisory authority within 72 hours of becoming aware, unless the breach is unlikely to result in a risk to them. A company with no establishment in the EU has no lead authority (no one-stop shop): it notifies the authority of each member state where affected people live (EDPB Guidelines 9/2022). Such a company also needs a representative in the EU (GDPR Article 27).'
 WHERE key = 'eu_supervisory_authority' AND purpose = 'When personal data of people living in the EU/EEA is breached, notify the lead supervisory authority within 72 hours of becoming aware, unless the breach is unlikely to result in a risk to them.';
