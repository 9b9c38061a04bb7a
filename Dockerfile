# Backprop Explorer: one container serving the page and the REST API on port 8000.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
COPY templates ./templates
COPY static ./static
RUN pip install . && rm -rf /src

RUN useradd --create-home --uid 10001 explorer
USER 10001
WORKDIR /home/explorer

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]

# Inside a container the app must listen on every interface to be reachable at all.
CMD ["backprop-explorer", "--host", "0.0.0.0", "--port", "8000"]
