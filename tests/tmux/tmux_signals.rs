//! The terminal is always given back: whatever ends or suspends the real `duizhao` viewer, the
//! terminal it ran in is left on the normal screen, with the cursor shown, mouse reporting off
//! and (where the shell can tell) the same tty modes as before.
//!
//! Ways out and back that are checked here: SIGTERM, SIGHUP and SIGINT sent from outside (exit
//! status 128 + the signal), a panic (the `DUIZHAO_TEST_PANIC` hook, exit status 101), and job
//! control: Ctrl-Z typed in the viewer and SIGTSTP sent from outside both stop it with the
//! terminal restored, and `fg` gives it the terminal back, redrawn and still answering keys.
//!
//! Each test starts its own tmux server on a private socket (`tmux -L`, named after the process
//! and the test, so tests run in parallel and never touch the user's tmux), reads the screen
//! with `capture-pane` and the terminal's modes with tmux formats (`#{alternate_on}`,
//! `#{cursor_flag}`, `#{mouse_*_flag}`), and finds the viewer's process id under the pane's
//! shell through `/proc`. The server is killed when the test ends, however it ends.
//!
//! tmux is required: a missing tmux fails these tests instead of skipping them.

use crate::common;

use common::{Tmux, last_row, proc_stat, shell_quote, show};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How often the process state is read while waiting for it.
const POLL: Duration = Duration::from_millis(100);
/// How long the viewer (or the shell) may take to show its first screen.
const START_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the viewer or the shell may take to react to a key or a signal.
const TIMEOUT: Duration = Duration::from_secs(5);
/// How long the viewer may take to leave after SIGTERM, SIGHUP or SIGINT. It checks for them
/// every 250 ms; the rest is slack for a loaded machine running tests in parallel.
const SIGNAL_EXIT: Duration = Duration::from_secs(2);
/// The terminal size of every test.
const SIZE: (u16, u16) = (100, 30);
/// The interactive shell's prompt (PS1), to know when it waits for a command.
const PROMPT: &str = "duizhao-test$";

/// The session `s` of a `Tmux` runs the viewer under `sh` or an interactive bash.
impl Tmux {
    /// Starts a `SIZE` session running `line` with `/bin/sh`, with `env` added to its
    /// environment.
    fn start_with_env(test: &str, line: &str, env: &[(&str, &str)]) -> Tmux {
        let mut tmux = Tmux::new(test);
        // The viewer's `EXIT=` is waited for with the `TTY=` after it, and bash prints none.
        tmux.stop_at_exit = false;
        tmux.new_session(SIZE, &std::env::temp_dir(), line, |cmd| {
            // The panic message must be the same everywhere: no backtrace.
            cmd.env_remove("RUST_BACKTRACE")
                .env_remove("RUST_LIB_BACKTRACE");
            for (name, value) in env {
                cmd.env(name, value);
            }
        });
        tmux
    }

    /// Runs `prefix` and then the viewer under `/bin/sh`, which prints `EXIT=<status>` when it
    /// ends and then `TTY=same` or `TTY=changed`, comparing `stty -g` before and after.
    fn sh(test: &str, prefix: &str) -> Tmux {
        let line = format!(
            "S=$(stty -g); {prefix}{bin}; echo EXIT=$?; \
             if [ \"$(stty -g)\" = \"$S\" ]; then echo TTY=same; else echo TTY=changed; fi; \
             sleep 30",
            bin = shell_quote(env!("CARGO_BIN_EXE_duizhao")),
        );
        Tmux::start_with_env(test, &line, &[])
    }

    /// An interactive bash, with job control, waiting at its prompt.
    fn bash(test: &str) -> Tmux {
        let prompt = format!("{PROMPT} ");
        // HISTFILE empty: bash saves no history when the server is killed.
        let tmux = Tmux::start_with_env(
            test,
            "exec bash --norc --noprofile",
            &[("PS1", &prompt), ("HISTFILE", "")],
        );
        tmux.wait_prompt("bash's first prompt", START_TIMEOUT);
        tmux
    }

    /// Types a command line at the shell prompt and presses Enter.
    fn enter_line(&self, line: &str) {
        self.keys(line);
        self.press("Enter");
    }

