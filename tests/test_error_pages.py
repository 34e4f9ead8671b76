"""The app's own 403 and 404 pages (issue 14): inside the layout, saying what the person can do instead."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def client_for(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def test_a_forbidden_page_says_what_an_operator_can_do_instead(people):
    response = client_for(people["operator1"]).get(reverse("documents"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "You cannot open this page" in page
    assert 'class="topbar"' in page                     # inside the layout, with the menu
    assert f'href="{reverse("keying_home")}">Key the next document' in page
    assert "Find a document" not in page                # not offered what they cannot do either


def test_a_missing_document_says_where_a_manager_finds_documents(people):
    response = client_for(people["manager1"]).get(reverse("document_detail", args=[999999]))
    page = response.content.decode()
    assert response.status_code == 404
    assert "This page does not exist" in page and 'class="topbar"' in page
    assert f'href="{reverse("documents")}">Find a document in the documents list' in page


def test_a_user_without_a_role_is_told_to_ask_an_administrator(db):
    from tests.conftest import make_user

    response = client_for(make_user("nobody")).get(reverse("review_home"))
    assert response.status_code == 403
    assert "ask an administrator" in response.content.decode()


def test_the_error_pages_are_japanese_on_a_japanese_screen(people):
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    client.force_login(people["reviewer1"])
    page = client.get("/no-such-page/").content.decode()
    assert "このページはありません" in page and "次の差異を解決する" in page
