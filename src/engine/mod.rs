//! The comparison engine: from decoded texts to hotspots and the apparatus.
//!
//! * [`markup`]: markup profiles (Markdown, Aozora, mandoku), detected or chosen per source;
//! * [`normalize`]: a comparison copy of each text without layout and markup, with comparison
//!   keys that fold code forms and variants, mapped back to the original;
//! * [`words`]: word boundaries (jieba for Han runs, UAX #29 for the rest);
//! * [`grams`]: rolling hashes of the runs of keys that the anchors and the moves seed from;
//! * [`align`]: anchors, then character differences in the gaps, made readable;
//! * [`boilerplate`]: lines one text repeats and the other never has (running titles,
//!   footers), read apart from the changes around them;
//! * [`classify`]: every difference as a hotspot with a class (wording, punctuation, spacing,
//!   form, variant, numbering, markup, invisible, boilerplate);
//! * [`hotspot`]: a difference with its kind and class, and the filter of classes;
//! * [`compare`]: the comparison of two texts, filtered, and similarity;
//! * [`moves`]: passages one text has at one place and the other at another;
//! * [`units`]: numbered units (articles, chapters, headings) and how two versions' pair up;
//! * [`collate`]: the apparatus of all sources against a base: variant places and readings;
//! * [`style`]: house style: reading pairs that recur (patterns), and the rules hiding them.
//!
//! The engine reads [`crate::text`] and [`crate::pair`] and nothing else of the crate: no
//! source loading, no report, no terminal (`tests/layering.rs` holds it to that).

pub mod align;
pub mod boilerplate;
pub mod classify;
pub mod collate;
pub mod compare;
pub mod grams;
pub mod hotspot;
pub mod markup;
pub mod moves;
pub mod normalize;
pub mod spelling;
pub mod style;
pub mod units;
pub mod words;
