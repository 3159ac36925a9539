"""The text keeps its promises: numbers come from the library, one term per concept.

- Every number in the prose of a page is a fact marker's value, or on the short allow-list
  below, each entry with its reason (a true constant, a label such as an exercise number).
- Every term of the glossary is used, in each language, on the page the glossary says
  introduces it.
- The variants the glossary lists in parentheses (the translations the site does not use)
  occur on no page but the glossary.
- No word of this project's own making reaches a reader: the story's experiments were once
  called "seed" experiments, which a Chinese reader takes for a random seed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from prose import DOCS, LANGS, page_prose, pages, texts

from neuron_demo.site.facts import compute_facts

NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,/]\d+)*%?(?![\w])")

# Numbers a page may type. Each is a pattern matched against the number and its context.
ALLOWED = [
    # Labels, not quantities: list items, exercises, chapters of the book.
    (r"^\s*\d+\. ", "the number of an ordered-list item"),
    (r"(?:Exercise|练习) \d+\.\d+", "an exercise's number"),
    (r"[Cc]hapter \d+|第 \d+ 章", "a chapter of Nielsen's book"),
    # True constants of the mathematics.
    (r"(?<![\d.])[01](?!\d|[.,/]\d)", "0 and 1: the ends of the sigmoid's range, and the targets"),
    (r"(?<![\d.])0\.5(?![\d])", "one half: σ(0), the middle of the output's range"),
    (r"(?:the|带下来的) 2(?= |：)", "the exponent 2 of the square, which ½ cancels"),
    (r"(?<![\d.])(?:1/4|1/2|2/3|4/27|1/6|0/1)(?![\d])", "closed forms: σ' ≤ 1/4, a = 2/3, …"),
    # Sources: the year a cited work appeared.
    (r"(?<![\d.])(?:19|20)\d\d(?= 年|, from|\))", "the year of a cited source"),
    # Examples the reader is invited to try, or given as an illustration.
    (r"target of 0\.7|目标 0\.7", "an example of a soft target"),
    (r"say both to 5|比如都设为 5", "a setting the reader is invited to try in the lab"),
    # Facts about the software, not about neurons.
    (r"Python \d+\.\d+", "the Python the library requires (pyproject.toml)"),
    (r"status is 0 on success and 2|退出状态为 0，输入有误时为 2", "the CLI's exit statuses"),
    (r"\(\d+ decimals\)|保留 \d+ 位小数", "the CLI's table format (cli.to_table)"),
    (r"every 25th epoch|每 25 轮", "an example value of the CLI's --every option"),
]
ALLOWED_RE = [(re.compile(pattern), reason) for pattern, reason in ALLOWED]
# Generated from docstrings (mkdocstrings): code documentation, with its own examples.
NOT_PROSE = {"reference/api"}


def typed_numbers(text: str) -> list[str]:
    """The numbers of ``text`` that no allow-list entry covers, each with its line."""
    found = []
    for line in text.splitlines():
        covered = [span for pattern, _ in ALLOWED_RE for span in _spans(pattern, line)]
        for match in NUMBER.finditer(line):
            if not any(start <= match.start() and match.end() <= end for start, end in covered):
                found.append(f"{match.group()!r} in: {line.strip()[:100]}")
    return found


def _spans(pattern: re.Pattern[str], line: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(line)]


def test_the_scanner_finds_typed_numbers() -> None:
    # Fact markers and maths are not prose; a typed number is, and so is one in a caption.
    assert typed_numbers("η = 0.15 and 300 epochs") == [
        "'0.15' in: η = 0.15 and 300 epochs",
        "'300' in: η = 0.15 and 300 epochs",
    ]
    assert typed_numbers("Exercise 3.3 with targets 0 and 1, σ' ≤ 1/4") == []
    assert typed_numbers("1. First item") == []


TEXTS = [t for t in texts() if t.page not in NOT_PROSE]


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: f"{t.lang}:{t.where}")
def test_no_typed_numbers(text) -> None:
    assert typed_numbers(text.prose) == [], (
        f"{text.where}: type a fact marker (<!-- fact:KEY -->) for a number the library "
        "computes, or say in ALLOWED why it is a constant"
    )


# ---------------------------------------------------------------------------------------
# The glossary
# ---------------------------------------------------------------------------------------
GLOSSARY = "reference/glossary"
# One entry of the glossary's definition list: the Chinese term in bold (its variants after
# it), the English term and the symbol, then the explanation and the page introducing it.
#   **偏置**（偏差） · bias · $b$
#   :   加到带权和上的常数项，也是要学习的参数。
#
#       首次出现：[一个神经元，两种代价](../story/neuron-and-costs.md)
_ENTRY = re.compile(
    r"^\*\*([^*\n]+)\*\*([^·\n]*?) · ([^·\n]+?)(?: · \$[^\n]*)?\n"
    r":   [^\n]+\n\n    [^\n]*?\]\(\.\./([^)#]+)\.md\)\n",
    re.MULTILINE,
)
_VARIANTS = re.compile(r"[（(]([^）)]*)[）)]")
# The site's title is the phrase readers search for (损失函数, "loss"), as the glossary says.
TITLES = {"zh": "损失函数与学习速度", "en": "Loss & Learning"}
# Variants the glossary has no column for: wordings that drifted into the pages.
EXTRA_VARIANTS = {
    "zh": {
        "小部件": "演示 (the book's interactive widget)",
        "二次代价函数": "二次代价 (one name for the cost, as in the figures)",
        "交叉熵代价函数": "交叉熵",
        "偏差": "误差 (偏置 is the bias; 偏差 would read as a second name for it)",
    },
    "en": {"demo": "widget (the book's interactive widget)", "demos": "widgets"},
}


def glossary_rows(lang: str) -> list[tuple[list[str], list[str], list[str], list[str], str]]:
    """Each row: (zh terms, zh variants, en terms, en variants, the page introducing it)."""
    rows = []
    for match in _ENTRY.finditer(pages(lang)[GLOSSARY].read_text(encoding="utf-8")):
        zh, zh_variants, en, page = match.groups()
        rows.append((*_split(zh + zh_variants, "；", "、"), *_split(en, ";", ","), page))
    return rows


def _split(cell: str, terms_sep: str, variants_sep: str) -> tuple[list[str], list[str]]:
    variants = [v.strip() for found in _VARIANTS.findall(cell) for v in found.split(variants_sep)]
    preferred = [" ".join(t.split()) for t in _VARIANTS.sub(" ", cell).split(terms_sep)]
    return [t for t in preferred if t], [v for v in variants if v]


def test_the_glossaries_list_the_same_terms() -> None:
    zh, en = glossary_rows("zh"), glossary_rows("en")
    assert len(zh) >= 30
    assert zh == en
    # Every entry is read: as many as the list has explanations.
    for lang, rows in (("zh", zh), ("en", en)):
        text = pages(lang)[GLOSSARY].read_text(encoding="utf-8")
        assert len(rows) == text.count("\n:   "), lang


@pytest.mark.parametrize("lang", LANGS)
def test_every_term_is_used_where_the_glossary_says_it_is_introduced(lang: str) -> None:
    missing = []
    for zh_terms, _, en_terms, _, page in glossary_rows(lang):
        text = page_prose(page, lang)
        for term in zh_terms if lang == "zh" else en_terms:
            if term.lower() not in text.lower():
                missing.append(f"{term!r} not in {page}.{lang}")
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_uses_a_variant_the_glossary_sets_aside(lang: str) -> None:
    rows = glossary_rows(lang)
    variants = {v.lower() for row in rows for v in row[1 if lang == "zh" else 3]}
    variants |= set(EXTRA_VARIANTS[lang])
    preferred = sorted({t.lower() for row in rows for t in row[0 if lang == "zh" else 2]}, key=len)
    assert variants, "the glossary lists no variants"
    used = []
    for text in texts():
        if text.lang != lang or text.page == GLOSSARY:
            continue
        words = text.prose.replace(TITLES[lang], " ").lower()
        words = re.sub(r"《[^》]*》", " ", words)  # cited titles are quoted as they are
        for variant in sorted(variants):
            # Blank out only the site's terms that contain the variant: "activation" inside
            # "activation function" is no variant, 训练样本 still is although 样本 is a term.
            rest = words
            for term in reversed(preferred):  # longest first
                if variant in term:
                    rest = rest.replace(term, " ")
            if _has_term(rest, variant):
                used.append(f"{variant!r} in {text.where}")
    assert used == []


def _has_term(words: str, term: str) -> bool:
    # Whole words in English ("demo" is not in "demonstrate"); Chinese has no spaces.
    if re.fullmatch(r"[\x00-\x7f]+", term):
        return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", words) is not None
    return term in words


# ---------------------------------------------------------------------------------------
# Words of the project's own making
# ---------------------------------------------------------------------------------------
INTERNAL = re.compile(r"\bseeds?\b|种子", re.IGNORECASE)
LAB = DOCS / "assets" / "lab"


def test_no_page_or_lab_string_says_seed() -> None:
    sources = [*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb"), *DOCS.rglob("*.yml"), *LAB.glob("*.js")]
    assert [p.name for p in sources if INTERNAL.search(p.read_text(encoding="utf-8"))] == []


def test_no_fact_key_says_seed() -> None:
    assert [key for key in compute_facts() if INTERNAL.search(key)] == []


def test_no_built_page_says_seed(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("*.html") if "assets" not in p.parts]
    indexes = list(built_site.rglob("search_index.json"))
    assert len(pages) > 20
    assert indexes
    said = [
        str(p.relative_to(built_site)) for p in pages + indexes if INTERNAL.search(p.read_text())
    ]
    assert said == []


def test_sums_run_over_the_sample_index_j() -> None:
    # One index for the samples everywhere, Σ_j with j = 1 … n, as the first chapter sets up.
    pages = [*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]
    assert [p.name for p in pages if re.search(r"\\sum_\{?x", p.read_text("utf-8"))] == []
