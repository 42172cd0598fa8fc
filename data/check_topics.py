#!/usr/bin/env python3
"""Validate the shipped topic vocabulary (data/topics.csv).

Usage:
    .venv/bin/python data/check_topics.py [data/topics.csv] [--strict] [--app]

The file must be UTF-8 CSV with the header ``name,area,synonyms,abbreviations``.
``synonyms`` and ``abbreviations`` hold semicolon-separated aliases; an alias
prefixed with ``=`` is matched case-sensitively as a whole token.

Names and aliases are normalised before they are compared:
  * lowercase (except ``=`` aliases, which keep their case),
  * ``-``, ``_``, ``/`` and ``.`` become spaces,
  * surrounding whitespace is stripped and internal whitespace collapsed,
  * a trailing ``s`` is dropped from the last word if that word is longer
    than three letters (a crude plural fold).

No two topics may share a normalised name or alias, and no alias may equal
another topic's name.  A case-insensitive alias (or name) also clashes with a
case-sensitive alias of another topic when they agree once lowercased, because
the case-insensitive one would match the same text.

The header, the areas and the case-sensitive mark are the Trellis vocabulary's
own (``trellis.text.vocabulary``), so run the script with the project's Python.
With ``--app`` the file is also read by the Trellis loader itself
(``load_vocabulary``, which compares English word stems rather than the simple
plural fold above).

Prints a summary, then every problem with its line number (line 0 / no line
for file-wide problems such as missing coverage).  Exit status is 0
when there are no errors, 1 when there are errors (or warnings with
``--strict``), 2 when the file cannot be read at all.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
try:
    from trellis.text.vocabulary import (
        AREAS,
        CASE_SENSITIVE_MARK,
        COLUMNS,
        WORK_AREAS,
        VocabularyError,
        load_vocabulary,
    )
except ImportError as exc:  # plain python3 without the project's packages
    sys.exit(f"error: cannot import the Trellis vocabulary ({exc}); use .venv/bin/python")

HEADER = list(COLUMNS)

# Areas that need a healthy minimum of topics; every other area needs at least one.
MIN_PER_AREA = dict.fromkeys(WORK_AREAS, 40)
# The matcher needs a broad vocabulary to read profiles from any kind of
# organisation (see the matching issue): at least 1,000 topics.  Past the soft
# maximum, new topics are probably duplicates or too fine-grained.
MIN_TOPICS = 1000
SOFT_MAX_TOPICS = 1300
MAX_NAME_LEN = 60
SOFT_MAX_SYNONYMS = 8
SOFT_MAX_ALIAS_LEN = 60

# Aliases that are too broad to identify a single topic on their own
# (both word lists are normalised below, before use).
_GENERIC_WORDS = """
    analysis analytics app apps business career
    cloud code coding communication computer consulting
    data design dev development engineering finance growth
    hardware it law leadership legal management manager
    marketing math mobile network ops operations people
    planning process product program programming project
    research sales science security skills software
    strategy system team tech technology test testing
    tool web work writing
    """
GENERIC_ALIASES = set(_GENERIC_WORDS.split())

# Ordinary English words that must not be matched case-insensitively: an
# alias equal to one of these needs the "=" prefix, and a topic *name* equal
# to one needs qualifying (e.g. "Go programming" rather than "Go").
_FUNCTION_WORDS = """
    a about after all also am an and any are as at be been but by can did
    do does each for from get go had has have he her him his how i if in
    into is it its just like me more most my no not now of off on one only
    or our out over own per she so some than that the them then there they
    this to too two up us use very was we well what when who why will with
    you your
"""
# short nouns and verbs that also turn up as acronyms
_SHORT_WORDS = """
    act add aid aim air art ask bad bar bat bed big box bug bus buy cap
    car cat cut day dog dot ear end eye fan far fit fix fly fun gap gas
    hat hit hot job key kit lab law lead let lot low man map max mix net
    new old pay pen pet pin pit pot put ran raw red run sad saw say see
    set sit six sky sun tag tax tea ten tie tip top toy try van war way
    web win yes yet care core deal hire lean mind plan safe scan ship spec
    talk task team tone user
"""
# product and technology names that are ordinary words in lowercase
_PRODUCT_WORDS = """
    chef ember envoy excel express flask helm notion puppet rails react
    rust sketch spark spring swift unity vault
