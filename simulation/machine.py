"""The simulated machine keyer: a keyer behind inference/base.py, so the real Celery task records it.

Confidence model (docs/simulate.md): every document has a difficulty z ~ N(0, 1); each field a
latent quality u = ρ·z + √(1−ρ²)·e and the machine gets it wrong when u < q, q chosen so the
field accuracy is `accuracy`. ρ (`document_effect`) makes errors cluster in hard documents (poor
scans, unusual layouts), as a VLM's do. The keyer sees s = z + b·e + c·η: the document's
difficulty, a share b (`field_signal`) of what is particular to the field, and noise c·η; c is
solved so that the confidence separates right from wrong fields with the requested AUROC.
The reported confidence is P(right | s) (exactly calibrated), optionally bent by a temperature
(`calibration` > 1: over-confident, < 1: under-confident) as an uncalibrated keyer would be.
"""
from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass, field
from statistics import NormalDist

from dataentry.spec import DocumentTypeSpec
from inference.base import FailureKind, Keyer, KeyerFailure, KeyerInput, KeyerOutput
from simulation.errors import slip

_N = NormalDist()
_SQRT2 = math.sqrt(2.0)


def _phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / _SQRT2))


@dataclass(frozen=True)
class MachineModel:
    accuracy: float = 0.96
    auroc: float = 0.85
    document_effect: float = 0.6
    field_signal: float = 0.0
    calibration: float = 1.0
    seconds_per_document: float = 3.0
    failure_share: float = 0.0
    noise: float = field(default=-1.0)  # c; solved from auroc when negative

    def __post_init__(self):
        if not 0 < self.accuracy < 1:
            raise ValueError("machine accuracy is between 0 and 1 (exclusive)")
        if not 0.5 < self.auroc < 1:
            raise ValueError("the AUROC is between 0.5 and 1 (exclusive)")
        if not 0 <= self.document_effect < 1:
            raise ValueError("the document effect is in [0, 1)")
        if self.noise < 0:
            object.__setattr__(self, "noise", solve_noise(self))

    @property
    def q(self) -> float:
        return _N.inv_cdf(1 - self.accuracy)

    def _moments(self, noise: float) -> tuple[float, float]:
        """(cov(u, s), var(s))."""
        rho, b = self.document_effect, self.field_signal
        return rho + math.sqrt(1 - rho * rho) * b, 1 + b * b + noise * noise

    def confidence(self, s: float) -> float:
        kappa, var = self._moments(self.noise)
        mean, sd = kappa * s / var, math.sqrt(max(1e-12, 1 - kappa * kappa / var))
        p = 1 - _phi((self.q - mean) / sd)
        p = min(1 - 1e-9, max(1e-9, p))
        if self.calibration != 1.0:
            logit = math.log(p / (1 - p)) * self.calibration
            p = 1 / (1 + math.exp(-logit))
        return round(p, 6)


def model_auroc(model: MachineModel, noise: float, steps: int = 120) -> float:
    """P(confidence of a right field > that of a wrong one), by integrating over both latents."""
    kappa, var = model._moments(noise)
    if kappa <= 0:
        return 0.5
    resid = math.sqrt(max(1e-12, 2 * (var - kappa * kappa)))
    q = model.q

    def grid(lo: float, hi: float) -> list[tuple[float, float]]:
        h = (hi - lo) / steps
        pts = [(lo + (i + 0.5) * h, math.exp(-((lo + (i + 0.5) * h) ** 2) / 2) * h) for i in range(steps)]
        total = sum(w for _, w in pts)
        return [(u, w / total) for u, w in pts]

    right, wrong = grid(q, 7.0), grid(-7.0, q)
    return sum(w1 * w2 * _phi(kappa * (u1 - u2) / resid) for u1, w1 in right for u2, w2 in wrong)


def solve_noise(model: MachineModel) -> float:
    lo, hi = 0.0, 20.0
    if model_auroc(model, lo) < model.auroc:
        raise ValueError(f"an AUROC of {model.auroc} needs a larger field signal or document effect")
    for _ in range(40):
        mid = (lo + hi) / 2
        if model_auroc(model, mid) > model.auroc:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


@dataclass(frozen=True)
class MachinePlan:
    """What the machine will return for one document (decided before it is uploaded)."""
    records: list[dict[str, str]]
    confidence: list[dict[str, float]]
    wrong: int
    fails: bool = False


def plan_document(model: MachineModel, truth: list[dict[str, str]], spec: DocumentTypeSpec,
                  rng: random.Random) -> MachinePlan:
    rho, b, c = model.document_effect, model.field_signal, model.noise
    q = model.q
    fails = rng.random() < model.failure_share
    z = rng.gauss(0, 1)
    records, confidence, wrong = [], [], 0
    for record in truth:
        row, conf = {}, {}
        for f in spec.fields:
            e, eta = rng.gauss(0, 1), rng.gauss(0, 1)
            u = rho * z + math.sqrt(1 - rho * rho) * e
            value = record.get(f.key, "")
            if u < q:
                value = slip(value, f, rng)
                wrong += 1
            row[f.key] = value
            conf[f.key] = model.confidence(z + b * e + c * eta)
        records.append(row)
        confidence.append(conf)
    return MachinePlan(records=records, confidence=confidence, wrong=wrong, fails=fails)


# The plans of the running simulation, by the SHA-256 of the uploaded PDF: the keyer reads the
# file it is given, as a real keyer does, and never the database.
_PLANS: dict[str, MachinePlan] = {}


def register(sha256: str, plan: MachinePlan) -> None:
    _PLANS[sha256] = plan


def clear() -> None:
    _PLANS.clear()


class SimulatedKeyer(Keyer):
    name = "simulated"

    def __init__(self, model_label: str = "simulated", seconds: float = 3.0):
        self.model_label = model_label
        self.seconds = seconds

    def key(self, doc: KeyerInput) -> KeyerOutput:
        sha = hashlib.sha256(doc.pdf_path.read_bytes()).hexdigest()
        plan = _PLANS.get(sha)
        if plan is None:
            raise KeyerFailure(FailureKind.UNAVAILABLE, "the simulated keyer has no plan for this document")
        if plan.fails:
            raise KeyerFailure(FailureKind.UNAVAILABLE, "simulated machine failure")
        return KeyerOutput(records=[dict(r) for r in plan.records], keyer=self.name, model=self.model_label,
                           prompt_version="simulated", confidence=[dict(c) for c in plan.confidence],
                           latency_ms=int(self.seconds * 1000))


# The keyer the Celery task gets while a simulation runs (inference.keyers.get_keyer("simulated")).
CURRENT: SimulatedKeyer | None = None
