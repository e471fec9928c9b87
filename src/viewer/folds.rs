//! Folds (`z`): every unchanged stretch of the synchronised view longer than a few rows shown
//! as one row, as vimdiff folds the lines a diff does not touch.
//!
//! This is a pure mapping between two kinds of rows: the layout's synchronised rows
//! (*layout rows*, [`crate::viewer::layout::Layout`]) and the rows of the folded view (*view
//! rows*, what the panes show and scroll by). It is built from the layout rows that must stay
//! visible — each shown hotspot's rows widened by [`CONTEXT`] rows each way, and the
//! stretches the reader opened — and nothing else: a maximal run of layout rows none of which
//! must stay visible becomes one fold row when it is at least [`MIN_FOLDED`] rows long; a
//! shorter run stays as it is (folding two rows into one saves nothing worth a row that says
//! so). Without folds the mapping is the identity.
//!
//! Building costs O(k log k) for k ranges to keep (one sort, then one pass), and every lookup
//! is a binary search over the folds: nothing walks the rows of the text, so a book folds as
//! fast as a page.

use std::ops::Range;

/// Rows of context kept visible before and after each hotspot's rows.
pub const CONTEXT: usize = 3;

/// The fewest rows a fold hides: a shorter unchanged stretch stays as it is.
pub const MIN_FOLDED: usize = 4;

/// One fold: a run of layout rows shown as one view row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    /// The first layout row it hides.
    pub start: usize,
    /// The layout row after the last it hides.
    pub end: usize,
    /// The view row it is shown as.
    pub view: usize,
}

impl Fold {
    /// The layout rows it hides.
    pub fn rows(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// What a view row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewRow {
    /// A layout row, as it is.
    Row(usize),
    /// A fold: the layout rows it hides, shown as one row.
    Fold(Fold),
}

impl ViewRow {
    /// The layout row it shows, if it is not a fold.
    pub fn row(self) -> Option<usize> {
        match self {
            ViewRow::Row(r) => Some(r),
            ViewRow::Fold(_) => None,
        }
    }
}

/// The folded view of a layout of `total` rows: which layout rows each view row shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folds {
    /// The folds, in order (each at least [`MIN_FOLDED`] rows, none touching the next).
    folds: Vec<Fold>,
    /// Rows of the layout.
    total: usize,
    /// Layout rows the folds hide, all together.
    hidden: usize,
}

/// `rows` widened by [`CONTEXT`] rows each way, within a layout of `total` rows.
pub fn around(rows: Range<usize>, total: usize) -> Range<usize> {
    rows.start.saturating_sub(CONTEXT)..rows.end.saturating_add(CONTEXT).min(total)
}

impl Folds {
    /// No folds: every view row is the layout row of the same number.
    pub fn none(total: usize) -> Folds {
        Folds {
            folds: Vec::new(),
            total,
            hidden: 0,
        }
    }

    /// The folds of a layout of `total` rows where the rows of `keep` must stay visible: every
    /// run of other rows of at least [`MIN_FOLDED`] rows is folded. The ranges may come in any
    /// order, overlap, be empty or reach past the end.
    pub fn new(total: usize, keep: impl IntoIterator<Item = Range<usize>>) -> Folds {
        let mut keep: Vec<Range<usize>> = keep
            .into_iter()
            .map(|r| r.start.min(total)..r.end.min(total))
            .filter(|r| !r.is_empty())
            .collect();
        // Hotspots come in order already: this sort is one pass over sorted ranges.
        keep.sort_unstable_by_key(|r| r.start);
        let mut out = Folds::none(total);
        let mut kept_to = 0;
        for r in keep {
            if r.start > kept_to {
                out.fold(kept_to..r.start);
            }
            kept_to = kept_to.max(r.end);
        }
        out.fold(kept_to..total);
        out
    }

    /// Folds `rows` (the next run of rows free to fold, after every fold made so far) if it is
    /// long enough.
    fn fold(&mut self, rows: Range<usize>) {
        if rows.len() < MIN_FOLDED {
            return;
        }
        // The view rows before it: the layout rows before it, less those hidden, plus a row
        // for each fold.
        let view = rows.start - self.hidden + self.folds.len();
        self.hidden += rows.len();
        self.folds.push(Fold {
            start: rows.start,
            end: rows.end,
            view,
        });
    }

    /// Rows of the layout.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Rows of the folded view.
    pub fn len(&self) -> usize {
        self.total - self.hidden + self.folds.len()
    }

