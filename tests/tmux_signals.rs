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

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How often the screen is read while waiting for something.
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
/// The tmux formats of every mouse reporting mode; all `0` once the viewer has let go.
const MOUSE_FLAGS: &str = "#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}\
                           #{mouse_all_flag}#{mouse_sgr_flag}#{mouse_utf8_flag}";

/// A private tmux server with one session, `s`. Dropping it kills any viewer still running in
/// it, then the server, and removes its socket.
struct Tmux {
    socket: String,
    socket_path: Option<PathBuf>,
}

impl Tmux {
    /// Starts a `SIZE` session running `line` with `/bin/sh`, with `env` added to its
    /// environment.
    fn start(test: &str, line: &str, env: &[(&str, &str)]) -> Tmux {
        match Command::new("tmux").arg("-V").output() {
            Ok(out) if out.status.success() => {}
            Ok(out) => panic!(
                "`tmux -V` failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => panic!(
                "tmux is not on PATH ({e}). These tests run the real viewer inside tmux; \
                 install tmux (CI does: apt-get install tmux)."
            ),
        }
        let mut tmux = Tmux {
            socket: format!("duizhao-signals-{}-{test}", std::process::id()),
            socket_path: None,
        };
        // A server left over from an earlier process with the same id would refuse the session.
        let _ = tmux.command().arg("kill-server").output();

        let dir = std::env::temp_dir();
        let (w, h) = (SIZE.0.to_string(), SIZE.1.to_string());
        let mut cmd = tmux.command();
        cmd.args(["new-session", "-d", "-x", &w, "-y", &h, "-s", "s", "-c"])
            .arg(&dir)
            .arg(line)
            .current_dir(&dir)
            // The command line is run by the default shell, which tmux takes from SHELL. The
            // server is started by this command, so the pane inherits this environment.
            .env("SHELL", "/bin/sh")
            .env_remove("NO_COLOR")
            .env_remove("TMUX")
            // The panic message must be the same everywhere: no backtrace.
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE");
        for (name, value) in env {
            cmd.env(name, value);
        }
        let out = cmd.output().expect("run tmux new-session");
        assert!(
            out.status.success(),
            "tmux new-session failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        tmux.socket_path = Some(PathBuf::from(tmux.format("#{socket_path}")));
        assert_eq!(
            tmux.format("#{pane_width}x#{pane_height}"),
            format!("{}x{}", SIZE.0, SIZE.1),
            "the pane has the requested size"
        );
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
        Tmux::start(test, &line, &[])
    }

    /// An interactive bash, with job control, waiting at its prompt.
    fn bash(test: &str) -> Tmux {
        let prompt = format!("{PROMPT} ");
        // HISTFILE empty: bash saves no history when the server is killed.
        let tmux = Tmux::start(
            test,
            "exec bash --norc --noprofile",
            &[("PS1", &prompt), ("HISTFILE", "")],
        );
        tmux.wait_prompt("bash's first prompt", START_TIMEOUT);
        tmux
    }

    /// `tmux -L <socket>` without a configuration file, ready for a command.
    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(["-u", "-f", "/dev/null", "-L", &self.socket]);
        cmd
    }

    /// Runs a tmux command that must succeed; returns its standard output.
    fn run(&self, args: &[&str]) -> String {
        let out: Output = self
            .command()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("run tmux {args:?}: {e}"));
        assert!(
            out.status.success(),
            "tmux {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("tmux prints UTF-8")
    }

