//! Walking the reporting interview as an office manager does: reading each question shown and
//! answering it with the keyboard alone — the arrow keys to the answer whose label is read, Enter
//! to go on, or a number typed and Enter.

use thirtyfour::prelude::*;

use crate::harness::AppWindow;

/// An answer as its label reads on screen.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Say {
    Yes,
    No,
    Unknown,
    Own,
    Both,
    /// "No more than that" to an "at most" question.
    NoMore,
    Count(u32),
}

impl Say {
    fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (Say::Yes, false) => "はい",
            (Say::No, false) => "いいえ",
            (Say::Unknown, false) => "分からない",
            (Say::Own, false) => "自社の情報（お客様・社員など）",
            (Say::Both, false) => "両方ある",
            (Say::NoMore, false) => "それ以上はいない（この人数で全部）",
            (Say::Yes, true) => "Yes",
            (Say::No, true) => "No",
            (Say::Unknown, true) => "Don't know",
            (Say::Own, true) => "Our own (customers, staff…)",
            (Say::Both, true) => "Both",
            (Say::NoMore, true) => "No more than that (this is everyone)",
            (Say::Count(_), _) => unreachable!("a count is typed"),
        }
    }
}

/// The question shown now (its core name), or `None` once the interview is done.
pub(crate) async fn question_shown(app: &AppWindow) -> Option<String> {
    let start = std::time::Instant::now();
    loop {
        if let Ok(form) = app.driver.find(By::Css("[data-testid=interview-question]")).await {
            if let Ok(Some(question)) = form.attr("data-question").await {
                return Some(question);
            }
        }
        if app.driver.find(By::Css("[data-testid=interview-done]")).await.is_ok() {
            return None;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "neither a question nor the end of the interview");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The element with the focus, once it is inside the question (it takes the focus when shown).
async fn focus_in_question(app: &AppWindow) -> WebElement {
    let start = std::time::Instant::now();
    loop {
        if let Ok(active) = app.driver.active_element().await {
            let inside: bool = app
                .driver
                .execute("return !!arguments[0].closest('[data-testid=interview-question]')", vec![active.to_json().unwrap()])
                .await
                .ok()
                .and_then(|r| r.convert().ok())
                .unwrap_or(false);
            if inside {
                return active;
            }
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(20), "the question never took the focus");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Notes in the page when Enter is pressed on the question and when the first frame without it is
/// drawn: what the office waits for between two questions.
const TIME_THE_ANSWER: &str = r#"
const question = document.querySelector(`[data-testid=interview-question][data-question="${arguments[0]}"]`);
window.__answered = null;
window.__replaced = null;
question.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__answered = performance.now(); }, { capture: true });
const observer = new MutationObserver(() => {
  if (!question.isConnected || question.dataset.question !== arguments[0]) {
    observer.disconnect();
    requestAnimationFrame(() => { window.__replaced = performance.now(); });
  }
});
observer.observe(document.body, { subtree: true, childList: true, attributes: true });
"#;

/// Answers the question shown, `question`, with `say`, by keyboard, and waits for the next;
/// returns how long the window took from Enter to the first frame without the question, in ms.
pub(crate) async fn answer(app: &AppWindow, question: &str, say: Say, english: bool) -> f64 {
    let form = app.element(&format!("[data-testid=interview-question][data-question={question}]")).await;
    app.driver.execute(TIME_THE_ANSWER, vec![serde_json::json!(question)]).await.expect("time the answer");
    let mut active = focus_in_question(app).await;
    if let Say::Count(n) = say {
        let field = form.find(By::Css("[data-testid=reply-count-value]")).await.expect("a count is asked");
        if active.attr("data-testid").await.ok().flatten().as_deref() != Some("reply-count-value") {
            field.focus().await.expect("focus the count");
            active = field;
        }
        active.send_keys(format!("{n}")).await.expect("type the count");
        active.send_keys(Key::Enter).await.expect("Enter");
    } else {
        let radios = form.find_all(By::Css("input[type=radio]")).await.expect("answers");
        let mut labels = Vec::new();
        for radio in &radios {
            let id = radio.attr("id").await.ok().flatten().unwrap_or_default();
            let label = form.find(By::Css(format!("label[for='{id}']"))).await.expect("each answer has its label");
            labels.push(label.text().await.unwrap_or_default());
        }
        let target = labels
            .iter()
            .position(|l| l.trim() == say.label(english))
            .unwrap_or_else(|| panic!("{question}: no answer labelled {:?} among {labels:?}", say.label(english)));
        // From the count's field, Shift+Tab reaches the answers.
        if active.attr("type").await.ok().flatten().as_deref() != Some("radio") {
            active.send_keys(Key::Shift + Key::Tab).await.expect("back to the answers");
            active = focus_in_question(app).await;
        }
        let mut at = 0;
        for (i, radio) in radios.iter().enumerate() {
            if radio.element_id() == active.element_id() {
                at = i;
            }
        }
        // The first arrow press also chooses the answer under the focus when none is chosen yet.
        while at != target {
            let key = if target > at { Key::Down } else { Key::Up };
            active.send_keys(key).await.expect("arrow");
            at = if target > at { at + 1 } else { at - 1 };
            active = app.driver.active_element().await.expect("focus");
        }
        if radios[target].prop("checked").await.ok().flatten().as_deref() != Some("true") {
            active.send_keys(Key::Space).await.expect("choose");
        }
        assert_eq!(radios[target].prop("checked").await.ok().flatten().as_deref(), Some("true"), "{question}: not chosen");
        active.send_keys(Key::Enter).await.expect("Enter");
    }
    // The next question, or the end, replaces this one.
    let start = std::time::Instant::now();
    loop {
        let took = app
            .driver
            .execute("return window.__replaced === null ? null : window.__replaced - window.__answered;", vec![])
            .await
            .expect("the answer's time");
        if let Some(ms) = took.json().as_f64() {
            return ms;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "{question} was not taken");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Answers every question the interview asks with `say(question)` until nothing is left to ask;
/// the questions asked, in order.
pub(crate) async fn walk(app: &AppWindow, english: bool, say: impl Fn(&str) -> Say) -> Vec<String> {
    let mut asked = Vec::new();
    let mut waits = Vec::new();
    while let Some(question) = question_shown(app).await {
        assert!(!asked.contains(&question), "{question} was asked twice: {asked:?}");
        waits.push(answer(app, &question, say(&question), english).await);
        asked.push(question);
    }
    waits.sort_by(f64::total_cmp);
    if let (Some(median), Some(longest)) = (waits.get(waits.len() / 2), waits.last()) {
        println!("interview: {} answers, Enter to the next question {median:.0} ms median, {longest:.0} ms longest", waits.len());
    }
    asked
}
