"""A plotly figure in gr.Plot, drawn in the browser by plotly.js (loaded with the first plot)."""

import plotly.graph_objects as go

import blocks as gr

SALES = {
    "Coffee": [120, 135, 150, 160, 170, 190],
    "Tea": [80, 85, 70, 95, 100, 110],
    "Cocoa": [40, 60, 90, 50, 30, 20],
}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]


def chart(products, kind):
    fig = go.Figure()
    for product in products:
        if kind == "Bars":
            fig.add_trace(go.Bar(name=product, x=MONTHS, y=SALES[product]))
        else:
            fig.add_trace(
                go.Scatter(name=product, x=MONTHS, y=SALES[product], mode="lines+markers")
            )
    fig.update_layout(title="Cups sold", margin={"t": 48, "r": 16, "b": 32, "l": 48})
    return fig


with gr.Blocks(title="Sales") as demo:
    gr.Markdown("# Sales by month")
    products = gr.CheckboxGroup(list(SALES), value=["Coffee", "Tea"], label="Products")
    kind = gr.Radio(["Lines", "Bars"], value="Lines", label="Chart")
    plot = gr.Plot(label="Sales chart")
    gr.on([products.change, kind.change, demo.load], chart, [products, kind], plot)

if __name__ == "__main__":
    demo.launch()