    /// Waits for the interactive shell's prompt on the last non-empty row.
    fn wait_prompt(&self, what: &str, timeout: Duration) -> String {
        self.wait(what, timeout, |s| {
            if last_row(s) == PROMPT {
                Ok(s.to_string())
            } else {
                Err(format!("the last row is {:?}, not the prompt", last_row(s)))
            }
        })
    }

    /// Waits for the `EXIT=<status>` `sh` prints after the viewer, and the `TTY=` after it;
    /// returns the status, whether the tty modes were the same, and the screen. They are
    /// looked for anywhere on a row: a viewer that failed to restore the terminal leaves the
    /// cursor anywhere, and the checks of the restored terminal say more than a timeout.
    fn wait_exit(&self, what: &str, timeout: Duration) -> (String, bool, String) {
        self.wait(what, timeout, |s| -> Result<_, String> {
            let exit = field(s, "EXIT=").ok_or("no EXIT= yet")?;
            let tty = field(s, "TTY=").ok_or("no TTY= yet")?;
            Ok((exit.to_string(), tty == "same", s.to_string()))
        })
    }

    /// Checks that the viewer holds the terminal: alternate screen, cursor hidden, mouse
    /// reporting on. The checks of a restored terminal mean something only after these.
    fn assert_taken(&self, context: &str) {
        assert_eq!(
            self.format("#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_sgr_flag}"),
            "1 0 1 1",
            "{context}: the viewer runs on the alternate screen (alternate_on), with the cursor \
             hidden (cursor_flag) and mouse reporting on (mouse_any_flag, mouse_sgr_flag)\n{}",
            show(&self.screen())
        );
    }
}

/// Waits for process `pid` to be stopped (`T`) or, with `stopped` false, to be running or
/// sleeping again.
fn wait_state(pid: u32, stopped: bool, what: &str) {
    let start = Instant::now();
    loop {
        let state = proc_stat(pid).map(|p| p.state);
        if state.is_some_and(|s| (s == 'T') == stopped) {
            return;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "timed out after {TIMEOUT:?} waiting for {what}: process {pid} is in state {state:?}"
        );
        sleep(POLL);
    }
}

/// Sends signal `name` (`TERM`, `HUP`, ...) to process `pid`.
fn send_signal(pid: u32, name: &str) {
    let out = Command::new("kill")
        .args(["-s", name, &pid.to_string()])
        .output()
        .unwrap_or_else(|e| panic!("run kill -s {name} {pid}: {e}"));
    assert!(
        out.status.success(),
        "kill -s {name} {pid} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text after `prefix` on the first row that starts with it.
fn line_starting<'a>(screen: &'a str, prefix: &str) -> Option<&'a str> {
    screen
        .lines()
        .find_map(|l| l.trim_end().strip_prefix(prefix))
}

/// The word after the first `prefix` anywhere on the screen.
fn field<'a>(screen: &'a str, prefix: &str) -> Option<&'a str> {
    let (_, after) = screen.split_once(prefix)?;
    after.split_whitespace().next()
}

