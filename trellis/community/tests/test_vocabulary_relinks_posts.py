"""When the vocabulary changes, `trellis load-topics` links posts to the new topics too."""

import io

from django.conf import settings
from django.core.management import call_command

from trellis.community import services


def test_a_new_topic_in_the_vocabulary_reaches_posts_that_name_it(ana, tmp_path):
    post = services.post_create(author=ana, body="Notes on my slip box note taking habit.")
    gone = services.post_create(author=ana, body="More slip box note taking.")
    services.post_delete(post=gone, member=ana)
    assert not post.topics.exists()
    path = tmp_path / "topics.csv"
    shipped = settings.TOPICS_FILE.read_text(encoding="utf-8-sig")
    path.write_text(shipped + "Zettelkasten,research,slip box note taking,\n")
    out = io.StringIO()

    call_command("load_topics", str(path), stdout=out)

    assert "Re-linked 1 post to topics." in out.getvalue()
    assert list(post.topics.values_list("slug", flat=True)) == ["zettelkasten"]
    assert not gone.topics.exists()


def test_an_unchanged_vocabulary_relinks_nothing(post):
    out = io.StringIO()

    call_command("load_topics", stdout=out)

    assert "Re-linked" not in out.getvalue()
