import io

from django.core.mail import EmailMessage

from core.mail import ReadableConsoleBackend


def test_console_mail_is_readable_cyrillic():
    stream = io.StringIO()
    backend = ReadableConsoleBackend(stream=stream, alias="default")
    message = EmailMessage("Задача принята", "Здравствуйте, Игорь Николаевич.", "a@b.test", ["c@d.test"])
    message.attach("акт.pdf", b"%PDF", "application/pdf")
    backend.send_messages([message])
    out = stream.getvalue()
    assert "Subject: Задача принята" in out
    assert "Здравствуйте, Игорь Николаевич." in out
    assert "[attachment: акт.pdf]" in out
