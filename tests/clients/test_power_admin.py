"""The admin shows powers of attorney, requests and proposals read-only; profiles and practice areas are editable."""

import pytest

from tests.factories_powers import PowerFactory, PracticeAreaFactory, ProfileFactory, SubcontractFactory

pytestmark = pytest.mark.django_db


def test_admin_pages_render_and_records_cannot_be_added_or_deleted(admin_client, world):
    from matters.models import SpecialistRequest

    poa = PowerFactory(client=world.a.client, specialists=[world.a.lead], matters=[world.a.matter])
    profile = ProfileFactory(areas=[PracticeAreaFactory()])
    request = SpecialistRequest.objects.create(
        matter=world.a.matter, specialist=profile.user, requested_by=world.a.user
    )
    subcontract = SubcontractFactory(matter=world.a.matter)
    for url in (
        "/admin/clients/powerofattorney/",
        f"/admin/clients/powerofattorney/{poa.pk}/change/",
        "/admin/matters/specialistprofile/",
        f"/admin/matters/specialistprofile/{profile.pk}/change/",
        "/admin/matters/practicearea/add/",
        "/admin/matters/specialistrequest/",
        f"/admin/matters/specialistrequest/{request.pk}/change/",
        "/admin/matters/subcontract/",
        f"/admin/matters/subcontract/{subcontract.pk}/change/",
    ):
        assert admin_client.get(url).status_code == 200, url
    for url in (
        "/admin/clients/powerofattorney/add/",
        f"/admin/clients/powerofattorney/{poa.pk}/delete/",
        "/admin/matters/specialistrequest/add/",
        "/admin/matters/subcontract/add/",
        f"/admin/matters/subcontract/{subcontract.pk}/delete/",
    ):
        assert admin_client.get(url).status_code == 403, url
