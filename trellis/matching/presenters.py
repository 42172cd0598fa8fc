"""A round's report in words: for the review page, `trellis round run` and `trellis match`.

One presenter over one typed report (`engine.report.RoundReport`): the labels, the
formats and what is shown where are said here once.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from trellis.matching.engine.report import MethodFigures, RoundReport, RunFacts, Skipped

# The review's headline figures, in order: figure -> (label, as a share?).
HEADLINE = {
    "coverage": ("Coverage: members with at least one pair", True),
    "covered": ("Members with at least one pair", False),
    "eligible": ("Members who could be paired (active, opted in, capacity left)", False),
    "mean_score": ("Mean score of a pair", False),
    "mean_shared": ("Mean shared interest of a pair", False),
    "mean_mutual": ("Mean mutual value of a pair", False),
    "cross_discipline": ("Pairs across disciplines", True),
    "cross_team": ("Pairs across teams", True),
    "total": ("Total score", False),
    "upper_bound": ("Upper bound on the total", False),
    "gap": ("Gap to the upper bound", True),
}
# The engine's finer figures, as the review names them (others: their key in words).
OTHER_FIGURES = {
    "candidates_per_member": "Partners searched per member",
    "coverage_bound": "Most members any set of pairs could reach",
    "objective": "The assignment's objective (what it maximises)",
    "objective_bound": "Upper bound on that objective",
    "weight_gap": "Gap in score to the upper bound",
}
# How the review names each baseline.
BASELINE_NAMES = {
    "random": "Random pairing (the spreadsheet)",
    "hierarchy": "Senior with junior in a discipline (the hierarchy)",
    "tfidf_greedy": "Plain TF-IDF, greedy assignment",
}
# The comparison's columns: figure -> (heading, as a share?).
COMPARED = {
    "pairs": ("Pairs", False),
    "coverage": ("Coverage", True),
    "useful_coverage": ("Coverage with shared interest", True),
    "mean_shared": ("Mean shared interest", False),
    "mean_mutual": ("Mean mutual value", False),
    "mean_score": ("Mean score", False),
    "cross_discipline": ("Across disciplines", True),
    "violations": ("Constraints broken", False),
}
# Figures the engine reports that the run's facts already show.
SHOWN_AS_RUN_FACTS = {"members", "pairs", "candidates", "seconds"}
RUN_FACTS = {
    "members": "Members in the cohort",
    "opted_in": "Active and open to peer learning",
    "pairs": "Pairs",
    "candidates": "Candidate pairs scored",
    "blocked_pairs": "Pairs kept apart (dismissed, reporting lines)",
    "seconds": "Engine time (s)",
    "baselines_seconds": "Comparing with the baselines (s)",
}
# The command line's comparison: figure -> (heading, width, format).
COMPARED_COLUMNS = {
    "pairs": ("pairs", 6, ""),
    "coverage": ("coverage", 9, ".1%"),
    "mean_shared": ("shared", 7, ".3f"),
    "mean_mutual": ("mutual", 7, ".3f"),
    "mean_score": ("score", 6, ".3f"),
    "cross_discipline": ("x-disc", 7, ".1%"),
    "violations": ("broken", 6, ""),
}


def formatted(value: float, *, as_share: bool = False) -> str:
    """A figure as an organiser reads it, rounded: shares as whole percentages (one decimal
    below 10%, "under 0.1%" when tiny), counts with separators, the rest to two places."""
    if as_share:
        percent = 100 * value
        if percent == 0 or percent >= 10:
            return f"{percent:.0f}%"
        return f"{percent:.1f}%" if percent >= 0.1 else "under 0.1%"
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


def summary(report: RoundReport) -> list[str]:
    """The round in a few sentences, figures rounded: what an organiser decides on."""
    figures, run = report.figures, report.run or RunFacts()
    said = []
    if run.members is not None:
        said.append(f"The cohort has {_people(run.members)}.")
        if run.opted_in is not None:
            are = "is" if run.opted_in == 1 else "are"
            said[-1] = (
                f"The cohort has {_people(run.members)}; {run.opted_in:,} of them {are} "
                "active and open to peer learning."
            )
    if figures.eligible is not None and figures.covered is not None:
        pairs = figures.pairs if figures.pairs is not None else run.pairs or 0
        share = formatted(figures.coverage or 0.0, as_share=True)
        said.append(
            f"{pairs:,} pair{'s' if pairs != 1 else ''} give {_people(figures.covered)} of the "
            f"{figures.eligible:,} who could be paired (free capacity left) someone to meet: "
            f"{share}."
        )
    if figures.cross_discipline is not None:
        said.append(
            f"{formatted(figures.cross_discipline, as_share=True)} of pairs cross disciplines"
            + (
                f" and {formatted(figures.cross_team, as_share=True)} cross teams."
                if figures.cross_team is not None
                else "."
            )
        )
    if figures.gap is not None:
        said.append(
            f"The pairs reach within {formatted(figures.gap, as_share=True)} of the best "
            "total score possible under the same rules."
        )
    return said


def _is_figure(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def review(report: RoundReport) -> dict:
    """The report arranged for the review page: headline figures, load, the comparison with
    the baselines, the other figures and the run's facts."""
    stored = report.figures.to_json()
    headline = [
        (label, formatted(stored[key], as_share=as_share))
        for key, (label, as_share) in HEADLINE.items()
        if _is_figure(stored.get(key))
    ]
    known = {*HEADLINE, *SHOWN_AS_RUN_FACTS, "load"}
    other = [
        (
            OTHER_FIGURES.get(key, key.replace("_", " ").capitalize()),
            formatted(value, as_share=key == "weight_gap") if _is_figure(value) else value,
        )
        for key, value in sorted(stored.items())
        if key not in known and (_is_figure(value) or isinstance(value, str))
    ]
    run = asdict(report.run) if report.run else {}
    facts = [
        (label, formatted(run[key])) for key, label in RUN_FACTS.items() if run.get(key) is not None
    ]
    return {
        "summary": summary(report),
        "headline": headline,
        "load": list(report.figures.load.items()),
        "comparison": comparison(report),
        "other": other,
        "facts": facts,
    }


