"""gr.themes: building themes, resolving their variables, and the page that carries them
(light and dark), with launch()'s theme/css/css_paths/js/head/head_paths options."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

import blocks as gr
from blocks.themes.css import OUR_VARIABLES, theme_stylesheet

ROOT = Path(__file__).resolve().parent.parent
DARK = "@media (prefers-color-scheme: dark)"


def _app(**options) -> gr.Blocks:
    with gr.Blocks(**options) as demo:
        gr.Button("Go", variant="primary")
    return demo


def _style(html: str) -> str:
    """The page's own <style> block (the theme, css_paths and css=)."""
    match = re.search(r"<style>(.*?)</style>", html, re.S)
    assert match is not None
    return match.group(1)


def _light_and_dark(css: str) -> tuple[str, str]:
    light, _, dark = css.partition(DARK)
    return light, dark


@pytest.fixture
def launched():
    demos: list[gr.Blocks] = []

    def launch(demo: gr.Blocks, **options) -> str:
        demo.launch(prevent_thread_lock=True, quiet=True, **options)
        demos.append(demo)
        assert demo.local_url is not None
        return demo.local_url

    yield launch
    for demo in demos:
        demo.close()


def test_a_builtin_theme_can_be_named_by_a_string():
    assert isinstance(_app(theme="soft").theme, gr.themes.Soft)
    assert isinstance(_app(theme="Monochrome").theme, gr.themes.Monochrome)


def test_an_unknown_theme_name_is_an_error_listing_the_builtin_ones():
    with pytest.raises(ValueError, match="'citrus'"):
        _app(theme="lemon")


def test_a_theme_on_the_hub_is_not_downloaded_and_falls_back_to_the_default_look():
    with pytest.warns(UserWarning, match="not downloaded"):
        demo = _app(theme="someone/seafoam")
    assert demo.theme is None
    with pytest.raises(ValueError, match="does not download themes"):
        gr.themes.Base.from_hub("someone/seafoam")


def test_hues_by_name_or_by_color_object_set_the_primary_scale():
    by_name = gr.themes.Base(primary_hue="violet")
    by_object = gr.themes.Base(primary_hue=gr.themes.colors.violet)
    assert by_name.resolve("*primary_500") == by_object.resolve("*primary_500") == "#8b5cf6"
    with pytest.raises(ValueError, match="did you mean violet"):
        gr.themes.Base(primary_hue="violett")
    with pytest.raises(ValueError, match="radius_size='huge'"):
        gr.themes.Base(radius_size="huge")


def test_set_values_refer_to_the_hues_in_each_mode():
    theme = gr.themes.Base(primary_hue="emerald").set(
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_dark="*primary_300",
    )
    assert theme.resolve("*button_primary_background_fill") == "#047857"
    assert theme.resolve("*button_primary_background_fill", dark=True) == "#6ee7b7"
    # A variable that refers to another follows it.
    theme.set(primary_700="#123456")
    assert theme.resolve("*button_primary_background_fill") == "#123456"


def test_a_light_value_set_alone_keeps_a_distinct_dark_default_as_in_the_reference():
    theme = gr.themes.Base().set(
        block_background_fill="#fafafa", input_border_color="#cccccc", block_shadow="none"
    )
    assert theme.resolve("*block_background_fill", dark=True) == "#1f2937"  # *neutral_800
    assert theme.resolve("*input_border_color", dark=True) == "#374151"  # *border_color_primary
    # block_shadow has no dark default of its own: the light value applies in both.
    theme.set(block_shadow="0 0 2px red")
    assert theme.resolve("*block_shadow", dark=True) == "0 0 2px red"


def test_an_unknown_variable_is_an_error_naming_the_close_matches():
    with pytest.raises(TypeError, match="button_primary_background_fill"):
        gr.themes.Base().set(button_primary_backgroud_fill="red")
    with pytest.raises(ValueError, match=r"\*primary_500"):
        gr.themes.Base().set(body_background_fill="*primery_500")
    with pytest.raises(ValueError, match="without _dark"):
        gr.themes.Base().set(body_background_fill_dark="*neutral_950_dark")
    with pytest.raises(ValueError, match="single CSS value"):
        gr.themes.Base().set(body_background_fill="red; } body { color: red")


def test_variables_referring_in_a_circle_are_an_error():
    theme = gr.themes.Base().set(color_accent="*link_text_color", link_text_color="*color_accent")
    with pytest.raises(ValueError, match="circle"):
        theme_stylesheet(theme)


def test_a_google_font_is_named_with_its_fallbacks_and_never_fetched():
    theme = gr.themes.Base(
        font=[gr.themes.GoogleFont("Inter"), "ui-sans-serif", "sans-serif"],
        font_mono=gr.themes.GoogleFont("JetBrains Mono"),
    )
    css = theme_stylesheet(theme)
    assert "--font: \"Blocks Emoji\", 'Inter', ui-sans-serif, sans-serif" in css
    assert "--font-mono: 'JetBrains Mono';" in css
    assert "googleapis" not in css and "@import" not in css


