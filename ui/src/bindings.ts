// Generated from sonae-core by `make bindings`. Do not edit by hand.

export type Sector = "general" | "finance" | "medical" | "telecom";

export type CompanyProfile = { name: string, 
/**
 * Language of the file's policy texts.
 */
language: Language, sector: Sector, prefecture: string, 
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
stale_contact_months: number, 
/**
 * サイバー保険 — the company holds cyber insurance (its notice clause makes the insurer an
 * addressee; docs/rules.md).
 */
cyber_insurance: boolean, 
/**
 * The cyber insurer among the contacts, if chosen.
 */
insurer_contact_id: number | null, 
/**
 * An establishment (office, branch) in the EU — GDPR art. 3(1). `None`: not answered yet.
 */
eu_establishment: boolean | null, 
/**
 * Offers goods or services to people in the EU, or monitors their behaviour there — GDPR
 * art. 3(2). `None`: not answered yet.
 */
eu_targeting: boolean | null, 
/**
 * What the drafts print about the company beyond its name.
 */
details: CompanyDetails, };

export type CompanyDetails = { 
/**
 * 所在地
 */
address: string, 
/**
 * 代表者 (title and name)
 */
representative: string, 
/**
 * 法人番号: 13 digits with a valid check digit, or empty.
 */
corporate_number: string, 
/**
 * 業種 as the company describes itself (the PPC form asks it in words).
 */
business_type: string, 
/**
 * サイバー保険の証券番号
 */
insurance_policy_number: string, 
/**
 * お問い合わせ窓口
 */
inquiry_desk: InquiryDesk, date_style: DateStyle, 
/**
 * The representative in the EU a company without an establishment there designates (GDPR
 * art. 27): name, address and e-mail, as the GDPR notice prints them.
 */
eu_representative: string, };

export type InquiryDesk = { 
/**
 * The desk's name (お客様相談窓口).
 */
name: string, phone: string, email: string, 
/**
 * 受付時間
 */
hours: string, };

export type DateStyle = "western" | "japanese";

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
next_deadline: string | null, 
/**
 * That soonest date is a target (目安, a 速報's day 5), not a legal deadline: shown amber when
 * past, never red (docs/rules.md §3.3).
 */
next_deadline_is_target: boolean, };

export type StaleContact = { id: number, name: string, organization: string, 
/**
 * YYYY-MM-DD, or null when never confirmed.
 */
last_confirmed_on: string | null, };

export type ReadinessTask = "policy_review" | "bcp_review" | "exercise";

export type ReadinessState = "overdue" | "due_soon" | "done";

export type ReadinessItem = { task: ReadinessTask, state: ReadinessState, 
/**
 * When it was last done; null when never recorded.
 */
last_done: string | null, 
/**
 * When it is next due; null when it was never done (it is due now).
 */
due_on: string | null, interval_months: number, };

export type ReadinessIntervals = { policy_review_months: number, bcp_review_months: number, exercise_months: number, };

export type DueFollowUp = { follow_up: FollowUp, 
/**
 * Overdue once its due date has passed; due soon before.
 */
state: ReadinessState, };

export type Readiness = { intervals: ReadinessIntervals, 
/**
 * Every task, in the order [`ReadinessTask`] lists them.
 */
items: Array<ReadinessItem>, 
/**
 * Open follow-up actions due within [`DUE_SOON_DAYS`] days or overdue, the earliest first.
 */
follow_ups: Array<DueFollowUp>, };

export type ReviewedPart = "policy" | "bcp";

export type ProcedureGap = { category: string, level: number, };

export type LastExercise = { held_on: string, 
/**
 * The assumed incident or exercise scenario it practised, if one was chosen.
 */
scenario: string | null, 
/**
 * Who could not be reached, as recorded.
 */
unreachable: string, 
/**
 * What it left to do, as recorded (empty for an exercise held in Sonae, whose follow-ups are
 * in `open_follow_ups` with their state).
 */
follow_ups: string, };

export type ReadinessSummary = { checked_on: string, calendar: Array<ReadinessItem>, roles_without_holder: Array<string>, 
/**
 * Roles with a holder and nobody to stand in for them.
 */
roles_without_deputy: Array<string>, 
/**
 * Levels 1 to 3 of each category (level 0 is a near miss and needs no procedure).
 */
procedures_without_steps: Array<ProcedureGap>, 
/**
 * BCP targets with neither a recovery role nor a recovery person.
 */
targets_without_owner: Array<string>, 
/**
 * BCP targets with no related contact, chosen or written down.
 */
targets_without_contacts: Array<string>, stale_contact_count: number, stale_contact_months: number, last_exercise: LastExercise | null, 
/**
 * Follow-up actions of any exercise not yet done, the earliest due first.
 */
open_follow_ups: Array<FollowUp>, };

export type ExerciseStep = "calls" | "first_response" | "reporting" | "recovery";

export type Inject = { at_minutes: number, 
/**
 * What the facilitator reads out.
 */
text: string, 
/**
 * What the team has to decide or do now.
 */
question: string, step: ExerciseStep | null, };

export type ScenarioSpec = { title: string, description: string, 
/**
 * leak, tampering or malware; null for a disaster that exercises the BCP.
 */
category: string | null, duration_hours: number, injects: Array<Inject>, };

export type ScenarioSource = { "kind": "builtin", key: string, } | { "kind": "company", id: number, };

export type ExerciseScenario = { source: ScenarioSource, spec: ScenarioSpec, };

export type ExerciseRunSummary = { id: number, title: string, started_at: string, ended_at: string | null, open_follow_ups: number, };

export type RevealedInject = { position: number, inject: Inject, revealed_at: string, response: string, minutes_taken: number | null, };

export type PractisedCall = { 
/**
 * None once the contact has been deleted from the contact table.
 */
contact_id: number | null, contact_name: string, reached: boolean, marked_at: string, };

export type FollowUp = { id: number, run_id: number, 
/**
 * The title of the exercise that found it.
 */
exercise_title: string, text: string, owner: string, due_on: string, done_on: string | null, };

export type FollowUpInput = { text: string, owner: string, 
/**
 * YYYY-MM-DD.
 */
due_on: string, };

export type EndInput = { participants: string, what_worked: string, };

export type ExerciseRun = { id: number, 
/**
 * The built-in scenario's key, when it was one.
 */
scenario_key: string | null, title: string, description: string, category: string | null, duration_hours: number, facilitator: string, participants: string, what_worked: string, started_at: string, ended_at: string | null, 
/**
 * In order of scenario time.
 */
revealed: Array<RevealedInject>, 
/**
 * How many injects are still to come, and when the next one is due in scenario time.
 */
remaining: number, next_at_minutes: number | null, calls: Array<PractisedCall>, follow_ups: Array<FollowUp>, 
/**
 * The BCP exercise record written when it ended.
 */
bcp_exercise_id: number | null, };

export type Contact = { id: number, 
/**
 * "person" or "organization".
 */
kind: string, name: string, organization: string, title: string, notes: string, 
/**
 * 連絡網 — position in the internal call tree (1 = called first).
 */
call_order: number | null, phones: Array<Phone>, emails: Array<Email>, };

export type Step = { text: string, role: string | null, };

export type Procedure = { category_key: string, category_name: string, level: number, note: string, steps: Array<Step>, };

export type AuthorityDesk = { 
/**
 * Matches the assessment's authority ids where there is one (`ppc`, `police`, ...).
 */
key: string, name: string, purpose: string, url: string, phone: string, email: string, hours: string, };

export type BcpTarget = { name: string, 
/**
 * 復旧責任者 as a role name.
 */
recovery_role: string | null, 
/**
 * 復旧責任者 as a named person.
 */
recovery_contact: Contact | null, 
/**
 * 関係者連絡先 from the contact table, in order.
 */
related_contacts: Array<Contact>, 
/**
 * Who else to call when they are not (yet) in the contact table.
 */
related_contacts_hint: string, target_recovery_time: string, recovery_steps: Array<string>, };

export type ExerciseReference = { 
/**
 * In calling order.
 */
call_tree: Array<Contact>, 
/**
 * Levels 1 to 3 of the category; none for a disaster scenario.
 */
procedures: Array<Procedure>, authorities: Array<AuthorityDesk>, targets: Array<BcpTarget>, };

export type JigyokeiSite = { name: string, address: string, 
/**
 * e.g. 「震度6強」.
 */
earthquake: string, 
/**
 * e.g. 「0.5〜3.0m」.
 */
flood: string, landslide: string, tsunami: string, };

export type MeasureKind = "people" | "goods" | "money" | "information";

