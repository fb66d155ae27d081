//! ポリシーのひな形ファイル — a company's policy as a file a consultant carries to the next client.
//!
//! A consultant tunes the roles, procedures, checklists, authority directory and BCP for one
//! client and wants to start the next client from that work. The file is JSON (readable, and
//! diffable between clients) in an envelope that says what it is and which format version wrote
//! it:
//!
//! ```json
//! { "format": "sonae-policy-template", "version": 1, "exported_at": "…", "source_company": "…",
//!   "template": { …the PolicyTemplate shape of assets/templates/ja.json… } }
//! ```
//!
//! A template file comes from outside, so it is read like any untrusted input: size first, then
//! the envelope, then the shape, then every rule the company file and the wizard rely on
//! ([`validate_template`]). The same rules are applied to the built-in templates in the tests, and
//! the editors enforce the same text limits, so whatever a company file holds exports to a file
//! that imports again.

use crate::language::Language;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error_code::ErrorCode;
use crate::policy::{required_directory_keys, CATEGORY_KEYS};
use crate::store::limits::{one_line, shown, MAX_ENTRIES, MAX_KEY_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::template::{PolicyTemplate, StepTemplate};

/// The `format` marker of a template file.
pub const TEMPLATE_FORMAT: &str = "sonae-policy-template";

/// The newest template file version this build reads and the one it writes.
pub const TEMPLATE_VERSION: u64 = 1;

/// A template file larger than this is refused before it is parsed.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// The envelope of a template file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateFile {
    /// Always [`TEMPLATE_FORMAT`].
    pub format: String,
    pub version: u64,
    /// RFC 3339.
    pub exported_at: String,
    /// The company whose policy this was (informative only).
    pub source_company: String,
    pub template: PolicyTemplate,
}

/// Why a template file or template was refused. [`TemplateError::code`] is stable for the UI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("the file is {size} bytes; a policy template file is at most 5 MB")]
    TooLarge { size: usize },
    #[error("not a policy template file: it is not JSON ({0})")]
    NotJson(String),
    #[error("not a Sonae policy template file: {0}")]
    NotATemplate(String),
    #[error("written by a newer Sonae (template file version {found}; this version reads up to {supported}); update Sonae to import it")]
    NewerVersion { found: u64, supported: u64 },
    #[error("the policy template is malformed: {0}")]
    Malformed(String),
    /// A rule of the policy is broken (a duplicate key, a missing level, an unknown role, ...).
    #[error("{detail}")]
    Invalid { code: ErrorCode, detail: String },
}

impl TemplateError {
    /// too_large, not_json, not_a_template, newer_version, invalid_template, or the code of the
    /// broken rule: invalid_language, invalid_levels, invalid_key, duplicate_key, unknown_role,
    /// unknown_category, unknown_case, category_required, authority_required, duplicate_procedure,
    /// duplicate_name, text_required, text_too_long, too_many_entries.
    pub fn code(&self) -> ErrorCode {
        match self {
            TemplateError::TooLarge { .. } => ErrorCode::TooLarge,
            TemplateError::NotJson(_) => ErrorCode::NotJson,
            TemplateError::NotATemplate(_) => ErrorCode::NotATemplate,
            TemplateError::NewerVersion { .. } => ErrorCode::NewerVersion,
            TemplateError::Malformed(_) => ErrorCode::InvalidTemplate,
            TemplateError::Invalid { code, .. } => *code,
        }
    }
}

impl From<TemplateError> for crate::error_code::ErrorReport {
    fn from(e: TemplateError) -> Self {
        crate::error_code::ErrorReport { code: e.code(), message: e.to_string() }
    }
}

fn invalid(code: ErrorCode, detail: impl Into<String>) -> TemplateError {
    TemplateError::Invalid { code, detail: detail.into() }
}

