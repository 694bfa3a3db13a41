"""The powers-of-attorney API: the same rules as the pages, one error shape, a fixed number of queries."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from clients.models import PowerOfAttorney
from tests import factories as f
from tests.conftest import api_for, api_queries, assert_error
from tests.factories_powers import PowerFactory, pdf_scan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def new_power(world, **overrides):
    return {
        "client": world.a.client.pk,
        "specialists": [world.a.lead.pk, world.a.specialist.pk],
        "matters": [world.a.matter.pk],
        "scope": "представлять интересы в арбитражном суде",
        "issued_on": TODAY().isoformat(),
        "valid_until": (TODAY() + dt.timedelta(days=30)).isoformat(),
        "notarised": True,
        **overrides,
    }


def test_the_whole_life_of_a_power_through_the_api(world):
    lead = api_for(world.a.lead)
    created = lead.post("/api/powers-of-attorney/", new_power(world), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    pk = body["id"]
    assert body["status"] == "draft" and body["notarised"] is True
    assert {p["id"] for p in body["specialists"]} == {world.a.lead.pk, world.a.specialist.pk}
    assert body["matters"] == [
        {"id": world.a.matter.pk, "number": world.a.matter.number, "title": world.a.matter.title}
    ]
    assert body["draft_url"] == f"/api/powers-of-attorney/{pk}/draft.pdf" and body["scan_url"] is None

    pdf = lead.get(body["draft_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text()
    assert "ДОВЕРЕННОСТЬ" in text

    assert lead.post(f"/api/powers-of-attorney/{pk}/send/").json()["status"] == "sent"
    signed = api_for(world.a.user).post(
        f"/api/powers-of-attorney/{pk}/signed/", {"scan": pdf_scan()}, format="multipart"
    )
    assert signed.status_code == 200, signed.content
    assert signed.json()["status"] == "signed" and signed.json()["days_left"] == 30
    scan = lead.get(signed.json()["scan_url"])
    assert scan.status_code == 200 and b"".join(scan.streaming_content).startswith(b"%PDF")

    valid = (
        api_for(world.a.user)
        .get(
            "/api/powers-of-attorney/valid/",
            {"specialist": world.a.specialist.pk, "client": world.a.client.pk, "matter": world.a.matter.pk},
        )
        .json()
    )
    assert valid["valid"] is True and valid["power"]["id"] == pk

    revoked = api_for(world.a.user).post(f"/api/powers-of-attorney/{pk}/revoke/", {"reason": "Отзываю"}, format="json")
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert revoked.json()["revoke_reason"] == "Отзываю"
    assert_error(
        lead.post(f"/api/powers-of-attorney/{pk}/revoke/", {"reason": "ещё"}, format="json"), 409, "invalid_state"
    )


def test_validity_endpoint_answers_for_days_and_matters(world):
    PowerFactory(
        client=world.a.client,
        specialists=[world.a.specialist],
        matters=[world.a.matter],
        issued_on=dt.date(2026, 1, 1),
        valid_until=dt.date(2026, 1, 31),
    )
    api = api_for(world.a.lead)
    query = {"specialist": world.a.specialist.pk, "client": world.a.client.pk, "matter": world.a.matter.pk}
    assert api.get("/api/powers-of-attorney/valid/", {**query, "on": "2026-01-31"}).json()["valid"] is True
    assert api.get("/api/powers-of-attorney/valid/", {**query, "on": "2026-02-01"}).json() == {
        "valid": False,
        "power": None,
    }
    other = f.MatterFactory(client=world.a.client, lead=world.a.lead)
    assert (
        api.get("/api/powers-of-attorney/valid/", {**query, "matter": other.pk, "on": "2026-01-10"}).json()["valid"]
        is False
    )
    assert_error(
        api.get("/api/powers-of-attorney/valid/", {"on": "31.01.2026"}), 400, "invalid", ("specialist", "client", "on")
    )
    assert_error(api.get("/api/powers-of-attorney/valid/", {**query, "client": world.b.client.pk}), 404, "not_found")
    assert_error(
        api.get("/api/powers-of-attorney/valid/", {**query, "specialist": "x"}), 400, "invalid", ("specialist",)
    )


def test_list_is_scoped_and_filters_by_client_and_status(world):
    a = PowerFactory(client=world.a.client)
    draft = PowerFactory(client=world.a.client, status=PowerOfAttorney.Status.DRAFT)
    b = PowerFactory(client=world.b.client)
    ids = lambda response: {row["id"] for row in response.json()["results"]}  # noqa: E731
    assert ids(api_for(world.a.user).get("/api/powers-of-attorney/")) == {a.pk, draft.pk}
    assert ids(api_for(world.partner).get("/api/powers-of-attorney/")) == {a.pk, draft.pk, b.pk}
    assert ids(api_for(world.partner).get("/api/powers-of-attorney/", {"client": world.b.client.pk})) == {b.pk}
    assert ids(api_for(world.partner).get("/api/powers-of-attorney/", {"status": "draft"})) == {draft.pk}
    assert ids(api_for(world.b.specialist).get("/api/powers-of-attorney/")) == {b.pk}
    assert_error(api_for(world.a.user).get("/api/powers-of-attorney/", {"client": world.b.client.pk}), 404, "not_found")


def test_creation_errors_take_the_one_shape_and_save_nothing(world):
    lead = api_for(world.a.lead)
    assert_error(
        lead.post("/api/powers-of-attorney/", {}, format="json"), 400, "invalid", ("client", "specialists", "scope")
    )
    assert_error(
        lead.post("/api/powers-of-attorney/", new_power(world, specialists=[world.secretary.pk]), format="json"),
        400,
        "invalid",
        ("specialists",),
    )
    assert_error(
        api_for(world.partner).post(
            "/api/powers-of-attorney/", new_power(world, matters=[world.b.matter.pk]), format="json"
        ),
        400,
        "invalid",
        ("matters",),
    )
    assert_error(
        lead.post("/api/powers-of-attorney/", new_power(world, valid_until="2000-01-01"), format="json"),
        400,
        "invalid",
        ("valid_until",),
    )
    assert_error(
        lead.post("/api/powers-of-attorney/", new_power(world, client=world.b.client.pk), format="json"),
        404,
        "not_found",
    )
    assert_error(
        api_for(world.a.user).post("/api/powers-of-attorney/", new_power(world), format="json"), 403, "not_permitted"
    )
    assert not PowerOfAttorney.objects.exists()


def test_client_user_cannot_send_and_a_bad_scan_is_refused(world):
    poa = PowerFactory(client=world.a.client, status=PowerOfAttorney.Status.DRAFT)
    api = api_for(world.a.user)
    assert_error(api.post(f"/api/powers-of-attorney/{poa.pk}/send/"), 403, "not_permitted")
    assert_error(
        api.post(f"/api/powers-of-attorney/{poa.pk}/signed/", {}, format="multipart"), 400, "invalid", ("scan",)
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("fake.pdf", b"not a pdf")
    assert_error(
        api.post(f"/api/powers-of-attorney/{poa.pk}/signed/", {"scan": fake}, format="multipart"),
        400,
        "invalid",
        ("scan",),
    )
    assert_error(api.post(f"/api/powers-of-attorney/{poa.pk}/revoke/", {}, format="json"), 400, "invalid", ("reason",))
    poa.refresh_from_db()
    assert poa.status == "draft"


@pytest.mark.parametrize("count", [1, 30])
def test_list_endpoint_runs_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    for _ in range(count):
        PowerFactory(client=world.a.client, specialists=[world.a.lead], matters=[world.a.matter])
    with django_assert_num_queries(api_queries(3, client_user=True)):  # powers+client, specialists, matters
        response = api_for(world.a.user).get("/api/powers-of-attorney/")
    assert len(response.json()["results"]) == count


def test_schema_documents_the_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/powers-of-attorney/",
        "/api/powers-of-attorney/{id}/send/",
        "/api/powers-of-attorney/{id}/signed/",
        "/api/powers-of-attorney/{id}/revoke/",
        "/api/powers-of-attorney/{id}/draft.pdf",
        "/api/powers-of-attorney/valid/",
    ):
        assert path in schema, path
