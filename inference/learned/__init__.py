"""A learned tagger over the local pipeline's words (experiment for issue 10, docs/keyer.md,
"Learned tagger (experiment)"): tokens labelled with field roles by a small model trained on the
generated sets, then a generic assembler. Not a production keyer."""
