"""The main navigation: the same links in the header and the phone menu, rendered once."""

import re

from django.urls import reverse


def _link_lists(html: str) -> list[str]:
    return re.findall(r'<ul class="nav-links">(.*?)</ul>', html, flags=re.S)


def test_a_member_sees_the_same_links_in_the_header_and_the_phone_menu(ana_client, ana):
    html = ana_client.get(reverse("connections:reflection_list")).content.decode()

    header, menu = _link_lists(html)
    assert header == menu
    assert f'href="{reverse("connections:reflection_list")}" aria-current="page">Journal' in menu
    assert f'href="{reverse("home:home")}" >Home' in menu
    assert "Unseen work" not in menu
    # The phone menu ends with the member's own name, linking to their profile.
    panel = html.split('<div class="nav-menu-panel">')[1].split("</details>")[0]
    assert f'<a href="{ana.get_absolute_url()}">Ana Lima</a>' in panel


def test_the_current_page_is_marked_in_both_lists(ana_client):
    html = ana_client.get(reverse("connections:intro_list")).content.decode()

    for links in _link_lists(html):
        assert links.count('aria-current="page"') == 1
        assert f'href="{reverse("connections:intro_list")}" aria-current="page">Intros' in links


def test_an_organiser_sees_the_organisers_links_and_another_member_does_not(
    organiser_client, client, ben
):
    organisers = organiser_client.get(reverse("home:home")).content.decode()
    client.force_login(ben.user)
    members = client.get(reverse("home:home")).content.decode()

    for links in _link_lists(organisers):
        assert f'href="{reverse("initiatives:unseen_contributors")}"' in links
        assert f'href="{reverse("matching:round_list")}"' in links
    for links in _link_lists(members):
        assert "unseen" not in links
        assert f'href="{reverse("matching:round_list")}"' not in links


def test_the_unread_count_is_shown_in_both_lists(ana_client, ana):
    from trellis.notifications.models import Notification

    Notification.objects.create(recipient=ana, kind="follow_up", text="Follow up", url="/")

    html = ana_client.get(reverse("home:home")).content.decode()

    for links in _link_lists(html):
        assert '<span class="badge" aria-label="1 unread">1</span>' in links
