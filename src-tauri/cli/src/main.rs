//! `sonae-cli`: Sonae's command line, for scripts, consultants and tests. Every command works on a
//! company file through `sonae-core`; user mistakes end with one line on stderr and a non-zero
//! exit, never a panic.
//!
//! A company file protected by a passphrase is opened with the passphrase in the environment
//! variable `SONAE_PASSPHRASE`, never in an argument: arguments are visible to every user of the
//! machine (`ps`) and kept in shell histories.

use sonae_core::company;
use sonae_core::company_file;
use sonae_core::contacts;
use sonae_core::incident;
use sonae_core::store;
use sonae_core::template;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::TypedValueParser as _;
use clap::{Parser, Subcommand, ValueEnum};
use sonae_core::company_file::backups::{self, BackupContents, BackupInfo, BackupReason};
use sonae_core::company_file::CompanyFile;
use sonae_core::company_file::Passphrase;
use sonae_core::error_code::ErrorCode;
use sonae_core::language::Language;
use sonae_core::render::{self, Document, ExportOptions, ReportStage};
use sonae_core::rules;
use sonae_core::workspace::ServerAccess;
use sonae_tasks::jobs;
use sonae_tasks::Company;

/// The environment variable holding the passphrase of a protected company file.
const PASSPHRASE_VAR: &str = "SONAE_PASSPHRASE";

/// The environment variable holding the new passphrase for `passphrase set`.
const NEW_PASSPHRASE_VAR: &str = "SONAE_NEW_PASSPHRASE";

/// The environment variable holding the password of a person's new sign-in on a server.
const PERSON_PASSWORD_VAR: &str = "SONAE_PERSON_PASSWORD";

