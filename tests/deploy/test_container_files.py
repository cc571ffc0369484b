"""The Dockerfile and docker-compose.yml describe the stack that
deploy/stack.sh runs and tests/deploy tests: the same nginx template with
every placeholder filled, the same Streamlit settings, the feed served from
the volume that `python -m geo release` writes. (No container engine runs
here, so these files are checked as text; docs/deploy.md says so.)"""

from __future__ import annotations

import re

import yaml

from tests.conftest import REPO

TEMPLATE = (REPO / "deploy" / "nginx.conf.template").read_text(encoding="utf-8")
PLACEHOLDERS = set(re.findall(r"\$\{(NGINX_[A-Z_]+)\}", TEMPLATE))
DOCKERFILE = (REPO / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))


def instructions(name: str) -> list[str]:
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.upper().startswith(name + " ")]


def test_the_image_is_slim_pinned_non_root_and_health_checked():
    assert re.fullmatch(r"python:3\.1[1-9]-slim(-\w+)?", instructions("FROM")[0])
    requirements = "requirements.lock" if (REPO / "requirements.lock").exists() else "requirements.txt"
    assert any(requirements in line for line in instructions("COPY"))
    assert any(f"-r {requirements}" in line for line in instructions("RUN"))
    users = instructions("USER")
    assert users and users[-1] not in ("root", "0")
    assert "/_stcore/health" in instructions("HEALTHCHECK")[0]
    env = " ".join(instructions("ENV"))
    assert "STREAMLIT_BROWSER_GATHER_USAGE_STATS=false" in env
    assert "STREAMLIT_BROWSER_SERVER_ADDRESS=" in env  # no public-address look-up at start
    copied = " ".join(instructions("COPY"))
    for needed in (
        "dashboard.py",
        "app/",
        "geo/",
        "data/",
        "seeds/",
        "static/",
        ".streamlit/",
        "docs/methods.md",
        "locales/",
    ):
        assert needed in copied, needed


def test_compose_runs_the_template_of_the_local_stack_with_every_placeholder():
    nginx = COMPOSE["services"]["nginx"]
    assert "./deploy/nginx.conf.template:/etc/nginx/campaign.conf.template:ro" in nginx["volumes"]
    command = " ".join(nginx["command"])
    substituted = set(re.findall(r"\$\$\{(NGINX_[A-Z_]+)\}", command))
    assert substituted == PLACEHOLDERS, "envsubst must fill exactly the template's placeholders"
    assert set(nginx["environment"]) >= PLACEHOLDERS
    assert "app:8501" in nginx["environment"]["NGINX_UPSTREAMS"]
    assert nginx["depends_on"]["app"]["condition"] == "service_healthy"


def test_compose_serves_the_feed_that_geo_release_writes():
    services = COMPOSE["services"]
    feed = services["feed"]
    assert feed["command"][:4] == ["python", "-m", "geo", "release"]
    out = feed["command"][feed["command"].index("-o") + 1]
    assert f"feed:{out}" in feed["volumes"]
    root = services["nginx"]["environment"]["NGINX_FEED_ROOT"]
    assert f"feed:{root}:ro" in services["nginx"]["volumes"]
    assert services["nginx"]["depends_on"]["feed"]["condition"] == "service_completed_successfully"


def test_the_replicas_have_no_way_out_and_only_nginx_is_published():
    services = COMPOSE["services"]
    assert COMPOSE["networks"]["backend"]["internal"] is True
    assert services["app"]["networks"] == ["backend"] and "ports" not in services["app"]
    assert services["feed"]["network_mode"] == "none"
    assert [s for s, spec in services.items() if "ports" in spec] == ["nginx"]
