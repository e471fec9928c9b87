//! The hostile corpus in `tests/hostile/`: one short news article with terminal escape
//! sequences (CSI, OSC title, OSC 52 clipboard), C1 controls, bidi overrides, zero-width
//! characters, line and paragraph separators, emoji sequences, combining marks, tabs and bare
//! CRs, broken UTF-8, an empty file, and the same article in GB18030, UTF-16LE/BE and CRLF
//! (`tests/hostile/generate.py` wrote them once). A 2,000,000-character single line is built
//! at run time.
//!
//! * every file, on either side or both, drawn at 80x24 and 160x48 at several scroll positions:
//!   no cell holds a control, bidi or zero-width character (a ZWJ only inside an emoji
//!   sequence), the divider stays in its column, and the hidden characters are shown (`␛`,
//!   `⟨U+202E⟩`), not dropped; a hostile file name and search query likewise;
//! * the JSON and Markdown reports carry no such raw character either, and lose none;
//! * the re-encoded copies read the same as the UTF-8 article;
//! * an invisible difference (zero-width characters) is a hotspot covering them;
//! * in tmux, viewing the hostile files changes no pane title, sets no clipboard buffer, clears
//!   no screen and keeps the viewer's frame; a self-check proves those probes see the raw files
//!   doing exactly that;
//! * a file of control characters without a NUL byte is refused as binary.

use crate::common;

use common::{
    TempDir, Tmux, check_divider, duizhao, hotspot, pane_texts, path_arg, shell_quote, show,
};
use duizhao::pair::Pair;
use duizhao::source::error::Binary;
use duizhao::source::{ErrorKind, Source, load_all};
use duizhao::testkit::{divider_column_by_rule, row_text, screen};
use duizhao::text::width::Widths;
use duizhao::viewer::app::App;
use duizhao::viewer::keys::{Input, Key};
use duizhao::viewer::theme::Theme;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

/// The plain article every hostile file is made from.
const ARTICLE: &str = "article_utf8.txt";
/// Every file of the corpus (`generate.py` aside).
const CORPUS: [&str; 18] = [
    "article_utf8.txt",
    "bidi.txt",
    "broken_utf8.txt",
    "c1.txt",
    "combining.txt",
    "crlf.txt",
    "csi.txt",
    "emoji_zwj.txt",
    "empty.txt",
    "gb18030.txt",
    "osc52.txt",
    "osc_title.txt",
    "separators.txt",
    "tabs_cr.txt",
    "utf16be.txt",
    "utf16le.txt",
    "zero_width.txt",
    "generate.py",
];
/// Length of the generated single line.
const LONG_LINE_CHARS: usize = 2_000_000;
/// The terminal sizes every file is drawn at.
const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];
/// The last words of the article: on screen once the viewer has scrolled to the end.
const ARTICLE_END: &str = "坚持促进世界稳定和繁荣。";

// ---------------------------------------------------------------------------------------------
// Files

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name)
}

/// Loads one file through `load_all`, as the command line does; decoding must succeed.
fn load(path: &Path) -> Source {
    let mut sources = load_all(&[path_arg(path).to_string()])
        .unwrap_or_else(|e| panic!("{}: does not load: {e}", path.display()));
    assert_eq!(sources.len(), 1, "{}: one source", path.display());
    sources.remove(0)
}

/// The article with its line breaks removed, repeated to exactly `LONG_LINE_CHARS`
/// characters, each copy led by an escape sequence and a right-to-left override.
fn long_line() -> String {
    let article = std::fs::read_to_string(corpus(ARTICLE)).expect("read the article");
    let copy = format!("\u{1b}[2J\u{202e}{}", article.replace('\n', ""));
    copy.chars().cycle().take(LONG_LINE_CHARS).collect()
}

// ---------------------------------------------------------------------------------------------
// What may not be printed raw

/// Why `c` must never reach a terminal or a report raw, or `None` when it may. U+200D (ZWJ)
/// is listed here; a cell may still hold it inside an emoji sequence (see `cell_problem`).
fn hidden_kind(c: char) -> Option<&'static str> {
    match c {
        '\u{1b}' => Some("ESC"),
        c if c.is_control() => Some("a control character"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            Some("a bidi control")
        }
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{180e}' => {
            Some("a zero-width character")
        }
        '\u{e0000}'..='\u{e007f}' => Some("a tag character"),
        // Invisible, and terminals draw nothing for them (glibc's wcwidth is -1).
        '\u{2028}' | '\u{2029}' => Some("a line or paragraph separator"),
        _ => None,
    }
}

/// Whether `c` is drawn as a picture (emoji and pictographic symbols).
fn is_pictographic(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2190..=0x2BFF)
}

/// What is wrong with a cell's symbol, if anything: a hidden character, or a ZWJ that is not
/// between two visible characters of an emoji sequence.
fn cell_problem(symbol: &str) -> Option<String> {
    let chars: Vec<char> = symbol.chars().collect();
    let emoji = chars.iter().any(|&c| is_pictographic(c));
    for (i, &c) in chars.iter().enumerate() {
        let Some(kind) = hidden_kind(c) else {
            continue;
        };
        if c == '\u{200d}' {
            let visible = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|&n| hidden_kind(n).is_none())
            };
            if emoji && visible(i.checked_sub(1)) && visible(Some(i + 1)) {
                continue;
            }
            return Some(format!(
                "U+200D (ZWJ) at char {i} outside an emoji sequence"
            ));
        }
        return Some(format!("U+{:04X} ({kind}) at char {i}", c as u32));
    }
    None
}

