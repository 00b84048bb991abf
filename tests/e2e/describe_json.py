"""`reesim describe --format json` is JSON of the documented shape, documents every entry, and
its every name is in the text index and described by `reesim describe NAME`.

    describe_json.py REESIM
"""
import json
import subprocess
import sys

reesim = sys.argv[1]


def describe(*args):
    return subprocess.run([reesim, "describe", *args], check=True, capture_output=True,
                          text=True).stdout


catalogue = json.loads(describe("--format", "json"))
assert list(catalogue) == ["agent_types", "policy_types", "model_params", "metric_kinds",
                           "scalar_kinds", "levers"], list(catalogue)
PARAM_KEYS = ["name", "unit", "default", "min", "max", "source", "doc"]


def check_param(owner, param):
    assert list(param) == PARAM_KEYS, (owner, list(param))
    for key in ("default", "min", "max"):
        value = param[key]
        assert isinstance(value, (int, float)) or value in ("inf", "-inf"), (owner, param)
    assert param["doc"] and param["unit"] and param["source"], (owner, param)


names = []
for section in ("agent_types", "policy_types"):
    assert catalogue[section], section
    for entry in catalogue[section]:
        assert list(entry) == ["name", "doc", "params"], entry
        assert entry["doc"], entry["name"]
        for param in entry["params"]:
            check_param(entry["name"], param)
        names.append(entry["name"])
assert catalogue["model_params"]
for param in catalogue["model_params"]:
    check_param("model", param)
    names.append(param["name"])
for section in ("metric_kinds", "scalar_kinds"):
    assert catalogue[section], section
    for entry in catalogue[section]:
        assert list(entry) == ["name", "doc"], entry
        assert entry["doc"], f"{entry['name']} has no doc line in app/describe_command.cpp"
        names.append(entry["name"])

# The levers: each policy type's on/off switch (bounds 0 and 1), then each of its parameters with
# the parameter's unit and range, nothing else.
LEVER_KEYS = ["policy_type", "param", "unit", "min", "max", "doc"]
expected = []
for policy in catalogue["policy_types"]:
    expected.append((policy["name"], "", "on/off", 0, 1))
    for param in policy["params"]:
        expected.append((policy["name"], param["name"], param["unit"], param["min"], param["max"]))
for lever in catalogue["levers"]:
    assert list(lever) == LEVER_KEYS, lever
    assert lever["doc"], lever
got = [(lever["policy_type"], lever["param"], lever["unit"], lever["min"], lever["max"])
       for lever in catalogue["levers"]]
assert got == expected, (got, expected)
levers = json.loads(describe("levers", "--format", "json"))
assert levers["levers"] == catalogue["levers"] and not levers["policy_types"], levers
tariff = json.loads(describe("tariff", "--format", "json"))
assert [lever["param"] for lever in tariff["levers"]] == ["", "rate"], tariff["levers"]

index = describe()
for name in names:
    assert f" {name}," in index or f" {name}\n" in index, f"{name} is not in the index"
    assert name in describe(name), f"reesim describe {name} does not name it"
    one = json.loads(describe(name, "--format", "json"))
    assert sum(len(v) for v in one.values()) >= 1, name
print(f"ok: {len(names)} names")