/// A template file's bytes: the envelope around `template`, pretty-printed UTF-8 JSON.
pub fn template_file_json(template: &PolicyTemplate, source_company: &str, exported_at: &str) -> Vec<u8> {
    let file = TemplateFile {
        format: TEMPLATE_FORMAT.to_owned(),
        version: TEMPLATE_VERSION,
        exported_at: exported_at.to_owned(),
        source_company: source_company.to_owned(),
        template: template.clone(),
    };
    let mut bytes = serde_json::to_vec_pretty(&file).expect("a policy template always serialises");
    bytes.push(b'\n');
    bytes
}

/// Reads a template file: the envelope and a valid template, or why not.
pub fn read_template_file(bytes: &[u8]) -> Result<TemplateFile, TemplateError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(TemplateError::TooLarge { size: bytes.len() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| TemplateError::NotJson(e.to_string()))?;
    let Some(envelope) = value.as_object() else {
        return Err(TemplateError::NotATemplate("the file holds JSON, but not an object".into()));
    };
    match envelope.get("format") {
        Some(serde_json::Value::String(format)) if format == TEMPLATE_FORMAT => {}
        Some(other) => {
            let shown: String = other.to_string().chars().take(60).collect();
            return Err(TemplateError::NotATemplate(format!("its format is {shown}, not \"{TEMPLATE_FORMAT}\"")));
        }
        None => return Err(TemplateError::NotATemplate(format!("it has no \"format\": \"{TEMPLATE_FORMAT}\" marker"))),
    }
    let version = match envelope.get("version").and_then(serde_json::Value::as_u64) {
        Some(version) if version >= 1 => version,
        _ => return Err(TemplateError::NotATemplate("its \"version\" is missing or not a positive whole number".into())),
    };
    if version > TEMPLATE_VERSION {
        return Err(TemplateError::NewerVersion { found: version, supported: TEMPLATE_VERSION });
    }
    let text = |field: &str| envelope.get(field).and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
    let template_value =
        envelope.get("template").ok_or_else(|| TemplateError::Malformed("the file has no \"template\"".into()))?;
    // Said in words before the typed reading, which would only call it malformed.
    let language = template_value.get("language").and_then(serde_json::Value::as_str).unwrap_or_default();
    if Language::from_code(language).is_none() {
        return Err(invalid(
            ErrorCode::InvalidLanguage,
            format!("the template's language is \"{}\"; it must be \"ja\" or \"en\"", shown(language)),
        ));
    }
    let template: PolicyTemplate =
        serde_json::from_value(template_value.clone()).map_err(|e| TemplateError::Malformed(one_line(&e.to_string())))?;
    validate_template(&template)?;
    Ok(TemplateFile {
        format: TEMPLATE_FORMAT.to_owned(),
        version,
        exported_at: text("exported_at"),
        source_company: text("source_company"),
        template,
    })
}

/// Reads a template file and returns its valid template.
pub fn parse_template_file(bytes: &[u8]) -> Result<PolicyTemplate, TemplateError> {
    read_template_file(bytes).map(|file| file.template)
}

