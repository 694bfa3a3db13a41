"""Engagement terms, the services: what is pending, accepting (with its evidence), publishing a new version."""

import pytest

from clients.models import TermsAcceptance, TermsVersion
from clients.services import terms as services
from core.errors import NotPermitted, ValidationError
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_version_one_is_published_by_the_migration_in_both_languages():
    current = services.terms_current()
    assert current.number == 1
    assert "Условия взаимодействия" in current.text("ru")
    assert "Terms of Interaction" in current.text("en")
    assert current.text_en.count("<h3>") == current.text_ru.count("<h3>") == 16


def test_a_new_client_user_has_the_current_version_pending():
    user = f.ClientUserFactory(accept_terms=False)
    assert services.terms_pending_for(user) == services.terms_current()


def test_the_firms_people_never_have_terms_pending():
    for factory in (f.PartnerFactory, f.LeadFactory, f.SpecialistFactory, f.SecretaryFactory):
        assert services.terms_pending_for(factory()) is None


def test_the_pending_check_is_one_query(django_assert_num_queries):
    user = f.ClientUserFactory()
    with django_assert_num_queries(1):
        assert services.terms_pending_for(user) is None


def test_accepting_records_who_when_which_language_and_where(rf):
    user = f.ClientUserFactory(accept_terms=False)
    request = rf.post("/terms/accept/", REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT="Mozilla/5.0 (X11) Firefox/140")
    acceptance = services.terms_accept(user=user, version=services.terms_current(), language="ru", request=request)
    assert acceptance.user == user
    assert acceptance.version.number == 1
    assert acceptance.language == "ru"
    assert acceptance.ip_address == "198.51.100.23"
    assert acceptance.user_agent == "Mozilla/5.0 (X11) Firefox/140"
    assert acceptance.accepted_at is not None
    assert services.terms_pending_for(user) is None


def test_accepting_twice_keeps_the_first_acceptance():
    user = f.ClientUserFactory(accept_terms=False)
    first = services.terms_accept(user=user, version=services.terms_current(), language="en")
    again = services.terms_accept(user=user, version=services.terms_current(), language="ru")
    assert again.pk == first.pk
    assert again.language == "en"
    assert TermsAcceptance.objects.filter(user=user).count() == 1


def test_an_unknown_language_is_recorded_as_the_portals_default(settings):
    user = f.ClientUserFactory(accept_terms=False)
    acceptance = services.terms_accept(user=user, version=services.terms_current(), language="xx")
    assert acceptance.language == settings.LANGUAGE_CODE


def test_only_the_current_version_can_be_accepted():
    user = f.ClientUserFactory(accept_terms=False)
    old = services.terms_current()
    f.TermsVersionFactory()
    with pytest.raises(ValidationError) as error:
        services.terms_accept(user=user, version=old, language="en")
    assert "version" in error.value.fields
    assert not TermsAcceptance.objects.filter(user=user).exists()


def test_the_firms_people_do_not_accept_the_clients_terms():
    with pytest.raises(NotPermitted):
        services.terms_accept(user=f.PartnerFactory(), version=services.terms_current(), language="en")
    assert not TermsAcceptance.objects.exists()


def test_a_partner_publishes_a_new_version_and_every_client_user_is_asked_again():
    user = f.ClientUserFactory()
    assert services.terms_pending_for(user) is None
    version = services.terms_publish(by=f.PartnerFactory(), text_ru="<p>Новые условия</p>", text_en="<p>New terms</p>")
    assert version.number == 2
    assert services.terms_current() == version
    assert services.terms_pending_for(user) == version
    services.terms_accept(user=user, version=version, language="en")
    assert services.terms_pending_for(user) is None


def test_only_a_partner_publishes():
    for factory in (f.LeadFactory, f.SecretaryFactory, f.ClientUserFactory):
        with pytest.raises(NotPermitted):
            services.terms_publish(by=factory(), text_ru="<p>Текст</p>", text_en="<p>Text</p>")
    assert TermsVersion.objects.count() == 1


def test_a_version_needs_both_texts():
    with pytest.raises(ValidationError) as error:
        services.terms_publish(by=f.PartnerFactory(), text_ru="<p>Текст</p>", text_en="   ")
    assert set(error.value.fields) == {"text_en"}
    assert TermsVersion.objects.count() == 1
