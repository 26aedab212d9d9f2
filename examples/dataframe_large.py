"""Ten thousand rows in a Dataframe: only the rows in view are drawn, so it scrolls as fast as
a short one. Search it, sort it by a header, and restock the first product from the server:
the page receives that one cell, not the whole table again."""

import blocks as gr

HEADERS = ["SKU", "Product", "Category", "Stock", "Price"]
CATEGORIES = ["Garden", "Kitchen", "Office", "Toys", "Tools"]


def inventory(rows=10_000):
    return [
        [
            f"SKU-{n:05d}",
            f"Product {n}",
            CATEGORIES[n % len(CATEGORIES)],
            (n * 37) % 500,
            round(1 + (n * 7919) % 10_000 / 100, 2),
        ]
        for n in range(rows)
    ]


def describe(evt: gr.SelectData):
    return f"{evt.row_value[1]}: {evt.value}"


def restock(table):
    table[0][3] += 10
    return table


with gr.Blocks(title="Inventory") as demo:
    gr.Markdown("# Inventory: 10,000 products")
    table = gr.Dataframe(
        value=inventory(),
        headers=HEADERS,
        datatype=["str", "str", "str", "number", "number"],
        type="array",
        label="Inventory",
        interactive=False,
        show_search="filter",
        show_row_numbers=True,
        pinned_columns=1,
        max_height=480,
    )
    selected = gr.Textbox(label="Selected", interactive=False)
    restock_button = gr.Button("Restock the first product")
    restock_button.click(restock, table, table)
    table.select(describe, None, selected)

if __name__ == "__main__":
    demo.launch()
