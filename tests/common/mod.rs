//! Support code shared by the integration tests, included by each test binary that needs it
//! (`tests/it.rs`, `tests/tmux.rs`, `tests/html_report.rs`) with `mod common;` and used by the
//! modules of a binary as `crate::common`.
//!
//! * Files: a temporary directory removed when dropped, the binary run in a directory, paths as
//!   arguments.
//! * tmux: a private tmux server per test (`tmux -L`, its socket named after the test binary,
//!   the test's file, the process and the test, so tests run in parallel and never touch the
//!   user's tmux) with
//!   one detached session `s`, commands to type keys and resize it, `capture-pane` polling with
//!   a timeout, and a drop guard that kills whatever the pane runs and then the server.
//! * Processes: `/proc` read to find the viewer's process id under `#{pane_pid}`.
//! * Screens: dumps with row numbers for failure messages, the status bar's `hotspot I/N`, and
//!   display-column checks of the pane divider.
//!
//! * Texts: random edits applied to a list of pieces, for the property tests, and a seeded
//!   generator for the stress and determinism tests.
//!
//! Test files add the methods only they need to `Tmux` in `impl Tmux` blocks of their own (the
//! files of one binary share those methods' names: no two may define the same one).

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The test binary this module is compiled into (`it`, `tmux`, `html_report`): part of the
/// name of every temporary directory and tmux socket, so that binaries never collide.
const BINARY: &str = env!("CARGO_CRATE_NAME");

/// The name of every temporary directory and tmux socket: the binary, the file of the test that
/// asked (`cli` for `tests/it/cli.rs`, found through `#[track_caller]`, so that two files of
/// one binary may use the same test name), the process and `test`.
#[track_caller]
fn unique_name(test: &str) -> String {
    let file = Path::new(std::panic::Location::caller().file())
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("test");
    format!("duizhao-{BINARY}-{file}-{}-{test}", std::process::id())
}

// ---------------------------------------------------------------------------------------------
// Files