"""
ENGLISH_COLLISIONS = set((_FUNCTION_WORDS + _SHORT_WORDS + _PRODUCT_WORDS).split())

_SEP_RE = re.compile(r"[-_/.]")
_WS_RE = re.compile(r"\s+")


def normalise(text: str, case_sensitive: bool = False) -> str:
    """Normalise a name or alias (without its "=" prefix) for comparison."""
    text = unicodedata.normalize("NFC", text)
    if not case_sensitive:
        text = text.lower()
    text = _SEP_RE.sub(" ", text)
    text = _WS_RE.sub(" ", text).strip()
    words = text.split(" ")
    last = words[-1]
    if len(last) > 3 and last[-1] in "sS":
        words[-1] = last[:-1]
    return " ".join(words)


GENERIC_ALIASES = {normalise(w) for w in GENERIC_ALIASES}
ENGLISH_COLLISIONS = {normalise(w) for w in ENGLISH_COLLISIONS}


@dataclass
class Alias:
    raw: str
    column: str
    case_sensitive: bool
    key: str  # normalised text (case kept when case_sensitive)


@dataclass
class Topic:
    line: int
    name: str
    area: str
    aliases: list[Alias] = field(default_factory=list)

    def count(self, column: str) -> int:
        return sum(1 for a in self.aliases if a.column == column)


class Report:
    def __init__(self) -> None:
        self.errors: list[tuple[int, str]] = []
        self.warnings: list[tuple[int, str]] = []

    def error(self, line: int, msg: str) -> None:
        self.errors.append((line, msg))

    def warn(self, line: int, msg: str) -> None:
        self.warnings.append((line, msg))


def _bad_chars(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text)


def parse(path: Path, report: Report) -> list[Topic]:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        report.error(1, "file starts with a UTF-8 byte-order mark; save without BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.error(line, f"not valid UTF-8 ({exc.reason})")
        text = raw.decode("utf-8", errors="replace")
    if text and not text.endswith("\n"):
        report.warn(text.count("\n") + 1, "file does not end with a newline")

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    topics: list[Topic] = []
    prev_end = 0
    try:
        for row in reader:
            start = prev_end + 1
            prev_end = reader.line_num
            if reader.line_num > start:
                report.warn(start, "record spans several lines")
            if start == 1:
                if row != HEADER:
                    report.error(1, f"header must be {','.join(HEADER)!r}, got {','.join(row)!r}")
                continue
            if not row or all(not cell.strip() for cell in row):
                report.error(start, "blank line")
                continue
            if len(row) != len(HEADER):
                report.error(start, f"expected {len(HEADER)} fields, got {len(row)}: {row!r}")
                continue
            topic = parse_row(start, row, report)
            if topic is not None:
                topics.append(topic)
    except csv.Error as exc:
        report.error(reader.line_num, f"CSV syntax error: {exc}")
    if prev_end == 0:
        report.error(1, "file is empty")
    return topics


def parse_row(line: int, row: list[str], report: Report) -> Topic | None:
    name, area, synonyms, abbreviations = row

    if name != name.strip() or "  " in name:
        report.error(line, f"name {name!r} has stray whitespace")
    name = name.strip()
    if not name:
        report.error(line, "empty name")
        return None
    if len(name) > MAX_NAME_LEN:
        report.error(line, f"name {name!r} is longer than {MAX_NAME_LEN} characters")
    if name.startswith(CASE_SENSITIVE_MARK):
        report.error(line, f"name {name!r} must not start with '='")
    for ch in ";,":
        if ch in name:
            report.error(line, f"name {name!r} contains {ch!r}")
    if _bad_chars(name):
        report.error(line, f"name {name!r} contains control/format characters")
    if not normalise(name):
        report.error(line, f"name {name!r} is empty after normalisation")
    elif normalise(name) in ENGLISH_COLLISIONS:
        report.error(
            line,
            f"name {name!r} is an ordinary English word when matched "
            "case-insensitively; qualify it (e.g. 'Go programming')",
        )

    if area != area.strip():
        report.error(line, f"area {area!r} has stray whitespace")
    area = area.strip()
    if area not in AREAS:
        report.error(line, f"unknown area {area!r} (allowed: {', '.join(AREAS)})")

    topic = Topic(line=line, name=name, area=area)
    for column, cell in (("synonyms", synonyms), ("abbreviations", abbreviations)):
        if not cell.strip():
            continue
        for raw in cell.split(";"):
            alias = parse_alias(line, column, raw, report)
            if alias is not None:
                topic.aliases.append(alias)
    return topic


def parse_alias(line: int, column: str, raw: str, report: Report) -> Alias | None:
    where = f"{column} alias {raw!r}"
    if not raw.strip():
        report.error(line, f"empty entry in {column} (doubled or trailing ';')")
        return None
    if raw != raw.strip() or "  " in raw:
        report.error(line, f"{where} has stray whitespace")
    text = raw.strip()
    case_sensitive = text.startswith(CASE_SENSITIVE_MARK)
    if case_sensitive:
        text = text[1:]
        if text != text.strip():
            report.error(line, f"{where}: no space allowed after '='")
            text = text.strip()
    if CASE_SENSITIVE_MARK in text:
        report.error(line, f"{where}: '=' is only allowed as a leading marker")
    if "," in text:
        report.error(line, f"{where} contains a comma")
    if _bad_chars(text):
        report.error(line, f"{where} contains control/format characters")
    if column == "synonyms" and not case_sensitive and text != text.lower():
        # Abbreviations are conventionally written in capitals (SRE, OKRs);
        # synonyms are written in lowercase unless marked case-sensitive.
        report.warn(
            line,
            f"{where} has capitals but is matched case-insensitively; "
            "write it in lowercase or mark it with '='",
        )
    key = normalise(text, case_sensitive)
    if not key:
        report.error(line, f"{where} is empty after normalisation")
        return None
    if len(text) > SOFT_MAX_ALIAS_LEN:
        report.warn(line, f"{where} is unusually long")
    low = key.lower()
    if low in GENERIC_ALIASES and not case_sensitive:
        report.error(line, f"{where} is too generic to identify a topic")
    if not case_sensitive and low in ENGLISH_COLLISIONS:
        report.error(line, f"{where} is an ordinary English word; prefix it with '=' or drop it")
    if not case_sensitive and len(low.replace(" ", "")) < 2:
        report.error(line, f"{where} is a single character; prefix it with '=' or drop it")
    return Alias(raw=raw.strip(), column=column, case_sensitive=case_sensitive, key=key)


Claims = dict[str, list[tuple[int, str]]]  # key -> (topic index, description) of each claim


def check_uniqueness(topics: list[Topic], report: Report) -> None:
    insensitive: Claims = defaultdict(list)
    sensitive: Claims = defaultdict(list)

    for idx, topic in enumerate(topics):
        seen: dict[tuple[bool, str], str] = {}
        name_key = normalise(topic.name)
        seen[(False, name_key)] = f"name {topic.name!r}"
        insensitive[name_key].append((idx, f"name {topic.name!r}"))
        for alias in topic.aliases:
            ident = (alias.case_sensitive, alias.key)
            desc = (
                f"{alias.column[:-1] if alias.column.endswith('s') else alias.column} {alias.raw!r}"
            )
            if ident in seen:
                report.warn(
                    topic.line,
                    f"{desc} duplicates {seen[ident]} of the same topic "
                    "after normalisation; drop it",
                )
                continue
            if alias.case_sensitive and (False, alias.key.lower()) in seen:
                report.warn(
                    topic.line,
                    f"{desc} is redundant: {seen[(False, alias.key.lower())]} "
                    "already matches it case-insensitively",
                )
                continue
            seen[ident] = desc
            (sensitive if alias.case_sensitive else insensitive)[alias.key].append((idx, desc))

    _report_clashes(topics, insensitive, sensitive, report)


def _report_clashes(
    topics: list[Topic], insensitive: Claims, sensitive: Claims, report: Report
) -> None:
    """An error for every key claimed by several topics, or shadowed case-insensitively."""

    def describe(entries: list[tuple[int, str]]) -> str:
        return "; ".join(f"line {topics[i].line} {topics[i].name!r} ({d})" for i, d in entries)

    for key, entries in insensitive.items():
        if len({i for i, _ in entries}) > 1:
            report.error(
                topics[entries[1][0]].line,
                f"{key!r} is claimed by several topics: {describe(entries)}",
            )
    for key, entries in sensitive.items():
        if len({i for i, _ in entries}) > 1:
            report.error(
                topics[entries[1][0]].line,
                f"={key!r} is claimed by several topics: {describe(entries)}",
            )
        owners = {i for i, _ in entries}
        shadow = [e for e in insensitive.get(key.lower(), []) if e[0] not in owners]
        if shadow:
            report.error(
                topics[entries[0][0]].line,
                f"case-sensitive ={key!r} is shadowed by a case-insensitive entry "
                f"of another topic: {describe(entries + shadow)}",
            )


def check_coverage(topics: list[Topic], report: Report) -> None:
    per_area = Counter(t.area for t in topics)
    if len(topics) < MIN_TOPICS:
        report.error(0, f"only {len(topics)} topics; at least {MIN_TOPICS} required")
    if len(topics) > SOFT_MAX_TOPICS:
        report.warn(0, f"{len(topics)} topics; more than the intended ~{SOFT_MAX_TOPICS}")
    for area in AREAS:
        need = MIN_PER_AREA.get(area, 1)
        if per_area[area] < need:
            report.error(0, f"area {area!r} has {per_area[area]} topics; at least {need} required")
    for topic in topics:
        n_syn = topic.count("synonyms")
        if not topic.aliases:
            report.warn(topic.line, f"{topic.name!r} has no synonyms or abbreviations")
        if n_syn > SOFT_MAX_SYNONYMS:
            report.warn(
                topic.line, f"{topic.name!r} has {n_syn} synonyms; keep to the realistic ones"
            )


def check_with_app(path: Path, report: Report) -> None:
    """Let the application's own loader read the file and report what it rejects."""
    try:
        load_vocabulary(path)
    except VocabularyError as err:
        for problem in err.problems:
            found = re.match(r"line (\d+): (.*)", problem)
            if found:
                report.error(int(found.group(1)), f"Trellis loader: {found.group(2)}")
            else:
                report.error(0, f"Trellis loader: {problem}")


