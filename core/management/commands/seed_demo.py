"""Demo data: a firm of four, two clients, a few matters and tasks. Safe to run again."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from clients.models import Client
from clients.services.clients import client_create
from matters.models import Task
from matters.services import matter_open, task_accept, task_register, task_submit
from users.models import Role, User
from users.services import user_create

PASSWORD = "demo-pass-2026"  # noqa: S105 — demo only; the command refuses to run with DEBUG off

PEOPLE = [
    # email, full name, role, language, admin
    ("admin@poruchenie.test", "Администратор Портала", Role.PARTNER, "ru", True),
    ("partner@poruchenie.test", "Соколова Анна Викторовна", Role.PARTNER, "ru", False),
    ("lead@poruchenie.test", "Орлов Дмитрий Сергеевич", Role.LEAD, "ru", False),
    ("specialist@poruchenie.test", "Белова Мария Игоревна", Role.SPECIALIST, "ru", False),
    ("secretary@poruchenie.test", "Козлова Елена Павловна", Role.SECRETARY, "ru", False),
]

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
            if admin:
                people[email].is_superuser = True
                people[email].save(update_fields=["is_superuser"])
        partner = people["partner@poruchenie.test"]
        lead = people["lead@poruchenie.test"]
        specialist = people["specialist@poruchenie.test"]
        secretary = people["secretary@poruchenie.test"]

        clients, client_users = [], {}
        for spec in CLIENTS:
            fields = {k: v for k, v in spec.items() if k != "users"}
            client = client_create(by=partner, **fields)
            clients.append(client)
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
        petrov, samocvety = clients

        flat = matter_open(
            by=partner,
            client=petrov,
            title="Взыскание неустойки с застройщика ООО «СтройГрад»",
            description="Просрочка передачи квартиры по ДДУ № 45/2024; претензия, иск о неустойке и штрафе.",
            lead=lead,
            specialists=[specialist],
        )
        audit = matter_open(
            by=partner,
            client=samocvety,
            title="Выездная налоговая проверка за 2023–2024 годы",
            lead=lead,
            specialists=[specialist],
        )
        supply = matter_open(
            by=partner,
            client=samocvety,
            title="Договор поставки с АО «Вектор»: протокол разногласий",
            lead=partner,
            specialists=[specialist],
        )

        first = task_submit(
            client_user=client_users["petrov@client.test"],
            matter=flat,
            subject="Расчёт неустойки по ДДУ",
            text="Прошу рассчитать неустойку за просрочку передачи квартиры с 01.03.2025 по день подачи иска "
            "и подготовить претензию застройщику. Договор и акт осмотра прилагаю.",
            files=[ContentFile("Договор долевого участия № 45/2024 (копия)".encode(), name="ДДУ-45-2024.txt")],
        )
        task_accept(task=first, by=lead)
        task_submit(
            client_user=client_users["director@samocvety.test"],
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