#[derive(Parser)]
#[command(
    name = "sonae-cli",
    version,
    about = "Sonae (備え) company files from the command line",
    after_help = "A company file protected by a passphrase is opened with the passphrase in the environment variable SONAE_PASSPHRASE."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new company file from the built-in policy template.
    Init {
        file: PathBuf,
        /// Language of the policy texts.
        #[arg(long, value_parser = parse_language, default_value = "ja")]
        lang: Language,
        /// Fill it with a realistic sample company (contacts, BCP, incidents).
        #[arg(long)]
        demo: bool,
        /// Company name (ignored with --demo).
        #[arg(long)]
        name: Option<String>,
        /// Start from another company file's policy and BCP plan (no people) instead of the
        /// built-in template; the policy's language comes with it.
        #[arg(long, value_name = "OTHER", conflicts_with = "demo")]
        from_policy: Option<PathBuf>,
    },
    /// Policy template files: carry a company's policy to another company file.
    Template {
        #[command(subcommand)]
        command: TemplateCommand,
    },
    /// Check a company file's integrity and schema version without changing it (or that a server
    /// database holds a company this version opens).
    Check {
        /// The company file, or a server database's postgres:// URL (password in PGPASSWORD).
        file: PathBuf,
    },
    /// Copy a company file consistently, even while the app has it open.
    Backup {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// The rotating backups of a company file: take, list, restore.
    Backups {
        #[command(subcommand)]
        command: BackupsCommand,
    },
    /// Protect a company file with a passphrase, change it or remove it; its backups follow.
    Passphrase {
        #[command(subcommand)]
        command: PassphraseCommand,
    },
    /// A company on a PostgreSQL server (the network edition): set up a server database, copy a
    /// company file into it, make a company file from it.
    #[command(after_help = SERVER_HELP)]
    Server {
        #[command(subcommand)]
        command: ServerCommand,
    },
    /// Every company file in the client folders with what needs attention, read without writing
    /// to any of them (a protected file is listed as locked).
    Portfolio {
        /// Folders holding client company files (*.sonae).
        #[arg(required = true)]
        folders: Vec<PathBuf>,
        /// Print the rows as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Incidents in a company file.
    Incident {
        #[command(subcommand)]
        command: IncidentCommand,
    },
    /// The contact table as CSV: export for Excel, import from Excel (UTF-8 or Shift_JIS).
    Contacts {
        #[command(subcommand)]
        command: ContactsCommand,
    },
    /// Who must or should be told, by when, for the facts of an incident (docs/rules.md §4, §9).
    Assess {
        /// JSON file of facts.
        #[arg(long)]
        facts: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Language of the text summary.
        #[arg(long, value_parser = parse_language, default_value = "ja")]
        lang: Language,
        /// Take `null` as "not answered yet": assess it with its safe value and list, as
        /// "open", the unanswered facts that could still change the answer.
        #[arg(long)]
        open: bool,
    },
    /// Print a document as PDF, or a draft's text.
    Export {
        /// The company file, or a server database's postgres:// URL (password in PGPASSWORD).
        file: PathBuf,
        /// Which document.
        #[arg(value_parser = document_names())]
        what: Document,
        /// Where to write the PDF (not needed with --text).
        #[arg(long, required_unless_present = "text")]
        out: Option<PathBuf>,
        /// The incident, for the incident report and the drafts.
        #[arg(long)]
        incident: Option<i64>,
        /// The exercise, for the exercise report; the latest that ended when not given.
        #[arg(long)]
        exercise: Option<i64>,
        /// 速報 (preliminary) or 確報 (final), for the PPC and My Number drafts.
        #[arg(long, value_enum, default_value_t = StageArg::Preliminary)]
        stage: StageArg,
        /// Language of the document; the company file's language when not given.
        #[arg(long, value_parser = parse_language)]
        lang: Option<Language>,
        /// Print a draft's plain text (as for the authority's web form) instead of writing a PDF.
        #[arg(long, conflicts_with = "out")]
        text: bool,
        /// Replace --out if it already exists.
        #[arg(long)]
        force: bool,
    },
}

/// Every document by its name, listed in the help from `Document` itself.
fn document_names() -> impl clap::builder::TypedValueParser<Value = Document> {
    clap::builder::PossibleValuesParser::new(Document::ALL.iter().map(|d| d.key()))
        .map(|name: String| Document::from_key(&name).expect("a listed document"))
}

#[derive(Clone, Copy, ValueEnum)]
enum StageArg {
    Preliminary,
    Final,
}

#[derive(Subcommand)]
enum BackupsCommand {
    /// Take a backup now, then delete the oldest beyond --keep.
    Take {
        file: PathBuf,
        /// Backup folder (default: FILE's stem + "-backups" beside it).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// How many backups of this file to keep.
        #[arg(long, default_value_t = 10)]
        keep: usize,
    },
    /// List a company file's backups, newest first, with what each holds.
    List {
        file: PathBuf,
        /// Backup folder (default: FILE's stem + "-backups" beside it).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Put a backup back as the company file; the current file is kept as a backup first.
    Restore {
        file: PathBuf,
        backup: PathBuf,
        /// Backup folder for the current file (default: FILE's stem + "-backups" beside it).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum PassphraseCommand {
    /// Protect FILE with the passphrase in SONAE_NEW_PASSPHRASE, or change its passphrase to it
    /// (the current one in SONAE_PASSPHRASE). Its backups are converted too, so none stays plain.
    Set {
        file: PathBuf,
        /// Backup folder (default: FILE's stem + "-backups" beside it).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Remove the protection of FILE (its passphrase in SONAE_PASSPHRASE); its backups are made
    /// plain too.
    Remove {
        file: PathBuf,
        /// Backup folder (default: FILE's stem + "-backups" beside it).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum TemplateCommand {
    /// Write a company file's policy and BCP plan (no people) as a template file.
    Export {
        /// The company file, or a server database's postgres:// URL (password in PGPASSWORD).
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Replace --out if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Replace a company file's policy and BCP plan with a template file's, keeping role holders
    /// and recovery contacts where the roles and damaged targets are still there.
    Import {
        /// The company file, or a server database's postgres:// URL (password in PGPASSWORD).
        file: PathBuf,
        template: PathBuf,
        /// Who made the change, for the change history.
        #[arg(long, default_value = "")]
        author: String,
    },
}

#[derive(Subcommand)]
enum ContactsCommand {
    /// Write every contact as CSV (UTF-8 with BOM, headings in the file's language).
    Export {
        /// The company file, or a server database's postgres:// URL (password in PGPASSWORD).
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Replace --out if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Import contacts from a CSV, all or nothing; prints each problem with its line number.
    Import {
        /// The company file, or a server database's postgres:// URL (password in PGPASSWORD).
        file: PathBuf,
        csv: PathBuf,
        /// Only check the CSV and say what would be imported.
        #[arg(long)]
        dry_run: bool,
        /// Name recorded in the change history.
        #[arg(long, default_value = "sonae-cli")]
        author: String,
    },
}

#[derive(Subcommand)]
enum IncidentCommand {
    /// List incidents, newest first.
    List {
        /// The company file, or a server database's postgres:// URL (password in PGPASSWORD).
        file: PathBuf,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// `--lang ja|en`, read into the core's one language type.
fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| format!("\"{code}\" is not a language of Sonae: use ja or en"))
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

/// A failure to report: its message and the exit code.
struct Failure {
    message: String,
    code: u8,
}

impl From<store::StoreError> for Failure {
    fn from(e: store::StoreError) -> Self {
        let hint = match e.code() {
            ErrorCode::PassphraseRequired => format!(" (set {PASSPHRASE_VAR} to its passphrase)"),
            ErrorCode::WrongPassphrase => format!(" (the passphrase was read from {PASSPHRASE_VAR})"),
            _ => String::new(),
        };
        Failure { message: format!("{e}{hint}"), code: 1 }
    }
}

/// The passphrase in the environment variable `name`, if it is set and not empty.
fn passphrase_from(name: &str) -> Result<Option<Passphrase>, Failure> {
    match std::env::var(name) {
        Ok(text) if text.is_empty() => Ok(None),
        Ok(text) => Ok(Some(Passphrase::new(text))),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Failure { message: format!("{name} is not valid text"), code: 2 }),
    }
}

/// The server database `name` stands for, when it is a `postgres://` URL rather than a file.
fn server_named(name: &Path) -> Result<Option<sonae_server::ServerAddress>, Failure> {
    match name.to_str() {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Some(sonae_server::ServerAddress::parse(url)?))
        }
        _ => Ok(None),
    }
}

/// [`read`] for a company file or a server database.
fn company_to_read(name: &Path) -> Result<Company, Failure> {
    match server_named(name)? {
        Some(server) => Ok(sonae_server::ServerCompany::open(&server)?.into()),
        None => Ok(read(name)?.into()),
    }
}

/// [`open`] for a company file or a server database.
fn company_to_change(name: &Path) -> Result<Company, Failure> {
    match server_named(name)? {
        Some(server) => Ok(sonae_server::ServerCompany::open(&server)?.into()),
        None => Ok(open(name)?.into()),
    }
}

/// Opens a company file to change it, protected or not, with the passphrase in
/// `SONAE_PASSPHRASE`. A file of an older Sonae is upgraded (after a copy of it as it was is kept
/// among its backups), and stderr says so.
fn open(file: &Path) -> Result<CompanyFile, Failure> {
    let company = CompanyFile::open_with_passphrase(file, passphrase_from(PASSPHRASE_VAR)?.as_ref())?;
    if let Some(upgrade) = company.upgrade() {
        eprintln!(
            "sonae-cli: updated {} from schema version {} to {}; the file as it was is kept as {}",
            file.display(),
            upgrade.from,
            upgrade.to,
            upgrade.backup.display()
        );
    }
    Ok(company)
}

/// Opens a company file only to read it: never written to, never upgraded (a file of an older
/// Sonae is read through an upgraded copy in memory, so its owner's Sonae still opens it).
fn read(file: &Path) -> Result<CompanyFile, Failure> {
    Ok(CompanyFile::open_to_read_with_passphrase(file, passphrase_from(PASSPHRASE_VAR)?.as_ref())?)
}

/// Opens a company file to copy it as it is (a backup): checked, only read, never upgraded.
fn open_to_copy(file: &Path) -> Result<CompanyFile, Failure> {
    Ok(CompanyFile::open_as_is_with_passphrase(file, passphrase_from(PASSPHRASE_VAR)?.as_ref())?)
}

impl From<render::RenderError> for Failure {
    fn from(e: render::RenderError) -> Self {
        Failure { message: e.to_string(), code: 1 }
    }
}

/// How a server is named on the command line.
const SERVER_HELP: &str = "URL: postgres://USER@HOST:PORT/DATABASE?sslrootcert=CA-FILE
The connection is always encrypted, and the server's certificate is checked against CA-FILE
(the CA certificate the server's administrator gives out). The password is read from PGPASSWORD;
a password written in the URL also works, but other users of this PC can see a program's arguments.";

#[derive(Subcommand)]
enum ServerCommand {
    /// Create Sonae's tables in an empty server database, or bring them up to this version, with
    /// the groups of people 管理者, 担当者 and 閲覧 and their rights (needs the right to create
    /// roles).
    Init {
        url: String,
        /// Register the company's first 管理者 with this sign-in name: a new user of the server
        /// with the password in SONAE_PERSON_PASSWORD, or, when that is not set, an existing user.
        #[arg(long, requires = "name")]
        admin: Option<String>,
        /// The first 管理者's name as the history shows it (「総務 佐藤」).
        #[arg(long, requires = "admin")]
        name: Option<String>,
    },
    /// The people who sign in to the company, and what each may change (a 管理者's work).
    Person {
        #[command(subcommand)]
        command: PersonCommand,
    },
    /// Copy a company file, every row and its history, into a server database holding no company
    /// yet (its tables are created too). The file is not changed.
    Push { file: PathBuf, url: String },
    /// Make a new company file from the company in a server database (a backup, or leaving the
    /// server). The server is only read; the new file has no passphrase (`passphrase set`).
    Pull {
        url: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum PersonCommand {
    /// List the company's people: sign-in name, name and right.
    List { url: String },
    /// Give someone a sign-in of their own (password in SONAE_PERSON_PASSWORD, at least 8
    /// characters) and a right: 管理者 (everything), 担当者 (incidents, contacts, exercises) or 閲覧
    /// (reads only).
    Add {
        url: String,
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = access_arg)]
        access: ServerAccess,
    },
    /// Change a person's name or right.
    Change {
        url: String,
        login: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_parser = access_arg)]
        access: Option<ServerAccess>,
    },
    /// Take a person off the company: they can no longer sign in to it, and the history still
    /// names them.
    Remove { url: String, login: String },
    /// Give a person a new password (in SONAE_PERSON_PASSWORD).
    Password { url: String, login: String },
}

fn access_arg(text: &str) -> Result<ServerAccess, String> {
    sonae_server::people::parse_access(text)
        .ok_or_else(|| format!("there is no right {text:?}: give 管理者 (administrator), 担当者 (staff) or 閲覧 (read_only)"))
}

/// The new sign-in's password, from SONAE_PERSON_PASSWORD.
fn person_password() -> Result<Option<String>, Failure> {
    match std::env::var(PERSON_PASSWORD_VAR) {
        Ok(text) if text.is_empty() => Ok(None),
        Ok(text) => Ok(Some(text)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(Failure { message: format!("{PERSON_PASSWORD_VAR} is not valid text"), code: 2 })
        }
    }
}

fn required_person_password() -> Result<String, Failure> {
    person_password()?.ok_or_else(|| Failure { message: format!("set {PERSON_PASSWORD_VAR} to the password"), code: 2 })
}

fn run_person(command: PersonCommand) -> Result<(), Failure> {
    use sonae_server::{people, ServerAddress};
    let connect = |url: &str| -> Result<(ServerAddress, postgres::Client), Failure> {
        let server = ServerAddress::parse(url)?;
        let client = server.connect()?;
        Ok((server, client))
    };
    match command {
        PersonCommand::List { url } => {
            let (_, mut client) = connect(&url)?;
            for person in people::list(&mut client)? {
                let access = person.access.map_or("(taken off)", people::label);
                println!("{}\t{}\t{access}", person.login, person.name);
            }
        }
        PersonCommand::Add { url, login, name, access } => {
            let (server, mut client) = connect(&url)?;
            people::add(&mut client, &login, &name, access, &required_person_password()?)?;
            println!("added {name} ({login}) to {server} as {}", people::label(access));
        }
        PersonCommand::Change { url, login, name, access } => {
            let (server, mut client) = connect(&url)?;
            let before = people::list(&mut client)?.into_iter().find(|p| p.login == login);
            let access = access.or(before.and_then(|p| p.access));
            people::change(&mut client, &login, name.as_deref(), access)?;
            println!("changed {login} in {server}");
        }
        PersonCommand::Remove { url, login } => {
            let (server, mut client) = connect(&url)?;
            people::change(&mut client, &login, None, None)?;
            println!("took {login} off {server}; the history still names them");
        }
        PersonCommand::Password { url, login } => {
            let (server, mut client) = connect(&url)?;
            people::set_password(&mut client, &login, &required_person_password()?)?;
            println!("set a new password for {login} in {server}");
        }
    }
    Ok(())
}

impl From<sonae_server::ServerError> for Failure {
    fn from(e: sonae_server::ServerError) -> Self {
        match e {
            sonae_server::ServerError::Store(e) => e.into(),
            other => Failure { message: other.to_string(), code: 1 },
        }
    }
}

fn run_server(command: ServerCommand) -> Result<(), Failure> {
    use sonae_server::{copy, schema, ServerAddress};
    match command {
        ServerCommand::Init { url, admin, name } => {
            let server = ServerAddress::parse(&url)?;
            let first = match (admin, name) {
                (Some(login), Some(name)) => Some(sonae_server::people::NewPerson { login, name, password: person_password()? }),
                _ => None,
            };
            match schema::init(&server, first.as_ref())? {
                None => println!("created Sonae's tables (schema version {}) in {server}", company_file::SCHEMA_VERSION),
                Some(v) if v < company_file::SCHEMA_VERSION => {
                    println!("upgraded {server} from schema version {v} to {}", company_file::SCHEMA_VERSION)
                }
                Some(v) => println!("{server} already has Sonae's tables (schema version {v})"),
            }
            if let Some(first) = first {
                println!("{} ({}) is the company's 管理者", first.name, first.login);
            }
        }
        ServerCommand::Person { command } => run_person(command)?,
        ServerCommand::Push { file, url } => {
            let server = ServerAddress::parse(&url)?;
            let copied = copy::push(&file, passphrase_from(PASSPHRASE_VAR)?.as_ref(), &server)?;
            println!(
                "copied {} ({}, {} rows in {} tables) to {server}",
                file.display(),
                copied.company,
                copied.rows,
                copied.tables
            );
        }
        ServerCommand::Pull { url, out } => {
            let server = ServerAddress::parse(&url)?;
            let copied = copy::pull(&server, &out)?;
            println!(
                "made {} ({}, {} rows in {} tables) from {server}",
                out.display(),
                copied.company,
                copied.rows,
                copied.tables
            );
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or_default().trim_start_matches("error: ");
            // For a value not on a list (a document, a format), the list itself, on the same line.
            let values = rendered.lines().map(str::trim).find(|l| l.starts_with("[possible values:"));
            let values = values.map(|v| format!(" {v}")).unwrap_or_default();
            eprintln!("sonae-cli: {first}{values} (see sonae-cli --help)");
            return ExitCode::from(2);
        }
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("sonae-cli: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Init { file, lang, demo, name, from_policy } => {
            let created = if demo {
                CompanyFile::create_demo(&file, lang)?
            } else {
                let policy = match from_policy {
                    Some(other) => jobs::policy_of_file(&other, passphrase_from(PASSPHRASE_VAR)?.as_ref())?,
                    None => jobs::builtin_policy(lang)?,
                };
                jobs::create_company_file(&file, name.as_deref(), &policy)?
            };
            let profile = company::company_profile(created.connection())?;
            println!("created {} ({})", file.display(), profile.name);
        }
        Command::Check { file } => {
            // How an older schema is brought up to date differs: a file when it is next opened to
            // be changed, a server database when it is next opened at all.
            let (shown, company, version, protected, made, when) = match server_named(&file)? {
                Some(server) => {
                    let check = sonae_server::store::check(&server)?;
                    (server.to_string(), check.company_name, check.schema_version, "", "set up", "opened")
                }
                None => {
                    let check = company_file::check_with_passphrase(&file, passphrase_from(PASSPHRASE_VAR)?.as_ref())?;
                    let protected = if check.protected { ", protected by a passphrase" } else { "" };
                    let shown = file.display().to_string();
                    (shown, check.company_name, check.schema_version, protected, "written", "opened to be changed")
                }
            };
            let older = if version < company_file::SCHEMA_VERSION {
                format!("; {made} by an older Sonae, updated to version {} when it is next {when}", company_file::SCHEMA_VERSION)
            } else {
                String::new()
            };
            println!("{shown}: ok — {company} (schema version {version}{protected}{older})");
        }
        Command::Backup { file, out } => {
            open_to_copy(&file)?.backup_to(&out)?;
            println!("backed up {} to {}", file.display(), out.display());
        }
        Command::Backups { command } => run_backups(command)?,
        Command::Passphrase { command } => run_passphrase(command)?,
        Command::Template { command } => run_template(command)?,
        Command::Server { command } => run_server(command)?,
        Command::Portfolio { folders, json } => run_portfolio(&folders, json),
        Command::Incident { command: IncidentCommand::List { file, json } } => {
            let company = company_to_read(&file)?;
            let incidents = incident::read::list_incidents(company.connection())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&incidents).expect("incidents serialise"));
            } else {
                for i in incidents {
                    let level = i.level.map_or("-".to_string(), |l| l.to_string());
                    let status = serde_json::to_value(i.status).expect("status serialises");
                    println!(
                        "{:>5}  {}  L{}  {:<9}  {:<6}  {}",
                        i.id,
                        i.discovered_at.format("%Y-%m-%dT%H:%M"),
                        level,
                        i.category.as_deref().unwrap_or("-"),
                        status.as_str().unwrap_or_default(),
                        i.title
                    );
                }
            }
        }
        Command::Export { file, what, out, incident, exercise, stage, lang, text, force } => {
            let company = company_to_read(&file)?;
            let language = match lang {
                Some(language) => language,
                None => sonae_core::company::company_profile(company.connection())?.language,
            };
            let options = ExportOptions {
                incident_id: incident,
                exercise_id: exercise,
                stage: match stage {
                    StageArg::Preliminary => ReportStage::Preliminary,
                    StageArg::Final => ReportStage::Final,
                },
                language,
                issued_on: None,
            };
            match out {
                Some(out) if !text => {
                    if out.exists() && !force {
                        return Err(render::RenderError::AlreadyExists { path: out }.into());
                    }
                    let pdf = company.read(|db| render::export(db, what, &options))?;
                    render::save(&out, &pdf, force)?;
                    println!("wrote {} ({}, {} bytes)", out.display(), what.key(), pdf.len());
                }
                _ => print!("{}", company.read(|db| render::draft_text(db, what, &options))?),
            }
        }
        Command::Contacts { command } => run_contacts(command)?,
        Command::Assess { facts, format, lang, open } => {
            let bad_input = |message: String| Failure { message, code: 2 };
            let text = std::fs::read_to_string(&facts).map_err(|e| bad_input(format!("{}: {e}", facts.display())))?;
            if open {
                let partial = rules::parse_partial_facts(&text).map_err(|e| bad_input(format!("{}: {e}", facts.display())))?;
                let answer = rules::assess_open(&partial);
                match format {
                    Format::Json => println!("{}", serde_json::to_string_pretty(&answer).expect("assessment serialises")),
                    Format::Text => {
                        print!("{}", rules::describe(&answer.assessment, &partial.facts, lang));
                        println!("{}", rules::describe_open(&answer.open, lang));
                    }
                }
                return Ok(());
            }
            let parsed = rules::parse_facts(&text).map_err(|e| bad_input(format!("{}: {e}", facts.display())))?;
            let assessment = rules::assess(&parsed);
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&assessment).expect("assessment serialises")),
                Format::Text => print!("{}", rules::describe(&assessment, &parsed, lang)),
            }
        }
    }
    Ok(())
}