/// Starts the viewer under `sh`, sends it signal `name` and checks that it leaves in time with
/// status `expected` and the terminal restored.
fn ends_cleanly_on(name: &str, expected: u8) {
    let test = name.to_lowercase();
    let tmux = Tmux::sh(&test, "");
    tmux.wait_hotspot("-/10", START_TIMEOUT);
    tmux.assert_taken("before the signal");
    let pid = tmux.viewer_pid(TIMEOUT);

    let sent = Instant::now();
    send_signal(pid, name);
    let (exit, tty_same, screen) =
        tmux.wait_exit(&format!("the viewer to leave after SIG{name}"), SIGNAL_EXIT);
    let took = sent.elapsed();
    assert_eq!(
        exit,
        expected.to_string(),
        "exit status after SIG{name} (took {took:?})\n{}",
        show(&screen)
    );
    assert!(
        tty_same,
        "after SIG{name}: the tty modes (`stty -g`) are as before the viewer, raw mode is off\n{}",
        show(&screen)
    );
    tmux.assert_restored(&format!("after SIG{name}"));
    assert!(
        proc_stat(pid).is_none_or(|p| p.name != "duizhao"),
        "after SIG{name}: the viewer process {pid} is gone"
    );
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    ends_cleanly_on("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    ends_cleanly_on("HUP", 129);
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    ends_cleanly_on("INT", 130);
}

/// In an interactive bash, starts the viewer, stops it with `stop` (given the tmux session and
/// the viewer's pid), and checks the stop, `fg`, that keys still work, and a clean `q`.
fn suspends_and_resumes(test: &str, how: &str, stop: impl FnOnce(&Tmux, u32)) {
    let tmux = Tmux::bash(test);
    tmux.enter_line(&shell_quote(env!("CARGO_BIN_EXE_duizhao")));
    tmux.wait_hotspot("-/10", START_TIMEOUT);
    tmux.assert_taken("before suspending");
    let pid = tmux.viewer_pid(TIMEOUT);

    stop(&tmux, pid);
    let screen = tmux.wait(
        &format!("bash to report the viewer stopped after {how}, then its prompt"),
        TIMEOUT,
        |s| {
            if !s
                .lines()
                .any(|l| l.contains("Stopped") && l.contains("duizhao"))
            {
                Err("no `Stopped ... duizhao` job line".to_string())
            } else if last_row(s) != PROMPT {
                Err(format!("the last row is {:?}, not the prompt", last_row(s)))
            } else {
                Ok(s.to_string())
            }
        },
    );
    wait_state(pid, true, &format!("the viewer to be stopped after {how}"));
    tmux.assert_restored(&format!("stopped by {how}"));
    assert!(
        screen.contains(&format!("{PROMPT} '")),
        "the command line that started the viewer is back on the normal screen\n{}",
        show(&screen)
    );

    // `fg`: the viewer takes the terminal again and redraws everything.
    tmux.enter_line("fg");
    wait_state(pid, false, "the viewer to run again after `fg`");
    tmux.wait_hotspot("-/10", TIMEOUT);
    tmux.assert_taken(&format!("after {how} and `fg`"));
    assert_eq!(
        tmux.viewer_pid(TIMEOUT),
        pid,
        "the same viewer process resumed after `fg`"
    );

    // Keys still reach it.
    tmux.keys("n");
    tmux.wait_hotspot("1/10", TIMEOUT);

    tmux.keys("q");
    tmux.wait_prompt("the prompt after `q`", TIMEOUT);
    tmux.assert_restored(&format!("after {how}, `fg` and `q`"));
    tmux.enter_line("echo STATUS=$?");
    let screen = tmux.wait("`echo STATUS=$?` to print", TIMEOUT, |s| {
        line_starting(s, "STATUS=")
            .map(str::to_string)
            .ok_or_else(|| "no STATUS= line yet".to_string())
    });
    assert_eq!(
        screen,
        "0",
        "exit status after {how}, `fg` and `q`\n{}",
        show(&tmux.screen())
    );
}

#[test]
fn ctrl_z_restores_the_terminal_and_fg_resumes() {
    suspends_and_resumes("ctrl-z", "Ctrl-Z", |tmux, _| tmux.press("C-z"));
}

#[test]
fn sigtstp_restores_the_terminal_and_fg_resumes() {
    suspends_and_resumes("sigtstp", "SIGTSTP", |_, pid| send_signal(pid, "TSTP"));
}

#[test]
fn a_panic_restores_the_terminal_and_prints_its_message() {
    let tmux = Tmux::sh("panic", "DUIZHAO_TEST_PANIC=1 ");
    // The viewer has taken the terminal (alternate screen, mouse, raw mode) before it panics:
    // the hook panics at the first key, so the restoring below is of a terminal really taken.
    tmux.wait_hotspot("-/10", START_TIMEOUT);
    tmux.assert_taken("before the panic");
    tmux.keys("j");
    let (exit, tty_same, screen) = tmux.wait_exit("the viewer to panic", START_TIMEOUT);
    assert_eq!(exit, "101", "exit status after a panic\n{}", show(&screen));
    assert!(
        tty_same,
        "after a panic: the tty modes (`stty -g`) are as before the viewer, raw mode is off\n{}",
        show(&screen)
    );
    // Printed after raw mode is off, each line of the message starts in the first column.
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("DUIZHAO_TEST_PANIC is set")),
        "the panic message is on the normal screen, at the start of a row\n{}",
        show(&screen)
    );
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("thread 'main'") && l.contains("panicked")),
        "the panic's `thread 'main' ... panicked` line is on the normal screen, at the start \
         of a row\n{}",
        show(&screen)
    );
    tmux.assert_restored("after a panic");
}

