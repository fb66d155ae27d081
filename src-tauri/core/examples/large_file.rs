//! Writes the large company file of the `large_file` benchmark (10,000 incidents, 100,000 timeline
//! entries, 5,000 contacts on top of the demo company) to the path given, for benchmarks outside
//! the core, such as the app's start-up (`make bench`). The generator itself lives with the
//! benchmarks (`benches/support/large_company.rs`) and is included from there, so there is one of it.
//!
//! ```sh
//! cargo run --profile bench -p sonae-core --example large_file -- /tmp/large.sonae
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

#[allow(dead_code)]
#[path = "../benches/support/large_company.rs"]
mod large_file;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: large_file FILE   (FILE must not exist yet)");
        return ExitCode::from(2);
    };
    if path.exists() {
        eprintln!("{} exists already; give a new path", path.display());
        return ExitCode::from(2);
    }
    let started = std::time::Instant::now();
    large_file::generate(&path);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}: {} incidents, {} timeline entries, {} contacts, {} MB, generated in {:.1} s",
        path.display(),
        large_file::INCIDENTS,
        large_file::INCIDENTS * large_file::ENTRIES_PER_INCIDENT,
        large_file::CONTACTS,
        size / 1_000_000,
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
