"""Evaluation: judge targets with actuals (监测评估), warnings, the SDG method, table audits.

Public entry points (imported from their modules, so ``planwatch.link.linker`` can use the
data classes without importing the engine):

- ``planwatch.evaluate.engine.evaluate_region(store, region, plan_doc=None, as_of=None,
  settings=None) -> Evaluation`` and ``evaluate_targets(targets, evidence, region, ...)``;
- ``planwatch.evaluate.serialize.evaluation_to_json(evaluation) -> dict``;
- ``planwatch.evaluate.audit.audit_document(path)`` / ``audit_tables(tables)`` and
  ``audit_to_json(rows)``;
- data classes in ``planwatch.evaluate.model``; status words in ``planwatch.evaluate.status``.
"""
