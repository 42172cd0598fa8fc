"""Who would have helped? The matching engine on a real public Q&A data set.

    .venv/bin/python bench/matching_stackexchange.py [--posts PATH] [--cutoff 2015-02-01]
    .venv/bin/python bench/matching_stackexchange.py --helpers [--posts PATH]

Data: the posts of coffee.stackexchange.com's first six weeks (2015, CC BY-SA 3.0,
by the authors of the posts), read from `../shared/data/stackexchange-coffee/Posts.xml`
beside the repository; nothing is downloaded.

Each user's profile is built from what they wrote before the cutoff: their
questions are what they work on and learn; their answers, with the question's
title and tags, are what they can help with. For every later question that
someone other than the asker answered, every other user with a profile is ranked
as a helper, and we count how often someone who actually answered (and,
separately, the author of the accepted answer) is in the top 5 and top 10.

Rankers:
- the engine's `teach(helper -> asker)` (asker: the question as what they learn
  and work on), for each encoder that can run here;
- plain TF-IDF cosine, question text against each helper's answer text;
- popularity: most answers before the cutoff first;
- combined: teach, scaled per question so the best teacher has 1, plus
  `lambda` times an activity prior (log answers, most active = 1). `lambda` is
  chosen on a validation window *before* the cutoff, never on the test questions.

The cutoff defaults to the day the median question was asked (2015-02-01 on the
coffee data) and the validation window to the last fifth of the questions before
it (from 2015-01-29 there), so another site's dump runs with `--posts` alone.

`--helpers` reports the engine's "who can help with this" ranking instead (see
`bench/stackexchange_helpers.py`): hit@5 and hit@10 against popularity and chance,
overall and on the long tail, the top share, and the activity prior's effect.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from scipy.stats import binomtest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import stackexchange as se  # noqa: E402
from bench.engine_version import engine_version  # noqa: E402

DEFAULT_POSTS = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "stackexchange-coffee" / "Posts.xml"
)
KS = (5, 10)
LAMBDAS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)

Scorer = Callable[[dict[str, se.History], list[str], list[se.Case]], np.ndarray]


def engine_scorer(make_encoder) -> Scorer:
    """teach(helper -> asker) from the engine, with a fresh encoder fitted on the helpers."""

    def score(history, users, cases):
        helpers = [history[u].person() for u in users]
        return se.teach_matrix(make_encoder(), helpers, [c.person() for c in cases])

    return score


def tfidf_scorer(history, users, cases) -> np.ndarray:
    return se.tfidf_scores(["; ".join(history[u].answered) for u in users], [c.text for c in cases])


def popularity_scorer(history, users, cases) -> np.ndarray:
    rank = {u: r for r, u in enumerate(se.popularity_ranking(history))}
    row = np.array([-rank[u] for u in users], dtype=float)
    return np.tile(row, (len(cases), 1))


def with_prior(scores: np.ndarray, prior: np.ndarray, lam: float) -> np.ndarray:
    """Scores scaled per question (best = 1) plus `lam` times the activity prior."""
    top = scores.max(axis=1, keepdims=True)
    scaled = np.divide(scores, top, out=np.zeros_like(scores), where=top > 0)
    return scaled + lam * prior[None, :]


def rankings(users: list[str], scores: np.ndarray, cases: Sequence[se.Case]) -> list[list[str]]:
    return [se.rank_by_score(users, scores[q], c.asker) for q, c in enumerate(cases)]


def measure(users, scores, cases) -> dict[str, float]:
    """`measure_ranked` of the rankings that `scores` give."""
    return measure_ranked(rankings(users, scores, cases), cases)


def measure_ranked(ranked: list[list[str]], cases: Sequence[se.Case]) -> dict:
    """hit@k for any answerer and for the accepted answer's author, and how spread the top 5 is."""
    result = {}
    for k in KS:
        result[f"any@{k}"] = se.hit_rate(ranked, [c.answerers for c in cases], k)
        accepted = [(r, {c.accepted}) for r, c in zip(ranked, cases, strict=True) if c.accepted]
        result[f"acc@{k}"] = se.hit_rate([r for r, _ in accepted], [a for _, a in accepted], k)
    for k in KS:
        result[f"hits@{k}"] = [
            se.hit_at_k(r, c.answerers, k) for r, c in zip(ranked, cases, strict=True)
        ]
    slots = Counter(u for r in ranked for u in r[:5])
    result["distinct5"] = len(slots)
    result["top5share"] = sum(n for _, n in slots.most_common(5)) / max(1, sum(slots.values()))
    return result


