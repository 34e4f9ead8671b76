"""The OpenAPI 3.1 description of the intake API, served as JSON at /api/v1/schema.

Kept as a Python dict next to the views so that enums (statuses, provenance, paths) come
from the models and cannot drift; tests/test_api_schema.py checks the live API against it.
"""
from __future__ import annotations

from dataentry.models import Document, Result

API_VERSION = "1.0.0"


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


DATE_TIME = {"type": "string", "format": "date-time"}

SCHEMAS: dict = {
    "Error": {
        "type": "object",
        "required": ["error", "detail"],
        "properties": {
            "error": {"type": "string", "description": "Stable code, e.g. invalid_pdf, duplicate, not_found."},
            "detail": {"type": "string", "description": "Readable message; for invalid_pdf the reason the PDF was refused."},
            "id": {"type": "integer", "description": "duplicate only: the id of your existing document."},
            "retry_after": {"type": "integer", "description": "429 only: seconds to wait (as Retry-After)."},
        },
    },
    "Status": {
        "type": "string",
        "enum": list(Document.Status.values),
        "description": "received → keying → in_review (only when the two keyings differ) → accepted; "
                       "failed when the PDF could not be rendered.",
    },
    "Field": {
        "type": "object",
        "required": ["value", "provenance"],
        "properties": {
            "value": {"type": "string", "description": "The accepted value, in the field's canonical form."},
            "provenance": {
                "type": "string",
                "enum": list(Result.Provenance.values) + [""],
                "description": "agreed: both keyings agreed; first / second: the reviewer chose the first "
                               "(machine, or operator 1) or second keying's value; reviewer: typed by the reviewer.",
            },
        },
    },
    "Result": {
        "type": "object",
        "description": "Same shape as one element of the managers' JSON export.",
        "required": ["document_id", "filename", "document_type", "path", "accepted_at", "records"],
        "properties": {
            "document_id": {"type": "integer"},
            "filename": {"type": "string"},
            "document_type": {"type": "string"},
            "path": {"type": "string", "enum": list(Result.Path.values)},
            "accepted_at": DATE_TIME,
            "records": {
                "type": "array",
                "description": "One object per record (e.g. per person), field key → value and provenance.",
                "items": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Field"}},
            },
        },
    },
    "DocumentCreated": {
        "type": "object",
        "required": ["id", "status", "document_type", "external_ref"],
        "properties": {
            "id": {"type": "integer"},
            "status": {"$ref": "#/components/schemas/Status"},
            "document_type": {"type": "string"},
            "external_ref": {"type": "string"},
        },
    },
    "DocumentSummary": {
        "type": "object",
        "required": ["id", "status", "document_type", "external_ref", "created_at", "accepted_at"],
        "properties": {
            "id": {"type": "integer"},
            "status": {"$ref": "#/components/schemas/Status"},
            "document_type": {"type": "string"},
            "external_ref": {"type": "string"},
            "created_at": DATE_TIME,
            "accepted_at": _nullable(DATE_TIME),
        },
    },
    "Document": {
        "type": "object",
        "required": ["id", "status", "document_type", "external_ref", "filename", "page_count", "created_at",
                     "accepted_at", "error", "result"],
        "properties": {
            "id": {"type": "integer"},
            "status": {"$ref": "#/components/schemas/Status"},
            "document_type": {"type": "string"},
            "external_ref": {"type": "string"},
            "filename": {"type": "string"},
            "page_count": {"type": "integer", "minimum": 0},
            "created_at": DATE_TIME,
            "accepted_at": _nullable(DATE_TIME),
            "error": _nullable({"type": "string", "description": "Why a failed document could not be processed."}),
            "result": _nullable({"$ref": "#/components/schemas/Result"}),
        },
    },
    "DocumentList": {
        "type": "object",
        "required": ["count", "page", "page_size", "next", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1},
            "next": _nullable({"type": "string", "description": "URL of the next page, null on the last."}),
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/DocumentSummary"}},
        },
    },
    "CallbackBody": {
        "type": "object",
        "description": "POSTed to callback_url when the document is accepted. Header X-TwoMatch-Signature: "
                       "sha256=<hex HMAC-SHA256 of the raw body with your callback secret>.",
        "required": ["event", "delivery_id", "sent_at", "document"],
        "properties": {
            "event": {"type": "string", "enum": ["document.accepted"]},
            "delivery_id": {"type": "integer"},
            "sent_at": DATE_TIME,
            "document": {"$ref": "#/components/schemas/Document"},
        },
    },
}

