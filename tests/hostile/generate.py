#!/usr/bin/env python3
"""Writes the hostile corpus of tests/hostile.rs (run once; the files are committed).

Every file is the same short news article (article_utf8.txt) with hostile content embedded
in the middle of its paragraphs, or the article itself in another encoding or line ending.
The 2,000,000-character single line is not committed: tests/hostile.rs builds it at run time.
"""
import base64
import os

HERE = os.path.dirname(os.path.abspath(__file__))

ARTICLE = (
    "# 中央外事工作会议在北京举行\n"
    "\n"
    "据新华社电 中央外事工作会议12月27日至28日在北京举行。中共中央总书记、国家主席、中央军委主席"
    "习近平出席会议并发表重要讲话。中共中央政治局常委李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希、"
    "国家副主席韩正出席会议。\n"
    "\n"
    "习近平在重要讲话中系统总结新时代中国特色大国外交的历史性成就和宝贵经验，深刻阐述新征程对外工作"
    "面临的国际环境和肩负的历史使命，对当前和今后一个时期的对外工作作了全面部署。李强在主持会议时强调，"
    "要以习近平外交思想为指导做好新征程上的对外工作，并就学习领会和贯彻落实习近平总书记重要讲话精神"
    "提出要求。\n"
    "\n"
    "会议强调，新时代十年，我们在对外工作中经历了不少大风大浪，战胜了各种困难挑战，开创了中国特色"
    "大国外交新局面，我国外交的战略自主性和主动性显著增强。我国已成为更具国际影响力、创新引领力、"
    "道义感召力的负责任大国。\n"
    "\n"
    "会议指出，在新时代外交工作实践中，我们积累了一系列宝贵经验。必须做到坚持原则，在关乎人类前途命运"
    "和世界发展方向的重大问题上，要旗帜鲜明、站稳立场，牢牢占据国际道义制高点，团结争取世界大多数。"
    "必须体现大国担当，坚持弘扬独立自主精神，坚持引领和平发展，坚持促进世界稳定和繁荣。\n"
)

# Places in the article, in reading order, after which hostile pieces are embedded.
ANCHORS = ["在北京举行。", "发表重要讲话。", "历史使命，", "全面部署。", "显著增强。", "世界大多数。"]


def embed(pieces):
    """The article with the pieces inserted after the anchors, in order; the last piece always
    goes into the last paragraph (so it is drawn only once the viewer has scrolled)."""
    assert 2 <= len(pieces) <= len(ANCHORS)
    anchors = ANCHORS[: len(pieces) - 1] + ANCHORS[-1:]
    text = ARTICLE
    pos = 0
    for anchor, piece in zip(anchors, pieces):
        at = text.index(anchor, pos) + len(anchor)
        text = text[:at] + piece + text[at:]
        pos = at + len(piece)
    return text


ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
CLIP = base64.b64encode(b"PWNED-CLIPBOARD").decode()

TEXTS = {
    "article_utf8.txt": ARTICLE,
    "csi.txt": embed([
        ESC + "[2J" + ESC + "[H清屏",
        ESC + "[31m红色" + ESC + "[0m",
        ESC + "[?1049l离开备用屏幕",
        ESC + "[3J清除历史",
        ESC + "[5A" + ESC + "[10;10H" + ESC + "[2K光标移动",
    ]),
    "osc_title.txt": embed([
        ESC + "]0;PWNED-TITLE" + BEL + "标题",
        ESC + "]2;PWNED2" + ST + "窗口",
        ESC + "]1;PWNED-ICON" + BEL,
    ]),
    "osc52.txt": embed([
        ESC + "]52;c;" + CLIP + BEL + "剪贴板",
        ESC + "]52;c;" + CLIP + ST + "复制",
    ]),
    "c1.txt": embed([
        "\u009b2J清屏",
        "\u009d0;PWNED\u009c标题",
        "换\u0085行",
        "\u0090设备控制\u009c",
    ]),
    "bidi.txt": embed([
        "权限\u202e用户管理员\u202c检查",
        "\u202a左到右\u202c与\u202b右到左\u202c",
        "if (accessLevel != \"user\u202e \u2066// Check if admin\u2069 \u2066\") {",
        "\u202d强制左到右\u202c",
        "\u2067右隔离\u2069\u2068首强隔离\u2069",
    ]),
    "zero_width.txt": embed([
        "北\u200b京",
        "外\u200c事",
        "工\u200d作",
        "会\u2060议",
        "pass\ufeffword",
    ]),
    "emoji_zwj.txt": embed([
        "家庭👨\u200d👩\u200d👧合影🏳\ufe0f\u200d🌈",
        "国旗🇨🇳🇫🇷🇯🇵🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
        "肤色👍🏽👋🏿",
        "❤\ufe0f☺\ufe0f✌\ufe0f1\ufe0f\u20e3❤\ufe0f\u200d🔥",
        "断开👩\u200d中",
    ]),
    "combining.txt": embed([
        "Cafe\u0301与e\u0301",
        "叠加a\u0301\u0308\u0323",
        "Z\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309algo",
        "\n\u0301\u0302孤立的组合符号",
        "中\u0301文",
    ]),
    "tabs_cr.txt": embed([
        "名称\t数量\t备注",
        "abc\rdef",
        "前文\r后文",
        "\t制表",
    ]),
    # Line and paragraph separators are invisible, and terminals draw nothing for them (glibc
    # wcwidth is -1): a run of Latin letters shows whether the columns after them shift.
    "separators.txt": embed([
        "甲\u2028乙",
        "段落\u2029分隔",
        "abcdefghij\u2028" * 8 + "klmnopqrst\u2029uvwxyz",
    ]),
    "crlf.txt": ARTICLE.replace("\n", "\r\n"),
}


def write(name, data):
    assert len(data) < 20 * 1024, name
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def main():
    for name, text in TEXTS.items():
        write(name, text.encode("utf-8"))
    write("empty.txt", b"")
    write("gb18030.txt", ARTICLE.encode("gb18030"))
    write("utf16le.txt", b"\xff\xfe" + ARTICLE.encode("utf-16-le"))
    write("utf16be.txt", b"\xfe\xff" + ARTICLE.encode("utf-16-be"))
    # A stray 0xFF, and a 3-byte sequence (中 = E4 B8 AD) cut after two bytes.
    broken = ARTICLE.encode("utf-8")
    at = broken.index("习近平出席".encode("utf-8"))
    broken = broken[:at] + b"\xff" + broken[at:]
    at = broken.index("对外工作".encode("utf-8"))
    broken = broken[:at] + b"\xe4\xb8" + broken[at:]
    write("broken_utf8.txt", broken)


if __name__ == "__main__":
    main()