/// Standard input that is not a terminal says nothing about the terminal: with the first
/// source piped in (`cat A | duizhao - B`, as the README's `pbpaste | duizhao - saved.txt`), or
/// standard input from `/dev/null`, the viewer reads its keys from the controlling terminal and
/// is still there, untouched, three seconds later (its watchdog once took the pipe for a
/// terminal gone and ended it with 129 after half a second); `q` then quits with 0.
#[test]
fn a_piped_standard_input_keeps_the_viewer() {
    let dir = common::TempDir::new("piped-stdin");
    let a = dir.write("a.txt", "坚决反对一切霸权政治。\n".as_bytes());
    let b = dir.write("b.txt", "坚决反对一切强权政治。\n".as_bytes());
    let bin = shell_quote(env!("CARGO_BIN_EXE_duizhao"));
    let (a, b) = (
        shell_quote(&a.display().to_string()),
        shell_quote(&b.display().to_string()),
    );
    for (name, line) in [
        ("pipe", format!("cat {a} | {bin} - {b}")),
        ("devnull", format!("{bin} {a} {b} < /dev/null")),
    ] {
        let mut tmux = Tmux::new(&format!("piped-{name}"));
        tmux.new_session(
            (80, 24),
            dir.path(),
            &format!("{line} ; echo EXIT=$? ; sleep 30"),
            |_| {},
        );
        tmux.wait("the viewer's first screen", START_TIMEOUT, |s| {
            if s.contains("hotspot -/1") {
                Ok(())
            } else {
                Err(format!("no `hotspot -/1` ({name})"))
            }
        });
        sleep(Duration::from_secs(3));
        let screen = tmux.screen();
        assert!(
            screen.contains("hotspot -/1") && common::exit_line(&screen).is_none(),
            "{name}: the viewer went away by itself:\n{}",
            show(&screen)
        );
        tmux.keys("q");
        let exit = tmux.wait("the viewer quit by q", TIMEOUT, |s| {
            common::exit_line(s)
                .map(str::to_string)
                .ok_or("no EXIT= line")
        });
        assert_eq!(exit, "EXIT=0", "{name}");
    }
}

fn to_dev_zero(path: &std::path::Path) {
    std::os::unix::fs::symlink("/dev/zero", path).expect("symlink");
}

fn make_fifo(path: &std::path::Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success());
}

fn make_dir(path: &std::path::Path) {
    std::fs::create_dir(path).expect("mkdir");
}