export type JigyokeiMeasure = { kind: MeasureKind, content: string, 
/**
 * When: 「実施済み」, 「2027年3月まで」.
 */
timing: string, 
/**
 * Yen; none when there is no cost or it is not known.
 */
cost_yen: number | null, };

export type JigyokeiPartner = { name: string, role: string, };

export type JigyokeiPlan = { name_kana: string, 
/**
 * As it is to be printed: 「1,000万円」.
 */
capital: string, employees: number | null, 
/**
 * What the business does.
 */
business_overview: string, 
/**
 * Its role in its customers' supply chain or the local economy (the form is refused without).
 */
supply_chain_role: string, 
/**
 * Why it strengthens its continuity.
 */
purpose: string, covers_natural: boolean, covers_infection: boolean, covers_cyber: boolean, cyber_risks: string, impact_people: string, impact_goods: string, impact_money: string, impact_information: string, 
/**
 * 人命の安全確保: how staff get out and where to.
 */
evacuation: string, 
/**
 * 安否確認: how staff safety is confirmed, by whom, through which means.
 */
safety_check: string, 
/**
 * Beyond the roles of the policy, which are printed with it.
 */
emergency_organisation: string, 
/**
 * Beyond the BCP's targets and owners, which are printed with it.
 */
damage_sharing: string, 
/**
 * 平時の推進体制: how the owner leads the work between incidents.
 */
promotion: string, 
/**
 * 訓練及び教育; when empty, the draft says what the exercise records show.
 */
training_plan: string, 
/**
 * 計画の見直し; when empty, the draft says what the readiness calendar shows.
 */
review_plan: string, 
/**
 * 資金の調達方法 for the measures' costs.
 */
funding: string, 
/**
 * YYYY-MM-DD or empty.
 */
period_start: string, period_end: string, sites: Array<JigyokeiSite>, measures: Array<JigyokeiMeasure>, partners: Array<JigyokeiPartner>, };

export type JigyokeiField = "name_kana" | "capital" | "employees" | "business_overview" | "supply_chain_role" | "purpose" | "cyber_risks" | "impact_people" | "impact_goods" | "impact_money" | "impact_information" | "sites" | "evacuation" | "safety_check" | "emergency_organisation" | "damage_sharing" | "measures" | "promotion" | "training_plan" | "review_plan" | "period";

export type JigyokeiCheck = { "kind": "no_evacuation" } | { "kind": "no_safety_check" } | { "kind": "no_supply_chain_role" } | { "kind": "no_risk_chosen" } | { "kind": "target_without_owner", name: string, } | { "kind": "no_measure_of_kind", measure_kind: MeasureKind, } | { "kind": "no_training_planned" } | { "kind": "no_review_date" } | { "kind": "hazard_without_site", position: number, } | { "kind": "site_without_address", name: string, } | { "kind": "period_too_long", months: number, } | { "kind": "period_reversed" };

export type JigyokeiSection = { heading: string, text: string, };

export type JigyokeiReview = { plan: JigyokeiPlan, checks: Array<JigyokeiCheck>, missing: Array<JigyokeiField>, sections: Array<JigyokeiSection>, };

export type DeadlineUrgency = "overdue" | "within24_hours" | "later";

export type ClientReadiness = { company_name: string, open_incidents: number, 
/**
 * The soonest deadline of an open incident's report (a date or an RFC 3339 instant).
 */
nearest_deadline: string | null, deadline_urgency: DeadlineUrgency | null, 
/**
 * That soonest date is a 速報's target (目安), not a legal deadline: shown amber, never red.
 */
nearest_deadline_is_target: boolean, 
/**
 * Contacts not confirmed within the company's interval.
 */
stale_contacts: number, last_exercise: string | null, exercise_state: ReadinessState, 
/**
 * Follow-up actions of exercises past their due date and not done.
 */
overdue_follow_ups: number, policy_reviewed_on: string | null, policy_review_state: ReadinessState, roles_without_holder: number, };

export type ClientState = { "kind": "ready", readiness: ClientReadiness, } | { "kind": "older", from_version: number, readiness: ClientReadiness, } | { "kind": "locked", wrong: boolean, } | { "kind": "problem", code: ErrorCode, message: string, };

export type ClientRow = { path: string, file_name: string, folder: string, modified: string | null, size: number, state: ClientState, 
/**
 * For this PC's copy of a server company: the server it is a copy of (the row is that
 * company as of the copy, unlocked with the password of its last connection).
 */
server: ServerPlace | null, 
/**
 * How much needs attention when it was read ("needs attention first" sorts by it): an
 * overdue report most, a file that cannot be read needs a look too, a locked one is unknown.
 */
attention: number, };

export type PortfolioFiles = { folders: Array<string>, files: Array<string>, };

export type HomeSummary = { company: CompanyProfile, open_incidents: Array<IncidentSummary>, open_incident_count: number, stale_contacts: Array<StaleContact>, stale_contact_count: number, contact_count: number, 
/**
 * The reviews and exercises, each with where it stands.
 */
readiness: Readiness, };

export type Language = "ja" | "en";

export type Preferences = { language: Language, 
/**
 * The name written as author of timeline entries, ticks and calls (asked once by the wizard).
 */
author_name: string, 
/**
 * How many automatic backups of each company file are kept (the oldest go first).
 */
backups_kept: number, };

export type ErrorCode = "already_exists" | "authority_required" | "busy" | "category_required" | "changed_elsewhere" | "contact_in_use" | "contradicting_items" | "conversion_failed" | "corrupt" | "csv_has_errors" | "database" | "date_in_future" | "duplicate_contact" | "duplicate_key" | "duplicate_name" | "duplicate_procedure" | "exercise_ended" | "file_too_large" | "in_use" | "incident_closed" | "incident_recorded" | "internal" | "invalid" | "invalid_corporate_number" | "invalid_date" | "invalid_facts" | "invalid_interval" | "invalid_key" | "invalid_language" | "invalid_level" | "invalid_levels" | "invalid_months" | "invalid_passphrase" | "invalid_scenario" | "invalid_stale_months" | "invalid_step" | "invalid_template" | "io" | "missing" | "name_required" | "needs_incident" | "newer_version" | "no_company_file" | "no_exercise" | "no_file_chosen" | "no_inject_left" | "not_a_company_file" | "not_a_draft" | "not_due" | "not_a_scenario" | "not_a_template" | "not_found" | "not_listed" | "not_json" | "not_recorded" | "note_empty" | "obligations_open" | "occurred_after_discovered" | "order_mismatch" | "override_reason_required" | "passphrase_required" | "responsible_role_missing" | "role_in_use" | "sent_on_required" | "server_unreachable" | "settings" | "settings_in_use" | "source_passphrase_required" | "step_text_required" | "text_required" | "text_too_long" | "title_required" | "too_large" | "too_many_entries" | "unknown_case" | "unknown_category" | "unknown_contact" | "unknown_document" | "unknown_incident" | "unknown_level" | "unknown_role" | "unknown_scenario" | "upgrade_failed" | "waived_reason_required" | "weak_passphrase" | "wrong_passphrase" | "name_missing" | "invalid_call_order" | "invalid_phone" | "invalid_email" | "too_many_rows" | "unreadable_encoding" | "malformed_csv" | "empty_file" | "no_name_column" | "server_address_invalid" | "server_connect_failed" | "server_has_no_company" | "server_newer_version" | "server_upgrade_not_possible" | "done_on_server" | "not_permitted" | "kept_copy_read_only" | "no_kept_copy" | "sign_in_name_taken" | "last_administrator" | "password_too_short";

export type ErrorReport = { 
/**
 * What went wrong, for the window to react to and to show in words.
 */
code: ErrorCode, 
/**
 * The details, for the log and the command line.
 */
message: string, };

export type OpenFileState = { path: string | null, 
/**
 * For a company on a server, the server database as `user@host:port/database` (and `path`
 * is none).
 */
server: string | null, 
/**
 * On a server, the person signed in, when they are one of the company's people (the server's
 * owner, or a user its administrator made, may not be).
 */
signed_in: ServerPerson | null, 
/**
 * When the server could not be reached and this PC's copy of its company is open instead
 * (read only), which server and when the copy was made.
 */
kept_copy: KeptCopy | null, 
/**
 * Why the file could not be opened (it was left untouched).
 */
problem: ErrorReport | null, 
/**
 * Whether the open file is protected by a passphrase (encrypted on disk).
 */
protected: boolean, 
/**
 * The schema version the open file had before this Sonae upgraded it on opening, until the
 * user has read the notice saying so; `None` otherwise.
 */
upgraded_from: number | null, 
/**
 * The open incidents whose obligations that upgrade changed (assessed again under new rules),
 * for the same notice.
 */
reassessed: Array<IncidentRef>, };