/// Checks everything a company file, the wizard and the assessment rely on: the language, levels
/// exactly 0–3, unique keys, references to roles and categories that exist, the three category
/// keys, known checklist cases, the authorities the assessment reports to, unique target names
/// (import keeps people by target name), and the text and list limits.
pub fn validate_template(t: &PolicyTemplate) -> Result<(), TemplateError> {
    entries("roles", t.roles.len())?;
    let mut roles = HashSet::new();
    for role in &t.roles {
        key("role", &role.key)?;
        if !roles.insert(role.key.as_str()) {
            return Err(invalid(ErrorCode::DuplicateKey, format!("the role key \"{}\" appears twice", role.key)));
        }
        name(&format!("role \"{}\": name", role.key), &role.name)?;
        text(&format!("role \"{}\": description", role.key), &role.description)?;
    }
    let role_exists = |key: &str, place: &str| {
        if roles.contains(key) {
            Ok(())
        } else {
            Err(invalid(
                ErrorCode::UnknownRole,
                format!("{place} names the role \"{}\", which the template does not define", shown(key)),
            ))
        }
    };

    let mut levels: Vec<u8> = t.levels.iter().map(|l| l.level).collect();
    levels.sort_unstable();
    if levels != [0, 1, 2, 3] {
        let defined = if levels.len() <= 8 { format!("{levels:?}") } else { format!("{} levels", levels.len()) };
        return Err(invalid(
            ErrorCode::InvalidLevels,
            format!("the template must define levels 0, 1, 2 and 3 once each; it defines {defined}"),
        ));
    }
    for level in &t.levels {
        name(&format!("level {}: name", level.level), &level.name)?;
        text(&format!("level {}: impact", level.level), &level.impact)?;
        role_exists(&level.responsible_role, &format!("level {}", level.level))?;
    }

    let mut categories = HashSet::new();
    for category in &t.categories {
        key("category", &category.key)?;
        if !CATEGORY_KEYS.contains(&category.key.as_str()) {
            return Err(invalid(
                ErrorCode::UnknownCategory,
                format!("the category \"{}\" is not one of leak, tampering and malware", category.key),
            ));
        }
        if !categories.insert(category.key.as_str()) {
            return Err(invalid(ErrorCode::DuplicateKey, format!("the category key \"{}\" appears twice", category.key)));
        }
        name(&format!("category \"{}\": name", category.key), &category.name)?;
        text(&format!("category \"{}\": description", category.key), &category.description)?;
    }
    if let Some(missing) = CATEGORY_KEYS.iter().find(|k| !categories.contains(**k)) {
        return Err(invalid(
            ErrorCode::CategoryRequired,
            format!("the template has no category \"{missing}\"; leak, tampering and malware are all required"),
        ));
    }

    entries("procedures", t.procedures.len())?;
    let mut cells = HashSet::new();
    for procedure in &t.procedures {
        if !categories.contains(procedure.category.as_str()) {
            return Err(invalid(
                ErrorCode::UnknownCategory,
                format!("a procedure names the category \"{}\", which the template does not define", shown(&procedure.category)),
            ));
        }
        if procedure.level > 3 {
            return Err(invalid(
                ErrorCode::InvalidLevels,
                format!("a procedure of \"{}\" is for level {}; levels are 0 to 3", procedure.category, procedure.level),
            ));
        }
        let place = format!("the procedure {} level {}", procedure.category, procedure.level);
        if !cells.insert((procedure.category.as_str(), procedure.level)) {
            return Err(invalid(ErrorCode::DuplicateProcedure, format!("{place} appears twice")));
        }
        text(&format!("{place}: note"), &procedure.note)?;
        steps(&place, &procedure.steps, &role_exists)?;
    }

    entries("checklists", t.checklists.len())?;
    let mut cases = HashSet::new();
    for checklist in &t.checklists {
        key("checklist case", &checklist.case)?;
        if !crate::incident::wizard::CaseKind::ALL.iter().any(|c| c.key() == checklist.case) {
            return Err(invalid(
                ErrorCode::UnknownCase,
                format!("the checklist case \"{}\" is not one the incident wizard offers", checklist.case),
            ));
        }
        if !cases.insert(checklist.case.as_str()) {
            return Err(invalid(ErrorCode::DuplicateKey, format!("the checklist case \"{}\" appears twice", checklist.case)));
        }
        let place = format!("the checklist \"{}\"", checklist.case);
        name(&format!("{place}: title"), &checklist.title)?;
        steps(&place, &checklist.items, &role_exists)?;
    }

    entries("authorities", t.authorities.len())?;
    let mut authorities = HashSet::new();
    for a in &t.authorities {
        key("authority", &a.key)?;
        if !authorities.insert(a.key.as_str()) {
            return Err(invalid(ErrorCode::DuplicateKey, format!("the authority key \"{}\" appears twice", a.key)));
        }
        let place = format!("authority \"{}\"", a.key);
        name(&format!("{place}: name"), &a.name)?;
        for (field, value, limit) in [
            ("purpose", &a.purpose, MAX_TEXT_CHARS),
            ("url", &a.url, MAX_TEXT_CHARS),
            ("phone", &a.phone, MAX_NAME_CHARS),
            ("email", &a.email, MAX_NAME_CHARS),
            ("hours", &a.hours, MAX_TEXT_CHARS),
            ("source", &a.source, MAX_TEXT_CHARS),
        ] {
            limit_chars(&format!("{place}: {field}"), value, limit)?;
        }
    }
    if let Some(missing) = required_directory_keys().find(|k| !authorities.contains(k)) {
        return Err(invalid(
            ErrorCode::AuthorityRequired,
            format!("the template has no authority \"{missing}\", which the assessment reports to"),
        ));
    }

    entries("BCP scenarios", t.bcp.scenarios.len())?;
    for (index, scenario) in t.bcp.scenarios.iter().enumerate() {
        name(&format!("BCP scenario {}: title", index + 1), &scenario.title)?;
        text(&format!("BCP scenario {}: reason", index + 1), &scenario.reason)?;
    }
    entries("BCP targets", t.bcp.targets.len())?;
    let mut targets = HashSet::new();
    for (index, target) in t.bcp.targets.iter().enumerate() {
        let place = format!("BCP target {}", index + 1);
        name(&format!("{place}: name"), &target.name)?;
        if !targets.insert(target.name.trim()) {
            return Err(invalid(
                ErrorCode::DuplicateName,
                format!("the BCP target \"{}\" appears twice", shown(target.name.trim())),
            ));
        }
        if let Some(role) = &target.recovery_role {
            role_exists(role, &format!("the BCP target \"{}\"", shown(target.name.trim())))?;
        }
        text(&format!("{place}: related contacts"), &target.related_contacts_hint)?;
        limit_chars(&format!("{place}: target recovery time"), &target.target_recovery_time, MAX_NAME_CHARS)?;
        entries(&format!("{place}: recovery steps"), target.recovery_steps.len())?;
        for step in &target.recovery_steps {
            text(&format!("{place}: a recovery step"), step)?;
            if step.trim().is_empty() || step.contains(['\n', '\r']) {
                return Err(invalid(ErrorCode::TextRequired, format!("{place}: each recovery step is one non-empty line")));
            }
        }
    }
    Ok(())
}

