//! Decoding bytes of unknown encoding to text.
//!
//! Decoding follows the byte-order mark when there is one (UTF-8, UTF-16LE/BE); otherwise valid
//! UTF-8 is UTF-8, a file whose lines are each UTF-8 or in one legacy encoding is decoded
//! line by line, and anything else is detected with `chardetng` (GB18030/GBK, Big5,
//! Shift_JIS, EUC-KR, windows-125x …) and decoded with `encoding_rs`. Text that is UTF-8 but
//! for a few broken bytes stays UTF-8, with U+FFFD in their place and a warning. Data that is
//! not text is refused with the reason ([`Binary`]).

use super::error::Binary;

/// Text holds at most one character in `ODD_SHARE` that no text uses (a control character
/// other than layout and ESC, or an undecodable byte); more makes it binary.
const ODD_SHARE: usize = 10;
/// UTF-16 without a byte-order mark is recognised from this many bytes on (shorter data says
/// too little).
const UTF16_MIN_BYTES: usize = 32;
/// Up to this many odd characters are tolerated whatever the text's length.
const ODD_ALLOWED: usize = 8;

/// Decoded text with the name of its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, byte-order mark excluded.
    pub text: String,
    /// The encoding's name.
    pub encoding: &'static str,
    /// Problems met while decoding.
    pub warnings: Vec<String>,
}

/// Decodes bytes of unknown encoding. Fails only for data that is not text: NUL bytes
/// outside UTF-16, or mostly control characters and undecodable bytes once decoded.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Binary> {
    let decoded = decode_text(bytes)?;
    // Text may hold a few controls (escape sequences are kept and shown): more than one
    // character in ODD_SHARE that no text uses means this is not text.
    let odd = decoded
        .text
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1b}'))
                || c == '\u{FFFD}'
        })
        .count();
    let total = decoded.text.chars().count();
    if odd > ODD_ALLOWED && odd * ODD_SHARE > total {
        return Err(Binary::Controls {
            percent: odd * 100 / total,
        });
    }
    Ok(decoded)
}

fn decode_text(bytes: &[u8]) -> Result<Decoded, Binary> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(Decoded {
            warnings: invalid_warning(errors, &text, encoding.name()),
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    if bytes.contains(&0) {
        // ASCII-heavy UTF-16 without a byte-order mark is full of NUL bytes: take it as UTF-16
        // when one byte order gives text, else it is binary.
        return utf16_without_bom(bytes).ok_or(Binary::Nul);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
            warnings: Vec::new(),
        });
    }
    // Mostly UTF-8 with a few broken bytes (at most one character in ODD_SHARE) stays UTF-8.
    let (lossy, _) = encoding_rs::UTF_8.decode_without_bom_handling(bytes);
    let broken = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
    if broken * ODD_SHARE <= lossy.chars().count() {
        return Ok(Decoded {
            warnings: invalid_warning(true, &lossy, "UTF-8"),
            text: lossy.into_owned(),
            encoding: "UTF-8",
        });
    }
    if let Some(mixed) = line_by_line(bytes) {
        return Ok(mixed);
    }
    let encoding = detected(bytes);
    let (text, errors) = encoding.decode_without_bom_handling(bytes);
    let name = display_name(encoding);
    let mut warnings = invalid_warning(errors, &text, name);
    warnings.extend(mixed_warning(bytes, name));
    Ok(Decoded {
        warnings,
        text: text.into_owned(),
        encoding: name,
    })
}

/// The legacy encoding `chardetng` takes `bytes` for (GBK read as its superset GB18030).
fn detected(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    if encoding == encoding_rs::GBK {
        // GB18030 is a superset of GBK and decodes everything GBK does.
        encoding_rs::GB18030
    } else {
        encoding
    }
}