export type IncidentRef = { id: number, title: string, };

export type RecentFile = { path: string, file_name: string, folder: string, 
/**
 * False when the file was moved or deleted since.
 */
exists: boolean, 
/**
 * True for the file open now.
 */
open: boolean, };

export type ServerPlace = { 
/**
 * The server's host name or IP address.
 */
host: string, port: number, database: string, user: string, 
/**
 * The CA certificate file the server's administrator handed out; the server must present a
 * certificate it vouches for.
 */
ca_file: string, };

export type ServerAccess = "administrator" | "staff" | "read_only";

export type ServerPerson = { 
/**
 * The user name they sign in with.
 */
login: string, 
/**
 * How the history and the timeline name them (「情シス 高橋」).
 */
name: string, 
/**
 * `None`: taken off the company (still named in the history).
 */
access: ServerAccess | null, };

export type ChangedPart = "company" | "policy" | "bcp" | "contacts" | "incidents" | "exercises" | "people";

export type CompanyChanges = { 
/**
 * Count of changes seen so far; the window asks again with it.
 */
generation: number, 
/**
 * The parts changed since the generation the window gave.
 */
parts: Array<ChangedPart>, };

export type KeptCopy = { 
/**
 * The server database as `user@host:port/database`.
 */
server: string, 
/**
 * When the copy was made (RFC 3339, this PC's time).
 */
taken_at: string, };

export type PolicySource = "builtin_ja" | "builtin_en" | "company_file";

export type ChosenContactsCsv = { file_name: string, preview: CsvPreview, };

export type ChosenPolicyTemplate = { file_name: string, 
/**
 * The company it was exported from (informative).
 */
source_company: string, 
/**
 * RFC 3339.
 */
exported_at: string, language: Language, roles: number, procedures: number, checklists: number, authorities: number, scenarios: number, targets: number, };

export type CallOutcome = "reached" | "no_answer";

export type IncidentCall = { id: number, contact_id: number | null, contact_name: string, role_name: string, outcome: CallOutcome, at: string, author: string, };

export type TaskSource = "checklist" | "procedure";

export type IncidentTask = { id: number, source: TaskSource, text: string, role_name: string, done_at: string | null, done_by: string, };

export type TimelineEntry = { id: number, at: string, author: string, 
/**
 * note, recorded, severity, call, task, facts, obligation, recovery, status.
 */
kind: string, message: string, };

export type StepConfirmations = { basics: number | null, severity: number | null, interview: number | null, recovery: number | null, };

export type ObligationStatus = "not_started" | "drafted" | "sent" | "waived";

export type AuthorityContact = { name: string, purpose: string, url: string, phone: string, email: string, hours: string, source: string, };

export type ObligationRecord = { id: number, authority: Authority, duty: Duty, grounds: Array<Ground>, deadlines: Array<Deadline>, 
/**
 * Reported in two stages, a 速報 and then a 確報, each sent on its own day.
 */
two_stages: boolean, next_due: string | null, status: ObligationStatus, 
/**
 * YYYY-MM-DD.
 */
sent_on: string | null, reference_number: string, 
/**
 * For a report made in two stages: the day the 速報 was sent (YYYY-MM-DD), recorded apart
 * from the 確報 (`sent_on` is the 確報's, or that of one report covering both).
 */
preliminary_sent_on: string | null, 
/**
 * The 速報's reference number, when the authority gave one.
 */
preliminary_reference: string, waived_reason: string, 
/**
 * False once revised facts no longer call for it (kept: it may have been sent already).
 */
current: boolean, contact: AuthorityContact | null, 
/**
 * The ministry a delegated PPC report goes to instead of the PPC.
 */
submit_to: Delegate | null, 
/**
 * The rule set it was assessed under, named by the day it came into force ("2024-04-01");
 * `None` when Sonae 0.1 assessed it.
 */
rules: string | null, 
/**
 * Whose data it is about, when the case touches both the company's own data and a client's
 * (empty otherwise, and for the reports about the attack itself).
 */
covers: Array<DataScope>, 
/**
 * On a current `client` obligation: the final date of the PPC report on the client's data,
 * which is the company's own duty until the client is told (docs/rules.md §7.2).
 */
own_report_due: string | null, };

export type ObligationUpdate = { status: ObligationStatus, 
/**
 * The day the (final) report was sent, YYYY-MM-DD, when `status` is sent.
 */
sent_on: string | null, reference_number: string, waived_reason: string, 
/**
 * For a report in two stages: the day the 速報 was sent, YYYY-MM-DD, or `None` while it has
 * not been.
 */
preliminary_sent_on: string | null, preliminary_reference: string, };

export type IncidentDetail = { id: number, title: string, case_kind: CaseKind, discovered_at: string, 
/**
 * 知った日 — the day of `discovered_at` in Japan time, day 1 of every deadline (YYYY-MM-DD).
 */
day_one: string, 
/**
 * 発生日時, when known.
 */
occurred_at: string | null, discovered_by: string, description: string, stage: IncidentStage, category: string | null, level: number | null, level_override_reason: string, status: IncidentStatus, 
/**
 * The wizard step to resume at (0-based).
 */
wizard_step: number, 
/**
 * Fields typed but not yet confirmed, per step that has any.
 */
wizard_draft: WizardDrafts, 
/**
 * The assessment facts as last confirmed, or none yet.
 */
facts: Facts | null, 
/**
 * What the reporting step starts from when no facts are confirmed yet.
 */
suggested_facts: Facts | null, 
/**
 * The reporting interview's replies as last recorded (none before the first assessment, or
 * when it was made by an older Sonae).
 */
interview_replies: Array<Replied>, 
/**
 * The data items, whose data, what happened to it, and the IPA form's details.
 */
details: ReportingDetails, recovery: Recovery, closed_at: string | null, created_at: string, timeline: Array<TimelineEntry>, 
/**
 * The last timeline entry confirming each step's answers: the step's form sends it back
 * with its confirmation, which is refused when someone else confirmed the step since.
 */
confirmations: StepConfirmations, calls: Array<IncidentCall>, tasks: Array<IncidentTask>, obligations: Array<ObligationRecord>, 
/**
 * The office's own English for the GDPR notices' narrative.
 */
gdpr_texts: GdprTexts, 
/**
 * The client (委託元) whose data it touched, as chosen from the contacts.
 */
client: IncidentClient | null, };

export type LevelDefinition = { level: number, name: string, impact: string, responsible_role: string | null, };

export type CategoryDefinition = { key: string, name: string, description: string, };

export type WizardPolicy = { levels: Array<LevelDefinition>, categories: Array<CategoryDefinition>, };

export type Phone = { label: string, number: string, emergency: boolean, };

export type Email = { label: string, address: string, };

export type CallTarget = { contact_id: number, name: string, organization: string, title: string, 
/**
 * The roles this person is called for, e.g. "インシデント対応責任者".
 */
roles: Array<string>, 
/**
 * Called as a deputy (代理) for every role listed.
 */
deputy: boolean, call_order: number | null, phones: Array<Phone>, emails: Array<Email>, 
/**
 * The latest call to this person about the incident.
 */
last_call: IncidentCall | null, };

export type NearMiss = { id: number, 
/**
 * YYYY-MM-DD.
 */
occurred_on: string, title: string, description: string, what_could_happen: string, measures: string, 
/**
 * Left out of training exports.
 */
reported_by: string, };

export type NearMissInput = { occurred_on: string, title: string, description: string, what_could_happen: string, measures: string, reported_by: string, };

export type CaseKind = "malware" | "suspicious_email" | "lost_device" | "missent" | "website" | "account_misuse" | "ransomware" | "outage" | "other";

export type WhatHappenedDraft = { case_kind: CaseKind, title: string, 
/**
 * When it was noticed, as typed: `YYYY-MM-DD` and `HH:MM`.
 */
date: string, time: string, discovered_by: string, description: string, 
/**
 * 発生日時 not known (the default), or the date and time typed.
 */
occurredUnknown: boolean, occurredDate: string, occurredTime: string, 
/**
 * Who is recording, kept so that a resumed step still has it.
 */
author: string, };

export type SeverityDraft = { category: string, level: number | null, override_reason: string, happened: Happened, 
/**
 * Are customers, partners or shareholders affected?
 */
outsiders_affected: boolean, 
/**
 * Was personal information leaked, or may it have been?
 */
personal_data_involved: boolean, 
/**
 * Is the business itself stopped or disrupted?
 */
business_disrupted: boolean, 
/**
 * Is the staff's daily work hindered?
 */
staff_work_hindered: boolean, };

