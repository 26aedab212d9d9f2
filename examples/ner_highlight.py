"""Named entities highlighted in a HighlightedText: a tiny gazetteer tags people, places and
organisations, returned in the {"text", "entities"} form token-classification models give."""

import re

import blocks as gr

GAZETTEER = {
    "Ada Lovelace": "PER",
    "Charles Babbage": "PER",
    "London": "LOC",
    "Paris": "LOC",
    "Royal Society": "ORG",
}


def find_entities(text):
    entities = []
    for name, kind in GAZETTEER.items():
        for match in re.finditer(re.escape(name), text):
            entities.append({"entity": kind, "start": match.start(), "end": match.end()})
    return {"text": text, "entities": entities}


with gr.Blocks(title="Named entities") as demo:
    gr.Markdown("# Find the people, places and organisations")
    text = gr.Textbox(
        label="Text",
        value="Ada Lovelace met Charles Babbage in London, then wrote to the Royal Society.",
        lines=2,
    )
    find = gr.Button("Find entities")
    entities = gr.HighlightedText(
        label="Entities",
        show_legend=True,
        color_map={"PER": "#bfdbfe", "LOC": "#bbf7d0", "ORG": "#fde68a"},
    )
    find.click(find_entities, text, entities)
    text.submit(find_entities, text, entities)

if __name__ == "__main__":
    demo.launch()