def test_every_builtin_theme_sets_the_stylesheet_variables_in_light_and_dark():
    for cls in (gr.themes.Base, gr.themes.Default, gr.themes.Origin, gr.themes.Soft):
        self_check = theme_stylesheet(cls())
        light, dark = _light_and_dark(self_check)
        assert "--accent-fill:" in light and "--body-bg:" in light, cls
        assert "--body-bg:" in dark and "--body-text:" in dark, cls
    for cls in (gr.themes.Monochrome, gr.themes.Glass, gr.themes.Ocean, gr.themes.Citrus):
        light, dark = _light_and_dark(theme_stylesheet(cls()))
        assert "--accent-fill:" in light and "--body-bg:" in dark, cls


def test_each_variable_a_theme_maps_onto_is_declared_by_the_stylesheet():
    style = (ROOT / "frontend" / "style.css").read_text(encoding="utf-8")
    root = style[style.index(":root {") : style.index("}", style.index(":root {"))]
    missing = [name for name in OUR_VARIABLES if f"--{name}:" not in root]
    assert not missing, f"style.css :root lacks {missing}"


def test_the_page_carries_the_theme_for_light_and_dark():
    theme = gr.themes.Base(primary_hue="violet").set(
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_dark="*primary_400",
        body_background_fill_dark="#101018",
    )
    page = TestClient(_app(theme=theme).app).get("/")
    light, dark = _light_and_dark(_style(page.text))
    assert "--accent-fill: #6d28d9;" in light and "--primary-500: #8b5cf6;" in light
    assert "--accent-fill: #a78bfa;" in dark and "--body-bg: #101018;" in dark


def test_an_app_without_a_theme_keeps_the_stylesheet_look():
    page = TestClient(_app(css=".x { color: red }").app).get("/")
    assert _style(page.text).strip() == ".x { color: red }"


def test_the_apps_css_comes_after_the_theme_so_it_wins():
    page = TestClient(_app(theme="soft", css=":root { --accent-fill: hotpink; }").app).get("/")
    style = _style(page.text)
    assert style.index("--accent-fill: #6366f1") < style.index("--accent-fill: hotpink")


def test_launch_options_win_over_the_constructors(launched, tmp_path):
    sheet = tmp_path / "extra.css"
    sheet.write_text(".from-file { color: teal }", encoding="utf-8")
    demo = _app(theme="soft", css=".from-blocks { color: red }")
    url = launched(
        demo, theme=gr.themes.Monochrome(), css=".from-launch { color: blue }", css_paths=sheet
    )
    style = _style(httpx.get(url).text)
    assert "theme: monochrome" in style and "theme: soft" not in style
    assert ".from-launch" in style and ".from-blocks" not in style
    assert style.index(".from-file") < style.index(".from-launch")


def test_theme_and_css_given_to_launch_do_not_warn(launched, recwarn):
    launched(_app(), theme="citrus", css="body { margin: 0 }", head="<meta name=x>")
    assert not [w for w in recwarn if "ignores" in str(w.message)]


def test_a_missing_css_or_head_file_is_an_error_naming_the_parameter(tmp_path):
    with pytest.raises(ValueError, match=r"css_paths: .*nope\.css"):
        _app(css_paths=[tmp_path / "nope.css"])
    with pytest.raises(ValueError, match="head_paths"):
        _app().launch(head_paths=str(tmp_path / "nope.html"), prevent_thread_lock=True)


def test_launch_js_is_served_as_a_script_of_the_page(launched):
    url = launched(_app(), js="() => { document.title = 'from launch'; }")
    page = httpx.get(url).text
    src = re.search(r'<script defer src="(/js/\w+\.js)"', page)
    assert src is not None
    assert "from launch" in httpx.get(url.rstrip("/") + src.group(1)).text


def test_head_paths_scripts_carry_the_pages_nonce(launched, tmp_path):
    head = tmp_path / "head.html"
    head.write_text("<script>window.fromFile = 1</script>", encoding="utf-8")
    page = httpx.get(launched(_app(), head_paths=[head]))
    nonce = re.search(r"'nonce-([\w-]+)'", page.headers["content-security-policy"])
    assert nonce is not None
    assert f'<script nonce="{nonce[1]}">window.fromFile = 1</script>' in page.text


def test_a_theme_saved_to_a_file_loads_back_the_same(tmp_path):
    theme = gr.themes.Soft(primary_hue="rose").set(body_background_fill_dark="#000000")
    theme.dump(tmp_path / "theme.json")
    loaded = gr.themes.Base.load(tmp_path / "theme.json")
    assert theme_stylesheet(loaded).replace("theme: soft", "") == theme_stylesheet(theme).replace(
        "theme: soft", ""
    )


def test_theme_modules_are_reachable_as_the_reference_spells_them():
    from blocks.themes.utils import colors, fonts, sizes

    assert colors.indigo.c500 == "#6366f1"
    assert sizes.text_lg.md == "16px"
    assert isinstance(fonts.GoogleFont("Inter"), gr.themes.Font)
    assert gr.themes.Theme is gr.themes.Base
