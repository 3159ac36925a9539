"""The site's hooks, where they decide something of their own, and the logic behind them in
`neuron_demo.site` (no mkdocs build here).

The built site, where every hook's effect shows, is tested in test_site_build.py and the
browser tests; these are the decisions behind them.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from neuron_demo import cli
from neuron_demo.site import commands, inline_code, notebook_pages
from neuron_demo.site.english_project import fingerprint

HOOKS = Path(__file__).resolve().parent.parent / "hooks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_hook", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as MkDocs loads a hook (dataclasses look it up)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A repository of a few files, as the English project's plugin sees it."""
    for name in ("docs/en/index.md", "docs/en.yml", "mkdocs.yml", "src/neuron_demo/a.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    return tmp_path


def test_the_english_build_is_skipped_only_while_its_inputs_stand_still(tree: Path) -> None:
    key = fingerprint(tree, "strict=True")
    assert fingerprint(tree, "strict=True") == key
    assert fingerprint(tree, "strict=False") != key  # the settings count
    page = tree / "docs" / "en" / "index.md"
    page.write_text("changed")
    os.utime(page, ns=(1, 1))
    assert fingerprint(tree, "strict=True") != key  # an English page
    key = fingerprint(tree, "strict=True")
    (tree / "src" / "neuron_demo" / "b.py").write_text("new")
    assert fingerprint(tree, "strict=True") != key  # the library


def test_a_chinese_page_does_not_touch_the_english_fingerprint(tree: Path) -> None:
    key = fingerprint(tree, "")
    (tree / "docs" / "index.md").write_text("中文")
    assert fingerprint(tree, "") == key


def _notebook(path: Path, cells: list[dict]) -> Path:
    path.write_text(
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )
    return path


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": [text]}


def test_notebook_anchors_are_the_toc_slugs_of_the_english_headings(tmp_path: Path) -> None:
    path = _notebook(
        tmp_path / "nb.ipynb",
        [
            _markdown("# Run it yourself\n\nText"),
            _markdown("## Setup"),
            _markdown("## Setup\n### σ cancels"),
        ],
    )
    assert notebook_pages.heading_ids(path) == ["run-it-yourself", "setup", "setup_1", "cancels"]


def test_output_images_take_their_cells_alt_text_in_order(tmp_path: Path) -> None:
    def code(alt: str | None, *kinds: str) -> dict:
        outputs = [{"output_type": "display_data", "data": {kind: "x" for kind in kinds}}]
        metadata = {} if alt is None else {"alt": alt}
        return {"cell_type": "code", "metadata": metadata, "source": [], "outputs": outputs}

    path = _notebook(
        tmp_path / "nb.ipynb",
        [
            code("two curves", "image/png"),
            code("a table", "text/html", "image/png"),
            code("a figure", "image/svg+xml", "text/plain"),
            code(None, "image/jpeg"),
        ],
    )
    # An output with an HTML form is shown as HTML: it has no <img> to describe.
    assert notebook_pages.image_alts(path) == ["two curves", "a figure", None]


def test_a_notebook_page_is_slimmed_to_its_cells(tmp_path: Path) -> None:
    png = base64.b64decode("iVBO")
    html = (
        '<style>.jp-Cell {}</style><h1 id="">运行<a class="anchor-link" href="#">¶</a></h1>'
        '<img src="data:image/png;base64,iVBO" alt="">'
        '<div class="zeroclipboard-container"><clipboard-copy></clipboard-copy></div>'
        '<div class="clipboard-copy-txt" id="cell-1">x</div>'
    )

    def slimmed(alts: list[str | None], toc_headings: int = 1) -> str:
        return notebook_pages.slimmed(
            html,
            page="p.ipynb",
            lang="zh",
            anchors=["run"],
            toc_headings=toc_headings,
            alts=alts,
            folder=tmp_path,
        )

    name = f"output-{hashlib.sha256(png).hexdigest()[:12]}.png"
    assert slimmed(["a curve"]) == (
        '<h1 id="run">运行<a class="anchor-link" href="#run">¶</a></h1>'
        f'<img alt="a curve" src="{name}" loading="lazy">'
        '<nav class="md-code__nav"><button class="md-code__button" title="复制" '
        'data-clipboard-target="#cell-1" data-md-type="copy"></button></nav>'
        '<div class="clipboard-copy-txt" id="cell-1" hidden>x</div>'
    )
    assert (tmp_path / name).read_bytes() == png
    with pytest.raises(ValueError, match=r"^p\.ipynb: an output image has no 'alt'"):
        slimmed([None])
    with pytest.raises(ValueError, match=r"^p\.ipynb: its headings differ from its English"):
        slimmed(["a curve"], toc_headings=2)


# ---------------------------------------------------------------------------------------
# Command-line examples (neuron_demo.site.commands, for hooks/commands.py)
# ---------------------------------------------------------------------------------------
commands_hook = load("commands")


def _in_process(argv: list[str], capsys: pytest.CaptureFixture[str]) -> commands.Result:
    """The library's command line run in this process: what the hook's subprocess should
    report."""
    try:
        status = cli.main(argv)
    except SystemExit as stop:  # argparse: --help, or bad arguments
        status = stop.code
    return commands.Result(status, *capsys.readouterr())


def test_a_command_marker_becomes_a_session_with_its_output() -> None:
    page = "Before\n\n<!-- command: neuron-demo train --help -->\n\nAfter\n"
    results = {"neuron-demo train --help": commands.Result(0, "usage: x\n\n  -h\n", "")}
    assert commands.expand(page, page="p.md", results=results) == (
        "Before\n\n```console\n$ neuron-demo train --help\nusage: x\n\n  -h\n```\n\nAfter\n"
    )


def test_a_marker_inside_a_list_keeps_its_indentation() -> None:
    page = "1. Run\n\n    <!-- command: neuron-demo x -->\n"
    results = {"neuron-demo x": commands.Result(0, "out\n", "")}
    assert commands.expand(page, page="p.md", results=results) == (
        "1. Run\n\n    ```console\n    $ neuron-demo x\n    out\n    ```\n"
    )


def test_a_failing_command_shows_what_it_wrote_to_standard_error() -> None:
    page = "<!-- command exits 2: neuron-demo x -->"
    results = {"neuron-demo x": commands.Result(2, "", "neuron-demo: error: no\n")}
    assert commands.expand(page, page="p.md", results=results) == (
        "```console\n$ neuron-demo x\nneuron-demo: error: no\n```"
    )


@pytest.mark.parametrize(
    ("marker", "result", "message"),
    [
        (
            "<!-- command: neuron-demo x -->",
            commands.Result(2, "", "bad\n"),
            "exited with 2, not 0",
        ),
        (
            "<!-- command exits 2: neuron-demo x -->",
            commands.Result(0, "ok\n", ""),
            "with 0, not 2",
        ),
        ("<!-- command: neuron-demo x -->", commands.Result(0, "ok\n", "careful\n"), "standard er"),
        ("<!-- commands: neuron-demo x -->", None, "is not a command marker"),
        ("<!-- command exits two: neuron-demo x -->", None, "is not a command marker"),
        ("Text <!-- command: neuron-demo x -->", None, "is not a command marker"),
    ],
)
def test_the_build_fails_loudly_naming_the_page(marker, result, message) -> None:
    with pytest.raises(ValueError, match=message) as raised:
        commands.expand(marker, page="reference/cli.md", results={"neuron-demo x": result})
    assert str(raised.value).startswith("reference/cli.md: ")


def test_the_hook_fails_the_build_with_that_message() -> None:
    page = SimpleNamespace(file=SimpleNamespace(src_uri="reference/cli.md"))
    with pytest.raises(PluginError, match=r"^reference/cli\.md: .* is not a command marker"):
        commands_hook.on_page_markdown(
            "<!-- commands: neuron-demo x -->", page=page, config=None, files=None
        )


def test_only_the_librarys_programs_run() -> None:
    assert commands.stages("neuron-demo train --help") == (
        [[sys.executable, "-m", "neuron_demo", "train", "--help"]],
        None,
    )
    assert commands.stages("python -m neuron_demo x | python -m json.tool > a.json") == (
        [[sys.executable, "-m", "neuron_demo", "x"], [sys.executable, "-m", "json.tool"]],
        "a.json",
    )
    for command in ("rm -rf build", "neuron-demo x | sort", "python -c 'print(1)'"):
        with pytest.raises(ValueError, match="is not one of"):
            commands.stages(command)


def test_a_long_command_is_continued_on_more_lines() -> None:
    command = "neuron-demo train --cost quadratic --w 2 --b 2 --eta -1 --epochs 300 --every 25"
    lines = commands.shown(command, width=40)
    assert lines == [
        "$ neuron-demo train --cost quadratic \\",
        "    --w 2 --b 2 --eta -1 --epochs 300 \\",
        "    --every 25",
    ]
    assert max(map(len, lines)) <= 40
    # What a shell runs is the command itself.
    assert " ".join(line.removesuffix(" \\").strip() for line in lines) == "$ " + command


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "--cost", "cross-entropy", "--w", "2", "--b", "2", "--eta", "0.15",
         "--epochs", "3", "--format", "csv"],
        ["train", "--cost", "hinge", "--w", "2", "--b", "2", "--eta", "0.15", "--epochs", "3"],
    ],
)  # fmt: skip
def test_a_command_prints_what_the_library_prints(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert commands.run("neuron-demo " + " ".join(argv)) == _in_process(argv, capsys)


def test_a_pipeline_feeds_each_program_the_last_ones_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    command = "neuron-demo train --cost quadratic --w 2 --b 2 --eta 0.15 --epochs 1 --format json"
    out = _in_process(command.split()[1:], capsys).stdout
    piped = commands.run(f"{command} | python -m json.tool")
    assert piped == commands.Result(0, json.dumps(json.loads(out), indent=4) + "\n", "")
    assert commands.run(f"{command} > run.json") == commands.Result(0, "", "")


def test_outputs_are_kept_until_the_library_changes(tmp_path: Path) -> None:
    ran = []

    def runner(command: str):
        ran.append(command)
        return commands.Result(0, command.upper(), "")

    path = tmp_path / "commands.json"
    first = commands.Cache(path, "key 1").get(["neuron-demo a", "neuron-demo b"], runner, page="p")
    assert first["neuron-demo b"] == commands.Result(0, "NEURON-DEMO B", "")
    again = commands.Cache(path, "key 1").get(["neuron-demo b", "neuron-demo c"], runner, page="p")
    assert again["neuron-demo b"] == first["neuron-demo b"]
    assert ran == ["neuron-demo a", "neuron-demo b", "neuron-demo c"]  # b ran once
    commands.Cache(path, "key 2").get(["neuron-demo b"], runner, page="p")
    assert ran[-1] == "neuron-demo b"  # a new library: run again


# ---------------------------------------------------------------------------------------
# Inline code (neuron_demo.site.inline_code, for hooks/inline_code.py)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p><code>--help</code></p>", '<p><code class="ll-whole">--help</code></p>'),
        # A table's narrow cell would break even a name without a hyphen.
        ("<code>cost_function</code>", '<code class="ll-whole">cost_function</code>'),
        (
            "<code>neuron-demo train --help</code>",
            '<code><span class="ll-whole">neuron-demo</span> <span class="ll-whole">train</span> '
            '<span class="ll-whole">--help</span></code>',
        ),
        ("<code>a&lt;-b</code>", '<code class="ll-whole">a&lt;-b</code>'),
        # Longer than 24 characters: it may break, rather than stick out of a phone.
        ("<code>neuron_demo.site.figures.style</code>",) * 2,
        # Code blocks are left alone.
        ("<pre><code>--help</code></pre>",) * 2,
        # Highlighted code: a run is a row of tokens with no space between them.
        (
            '<code class="highlight"><span class="n">a-b</span></code>',
            '<code class="highlight"><span class="ll-whole"><span class="n">a-b</span></span>'
            "</code>",
        ),
        (
            '<code class="highlight language-python"><span class="n">x</span> '
            '<span class="o">=</span> <span class="p">{</span><span class="s1">&#39;</span>'
            '<span class="si">{</span><span class="n">c</span><span class="si">}</span>'
            '<span class="s1">-near&#39;</span><span class="p">:</span></code>',
            '<code class="highlight language-python">'
            '<span class="ll-whole"><span class="n">x</span></span> '
            '<span class="ll-whole"><span class="o">=</span></span> '
            '<span class="ll-whole"><span class="p">{</span><span class="s1">&#39;</span>'
            '<span class="si">{</span><span class="n">c</span><span class="si">}</span>'
            '<span class="s1">-near&#39;</span><span class="p">:</span></span></code>',
        ),
        # A token with a space in it (a string) leaves its run as it is; so does a long run.
        (
            '<code class="highlight"><span class="n">f</span><span class="p">(</span>'
            '<span class="s1">&#39;a b&#39;</span><span class="p">)</span></code>',
        )
        * 2,
        (f'<code class="highlight"><span class="n">{"x" * 25}</span></code>',) * 2,
    ],
)
def test_short_inline_code_is_kept_whole(html: str, expected: str) -> None:
    assert inline_code.keep_whole(html) == expected
