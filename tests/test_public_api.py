"""The package's front door: ``newsledger.__all__`` is curated, importable and documented."""
from __future__ import annotations

import inspect

import newsledger


def test_all_names_exist_and_are_sorted() -> None:
    assert newsledger.__all__ == sorted(newsledger.__all__)
    for name in newsledger.__all__:
        assert hasattr(newsledger, name), name


def test_public_callables_and_classes_have_docstrings() -> None:
    for name in newsledger.__all__:
        obj = getattr(newsledger, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), f"newsledger.{name} has no docstring"


def test_no_private_or_module_leaks() -> None:
    public = {n for n in vars(newsledger) if not n.startswith("_")}
    modules = {n for n in public if inspect.ismodule(getattr(newsledger, n))}
    # Subpackages appear as attributes once imported; anything else public must be in __all__.
    assert public - modules <= set(newsledger.__all__), sorted(public - modules - set(newsledger.__all__))


def test_typed_marker_ships() -> None:
    from importlib import resources

    assert resources.files("newsledger").joinpath("py.typed").is_file()