export type Question = "crime" | "unauthorized_access" | "malware" | "communications_secrecy" | "whose" | "recovered" | "encrypted" | "key_with_it" | "wiped_remotely" | "sensitive" | "financial" | "my_numbers" | "my_numbers_public" | "people_at_least" | "people_at_most" | "client_people_at_least" | "client_people_at_most" | "my_numbers_at_least" | "my_numbers_at_most" | "bad_intent" | "web_form" | "eu_people" | "client_told" | "eu_establishment" | "eu_targeting";

export type AnswerKind = "yes_no" | "count" | "most" | "whose";

export type Reply = "yes" | "no" | "unknown" | "own" | "client" | "both" | { "count": number };

export type Replied = { question: Question, reply: Reply, };

export type Asked = { question: Question, kind: AnswerKind, reply: Reply | null, 
/**
 * Asked for what a report must say, not because it could change who is told (the number of
 * people, which the PPC form and the client's notice ask).
 */
for_documents: boolean, };

export type Unsettled = { authority: Authority, 
/**
 * The ways to make it fall away, any one enough: each the facts (contract names) to confirm
 * together, each the way that leaves fewer reports.
 */
ways: Array<Array<string>>, };

export type Lifted = { authority: Authority, 
/**
 * The facts (contract names) whose answers lifted it.
 */
by: Array<string>, };

export type InterviewState = { 
/**
 * The questions answered, in the interview's order: the summary to change answers from.
 */
answered: Array<Asked>, 
/**
 * The question to ask next; `None` when nothing left can change the answer.
 */
next: Asked | null, 
/**
 * The facts the replies stand for, as they would be recorded.
 */
facts: Facts, 
/**
 * The answer as it stands, every open fact at its safe value.
 */
assessment: Assessment, 
/**
 * The facts still open that could change the answer (contract names).
 */
open: Array<string>, unsettled: Array<Unsettled>, lifted: Array<Lifted>, 
/**
 * Data items that disagree with the replies: the company's own data, then a client's.
 */
contradictions: Array<Contradiction>, };

export type ReportingDraft = { replies: Array<Replied>, details: ReportingDetails, 
/**
 * Save the replies to the profile's GDPR questions to the company profile too.
 */
save_to_profile: boolean, };

export type StepDraft = { "step": "what_happened", "fields": WhatHappenedDraft } | { "step": "severity", "fields": SeverityDraft } | { "step": "reporting", "fields": ReportingDraft } | { "step": "recovery", "fields": Recovery };

export type WizardDrafts = { what_happened: WhatHappenedDraft | null, severity: SeverityDraft | null, reporting: ReportingDraft | null, recovery: Recovery | null, };

export type IncidentBasics = { case_kind: CaseKind, title: string, 
/**
 * When it was noticed, RFC 3339 with offset.
 */
discovered_at: string, 
/**
 * 発生日時 — when it happened, RFC 3339 with offset; `None` when not known.
 */
occurred_at: string | null, discovered_by: string, description: string, };

export type Happened = "nothing_yet" | "signs_only" | "damage_confirmed";

export type SeverityAnswers = { happened: Happened, 
/**
 * Are customers, partners or shareholders affected?
 */
outsiders_affected: boolean, 
/**
 * Was personal information leaked, or may it have been?
 */
personal_data_involved: boolean, 
/**
 * Is the business itself stopped or disrupted?
 */
business_disrupted: boolean, 
/**
 * Is the staff's daily work hindered?
 */
staff_work_hindered: boolean, };

export type Severity = { answers: SeverityAnswers, 
/**
 * The policy category's key.
 */
category: string, level: number, 
/**
 * Required when `level` differs from the level the answers suggest.
 */
override_reason: string, };

export type Recovery = { 
/**
 * 原因
 */
cause: string, 
/**
 * 二次被害又はそのおそれの有無及びその内容
 */
secondary_damage: string, 
/**
 * 本人への対応の実施状況
 */
subject_response: string, 
/**
 * 公表の実施状況
 */
publication: string, measures_taken: string, 
/**
 * 再発防止のための措置 (planned)
 */
measures_planned: string, lessons: string, };

export type DataItem = "name" | "address" | "phone" | "email" | "birth_date" | "gender" | "employer" | "bank_account" | "card_number" | "credentials" | "health" | "my_number";

export type DataItems = { items: Array<DataItem>, 
/**
 * その他: what else, as typed; `None` when その他 is not ticked.
 */
other: string | null, };

export type Contradiction = "health_not_sensitive" | "card_not_financial" | "my_number_not_involved";

export type DataSubjectGroup = "customers" | "employees" | "partners" | "others";

export type Harm = "leak" | "loss" | "damage";

export type AffectedData = { 
/**
 * The items of the company's own data.
 */
own: DataItems, 
/**
 * The items of data the company holds for a client (委託元).
 */
client: DataItems, whose: Array<DataSubjectGroup>, harm: Array<Harm>, };

export type ReportingDetails = { data: AffectedData, 
/**
 * The malware's name, or what it did on screen (IPA form).
 */
malware_name: string, 
/**
 * How it was found (IPA form).
 */
how_found: string, 
/**
 * The presumed route of infection or entry (IPA form).
 */
infection_route: string, 
/**
 * What the IPA and JPCERT/CC forms ask about the machines and the attack.
 */
technical: TechnicalDetails, };

export type TechnicalDetails = { 
/**
 * The operating systems of the machines hit, with versions (IPA: 環境).
 */
os: string, 
/**
 * The systems, servers or services affected.
 */
systems: string, 
/**
 * How many PCs were hit, when known.
 */
pc_count: number | null, 
/**
 * 都道府県 where it happened; the company's own when empty.
 */
prefecture: string, 
/**
 * IP addresses, host or domain names seen in the attack (JPCERT/CC).
 */
addresses_seen: string, 
/**
 * Times from the logs, with their time zone (JPCERT/CC).
 */
log_times: string, };

export type ChangeAction = "create" | "update" | "delete";

export type ChangedEntity = "contact" | "company" | "role" | "level" | "category" | "procedure" | "checklist" | "authority" | "bcp_scenario" | "bcp_target" | "bcp_exercise" | "exercise_scenario" | "exercise_run" | "exercise_follow_up" | "jigyokei" | "policy";

export type ChangeRecord = { id: number, at: string, author: string, entity: ChangedEntity, entity_id: number | null, action: ChangeAction, 
/**
 * A short name of the entity (its name or title after the change, else before it).
 */
label: string, before: string | null, after: string | null, };

export type ContactKind = "person" | "organization";

export type ContactTag = "internal" | "authority" | "vendor" | "customer" | "insurer" | "other";

export type ContactDetails = { id: number, kind: ContactKind, name: string, 
/**
 * ふりがな — the reading, used for sorting and search.
 */
name_kana: string, organization: string, 
/**
 * 部署
 */
department: string, title: string, notes: string, 
/**
 * 連絡網 — position in the internal call tree (1 = called first), or null.
 */
call_order: number | null, 
/**
 * YYYY-MM-DD, or null when never confirmed.
 */
last_confirmed_on: string | null, phones: Array<Phone>, emails: Array<Email>, tags: Array<ContactTag>, 
/**
 * Not confirmed for the company's `stale_contact_months`, or never.
 */
stale: boolean, 
/**
 * RFC 3339.
 */
updated_at: string, 
/**
 * The change history's last record of this contact when it was read (none before its first
 * recorded change). The form sends it back with a save, which is refused when someone else
 * changed the contact since ([`crate::store::history::refuse_if_changed_since`]).
 */
last_change_id: number | null, };

export type ContactInput = { kind: ContactKind, name: string, name_kana: string, organization: string, 
/**
 * 部署
 */
department: string, title: string, notes: string, 
/**
 * 1 or more, or null for someone outside the call tree.
 */
call_order: number | null, 
/**
 * YYYY-MM-DD.
 */
last_confirmed_on: string | null, phones: Array<Phone>, emails: Array<Email>, tags: Array<ContactTag>, };

export type ContactQuery = { 
/**
 * Words separated by spaces; every word must match (name, kana, organisation, title,
 * emails, notes, or the digits of a phone number).
 */
text: string, tag: ContactTag | null, 
/**
 * Only contacts due for confirmation.
 */
only_stale: boolean, offset: number, 
/**
 * At most this many items; 0 for all.
 */
limit: number, };

export type ContactListItem = { id: number, kind: ContactKind, name: string, name_kana: string, organization: string, department: string, title: string, 
/**
 * The first phone.
 */
phone: Phone | null, 
/**
 * The first phone marked for emergencies, if any.
 */
emergency_phone: Phone | null, 
/**
 * The first email address.
 */
email: string | null, tags: Array<ContactTag>, call_order: number | null, last_confirmed_on: string | null, stale: boolean, };

