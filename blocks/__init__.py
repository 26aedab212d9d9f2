"""Blocks: reactive web UIs in Python. ``import blocks as gr``.

This module is the whole public API; every name is defined in a submodule and re-exported
here (a test checks this set).
"""

from __future__ import annotations

from ._components_guard import components as _components
from .app import Blocks
from .chat import ChatInterface
from .client import Client
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
Chatbot = _components.Chatbot
ChatMessage = _components.ChatMessage
MessageDict = _components.MessageDict
MetadataDict = _components.MetadataDict
OptionDict = _components.OptionDict
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
Image = _components.Image
File = _components.File
MultimodalTextbox = _components.MultimodalTextbox

__version__ = "0.1.0"

__all__ = [
    "HTML",
    "JSON",
    "Accordion",
    "Blocks",
    "Button",
    "ChatInterface",
    "ChatMessage",
    "Chatbot",
    "Checkbox",
    "Client",
    "Column",
    "Component",
    "Dependency",
    "Dropdown",
    "EditData",
    "Error",
    "EventData",
    "File",
    "FormComponent",
    "Group",
    "Image",
    "Info",
    "KeyUpData",
    "LikeData",
    "Markdown",
    "MessageDict",
    "MetadataDict",
    "MultimodalTextbox",
    "Number",
    "OptionDict",
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
