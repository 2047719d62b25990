"""Write the bad-input corpus of this folder: each file one kind of breakage.

Run it from this folder (``python _make.py``) after changing what a file should hold;
the files are committed so that the tests read exactly what users send.
"""

from __future__ import annotations

import codecs
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

VALID = """\
key: hn-kh-54-2024
kind: plan
title: Thông tin, tuyên truyền về cải cách hành chính nhà nước năm 2024
issuer: hn.ubnd
ref: 54/KH-UBND
issued: 2024-02-08
period: 2024
units:
  - {code: hn.ubnd, name: UBND Thành phố Hà Nội, level: province}
"""
HEADER = VALID.split("units:", maxsplit=1)[0]
TITLE = "Thông tin, tuyên truyền về cải cách hành chính nhà nước năm 2024"
# The same words in TCVN3 (ABC) and in VNI Windows, as single bytes above 0x7F.
TCVN3 = "Th\xabng tin, tuy\xean truy\xd2n v\xd2 c\xb6i c\xb8ch h\xb5nh ch\xddnh"
VNI = "Tho\xe2ng tin, tuye\xe2n truye\xe0n ve\xe0 ca\xfbi ca\xf9ch ha\xf8nh ch\xednh"


def billion_laughs() -> str:
    """Nine levels of anchors, each referring nine times to the one before."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(8):
        this, previous = chr(98 + level), chr(97 + level)
        lines.append(f"{this}: &{this} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


TEXTS: dict[str, str] = {
    "yaml-syntax.yaml": "key: hn-kh-54-2024\ntitle: [Thông tin\n",
    "tabs.yaml": VALID.replace("kind: plan", "\tkind: plan"),
    "duplicate-keys.yaml": VALID + "issuer: hn.tu\n",
    "wrong-types.yaml": VALID.replace("period: 2024", "period: [2024]"),
    "unknown-field.yaml": VALID + "signer: Nguyễn Văn Hạnh\n",
    "billion-laughs.yaml": billion_laughs(),
    "deep-nesting.yaml": "key: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "empty.yaml": "",
    "whitespace-only.yaml": "  \n\n\t \n   ",
    "top-level-list.yaml": "- key: hn-kh-54-2024\n- key: hn-kh-145-2021\n",
}
BYTES: dict[str, bytes] = {
    "binary-garbage.yaml": random.Random(7).randbytes(4096),
    "utf-16.yaml": VALID.encode("utf-16"),
    "utf-16-be.yaml": codecs.BOM_UTF16_BE + VALID.encode("utf-16-be"),
    "bom.yaml": codecs.BOM_UTF8 + VALID.encode("utf-8"),
    "tcvn3.yaml": HEADER.replace(TITLE, TCVN3).encode("latin-1"),
    "vni.yaml": HEADER.replace(TITLE, VNI).encode("latin-1"),
}


def main() -> None:
    """Write every file of the bad-input corpus."""
    for name, text in TEXTS.items():
        (HERE / name).write_text(text, encoding="utf-8", newline="\n")
    for name, data in BYTES.items():
        (HERE / name).write_bytes(data)
    folder = HERE / "folder-named-like-a-plan.yaml"
    folder.mkdir(exist_ok=True)
    (folder / ".keep").write_text("", encoding="utf-8")


if __name__ == "__main__":
    main()
