"""scripts/first_frames/outlines.py: a map's outlines in whole pixels, points within TOLERANCE of their neighbours'
line left out; any other path kept as drawn."""
from scripts.first_frames.outlines import compact


def path(cls: str, d: str) -> str:
    return f'<path class="{cls}" style="fill: red;" d="{d}"></path>'


def test_an_outline_is_simplified_into_whole_pixels():
    # (10.2, 0.1) lies 0.25 px off the line between its neighbours: left out
    drawn = path("choroplethlocation", "M0.4,0.4L10.2,0.1L20.6,0.3L20.4,10.2Z")
    assert compact(drawn) == path("choroplethlocation", "M0,0L21,0L20,10Z")


def test_a_ring_smaller_than_a_pixel_goes_and_a_corridor_s_line_stays_open():
    drawn = path("choroplethlocation", "M0,0L30,0L30,30Z" + "M50.1,50.1L50.2,50.3L50.4,50.1Z")
    assert compact(drawn) == path("choroplethlocation", "M0,0L30,0L30,30Z")
    assert compact(path("js-line", "M0.2,0L40.4,20.6")) == path("js-line", "M0,0L40,21")


def test_other_paths_and_shapes_are_kept_as_drawn():
    arc = path("choroplethlocation", "M5,0A5,5 0 1,1 0,-5Z")
    assert compact(arc) == arc
    axis = path("xgrid crisp", "M0.5,0.5L100.5,0.5")
    assert compact(axis) == axis
