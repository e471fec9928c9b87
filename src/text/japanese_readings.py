#!/usr/bin/env python3
"""Generates japanese_readings.rs: the Japanese readings of each kanji, in hiragana, from the
Unicode Han Database (Unihan) fields kJapaneseKun and kJapaneseOn.

    python3 src/text/japanese_readings.py Unihan_Readings.txt Unihan_OtherMappings.txt \
        > src/text/japanese_readings.rs && cargo fmt

Unihan writes the readings in romaji (`NANI NANZO`, `KOU KYOU`); they are turned into
hiragana here (kun and on alike: the comparison folds katakana to hiragana anyway). Only
characters the JIS X 0208 or JIS X 0213 character sets hold are kept (kJis0, kJis1,
kJIS0213 in Unihan_OtherMappings.txt, given as the second argument), which is every kanji of
printed Japanese text and keeps the table small.
"""
import sys

from unihan_variants import load, version_of  # beside this file

KANA = {
    "a": "あ", "i": "い", "u": "う", "e": "え", "o": "お",
    "ka": "か", "ki": "き", "ku": "く", "ke": "け", "ko": "こ",
    "ga": "が", "gi": "ぎ", "gu": "ぐ", "ge": "げ", "go": "ご",
    "sa": "さ", "shi": "し", "su": "す", "se": "せ", "so": "そ",
    "za": "ざ", "ji": "じ", "zu": "ず", "ze": "ぜ", "zo": "ぞ",
    "ta": "た", "chi": "ち", "tsu": "つ", "te": "て", "to": "と",
    "da": "だ", "di": "ぢ", "du": "づ", "de": "で", "do": "ど",
    "na": "な", "ni": "に", "nu": "ぬ", "ne": "ね", "no": "の",
    "ha": "は", "hi": "ひ", "fu": "ふ", "he": "へ", "ho": "ほ",
    "ba": "ば", "bi": "び", "bu": "ぶ", "be": "べ", "bo": "ぼ",
    "pa": "ぱ", "pi": "ぴ", "pu": "ぷ", "pe": "ぺ", "po": "ぽ",
    "ma": "ま", "mi": "み", "mu": "む", "me": "め", "mo": "も",
    "ya": "や", "yu": "ゆ", "yo": "よ",
    "ra": "ら", "ri": "り", "ru": "る", "re": "れ", "ro": "ろ",
    "wa": "わ", "wi": "ゐ", "we": "ゑ", "wo": "を",
    "kya": "きゃ", "kyu": "きゅ", "kyo": "きょ", "gya": "ぎゃ", "gyu": "ぎゅ", "gyo": "ぎょ",
    "sha": "しゃ", "shu": "しゅ", "sho": "しょ", "ja": "じゃ", "ju": "じゅ", "jo": "じょ",
    "cha": "ちゃ", "chu": "ちゅ", "cho": "ちょ", "nya": "にゃ", "nyu": "にゅ", "nyo": "にょ",
    "hya": "ひゃ", "hyu": "ひゅ", "hyo": "ひょ", "bya": "びゃ", "byu": "びゅ", "byo": "びょ",
    "pya": "ぴゃ", "pyu": "ぴゅ", "pyo": "ぴょ", "mya": "みゃ", "myu": "みゅ", "myo": "みょ",
    "rya": "りゃ", "ryu": "りゅ", "ryo": "りょ",
}


def hiragana(romaji):
    """The hiragana of one reading, or None if it is not plain romaji."""
    s = romaji.lower()
    out = ""
    i = 0
    while i < len(s):
        if s[i] == "n" and (i + 1 == len(s) or s[i + 1] not in "aiueoy"):
            out += "ん"
            i += 1
            continue
        if i + 1 < len(s) and s[i] == s[i + 1] and s[i] not in "aiueon":
            out += "っ"
            i += 1
            continue
        for n in (3, 2, 1):
            if s[i:i + n] in KANA:
                out += KANA[s[i:i + n]]
                i += n
                break
        else:
            return None
    return out


def main(readings_path, mappings_path):
    version = version_of(mappings_path)
    jis = {c for c, field, _ in load(mappings_path) if field in ("kJis0", "kJis1", "kJIS0213")}
    readings = {}
    for c, field, value in load(readings_path):
        if field not in ("kJapaneseKun", "kJapaneseOn") or c not in jis:
            continue
        for word in value.split():
            kana = hiragana(word)
            if kana:
                readings.setdefault(c, [])
                if kana not in readings[c]:
                    readings[c].append(kana)
    out = sys.stdout
    out.write("//! The Japanese readings of each kanji of JIS X 0208 and 0213 in hiragana (`何`: なに\n")
    out.write("//! なんぞ いずく か が), generated from the Unicode Han Database %s (kJapaneseKun,\n" % version)
    out.write("//! kJapaneseOn) by `japanese_readings.py` beside this file. Unicode License v3. Do not\n")
    out.write("//! edit: run the generator.\n\n")
    out.write("/// (kanji, its readings separated by spaces), sorted by the kanji.\n")
    out.write("pub(crate) const READINGS: &[(char, &str)] = &[\n")
    for c in sorted(readings):
        out.write("    ('%s', \"%s\"),\n" % (c, " ".join(readings[c])))
    out.write("];\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