fn run_template(command: TemplateCommand) -> Result<(), Failure> {
    match command {
        TemplateCommand::Export { file, out, force } => {
            let bytes = template::exchange::template_file_bytes(company_to_read(&file)?.connection())?;
            render::save(&out, &bytes, force)?;
            println!("wrote the policy of {} to {} ({} bytes)", file.display(), out.display(), bytes.len());
        }
        TemplateCommand::Import { file, template, author } => {
            let bytes =
                std::fs::read(&template).map_err(|e| Failure { message: format!("{}: {e}", template.display()), code: 1 })?;
            let policy = template::file::parse_template_file(&bytes)
                .map_err(|e| Failure { message: format!("{}: {e} ({})", template.display(), e.code()), code: 1 })?;
            let mut company = company_to_change(&file)?;
            let summary = company.write(|tx| template::exchange::import_policy_template(tx, &author, &policy))?;
            println!("imported the policy of {} into {}", template.display(), file.display());
            println!(
                "role holders kept for {} roles, dropped for {}; people kept for {} damaged targets, dropped for {}; {} exercises no longer name an assumed incident",
                summary.roles_holders_kept,
                summary.roles_holders_dropped,
                summary.targets_links_kept,
                summary.targets_links_dropped,
                summary.exercises_unlinked
            );
            if summary.language_differs {
                eprintln!(
                    "sonae-cli: warning: the template is written in \"{}\" but the company file in \"{}\"; the file's language was not changed",
                    summary.template_language, summary.company_language
                );
            }
        }
    }
    Ok(())
}

