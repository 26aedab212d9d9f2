"""The Blocks component library: one module per component, all re-exported by ``blocks``."""

from .base import Component, FormComponent
from .button import Button
from .checkbox import Checkbox
from .dropdown import Dropdown
from .html import HTML
from .json_component import JSON
from .markdown import Markdown
from .number import Number
from .radio import Radio
from .slider import Slider
from .state import State
from .textbox import Textbox

__all__ = [
    "HTML",
    "JSON",
    "Button",
    "Checkbox",
    "Component",
    "Dropdown",
    "FormComponent",
    "Markdown",
    "Number",
    "Radio",
    "Slider",
    "State",
    "Textbox",
]
