//! Japanese spelling told from wording, by reading: a word in kanji against the same word in
//! kana (`何` / `なん`, `一旦` / `いったん`), read from each kanji's Japanese readings
//! ([`crate::text::japanese_readings`], from Unihan), and okurigana written or left out
//! (`向う` / `向こう`, `気持` / `気持ち`), alone or together in one change
//! ([`same_spelling`]). The caller passes how historical spelling is read in modern spelling.

use crate::text::chars::is_han;
use crate::text::fold::kana;
use crate::text::japanese_readings::READINGS;

/// Kana that are words of their own after a noun (particles, the plural `ら`): never taken
/// for okurigana.
const PARTICLES: &[&str] = &[
    "の", "が", "を", "に", "へ", "と", "は", "も", "で", "や", "か", "ね", "よ", "ら", "な",
];

/// Hiragana for a katakana (`ア` → `あ`), else the character.
fn hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// The readings of `c` in keys (small kana large), or none.
fn readings_of(c: char) -> impl Iterator<Item = Vec<char>> {
    let found = READINGS
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .map(|i| READINGS[i].1);
    found
        .into_iter()
        .flat_map(|r| r.split(' '))
        .map(|r| r.chars().map(kana).collect())
}

/// The ways kanji `w` can be read at a place: each of its readings, and where kana follow it
/// (`kana_next`) any stem of one (`見` before `る` as `み`), else, as the last of a word
/// (`last`), a stem of two kana at least (`何` as `なん` of `なんぞ`); one before another
/// kanji may end in the doubled consonant (`一` as `いっ`, `つ` in keys).
fn forms(
    w: char,
    kana_next: bool,
    last: bool,
    modern: &impl Fn(&[char]) -> Vec<char>,
) -> Vec<Vec<char>> {
    let mut out = Vec::new();
    for reading in readings_of(w) {
        let reading = modern(&reading);
        if !last && !kana_next && matches!(reading.last(), Some('つ' | 'ち' | 'く' | 'き')) {
            let mut doubled = reading.clone();
            doubled.pop();
            doubled.push('つ');
            out.push(doubled);
        }
        let shortest = if kana_next {
            1
        } else if last {
            2
        } else {
            reading.len()
        };
        for n in shortest..reading.len() {
            out.push(reading[..n].to_vec());
        }
        out.push(reading);
    }
    out
}

/// Whether `x` and `y` are one text in two spellings: equal characters, a kanji on one side
/// read in kana on the other ([`forms`]: `何` / `なん`, `一旦` / `いったん`, `云ふ事` /
/// `いうこと`), okurigana one side writes and the other leaves out ([`okurigana`]: `気持` /
/// `気持ち`). `before` is the character before both (equal text), `after` the character after
/// each. `modern` reads historical spelling in modern spelling;
/// both sides are read so, kanji untouched, small kana as large and katakana as hiragana.
pub fn same_spelling(
    x: &[char],
    y: &[char],
    before: Option<char>,
    after: (Option<char>, Option<char>),
    modern: impl Fn(&[char]) -> Vec<char>,
) -> bool {
    let han = |s: &[char]| s.iter().any(|&c| is_han(c));
    if x.len() > 16 || y.len() > 16 || !(han(x) || han(y) || before.is_some_and(is_han)) || x == y {
        return false;
    }
    let hiragana_next = |c: Option<char>| c.is_some_and(|c| matches!(c, '\u{3041}'..='\u{3096}'));
    let okuri_follows = (hiragana_next(after.0), hiragana_next(after.1));
    // Read with the character before (historical `ふ` is `う` only inside a word).
    let plain = |s: &[char]| -> Vec<char> {
        let with: Vec<char> = before
            .into_iter()
            .chain(s.iter().copied())
            .map(|c| kana(hiragana(c)))
            .collect();
        let read = modern(&with);
        if before.is_some() && !read.is_empty() {
            read[1..].to_vec()
        } else {
            read
        }
    };
    let (x, y) = (plain(x), plain(y));
    let (n, m) = (x.len(), y.len());
    let mut reach = vec![vec![false; m + 1]; n + 1];
    reach[0][0] = true;
    for i in 0..=n {
        for j in 0..=m {
            if !reach[i][j] {
                continue;
            }
            let mark = |a: usize, b: usize, reach: &mut Vec<Vec<bool>>| reach[a][b] = true;
            if i < n && j < m && x[i] == y[j] {
                mark(i + 1, j + 1, &mut reach);
            }
            // A kanji on one side read in kana (or kanji and kana) on the other.
            for (a, b, i, j, follows, flip) in [
                (&x, &y, i, j, okuri_follows.0, false),
                (&y, &x, j, i, okuri_follows.1, true),
            ] {
                let Some(&w) = a.get(i).filter(|&&c| is_han(c)) else {
                    continue;
                };
                let kana_next = a.get(i + 1).map_or(follows, |&c| !is_han(c));
                for f in forms(w, kana_next, i + 1 == a.len(), &modern) {
                    if b[j..].starts_with(&f) {
                        let (p, q) = (i + 1, j + f.len());
                        if flip {
                            mark(q, p, &mut reach)
                        } else {
                            mark(p, q, &mut reach)
                        }
                    }
                }
            }
            // Okurigana one side has after a kanji both have just read alike.
            for (a, i, j, next, flip) in [(&x, i, j, after.0, false), (&y, j, i, after.1, true)] {
                let prev = if i > 0 { a.get(i - 1).copied() } else { before };
                for len in 1..=2 {
                    if i + len <= a.len()
                        && okurigana(prev, &a[i..i + len], a.get(i + len).copied().or(next))
                    {
                        if flip {
                            mark(j, i + len, &mut reach)
                        } else {
                            mark(i + len, j, &mut reach)
                        }
                    }
                }
            }
        }
    }
    reach[n][m]
}

