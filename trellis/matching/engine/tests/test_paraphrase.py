"""Paraphrases must match; generic wording must not.

`data/paraphrase_pairs.json` holds profile pairs written the way people write:
pairs that share one real problem phrased differently (abbreviations,
synonyms, word order, inflection, British and American spelling, plain
paraphrase), and pairs that share only words everybody uses ("strategy,
leadership, communication"). They are scored inside a background organisation
of a few hundred people built from `data/organisation.json` and the topic
vocabulary, so word weights come from a realistic organisation. Every pair
that shares a problem must score well above every generic pair.
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

import numpy as np

from trellis.matching.engine.encoders import DEFAULT_VOCABULARY, VocabularyEncoder
from trellis.matching.engine.people import Person
from trellis.matching.engine.scores import PairScores, attributes, score_pairs
from trellis.text.vocabulary import TYPICAL_DISCIPLINES, load_vocabulary

DATA = Path(__file__).parent / "data"
VOCABULARY = DEFAULT_VOCABULARY
STATEMENTS = ("working_on", "curious_about", "can_help_with", "learning")
DISCIPLINES = TYPICAL_DISCIPLINES
JOINERS = (", ", "; ", " and ", "\n", ", ")
BACKGROUNDS = (
    "physics music teaching startups open-source military healthcare journalism consulting "
    "academia retail banking bootcamp self-taught non-profit gaming biology law architecture"
)


def organisation(size: int, seed: int = 7) -> list[Person]:
    """A background organisation: people write discipline phrases, topics and generic words.

    A quarter of the phrases people write are generic ("stakeholder
    management", "strategy"), as in real profiles; the rest are their
    discipline's own problems and skills, in their own words or as the
    vocabulary names them (names, synonyms and abbreviations alike).
    """
    rng = random.Random(seed)
    pools = json.loads((DATA / "organisation.json").read_text())
    forms = _vocabulary_forms()
    names = list(DISCIPLINES)
    shares = [DISCIPLINES[name][0] for name in names]
    people = []
    for i in range(size):
        discipline = rng.choices(names, shares)[0]
        statements = {}
        for statement in STATEMENTS:
            if statement != "working_on" and rng.random() < 0.07:
                statements[statement] = ""
                continue
            clauses = []
            for _ in range(rng.choice((1, 1, 2, 2, 2, 3))):
                r = rng.random()
                if r < 0.25:
                    clauses.append(rng.choice(pools["generic"][statement]))
                elif r < 0.55:
                    areas = DISCIPLINES[discipline][1]
                    area = rng.choice(areas) if rng.random() < 0.85 else rng.choice(sorted(forms))
                    topic = forms[area][int(len(forms[area]) * rng.random() ** 1.8)]
                    clauses.append(rng.choice(topic))
                else:
                    home = discipline if rng.random() < 0.85 else rng.choice(names)
                    clauses.append(rng.choice(pools["disciplines"][home][statement]))
            statements[statement] = rng.choice(JOINERS).join(dict.fromkeys(clauses))
        people.append(
            Person(
                id=f"org-{i}",
                name=f"Member {i}",
                discipline=discipline,
                team=f"{discipline} {rng.randint(1, 6)}",
                level=rng.randint(1, 7),
                manager=None,
                background=tuple(rng.sample(BACKGROUNDS.split(), rng.choice((0, 1, 1, 2)))),
                capacity=2,
                **statements,
            )
        )
    return people


@cache
def _vocabulary_forms() -> dict[str, list[tuple[str, ...]]]:
    """Per area, each topic's written forms (name, synonyms, abbreviations), shuffled once."""
    by_area: dict[str, list[tuple[str, ...]]] = {}
    for entry in load_vocabulary(VOCABULARY):
        by_area.setdefault(entry.area, []).append(tuple(alias.text for alias in entry.aliases))
    rng = random.Random(3)
    for topics in by_area.values():
        rng.shuffle(topics)  # which topics are popular
    return by_area


def pair_people() -> tuple[list[Person], list[tuple[int, int]], list[tuple[int, int]]]:
    """The suite's people, and the (a, b) positions of shared and generic pairs."""
    people, groups, _ = _suite()
    return people, groups[0], groups[1]


def _suite():
    suite = json.loads((DATA / "paraphrase_pairs.json").read_text())
    people: list[Person] = []
    groups = []
    gaps = []
    for group in ("shared", "generic"):
        positions = []
        for k, pair in enumerate(suite[group]):
            start = len(people)
            for side in ("a", "b"):
                discipline, *statements = pair[side]
                people.append(
                    Person(
                        id=f"{group}-{k}-{side}",
                        name=f"{group.title()} {k}{side.upper()}",
                        discipline=discipline,
                        team=f"{discipline} 1",
                        level=3,
                        manager=None,
                        background=(),
                        capacity=2,
                        **dict(zip(STATEMENTS, statements, strict=True)),
                    )
                )
            positions.append((start, start + 1))
            if "gap" in pair:
                gaps.append(k)
        groups.append(positions)
    return people, groups, gaps


def suite_scores(encoder=None, weights=None, size: int = 400):
    """Score the suite's pairs inside a background organisation of `size` people."""
    people, shared, generic = pair_people()
    everyone = people + organisation(size)
    encoder = encoder or VocabularyEncoder(VOCABULARY)
    profiles = encoder.fit(everyone).encode(everyone)
    pairs = np.array(shared + generic)
    scores = score_pairs(profiles, attributes(everyone), pairs[:, 0], pairs[:, 1], weights)
    return people, scores, len(shared)


def _described(people: list[Person], scores: PairScores, k: int) -> str:
    s = scores.pair(k)
    return (
        f"{people[2 * k].working_on!r} ~ {people[2 * k + 1].working_on!r}: score {s.score:.3f} "
        f"(shared {s.shared:.3f}, teach {s.teach_ab:.3f}/{s.teach_ba:.3f})"
    )


def test_every_shared_problem_scores_well_above_every_generic_pair():
    people, scores, n_shared = suite_scores()
    _, _, gaps = _suite()
    asserted = np.array([k for k in range(n_shared) if k not in gaps])
    generic = np.arange(n_shared, len(scores))
    interest = np.maximum(scores.shared, np.maximum(scores.teach_ab, scores.teach_ba))
    weakest = int(asserted[np.argmin(scores.score[asserted])])
    strongest = int(generic[np.argmax(interest[generic])])
    margin = float(scores.score[asserted].min() - scores.score[generic].max())
    ratio = float(interest[asserted].min() / max(interest[generic].max(), 1e-9))
    print(
        f"\nparaphrase suite: {len(asserted)} shared-problem pairs (+{len(gaps)} vocabulary "
        f"gap), {len(generic)} generic pairs\n"
        f"  min shared-problem score {scores.score[asserted].min():.3f} vs max generic score "
        f"{scores.score[generic].max():.3f}: margin {margin:.3f}\n"
        f"  interest (before the min_interest cut): min shared {interest[asserted].min():.3f} "
        f"vs max generic {interest[generic].max():.3f}: ratio {ratio:.2f}\n"
        f"  weakest shared: {_described(people, scores, weakest)}\n"
        f"  strongest generic: {_described(people, scores, strongest)}"
    )
    for k in gaps:
        print(f"  vocabulary gap: {_described(people, scores, k)}")
    assert len(asserted) >= 30 and len(generic) >= 15
    assert scores.score[generic].max() == 0, _described(people, scores, strongest)
    assert margin >= 0.05, _described(people, scores, weakest)
    assert ratio >= 2, (_described(people, scores, weakest), _described(people, scores, strongest))


def test_the_suite_is_written_the_way_people_write():
    suite = json.loads((DATA / "paraphrase_pairs.json").read_text())
    kinds = {pair["kind"] for pair in suite["shared"]}
    assert {
        "abbreviation",
        "synonym",
        "word order",
        "inflection",
        "spelling",
        "paraphrase",
    } <= kinds
    assert len(suite["shared"]) >= 30 and len(suite["generic"]) >= 15
