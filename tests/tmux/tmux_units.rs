//! Every unit whole on screen (issue 24, the first "Done when"), read off the real binary in
//! tmux: the ten pairs of the bundled samples and a law revision from the shared corpus
//! (反垄断法 2007/2022), against expectations computed from the binary's JSON report of the
//! same pair and the source files, never from the layout:
//!
//! * a reading of at most 8 characters with no line break in it is on one row, on both sides
//!   (`short_readings_are_never_split_across_rows`);
//! * the first visible character after each hotspot is on one row on both sides
//!   (`the_text_after_each_hotspot_starts_on_one_row`);
//! * paging finds no row holding only one or two characters of a source line that continues
//!   on the next row, nor only the last one or two of a line that would fit in the pane
//!   (`paging_finds_no_orphaned_characters`).
//!
//! The first two walk every hotspot (`:#k`, k from 1 to the status bar's N) of every pair at
//! 80, 81, 120, 121, 160 and 200 columns, and of the law at 120x40; the third pages (PgDn and
//! space in turn) from the top to the end at 120x40 and 80x24. All three read one survey, made
//! once: one tmux session a pair, resized from size to size, two pairs at a time.
//!
//! How the screen is read: each pane's glyphs that stand for source characters (white space,
//! the padding hatch `╱`, the marks `‸` and `⏎` and a moved passage's `⇣ moved to l.N` left
//! out) are, in reading order, one stretch of the source's characters with its white space
//! left out. Finding that stretch in the source gives every glyph its source offset, so any
//! offset the report names is found on its screen row, whether or not its hotspot is the
//! current one (the layout does not depend on which hotspot is current). Where a pane's text
//! occurs more than once in the source, the status bar's `l.A:B` (the source line at the top
//! of each pane) picks the place; if that still leaves two, the pane decides nothing on that
//! screen. A reading is checked on the screens that show any of it (partly shown means split
//! by the screen's edge, so on two rows); the text after a hotspot on the screens that show
//! either side's next character (one shown and the other not means two rows). What the walk
//! leaves undecided, a pass of pages at the same size decides; what is still undecided then is
//! reported. The current hotspot's cells (yellow, the style carried across rows as tmux writes
//! only changes) must be a reading of the report, which checks the reading of the screen.
//!
//! Each test reports every violation it finds (pair, size, the report's hotspot number, the
//! `:#k` or page that showed it, the rows), not only the first. The last test runs the same
//! checks on hand-written screens, so that each can be seen to fail.

use crate::common;

use common::{
    StyledCell, TIMEOUT, Tmux, check_divider, exit_line, hotspot, last_row, shell_quote, show,
    styled_cells,
};
use duizhao::testkit::{corpus, divider_column_by_rule};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

/// The sizes every hotspot of the samples is walked at.
const WALK_SIZES: [(u16, u16); 6] = [
    (80, 24),
    (81, 24),
    (120, 40),
    (121, 40),
    (160, 48),
    (200, 60),
];
/// The size the law revision's hotspots are walked at.
const LAW_SIZE: (u16, u16) = (120, 40);
/// The sizes the pairs are paged through at.
const PAGE_SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];
/// The longest reading (in characters, white space at its ends left out) that must stay on
/// one row.
const SHORT: usize = 8;
/// The palette index of yellow, the background of the current hotspot.
const YELLOW: u16 = 3;
/// Glyphs the viewer draws that stand for no source character: the insertion mark, the soft
/// break mark, the padding hatch, and the arrows that begin a moved passage's note (the note
/// is left out to its row's end).
const MARKS: [char; 5] = ['‸', '⏎', '╱', '⇣', '⇡'];
/// The arrows a moved passage's note begins with.
const NOTE: [char; 2] = ['⇣', '⇡'];
/// The two sides, as the report names them.
const SIDES: [&str; 2] = ["left", "right"];
/// How long to wait first between two reads of a screen that is not ready; the wait grows by
/// half each time, up to `POLL_MAX` (the viewer answers a key in a few milliseconds, lays out
/// again after a resize in a few hundred, and each read costs a tmux client).
const POLL: Duration = Duration::from_millis(2);
const POLL_MAX: Duration = Duration::from_millis(20);

/// Whether `c` is drawn as a glyph of its own that the checks can find: not white space, not
/// one of the viewer's marks.
fn shown(c: char) -> bool {
    !c.is_whitespace() && !MARKS.contains(&c)
}

/// Whether `c` breaks a line.
fn line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

// ---------------------------------------------------------------------------------------------
// Sources and reports

/// A source's text as the checks read it: its characters (offsets are indices into them, as in
/// the JSON report), the offsets of the characters drawn as glyphs, and where lines start.
struct Text {
    chars: Vec<char>,
    /// The offsets of the characters `shown` accepts, in order.
    shown: Vec<usize>,
    /// Those characters as one string, and the byte index of each in it.
    shown_text: String,
    bytes: Vec<usize>,
    /// The offset each line starts at.
    line_starts: Vec<usize>,
}

impl Text {
    fn new(text: &str) -> Text {
        let chars: Vec<char> = text.chars().collect();
        let (mut shown_offsets, mut shown_text, mut bytes) =
            (Vec::new(), String::new(), Vec::new());
        let mut line_starts = vec![0];
        for (i, &c) in chars.iter().enumerate() {
            if c == '\n' {
                line_starts.push(i + 1);
            }
            if shown(c) {
                shown_offsets.push(i);
                bytes.push(shown_text.len());
                shown_text.push(c);
            }
        }
        Text {
            chars,
            shown: shown_offsets,
            shown_text,
            bytes,
            line_starts,
        }
    }

    /// The line (1-based) `offset` is on.
    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// The offsets of the shown characters in `start..end`.
    fn shown_in(&self, start: usize, end: usize) -> &[usize] {
        let a = self.shown.partition_point(|&o| o < start);
        let b = self.shown.partition_point(|&o| o < end);
        &self.shown[a..b.max(a)]
    }

    /// The first shown character at or after `from`.
    fn next_shown(&self, from: usize) -> Option<usize> {
        self.shown_in(from, self.chars.len()).first().copied()
    }

    /// The offsets of line `line` (1-based): its start and the offset of its line break.
    fn line_span(&self, line: usize) -> (usize, usize) {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.chars.len(), |&next| next - 1);
        (start, end)
    }

    /// The display width of line `line` without the white space at its ends: whether it
    /// fits in a pane is this against the pane's width.
    fn line_width(&self, line: usize) -> usize {
        let (start, end) = self.line_span(line);
        let text: String = self.chars[start..end].iter().collect();
        text.trim().width()
    }

    /// The characters `start..end`, for messages.
    fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.chars.len())..end.min(self.chars.len())]
            .iter()
            .collect()
    }
}

