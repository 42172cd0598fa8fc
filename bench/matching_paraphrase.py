"""Do two people find each other whatever words they use? Recall@5 by phrasing kind.

    .venv/bin/python bench/matching_paraphrase.py [--split test] [--encoders a,b,...]
                                                   [--background 2000] [--seed 0]

Data: `bench/paraphrase/{dev,test}.jsonl`, written blind (by a writer who had
not seen the engine, before any tuning; see its README) across two dozen trades:
pairs of statements about one problem, phrased as a lexical `variant`, a
`paraphrase` or an `abbreviation`/synonym, either two people's "working on"
(`shared`) or one's "can help with" against another's "learning"
(`complementary`). `exact` is every pair with both sides written the same way.
Tuning looked only at `dev`; `test` was measured once per choice, blind.

Each encoder's organisation is the suite's people (one statement each) inside a
synthetic organisation of `--background` people (`engine.synthetic`), so word
weights and distractors are realistic; every other pair of the same trade is a
near miss. For each pair, recall@5 counts each side finding the other among its
top five recommendations (`pipeline.recommend`); `round` is the share of pairs
that a matching round over the same organisation pairs together. Each encoder
runs in its own process, so the memory is its own: peak resident set, and the
time to fit and encode per 1,000 people.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SUITE = ROOT / "bench" / "paraphrase"
KINDS = ("exact", "variant", "paraphrase", "abbreviation")
RELATIONS = ("shared", "complementary")
STATEMENT = {"shared": ("working_on", "working_on"), "complementary": ("can_help_with", "learning")}
STATEMENTS = ("working_on", "curious_about", "can_help_with", "learning")
DEFAULT_ENCODERS = "words-only,vocabulary,sentence,semantic"


def read_suite(split: str) -> list[dict]:
    splits = ("dev", "test") if split == "all" else (split,)
    items = []
    for name in splits:
        for line in (SUITE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append(json.loads(line))
    return items


def suite_people(items: list[dict], *, exact: bool):
    """Two people per item (b written as a when `exact`), and each pair's positions."""
    from trellis.matching.engine.people import Person

    people, pairs = [], []
    for k, item in enumerate(items):
        texts = (item["a"], item["a"] if exact else item["b"])
        fields = STATEMENT[item["relation"]]
        for side, (field, text) in enumerate(zip(fields, texts, strict=True)):
            statements = dict.fromkeys(
                ("working_on", "curious_about", "can_help_with", "learning"), ""
            )
            statements[field] = text
            people.append(
                Person(
                    id=f"suite-{k}-{side}",
                    name=f"Suite {k}{'ab'[side]}",
                    discipline=item["trade"],
                    team=f"{item['trade']} {k}",
                    level=3,
                    manager=None,
                    background=(),
                    capacity=1,
                    **statements,
                )
            )
        pairs.append((len(people) - 2, len(people) - 1))
    return people, pairs


def _found(recommendations: dict, people, pairs) -> list[float]:
    hits = []
    for a, b in pairs:
        a_id, b_id = people[a].id, people[b].id
        seen_by_a = b_id in {r.id for r in recommendations.get(a_id, [])}
        seen_by_b = a_id in {r.id for r in recommendations.get(b_id, [])}
        hits.append((seen_by_a + seen_by_b) / 2)
    return hits


def make_encoder(name: str):
    """An encoder of the registry, or `words-only`: the vocabulary encoder as it was
    before word families and the semantic layer (light stems only)."""
    from trellis.matching.engine.encoders import VocabularyEncoder
    from trellis.matching.engine.encoders.registry import make_encoder as registered

    return VocabularyEncoder(families=False) if name == "words-only" else registered(name)


