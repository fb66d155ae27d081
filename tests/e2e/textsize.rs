//! The desktop's text size: a person who has made text larger in their desktop settings gets the
//! window's text larger too, and the window stays usable at 1280×800: the menu beside the page at
//! 150 %, behind a menu button at 200 %, and one interview question whole on screen.

use sonae_core::language::Language;

use crate::harness::{AppWindow, Home};
use crate::reporting::reach_reporting;
use crate::wizard::demo_file;

/// The window's width in CSS pixels, and where an element sits: left, right, bottom.
async fn layout(app: &AppWindow, css: &str) -> (f64, f64, f64, f64, f64) {
    let value = app
        .driver
        .execute(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();
             return [window.innerWidth, window.innerHeight, r.left, r.right, r.bottom];",
            vec![serde_json::json!(css)],
        )
        .await
        .expect("layout");
    let numbers: Vec<f64> = serde_json::from_value(value.json().clone()).expect("numbers");
    (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4])
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run by `make test`"]
async fn larger_desktop_text_makes_the_window_s_text_larger_and_keeps_it_usable() {
    let home = Home::new();
    let app = AppWindow::launch(&home, None).await;
    app.element("[data-testid=company-name]").await;
    let (normal_width, ..) = layout(&app, "[data-testid=company-name]").await;
    app.close().await;

    // 150 %: everything drawn half as large again, the menu still beside the page.
    let home = Home::new();
    let file = demo_file(&home, Language::Ja);
    let app = AppWindow::launch_with(&home, Some(&file), &[("GDK_DPI_SCALE", "1.5")]).await;
    app.element("[data-testid=company-name]").await;
    let (width, ..) = layout(&app, "[data-testid=company-name]").await;
    let scale = normal_width / width;
    assert!((1.4..1.6).contains(&scale), "the window drew at {scale:.2} times ({normal_width} → {width} CSS px)");
    let (_, _, _, menu_right, _) = layout(&app, "[data-testid=nav-home]").await;
    let (_, _, name_left, ..) = layout(&app, "[data-testid=company-name]").await;
    assert!(menu_right <= name_left, "the menu ({menu_right}) covers the page ({name_left})");
    assert!(app.absent("[data-testid=menu-button]").await, "no menu button while the menu is beside the page");
    app.screenshot("text-150-home-ja").await;

    // One interview question, its answers and 次へ fit the window without scrolling.
    reach_reporting(&app, "lost_device", "ノートPCの盗難", "damage_confirmed", &["personal_data_involved"]).await;
    app.element("[data-testid=question-title]").await;
    let (_, height, _, _, bottom) = layout(&app, "[data-testid=interview-next]").await;
    assert!(bottom <= height, "次へ is below the window ({bottom} > {height})");
    app.screenshot("text-150-interview-ja").await;
    app.close().await;

    // 200 %: the menu folds behind a button, opens over the page and closes on a choice.
    let home = Home::new();
    let app = AppWindow::launch_with(&home, None, &[("GDK_DPI_SCALE", "2")]).await;
    app.element("[data-testid=company-name]").await;
    app.click("[data-testid=menu-button]").await;
    app.screenshot("text-200-menu-ja").await;
    app.click("[data-testid=nav-contacts]").await;
    app.element("[data-testid=new-contact]").await;
    // The menu slides away: looked at until it is off the window, for at most 5 s.
    let started = std::time::Instant::now();
    loop {
        let (width, _, menu_left, menu_right, _) = layout(&app, "[data-testid=nav-home]").await;
        if menu_right <= 0.0 || menu_left >= width {
            break;
        }
        assert!(started.elapsed().as_secs() < 5, "the menu stayed open after the choice ({menu_left}–{menu_right})");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screenshot("text-200-contacts-ja").await;
    app.close().await;
}
