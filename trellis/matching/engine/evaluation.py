"""How good is a match? Pure helpers for the benchmarks and the round review page.

Two kinds of evaluation, no Django:

- **Who answered?** A Stack Exchange posts dump is a real record of who helped
  whom. `read_posts` loads it, `histories` builds each user's profile from what
  they wrote before a cutoff (questions: what they work on and learn; answers,
  with the question's title and tags: what they can help with), and
  `later_questions` lists the questions asked after it with the people who
  answered. A ranker is scored with `hit_rate` (hit@k: is an actual answerer in
  the top k?). `popularity_ranking` (most answers first) and `tfidf_scores`
  (plain TF-IDF cosine) are the baselines an engine has to beat.
- **Rounds against baselines.** `random_pairs` ("the spreadsheet"),
  `hierarchy_pairs` (senior with junior inside a discipline) and
  `tfidf_greedy_pairs` (plain TF-IDF cosine, greedy assignment) pair the same
  people a round does; `Rules` holds the hard constraints, `violations` counts
  every broken one, and `round_metrics` gives coverage and the share of
  cross-discipline and cross-team pairs. Every baseline respects capacity and
  never pairs anyone with themselves; given `rules`, it respects every other
  constraint too. `pair_quality` measures pairs with the engine's own scores;
  `truth_quality` without any encoder, from the topics a synthetic profile was
  written from. `synthetic_organisation` writes a realistic organisation
  (reporting tree, disciplines, teams, levels, statements in the vocabulary's
  words) to run them on.
"""

from __future__ import annotations

import csv
import html
import math
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from trellis.matching.engine.people import STATEMENTS, Person, chain_index
from trellis.text.vocabulary import TYPICAL_DISCIPLINES

# --------------------------------------------------------------------------------------------
# Stack Exchange: who answered?
# --------------------------------------------------------------------------------------------

_TAG = re.compile(r"<([^<>]+)>")
_MARKUP = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Post:
    """A question or an answer of a Stack Exchange posts dump, its body as plain text."""

    id: str
    kind: str  # "question" or "answer"
    owner: str
    created: str  # ISO 8601, UTC; compares as a string
    body: str
    title: str = ""
    tags: tuple[str, ...] = ()
    parent: str | None = None  # an answer's question
    accepted: str | None = None  # a question's accepted answer