export type ContactPage = { 
/**
 * How many contacts match the query in all.
 */
total: number, items: Array<ContactListItem>, };

export type ContactUse = { "kind": "role_holder", role_key: string, role_name: string, deputy: boolean, } | { "kind": "recovery_owner", target_id: number, target_name: string, } | { "kind": "related_contact", target_id: number, target_name: string, } | { "kind": "exercise_confirmation", exercise_id: number, held_on: string, } | { "kind": "incident_call", incident_id: number, incident_title: string, calls: number, };

export type CsvImportSummary = { imported: number, 
/**
 * Rows left out as duplicates (of a contact in the file or of an earlier row).
 */
skipped: number, };

export type CsvEncoding = "utf8_bom" | "utf8" | "shift_jis";

export type CsvField = "name" | "name_kana" | "organization" | "department" | "title" | "kind" | "phone" | "emergency_phone" | "email" | "tags" | "call_order" | "last_confirmed" | "notes";

export type CsvColumn = { header: string, field: CsvField | null, };

export type CsvProblem = { code: string, column: string | null, 
/**
 * English.
 */
message: string, };

export type CsvRow = { 
/**
 * The line of the file where the row starts (1-based; a quoted cell may span lines).
 */
line: number, 
/**
 * The contact the row describes (as it will be stored, when the row has no error).
 */
contact: ContactInput, errors: Array<CsvProblem>, warnings: Array<CsvProblem>, 
/**
 * Left out on import: a duplicate (see the warnings).
 */
skipped: boolean, };

export type CsvPreview = { 
/**
 * Null when the bytes could not be read as text at all.
 */
encoding: CsvEncoding | null, columns: Array<CsvColumn>, rows: Array<CsvRow>, 
/**
 * Problems with the file as a whole; none of it can be imported while there is one.
 */
file_errors: Array<CsvProblem>, column_warnings: Array<CsvProblem>, 
/**
 * No file error and no row error: importing would succeed.
 */
importable: boolean, 
/**
 * Rows that would be imported and rows that would be skipped as duplicates.
 */
to_import: number, to_skip: number, };

export type BackupReason = "opened" | "daily" | "before_restore" | "manual" | "before_upgrade";

export type BackupSummary = { company_name: string, contacts: number, incidents: number, open_incidents: number, 
/**
 * The latest change recorded anywhere in the file (RFC 3339), if any.
 */
last_change: string | null, };

export type BackupContents = { "state": "intact" } & BackupSummary | { "state": "locked", reason: string, } | { "state": "unusable", code: ErrorCode, reason: string, };

export type BackupInfo = { path: string, 
/**
 * When it was taken, in local time.
 */
taken_at: string, reason: BackupReason, size_bytes: number, contents: BackupContents, };

export type RekeyedBackups = { 
/**
 * Converted to the new protection.
 */
converted: string[], 
/**
 * Already protected as asked (plain when protection was removed, or opening with the new
 * passphrase): nothing to do.
 */
unchanged: string[], 
/**
 * Left as they were: damaged, written by a newer Sonae, or protected by a passphrase that is
 * neither the old nor the new one. `contents` says which.
 */
left: Array<BackupInfo>, };

export type ContactRef = { id: number, name: string, };

export type EditableRole = { id: number, 
/**
 * Stable key (e.g. "chief"); generated when the role is created, never changed.
 */
key: string, name: string, description: string, 
/**
 * 担当者 — the holder.
 */
holder: ContactRef | null, 
/**
 * 代行者 — deputies in the order they step in.
 */
deputies: Array<ContactRef>, 
/**
 * The change history's last record of this entry when it was read: its editor sends it back
 * with a save, which is refused when someone else changed the entry since.
 */
last_change_id: number | null, };

export type EditableLevel = { level: number, name: string, 
/**
 * 影響範囲
 */
impact: string, responsible_role_id: number | null, 
/**
 * The change history's last record of this entry when it was read: its editor sends it back
 * with a save, which is refused when someone else changed the entry since.
 */
last_change_id: number | null, };

export type EditableCategory = { id: number, key: string, name: string, description: string, 
/**
 * The change history's last record of this entry when it was read: its editor sends it back
 * with a save, which is refused when someone else changed the entry since.
 */
last_change_id: number | null, };

export type StepInput = { text: string, 
/**
 * The role that does it, if any.
 */
role_id: number | null, };

export type EditableProcedure = { id: number, category_key: string, level: number, note: string, steps: Array<StepInput>, 
/**
 * The change history's last record of this entry when it was read: its editor sends it back
 * with a save, which is refused when someone else changed the entry since.
 */
last_change_id: number | null, };

export type EditableChecklist = { id: number, 
/**
 * The wizard case ("malware", "lost_device", ...).
 */
case_key: string, title: string, items: Array<StepInput>, 
/**
 * The change history's last record of this entry when it was read: its editor sends it back
 * with a save, which is refused when someone else changed the entry since.
 */
last_change_id: number | null, };

export type EditableAuthority = { id: number, 
/**
 * The assessment's addressee id ("ppc", "police", ...) or the entry's own key ("local_1").
 */
key: string, name: string, purpose: string, url: string, phone: string, email: string, hours: string, 
/**
 * Where the contact facts come from.
 */
source: string, 
/**
 * The assessment reports to this key, so the entry cannot be deleted (only edited).
 */
required: boolean, 
/**
 * The change history's last record of this entry when it was read: its editor sends it back
 * with a save, which is refused when someone else changed the entry since.
 */
last_change_id: number | null, };

export type EditablePolicy = { roles: Array<EditableRole>, 
/**
 * Levels 0–3, in order.
 */
levels: Array<EditableLevel>, categories: Array<EditableCategory>, 
/**
 * In category order, then by level.
 */
procedures: Array<EditableProcedure>, checklists: Array<EditableChecklist>, authorities: Array<EditableAuthority>, };

export type RoleInput = { name: string, description: string, };

export type LevelInput = { name: string, impact: string, 
/**
 * Every level has a responsible role (the wizard's call list starts from it).
 */
responsible_role_id: number, };

export type CategoryInput = { name: string, description: string, };

export type AuthorityInput = { name: string, purpose: string, url: string, phone: string, email: string, hours: string, source: string, };

export type RoleDeletion = { steps_unassigned: number, checklist_items_unassigned: number, };

export type EditableScenario = { id: number, title: string, reason: string, 
/**
 * The change history's last record of this entry when it was read: its editor sends it back
 * with a save, which is refused when someone else changed the entry since.
 */
last_change_id: number | null, };

export type EditableTarget = { id: number, name: string, 
/**
 * 復旧責任者 as a role.
 */
recovery_role_id: number | null, 
/**
 * 復旧責任者 as a named person.
 */
recovery_contact: ContactRef | null, 
/**
 * 関係者連絡先, in order.
 */
related_contacts: Array<ContactRef>, related_contacts_hint: string, 
/**
 * 目標復旧時間 (free text, e.g. "24時間以内").
 */
target_recovery_time: string, 
/**
 * One entry per step.
 */
recovery_steps: Array<string>, 
/**
 * The change history's last record of this entry when it was read: its editor sends it back
 * with a save, which is refused when someone else changed the entry since.
 */
last_change_id: number | null, };

export type EditableExercise = { id: number, 
/**
 * YYYY-MM-DD.
 */
held_on: string, scenario_id: number | null, participants: string, what_worked: string, unreachable: string, follow_ups: string, 
/**
 * Contacts the exercise confirmed reachable, in call-tree order.
 */
confirmed_contacts: Array<ContactRef>, 
/**
 * The change history's last record of this entry when it was read: its editor sends it back
 * with a save, which is refused when someone else changed the entry since.
 */
last_change_id: number | null, };

export type EditableBcp = { scenarios: Array<EditableScenario>, targets: Array<EditableTarget>, 
/**
 * Most recent first.
 */
exercises: Array<EditableExercise>, };

export type ScenarioInput = { title: string, reason: string, };

export type TargetInput = { name: string, recovery_role_id: number | null, recovery_contact_id: number | null, 
/**
 * Ordered; each contact at most once.
 */
related_contact_ids: Array<number>, related_contacts_hint: string, target_recovery_time: string, 
/**
 * One entry per step; blank entries are dropped and an entry with line breaks becomes
 * several steps (the file keeps one step per line).
 */
recovery_steps: Array<string>, };

export type ExerciseInput = { 
/**
 * YYYY-MM-DD, not after today.
 */
held_on: string, scenario_id: number | null, participants: string, what_worked: string, unreachable: string, follow_ups: string, 
/**
 * Contacts reached in the exercise; each one's 最終確認日 moves up to `held_on`.
 */
confirmed_contact_ids: Array<number>, };

