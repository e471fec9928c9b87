#!/usr/bin/env python3
"""Generates jieba.dict: jieba's word dictionary as a trie laid out for reading in place, so
that the Chinese word boundaries need nothing built, parsed or decompressed at run time.

    python3 src/engine/words/jieba_dict.py DICT_TXT > src/engine/words/jieba.dict

DICT_TXT is jieba's `dict.txt` (github.com/fxsjy/jieba, MIT), as the `jieba-rs` 0.11.0 crate
ships it in `src/data/dict.txt` (github.com/messense/jieba-rs, MIT): one `word freq tag` line
per word, 349,045 words. The tags are not used.

The file, all numbers little-endian u32 unless said:

    b"DZJB", version (2), nodes (N, the root included), total (u64: the sum of every
    word's frequency, as jieba sums it), then N + 1 records of three numbers, one a node:
    first_child  the children of node i are the nodes first_child[i]..first_child[i + 1]
    label        the character on the edge into node i (0 for the root)
    freq         the word's frequency where the path to node i spells a word, else 0
    (the last record is an end: first_child N, label and freq 0).

The nodes are numbered breadth first, the children of a node in order of their characters,
so a node's children are one run of records searched by halves, and a step down the trie
reads one record (a node's numbers side by side, so that a step costs one fetch from memory).
"""
import struct
import sys


def main():
    words = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            freq = int(parts[1]) if len(parts) > 1 else 0
            if parts[0] in words:
                sys.exit("duplicate word %r: jieba keeps both in its total" % parts[0])
            words[parts[0]] = freq
    total = sum(words.values())

    # The trie as nested dicts: character -> [freq, children].
    root = [0, {}]
    for word, freq in words.items():
        node = root
        for c in word:
            node = node[1].setdefault(c, [0, {}])
        node[0] = freq

    labels, freqs, first_child = [0], [0], []
    queue = [root]
    head = 0
    while head < len(queue):
        node = queue[head]
        head += 1
        first_child.append(len(queue))
        for c in sorted(node[1]):
            child = node[1][c]
            labels.append(ord(c))
            freqs.append(child[0])
            queue.append(child)
    first_child.append(len(queue))
    n = len(queue)
    assert len(labels) == n and len(freqs) == n and len(first_child) == n + 1
    assert max(freqs) < 2**32 and total < 2**64

    out = sys.stdout.buffer
    out.write(b"DZJB")
    out.write(struct.pack("<IIQ", 2, n, total))
    labels.append(0)
    freqs.append(0)
    for record in zip(first_child, labels, freqs):
        out.write(struct.pack("<3I", *record))


if __name__ == "__main__":
    main()
