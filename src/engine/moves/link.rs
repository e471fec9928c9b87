//! A move's two halves among the hotspots of the texts aligned again: the last stage of
//! [`linked`](super::linked).
//!
//! A space only one side has right beside a moved passage goes into the passage
//! ([`with_spaces`]), and the variants inside a passage are found by comparing its two
//! readings as texts of their own ([`inner_variants`]).

use crate::engine::align;
use crate::engine::classify;
use crate::engine::hotspot::{Class, Hotspot, Kind};
use crate::engine::normalize::Normalized;
use crate::pair::{Pair, Side};
use rustc_hash::FxHashSet;
use std::ops::Range;
use std::sync::Arc;

/// `hotspots` with a space that only one side has right beside a moved passage taken into the
/// passage (`} String.raw…`: once the passage is gone, the space stands between `}` and what
/// followed it, where it means nothing).
pub(super) fn with_spaces(
    hotspots: Vec<Hotspot>,
    places: &mut [Pair<Range<usize>>],
) -> Vec<Hotspot> {
    let (mut out, spaces) = spaces_beside(hotspots, places);
    // The spans the passages took in, where markup kept aside is now part of them.
    let mut absorbed: Vec<(Side, Range<usize>)> = Vec::new();
    for (side, space) in spaces {
        match taken_in(&mut out, places, side, &space) {
            Some(span) => absorbed.push((side, span)),
            None => {
                let at = out.partition_point(|h| {
                    (h.norm.left.start, h.norm.right.start)
                        < (space.norm.left.start, space.norm.right.start)
                });
                out.insert(at, space);
            }
        }
    }
    out.retain(|h| {
        !absorbed.iter().any(|(side, span)| {
            let sp = h.span.get(*side);
            h.norm.get(*side).is_empty()
                && matches!(h.class, Class::Markup | Class::Invisible)
                && sp.start >= span.start
                && sp.end <= span.end
                && sp != span
        })
    });
    out
}

/// `hotspots` apart from the one-sided spaces touching an edge of one of `places` on their
/// side, and those spaces, with their sides.
fn spaces_beside(
    hotspots: Vec<Hotspot>,
    places: &[Pair<Range<usize>>],
) -> (Vec<Hotspot>, Vec<(Side, Hotspot)>) {
    let edges: FxHashSet<(Side, usize)> = places
        .iter()
        .flat_map(|p| Side::BOTH.map(|side| (side, p.get(side).clone())))
        .flat_map(|(side, r)| [(side, r.start), (side, r.end)])
        .collect();
    let mut spaces: Vec<(Side, Hotspot)> = Vec::new();
    let mut out: Vec<Hotspot> = Vec::with_capacity(hotspots.len());
    for h in hotspots {
        let side = if h.kind == Kind::OnlyLeft {
            Side::Left
        } else {
            Side::Right
        };
        let r = h.norm.get(side);
        let beside = h.class == Class::Spacing
            && h.kind != Kind::Changed
            && r.len() == 1
            && (edges.contains(&(side, r.start)) || edges.contains(&(side, r.end)));
        if beside {
            spaces.push((side, h));
        } else {
            out.push(h);
        }
    }
    (out, spaces)
}

/// Takes `space`, text only `side` has, into the half of a passage of `places` that stands
/// right beside it on both sides with nothing between them: the half's hotspot in `out` and
/// its place widened over it. The span of the half, space and all; `None` if no half stands
/// there.
fn taken_in(
    out: &mut [Hotspot],
    places: &mut [Pair<Range<usize>>],
    side: Side,
    space: &Hotspot,
) -> Option<Range<usize>> {
    let s = space.norm.get(side).clone();
    let place = places.iter_mut().find(|p| {
        let r = p.get(side);
        r.start == s.end || r.end == s.start
    });
    // The half must stand right beside the space on the other side too, with nothing
    // between them.
    let across = space.norm.get(side.other()).start;
    let half = place.and_then(|p| {
        let r = p.get_mut(side);
        let found = out.iter_mut().find(|h| {
            h.kind == Kind::only(side)
                && h.norm.get(side) == r
                && h.norm.get(side.other()).start == across
        });
        if found.is_some() {
            *r = r.start.min(s.start)..r.end.max(s.end);
        }
        found
    })?;
    let (n, sp) = (half.norm.get_mut(side), half.span.get_mut(side));
    let ss = space.span.get(side);
    *n = n.start.min(s.start)..n.end.max(s.end);
    *sp = sp.start.min(ss.start)..sp.end.max(ss.end);
    Some(sp.clone())
}

/// The variants between the two readings of a moved passage (normalised ranges `ranges`):
/// the two compared as texts of their own, every hotspot placed back in the whole texts.
pub(super) fn inner_variants(
    norm: &Pair<Arc<Normalized>>,
    ranges: Pair<Range<usize>>,
) -> Vec<Hotspot> {
    let (left, lo) = norm.left.slice(ranges.left.clone());
    let (right, ro) = norm.right.slice(ranges.right.clone());
    let part = Pair::new(Arc::new(left), Arc::new(right));
    let changes = align::align(&part.left.keys, &part.right.keys);
    classify::hotspots(&part, changes)
        .into_iter()
        .map(|h| Hotspot {
            norm: Pair::new(
                h.norm.left.start + ranges.left.start..h.norm.left.end + ranges.left.start,
                h.norm.right.start + ranges.right.start..h.norm.right.end + ranges.right.start,
            ),
            span: Pair::new(
                h.span.left.start + lo..h.span.left.end + lo,
                h.span.right.start + ro..h.span.right.end + ro,
            ),
            ..h
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::engine::compare::{Comparison, compare};

    /// Hotspots in order on both sides, none overlapping another.
    fn assert_in_order(cmp: &Comparison) {
        for w in cmp.hotspots.windows(2) {
            assert!(
                w[0].norm.left.end <= w[1].norm.left.start
                    && w[0].norm.right.end <= w[1].norm.right.start,
                "{:?} then {:?}",
                w[0].norm,
                w[1].norm
            );
        }
    }

    #[test]
    fn a_space_is_taken_into_a_passage_only_right_beside_it() {
        // Found by a fuzzer: a one-sided space touching a passage's range on its own side,
        // with the other passage's empty half between them on the other side.
        let a = "<livisiable=\"false\">\n<f=\"list_le=\"false\"a>\n<iv isplay:none;\" cl";
        let b = "div isplay:none;\" cl list_le=\"false\">美a>\nis_visiable=\"false\">";
        assert_in_order(&compare(a, b));
        assert_in_order(&compare(b, a));
    }
}
