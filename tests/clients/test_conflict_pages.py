"""The conflict-check page for partners and leads: ranked hits with score and reason, in the reader's language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from clients.matching_labels import reason_label, reason_labels
from clients.models import ConflictCheck, PartyRole
from tests import factories_intake as fi
from tests.conftest import login

pytestmark = pytest.mark.django_db


def rows(*parties, total=5):
    data = {"parties-TOTAL_FORMS": str(max(total, len(parties))), "parties-INITIAL_FORMS": "0"}
    for i, row in enumerate(parties):
        data.update({f"parties-{i}-{k}": v for k, v in row.items()})
    return data


@pytest.fixture
def vector(world):
    return fi.matter_with(world.a.client, ("ООО «Вектор»", PartyRole.OPPONENT))


def test_a_partner_checks_names_and_reads_the_ranked_hits(client, world, vector):
    login(client, world.partner)
    page = client.get(reverse("clients:conflict_check")).content.decode()
    assert 'name="parties-TOTAL_FORMS" value="5"' in page and "Party 5" in page
    response = client.post(reverse("clients:conflict_check"), rows({"name": "Vektor LLC"}), follow=True)
    check = ConflictCheck.objects.get()
    assert response.redirect_chain[-1][0] == reverse("clients:conflict_check_detail", args=[check.pk])
    page = response.content.decode()
    assert "1 similar name to review" in page and "block intake" not in page
    assert "ООО «Вектор»" in page and world.a.client.name in page and vector.number in page
    assert "transliteration" in page and "legal form left out" not in page


def test_the_reason_reads_in_russian_for_a_russian_partner(client, world, vector):
    world.partner.language = "ru"
    world.partner.save(update_fields=["language"])
    login(client, world.partner)
    client.post(reverse("clients:conflict_check"), rows({"name": "Vektor LLC"}))
    check = ConflictCheck.objects.get()
    with translation.override("ru"):
        expected = reason_label(check.hits.get().reason)
    page = client.get(reverse("clients:conflict_check_detail", args=[check.pk])).content.decode()
    assert expected in page


def test_reason_labels_translate_every_rule_and_keep_unknown_text():
    assert reason_labels("transliteration, typo (1 edit)") == ["transliteration", "typo (1 letter)"]
    assert reason_labels("same name, different word order, typo (2 edits)") == [
        "different word order",
        "typo (2 letters)",
    ]
    assert reason_labels("same INN and OGRN") == ["same INN and OGRN"]
    assert reason_labels("initials match full name, missing patronymic") == [
        "initials match the full name",
        "patronymic missing",
    ]
    assert reason_labels("a rule from the future") == ["a rule from the future"]
    assert reason_labels("exact") == ["exact match"]


def test_every_reason_the_matcher_can_give_has_a_label():
    from clients.matching.score import PENALTIES
    from clients.matching_labels import LABELS

    for rule in [*PENALTIES, "surname only", "exact"]:
        assert rule in LABELS, rule


def test_more_rows_and_bad_input_on_the_page(client, world):
    login(client, world.a.lead)
    more = client.post(reverse("clients:conflict_check"), {**rows({"name": "X"}), "more_rows": "1"})
    assert 'name="parties-TOTAL_FORMS" value="8"' in more.content.decode()
    empty = client.post(reverse("clients:conflict_check"), rows())
    assert empty.status_code == 400 and "Name at least one party" in empty.content.decode()
    letters = client.post(reverse("clients:conflict_check"), rows({"name": "ООО «А»", "inn": "77O7O83893"}))
    assert letters.status_code == 400 and "An INN has 10 or 12 digits." in letters.content.decode()
    assert not ConflictCheck.objects.exists()


def test_the_page_is_for_partners_and_leads_only(client, world):
    for user in (world.secretary, world.a.specialist, world.a.user):
        login(client, user)
        assert client.get(reverse("clients:conflict_check")).status_code == 403


def test_a_lead_cannot_open_a_partners_check_page(client, world, vector):
    login(client, world.partner)
    client.post(reverse("clients:conflict_check"), rows({"name": "ООО «Вектор»"}))
    check = ConflictCheck.objects.get()
    for user in (world.a.lead, world.secretary, world.a.user):
        login(client, user)
        assert client.get(reverse("clients:conflict_check_detail", args=[check.pk])).status_code == 404


def test_the_page_lists_my_recent_checks(client, world):
    login(client, world.a.lead)
    client.post(reverse("clients:conflict_check"), rows({"name": "ООО «Ромашка»"}))
    page = client.get(reverse("clients:conflict_check")).content.decode()
    assert "ООО «Ромашка»" in page and "Your recent checks" in page


def test_the_page_counts_what_blocks_and_colours_hits_by_consequence_not_score(client, world):
    """Issue 9: "6 possible conflicts" with every row "blocks: no" told nothing; an exact match that
    blocks had a green bar. The heading counts what blocks and what is to review; rows, labels and
    bars carry the consequence's class (danger / warning), with a word and an icon besides."""
    from clients.services.intake import intake_new_client

    fi.matter_with(world.a.client, ("ООО «Вектор»", PartyRole.OPPONENT))
    fi.matter_with(fi.organisation("ООО «Бета»"), ("Vektor LLC", PartyRole.OPPONENT))
    fi.matter_with(
        fi.organisation("ООО «Гамма»"), ("Общество с ограниченной ответственностью «Вектор»", PartyRole.THIRD_PARTY)
    )
    fi.organisation("Vektor Ltd")  # a client of the same name: to review, not blocking
    intake = intake_new_client(by=world.partner, client=fi.requisites("ООО «Вектор»"))
    check = intake.checks.get()
    assert check.blocking and check.hits.filter(blocking=True).count() == 2 and check.hits.count() == 4
    login(client, world.partner)
    page = client.get(reverse("clients:conflict_check_detail", args=[check.pk])).content.decode()
    heading = page[page.index("<h1") : page.index("</h1>")]
    assert "2 conflicts block intake" in heading and "2 similar names to review" in heading
    assert "possible conflict" not in page
    rows = re.findall(r'<tr class="(hit-[a-z]+)[^"]*">', page)
    assert sorted(rows) == ["hit-block", "hit-block", "hit-review", "hit-review"]
    assert page.count('class="score score-block"') == 2 and page.count('class="score score-review"') == 2
    assert page.count('class="consequence consequence-block"><span aria-hidden="true">⛔</span> blocks intake') == 2
    assert page.count('class="consequence consequence-review"><span aria-hidden="true">⚠</span> to review') == 2
    assert 'class="badge badge-conflict-block"' in page and "<strong>yes</strong>" not in page
    # the exact match that blocks is in the danger colour, not the colour of a high score
    exact = page[page.index("<td>ООО «Вектор»</td>") :]
    assert exact.index("score-block") < exact.index("</tr>")


def test_one_blocking_hit_reads_in_the_singular_and_nothing_to_review(client, world):
    from clients.services.intake import intake_new_client

    fi.matter_with(world.a.client, ("ООО «Вектор»", PartyRole.OPPONENT))
    check = intake_new_client(by=world.partner, client=fi.requisites("ООО «Вектор»")).checks.get()
    login(client, world.partner)
    page = client.get(reverse("clients:conflict_check_detail", args=[check.pk])).content.decode()
    assert "1 conflict blocks intake" in page and "to review" not in page.split("</h1>")[0]


def test_a_check_without_hits_is_neutral_and_says_so(client, world):
    login(client, world.partner)
    client.post(reverse("clients:conflict_check"), rows({"name": "ООО «Совсем никто»"}))
    check = ConflictCheck.objects.get()
    page = client.get(reverse("clients:conflict_check_detail", args=[check.pk])).content.decode()
    assert "No conflict found" in page and 'class="badge badge-conflict-none"' in page
    assert "hit-block" not in page and "hit-review" not in page
