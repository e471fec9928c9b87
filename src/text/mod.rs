//! Text as characters and cells, shared by every layer: what kind of character a character is
//! ([`chars`]), how many terminal columns text takes ([`width`]), how untrusted text is made
//! safe to print ([`sanitize`]), which scripts and language a text is written in
//! ([`script`]), and where sentences and clauses end ([`sentence`]). Nothing here knows about
//! sources, comparisons or terminals.

pub mod chars;
pub mod fold;
pub(crate) mod japanese_readings;
pub mod sanitize;
pub mod script;
pub mod sentence;
mod unihan_variants;
mod variant_tables;
pub mod width;
