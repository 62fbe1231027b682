"""Reclamation acceptance (建设用地复垦验收): plot checks, project and town summaries, field sample, credits.

Pure domain code (numpy, shapely 2): every check is a small named rule in ``checks_*`` with its reason code
and bilingual message (``codes``); ``acceptance.run_acceptance`` runs them all.
"""
