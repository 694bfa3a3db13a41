# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango; DejaVu carries Cyrillic for the PDFs; gettext compiles the catalogue.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-dejavu-core gettext curl \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 portal
WORKDIR /app

COPY pyproject.toml README.md ./
COPY engagement ./engagement
COPY core ./core
COPY users ./users
COPY notices ./notices
COPY audit ./audit
COPY timeline ./timeline
COPY clients ./clients
COPY matters ./matters
COPY portal ./portal
COPY billing ./billing
COPY formats ./formats
RUN pip install .

COPY . .
# Build-time only values: collectstatic and compilemessages need settings to import.
RUN DEBUG=0 SECRET_KEY=build-only STATIC_MANIFEST=1 python manage.py collectstatic --noinput -v0 \
 && DEBUG=1 python manage.py compilemessages --ignore '.venv/*' -v0 \
 && mkdir -p /app/var && chown -R portal /app/var

USER portal
EXPOSE 8000
CMD ["gunicorn", "engagement.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
