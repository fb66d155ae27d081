// Generated from sonae-core by `make bindings`. Do not edit by hand.

export type Sector = "general" | "finance" | "medical" | "telecom";

export type CompanyProfile = { name: string, 
/**
 * Language of the file's policy texts: "ja" or "en".
 */
language: string, sector: Sector, prefecture: string, 
/**
 * プライバシーマーク付与事業者
 */
privacy_mark: boolean, isms_certified: boolean, handles_personal_data: boolean, 
/**
 * マイナンバー（特定個人情報）を取り扱う
 */
handles_my_number: boolean, handles_eu_data: boolean, 
/**
 * Contacts not confirmed for this many months are flagged.
 */
stale_contact_months: number, };

export type IncidentStage = "near_miss" | "event" | "incident";

export type IncidentStatus = "open" | "closed";

export type IncidentSummary = { id: number, title: string, 
/**
 * RFC 3339 with offset.
 */
discovered_at: string, level: number | null, 
/**
 * Category key ("leak", "tampering", "malware"), if decided yet.
 */
category: string | null, stage: IncidentStage, status: IncidentStatus, 
/**
 * The soonest deadline of an obligation not yet sent or waived (a date or an RFC 3339 instant).
 */
next_deadline: string | null, };

export type StaleContact = { id: number, name: string, organization: string, 
/**
 * YYYY-MM-DD, or null when never confirmed.
 */
last_confirmed_on: string | null, };

export type HomeSummary = { company: CompanyProfile, open_incidents: Array<IncidentSummary>, stale_contacts: Array<StaleContact>, contact_count: number, };

export type Language = "ja" | "en";

export type Preferences = { language: Language, };

export type ErrorReport = { 
/**
 * not_found, already_exists, not_a_company_file, newer_version, corrupt, io, database,
 * invalid, missing, no_company_file, settings.
 */
code: string, message: string, };

export type OpenFileState = { path: string | null, 
/**
 * Why the file could not be opened (it was left untouched).
 */
problem: ErrorReport | null, };

export type IncidentCategory = "leak" | "tampering" | "outage" | "malware" | "other";

export type PersonalData = { 
/**
 * 本人の数 — how many people the data is about.
 */
subjects: number, 
/**
 * 要配慮個人情報 — includes special-care-required data (medical, criminal record, ...).
 */
sensitive: boolean, 
/**
 * 財産的被害のおそれ — could cause financial loss (card numbers, banking credentials).
 */
financial_damage_risk: boolean, 
/**
 * 不正の目的のおそれ — may have been done with an unlawful purpose.
 */
unlawful_purpose: boolean, 
/**
 * 高度な暗号化 — strongly encrypted, with the key kept safe.
 */
high_level_encryption: boolean, 
/**
 * Everything was recovered before any third party viewed it.
 */
recovered_unviewed: boolean, 
/**
 * People whose My Number (特定個人情報) is included.
 */
my_number_subjects: number, 
/**
 * People living in the EU/EEA.
 */
eu_subjects: number, 
/**
 * The company handles the data for a client (委託先) and has told the client (委託元).
 */
entrusted_by_client_notified: boolean, };

export type Organization = { 
/**
 * プライバシーマーク付与事業者
 */
privacy_mark: boolean, 
/**
 * ISMS (ISO/IEC 27001) certified; its certification body's reporting terms are per contract.
 */
isms_certified: boolean, sector: Sector, };

export type Facts = { 
/**
 * 知った日時 — when the company came to know of the incident (RFC 3339). Its date in its own
 * offset is day 1 of every report deadline.
 */
discovered_at: string, category: IncidentCategory, 
/**
 * 不正アクセス — unauthorized access, or attempts at it.
 */
unauthorized_access: boolean, 
/**
 * マルウェア — malware found or an infection, whatever the category.
 */
malware: boolean, 
/**
 * A crime is suspected: theft, extortion, insider take-out.
 */
crime_suspected: boolean, personal_data: PersonalData, organization: Organization, };

export type Authority = "ppc" | "data_subjects" | "ppc_my_number" | "privacy_mark" | "eu_supervisory_authority" | "fsa" | "police" | "ipa_malware" | "ipa_unauthorized_access" | "jpcert";

export type Duty = "mandatory" | "recommended";

export type DeadlineStage = "preliminary" | "final" | "notice";

export type Ground = "sensitive_data" | "financial_damage_risk" | "unlawful_purpose" | "over_1000_subjects" | "my_number_over_100_subjects" | "my_number_unlawful_purpose" | "privacy_mark_holder" | "eu_subjects" | "finance_sector" | "unauthorized_access" | "malware" | "crime_suspected" | "ransomware";

export type DueBy = string;

export type Deadline = { stage: DeadlineStage, due_by: DueBy, };

export type Obligation = { authority: Authority, duty: Duty, grounds: Array<Ground>, deadlines: Array<Deadline>, };

export type Assessment = { obligations: Array<Obligation>, };
