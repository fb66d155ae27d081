//! Starts the app under tauri-driver with its own data directory, and finds things on screen.

use std::net::TcpListener;
#[cfg(unix)]
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

/// One running app window with its own user data directory.
pub struct AppWindow {
    pub driver: WebDriver,
    tauri_driver: Child,
    /// Started with a desktop text size: the page is drawn zoomed, and WebKitWebDriver puts its
    /// pointer where the element would be unzoomed, so a click is given to the element itself.
    zoomed: bool,
}

/// A test's private home: user data (settings, default company file) and scratch files.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        let home = Home { dir: tempfile::tempdir().expect("temporary directory") };
        for dir in ["data", "config", "cache"] {
            std::fs::create_dir_all(home.path(dir)).expect("home directories");
        }
        home
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Answers the app's next open/save dialogs with these paths, in order (the app reads them
    /// from `SONAE_DIALOG_ANSWERS`; with no answer left a dialog counts as cancelled).
    pub fn answer_dialogs(&self, paths: &[&Path]) {
        let lines: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        std::fs::write(self.path("dialog-answers"), lines.join("\n")).expect("dialog answers");
    }

    /// Where the app keeps its settings for this home.
    pub fn data_dir(&self) -> PathBuf {
        self.path("data").join("sonae")
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// The app under test: this build's, or the one `SONAE_E2E_APP` names (the release binary, to
/// time the window as users get it: `SONAE_E2E_APP=$CARGO_TARGET_DIR/release/sonae`).
fn app_binary() -> String {
    std::env::var("SONAE_E2E_APP").unwrap_or_else(|_| env!("CARGO_BIN_EXE_sonae").to_owned())
}

fn tauri_driver_binary() -> PathBuf {
    if let Ok(path) = std::env::var("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    // Cargo's default home is .cargo in the user's home (the profile folder on Windows).
    let user_home = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os(user_home).expect(user_home)).join(".cargo"));
    let installed = cargo_home.join("bin").join(format!("tauri-driver{}", std::env::consts::EXE_SUFFIX));
    if installed.exists() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}

impl AppWindow {
    /// Starts the app on `company_file` (or, with `None`, on whatever the app chooses by itself).
    pub async fn launch(home: &Home, company_file: Option<&Path>) -> AppWindow {
        Self::launch_with(home, company_file, &[]).await
    }

    /// Starts the app with these variables added to its environment (desktop settings such as the
    /// text size).
    pub async fn launch_with(home: &Home, company_file: Option<&Path>, env: &[(&str, &str)]) -> AppWindow {
        // The two ports are picked free, but another WebDriver run on the same machine can take
        // one before tauri-driver binds it; then the session fails and is tried again on new ports.
        let mut last_error = String::new();
        for _ in 0..3 {
            match Self::try_launch(home, company_file, env).await {
                Ok(window) => return window,
                Err(e) => last_error = e,
            }
        }
        panic!("a WebDriver session with the app: {last_error}");
    }

    async fn try_launch(home: &Home, company_file: Option<&Path>, env: &[(&str, &str)]) -> Result<AppWindow, String> {
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new(tauri_driver_binary());
        command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            // The app draws without WebKit's accelerated compositing (see `draw_without_compositing`),
            // but WebKitWebDriver's screenshot then often never answers; these tests look at
            // screens, so they turn compositing back on. The shipped mode is started and measured
            // by startup.rs, which takes no screenshots.
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "0")
            .env("XDG_DATA_HOME", home.path("data"))
            .env("XDG_CONFIG_HOME", home.path("config"))
            .env("XDG_CACHE_HOME", home.path("cache"))
            .env("SONAE_DATA_DIR", home.data_dir())
            .env("SONAE_DIALOG_ANSWERS", home.path("dialog-answers"))
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        // Its own process group, so that closing also ends the WebKitWebDriver it starts (see
        // `stop_tauri_driver`).
        #[cfg(unix)]
        command.process_group(0);
        let mut tauri_driver =
            command.spawn().expect("tauri-driver could not start: install it with `cargo install tauri-driver --locked`");
        wait_for_port(port, Duration::from_secs(20));