    /// A tmux format expanded for the session's pane (`#{alternate_on}` and the like).
    fn format(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "s", format])
            .trim_end()
            .to_string()
    }

    /// The visible screen as text: one line per row, trailing spaces trimmed.
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "s"])
    }

    /// Types `text`, character by character.
    fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "s", "-l", text]);
    }

    /// Presses the key tmux calls `key` (`Enter`, `C-z`).
    fn press(&self, key: &str) {
        self.run(&["send-keys", "-t", "s", key]);
    }

    /// Types a command line at the shell prompt and presses Enter.
    fn enter_line(&self, line: &str) {
        self.type_text(line);
        self.press("Enter");
    }

    /// Reads the screen until `check` accepts it, and returns what `check` returned. Fails,
    /// printing the screen, after `timeout`.
    fn wait<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&str) -> Result<T, String>,
    ) -> T {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            let why = match check(&screen) {
                Ok(value) => return value,
                Err(why) => why,
            };
            if start.elapsed() > timeout {
                panic!(
                    "timed out after {timeout:?} waiting for {what}: {why} (alternate_on {})\n{}",
                    self.format("#{alternate_on}"),
                    show(&screen)
                );
            }
            sleep(POLL);
        }
    }

    /// Waits for the viewer's status bar to read `hotspot <expected>` on the alternate screen.
    fn wait_hotspot(&self, expected: &str, timeout: Duration) {
        self.wait(
            &format!("the viewer's status bar `hotspot {expected}`"),
            timeout,
            |s| match hotspot(s) {
                Some(h) if h == expected => match self.format("#{alternate_on}").as_str() {
                    "1" => Ok(()),
                    other => Err(format!(
                        "the status bar is there but alternate_on is {other}"
                    )),
                },
                other => Err(format!("status bar hotspot field is {other:?}")),
            },
        );
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
        self.wait(what, timeout, |s| {
            let exit = field(s, "EXIT=").ok_or("no EXIT= yet")?;
            let tty = field(s, "TTY=").ok_or("no TTY= yet")?;
            Ok((exit.to_string(), tty == "same", s.to_string()))
        })
    }

    /// The process id of the viewer running in the pane: the one `duizhao` process among the
    /// descendants of the pane's first process. Waits for it to appear.
    fn viewer_pid(&self) -> u32 {
        let root: u32 = self
            .format("#{pane_pid}")
            .parse()
            .expect("#{pane_pid} is a number");
        let start = Instant::now();
        loop {
            let found = viewers_under(root);
            match found.as_slice() {
                [pid] => return *pid,
                [] if start.elapsed() < TIMEOUT => sleep(POLL),
                _ => panic!("expected one duizhao process under pane process {root}: {found:?}"),
            }
        }
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

    /// Checks that the terminal is given back: normal screen, cursor shown, every mouse
    /// reporting mode off, and nothing of the viewer's screen in sight.
    fn assert_restored(&self, context: &str) {
        let screen = self.screen();
        assert_eq!(
            self.format("#{alternate_on}"),
            "0",
            "{context}: the alternate screen is left\n{}",
            show(&screen)
        );
        assert_eq!(
            self.format("#{cursor_flag}"),
            "1",
            "{context}: the cursor is shown\n{}",
            show(&screen)
        );
        assert_eq!(
            self.format(MOUSE_FLAGS),
            "000000",
            "{context}: mouse reporting is off (any, standard, button, all, sgr, utf8)\n{}",
            show(&screen)
        );
        assert!(
            !screen.contains("hotspot") && !screen.contains('│'),
            "{context}: the viewer's screen is gone (it was on the alternate screen)\n{}",
            show(&screen)
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // A viewer stopped by a failed job-control test would outlive the server.
        if let Ok(out) = self
            .command()
            .args(["display-message", "-p", "-t", "s", "#{pane_pid}"])
            .output()
            && let Ok(root) = String::from_utf8_lossy(&out.stdout).trim().parse()
        {
            for pid in viewers_under(root) {
                let _ = Command::new("kill")
                    .args(["-s", "KILL", &pid.to_string()])
                    .output();
            }
        }
        let _ = self.command().arg("kill-server").output();
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// One process as `/proc/<pid>/stat` describes it.
struct Proc {
    parent: u32,
    name: String,
    state: char,
}

/// `/proc/<pid>/stat`, parsed; `None` once the process is gone.
fn proc_stat(pid: u32) -> Option<Proc> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (name) state ppid ...`; the name may hold spaces and parentheses.
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat[open + 1..close].to_string();
    let mut rest = stat[close + 1..].split_whitespace();
    let state = rest.next()?.chars().next()?;
    let parent = rest.next()?.parse().ok()?;
    Some(Proc {
        parent,
        name,
        state,
    })
}

/// The `duizhao` processes among the descendants of `root`.
fn viewers_under(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<(u32, String)>> = HashMap::new();
    for entry in std::fs::read_dir("/proc").expect("read /proc").flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        if let Some(p) = proc_stat(pid) {
            children.entry(p.parent).or_default().push((pid, p.name));
        }
    }
    let (mut found, mut todo) = (Vec::new(), vec![root]);
    while let Some(pid) = todo.pop() {
        for (child, name) in children.get(&pid).into_iter().flatten() {
            if name == "duizhao" {
                found.push(*child);
            }
            todo.push(*child);
        }
    }
    found.sort_unstable();
    found
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

/// `text` quoted for `sh`.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The screen with row numbers, for failure messages.
fn show(screen: &str) -> String {
    let mut out = String::from("--- screen ---\n");
    for (i, row) in screen.lines().enumerate() {
        out.push_str(&format!("{i:>3}|{row}\n"));
    }
    out.push_str("--- end of screen ---");
    out
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

/// The last row with anything on it, trimmed.
fn last_row(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

/// The `I/N` of the viewer's status bar `hotspot I/N`.
fn hotspot(screen: &str) -> Option<&str> {
    let mut words = last_row(screen).split_whitespace();
    (words.next() == Some("hotspot"))
        .then(|| words.next())
        .flatten()
}

/// Starts the viewer under `sh`, sends it signal `name` and checks that it leaves in time with
/// status `expected` and the terminal restored.
fn ends_cleanly_on(name: &str, expected: u8) {
    let test = name.to_lowercase();
    let tmux = Tmux::sh(&test, "");
    tmux.wait_hotspot("-/10", START_TIMEOUT);
    tmux.assert_taken("before the signal");
    let pid = tmux.viewer_pid();

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
    let pid = tmux.viewer_pid();

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
        tmux.viewer_pid(),
        pid,
        "the same viewer process resumed after `fg`"
    );

    // Keys still reach it.
    tmux.type_text("n");
    tmux.wait_hotspot("1/10", TIMEOUT);

    tmux.type_text("q");
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