def strip_html(markup: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return _SPACE.sub(" ", html.unescape(_MARKUP.sub(" ", markup))).strip()


def read_posts(path: Path) -> list[Post]:
    """Questions and answers of a `Posts.xml` dump (tag-wiki rows are skipped), oldest first."""
    posts = []
    for row in ET.parse(path).getroot().iter("row"):
        kind = {"1": "question", "2": "answer"}.get(row.get("PostTypeId", ""))
        if kind is None or row.get("OwnerUserId") is None:
            continue
        posts.append(
            Post(
                id=row.get("Id", ""),
                kind=kind,
                owner=row.get("OwnerUserId", ""),
                created=row.get("CreationDate", ""),
                body=strip_html(row.get("Body", "")),
                title=row.get("Title", ""),
                tags=tuple(_TAG.findall(row.get("Tags", ""))),
                parent=row.get("ParentId"),
                accepted=row.get("AcceptedAnswerId"),
            )
        )
    return sorted(posts, key=lambda p: (p.created, int(p.id) if p.id.isdigit() else p.id))


def _tag_words(tags: Iterable[str]) -> str:
    return ", ".join(tag.replace("-", " ") for tag in tags)


def question_text(question: Post) -> str:
    """What a question is about: its title, its tags as words, and its body."""
    return f"{question.title}; {_tag_words(question.tags)}; {question.body}"


@dataclass
class History:
    """What one user wrote before the cutoff."""

    user: str
    asked: list[str] = field(default_factory=list)  # question texts
    answered: list[str] = field(default_factory=list)  # answer + its question's title and tags

    @property
    def answers(self) -> int:
        return len(self.answered)

    def person(self) -> Person:
        """The user as the engine sees a member: questions are what they work on and learn."""
        asked = "; ".join(self.asked)
        return _plain_person(
            self.user, working_on=asked, learning=asked, can_help_with="; ".join(self.answered)
        )


def _plain_person(id: str, **statements: str) -> Person:
    """A member with statements and nothing else (no team, no manager, capacity 1)."""
    texts = {name: statements.get(name, "") for name in STATEMENTS}
    return Person(
        id=id,
        name=id,
        discipline="",
        team="",
        level=0,
        manager=None,
        background=(),
        capacity=1,
        **texts,
    )


def histories(posts: Sequence[Post], cutoff: str) -> dict[str, History]:
    """Each user's profile from the posts they wrote before `cutoff` (ISO date or time)."""
    questions = {p.id: p for p in posts if p.kind == "question"}
    result: dict[str, History] = {}
    for post in posts:
        if post.created >= cutoff:
            continue
        history = result.setdefault(post.owner, History(post.owner))
        if post.kind == "question":
            history.asked.append(question_text(post))
        else:
            question = questions.get(post.parent or "")
            about = f"{question.title}; {_tag_words(question.tags)}; " if question else ""
            history.answered.append(about + post.body)
    return result


@dataclass(frozen=True)
class Case:
    """A question asked after the cutoff, and who actually answered it (never the asker)."""

    question: str
    asker: str
    text: str
    answerers: frozenset[str]
    accepted: str | None  # the accepted answer's author, when that is not the asker

    def person(self) -> Person:
        """The asker as a member who is learning and working on exactly this question."""
        return _plain_person(f"q{self.question}", working_on=self.text, learning=self.text)


def later_questions(posts: Sequence[Post], start: str, end: str | None = None) -> list[Case]:
    """Questions asked in [start, end) that someone other than the asker answered."""
    answers_to: dict[str, list[Post]] = defaultdict(list)
    owner_of = {p.id: p.owner for p in posts}
    for post in posts:
        if post.kind == "answer" and post.parent:
            answers_to[post.parent].append(post)
    cases = []
    for post in posts:
        if post.kind != "question" or post.created < start or (end and post.created >= end):
            continue
        answerers = frozenset(a.owner for a in answers_to[post.id]) - {post.owner}
        if not answerers:
            continue
        accepted = owner_of.get(post.accepted or "")
        cases.append(
            Case(
                question=post.id,
                asker=post.owner,
                text=question_text(post),
                answerers=answerers,
                accepted=accepted if accepted in answerers else None,
            )
        )
    return cases


def answer_concentration(posts: Iterable[Post], top: int = 5) -> tuple[float, int, int]:
    """Share of all answers written by the `top` most active answerers, with the counts."""
    counts = Counter(p.owner for p in posts if p.kind == "answer")
    total = sum(counts.values())
    by_top = sum(n for _, n in counts.most_common(top))
    return (by_top / total if total else 0.0), by_top, total


def _user_key(user: str) -> tuple[int, str]:
    return (int(user), user) if user.lstrip("-").isdigit() else (0, user)


def popularity_ranking(history: Mapping[str, History]) -> list[str]:
    """Users by answers given before the cutoff, most first (ties: more questions, then id)."""
    return sorted(
        history, key=lambda u: (-history[u].answers, -len(history[u].asked), _user_key(u))
    )


def rank_by_score(users: Sequence[str], scores: np.ndarray, exclude: str) -> list[str]:
    """`users` by `scores`, best first, without `exclude`; ties keep the order of `users`."""
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    return [users[i] for i in order if users[i] != exclude]


def hit_at_k(ranking: Sequence[str], relevant: Iterable[str], k: int) -> bool:
    """Whether any of `relevant` is among the first `k` of `ranking`."""
    wanted = set(relevant)
    return any(user in wanted for user in ranking[:k])


def hit_rate(rankings: Sequence[Sequence[str]], relevant: Sequence[Iterable[str]], k: int) -> float:
    """Share of cases whose ranking has a relevant user in its top `k` (cases with none count)."""
    if not rankings:
        return 0.0
    hits = sum(hit_at_k(r, rel, k) for r, rel in zip(rankings, relevant, strict=True))
    return hits / len(rankings)


def tfidf_scores(helper_texts: Sequence[str], query_texts: Sequence[str]) -> np.ndarray:
    """Plain TF-IDF cosine of each query against each helper text: (queries x helpers).

    Fitted on the helpers' texts only (what is known before the cutoff); English
    stop words dropped, sublinear term frequencies. Empty texts score 0.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    helpers = vectorizer.fit_transform(helper_texts)
    queries = vectorizer.transform(query_texts)
    return (queries @ helpers.T).toarray()


def teach_matrix(encoder, helpers: Sequence[Person], queries: Sequence[Person]) -> np.ndarray:
    """The engine's `teach(helper -> asker)` for every query and helper: (queries x helpers).

    The encoder is fitted on the helpers only (what is known before the cutoff);
    the queries are encoded with that fit, as a new member would be.
    """
    from trellis.matching.engine.scores import attributes, score_pairs

    everyone = [*helpers, *queries]
    profiles = encoder.fit(list(helpers)).encode(everyone)
    h, q = len(helpers), len(queries)
    a = np.tile(np.arange(h), q)
    b = np.repeat(np.arange(h, h + q), h)
    scored = score_pairs(profiles, attributes(everyone), a, b)
    return np.asarray(scored.teach_ab, dtype=float).reshape(q, h)


def engine_version(names: Iterable[str] = ("encoders", "scores", "pipeline")) -> str:
    """Short content hashes of engine modules, so a printed result says what produced it."""
    import hashlib

    here = Path(__file__).resolve().parent
    parts = []
    for name in names:
        path = here / f"{name}.py"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8] if path.exists() else "-"
        parts.append(f"{name}.py {digest}")
    return ", ".join(parts)


def activity_prior(history: Mapping[str, History], users: Sequence[str]) -> np.ndarray:
    """log(1 + answers), scaled so the most active helper has 1 (all 0 when nobody answered)."""
    counts = np.array([history[u].answers if u in history else 0 for u in users], dtype=float)
    top = counts.max(initial=0.0)
    return np.log1p(counts) / math.log1p(top) if top > 0 else np.zeros_like(counts)


# --------------------------------------------------------------------------------------------
# Rounds: hard constraints, violations, metrics
# --------------------------------------------------------------------------------------------

Pair = tuple[str, str]


class Rules:
    """The hard constraints of a round, asked for arrays of member positions at once.

    A pair (i, j) is allowed when i != j, both are opted in with capacity, neither
    is in the other's reporting chain (nor, with `siblings`, do they share a
    manager), and the pair is not `blocked` (active, declined or dismissed).
    """

    def __init__(
        self, people: Sequence[Person], blocked: Iterable[Pair] = (), *, siblings: bool = False
    ):
        self.people = people
        self.position = {p.id: i for i, p in enumerate(people)}
        self.chain = chain_index(people)
        self.siblings = siblings
        self.capacity = np.array([p.capacity for p in people], dtype=np.int64)
        self.open = np.array([p.opted_in for p in people]) & (self.capacity > 0)
        self.blocked = {
            _key(self.position[a], self.position[b])
            for a, b in blocked
            if a in self.position and b in self.position
        }

    def allowed(self, i, j) -> np.ndarray:
        i = np.atleast_1d(np.asarray(i, dtype=np.int64))
        j = np.atleast_1d(np.asarray(j, dtype=np.int64))
        ok = (i != j) & self.open[i] & self.open[j]
        ok &= ~self.chain.in_reporting_chain(i, j, siblings=self.siblings)
        if self.blocked:
            ok &= np.array([_key(a, b) not in self.blocked for a, b in zip(i, j, strict=True)])
        return ok


def _key(i: int, j: int) -> tuple[int, int]:
    return (int(i), int(j)) if i < j else (int(j), int(i))


def violations(
    people: Sequence[Person], pairs: Sequence[Pair], blocked: Iterable[Pair] = ()
) -> dict[str, int]:
    """Every broken hard constraint in `pairs`, counted by kind.

    `over_capacity` counts the pairs beyond members' capacities (a member with
    capacity 2 in 3 pairs counts 1); `opted_out` counts pairs with a member who
    has not opted in; `duplicate` counts a pair listed more than once.
    """
    rules = Rules(people, blocked)
    found = dict.fromkeys(
        ("same_person", "reporting_chain", "over_capacity", "opted_out", "blocked", "duplicate"),
        0,
    )
    if not pairs:
        return found
    i = np.array([rules.position[a] for a, _ in pairs], dtype=np.int64)
    j = np.array([rules.position[b] for _, b in pairs], dtype=np.int64)
    same = i == j
    found["same_person"] = int(same.sum())
    chained = rules.chain.in_reporting_chain(i, j) & ~same
    found["reporting_chain"] = int(chained.sum())
    opted = np.array([p.opted_in for p in people])
    found["opted_out"] = int((~opted[i] | ~opted[j]).sum())
    load = np.bincount(np.concatenate([i, j]), minlength=len(people))
    found["over_capacity"] = int(np.maximum(load - rules.capacity, 0).sum())
    keys = [_key(a, b) for a, b in zip(i, j, strict=True)]
    found["blocked"] = sum(key in rules.blocked for key in keys)
    found["duplicate"] = len(keys) - len(set(keys))
    return found


def round_metrics(people: Sequence[Person], pairs: Sequence[Pair]) -> dict[str, float]:
    """Coverage (of members opted in with capacity), pairs, cross-discipline and cross-team."""
    by_id = {p.id: p for p in people}
    eligible = {p.id for p in people if p.opted_in and p.capacity > 0}
    covered = {x for pair in pairs for x in pair} & eligible
    n = len(pairs)
    return {
        "pairs": n,
        "coverage": len(covered) / len(eligible) if eligible else 0.0,
        "cross_discipline": (
            sum(by_id[a].discipline != by_id[b].discipline for a, b in pairs) / n if n else 0.0
        ),
        "cross_team": sum(by_id[a].team != by_id[b].team for a, b in pairs) / n if n else 0.0,
    }


def pair_quality(
    people: Sequence[Person], pairs: Sequence[Pair], profiles, weights=None
) -> dict[str, float]:
    """Means of the engine's scores over `pairs`, with one yardstick for every method.

    `profiles` are the engine's encoding of `people` (same order). Besides the
    means of `shared`, `mutual`, `teach` (both directions) and `score`, gives
    `useful_coverage`: the share of members opted in with capacity who are in a
    pair that scores above 0 (one with some shared interest).
    """
    from trellis.matching.engine.scores import attributes, score_pairs

    keys = ("shared", "mutual", "teach", "score", "zero_score", "useful_coverage")
    if not pairs:
        return dict.fromkeys(keys, 0.0)
    position = {p.id: i for i, p in enumerate(people)}
    a = np.array([position[x] for x, _ in pairs], dtype=np.int64)
    b = np.array([position[y] for _, y in pairs], dtype=np.int64)
    scored = score_pairs(profiles, attributes(people), a, b, weights)
    eligible = np.array([p.opted_in and p.capacity > 0 for p in people])
    useful = np.zeros(len(people), dtype=bool)
    good = scored.score > 0
    useful[a[good]] = True
    useful[b[good]] = True
    return {
        "shared": float(scored.shared.mean()),
        "mutual": float(scored.mutual.mean()),
        "teach": float(((scored.teach_ab + scored.teach_ba) / 2).mean()),
        "score": float(scored.score.mean()),
        "zero_score": float((~good).mean()),
        "useful_coverage": float((useful & eligible).sum() / max(1, eligible.sum())),
    }


def truth_quality(pairs: Sequence[Pair], truth: Truth) -> dict[str, float]:
    """Encoder-free quality of pairs from the topics their statements were written from.

    - `true_shared`: share of pairs who work on a common topic (however each wrote it);
    - `true_teach`: share where one can help with a topic the other is learning;
    - `true_mutual`: share with a common working topic or teaching both ways.
    """
    if not pairs:
        return {"true_shared": 0.0, "true_teach": 0.0, "true_mutual": 0.0}

    def teaches(x: str, y: str) -> bool:
        return bool(truth[x]["can_help_with"] & truth[y]["learning"])

    shared = [bool(truth[a]["working_on"] & truth[b]["working_on"]) for a, b in pairs]
    ab = [teaches(a, b) for a, b in pairs]
    ba = [teaches(b, a) for a, b in pairs]
    n = len(pairs)
    return {
        "true_shared": sum(shared) / n,
        "true_teach": sum(x or y for x, y in zip(ab, ba, strict=True)) / n,
        "true_mutual": sum(s or (x and y) for s, x, y in zip(shared, ab, ba, strict=True)) / n,
    }


# --------------------------------------------------------------------------------------------
# Round baselines
# --------------------------------------------------------------------------------------------


def _members(people: Sequence[Person], rules: Rules | None) -> list[int]:
    """Positions of the members a baseline may pair: capacity left (and opted in, with rules)."""
    if rules is None:
        return [i for i, p in enumerate(people) if p.capacity > 0]
    return [int(i) for i in np.flatnonzero(rules.open)]


def _allowed(rules: Rules | None, i: int, j: int) -> bool:
    return i != j and (rules is None or bool(rules.allowed(i, j)[0]))


def _as_pairs(people: Sequence[Person], chosen: Iterable[tuple[int, int]]) -> list[Pair]:
    return [(people[i].id, people[j].id) for i, j in chosen]


def random_pairs(
    people: Sequence[Person], *, seed: int = 0, rules: Rules | None = None, passes: int = 20
) -> list[Pair]:
    """ "The spreadsheet": shuffle the list and pair neighbours, again while capacity is left.

    Each pass shuffles the members who still have capacity and pairs them two by
    two (skipping a pair already made or, with `rules`, not allowed).
    """
    rng = random.Random(seed)
    left = {i: people[i].capacity for i in _members(people, rules)}
    made: set[tuple[int, int]] = set()
    chosen = []
    for _ in range(passes):
        open_ = [i for i, c in left.items() if c > 0]
        rng.shuffle(open_)
        progress = False
        for a, b in zip(open_[::2], open_[1::2], strict=False):
            key = _key(a, b)
            if key in made or not _allowed(rules, a, b):
                continue
            made.add(key)
            chosen.append((a, b))
            left[a] -= 1
            left[b] -= 1
            progress = True
        if not progress and len(open_) < 2:
            break
    return _as_pairs(people, chosen)


def hierarchy_pairs(
    people: Sequence[Person], *, rules: Rules | None = None, window: int = 64
) -> list[Pair]:
    """ "The hierarchy": inside each discipline, the most senior with the most junior.

    Members with capacity are sorted by level (then id); the most senior is paired
    with the most junior, the next with the next, and so on inwards. A pair is
    never made twice; with `rules`, a forbidden pair moves on to the next most
    junior (up to `window` of them). Passes repeat while capacity is left.
    """
    by_discipline: dict[str, list[int]] = defaultdict(list)
    for i in _members(people, rules):
        by_discipline[people[i].discipline].append(i)
    left = {i: people[i].capacity for group in by_discipline.values() for i in group}
    made: set[tuple[int, int]] = set()
    chosen = []
    for discipline in sorted(by_discipline):
        progress = True
        while progress:
            ranked = sorted(
                (i for i in by_discipline[discipline] if left[i] > 0),
                key=lambda i: (-people[i].level, people[i].id),
            )
            used = [False] * len(ranked)
            progress = False
            low = len(ranked) - 1
            for top, a in enumerate(ranked):
                while low > top and used[low]:
                    low -= 1
                if low <= top:
                    break
                if used[top]:
                    continue
                q, tries = low, 0
                while q > top and tries < window:
                    b = ranked[q]
                    if not used[q]:
                        tries += 1
                        if _key(a, b) not in made and _allowed(rules, a, b):
                            made.add(_key(a, b))
                            chosen.append((a, b))
                            left[a] -= 1
                            left[b] -= 1
                            used[top] = used[q] = progress = True
                            break
                    q -= 1
    return _as_pairs(people, chosen)


def profile_text(person: Person) -> str:
    """Everything a member wrote, as one text."""
    return "; ".join([*(getattr(person, s) for s in STATEMENTS), *person.posts])


def tfidf_neighbours(
    texts: Sequence[str], k: int = 20, chunk: int = 2048
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each text's `k` most TF-IDF-cosine-similar others: pair arrays (i < j) and similarity.

    Plain scikit-learn TF-IDF (English stop words, sublinear tf), rows compared
    a chunk at a time so memory stays O(n k).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    matrix = sparse.csr_matrix(matrix)
    rows, cols, sims = [], [], []
    n = matrix.shape[0]
    for start in range(0, n, chunk):
        block = (matrix[start : start + chunk] @ matrix.T).toarray()
        for r in range(block.shape[0]):
            block[r, start + r] = 0.0
        take = min(k, n - 1)
        if take <= 0:
            break
        top = np.argpartition(-block, take - 1, axis=1)[:, :take]
        values = np.take_along_axis(block, top, axis=1)
        keep = values > 0
        rows.append(np.repeat(np.arange(start, start + block.shape[0]), take)[keep.ravel()])
        cols.append(top[keep])
        sims.append(values[keep])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    i, j, s = np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)
    i, j = np.minimum(i, j), np.maximum(i, j)
    unique = np.unique(i * n + j, return_index=True)[1]
    return i[unique], j[unique], s[unique]


def greedy_pairs(
    i: np.ndarray, j: np.ndarray, weight: np.ndarray, capacity: Sequence[int]
) -> list[tuple[int, int]]:
    """Heaviest pairs first, each taken while both sides have capacity (ties: input order)."""
    left = np.array(capacity, dtype=np.int64)
    made: set[tuple[int, int]] = set()
    chosen = []
    for e in np.argsort(-np.asarray(weight, dtype=float), kind="stable"):
        a, b = int(i[e]), int(j[e])
        if a == b or left[a] <= 0 or left[b] <= 0 or _key(a, b) in made:
            continue
        made.add(_key(a, b))
        chosen.append((a, b))
        left[a] -= 1
        left[b] -= 1
    return chosen


def tfidf_greedy_pairs(
    people: Sequence[Person], *, rules: Rules | None = None, k: int = 20
) -> list[Pair]:
    """Plain TF-IDF cosine of whole profiles, each member's `k` nearest, greedy assignment."""
    members = _members(people, rules)
    if len(members) < 2:
        return []
    i, j, sim = tfidf_neighbours([profile_text(people[m]) for m in members], k=k)
    index = np.array(members, dtype=np.int64)
    i, j = index[i], index[j]
    if rules is not None and len(i):
        keep = rules.allowed(i, j)
        i, j, sim = i[keep], j[keep], sim[keep]
    capacity = [p.capacity for p in people]
    return _as_pairs(people, greedy_pairs(i, j, sim, capacity))


