"""Training-data export: what the vLLM keyer sends, answered with the accepted result; split by document."""
from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path

import httpx
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from dataentry import services
from dataentry.models import Document, DocumentType, Entry, HistoryEvent
from inference.evaluation import load_dataset
from inference.selectors import keyer_input_for
from inference.vllm_keyer import VllmKeyer
from learning.models import ExportJob
from learning.training import ExportOptions, assign_splits, to_keyer_messages, write_export
from review.services import review_claim_next, review_submit
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db(transaction=True)

MAX_IMAGE_TOKENS = 200  # small pages keep the test fast; the export must follow whatever the keyer uses


@pytest.fixture(autouse=True)
def _small_images(settings):
    settings.VLLM_MAX_IMAGE_TOKENS = MAX_IMAGE_TOKENS


def _upload(stem: str, manager) -> Document:
    pdf = SAMPLES / f"{stem}.pdf"
    doc = services.document_upload(data=pdf.read_bytes(), filename=pdf.name, uploaded_by=manager,
                                   document_type=DocumentType.objects.get(slug="personnel_change"))
    doc.refresh_from_db()
    return doc


def _key(doc: Document, operator, records: list[dict]) -> None:
    entry = services.keying_claim_next(operator=operator)
    assert entry.document_id == doc.pk
    services.entry_submit(entry_id=entry.pk, operator=operator, records=records, version=entry.version)


def _machine(doc: Document) -> list[dict]:
    return doc.entries.get(source=Entry.Source.MACHINE).records


def accepted_right(stem, people) -> Document:
    """The operator keys what the machine keyed: auto-accepted, machine right."""
    doc = _upload(stem, people["manager1"])
    _key(doc, people["operator1"], copy.deepcopy(_machine(doc)))
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED and doc.result.path == "auto"
    return doc


def accepted_wrong(stem, people) -> Document:
    """The operator differs on one post and the reviewer takes the operator's: machine wrong."""
    doc = _upload(stem, people["manager1"])
    keyed = copy.deepcopy(_machine(doc))
    keyed[0]["new_post"] += " 代理"
    _key(doc, people["operator1"], keyed)
    task = review_claim_next(reviewer=people["reviewer1"])
    review_submit(task_id=task.pk, reviewer=people["reviewer1"], version=task.version,
                  decisions={"0": {"choice": "second", "value": ""}})
    doc.refresh_from_db()
    assert doc.result.records[0]["new_post"] == keyed[0]["new_post"]
    return doc


def accepted_without_machine(stem, people, settings) -> Document:
    """No machine keyer: two operators agree (auto_humans); the machine gave no answer."""
    settings.MACHINE_KEYER = "none"
    doc = _upload(stem, people["manager1"])
    settings.MACHINE_KEYER = "textlayer"
    truth = json.loads((SAMPLES / f"{stem}.json").read_text(encoding="utf-8"))["records"]
    _key(doc, people["operator1"], truth)
    _key(doc, people["operator2"], truth)
    doc.refresh_from_db()
    assert doc.result.path == "auto_humans"
    return doc


@pytest.fixture
def three_kinds(people, settings):
    return {"right": accepted_right("01", people), "wrong": accepted_wrong("07", people),
            "none": accepted_without_machine("11", people, settings)}


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sent_by_vllm_keyer(document_id: int) -> list[dict]:
    """The messages VllmKeyer really puts on the wire (captured at the HTTP boundary)."""
    sent = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json={
            "id": "x", "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": '{"records": []}'}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1}})

    VllmKeyer.from_settings(transport=httpx.MockTransport(handler)).key(keyer_input_for(document_id))
    assert len(sent) == 1
    return sent[0]["messages"]


# --- the split ------------------------------------------------------------------------------

