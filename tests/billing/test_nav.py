"""The main menu offers billing's pages to the roles that can use them, and each link it offers opens."""

import re

import pytest
from django.urls import reverse

from billing.access import billing_menu
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db

MY_TIME, INVOICES, PAYMENTS = reverse("billing:my_time"), reverse("billing:invoices"), reverse("billing:payments")
ACTS, CLAIMS = reverse("billing:acts"), reverse("billing:claims")
BILLING_PAGES = (MY_TIME, INVOICES, PAYMENTS, ACTS, CLAIMS)


def nav_links(client, user) -> set[str]:
    page = login(client, user).get("/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group(0)
    return {href for href in re.findall(r'href="([^"]+)"', nav) if href in BILLING_PAGES}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("client", {INVOICES, ACTS, CLAIMS}),
        ("specialist", {MY_TIME}),
        ("lead", {MY_TIME}),
        ("partner", {MY_TIME, INVOICES, PAYMENTS, ACTS, CLAIMS}),
        ("secretary", {PAYMENTS}),
    ],
)
def test_each_role_is_offered_the_billing_pages_it_may_use(client, world, who, expected):
    user = {
        "client": world.a.user,
        "specialist": world.a.specialist,
        "lead": world.a.lead,
        "partner": world.partner,
        "secretary": world.secretary,
    }[who]
    assert nav_links(client, user) == expected
    for url in expected:
        assert client.get(url).status_code == 200, url


def test_the_current_billing_page_is_marked_in_the_menu(client, world):
    page = login(client, world.a.user).get(INVOICES).content.decode()
    assert f'<a href="{INVOICES}" aria-current="page">' in page


@pytest.mark.parametrize("url", [ACTS, CLAIMS])
def test_the_acts_and_claims_pages_are_marked_in_the_menu(client, world, url):
    for user in (world.a.user, world.partner):
        page = login(client, user).get(url).content.decode()
        assert f'<a href="{url}" aria-current="page">' in page


def test_the_menu_asks_the_database_nothing_for_acts_and_claims(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        for user in (world.a.user, world.partner, world.a.lead, world.secretary):
            menu = billing_menu(user)
            assert menu["acts"] == menu["claims"] == (user in (world.a.user, world.partner))


def test_an_inactive_or_anonymous_user_is_offered_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    inactive = f.PartnerFactory(is_active=False)
    assert not any(billing_menu(AnonymousUser()).values())
    assert not any(billing_menu(inactive).values())
