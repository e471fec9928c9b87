//! The row cache: rows laid out again from their starts when drawn, the recent ones kept (a
//! bounded map) so scrolling does not lay them out twice.

use super::row::Row;
use crate::pair::Side;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::Arc;
/// The rows drawn lately, so that a frame like the last one (a scroll by a row, a redraw)
/// lays out only what is new. Bounded: emptied when it holds [`ROW_CACHE`] rows.
#[derive(Default)]
pub(super) struct RowCache(pub(super) RefCell<FxHashMap<(Side, usize), Arc<Row>>>);

/// Most rows the cache holds (a few screens of the largest terminals).
pub(super) const ROW_CACHE: usize = 2048;

impl RowCache {
    pub(super) fn get_or_make(&self, key: (Side, usize), make: impl FnOnce() -> Row) -> Arc<Row> {
        if let Some(row) = self.0.borrow().get(&key) {
            return Arc::clone(row);
        }
        let row = Arc::new(make());
        let mut cache = self.0.borrow_mut();
        if cache.len() >= ROW_CACHE {
            cache.clear();
        }
        cache.insert(key, Arc::clone(&row));
        row
    }
}

impl Clone for RowCache {
    /// A copy starts empty: rows are made again on demand.
    fn clone(&self) -> Self {
        RowCache::default()
    }
}

impl std::fmt::Debug for RowCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RowCache({} rows)", self.0.borrow().len())
    }
}
