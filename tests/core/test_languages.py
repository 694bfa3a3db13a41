"""One language per page, one date format per language (issue 9).

The main pages of each role are rendered once in English and once in Russian, over data that was
written while the *other* language was active (the client's own language, the language of the
request that did it). Everything people typed is Latin text, so that on the English page any
Cyrillic word is the portal's own words in the wrong language; on the Russian page, the usual
English interface words (and English month names, "a.m.", "received by"…) must not appear.
"""

import datetime as dt
import importlib
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AccessLogEntry
from audit.services import access_record, task_document_record
from clients.services.disclosures import disclosure_read
from matters.models import Task
from matters.selectors.documents import register_viewed
from matters.services.messages import message_post
from matters.services.recommendations import recommendation_make, recommendation_respond
from matters.services.risk import risk_acknowledge, risk_record_acting_alone, risk_warn
from matters.services.stages import matter_next_report_set
from matters.services.subcontracting import subcontract_answer, subcontract_propose
from matters.services.tasks import task_accept, task_register
from tests import factories as f
from tests.conftest import login
from timeline.services import timeline_text

CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё\w-]*")
# Names of languages in the language switcher are written in their own language, on purpose.
NATIVE_NAMES = {"Русский"}
ENGLISH_UI_WORDS = [
    "Select",
    "Successfully",
    "signed in",
    "received by",
    "was received",
    "a.m.",
    "p.m.",
    "midnight",
    "noon",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Dec ",
    "Save",
    "Cancel",
    "Submit",
    "Download",
    "Sign out",
    "None",
    "not set",
]
# Everything people typed in this world: Latin text that contains none of the words above.
PEOPLE = {
    "client": "John Carter",
    "lead": "Peter Lawson",
    "specialist": "Mary Brown",
    "partner": "Anna Sokolova",
    "secretary": "Helen Kozlova",
}


class _VisibleText(HTMLParser):
    """The text a reader sees in the page's language.

    Element text outside scripts and styles, plus labels kept in attributes. An element marked with
    another `lang` (the exact words a client signed, kept in the language signed) is left out.
    """

    ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, language: str):
        super().__init__()
        self.language = language
        self.parts: list[str] = []
        self._depth = 0
        self._hidden_from: int | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.VOID:
            if self._hidden_from is None:
                self._attributes(tag, attributes)
            return
        self._depth += 1
        if self._hidden_from is None:
            foreign = attributes.get("lang") and tag != "html" and attributes["lang"] != self.language
            if tag in ("script", "style", "template") or foreign:
                self._hidden_from = self._depth
            else:
                self._attributes(tag, attributes)

    def _attributes(self, tag, attributes):
        for name, value in attributes.items():
            if name in self.ATTRIBUTES and value:
                self.parts.append(value)
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self._hidden_from is not None and self._depth == self._hidden_from:
            self._hidden_from = None
        self._depth -= 1

    def handle_data(self, data):
        if self._hidden_from is None and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str, language: str) -> str:
    parser = _VisibleText(language)
    parser.feed(html)
    return "\n".join(parser.parts)


def _other(language: str) -> str:
    return "ru" if language == "en" else "en"


@pytest.fixture
def built(db):
    """A client, a matter and the firm around it, with a history written in `written_in`."""

    def build(written_in: str):
        f.TermsVersionFactory()
        client = f.ClientFactory(name="Alpha Trading LLC", language=written_in)
        people = {
            "client": f.ClientUserFactory(
                client=client, full_name=PEOPLE["client"], language=written_in, gender="male"
            ),
            "lead": f.LeadFactory(full_name=PEOPLE["lead"], language=written_in, gender="male"),
            "specialist": f.SpecialistFactory(full_name=PEOPLE["specialist"], language=written_in, gender="female"),
            "partner": f.PartnerFactory(full_name=PEOPLE["partner"], language=written_in, gender="female"),
            "secretary": f.SecretaryFactory(full_name=PEOPLE["secretary"], language=written_in),
        }
        matter = f.MatterFactory(
            client=client,
            title="Supply dispute with Beta Corp",
            lead=people["lead"],
            specialists=[people["specialist"]],
        )
        with translation.override(written_in):
            task = task_register(
                by=people["secretary"],
                client=client,
                channel=Task.Channel.PHONE,
                subject="Check the supply contract",
                text="Please check the draft supply contract.",
                requested_by_name=PEOPLE["client"],
                matter=matter,
            )
            task_accept(task=task, by=people["lead"])
            message_post(matter=matter, by=people["lead"], body="We have filed the claim.", material=True)
            item = recommendation_make(matter=matter, by=people["lead"], text="Keep every delivery note.")
            recommendation_respond(recommendation=item, by=people["client"], accepted=True)
            warning = risk_warn(
                matter=matter, by=people["lead"], subject="Pay the supplier at once", text="You may lose the deposit."
            )
            risk_acknowledge(notice=warning, by=people["client"])
            alone = risk_record_acting_alone(matter=matter, by=people["lead"], subject="Talked to the supplier")
            proposal = subcontract_propose(
                matter=matter,
                by=people["lead"],
                kind="lawyer",
                contractor="Robert Fox",
                scope="Court hearings in Perm",
                reason="He practises there.",
            )
            subcontract_answer(subcontract=proposal, by=people["client"], consent=True)
            matter_next_report_set(matter=matter, by=people["lead"], on=timezone.localdate() + dt.timedelta(days=9))
            disclosure_read(user=people["lead"], matter=matter)
            register_viewed(user=people["lead"], client=client)
            task_document_record(user=people["lead"], request=None, task=task)
        return client, matter, task, people, {"warning": warning, "alone": alone, "subcontract": proposal}

    return build


