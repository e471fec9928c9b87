//! One value per side of a comparison.
//!
//! Everything that exists once for the left source and once for the right one (texts, spans,
//! names, scroll positions) is a [`Pair`], so no code is written twice as `left_*` / `right_*`
//! copies (the idea of delta's `MinusPlus`).

/// The side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The left (base) source.
    Left,
    /// The right source.
    Right,
}

impl Side {
    /// Both sides, left first.
    pub const BOTH: [Side; 2] = [Side::Left, Side::Right];

    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
}

/// A value for the left side and one for the right side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Pair<T> {
    /// The left side's value.
    pub left: T,
    /// The right side's value.
    pub right: T,
}

impl<T> Pair<T> {
    /// A pair from its two values.
    pub fn new(left: T, right: T) -> Self {
        Pair { left, right }
    }

    /// The value of one side.
    pub fn get(&self, side: Side) -> &T {
        match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        }
    }

    /// The value of one side, mutably.
    pub fn get_mut(&mut self, side: Side) -> &mut T {
        match side {
            Side::Left => &mut self.left,
            Side::Right => &mut self.right,
        }
    }

    /// Applies `f` to both values.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Pair<U> {
        Pair {
            left: f(self.left),
            right: f(self.right),
        }
    }

    /// Applies `f` to references to both values.
    pub fn as_ref(&self) -> Pair<&T> {
        Pair {
            left: &self.left,
            right: &self.right,
        }
    }

    /// Swaps the two sides.
    pub fn swapped(self) -> Self {
        Pair {
            left: self.right,
            right: self.left,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_map_and_swap() {
        let p = Pair::new(1, 2);
        assert_eq!(*p.get(Side::Left), 1);
        assert_eq!(*p.get(Side::Right), 2);
        assert_eq!(p.map(|x| x * 10), Pair::new(10, 20));
        assert_eq!(p.swapped(), Pair::new(2, 1));
        assert_eq!(Side::Left.other(), Side::Right);
    }
}
