"""Research exports of the store: the panel (one row per region, indicator, year, source and
target) and its coverage manifest, as CSV, Parquet or Stata .dta.

- ``planwatch.export.panel.build_panel(store, as_of=None) -> list[PanelRow]``;
- ``planwatch.export.coverage.build_coverage(store, panel) -> list[CoverageRow]``;
- ``planwatch.export.writers.write_export(panel, coverage, fmt, out) -> (panel_path, coverage_path)``.
"""
