"""A chat that answers with a table: ask for the planets ("show me the planets", or "the 3
largest planets") and the reply is a gr.Dataframe of them, drawn read-only in the message."""

import re

import pandas as pd

import blocks as gr

PLANETS = pd.DataFrame(
    {
        "Planet": ["Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"],
        "Diameter (km)": [4879, 12104, 12756, 6792, 142984, 120536, 51118, 49528],
        "Moons": [0, 0, 1, 2, 95, 146, 28, 16],
    }
)


def reply(message, history):
    found = re.search(r"\d+", message)
    if "planet" not in message.lower():
        return "Ask me about the planets."
    table = PLANETS
    if found:
        table = PLANETS.nlargest(int(found.group()), "Diameter (km)")
    return gr.Dataframe(value=table, label=f"{len(table)} planets")


demo = gr.ChatInterface(
    reply,
    title="Planets",
    description="Ask for the planets, or the N largest.",
    examples=["Show me the planets", "The 3 largest planets"],
)

if __name__ == "__main__":
    demo.launch()
