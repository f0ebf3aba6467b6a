"""scripts/first_frames/in_page.py: each .js file beside it is one function as page.evaluate takes it, its leading
comment (what it does) left out."""
import pytest

from scripts.first_frames.in_page import HERE, script

NAMES = sorted(p.stem for p in HERE.glob("*.js"))


def test_the_scripts_are_the_ones_drawing_uses():
    assert NAMES == ["fit_range", "merge", "sanitise", "settled"]


@pytest.mark.parametrize("name", NAMES)
def test_a_script_is_its_function_without_the_comment(name):
    text = script(name)
    assert (HERE / f"{name}.js").read_text().startswith("// ")
    assert text.startswith(("(", "async (")) and "=>" in text.splitlines()[0]
    assert text.endswith(("}", ")")) and not text.lstrip().startswith("//")
