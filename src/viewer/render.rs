//! Drawing the state with ratatui: pane headers, the two text panes with the `│` divider (a
//! fold drawn as one dim row in each pane, `⋯ 124 unchanged lines ⋯`), the status bar
//! ([`super::statusline`]), then the open components bottom to top.
//!
//! Everything goes where the state's [`Screen`] says, in terminal coordinates; rows come
//! ready-made from the view model, looks become styles through the [`Theme`]. Cell widths come
//! from [`crate::text::width`]; where ratatui would count a grapheme differently (East Asian
//! ambiguous characters drawn wide), the cell's width is forced so the terminal and the
//! buffer agree.

use super::app::App;
use super::folds::ViewRow;
use super::geometry::{DIVIDER, MIN_SIZE, Screen};
use super::layout::{Look, PaneRow, Row};
use super::paint::{fill, put};
use super::theme::{BarCell, Theme};
use crate::pair::Side;
use crate::text::sanitize::escape;
use crate::text::width::Widths;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Draws one row of one pane, from `x` to the pane's right edge.
fn put_row(buf: &mut Buffer, app: &App, theme: Theme, side: Side, pane: Rect, y: u16, row: &Row) {
    let hotspots = &app.view.comparison.hotspots;
    // A variant inside a moved passage drawn as current (its reading, not the passage).
    let inner = app.current_inner_number();
    let mut col = pane.left();
    for chunk in &row.chunks {
        let h = chunk.look.hotspot.map(|h| h as usize);
        let current =
            (inner.is_some() && chunk.look.inner == inner) || h.is_some_and(|h| app.is_current(h));
        let style = theme.look(side, chunk.look, h.and_then(|h| hotspots.get(h)), current);
        col = put(buf, app.widths, col, y, pane.right(), &chunk.text, style);
    }
    fill(buf, col, y, pane.right(), Style::default());
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    render(app, theme, area, frame.buffer_mut());
}

