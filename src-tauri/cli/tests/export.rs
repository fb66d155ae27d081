//! `sonae-cli export` as a user runs it: PDFs and plain-text drafts from a company file, and what
//! it says (and leaves behind) when something is wrong.

mod support;

use std::path::Path;
use std::process::{Command, Output};

fn sonae_cli(args: &[&str]) -> Output {
    support::run(support::sonae_cli_command().args(args))
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A user mistake ends with exactly one line on stderr and no panic.
fn assert_one_line_error(output: &Output, code: i32) -> String {
    let message = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "stderr: {message}");
    assert_eq!(message.lines().count(), 1, "expected one line, got: {message}");
    assert!(!message.contains("panicked"), "{message}");
    message
}

/// The files in `dir`, sorted: no temporary file may be left behind.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("x.sonae");
    assert!(sonae_cli(&["init", path_arg(&file), "--demo"]).status.success());
    file
}

fn pdftotext(pdf: &Path) -> String {
    let output = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn export_writes_a_pdf_of_the_company_and_of_an_incident() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let card = dir.path().join("card.pdf");
    let run = sonae_cli(&["export", path_arg(&file), "contacts-card", "--out", path_arg(&card)]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = pdftotext(&card);
    assert!(
        text.contains("緊急連絡カード") && text.contains("株式会社さくら設計事務所") && text.contains("090-0000-1103"),
        "{text}"
    );

    let report = dir.path().join("report.pdf");
    let run = sonae_cli(&[
        "export",
        path_arg(&file),
        "ppc-draft",
        "--incident",
        "1",
        "--stage",
        "final",
        "--lang",
        "en",
        "--out",
        path_arg(&report),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = pdftotext(&report);
    assert!(text.contains("Report of a Personal Data Breach (final report)") && text.contains("1,180 people"), "{text}");
    assert!(!files_in(dir.path()).iter().any(|n| n.starts_with(".sonae-export-")), "a temporary file was left");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn an_english_company_file_exports_in_english_unless_asked_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("en.sonae");
    assert!(sonae_cli(&["init", path_arg(&file), "--demo", "--lang", "en"]).status.success());
    let card = dir.path().join("card.pdf");
    let run = sonae_cli(&["export", path_arg(&file), "contacts-card", "--out", path_arg(&card)]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = pdftotext(&card);
    assert!(text.contains("Emergency Contact Card") && !text.contains("緊急連絡カード"), "{text}");

    let japanese = dir.path().join("card-ja.pdf");
    let run = sonae_cli(&["export", path_arg(&file), "contacts-card", "--lang", "ja", "--out", path_arg(&japanese)]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(pdftotext(&japanese).contains("緊急連絡カード"));
}

#[test]
fn export_text_prints_the_draft_for_the_web_form() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let run = sonae_cli(&["export", path_arg(&file), "ppc-draft", "--incident", "1", "--text"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = String::from_utf8(run.stdout).unwrap();
    let first = text.find("1. 概要").expect("item 1");
    let ninth = text.find("9. その他参考となる事項").expect("item 9");
    assert!(first < ninth, "{text}");
    assert!(text.contains("1,180人"), "{text}");
    // A document that is not a draft has no text version.
    assert!(
        assert_one_line_error(&sonae_cli(&["export", path_arg(&file), "policy", "--text"]), 1).contains("not a submission draft")
    );
}

#[test]
fn export_errors_are_one_line_and_leave_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let before = files_in(dir.path());
    let out = dir.path().join("out.pdf");

    let missing = assert_one_line_error(&sonae_cli(&["export", path_arg(&file), "incident-report", "--out", path_arg(&out)]), 1);
    assert!(missing.contains("--incident"), "{missing}");
    let unknown = assert_one_line_error(
        &sonae_cli(&["export", path_arg(&file), "incident-report", "--incident", "999", "--out", path_arg(&out)]),
        1,
    );
    assert!(unknown.contains("incident 999 does not exist"), "{unknown}");
    let nowhere = dir.path().join("no-such-dir").join("out.pdf");
    let unwritable = assert_one_line_error(&sonae_cli(&["export", path_arg(&file), "policy", "--out", path_arg(&nowhere)]), 1);
    assert!(unwritable.contains("no-such-dir"), "{unwritable}");
    let no_company = assert_one_line_error(
        &sonae_cli(&["export", path_arg(&dir.path().join("none.sonae")), "policy", "--out", path_arg(&out)]),
        1,
    );
    assert!(no_company.contains("no such file"), "{no_company}");
    assert_eq!(files_in(dir.path()), before, "nothing written, no temporary file left");

    // Usage mistakes: exit 2.
    let unknown = assert_one_line_error(&sonae_cli(&["export", path_arg(&file), "frobnicate", "--out", path_arg(&out)]), 2);
    assert!(unknown.contains("'frobnicate'") && unknown.contains("ppc-draft, ppc-my-number-draft"), "{unknown}");
    assert_one_line_error(&sonae_cli(&["export", path_arg(&file), "policy"]), 2);
    assert_one_line_error(
        &sonae_cli(&["export", path_arg(&file), "ppc-draft", "--incident", "1", "--stage", "soon", "--out", path_arg(&out)]),
        2,
    );
    assert_eq!(files_in(dir.path()), before);
}

#[test]
fn export_refuses_to_overwrite_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let out = dir.path().join("policy.pdf");
    std::fs::write(&out, b"keep me").unwrap();
    let refused = assert_one_line_error(&sonae_cli(&["export", path_arg(&file), "policy", "--out", path_arg(&out)]), 1);
    assert!(refused.contains("already exists"), "{refused}");
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");

    let forced = sonae_cli(&["export", path_arg(&file), "policy", "--out", path_arg(&out), "--force"]);
    assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    assert!(!files_in(dir.path()).iter().any(|n| n.starts_with(".sonae-export-")));
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn the_exercise_report_is_the_latest_ended_exercise_or_the_one_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let out = dir.path().join("exercise.pdf");
    let run = sonae_cli(&["export", path_arg(&file), "exercise-report", "--out", path_arg(&out)]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = pdftotext(&out);
    for expected in
        ["訓練報告書", "これは訓練の記録です", "月曜の朝、ファイルサーバーがランサムウェアに", "4. 見つかった課題と今後の対応"]
    {
        assert!(text.contains(expected), "{expected} missing in:\n{text}");
    }
    let named = dir.path().join("named.pdf");
    let run = sonae_cli(&["export", path_arg(&file), "exercise-report", "--exercise", "1", "--out", path_arg(&named)]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let unknown = assert_one_line_error(
        &sonae_cli(&[
            "export",
            path_arg(&file),
            "exercise-report",
            "--exercise",
            "99",
            "--out",
            path_arg(&dir.path().join("99.pdf")),
        ]),
        1,
    );
    assert!(unknown.contains("99"), "{unknown}");

    // A file with no exercise says so.
    let empty = dir.path().join("empty.sonae");
    assert!(sonae_cli(&["init", path_arg(&empty), "--name", "テスト"]).status.success());
    let none = assert_one_line_error(
        &sonae_cli(&["export", path_arg(&empty), "exercise-report", "--out", path_arg(&dir.path().join("none.pdf"))]),
        1,
    );
    assert!(none.contains("no ended exercise"), "{none}");
}

#[test]
#[cfg_attr(windows, ignore = "skipped on Windows: needs the Linux pdftotext, pdfinfo or pdffonts (poppler-utils)")]
fn the_jigyokei_draft_is_japanese_in_the_form_order_and_says_what_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let run = sonae_cli(&["export", path_arg(&file), "jigyokei", "--text"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = String::from_utf8(run.stdout).unwrap();
    let mut from = 0;
    for heading in [
        "■ 1 名称等",
        "■ 2 事業継続力強化の目標",
        "■ 3 事業継続力強化の内容",
        "■ 4 実施期間",
        "■ 5 事業継続力強化を実施する",
        "■ 6 事業継続力強化の実施に協力する",
    ] {
        let at = text[from..].find(heading).unwrap_or_else(|| panic!("{heading} missing or out of order in:\n{text}"));
        from += at + heading.len();
    }
    let body = &text[text.find("■ 1").unwrap()..];
    assert!(!body.contains("未記入"), "the demo fills every section:\n{text}");

    // An English company file still gets the Japanese draft; a new file says what is missing.
    let english = dir.path().join("en.sonae");
    assert!(sonae_cli(&["init", path_arg(&english), "--lang", "en", "--name", "Acme"]).status.success());
    let run = sonae_cli(&["export", path_arg(&english), "jigyokei", "--text"]);
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.contains("■ 1 名称等") && text.contains("フリガナ"), "{text}");
    assert!(text[text.find("■ 1").unwrap()..].contains("未記入"), "{text}");
    let pdf = dir.path().join("jigyokei.pdf");
    let run = sonae_cli(&["export", path_arg(&english), "jigyokei", "--out", path_arg(&pdf)]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(pdftotext(&pdf).contains("事業継続力強化計画"));
}
