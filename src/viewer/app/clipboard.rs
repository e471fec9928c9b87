//! The clipboard: the current hotspot quoted as text (both readings, then each source's name,
//! line and the reading in context), for the terminal to put on the clipboard.

use super::App;
use crate::engine::compare::Stop;
use crate::pair::Side;
use crate::text::sanitize::{escape, folded};

impl App {
    /// Puts the current hotspot on the clipboard: both readings, then each source's name,
    /// line and the reading in a little context.
    pub(super) fn copy(&mut self) {
        let Some(stop) = self.current_stop() else {
            self.message = Some("no current hotspot to copy (n goes to one)".to_string());
            return;
        };
        let text = self.quote(stop);
        self.message = Some(format!(
            "copied hotspot {}/{} to the clipboard ({} characters)",
            self.view.comparison.stop_number(stop),
            self.view.comparison.stops().len(),
            text.chars().count()
        ));
        self.clipboard = Some(text);
    }

    /// A stop of the walk as text to quote, as the reports list it: `霸权 → 强权 (wording)`,
    /// then a line per source with its name, line number and the reading in context (white
    /// space as single spaces, hidden characters escaped).
    pub fn quote(&self, stop: Stop) -> String {
        /// Characters of context either side of a reading.
        const CONTEXT: usize = 12;
        // A moved passage with both its places.
        let h = &self.view.comparison.listed(stop);
        let pair = self.pair();
        let one = |s: &str| escape(&folded(s)).into_owned();
        let reading = |side: Side| {
            let span = h.span.get(side);
            match one(pair.get(side).slice(span.clone())) {
                r if r.is_empty() => "∅".to_string(),
                r => r,
            }
        };
        let mut out = format!(
            "{} → {} ({})\n",
            reading(Side::Left),
            reading(Side::Right),
            h.class.name()
        );
        for side in Side::BOTH {
            let source = pair.get(side);
            let span = h.span.get(side);
            let before = one(source.slice(span.start.saturating_sub(CONTEXT)..span.start));
            let after = one(source.slice(span.end..(span.end + CONTEXT).min(source.char_len())));
            out.push_str(&format!(
                "{} l.{}: …{before}【{}】{after}…\n",
                escape(&self.library.names[*self.view.shown.get(side)]),
                source.line_of(span.start),
                one(source.slice(span.clone())),
            ));
        }
        out
    }
}