def recommend_rankings(history, users, cases, k: int = max(KS)) -> list[list[str]] | None:
    """The engine's own `recommend` (full score, not teach alone) for each asker, top k.

    Helpers and askers are one organisation to it (so its encoder is fitted on the
    test questions' text too); askers are blocked from each other. None while
    `recommend` is not available.
    """
    try:
        from trellis.matching.engine.pipeline import recommend
    except ImportError:
        return None
    helpers = [history[u].person() for u in users]
    askers = [c.person() for c in cases]
    blocked = [(a.id, b.id) for n, a in enumerate(askers) for b in askers[n + 1 :]]
    try:
        found = recommend(
            [*helpers, *askers], for_ids=[a.id for a in askers], k=k + 1, blocked=blocked
        )
    except NotImplementedError:
        return None
    return [
        [r.id for r in found.get(a.id, []) if r.id != c.asker][:k]
        for a, c in zip(askers, cases, strict=True)
    ]


def split(posts, start: str, end: str | None):
    """Profiles before `start`, the answered questions in [start, end), the users to rank."""
    history = se.histories(posts, start)
    cases = se.later_questions(posts, start, end)
    users = sorted(history, key=se.user_key)
    return history, users, cases


def choose_lambda(posts, start: str, cutoff: str, scorer: Scorer) -> tuple[float, dict]:
    """The prior weight that does best on questions in [start, cutoff), profiles before start."""
    history, users, cases = split(posts, start, cutoff)
    base = scorer(history, users, cases)
    prior = se.activity_prior(history, users)
    results = {}
    for lam in LAMBDAS:
        m = measure(users, with_prior(base, prior, lam), cases)
        results[lam] = (m["any@5"] + m["any@10"]) / 2
    best = max(LAMBDAS, key=lambda lam: (results[lam], -lam))
    return best, {"questions": len(cases), "by_lambda": results}


def encoders() -> tuple[dict[str, Callable], list[str]]:
    """The engine's encoders that can run here, and why any other was skipped."""
    from trellis.matching.engine import encoders as enc

    available = {"VocabularyEncoder": enc.VocabularyEncoder}
    skipped = []
    sentence = getattr(enc, "SentenceEmbeddingEncoder", None)
    if sentence is None:
        skipped.append("SentenceEmbeddingEncoder: not in trellis.matching.engine.encoders")
    elif importlib.util.find_spec("wordllama") is None:
        skipped.append(
            "SentenceEmbeddingEncoder: skipped, no local sentence-embedding model "
            "(the `wordllama` package is not installed in this venv; nothing is downloaded)"
        )
    else:
        available["SentenceEmbeddingEncoder"] = sentence
    return available, skipped


