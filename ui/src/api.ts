// The one place the UI talks to the Rust side: every command with its argument and result types
// (generated in bindings.ts). Components call `api.*`, never `invoke` directly.
import { invoke } from '@tauri-apps/api/core';
import type {
  StepDraft,
  Assessment,
  BackupInfo,
  CallOutcome,
  CallTarget,
  AuthorityInput,
  CaseKind,
  ClientRow,
  CategoryInput,
  ChosenPolicyTemplate,
  CompanyProfile,
  EditableBcp,
  EditablePolicy,
  EndInput,
  ExerciseInput,
  ExerciseReference,
  ExerciseRun,
  ExerciseRunSummary,
  ExerciseScenario,
  FollowUpInput,
  ImportSummary,
  JigyokeiPlan,
  JigyokeiReview,
  LetterView,
  ScenarioSource,
  ScenarioSpec,
  LevelInput,
  RoleInput,
  ScenarioInput,
  StepInput,
  TargetInput,
  ChosenContactsCsv,
  ContactDetails,
  ContactInput,
  ContactPage,
  ContactQuery,
  ContactUse,
  CsvField,
  CsvImportSummary,
  ChangeRecord,
  ChangedEntity,
  DocumentKind,
  ErrorReport,
  Facts,
  GdprTexts,
  HomeSummary,
  IncidentBasics,
  IncidentDetail,
  IncidentSummary,
  Language,
  NearMiss,
  NearMissInput,
  ObligationUpdate,
  OpenFileState,
  PolicySource,
  PortfolioFiles,
  RecentFile,
  Preferences,
  Readiness,
  ReadinessSummary,
  ReadinessIntervals,
  ReviewedPart,
  Recovery,
  ReportingDetails,
  ReportStage,
  Severity,
  SeverityAnswers,
  WizardPolicy,
} from './bindings';

/** Names and explanations keyed `authority.ppc`, `ground.sensitive_data`, …. */
export type ReportingTexts = Record<string, string>;

