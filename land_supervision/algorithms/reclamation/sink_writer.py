"""Writing large FeatureTables to a Processing sink in batches (the same features as ``layer_io.write_to_sink``).

Features go to the sink in batches of ``addFeatures``: for 100,000 checked plots this saves seconds over
feature-by-feature.
"""

from __future__ import annotations

from ...core.tables import FeatureTable
from ...qgis_compat import FeatureSinkFlag
from ..layer_io import features_of, qgs_fields


def write_table(sink, table: FeatureTable, feedback=None, batch: int = 5000) -> int:
    """Add every row of ``table`` to ``sink``; returns the count written (stops early when canceled)."""
    count, pending = 0, []
    for feature in features_of(table, qgs_fields(table)):
        pending.append(feature)
        if len(pending) >= batch:
            if feedback is not None and feedback.isCanceled():
                return count
            sink.addFeatures(pending, FeatureSinkFlag.FastInsert)
            count += len(pending)
            pending = []
    if pending:
        sink.addFeatures(pending, FeatureSinkFlag.FastInsert)
        count += len(pending)
    return count
