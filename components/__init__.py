"""The Blocks component library: one module per component, all re-exported by ``blocks``."""

from .base import Component, FormComponent
from .browser_state import BrowserState
from .button import Button
from .chat_message import ChatMessage, MessageDict, MetadataDict, OptionDict
from .chatbot import Chatbot
from .checkbox import Checkbox
from .dropdown import Dropdown
from .file import File
from .html import HTML
from .image import Image
from .json_component import JSON
from .markdown import Markdown
from .multimodal_textbox import MultimodalTextbox
from .number import Number
from .radio import Radio
from .slider import Slider
from .state import State
from .textbox import Textbox

__all__ = [
    "HTML",
    "JSON",
    "BrowserState",
    "Button",
    "ChatMessage",
    "Chatbot",
    "Checkbox",
    "Component",
    "Dropdown",
    "File",
    "FormComponent",
    "Image",
    "Markdown",
    "MessageDict",
    "MetadataDict",
    "MultimodalTextbox",
    "Number",
    "OptionDict",
    "Radio",
    "Slider",
    "State",
    "Textbox",
]
