"""A member's export: everything that is theirs, nothing that is someone else's."""

import io
import json
import zipfile

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trellis.community import services as community
from trellis.connections import services as connections
from trellis.home.data_rights.export import Scope, export_archive


def _unzipped(member, scope):
    name, body = export_archive(member=member, scope=scope)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        files = {n: archive.read(n).decode() for n in archive.namelist()}
    return name, files


def test_a_members_export_holds_a_json_document_and_their_journal(ana_with_data):
    name, files = _unzipped(ana_with_data.ana, Scope.OWN)

    assert name == f"trellis-ana-lima-{timezone.localdate().isoformat()}.zip"
    assert sorted(files) == ["data.json", "journal.md"]
    data = json.loads(files["data.json"])
    assert data["profile"]["email"] == "ana@example.org"
    assert data["profile"]["working_on"] == "Kubernetes upgrades, on-call load"


def test_it_holds_everything_ana_wrote_or_was_shown(ana_with_data):
    _, files = _unzipped(ana_with_data.ana, Scope.OWN)
    text = files["data.json"]

    for mine in [
        "ANA-SHARED",
        "ANA-NOTE",
        "ANA-JOURNAL",
        "ANA-PLACE",
        "ANA-POST",
        "ANA-REPLY",
        "ANA-INITIATIVE",
        "ANA-OBSERVED",
        "ANA-INTRO",
        "CARLA-INTRO",  # an intro she received is hers to read
        "BEN-OBSERVED",  # observations about her: she reads all of them
    ]:
        assert mine in text, mine


def test_it_leaves_out_what_the_other_side_wrote_for_themselves(ana_with_data):
    _, files = _unzipped(ana_with_data.ana, Scope.OWN)
    everything = files["data.json"] + files["journal.md"]

    assert "BEN-JOURNAL" not in everything
    assert "BEN-LEARNED" not in everything  # Ben's own exchange stays his
    assert "CARLA-REASON" not in everything


def test_a_sender_never_learns_of_a_decline_from_the_export(ana_with_data):
    _, files = _unzipped(ana_with_data.ana, Scope.OWN)
    sent = json.loads(files["data.json"])["intros"]["sent"]

    (to_carla,) = [intro for intro in sent if intro["id"] == ana_with_data.to_carla.pk]
    assert to_carla["state"] == "Waiting for an answer"
    assert "decline_reason" not in to_carla
    assert "declined" not in json.dumps(sent).lower()


def test_the_recipient_of_a_decline_gets_their_own_reason(ana_with_data):
    _, files = _unzipped(ana_with_data.carla, Scope.OWN)
    received = json.loads(files["data.json"])["intros"]["received"]

    assert [intro["decline_reason"] for intro in received] == ["CARLA-REASON too busy"]


def test_the_journal_is_markdown_newest_first(ana_with_data):
    _, files = _unzipped(ana_with_data.ana, Scope.OWN)
    journal = files["journal.md"]

    assert journal.startswith("# Journal of Ana Lima")
    assert journal.index("ANA-JOURNAL-2") < journal.index("ANA-JOURNAL explaining")
    assert "after an exchange with Ben Okafor" in journal


def test_an_organisers_export_for_a_leaver_holds_no_private_content(ana_with_data):
    _, files = _unzipped(ana_with_data.ana, Scope.LEAVER)
    text = files["data.json"]

    assert sorted(files) == ["data.json"]  # no journal
    for private in ["JOURNAL", "ANA-SHARED", "ANA-NOTE", "ANA-PLACE", "ANA-INTRO", "CARLA"]:
        assert private not in text, private
    assert "chat_handle" not in text
    data = json.loads(text)
    assert "ANA-POST" in text and "ANA-INITIATIVE" in text
    assert data["counts"] == {"intros_sent": 1, "intros_received": 2, "relationships": 1}
    assert "Organisers never read private content" in data["left_out"]


def _queries_for_export(member) -> int:
    with CaptureQueriesContext(connection) as queries:
        export_archive(member=member, scope=Scope.OWN)
    return len(queries)


def test_the_export_costs_the_same_queries_however_much_there_is(ana_with_data, dev):
    ana = ana_with_data.ana
    before = _queries_for_export(ana)

    for n in range(3):
        connections.reflection_write(author=ana, body=f"More {n}")
        community.post_create(author=ana, body=f"Another post {n}")
        community.reply_create(post=ana_with_data.bens_post, author=ana, body=f"More {n}")
        connections.exchange_record(
            relationship=ana_with_data.relationship,
            author=ana,
            date=timezone.localdate(),
            what_i_shared=f"More {n}",
        )
    connections.intro_send(sender=ana, recipient=dev, message="Hi Dev, about on-call load…")

    assert _queries_for_export(ana) == before


def test_it_lists_the_members_api_tokens_but_never_a_token_or_its_digest(ana_with_data):
    from trellis.accounts.access_tokens import token_create

    made = token_create(user=ana_with_data.ana.user, name="HR sync", scope="read")
    _, files = _unzipped(ana_with_data.ana, Scope.OWN)
    data = json.loads(files["data.json"])
    assert [token["name"] for token in data["api_tokens"]] == ["HR sync"]
    assert made.secret not in files["data.json"]
    assert made.token.digest not in files["data.json"]
    _, for_organiser = _unzipped(ana_with_data.ana, Scope.LEAVER)
    assert "HR sync" not in for_organiser["data.json"]