/// One hotspot of the report: its spans on both sides (character offsets) and whether it is a
/// moved passage (whose two halves are at two places, so there is no one text after it).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hotspot {
    spans: [(usize, usize); 2],
    moved: bool,
}

/// A pair as the tests see it: how to open it, both texts, the hotspots the viewer shows (the
/// JSON report's, in its order), and what to check.
struct Subject {
    /// `samples 1/2`, `反垄断法 2007/2022`.
    name: String,
    /// A short name for tmux sockets.
    tag: String,
    args: Vec<String>,
    texts: [Text; 2],
    hotspots: Vec<Hotspot>,
    /// Each reading to keep on one row: (hotspot index, side).
    short: Vec<(usize, usize)>,
    /// Each hotspot whose next characters must share a row: (hotspot index, offsets).
    after: Vec<(usize, [usize; 2])>,
}

impl Subject {
    /// The pair the viewer opens with `args`, read from its JSON reports and its files.
    fn load(name: &str, tag: &str, args: Vec<String>) -> Subject {
        let shown = report(&args, &[]);
        // The hidden hotspots too, where the report counts any.
        let hidden = shown["hidden"]
            .as_object()
            .is_some_and(|h| h.values().any(|n| n.as_u64() != Some(0)));
        let every = if hidden {
            report(&args, &["--show", "all"])
        } else {
            shown.clone()
        };
        let texts = SIDES.map(|side| {
            let path = PathBuf::from(shown[side]["path"].as_str().unwrap_or_default());
            let path = if path.is_absolute() {
                path
            } else {
                Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
            };
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{name}: read {}: {e}", path.display()));
            Text::new(&text)
        });
        let every = hotspots(&every);
        let list = hotspots(&shown);
        for (i, h) in shown["hotspots"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            for (side, text) in texts.iter().enumerate() {
                let (start, end) = list[i].spans[side];
                assert_eq!(
                    text.slice(start, end),
                    h[SIDES[side]]["text"].as_str().unwrap_or_default(),
                    "{name}: hotspot {} {}: the report's text is its span of the source file",
                    i + 1,
                    SIDES[side]
                );
            }
        }
        Subject::new(name, tag, args, texts, list, &every)
    }

    /// A pair from its parts: which readings must stay on one row, and which hotspots have
    /// common text after them whose first characters must share a row (`every`: the
    /// hotspots of every class, for what comes between).
    fn new(
        name: &str,
        tag: &str,
        args: Vec<String>,
        texts: [Text; 2],
        hotspots: Vec<Hotspot>,
        every: &[Hotspot],
    ) -> Subject {
        let mut short = Vec::new();
        let mut after = Vec::new();
        for (i, h) in hotspots.iter().enumerate() {
            for (side, text) in texts.iter().enumerate() {
                let (start, end) = h.spans[side];
                let reading = text.slice(start, end);
                let trimmed = reading.trim();
                if trimmed.chars().count() <= SHORT
                    && !trimmed.chars().any(line_break)
                    && text.shown_in(start, end).len() >= 2
                {
                    short.push((i, side));
                }
            }
            if h.moved {
                continue;
            }
            let next = [0, 1].map(|side| texts[side].next_shown(h.spans[side].1));
            let [Some(left), Some(right)] = next else {
                continue;
            };
            let next = [left, right];
            // Another hotspot (of any class, hidden ones too) between the end and the next
            // character, or starting at it: no common text follows this one before that
            // hotspot (whose readings tmux_sync.rs checks start on one row).
            let between = every.iter().filter(|o| o.spans != h.spans).any(|o| {
                (0..2).any(|side| {
                    let (s, e) = o.spans[side];
                    let (end, n) = (h.spans[side].1, next[side]);
                    (e > end && s <= n) || (s == e && end <= s && s <= n)
                })
            });
            if !between {
                after.push((i, next));
            }
        }
        Subject {
            name: name.to_string(),
            tag: tag.to_string(),
            args,
            texts,
            hotspots,
            short,
            after,
        }
    }

    /// The text of hotspot `h`'s reading on `side`, white space at its ends left out.
    fn reading(&self, h: usize, side: usize) -> String {
        let (start, end) = self.hotspots[h].spans[side];
        self.texts[side].slice(start, end).trim().to_string()
    }
}

/// The JSON report of the pair the viewer opens with `args`, with `extra` options.
fn report(args: &[String], extra: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(args)
        .args(extra)
        .args(["--report", "json"])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "duizhao {args:?} {extra:?} --report json: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the report is JSON")
}

/// The hotspots of a JSON report.
fn hotspots(report: &Value) -> Vec<Hotspot> {
    let offset = |v: &Value| v.as_u64().unwrap_or(0) as usize;
    report["hotspots"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| Hotspot {
            spans: SIDES.map(|side| (offset(&h[side]["start"]), offset(&h[side]["end"]))),
            moved: h["kind"] == "moved",
        })
        .collect()
}

