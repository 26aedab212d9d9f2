"""Interface, TabbedInterface and Examples: apps from a function, built from public names."""

from blocks.interface.examples import Examples
from blocks.interface.interface import Interface
from blocks.interface.tabbed import TabbedInterface

__all__ = ["Examples", "Interface", "TabbedInterface"]
