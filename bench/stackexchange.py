"""Who answered? The matching engine measured on a Stack Exchange posts dump.

A posts dump is a real record of who helped whom. `read_posts` loads it,
`histories` builds each user's profile from what they wrote before a cutoff
(questions: what they work on and learn; answers, with the question's title and
tags: what they can help with), and `later_questions` lists the questions asked
after it with the people who answered. A ranker is scored with `hit_rate`
(hit@k: is an actual answerer in the top k?). `popularity_ranking` (most answers
first) and `tfidf_scores` (plain TF-IDF cosine) are the baselines an engine has
to beat; `teach_matrix` is the engine's own ranking. Used by
`bench/matching_stackexchange.py`.
"""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from trellis.matching.engine.people import STATEMENTS, Person

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
    helped: list[str] = field(default_factory=list)  # each answered question's title and tags

    @property
    def answers(self) -> int:
        return len(self.answered)

    def person(self) -> Person:
        """The user as the engine sees a member: questions are what they work on and learn,
        answers what they can help with, and each answered question one time they helped."""
        asked = "; ".join(self.asked)
        person = plain_person(
            self.user, working_on=asked, learning=asked, can_help_with="; ".join(self.answered)
        )
        return replace(person, helped_with=tuple(self.helped))


def plain_person(id: str, **statements: str) -> Person:
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
            about = f"{question.title}; {_tag_words(question.tags)}" if question else ""
            history.answered.append(f"{about}; {post.body}" if about else post.body)
            if about:
                history.helped.append(about)
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
        return plain_person(f"q{self.question}", working_on=self.text, learning=self.text)


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


def user_key(user: str) -> tuple[int, str]:
    """Sorts user ids as numbers where they are numbers."""
    return (int(user), user) if user.lstrip("-").isdigit() else (0, user)


def popularity_ranking(history: Mapping[str, History]) -> list[str]:
    """Users by answers given before the cutoff, most first (ties: more questions, then id)."""
    return sorted(history, key=lambda u: (-history[u].answers, -len(history[u].asked), user_key(u)))


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


def activity_prior(history: Mapping[str, History], users: Sequence[str]) -> np.ndarray:
    """log(1 + answers), scaled so the most active helper has 1 (all 0 when nobody answered)."""
    counts = np.array([history[u].answers if u in history else 0 for u in users], dtype=float)
    top = counts.max(initial=0.0)
    return np.log1p(counts) / math.log1p(top) if top > 0 else np.zeros_like(counts)


def chance_hit_at_k(candidates: int, relevant: int, k: int) -> float:
    """The chance that a random order of `candidates` people puts at least one of the
    `relevant` among them in its first `k`: 1 - C(n - r, k) / C(n, k)."""
    if relevant <= 0 or candidates <= 0:
        return 0.0
    if k >= candidates or relevant > candidates - k:
        return 1.0
    return 1.0 - math.comb(candidates - relevant, k) / math.comb(candidates, k)


def busiest_answerers(history: Mapping[str, History], top: int = 10) -> set[str]:
    """The `top` users with the most answers before the cutoff (who answered at all)."""
    return {u for u in popularity_ranking(history)[:top] if history[u].answers > 0}


def top_share(rankings: Sequence[Sequence[str]], k: int) -> tuple[float, str | None]:
    """The largest share of rankings whose first `k` hold one person, and who that is."""
    counts = Counter(user for ranking in rankings for user in set(ranking[:k]))
    if not counts or not rankings:
        return 0.0, None
    user, n = min(counts.items(), key=lambda item: (-item[1], user_key(item[0])))
    return n / len(rankings), user


def median_day(posts: Sequence[Post]) -> str:
    """The default cutoff: the day (UTC) the median question was asked, so that about
    half the questions build profiles and half are asked after."""
    questions = [p.created for p in posts if p.kind == "question"]
    if not questions:
        raise ValueError("The posts hold no questions.")
    return questions[len(questions) // 2][:10]


def validation_day(posts: Sequence[Post], cutoff: str, share: float = 0.8) -> str:
    """The default start of the validation window: the day of the question at `share`
    of those before `cutoff`, so the last fifth or so of them choose prior weights."""
    before = [p.created for p in posts if p.kind == "question" and p.created < cutoff]
    if not before:
        raise ValueError(f"No questions before the cutoff {cutoff}.")
    day = before[min(int(len(before) * share), len(before) - 1)][:10]
    return day if day < cutoff else before[0][:10]