/// Whether `inserted` (what one side has and the other lacks, between `before` and `after`)
/// is okurigana: one or two hiragana right after a kanji, where a reading of the kanji holds
/// them after its first kana (`分`+`か`: `わかる`; `少`+`な`: `すくない`), or, not a
/// particle, before more kana (`向`+`こ`+`う`).
pub fn okurigana(before: Option<char>, inserted: &[char], after: Option<char>) -> bool {
    let hiragana = |c: char| matches!(c, '\u{3041}'..='\u{3096}');
    let Some(kanji) = before.filter(|&c| is_han(c)) else {
        return false;
    };
    if !(1..=2).contains(&inserted.len()) || !inserted.iter().all(|&c| hiragana(c)) {
        return false;
    }
    let inserted: Vec<char> = inserted.iter().map(|&c| kana(c)).collect();
    let read = readings_of(kanji).any(|r| (1..r.len()).any(|k| r[k..].starts_with(&inserted)));
    let word: String = inserted.iter().collect();
    read || (after.is_some_and(hiragana) && !PARTICLES.contains(&word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn reads(w: &str, k: &str) -> bool {
        same_spelling(&chars(w), &chars(k), None, (None, None), |x| x.to_vec())
    }

    #[test]
    fn kanji_against_kana_by_their_readings() {
        assert!(reads("何", "なん"));
        assert!(reads("何", "なに"));
        assert!(reads("事", "こと"));
        assert!(reads("一旦", "いったん"));
        assert!(reads("勿論", "もちろん"));
        let seen = |after| {
            same_spelling(&chars("見"), &chars("み"), None, (after, after), |x| {
                x.to_vec()
            })
        };
        assert!(seen(Some('る')) && !seen(None));
        // Okurigana alone, after the kanji both have.
        let okuri = |x: &str, y: &str, before, after| {
            same_spelling(&chars(x), &chars(y), Some(before), (after, after), |x| {
                x.to_vec()
            })
        };
        assert!(okuri("", "こ", '向', Some('う')));
        assert!(!okuri("", "が", '私', Some('い')));
        // Okurigana and a kanji read in kana in one change.
        assert!(reads("気持が何", "気持ちがなん"));
        assert!(reads("丁寧", "ていねい"));
        assert!(reads("兎に角", "とにかく"));
        assert!(reads("風", "フウ"));
        // Not a reading of the kanji; one kana of a reading is no stem.
        assert!(!reads("何", "いつ"));
        assert!(!reads("風", "か"));
        assert!(!reads("事", "ことば"));
        assert!(!reads("なに", "なに"));
        assert!(!reads("何が", "なにを"));
    }

    #[test]
    fn okurigana_but_not_particles() {
        assert!(okurigana(Some('向'), &chars("こ"), Some('う')));
        assert!(okurigana(Some('持'), &chars("ち"), Some('が')));
        assert!(!okurigana(Some('山'), &chars("の"), Some('う')));
        assert!(!okurigana(Some('彼'), &chars("ら"), Some('は')));
        assert!(okurigana(Some('分'), &chars("か"), Some('る')));
        assert!(okurigana(Some('少'), &chars("な"), Some('く')));
        assert!(okurigana(Some('持'), &chars("ち"), Some('。')));
        assert!(!okurigana(Some('私'), &chars("が"), Some('い')));
        assert!(!okurigana(Some('何'), &chars("か"), Some('が')));
        assert!(!okurigana(Some('あ'), &chars("こ"), Some('う')));
        assert!(!okurigana(Some('向'), &chars("こ"), Some('。')));
    }
}
