"""A `trellis round run` to kill: used by test_round_killed.py in a child process.

    python -m trellis.matching.tests.killable_round setup|run|rerun ROUND_ID

`setup` migrates a fresh database (DATABASE_URL) and adds members. `run` starts
a round whose write prints "WRITING" after its first batch of pairs and then
waits to be killed. `rerun` runs the round again. The engine is a stand-in that
pairs neighbours (the real one is not what is being tested here).
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")

MEMBERS = 400


def fake_run_round(people, *, config, blocked=(), encoder=None, progress=None):
    from trellis.matching.engine import pipeline

    pool = [p for p in people if p.opted_in]
    pairs = [
        pipeline.PairResult(a.id, b.id, 0.5, 0.5, 0.5, 0.5, 0.5, "Both work on Kubernetes.")
        for a, b in zip(pool[::2], pool[1::2], strict=False)
    ]
    return pipeline.RoundResult(pairs=pairs, candidates=pairs, metrics={"coverage": 1.0})


def main(action: str, *args: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from trellis.matching.engine import pipeline
    from trellis.matching.models import Suggestion
    from trellis.people.services import member_create

    pipeline.run_round = fake_run_round
    if action == "setup":
        call_command("migrate", verbosity=0)
        for n in range(MEMBERS):
            member_create(email=f"m{n}@example.org", display_name=f"M {n}", manager=None)
        return
    if action == "run":
        real_bulk_create = Suggestion.objects.bulk_create

        def write_then_wait(rows, **kwargs):
            real_bulk_create(rows[:50], **kwargs)
            print("WRITING", flush=True)
            time.sleep(60)

        Suggestion.objects.bulk_create = write_then_wait
        call_command("round", "run", "--quiet")
    elif action == "rerun":
        call_command("round", "run", "--round", args[0], "--quiet")


if __name__ == "__main__":
    main(*sys.argv[1:])
