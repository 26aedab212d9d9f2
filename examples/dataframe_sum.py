"""A shopping list in an editable Dataframe: change a price or a quantity, add a row, and the
total below follows; sort by a header, search the rows, and click a cell to see what it is."""

import pandas as pd

import blocks as gr

ITEMS = pd.DataFrame(
    {
        "Item": ["Apples", "Bread", "Cheese", "Dates"],
        "Price": [0.5, 2.25, 4.0, 3.1],
        "Quantity": [6, 1, 2, 1],
        "Organic": [True, False, False, True],
    }
)


def total(items):
    cost = (items["Price"].fillna(0) * items["Quantity"].fillna(0)).sum()
    return f"Total: ${cost:,.2f} for {len(items)} items"


def picked(items, evt: gr.SelectData):
    row, column = evt.index
    return f"You picked {evt.value!r}: {items.columns[column]} of {evt.row_value[0]} (row {row})"


with gr.Blocks(title="Shopping list") as demo:
    gr.Markdown("# Shopping list")
    items = gr.Dataframe(
        value=ITEMS,
        label="Items",
        datatype=["str", "number", "number", "bool"],
        col_count=(4, "fixed"),
        interactive=True,
        show_search="search",
        show_copy_button=True,
    )
    summary = gr.Textbox(label="Total", value=total(ITEMS), interactive=False)
    selection = gr.Textbox(label="Selection", interactive=False)
    items.change(total, items, summary)
    items.select(picked, items, selection)

if __name__ == "__main__":
    demo.launch()