def summarise(topics: list[Topic]) -> None:
    per_area = Counter(t.area for t in topics)
    n_syn = sum(t.count("synonyms") for t in topics)
    n_abbr = sum(t.count("abbreviations") for t in topics)
    cs = [a.raw for t in topics for a in t.aliases if a.case_sensitive]
    print(f"topics: {len(topics)}")
    print("topics per area:")
    for area in AREAS:
        print(f"  {area:<18} {per_area.get(area, 0):>4}")
    unknown = sorted(set(per_area) - set(AREAS))
    for area in unknown:
        print(f"  {area!r:<18} {per_area[area]:>4}  (unknown area)")
    print(f"aliases: {n_syn + n_abbr} ({n_syn} synonyms, {n_abbr} abbreviations)")
    if topics:
        print(
            f"  average per topic: {(n_syn + n_abbr) / len(topics):.1f}; "
            f"topics with no alias: {sum(1 for t in topics if not t.aliases)}; "
            f"with fewer than 2 synonyms: {sum(1 for t in topics if t.count('synonyms') < 2)}"
        )
    print(f"case-sensitive aliases ({len(cs)}): {' '.join(cs) if cs else '-'}")


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    if flags - {"--strict", "--app"} or len(args) > 1:
        print("\n".join(__doc__.strip().splitlines()[2:4]), file=sys.stderr)
        return 2
    path = Path(args[0]) if args else Path(__file__).with_name("topics.csv")
    if not path.is_file():
        print(f"error: {path} not found", file=sys.stderr)
        return 2

    report = Report()
    topics = parse(path, report)
    check_uniqueness(topics, report)
    check_coverage(topics, report)
    if "--app" in flags:
        check_with_app(path, report)
    summarise(topics)

    for label, items in (("warning", report.warnings), ("error", report.errors)):
        for line, msg in sorted(items, key=lambda x: x[0]):
            where = f"{path}:{line}" if line else f"{path}"
            print(f"{where}: {label}: {msg}")

    failed = bool(report.errors) or ("--strict" in flags and bool(report.warnings))
    print(
        f"{'FAILED' if failed else 'OK'}: {len(report.errors)} error(s), "
        f"{len(report.warnings)} warning(s)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
