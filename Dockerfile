# The dashboard, one replica. docker-compose.yml runs N of them behind nginx,
# with the release feed; docs/deploy.md says how to run it and what it carries.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# the locked dependency tree (every package pinned, with hashes) first, so a data or
# code change does not reinstall it
COPY requirements.lock ./
RUN python -m pip install --require-hashes -r requirements.lock

# a user of its own, who owns nothing of the app's code and data (read-only at run time)
RUN useradd --system --uid 10001 --create-home --home-dir /home/app --shell /usr/sbin/nologin app \
    && mkdir -p /srv/feed && chown app /srv/feed

COPY .streamlit/ .streamlit/
COPY dashboard.py ./
COPY app/ app/
COPY geo/ geo/
COPY data/ data/
COPY seeds/ seeds/
COPY static/ static/
COPY docs/methods.md docs/methods.md
# the Spanish message catalogue, read at run time (no compiled .mo to go stale)
COPY locales/ locales/

USER app
# Headless, on all interfaces of the container (nginx reaches it on the compose
# network), no usage statistics, and browser.serverAddress set: without it a
# headless Streamlit looks up its public address on the internet at start.
ENV STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_BROWSER_SERVER_ADDRESS=localhost \
    FEED_URL=/feed/latest/
EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).status != 200)"]
CMD ["python", "-m", "streamlit", "run", "dashboard.py"]
