"""Fixtures for the Django side of matching: small cohorts and a stand-in engine.

Most tests here are about what the app does around the engine (states,
transactions, who sees what), so they use `fake_engine`: it pairs people in id
order, honours `blocked`, opt-outs and capacity, and is instant; its comparison
with the baselines gives canned figures. The tests in `test_engine_end_to_end.py`
and `test_round_review.py` use the real engine.
"""

from __future__ import annotations

import pytest

from trellis.matching import runs, services
from trellis.matching.engine import pipeline, review
from trellis.matching.models import Round


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if int(a) < int(b) else (b, a)


class FakeEngine:
    """Pairs neighbours in id order; records what it was called with."""

    def __init__(self):
        self.calls: list[dict] = []
        self.fail_with: Exception | None = None

    def run_round(self, people, *, config, blocked=(), encoder=None, progress=None):
        blocked = {_key(a, b) for a, b in blocked}
        self.calls.append(
            {"people": list(people), "config": config, "blocked": blocked, "encoder": encoder}
        )
        if progress:
            progress("Scoring", 0.5)
        if self.fail_with is not None:
            raise self.fail_with
        pool = sorted((p for p in people if p.opted_in and p.capacity > 0), key=lambda p: int(p.id))
        load = {p.id: 0 for p in pool}
        pairs = []
        for i, a in enumerate(pool):
            for b in pool[i + 1 :]:
                full = load[a.id] >= a.capacity or load[b.id] >= b.capacity
                if full or _key(a.id, b.id) in blocked or a.manager == b.id or b.manager == a.id:
                    continue
                load[a.id] += 1
                load[b.id] += 1
                pairs.append(
                    pipeline.PairResult(
                        a=b.id,  # higher id first: the app must store them in order
                        b=a.id,
                        score=0.9 - 0.01 * len(pairs),
                        shared=0.8,
                        teach_ab=0.3,
                        teach_ba=0.6,
                        diversity=0.5,
                        explanation=f"{a.name} and {b.name} both work on Kubernetes.",
                    )
                )
                break
        if progress:
            progress("Assigning", 1.0)
        covered = {p for pair in pairs for p in (pair.a, pair.b)}
        metrics = {
            "coverage": len(covered) / max(len(pool), 1),
            "mean_score": sum(p.score for p in pairs) / max(len(pairs), 1),
            "cross_discipline": 0.5,
            "cross_team": 0.75,
            "load": {"0": len(pool) - len(covered), "1": len(covered)},
        }
        return pipeline.RoundResult(pairs=pairs, candidates=pairs, metrics=metrics)

    def compare_with_baselines(self, people, result, *, config=None, blocked=(), progress=None):
        """Canned figures: the real comparison scores with the engine's encoding."""

        def figures(coverage: float, shared: float) -> dict:
            return {
                "pairs": len(result.pairs),
                "coverage": coverage,
                "useful_coverage": coverage,
                "mean_shared": shared,
                "mean_mutual": shared,
                "mean_teach": 0.1,
                "mean_score": shared,
                "cross_discipline": 0.5,
                "cross_team": 0.5,
                "violations": 0,
            }

        baseline = figures(0.4, 0.1)
        return {
            "trellis": figures(1.0, 0.8),
            "baselines": {"random": baseline, "hierarchy": baseline, "tfidf_greedy": baseline},
        }

    def recommend(
        self, people, *, for_ids=None, k=5, config=None, blocked=(), encoder=None, progress=None
    ):
        blocked = {_key(a, b) for a, b in blocked}
        self.calls.append({"for_ids": list(for_ids or []), "blocked": blocked})
        pool = [p for p in people if p.opted_in]
        found = {}
        for member_id in for_ids or [p.id for p in pool]:
            others = [p for p in pool if p.id != member_id and _key(p.id, member_id) not in blocked]
            found[member_id] = [
                pipeline.Recommendation(p.id, 0.5, f"You and {p.name} share a problem.")
                for p in others[:k]
            ]
        return found


@pytest.fixture
def fake_engine(monkeypatch) -> FakeEngine:
    engine = FakeEngine()
    monkeypatch.setattr(pipeline, "run_round", engine.run_round)
    monkeypatch.setattr(pipeline, "recommend", engine.recommend)
    monkeypatch.setattr(review, "compare_with_baselines", engine.compare_with_baselines)
    return engine


@pytest.fixture
def cohort(ana, ben, carla, dev):
    """Four members in four teams who could pair up."""
    return [ana, ben, carla, dev]


@pytest.fixture
def done_round(fake_engine, cohort, organiser) -> Round:
    """A round over everyone that ran (with the stand-in engine) and awaits review."""
    round_obj = services.round_create(organiser=organiser.user, cohort="all", enqueue=False)
    return runs.round_run(round_id=round_obj.pk)


@pytest.fixture
def published_round(done_round, organiser) -> Round:
    return services.round_publish(round_id=done_round.pk, organiser=organiser.user)


# "Who could help": evidence of help given, written through the services that record it.

SECRET = "PLANTED-SECRET-x7q9"  # words private to two people, never to reach anyone else


@pytest.fixture
def give_help(make_member):
    """`give_help(giver, "Terraform", ...)`: the giver logs sharing something with a new
    member in an exchange on those topics (one more person helped), with a private note
    and private words naming SECRET; returns the exchange. `day` dates it."""
    from django.utils import timezone

    from trellis.connections import services as connections
    from trellis.connections.models import Relationship
    from trellis.people.models import Topic

    def give(giver, *topic_names: str, day=None, to=None):
        helped = to or make_member(working_on="whatever comes up")
        low, high = sorted((giver, helped), key=lambda m: m.pk)
        day = day or timezone.localdate()
        relationship = Relationship.objects.filter(member_a=low, member_b=high).first()
        if relationship is None:
            started = timezone.make_aware(
                timezone.datetime.combine(day, timezone.datetime.min.time())
            )
            relationship = Relationship.objects.create(
                member_a=low, member_b=high, started_at=started
            )
        return connections.exchange_record(
            relationship=relationship,
            author=giver,
            date=day,
            what_i_shared=f"My notes on {SECRET}",
            note=f"Between us: {SECRET}",
            topics=list(Topic.objects.filter(name__in=topic_names)),
        )

    return give


@pytest.fixture
def asker(make_member):
    """Asha works on Kubernetes upgrades and is learning Terraform."""
    return make_member(
        "Asha Rao",
        email="asha@example.org",
        team="Platform",
        working_on="Kubernetes upgrades",
        learning="Terraform",
    )


@pytest.fixture
def tess(make_member):
    """Tess can help with Terraform, and has room for many relationships."""
    return make_member(
        "Tess Lund",
        email="tess@example.org",
        team="Infrastructure",
        working_on="infrastructure as code",
        can_help_with="Terraform",
        capacity=10,
    )