export type ImportSummary = { template_language: Language, company_language: Language, 
/**
 * The template is written in another language than the company file; the file's language
 * was not changed (the company profile changes it).
 */
language_differs: boolean, 
/**
 * Roles whose holders and deputies were kept (their key is in the template too).
 */
roles_holders_kept: number, 
/**
 * Roles that had holders but are not in the template; those assignments are gone.
 */
roles_holders_dropped: number, 
/**
 * Damaged targets whose recovery person and related contacts were kept (same name).
 */
targets_links_kept: number, 
/**
 * Damaged targets that had people linked but are not in the template by that name.
 */
targets_links_dropped: number, 
/**
 * Exercises whose assumed incident is no longer in the plan (now linked to none).
 */
exercises_unlinked: number, };

export type DocumentKind = "policy" | "bcp" | "contacts-card" | "readiness-summary" | "exercise-report" | "jigyokei" | "incident-report" | "ppc-draft" | "ppc-my-number-draft" | "data-subject-notice" | "client-notice" | "public-notice" | "insurer-notice" | "ipa-draft" | "ipa-access-draft" | "jpcert-draft" | "police-memo" | "gdpr-draft" | "gdpr-subject-notice";

export type ReportStage = "preliminary" | "final";

export type LetterView = { 
/**
 * The letter's title, as composed (named in the timeline).
 */
title: string, text: string, 
/**
 * The letter composed from the record as it is now.
 */
composed: string, edited: EditedLetter | null, 
/**
 * Composing again would give another text than the edit was made from: the facts changed.
 */
facts_changed: boolean, 
/**
 * How to use the draft; shown beside the letter, never printed in it.
 */
note: string, };

export type EditedLetter = { text: string, 
/**
 * What Sonae had composed from the record when this edit was saved.
 */
composed_from: string, 
/**
 * RFC 3339.
 */
edited_at: string, edited_by: string, };

export type GdprTexts = { 
/**
 * The nature of the breach: what happened, how it was found (art. 33(3)(a), 34(2)).
 */
nature: string, 
/**
 * The likely consequences for the people (art. 33(3)(c)).
 */
consequences: string, 
/**
 * The measures taken or proposed, and to mitigate its effects (art. 33(3)(d)).
 */
measures: string, 
/**
 * Why the notification comes after the 72 hours (art. 33(1)).
 */
delay_reasons: string, };

export type IncidentClient = { contact_id: number, kind: ContactKind, name: string, organization: string, 
/**
 * 部署・役職, for a person.
 */
title: string, };

export type IncidentCategory = "leak" | "tampering" | "outage" | "malware" | "other";

export type DataAtRisk = { 
/**
 * Personal data is (or may be) involved. Any count, `subjects_unknown`, a kind of data or
 * My Numbers say so too; `true` by itself says only that personal data could be among what
 * was hit; `false` with anything that says otherwise is refused; `null` = not said.
 */
involved: boolean | null, 
/**
 * 本人の数 — how many people the data is about, as known or estimated. 0 with personal data
 * involved and no `subjects_max` means nobody knows yet.
 */
subjects: number, 
/**
 * The most people that may be affected (e.g. the records the stolen PC held); at least
 * `subjects`.
 */
subjects_max: number | null, 
/**
 * Nobody can say yet how many people are affected.
 */
subjects_unknown: boolean, 
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
 * Personal information the company was in the course of collecting, to keep as personal data
 * (e.g. what customers typed into its own web form). Counts from 2024-04-01 only.
 */
being_acquired: boolean, 
/**
 * 高度な暗号化 — strongly encrypted, with the key kept safe.
 */
high_level_encryption: boolean, 
/**
 * Everything was recovered, and it is confirmed that no third party viewed it: no leak
 * happened. Lifts the PPC and My Number reports, except My Numbers posted publicly or used
 * for an improper purpose (docs/rules.md §6).
 */
recovered_unviewed: boolean, 
/**
 * My Numbers (特定個人情報) are, or may be, among the data. A My Number count or
 * `my_number_public` says so too; `false` with those is refused.
 */
my_number_involved: boolean | null, 
/**
 * People whose My Number is included, as known.
 */
my_number_subjects: number, 
/**
 * The most people whose My Number may be included; at least `my_number_subjects`.
 */
my_number_subjects_max: number | null, 
/**
 * The My Numbers could be seen by anyone on the web or on a system outsiders can reach.
 */
my_number_public: boolean, 
/**
 * People living in the EU/EEA.
 */
eu_subjects: number, };

export type PersonalData = { 
/**
 * Version 1's way to say that all the data is a client's and the client (委託元) has been
 * told; refused together with `entrusted_data`.
 */
entrusted_by_client_notified: boolean, 
/**
 * Personal data is (or may be) involved. Any count, `subjects_unknown`, a kind of data or
 * My Numbers say so too; `true` by itself says only that personal data could be among what
 * was hit; `false` with anything that says otherwise is refused; `null` = not said.
 */
involved: boolean | null, 
/**
 * 本人の数 — how many people the data is about, as known or estimated. 0 with personal data
 * involved and no `subjects_max` means nobody knows yet.
 */
subjects: number, 
/**
 * The most people that may be affected (e.g. the records the stolen PC held); at least
 * `subjects`.
 */
subjects_max: number | null, 
/**
 * Nobody can say yet how many people are affected.
 */
subjects_unknown: boolean, 
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
 * Personal information the company was in the course of collecting, to keep as personal data
 * (e.g. what customers typed into its own web form). Counts from 2024-04-01 only.
 */
being_acquired: boolean, 
/**
 * 高度な暗号化 — strongly encrypted, with the key kept safe.
 */
high_level_encryption: boolean, 
/**
 * Everything was recovered, and it is confirmed that no third party viewed it: no leak
 * happened. Lifts the PPC and My Number reports, except My Numbers posted publicly or used
 * for an improper purpose (docs/rules.md §6).
 */
recovered_unviewed: boolean, 
/**
 * My Numbers (特定個人情報) are, or may be, among the data. A My Number count or
 * `my_number_public` says so too; `false` with those is refused.
 */
my_number_involved: boolean | null, 
/**
 * People whose My Number is included, as known.
 */
my_number_subjects: number, 
/**
 * The most people whose My Number may be included; at least `my_number_subjects`.
 */
my_number_subjects_max: number | null, 
/**
 * The My Numbers could be seen by anyone on the web or on a system outsiders can reach.
 */
my_number_public: boolean, 
/**
 * People living in the EU/EEA.
 */
eu_subjects: number, };

export type EntrustedData = { 
/**
 * The client (委託元) has been told; from then on the reports on this data are the client's.
 */
client_notified: boolean, 
/**
 * Personal data is (or may be) involved. Any count, `subjects_unknown`, a kind of data or
 * My Numbers say so too; `true` by itself says only that personal data could be among what
 * was hit; `false` with anything that says otherwise is refused; `null` = not said.
 */
involved: boolean | null, 
/**
 * 本人の数 — how many people the data is about, as known or estimated. 0 with personal data
 * involved and no `subjects_max` means nobody knows yet.
 */
subjects: number, 
/**
 * The most people that may be affected (e.g. the records the stolen PC held); at least
 * `subjects`.
 */
subjects_max: number | null, 
/**
 * Nobody can say yet how many people are affected.
 */
subjects_unknown: boolean, 
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
 * Personal information the company was in the course of collecting, to keep as personal data
 * (e.g. what customers typed into its own web form). Counts from 2024-04-01 only.
 */
being_acquired: boolean, 
/**
 * 高度な暗号化 — strongly encrypted, with the key kept safe.
 */
high_level_encryption: boolean, 
/**
 * Everything was recovered, and it is confirmed that no third party viewed it: no leak
 * happened. Lifts the PPC and My Number reports, except My Numbers posted publicly or used
 * for an improper purpose (docs/rules.md §6).
 */
recovered_unviewed: boolean, 
/**
 * My Numbers (特定個人情報) are, or may be, among the data. A My Number count or
 * `my_number_public` says so too; `false` with those is refused.
 */
my_number_involved: boolean | null, 
/**
 * People whose My Number is included, as known.
 */
my_number_subjects: number, 
/**
 * The most people whose My Number may be included; at least `my_number_subjects`.
 */
my_number_subjects_max: number | null, 
/**
 * The My Numbers could be seen by anyone on the web or on a system outsiders can reach.
 */
my_number_public: boolean, 
/**
 * People living in the EU/EEA.
 */
eu_subjects: number, };