fn run_contacts(command: ContactsCommand) -> Result<(), Failure> {
    match command {
        ContactsCommand::Export { file, out, force } => {
            let company = company_to_read(&file)?;
            if out.exists() && !force {
                return Err(render::RenderError::AlreadyExists { path: out }.into());
            }
            let csv = company.read(contacts::export_contacts_csv)?;
            render::save(&out, &csv, force)?;
            let contacts = contacts::list_contacts(company.connection(), &Default::default())?.total;
            println!("wrote {} ({contacts} contacts, {} bytes)", out.display(), csv.len());
        }
        ContactsCommand::Import { file, csv, dry_run, author } => {
            let bytes = std::fs::read(&csv).map_err(|e| Failure { message: format!("{}: {e}", csv.display()), code: 1 })?;
            // A dry run only reads: it leaves a file of an older Sonae as it is.
            let mut company = if dry_run { company_to_read(&file)? } else { company_to_change(&file)? };
            let preview = contacts::preview_contacts_import(company.connection(), &bytes)?;
            for problem in preview.file_errors.iter().chain(&preview.column_warnings) {
                println!("{} [{}]", problem.message, problem.code);
            }
            for row in &preview.rows {
                for problem in row.errors.iter().chain(&row.warnings) {
                    // Row messages start with their line number.
                    println!("{} [{}]", problem.message, problem.code);
                }
            }
            if !preview.importable {
                let errors = preview.file_errors.len() + preview.rows.iter().map(|r| r.errors.len()).sum::<usize>();
                return Err(Failure { message: format!("{}: {errors} errors; nothing was imported", csv.display()), code: 1 });
            }
            if dry_run {
                println!("would import {} contacts and skip {} duplicates", preview.to_import, preview.to_skip);
            } else {
                let summary = company.write(|tx| contacts::import_contacts(tx, &author, &bytes))?;
                println!("imported {} contacts, skipped {} duplicates", summary.imported, summary.skipped);
            }
        }
    }
    Ok(())
}

