"""The network picture: the busiest teams drawn and the rest folded into one node, in an SVG
that scales to its container (readable on a 390 px phone)."""

from __future__ import annotations

import re
from datetime import date

from trellis.insights import compute
from trellis.insights.picture import network_svg
from trellis.insights.selectors import EVERYONE, Edge, Network, Node, Status

TODAY = date(2026, 12, 7)  # a Monday


def organisation_of_teams(teams: int) -> compute.Rows:
    """Two members per team; team i's first member has i + 1 relationships with the next
    teams' members, all started this week."""
    people = {}
    for i in range(teams):
        for j in range(2):
            pk = 2 * i + j + 1
            people[pk] = compute.Person(pk, f"Team {i:02}", "Engineering", 3, 20)
    pairs = []
    for i in range(teams):
        for k in range(1, i + 2):
            other = 2 * ((i + k) % teams) + 2
            pairs.append(compute.Pair(len(pairs) + 1, 2 * i + 1, other, "profile", TODAY, None))
    sizes = {f"Team {i:02}": 2 for i in range(teams)}
    return compute.Rows(people=people, pairs=pairs, team_sizes=sizes)


def test_past_twenty_teams_the_rest_are_folded_into_one_node():
    figures = compute.work_out(organisation_of_teams(30), cohort=None, today=TODAY)

    network = figures["periods"]["4"]["network"]["team"]
    names = [name for name, _ in network["nodes"]]
    assert len(names) == compute.BUSIEST + 1
    assert names[-1] == "other teams"
    assert dict(network["nodes"])["other teams"] == 2 * 10  # ten teams of two folded
    assert network["groups_with_relationships"] == 30
    relationships = sum(count for _, _, count in network["edges"])
    assert relationships == sum(range(1, 31))  # every relationship is still drawn somewhere


def test_the_picture_scales_to_its_container_and_names_every_node():
    picture = Network(
        EVERYONE,
        12,
        "team",
        Status(True, False),
        [Node("Platform", 40), Node("A team with a very long name indeed", 3)],
        [
            Edge("Platform", "A team with a very long name indeed", 2),
            Edge("Platform", "Platform", 5),
        ],
    )

    svg = network_svg(picture)

    assert re.search(r'<svg [^>]*viewBox="0 0 \d+ \d+"[^>]*width="100%"', svg)
    assert 'role="img"' in svg
    assert "<title>Platform: 40 members, 5 relationships within</title>" in svg
    assert ">A team with a v…<" in svg  # shortened label; the whole name is in the title
    assert "Platform and A team with a very long name indeed: 2 relationships" in svg


def test_words_in_the_picture_are_escaped():
    picture = Network(EVERYONE, 4, "team", Status(True, False), [Node("<script>", 1)], [])

    svg = network_svg(picture)

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
