"""Where the consumer apps plug into the core.

`dataentry` owns the document's life (upload → keying → comparison → acceptance) and imports no
consumer app: not `review`, `reports`, `learning` or `api` (tests/test_architecture.py checks
it). A consumer that must take part registers a function here from its `AppConfig.ready()`;
the core calls whatever is registered, in the order of INSTALLED_APPS.

| hook                 | called by the core when …                               | registered by |
|----------------------|---------------------------------------------------------|---------------|
| `store_comparison`   | two keyings were compared (inside the document's lock)  | review        |
| `may_view_document`  | someone asks for a page image of a document             | review, learning |
| `home_figures`       | a user opens the home page                              | review        |
| `today_figures`      | a home page shows what the user did today               | review        |
| `held_claims`        | a manager opens the queues page                         | review        |
| `machine_entry_stored` | the machine's keying was stored (inside the document's lock) | singleentry |
| `keying_hold`        | the keying queue is built (documents to hold back for now) | singleentry |
| `document_withdrawn` | a manager withdraws a document (before it is locked)    | review        |
| `work_held_by`       | the managers' document list filters on a holder         | review        |
| `work_holders`       | the managers' document list shows who holds each document | review      |

Plain function calls rather than Django signals: the core needs answers back (the stored
comparison, "may this user see it"), and a missing receiver must fail loudly, not silently.
The API's callback on a new result stays a `post_save` signal (api/signals.py): it is an
integration boundary that must never make the acceptance fail.
"""
from __future__ import annotations

from typing import Any, Callable

from django.core.exceptions import ImproperlyConfigured


class Hook:
    def __init__(self, name: str, *, single: bool = False):
        self.name = name
        self.single = single
        self._receivers: list[Callable[..., Any]] = []

    def register(self, receiver: Callable[..., Any]) -> Callable[..., Any]:
        """Add `receiver` (once, however often `ready()` runs); usable as a decorator."""
        key = (receiver.__module__, receiver.__qualname__)
        if any((r.__module__, r.__qualname__) == key for r in self._receivers):
            return receiver
        if self.single and self._receivers:
            raise ImproperlyConfigured(f"hook {self.name} takes one receiver; {self._receivers[0]} is registered")
        self._receivers.append(receiver)
        return receiver

    def __iter__(self):
        return iter(list(self._receivers))

    def call(self, *args, **kwargs) -> Any:
        """The single receiver's answer; a hook the workflow cannot do without must be registered."""
        if not self._receivers:
            raise ImproperlyConfigured(f"nothing is registered for hook {self.name}: is its app installed?")
        return self._receivers[0](*args, **kwargs)

    def any(self, *args, **kwargs) -> bool:
        return any(receiver(*args, **kwargs) for receiver in self._receivers)

    def merged(self, *args, **kwargs) -> dict:
        out: dict = {}
        for receiver in self._receivers:
            out.update(receiver(*args, **kwargs))
        return out

    def collected(self, *args, **kwargs) -> list:
        return [receiver(*args, **kwargs) for receiver in self._receivers]


# (document, first_entry, second_entry, result: ComparisonResult) -> comparison id. Stores the
# comparison and, when the keyings differ, the review task. Runs inside the caller's transaction.
store_comparison = Hook("store_comparison", single=True)
# (user, document) -> bool: True when the consumer's own work lets `user` see the document.
may_view_document = Hook("may_view_document")
# (user) -> dict merged into the home page's context (queue sizes of the user's roles).
home_figures = Hook("home_figures")
# (user, since) -> dict merged into "today" on the home pages: counts and active minutes.
today_figures = Hook("today_figures")
# () -> {"caption", "holder_label", "empty", "rows": [{"document", "holder", "expires"}]} for the queues page.
held_claims = Hook("held_claims")
# (document=, entry=) -> bool: True when the consumer accepted the document on the machine's keying
# alone (single entry), so it is not compared; runs inside the caller's transaction.
machine_entry_stored = Hook("machine_entry_stored")
# (now) -> Q of documents operators must not claim yet (a fresh document waiting for the machine).
keying_hold = Hook("keying_hold")
# (document_id=, actor=, reason=) -> int: closes the consumer's open work on a document being
# withdrawn and says how much it closed; runs inside the caller's transaction, before the document is locked.
document_withdrawn = Hook("document_withdrawn")
# (user_id, now) -> Q of documents on which the user holds a live claim of the consumer's.
work_held_by = Hook("work_held_by")
# (document_ids, now) -> {document_id: username}: who holds the consumer's live claim on each document.
work_holders = Hook("work_holders")