def comparison(report: RoundReport) -> dict | None:
    """This round beside each baseline, one row a method; None when none was compared.

    A skipped baseline keeps its row, blank, and its reason is listed under the table.
    """
    compared = report.comparison
    if compared is None or not compared.baselines:
        return {"error": compared.error} if compared is not None and compared.error else None
    rows = [("Trellis (this round)", _cells(_round_figures(report)))]
    notes = []
    for key, figures in compared.baselines.items():
        name = BASELINE_NAMES.get(key, key.replace("_", " ").capitalize())
        rows.append((name, _cells(MethodFigures() if isinstance(figures, Skipped) else figures)))
        if isinstance(figures, Skipped):
            notes.append(f"{name}: {figures.reason}")
    return {"headings": [h for h, _ in COMPARED.values()], "rows": rows, "notes": notes}


def _round_figures(report: RoundReport) -> MethodFigures:
    """The round by the baselines' yardstick; without it, its headline figures stand in."""
    if report.comparison is not None and report.comparison.trellis is not None:
        return report.comparison.trellis
    return MethodFigures.from_json(report.figures.to_json())


def _cells(figures: MethodFigures) -> list[str | None]:
    values = asdict(figures)
    return [
        formatted(values[key], as_share=as_share) if values[key] is not None else None
        for key, (_, as_share) in COMPARED.items()
    ]


def _shown(value) -> str:
    """A figure on one line: floats to four places, mappings as `key=value` pairs."""
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, dict):
        return ", ".join(f"{key}={_shown(item)}" for key, item in value.items())
    return str(value)


def command_lines(round_id: int, report: RoundReport) -> list[str]:
    """What `trellis round run` prints: the round in one line, every figure, the comparison."""
    run = report.run or RunFacts()
    lines = [
        f"Round {round_id}: {run.pairs or 0} pairs among {run.members or 0} "
        f"members ({run.opted_in or 0} open to peer learning)."
    ]
    stored = report.to_json()
    lines += [
        f"  {key}: {_shown(value)}"
        for key, value in stored.items()
        if key not in {"run", "trellis", "baselines"}
    ]
    return lines + comparison_lines(report)


def comparison_lines(report: RoundReport) -> list[str]:
    """The round beside each baseline, one line each, on the round's own scoring."""
    compared = report.comparison
    if compared is None or compared.trellis is None:
        return []
    header = (
        "  "
        + f"{'compared with':<14}"
        + "".join(f" {heading:>{width}}" for heading, width, _ in COMPARED_COLUMNS.values())
    )
    lines = [header]
    for name, figures in {"trellis": compared.trellis, **compared.baselines}.items():
        if isinstance(figures, Skipped):
            lines.append(f"  {name:<14} {figures.reason}")
            continue
        values = asdict(figures)
        lines.append(
            f"  {name:<14}"
            + "".join(
                f" {_column(values[key], spec):>{width}}"
                for key, (_, width, spec) in COMPARED_COLUMNS.items()
            )
        )
    return lines


def _column(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def match_summary(report: RoundReport, *, pairs: int, path: Path) -> str:
    """What `trellis match` says when it has written a round's pairs."""
    figures = report.figures
    return (
        f"{pairs} pairs written to {path}; "
        f"coverage {figures.coverage or 0:.1%}, "
        f"mean score {figures.mean_score or 0:.3f}, "
        f"gap to the upper bound {figures.gap or 0:.2%}."
    )
