"""The local keyer: one layout-agnostic pipeline over words with positions.

``textlayer`` turns a PDF's text layer into `PageLayout`s (OCR produces the same objects);
``pipeline.key_pages`` keys any list of `PageLayout`s. The modules split the work by
concern: ``geometry`` (lines, cells, columns, tables), ``names`` (the morphological
analyser, persons and readings), ``posts`` (post phrases and their roles), ``scope``
(the date and the company that apply where a person is printed), ``rows`` (persons in
table rows), ``prose`` (sentences, arrows, appointment orders) and ``assembly`` (records
and confidences).
"""