/// The first hidden character printed raw in report output (line breaks allowed).
fn output_problem(output: &str) -> Option<String> {
    output.lines().enumerate().find_map(|(n, line)| {
        line.char_indices().find_map(|(i, c)| {
            hidden_kind(c).map(|kind| {
                format!(
                    "line {}: raw U+{:04X} ({kind}) at byte {i}: {:?}",
                    n + 1,
                    c as u32,
                    line.chars().take(120).collect::<String>()
                )
            })
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Screens

/// A rendered screen, read back as text.
struct Shot {
    /// Where the screen was taken, for failure messages.
    label: String,
    /// Every row, one symbol per drawn glyph (the cells a wide glyph covers left out).
    rows: Vec<String>,
    /// Each pane's text rows, trailing blanks trimmed, joined.
    panes: [String; 2],
    /// Every distinct cell symbol.
    symbols: BTreeSet<String>,
}

/// The screen with row numbers and every hidden character escaped, for failure messages.
fn dump(rows: &[String]) -> String {
    let mut out = String::from("--- screen ---\n");
    for (y, row) in rows.iter().enumerate() {
        out.push_str(&format!("{y:>3}|{}\n", row.escape_debug()));
    }
    out.push_str("--- end of screen ---");
    out
}

/// Renders `app` in its terminal size and checks every cell and the divider column; returns
/// the screen as text, or what is wrong with it.
fn shoot(app: &App, label: &str) -> Result<Shot, String> {
    shoot_checked(app, label, true)
}

/// As `shoot`; `divider` says whether the divider must be whole (not with a box open).
fn shoot_checked(app: &App, label: &str, divider: bool) -> Result<Shot, String> {
    let (w, h) = (app.screen.area.width, app.screen.area.height);
    let buf = screen(app, Theme::COLOR);
    let rows: Vec<String> = (0..h).map(|y| row_text(&buf, y, 0..w)).collect();
    let label = format!("{label}, top row {}", app.top);
    for y in 0..h {
        for x in 0..w {
            let symbol = buf[(x, y)].symbol();
            if let Some(problem) = cell_problem(symbol) {
                return Err(format!(
                    "{label}: cell (x {x}, y {y}) holds {symbol:?}: {problem}\nrow {y}: {:?}\n{}",
                    rows[y as usize],
                    dump(&rows)
                ));
            }
        }
    }
    let x_div = divider_column_by_rule(w, app.widths.ambiguous_wide);
    for y in (0..h - 1).filter(|_| divider) {
        let symbol = buf[(x_div, y)].symbol();
        if symbol != "│" {
            return Err(format!(
                "{label}: row {y} has {symbol:?} in the divider column {x_div}, not │\n{}",
                dump(&rows)
            ));
        }
    }
    let status = &rows[h as usize - 1];
    if !status.contains("hotspot ") {
        return Err(format!(
            "{label}: no `hotspot ` in the status bar {status:?}\n{}",
            dump(&rows)
        ));
    }
    let pane = |xs: std::ops::Range<u16>| {
        (1..h - 1)
            .map(|y| row_text(&buf, y, xs.clone()).trim_end().to_string())
            .collect::<String>()
    };
    let symbols = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    Ok(Shot {
        label,
        panes: [pane(0..x_div), pane(x_div + 1..w)],
        rows,
        symbols,
    })
}

fn press(app: &mut App, key: Key) {
    app.update(Input::Key(key));
}

/// Screens of `app`: the one it shows now; with `sweep`, the top and every page down to the
/// end; then five hotspots in turn (`n`) and the bottom (`G`).
fn screens(app: &mut App, label: &str, sweep: bool) -> Result<Vec<Shot>, String> {
    let mut shots = vec![shoot(app, &format!("{label}, as shown"))?];
    if sweep {
        press(app, Key::Char('g'));
        shots.push(shoot(app, &format!("{label}, after g"))?);
        for page in 1..=500 {
            let before = app.top;
            press(app, Key::PageDown);
            if app.top == before {
                break;
            }
            shots.push(shoot(app, &format!("{label}, page {page}"))?);
        }
        press(app, Key::Char('g'));
    }
    for i in 1..=5 {
        press(app, Key::Char('n'));
        let status = app.hotspot_status();
        shots.push(shoot(app, &format!("{label}, after n x{i} ({status})"))?);
    }
    press(app, Key::Char('G'));
    shots.push(shoot(app, &format!("{label}, after G"))?);
    Ok(shots)
}

/// Something that must be on screen somewhere.
#[derive(Debug, Clone, Copy)]
enum Seen {
    /// Text in a pane (rows joined, so it may wrap).
    Text(&'static str),
    /// Text in one whole row (headers, status bar).
    Row(&'static str),
    /// A cell whose symbol is exactly this grapheme.
    Cell(&'static str),
    /// Text that must be nowhere on any screen.
    Absent(&'static str),
}

/// What each file must show: its hidden characters as visible stand-ins, its graphemes whole.
fn expected(name: &str) -> Vec<Seen> {
    use Seen::*;
    match name {
        "article_utf8.txt" => vec![Text("据新华社电"), Text(ARTICLE_END)],
        "csi.txt" => vec![
            Cell("␛"),
            Text("␛[2J␛[H清屏"),
            Text("␛[31m红色␛[0m"),
            Text("␛[?1049l离开备用屏幕"),
            Text("␛[3J清除历史"),
            Text("␛[5A␛[10;10H␛[2K光标移动"),
        ],
        "osc_title.txt" => vec![
            Text("␛]0;PWNED-TITLE␇标题"),
            Text("␛]2;PWNED2␛\\窗口"),
            Text("␛]1;PWNED-ICON␇"),
        ],
        "osc52.txt" => vec![
            Text("␛]52;c;UFdORUQtQ0xJUEJPQVJE␇剪贴板"),
            Text("␛]52;c;UFdORUQtQ0xJUEJPQVJE␛\\复制"),
        ],
        "c1.txt" => vec![
            Text("⟨U+009B⟩2J清屏"),
            Text("⟨U+009D⟩0;PWNED⟨U+009C⟩标题"),
            Text("换⟨U+0085⟩行"),
            Text("⟨U+0090⟩设备控制⟨U+009C⟩"),
        ],
        "bidi.txt" => vec![
            Text("权限⟨U+202E⟩用户管理员⟨U+202C⟩检查"),
            Text("⟨U+202A⟩左到右⟨U+202C⟩与⟨U+202B⟩右到左⟨U+202C⟩"),
            Text("\"user⟨U+202E⟩"),
            Text("⟨U+2066⟩//"),
            Text("admin⟨U+2069⟩"),
            Text("⟨U+2066⟩\")"),
            Text("⟨U+202D⟩强制左到右⟨U+202C⟩"),
            Text("⟨U+2067⟩右隔离⟨U+2069⟩⟨U+2068⟩首强隔离⟨U+2069⟩"),
        ],
        "zero_width.txt" => vec![
            Text("北⟨U+200B⟩京"),
            Text("外⟨U+200C⟩事"),
            Text("工⟨U+200D⟩作"),
            Text("会⟨U+2060⟩议"),
            Text("pass⟨U+FEFF⟩word"),
        ],
        "emoji_zwj.txt" => vec![
            Cell("👨\u{200d}👩\u{200d}👧"),
            Cell("🏳\u{fe0f}\u{200d}🌈"),
            Cell("🇨🇳"),
            Cell("🇫🇷"),
            Cell("🇯🇵"),
            Cell("👍🏽"),
            Cell("👋🏿"),
            Cell("❤\u{fe0f}"),
            Cell("1\u{fe0f}\u{20e3}"),
            Cell("❤\u{fe0f}\u{200d}🔥"),
            // Tag characters (used to smuggle text invisibly) are shown even in a flag.
            Text("⟨U+E0067⟩⟨U+E0062⟩⟨U+E0065⟩⟨U+E006E⟩⟨U+E0067⟩⟨U+E007F⟩"),
            // A dangling joiner joins nothing: it is shown.
            Text("👩⟨U+200D⟩中"),
        ],
        "combining.txt" => vec![
            Cell("e\u{301}"),
            Text("Cafe\u{301}与e\u{301}"),
            Cell("a\u{301}\u{308}\u{323}"),
            Cell("Z\u{300}\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}\u{309}"),
            // Marks at the start of a line have nothing to combine with: drawn on a circle.
            Cell("◌\u{301}\u{302}"),
            Cell("中\u{301}"),
        ],
        "separators.txt" => vec![
            Text("甲⟨U+2028⟩乙"),
            Text("段落⟨U+2029⟩分隔"),
            Text("abcdefghij⟨U+2028⟩abcdefghij"),
            Text("klmnopqrst⟨U+2029⟩uvwxyz"),
        ],
        "tabs_cr.txt" => vec![
            Text("abc␍def"),
            Text("前文␍后文"),
            Text("名称"),
            Text("数量"),
            Absent("␉"),
        ],
        "crlf.txt" => vec![Text("据新华社电"), Text(ARTICLE_END), Absent("␍")],
        "gb18030.txt" => vec![Row("GB18030"), Text("据新华社电"), Text(ARTICLE_END)],
        "utf16le.txt" => vec![Row("UTF-16LE"), Text("据新华社电"), Text(ARTICLE_END)],
        "utf16be.txt" => vec![Row("UTF-16BE"), Text("据新华社电"), Text(ARTICLE_END)],
        "broken_utf8.txt" => vec![
            Cell("\u{fffd}"),
            Row("2 invalid UTF-8 byte sequences replaced by U+FFFD"),
        ],
        "empty.txt" => vec![Row("empty.txt")],
        "long line" => vec![Cell("␛"), Text("␛[2J⟨U+202E⟩# 中央外事工作会议")],
        other => panic!("no expectations for {other}"),
    }
}

/// Checks that `shots` show everything `seen` asks for.
fn check_seen(shots: &[Shot], seen: &[Seen], what: &str) {
    let labels = || {
        shots
            .iter()
            .map(|s| format!("  {}", s.label))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for &s in seen {
        let found = match s {
            Seen::Text(t) => shots
                .iter()
                .any(|shot| shot.panes.iter().any(|p| p.contains(t))),
            Seen::Row(t) => shots
                .iter()
                .any(|shot| shot.rows.iter().any(|r| r.contains(t))),
            Seen::Cell(t) => shots.iter().any(|shot| shot.symbols.contains(t)),
            Seen::Absent(t) => {
                if let Some(shot) = shots
                    .iter()
                    .find(|shot| shot.rows.iter().any(|r| r.contains(t)))
                {
                    panic!(
                        "{what}: {t:?} is on screen ({}), it must not be\n{}",
                        shot.label,
                        dump(&shot.rows)
                    );
                }
                true
            }
        };
        if !found {
            let last = shots.last().map_or(String::new(), |shot| dump(&shot.rows));
            panic!(
                "{what}: {s:?} is on none of the screens:\n{}\nlast screen:\n{last}",
                labels()
            );
        }
    }
}

/// The three ways a hostile source is shown: on the right of the article, on the left, and
/// against itself.
#[derive(Debug, Clone, Copy)]
enum Arrangement {
    Right,
    Left,
    Both,
}

const ARRANGEMENTS: [Arrangement; 3] = [Arrangement::Right, Arrangement::Left, Arrangement::Both];

/// Opens the viewer on `hostile` arranged so at 80x24, then resizes it to 160x48 (the layout
/// is redone, the comparison kept), checking every screen at both sizes; then checks that the
/// screens showed everything `expected(name)` asks for.
fn check_screens(name: &str, hostile: &Source, arrangement: Arrangement, sweep: bool) {
    let article = load(&corpus(ARTICLE));
    let (sources, what) = match arrangement {
        Arrangement::Right => (vec![article, hostile.clone()], "article | hostile"),
        Arrangement::Left => (vec![hostile.clone(), article], "hostile | article"),
        Arrangement::Both => (vec![hostile.clone(), hostile.clone()], "hostile | hostile"),
    };
    let mut app = App::new(sources, Pair::new(0, 1), Widths::default(), SIZES[0]);
    let mut shots = Vec::new();
    for (i, size) in SIZES.into_iter().enumerate() {
        if i > 0 {
            app.update(Input::Resize(size.0, size.1));
        }
        let label = format!("{name}, {what}, {}x{}", size.0, size.1);
        match screens(&mut app, &label, sweep) {
            Ok(s) => shots.extend(s),
            Err(e) => panic!("{e}"),
        }
    }
    check_seen(&shots, &expected(name), &format!("{name}, {what}"));
}

fn check_corpus_file(name: &str) {
    let hostile = load(&corpus(name));
    if name == "broken_utf8.txt" {
        assert!(
            !hostile.warnings.is_empty(),
            "{name}: decoding broken UTF-8 gives a warning"
        );
    }
    for arrangement in ARRANGEMENTS {
        check_screens(name, &hostile, arrangement, true);
    }
}

macro_rules! screen_tests {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_corpus_file($file);
            }
        )*
    };
}

screen_tests! {
    screens_article => "article_utf8.txt",
    screens_csi => "csi.txt",
    screens_osc_title => "osc_title.txt",
    screens_osc52 => "osc52.txt",
    screens_c1 => "c1.txt",
    screens_bidi => "bidi.txt",
    screens_zero_width => "zero_width.txt",
    screens_emoji_zwj => "emoji_zwj.txt",
    screens_combining => "combining.txt",
    screens_empty => "empty.txt",
    screens_broken_utf8 => "broken_utf8.txt",
    screens_gb18030 => "gb18030.txt",
    screens_utf16le => "utf16le.txt",
    screens_utf16be => "utf16be.txt",
    screens_crlf => "crlf.txt",
    screens_tabs_cr => "tabs_cr.txt",
    screens_separators => "separators.txt",
}

/// The generated single line of `LONG_LINE_CHARS` characters, loaded from a file. Each
/// arrangement is its own test, so they run in parallel (laying out two million characters
/// takes seconds); the pages are not swept, only the hotspots and the bottom are visited.
fn check_long_line(arrangement: Arrangement) {
    let tmp = TempDir::new(&format!("long_line_{arrangement:?}"));
    let path = tmp.write("long_line.txt", long_line().as_bytes());
    let source = load(&path);
    assert_eq!(source.char_len(), LONG_LINE_CHARS);
    assert_eq!(source.line_count(), 1);
    check_screens("long line", &source, arrangement, false);
}

#[test]
fn screens_long_line_right() {
    check_long_line(Arrangement::Right);
}

#[test]
fn screens_long_line_left() {
    check_long_line(Arrangement::Left);
}

#[test]
fn screens_long_line_both() {
    check_long_line(Arrangement::Both);
}

/// A file name is untrusted too: in the headers, the status bar and the source picker it is
/// shown, not executed.
#[test]
fn hostile_file_name_is_shown_not_executed() {
    let tmp = TempDir::new("file_name");
    let name = "标题\u{1b}]0;PWNED\u{7}\u{202e}txt.\u{200b}md";
    let path = tmp.write(
        name,
        &std::fs::read(corpus("csi.txt")).expect("read csi.txt"),
    );
    let hostile = load(&path);
    assert_eq!(hostile.name, name);
    let article = load(&corpus(ARTICLE));
    let mut app = App::new(
        vec![article, hostile],
        Pair::new(0, 1),
        Widths::default(),
        SIZES[0],
    );
    let shown = "标题⟨U+001B⟩]0;PWNED⟨U+0007⟩⟨U+202E⟩txt.⟨U+200B⟩md";
    let mut shots = Vec::new();
    for size in SIZES {
        app.update(Input::Resize(size.0, size.1));
        let label = format!("file name, {}x{}", size.0, size.1);
        shots.push(shoot(&app, &label).unwrap_or_else(|e| panic!("{e}")));
        // The source picker for the right pane lists the name too.
        press(&mut app, Key::Tab);
        press(&mut app, Key::Char('s'));
        shots.push(
            shoot_checked(&app, &format!("{label}, picker"), false)
                .unwrap_or_else(|e| panic!("{e}")),
        );
        press(&mut app, Key::Esc);
        press(&mut app, Key::Tab);
    }
    let big = &shots[2];
    for (what, row) in [("header", 0), ("status bar", SIZES[1].1 as usize - 1)] {
        assert!(
            big.rows[row].contains(shown),
            "the {what} shows the name as {shown:?}\n{}",
            dump(&big.rows)
        );
    }
    assert!(
        shots[3].rows.iter().any(|r| r.contains(shown)),
        "the picker shows the name as {shown:?}\n{}",
        dump(&shots[3].rows)
    );

    for format in ["json", "markdown"] {
        let out = duizhao(
            tmp.path(),
            &["--report", format, path_arg(&corpus(ARTICLE)), name],
        );
        assert_eq!(out.status.code(), Some(0), "--report {format}: {out:?}");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        if let Some(problem) = output_problem(&stdout) {
            panic!("--report {format} with a hostile file name: {problem}");
        }
    }
}

/// A search query holding hidden characters (pasted) is shown escaped, and finds them.
#[test]
fn search_for_hidden_characters_is_shown_and_found() {
    let article = load(&corpus(ARTICLE));
    let hostile = load(&corpus("bidi.txt"));
    for size in SIZES {
        let mut app = App::new(
            vec![article.clone(), hostile.clone()],
            Pair::new(0, 1),
            Widths::default(),
            size,
        );
        press(&mut app, Key::Char('/'));
        for c in "\u{202e}用户".chars() {
            press(&mut app, Key::Char(c));
        }
        let label = format!("search, {}x{}", size.0, size.1);
        let typing = shoot(&app, &format!("{label}, typing")).unwrap_or_else(|e| panic!("{e}"));
        let status = &typing.rows[size.1 as usize - 1];
        assert!(
            status.contains("/⟨U+202E⟩用户"),
            "{label}: the query is shown escaped in the status bar: {status:?}"
        );
        press(&mut app, Key::Enter);
        assert_eq!(
            app.message.as_deref(),
            Some("match 1/1"),
            "{label}: the override is found once (bidi.txt, right)"
        );
        let found = shoot(&app, &format!("{label}, found")).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            found.panes[1].contains("权限⟨U+202E⟩用户"),
            "{label}: the match is on screen\n{}",
            dump(&found.rows)
        );
    }
}

/// The self-checks above must be able to fail.
#[test]
fn screen_checks_catch_hidden_characters() {
    assert_eq!(cell_problem("中"), None);
    assert_eq!(cell_problem("👨\u{200d}👩\u{200d}👧"), None);
    assert_eq!(cell_problem("🏳\u{fe0f}\u{200d}🌈"), None);
    assert_eq!(cell_problem("e\u{301}"), None);
    for bad in [
        "\u{1b}",
        "\r",
        "\u{7}",
        "\u{85}",
        "\u{9b}",
        "\u{202e}",
        "\u{2066}",
        "\u{200b}",
        "\u{200c}",
        "\u{2060}",
        "\u{feff}",
        "\u{e0067}",
        "\u{2028}",
        "a\u{200d}b",
        "👩\u{200d}",
        "\u{200d}👩",
        "中\u{200d}",
    ] {
        assert!(cell_problem(bad).is_some(), "{bad:?} passes");
    }
    assert!(output_problem("{\"a\":\"\\u001b\"}\n").is_none());
    assert!(output_problem("x\u{1b}[2J").is_some());
    assert!(output_problem("x\u{202e}").is_some());
}

#[test]
fn corpus_is_complete_and_small() {
    let dir = corpus("");
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .expect("read tests/hostile")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    found.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed, "tests/hostile holds exactly the corpus");
    for name in CORPUS {
        let len = std::fs::metadata(corpus(name)).expect("stat").len();
        assert!(len < 20 * 1024, "{name} is {len} bytes");
    }
    // The re-encoded copies are the article, byte for byte once decoded.
    let article = std::fs::read_to_string(corpus(ARTICLE)).expect("read the article");
    for name in ["gb18030.txt", "utf16le.txt", "utf16be.txt"] {
        let bytes = std::fs::read(corpus(name)).expect("read");
        let (encoding, text) = match name {
            "gb18030.txt" => (encoding_rs::GB18030, &bytes[..]),
            "utf16le.txt" => (encoding_rs::UTF_16LE, &bytes[2..]),
            _ => (encoding_rs::UTF_16BE, &bytes[2..]),
        };
        let (decoded, errors) = encoding.decode_without_bom_handling(text);
        assert!(!errors, "{name} decodes cleanly");
        assert_eq!(decoded, article, "{name} is the article");
    }
    let crlf = std::fs::read_to_string(corpus("crlf.txt")).expect("read");
    assert_eq!(crlf, article.replace('\n', "\r\n"));
}

// ---------------------------------------------------------------------------------------------
// Reports

/// Runs a report of the article against `name` with every class of hotspot shown (invisible
/// characters are a class the default filter hides and counts) and checks the run and its
/// stdout; returns stdout.
fn report(name: &str, format: &str) -> String {
    let cwd = corpus("");
    let out = duizhao(&cwd, &["--report", format, "--show", "all", ARTICLE, name]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "--report {format} {ARTICLE} {name}: stderr {stderr}"
    );
    let stdout = String::from_utf8(out.stdout)
        .unwrap_or_else(|e| panic!("--report {format} {name}: stdout is not UTF-8: {e}"));
    if let Some(problem) = output_problem(&stdout) {
        panic!("--report {format} {ARTICLE} {name}: {problem}");
    }
    stdout
}

/// The hidden characters of a file that a report must account for (white space, which the
/// comparison ignores, left out).
fn hidden_in(text: &str) -> BTreeSet<char> {
    text.chars()
        .filter(|&c| hidden_kind(c).is_some() && !c.is_whitespace())
        .collect()
}

/// The JSON and Markdown reports of the article against `name`: no raw hidden character in
/// either, and every hidden character of the file (white space aside) in a hotspot, escaped
/// as `\uXXXX` in the JSON and shown as `⟨U+XXXX⟩` in the Markdown.
fn check_reports(name: &str) {
    let hostile = load(&corpus(name));
    let hidden = hidden_in(&hostile.text);

    let stdout = report(name, "json");
    let v: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("--report json {name}: not JSON ({e}): {stdout}"));
    assert_eq!(v["right"]["name"], name, "--report json {name}");
    let texts: String = v["hotspots"]
        .as_array()
        .unwrap_or_else(|| panic!("--report json {name}: no hotspots array: {v}"))
        .iter()
        .map(|h| h["right"]["text"].as_str().unwrap_or_default())
        .collect();
    for &c in &hidden {
        assert!(
            texts.contains(c),
            "--report json {name}: U+{:04X} is in no hotspot text: {texts:?}",
            c as u32
        );
        let mut units = [0u16; 2];
        let escaped: String = c
            .encode_utf16(&mut units)
            .iter()
            .map(|u| format!("\\u{u:04x}"))
            .collect();
        assert!(
            stdout.contains(&escaped),
            "--report json {name}: U+{:04X} is not escaped as {escaped}",
            c as u32
        );
    }

    let markdown = report(name, "markdown");
    assert!(
        markdown.contains(&name.replace('_', "\\_")),
        "--report markdown {name}: the file is not named:\n{markdown}"
    );
    for &c in &hidden {
        let marker = format!("⟨U+{:04X}⟩", c as u32);
        assert!(
            markdown.contains(&marker),
            "--report markdown {name}: {marker} is not shown:\n{markdown}"
        );
    }
}

macro_rules! report_tests {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_reports($file);
            }
        )*
    };
}

report_tests! {
    reports_csi => "csi.txt",
    reports_osc_title => "osc_title.txt",
    reports_osc52 => "osc52.txt",
    reports_c1 => "c1.txt",
    reports_bidi => "bidi.txt",
    reports_zero_width => "zero_width.txt",
    reports_emoji_zwj => "emoji_zwj.txt",
    reports_combining => "combining.txt",
    reports_empty => "empty.txt",
    reports_broken_utf8 => "broken_utf8.txt",
    reports_gb18030 => "gb18030.txt",
    reports_utf16le => "utf16le.txt",
    reports_utf16be => "utf16be.txt",
    reports_crlf => "crlf.txt",
    reports_tabs_cr => "tabs_cr.txt",
    reports_separators => "separators.txt",
}

#[test]
fn reencoded_copies_read_the_same_as_the_article() {
    for (name, encoding) in [
        ("gb18030.txt", "GB18030"),
        ("utf16le.txt", "UTF-16LE"),
        ("utf16be.txt", "UTF-16BE"),
        ("crlf.txt", "UTF-8"),
    ] {
        let stdout = report(name, "json");
        let v: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {stdout}"));
        assert_eq!(v["left"]["encoding"], "UTF-8", "{name}: {v}");
        assert_eq!(v["right"]["encoding"], encoding, "{name}: {v}");
        assert_eq!(
            v["hotspots"].as_array().map(Vec::len),
            Some(0),
            "{name}: no hotspots: {v}"
        );
        assert_eq!(v["similarity"].as_f64(), Some(1.0), "{name}: {v}");
        assert_eq!(v["right"]["warnings"], serde_json::json!([]), "{name}: {v}");
    }
}

#[test]
fn zero_width_characters_make_a_hotspot_that_covers_them() {
    let hostile = load(&corpus("zero_width.txt"));
    let zero_width = |c: char| matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}');
    let plain: String = hostile.text.chars().filter(|&c| !zero_width(c)).collect();
    let offsets: Vec<usize> = hostile
        .text
        .chars()
        .enumerate()
        .filter(|&(_, c)| zero_width(c))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        offsets.len(),
        5,
        "the corpus file has five zero-width characters"
    );

    // The engine: every zero-width character inside a hotspot's span.
    let cmp = duizhao::engine::compare::compare(&plain, &hostile.text);
    assert!(
        !cmp.hotspots.is_empty(),
        "zero-width characters make no hotspot"
    );
    for &o in &offsets {
        assert!(
            cmp.hotspots.iter().any(|h| h.span.right.contains(&o)),
            "zero-width U+{:04X} at {o} is in no hotspot span: {:?}",
            hostile.text.chars().nth(o).map_or(0, |c| c as u32),
            cmp.hotspots.iter().map(|h| &h.span).collect::<Vec<_>>()
        );
    }
    assert!(
        duizhao::engine::compare::compare(&plain, &plain)
            .hotspots
            .is_empty(),
        "the text without them has no hotspot against itself"
    );

    // The report says the same.
    let tmp = TempDir::new("zero_width");
    let plain_path = tmp.write("plain.txt", plain.as_bytes());
    // By default the invisible class is hidden, and counted.
    let out = duizhao(
        &corpus(""),
        &["--report", "json", path_arg(&plain_path), "zero_width.txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(
        v["hidden"]["invisible"].as_u64().is_some_and(|n| n > 0),
        "the default report counts no hidden invisible hotspot: {}",
        v["hidden"]
    );
    let out = duizhao(
        &corpus(""),
        &[
            "--report",
            "json",
            "--show",
            "invisible",
            path_arg(&plain_path),
            "zero_width.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let spans: Vec<(u64, u64)> = v["hotspots"]
        .as_array()
        .expect("hotspots")
        .iter()
        .map(|h| {
            (
                h["right"]["start"].as_u64().expect("start"),
                h["right"]["end"].as_u64().expect("end"),
            )
        })
        .collect();
    for &o in &offsets {
        let o = o as u64;
        assert!(
            spans.iter().any(|&(s, e)| s <= o && o < e),
            "report: zero-width character at {o} is in no hotspot span {spans:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Not text

/// 400 bytes of C0 controls, none of them NUL, tab, line feed or carriage return.
fn controls() -> Vec<u8> {
    (1u8..0x20)
        .filter(|b| !matches!(b, b'\t' | b'\n' | b'\r'))
        .cycle()
        .take(400)
        .collect()
}

fn assert_binary_error(out: &Output, input: &str, reason: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{input}: stderr {stderr:?}");
    assert!(out.stdout.is_empty(), "{input}: stdout {:?}", out.stdout);
    assert_eq!(stderr.lines().count(), 1, "{input}: one line: {stderr:?}");
    assert!(stderr.starts_with("duizhao: "), "{input}: {stderr:?}");
    assert!(stderr.contains(input), "{input} not named: {stderr:?}");
    assert!(stderr.contains(reason), "{reason:?} not said: {stderr:?}");
    if let Some(problem) = output_problem(&stderr) {
        panic!("{input}: stderr {problem}");
    }
}

#[test]
fn mostly_control_characters_without_nul_are_binary() {
    let bytes = controls();
    assert!(!bytes.contains(&0) && bytes.len() == 400);
    let tmp = TempDir::new("controls");
    let dir = tmp.path().join("only_controls");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let file = dir.join("controls.txt");
    std::fs::write(&file, &bytes).expect("write");
    let article = corpus(ARTICLE);

    let e = load_all(&[path_arg(&file).to_string()]).expect_err("controls are not text");
    assert!(
        matches!(e.kind, ErrorKind::Binary(Binary::Controls { .. })),
        "{e}"
    );

    for args in [
        vec!["--report", "json", path_arg(&file), path_arg(&article)],
        vec!["--report", "markdown", path_arg(&article), path_arg(&file)],
        vec![path_arg(&file), path_arg(&article)],
    ] {
        let out = duizhao(tmp.path(), &args);
        assert_binary_error(&out, "controls.txt", "binary");
    }
    let out = duizhao(
        tmp.path(),
        &["--report", "json", path_arg(&dir), path_arg(&article)],
    );
    assert_binary_error(&out, "only_controls", "no text files");
}

// ---------------------------------------------------------------------------------------------
// tmux

/// How often the screen is read while waiting.
const POLL: Duration = Duration::from_millis(50);
/// How long anything may take to appear.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The pane title set before the viewer starts; it must survive it.
const KNOWN_TITLE: &str = "KNOWN-TITLE";
/// Printed on the normal screen before the viewer starts; it must survive it.
const BEFORE: &str = "BEFORE-MARKER";
/// The terminal size of the tmux sessions.
const TMUX_SIZE: (u16, u16) = (80, 24);

/// The session `s` of a `Tmux` prints `BEFORE-MARKER`, waits for `go`, runs a program, then
/// prints `EXIT=<status>`.
impl Tmux {
    /// Starts a detached session `s` running `program` (a shell command) after printing
    /// `BEFORE-MARKER` and before `EXIT=<status>`. The program waits until `go` is called, so
    /// the pane title, clipboard option and buffers can be set and checked first.
    fn start(test: &str, program: &str) -> Tmux {
        let mut tmux = Tmux::new(test);
        tmux.poll = POLL;
        let line = format!(
            "echo {BEFORE}; tmux -L {} wait-for go; {program}; echo EXIT=$?; sleep 30",
            tmux.socket()
        );
        tmux.new_session(TMUX_SIZE, &corpus(""), &line, |_| {});
        tmux.run(&["set-option", "-s", "set-clipboard", "on"]);
        tmux.run(&["select-pane", "-t", "s", "-T", KNOWN_TITLE]);
        assert_eq!(tmux.format("#{pane_title}"), KNOWN_TITLE, "pane title set");
        assert_eq!(tmux.buffers(), "", "no paste buffer before the test");
        tmux.wait(&format!("{BEFORE} on the screen"), TIMEOUT, |s| {
            s.contains(BEFORE).then_some(()).ok_or("not yet")
        });
        tmux
    }

    /// Lets the program run.
    fn go(&self) {
        self.run(&["wait-for", "-S", "go"]);
    }

    /// The paste buffers, one line each (empty when there are none).
    fn buffers(&self) -> String {
        self.run(&["list-buffers"])
    }
}

/// The viewer's own frame is intact: as many rows as the terminal, none wider than it, the
/// divider in its column on every row but the status bar, and the status bar on the last row.
fn frame_problem(screen: &str) -> Option<String> {
    if let Err(problem) = check_divider(screen, TMUX_SIZE) {
        return Some(problem);
    }
    if hotspot(screen).is_none() {
        return Some("no `hotspot I/N` status bar on the last row".to_string());
    }
    None
}

/// The text of each pane, its rows trimmed and joined, left then right on two lines (header and
/// status bar left out).
fn pane_text(screen: &str) -> String {
    let (left, right) = pane_texts(screen);
    format!("{left}\n{right}")
}

/// Views `name` against the article in tmux: hotspots, the bottom, quit; checks that the
/// terminal's title, clipboard and screen were not touched and that the hidden text showed.
fn view_in_tmux(test: &str, name: &str, visible: &str) {
    let program = format!(
        "{} {ARTICLE} {}",
        shell_quote(env!("CARGO_BIN_EXE_duizhao")),
        shell_quote(name)
    );
    let tmux = Tmux::start(test, &program);
    tmux.go();
    let first = tmux.wait(
        "the viewer's status bar `hotspot -/N`",
        TIMEOUT,
        |s| match hotspot(s) {
            Some(h) if h.starts_with("-/") && common::compared(h) => Ok(h.to_string()),
            _ => Err("no `hotspot -/` yet"),
        },
    );
    let total: usize = first[2..].parse().expect("hotspot count");
    assert!(
        total >= 2,
        "{name}: the hostile pieces are hotspots ({first})"
    );
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "the viewer is on the alternate screen"
    );

    let check = |screen: &str, when: &str| {
        if let Some(problem) = frame_problem(screen) {
            panic!(
                "{name}, {when}: the viewer's frame is broken: {problem}\n{}",
                show(screen)
            );
        }
        assert_eq!(
            tmux.format("#{pane_title}"),
            KNOWN_TITLE,
            "{name}, {when}: the pane title changed\n{}",
            show(screen)
        );
        assert_eq!(
            tmux.buffers(),
            "",
            "{name}, {when}: a paste buffer was set (OSC 52)\n{}",
            show(screen)
        );
        assert_eq!(
            tmux.format("#{alternate_on}"),
            "1",
            "{name}, {when}: the alternate screen was left\n{}",
            show(screen)
        );
    };
    let mut seen = String::new();
    for i in 1..=total.min(3) {
        tmux.keys("n");
        let expected = format!("{i}/{total}");
        let screen = tmux.wait(&format!("`hotspot {expected}`"), TIMEOUT, |s| {
            if hotspot(s) == Some(expected.as_str()) {
                Ok(s.to_string())
            } else {
                Err("not yet")
            }
        });
        check(&screen, &format!("after n x{i}"));
        seen.push_str(&pane_text(&screen));
    }
    tmux.keys("G");
    let screen = tmux.wait("the end of the article after `G`", TIMEOUT, |s| {
        if pane_text(s).contains(ARTICLE_END) {
            Ok(s.to_string())
        } else {
            Err("the article's last words are not on screen")
        }
    });
    // A barrier instead of a pause: the terminal acts on the viewer's output in order, so once
    // a later frame (the status message `c` asks for) is drawn, everything the frame after `G`
    // carried has been acted on, however slow the machine.
    tmux.keys("c");
    let screen_after = tmux.wait("the status message after `c`", TIMEOUT, |s| {
        if s.contains("mouse off") || s.contains("mouse on") {
            Ok(s.to_string())
        } else {
            Err("no mouse message yet")
        }
    });
    check(&screen_after, "after G");
    seen.push_str(&pane_text(&screen));
    assert!(
        seen.contains(visible),
        "{name}: {visible:?} was never on screen; last screen:\n{}",
        show(&screen_after)
    );

    tmux.keys("q");
    let screen = tmux.wait("`EXIT=` after `q`", TIMEOUT, |s| {
        if s.contains("EXIT=") {
            Ok(s.to_string())
        } else {
            Err("no EXIT= line yet")
        }
    });
    assert!(
        screen.lines().any(|l| l.trim() == "EXIT=0"),
        "{name}: exit status 0\n{}",
        show(&screen)
    );
    assert!(
        screen.lines().any(|l| l.trim() == BEFORE),
        "{name}: {BEFORE} is still on the normal screen\n{}",
        show(&screen)
    );
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "{name}: normal screen after q"
    );
    assert_eq!(
        tmux.format("#{pane_title}"),
        KNOWN_TITLE,
        "{name}: pane title after q"
    );
    assert_eq!(tmux.buffers(), "", "{name}: paste buffers after q");
}

#[test]
fn tmux_csi_does_not_reach_the_terminal() {
    view_in_tmux("csi", "csi.txt", "␛[2J␛[H清屏");
}

#[test]
fn tmux_osc_title_does_not_reach_the_terminal() {
    view_in_tmux("osc_title", "osc_title.txt", "␛]0;PWNED-TITLE␇");
}

#[test]
fn tmux_osc52_does_not_reach_the_terminal() {
    view_in_tmux("osc52", "osc52.txt", "␛]52;c;UFdORUQtQ0xJUEJPQVJE␇");
}

#[test]
fn tmux_c1_does_not_reach_the_terminal() {
    view_in_tmux("c1", "c1.txt", "⟨U+009B⟩2J清屏");
}

#[test]
fn tmux_bidi_does_not_reach_the_terminal() {
    view_in_tmux("bidi", "bidi.txt", "权限⟨U+202E⟩用户管理员⟨U+202C⟩检查");
}

/// U+2028 and U+2029 drawn raw take no column in the terminal while the layout gives them
/// one: the rest of the row, divider included, would shift left.
#[test]
fn tmux_separators_keep_the_frame() {
    view_in_tmux(
        "separators",
        "separators.txt",
        "abcdefghij⟨U+2028⟩abcdefghij",
    );
}

/// The probes above can fail: printed raw (`cat`), the same files do set the title, create a
/// paste buffer and clear the screen in this tmux.
#[test]
fn tmux_probes_see_raw_hostile_output() {
    let raw = |test: &str, name: &str| {
        let tmux = Tmux::start(test, &format!("cat {}", shell_quote(name)));
        tmux.go();
        // `EXIT=` is printed after cat's output: once it is drawn, tmux has acted on all of it.
        tmux.wait("`EXIT=` after cat", TIMEOUT, |s| {
            s.contains("EXIT=").then_some(()).ok_or("no EXIT= line yet")
        });
        tmux
    };

    let tmux = raw("probe_title", "osc_title.txt");
    assert_ne!(
        tmux.format("#{pane_title}"),
        KNOWN_TITLE,
        "printing osc_title.txt raw changes the pane title (else the probe sees nothing)"
    );

    let tmux = raw("probe_osc52", "osc52.txt");
    let buffers = tmux.buffers();
    assert!(
        !buffers.is_empty(),
        "printing osc52.txt raw sets a paste buffer (else the probe sees nothing)"
    );
    assert!(
        tmux.run(&["show-buffer"]).contains("PWNED-CLIPBOARD"),
        "the buffer holds the OSC 52 payload: {buffers}"
    );

    let tmux = raw("probe_csi", "csi.txt");
    let screen = tmux.screen();
    assert!(
        !screen.contains(BEFORE),
        "printing csi.txt raw clears the screen (else the probe sees nothing)\n{}",
        show(&screen)
    );
}

/// A file name with an OSC title sequence, given where an option is expected (as a shell glob
/// may expand it), is reported escaped on one line: the pane title stays as it was.
#[test]
fn tmux_hostile_argument_does_not_reach_the_terminal() {
    let program = format!(
        "{} \"$(printf '%s\\033]2;PWNED-TITLE\\007.txt' --x)\" y.txt",
        shell_quote(env!("CARGO_BIN_EXE_duizhao"))
    );
    let tmux = Tmux::start("hostile_argument", &program);
    tmux.go();
    // The shell prints EXIT= after the viewer's error line: once it shows, that line has been
    // through the terminal.
    let screen = tmux.wait("`EXIT=` after the argument error", TIMEOUT, |s| {
        s.contains("EXIT=")
            .then(|| s.to_string())
            .ok_or("no EXIT= line yet")
    });
    assert!(screen.contains("EXIT=2"), "{}", show(&screen));
    let errors: Vec<&str> = screen
        .lines()
        .filter(|l| l.starts_with("duizhao:"))
        .collect();
    assert_eq!(errors.len(), 1, "one error line\n{}", show(&screen));
    assert!(errors[0].contains("arguments:"), "{}", show(&screen));
    assert_eq!(
        tmux.format("#{pane_title}"),
        KNOWN_TITLE,
        "the pane title is untouched\n{}",
        show(&screen)
    );
}

/// Unassigned code points and noncharacters (no one knows their width on a terminal: none to
/// tmux, one to `unicode-width`) are drawn as `⟨U+XXXX⟩` markers, so every row keeps its
/// divider in the column the terminal width puts it, at an odd and an even width, and no cell
/// keeps text of an earlier frame.
#[test]
fn unassigned_code_points_are_markers_and_keep_the_divider() {
    let dir = TempDir::new("unassigned");
    let odd = "\u{378}\u{5FF}\u{FFFE}\u{FFFF}\u{10FFFF}";
    let a = format!("甲乙丙丁{odd}戊己庚辛，壬癸。\n第二行丁丁在此。\n");
    let b = format!("甲乙丙丁{odd}戊己庚辛，壬癸子。\n第二行在此。\n");
    let pa = dir.write("a.txt", a.as_bytes());
    let pb = dir.write("b.txt", b.as_bytes());
    for size in [(81, 24), (80, 24)] {
        let tmux = Tmux::start_viewer(
            &format!("unassigned-{}", size.0),
            size,
            &[path_arg(&pa), path_arg(&pb)],
        );
        // Scrolled down and back, so that a stale cell would show.
        tmux.keys("jk");
        let screen = tmux.wait("markers and the divider in place", common::TIMEOUT, |s| {
            check_divider(s, size)?;
            for m in ["⟨U+0378⟩", "⟨U+05FF⟩", "⟨U+FFFE⟩", "⟨U+FFFF⟩", "⟨U+10FFFF⟩"]
            {
                if !s.contains(m) {
                    return Err(format!("no {m}"));
                }
            }
            Ok(s.to_string())
        });
        let (_, right) = pane_texts(&screen);
        assert!(
            !right.contains("丁丁"),
            "the right pane shows text it does not have:\n{}",
            show(&screen)
        );
    }
}
