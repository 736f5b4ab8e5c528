# clearbot: one image for every replica. Redis is external in production (CLEARBOT_REDIS_URL).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CLEARBOT_DATA_DIR=/data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY emulator ./emulator
COPY playbooks ./playbooks
RUN pip install . && useradd --system --home /data clearbot && mkdir -p /data && chown clearbot /data

USER clearbot
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)" || exit 1
ENTRYPOINT ["python", "-m", "bot"]
CMD ["run"]