fn steps(
    place: &str,
    steps: &[StepTemplate],
    role_exists: &dyn Fn(&str, &str) -> Result<(), TemplateError>,
) -> Result<(), TemplateError> {
    entries(&format!("{place}: steps"), steps.len())?;
    for (index, step) in steps.iter().enumerate() {
        let at = format!("{place}, step {}", index + 1);
        required(&at, &step.text)?;
        text(&at, &step.text)?;
        if let Some(role) = &step.role {
            role_exists(role, &at)?;
        }
    }
    Ok(())
}

fn key(kind: &str, key: &str) -> Result<(), TemplateError> {
    let well_formed = !key.is_empty()
        && key.len() <= MAX_KEY_CHARS
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if well_formed {
        Ok(())
    } else {
        Err(invalid(
            ErrorCode::InvalidKey,
            format!("the {kind} key \"{}\" must be 1–{MAX_KEY_CHARS} characters of a–z, 0–9 and _", shown(key)),
        ))
    }
}

fn entries(what: &str, count: usize) -> Result<(), TemplateError> {
    if count > MAX_ENTRIES {
        return Err(invalid(ErrorCode::TooManyEntries, format!("{what}: {count} entries; at most {MAX_ENTRIES} are allowed")));
    }
    Ok(())
}

fn required(what: &str, value: &str) -> Result<(), TemplateError> {
    if value.trim().is_empty() {
        return Err(invalid(ErrorCode::TextRequired, format!("{what} is empty")));
    }
    Ok(())
}

fn name(what: &str, value: &str) -> Result<(), TemplateError> {
    required(what, value)?;
    limit_chars(what, value, MAX_NAME_CHARS)
}

fn text(what: &str, value: &str) -> Result<(), TemplateError> {
    limit_chars(what, value, MAX_TEXT_CHARS)
}

