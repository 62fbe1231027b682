"""core.reclamation.run.acceptance_run on the demo data (seed 2021, scale 1): the same tables, counts, notes and
run id as the steps the reclamationacceptance algorithm ran itself before they moved into core."""

from __future__ import annotations

import datetime
import hashlib

import numpy as np
import pytest

from land_supervision.core.demo import generate_demo
from land_supervision.core.fieldmap import STANDARD_FIELDS
from land_supervision.core.reclamation.acceptance import Baseline, run_acceptance
from land_supervision.core.reclamation.area_chain import ChainTable, read_chain_table
from land_supervision.core.reclamation.codes import ACCEPTED, PENDING, REJECTED
from land_supervision.core.reclamation.inputs import CHAIN_KEYS, QUALITY_KEYS, Plots, Projects, Towns
from land_supervision.core.reclamation.output_tables import chain_table, plot_table, project_table, town_table
from land_supervision.core.reclamation.rules import load_rules
from land_supervision.core.reclamation.run import acceptance_run
from land_supervision.core.reclamation.summary import project_summaries, town_summaries

NOW = datetime.datetime(2026, 3, 1, 8, 0, 0, tzinfo=datetime.timezone.utc)


@pytest.fixture(scope="module")
def demo_inputs():
    """The demo layers as the algorithm hands them to core (standard field names)."""
    demo = generate_demo(2021, 1.0)
    fields = STANDARD_FIELDS
    pl, pr, ch = demo["demo_reclamation_plots"], demo["demo_reclamation_projects"], demo["demo_reclamation_chain"]
    plots = Plots.build(pl.columns["DKBH"], pl.columns["XMBH"], pl.columns["SBMJ"], pl.columns["MBDL"], pl.geometry,
                        {k: list(pl.columns[fields["plots"][k]]) for k in QUALITY_KEYS}, layer_name=pl.name,
                        grades=pl.columns["ZLDB"])
    projects = Projects.build(pr.columns["XMBH"], pr.columns["XMMC"], pr.columns["XZQMC"], pr.columns["XZGDMJ"],
                              pr.geometry, {k: pr.columns[fields["projects"][f"chain_{k}"]] for k in CHAIN_KEYS},
                              pr.columns["JXAZMJ"], pr.columns["YXDL"], pr.columns["YSND"], pr.name, pr.columns["ZBLX"])
    base = demo["demo_baseline_dltb"]
    baseline = Baseline(base.geometry, list(base.columns["DLBM"]), np.asarray(base.columns["KCXS"], dtype=float))
    towns = demo["demo_towns"]
    chain = ChainTable.build(ch.columns["XMBH"], ch.columns["HJ"],
                             {key: ch.columns[name] for key, name in fields["area_chain"].items()
                              if key not in ("project_id", "step")}, layer_name=ch.name)
    recorded, _ = read_chain_table(chain, projects.ids)
    prior = demo["demo_prior_plots"]
    return {"plots": plots, "projects": projects, "baseline": baseline, "rules": load_rules(),
            "dev_boundary": demo["demo_dev_boundary"].geometry,
            "eco_redline": demo["demo_reclamation_redline"].geometry,
            "prior_plots": prior.geometry, "prior_ids": list(prior.columns["DKBH"]),
            "towns": Towns(list(towns.columns["XZQMC"]), list(towns.columns["XZQDM"]), towns.geometry),
            "recorded_chain": recorded, "demo_codes": list(pl.columns["DEMO_YQ"])}


def steps_as_the_algorithm_ran_them(inputs: dict):
    """The old processAlgorithm after reading: checks, summaries, town rows, tables, run id (its own formula)."""
    towns = inputs["towns"]
    result = run_acceptance(inputs["plots"], inputs["projects"], inputs["baseline"], inputs["rules"],
                            inputs["dev_boundary"], inputs["eco_redline"], inputs["prior_plots"], inputs["prior_ids"],
                            towns)
    chain_warnings = []
    summaries = project_summaries(result, inputs["recorded_chain"], chain_warnings)
    if towns is not None:
        town_rows = town_summaries(result, summaries, towns.names, towns.codes)
    else:
        names_seen = sorted({s.town for s in summaries if s.town})
        town_rows = town_summaries(result, summaries, names_seen, [""] * len(names_seen))
    tables = {"plots": plot_table(result), "projects": project_table(result, summaries),
              "towns": town_table(town_rows, towns, result.crs), "chain": chain_table(summaries)}
    plots = tables["plots"].columns
    text = "\n".join(f"{a}|{b}|{c}|{d}" for a, b, c, d in zip(plots["DKBH"], plots["CLMJ_M2"], plots["YSJL"],
                                                             plots["YYDM"]))
    plots_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    digest = hashlib.sha256(f"{plots_hash}|{inputs['rules'].path}".encode()).hexdigest()[:12]
    return result, chain_warnings, tables, f"reclamationacceptance:20260301T080000Z:{digest}"


def run_core(inputs: dict):
    return acceptance_run(**{k: v for k, v in inputs.items() if k != "demo_codes"}, now=NOW)


@pytest.mark.parametrize("without", [(), ("towns", "recorded_chain", "prior_plots", "prior_ids")])
def test_same_outputs_as_the_algorithm_steps(demo_inputs, without):
    inputs = dict(demo_inputs, **{key: None for key in without})
    run = run_core(inputs)
    result, chain_warnings, tables, run_id = steps_as_the_algorithm_ran_them(inputs)
    for name, table in tables.items():
        assert getattr(run, name).content_hash() == table.content_hash(), name
    assert run.run_id == run_id
    assert run.result.verdicts == result.verdicts
    assert run.counts == {v: result.verdicts.count(v) for v in (ACCEPTED, REJECTED, PENDING)}
    assert sum(run.counts.values()) == len(inputs["plots"])
    assert [w.describe() for w in run.chain_warnings] == [w.describe() for w in chain_warnings]
    assert [w.describe() for w in run.result.warnings] == [w.describe() for w in result.warnings]


def test_every_deliberate_failure_of_the_demo_found(demo_inputs):
    run = run_core(demo_inputs)
    plots = run.plots.columns
    found = set()
    for i, code in enumerate(demo_inputs["demo_codes"]):
        if code and code != "R11?":
            assert code in plots["YYDM"][i] and plots["YSJL"][i] == REJECTED, (plots["DKBH"][i], code)
            found.add(code)
    assert found == {f"R{i:02d}" for i in range(1, 20)}  # the demo plants every failure
    assert len(run.plots) == len(demo_inputs["plots"])
    assert len(run.projects) == len(demo_inputs["projects"]) and len(run.towns) >= len(demo_inputs["towns"])


def test_run_id_names_the_time_the_plots_and_the_rule_table(demo_inputs, tmp_path):
    run = run_core(demo_inputs)
    prefix, stamp, digest = run.run_id.split(":")
    assert (prefix, stamp, len(digest)) == ("reclamationacceptance", "20260301T080000Z", 12)
    rules_file = tmp_path / "rules.csv"
    rules_file.write_text("rule,value\nmin_ph,5.5\n", encoding="utf-8")  # the default value: same verdicts
    other = run_core(dict(demo_inputs, rules=load_rules(rules_file)))
    assert other.plots.content_hash() == run.plots.content_hash()
    assert other.run_id.split(":")[2] != digest  # another rule table, another id
    later = acceptance_run(**{k: v for k, v in demo_inputs.items() if k != "demo_codes"},
                           now=NOW + datetime.timedelta(seconds=1))
    assert later.run_id == f"reclamationacceptance:20260301T080001Z:{digest}"
