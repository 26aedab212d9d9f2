"""Blocks: reactive web UIs in Python. ``import blocks as gr``.

This module is the whole public API; every name is defined in a submodule and re-exported
here (a test checks this set).
"""

from __future__ import annotations

from ._components_guard import components as _components
from .app import Blocks
from .events import Dependency, on
from .exceptions import Error
from .helpers import (
    EditData,
    EventData,
    Info,
    KeyUpData,
    LikeData,
    Progress,
    Request,
    RetryData,
    SelectData,
    Success,
    UndoData,
    Warning,
)
from .layouts import Accordion, Column, Group, Row, Tab, Tabs
from .updates import skip, update

Component = _components.Component
FormComponent = _components.FormComponent
Button = _components.Button
Textbox = _components.Textbox
Number = _components.Number
Slider = _components.Slider
Checkbox = _components.Checkbox
Dropdown = _components.Dropdown
Radio = _components.Radio
Markdown = _components.Markdown
HTML = _components.HTML
JSON = _components.JSON
State = _components.State

__version__ = "0.1.0"

__all__ = [
    "HTML",
    "JSON",
    "Accordion",
    "Blocks",
    "Button",
    "Checkbox",
    "Column",
    "Component",
    "Dependency",
    "Dropdown",
    "EditData",
    "Error",
    "EventData",
    "FormComponent",
    "Group",
    "Info",
    "KeyUpData",
    "LikeData",
    "Markdown",
    "Number",
    "Progress",
    "Radio",
    "Request",
    "RetryData",
    "Row",
    "SelectData",
    "Slider",
    "State",
    "Success",
    "Tab",
    "Tabs",
    "Textbox",
    "UndoData",
    "Warning",
    "on",
    "skip",
    "update",
]