/// A temporary directory, unique to this test binary, test file, process and test, removed
/// when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    #[track_caller]
    pub fn new(test: &str) -> TempDir {
        let path = std::env::temp_dir().join(unique_name(test));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `bytes` to `name` inside the directory and returns the full path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent dir");
        }
        std::fs::write(&path, bytes).expect("write temp file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn path_arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// Runs the binary in `cwd` with `args`, with no configuration of the user's (no rules file
/// read by default: `XDG_CONFIG_HOME` points inside `cwd`).
pub fn duizhao(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(args)
        .current_dir(cwd)
        .env("XDG_CONFIG_HOME", cwd.join(".no-config"))
        .output()
        .expect("run duizhao")
}

/// `text` quoted for `sh`.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

// ---------------------------------------------------------------------------------------------
// tmux

/// The pane divider.
pub const DIVIDER: char = '│';
/// The tmux formats of every mouse reporting mode; all `0` once the viewer has let go.
pub const MOUSE_FLAGS: &str = "#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}\
                               #{mouse_all_flag}#{mouse_sgr_flag}#{mouse_utf8_flag}";

/// A private tmux server (`-L`, no configuration file) for one test, with one session, `s`,
/// once `new_session` has run. Dropping it kills every process the pane runs, then the server,
/// and removes its socket.
pub struct Tmux {
    socket: String,
    socket_path: Option<PathBuf>,
    /// How often `wait` (and `viewer_pid`) look again.
    pub poll: Duration,
    /// Whether `wait` fails as soon as the screen shows the `EXIT=<status>` line the shell
    /// prints after the viewer, instead of waiting out its timeout.
    pub stop_at_exit: bool,
}

impl Tmux {
    /// A server for `test`, not started yet: checks that tmux runs and kills any server left
    /// over on the same socket. Reads the screen every 100 ms and stops waiting at `EXIT=`.
    #[track_caller]
    pub fn new(test: &str) -> Tmux {
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
        let tmux = Tmux {
            socket: unique_name(test),
            socket_path: None,
            poll: Duration::from_millis(100),
            stop_at_exit: true,
        };
        // A server left over from an earlier process with the same id would refuse the session.
        let _ = tmux.command().arg("kill-server").output();
        tmux
    }

    /// The name of the server's socket, for `tmux -L` run inside the session.
    pub fn socket(&self) -> &str {
        &self.socket
    }

    /// Starts the server with a detached `width`x`height` session `s` in `dir`, running `line`
    /// with `/bin/sh`, and checks the pane's size. The server is started by this command, so
    /// the pane inherits its environment: `NO_COLOR` and `TMUX` removed, `XDG_CONFIG_HOME` a
    /// folder with no configuration, and whatever `configure` adds.
    pub fn new_session(
        &mut self,
        (width, height): (u16, u16),
        dir: &Path,
        line: &str,
        configure: impl FnOnce(&mut Command),
    ) {
        let (w, h) = (width.to_string(), height.to_string());
        let mut cmd = self.command();
        cmd.args(["new-session", "-d", "-x", &w, "-y", &h, "-s", "s", "-c"])
            .arg(dir)
            .arg(line)
            .current_dir(dir)
            // The command line is run by the default shell, which tmux takes from SHELL.
            .env("SHELL", "/bin/sh")
            // No configuration of the user's (theme, rules) unless the test gives one.
            .env(
                "XDG_CONFIG_HOME",
                std::env::temp_dir().join("duizhao-tests-no-config"),
            )
            .env_remove("NO_COLOR")
            .env_remove("TMUX");
        configure(&mut cmd);
        let out = cmd.output().expect("run tmux new-session");
        assert!(
            out.status.success(),
            "tmux new-session failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        self.socket_path = Some(PathBuf::from(self.format("#{socket_path}")));
        assert_eq!(
            self.format("#{pane_width}x#{pane_height}"),
            format!("{width}x{height}"),
            "the pane has the requested size"
        );
    }

    /// `tmux -L <socket>` without a configuration file, ready for a command.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(["-u", "-f", "/dev/null", "-L", &self.socket]);
        cmd
    }

    /// Runs a tmux command that must succeed; returns its standard output.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self
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
    pub fn format(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "s", format])
            .trim_end()
            .to_string()
    }

    /// `format`, or `None` when tmux cannot tell (no server, no session): for cleaning up and
    /// for failure messages, which must not fail themselves.
    fn try_format(&self, format: &str) -> Option<String> {
        let out = self
            .command()
            .args(["display-message", "-p", "-t", "s", format])
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim_end().to_string())
    }

    /// The visible screen as text: one line per row, trailing spaces trimmed, wide characters
    /// printed once.
    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "s"])
    }

    /// The visible screen with its colours and attributes as escape sequences.
    pub fn styled_screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-e", "-t", "s"])
    }

    /// Types `text`, character by character.
    pub fn keys(&self, text: &str) {
        self.run(&["send-keys", "-t", "s", "-l", text]);
    }

    /// Presses the key tmux calls `key` (`Enter`, `C-z`).
    pub fn press(&self, key: &str) {
        self.run(&["send-keys", "-t", "s", key]);
    }

    /// Resizes the window (and so the terminal the viewer runs in).
    pub fn resize(&self, (width, height): (u16, u16)) {
        let (w, h) = (width.to_string(), height.to_string());
        self.run(&["resize-window", "-t", "s", "-x", &w, "-y", &h]);
    }

    /// Reads the screen every `poll` until `check` accepts it, and returns what `check`
    /// returned. Fails, printing the screen and `#{alternate_on}`, after `timeout` or, with
    /// `stop_at_exit`, as soon as the viewer has exited.
    pub fn wait<T, E: Display>(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&str) -> Result<T, E>,
    ) -> T {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            let why = match check(&screen) {
                Ok(value) => return value,
                Err(why) => why,
            };
            if self.stop_at_exit
                && let Some(exit) = exit_line(&screen)
            {
                panic!(
                    "the viewer exited ({exit}) while waiting for {what}: {why}\n{}",
                    show(&screen)
                );
            }
            if start.elapsed() > timeout {
                panic!(
                    "timed out after {timeout:?} waiting for {what}: {why} (alternate_on {})\n{}",
                    self.try_format("#{alternate_on}").as_deref().unwrap_or("?"),
                    show(&screen)
                );
            }
            sleep(self.poll);
        }
    }

    /// Waits for the screen to show `text` anywhere; returns that screen.
    pub fn wait_text(&self, text: &str, timeout: Duration) -> String {
        self.wait(&format!("`{text}` on the screen"), timeout, |s| {
            s.contains(text).then(|| s.to_string()).ok_or("not yet")
        })
    }

    /// Waits for `text` to be gone from the screen (a box closed), so that the next key is
    /// not read with an Escape before it as one Alt key; returns that screen.
    pub fn wait_gone(&self, text: &str, timeout: Duration) -> String {
        self.wait(&format!("`{text}` gone from the screen"), timeout, |s| {
            (!s.contains(text))
                .then(|| s.to_string())
                .ok_or("still there")
        })
    }

    /// Waits for the last row (the viewer's status bar) to hold `text`; returns that screen.
    pub fn wait_status(&self, text: &str, timeout: Duration) -> String {
        self.wait(&format!("`{text}` in the status bar"), timeout, |s| {
            if last_row(s).contains(text) {
                Ok(s.to_string())
            } else {
                Err(format!("status: {}", last_row(s)))
            }
        })
    }

    /// Waits for the viewer's status bar to read `hotspot <expected>` on the alternate screen;
    /// returns that screen.
    pub fn wait_hotspot(&self, expected: &str, timeout: Duration) -> String {
        self.wait(
            &format!("the viewer's status bar `hotspot {expected}`"),
            timeout,
            |s| match hotspot(s) {
                Some(h) if h == expected => match self.format("#{alternate_on}").as_str() {
                    "1" => Ok(s.to_string()),
                    other => Err(format!(
                        "the status bar is there but alternate_on is {other}"
                    )),
                },
                other => Err(format!("status bar hotspot field is {other:?}")),
            },
        )
    }

    /// The process id of the viewer running in the pane: the one `duizhao` process among the
    /// descendants of the pane's first process. Waits up to `timeout` for it to appear.
    pub fn viewer_pid(&self, timeout: Duration) -> u32 {
        let root: u32 = self
            .format("#{pane_pid}")
            .parse()
            .expect("#{pane_pid} is a number");
        let start = Instant::now();
        loop {
            let found = viewers_under(root);
            match found.as_slice() {
                [pid] => return *pid,
                [] if start.elapsed() < timeout => sleep(self.poll),
                _ => panic!("expected one duizhao process under pane process {root}: {found:?}"),
            }
        }
    }

    /// Checks that the terminal is given back: normal screen, cursor shown, every mouse
    /// reporting mode off, and nothing of the viewer's screen in sight.
    pub fn assert_restored(&self, context: &str) {
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
            !screen.contains("hotspot") && !screen.contains(DIVIDER),
            "{context}: the viewer's screen is gone (it was on the alternate screen)\n{}",
            show(&screen)
        );
    }
}

