"""The rules keyer's outputs at an older commit, for `manage.py loso_keyer --blind-rules`.

The rules keyer of today has been developed on every generated set, so its figures there are not
blind. The keyer at a commit before a set was looked at is: extract that commit's tree and run this
script with it first on the path, e.g. (8efbcc9: the start of the set-9 round, blind to sets 10-12
and measured once on set 9):

    mkdir -p /tmp/rules9 && git archive 8efbcc9 | tar -x -C /tmp/rules9
    cp scripts/dump_rules_outputs.py /tmp/rules9/ && cd /tmp/rules9 && mkdir -p var
    $REPO/.venv/bin/python dump_rules_outputs.py $REPO/var/rules-at-8efbcc9 $REPO/var/heldout9 … $REPO/var/heldout12

Writes OUT/SET.json: stem → {"records", "confidence"}, or null when the keyer found nobody.
"""
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.getcwd())  # the old tree, not the checkout this script came from
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from dataentry.doctypes import PERSONNEL_CHANGE as SPEC  # noqa: E402
from inference.base import KeyerFailure, KeyerInput  # noqa: E402
from inference.evaluation import load_dataset  # noqa: E402
from inference.local.keyer import LocalKeyer  # noqa: E402

keyer = LocalKeyer()
out_dir = Path(sys.argv[1])
out_dir.mkdir(parents=True, exist_ok=True)
for d in sys.argv[2:]:
    out = {}
    samples, _ = load_dataset(Path(d), SPEC)
    for s in samples:
        try:
            o = keyer.key(KeyerInput(pdf_path=s.pdf_path, spec=SPEC))
            out[s.stem] = {"records": o.records, "confidence": o.confidence}
        except KeyerFailure:
            out[s.stem] = None
    (out_dir / (Path(d).name + ".json")).write_text(json.dumps(out, ensure_ascii=False))
    print(d, len(out), flush=True)