def test_the_split_is_by_document_deterministic_per_seed_and_near_the_fraction():
    ids = list(range(1, 1001))
    first = assign_splits(ids, seed=0, val_fraction=0.1)
    assert first == assign_splits(list(reversed(ids)), seed=0, val_fraction=0.1)
    assert set(first) == set(ids) and set(first.values()) == {"train", "val"}
    assert 70 <= sum(s == "val" for s in first.values()) <= 130
    other_seed = assign_splits(ids, seed=1, val_fraction=0.1)
    assert other_seed != first
    # Adding documents never moves an existing one to the other side.
    grown = assign_splits(ids + list(range(1001, 1201)), seed=0, val_fraction=0.1)
    assert all(grown[i] == first[i] for i in ids)
    # A small export still gets one validation document; no validation asked, none given.
    assert list(assign_splits([5, 6, 7], seed=0, val_fraction=0.1).values()).count("val") >= 1
    assert set(assign_splits([5, 6, 7], seed=0, val_fraction=0).values()) == {"train"}


# --- the export -----------------------------------------------------------------------------

def test_it_exports_exactly_what_the_vllm_keyer_sends_answered_with_the_accepted_result(three_kinds, tmp_path):
    manifest = write_export(tmp_path / "out", ExportOptions(val_fraction=0.34, seed=3))
    out = tmp_path / "out"
    lines = read_lines(out / "train.jsonl") + read_lines(out / "val.jsonl")
    by_doc = {line["meta"]["document_id"]: line for line in lines}
    assert sorted(by_doc) == sorted(d.pk for d in three_kinds.values())

    for kind, doc in three_kinds.items():
        line = by_doc[doc.pk]
        system, user, assistant = line["messages"]
        assert [system["role"], user["role"], assistant["role"]] == ["system", "user", "assistant"]
        assert user["content"].count("<image>") == len(line["images"]) == doc.page_count
        # Turned back into a request, the line is byte for byte what the keyer sends.
        assert to_keyer_messages(line, out) == sent_by_vllm_keyer(doc.pk)
        for name in line["images"]:
            with Image.open(out / name) as image:
                assert image.width % 28 == 0 and image.height % 28 == 0
                assert (image.width // 28) * (image.height // 28) <= MAX_IMAGE_TOKENS
        doc.result.refresh_from_db()
        assert json.loads(assistant["content"]) == {"records": doc.result.records}
        meta = line["meta"]
        assert meta["machine"] == kind and meta["machine_correct"] is (kind == "right")
        if kind == "none":
            assert meta["model"] == "" and meta["prompt_version"] == ""
        else:
            machine = doc.entries.get(source=Entry.Source.MACHINE)
            assert (meta["model"], meta["prompt_version"]) == (machine.model_name, machine.prompt_version) != ("", "")

    counts = manifest["counts"]
    assert (counts["machine_right"], counts["machine_wrong"], counts["machine_none"]) == (1, 1, 1)
    assert counts["train"] + counts["val"] == 3 and counts["val"] >= 1
    assert manifest["machine_models"] == {"local-pipeline": 2}
    assert manifest["machine_prompt_versions"] == {"personnel_change:pipeline-1": 2}
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest


def test_validation_documents_are_also_written_for_evaluate_keyer(three_kinds, tmp_path, capsys):
    write_export(tmp_path / "out", ExportOptions(val_fraction=0.5, seed=0))
    val_ids = [line["meta"]["document_id"] for line in read_lines(tmp_path / "out" / "val.jsonl")]
    train_ids = [line["meta"]["document_id"] for line in read_lines(tmp_path / "out" / "train.jsonl")]
    assert val_ids and not set(val_ids) & set(train_ids)
    spec = DocumentType.objects.get(slug="personnel_change").spec()
    samples, skipped = load_dataset(tmp_path / "out" / "val_eval", spec)
    assert sorted(int(s.stem) for s in samples) == sorted(val_ids) and not skipped
    for sample in samples:
        doc = Document.objects.get(pk=int(sample.stem))
        assert sample.truth == doc.result.records
        assert sample.pdf_path.read_bytes() == Path(doc.original.path).read_bytes()
    call_command("evaluate_keyer", keyer="textlayer", dataset=str(tmp_path / "out" / "val_eval"))
    assert f"documents: {len(val_ids)}" in capsys.readouterr().out


def test_the_same_seed_gives_the_same_files(three_kinds, tmp_path):
    for name in ("a", "b"):
        write_export(tmp_path / name, ExportOptions(val_fraction=0.34, seed=7))
    for name in ("train.jsonl", "val.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "a" / "images").iterdir()) == \
        sorted(p.name for p in (tmp_path / "b" / "images").iterdir())


def test_the_command_filters_counts_and_refuses_a_used_folder(people, settings, tmp_path, capsys):
    accepted_right("01", people)
    settings.VLLM_MAX_PAGES = 1
    two_pages = accepted_right("06", people)
    call_command("export_training_data", "--out", str(tmp_path / "out"), "--type", "personnel_change",
                 "--val-fraction", "0", "--seed", "0")
    printed = capsys.readouterr()
    assert "2 documents" not in printed.out and "train 1, val 0" in printed.out
    assert f"skipped document {two_pages.pk}: 2 pages" in printed.err
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["skipped"] == 1 and manifest["counts"]["machine_right"] == 1
    assert HistoryEvent.objects.filter(kind="export", data__kind="training").exists()

    with pytest.raises(CommandError, match="not empty"):
        call_command("export_training_data", "--out", str(tmp_path / "out"))
    call_command("export_training_data", "--out", str(tmp_path / "later"), "--since", "2999-01-01")
    assert read_lines(tmp_path / "later" / "train.jsonl") == []
    with pytest.raises(CommandError, match="unknown document type"):
        call_command("export_training_data", "--out", str(tmp_path / "x"), "--type", "invoice_nope")


# --- the managers' download -------------------------------------------------------------------

def test_managers_get_the_export_from_a_background_job_and_nobody_else_does(client, login, people):
    doc = accepted_right("01", people)
    for who in ("operator1", "reviewer1"):
        login(people[who])
        assert client.get(reverse("learning:exports")).status_code == 403
        assert client.post(reverse("learning:exports"), {"val_fraction": "0.1", "seed": "0"}).status_code == 403
    assert not ExportJob.objects.exists()

    login(people["manager1"])
    page = client.post(reverse("learning:exports"), {"val_fraction": "0", "seed": "0"}, follow=True).content.decode()
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE and job.created_by == people["manager1"]  # eager Celery in tests
    assert f'id="export-{job.pk}"' in page
    row = client.get(reverse("learning:export_status", args=[job.pk])).content.decode()
    assert "every 2s" not in row and reverse("learning:export_download", args=[job.pk]) in row
    response = client.get(reverse("learning:export_download", args=[job.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    root = f"twomatch-training-{job.pk}/"
    assert {f"{root}train.jsonl", f"{root}val.jsonl", f"{root}manifest.json", f"{root}images/{doc.pk}-1.png"} <= set(archive.namelist())
    line = json.loads(archive.read(f"{root}train.jsonl").decode().splitlines()[0])
    assert line["meta"]["document_id"] == doc.pk
    notes = list(HistoryEvent.objects.filter(kind="export", data__job=job.pk).values_list("note", flat=True))
    assert notes == ["training data export requested", "training data export built", "training data export downloaded"]

    # The file lives in private media: there is no public URL to it, only the checked view.
    assert client.get(job.file.url).status_code == 404
    for who in ("operator1", "reviewer1"):
        login(people[who])
        assert client.get(reverse("learning:export_download", args=[job.pk])).status_code == 403
        assert client.get(reverse("learning:export_status", args=[job.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("learning:export_download", args=[job.pk])).status_code == 302


def test_an_unfinished_job_row_polls_every_two_seconds(client, login, people):
    job = ExportJob.objects.create(created_by=people["manager1"], params={"val_fraction": 0.1, "seed": 0}, total=40,
                                   progress=10, status=ExportJob.Status.RUNNING)
    login(people["manager1"])
    row = client.get(reverse("learning:export_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in row and 'value="10" max="40"' in row
    assert reverse("learning:export_download", args=[job.pk]) not in row
    assert client.get(reverse("learning:export_download", args=[job.pk])).status_code == 404
