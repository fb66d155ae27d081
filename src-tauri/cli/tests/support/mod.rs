//! What the command-line tests share: starting the sonae-cli this suite was built with.

use std::process::{Command, Output};

/// The sonae-cli of this build, to give arguments and environment to.
pub fn sonae_cli_command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sonae-cli"))
}

/// Windows' ERROR_INTERNAL_ERROR, which Wine's process creation answers now and then under load
/// before the program has run at all (seen in the Windows build's tests here).
const WINE_COULD_NOT_START: i32 = 1359;

/// Runs `command` to its end. A start that Wine could not make is tried again, up to three
/// times; whatever the program itself does, failures included, is taken as it is.
pub fn run(command: &mut Command) -> Output {
    let mut tries = 1;
    loop {
        match command.output() {
            Ok(output) => return output,
            Err(e) if cfg!(windows) && e.raw_os_error() == Some(WINE_COULD_NOT_START) && tries < 3 => tries += 1,
            Err(e) => panic!("run sonae-cli: {e}"),
        }
    }
}
