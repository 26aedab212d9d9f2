"""A custom theme, as in the theming guide: a Base theme with teal and amber hues, a Google
font (used when installed, with its fallbacks otherwise), and `.set()` for the buttons and the
page in light and dark mode."""

import blocks as gr

theme = gr.themes.Base(
    primary_hue="teal",
    secondary_hue=gr.themes.colors.amber,
    neutral_hue="slate",
    radius_size=gr.themes.sizes.radius_lg,
    font=[gr.themes.GoogleFont("Inter"), "ui-sans-serif", "system-ui", "sans-serif"],
    font_mono=[gr.themes.GoogleFont("JetBrains Mono"), "ui-monospace", "monospace"],
).set(
    body_background_fill="*neutral_50",
    body_background_fill_dark="*neutral_950",
    block_background_fill="white",
    block_background_fill_dark="*neutral_900",
    button_primary_background_fill="*primary_700",
    button_primary_background_fill_hover="*primary_800",
    button_primary_background_fill_dark="*primary_500",
    button_primary_background_fill_hover_dark="*primary_400",
    button_primary_text_color="white",
    button_primary_text_color_dark="*neutral_950",
    button_secondary_background_fill="*secondary_200",
    button_secondary_background_fill_hover="*secondary_300",
    button_secondary_text_color="*neutral_900",
    block_label_text_color="*primary_700",
    block_label_text_color_dark="*primary_300",
)


def reverse(text):
    return text[::-1]


with gr.Blocks(title="Custom theme") as demo:
    gr.Markdown("# A custom theme")
    text = gr.Textbox(label="Text", value="Hello, themes!")
    result = gr.Textbox(label="Reversed")
    with gr.Row():
        run = gr.Button("Reverse", variant="primary")
        clear = gr.Button("Clear", variant="secondary")
    run.click(reverse, inputs=text, outputs=result)
    clear.click(lambda: "", inputs=None, outputs=result)

if __name__ == "__main__":
    demo.launch(theme=theme)