BASELINES: dict[str, Callable[..., list[Pair]]] = {
    "random (the spreadsheet)": random_pairs,
    "senior-junior (the hierarchy)": hierarchy_pairs,
    "TF-IDF + greedy": tfidf_greedy_pairs,
}


# --------------------------------------------------------------------------------------------
# A synthetic organisation
# --------------------------------------------------------------------------------------------

DISCIPLINES = TYPICAL_DISCIPLINES


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


BACKGROUNDS = _words(
    "physics mathematics teaching startups open-source military music healthcare career-changer "
    "journalism consulting academia retail banking bootcamp self-taught non-profit gaming biology "
    "law architecture public-sector philosophy first-generation-graduate parent"
)
TEMPLATES = {
    "working_on": (
        "{t}",
        "migrating our {t} setup",
        "getting our {t} under control",
        "rolling out {t} across the team",
        "cleaning up years of {t} debt",
        "a proposal to replace {t} with {u}",
        "{t} and {u}",
        "untangling {t} from {u}",
        "measuring whether {t} actually helps",
        "scaling {t}",
        "an audit of our {t}",
        "automating the boring parts of {t}",
    ),
    "curious_about": (
        "{t}",
        "how other teams do {t}",
        "whether {t} would help us",
        "{t} vs {u}",
        "how {t} works under the hood",
        "good books on {t}",
    ),
    "can_help_with": (
        "{t}",
        "reviewing {t} work",
        "pairing on {t}",
        "I've done a lot of {t}",
        "debugging {t}",
        "{t} and {u}",
        "setting up {t} from scratch",
        "a second pair of eyes on {t}",
    ),
    "learning": (
        "{t}",
        "getting better at {t}",
        "{t} basics",
        "trying to understand {t}",
        "a course on {t}",
        "going deeper into {t}",
        "how to do {t} properly",
    ),
}
# What people in every discipline write, which says little about who should meet.
GENERIC = (
    "strategy",
    "leadership",
    "communication",
    "stakeholder management",
    "improving our processes",
    "cross-functional collaboration",
    "prioritisation",
    "best practices",
)
SHARED_TEMPLATES = ("{t}", "{t}, with people from other teams", "a working group on {t}")
# How often a clause strays outside the person's own areas, per statement.
_CROSS = {"working_on": 0.1, "curious_about": 0.35, "can_help_with": 0.1, "learning": 0.35}