/// The backup folder of `file`: `dir` if given, else the default one beside it.
fn backup_folder(file: &Path, dir: Option<PathBuf>) -> Result<PathBuf, Failure> {
    Ok(dir.map_or_else(|| backups::default_backup_dir(file), Ok)?)
}

fn run_backups(command: BackupsCommand) -> Result<(), Failure> {
    match command {
        BackupsCommand::Take { file, dir, keep } => {
            let dir = backup_folder(&file, dir)?;
            let kept = jobs::keep_backup(&open_to_copy(&file)?, &dir, BackupReason::Manual, keep)?;
            println!(
                "backed up {} to {} ({} old backups deleted)",
                file.display(),
                kept.taken.path.display(),
                kept.deleted.len()
            );
        }
        BackupsCommand::List { file, dir, json } => {
            let passphrase = passphrase_from(PASSPHRASE_VAR)?;
            let listed = jobs::list_backups(&file, &backup_folder(&file, dir)?, passphrase.as_ref())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&listed).expect("backups serialise"));
            } else {
                listed.iter().for_each(print_backup);
            }
        }
        BackupsCommand::Restore { file, backup, dir } => {
            let passphrase = passphrase_from(PASSPHRASE_VAR)?;
            let kept = jobs::restore_backup(&file, &backup, &backup_folder(&file, dir)?, passphrase.as_ref())?;
            if let Some(kept) = kept {
                println!("kept the current file as {}", kept.path.display());
            }
            println!("restored {} from {}", file.display(), backup.display());
        }
    }
    Ok(())
}