/// An encoding's name as reports give it.
fn display_name(encoding: &'static encoding_rs::Encoding) -> &'static str {
    match encoding.name() {
        "gb18030" => "GB18030",
        other => other,
    }
}

/// A file pasted together from two encodings, decoded line by line: when some lines are
/// UTF-8 with characters beyond ASCII and every other line decodes without error in the one
/// legacy encoding their bytes are detected as (GB18030, Big5, Shift_JIS …), each line is
/// decoded in its own, with a warning that says so.
fn line_by_line(bytes: &[u8]) -> Option<Decoded> {
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let utf8 = |line: &[u8]| std::str::from_utf8(line).is_ok();
    let (wide, other): (Vec<&[u8]>, Vec<&[u8]>) = lines
        .iter()
        .filter(|l| !l.is_ascii())
        .partition(|l| utf8(l));
    if wide.is_empty() || other.is_empty() {
        return None;
    }
    let legacy = detected(&other.concat());
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for line in &lines {
        match std::str::from_utf8(line) {
            Ok(s) => text.push_str(s),
            Err(_) => {
                text.push_str(&legacy.decode_without_bom_handling_and_without_replacement(line)?)
            }
        }
    }
    let name = display_name(legacy);
    Some(Decoded {
        text,
        encoding: "UTF-8",
        warnings: vec![format!(
            "mixed encodings: {} lines are UTF-8, {} are {name}; each line decoded in its own",
            wide.len(),
            other.len()
        )],
    })
}

/// A warning when some lines are UTF-8 (with characters beyond ASCII) while the file as a whole
/// was decoded as `encoding`: a file pasted together from two encodings reads right only in
/// part.
fn mixed_warning(bytes: &[u8], encoding: &str) -> Option<String> {
    let (mut utf8, mut other) = (0, 0);
    for line in bytes.split(|&b| b == b'\n') {
        if line.is_ascii() {
            continue;
        }
        if std::str::from_utf8(line).is_ok() {
            utf8 += 1;
        } else {
            other += 1;
        }
    }
    (utf8 > 0 && other > 0).then(|| {
        format!(
            "mixed encodings: {utf8} lines are UTF-8, {other} are not; all decoded as {encoding}"
        )
    })
}

/// UTF-16 without a byte-order mark, in the byte order its zero high bytes point to, if that
/// decoding is text: no unpaired surrogate, and controls (other than layout) at most one
/// character in [`ODD_SHARE`].
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if !bytes.len().is_multiple_of(2) || bytes.len() < UTF16_MIN_BYTES {
        return None;
    }
    // ASCII and Latin characters have a zero high byte: it comes second in little-endian
    // order, first in big-endian.
    let zeros = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    // Text has its NUL bytes at one parity only (binary data has them everywhere), and many
    // of them: at least one code unit in four is ASCII or Latin.
    let (high, other, (encoding, name)) = if zeros(1) >= zeros(0) {
        (zeros(1), zeros(0), (encoding_rs::UTF_16LE, "UTF-16LE"))
    } else {
        (zeros(0), zeros(1), (encoding_rs::UTF_16BE, "UTF-16BE"))
    };
    if other > 0 || high * 4 < bytes.len() / 2 {
        return None;
    }
    let (text, errors) = encoding.decode_without_bom_handling(bytes);
    let total = text.chars().count();
    let odd = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .count();
    (!errors && total > 0 && odd * ODD_SHARE <= total).then(|| Decoded {
        text: text.into_owned(),
        encoding: name,
        warnings: vec![format!("no byte-order mark: detected as {name}")],
    })
}

pub(crate) fn invalid_warning(errors: bool, text: &str, encoding: &str) -> Vec<String> {
    if !errors {
        return Vec::new();
    }
    let n = text.chars().filter(|&c| c == '\u{FFFD}').count();
    vec![format!(
        "{n} invalid {encoding} byte sequence{} replaced by U+FFFD",
        if n == 1 { "" } else { "s" }
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("中文".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("中文", "UTF-8"));
        let d = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("abc", "UTF-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "中央外事".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("中央外事", "UTF-16LE"));
    }

    #[test]
    fn legacy_chinese_encodings_are_detected() {
        let text = "中央外事工作会议在北京举行。习近平出席会议并发表重要讲话，深刻阐述新征程对外工作面临的国际环境。";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let d = decode(&gb).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "GB18030"));
        let traditional = "中央外事工作會議在北京舉行。習近平出席會議並發表重要講話，深刻闡述新征程對外工作面臨的國際環境。";
        let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
        let d = decode(&big5).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (traditional, "Big5"));
    }

    #[test]
    fn broken_utf8_keeps_utf8_with_a_warning() {
        let mut bytes = "中央外事工作会议在北京举行".as_bytes().to_vec();
        bytes.insert(6, 0xFF);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "中央\u{FFFD}外事工作会议在北京举行");
        assert_eq!(
            d.warnings,
            ["1 invalid UTF-8 byte sequence replaced by U+FFFD"]
        );
    }

    #[test]
    fn utf16_without_bom_is_detected_by_its_byte_order() {
        let text = "The report, 2023年12月28日.\nLine two.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE"));
        assert_eq!(d.warnings, ["no byte-order mark: detected as UTF-16LE"]);
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE"));
    }

    #[test]
    fn half_gbk_half_utf8_is_decoded_with_a_warning() {
        let (gbk, _, _) =
            encoding_rs::GBK.encode("中央外事工作会议在北京举行。习近平出席会议并发表重要讲话。");
        let mut bytes = gbk.into_owned();
        bytes.push(b'\n');
        bytes.extend("深刻阐述新征程对外工作面临的国际环境和肩负的历史使命。\n".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(
            d.warnings,
            ["mixed encodings: 1 lines are UTF-8, 1 are GB18030; each line decoded in its own"]
        );
        // Both halves read as they were written.
        assert_eq!(
            d.text,
            "中央外事工作会议在北京举行。习近平出席会议并发表重要讲话。\n\
             深刻阐述新征程对外工作面临的国际环境和肩负的历史使命。\n"
        );
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"abc\0def").unwrap_err(), Binary::Nul);
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 37 % 31 + 1) as u8).collect();
        assert!(matches!(
            decode(&noise).unwrap_err(),
            Binary::Controls { percent: 80 }
        ));
        // Escape sequences alone do not make text binary.
        assert!(decode("\u{1b}[2J\u{1b}]0;title\u{7}".repeat(50).as_bytes()).is_ok());
    }
}
