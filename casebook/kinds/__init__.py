"""The kinds of content the course's files hold: case vignettes, knowledge checks, rewriting
exercises. Each kind is one package here (vignette/, quiz/, reframe/) and says what it is in its
KIND (see registry.py); everything that handles content in general (the checker, the coverage
table, the notebooks) finds the kinds through casebook.kinds.registry."""