@dataclass(frozen=True)
class Topic:
    name: str
    area: str
    forms: tuple[str, ...]  # name, synonyms and abbreviations as people write them


def read_topics(path: Path) -> list[Topic]:
    """Topics of the vocabulary file (`name,area,synonyms,abbreviations`), read leniently."""
    topics = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("name") or "").strip()
            if not name:
                continue
            aliases = [
                alias.strip().removeprefix("=").strip()
                for column in ("synonyms", "abbreviations")
                for alias in (row.get(column) or "").split(";")
            ]
            forms = (name, *(a for a in aliases if a))
            topics.append(Topic(name=name, area=(row.get("area") or "").strip(), forms=forms))
    return topics


class _Writer:
    """Writes statements from the vocabulary's words: a few topics per area are popular."""

    def __init__(self, rng: random.Random, topics: Sequence[Topic]):
        self.rng = rng
        self.by_area: dict[str, list[Topic]] = defaultdict(list)
        for topic in topics:
            self.by_area[topic.area].append(topic)
        for pool in self.by_area.values():
            rng.shuffle(pool)
        self.areas = sorted(self.by_area)

    def topic(self, areas: Sequence[str], cross: float) -> Topic:
        rng = self.rng
        areas = [a for a in areas if a in self.by_area] or self.areas
        if rng.random() < cross:
            area = rng.choice(self.areas)
        else:
            area = areas[0] if rng.random() < 0.6 else rng.choice(areas)
        pool = self.by_area[area]
        return pool[int(len(pool) * rng.random() ** 1.8)]

    def written(self, topic: Topic) -> str:
        """The name (sometimes in lower case), a synonym or an abbreviation."""
        r = self.rng.random()
        if len(topic.forms) > 1 and r < 0.55:
            return self.rng.choice(topic.forms[1:])
        return topic.name.lower() if r > 0.9 else topic.name

    def statement(
        self, name: str, areas: Sequence[str], team: list[Topic], shared: list[Topic]
    ) -> tuple[str, frozenset[str]]:
        """A statement, and the topics it was written from (whatever words it uses)."""
        rng = self.rng
        if name != "working_on" and rng.random() < 0.07:
            return "", frozenset()
        clauses, used = [], set()
        if name == "working_on" and shared and rng.random() < 0.3:
            topic = rng.choice(shared)
            used.add(topic.name)
            template = rng.choice(SHARED_TEMPLATES)
            clauses.append(template.replace("{t}", self.written(topic)))
        if rng.random() < 0.2:
            clauses.append(rng.choice(GENERIC))
        wanted = len(clauses) + rng.choice((1, 1, 2, 2, 2, 3))
        while len(clauses) < wanted:
            cross = _CROSS[name]
            if team and name in {"working_on", "can_help_with"} and rng.random() < 0.4:
                topic = rng.choice(team)
            else:
                topic = self.topic(areas, cross)
            used.add(topic.name)
            text = rng.choice(TEMPLATES[name]).replace("{t}", self.written(topic))
            if "{u}" in text:
                other = self.topic(areas, cross)
                used.add(other.name)
                text = text.replace("{u}", self.written(other))
            clauses.append(text)
        return rng.choice((", ", "; ", ". ")).join(clauses), frozenset(used)


