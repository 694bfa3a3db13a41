"""Demo data: a firm of four, two clients, a few matters and tasks. Safe to run again."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation

from clients.models import Client
from clients.services.disclosures import disclosure_question_ask, disclosure_save
from clients.services.intake import intake_new_client, intake_new_matter, intake_request_matter
from clients.services.powers import poa_draft, poa_mark_signed, poa_send
from hearings.services.deadlines import deadline_add
from hearings.services.hearings import Contact, hearing_schedule
from matters.models import MatterType, PracticeArea, Task
from matters.services import assignment_add, task_accept, task_register, task_submit
from matters.services.deliverables import deliverable_prepare, deliverable_release
from matters.services.documents import held_document_record
from matters.services.messages import message_post
from matters.services.recommendations import recommendation_make
from matters.services.risk import risk_warn
from matters.services.specialists import specialist_profile_save, specialist_request_create
from matters.services.stages import matter_next_report_set, matter_stage_set, matter_type_set
from matters.services.subcontracting import subcontract_propose
from users.models import Role, User
from users.services import user_create

from ...demo import SEEDERS

OPPONENT_INN = "6658000018"
PASSWORD = "demo-pass-2026"  # noqa: S105 — demo only; the command refuses to run with DEBUG off

PEOPLE = [
    # email, full name, role, language, admin
    ("admin@poruchenie.test", "Администратор Портала", Role.PARTNER, "ru", True),
    ("partner@poruchenie.test", "Соколова Анна Викторовна", Role.PARTNER, "ru", False),
    ("lead@poruchenie.test", "Орлов Дмитрий Сергеевич", Role.LEAD, "ru", False),
    ("specialist@poruchenie.test", "Белова Мария Игоревна", Role.SPECIALIST, "ru", False),
    ("secretary@poruchenie.test", "Козлова Елена Павловна", Role.SECRETARY, "ru", False),
]

# Set in the profile by each person (the portal never guesses it from a name); the admin has none.
GENDERS = {
    "partner@poruchenie.test": "female",
    "lead@poruchenie.test": "male",
    "specialist@poruchenie.test": "female",
    "secretary@poruchenie.test": "female",
    "petrov@client.test": "male",
    "director@samocvety.test": "female",
    "cfo@samocvety.test": "male",
}

CLIENTS = [
    {
        "kind": Client.Kind.PERSON,
        "name": "Петров Игорь Николаевич",
        "inn": "667101234549",
        "email": "petrov@client.test",
        "users": [("petrov@client.test", "Петров Игорь Николаевич", "ru")],
    },
    {
        "kind": Client.Kind.ORGANISATION,
        "name": "Общество с ограниченной ответственностью «Уральские самоцветы»",
        "short_name": "ООО «Уральские самоцветы»",
        "inn": "6670000014",
        "ogrn": "1026600000019",
        "email": "office@samocvety.test",
        "users": [
            ("director@samocvety.test", "Смирнова Ольга Андреевна", "ru"),
            ("cfo@samocvety.test", "John Miller", "en"),
        ],
    },
]

MATTERS = [
    (
        "Взыскание неустойки с застройщика ООО «СтройГрад»",
        "Просрочка передачи квартиры по ДДУ № 45/2024; претензия, иск о неустойке и штрафе.",
    ),
    ("Выездная налоговая проверка за 2023–2024 годы", "Сопровождение проверки, возражения на акт."),
    ("Договор поставки с АО «Вектор»: протокол разногласий", "Условия о неустойке и ответственности сторон."),
]
PARTIES = [
    [{"name": "ООО «СтройГрад»", "role": "opponent", "kind": "organisation", "inn": OPPONENT_INN}],
    [
        {"name": "ИФНС России по Верх-Исетскому району г. Екатеринбурга", "role": "opponent", "kind": "organisation"},
        {"name": "Смирнова Ольга Андреевна", "role": "related", "kind": "person", "note": "генеральный директор"},
    ],
    [{"name": "Акционерное общество «Вектор»", "role": "opponent", "kind": "organisation"}],
]


def demo_profiles(partner, lead, specialist):
    return [
        (
            partner,
            {
                "position": "Управляющий партнёр",
                "position_en": "Managing partner",
                "practising_since": 2004,
                "is_advocate": True,
                "advocate_registry_number": "66/1187",
                "languages": "русский, English",
                "biography": "Ведёт налоговые и корпоративные споры с 2004 года.",
                "biography_en": "Has handled tax and corporate disputes since 2004.",
                "birth_date": dt.date(1978, 9, 2),
                "id_document": "паспорт 65 03 456789, выдан Октябрьским РУВД г. Екатеринбурга 12.11.2003",
            },
            ["court", "tax"],
        ),
        (
            lead,
            {
                "position": "Ведущий юрист",
                "position_en": "Senior associate",
                "practising_since": 2011,
                "is_advocate": True,
                "advocate_registry_number": "66/2345",
                "languages": "русский, English",
                "biography": "Специализируется на спорах с застройщиками и арбитражных делах.",
                "biography_en": "Focuses on disputes with developers and commercial litigation.",
                "birth_date": dt.date(1985, 2, 3),
                "id_document": "паспорт 65 09 111222, выдан ОУФМС России по Свердловской обл. 10.03.2009",
            },
            ["court", "realty", "consumer"],
        ),
        (
            specialist,
            {
                "position": "Юрист",
                "position_en": "Associate",
                "practising_since": 2018,
                "languages": "русский, Deutsch",
                "biography": "Договорная работа, претензии и иски по защите прав потребителей.",
                "biography_en": "Contracts, claims and consumer-protection suits.",
                "birth_date": dt.date(1993, 7, 21),
                "id_document": "паспорт 65 13 333444, выдан ОУФМС России по Свердловской обл. 01.08.2013",
            },
            ["contracts", "consumer"],
        ),
    ]


# Every login the demo creates, printed by `make run` and listed in the README.
LOGINS = [(email, role) for email, _n, role, _l, _a in PEOPLE] + [
    (email, Role.CLIENT) for c in CLIENTS for email, _n, _l in c["users"]
]


class Command(BaseCommand):
    help = "Load the demo firm, clients, matters and tasks (idempotent; refuses with DEBUG off unless --force)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even with DEBUG off.")
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args, force=False, quiet_logins=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to load demo data with DEBUG off; pass --force if you mean it.")
        if User.objects.filter(email="partner@poruchenie.test").exists():
            self.stdout.write("Demo data is already loaded.")
        else:
            with transaction.atomic():
                self._load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if not quiet_logins:
            self.stdout.write(f"Demo logins (password for all: {PASSWORD}):")
            with translation.override("en"):
                for email, role in LOGINS:
                    self.stdout.write(f"  {email:<32} {Role(role).label}")

    def _load(self):
        people = {}
        for email, name, role, language, admin in PEOPLE:
            people[email] = user_create(
                email=email,
                full_name=name,
                role=role,
                password=PASSWORD,
                language=language,
                email_verified=True,
                is_staff=admin,
            )
            people[email].gender = GENDERS.get(email, "")
            people[email].is_superuser = admin
            people[email].save(update_fields=["gender", "is_superuser"])
        partner = people["partner@poruchenie.test"]
        lead = people["lead@poruchenie.test"]
        specialist = people["specialist@poruchenie.test"]
        secretary = people["secretary@poruchenie.test"]
        self._profiles(partner, lead, specialist)

        # Clients come in through intake: each party is checked for conflicts first (rule 13).
        intakes = []
        for spec, matter, parties in zip(CLIENTS, MATTERS[:2], PARTIES[:2], strict=True):
            fields = {k: v for k, v in spec.items() if k != "users"}
            intakes.append(
                intake_new_client(
                    by=secretary, client=fields, title=matter[0], description=matter[1], lead=lead, parties=parties
                )
            )
        petrov, samocvety = (i.client for i in intakes)
        flat, audit = (i.matter for i in intakes)
        supply = intake_new_matter(
            by=partner,
            client=samocvety,
            title=MATTERS[2][0],
            description=MATTERS[2][1],
            lead=partner,
            parties=PARTIES[2],
        ).matter
        for matter in (flat, audit, supply):
            assignment_add(by=partner, matter=matter, user=specialist)

        client_users = {}
        for spec, client in zip(CLIENTS, (petrov, samocvety), strict=True):
            for email, name, language in spec["users"]:
                client_users[email] = user_create(
                    email=email,
                    full_name=name,
                    role=Role.CLIENT,
                    client=client,
                    password=PASSWORD,
                    language=language,
                    email_verified=True,
                )
                client_users[email].gender = GENDERS.get(email, "")
                client_users[email].save(update_fields=["gender"])
        petrov_user = client_users["petrov@client.test"]
        director = client_users["director@samocvety.test"]

        first = task_submit(
            client_user=petrov_user,
            matter=flat,
            subject="Расчёт неустойки по ДДУ",
            text="Прошу рассчитать неустойку за просрочку передачи квартиры с 01.03.2025 по день подачи иска "
            "и подготовить претензию застройщику. Договор и акт осмотра прилагаю.",
            files=[ContentFile("Договор долевого участия № 45/2024 (копия)".encode(), name="ДДУ-45-2024.txt")],
        )
        task_accept(task=first, by=lead)
        task_submit(
            client_user=director,
            matter=audit,
            subject="Требование о представлении документов",
            text="Получили требование ИФНС о представлении документов (150 позиций) "
            "со сроком 10 рабочих дней. Нужно ли продлевать срок и как правильно оформить опись?",
        )
        task_register(
            by=secretary,
            client=samocvety,
            matter=audit,
            channel=Task.Channel.PHONE,
            subject="Звонок: вызов главного бухгалтера на допрос",
            text="Звонила Смирнова О. А.: главного бухгалтера вызывают в инспекцию на допрос "
            "в качестве свидетеля в следующий вторник. Просит проконсультировать и присутствовать.",
            requested_by_name="Смирнова Ольга Андреевна",
        )
        task_submit(
            client_user=client_users["cfo@samocvety.test"],
            matter=supply,
            subject="Penalty clause in the supply agreement",
            text="Vector insists on a 0.5% daily penalty for late payment. What cap should we propose?",
        )

        # Rule 4: the client's candid account, and the firm's follow-up question.
        disclosure_save(
            matter=flat,
            by=petrov_user,
            answers={
                "doubts": "Подозреваю, что застройщик готовится к банкротству: "
                "на объекте третий месяц никто не работает.",
                "risk_points": "Акт осмотра я подписал без замечаний, хотя в квартире не было отопления.",
                "opponent_status": "ООО «СтройГрад», входит в группу компаний «Урал-Девелопмент».",
                "opponent_means": "Арендует технику, собственных активов, по слухам, мало.",
                "missing_documents": "Нет платёжного поручения на последний взнос — можно запросить в банке.",
            },
        )
        disclosure_question_ask(
            matter=flat,
            by=lead,
            question="Получали ли вы от застройщика уведомление о переносе срока передачи квартиры?",
        )

        # Rule 13 at work: the developer, Petrov's opponent, asks the firm for help and is held at intake.
        intake_new_client(
            by=secretary,
            client={"kind": "organisation", "name": "ООО «СтройГрад»", "inn": OPPONENT_INN},
            title="Взыскание задолженности с дольщиков",
            lead=lead,
            parties=[{"name": "Петров Игорь Николаевич", "role": "opponent", "kind": "person"}],
        )
        # A client asks for a new matter from the portal; it waits in intake for the firm.
        intake_request_matter(
            client_user=petrov_user,
            title="Раздел имущества супругов",
            description="Нужна консультация и, возможно, иск о разделе квартиры и автомобиля.",
            parties=[{"name": "Петрова Мария Сергеевна", "role": "opponent", "kind": "person"}],
        )

        # Rule 5: a signed power of attorney that expires soon, and a draft waiting to be sent.
        today = timezone.localdate()
        poa = poa_draft(
            by=lead,
            client=petrov,
            specialists=[lead, specialist],
            scope="вести от имени доверителя дела во всех судебных учреждениях со всеми правами, которые "
            "предоставлены законом истцу, ответчику и третьему лицу, в том числе с правом подписания искового "
            "заявления, предъявления его в суд, получения судебных актов и исполнительных документов.",
            issued_on=today - dt.timedelta(days=345),
            valid_until=today + dt.timedelta(days=20),
        )
        poa_send(poa=poa, by=lead)
        poa_mark_signed(poa=poa, by=lead, scan=ContentFile(b"%PDF-1.4\n% demo scan\n", name="petrov-signed.pdf"))
        poa_draft(
            by=partner,
            client=samocvety,
            specialists=[partner, specialist],
            matters=[supply],
            scope="представлять интересы доверителя в переговорах с АО «Вектор», подписывать протоколы "
            "разногласий и получать корреспонденцию.",
            issued_on=today,
            valid_until=today + dt.timedelta(days=365),
            notarised=True,
        )

        # Rule 12: the client asks for a named specialist; rule 11: an outside lawyer needs consent.
        specialist_request_create(
            matter=audit, by=director, specialist=partner, event="Допрос главного бухгалтера в ИФНС", note=""
        )
        subcontract_propose(
            matter=supply,
            by=partner,
            kind="lawyer",
            contractor="Адвокат Кузнецов Пётр Андреевич (Москва)",
            contractor_details="Регистрационный номер в реестре адвокатов г. Москвы 77/12345",
            scope="представительство в Арбитражном суде г. Москвы по иску АО «Вектор»",
            reason="Заседания проходят в Москве; командировки обойдутся клиенту дороже.",
        )

        self._matter_work(
            flat=flat, first=first, lead=lead, specialist=specialist, client_user=petrov_user, partner=partner
        )

    def _matter_work(self, *, flat, first, lead, specialist, client_user, partner):
        """Issue 6 in the demo: a stage, a report date, results, messages, a risk, the documents register."""
        litigation = MatterType.objects.filter(stages__isnull=False).order_by("pk").first()
        if litigation is not None:
            matter_type_set(matter=flat, by=lead, matter_type=litigation)
            matter_stage_set(matter=flat, by=lead, stage=litigation.stages.order_by("order")[1])
        matter_next_report_set(matter=flat, by=lead, on=timezone.localdate() + dt.timedelta(days=10))
        opinion = deliverable_prepare(
            matter=flat,
            by=specialist,
            kind="opinion",
            title="Расчёт неустойки и проект претензии",
            summary="Неустойка по ч. 2 ст. 6 Закона № 214-ФЗ за 270 дней просрочки — 412 380 руб.; "
            "претензия с требованием выплаты в течение 10 дней.",
            task=first,
            files=[ContentFile("Претензия застройщику (проект)".encode(), name="Претензия-СтройГрад.txt")],
        )
        deliverable_release(deliverable=opinion, by=lead, channel="portal", recipient=client_user.email)
        deliverable_prepare(
            matter=flat,
            by=specialist,
            kind="documents",
            title="Исковое заявление о взыскании неустойки",
            summary="Черновик иска; ждём ответа застройщика на претензию.",
        )
        message_post(
            matter=flat,
            by=client_user,
            body="Застройщик позвонил и предложил подписать допсоглашение о переносе срока. Что ответить?",
            material=True,
        )
        message_post(
            matter=flat,
            by=lead,
            body="Ничего не подписывайте до нашей встречи: допсоглашение лишит вас части неустойки.",
            material=True,
        )
        recommendation_make(
            matter=flat, by=lead, text="Сохраняйте всю переписку с застройщиком и фотографии квартиры с датами."
        )
        risk_warn(
            matter=flat,
            by=lead,
            subject="Клиент просит подать иск до истечения срока ответа на претензию.",
            text="Иск, поданный до истечения десятидневного срока на ответ, может быть оставлен без рассмотрения, "
            "а расходы на пошлину — не возмещены.",
        )
        held_document_record(
            by=lead,
            client=flat.client,
            matter=flat,
            title="Договор участия в долевом строительстве № 45/2024",
            form="original",
            pages=24,
            received_from="Петров И. Н., лично",
            location="Офис, сейф 2, папка «Петров»",
        )
        hearing = self._hearings(matter=flat, lead=lead, specialist=specialist, client_user=client_user)
        for seeder in SEEDERS:
            seeder(
                matter=flat, lead=lead, specialist=specialist, client_user=client_user, partner=partner, hearing=hearing
            )

    def _hearings(self, *, matter, lead, specialist, client_user):
        """Issue 11 in the demo: a hearing the client must confirm, a meeting, and two deadlines (one computed)."""
        zone = ZoneInfo(settings.TIME_ZONE)
        day = timezone.localdate() + dt.timedelta(days=12)
        hearing = hearing_schedule(
            matter=matter,
            by=lead,
            starts_at=dt.datetime.combine(day, dt.time(10, 30), zone),
            ends_at=dt.datetime.combine(day, dt.time(11, 30), zone),
            kind="court",
            venue="Ленинский районный суд г. Екатеринбурга",
            address="ул. Красноармейская, 30",
            room="412",
            case_number="2-1045/2026",
            notes="Возьмите паспорт и оригинал договора долевого участия.",
            representative=lead,
            client_users=[client_user],
            contacts=[Contact(name="Петрова А. С.", email="petrova@example.com", kind="witness")],
        )
        meeting = timezone.localdate() + dt.timedelta(days=3)
        hearing_schedule(
            matter=matter,
            by=lead,
            starts_at=dt.datetime.combine(meeting, dt.time(15, 0), zone),
            ends_at=dt.datetime.combine(meeting, dt.time(16, 0), zone),
            kind="meeting",
            title="Встреча перед заседанием",
            address="Офис фирмы, переговорная 2",
            representative=lead,
            client_users=[client_user],
        )
        deadline_add(
            matter=matter,
            by=lead,
            title="Апелляционная жалоба на решение по иску к застройщику",
            responsible=specialist,
            rule="gpk_appeal",
            trigger_date=timezone.localdate() - dt.timedelta(days=20),
        )
        deadline_add(
            matter=matter,
            by=lead,
            title="Оплатить госпошлину за подачу иска",
            responsible=lead,
            due_on=timezone.localdate() + dt.timedelta(days=5),
        )
        return hearing

    def _profiles(self, partner, lead, specialist):
        areas = {
            key: PracticeArea.objects.get_or_create(name_ru=ru, defaults={"name_en": en})[0]
            for key, ru, en in [
                ("court", "Арбитражные споры", "Commercial litigation"),
                ("tax", "Налоговые споры", "Tax disputes"),
                ("realty", "Недвижимость и строительство", "Real estate and construction"),
                ("contracts", "Договорная работа", "Contracts"),
                ("consumer", "Защита прав потребителей", "Consumer protection"),
            ]
        }
        for person, fields, keys in demo_profiles(partner, lead, specialist):
            specialist_profile_save(specialist=person, by=partner, practice_areas=[areas[k] for k in keys], **fields)
