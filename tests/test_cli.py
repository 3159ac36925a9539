"""The neuron-demo command line: formats agree with the library; bad input is one line."""

import csv
import io
import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neuron_demo import train
from neuron_demo.cli import main

FAR = ["train", "--cost", "quadratic", "--w", "2", "--b", "2", "--eta", "0.15", "--epochs", "300"]


def run_cli(capsys, argv):
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's own errors
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def test_json_matches_the_library_to_the_last_digit(capsys):
    status, out, err = run_cli(capsys, [*FAR, "--format", "json"])
    assert status == 0
    assert err == ""
    data = json.loads(out)
    assert list(data) == ["cost_function", "eta", "epochs", "x", "y", "w", "b", "output", "cost"]
    assert (data["cost_function"], data["eta"], data["epochs"]) == ("quadratic", 0.15, 300)
    assert (data["x"], data["y"]) == (1.0, 0.0)
    run = train("quadratic", 2.0, 2.0, eta=0.15, num_epochs=300)
    for key, expected in [("w", run.w), ("b", run.b), ("output", run.output), ("cost", run.cost)]:
        assert len(data[key]) == 301
        np.testing.assert_array_equal(data[key], expected)  # repr round-trips exactly


def test_csv_has_one_row_per_epoch(capsys):
    status, out, _ = run_cli(
        capsys,
        [
            "train",
            "--cost",
            "cross-entropy",
            "--w",
            "0.6",
            "--b",
            "0.9",
            "--eta",
            "0.15",
            "--epochs",
            "12",
            "--y",
            "0.25",
            "--x",
            "0.5",
            "--format",
            "csv",
        ],
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [int(r["epoch"]) for r in rows] == list(range(13))
    run = train("cross-entropy", 0.6, 0.9, eta=0.15, num_epochs=12, x=0.5, y=0.25)
    np.testing.assert_array_equal([float(r["output"]) for r in rows], run.output)
    np.testing.assert_array_equal([float(r["dC_dw"]) for r in rows], run.dC_dw)


def test_table_is_a_readable_summary(capsys):
    status, out, _ = run_cli(capsys, FAR)
    lines = out.splitlines()
    assert status == 0
    assert lines[0] == "quadratic cost, eta = 0.15, 300 epochs"
    epochs = [int(line.split()[0]) for line in lines[2:]]
    assert epochs == list(range(0, 301, 30))
    assert lines[2].split()[3] == "0.9820"  # σ(4) = 0.98201…
    status, out, _ = run_cli(capsys, [*FAR, "--every", "100"])
    assert [int(line.split()[0]) for line in out.splitlines()[2:]] == [0, 100, 200, 300]


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--eta", "0", "--eta must be a finite number > 0, got 0.0"),
        ("--eta", "nan", "--eta must be a finite number > 0, got nan"),
        ("--w", "inf", "--w must be finite, got inf"),
        ("--y", "2", "--y must lie in [0, 1], got 2.0"),
        ("--epochs", "-5", "--epochs must be an integer >= 0, got -5"),
        ("--epochs", "1.5", "argument --epochs: invalid int value: '1.5'"),
        ("--cost", "hinge", "argument --cost: invalid choice: 'hinge'"),
        ("--every", "0", "--every must be an integer >= 1, got 0"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, flag, value, message):
    argv = list(FAR)
    if flag in argv:
        argv[argv.index(flag) + 1] = value
    else:
        argv += [flag, value]
    status, out, err = run_cli(capsys, argv)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert err.startswith("neuron-demo")


bad_text = st.sampled_from(
    ["nan", "inf", "-inf", "1e999", "", "abc", "-1", "0", "2", "1.5", "-0.0", "0x10", "--", "一"]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "--cost",
                    "--w",
                    "--b",
                    "--eta",
                    "--epochs",
                    "--x",
                    "--y",
                    "--format",
                    "--every",
                    "--bogus",
                ]
            ),
            bad_text,
        ),
        max_size=6,
    ),
    st.booleans(),
)
def test_random_bad_arguments_never_traceback_or_succeed(pairs, keep_required):
    argv = ["train"]
    if keep_required:
        argv += ["--cost", "quadratic", "--w", "1", "--b", "1", "--epochs", "3"]
    for flag, value in pairs:
        argv += [flag, value]
    if keep_required:
        argv += ["--eta", "-1"]  # the last value wins in argparse: always a bad one
    out, err = io.StringIO(), io.StringIO()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "stdout", out)
            patch.setattr(sys, "stderr", err)
            status = main(argv)
    except SystemExit as exit_:
        status = exit_.code
    # Every generated command has a bad value (eta = -1) or misses a required flag.
    assert status == 2
    assert err.getvalue().count("\n") == 1
    assert "Traceback" not in err.getvalue()


def test_python_dash_m_runs_the_same_cli():
    done = subprocess.run(
        [sys.executable, "-m", "neuron_demo", *FAR, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["output"][0] == pytest.approx(0.9820137900379085, rel=1e-15)
    bad = subprocess.run(
        [sys.executable, "-m", "neuron_demo", "train", "--cost", "quadratic"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.stderr