impl Drop for Tmux {
    /// Kills what the pane runs (by process id), then the server, and removes its socket.
    /// Killing only the server is not enough: a viewer whose terminal is gone keeps running
    /// (see `descendants`), and one stopped by a failed job-control test would outlive it.
    fn drop(&mut self) {
        if let Some(root) = self
            .try_format("#{pane_pid}")
            .and_then(|pid| pid.trim().parse().ok())
        {
            for pid in descendants(root) {
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

// ---------------------------------------------------------------------------------------------
// The viewer in tmux

/// How long the viewer may take to show its first screen.
pub const START_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the viewer may take to react to a key or a resize.
pub const TIMEOUT: Duration = Duration::from_secs(5);
/// Whether the status bar's hotspot field `h` (`-/10`, `3/10`) counts the hotspots of a
/// compared pair (`-/…` while the first comparison runs).
pub fn compared(h: &str) -> bool {
    h.split_once('/')
        .is_some_and(|(_, n)| n.parse::<usize>().is_ok())
}

/// The session `s` of a `Tmux` runs the viewer, then prints `EXIT=<status>`.
impl Tmux {
    /// Starts the viewer with `args` in a `width`x`height` terminal and waits for its first
    /// screen with the pair compared (the status bar's `hotspot -/N`; `hotspot -/…` while
    /// the first comparison runs).
    #[track_caller]
    pub fn start_viewer(test: &str, size: (u16, u16), args: &[&str]) -> Tmux {
        let quoted: Vec<String> = args.iter().map(|a| shell_quote(a)).collect();
        Tmux::start_viewer_line(test, size, &quoted)
    }

    /// As `start_viewer`, with `words` put on the shell's command line as they are (quoted
    /// already, or a redirection).
    #[track_caller]
    pub fn start_viewer_line(test: &str, size: (u16, u16), words: &[String]) -> Tmux {
        Tmux::start_viewer_polling(test, size, words, Duration::from_millis(100))
    }

    /// As `start_viewer_line`, reading the screen every `poll` (from the first screen on), for
    /// tests that wait for hundreds of screens.
    #[track_caller]
    pub fn start_viewer_polling(
        test: &str,
        size: (u16, u16),
        words: &[String],
        poll: Duration,
    ) -> Tmux {
        let mut tmux = Tmux::new(test);
        tmux.poll = poll;
        let mut line = shell_quote(env!("CARGO_BIN_EXE_duizhao"));
        for word in words {
            line.push(' ');
            line.push_str(word);
        }
        line.push_str(" ; echo EXIT=$? ; sleep 30");
        tmux.new_session(size, &std::env::temp_dir(), &line, |_| {});
        tmux.wait(
            "the first screen (status bar `hotspot -/N`)",
            START_TIMEOUT,
            |s| match hotspot(s) {
                Some(h) if compared(h) => Ok(()),
                other => Err(format!("status bar hotspot field is {other:?}")),
            },
        );
        tmux
    }

    /// Waits for the divider to be where it belongs at `size` on every row; returns the screen.
    pub fn wait_divider(&self, size: (u16, u16)) -> String {
        let column = (size.0 - 1) / 2;
        self.wait(
            &format!("the divider in column {column} at {}x{}", size.0, size.1),
            TIMEOUT,
            |s| check_divider(s, size).map(|()| s.to_string()),
        )
    }

    /// Waits for the help box (a line that says `next / previous hotspot`).
    pub fn wait_help(&self) {
        self.wait("the help box", TIMEOUT, |s| {
            if s.lines().any(|l| l.contains("next / previous hotspot")) {
                Ok(())
            } else {
                Err("no line says `next / previous hotspot`".to_string())
            }
        });
    }

    /// Quits with `q` and checks the exit status and that the terminal was put back: normal
    /// screen, cursor shown, no mouse reporting, and nothing of the viewer left in sight.
    /// Call it at the size the session started with (see tmux/tmux#3510).
    pub fn quit(&self) {
        self.keys("q");
        let screen = self.wait("the viewer to exit after `q`", TIMEOUT, |s| {
            exit_line(s)
                .map(str::to_string)
                .ok_or_else(|| "no EXIT= line yet".to_string())
        });
        assert_eq!(
            screen,
            "EXIT=0",
            "exit status after `q`\n{}",
            show(&self.screen())
        );
        self.assert_restored("on exit after `q`");
    }
}

// ---------------------------------------------------------------------------------------------
// Processes

/// One process as `/proc/<pid>/stat` describes it.
pub struct Proc {
    pub parent: u32,
    pub name: String,
    pub state: char,
}

/// `/proc/<pid>/stat`, parsed; `None` once the process is gone.
pub fn proc_stat(pid: u32) -> Option<Proc> {
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

/// The processes descended from `root`, with their names, children before grandchildren;
/// an error when `/proc` cannot be read.
fn tree_under(root: u32) -> std::io::Result<Vec<(u32, String)>> {
    let mut children: HashMap<u32, Vec<(u32, String)>> = HashMap::new();
    for entry in std::fs::read_dir("/proc")?.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        if let Some(p) = proc_stat(pid) {
            children.entry(p.parent).or_default().push((pid, p.name));
        }
    }
    let (mut found, mut todo) = (Vec::<(u32, String)>::new(), vec![root]);
    while let Some(pid) = todo.pop() {
        for (child, name) in children.get(&pid).into_iter().flatten() {
            if !found.iter().any(|(p, _)| p == child) {
                found.push((*child, name.clone()));
                todo.push(*child);
            }
        }
    }
    Ok(found)
}

/// The processes descended from `root` (none when `/proc` cannot be read), children first.
///
/// When a test ends its tmux server is killed, and the pane's processes get a hangup. A
/// viewer whose terminal is gone cannot notice signals by itself (crossterm 0.29's
/// `event::poll` spins reading end-of-file); a watchdog thread ends it about a second later.
/// The pane's processes are killed by id first anyway, so that a failed test never leaves a
/// viewer spinning on a CPU, whatever the watchdog does.
pub fn descendants(root: u32) -> Vec<u32> {
    tree_under(root)
        .unwrap_or_default()
        .into_iter()
        .map(|(pid, _)| pid)
        .collect()
}

/// The `duizhao` processes among the descendants of `root`, in process id order.
pub fn viewers_under(root: u32) -> Vec<u32> {
    let mut found: Vec<u32> = tree_under(root)
        .expect("read /proc")
        .into_iter()
        .filter(|(_, name)| name == "duizhao")
        .map(|(pid, _)| pid)
        .collect();
    found.sort_unstable();
    found
}

// ---------------------------------------------------------------------------------------------
// Screens

/// The screen with row numbers, for failure messages. Characters a terminal would not show
/// (controls, bidi and zero-width characters, combining marks) are written as escapes
/// (`\u{1b}`); quotes and backslashes are left as they are.
pub fn show(screen: &str) -> String {
    let mut out = String::from("--- screen ---\n");
    for (i, row) in screen.lines().enumerate() {
        out.push_str(&format!("{i:>3}|"));
        for c in row.chars() {
            if matches!(c, '\'' | '"' | '\\') {
                out.push(c);
            } else {
                out.extend(c.escape_debug());
            }
        }
        out.push('\n');
    }
    out.push_str("--- end of screen ---");
    out
}

/// The `EXIT=<status>` line the shell prints once the viewer has exited.
pub fn exit_line(screen: &str) -> Option<&str> {
    screen
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("EXIT="))
}

/// The last row with anything on it, trimmed: the viewer's status bar, or a shell's prompt.
pub fn last_row(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

/// The `I/N` of the viewer's status bar `hotspot I/N`.
pub fn hotspot(screen: &str) -> Option<&str> {
    let mut words = last_row(screen).split_whitespace();
    (words.next() == Some("hotspot"))
        .then(|| words.next())
        .flatten()
}

/// The display column of the first divider in `row`.
pub fn divider_column(row: &str) -> Option<usize> {
    let mut column = 0;
    for c in row.chars() {
        if c == DIVIDER {
            return Some(column);
        }
        column += c.width().unwrap_or(0);
    }
    None
}

/// Checks a `width`x`height` screen: as many rows as the terminal, none wider than it, and
/// the divider in column `(width - 1) / 2` on the header and every text row (all rows but the
/// status bar).
pub fn check_divider(screen: &str, (width, height): (u16, u16)) -> Result<(), String> {
    let rows: Vec<&str> = screen.lines().collect();
    if rows.len() != height as usize {
        return Err(format!("{} rows captured, expected {height}", rows.len()));
    }
    let expected = (width as usize - 1) / 2;
    for (i, row) in rows.iter().enumerate().take(rows.len() - 1) {
        let w = row.width();
        if w > width as usize {
            return Err(format!("row {i} is {w} columns wide, more than {width}"));
        }
        let column = divider_column(row);
        if column != Some(expected) {
            return Err(format!(
                "row {i}: divider at column {column:?}, expected {expected}"
            ));
        }
    }
    Ok(())
}

/// The text of each pane, its rows trimmed and joined (header and status bar left out).
pub fn pane_texts(screen: &str) -> (String, String) {
    let rows: Vec<&str> = screen.lines().collect();
    let (mut left, mut right) = (String::new(), String::new());
    for row in rows.iter().take(rows.len().saturating_sub(1)).skip(1) {
        if let Some((l, r)) = row.split_once(DIVIDER) {
            left.push_str(l.trim_end());
            right.push_str(r.trim_end());
        }
    }
    (left, right)
}

/// A small deterministic generator (xorshift64*), so that a failing run can be replayed.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `base` with random edits applied: for each `(at, op, piece)`, insert the piece (`op` 0),
/// remove the piece at `at` (1) or replace it (2); past the end, append. Property tests use it
/// to make a variant that shares most of its text with the original.
pub fn edited<T: Clone>(base: &[T], edits: &[(proptest::sample::Index, u8, T)]) -> Vec<T> {
    let mut other = base.to_vec();
    for (at, op, p) in edits {
        let i = at.index(other.len() + 1);
        match op {
            0 => other.insert(i, p.clone()),
            1 if i < other.len() => {
                other.remove(i);
            }
            _ if i < other.len() => other[i] = p.clone(),
            _ => other.push(p.clone()),
        }
    }
    other
}

/// One cell of a `capture-pane -e` screen: its glyph, the column it starts in, and its
/// background (a palette index, or 256 for any RGB colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StyledCell {
    pub glyph: char,
    pub column: usize,
    pub background: Option<u16>,
}

/// The rows of a `capture-pane -e` screen as cells, columns counted by display width (wide
/// characters take two).
pub fn styled_cells(styled: &str) -> Vec<Vec<StyledCell>> {
    let widths = duizhao::text::width::Widths::default();
    let mut rows = Vec::new();
    let mut background = None;
    for line in styled.split('\n') {
        let mut row = Vec::new();
        let mut column = 0;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' && chars.peek() == Some(&'[') {
                chars.next();
                let mut params = String::new();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if ('\x40'..='\x7e').contains(&d) {
                        last = d;
                        break;
                    }
                    params.push(d);
                }
                if last == 'm' {
                    background = sgr_background(&params, background);
                }
                continue;
            }
            row.push(StyledCell {
                glyph: c,
                column,
                background,
            });
            column += widths.str(c.encode_utf8(&mut [0; 4]));
        }
        rows.push(row);
    }
    rows
}

/// The background after an SGR sequence with `params`: a palette index, or 256 for any RGB
/// colour.
pub fn sgr_background(params: &str, mut background: Option<u16>) -> Option<u16> {
    let p: Vec<u16> = params
        .split([';', ':'])
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            0 | 49 => background = None,
            n @ 40..=47 => background = Some(n - 40),
            n @ 100..=107 => background = Some(n - 100 + 8),
            n @ (38 | 48) => {
                let (value, used) = match p.get(i + 1) {
                    Some(5) => (p.get(i + 2).copied(), 2),
                    Some(2) => (Some(256), 4),
                    _ => (None, 0),
                };
                if n == 48 {
                    background = value;
                }
                i += used;
            }
            _ => {}
        }
        i += 1;
    }
    background
}