def _pages(role: str, *, client, matter, task, objects) -> list[str]:
    """The main pages of each role."""
    common = [
        reverse("home"),
        reverse("matters:matter_detail", args=[matter.pk]),
        reverse("matters:timeline", args=[matter.pk]),
        reverse("matters:task_list"),
        reverse("matters:task_detail", args=[task.pk]),
        reverse("matters:risks", args=[matter.pk]),
        reverse("matters:risk_detail", args=[objects["warning"].pk]),
        reverse("matters:risk_detail", args=[objects["alone"].pk]),
        reverse("matters:subcontract_detail", args=[objects["subcontract"].pk]),
        reverse("matters:messages", args=[matter.pk]),
    ]
    return {
        "client": [*common, reverse("audit:my_access_log"), reverse("clients:terms"), reverse("clients:power_list")],
        "lead": [
            *common,
            reverse("matters:inbox"),
            reverse("matters:documents", args=[client.pk]),
            reverse("clients:power_list"),
            reverse("clients:conflict_check"),
        ],
        "partner": [
            *common,
            reverse("audit:access_log"),
            reverse("matters:matter_list"),
            reverse("clients:power_list"),
            reverse("clients:client_detail", args=[client.pk]),
            reverse("clients:conflict_check"),
        ],
        "secretary": [
            reverse("home"),
            reverse("matters:task_list"),
            reverse("matters:task_register"),
            reverse("clients:intake_list"),
        ],
    }[role]


def _render(client_http, user, language: str, url: str) -> str:
    user.language = language
    user.save(update_fields=["language"])
    login(client_http, user)
    response = client_http.get(url, follow=True)
    assert response.status_code == 200, (url, response.status_code)
    return visible_text(response.content.decode(), language)


def _stray_cyrillic(text: str) -> list[str]:
    return sorted({word for word in CYRILLIC_WORD.findall(text) if word not in NATIVE_NAMES})


def _stray_english(text: str) -> list[str]:
    found = []
    for word in ENGLISH_UI_WORDS:
        pattern = re.escape(word) if not word[0].isalpha() else r"(?<![\w])" + re.escape(word)
        if re.search(pattern, text):
            found.append(word)
    return found


@pytest.mark.parametrize("role", ["client", "lead", "partner", "secretary"])
def test_english_pages_have_no_russian_words_over_data_written_in_russian(client, built, role, settings):
    settings.LANGUAGE_CODE = "ru"
    client_obj, matter, task, people, objects = built("ru")
    problems = {}
    for url in _pages(role, client=client_obj, matter=matter, task=task, objects=objects):
        text = _render(client, people[role], "en", url)
        stray = _stray_cyrillic(text)
        stray += re.findall(r"\b\d{1,2}/\d{1,2}/\d{4}\b", text)  # one date format: 6 Dec 2026
        stray += ["a.m.."] if "a.m.." in text or "p.m.." in text else []
        if stray:
            problems[url] = stray
    assert not problems


@pytest.mark.parametrize("role", ["client", "lead", "partner", "secretary"])
def test_russian_pages_have_no_english_interface_words_over_data_written_in_english(client, built, role, settings):
    settings.LANGUAGE_CODE = "en"
    client_obj, matter, task, people, objects = built("en")
    problems = {}
    for url in _pages(role, client=client_obj, matter=matter, task=task, objects=objects):
        text = _render(client, people[role], "ru", url)
        stray = _stray_english(text)
        if stray:
            problems[url] = stray
    assert not problems


def test_a_text_signed_is_in_the_signers_language_and_says_which(built):
    """A Russian reader signs Russian words even when the request and the client's settings are English."""
    _client, _matter, _task, people, objects = built("en")
    people["client"].language = "ru"
    people["client"].save(update_fields=["language"])
    with translation.override("en"):
        notice = risk_warn(
            matter=objects["warning"].matter, by=people["lead"], subject="Sign the act", text="It is not final."
        )
        ack = risk_acknowledge(notice=notice, by=people["client"])
        proposal = subcontract_propose(
            matter=notice.matter, by=people["lead"], kind="lawyer", contractor="Ann Lee", scope="Appeal", reason="Time"
        )
        proposal = subcontract_answer(subcontract=proposal, by=people["client"], consent=True)
    assert ack.language == "ru" and "Я понимаю риск" in ack.text
    assert proposal.consent_language == "ru" and proposal.consent_text.startswith("Я ")
    alone = objects["alone"]  # the firm's standard text of rule 3, written in English for the English client
    with translation.override("en"):
        ack = risk_acknowledge(notice=alone, by=people["client"])
    assert ack.language == "ru" and "Принцип невмешательства" in ack.text and "Non-interference" not in ack.text