def one_encoder(name: str, split: str, background: int, seed: int) -> dict:
    from trellis.matching.engine.pipeline import recommend, run_round
    from trellis.matching.engine.synthetic import synthetic_organisation

    items = read_suite(split)
    crowd = synthetic_organisation(background, topics_path=ROOT / "data" / "topics.csv", seed=seed)
    results: dict[str, dict] = {}
    seconds = 0.0
    members = 0
    for exact in (False, True):
        people, pairs = suite_people(items, exact=exact)
        everyone = people + crowd
        encoder = make_encoder(name)
        started = time.perf_counter()
        encoder.fit(everyone)
        encoder.encode(everyone)  # timed on its own; `recommend` encodes again
        seconds += time.perf_counter() - started
        members += len(everyone)
        for_ids = [p.id for p in people]
        recommendations = recommend(everyone, for_ids=for_ids, k=5, encoder=make_encoder(name))
        hits = _found(recommendations, people, pairs)
        paired = set()
        if not exact:
            result = run_round(everyone, encoder=make_encoder(name))
            paired = {frozenset((p.a, p.b)) for p in result.pairs}
        for item, hit, (a, b) in zip(items, hits, pairs, strict=True):
            kind = "exact" if exact else item["kind"]
            row = results.setdefault(f"{kind}/{item['relation']}", {"hits": [], "paired": []})
            row["hits"].append(hit)
            row["paired"].append(frozenset((people[a].id, people[b].id)) in paired)
    return {
        "encoder": name,
        "recall": {key: sum(r["hits"]) / len(r["hits"]) for key, r in results.items()},
        "paired": {key: sum(r["paired"]) / len(r["paired"]) for key, r in results.items()},
        "count": {key: len(r["hits"]) for key, r in results.items()},
        "seconds_per_1000": 1000 * seconds / members,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _kind_recall(result: dict, kind: str, table: str = "recall") -> float:
    keys = [f"{kind}/{relation}" for relation in RELATIONS]
    total = sum(result[table][k] * result["count"][k] for k in keys if k in result["count"])
    return total / max(sum(result["count"].get(k, 0) for k in keys), 1)


def print_table(runs: list[dict]) -> None:
    print(
        f"{'encoder':<20} "
        + " ".join(f"{kind:>12}" for kind in KINDS)
        + f" {'round':>7} {'s/1000':>7} {'peak MiB':>9}"
    )
    for run in runs:
        cells = " ".join(f"{_kind_recall(run, kind):>12.2f}" for kind in KINDS)
        paired = sum(_kind_recall(run, kind, "paired") for kind in KINDS[1:]) / len(KINDS[1:])
        print(
            f"{run['encoder']:<20} {cells} {paired:>7.2f} {run['seconds_per_1000']:>7.2f} "
            f"{run['peak_mib']:>9.0f}"
        )
    print("\nBy relation (recall@5):")
    for run in runs:
        for relation in RELATIONS:
            cells = " ".join(
                f"{run['recall'].get(f'{kind}/{relation}', float('nan')):>12.2f}" for kind in KINDS
            )
            print(f"{run['encoder']:<20} {cells}  {relation}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--encoders", default=DEFAULT_ENCODERS)
    parser.add_argument("--background", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_encoder(args.one, args.split, args.background, args.seed)))
        return
    items = read_suite(args.split)
    counts = defaultdict(int)
    for item in items:
        counts[item["kind"]] += 1
    print(
        f"{args.split}: {len(items)} pairs ({', '.join(f'{k} {v}' for k, v in counts.items())}) "
        f"in an organisation of {args.background} more; recall@5, both directions\n"
    )
    runs = []
    for name in args.encoders.split(","):
        run = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                name,
                "--split",
                args.split,
                "--background",
                str(args.background),
                "--seed",
                str(args.seed),
            ],
            capture_output=True,
            text=True,
        )
        if run.returncode:
            print(f"{name} failed:\n{run.stderr[-3000:]}")
            continue
        runs.append(json.loads(run.stdout.strip().splitlines()[-1]))
    print_table(runs)


if __name__ == "__main__":
    main()