/// The viewer's own files are read with care: a theme linked to `/dev/zero` or made a FIFO is
/// refused in one line naming it (exit 2) at once, never read for ever; a places file linked
/// to `/dev/zero`, or made a FIFO or a directory, leaves the viewer (`--remember`) working,
/// and at the end one warning says the place could not be remembered, with no temporary file
/// left beside it.
#[test]
fn theme_and_places_that_are_devices_pipes_or_directories() {
    let dir = common::TempDir::new("small-files");
    let a = dir.write("a.txt", "坚决反对一切霸权政治。\n".as_bytes());
    let b = dir.write("b.txt", "坚决反对一切强权政治。\n".as_bytes());
    let bin = shell_quote(env!("CARGO_BIN_EXE_duizhao"));
    let line = format!(
        "{bin} --remember {} {} ; echo EXIT=$? ; sleep 30",
        shell_quote(&a.display().to_string()),
        shell_quote(&b.display().to_string())
    );
    let config = dir.path().join("config");
    let state = dir.path().join("state");
    let start = |name: &str, config: &std::path::Path, state: &std::path::Path| {
        let mut tmux = Tmux::new(name);
        let (config, state) = (config.to_path_buf(), state.to_path_buf());
        // Wide enough that no message wraps.
        tmux.new_session((240, 24), dir.path(), &line, move |cmd| {
            cmd.env("XDG_CONFIG_HOME", config)
                .env("XDG_STATE_HOME", state);
        });
        tmux
    };
    // Themes: refused at once.
    let theme_dir = config.join("duizhao");
    std::fs::create_dir_all(&theme_dir).expect("config dir");
    let theme = theme_dir.join("theme.toml");
    for (what, make) in [
        ("a device", to_dev_zero as fn(&std::path::Path)),
        ("a named pipe", make_fifo),
    ] {
        let _ = std::fs::remove_file(&theme);
        make(&theme);
        let tmux = start(&format!("theme-{}", what.len()), &config, &state);
        let screen = tmux.wait("the viewer refusing the theme", TIMEOUT, |s| {
            common::exit_line(s)
                .map(|_| s.to_string())
                .ok_or("no EXIT= line")
        });
        assert!(
            screen.contains(&format!("theme.toml: {what}, not a regular file")),
            "{}",
            show(&screen)
        );
        assert_eq!(common::exit_line(&screen), Some("EXIT=2"));
    }
    std::fs::remove_file(&theme).expect("remove theme");
    // Places: the viewer works; one warning at the end; nothing left behind.
    let places_dir = state.join("duizhao");
    std::fs::create_dir_all(&places_dir).expect("state dir");
    let places = places_dir.join("places.json");
    for (what, make) in [
        ("a device", to_dev_zero as fn(&std::path::Path)),
        ("a named pipe", make_fifo),
        ("a directory", make_dir),
    ] {
        make(&places);
        let tmux = start(&format!("places-{}", what.len()), &config, &state);
        tmux.wait("the viewer", START_TIMEOUT, |s| {
            if s.contains("hotspot -/1") {
                Ok(())
            } else {
                Err("no `hotspot -/1`")
            }
        });
        tmux.keys("nq");
        let screen = tmux.wait("the viewer quit", TIMEOUT, |s| {
            common::exit_line(s)
                .map(|_| s.to_string())
                .ok_or("no EXIT= line")
        });
        assert_eq!(
            common::exit_line(&screen),
            Some("EXIT=0"),
            "{}",
            show(&screen)
        );
        assert!(
            screen.contains(&format!(
                "could not remember the place: {what}, not a regular file"
            )),
            "{}",
            show(&screen)
        );
        let left: Vec<_> = std::fs::read_dir(&places_dir)
            .expect("state dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, [std::ffi::OsString::from("places.json")], "{what}");
        if places.is_dir() {
            std::fs::remove_dir(&places).expect("rmdir");
        } else {
            std::fs::remove_file(&places).expect("rm");
        }
    }
}

/// Under an address-space limit (`ulimit -v 1200000`) a pair of 30 MB files is refused in one
/// line, exit 2, both as a report (which once aborted half way with exit 134) and in the
/// viewer, which never takes the terminal: it is left on the normal screen.
#[test]
fn a_memory_limit_refuses_large_texts_in_one_line() {
    let dir = common::TempDir::new("ulimit");
    let words = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
    ];
    let mut text = String::with_capacity(31 << 20);
    let mut k: u64 = 7;
    while text.len() < 30 << 20 {
        k = k
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        text.push_str(words[(k >> 61) as usize]);
        text.push(if (k >> 40).is_multiple_of(13) {
            '\n'
        } else {
            ' '
        });
    }
    let a = dir.write("a.txt", text.as_bytes());
    let b = dir.write("b.txt", text.replacen("gamma", "GAMMA", 50).as_bytes());
    drop(text);
    let bin = shell_quote(env!("CARGO_BIN_EXE_duizhao"));
    let (a, b) = (
        shell_quote(&a.display().to_string()),
        shell_quote(&b.display().to_string()),
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1200000; exec {bin} --report json {a} {b}"
        ))
        .output()
        .expect("sh");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("duizhao: memory: "), "{err}");
    assert!(out.stdout.is_empty());
    let mut tmux = Tmux::new("ulimit-viewer");
    tmux.new_session(
        (120, 24),
        dir.path(),
        &format!("ulimit -v 1200000; {bin} {a} {b} ; echo EXIT=$? ; sleep 30"),
        |_| {},
    );
    let screen = tmux.wait("the viewer refusing", START_TIMEOUT, |s| {
        common::exit_line(s)
            .map(|_| s.to_string())
            .ok_or("no EXIT= line")
    });
    assert_eq!(
        common::exit_line(&screen),
        Some("EXIT=2"),
        "{}",
        show(&screen)
    );
    assert!(screen.contains("MiB are available"), "{}", show(&screen));
    assert_eq!(tmux.format("#{alternate_on}"), "0");
}

