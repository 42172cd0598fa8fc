"""People as the engine sees them: the JSON Lines contract and reporting lines.

`read_people` reads the `PEOPLE.jsonl` contract of `trellis match` (one JSON
object per line) and checks all of it before returning anything, so a bad file
is reported whole, each problem naming its line and field. `chain_index` turns
the reporting lines into an index that answers "is b anywhere in a's reporting
chain?" for millions of pairs at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from trellis.text import limits

STATEMENTS = ("working_on", "curious_about", "can_help_with", "learning")
HELPED_WITH_ENTRIES = 1_000  # at most this many `helped_with` texts per person
HELPED_WITH_CHARACTERS = 2_000  # each of at most this many characters


@dataclass(frozen=True, slots=True)
class Person:
    """One member: who they are, where they sit, and what they wrote about their work."""

    id: str
    name: str
    discipline: str
    team: str
    level: int
    manager: str | None
    background: tuple[str, ...]
    capacity: int
    working_on: str
    curious_about: str
    can_help_with: str
    learning: str
    opted_in: bool = True
    posts: tuple[str, ...] = ()
    helped_with: tuple[str, ...] = ()  # one short text per time they helped someone


class PeopleError(ValueError):
    """The people file is malformed; `problems` lists each one with its line and field."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_string_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


# Field -> (check, what the field must be). Every one is required unless in _OPTIONAL.
_FIELDS = {
    "id": (lambda v: isinstance(v, str) and v.strip() != "", "a non-empty string"),
    "name": (lambda v: isinstance(v, str), "a string"),
    "discipline": (lambda v: isinstance(v, str), "a string"),
    "team": (lambda v: isinstance(v, str), "a string"),
    "level": (_is_int, "an integer"),
    "manager": (lambda v: v is None or (isinstance(v, str) and v != ""), "an id or null"),
    "background": (_is_string_list, "a list of strings"),
    "capacity": (lambda v: _is_int(v) and v >= 0, "an integer >= 0"),
    **{name: (lambda v: isinstance(v, str), "a string") for name in STATEMENTS},
    "opted_in": (lambda v: isinstance(v, bool), "true or false"),
    "posts": (_is_string_list, "a list of strings"),
}
_OPTIONAL = {"opted_in": True, "posts": [], "helped_with": []}


def _helped_with_problems(line_no: int, value: object) -> list[str]:
    """What is wrong with a `helped_with` value: a list of at most HELPED_WITH_ENTRIES
    strings of at most HELPED_WITH_CHARACTERS each. Bounded because every entry is
    compared with other people's needs."""
    where = f"line {line_no}: field 'helped_with'"
    if not isinstance(value, list):
        return [f"{where} must be a list of strings, got {value!r}"]
    if len(value) > HELPED_WITH_ENTRIES:
        return [f"{where} has {len(value):,} entries; at most {HELPED_WITH_ENTRIES:,}"]
    problems = []
    for number, entry in enumerate(value, start=1):
        if not isinstance(entry, str):
            problems.append(f"{where}: entry {number} must be a string, got {entry!r}")
        elif len(entry) > HELPED_WITH_CHARACTERS:
            problems.append(
                f"{where}: entry {number} has {len(entry):,} characters; "
                f"at most {HELPED_WITH_CHARACTERS:,}"
            )
    return problems


def _check_record(line_no: int, text: str) -> tuple[dict | None, list[str]]:
    """Parse one line into a JSON object and say what is wrong with its fields."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [f"line {line_no}: bad JSON: {error.msg} (column {error.colno})"]
    if not isinstance(record, dict):
        return None, [f"line {line_no}: expected a JSON object, got {type(record).__name__}"]
    problems = []
    for field, (check, expected) in _FIELDS.items():
        if field not in record:
            if field not in _OPTIONAL:
                problems.append(f"line {line_no}: field {field!r} is missing")
            continue
        value = record[field]
        if not check(value):
            problems.append(f"line {line_no}: field {field!r} must be {expected}, got {value!r}")
    if "helped_with" in record:
        problems += _helped_with_problems(line_no, record["helped_with"])
    problems += _length_problems(line_no, record)
    return record, problems


# The most characters of each text the engine reads: what Trellis lets a person write.
TEXT_LIMITS = {
    "name": limits.DISPLAY_NAME,
    "discipline": limits.DISCIPLINE,
    "team": limits.TEAM,
    **dict.fromkeys(STATEMENTS, limits.STATEMENT),
}


def _length_problems(line_no: int, record: dict) -> list[str]:
    """Texts longer than Trellis accepts from a person: each is read and compared with
    every candidate's, so a file must not carry more than a profile can."""
    problems = []
    for field, limit in TEXT_LIMITS.items():
        value = record.get(field)
        if isinstance(value, str) and len(value) > limit:
            problems.append(
                f"line {line_no}: field {field!r} has {len(value):,} characters; at most {limit:,}"
            )
    posts = record.get("posts")
    if _is_string_list(posts) and any(len(post) > limits.POST_BODY for post in posts):
        problems.append(
            f"line {line_no}: field 'posts': a post has more than {limits.POST_BODY:,} characters"
        )
    return problems


def _person(record: dict) -> Person:
    return Person(
        id=record["id"],
        name=record["name"],
        discipline=record["discipline"],
        team=record["team"],
        level=record["level"],
        manager=record["manager"],
        background=tuple(record["background"]),
        capacity=record["capacity"],
        working_on=record["working_on"],
        curious_about=record["curious_about"],
        can_help_with=record["can_help_with"],
        learning=record["learning"],
        opted_in=record.get("opted_in", _OPTIONAL["opted_in"]),
        posts=tuple(record.get("posts", _OPTIONAL["posts"])),
        helped_with=tuple(record.get("helped_with", _OPTIONAL["helped_with"])),
    )