fn run_passphrase(command: PassphraseCommand) -> Result<(), Failure> {
    let (file, dir, new) = match command {
        PassphraseCommand::Set { file, dir } => {
            let new = passphrase_from(NEW_PASSPHRASE_VAR)?.ok_or_else(|| Failure {
                message: format!("set {NEW_PASSPHRASE_VAR} to the new passphrase (and {PASSPHRASE_VAR} to the current one if the file is protected)"),
                code: 2,
            })?;
            (file, dir, Some(new))
        }
        PassphraseCommand::Remove { file, dir } => (file, dir, None),
    };
    let dir = backup_folder(&file, dir)?;
    let mut company = open(&file)?;
    let old = company.passphrase().cloned();
    if old.is_none() && new.is_none() {
        println!("{} is not protected by a passphrase; nothing was changed", file.display());
        return Ok(());
    }
    let rekeyed = jobs::change_passphrase(&mut company, &dir, new.as_ref())?;
    drop(company);
    match new {
        Some(_) if old.is_some() => println!("changed the passphrase of {}", file.display()),
        Some(_) => println!("protected {} with a passphrase", file.display()),
        None => println!("removed the passphrase of {}", file.display()),
    }
    println!(
        "backups in {}: {} converted, {} already as the file, {} left as they were",
        dir.display(),
        rekeyed.converted.len(),
        rekeyed.unchanged.len(),
        rekeyed.left.len()
    );
    rekeyed.left.iter().for_each(print_backup);
    Ok(())
}

