"""`python manage.py simulate --documents N --seed S [--single-entry on|off] [--json OUT]`

Runs the simulator (simulation/, docs/simulate.md) on a fresh temporary SQLite database and
media folder, never on the configured database: a simulation must not pollute a real install.
`--keep-db PATH` keeps that database for inspection (with `DATABASE_URL=sqlite:///PATH`).
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import fields as dataclass_fields
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import connections
from django.test import override_settings

from simulation.machine import MachineModel
from simulation.people import TimeModel
from simulation.run import SimulationError, SimulationParams, run_simulation

MACHINE_OPTIONS = {"accuracy": "machine_accuracy", "auroc": "auroc", "document_effect": "document_effect",
                   "field_signal": "field_signal", "calibration": "calibration",
                   "seconds_per_document": "machine_seconds", "failure_share": "machine_failure"}


def _use_fresh_database(path: Path) -> None:
    """Point the default connection at a new SQLite file and create the schema there."""
    connections.close_all()
    config = connections.configure_settings({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path),
                                                         "OPTIONS": {"timeout": 20}}})["default"]
    connections.settings["default"] = config
    del connections["default"]
    call_command("migrate", verbosity=0, interactive=False)


class Command(BaseCommand):
    help = "Simulate documents with known truth through the real workflow; print the report figures and the true error rate."

    def add_arguments(self, parser):
        d, m, t = SimulationParams(), MachineModel, TimeModel()
        parser.add_argument("--documents", type=int, default=d.documents)
        parser.add_argument("--seed", type=int, default=d.seed)
        parser.add_argument("--single-entry", choices=("on", "off"), default="off")
        parser.add_argument("--json", dest="json_out", default=None, help="write the figures here ('-' = stdout)")
        parser.add_argument("--keep-db", default=None, help="keep the simulation's SQLite database at this new path")
        defaults = {f.name: f.default for f in dataclass_fields(m)}
        parser.add_argument("--machine-accuracy", type=float, default=defaults["accuracy"])
        parser.add_argument("--auroc", type=float, default=defaults["auroc"],
                            help="how well confidence separates right from wrong machine fields")
        parser.add_argument("--document-effect", type=float, default=defaults["document_effect"],
                            help="ρ: how much of a field's difficulty its document shares (errors cluster)")
        parser.add_argument("--field-signal", type=float, default=defaults["field_signal"],
                            help="b: how much of what is particular to a field the confidence sees")
        parser.add_argument("--calibration", type=float, default=defaults["calibration"],
                            help="confidence temperature: 1 calibrated, >1 over-confident, <1 under-confident")
        parser.add_argument("--machine-seconds", type=float, default=defaults["seconds_per_document"],
                            help="GPU seconds per document (machine cost)")
        parser.add_argument("--machine-failure", type=float, default=defaults["failure_share"],
                            help="share of documents the machine cannot key (they go to two operators)")
        parser.add_argument("--operator-error", type=float, default=d.operator_error)
        parser.add_argument("--reviewer-accuracy", type=float, default=d.reviewer_accuracy)
        parser.add_argument("--operators", type=int, default=d.operators)
        parser.add_argument("--reviewers", type=int, default=d.reviewers)
        parser.add_argument("--per-day", type=int, default=d.documents_per_day,
                            help="documents uploaded per simulated day (the threshold is chosen again after each)")
        parser.add_argument("--target", type=float, default=d.target_error, help="single-entry target error per field")
        parser.add_argument("--audit-share", type=float, default=d.audit_share)
        for name in ("seconds_per_char", "seconds_per_field", "seconds_per_document", "review_seconds_per_conflict",
                     "review_seconds_per_document", "speed_spread"):
            parser.add_argument(f"--{name.replace('_', '-')}", dest=f"time_{name}", type=float, default=getattr(t, name))

    @no_translations  # its JSON report is English, like the `report` command's
    def handle(self, *args, **o):
        if o["documents"] < 1:
            raise CommandError("--documents must be at least 1")
        try:
            machine = MachineModel(**{k: o[v] for k, v in MACHINE_OPTIONS.items()})
            params = SimulationParams(
                documents=o["documents"], seed=o["seed"], single_entry=o["single_entry"] == "on", machine=machine,
                time=TimeModel(**{k[5:]: v for k, v in o.items() if k.startswith("time_")}),
                operator_error=o["operator_error"], reviewer_accuracy=o["reviewer_accuracy"], operators=o["operators"],
                reviewers=o["reviewers"], documents_per_day=o["per_day"], target_error=o["target"],
                audit_share=o["audit_share"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if params.operators < 2 or params.reviewers < 1:
            raise CommandError("at least two operators (a failed machine keying needs a second) and one reviewer")
        keep = Path(o["keep_db"]) if o["keep_db"] else None
        if keep is not None and keep.exists():
            raise CommandError(f"{keep} exists: --keep-db needs a new path")
        tmp = Path(tempfile.mkdtemp(prefix="twomatch-simulate-"))
        began = time.monotonic()
        try:
            _use_fresh_database(keep or tmp / "simulation.sqlite3")
            with override_settings(MEDIA_ROOT=tmp / "media"):
                figures = run_simulation(params)
        except SimulationError as exc:
            raise CommandError(str(exc)) from None
        finally:
            connections.close_all()
            shutil.rmtree(tmp, ignore_errors=True)
        figures["run_seconds"] = round(time.monotonic() - began, 1)
        data = json.dumps(figures, ensure_ascii=False, indent=2)
        if o["json_out"] == "-":
            self.stdout.write(data)
            return
        self.stdout.write(summary(figures))
        if o["json_out"]:
            Path(o["json_out"]).write_text(data + "\n", encoding="utf-8")
            self.stdout.write(f"JSON written to {o['json_out']}")


def _pct(value, digits: int = 1) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f} %"


def summary(f: dict) -> str:
    p = f["parameters"]
    lines = ["Parameters:"]
    for key, value in p.items():
        if isinstance(value, dict):
            lines.append(f"  {key}: " + ", ".join(f"{k}={v}" for k, v in value.items()))
        else:
            lines.append(f"  {key}: {value}")
    lines += [
        f"  expected two-human review (baseline): {f['baseline_review_seconds_used']} s per document",
        f"Realised machine: accuracy {_pct(f['realised_machine']['accuracy'], 2)}, AUROC {f['realised_machine']['auroc']}, "
        f"{f['realised_machine']['fields']} fields",
        f"Documents {f['documents']}: " + ", ".join(f"{k} {v}" for k, v in f["paths"].items()),
        f"Hours: keying {f['hours_keying']:.2f}, review {f['hours_review']:.2f}, saved {f['hours_saved']:.2f} "
        f"of a two-human {f['hours_baseline']:.2f} → reduction {_pct(f['reduction'])} "
        f"(without single entry {_pct(f['reduction_without_single_entry'])})",
        f"Single entry: {f['single_entry_documents']} machine-only ({_pct(f['single_entry_share'])}), "
        f"{f['single_entry_audits']} audit(s) of {f['single_entry_audit_fields']} fields: machine error "
        f"{_pct(f['single_entry_error_rate'], 3)}, 95 % interval ≤ {_pct(f['single_entry_error_ci_high'], 3)}",
        f"True error rate {_pct(f['true_error_rate'], 3)} ({f['true_errors']} of {f['accepted_fields']} accepted fields); "
        f"machine-only {_pct(f['true_error_rate_machine_only'], 3)}",
        "Calibration (ECE): " + (", ".join(f"{c['keyer']} {c['ece']} (n={c['fields']})" for c in f["calibration"]) or "—"),
        "Threshold by day: " + ", ".join(
            f"{t['day']}: {'—' if t['threshold'] is None else round(t['threshold'], 4)}" for t in f["threshold_by_day"]),
        f"Run time {f.get('run_seconds', '?')} s",
    ]
    return "\n".join(lines)