    /// Whether the view has no rows at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The folds, in order.
    pub fn folds(&self) -> &[Fold] {
        &self.folds
    }

    /// Layout rows hidden in folds, all together.
    pub fn hidden(&self) -> usize {
        self.hidden
    }

    /// The last fold starting at or before layout row `row`, if any.
    fn fold_before(&self, row: usize) -> Option<&Fold> {
        let i = self.folds.partition_point(|f| f.start <= row);
        i.checked_sub(1).map(|i| &self.folds[i])
    }

    /// What view row `view` shows; `None` past the last.
    pub fn at(&self, view: usize) -> Option<ViewRow> {
        if view >= self.len() {
            return None;
        }
        let i = self.folds.partition_point(|f| f.view <= view);
        Some(match i.checked_sub(1).map(|i| self.folds[i]) {
            None => ViewRow::Row(view),
            Some(f) if f.view == view => ViewRow::Fold(f),
            Some(f) => ViewRow::Row(f.end + (view - f.view - 1)),
        })
    }

    /// The view row showing layout row `row`: its own, or the fold hiding it. (A row past the
    /// layout's last is as far past the view's last.)
    pub fn view_of(&self, row: usize) -> usize {
        match self.fold_before(row) {
            None => row,
            Some(f) if row < f.end => f.view,
            Some(f) => f.view + 1 + (row - f.end),
        }
    }

    /// The fold hiding layout row `row`, if one does.
    pub fn fold_of(&self, row: usize) -> Option<Fold> {
        self.fold_before(row).filter(|f| row < f.end).copied()
    }

