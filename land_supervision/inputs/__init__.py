"""One input reader for every tool: layers are checked before they are read and never misread.

- ``plausible``: coordinates against the layer's CRS, on its extent (zone prefix, degrees vs metres); pure.
- ``numbers``: numbers stored as text (``"16,11"``) converted where unambiguous, else refused; pure.
- ``dbf_encoding``: a shapefile's text encoding (.cpg, language byte, else a guess); pure.
- ``checks``: the QGIS side of the above (CRS present, extent plausible, required layer not empty).
- ``encodings``: parameters whose GBK shapefile has no .cpg opened as GBK (every algorithm, see base.py).
- ``reader``: ``read_source`` (QGIS iterator), ``fast_ogr`` (GDAL Arrow bulk read of a GeoPackage).

The pure modules import no QGIS, so ``core`` tests may use them.
"""
