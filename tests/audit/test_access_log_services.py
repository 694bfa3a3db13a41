"""The access log's writing side: who is logged, and the address recorded is the real one."""

import pytest

from audit.models import AccessLogEntry
from audit.selectors import access_log_list, visible_access_log
from audit.services import access_record, client_ip
from core.errors import NotPermitted
from tests import factories as f
from tests.factories_disclosures import AccessLogEntryFactory

pytestmark = pytest.mark.django_db


def record(user, request=None, client=None):
    return access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.VIEW,
        kind=AccessLogEntry.Kind.DOCUMENT,
        description="Договор.pdf",
        client_id=(client or f.ClientFactory()).pk,
    )


def test_the_firms_people_are_logged_the_clients_own_people_are_not(world):
    for user in (world.partner, world.a.lead, world.a.specialist, world.secretary):
        assert record(user, client=world.a.client) is not None
    assert record(world.a.user, client=world.a.client) is None
    assert AccessLogEntry.objects.count() == 4


def test_the_socket_address_is_recorded_and_a_forged_forwarded_for_is_ignored(rf):
    request = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_address_it_saw_is_recorded(rf, settings):
    settings.TRUSTED_PROXIES = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")
    assert client_ip(request) == "198.51.100.4"  # the entry our proxy appended, not the one the caller wrote
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"


def test_garbage_addresses_are_not_recorded(rf, settings):
    settings.TRUSTED_PROXIES = 1
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip")) == "10.0.0.2"
    assert client_ip(None) is None


def test_entries_keep_the_browser_and_cut_long_texts(rf):
    entry = access_record(
        user=f.LeadFactory(),
        request=rf.get("/", HTTP_USER_AGENT="x" * 900),
        action=AccessLogEntry.Action.DOWNLOAD,
        kind=AccessLogEntry.Kind.REPORT,
        description="я" * 900,
        client_id=f.ClientFactory().pk,
    )
    assert len(entry.user_agent) == 500
    assert len(entry.description) == 500


def test_a_client_user_sees_exactly_its_clients_entries(world):
    mine = AccessLogEntryFactory(client=world.a.client, user=world.a.lead)
    AccessLogEntryFactory(client=world.b.client, user=world.b.lead)
    assert list(visible_access_log(world.a.user)) == [mine]
    assert visible_access_log(world.partner).count() == 2


def test_staff_other_than_partners_have_no_log_to_read(world):
    AccessLogEntryFactory(client=world.a.client, user=world.a.lead)
    for user in (world.a.lead, world.a.specialist, world.secretary):
        assert not visible_access_log(user).exists()
        with pytest.raises(NotPermitted):
            access_log_list(user=user)


def test_partners_filter_by_client_person_kind_and_name(world):
    a = AccessLogEntryFactory(client=world.a.client, user=world.a.lead, kind=AccessLogEntry.Kind.DOCUMENT)
    b = AccessLogEntryFactory(client=world.b.client, user=world.b.lead)
    assert list(access_log_list(user=world.partner, client_id=world.a.client.pk)) == [a]
    assert list(access_log_list(user=world.partner, actor_id=world.b.lead.pk)) == [b]
    assert list(access_log_list(user=world.partner, kind="document")) == [a]
    assert list(access_log_list(user=world.partner, client_query="Бета")) == [b]


def test_a_client_users_filter_never_widens_its_scope(world):
    AccessLogEntryFactory(client=world.b.client, user=world.b.lead)
    assert not access_log_list(user=world.a.user, client_id=world.b.client.pk).exists()
