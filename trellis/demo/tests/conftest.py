"""The demo's tests run rounds with matching's stand-in engine where the real one is not
the point; people come from the root conftest."""

from trellis.matching.tests.conftest import fake_engine  # noqa: F401