        let mut capabilities = Capabilities::new();
        let args: Vec<String> = company_file.iter().map(|p| p.display().to_string()).collect();
        capabilities
            .set("tauri:options", serde_json::json!({ "application": app_binary(), "args": args }))
            .expect("capabilities");
        capabilities.set("browserName", "wry").expect("capabilities");
        match WebDriver::new(format!("http://127.0.0.1:{port}"), capabilities).await {
            Ok(driver) => Ok(AppWindow { driver, tauri_driver, zoomed: env.iter().any(|(name, _)| *name == "GDK_DPI_SCALE") }),
            Err(e) => {
                stop_tauri_driver(&mut tauri_driver, "-TERM");
                Err(e.to_string())
            }
        }
    }

    /// The first element matching a CSS selector, waiting for it to appear. An element the page
    /// replaced while it was being found (React drawing the card again) is looked for again.
    pub async fn element(&self, css: &str) -> WebElement {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.driver.query(By::Css(css)).wait(left, Duration::from_millis(100)).first().await {
                Ok(element) => return element,
                Err(e) if is_stale(&e) && !left.is_zero() => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => {
                    self.screenshot("failed").await;
                    panic!("no element {css} (the screen is in tests/artifacts/failed.png): {e}")
                }
            }
        }
    }

    /// Clicks the first element matching a CSS selector, once it is there.
    pub async fn click(&self, css: &str) {
        let element = self.element(css).await;
        element.scroll_into_view().await.ok();
        if self.zoomed {
            self.driver
                .execute("arguments[0].click();", vec![element.to_json().expect("element")])
                .await
                .unwrap_or_else(|e| panic!("could not click {css}: {e}"));
        } else {
            // An overlay on its way out (a dialog just closed) takes the click for a moment: a
            // person would click again once it is gone.
            let start = Instant::now();
            loop {
                match element.click().await {
                    Ok(()) => break,
                    Err(e) if e.to_string().contains("intercepted") && start.elapsed() < Duration::from_secs(5) => {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    Err(e) => {
                        self.screenshot("failed").await;
                        panic!("could not click {css} (the screen is in tests/artifacts/failed.png): {e}")
                    }
                }
            }
        }
    }

    /// Where the first element matching a CSS selector sits in the window: its left and top edges,
    /// in CSS pixels from the window's top left corner.
    pub async fn position(&self, css: &str) -> (f64, f64) {
        let element = self.element(css).await;
        let value = self
            .driver
            .execute(
                "const r = arguments[0].getBoundingClientRect(); return [r.left, r.top];",
                vec![element.to_json().expect("element")],
            )
            .await
            .unwrap_or_else(|e| panic!("could not tell where {css} is: {e}"));
        serde_json::from_value(value.json().clone()).expect("two numbers")
    }

    /// Replaces the text of an input as a person would: select everything, delete, type.
    pub async fn type_into(&self, css: &str, text: &str) {
        let input = self.element(css).await;
        input.scroll_into_view().await.ok();
        input.click().await.ok();
        input.send_keys(Key::Control + "a").await.expect("select all");
        input.send_keys(Key::Backspace).await.expect("delete");
        input.send_keys(text).await.unwrap_or_else(|e| panic!("could not type into {css}: {e}"));
    }

    /// Replaces the text of the input whose label reads `label` (its first line of text, without
    /// the required mark), as a person finds a field by its label.
    pub async fn type_into_labelled(&self, label: &str, text: &str) {
        let xpath = format!("//*[@id=//label[normalize-space(text())={}]/@for]", xpath_literal(label));
        let input =
            match self.driver.query(By::XPath(&xpath)).wait(Duration::from_secs(20), Duration::from_millis(100)).first().await {
                Ok(input) => input,
                Err(e) => {
                    self.screenshot("failed").await;
                    panic!("no field labelled \"{label}\" (the screen is in tests/artifacts/failed.png): {e}")
                }
            };
        input.click().await.ok();
        input.send_keys(Key::Control + "a").await.expect("select all");
        input.send_keys(Key::Backspace).await.expect("delete");
        input.send_keys(text).await.unwrap_or_else(|e| panic!("could not type into \"{label}\": {e}"));
    }

    /// Clicks the button whose words are `label`, once it is there and can be pressed.
    pub async fn click_button(&self, label: &str) {
        let xpath = format!(
            "//button[not(@disabled) and not(@data-disabled)][.//*[normalize-space(text())={0}] or normalize-space(text())={0}]",
            xpath_literal(label)
        );
        match self.driver.query(By::XPath(&xpath)).wait(Duration::from_secs(20), Duration::from_millis(100)).first().await {
            Ok(button) => {
                button.scroll_into_view().await.ok();
                button.click().await.unwrap_or_else(|e| panic!("could not click \"{label}\": {e}"))
            }
            Err(e) => {
                self.screenshot("failed").await;
                panic!("no button \"{label}\" to press (the screen is in tests/artifacts/failed.png): {e}")
            }
        }
    }

    /// The value of an input or text area.
    pub async fn value(&self, css: &str) -> String {
        self.element(css).await.prop("value").await.expect("value").unwrap_or_default()
    }

    /// Waits until the input matching `css` holds exactly `expected` (a form drawn again from
    /// what was read).
    pub async fn wait_for_value(&self, css: &str, expected: &str) {
        let start = Instant::now();
        loop {
            // The form may be drawn again between finding the input and reading it: read again.
            let value = self.element(css).await.prop("value").await.ok().flatten().unwrap_or_default();
            if value == expected {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "{css} never held \"{expected}\"; it holds: {value}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element matching `css` shows `expected` somewhere in its text.
    pub async fn wait_for_text_in(&self, css: &str, expected: &str) -> WebElement {
        let start = Instant::now();
        loop {
            let element = self.element(css).await;
            // textContent, not the rendered text: WebKitWebDriver leaves out Mantine badge labels.
            let text = element.prop("textContent").await.ok().flatten().unwrap_or_default();
            if text.contains(expected) {
                return element;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "{css} never showed \"{expected}\"; it shows: {text}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// How many elements match `css` now.
    pub async fn count(&self, css: &str) -> usize {
        self.driver.find_all(By::Css(css)).await.map(|found| found.len()).unwrap_or(0)
    }

    /// Whether nothing matches `css` on the screen as drawn now. Call it once a visible state of the
    /// same screen was waited for (the data it comes with has arrived); it lets the webview draw
    /// the frames already due (two animation frames), so that a render React has committed is on
    /// screen, and then looks.
    pub async fn absent(&self, css: &str) -> bool {
        self.settle().await;
        self.driver.find_all(By::Css(css)).await.map(|found| found.is_empty()).unwrap_or(false)
    }

    /// The kinds of thing the History page lists, as its badges read (the first badge of each
    /// record), once its first record is on screen.
    pub async fn history_kinds(&self) -> Vec<String> {
        self.element("[data-testid=change-record]").await;
        self.settle().await;
        let mut kinds = Vec::new();
        for record in self.driver.find_all(By::Css("[data-testid=change-record]")).await.expect("change records") {
            let badge = record.find(By::Css(".mantine-Badge-root")).await.expect("the record's kind");
            kinds.push(badge.prop("textContent").await.ok().flatten().unwrap_or_default().trim().to_owned());
        }
        kinds
    }

    /// Whether a text on screen is an internal key (`exercise_follow_up`) rather than words.
    pub fn is_raw_key(text: &str) -> bool {
        text.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    }

    /// The names of the changed fields the History page shows.
    pub async fn history_field_names(&self) -> Vec<String> {
        self.settle().await;
        let mut names = Vec::new();
        for cell in self.driver.find_all(By::Css("[data-testid=change-field]")).await.expect("changed fields") {
            names.push(cell.prop("textContent").await.ok().flatten().unwrap_or_default().trim().to_owned());
        }
        names
    }

    /// Waits for the webview's next two animation frames.
    async fn settle(&self) {
        let two_frames = "const done = arguments[arguments.length - 1];
                          requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.driver.execute_async(two_frames, Vec::new()).await.expect("animation frames");
    }

    /// Waits until the element matching `css` shows exactly one of `texts` (its whole text, ignoring
    /// surrounding spaces) and answers which.
    pub async fn wait_for_one_of(&self, css: &str, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let element = self.element(css).await;
            let text = element.prop("textContent").await.ok().flatten().unwrap_or_default();
            if texts.contains(&text.trim()) {
                return text.trim().to_owned();
            }
            assert!(start.elapsed() < Duration::from_secs(20), "{css} never showed one of {texts:?}; it shows: {text}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the checkbox matching `css` is ticked (`true`) or not.
    pub async fn wait_until_checked(&self, css: &str, checked: bool) {
        let start = Instant::now();
        loop {
            let now = self.element(css).await.prop("checked").await.ok().flatten().is_some_and(|v| v == "true");
            if now == checked {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "{css} never became checked = {checked}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until some element shows exactly `text` (ignoring surrounding spaces) and returns it.
    pub async fn text(&self, text: &str) -> WebElement {
        let xpath = format!("//*[normalize-space(text())={}]", xpath_literal(text));
        match self.driver.query(By::XPath(&xpath)).wait(Duration::from_secs(20), Duration::from_millis(100)).first().await {
            Ok(element) => element,
            Err(e) => {
                self.screenshot("failed").await;
                panic!("\"{text}\" never appeared on screen (the screen is in tests/artifacts/failed.png): {e}")
            }
        }
    }

    /// Saves a screenshot in tests/artifacts/ for a person to look at.
    pub async fn screenshot(&self, name: &str) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
        std::fs::create_dir_all(&dir).expect("artifacts directory");
        // WebKitGTK paints after the DOM settles; give it a moment so the picture matches the DOM.
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        let png = self.driver.screenshot_as_png().await.expect("screenshot");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }

    pub async fn close(mut self) {
        let driver = self.driver.clone();
        let _ = driver.quit().await;
        stop_tauri_driver(&mut self.tauri_driver, "-TERM");
    }
}

/// A test that fails before `close` still ends tauri-driver and the WebDriver server: left
/// running, they would keep the test's output open and the run waiting.
impl Drop for AppWindow {
    fn drop(&mut self) {
        if let Ok(None) = self.tauri_driver.try_wait() {
            stop_tauri_driver(&mut self.tauri_driver, "-KILL");
        }
    }
}

/// Ends tauri-driver and the platform's WebDriver server it started, and waits for it; `signal`
/// is `-TERM` after a session that quit, `-KILL` when a failed test left one open.
fn stop_tauri_driver(tauri_driver: &mut Child, signal: &str) {
    // On Unix tauri-driver leads its own process group (see `try_launch`): TERM to the group
    // ends WebKitWebDriver with it.
    #[cfg(unix)]
    let _ = Command::new("kill").args([signal, "--", &format!("-{}", tauri_driver.id())]).status();
    // On Windows tauri-driver puts itself and msedgedriver in a job object that is closed, and
    // msedgedriver ended, when tauri-driver is.
    #[cfg(not(unix))]
    let _ = (signal, tauri_driver.kill());
    let _ = tauri_driver.wait();
}

fn wait_for_port(port: u16, limit: Duration) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < limit, "tauri-driver did not listen on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// An XPath string literal for any text (XPath 1.0 has no escapes).
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// Whether a WebDriver error says an element found a moment ago is no longer on the page.
fn is_stale(error: &thirtyfour::error::WebDriverError) -> bool {
    matches!(error.as_inner(), thirtyfour::error::WebDriverErrorInner::StaleElementReference(_))
}
