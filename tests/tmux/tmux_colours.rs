//! Colours in a real terminal: 24-bit colour only where `COLORTERM` says the terminal has it,
//! the theme file's colours used, and a theme file that cannot be used refused in one line
//! before the terminal is taken.

use crate::common;

use common::{START_TIMEOUT, TIMEOUT, TempDir, Tmux, compared, exit_line, hotspot, show};
use std::path::Path;

/// Runs the viewer on the samples in a 200x30 terminal whose environment has `XDG_CONFIG_HOME`
/// set to `config`, `TERM` to `term` and `COLORTERM` to `colorterm` (unset if `None`).
fn start(test: &str, config: &Path, term: &str, colorterm: Option<&str>) -> Tmux {
    let mut tmux = Tmux::new(test);
    let line = format!(
        "TERM={term} {} ; echo EXIT=$? ; sleep 30",
        common::shell_quote(env!("CARGO_BIN_EXE_duizhao"))
    );
    let config = config.to_path_buf();
    let colorterm = colorterm.map(str::to_string);
    tmux.new_session((200, 30), &std::env::temp_dir(), &line, |cmd| {
        cmd.env("XDG_CONFIG_HOME", &config);
        match &colorterm {
            Some(v) => cmd.env("COLORTERM", v),
            None => cmd.env_remove("COLORTERM"),
        };
    });
    tmux
}

fn wait_compared(tmux: &Tmux) {
    tmux.wait("the pair compared", START_TIMEOUT, |s| match hotspot(s) {
        Some(h) if compared(h) => Ok(()),
        other => Err(format!("hotspot field {other:?}")),
    });
}

#[test]
fn the_theme_file_colours_in_the_depth_the_terminal_has() {
    let dir = TempDir::new("theme");
    dir.write("duizhao/theme.toml", b"[colors]\ncurrent = \"#ff00ff\"\n");

    // 24-bit where the terminal says so: the current hotspot on the theme's #ff00ff.
    let tmux = start("truecolor", dir.path(), "xterm-256color", Some("truecolor"));
    wait_compared(&tmux);
    tmux.keys("n");
    tmux.wait_hotspot("1/10", TIMEOUT);
    let styled = tmux.styled_screen();
    assert!(
        styled.contains("48;2;255;0;255"),
        "the current hotspot on #ff00ff in 24-bit colour\n{styled}"
    );
    tmux.quit();
    drop(tmux);

    // `TERM=xterm` without COLORTERM: the 16 colours only (tmux writes them as `38;5;N` and
    // `48;5;N`, N below 16), no 24-bit sequence.
    let tmux = start("ansi16", dir.path(), "xterm", None);
    wait_compared(&tmux);
    tmux.keys("n");
    tmux.wait_hotspot("1/10", TIMEOUT);
    let styled = tmux.styled_screen();
    let indexed: Vec<u32> = styled
        .split("8;5;")
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect();
    assert!(
        !styled.contains("8;2;") && !indexed.is_empty() && indexed.iter().all(|&n| n < 16),
        "only the 16 colours: {indexed:?}\n{styled}"
    );
    // #ff00ff's nearest of the 16 is bright magenta (13).
    assert!(
        styled.contains("48;5;13m"),
        "the current hotspot on bright magenta\n{styled}"
    );
    tmux.quit();
}

#[test]
fn a_theme_file_that_cannot_be_used_is_refused_in_one_line() {
    let dir = TempDir::new("bad-theme");
    dir.write(
        "duizhao/theme.toml",
        b"[colors]\ncurrent = \"no such colour\"\n",
    );
    let tmux = start("bad-theme", dir.path(), "xterm", None);
    let screen = tmux.wait("the viewer to exit", TIMEOUT, |s| {
        exit_line(s).map(str::to_string).ok_or("still running")
    });
    assert_eq!(screen, "EXIT=2", "{}", show(&tmux.screen()));
    let shown = tmux.screen();
    let message: Vec<&str> = shown
        .lines()
        .filter(|l| l.starts_with("duizhao:"))
        .collect();
    assert_eq!(message.len(), 1, "{}", show(&shown));
    assert!(
        message[0].contains("theme.toml: not a theme: `current`: not a colour"),
        "{}",
        show(&shown)
    );
    tmux.assert_restored("after refusing the theme");
}

/// `y` writes the current hotspot to the clipboard as OSC 52: tmux (with `set-clipboard on`)
/// takes it into a paste buffer, which holds both readings and their contexts.
#[test]
fn y_copies_the_current_hotspot_through_osc52() {
    let dir = TempDir::new("copy");
    let tmux = start("copy", dir.path(), "xterm-256color", None);
    tmux.run(&["set-option", "-s", "set-clipboard", "on"]);
    wait_compared(&tmux);
    tmux.keys("nnnnn");
    tmux.wait_hotspot("5/10", TIMEOUT);
    tmux.keys("y");
    tmux.wait_status("copied hotspot 5/10", TIMEOUT);
    let buffer = tmux.wait("a paste buffer", TIMEOUT, |_| {
        let b = tmux.run(&["show-buffer"]);
        if b.is_empty() { Err("none yet") } else { Ok(b) }
    });
    assert!(buffer.starts_with("霸权 → 强权 (wording)\n"), "{buffer}");
    assert!(
        buffer.contains("一切【霸权】政治") && buffer.contains("一切【强权】政治"),
        "{buffer}"
    );
    tmux.quit();
}