def read_people(lines: Iterable[str]) -> list[Person]:
    """Read `PEOPLE.jsonl` lines into people; raise PeopleError listing every problem.

    Blank lines are skipped (but counted, so line numbers match the file).
    Unknown fields are ignored, so a richer export still reads.
    """
    problems: list[str] = []
    people: list[Person] = []
    line_of: dict[str, int] = {}
    for line_no, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        record, found = _check_record(line_no, text)
        problems += found
        if record is None or not _FIELDS["id"][0](record.get("id")):
            continue
        first = line_of.setdefault(record["id"], line_no)
        if first != line_no:
            problems.append(
                f"line {line_no}: field 'id': duplicate id {record['id']!r} (first on line {first})"
            )
        elif not found:
            people.append(_person(record))
    problems += _manager_problems(people, line_of)
    if problems:
        raise PeopleError(sorted(problems, key=_line_number))
    return people


def _line_number(problem: str) -> int:
    return int(problem.split(":", 1)[0].removeprefix("line "))


def _manager_problems(people: list[Person], line_of: dict[str, int]) -> list[str]:
    """Unknown managers, people who manage themselves, and reporting cycles."""
    problems = []
    manager_of: dict[str, str] = {}
    for person in people:
        line = line_of[person.id]
        if person.manager is None:
            continue
        if person.manager == person.id:
            problems.append(f"line {line}: field 'manager': {person.id!r} is their own manager")
        elif person.manager not in line_of:
            problems.append(f"line {line}: field 'manager': unknown manager id {person.manager!r}")
        else:
            manager_of[person.id] = person.manager
    for cycle in _cycles(manager_of):
        chain = " -> ".join(repr(i) for i in [*cycle, cycle[0]])
        problems.append(f"line {line_of[cycle[0]]}: field 'manager': reporting cycle {chain}")
    return problems


def _cycles(manager_of: Mapping[str, str]) -> list[list[str]]:
    """Every cycle of the manager graph once, starting at its member that comes first."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []
    for start in manager_of:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = manager_of.get(node)
        if node is not None and state[node] == 1:
            cycle = path[path.index(node) :]
            cycles.append(cycle)
        for member in path:
            state[member] = 2
    return cycles


class ChainIndex:
    """Answers "is b in a's reporting chain?" for arrays of pairs in O(1) each.

    Built from one depth-first walk of the reporting forest: b manages a,
    directly or through others, exactly when a's visit falls inside b's
    (`enter[b] <= enter[a] < leave[b]`). Positions are those of the people list
    given to `chain_index`.
    """

    def __init__(self, enter: np.ndarray, leave: np.ndarray, manager: np.ndarray):
        self.enter = enter
        self.leave = leave
        self.manager = manager  # position of the manager in the organisation, -1 for none

    def __len__(self) -> int:
        return len(self.enter)

    def manages(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Whether a is above b in the reporting line (a's reports, all the way down)."""
        a, b = np.asarray(a), np.asarray(b)
        return (self.enter[a] <= self.enter[b]) & (self.enter[b] < self.leave[a])

    def in_reporting_chain(self, a, b, *, siblings: bool = False) -> np.ndarray:
        """Whether b is a manager above a, a report below a, or a itself.

        With `siblings`, two people with the same manager count as in each
        other's chain too. `a` and `b` are positions (ints or int arrays).
        """
        a, b = np.asarray(a), np.asarray(b)
        linked = self.manages(a, b) | self.manages(b, a)
        if siblings:
            manager_a = self.manager[a]
            linked |= (manager_a >= 0) & (manager_a == self.manager[b])
        return linked


def chain_index(
    people: Sequence[Person], managers: Mapping[str, str | None] | None = None
) -> ChainIndex:
    """Index the reporting lines of `people`.

    `managers` (id -> manager id) adds reporting lines of people outside the
    list, so that a cohort whose members' managers are not in the cohort still
    excludes a grand-manager who is. Raises ValueError on a reporting cycle.
    """
    manager_of = dict(managers or {})
    manager_of.update({p.id: p.manager for p in people})
    position = {p.id: i for i, p in enumerate(people)}
    for manager in list(manager_of.values()):
        if manager is not None:
            manager_of.setdefault(manager, None)
    nodes = list(position) + [node for node in manager_of if node not in position]
    node_of = {node: i for i, node in enumerate(nodes)}
    parent = np.array(
        [-1 if manager_of[n] is None else node_of[manager_of[n]] for n in nodes], dtype=np.int64
    )
    enter, leave = _walk(parent)
    count = len(people)
    return ChainIndex(enter[:count], leave[:count], parent[:count])


def _walk(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pre-order visit number of each node and one past its last descendant's."""
    count = len(parent)
    order = np.argsort(parent, kind="stable")
    roots = order[parent[order] < 0]
    children_order = order[len(roots) :]
    first_child = np.searchsorted(parent[children_order], np.arange(count))
    last_child = np.searchsorted(parent[children_order], np.arange(count), side="right")
    enter = np.full(count, -1, dtype=np.int64)
    leave = np.full(count, -1, dtype=np.int64)
    clock = 0
    stack = [int(r) for r in roots[::-1]]
    while stack:
        node = stack.pop()
        if node < 0:  # leaving ~node
            leave[~node] = clock
            continue
        enter[node] = clock
        clock += 1
        stack.append(~node)
        stack.extend(int(c) for c in children_order[first_child[node] : last_child[node]][::-1])
    if clock != count:
        raise ValueError("The reporting lines contain a cycle.")
    return enter, leave
