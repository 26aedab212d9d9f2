"""Blocks: reactive web UIs in Python. ``import blocks as gr``.

This module is the whole public API; every name is defined in a submodule and re-exported
here (a test checks this set).
"""

from __future__ import annotations

import os as _os

from blocks import media as media  # gr.media: a submodule, not a name of __all__
from blocks import themes as themes  # gr.themes: a submodule, not a name of __all__
from blocks.app import Blocks, close_all
from blocks.caching import cache
from blocks.chat import ChatInterface
from blocks.chat.load_chat import load_chat
from blocks.client.client import Client
from blocks.components import (
    HTML,
    JSON,
    Audio,
    BrowserState,
    Button,
    Chatbot,
    ChatMessage,
    Checkbox,
    CheckboxGroup,
    ClearButton,
    Code,
    ColorPicker,
    Component,
    Dataset,
    DeepLinkButton,
    DownloadButton,
    Dropdown,
    File,
    FormComponent,
    Gallery,
    HighlightedText,
    Image,
    ImageSlider,
    Label,
    LoginButton,
    Markdown,
    MessageDict,
    MetadataDict,
    Model3D,
    MultimodalTextbox,
    Number,
    OptionDict,
    Radio,
    Slider,
    State,
    Textbox,
    Timer,
    UploadButton,
    Video,
    WaveformOptions,
    WebcamOptions,
)
from blocks.components.aliases import (
    Checkboxgroup,
    Files,
    Highlight,
    Highlightedtext,
    Json,
    Mic,
    Microphone,
    PlayableVideo,
    TabItem,
    Text,
    TextArea,
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
from blocks.graph.layouts import Accordion, Column, Group, Row, Sidebar, Tab, Tabs
from blocks.graph.render import render
from blocks.graph.updates import skip, update
from blocks.interface import Examples, Interface, TabbedInterface
from blocks.server.mount import mount_blocks, mount_gradio_app
from blocks.validation import validate

__version__ = "0.1.0"

# False in a run that `blocks app.py` started again after a change: code under
# `if gr.NO_RELOAD:` runs in the first run only (blocks/dev/cli.py). Not in __all__, as in
# the reference.
NO_RELOAD: bool = _os.environ.get("BLOCKS_RELOADED") != "1"

__all__ = [
    "HTML",
    "JSON",
    "Accordion",
    "Audio",
    "Blocks",
    "BrowserState",
    "Button",
    "ChatInterface",
    "ChatMessage",
    "Chatbot",
    "Checkbox",
    "CheckboxGroup",
    "Checkboxgroup",
    "ClearButton",
    "Client",
    "Code",
    "ColorPicker",
    "Column",
    "Component",
    "Dataset",
    "DeepLinkButton",
    "Dependency",
    "DownloadButton",
    "Dropdown",
    "EditData",
    "Error",
    "EventData",
    "Examples",
    "File",
    "Files",
    "FormComponent",
    "Gallery",
    "Group",
    "Highlight",
    "HighlightedText",
    "Highlightedtext",
    "Image",
    "ImageSlider",
    "Info",
    "Interface",
    "Json",
    "KeyUpData",
    "Label",
    "LikeData",
    "LoginButton",
    "Markdown",
    "MessageDict",
    "MetadataDict",
    "Mic",
    "Microphone",
    "Model3D",
    "MultimodalTextbox",
    "Number",
    "OptionDict",
    "PlayableVideo",
    "Progress",
    "Radio",
    "Request",
    "RetryData",
    "Row",
    "SelectData",
    "Sidebar",
    "Slider",
    "State",
    "Success",
    "Tab",
    "TabItem",
    "TabbedInterface",
    "Tabs",
    "Text",
    "TextArea",
    "Textbox",
    "Timer",
    "UndoData",
    "UploadButton",
    "Video",
    "Warning",
    "WaveformOptions",
    "WebcamOptions",
    "cache",
    "close_all",
    "load_chat",
    "mount_blocks",
    "mount_gradio_app",
    "on",
    "render",
    "skip",
    "update",
    "validate",
]