    /// The first layout row view row `view` shows (a fold's first hidden row); the layout's
    /// row count past the view's last row.
    pub fn first_row(&self, view: usize) -> usize {
        match self.at(view) {
            Some(ViewRow::Row(r)) => r,
            Some(ViewRow::Fold(f)) => f.start,
            None => self.total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Whether layout row `row` must stay visible.
    fn kept(keep: &[Range<usize>], row: usize) -> bool {
        keep.iter().any(|r| r.contains(&row))
    }

    #[test]
    fn nothing_to_keep_folds_everything_into_one_row() {
        let f = Folds::new(100, []);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f.at(0),
            Some(ViewRow::Fold(Fold {
                start: 0,
                end: 100,
                view: 0
            }))
        );
        assert_eq!(f.at(1), None);
        assert_eq!(f.view_of(57), 0);
        assert_eq!(f.first_row(1), 100);
        // Too short to fold: left as it is.
        let f = Folds::new(MIN_FOLDED - 1, []);
        assert_eq!((f.len(), f.hidden()), (MIN_FOLDED - 1, 0));
        assert_eq!(Folds::new(0, []).len(), 0);
    }

    #[test]
    fn a_hotspot_with_its_context_between_two_folds() {
        // A hotspot on rows 50 and 51 of 100, with three rows of context each way.
        let keep = around(50..52, 100);
        assert_eq!(keep, 47..55);
        let f = Folds::new(100, [keep]);
        // Fold 0..47, rows 47..55, fold 55..100.
        assert_eq!(f.len(), 1 + 8 + 1);
        assert_eq!(f.hidden(), 47 + 45);
        assert_eq!(
            f.at(0),
            Some(ViewRow::Fold(Fold {
                start: 0,
                end: 47,
                view: 0
            }))
        );
        assert_eq!(f.at(1), Some(ViewRow::Row(47)));
        assert_eq!(f.at(4), Some(ViewRow::Row(50)));
        assert_eq!(f.at(8), Some(ViewRow::Row(54)));
        assert_eq!(
            f.at(9),
            Some(ViewRow::Fold(Fold {
                start: 55,
                end: 100,
                view: 9
            }))
        );
        assert_eq!(f.view_of(50), 4);
        assert_eq!(f.view_of(99), 9);
        assert_eq!(f.fold_of(46).map(|f| f.rows()), Some(0..47));
        assert_eq!(f.fold_of(47), None);
        // Near the start, the context is cut at row 0; a gap of fewer rows than a fold stays.
        let f = Folds::new(20, [around(1..2, 20), around(9..10, 20)]);
        assert_eq!(f.folds().len(), 1, "{f:?}");
        assert_eq!(f.folds()[0].rows(), 13..20);
        assert_eq!(f.len(), 14);
    }

    #[test]
    fn without_folds_the_view_is_the_layout() {
        let f = Folds::none(30);
        assert_eq!(f.len(), 30);
        for r in 0..30 {
            assert_eq!(f.view_of(r), r);
            assert_eq!(f.at(r), Some(ViewRow::Row(r)));
            assert_eq!(f.first_row(r), r);
        }
        // Keeping everything folds nothing.
        assert_eq!(Folds::new(30, std::iter::once(0..30)), f);
    }

    /// Folding a book's layout (a hundred thousand rows, fifty thousand hotspots) takes a few
    /// milliseconds, and a lookup none to speak of.
    #[test]
    fn a_book_folds_at_once() {
        let total = 2_000_000;
        let keep: Vec<Range<usize>> = (0..50_000)
            .map(|i| around(i * 40..i * 40 + 2, total))
            .collect();
        let start = std::time::Instant::now();
        let f = Folds::new(total, keep);
        let built = start.elapsed();
        assert_eq!(f.folds().len(), 50_000);
        let start = std::time::Instant::now();
        let mut sum = 0;
        for v in 0..100_000 {
            sum += f.first_row(v) + f.view_of(v * 7);
        }
        let looked = start.elapsed();
        assert!(sum > 0);
        assert!(built.as_millis() < 100, "built in {built:?}");
        assert!(looked.as_millis() < 100, "200,000 lookups in {looked:?}");
    }

    fn ranges() -> impl Strategy<Value = (usize, Vec<Range<usize>>)> {
        (0usize..200).prop_flat_map(|total| {
            let range = (0..total + 5, 0usize..12).prop_map(|(s, l)| s..s + l);
            (Just(total), prop::collection::vec(range, 0..12))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// The mapping is monotone, keeps every row that must stay visible, folds only runs of
        /// at least `MIN_FOLDED` rows free to fold (and every such run), and goes from view to
        /// layout and back to the same row.
        #[test]
        fn the_folded_view_keeps_what_it_must_and_maps_both_ways((total, keep) in ranges()) {
            let f = Folds::new(total, keep.clone());
            // Monotone, one step at a time: each layout row is on the view row of the row
            // before it or the next.
            let mut last = None;
            for r in 0..total {
                let v = f.view_of(r);
                if let Some(last) = last {
                    prop_assert!(v == last || v == last + 1, "row {r}: {last} then {v}");
                }
                last = Some(v);
                // What must stay visible is shown as itself.
                if kept(&keep, r) {
                    prop_assert_eq!(f.at(v), Some(ViewRow::Row(r)));
                    prop_assert_eq!(f.fold_of(r), None);
                }
            }
            prop_assert_eq!(last.map_or(0, |v| v + 1), f.len());
            // Folds hide only rows free to fold, at least `MIN_FOLDED` of them, never two folds
            // side by side.
            for (i, fold) in f.folds().iter().enumerate() {
                prop_assert!(fold.rows().len() >= MIN_FOLDED);
                prop_assert!(fold.rows().all(|r| !kept(&keep, r)));
                if let Some(next) = f.folds().get(i + 1) {
                    prop_assert!(next.start > fold.end);
                }
            }
            // Every run of rows free to fold that is long enough is folded.
            let mut run = 0;
            for r in 0..=total {
                if r < total && !kept(&keep, r) && f.fold_of(r).is_none() {
                    run += 1;
                    prop_assert!(run < MIN_FOLDED, "rows {}..={r} could fold", r + 1 - run);
                } else {
                    run = 0;
                }
            }
            // Round trip: view → layout → view.
            let mut shown = 0;
            for v in 0..f.len() {
                match f.at(v) {
                    Some(ViewRow::Row(r)) => {
                        prop_assert_eq!(f.view_of(r), v);
                        prop_assert_eq!(f.first_row(v), r);
                        shown += 1;
                    }
                    Some(ViewRow::Fold(fold)) => {
                        prop_assert_eq!(fold.view, v);
                        prop_assert!(fold.rows().all(|r| f.view_of(r) == v));
                        prop_assert_eq!(f.first_row(v), fold.start);
                        shown += fold.rows().len();
                    }
                    None => prop_assert!(false, "view row {v} of {} shows nothing", f.len()),
                }
            }
            prop_assert_eq!(shown, total);
            prop_assert_eq!(f.at(f.len()), None);
            prop_assert_eq!(f.first_row(f.len()), total);
            prop_assert_eq!(f.hidden() + f.len(), total + f.folds().len());
        }
    }
}