def test_the_evidence_pages_show_the_language_signed(client, built):
    _client, _matter, _task, people, objects = built("ru")
    text = _render(client, people["lead"], "en", reverse("matters:risk_detail", args=[objects["warning"].pk]))
    assert re.search(r"Language of the text acknowledged:\s+Russian", text)
    text = _render(
        client, people["lead"], "en", reverse("matters:subcontract_detail", args=[objects["subcontract"].pk])
    )
    assert re.search(r"Language of the text signed:\s+Russian", text)


def test_stored_labels_are_rendered_in_the_readers_language(built):
    _client, matter, _task, _people, _objects = built("ru")
    line = matter.timeline.get(summary__contains="was received by")
    with translation.override("en"):
        assert "was received by phone and registered" in timeline_text(line)
    with translation.override("ru"):
        assert "телефон" in timeline_text(line)
    entry = AccessLogEntry.objects.filter(code__startswith="Disclosure questionnaire").get()
    with translation.override("en"):
        assert entry.text == f"Disclosure questionnaire of matter {matter.number}"
    with translation.override("ru"):
        assert entry.text == f"Анкета раскрытия информации по делу {matter.number}"


def test_an_access_log_label_given_as_a_value_is_kept_in_every_language(built):
    _client, matter, _task, people, _objects = built("ru")
    with translation.override("ru"):
        entry = access_record(
            user=people["lead"],
            request=None,
            action=AccessLogEntry.Action.VIEW,
            kind=AccessLogEntry.Kind.POWER,
            description="Power of attorney %(number)s",
            params={"number": Task.Channel.PHONE.label},  # a translatable label: "phone"
            client_id=matter.client_id,
        )
    with translation.override("en"):
        assert entry.text == "Power of attorney phone"
    with translation.override("ru"):
        assert entry.text == "Доверенность телефон"


def test_a_persons_gender_chooses_the_russian_form_and_none_gives_a_neutral_one(built):
    _client, matter, task, _people, _objects = built("en")
    line = matter.timeline.select_related("actor").get(summary="Task %(number)s was accepted by %(name)s")
    with translation.override("ru"):
        assert timeline_text(line) == f"{PEOPLE['lead']} принял задачу {task.number}"
        line.actor.gender = "female"
        assert timeline_text(line) == f"{PEOPLE['lead']} приняла задачу {task.number}"
        line.actor.gender = ""
        assert "(а)" not in timeline_text(line) and task.number in timeline_text(line)


@pytest.mark.parametrize(
    ("user_language", "browser", "expected"), [("ru", "en", "Успешный вход"), ("en", "ru", "Successfully signed in")]
)
def test_the_sign_in_message_is_in_the_users_language(client, db, user_language, browser, expected):
    user = f.PartnerFactory(full_name="Anna Sokolova", language=user_language)
    client.cookies["lang"] = browser
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": f.PASSWORD},
        HTTP_ACCEPT_LANGUAGE=browser,
        follow=True,
    )
    assert expected in visible_text(response.content.decode(), user_language)


def test_entries_written_before_codes_are_read_in_the_readers_language_after_the_migration(built):
    from django.apps import apps

    migration = importlib.import_module("audit.migrations.0002_description_code")
    _client, matter, _task, people, _objects = built("ru")
    old = [
        AccessLogEntry.objects.create(
            user=people["lead"], action="view", kind="disclosure", description=text, client_id=matter.client_id
        )
        for text in ("Анкета раскрытия информации по делу 2026/0007", "Receipt of task 2026-00012", "Something else")
    ]
    migration.forwards(apps, None)
    ru, en, other = (AccessLogEntry.objects.get(pk=entry.pk) for entry in old)
    with translation.override("en"):
        assert ru.text == "Disclosure questionnaire of matter 2026/0007"
        assert other.text == "Something else"
    with translation.override("ru"):
        assert en.text == "Расписка о получении задачи 2026-00012"


def test_the_channel_of_past_phone_tasks_and_the_language_of_past_signatures_are_filled_in(built):
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    # The models as that migration knew them (the timeline was still matters' then; the table is the same).
    apps = MigrationLoader(connection).project_state(("matters", "0010_signed_language")).apps
    migration = importlib.import_module("matters.migrations.0010_signed_language")
    _client, matter, _task, _people, objects = built("ru")
    line = matter.timeline.get(summary=migration.TASK_REGISTER)
    matter.timeline.filter(pk=line.pk).update(params={**line.params, "channel": "телефон"})
    ack = objects["warning"].acknowledgements.get()
    type(ack).objects.filter(pk=ack.pk).update(language="")
    migration.forwards(apps, None)
    line.refresh_from_db()
    ack.refresh_from_db()
    assert line.params["channel"] == {"ru": "телефон", "en": "phone"}
    assert ack.language == "ru"
