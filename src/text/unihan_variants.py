#!/usr/bin/env python3
"""Generates unihan_variants.rs: rare variant ideographs and the one common character each
stands for, from the Unicode Han Database (Unihan).

    python3 src/text/unihan_variants.py Unihan_Variants.txt Unihan_OtherMappings.txt \
        Unihan_Readings.txt TSCharacters.txt TSCharactersEx.txt \
        > src/text/unihan_variants.rs && cargo fmt

The inputs are Unihan's own files (unicode.org/Public/UCD/latest/ucd/Unihan.zip, or Debian's
unicode-data package, /usr/share/unicode/*.bz2 uncompressed) and the traditional-to-simplified
character tables of sts-lib 0.24.0 (Danny Lin, Apache-2.0; `pip download sts-lib==0.24.0`,
`sts/data/dictionary/TSCharacters.txt` and `TSCharactersEx.txt`), which add the variant forms
the Table of General Standard Chinese Characters (通用规范汉字表, 2013) lists beside each
standard character. Rules:

* a pair is a kSemanticVariant or kZVariant of Unihan, unless every source cited for it says
  the two are used improperly one for the other (`:B` alone);
* where those fields give a rare character no common partner, a kDefinition that opens by
  naming the character it is a form of gives one: `(same as X)`, `(non-classical form of X)`,
  `(ancient form of X)`, `(a variant of X)`, `(standard form of X)`, `(abbreviated form of X)`
  (㣲: "(non-classical form of 微) small"); a definition that says so of one sense only, later
  in the text, is not taken;
* where neither gives one, sts-lib's tables do (虵 to 蛇);
* a character is common when GB 2312 (kGB0), Big Five level 1 (kBigFive A440-C67E) or the
  Joyo kanji list (kJoyoKanji) has it; two common characters are never folded (他 and 她,
  櫃 and 柜 are semantic variants in Unihan but different words, or OpenCC's business);
* a rare character is folded to its common variant when it has exactly one (甞 to 嘗,
  畧 to 略, 檝 to 楫); never to another rare one, so no chain joins two common characters.
"""
import re
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("U+"):
                cp, field, value = line.rstrip("\n").split("\t")
                yield chr(int(cp[2:], 16)), field, value


def version_of(path):
    """The Unicode version a Unihan file names in its header, or `?`."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"# Unicode version: (\S+)", line)
            if m:
                return m.group(1)
    return "?"


DEFINED = re.compile(
    r"\((?:same as standard form(?: of)?|same as non-classical form of|same as ancient form of|"
    r"same as|non-classical form of|an? ancient form of|ancient form of|a variant of|variant of|"
    r"standard form of|abbreviated form of)\s+(?:U\+([0-9A-F]+)\s*)?(\S)?"
)


def defined_partners(readings_path):
    """Rare character to the characters its kDefinition opens by calling it a form of."""
    partners = {}
    for c, field, value in load(readings_path):
        if field != "kDefinition":
            continue
        m = DEFINED.match(value)
        if not m:
            continue
        target = chr(int(m.group(1), 16)) if m.group(1) else m.group(2)
        if target and target != c and ord(target) >= 0x3400:
            partners.setdefault(c, set()).add(target)
    return partners


def opencc_entries(path):
    """Each one-character entry of an OpenCC-format table: the character and its candidates,
    in the table's order."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and len(parts[0]) == 1:
                yield parts[0], parts[1].split()


def table_partners(path):
    """Each character of an OpenCC-format table to the characters it converts to."""
    partners = {}
    for c, candidates in opencc_entries(path):
        partners.setdefault(c, set()).update(v for v in candidates if len(v) == 1 and v != c)
    return partners


def main(variants_path, mappings_path, readings_path, *sts_paths):
    common = set()
    version = version_of(mappings_path)
    for c, field, value in load(mappings_path):
        if field == "kGB0" or field == "kJoyoKanji":
            common.add(c)
        elif field == "kBigFive" and "A440" <= value[:4] <= "C67E":
            common.add(c)
    partners = {}
    for a, field, value in load(variants_path):
        if field not in ("kSemanticVariant", "kZVariant"):
            continue
        for item in value.split():
            m = re.match(r"U\+([0-9A-F]+)(?:<(.*))?", item)
            b = chr(int(m.group(1), 16))
            cited = m.group(2)
            if cited:
                tags = [s.split(":")[1] if ":" in s else "" for s in cited.split(",")]
                if all(tags) and all("B" in t and "T" not in t and "Z" not in t for t in tags):
                    continue
            for x, y in ((a, b), (b, a)):
                partners.setdefault(x, set()).add(y)
    defined = defined_partners(readings_path)
    sts = {}
    for path in sts_paths:
        for c, targets in table_partners(path).items():
            sts.setdefault(c, set()).update(targets)
    pairs = []
    for rare in sorted(set(partners) | set(defined) | set(sts)):
        if rare in common:
            continue
        for source in (partners, defined, sts):
            targets = sorted(v for v in source.get(rare, ()) if v in common)
            if targets:
                if len(targets) == 1:
                    pairs.append((rare, targets[0]))
                break
    pairs.sort()
    out = sys.stdout
    out.write("//! Rare variant ideographs and the common character each stands for (`甞` → `嘗`,\n")
    out.write("//! `畧` → `略`), generated from the Unicode Han Database %s (kSemanticVariant,\n" % version)
    out.write("//! kZVariant, kDefinition; Unicode License v3) and sts-lib 0.24.0's character\n")
    out.write("//! tables (Apache-2.0) by `unihan_variants.py` beside this file, which says the rules.\n")
    out.write("//! Do not edit: run the generator.\n\n")
    out.write("/// (rare, common), sorted by the rare character.\n")
    out.write("pub(crate) const RARE_TO_COMMON: &[(char, char)] = &[\n")
    for rare, target in pairs:
        out.write("    ('%s', '%s'),\n" % (rare, target))
    out.write("];\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
