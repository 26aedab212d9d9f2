"""A pizza order from a CheckboxGroup: tick toppings (or all of them), see the order and its
price; a button clears the toppings by returning an empty list to the group."""

import blocks as gr

PRICES = {"Cheese": 1.0, "Mushrooms": 1.5, "Olives": 0.75, "Peppers": 1.25}


def describe(toppings):
    if not toppings:
        return "A plain pizza: $8.00"
    price = 8 + sum(PRICES[name] for name in toppings)
    return f"A pizza with {', '.join(t.lower() for t in toppings)}: ${price:.2f}"


with gr.Blocks(title="Pizza order") as demo:
    gr.Markdown("# Build your pizza")
    toppings = gr.CheckboxGroup(
        list(PRICES),
        value=["Cheese"],
        label="Toppings",
        info="Pick as many as you like.",
        show_select_all=True,
    )
    order = gr.Textbox(label="Order", value=describe(["Cheese"]), interactive=False)
    clear = gr.Button("No toppings")
    toppings.change(describe, toppings, order)
    clear.click(lambda: [], None, toppings)

if __name__ == "__main__":
    demo.launch()