/// One line a backup: when, why, size, and what it holds or why it cannot be restored.
fn print_backup(backup: &BackupInfo) {
    let name = backup.path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let when = backup.taken_at.format("%Y-%m-%d %H:%M:%S");
    let size = format!("{} KiB", backup.size_bytes.div_ceil(1024));
    match &backup.contents {
        BackupContents::Intact(s) => println!(
            "{when}  {:<14}  {size:>9}  {}  contacts {}  incidents {} ({} open)  last change {}  {name}",
            backup.reason.slug(),
            s.company_name,
            s.contacts,
            s.incidents,
            s.open_incidents,
            s.last_change.as_deref().unwrap_or("-")
        ),
        BackupContents::Locked { reason } => {
            println!("{when}  {:<14}  {size:>9}  LOCKED: {reason}  {name}", backup.reason.slug())
        }
        BackupContents::Unusable { code, reason } => {
            println!("{when}  {:<14}  {size:>9}  UNUSABLE ({code}): {reason}  {name}", backup.reason.slug())
        }
    }
}

/// `sonae-cli portfolio`: one line per company file, the ones needing attention first.
fn run_portfolio(folders: &[PathBuf], json: bool) {
    use sonae_core::client_overview::{self, ClientState};
    let now = chrono::Local::now();
    let mut rows: Vec<_> =
        client_overview::company_files(folders, &[]).iter().map(|path| client_overview::read_client(path, None, now)).collect();
    client_overview::needs_attention_first(&mut rows);
    if json {
        println!("{}", serde_json::to_string_pretty(&rows).expect("rows serialise"));
        return;
    }
    for row in rows {
        let line = match &row.state {
            ClientState::Ready { readiness } | ClientState::Older { readiness, .. } => {
                let older =
                    if matches!(row.state, ClientState::Older { .. }) { "  (older version: opening upgrades it)" } else { "" };
                let deadline = match (&readiness.nearest_deadline, readiness.deadline_urgency) {
                    (Some(due), Some(client_overview::DeadlineUrgency::Overdue)) => format!("deadline {due} OVERDUE"),
                    (Some(due), Some(client_overview::DeadlineUrgency::Within24Hours)) => format!("deadline {due} within 24h"),
                    (Some(due), _) => format!("deadline {due}"),
                    (None, _) => "no deadline".into(),
                };
                let date = |d: Option<chrono::NaiveDate>| d.map_or("never".to_owned(), |d| d.to_string());
                format!(
                    "{}  open {}  {deadline}  stale contacts {}  exercise {}  overdue follow-ups {}  policy reviewed {}  roles without holder {}{older}",
                    readiness.company_name,
                    readiness.open_incidents,
                    readiness.stale_contacts,
                    date(readiness.last_exercise),
                    readiness.overdue_follow_ups,
                    date(readiness.policy_reviewed_on),
                    readiness.roles_without_holder
                )
            }
            ClientState::Locked { .. } => "locked (protected by a passphrase)".into(),
            ClientState::Problem { message, .. } => format!("not readable: {message}"),
        };
        println!("{}  {line}", row.path);
    }
}
