"""Keyer registry: name -> keyer instance. `MACHINE_KEYER` selects the production one."""
from __future__ import annotations

from inference.base import Keyer


def get_keyer(name: str) -> Keyer:
    if name in ("textlayer", "ocr", "local"):
        from inference.local.keyer import LocalKeyer, OcrKeyer, TextLayerKeyer

        return {"textlayer": TextLayerKeyer, "ocr": OcrKeyer, "local": LocalKeyer}[name]()
    if name == "vllm":
        from inference.vllm_keyer import VllmKeyer

        return VllmKeyer.from_settings()
    if name == "simulated":  # only while `manage.py simulate` runs (simulation/run.py sets it)
        from simulation import machine

        if machine.CURRENT is not None:
            return machine.CURRENT
    raise ValueError(f"unknown keyer {name!r} (choose local, ocr, textlayer or vllm)")