/// The law revision: 反垄断法 2007 and 2022 from the shared corpus, or, without them, the
/// first law there with two dated versions (oldest and newest).
fn law() -> Subject {
    let dir = corpus("laws_zh");
    let wanted = [
        dir.join("反垄断法(2007-08-30).md"),
        dir.join("反垄断法(2022-06-24).md"),
    ];
    let files = if wanted.iter().all(|p| p.is_file()) {
        wanted.to_vec()
    } else {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("the shared corpus has {}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        names.sort();
        let title = |p: &PathBuf| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.split('(').next().unwrap_or_default().to_string()
        };
        let first = names
            .iter()
            .find(|p| names.iter().filter(|q| title(q) == title(p)).count() >= 2)
            .unwrap_or_else(|| panic!("a law with two versions in {}", dir.display()))
            .clone();
        let last = names
            .iter()
            .rfind(|q| title(q) == title(&first))
            .cloned()
            .unwrap_or_else(|| first.clone());
        vec![first, last]
    };
    let name = files
        .iter()
        .map(|p| {
            p.file_stem()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" / ");
    let args = files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    Subject::load(&name, "law", args)
}

/// The law revision and the ten pairs of the bundled samples, loaded once for all tests (their
/// reports made in threads of their own).
fn subjects() -> &'static [Subject] {
    static SUBJECTS: OnceLock<Vec<Subject>> = OnceLock::new();
    SUBJECTS.get_or_init(|| {
        std::thread::scope(|scope| {
            let mut loading = vec![scope.spawn(law)];
            for a in 1..=5 {
                for b in a + 1..=5 {
                    loading.push(scope.spawn(move || {
                        let args = ["--left", &a.to_string(), "--right", &b.to_string()]
                            .map(str::to_string)
                            .to_vec();
                        Subject::load(&format!("samples {a}/{b}"), &format!("s{a}{b}"), args)
                    }));
                }
            }
            loading
                .into_iter()
                .map(|l| l.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Screens

/// One pane of one screen row: its cells, and which of them are glyphs standing for source
/// characters (indices into `cells`).
#[derive(Debug, Clone, Default)]
struct PaneRow {
    cells: Vec<StyledCell>,
    glyphs: Vec<usize>,
}

impl PaneRow {
    fn new(cells: Vec<StyledCell>) -> PaneRow {
        let mut glyphs = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            if NOTE.contains(&cell.glyph) {
                break;
            }
            if shown(cell.glyph) {
                glyphs.push(i);
            }
        }
        PaneRow { cells, glyphs }
    }

    /// The row's text, trailing white space left out.
    fn text(&self) -> String {
        let text: String = self.cells.iter().map(|c| c.glyph).collect();
        text.trim_end().to_string()
    }
}

/// A captured screen: every row as text (for messages), each text row's two panes, the status
/// bar.
struct Screen {
    lines: Vec<String>,
    /// Per screen row (the header and the status bar have empty panes), the left and the
    /// right pane.
    panes: Vec<[PaneRow; 2]>,
}

impl Screen {
    /// Reads a `capture-pane -e` screen of a terminal `width` columns wide.
    fn parse(styled: &str, width: u16) -> Screen {
        let divider = divider_column_by_rule(width, false) as usize;
        let mut rows = styled_cells(styled);
        if styled.ends_with('\n') {
            rows.pop();
        }
        let lines = rows
            .iter()
            .map(|r| r.iter().map(|c| c.glyph).collect::<String>())
            .collect();
        let last = rows.len().saturating_sub(1);
        let panes = rows
            .into_iter()
            .enumerate()
            .map(|(y, row)| {
                if y == 0 || y >= last {
                    return Default::default();
                }
                let (mut left, mut right) = (Vec::new(), Vec::new());
                for cell in row {
                    if cell.column < divider {
                        left.push(cell);
                    } else if cell.column > divider {
                        right.push(cell);
                    }
                }
                [PaneRow::new(left), PaneRow::new(right)]
            })
            .collect();
        Screen { lines, panes }
    }

    fn status(&self) -> &str {
        self.lines.last().map_or("", String::as_str)
    }

    /// The status bar's `I/N`.
    fn hotspot(&self) -> Option<&str> {
        hotspot(self.status())
    }

    /// The status bar's `l.A:B`: the source line at the top of each pane.
    fn top_lines(&self) -> [Option<usize>; 2] {
        let field = self
            .status()
            .split_whitespace()
            .find_map(|w| w.strip_prefix("l."))
            .unwrap_or_default();
        let (a, b) = field.split_once(':').unwrap_or_default();
        [a.parse().ok(), b.parse().ok()]
    }

    /// The screen with row numbers, for messages.
    fn show(&self) -> String {
        show(&self.lines.join("\n"))
    }

    /// Row `y` of pane `side` around the glyphs `marked` (glyph indices of the row): up to
    /// eight cells either side, the marked ones in brackets.
    fn snippet(&self, side: usize, y: usize, marked: &[usize]) -> String {
        let pane = &self.panes[y][side];
        let cells: BTreeSet<usize> = marked
            .iter()
            .filter_map(|&g| pane.glyphs.get(g).copied())
            .collect();
        let (Some(&first), Some(&last)) = (cells.first(), cells.last()) else {
            return format!("`{}`", pane.text().trim());
        };
        let from = first.saturating_sub(8);
        let to = (last + 9).min(pane.cells.len());
        let mut out = String::new();
        if pane.cells[..from].iter().any(|c| !c.glyph.is_whitespace()) {
            out.push('…');
        }
        for (i, cell) in pane.cells.iter().enumerate().take(to).skip(from) {
            if cells.contains(&i) && (i == first || !cells.contains(&(i - 1))) {
                out.push('[');
            }
            out.push(cell.glyph);
            if cells.contains(&i) && !cells.contains(&(i + 1)) {
                out.push(']');
            }
        }
        let out = out.trim().to_string();
        if pane.cells[to..].iter().any(|c| !c.glyph.is_whitespace()) {
            format!("`{out}…`")
        } else {
            format!("`{out}`")
        }
    }
}

/// Where to look for a pane's text in its source when it occurs more than once: the line at
/// the top of the pane (the status bar's `l.A:B`), and an offset it starts at or after.
#[derive(Debug, Clone, Copy, Default)]
struct Hint {
    line: Option<usize>,
    from: Option<usize>,
}

/// Which source character each glyph of a screen's panes stands for.
#[derive(Debug, Default)]
struct Placed {
    /// Per pane and screen row, the offset of each glyph; `None` where the pane's text occurs
    /// more than once in its source and the hint does not tell which.
    rows: [Option<Vec<Vec<usize>>>; 2],
    /// Per pane, the screen row of each offset shown.
    at: [HashMap<usize, usize>; 2],
}

impl Placed {
    /// Finds both panes of `screen` in `texts`; an error when a pane's text is not a stretch of
    /// its source (a screen caught in the middle of a frame, or misread).
    fn new(screen: &Screen, texts: &[Text; 2], hints: [Hint; 2]) -> Result<Placed, String> {
        let mut placed = Placed::default();
        for side in 0..2 {
            let rows: Vec<&PaneRow> = screen.panes.iter().map(|p| &p[side]).collect();
            let found = locate(&rows, &texts[side], hints[side])
                .map_err(|why| format!("{} pane: {why}", SIDES[side]))?;
            if let Some(found) = &found {
                for (y, offsets) in found.iter().enumerate() {
                    for &o in offsets {
                        placed.at[side].insert(o, y);
                    }
                }
            }
            placed.rows[side] = found;
        }
        Ok(placed)
    }

    fn known(&self, side: usize) -> bool {
        self.rows[side].is_some()
    }

    /// The screen row of source offset `offset` on `side`.
    fn row(&self, side: usize, offset: usize) -> Option<usize> {
        self.at[side].get(&offset).copied()
    }

    /// The glyph index of `offset` in its row.
    fn glyph(&self, side: usize, y: usize, offset: usize) -> Option<usize> {
        self.rows[side].as_ref()?[y]
            .iter()
            .position(|&o| o == offset)
    }

    /// The offsets of `side`'s glyphs drawn on palette background `index` (the current
    /// hotspot's, for yellow).
    fn on_background(&self, screen: &Screen, side: usize, index: u16) -> Vec<(usize, usize)> {
        let Some(rows) = &self.rows[side] else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (y, offsets) in rows.iter().enumerate() {
            let pane = &screen.panes[y][side];
            for (g, &o) in offsets.iter().enumerate() {
                if pane.cells[pane.glyphs[g]].background == Some(index) {
                    out.push((y, o));
                }
            }
        }
        out
    }
}

/// Finds the glyphs of a pane's rows, in reading order, as one stretch of `text`'s shown
/// characters: the offset of each glyph, per row. `Ok(None)` where the stretch occurs more
/// than once and `hint` does not pick one.
fn locate(rows: &[&PaneRow], text: &Text, hint: Hint) -> Result<Option<Vec<Vec<usize>>>, String> {
    let needle: String = rows
        .iter()
        .flat_map(|r| r.glyphs.iter().map(|&i| r.cells[i].glyph))
        .collect();
    if needle.is_empty() {
        return Ok(Some(vec![Vec::new(); rows.len()]));
    }
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(found) = text.shown_text[from..].find(&needle) {
        let byte = from + found;
        starts.push(text.bytes.partition_point(|&b| b < byte));
        from = byte
            + text.shown_text[byte..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    }
    if starts.is_empty() {
        let strays: Vec<String> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let g: String = r.glyphs.iter().map(|&i| r.cells[i].glyph).collect();
                !text.shown_text.contains(&g)
            })
            .take(4)
            .map(|(y, r)| format!("row {y} `{}`", r.text()))
            .collect();
        return Err(format!(
            "its text is not one stretch of the source (rows not in it: {})",
            if strays.is_empty() {
                "none alone".to_string()
            } else {
                strays.join(", ")
            }
        ));
    }
    let mut candidates: Vec<usize> = starts
        .iter()
        .copied()
        .filter(|&s| hint.from.is_none_or(|f| text.shown[s] >= f))
        .collect();
    if candidates.is_empty() {
        candidates = starts;
    }
    let pick = if candidates.len() == 1 {
        Some(candidates[0])
    } else {
        let exact: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&s| hint.line == Some(text.line(text.shown[s])))
            .collect();
        match (exact.as_slice(), hint.from) {
            ([one], _) => Some(*one),
            (_, Some(_)) => Some(candidates[0]),
            _ => None,
        }
    };
    let Some(mut k) = pick else {
        return Ok(None);
    };
    Ok(Some(
        rows.iter()
            .map(|r| {
                let offsets = text.shown[k..k + r.glyphs.len()].to_vec();
                k += r.glyphs.len();
                offsets
            })
            .collect(),
    ))
}

// ---------------------------------------------------------------------------------------------
// The viewer in tmux

/// Reads the screen until `ready` accepts it, both panes are found in their sources, and, with
/// `twice`, two reads in a row are the same (no frame caught half drawn: a terminal gets a
/// frame's changes row by row, top first, so where `ready` reads the status bar that alone
/// says the frame above it is whole); returns it and where its text is.
fn settle(
    tmux: &Tmux,
    size: (u16, u16),
    subject: &Subject,
    what: &str,
    (from, twice): ([Option<usize>; 2], bool),
    ready: impl Fn(&Screen, &Placed) -> Result<(), String>,
) -> (Screen, Placed) {
    let start = Instant::now();
    let mut accepted: Option<(String, Screen, Placed)> = None;
    let mut pause = POLL;
    loop {
        let styled = tmux.styled_screen();
        if let Some((before, ..)) = &accepted
            && *before == styled
        {
            let (_, screen, placed) = accepted.take().expect("accepted");
            return (screen, placed);
        }
        accepted = None;
        let screen = Screen::parse(&styled, size.0);
        let lines = screen.top_lines();
        let hints = [0, 1].map(|side| Hint {
            line: lines[side],
            from: from[side],
        });
        let why = match Placed::new(&screen, &subject.texts, hints)
            .and_then(|placed| ready(&screen, &placed).map(|()| placed))
        {
            Ok(placed) if !twice => return (screen, placed),
            Ok(placed) => {
                accepted = Some((styled, screen, placed));
                continue;
            }
            Err(why) => why,
        };
        let plain = screen.lines.join("\n");
        if let Some(exit) = exit_line(&plain) {
            panic!(
                "{} at {}x{}: the viewer exited ({exit}) while waiting for {what}\n{}",
                subject.name,
                size.0,
                size.1,
                screen.show()
            );
        }
        if start.elapsed() > TIMEOUT {
            panic!(
                "{} at {}x{}: timed out waiting for {what}: {why}\n{}",
                subject.name,
                size.0,
                size.1,
                screen.show()
            );
        }
        sleep(pause);
        pause = (pause * 3 / 2).min(POLL_MAX);
    }
}

/// The viewer on `subject` at `size`, a socket named after `role` and the pair, the screen
/// read every `POLL_MAX` while it starts and after a resize.
#[track_caller]
fn open(role: &str, subject: &Subject, size: (u16, u16)) -> Tmux {
    let words: Vec<String> = subject.args.iter().map(|a| shell_quote(a)).collect();
    Tmux::start_viewer_polling(&format!("{role}-{}", subject.tag), size, &words, POLL_MAX)
}

/// Resizes the viewer to `size` (unless `first`) and waits for the divider where it belongs
/// and the status bar counting the hotspots; returns their number.
fn resize(tmux: &Tmux, size: (u16, u16), first: bool) -> usize {
    if !first {
        tmux.resize(size);
    }
    tmux.wait(
        &format!("the divider and `hotspot I/N` at {}x{}", size.0, size.1),
        TIMEOUT,
        |s| {
            check_divider(s, size)?;
            hotspot(s)
                .and_then(|h| h.split_once('/'))
                .and_then(|(_, n)| n.parse().ok())
                .ok_or_else(|| format!("the status bar reads `{}`", last_row(s)))
        },
    )
}

/// Pages from the top of the text to its end at `size` (PgDn and space in turn), calling
/// `visit` with each page and its number; stops early where `visit` returns false. The end is
/// where both sources' last characters have been seen.
fn page_through(
    tmux: &Tmux,
    subject: &Subject,
    size: (u16, u16),
    mut visit: impl FnMut(&Screen, &Placed, usize) -> bool,
) {
    let last = subject.texts.each_ref().map(|t| t.shown.last().copied());
    let first = subject.texts.each_ref().map(|t| t.shown.first().copied());
    tmux.keys("g");
    let (mut screen, mut placed) = settle(
        tmux,
        size,
        subject,
        "the top",
        ([Some(0); 2], true),
        |_, p| {
            for side in 0..2 {
                if let Some(o) = first[side]
                    && p.row(side, o).is_none()
                {
                    return Err(format!(
                        "the {} source's first character not in sight",
                        SIDES[side]
                    ));
                }
            }
            Ok(())
        },
    );
    let mut seen_last = [false; 2];
    for page in 1.. {
        if !visit(&screen, &placed, page) {
            return;
        }
        for side in 0..2 {
            seen_last[side] |= last[side].is_none_or(|o| placed.row(side, o).is_some());
        }
        if seen_last == [true, true] {
            return;
        }
        assert!(page < 1000, "{}: paging does not end", subject.name);
        let from = [0, 1].map(|side| {
            placed.rows[side]
                .as_ref()
                .and_then(|rows| rows.iter().flatten().next().copied())
        });
        let before = screen.lines[1..screen.lines.len() - 1].to_vec();
        if page % 2 == 1 {
            tmux.press("PageDown");
        } else {
            tmux.keys(" ");
        }
        (screen, placed) = settle(
            tmux,
            size,
            subject,
            &format!("page {}", page + 1),
            (from, true),
            |s, _| {
                if s.lines.len() > 2 && s.lines[1..s.lines.len() - 1] == before[..] {
                    Err("the page has not moved".to_string())
                } else {
                    Ok(())
                }
            },
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The checks

/// What walking one pair at one size found: for each reading to keep on one row and each
/// hotspot whose next characters must share a row, `Ok` or the violation, once decided.
struct Findings<'s> {
    subject: &'s Subject,
    size: (u16, u16),
    split: BTreeMap<(usize, usize), Result<(), String>>,
    after: BTreeMap<usize, Result<(), String>>,
    /// Screens the checks could not trust.
    problems: Vec<String>,
}

impl<'s> Findings<'s> {
    fn new(subject: &'s Subject, size: (u16, u16)) -> Findings<'s> {
        Findings {
            subject,
            size,
            split: BTreeMap::new(),
            after: BTreeMap::new(),
            problems: Vec::new(),
        }
    }

    /// `samples 1/2 at 120x40`.
    fn place(&self) -> String {
        format!("{} at {}x{}", self.subject.name, self.size.0, self.size.1)
    }

    /// Whether every check has been decided.
    fn complete(&self) -> bool {
        self.split.len() == self.subject.short.len() && self.after.len() == self.subject.after.len()
    }

    /// Decides what `screen` shows: every short reading any of which is in sight, and every
    /// hotspot either of whose next characters is. `label` says how the screen was reached.
    fn visit(&mut self, screen: &Screen, placed: &Placed, label: &str) {
        let subject = self.subject;
        for &(h, side) in &subject.short {
            if self.split.contains_key(&(h, side)) || !placed.known(side) {
                continue;
            }
            let (start, end) = subject.hotspots[h].spans[side];
            let offsets = subject.texts[side].shown_in(start, end);
            let rows: Vec<Option<usize>> = offsets.iter().map(|&o| placed.row(side, o)).collect();
            let on: BTreeSet<usize> = rows.iter().flatten().copied().collect();
            if on.is_empty() {
                continue;
            }
            let off = rows.iter().any(Option::is_none);
            let verdict = if on.len() == 1 && !off {
                Ok(())
            } else {
                let seen: Vec<String> = on
                    .iter()
                    .map(|&y| {
                        let marked: Vec<usize> = offsets
                            .iter()
                            .filter_map(|&o| placed.glyph(side, y, o))
                            .collect();
                        format!("row {y} {}", screen.snippet(side, y, &marked))
                    })
                    .collect();
                Err(format!(
                    "{}, hotspot {} {} `{}` ({label}): {}{}",
                    self.place(),
                    h + 1,
                    SIDES[side],
                    subject.reading(h, side),
                    seen.join(" / "),
                    if off { " / the rest out of sight" } else { "" }
                ))
            };
            self.split.insert((h, side), verdict);
        }
        for &(h, next) in &subject.after {
            if self.after.contains_key(&h) || !placed.known(0) || !placed.known(1) {
                continue;
            }
            let rows = [0, 1].map(|side| placed.row(side, next[side]));
            if rows == [None, None] {
                continue;
            }
            let verdict = if rows[0] == rows[1] {
                Ok(())
            } else {
                let sides: Vec<String> = (0..2)
                    .map(|side| {
                        let c = subject.texts[side].chars[next[side]];
                        match rows[side] {
                            Some(y) => {
                                let g: Vec<usize> =
                                    placed.glyph(side, y, next[side]).into_iter().collect();
                                format!(
                                    "{} `{c}` on row {y} {}",
                                    SIDES[side],
                                    screen.snippet(side, y, &g)
                                )
                            }
                            None => format!("{} `{c}` out of sight", SIDES[side]),
                        }
                    })
                    .collect();
                Err(format!(
                    "{}, after hotspot {} `{}`|`{}` ({label}): {}",
                    self.place(),
                    h + 1,
                    clip(&subject.reading(h, 0)),
                    clip(&subject.reading(h, 1)),
                    sides.join("; ")
                ))
            };
            self.after.insert(h, verdict);
        }
    }

    /// Checks that the current hotspot's cells (on yellow) are readings of the report: a
    /// misread screen would put them elsewhere.
    fn check_current(&mut self, screen: &Screen, placed: &Placed, label: &str) {
        let subject = self.subject;
        for (side, name) in SIDES.iter().enumerate() {
            let yellow = placed.on_background(screen, side, YELLOW);
            let stray: Vec<&(usize, usize)> = yellow
                .iter()
                .filter(|(_, o)| {
                    !subject
                        .hotspots
                        .iter()
                        .any(|h| h.spans[side].0 <= *o && *o < h.spans[side].1)
                })
                .collect();
            if let Some((y, o)) = stray.first() {
                self.problems.push(format!(
                    "{} ({label}): the current hotspot's {} cells (yellow) include `{}` (offset {o}, row {y}), in no reading of the report: the screen was misread\n{}",
                    self.place(),
                    name,
                    subject.texts[side].chars[*o],
                    screen.show()
                ));
            }
        }
    }

    /// Everything decided as broken, and what could not be decided.
    fn split_violations(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .split
            .values()
            .filter_map(|v| v.clone().err())
            .collect();
        for &(h, side) in &self.subject.short {
            if !self.split.contains_key(&(h, side)) {
                out.push(format!(
                    "{}, hotspot {} {} `{}`: never in sight, not checked",
                    self.place(),
                    h + 1,
                    SIDES[side],
                    self.subject.reading(h, side)
                ));
            }
        }
        out
    }

    fn after_violations(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .after
            .values()
            .filter_map(|v| v.clone().err())
            .collect();
        for &(h, _) in &self.subject.after {
            if !self.after.contains_key(&h) {
                out.push(format!(
                    "{}, after hotspot {}: the next characters never in sight, not checked",
                    self.place(),
                    h + 1
                ));
            }
        }
        out
    }
}

/// `text` cut to 12 characters.
fn clip(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(12).collect();
    let head = head.replace('\n', "⏎");
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// One text row of a pane as paging saw it: the offsets of its glyphs, its text, where.
#[derive(Debug, Clone)]
struct SeenRow {
    offsets: Vec<usize>,
    text: String,
    at: String,
}

/// The rows (of one pane, in order, padding left out) holding only one or two characters of a
/// source line that continues on the next row, or only the last one or two of a line that
/// began on an earlier row and as a whole fits in `wrap` columns. `place` names the pane.
fn orphans(rows: &[SeenRow], text: &Text, wrap: usize, place: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.offsets.is_empty() || row.offsets.len() > 2 {
            continue;
        }
        let lines: BTreeSet<usize> = row.offsets.iter().map(|&o| text.line(o)).collect();
        for line in lines {
            let next = rows.get(i + 1);
            let previous = i.checked_sub(1).map(|p| &rows[p]);
            let continues =
                next.is_some_and(|n| n.offsets.first().is_some_and(|&o| text.line(o) == line));
            let (start, end) = text.line_span(line);
            let last = text.shown_in(start, end).last();
            let ends = row.offsets.iter().rev().find(|&&o| text.line(o) == line) == last;
            let began =
                previous.is_some_and(|p| p.offsets.last().is_some_and(|&o| text.line(o) == line));
            let width = text.line_width(line);
            let why = if continues {
                "continues on the next row"
            } else if ends && began && width <= wrap {
                "is the end of a line that fits"
            } else {
                continue;
            };
            let around = |r: Option<&SeenRow>| {
                r.map_or("—".to_string(), |r| format!("`{}`", clip_row(&r.text)))
            };
            out.push(format!(
                "{place}, l.{line} ({} columns, the pane {wrap}), {}: `{}` {why}: {} / `{}` / {}",
                width,
                row.at,
                row.text.trim(),
                around(previous),
                row.text.trim(),
                around(next)
            ));
        }
    }
    out
}

/// A row's text cut to its last 14 characters.
fn clip_row(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    if chars.len() > 14 {
        format!("…{}", chars[chars.len() - 14..].iter().collect::<String>())
    } else {
        chars.iter().collect()
    }
}

// ---------------------------------------------------------------------------------------------
// The survey: the walk and the pages

/// What paging through one pair at one size found: each pane's rows checked, the violations.
struct Paged {
    place: String,
    rows: usize,
    violations: Vec<String>,
}

/// What the tests read: the walk's findings per pair and size, and the pages'.
struct Survey {
    walked: Vec<Findings<'static>>,
    paged: Vec<Paged>,
}

/// Surveys `subject` in one tmux session resized from size to size: at each walk size, every
/// hotspot (`:#k` for k from 1 to the status bar's N, every screen visited); at each page
/// size, the pages from the top to the end; and at a walk size where the walk left something
/// undecided, pages until it is decided.
fn survey_subject(subject: &'static Subject) -> (Vec<Findings<'static>>, Vec<Paged>) {
    let plan: Vec<((u16, u16), bool, bool)> = if subject.tag == "law" {
        vec![(LAW_SIZE, true, PAGE_SIZES.contains(&LAW_SIZE))]
            .into_iter()
            .chain(
                PAGE_SIZES
                    .iter()
                    .filter(|&&s| s != LAW_SIZE)
                    .map(|&s| (s, false, true)),
            )
            .collect()
    } else {
        WALK_SIZES
            .iter()
            .map(|&s| (s, true, PAGE_SIZES.contains(&s)))
            .collect()
    };

    let tmux = open("units", subject, plan[0].0);
    let (mut walked, mut paged) = (Vec::new(), Vec::new());
    for (i, &(size, walk, page)) in plan.iter().enumerate() {
        let n = resize(&tmux, size, i == 0);
        let mut findings = Findings::new(subject, size);
        if walk {
            for k in 1..=n {
                tmux.keys(&format!(":#{k}\r"));
                let expected = format!("{k}/{n}");
                let (screen, placed) = settle(
                    &tmux,
                    size,
                    subject,
                    &format!("hotspot {expected}"),
                    ([None; 2], false),
                    |s, _| match s.hotspot() {
                        Some(h) if h == expected => Ok(()),
                        other => Err(format!("status bar hotspot field is {other:?}")),
                    },
                );
                let label = format!("seen at `:#{k}`");
                findings.check_current(&screen, &placed, &label);
                findings.visit(&screen, &placed, &label);
            }
        }
        let decide = walk && !findings.complete();
        if page || decide {
            let mut rows: [BTreeMap<usize, SeenRow>; 2] = Default::default();
            page_through(&tmux, subject, size, |screen, placed, number| {
                if decide {
                    findings.visit(screen, placed, &format!("seen on page {number}"));
                }
                if !page {
                    return !findings.complete();
                }
                collect(&mut rows, screen, placed, number);
                true
            });
            if page {
                paged.push(check_pages(subject, size, &rows));
            }
        }
        if walk {
            walked.push(findings);
        }
    }
    (walked, paged)
}

/// Adds the text rows of page `page` to `rows`: per pane, by the offset of their first glyph
/// (a row seen on two pages is one row), padding rows left out.
fn collect(
    rows: &mut [BTreeMap<usize, SeenRow>; 2],
    screen: &Screen,
    placed: &Placed,
    page: usize,
) {
    for (side, rows) in rows.iter_mut().enumerate() {
        for (y, offsets) in placed.rows[side].iter().flatten().enumerate() {
            if let Some(&first) = offsets.first() {
                rows.entry(first).or_insert_with(|| SeenRow {
                    offsets: offsets.clone(),
                    text: screen.panes[y][side].text(),
                    at: format!("page {page} row {y}"),
                });
            }
        }
    }
}

/// Checks the rows paging saw at `size`: every shown character seen, and no orphans.
fn check_pages(subject: &Subject, size: (u16, u16), rows: &[BTreeMap<usize, SeenRow>; 2]) -> Paged {
    let place = format!("{} at {}x{}", subject.name, size.0, size.1);
    let wrap = divider_column_by_rule(size.0, false) as usize;
    let mut violations = Vec::new();
    let mut count = 0;
    for (side, rows) in rows.iter().enumerate() {
        let pane = format!("{place}, {}", SIDES[side]);
        let text = &subject.texts[side];
        let seen: BTreeSet<usize> = rows
            .values()
            .flat_map(|r| r.offsets.iter().copied())
            .collect();
        let missed: Vec<usize> = text
            .shown
            .iter()
            .copied()
            .filter(|o| !seen.contains(o))
            .collect();
        if let Some(&first) = missed.first() {
            violations.push(format!(
                "{pane}: paging never showed `{}` (l.{}, offset {first}) nor {} more characters",
                text.chars[first],
                text.line(first),
                missed.len() - 1
            ));
        }
        let ordered: Vec<SeenRow> = rows.values().cloned().collect();
        count += ordered.len();
        violations.extend(orphans(&ordered, text, wrap, &pane));
    }
    Paged {
        place,
        rows: count,
        violations,
    }
}

/// The survey of every pair, made once for the three tests that read it, by two workers (the
/// time goes mostly into waiting for the viewer and tmux).
fn survey() -> &'static Survey {
    static SURVEY: OnceLock<Survey> = OnceLock::new();
    SURVEY.get_or_init(|| {
        let subjects = subjects();
        let next = AtomicUsize::new(0);
        let mut done: Vec<(usize, Vec<Findings<'static>>, Vec<Paged>)> =
            std::thread::scope(|scope| {
                let workers: Vec<_> = (0..2)
                    .map(|_| {
                        scope.spawn(|| {
                            let mut done = Vec::new();
                            loop {
                                let i = next.fetch_add(1, Ordering::Relaxed);
                                let Some(subject) = subjects.get(i) else {
                                    return done;
                                };
                                let (walked, paged) = survey_subject(subject);
                                done.push((i, walked, paged));
                            }
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
        done.sort_by_key(|(i, ..)| *i);
        let mut survey = Survey {
            walked: Vec::new(),
            paged: Vec::new(),
        };
        for (_, walked, paged) in done {
            survey.walked.extend(walked);
            survey.paged.extend(paged);
        }
        survey
    })
}

/// Fails with every violation, counted per pair and size, and the number checked.
fn report_all(what: &str, checked: usize, found: &[(String, Vec<String>)]) {
    let total: usize = found.iter().map(|(_, v)| v.len()).sum();
    if total == 0 {
        return;
    }
    let mut message = format!("{total} of {checked} {what}:\n");
    for (place, violations) in found.iter().filter(|(_, v)| !v.is_empty()) {
        message.push_str(&format!("  {place}: {}\n", violations.len()));
    }
    for (_, violations) in found {
        for v in violations {
            message.push_str(&format!("- {v}\n"));
        }
    }
    panic!("{message}");
}

#[test]
fn short_readings_are_never_split_across_rows() {
    let walked = &survey().walked;
    let checked = walked.iter().map(|f| f.subject.short.len()).sum();
    let found: Vec<(String, Vec<String>)> = walked
        .iter()
        .map(|f| {
            let mut v = f.problems.clone();
            v.extend(f.split_violations());
            (f.place(), v)
        })
        .collect();
    report_all(
        &format!("readings of at most {SHORT} characters without a line break are on two rows"),
        checked,
        &found,
    );
}

#[test]
fn the_text_after_each_hotspot_starts_on_one_row() {
    let walked = &survey().walked;
    let checked = walked.iter().map(|f| f.subject.after.len()).sum();
    let found: Vec<(String, Vec<String>)> = walked
        .iter()
        .map(|f| {
            let mut v = f.problems.clone();
            v.extend(f.after_violations());
            (f.place(), v)
        })
        .collect();
    report_all(
        "hotspots have the first visible characters after them on two rows",
        checked,
        &found,
    );
}

#[test]
fn paging_finds_no_orphaned_characters() {
    let paged = &survey().paged;
    let checked = paged.iter().map(|p| p.rows).sum();
    let found: Vec<(String, Vec<String>)> = paged
        .iter()
        .map(|p| (p.place.clone(), p.violations.clone()))
        .collect();
    report_all(
        "rows hold only one or two characters of a line that continues on the next row, or the end of a line that fits",
        checked,
        &found,
    );
}

// ---------------------------------------------------------------------------------------------
// The checks on hand-written screens

/// A `capture-pane -e` screen `width` columns wide: a header, `rows` (left and right pane, each
/// possibly with SGR sequences), and a status bar with `l.1:1`.
fn hand_screen(width: u16, rows: &[(&str, &str)]) -> String {
    let divider = divider_column_by_rule(width, false) as usize;
    let visible = |s: &str| -> usize {
        let mut plain = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|&d| d == 'm');
            } else {
                plain.push(c);
            }
        }
        plain.width()
    };
    let mut out = format!("{:<divider$}│ B\n", " A");
    for (left, right) in rows {
        out.push_str(left);
        out.push_str(&" ".repeat(divider.saturating_sub(visible(left))));
        out.push('│');
        out.push_str(right);
        out.push('\n');
    }
    out.push_str(" hotspot 1/1 │ 0% l.1:1\n");
    out
}

#[test]
fn the_screen_checks_find_splits_misalignments_and_orphans() {
    // Panes 14 columns wide: seven CJK characters a row.
    let width = 30;
    let texts = || {
        [
            Text::new("天地玄黄宇宙洪荒日月盈昃\n辰宿列张寒\n## 第二章总则\n"),
            Text::new("天地玄黄宇宙大荒日月盈昃\n辰宿列张寒\n## 第二章总则\n"),
        ]
    };
    // `洪荒`|`大荒` (offsets 6..8 both sides), then `日` at 8 on both.
    let hotspots = vec![Hotspot {
        spans: [(6, 8), (6, 8)],
        moved: false,
    }];
    let subject = Subject::new(
        "hand",
        "hand",
        Vec::new(),
        texts(),
        hotspots.clone(),
        &hotspots,
    );
    assert_eq!(subject.short, vec![(0, 0), (0, 1)]);
    assert_eq!(subject.after, vec![(0, [8, 8])]);
    let read = |rows: &[(&str, &str)]| {
        let screen = Screen::parse(&hand_screen(width, rows), width);
        let placed = Placed::new(&screen, &subject.texts, [Hint::default(); 2])
            .unwrap_or_else(|e| panic!("{e}\n{}", screen.show()));
        let mut findings = Findings::new(&subject, (width, 8));
        findings.visit(&screen, &placed, "hand");
        findings.check_current(&screen, &placed, "hand");
        (
            findings.split_violations(),
            findings.after_violations(),
            findings.problems,
        )
    };

    // The left reading split across rows 1 and 2, the right whole on row 1, `日` on row 2 on
    // both sides. The current hotspot is on yellow; tmux writes a style only where it changes,
    // so `荒` at the start of row 2 is yellow by the style the right pane's `大荒` left set
    // at the end of row 1.
    let rows = [
        (
            "天地玄黄宇宙\x1b[48;5;3m洪\x1b[0m",
            "天地玄黄宇宙\x1b[48;5;3m大荒",
        ),
        ("荒\x1b[0m日月盈昃", "日月盈昃"),
        ("辰宿列张寒", "辰宿列张寒"),
    ];
    let screen = Screen::parse(&hand_screen(width, &rows), width);
    let placed = Placed::new(&screen, &subject.texts, [Hint::default(); 2]).expect("found");
    assert_eq!(
        placed.on_background(&screen, 0, YELLOW),
        vec![(1, 6), (2, 7)]
    );
    assert_eq!(
        placed.on_background(&screen, 1, YELLOW),
        vec![(1, 6), (1, 7)]
    );
    let (split, after, problems) = read(&rows);
    assert_eq!(split.len(), 1, "{split:?}");
    assert!(
        split[0].contains("hotspot 1 left `洪荒`")
            && split[0].contains("row 1 `天地玄黄宇宙[洪]` / row 2 `[荒]日月盈昃`"),
        "{split:?}"
    );
    assert_eq!(after, Vec::<String>::new());
    assert_eq!(problems, Vec::<String>::new());

    // Both readings whole, but `日` on row 2 on the left and row 3 on the right.
    let (split, after, _) = read(&[
        ("天地玄黄宇宙", "天地玄黄宇宙"),
        ("洪荒日月盈昃", "大荒"),
        ("辰宿列张寒", "日月盈昃"),
    ]);
    assert_eq!(split, Vec::<String>::new());
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(
        after[0].contains("left `日` on row 2") && after[0].contains("right `日` on row 3"),
        "{after:?}"
    );

    // The left reading half out of sight at the bottom: split by the screen's edge; `日` in
    // sight on the right only: two rows.
    let (split, after, _) = read(&[("天地玄黄宇宙洪", "天地玄黄宇宙大荒日")]);
    assert_eq!(split.len(), 1, "{split:?}");
    assert!(split[0].contains("the rest out of sight"), "{split:?}");
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(after[0].contains("left `日` out of sight"), "{after:?}");

    // Nothing in sight of either: undecided, reported as not checked.
    let (split, after, _) = read(&[("辰宿列张寒", "辰宿列张寒")]);
    assert!(
        split.iter().all(|v| v.contains("not checked")) && split.len() == 2,
        "{split:?}"
    );
    assert!(after[0].contains("not checked"), "{after:?}");

    // A yellow cell outside every reading: the screen was misread.
    let (_, _, problems) = read(&[("天地玄黄宇宙", "\x1b[48;5;3m天地玄黄宇宙")]);
    assert_eq!(problems.len(), 1, "{problems:?}");

    // A pane whose text occurs twice and no hint: nothing decided from it; with the line at
    // its top it is found; a pane that is not the source is an error.
    let twice = [Text::new("甲乙\n甲乙\n"), Text::new("丙")];
    let screen = Screen::parse(&hand_screen(width, &[("甲乙", "丙")]), width);
    let hint = |line| [Hint { line, from: None }, Hint::default()];
    assert!(Placed::new(&screen, &twice, hint(None)).is_ok_and(|p| !p.known(0) && p.known(1)));
    let placed = Placed::new(&screen, &twice, hint(Some(2))).expect("found");
    assert_eq!(placed.row(0, 3), Some(1));
    let screen = Screen::parse(&hand_screen(width, &[("乙乙", "丙")]), width);
    assert!(Placed::new(&screen, &twice, hint(None)).is_err());

    // Orphans, on a page read as paging reads it (the hatch, the marks and a moved passage's
    // note belong to no line): `辰宿列张` / `寒` on the left is the end of a line that fits in
    // 14 columns (10 columns); `##` / `第二章总则` two characters of a line (13 columns) that
    // continues on the next row. The right pane has none; three characters are no orphan.
    let page = [
        ("天地玄黄宇宙洪", "天地玄黄宇宙"),
        ("荒日月盈昃", "大荒日月盈昃⏎"),
        ("辰宿列张", "辰宿列张寒"),
        ("寒", "╱╱╱╱╱╱╱"),
        ("‸", "⇣ moved to l.9"),
        ("##", "## 第"),
        ("第二章总则", "二章总则"),
    ];
    let width = 32;
    let seen = |rows: &[(&str, &str)]| {
        let screen = Screen::parse(&hand_screen(width, rows), width);
        let placed = Placed::new(&screen, &subject.texts, [Hint::default(); 2]).expect("found");
        let mut seen: [BTreeMap<usize, SeenRow>; 2] = Default::default();
        collect(&mut seen, &screen, &placed, 1);
        seen
    };
    let rows = seen(&page);
    let found = check_pages(&subject, (width, 9), &rows).violations;
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].contains(
            "hand at 32x9, left, l.2 (10 columns, the pane 15), page 1 row 4: `寒` is the end \
             of a line that fits: `辰宿列张` / `寒` / `##`"
        ),
        "{found:?}"
    );
    assert!(
        found[1].contains(
            "left, l.3 (13 columns, the pane 15), page 1 row 6: `##` continues on the next row"
        ),
        "{found:?}"
    );
    // In a pane 9 columns wide the line of `寒` would not fit: only `##` is left.
    let left: Vec<SeenRow> = rows[0].values().cloned().collect();
    let found = orphans(&left, &subject.texts[0], 9, "narrow");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("`##` continues"), "{found:?}");
    // Pages that never show the last row: paging missed it.
    let found = check_pages(&subject, (width, 9), &seen(&page[..6])).violations;
    assert!(
        found.iter().any(|v| v
            .contains("right: paging never showed `二` (l.3, offset 23) nor 3 more characters")),
        "{found:?}"
    );
}
