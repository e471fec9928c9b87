#!/usr/bin/env python3
"""Generates unihan_variants.rs: rare variant ideographs and the one common character each
stands for, from the Unicode Han Database (Unihan).

    python3 src/text/unihan_variants.py Unihan_Variants.txt Unihan_OtherMappings.txt \
        > src/text/unihan_variants.rs && cargo fmt

The inputs are Unihan's own files (unicode.org/Public/UCD/latest/ucd/Unihan.zip, or Debian's
unicode-data package, /usr/share/unicode/*.bz2 uncompressed). Rules:

* a pair is a kSemanticVariant or kZVariant of Unihan, unless every source cited for it says
  the two are used improperly one for the other (`:B` alone);
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


def main(variants_path, mappings_path):
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
    pairs = []
    for rare, variants in partners.items():
        if rare in common:
            continue
        targets = sorted(v for v in variants if v in common)
        if len(targets) == 1:
            pairs.append((rare, targets[0]))
    pairs.sort()
    out = sys.stdout
    out.write("//! Rare variant ideographs and the common character each stands for (`甞` → `嘗`,\n")
    out.write("//! `畧` → `略`), generated from the Unicode Han Database %s (kSemanticVariant and\n" % version)
    out.write("//! kZVariant) by `unihan_variants.py` beside this file, which says the rules. Unicode\n")
    out.write("//! License v3. Do not edit: run the generator.\n\n")
    out.write("/// (rare, common), sorted by the rare character.\n")
    out.write("pub(crate) const RARE_TO_COMMON: &[(char, char)] = &[\n")
    for rare, target in pairs:
        out.write("    ('%s', '%s'),\n" % (rare, target))
    out.write("];\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
