//! Grams of comparison keys: every run of `N` consecutive keys of a text, hashed as the text
//! is read (a rolling polynomial hash, one multiplication and one subtraction a key).
//!
//! The alignment's anchors ([`crate::engine::align`]) sample these grams and pair the ones
//! both texts have once; the moves ([`crate::engine::moves`]) index every gram of one side's
//! one-sided texts and look up the other side's. Equal grams have equal hashes; unequal ones
//! may share a hash, so both check the keys of a gram they pair.

/// The base of the polynomial hash (the FNV prime: odd, with bits spread over the word).
const BASE: u64 = 0x0000_0100_0000_01b3;

/// The hash of every `N`-gram of `keys` with its start position, in the order of the text
/// (none when `keys` is shorter than `N`).
pub fn grams<const N: usize>(keys: &[char]) -> impl Iterator<Item = (usize, u64)> + '_ {
    const { assert!(N > 0, "a gram has at least one key") };
    let top = (1..N).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut hash = 0u64;
    keys.iter().enumerate().filter_map(move |(i, &c)| {
        if i >= N {
            hash = hash.wrapping_sub((keys[i - N] as u64 + 1).wrapping_mul(top));
        }
        hash = hash.wrapping_mul(BASE).wrapping_add(c as u64 + 1);
        (i + 1 >= N).then(|| (i + 1 - N, hash))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn every_gram_is_hashed_by_its_keys_alone() {
        let text = keys("甲乙丙甲乙丙丁");
        let hashes: Vec<(usize, u64)> = grams::<3>(&text).collect();
        assert_eq!(
            hashes.iter().map(|&(p, _)| p).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
        // `甲乙丙` at 0 and at 3: one hash, whatever came before.
        assert_eq!(hashes[0].1, hashes[3].1);
        assert_eq!(grams::<3>(&keys("甲乙丙")).next(), Some((0, hashes[0].1)));
        assert_ne!(hashes[0].1, hashes[1].1);
        assert_eq!(grams::<8>(&keys("甲乙丙")).count(), 0);
    }
}
