"""corridors view wiring (being built)."""


def register(app) -> None:
    pass