/// What one pane shows on a background: the text (white space left out) and the first row
/// it is on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OnBackground {
    pub text: String,
    pub first_row: Option<usize>,
}

/// The text drawn on palette background `index` in each pane of a `capture-pane -e` screen,
/// the panes split at the divider column `divider` (status bar and header rows included).
pub fn drawn_on_sides(
    styled: &str,
    index: u16,
    divider: usize,
) -> duizhao::pair::Pair<OnBackground> {
    let mut out = duizhao::pair::Pair::<OnBackground>::default();
    for (y, row) in styled_cells(styled).iter().enumerate() {
        for cell in row {
            if cell.background != Some(index) || cell.glyph.is_whitespace() {
                continue;
            }
            let pane = if cell.column < divider {
                &mut out.left
            } else if cell.column > divider {
                &mut out.right
            } else {
                continue;
            };
            pane.text.push(cell.glyph);
            pane.first_row.get_or_insert(y);
        }
    }
    out
}

// Git repositories for the tests of texts kept in git (tests/it/git.rs, tests/tmux/tmux_git.rs).

/// The Korean revisions of the shared corpus, in date order (their names carry the date).
pub fn korean_revisions() -> Vec<PathBuf> {
    let dir = duizhao::testkit::corpus("ko_md");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the shared corpus's ko_md")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "ko_md has its revisions");
    files
}