export const api = {
  openFileState: () => invoke<OpenFileState>('open_file_state'),
  dismissUpgradeNotice: () => invoke<null>('dismiss_upgrade_notice'),
  homeSummary: () => invoke<HomeSummary>('home_summary'),
  recentFiles: () => invoke<RecentFile[]>('recent_files'),
  openRecentFile: (path: string) => invoke<null>('open_recent_file', { path }),
  /** Opens the protected file Sonae was last asked to open, with its passphrase. */
  unlockCompanyFile: (passphrase: string) => invoke<null>('unlock_company_file', { passphrase }),
  /** Protects the open file, changes its passphrase or removes it (null); answers how many backups were converted. */
  setFilePassphrase: (current: string | null, next: string | null) => invoke<number>('set_file_passphrase', { current, next }),
  /** Opens an open dialog; resolves to the opened path, or null when the user cancelled. */
  openCompanyFile: () => invoke<string | null>('open_company_file'),
  /** Asks where to keep the new file (and, for another file's policy, which file); null when cancelled. */
  createCompanyFile: (companyName: string, source: PolicySource, sourcePassphrase: string | null = null) =>
    invoke<string | null>('create_company_file', { companyName, source, sourcePassphrase }),
  preferences: () => invoke<Preferences>('preferences'),
  setLanguage: (language: Language) => invoke<Preferences>('set_language', { language }),
  setAuthorName: (name: string) => invoke<Preferences>('set_author_name', { name }),

  /** Who must or should be told, by when (the incident wizard's reporting step). */
  assess: (facts: Facts) => invoke<Assessment>('assess', { facts }),
  /** Names of addressees, grounds and deadline stages, keyed `authority.ppc`, `ground.…`. */
  reportingTexts: (language: Language) => invoke<ReportingTexts>('reporting_texts', { language }),
  suggestLevel: (answers: SeverityAnswers, category: string) => invoke<number>('suggest_level', { answers, category }),

  listIncidents: () => invoke<IncidentSummary[]>('list_incidents'),
  incidentDetail: (id: number) => invoke<IncidentDetail>('incident_detail', { id }),
  wizardPolicy: () => invoke<WizardPolicy>('wizard_policy'),
  callList: (id: number) => invoke<CallTarget[]>('call_list', { id }),
  startIncident: (caseKind: CaseKind) => invoke<IncidentDetail>('start_incident', { caseKind }),
  discardIncident: (id: number) => invoke<null>('discard_incident', { id }),
  saveWizardDraft: (id: number, draft: StepDraft) => invoke<null>('save_wizard_draft', { id, draft }),
  goToWizardStep: (id: number, step: number) => invoke<IncidentDetail>('go_to_wizard_step', { id, step }),
  recordBasics: (id: number, basics: IncidentBasics) => invoke<IncidentDetail>('record_basics', { id, basics }),
  recordSeverity: (id: number, severity: Severity) => invoke<IncidentDetail>('record_severity', { id, severity }),
  recordCall: (id: number, contactId: number, outcome: CallOutcome) =>
    invoke<IncidentDetail>('record_call', { id, contactId, outcome }),
  setTaskDone: (id: number, taskId: number, done: boolean) => invoke<IncidentDetail>('set_task_done', { id, taskId, done }),
  recordFacts: (id: number, facts: Facts, details: ReportingDetails) =>
    invoke<IncidentDetail>('record_facts', { id, facts, details }),
  updateObligation: (id: number, obligationId: number, update: ObligationUpdate) =>
    invoke<IncidentDetail>('update_obligation', { id, obligationId, update }),
  saveGdprTexts: (id: number, texts: GdprTexts) => invoke<IncidentDetail>('save_gdpr_texts', { id, texts }),
  setIncidentClient: (id: number, contactId: number | null) => invoke<IncidentDetail>('set_incident_client', { id, contactId }),
  recordRecovery: (id: number, recovery: Recovery) => invoke<IncidentDetail>('record_recovery', { id, recovery }),
  closeIncident: (id: number) => invoke<IncidentDetail>('close_incident', { id }),
  addIncidentNote: (id: number, text: string) => invoke<IncidentDetail>('add_incident_note', { id, text }),

  listContacts: (query: ContactQuery) => invoke<ContactPage>('list_contacts', { query }),
  contactDetails: (id: number) => invoke<ContactDetails>('contact_details', { id }),
  contactUsage: (id: number) => invoke<ContactUse[]>('contact_usage', { id }),
  createContact: (contact: ContactInput) => invoke<ContactDetails>('create_contact', { contact }),
  updateContact: (id: number, contact: ContactInput) => invoke<ContactDetails>('update_contact', { id, contact }),
  /** Refused with `contact_in_use` while the contact holds a role or owns a recovery. */
  deleteContact: (id: number) => invoke<null>('delete_contact', { id }),
  confirmContacts: (ids: number[]) => invoke<null>('confirm_contacts', { ids }),
  setCallOrder: (ids: number[]) => invoke<null>('set_call_order', { ids }),
  setStaleContactMonths: (months: number) => invoke<null>('set_stale_contact_months', { months }),
  readiness: () => invoke<Readiness>('readiness'),
  /** 「見直した」: records that the policy or the BCP was reviewed today. */
  markReviewed: (part: ReviewedPart) => invoke<Readiness>('mark_reviewed', { part }),
  setReadinessIntervals: (intervals: ReadinessIntervals) => invoke<Readiness>('set_readiness_intervals', { intervals }),
  readinessSummary: () => invoke<ReadinessSummary>('readiness_summary'),
  /** Opens an open dialog and previews the CSV; null when the user cancelled. */
  chooseContactsCsv: () => invoke<ChosenContactsCsv | null>('choose_contacts_csv'),
  /** Reads the chosen CSV again (after the user fixed it) and previews it. */
  previewChosenContactsCsv: (mapping: (CsvField | null)[] | null) =>
    invoke<ChosenContactsCsv>('preview_chosen_contacts_csv', { mapping }),
  /** Imports the chosen CSV: every row, or nothing when a row has an error. */
  importChosenContactsCsv: (mapping: (CsvField | null)[] | null) =>
    invoke<CsvImportSummary>('import_chosen_contacts_csv', { mapping }),
  exportContactsCsv: (fileName: string) => invoke<string | null>('export_contacts_csv', { fileName }),

  editablePolicy: () => invoke<EditablePolicy>('editable_policy'),
  saveRole: (id: number | null, role: RoleInput) => invoke<EditablePolicy>('save_role', { id, role }),
  /** The holder first, then the deputies in order. */
  setRoleHolders: (id: number, contactIds: number[]) => invoke<EditablePolicy>('set_role_holders', { id, contactIds }),
  reorderRoles: (ids: number[]) => invoke<EditablePolicy>('reorder_roles', { ids }),
  deleteRole: (id: number) => invoke<EditablePolicy>('delete_role', { id }),
  updateLevel: (level: number, input: LevelInput) => invoke<EditablePolicy>('update_level', { level, input }),
  updateCategory: (id: number, input: CategoryInput) => invoke<EditablePolicy>('update_category', { id, input }),
  saveProcedure: (categoryKey: string, level: number, note: string, steps: StepInput[]) =>
    invoke<EditablePolicy>('save_procedure', { categoryKey, level, note, steps }),
  saveChecklist: (caseKey: string, title: string, items: StepInput[]) =>
    invoke<EditablePolicy>('save_checklist', { caseKey, title, items }),
  saveAuthority: (id: number | null, authority: AuthorityInput) => invoke<EditablePolicy>('save_authority', { id, authority }),
  deleteAuthority: (id: number) => invoke<EditablePolicy>('delete_authority', { id }),
  reorderAuthorities: (ids: number[]) => invoke<EditablePolicy>('reorder_authorities', { ids }),
  updateCompanyProfile: (profile: CompanyProfile) => invoke<CompanyProfile>('update_company_profile', { profile }),
  /** Opens a save dialog; resolves to the saved path, or null when the user cancelled. */
  exportPolicyTemplate: (fileName: string) => invoke<string | null>('export_policy_template', { fileName }),
  /** Opens an open dialog and describes the template; null when the user cancelled. */
  choosePolicyTemplate: () => invoke<ChosenPolicyTemplate | null>('choose_policy_template'),
  importChosenPolicyTemplate: () => invoke<ImportSummary>('import_chosen_policy_template'),

  editableBcp: () => invoke<EditableBcp>('editable_bcp'),
  saveScenario: (id: number | null, scenario: ScenarioInput) => invoke<EditableBcp>('save_scenario', { id, scenario }),
  deleteScenario: (id: number) => invoke<EditableBcp>('delete_scenario', { id }),
  saveTarget: (id: number | null, target: TargetInput) => invoke<EditableBcp>('save_target', { id, target }),
  deleteTarget: (id: number) => invoke<EditableBcp>('delete_target', { id }),
  saveExercise: (id: number | null, exercise: ExerciseInput) => invoke<EditableBcp>('save_exercise', { id, exercise }),
  deleteExercise: (id: number) => invoke<EditableBcp>('delete_exercise', { id }),

  portfolioFiles: () => invoke<PortfolioFiles>('portfolio_files'),
  /** Opens a folder dialog and adds the folder; null when the user cancelled. */
  addClientFolder: () => invoke<PortfolioFiles | null>('add_client_folder'),
  removeClientFolder: (folder: string) => invoke<PortfolioFiles>('remove_client_folder', { folder }),
  portfolioRow: (path: string) => invoke<ClientRow>('portfolio_row', { path }),
  unlockPortfolioFile: (path: string, passphrase: string) => invoke<ClientRow>('unlock_portfolio_file', { path, passphrase }),
  openPortfolioFile: (path: string) => invoke<null>('open_portfolio_file', { path }),
  /** Opens a folder dialog for the hand-over packs; null when the user cancelled. */
  choosePackFolder: () => invoke<string | null>('choose_pack_folder'),
  saveHandoverPack: (path: string) => invoke<string>('save_handover_pack', { path }),

  jigyokeiReview: () => invoke<JigyokeiReview>('jigyokei_review'),
  saveJigyokei: (plan: JigyokeiPlan) => invoke<JigyokeiReview>('save_jigyokei', { plan }),

  exerciseScenarios: () => invoke<ExerciseScenario[]>('exercise_scenarios'),
  saveExerciseScenario: (id: number | null, scenario: ScenarioSpec) =>
    invoke<ExerciseScenario[]>('save_exercise_scenario', { id, scenario }),
  deleteExerciseScenario: (id: number) => invoke<ExerciseScenario[]>('delete_exercise_scenario', { id }),
  /** Opens a save dialog; resolves to the saved path, or null when the user cancelled. */
  exportExerciseScenario: (source: ScenarioSource, fileName: string) =>
    invoke<string | null>('export_exercise_scenario', { source, fileName }),
  /** Opens an open dialog and adds the file's scenario; null when the user cancelled. */
  importExerciseScenario: () => invoke<ExerciseScenario[] | null>('import_exercise_scenario'),
  exerciseReference: (category: string | null) => invoke<ExerciseReference>('exercise_reference', { category }),
  exerciseRuns: () => invoke<ExerciseRunSummary[]>('exercise_runs'),
  exerciseRun: (id: number) => invoke<ExerciseRun>('exercise_run', { id }),
  startExercise: (source: ScenarioSource, facilitator: string) => invoke<number>('start_exercise', { source, facilitator }),
  revealNextInject: (id: number) => invoke<ExerciseRun>('reveal_next_inject', { id }),
  recordInjectResponse: (id: number, position: number, response: string, minutesTaken: number | null) =>
    invoke<ExerciseRun>('record_inject_response', { id, position, response, minutesTaken }),
  markExerciseCall: (id: number, contactId: number, reached: boolean) =>
    invoke<ExerciseRun>('mark_exercise_call', { id, contactId, reached }),
  addExerciseFollowUp: (id: number, followUp: FollowUpInput) => invoke<ExerciseRun>('add_exercise_follow_up', { id, followUp }),
  setFollowUpDone: (followUpId: number, done: boolean) => invoke<null>('set_follow_up_done', { followUpId, done }),
  endExercise: (id: number, end: EndInput) => invoke<ExerciseRun>('end_exercise', { id, end }),
  discardExercise: (id: number) => invoke<null>('discard_exercise', { id }),

  nearMisses: () => invoke<NearMiss[]>('near_misses'),
  addNearMiss: (nearMiss: NearMissInput) => invoke<NearMiss[]>('add_near_miss', { nearMiss }),
  /** Opens a save dialog; resolves to the saved path, or null when the user cancelled. */
  exportNearMisses: (fileName: string) => invoke<string | null>('export_near_misses', { fileName }),

  /** Makes a PDF and opens a save dialog; resolves to the saved path, or null when cancelled. */
  exportDocument: (
    document: DocumentKind,
    incidentId: number | null,
    stage: ReportStage,
    fileName: string,
    exerciseId: number | null = null,
  ) => invoke<string | null>('export_document', { document, incidentId, exerciseId, stage, fileName }),
  changeHistory: (entity: ChangedEntity | null, offset: number, limit: number) =>
    invoke<ChangeRecord[]>('change_history', { entity, offset, limit }),
  listBackups: () => invoke<BackupInfo[]>('list_backups'),
  /** Puts a backup in place of the open file, keeping the current file as a backup first. */
  restoreBackup: (backup: string) => invoke<null>('restore_backup', { backup }),
  setBackupsKept: (kept: number) => invoke<Preferences>('set_backups_kept', { kept }),
  /** A submission draft as plain text, in the order of the authority's web form. */
  draftText: (document: DocumentKind, incidentId: number, stage: ReportStage) =>
    invoke<string>('draft_text', { document, incidentId, stage }),
  /** A letter for the editor: the text to print, the composed text, whether the facts changed. */
  letter: (document: DocumentKind, incidentId: number) => invoke<LetterView>('letter', { document, incidentId }),
  /** Keeps the office's text as the letter; the timeline records the edit. */
  saveLetter: (document: DocumentKind, incidentId: number, text: string) =>
    invoke<LetterView>('save_letter', { document, incidentId, text }),
  /** Gives up the edit: the letter is composed from the record again. */
  recomposeLetter: (document: DocumentKind, incidentId: number) =>
    invoke<LetterView>('recompose_letter', { document, incidentId }),
};

/** Turns whatever a command rejected with into an ErrorReport. */
export function asErrorReport(error: unknown): ErrorReport {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return error as ErrorReport;
  }
  return { code: 'internal', message: String(error) };
}