fn limit_chars(what: &str, value: &str, limit: usize) -> Result<(), TemplateError> {
    if value.chars().count() > limit {
        return Err(invalid(ErrorCode::TextTooLong, format!("{what} is longer than {limit} characters")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::builtin_policy;

    fn file(template: &PolicyTemplate) -> Vec<u8> {
        template_file_json(template, "テスト株式会社", "2026-04-06T10:00:00+09:00")
    }

    fn refusal(bytes: &[u8]) -> TemplateError {
        parse_template_file(bytes).expect_err("should be refused")
    }

    fn refusal_of(change: impl FnOnce(&mut PolicyTemplate)) -> TemplateError {
        let mut template = builtin_policy(Language::Ja).unwrap();
        change(&mut template);
        refusal(&file(&template))
    }

    #[test]
    fn the_built_in_templates_are_valid_and_round_trip_through_a_file() {
        for language in [Language::Ja, Language::En] {
            let template = builtin_policy(language).unwrap();
            validate_template(&template).unwrap_or_else(|e| panic!("{language}: {e}"));
            let read = read_template_file(&file(&template)).unwrap();
            assert_eq!(read.template, template);
            assert_eq!(read.source_company, "テスト株式会社");
            assert_eq!(read.version, TEMPLATE_VERSION);
        }
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(file(&builtin_policy(Language::En).unwrap()));
        assert!(parse_template_file(&bytes).is_ok());
    }

    #[test]
    fn the_envelope_is_checked_before_the_content() {
        assert_eq!(refusal(&vec![b' '; MAX_FILE_BYTES + 1]).code(), "too_large");
        assert_eq!(refusal(b"\x89PNG\r\n").code(), "not_json");
        assert_eq!(refusal(b"").code(), "not_json");
        assert_eq!(refusal(b"[1, 2]").code(), "not_a_template");
        assert_eq!(refusal(br#"{"template": {}}"#).code(), "not_a_template");
        assert_eq!(refusal(br#"{"format": "sonae-company", "version": 1}"#).code(), "not_a_template");
        assert_eq!(refusal(br#"{"format": "sonae-policy-template", "version": 0}"#).code(), "not_a_template");
        assert_eq!(refusal(br#"{"format": "sonae-policy-template", "version": "1"}"#).code(), "not_a_template");
        let newer = refusal(br#"{"format": "sonae-policy-template", "version": 2, "template": 7}"#);
        assert_eq!(newer.code(), "newer_version");
        assert!(newer.to_string().contains("newer Sonae"), "{newer}");
        assert_eq!(refusal(br#"{"format": "sonae-policy-template", "version": 1}"#).code(), "invalid_template");
        assert_eq!(
            refusal(br#"{"format": "sonae-policy-template", "version": 1, "template": {"language": "ja"}}"#).code(),
            "invalid_template"
        );
        assert_eq!(
            refusal(br#"{"format": "sonae-policy-template", "version": 1, "template": {"language": "fr"}}"#).code(),
            "invalid_language"
        );
        let mut value: serde_json::Value = serde_json::from_slice(&file(&builtin_policy(Language::Ja).unwrap())).unwrap();
        value["template"]["roles"][0]["surprise"] = serde_json::json!(1);
        assert_eq!(refusal(value.to_string().as_bytes()).code(), "invalid_template");
    }

    #[test]
    fn each_content_rule_has_its_code() {
        type Change = Box<dyn FnOnce(&mut PolicyTemplate)>;
        let cases: Vec<(&str, Change)> = vec![
            (
                "invalid_levels",
                Box::new(|t| {
                    t.levels.pop();
                }),
            ),
            ("invalid_levels", Box::new(|t| t.levels[0].level = 4)),
            (
                "invalid_levels",
                Box::new(|t| {
                    let l = t.levels[1].clone();
                    t.levels.push(l);
                }),
            ),
            ("invalid_levels", Box::new(|t| t.procedures[0].level = 7)),
            ("invalid_key", Box::new(|t| t.roles[0].key = "Chief Officer".into())),
            ("invalid_key", Box::new(|t| t.authorities[0].key = String::new())),
            (
                "duplicate_key",
                Box::new(|t| {
                    let r = t.roles[0].clone();
                    t.roles.push(r);
                }),
            ),
            ("duplicate_key", Box::new(|t| t.authorities[1].key = t.authorities[0].key.clone())),
            (
                "duplicate_key",
                Box::new(|t| {
                    let c = t.checklists[0].clone();
                    t.checklists.push(c);
                }),
            ),
            ("duplicate_key", Box::new(|t| t.categories[1].key = "leak".into())),
            ("unknown_role", Box::new(|t| t.levels[2].responsible_role = "nobody".into())),
            ("unknown_role", Box::new(|t| t.procedures[5].steps[0].role = Some("nobody".into()))),
            ("unknown_role", Box::new(|t| t.checklists[0].items[0].role = Some("nobody".into()))),
            ("unknown_role", Box::new(|t| t.bcp.targets[0].recovery_role = Some("nobody".into()))),
            ("unknown_category", Box::new(|t| t.procedures[0].category = "fire".into())),
            ("unknown_category", Box::new(|t| t.categories[0].key = "fire".into())),
            (
                "category_required",
                Box::new(|t| {
                    t.categories.remove(2);
                }),
            ),
            ("unknown_case", Box::new(|t| t.checklists[0].case = "meteor".into())),
            ("authority_required", Box::new(|t| t.authorities.retain(|a| a.key != "ppc"))),
            (
                "duplicate_procedure",
                Box::new(|t| {
                    let p = t.procedures[0].clone();
                    t.procedures.push(p);
                }),
            ),
            ("duplicate_name", Box::new(|t| t.bcp.targets[1].name = t.bcp.targets[0].name.clone())),
            ("text_required", Box::new(|t| t.roles[0].name = "  ".into())),
            ("text_required", Box::new(|t| t.procedures[2].steps[0].text = String::new())),
            ("text_required", Box::new(|t| t.bcp.targets[0].recovery_steps.push("a\nb".into()))),
            ("text_too_long", Box::new(|t| t.roles[0].name = "長".repeat(MAX_NAME_CHARS + 1))),
            ("text_too_long", Box::new(|t| t.procedures[0].note = "x".repeat(MAX_TEXT_CHARS + 1))),
            (
                "too_many_entries",
                Box::new(|t| {
                    let step = t.procedures[2].steps[0].clone();
                    t.procedures[2].steps = vec![step; MAX_ENTRIES + 1];
                }),
            ),
        ];
        for (code, change) in cases {
            let error = refusal_of(change);
            assert_eq!(error.code(), code, "{error}");
            assert!(!error.to_string().is_empty() && !error.to_string().contains('\n'));
        }
    }

    #[test]
    fn quoted_text_stays_on_one_line_and_short() {
        assert_eq!(shown("a\nb\u{7}"), "a\\nb\\u{7}");
        assert_eq!(shown(&"長".repeat(50)).chars().count(), 41);
        let error = refusal_of(|t| t.roles[0].key = "bad\nkey".into());
        assert!(!error.to_string().contains('\n'), "{error}");
    }

    #[test]
    fn a_file_value_quoted_by_the_parser_stays_on_one_line() {
        let template = builtin_policy(Language::Ja).unwrap();
        let text = String::from_utf8(file(&template)).unwrap();
        assert!(text.contains("\"people\""), "the template has a target kind to damage");
        let damaged = text.replacen("\"people\"", "\"a\\nb\"", 1);
        let error = parse_template_file(damaged.as_bytes()).expect_err("an unknown kind is refused");
        assert_eq!(error.code().as_str(), "invalid_template");
        assert!(error.to_string().contains("a\\nb") && !error.to_string().contains('\n'), "{error}");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let mut template = builtin_policy(Language::Ja).unwrap();
        template.roles[0].name = "役".repeat(MAX_NAME_CHARS);
        assert!(parse_template_file(&file(&template)).is_ok(), "a name of exactly the limit is accepted");
    }
}
