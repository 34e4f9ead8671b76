"""The live API against its own OpenAPI description (/api/v1/schema).

Schemathesis generates requests for every documented operation (valid and invalid ones)
against a live test server and checks status codes, content types, headers and response
bodies against the description. A second test walks every documented path with real data
(an accepted document, an upload, a duplicate, a bad PDF, no token) and validates each
response body against the documented schema with jsonschema, so the success shapes are
checked even where random generation would only ever reach an error.
"""
from __future__ import annotations

import httpx
import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, given, settings

import schemathesis
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.conftest import make_user
from tests.test_api import accept_by_agreement, new_client, tiny_pdf

pytestmark = pytest.mark.django_db(transaction=True)

MAX_EXAMPLES = 20  # per operation and mode; a 2-core CI machine runs this


@pytest.fixture
def api_data(live_server, generated_samples):
    """A client with one accepted document and one still in keying, on the live server."""
    api_client, token = new_client("schema-check")
    api_client.rate_limit_per_minute = 1_000_000  # schemathesis sends hundreds of requests a minute
    # Generated callback URLs name random hosts: the allow-list refuses them before any DNS lookup.
    api_client.callback_hosts = "hooks.twomatch.test"
    api_client.save()
    base = f"{live_server.url}/api/v1"
    headers = {"Authorization": f"Bearer {token}"}
    ids = []
    for pdf in generated_samples[:2]:
        response = httpx.post(f"{base}/documents", headers=headers,
                              files={"file": (pdf.name, pdf.read_bytes(), "application/pdf")},
                              data={"external_ref": pdf.stem})
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    accept_by_agreement(ids[0], make_user("schema-operator", "operator"))
    return {"base": base, "token": token, "accepted": ids[0], "keying": ids[1]}


# Valid by the schema but refused on purpose, so "schema-valid data is accepted" cannot hold for
# these two: OpenAPI cannot say "the bytes must be a PDF" (POST), and `since` is any ISO 8601
# text, which no pattern describes exactly (2025-02-30 matches any simple one). Every other
# check (status codes, content types, headers, bodies, rejection of invalid data, auth) runs.
SEMANTIC_VALIDATION = {("POST", "/documents"), ("GET", "/documents")}


def _check_operation(operation, strategy, token: str, base_url: str) -> None:
    key = (operation.method.upper(), operation.path)
    excluded = [positive_data_acceptance] if key in SEMANTIC_VALIDATION else []

    @given(case=strategy)
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    def check(case):
        header_part = (case.meta.components if case.meta else {}).get(ParameterLocation.HEADER)
        if token and (header_part is None or header_part.mode.is_positive):
            # A schema-valid case carries a random bearer token: use the real one. A case whose
            # headers are deliberately invalid is sent as generated (and must get 401).
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        case.call_and_validate(base_url=base_url, excluded_checks=excluded)

    check()


def test_every_documented_operation_conforms_to_the_schema(api_data):
    """Schemathesis, driven through Hypothesis directly: its pytest plugin's lazy fixture loader
    does not work with pytest 9 (it sets Node._nodeid), and the schema must come from the live
    server, so each operation's case strategy is run here, valid and invalid data alike."""
    schema = schemathesis.openapi.from_url(f"{api_data['base']}/schema")
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()
        token = "" if operation.path == "/schema" else api_data["token"]
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _check_operation(operation, operation.as_strategy(generation_mode=mode), token, api_data["base"])
        if operation.path == "/documents/{id}":  # random ids only ever find 404: use real ones too
            for doc_id in (api_data["accepted"], api_data["keying"]):
                strategy = operation.as_strategy(path_parameters={"id": doc_id})
                _check_operation(operation, strategy, token, api_data["base"])
        checked.append(f"{operation.method.upper()} {operation.path}")
    # Loaded from its URL, schemathesis leaves out the schema's own operation; the walk below calls it.
    assert sorted(checked) == ["GET /documents", "GET /documents/{id}", "POST /documents"]


# --- the same description, walked by hand with real data ---------------------------------------

def _response_schema(spec: dict, path: str, method: str, status: int) -> dict:
    responses = spec["paths"][path][method]["responses"]
    assert str(status) in responses, f"{method.upper()} {path} answered {status}, which is not documented"
    body = responses[str(status)]["content"]["application/json"]["schema"]
    # Resolve #/components/... references against the whole document.
    return {**body, "components": spec["components"]}


def test_real_responses_match_the_documented_schemas(api_data):
    spec = httpx.get(f"{api_data['base']}/schema").json()
    assert spec["openapi"].startswith("3.")
    headers = {"Authorization": f"Bearer {api_data['token']}"}
    base = api_data["base"]
    pdf = tiny_pdf("schema walk")
    calls = [
        ("/documents", "get", httpx.get(f"{base}/documents", headers=headers)),
        ("/documents", "get", httpx.get(f"{base}/documents", headers=headers,
                                        params={"status": "accepted", "since": "2000-01-01"})),
        ("/documents", "get", httpx.get(f"{base}/documents", headers=headers, params={"page_size": "0"})),
        ("/documents", "get", httpx.get(f"{base}/documents")),
        ("/documents/{id}", "get", httpx.get(f"{base}/documents/{api_data['accepted']}", headers=headers)),
        ("/documents/{id}", "get", httpx.get(f"{base}/documents/{api_data['keying']}", headers=headers)),
        ("/documents/{id}", "get", httpx.get(f"{base}/documents/999999", headers=headers)),
        ("/documents", "post", httpx.post(f"{base}/documents", headers=headers,
                                          files={"file": ("a.pdf", pdf, "application/pdf")})),
        ("/documents", "post", httpx.post(f"{base}/documents", headers=headers,
                                          files={"file": ("a.pdf", pdf, "application/pdf")})),
        ("/documents", "post", httpx.post(f"{base}/documents", headers=headers,
                                          files={"file": ("x.pdf", b"nope", "application/pdf")})),
        ("/schema", "get", httpx.get(f"{base}/schema")),
    ]
    seen = set()
    for path, method, response in calls:
        assert response.headers["content-type"].startswith("application/json"), (path, response.status_code)
        jsonschema.validate(response.json(), _response_schema(spec, path, method, response.status_code),
                            cls=jsonschema.Draft202012Validator)
        seen.add((path, method, response.status_code))
    assert {("/documents", "post", 201), ("/documents", "post", 409), ("/documents", "post", 400),
            ("/documents/{id}", "get", 200), ("/documents/{id}", "get", 404), ("/documents", "get", 401)} <= seen
    accepted = httpx.get(f"{base}/documents/{api_data['accepted']}", headers=headers).json()
    assert accepted["result"]["records"], "the walk validated a real accepted result, not an empty one"
    documented = {(p, m) for p, item in spec["paths"].items() for m in item}
    assert documented == {(p, m) for p, m, _ in seen}, "every documented operation was called"