UNAUTHORIZED = _error("Missing, unknown or inactive token.")
TOO_MANY = {**_error("rate_limited: too many requests this minute; quota_exceeded (upload only): the client's "
                     "documents for today are used up. Retry-After says when to try again."),
            "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}}

SPEC: dict = {
    "openapi": "3.1.0",
    "info": {
        "title": "TwoMatch intake API",
        "version": API_VERSION,
        "description": "Send PDFs for double-entry keying and collect the accepted records. "
                       "Every call except /schema needs `Authorization: Bearer <token>` (one token per "
                       "integrating system, issued in the admin). A client sees only its own documents.",
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearerAuth": []}],
    "paths": {
        "/documents": {
            "post": {
                "operationId": "createDocument",
                "summary": "Submit a PDF for keying",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary", "description": "The document: PDF, PNG, JPEG or TIFF (multi-page, LZW, CCITT G4); the content decides the type."},
                                    "document_type": {"type": "string", "description": "Document type slug; "
                                                      "default: the client's default, else personnel_change."},
                                    "external_ref": {"type": "string", "maxLength": 200,
                                                     "description": "Your reference, returned with the document."},
                                    "callback_url": {"type": "string", "format": "uri", "maxLength": 2000,
                                                     "description": "https URL POSTed to when the document is accepted; its host must resolve to public addresses only (and be on the client's callback host list, if it has one)."},
                                },
                            },
                            "encoding": {"file": {"contentType": "application/pdf, image/png, image/jpeg, image/tiff"}},
                        }
                    },
                },
                "responses": {
                    "201": {
                        "description": "Stored; keying has started.",
                        "headers": {"Location": {"schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DocumentCreated"}}},
                    },
                    "400": _error("Not an acceptable PDF or image (detail says why), or an invalid field."),
                    "401": UNAUTHORIZED,
                    "429": TOO_MANY,
                    "409": _error("You already submitted the same file (same SHA-256); id is your existing document."),
                    "413": _error("The file is larger than the upload limit."),
                },
            },
            "get": {
                "operationId": "listDocuments",
                "summary": "List your documents (for polling)",
                "parameters": [
                    {"name": "status", "in": "query", "required": False,
                     "schema": {"$ref": "#/components/schemas/Status"}},
                    {"name": "since", "in": "query", "required": False, "schema": {"type": "string"},
                     "description": "ISO 8601 date or date-time; compared with accepted_at when status=accepted, "
                                    "else with created_at. Naive times are in the server's TIME_ZONE."},
                    {"name": "page", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1, "default": 1}},
                    {"name": "page_size", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
                ],
                "responses": {
                    "200": {"description": "Oldest first.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DocumentList"}}}},
                    "400": _error("Invalid status, since, page or page_size."),
                    "401": UNAUTHORIZED,
                    "429": TOO_MANY,
                },
            },
        },
        "/documents/{id}": {
            "get": {
                "operationId": "getDocument",
                "summary": "Status, and the accepted records with provenance",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "integer", "minimum": 1}}],
                "responses": {
                    "200": {"description": "The document; result is null until it is accepted.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Document"}}}},
                    "401": UNAUTHORIZED,
                    "429": TOO_MANY,
                    "404": _error("No such document for this client."),
                },
            },
        },
        "/schema": {
            "get": {
                "operationId": "getSchema",
                "summary": "This description",
                "security": [],
                "responses": {"200": {"description": "OpenAPI document",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}},
            },
        },
    },
    "components": {
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        "schemas": SCHEMAS,
    },
}
