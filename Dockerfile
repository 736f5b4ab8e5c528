# clearbot: one image for every replica. Redis is external in production (CLEARBOT_REDIS_URL).
# Stage 1 builds the wheel where a C compiler is at hand, so the classifier's hot path is
# compiled with mypyc (setup.py); the runtime image needs no compiler.
FROM python:3.11 AS build
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY emulator ./emulator
COPY playbooks ./playbooks
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CLEARBOT_DATA_DIR=/data \
    CLEARBOT_PLAYBOOKS_DIR=/app/playbooks

WORKDIR /app
COPY --from=build /wheels /wheels
# The package is installed in site-packages, away from the repository's playbooks/ folder.
COPY playbooks ./playbooks
RUN pip install /wheels/*.whl && rm -rf /wheels \
    && useradd --system --home /data clearbot && mkdir -p /data && chown clearbot /data

USER clearbot
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)" || exit 1
ENTRYPOINT ["python", "-m", "bot"]
CMD ["run"]
