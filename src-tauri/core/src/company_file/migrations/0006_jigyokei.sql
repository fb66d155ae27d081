-- Schema v6: what the 事業継続力強化計画 (ジギョケイ) application asks beyond the BCP
-- (docs/rules.md §14). One row of plan-wide answers, and the plan's sites with their hazards,
-- its advance measures and its cooperating firms. Empty text means not written yet.
CREATE TABLE jigyokei (
    id                     INTEGER PRIMARY KEY CHECK (id = 1),
    name_kana              TEXT NOT NULL DEFAULT '',
    capital                TEXT NOT NULL DEFAULT '',
    employees              INTEGER CHECK (employees IS NULL OR employees >= 0),
    business_overview      TEXT NOT NULL DEFAULT '',
    supply_chain_role      TEXT NOT NULL DEFAULT '',
    purpose                TEXT NOT NULL DEFAULT '',
    covers_natural         INTEGER NOT NULL DEFAULT 1 CHECK (covers_natural IN (0, 1)),
    covers_infection       INTEGER NOT NULL DEFAULT 0 CHECK (covers_infection IN (0, 1)),
    covers_cyber           INTEGER NOT NULL DEFAULT 0 CHECK (covers_cyber IN (0, 1)),
    cyber_risks            TEXT NOT NULL DEFAULT '',
    impact_people          TEXT NOT NULL DEFAULT '',
    impact_goods           TEXT NOT NULL DEFAULT '',
    impact_money           TEXT NOT NULL DEFAULT '',
    impact_information     TEXT NOT NULL DEFAULT '',
    evacuation             TEXT NOT NULL DEFAULT '',
    safety_check           TEXT NOT NULL DEFAULT '',
    emergency_organisation TEXT NOT NULL DEFAULT '',
    damage_sharing         TEXT NOT NULL DEFAULT '',
    promotion              TEXT NOT NULL DEFAULT '',
    training_plan          TEXT NOT NULL DEFAULT '',
    review_plan            TEXT NOT NULL DEFAULT '',
    funding                TEXT NOT NULL DEFAULT '',
    period_start           TEXT CHECK (period_start IS NULL OR date(period_start) IS period_start),
    period_end             TEXT CHECK (period_end IS NULL OR date(period_end) IS period_end),
    updated_at             TEXT NOT NULL
) STRICT;

-- 拠点: an office, shop, warehouse or plant, with the hazards the municipality's maps show there.
CREATE TABLE jigyokei_site (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL DEFAULT '',
    earthquake TEXT NOT NULL DEFAULT '',
    flood      TEXT NOT NULL DEFAULT '',
    landslide  TEXT NOT NULL DEFAULT '',
    tsunami    TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL
) STRICT;

-- 事前対策: one measure for people, goods, money or information, with when and at what cost.
CREATE TABLE jigyokei_measure (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('people', 'goods', 'money', 'information')),
    content  TEXT NOT NULL CHECK (length(content) > 0),
    timing   TEXT NOT NULL DEFAULT '',
    cost_yen INTEGER CHECK (cost_yen IS NULL OR cost_yen >= 0),
    position INTEGER NOT NULL
) STRICT;

-- 連携: a firm that helps carry out the plan, by name and role only.
CREATE TABLE jigyokei_partner (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL CHECK (length(name) > 0),
    role     TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;
