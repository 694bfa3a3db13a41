"""A console mail backend a developer can read: headers and the decoded text, not base64."""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend


class ReadableConsoleBackend(ConsoleBackend):
    def write_message(self, message):
        lines = [
            "-" * 79,
            f"From:    {message.from_email}",
            f"To:      {', '.join(message.to)}",
            f"Subject: {message.subject}",
            "",
            message.body.rstrip(),
        ]
        for attachment in message.attachments:
            name = getattr(attachment, "filename", None) or attachment.get_filename()
            lines.append(f"[attachment: {name}]")
        self.stream.write("\n".join(lines) + "\n")
