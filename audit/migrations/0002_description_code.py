import re

from django.db import migrations, models

# The descriptions written before codes, in the two languages they were written in: each is turned
# back into its message id and values so that every reader sees the entry in their own language.
MESSAGES = {
    "Attachment «%(name)s» of task %(number)s": "Вложение «%(name)s» к задаче %(number)s",
    "Receipt of task %(number)s": "Расписка о получении задачи %(number)s",
    "Attachment «%(name)s» of a message on matter %(number)s": "Вложение «%(name)s» к сообщению по делу %(number)s",
    "File «%(name)s» of the result «%(title)s»": "Файл «%(name)s» результата «%(title)s»",
    "Register of the documents held for %(client)s": "Реестр документов клиента %(client)s, находящихся у фирмы",
    "Disclosure questionnaire of matter %(number)s": "Анкета раскрытия информации по делу %(number)s",
    "Earlier revisions of the disclosure of matter %(number)s": (
        "Предыдущие редакции анкеты раскрытия информации по делу %(number)s"
    ),
    "Follow-up questions on the disclosure of matter %(number)s": (
        "Уточняющие вопросы к анкете раскрытия информации по делу %(number)s"
    ),
    "Power of attorney %(number)s": "Доверенность %(number)s",
    "Signed scan of power of attorney %(number)s": "Скан подписанной доверенности %(number)s",
    "Engagement agreement (terms version %(number)s)": (
        "Договор об оказании юридических услуг (редакция условий %(number)s)"
    ),
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _pattern(template: str) -> re.Pattern:
    parts, last = [], 0
    for match in PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        parts.append(f"(?P<{match.group(1)}>.+)")
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("^" + "".join(parts) + "$", re.DOTALL)


PATTERNS = [(code, _pattern(text)) for code, ru in MESSAGES.items() for text in (code, ru)]


def forwards(apps, schema_editor):
    AccessLogEntry = apps.get_model("audit", "AccessLogEntry")
    for entry in AccessLogEntry.objects.filter(code="").only("pk", "description").iterator():
        for code, pattern in PATTERNS:
            match = pattern.match(entry.description)
            if match:
                AccessLogEntry.objects.filter(pk=entry.pk).update(code=code, params=match.groupdict())
                break


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="code",
            field=models.CharField(blank=True, max_length=500, verbose_name="message id"),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="values"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
