//! The JSON form of a report: compact, with every control and format character escaped.

use crate::text::chars::is_hidden;
use serde::Serialize;
use std::fmt::Write as _;

/// Compact JSON for `value`, with every control and format character escaped as `\uXXXX`
/// (serde_json leaves DEL, C1 controls, bidi controls and zero-width characters raw).
pub fn to_json<T: Serialize>(value: &T) -> String {
    let raw = serde_json::to_string(value).unwrap_or_else(|e| format!("\"{e}\""));
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0;
    for (i, c) in raw.char_indices() {
        if is_hidden(c) {
            out.push_str(&raw[copied..i]);
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
            copied = i + c.len_utf8();
        }
    }
    out.push_str(&raw[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_serde_json_leaves_raw() {
        let json = to_json(&"a\u{1b}[2J\u{85}\u{202e}\u{200b}b\u{1F600}");
        assert_eq!(json, "\"a\\u001b[2J\\u0085\\u202e\\u200bb\u{1F600}\"");
        assert!(!json.chars().any(is_hidden));
    }
}
