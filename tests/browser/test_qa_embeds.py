"""QA: the views donors embed, in a narrow iframe-sized window."""


def test_map_embed_at_800px_has_readable_year_labels_and_no_upload_button(page, open_app):
    page.set_viewport_size({"width": 800, "height": 700})
    open_app("/embed/map")
    boxes = [page.locator("#map-year .dash-slider-mark").nth(i).bounding_box() for i in range(8)]
    for left, right in zip(boxes, boxes[1:]):
        assert left["x"] + left["width"] <= right["x"], "year labels of the slider overlap"
    page.hover("#map-graph")
    assert page.locator(".modebar-btn[data-title^='Share']").count() == 0  # plotly's upload to Plotly Cloud