export type Organization = { 
/**
 * プライバシーマーク付与事業者
 */
privacy_mark: boolean, 
/**
 * ISMS (ISO/IEC 27001) certified; its certification body's reporting terms are per contract.
 */
isms_certified: boolean, 
/**
 * The company has cyber insurance, whose policy asks to be told of incidents.
 */
cyber_insurance: boolean, 
/**
 * The GDPR applies to the company (art. 3: it has an establishment in the EU, or targets
 * people there with goods or services or watches how they behave there). Missing means yes,
 * so that no report is missed until the company profile says otherwise.
 */
gdpr_applies: boolean, sector: Sector, };

export type Facts = { 
/**
 * 知った日時 — when the company came to know of the incident (RFC 3339, any offset). Its date
 * in Japan (UTC+09:00) is day 1 of every report deadline.
 */
discovered_at: string, 
/**
 * 発生日時 — when it happened, if known (RFC 3339). Only the drafts use it; no deadline
 * counts from it.
 */
occurred_at: string | null, 
/**
 * How far it went: a near miss (nothing happened), an event (signs, no damage confirmed) or
 * an incident (damage confirmed). Missing means an incident.
 */
stage: IncidentStage, category: IncidentCategory, 
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
crime_suspected: boolean, 
/**
 * 通信の秘密 — users' communications (their contents, or who communicated with whom and
 * when) leaked or may have; with `organization.sector: telecom` it is a report to MIC under
 * 電気通信事業法 art. 28 (docs/rules.md §7.9).
 */
communications_secrecy: boolean, 
/**
 * The company's own personal data.
 */
personal_data: PersonalData, 
/**
 * 委託を受けた個人データ — data the company handles for clients (委託元), assessed apart from
 * its own.
 */
entrusted_data: EntrustedData | null, organization: Organization, };

export type Authority = "ppc" | "client" | "data_subjects" | "ppc_my_number" | "privacy_mark" | "eu_supervisory_authority" | "eu_data_subjects" | "fsa" | "mic_telecom" | "mhlw" | "insurer" | "isms_body" | "police" | "ipa_malware" | "ipa_unauthorized_access" | "jpcert";

export type Duty = "mandatory" | "recommended";

export type DeadlineStage = "preliminary" | "final" | "notice";

export type Ground = "sensitive_data" | "financial_damage_risk" | "unlawful_purpose" | "being_acquired_unlawful" | "over_1000_subjects" | "subjects_may_exceed_1000" | "my_number_over_100_subjects" | "my_number_may_exceed_100" | "my_number_unlawful_purpose" | "my_number_public" | "entrusted_data" | "privacy_mark_holder" | "eu_subjects" | "eu_high_risk" | "finance_sector" | "communications_secrecy" | "medical_cyberattack" | "cyber_insurance" | "isms_certified" | "unauthorized_access" | "malware" | "crime_suspected" | "ransomware";

export type DueBy = string;

export type Deadline = { stage: DeadlineStage, due_by: DueBy, };

export type Delegate = "fsa" | "mic";

export type DataScope = "own" | "client";

export type Obligation = { authority: Authority, duty: Duty, grounds: Array<Ground>, deadlines: Array<Deadline>, 
/**
 * Where the report goes when the PPC has delegated receiving it to a ministry (only on
 * `ppc`); left out of the JSON otherwise.
 */
submit_to?: Delegate, };

export type Assessment = { 
/**
 * The rule set applied, named by the day it came into force (`"2024-04-01"`): the set in
 * force on the day of knowing.
 */
rules: string, obligations: Array<Obligation>, };

export const SECTOR_VALUES: readonly Sector[] = ['general', 'finance', 'medical', 'telecom'];

export const DATE_STYLE_VALUES: readonly DateStyle[] = ['western', 'japanese'];

export const INCIDENT_STAGE_VALUES: readonly IncidentStage[] = ['near_miss', 'event', 'incident'];

export const INCIDENT_STATUS_VALUES: readonly IncidentStatus[] = ['open', 'closed'];

export const INCIDENT_CATEGORY_VALUES: readonly IncidentCategory[] = ['leak', 'tampering', 'outage', 'malware', 'other'];

export const CASE_KIND_VALUES: readonly CaseKind[] = ['malware', 'suspicious_email', 'lost_device', 'missent', 'website', 'account_misuse', 'ransomware', 'outage', 'other'];

export const HAPPENED_VALUES: readonly Happened[] = ['nothing_yet', 'signs_only', 'damage_confirmed'];

export const QUESTION_VALUES: readonly Question[] = ['crime', 'unauthorized_access', 'malware', 'communications_secrecy', 'whose', 'recovered', 'encrypted', 'key_with_it', 'wiped_remotely', 'sensitive', 'financial', 'my_numbers', 'my_numbers_public', 'people_at_least', 'people_at_most', 'client_people_at_least', 'client_people_at_most', 'my_numbers_at_least', 'my_numbers_at_most', 'bad_intent', 'web_form', 'eu_people', 'client_told', 'eu_establishment', 'eu_targeting'];

export const DATA_ITEM_VALUES: readonly DataItem[] = ['name', 'address', 'phone', 'email', 'birth_date', 'gender', 'employer', 'bank_account', 'card_number', 'credentials', 'health', 'my_number'];

export const DATA_SUBJECT_GROUP_VALUES: readonly DataSubjectGroup[] = ['customers', 'employees', 'partners', 'others'];

export const HARM_VALUES: readonly Harm[] = ['leak', 'loss', 'damage'];

export const CALL_OUTCOME_VALUES: readonly CallOutcome[] = ['reached', 'no_answer'];

export const TASK_SOURCE_VALUES: readonly TaskSource[] = ['checklist', 'procedure'];

export const OBLIGATION_STATUS_VALUES: readonly ObligationStatus[] = ['not_started', 'drafted', 'sent', 'waived'];

export const AUTHORITY_VALUES: readonly Authority[] = ['ppc', 'client', 'data_subjects', 'ppc_my_number', 'privacy_mark', 'eu_supervisory_authority', 'eu_data_subjects', 'fsa', 'mic_telecom', 'mhlw', 'insurer', 'isms_body', 'police', 'ipa_malware', 'ipa_unauthorized_access', 'jpcert'];

export const DELEGATE_VALUES: readonly Delegate[] = ['fsa', 'mic'];

export const DUTY_VALUES: readonly Duty[] = ['mandatory', 'recommended'];

export const DEADLINE_STAGE_VALUES: readonly DeadlineStage[] = ['preliminary', 'final', 'notice'];

export const DOCUMENT_KIND_VALUES: readonly DocumentKind[] = ['policy', 'bcp', 'contacts-card', 'readiness-summary', 'exercise-report', 'jigyokei', 'incident-report', 'ppc-draft', 'ppc-my-number-draft', 'data-subject-notice', 'client-notice', 'public-notice', 'insurer-notice', 'ipa-draft', 'ipa-access-draft', 'jpcert-draft', 'police-memo', 'gdpr-draft', 'gdpr-subject-notice'];

export const REPORT_STAGE_VALUES: readonly ReportStage[] = ['preliminary', 'final'];

export const CONTACT_KIND_VALUES: readonly ContactKind[] = ['person', 'organization'];

export const CONTACT_TAG_VALUES: readonly ContactTag[] = ['internal', 'authority', 'vendor', 'customer', 'insurer', 'other'];

export const CSV_ENCODING_VALUES: readonly CsvEncoding[] = ['utf8_bom', 'utf8', 'shift_jis'];

export const CSV_FIELD_VALUES: readonly CsvField[] = ['name', 'name_kana', 'organization', 'department', 'title', 'kind', 'phone', 'emergency_phone', 'email', 'tags', 'call_order', 'last_confirmed', 'notes'];

export const EXERCISE_STEP_VALUES: readonly ExerciseStep[] = ['calls', 'first_response', 'reporting', 'recovery'];

export const READINESS_TASK_VALUES: readonly ReadinessTask[] = ['policy_review', 'bcp_review', 'exercise'];

export const READINESS_STATE_VALUES: readonly ReadinessState[] = ['overdue', 'due_soon', 'done'];

export const SERVER_ACCESS_VALUES: readonly ServerAccess[] = ['administrator', 'staff', 'read_only'];

export const CHANGED_PART_VALUES: readonly ChangedPart[] = ['company', 'policy', 'bcp', 'contacts', 'incidents', 'exercises', 'people'];

export const DEADLINE_URGENCY_VALUES: readonly DeadlineUrgency[] = ['overdue', 'within24_hours', 'later'];

export const MEASURE_KIND_VALUES: readonly MeasureKind[] = ['people', 'goods', 'money', 'information'];

