"""Initiative fit at the size of a real organisation: the background worker's pass over
everyone, and the pages that show it.

    .venv/bin/python bench/initiative_fit.py --data-dir DIR [--requests 50] [--pages-only]

DIR is a data directory holding `seed.sqlite3` (e.g. one kept by
`bench/seed_demo.py --members 100000 --keep`); the bench writes into it, so give it a
copy. It works out every member's fits (`fit_refresh_everything`: all members x the
newest open initiatives, in chunks) and the fit of every offer, printing the time of
each, then signs in as the demo member and the lead of the initiative with the most
offers and times home, the initiatives list, an initiative's page and its volunteers
page with Django's test client (mean and p99 of --requests requests after one warm-up),
counting the engine runs the pages make (0: they read stored rows).
With --pages-only it times the pages only (to compare with code from before fit was
stored, which computed it per request).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--pages-only", action="store_true")
    args = parser.parse_args(argv)
    os.environ["TRELLIS_DATA_DIR"] = str(args.data_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{args.data_dir / 'seed.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "trellis.settings"
    os.environ.setdefault("TRELLIS_ALLOWED_HOSTS", "testserver")  # the test client
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if not args.pages_only:
        _work_out_everything()
    _time_pages(args.requests)
    return 0


def _work_out_everything() -> None:
    from trellis.initiatives import fit
    from trellis.people.models import Member

    eligible = Member.objects.filter(status="active", open_to_initiatives=True).count()
    pool = len(fit.selectors.initiatives_for_fit(limit=fit.FIT_POOL))
    print(f"members shown initiatives: {eligible:,}; open initiatives scored: {pool}")
    done = fit.fit_refresh(member_ids=None)
    print(
        f"everyone's fits: {done.members:,} members, {done.fits:,} rows stored, "
        f"{done.seconds:.1f} s ({done.members / max(done.seconds, 1e-9):,.0f} members/s)"
    )
    one = Member.objects.filter(status="active", open_to_initiatives=True).first()
    single = fit.fit_refresh(member_ids=[one.pk])
    print(f"one member's fits: {single.seconds * 1000:.0f} ms")
    offers = fit.volunteer_fit_refresh_pending()
    print(f"every offer's fit: {offers.volunteers:,} offers, {offers.seconds:.1f} s")


class _EngineRuns:
    """Counts the matching engine's fit runs while pages are served."""

    def __init__(self):
        self.count = 0

    def __enter__(self):
        from trellis.matching.engine import fit as engine_fit

        self.module, self.original = engine_fit, engine_fit.fit_scores
        counted = self

        def fit_scores(*args, **kwargs):
            counted.count += 1
            return counted.original(*args, **kwargs)

        engine_fit.fit_scores = fit_scores
        self.patched = [engine_fit]
        for name in ("trellis.initiatives.fit",):
            module = sys.modules.get(name)
            if module is not None and hasattr(module, "fit_scores"):
                module.fit_scores = fit_scores
                self.patched.append(module)
        return self

    def __exit__(self, *exc):
        for module in self.patched:
            module.fit_scores = self.original


def _time_pages(requests: int) -> None:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from trellis.demo.accounts import MEMBER_EMAIL
    from trellis.initiatives.models import Initiative
    from trellis.people.models import Member

    member = Member.objects.select_related("user").get(user__email=MEMBER_EMAIL)
    busiest = (
        Initiative.objects.filter(state__in=["open", "underway"])
        .annotate(offers=Count("volunteers"))
        .order_by("-offers", "pk")
        .select_related("lead__user")
        .first()
    )
    pages = [
        ("home", member, "/"),
        ("initiatives", member, "/initiatives/"),
        ("an initiative", member, f"/initiatives/{busiest.pk}/"),
        ("its volunteers (lead)", busiest.lead, f"/initiatives/{busiest.pk}/volunteers/"),
    ]
    print(f"{'page':<24}{'mean ms':>9}{'p99 ms':>9}{'queries':>9}{'engine runs':>13}")
    for label, who, url in pages:
        client = Client()
        client.force_login(who.user)
        assert client.get(url).status_code == 200, url  # warm-up
        times = []
        with _EngineRuns() as runs, CaptureQueriesContext(connection) as queries:
            for _ in range(requests):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, url
        p99 = sorted(times)[min(len(times) - 1, int(len(times) * 0.99))]
        print(
            f"{label:<24}{statistics.mean(times):>9.1f}{p99:>9.1f}"
            f"{len(queries) // requests:>9}{runs.count:>13}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