def spurious_topics(posts, top: int = 8) -> str:
    """The professional vocabulary topics found in this coffee text, and by which words."""
    from trellis.matching.engine.encoders import DEFAULT_VOCABULARY
    from trellis.text.vocabulary import TopicMatcher, load_vocabulary

    matcher = TopicMatcher.from_entries(load_vocabulary(DEFAULT_VOCABULARY))
    found = Counter()
    for post in posts:
        for mention in matcher.mentions(f"{post.title} {post.body}"):
            found[(mention.slug, mention.text.lower())] += 1
    listed = ", ".join(f"{slug} <- '{text}' x{n}" for (slug, text), n in found.most_common(top))
    return f"Vocabulary topics named in the posts (most frequent): {listed}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=Path, default=DEFAULT_POSTS)
    parser.add_argument(
        "--cutoff", default="auto", help="ISO date (UTC); auto: the median question's day"
    )
    parser.add_argument(
        "--validation-start",
        default="auto",
        help="prior weight chosen on questions from here to the cutoff; auto: the last "
        "fifth of the questions before the cutoff",
    )
    parser.add_argument(
        "--helpers", action="store_true", help="report the 'who can help with this' ranking"
    )
    parser.add_argument(
        "--encoder",
        default="semantic",
        help="with --helpers: how statements are read (TRELLIS_ENCODER's names)",
    )
    args = parser.parse_args(argv)
    if not args.posts.is_file():
        print(f"No posts file at {args.posts} (use --posts PATH).", file=sys.stderr)
        return 2

    posts = se.read_posts(args.posts)
    if args.cutoff == "auto":
        args.cutoff = se.median_day(posts)
    if args.validation_start == "auto":
        args.validation_start = se.validation_day(posts, args.cutoff)
    print(f"Engine: {engine_version()}")
    print(f"Data: {args.posts}")
    if args.helpers:
        from bench.stackexchange_helpers import report

        return report(
            posts,
            cutoff=args.cutoff,
            validation_start=args.validation_start,
            encoder=args.encoder,
        )
    history, users, cases = split(posts, args.cutoff, None)
    describe_data(posts, args.cutoff, history, users, cases)
    available, skipped = encoders()
    rows, notes = rank_all(posts, args, available, (history, users, cases))
    rows |= recommended_rows(history, users, cases, skipped)
    print_rows(rows)
    print_against_popularity(rows)
    print(spurious_topics(posts))
    for line in skipped:
        print(f"  {line}")
    print("Prior weights:")
    for line in notes:
        print(line)
    return 0


def describe_data(posts, cutoff: str, history, users, cases) -> None:
    """The data set: its size, the cutoff, the test questions and how concentrated answers are."""
    questions = [p for p in posts if p.kind == "question"]
    answers = [p for p in posts if p.kind == "answer"]
    print(
        f"  {len(questions)} questions, {len(answers)} answers, "
        f"{questions[0].created[:10]} .. {posts[-1].created[:10]} (coffee.stackexchange.com, "
        "CC BY-SA 3.0)"
    )
    before = sum(p.created < cutoff for p in questions)
    print(
        f"Cutoff {cutoff}: {before} questions before it, {len(questions) - before} after; "
        f"{len(users)} users with a profile ({sum(h.answers > 0 for h in history.values())} "
        "of them answered something)"
    )
    reachable = sum(bool(c.answerers & set(users)) for c in cases)
    accepted = [c for c in cases if c.accepted]
    reach_acc = sum(c.accepted in history for c in accepted)
    print(
        f"Test questions (after the cutoff, answered by someone other than the asker): "
        f"{len(cases)}; with an accepted answer by someone else: {len(accepted)}"
    )
    print(
        f"  an answerer has a profile (hit@k ceiling): {reachable}/{len(cases)} "
        f"= {reachable / len(cases):.1%}; accepted author has one: {reach_acc}/{len(accepted)} "
        f"= {reach_acc / max(1, len(accepted)):.1%}"
    )
    describe_concentration(answers, cutoff, history, cases)


def describe_concentration(answers, cutoff: str, history, cases) -> None:
    """How much of the answering the most active few do, before and after the cutoff."""
    share, top, total = se.answer_concentration(answers)
    share_b, top_b, total_b = se.answer_concentration(a for a in answers if a.created < cutoff)
    top5 = se.popularity_ranking(history)[:5]
    answered_by_top = sum(bool(c.answerers & set(top5)) for c in cases)
    print(
        f"Concentration: the top 5 answerers wrote {top}/{total} = {share:.1%} of all answers "
        f"({top_b}/{total_b} = {share_b:.1%} before the cutoff); the 5 most active before the "
        f"cutoff answered {answered_by_top}/{len(cases)} = {answered_by_top / len(cases):.1%} "
        "of the test questions"
    )


