from __future__ import annotations

from pathlib import Path

from dataentry.models import Document
from inference.base import KeyerInput, PageInput


def keyer_input_for(document_id: int) -> KeyerInput:
    doc = Document.objects.select_related("document_type").get(pk=document_id)
    pages = tuple(
        PageInput(number=p.number, image_path=Path(p.image.path), width=p.width, height=p.height, text=p.text)
        for p in doc.pages.all()
    )
    return KeyerInput(pdf_path=Path(doc.original.path), spec=doc.document_type.spec(), pages=pages, document_id=doc.pk)
