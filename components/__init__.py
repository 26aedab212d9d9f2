"""The Blocks component library: one module per component, all re-exported by ``blocks``."""

from blocks.components.audio import Audio, WaveformOptions
from blocks.components.base import Component, FormComponent
from blocks.components.browser_state import BrowserState
from blocks.components.button import Button
from blocks.components.chat_message import ChatMessage, MessageDict, MetadataDict, OptionDict
from blocks.components.chatbot import Chatbot
from blocks.components.checkbox import Checkbox
from blocks.components.checkbox_group import CheckboxGroup
from blocks.components.clear_button import ClearButton
from blocks.components.code import Code
from blocks.components.color_picker import ColorPicker
from blocks.components.dataframe import Dataframe
from blocks.components.dataset import Dataset
from blocks.components.deep_link_button import DeepLinkButton
from blocks.components.download_button import DownloadButton
from blocks.components.dropdown import Dropdown
from blocks.components.file import File
from blocks.components.gallery import Gallery
from blocks.components.highlighted_text import HighlightedText
from blocks.components.html import HTML
from blocks.components.image import Image
from blocks.components.image_slider import ImageSlider
from blocks.components.json_component import JSON
from blocks.components.label import Label
from blocks.components.login_button import LoginButton
from blocks.components.markdown import Markdown
from blocks.components.model3d import Model3D
from blocks.components.multimodal_textbox import MultimodalTextbox
from blocks.components.native_plot import BarPlot, LinePlot, ScatterPlot
from blocks.components.number import Number
from blocks.components.plot import Plot
from blocks.components.radio import Radio
from blocks.components.slider import Slider
from blocks.components.state import State
from blocks.components.textbox import Textbox
from blocks.components.timer import Timer
from blocks.components.upload_button import UploadButton
from blocks.components.video import Video, WebcamOptions

__all__ = [
    "HTML",
    "JSON",
    "Audio",
    "BarPlot",
    "BrowserState",
    "Button",
    "ChatMessage",
    "Chatbot",
    "Checkbox",
    "CheckboxGroup",
    "ClearButton",
    "Code",
    "ColorPicker",
    "Component",
    "Dataframe",
    "Dataset",
    "DeepLinkButton",
    "DownloadButton",
    "Dropdown",
    "File",
    "FormComponent",
    "Gallery",
    "HighlightedText",
    "Image",
    "ImageSlider",
    "Label",
    "LinePlot",
    "LoginButton",
    "Markdown",
    "MessageDict",
    "MetadataDict",
    "Model3D",
    "MultimodalTextbox",
    "Number",
    "OptionDict",
    "Plot",
    "Radio",
    "ScatterPlot",
    "Slider",
    "State",
    "Textbox",
    "Timer",
    "UploadButton",
    "Video",
    "WaveformOptions",
    "WebcamOptions",
]
