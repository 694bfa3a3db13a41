"""docker-compose.yml describes the whole stack (no Docker engine runs here to try it)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_names_the_stack_with_health_checks():
    services = compose()["services"]
    for name in ("web", "worker", "beat", "postgres", "redis"):
        assert name in services, name
        assert "healthcheck" in services[name], name


def test_portal_services_share_one_image_and_the_real_components():
    services = compose()["services"]
    images = {services[name]["image"] for name in ("web", "worker", "beat", "migrate")}
    assert images == {"poruchenie:latest"}
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
        assert env["DEBUG"] == "0"
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "engagement", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "engagement", "beat"]


def test_dockerfile_builds_what_the_compose_file_runs():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile
    assert "compilemessages" in dockerfile
    assert "fonts-dejavu" in dockerfile
