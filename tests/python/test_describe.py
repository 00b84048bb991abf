"""reesim.describe: the catalogue `reesim describe --format json` prints, as a dict."""

import pytest

import reesim


def test_describe_lists_every_section():
    catalogue = reesim.describe()
    assert list(catalogue) == ["agent_types", "policy_types", "model_params", "metric_kinds",
                               "scalar_kinds", "levers"]
    agents = {t["name"] for t in catalogue["agent_types"]}
    assert {"miner", "separator", "magnet_maker", "magnet_buyer"} <= agents
    policies = {t["name"] for t in catalogue["policy_types"]}
    assert {"export_licensing", "tariff", "export_ban"} <= policies
    assert "SCALAR_PEAK" in {k["name"] for k in catalogue["scalar_kinds"]}
    assert {"policy_type": "tariff", "param": "rate"}.items() <= next(
        lever for lever in catalogue["levers"] if lever["param"] == "rate"
        and lever["policy_type"] == "tariff").items()


def test_describe_one_name_gives_its_parameters():
    entry = reesim.describe("export_licensing")
    assert entry["agent_types"] == []
    (policy,) = entry["policy_types"]
    params = {p["name"]: p for p in policy["params"]}
    approval = params["approval_probability"]
    assert list(approval) == ["name", "unit", "default", "min", "max", "source", "doc"]
    assert 0 <= approval["min"] <= approval["default"] <= approval["max"] <= 1


def test_describe_refuses_an_unknown_name_with_the_nearest():
    with pytest.raises(reesim.InputError, match="'export_licencing' is not in the catalogue.*"
                                                "export_licensing"):
        reesim.describe("export_licencing")