export const CHANGE_ACTION_VALUES: readonly ChangeAction[] = ['create', 'update', 'delete'];

export const CHANGED_ENTITY_VALUES: readonly ChangedEntity[] = ['contact', 'company', 'role', 'level', 'category', 'procedure', 'checklist', 'authority', 'bcp_scenario', 'bcp_target', 'bcp_exercise', 'exercise_scenario', 'exercise_run', 'exercise_follow_up', 'jigyokei', 'policy'];

/** The drafts each addressee's card offers, the report itself first. */
export const DRAFTS_FOR: Record<Authority, readonly DocumentKind[]> = {
  ppc: ['ppc-draft'],
  client: ['client-notice'],
  data_subjects: ['data-subject-notice', 'public-notice'],
  ppc_my_number: ['ppc-my-number-draft'],
  privacy_mark: [],
  eu_supervisory_authority: ['gdpr-draft'],
  eu_data_subjects: ['gdpr-subject-notice'],
  fsa: ['ppc-draft'],
  mic_telecom: [],
  mhlw: [],
  insurer: ['insurer-notice'],
  isms_body: [],
  police: ['police-memo'],
  ipa_malware: ['ipa-draft'],
  ipa_unauthorized_access: ['ipa-access-draft'],
  jpcert: ['jpcert-draft'],
};

/** The reports each document is written for (速報 and 確報, or one). */
export const DOCUMENT_STAGES: Record<DocumentKind, readonly ReportStage[]> = {
  'policy': ['preliminary'],
  'bcp': ['preliminary'],
  'contacts-card': ['preliminary'],
  'readiness-summary': ['preliminary'],
  'exercise-report': ['preliminary'],
  'jigyokei': ['preliminary'],
  'incident-report': ['preliminary'],
  'ppc-draft': ['preliminary', 'final'],
  'ppc-my-number-draft': ['preliminary', 'final'],
  'data-subject-notice': ['preliminary'],
  'client-notice': ['preliminary'],
  'public-notice': ['preliminary'],
  'insurer-notice': ['preliminary'],
  'ipa-draft': ['preliminary'],
  'ipa-access-draft': ['preliminary'],
  'jpcert-draft': ['preliminary'],
  'police-memo': ['preliminary'],
  'gdpr-draft': ['preliminary'],
  'gdpr-subject-notice': ['preliminary'],
};

/** The documents that are letters, which the office may edit before sending. */
export const LETTER_DOCUMENTS: readonly DocumentKind[] = ['data-subject-notice', 'client-notice', 'public-notice'];

/** What each document is called where it is offered, by language and report stage. */
export const DOCUMENT_NAMES: Record<Language, Record<DocumentKind, Record<ReportStage, string>>> = {
  ja: {
    'policy': { preliminary: "情報セキュリティインシデント対応方針", final: "情報セキュリティインシデント対応方針" },
    'bcp': { preliminary: "事業継続計画", final: "事業継続計画" },
    'contacts-card': { preliminary: "緊急連絡カード", final: "緊急連絡カード" },
    'readiness-summary': { preliminary: "備えの点検表", final: "備えの点検表" },
    'exercise-report': { preliminary: "訓練報告書", final: "訓練報告書" },
    'jigyokei': { preliminary: "事業継続力強化計画の下書き", final: "事業継続力強化計画の下書き" },
    'incident-report': { preliminary: "インシデント報告書", final: "インシデント報告書" },
    'ppc-draft': { preliminary: "個人情報保護委員会への報告（速報）下書き", final: "個人情報保護委員会への報告（確報）下書き" },
    'ppc-my-number-draft': { preliminary: "個人情報保護委員会への報告（マイナンバー・速報）下書き", final: "個人情報保護委員会への報告（マイナンバー・確報）下書き" },
    'data-subject-notice': { preliminary: "本人へのお知らせ 下書き", final: "本人へのお知らせ 下書き" },
    'client-notice': { preliminary: "委託元への通知 下書き", final: "委託元への通知 下書き" },
    'public-notice': { preliminary: "公表文（ウェブサイト用） 下書き", final: "公表文（ウェブサイト用） 下書き" },
    'insurer-notice': { preliminary: "保険会社への事故の連絡 下書き", final: "保険会社への事故の連絡 下書き" },
    'ipa-draft': { preliminary: "IPAへの届出 下書き", final: "IPAへの届出 下書き" },
    'ipa-access-draft': { preliminary: "IPA 不正アクセス届出 下書き", final: "IPA 不正アクセス届出 下書き" },
    'jpcert-draft': { preliminary: "JPCERT/CCへの報告 下書き", final: "JPCERT/CCへの報告 下書き" },
    'police-memo': { preliminary: "警察への相談メモ", final: "警察への相談メモ" },
    'gdpr-draft': { preliminary: "GDPR第33条の通知 下書き（英語）", final: "GDPR第33条の通知 下書き（英語）" },
    'gdpr-subject-notice': { preliminary: "GDPR第34条 本人への通知 下書き（英語）", final: "GDPR第34条 本人への通知 下書き（英語）" },
  },
  en: {
    'policy': { preliminary: "Incident response policy", final: "Incident response policy" },
    'bcp': { preliminary: "Business continuity plan", final: "Business continuity plan" },
    'contacts-card': { preliminary: "Emergency contact card", final: "Emergency contact card" },
    'readiness-summary': { preliminary: "Readiness summary", final: "Readiness summary" },
    'exercise-report': { preliminary: "Exercise report", final: "Exercise report" },
    'jigyokei': { preliminary: "Jigyokei application draft", final: "Jigyokei application draft" },
    'incident-report': { preliminary: "Incident report", final: "Incident report" },
    'ppc-draft': { preliminary: "PPC breach report (preliminary) draft", final: "PPC breach report (final) draft" },
    'ppc-my-number-draft': { preliminary: "PPC My Number breach report (preliminary) draft", final: "PPC My Number breach report (final) draft" },
    'data-subject-notice': { preliminary: "Notice to affected people, draft", final: "Notice to affected people, draft" },
    'client-notice': { preliminary: "Notice to the client who entrusted the data, draft", final: "Notice to the client who entrusted the data, draft" },
    'public-notice': { preliminary: "Public notice for the web site, draft", final: "Public notice for the web site, draft" },
    'insurer-notice': { preliminary: "Incident notice to the insurer, draft", final: "Incident notice to the insurer, draft" },
    'ipa-draft': { preliminary: "IPA report draft", final: "IPA report draft" },
    'ipa-access-draft': { preliminary: "IPA unauthorized access report, draft", final: "IPA unauthorized access report, draft" },
    'jpcert-draft': { preliminary: "JPCERT/CC report draft", final: "JPCERT/CC report draft" },
    'police-memo': { preliminary: "Police consultation memo", final: "Police consultation memo" },
    'gdpr-draft': { preliminary: "GDPR art. 33 notice draft", final: "GDPR art. 33 notice draft" },
    'gdpr-subject-notice': { preliminary: "GDPR art. 34 notice to individuals draft", final: "GDPR art. 34 notice to individuals draft" },
  },
};

/** The assessment's facts by their contract names, as the interview names what is open. */
export const FACT_NAMES: readonly string[] = ['occurred_at', 'stage', 'category', 'unauthorized_access', 'malware', 'crime_suspected', 'communications_secrecy', 'personal_data.involved', 'personal_data.subjects', 'personal_data.subjects_max', 'personal_data.subjects_unknown', 'personal_data.sensitive', 'personal_data.financial_damage_risk', 'personal_data.unlawful_purpose', 'personal_data.being_acquired', 'personal_data.high_level_encryption', 'personal_data.recovered_unviewed', 'personal_data.my_number_involved', 'personal_data.my_number_subjects', 'personal_data.my_number_subjects_max', 'personal_data.my_number_public', 'personal_data.eu_subjects', 'personal_data.entrusted_by_client_notified', 'entrusted_data.involved', 'entrusted_data.subjects', 'entrusted_data.subjects_max', 'entrusted_data.subjects_unknown', 'entrusted_data.sensitive', 'entrusted_data.financial_damage_risk', 'entrusted_data.unlawful_purpose', 'entrusted_data.being_acquired', 'entrusted_data.high_level_encryption', 'entrusted_data.recovered_unviewed', 'entrusted_data.my_number_involved', 'entrusted_data.my_number_subjects', 'entrusted_data.my_number_subjects_max', 'entrusted_data.my_number_public', 'entrusted_data.eu_subjects', 'entrusted_data.client_notified', 'organization.privacy_mark', 'organization.isms_certified', 'organization.cyber_insurance', 'organization.gdpr_applies'];