/// Renders the application into `buf` (the whole of `area`).
pub fn render(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let screen = &app.screen;
    if area != screen.area {
        // The terminal changed size and the state has not heard of it yet: draw what the state
        // was laid out for and keep what fits, rather than draw past the buffer.
        let mut laid_out = Buffer::empty(screen.area);
        render(app, theme, screen.area, &mut laid_out);
        let shared = area.intersection(screen.area);
        for y in shared.top()..shared.bottom() {
            for x in shared.left()..shared.right() {
                buf[(x, y)] = laid_out[(x, y)].clone();
            }
        }
        return;
    }
    let widths = app.widths;
    if !screen.usable {
        for y in area.top()..area.bottom() {
            fill(buf, area.left(), y, area.right(), Style::default());
        }
        let notice = format!(
            "duizhao: terminal {}x{} too small, need {}x{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        for (line, y) in wrap_words(&notice, area.width as usize, widths)
            .iter()
            .zip(area.top()..area.bottom())
        {
            put(
                buf,
                widths,
                area.left(),
                y,
                area.right(),
                line,
                Style::default(),
            );
        }
        return;
    }
    headers(app, screen, theme, buf);
    panes(app, screen, theme, buf);
    super::statusline::render(app, screen, theme, buf);
    let context = app.context();
    for overlay in &app.overlays {
        overlay.component().draw(&context, screen, theme, buf);
    }
}

/// `text` in lines of at most `width` columns, broken between words (`19x4` never becomes
/// `19x` and `4`); only a word wider than a line is split.
fn wrap_words(text: &str, width: usize, widths: Widths) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if widths.str(&joined) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        while widths.str(rest) > width {
            let (head, _) = widths.truncate(rest, width);
            if head.is_empty() {
                return lines;
            }
            lines.push(head.to_string());
            rest = &rest[head.len()..];
        }
        line = rest.to_string();
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` cut to at most `room` columns by dropping its middle for `…` (`000_00a…0.txt`).
fn middle_cut(text: &str, room: usize, widths: Widths) -> String {
    if widths.str(text) <= room {
        return text.to_string();
    }
    // `…` is East Asian ambiguous: two columns where those are counted wide.
    let ellipsis = widths.str("…");
    if room < ellipsis {
        return String::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let keep = room - ellipsis;
    let width = |s: &[char]| widths.str(&s.iter().collect::<String>());
    let (mut head, mut tail) = (0, chars.len());
    // Grow the two ends in turn while they fit, the head first.
    loop {
        let grow_head = head < tail && width(&chars[..head + 1]) + width(&chars[tail..]) <= keep;
        if grow_head {
            head += 1;
        }
        let grow_tail = tail > head && width(&chars[..head]) + width(&chars[tail - 1..]) <= keep;
        if grow_tail {
            tail -= 1;
        }
        if !grow_head && !grow_tail {
            break;
        }
    }
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[tail..]);
    out
}

/// The pane headers: source name, encoding (and `html article` for a web page's article),
/// similarity; the focused pane marked.
fn headers(app: &App, screen: &Screen, theme: Theme, buf: &mut Buffer) {
    let pair = app.pair();
    for side in Side::BOTH {
        let source = pair.get(side);
        let header = screen.headers.get(side);
        let focused = app.focus == side;
        let style = theme.header(focused);
        // The encoding (a revision from git: its date) and the similarity always show; a long
        // name is cut in the middle.
        let name = escape(&app.library.names[*app.view.shown.get(side)]).into_owned();
        // With more than two sources, each is also named by its siglum (as in the apparatus).
        let siglum = if app.library.sources.len() > 2 {
            format!("{} ", app.library.siglum(*app.view.shown.get(side)))
        } else {
            String::new()
        };
        let mark = if focused {
            format!("▸ {siglum}")
        } else {
            siglum
        };
        // Before the first comparison is ready there is no similarity to show.
        let similarity = if app.is_starting() {
            "…".to_string()
        } else {
            format!("{:.1}%", app.view.comparison.similarity * 100.0)
        };
        // A web page compared by its article says so.
        let extracted = source
            .extracted
            .map(|from| format!(" · {from} article"))
            .unwrap_or_default();
        // A revision from git is labelled with its commit's date in place of the encoding (the
        // reports still give the encoding).
        let label = source.revision.as_ref().map_or_else(
            || source.encoding.to_string(),
            |r| escape(&r.date).into_owned(),
        );
        let tail = format!(" · {label}{extracted} · {similarity}");
        let room = (header.width as usize)
            .saturating_sub(1 + app.widths.str(&mark) + app.widths.str(&tail));
        let text = format!(" {mark}{}{tail}", middle_cut(&name, room, app.widths));
        fill(buf, header.left(), header.top(), header.right(), style);
        put(
            buf,
            app.widths,
            header.left(),
            header.top(),
            header.right(),
            &text,
            style,
        );
    }
    let d = screen.divider;
    put(
        buf,
        app.widths,
        d.left(),
        d.top(),
        d.right(),
        DIVIDER,
        Style::default(),
    );
}

/// The source line number shown in `side`'s gutter on layout row `global`: on the first row of
/// each line (as vim numbers lines, a wrapped line's other rows blank) and on the first row
/// after a fold, none on padding.
fn line_number(app: &App, side: Side, global: usize) -> Option<usize> {
    let layout = &app.view.layout;
    if global >= layout.total {
        return None;
    }
    let source = *app.pair().get(side);
    let line_at = |g: usize| match layout.pane_row(side, g) {
        PaneRow::Text(row) => Some(source.line_of(row.start)),
        PaneRow::Filler { .. } => None,
    };
    let line = line_at(global)?;
    let before = global
        .checked_sub(1)
        .filter(|&g| app.folds.fold_of(g).is_none())
        .and_then(line_at);
    (before != Some(line)).then_some(line)
}

/// The text rows of both panes and the divider between them, which is also the scrollbar.
fn panes(app: &App, screen: &Screen, theme: Theme, buf: &mut Buffer) {
    let layout = &app.view.layout;
    let d = screen.divider;
    let bar = scrollbar(app, screen.panes.left.height as usize);
    let marks = app.move_marks();
    for (i, y) in (screen.panes.left.top()..screen.panes.left.bottom()).enumerate() {
        let shown = app.folds.at(app.top + i);
        for side in Side::BOTH {
            let pane = *screen.panes.get(side);
            let gutter = *screen.gutters.get(side);
            if gutter.width > 0 {
                let number = shown
                    .and_then(ViewRow::row)
                    .and_then(|global| line_number(app, side, global))
                    .map_or(String::new(), |n| {
                        format!("{n:>width$} ", width = gutter.width as usize - 1)
                    });
                fill(buf, gutter.left(), y, gutter.right(), Style::default());
                put(
                    buf,
                    app.widths,
                    gutter.left(),
                    y,
                    gutter.right(),
                    &number,
                    theme.line_number(),
                );
            }
            let global = match shown {
                Some(ViewRow::Row(global)) if global < layout.total => global,
                Some(ViewRow::Fold(fold)) => {
                    let row = app.fold_row(side, fold);
                    let mut col = pane.left();
                    for chunk in &row.chunks {
                        col = put(
                            buf,
                            app.widths,
                            col,
                            y,
                            pane.right(),
                            &chunk.text,
                            theme.fold(),
                        );
                    }
                    fill(buf, col, y, pane.right(), Style::default());
                    continue;
                }
                _ => {
                    fill(buf, pane.left(), y, pane.right(), Style::default());
                    continue;
                }
            };
            match layout.pane_row(side, global) {
                PaneRow::Text(row) => put_row(buf, app, theme, side, pane, y, &row),
                PaneRow::Filler { hatched } => {
                    let row = Row::filler(pane.width as usize, hatched, app.widths);
                    put_row(buf, app, theme, side, pane, y, &row);
                }
            }
            // Where a moved passage went or came from, on the free row facing it.
            if let Some(mark) = marks.iter().find(|m| m.side == side && m.row == global) {
                let hotspot = app.view.comparison.hotspots.get(mark.hotspot);
                let style =
                    theme.look(side, Look::default(), hotspot, app.is_current(mark.hotspot));
                let room = (pane.width as usize).saturating_sub(mark.column);
                let (text, _) = app.widths.truncate(&mark.text, room);
                let x = pane.left() + mark.column.min(pane.width as usize) as u16;
                put(buf, app.widths, x, y, pane.right(), text, style);
            }
        }
        put(
            buf,
            app.widths,
            d.left(),
            y,
            d.right(),
            DIVIDER,
            theme.scrollbar(bar.get(i).copied().unwrap_or_default()),
        );
    }
}

/// The divider as a scrollbar over `rows` text rows: the whole text spread over them, the
/// stretch of text the view shows as the thumb (folds included: the layout rows from the top
/// row's to the last shown row's), and each row's count of hotspots (so dense stretches show).
pub fn scrollbar(app: &App, rows: usize) -> Vec<BarCell> {
    let total = app.view.layout.total.max(1);
    if rows == 0 {
        return Vec::new();
    }
    // The first row of every shown hotspot, in order.
    let mut starts: Vec<usize> = (0..app.view.comparison.hotspots.len())
        .filter_map(|i| {
            let r = app.view.layout.hotspot_rows.get(i)?;
            r.left.into_iter().chain(r.right).min()
        })
        .collect();
    starts.sort_unstable();
    let (top, bottom) = (app.top_row(), app.folds.first_row(app.top + rows));
    (0..rows)
        .map(|i| {
            let (from, to) = (
                i * total / rows,
                ((i + 1) * total / rows).max(i * total / rows + 1),
            );
            let hotspots =
                starts.partition_point(|&r| r < to) - starts.partition_point(|&r| r < from);
            BarCell {
                thumb: from < bottom && to > top,
                hotspots,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_divider_is_a_scrollbar() {
        use crate::pair::Pair;
        use crate::testkit::{press, samples_app};
        let mut app = samples_app(Pair::new(0, 1), (80, 24));
        let rows = app.text_height();
        let thumb =
            |bar: &[BarCell]| -> Vec<usize> { (0..bar.len()).filter(|&i| bar[i].thumb).collect() };
        let bar = scrollbar(&app, rows);
        assert_eq!(bar.len(), rows);
        // At the top the thumb starts at the first row, one piece, as tall as the view's share.
        let t = thumb(&bar);
        assert_eq!(t.first(), Some(&0));
        assert!(t.windows(2).all(|w| w[1] == w[0] + 1));
        let share = rows * rows / app.view.layout.total;
        assert!(t.len() >= share && t.len() <= share + 2, "{t:?} vs {share}");
        // Every shown hotspot is counted once somewhere along the bar.
        let counted: usize = bar.iter().map(|c| c.hotspots).sum();
        assert_eq!(counted, app.view.comparison.hotspots.len());
        // At the bottom the thumb ends at the last row.
        press(&mut app, "G");
        let t = thumb(&scrollbar(&app, rows));
        assert_eq!(t.last(), Some(&(rows - 1)));
    }

    #[test]
    fn long_names_lose_their_middle() {
        let w = Widths::default();
        assert_eq!(middle_cut("short.txt", 20, w), "short.txt");
        let cut = middle_cut("000_00a56f0df81fb580.txt", 12, w);
        assert_eq!(w.str(&cut), 12);
        assert!(cut.starts_with("000_0") && cut.ends_with(".txt") && cut.contains('…'));
        // Wide characters count two columns and are never split.
        let cut = middle_cut("最高人民法院关于知识产权法庭若干问题的规定.md", 15, w);
        assert!(
            w.str(&cut) <= 15 && cut.contains('…') && cut.ends_with(".md"),
            "{cut}"
        );
        assert_eq!(middle_cut("abc", 0, w), "");
        // Where ambiguous characters are wide, `…` takes two columns and is counted so.
        let wide = Widths {
            ambiguous_wide: true,
        };
        for room in 2..24 {
            let cut = middle_cut("000_00a56f0df81fb580.txt", room, wide);
            assert!(wide.str(&cut) <= room, "{room}: {cut}");
            assert!(wide.str(&cut) >= room - 1, "{room}: {cut}");
        }
        assert_eq!(middle_cut("abc", 1, wide), "");
    }

    #[test]
    fn the_size_notice_breaks_between_words() {
        let widths = Widths::default();
        let notice = "duizhao: terminal 19x4 too small, need 20x6";
        for width in 1..=notice.len() {
            let lines = wrap_words(notice, width, widths);
            assert!(
                lines.iter().all(|l| widths.str(l) <= width),
                "{width}: {lines:?}"
            );
            if width >= "duizhao:".len() {
                // Every word whole on one line.
                for word in notice.split(' ') {
                    assert!(
                        lines.iter().any(|l| l.split(' ').any(|w| w == word)),
                        "{width}: {lines:?}"
                    );
                }
            }
            assert_eq!(
                lines.join(" ").replace(' ', ""),
                notice.replace(' ', ""),
                "{width}"
            );
        }
        assert_eq!(
            wrap_words(notice, 19, widths),
            ["duizhao: terminal", "19x4 too small,", "need 20x6"]
        );
        // A word wider than the line is the only one split.
        assert_eq!(wrap_words("ab abcdefg", 4, widths), ["ab", "abcd", "efg"]);
    }
}
