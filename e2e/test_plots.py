"""gr.Plot (matplotlib, plotly, altair) and the native LinePlot, ScatterPlot and BarPlot in a real
browser: each draws, redraws when an input changes, is named by its label, shows in a chat
message, and a page loads a plotting library only when it shows a plot of that kind."""

import json
import re

from playwright.sync_api import Page, expect

PLOT_LIBRARIES = ("/vendor/plotly/", "/vendor/vega/")


def requests_of(page: Page) -> list[str]:
    paths: list[str] = []
    page.on("request", lambda request: paths.append(request.url))
    return paths


def plot_libraries(paths: list[str]) -> list[str]:
    return [path for path in paths if any(library in path for library in PLOT_LIBRARIES)]


def send(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")


# ---------------------------------------------------------------------- matplotlib


def test_a_matplotlib_figure_is_a_picture_of_its_size_named_by_the_label(page: Page, launch_app):
    paths = requests_of(page)
    page.goto(launch_app("examples/plot_matplotlib.py"))
    figure = page.get_by_role("figure", name="Wave")
    picture = figure.get_by_role("img", name="Wave")
    expect(picture).to_be_visible()
    expect(picture).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
    assert picture.evaluate("(img) => [img.naturalWidth, img.naturalHeight]") == [600, 350]
    page.wait_for_load_state("networkidle")
    assert plot_libraries(paths) == [], "a matplotlib picture needs neither plotly nor vega"


def test_moving_a_slider_draws_the_figure_anew(page: Page, launch_app):
    page.goto(launch_app("examples/plot_matplotlib.py"))
    picture = page.get_by_role("figure", name="Wave").get_by_role("img")
    expect(picture).to_have_attribute("src", re.compile(r"^data:image/png"))
    before = picture.get_attribute("src")
    slider = page.get_by_role("slider", name="Frequency")
    slider.focus()
    slider.press("ArrowRight")
    expect(picture).not_to_have_attribute("src", before or "")
    expect(picture).to_have_attribute("src", re.compile(r"^data:image/png"))


# ---------------------------------------------------------------------- plotly


def test_a_plotly_figure_is_drawn_by_plotly_js_and_redrawn_on_input(page: Page, launch_app):
    paths = requests_of(page)
    page.goto(launch_app("examples/plot_plotly.py"))
    figure = page.get_by_role("figure", name="Sales chart")
    expect(figure.locator(".main-svg").first).to_be_visible()
    expect(figure.locator(".scatterlayer .trace")).to_have_count(2)
    page.get_by_role("checkbox", name="Cocoa").check()
    expect(figure.locator(".scatterlayer .trace")).to_have_count(3)
    page.get_by_role("radio", name="Bars").check()
    expect(figure.locator(".barlayer .trace")).to_have_count(3)
    assert [p for p in plot_libraries(paths) if "/vega/" in p] == [], "no vega for plotly"


# ---------------------------------------------------------------------- altair and the kinds


def test_an_altair_chart_is_drawn_by_vega_as_svg(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/plot_kinds.py"))
    figure = page.get_by_role("figure", name="Chosen plot")
    expect(figure.locator("svg.marks")).to_be_visible()
    expect(figure.locator(".mark-symbol.role-mark path")).to_have_count(7)


def test_a_plot_takes_the_kind_its_listener_returns(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/plot_kinds.py"))
    figure = page.get_by_role("figure", name="Chosen plot")
    expect(figure.locator("svg.marks")).to_be_visible()
    page.get_by_role("radio", name="plotly").check()
    expect(figure.locator(".main-svg").first).to_be_visible()
    expect(figure.locator("svg.marks")).to_have_count(0)
    page.get_by_role("radio", name="matplotlib").check()
    expect(figure.get_by_role("img", name="Chosen plot")).to_be_visible()
    expect(figure.locator(".main-svg")).to_have_count(0)


def test_a_plot_that_cannot_be_drawn_says_why_in_text(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/plot_kinds.py"))
    figure = page.get_by_role("figure", name="Broken plot")
    expect(figure.get_by_role("alert")).to_have_text(re.compile(r"^This plot could not be drawn: "))


# ---------------------------------------------------------------------- native plots


def test_a_line_plot_draws_a_line_per_series_and_follows_its_inputs(page: Page, launch_app):
    page.goto(launch_app("examples/plot_lineplot.py"))
    figure = page.get_by_role("figure", name="Temperature by city")
    lines = figure.locator(".mark-line.role-mark path")
    expect(lines).to_have_count(2)
    expect(figure.locator("figcaption")).to_have_text("Hourly readings over two weeks")
    hourly = lines.first.get_attribute("d") or ""
    page.get_by_role("checkbox", name="Cairo").check()
    expect(lines).to_have_count(3)
    page.get_by_role("radio", name="Day").check()
    assert hourly.count("L") == 14 * 24 - 1
    # Grouped by day: 14 points a line instead of 336.
    expect(lines.first).to_have_attribute("d", re.compile(r"^M[^L]+(L[^L]+){13}$"))


def test_a_bar_plot_stacks_sums_and_sorts_its_bars(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/plot_kinds.py"))
    figure = page.get_by_role("figure", name="Fruit sold")
    expect(figure.locator(".mark-rect.role-mark path")).to_have_count(5)
    labels = figure.locator('.role-axis[aria-label^="X-axis"] .role-axis-label text')
    expect(labels).to_have_text(["apple", "pear", "plum"])
    expect(figure.locator("figcaption")).to_have_text("Sold this week, by shop")


def test_dragging_across_a_scatter_plot_selects_an_x_range(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/plot_kinds.py"))
    figure = page.get_by_role("figure", name="Heights and weights")
    expect(figure.locator(".mark-symbol.role-mark path")).to_have_count(7)
    box = figure.locator("svg.marks").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=5)
    page.mouse.up()
    picked = page.get_by_role("textbox", name="Selected range")
    expect(picked).not_to_have_value("")
    selected = json.loads(picked.input_value())
    low, high = selected["index"]
    assert 150 < low < high < 190
    assert selected["value"] == selected["index"]


# ---------------------------------------------------------------------- chat, page weight


def test_a_plot_a_chat_function_returns_is_shown_in_its_message(page: Page, launch_app):
    paths = requests_of(page)
    page.goto(launch_app("e2e/apps/plot_chat.py"))
    send(page, "three small words")
    reply = page.locator('[role="log"] [role="article"][data-role="assistant"]')
    expect(reply.get_by_role("figure", name="Word lengths").get_by_role("img")).to_be_visible()
    assert plot_libraries(paths) == []
    send(page, "plotly please")
    plotly = reply.get_by_role("figure", name="Word lengths (plotly)")
    expect(plotly.locator(".main-svg").first).to_be_visible()
    expect(plotly.locator(".barlayer .point")).to_have_count(2)


def test_a_chat_page_without_plots_requests_no_plot_code(page: Page, launch_app):
    paths = requests_of(page)
    page.goto(launch_app("examples/guide_basic.py"))
    send(page, "hello")
    expect(page.locator('[role="log"] [data-role="assistant"]')).to_have_text(["hello"])
    page.wait_for_load_state("networkidle")
    plot_code = ("/components/plot", "lineplot", "scatterplot", "barplot", "native_plot")
    assert [p for p in paths if any(name in p for name in plot_code)] == []
    assert plot_libraries(paths) == []
