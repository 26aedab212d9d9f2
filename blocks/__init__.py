"""Blocks: reactive web UIs in Python. ``import blocks as gr``.

This module is the whole public API; every name is defined in a submodule and re-exported
here (a test checks this set).
"""

from __future__ import annotations

from blocks.app import Blocks
from blocks.chat import ChatInterface
from blocks.client.client import Client
from blocks.components import (
    HTML,
    JSON,
    BrowserState,
    Button,
    Chatbot,
    ChatMessage,
    Checkbox,
    Component,
    Dropdown,
    File,
    FormComponent,
    Image,
    Markdown,
    MessageDict,
    MetadataDict,
    MultimodalTextbox,
    Number,
    OptionDict,
    Radio,
    Slider,
    State,
    Textbox,
)
from blocks.exceptions import Error
from blocks.graph.events import Dependency, on
from blocks.graph.helpers import (
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
from blocks.graph.layouts import Accordion, Column, Group, Row, Tab, Tabs
from blocks.graph.updates import skip, update

__version__ = "0.1.0"

__all__ = [
    "HTML",
    "JSON",
    "Accordion",
    "Blocks",
    "BrowserState",
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