/// An allocation that fails where the comparison did not ask for it through `work::reserve`
/// aborts the process, as in any Rust program; the abort handler still gives the terminal
/// back (raw mode off, the normal screen, the mouse off) and ends with one line and exit 2
/// instead of a core dump and a raw terminal. The `DUIZHAO_TEST_ABORT` hook makes a real
/// allocation of 4 EiB at the first key, with the terminal taken.
#[test]
fn a_failed_allocation_restores_the_terminal_and_ends_in_one_line() {
    let tmux = Tmux::sh("abort", "DUIZHAO_TEST_ABORT=1 ");
    tmux.wait_hotspot("-/10", START_TIMEOUT);
    tmux.assert_taken("before the allocation");
    tmux.keys("j");
    let (exit, tty_same, screen) = tmux.wait_exit("the viewer to end", START_TIMEOUT);
    assert_eq!(
        exit,
        "2",
        "exit status after a failed allocation\n{}",
        show(&screen)
    );
    assert!(
        tty_same,
        "the tty modes are as before the viewer\n{}",
        show(&screen)
    );
    let said: Vec<&str> = screen
        .lines()
        .filter(|l| l.starts_with("duizhao:"))
        .collect();
    assert_eq!(
        said,
        ["duizhao: memory: out of memory: 4398046511104 MiB more could not be had"],
        "one line, at the start of a row, with the size that failed (2^62 bytes in MiB)\n{}",
        show(&screen)
    );
    tmux.assert_restored("after a failed allocation");
}

/// The comparison's large allocations are asked for without aborting (`work::reserve`): when
/// one fails, the report ends in one line with exit 2, and so does the viewer, with the
/// terminal given back. The `DUIZHAO_TEST_RESERVE=N` hook makes every reservation of N bytes
/// or more ask for 2^62 bytes; N is chosen so that loading the 100,000-character sources
/// (a table of 2 bytes a character) passes and normalising them (4 bytes a character, in the
/// comparison the viewer runs in the background) fails.
#[test]
fn a_comparison_out_of_memory_ends_in_one_line() {
    let dir = common::TempDir::new("reserve");
    let text: String = (0..100_000u32)
        .map(|i| {
            if i % 61 == 60 {
                '\n'
            } else {
                (b'a' + (i * 7 % 26) as u8) as char
            }
        })
        .collect();
    let a = dir.write("a.txt", text.as_bytes());
    let b = dir.write("b.txt", text.replacen("abc", "ABC", 3).as_bytes());
    let bin = env!("CARGO_BIN_EXE_duizhao");
    let out = Command::new(bin)
        .args(["--report", "json"])
        .arg(&a)
        .arg(&b)
        .env("DUIZHAO_TEST_RESERVE", "300000")
        .output()
        .expect("duizhao");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("duizhao: memory: out of memory: "), "{err}");
    assert!(out.stdout.is_empty());
    // Without the hook the same report is made.
    let fine = Command::new(bin)
        .args(["--report", "json"])
        .arg(&a)
        .arg(&b)
        .output()
        .expect("duizhao");
    assert_eq!(fine.status.code(), Some(0));

    let line = format!(
        "S=$(stty -g); DUIZHAO_TEST_RESERVE=300000 {} {} {}; echo EXIT=$?; \
         if [ \"$(stty -g)\" = \"$S\" ]; then echo TTY=same; else echo TTY=changed; fi; \
         sleep 30",
        shell_quote(bin),
        shell_quote(&a.display().to_string()),
        shell_quote(&b.display().to_string()),
    );
    let tmux = Tmux::start_with_env("reserve-viewer", &line, &[]);
    let (exit, tty_same, screen) = tmux.wait_exit("the viewer to end", START_TIMEOUT);
    assert_eq!(exit, "2", "{}", show(&screen));
    assert!(
        tty_same,
        "the tty modes are as before the viewer\n{}",
        show(&screen)
    );
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("duizhao: memory: out of memory: ")),
        "{}",
        show(&screen)
    );
    tmux.assert_restored("after the comparison ran out of memory");
}