def rank_all(posts, args, available: dict[str, Callable], split_data):
    """Every ranker's figures (and each with its activity prior), and how each prior weight
    was chosen."""
    history, users, cases = split_data
    scorers: dict[str, Scorer] = {}
    for name, make in available.items():
        scorers[f"teach, {name}"] = engine_scorer(make)
    scorers["TF-IDF cosine (baseline)"] = tfidf_scorer
    scorers["popularity (baseline)"] = popularity_scorer

    rows: dict[str, dict] = {}
    prior = se.activity_prior(history, users)
    notes = []
    for name, scorer in scorers.items():
        started = time.perf_counter()
        scores = scorer(history, users, cases)
        elapsed = time.perf_counter() - started
        rows[name] = measure(users, scores, cases) | {"seconds": elapsed}
        if name.startswith(("teach", "TF-IDF")):
            lam, validation = choose_lambda(posts, args.validation_start, args.cutoff, scorer)
            label = f"{name.split(' (')[0]} + {lam:g} x activity"
            rows[label] = measure(users, with_prior(scores, prior, lam), cases) | {
                "seconds": elapsed
            }
            curve = ", ".join(f"{k:g}: {v:.2f}" for k, v in validation["by_lambda"].items())
            notes.append(
                f"  {label}: lambda chosen on {validation['questions']} validation questions "
                f"({args.validation_start} .. {args.cutoff}, mean of hit@5 and hit@10): {curve}"
            )
    return rows, notes


def recommended_rows(history, users, cases, skipped: list[str]) -> dict[str, dict]:
    """The engine's own `recommend` as a ranker (noted in `skipped` when unavailable)."""
    rows = {}
    started = time.perf_counter()
    recommended = recommend_rankings(history, users, cases)
    if recommended is None:
        skipped.append("pipeline.recommend: not available yet")
    else:
        rows["recommend() top 10, full score"] = measure_ranked(recommended, cases) | {
            "seconds": time.perf_counter() - started
        }
        served = sum(bool(r) for r in recommended)
        skipped.append(
            f"recommend() returned anyone at all for {served}/{len(cases)} askers "
            f"({sum(map(len, recommended))} suggestions in all; a pair scores 0 below "
            "Weights.min_interest)"
        )
    return rows


def print_rows(rows: dict[str, dict]) -> None:
    """The table: hit@k, acc@k, how many distinct helpers, how concentrated, seconds."""
    print()
    header = (
        f"{'ranker':<44} {'hit@5':>6} {'hit@10':>6} {'acc@5':>6} {'acc@10':>6} "
        f"{'helpers':>7} {'top5%':>6} {'s':>5}"
    )
    print(header)
    print("-" * len(header))
    for name, m in rows.items():
        print(
            f"{name:<44} {m['any@5']:>6.3f} {m['any@10']:>6.3f} {m['acc@5']:>6.3f} "
            f"{m['acc@10']:>6.3f} {m['distinct5']:>7d} {m['top5share']:>6.1%} {m['seconds']:>5.1f}"
        )
    print(
        "hit@k: share of test questions with an actual answerer in the top k; acc@k: the same "
        "for the accepted answer's author.\nhelpers: distinct people across all top-5 lists; "
        "top5%: share of top-5 slots taken by the 5 most recommended people."
    )


def print_against_popularity(rows: dict[str, dict]) -> None:
    """Each ranker against popularity, question by question, with a sign test."""
    popular = rows["popularity (baseline)"]
    print(
        "\nAgainst popularity, question by question "
        "(an answerer in the top k for one ranker, not the other):"
    )
    for name, m in rows.items():
        if name.startswith("popularity"):
            continue
        parts = []
        for k in KS:
            pairs = list(zip(m[f"hits@{k}"], popular[f"hits@{k}"], strict=True))
            wins = sum(a and not b for a, b in pairs)
            losses = sum(b and not a for a, b in pairs)
            p = binomtest(wins, wins + losses).pvalue if wins + losses else 1.0
            parts.append(f"@{k}: {wins:>2} better, {losses:>2} worse (sign test p={p:.2f})")
        print(f"  {name:<42} " + "; ".join(parts))


if __name__ == "__main__":
    raise SystemExit(main())