/// `git` run in `dir`, with no system or user configuration (`HOME` is `dir`).
pub fn git_command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    cmd
}

/// Runs `cmd` (a [`git_command`]), which must succeed; its standard output.
fn git_output(cmd: &mut Command) -> String {
    let out = cmd.output().expect("git runs");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("git's output is UTF-8")
        .trim_end()
        .to_string()
}

/// Runs git in `dir`; its standard output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_output(git_command(dir).args(args))
}

/// A repository with each Korean revision committed as `ch09.md` (dated a month apart), then
/// the file renamed to `errors.md` (a commit of its own), then the first revision's text
/// committed again as `errors.md`. Returns the repository's directory.
pub fn korean_repository(test: &str) -> TempDir {
    let dir = TempDir::new(test);
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["config", "user.email", "test@example.com"]);
    git(root, &["config", "user.name", "Test"]);
    git(root, &["config", "core.pager", "cat"]);
    let files = korean_revisions();
    let commit = |message: &str, month: usize| {
        let date = format!("2023-{month:02}-15T12:00:00");
        git_output(
            git_command(root)
                .args(["commit", "-q", "-m", message, "--date", &date])
                .env("GIT_COMMITTER_DATE", &date),
        );
    };
    for (k, file) in files.iter().enumerate() {
        std::fs::copy(file, root.join("ch09.md")).expect("copy a revision");
        git(root, &["add", "ch09.md"]);
        commit(&format!("revision {k}"), k + 1);
    }
    git(root, &["mv", "ch09.md", "errors.md"]);
    commit("rename", files.len() + 1);
    std::fs::copy(&files[0], root.join("errors.md")).expect("copy");
    git(root, &["add", "errors.md"]);
    commit("back to the first text", files.len() + 2);
    dir
}
