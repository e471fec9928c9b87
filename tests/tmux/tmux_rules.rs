//! House style in the real binary, in tmux (issue 25), on 红楼梦 tennessine vs eacontang-cgb
//! at 120x40: the list `l` shows the top pattern as one row `， → 、 ×N punctuation`; `H` on a
//! hotspot of it lowers the status bar's total by the number of hotspots with those readings
//! either way round; with `--rules FILE` (not there before) the file then holds the rule, and
//! a second run starts with them hidden. Every figure expected comes from the binary's JSON
//! report, counted here.

use crate::common;

use common::{START_TIMEOUT, TIMEOUT, TempDir, Tmux, compared, duizhao, hotspot, path_arg, show};
use serde_json::Value;
use std::path::Path;

const SIZE: (u16, u16) = (120, 40);

/// The viewer on `args` with `XDG_CONFIG_HOME` in `home` (no rules there), at its first screen.
fn viewer(test: &str, home: &Path, args: &[String]) -> Tmux {
    let mut tmux = Tmux::new(test);
    let mut line = common::shell_quote(env!("CARGO_BIN_EXE_duizhao"));
    for a in args {
        line.push(' ');
        line.push_str(&common::shell_quote(a));
    }
    line.push_str(" ; echo EXIT=$? ; sleep 30");
    let config = home.join("config");
    tmux.new_session(SIZE, home, &line, |cmd| {
        cmd.env("XDG_CONFIG_HOME", &config);
    });
    tmux.wait("the first screen", START_TIMEOUT, |s| match hotspot(s) {
        Some(h) if compared(h) => Ok(()),
        other => Err(format!("status bar hotspot field is {other:?}")),
    });
    tmux
}

#[test]
fn h_hides_a_pattern_and_the_rules_file_keeps_it() {
    let home = TempDir::new("tmux-rules");
    let dir = duizhao::testkit::corpus("hongloumeng");
    let books = ["tennessine.txt", "eacontang-cgb.txt"].map(|f| path_arg(&dir.join(f)).to_string());
    let out = duizhao(home.path(), &["--report", "json", &books[0], &books[1]]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let hotspots = json["hotspots"].as_array().expect("hotspots");
    let top = &json["patterns"][0];
    let (l, r) = (
        top["left"].as_str().unwrap_or(""),
        top["right"].as_str().unwrap_or(""),
    );
    let count = top["count"].as_u64().expect("count");
    let text = |h: &Value, side: &str| h[side]["text"].as_str().unwrap_or("").to_string();
    let either = |h: &&Value| {
        let (x, y) = (text(h, "left"), text(h, "right"));
        (x == l && y == r) || (x == r && y == l)
    };
    let hidden = hotspots.iter().filter(either).count();
    let first = hotspots
        .iter()
        .position(|h| text(h, "left") == l && text(h, "right") == r)
        .expect("a hotspot of the top pattern")
        + 1;
    let n = hotspots.len();
    let rules = home.path().join("rules.toml");
    let mut args = vec!["--rules".to_string(), path_arg(&rules).to_string()];
    args.extend(books.iter().cloned());

    let tmux = viewer("rules-h", home.path(), &args);
    // The list shows the pattern as one row.
    tmux.keys("l");
    let row = format!("{l} → {r} ×{count} punctuation");
    tmux.wait_text(&row, TIMEOUT);
    tmux.press("Escape");
    // Closed before `:` is typed: an Escape and a `:` that reach the terminal together read
    // as Alt-:, and the `:#N` would filter the list.
    tmux.wait_gone(&row, TIMEOUT);
    tmux.keys(&format!(":#{first}"));
    tmux.press("Enter");
    tmux.wait_hotspot(&format!("{first}/{n}"), TIMEOUT);
    tmux.keys("H");
    let screen = tmux.wait_status(&format!("hid {hidden} like"), TIMEOUT);
    assert_eq!(
        hotspot(&screen),
        Some(format!("-/{}", n - hidden).as_str()),
        "{}",
        show(&screen)
    );
    tmux.keys("q");
    tmux.wait_text("EXIT=0", TIMEOUT);
    let saved = std::fs::read_to_string(&rules).expect("the rules file was made");
    assert!(
        saved.contains(&format!("left = {l:?}")) && saved.contains(&format!("right = {r:?}")),
        "{saved}"
    );
    drop(tmux);

    // A second run starts with them hidden.
    let again = viewer("rules-again", home.path(), &args);
    let screen = again.screen();
    assert_eq!(
        hotspot(&screen),
        Some(format!("-/{}", n - hidden).as_str()),
        "{}",
        show(&screen)
    );
}
