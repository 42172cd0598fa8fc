# Trellis in one image: `trellis serve` (gunicorn) and `trellis db_worker` (the background
# worker) both run from it. By default a container runs `trellis serve`, which starts a
# worker beside gunicorn; compose.yaml runs them as two services instead
# (`serve --no-worker` and `db_worker`). See the README, "Production notes".
#
#   docker build -t trellis .
#   docker run -p 8000:8000 -v trellis-data:/data trellis   # SQLite in the volume

# 1. Build: install Trellis and its pinned dependencies into a virtualenv.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/trellis
WORKDIR /src
COPY pyproject.toml README.md ./
COPY trellis ./trellis
RUN /opt/trellis/bin/pip install . && /opt/trellis/bin/python -m compileall -q /opt/trellis

# 2. Run: the virtualenv and the vocabulary only (no compiler, no pip cache, no sources),
# as a user without privileges.
FROM python:3.11-slim-bookworm
RUN groupadd --system --gid 10001 trellis \
    && useradd --system --uid 10001 --gid trellis --home-dir /home/trellis --create-home trellis \
    && install -d -o trellis -g trellis -m 0700 /data
COPY --from=build /opt/trellis /opt/trellis
COPY data/topics.csv /opt/trellis/share/topics.csv
ENV PATH=/opt/trellis/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    TRELLIS_DATA_DIR=/data \
    TRELLIS_TOPICS_FILE=/opt/trellis/share/topics.csv
USER trellis
WORKDIR /home/trellis
VOLUME ["/data"]
EXPOSE 8000
# Process up (no database): /healthz. An orchestrator's readiness probe asks /readyz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["trellis", "serve", "--host", "0.0.0.0", "--port", "8000"]
