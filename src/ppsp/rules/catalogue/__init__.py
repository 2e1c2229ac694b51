"""The built-in rule catalogue, one module per family: :mod:`~ppsp.rules.catalogue.documents`
(DOC), :mod:`~ppsp.rules.catalogue.internalisation` (INT), :mod:`~ppsp.rules.catalogue.finance`
(FIN), :mod:`~ppsp.rules.catalogue.strategy` (STR), :mod:`~ppsp.rules.catalogue.milestones`
(MIL), and the legal references they cite (:mod:`~ppsp.rules.catalogue.legal`). Each family
module lists its rules in ``RULES``; :func:`ppsp.rules.registry.builtin_rules` gathers them."""