def _tree(rng: random.Random, total: int) -> tuple[list[int | None], list[str]]:
    """Managers and disciplines of `total` people: a head, a director per discipline, teams."""
    parent: list[int | None] = [None]
    discipline = ["Product"]

    def add(manager: int, name: str) -> int:
        parent.append(manager)
        discipline.append(name)
        return len(parent) - 1

    def fill(root: int, below: int) -> None:
        if below <= 8:
            for _ in range(below):
                add(root, discipline[root])
            return
        span = rng.randint(3, 8)
        managers = max(1, min(span, below // 7))
        for _ in range(span - managers):
            add(root, discipline[root])
        rest = below - (span - managers)
        weights = [rng.uniform(0.6, 1.4) for _ in range(managers)]
        sizes = [1 + int((rest - managers) * w / sum(weights)) for w in weights]
        sizes[-1] += rest - sum(sizes)
        for size in sizes:
            fill(add(root, discipline[root]), size - 1)

    names = sorted(DISCIPLINES, key=lambda d: -DISCIPLINES[d][0])
    rest = max(0, total - 1 - len(names))
    sizes = {d: rest * DISCIPLINES[d][0] // 100 for d in names}
    for d in names[: rest - sum(sizes.values())]:
        sizes[d] += 1
    for d in names:
        if len(parent) < total:
            director = add(0, d)
            fill(director, min(sizes[d], total - len(parent)))
    return parent[:total], discipline[:total]


Truth = dict[str, dict[str, frozenset[str]]]  # id -> statement -> topic names it was written from


def synthetic_organisation(n: int, *, topics_path: Path, seed: int = 0) -> list[Person]:
    """`n` people in a reporting tree, with teams, levels and statements; same seed, same people.

    See `synthetic_organisation_with_truth`, which also says which topics each
    statement was written from.
    """
    return synthetic_organisation_with_truth(n, topics_path=topics_path, seed=seed)[0]


def synthetic_organisation_with_truth(
    n: int, *, topics_path: Path, seed: int = 0
) -> tuple[list[Person], Truth]:
    """`n` people in a reporting tree, and the topics behind each of their statements.

    Disciplines follow realistic shares; every manager leads a team its reports
    belong to; nobody outranks their manager; statements mix the vocabulary's
    names, synonyms and abbreviations in many sentence shapes, with team topics,
    problems several disciplines share, and generic words everyone uses.
    About 6% have capacity 0 and 10% have not opted in.
    """
    rng = random.Random(seed)
    writer = _Writer(rng, read_topics(topics_path))
    parent, discipline = _tree(rng, n)
    reports: dict[int, list[int]] = defaultdict(list)
    for i, manager in enumerate(parent):
        if manager is not None:
            reports[manager].append(i)
    # Problems shared across disciplines: a topic each, met by two to four disciplines.
    shared: dict[str, list[Topic]] = defaultdict(list)
    for _ in range(20):
        topic = writer.topic(writer.areas, 1.0)
        for d in rng.sample(sorted(DISCIPLINES), rng.randint(2, 4)):
            shared[d].append(topic)
    level = [0] * n
    team = [""] * n
    truth: Truth = {}
    team_topics: dict[int, list[Topic]] = {}
    counters: Counter[str] = Counter()
    people = []
    for i in range(n):  # parents come before their reports
        d, manager = discipline[i], parent[i]
        lead = i if reports[i] else manager if manager is not None else i
        if lead not in team_topics:
            counters[discipline[lead]] += 1
            team[lead] = f"{discipline[lead]} {counters[discipline[lead]]}"
            areas = DISCIPLINES.get(discipline[lead], (0, writer.areas))[1]
            team_topics[lead] = [writer.topic(areas, 0.1) for _ in range(3)]
        team[i] = team[lead]
        if manager is None:
            level[i] = 8
        elif parent[manager] is None:
            level[i] = 7
        elif reports[i]:
            level[i] = 6 if any(reports[r] for r in reports[i]) else rng.choice((4, 5, 5))
        else:
            level[i] = rng.choices((1, 2, 3, 4, 5, 6), (8, 22, 30, 22, 12, 6))[0]
        if manager is not None:
            level[i] = min(level[i], level[manager])
        areas = DISCIPLINES[d][1] + (("people-management",) if reports[i] else ())
        written = {
            name: writer.statement(name, areas, team_topics[lead], shared[d]) for name in STATEMENTS
        }
        statements = {name: text for name, (text, _) in written.items()}
        truth[f"p{i:06d}"] = {name: used for name, (_, used) in written.items()}
        people.append(
            Person(
                id=f"p{i:06d}",
                name=f"Person {i}",
                discipline=d,
                team=team[i],
                level=level[i],
                manager=None if manager is None else f"p{manager:06d}",
                background=tuple(rng.sample(BACKGROUNDS, rng.choice((0, 1, 1, 2, 2, 3)))),
                capacity=rng.choices((2, 1, 3, 0), (70, 12, 12, 6))[0],
                opted_in=rng.random() < 0.9,
                **statements,
            )
        )
    return people, truth
