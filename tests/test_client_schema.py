"""The schema the client reads (``GET /api/schema``, also at ``GET /api/info``): every
documented endpoint's parameters by name, with defaults, Python types and descriptions; and
what an unknown endpoint's 404 names. Served for real."""

import httpx
import pytest

import blocks as gr


def greet(name, times, request: gr.Request, progress=gr.Progress()):
    """Greets someone."""
    return "Hello " + name + "!" * int(times)


def hidden(text):
    return text


@pytest.fixture(scope="module")
def url():
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name", info="who to greet")
        times = gr.Slider(1, 5, value=2, step=1, label="Times")
        seen = gr.State([])
        out = gr.Textbox(label="Greeting")
        gr.Button().click(greet, [name, times], out)
        gr.Button().click(
            lambda *values: str(values),
            [seen, gr.Number(label="2 many"), gr.Image()],
            out,
            api_name="star",
        )
        gr.Button().click(
            lambda choice, files, message: choice,
            [
                gr.Dropdown(["a", "b"], label="Pick"),
                gr.File(file_count="multiple"),
                gr.MultimodalTextbox(),
            ],
            out,
            api_name="kinds",
        )
        gr.Button().click(hidden, name, out, api_visibility="undocumented")
        gr.Button().click(hidden, name, out, api_name="secret", api_visibility="private")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


@pytest.fixture(scope="module")
def endpoints(url):
    return httpx.get(url + "/api/schema").json()["endpoints"]


def test_parameters_are_named_after_the_function_with_defaults_from_their_components(endpoints):
    name, times = endpoints["greet"]["parameters"]
    assert (name["name"], name["has_default"], name["default"]) == ("name", False, None)
    assert (times["name"], times["has_default"], times["default"]) == ("times", True, 2)
    assert name["description"] == "who to greet"
    assert name["python_type"] == {"type": "str", "description": ""}
    assert times["python_type"]["type"] == "float"
    assert endpoints["greet"]["description"] == "Greets someone."
    (returned,) = endpoints["greet"]["returns"]
    assert returned["python_type"]["type"] == "str" and returned["label"] == "Greeting"


def test_inputs_past_the_functions_named_parameters_are_named_after_their_labels(endpoints):
    names = [parameter["name"] for parameter in endpoints["star"]["parameters"]]
    assert names == ["_2_many", "image"]  # the State takes no value and has no name


def test_python_types_follow_each_components_payload(endpoints):
    pick, files, message = endpoints["kinds"]["parameters"]
    assert pick["python_type"]["type"] == "Literal['a', 'b']"
    assert (pick["has_default"], pick["default"]) == (True, "a")
    assert files["python_type"]["type"] == "list[filepath] | None"
    assert message["python_type"]["type"] == "dict(text: str, files: list[filepath])"
    assert endpoints["star"]["parameters"][1]["python_type"]["type"] == "filepath | None"


def test_api_info_serves_the_schema_too(url):
    answer = httpx.get(url + "/api/info")
    assert answer.status_code == 200
    assert answer.json() == httpx.get(url + "/api/schema").json()


def test_an_unknown_endpoint_404_names_only_the_documented_ones(url, endpoints):
    answer = httpx.post(url + "/api/nope", json={"data": []})
    assert answer.status_code == 404
    message = answer.json()["error"]
    assert "greet" in message and "kinds" in message
    assert "hidden" not in message and "secret" not in message
    assert "hidden" not in endpoints and "secret" not in endpoints
    assert httpx.post(url + "/api/hidden", json={"data": ["ok"]}).json()["data"] == ["ok"]
