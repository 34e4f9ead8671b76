# TwoMatch web / worker / beat image (docker-compose.yml). vLLM runs from its own official image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# OCR of scans (issue 11): Debian's Japanese data (the `Japanese` script model read beside `jpn`,
# and `osd` to turn pages upright); the `best` jpn model is fetched below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr-jpn tesseract-ocr-script-jpan tesseract-ocr-osd \
    && rm -rf /var/lib/apt/lists/*
# Dependencies first: this layer is rebuilt only when requirements.txt changes.
# (All pinned packages ship manylinux wheels, PyMuPDF and psycopg[binary] included: no compiler needed.)
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Tesseract's `best` Japanese model, checked against its pinned SHA-256 (as `make ocr-models`);
# settings.OCR_MODEL_DIR is /app/var/tessdata. Nothing is downloaded at run time. Beside it, the OCR name
# step's tables (inference/local/ocr_tables.py), built from the installed dictionary and typeface.
RUN python scripts/fetch_ocr_model.py var/tessdata \
    && SECRET_KEY=ocr-tables-at-build-time-only-never-used-to-sign-anything python manage.py build_ocr_tables
# collectstatic needs no database: the settings fall back to embedded defaults at build time.
# A throw-away key: without one the embedded defaults would write a key file into the image.
RUN SECRET_KEY=collectstatic-at-build-time-only-never-used-to-sign-anything python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --no-create-home --home-dir /app twomatch \
    && mkdir -p /data/media /data/static \
    && chown -R twomatch /data
# /data/media and /data/static are shared volumes: a new named volume takes this owner.
USER twomatch

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
