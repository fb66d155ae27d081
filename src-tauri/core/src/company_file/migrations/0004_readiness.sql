-- Schema v4: the readiness calendar (docs/rules.md §12). When the policy and the BCP were last
-- reviewed (NULL: never recorded), and how often the policy and the BCP are to be reviewed and
-- the plan exercised, in months.
ALTER TABLE company ADD COLUMN policy_reviewed_on TEXT
    CHECK (policy_reviewed_on IS NULL OR date(policy_reviewed_on) IS policy_reviewed_on);
ALTER TABLE company ADD COLUMN bcp_reviewed_on TEXT
    CHECK (bcp_reviewed_on IS NULL OR date(bcp_reviewed_on) IS bcp_reviewed_on);
ALTER TABLE company ADD COLUMN policy_review_months INTEGER NOT NULL DEFAULT 12
    CHECK (policy_review_months BETWEEN 1 AND 120);
ALTER TABLE company ADD COLUMN bcp_review_months INTEGER NOT NULL DEFAULT 12
    CHECK (bcp_review_months BETWEEN 1 AND 120);
ALTER TABLE company ADD COLUMN exercise_months INTEGER NOT NULL DEFAULT 12
    CHECK (exercise_months BETWEEN 1 AND 120);
