//! A moved passage in the real binary, in tmux: `n` visits it once and the variant inside it
//! right after, each place is marked with the line of the other (`⇣ moved to l.N`,
//! `⇡ moved from l.N`), `o` goes to the other place and back. The lines expected come from searching the two texts for the sentence, not from
//! the viewer.

use crate::common;

use common::{TIMEOUT, Tmux, hotspot, last_row, show};
use duizhao::testkit::corpus;

/// The moved sentence of 反垄断法 2007→2022 (from 第十三条 to an article of its own).
const SENTENCE: &str = "本法所称垄断协议，是指排除、限制竞争的协议、决定或者其他协同行为。";

/// The 1-based line of the first line of `path` holding `needle`.
fn line_with(path: &std::path::Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).expect("the corpus");
    text.lines()
        .position(|l| l.contains(needle))
        .expect("the sentence")
        + 1
}

#[test]
fn a_moved_sentence_is_one_stop_then_its_variant_marked_at_both_places_and_o_goes_between_them() {
    let (a, b) = (
        corpus("laws_zh/反垄断法(2007-08-30).md"),
        corpus("laws_zh/反垄断法(2022-06-24).md"),
    );
    let (la, lb) = (line_with(&a, SENTENCE), line_with(&b, SENTENCE));
    for size in [(80, 24), (121, 40)] {
        let tmux = Tmux::start_viewer(
            "moves",
            size,
            &[&a.display().to_string(), &b.display().to_string()],
        );
        let total: usize = hotspot(&tmux.screen())
            .and_then(|h| h.split_once('/')?.1.parse().ok())
            .expect("hotspot -/N");
        // Walk with `n` through every stop; the status bar tells of the move once, and of the
        // variant inside it (the new article's heading) right after it.
        let mut seen_move = Vec::new();
        let mut seen_inner = Vec::new();
        let mut previous = String::new();
        for k in 1..=total {
            tmux.keys("n");
            // The status bar at the next stop (a frame drawn on the way may show the last).
            let want = format!("{k}/{total}");
            let screen = tmux.wait("the next hotspot", TIMEOUT, |s| {
                if hotspot(s).is_some_and(|h| h == want && h != previous) {
                    Ok(s.to_string())
                } else {
                    Err(format!("not at {want} yet"))
                }
            });
            previous = want;
            let status = last_row(&screen);
            let number = hotspot(&screen).unwrap_or_default().to_string();
            if status.contains("inside moved l.") {
                seen_inner.push(number);
            } else if status.contains("moved l.") {
                seen_move.push(number);
            }
        }
        assert_eq!(seen_move.len(), 1, "the move is one stop: {seen_move:?}");
        let number = seen_move[0].clone();
        let n: usize = number
            .split('/')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("I/N");
        assert_eq!(
            seen_inner,
            [format!("{}/{total}", n + 1)],
            "its variant is the next stop"
        );
        // Back to it: the old place is in sight with its mark in the right pane.
        tmux.keys("g");
        tmux.keys(&"n".repeat(n));
        let at_move = tmux.wait_hotspot(&number, TIMEOUT);
        let status = last_row(&at_move);
        assert!(
            status.contains(&format!("moved l.{la} → l.{lb}")),
            "{}",
            show(&at_move)
        );
        // The first place `n` reaches comes first: its mark points down to the other; there,
        // the mark points up. Which place comes first depends on the rows, so either pair.
        let (to, from) = (format!("moved to l.{lb}"), format!("moved from l.{la}"));
        let (first, then) = if at_move.contains(&format!("⇣ {to}")) {
            (format!("⇣ {to}"), format!("⇡ {from}"))
        } else {
            (format!("⇣ {from}"), format!("⇡ {to}"))
        };
        assert!(
            at_move.contains(&first),
            "a mark at the first place\n{}",
            show(&at_move)
        );
        // `o`: the other place, the same stop; `o` again: back.
        tmux.keys("o");
        let other = tmux.wait("the other place", TIMEOUT, |s| {
            if s.contains(&then) && s != at_move {
                Ok(s.to_string())
            } else {
                Err(format!("no `{then}`"))
            }
        });
        assert_eq!(hotspot(&other), Some(number.as_str()), "{}", show(&other));
        tmux.keys("o");
        tmux.wait("back at the first place", TIMEOUT, |s| {
            if s.contains(&first) {
                Ok(())
            } else {
                Err(format!("no `{first}`"))
            }
        });
        tmux.quit();
    }
}
