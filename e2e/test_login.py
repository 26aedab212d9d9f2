"""The login page of an app launched with auth=..., in a real browser."""

from playwright.sync_api import Page, expect


def test_a_visitor_logs_in_on_the_login_page_and_uses_the_app(page: Page, launch_app):
    url = launch_app("e2e/apps/login.py")
    page.goto(url)
    expect(page).to_have_url(f"{url}/login")
    expect(page.get_by_role("heading", name="Log in to Members")).to_be_visible()
    expect(page.get_by_text("Ask Ada for the password.")).to_be_visible()
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_have_text("Incorrect username or password.")
    expect(page.get_by_label("Username")).to_have_value("ada")  # kept for the next try
    page.get_by_label("Password").fill("lovelace")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{url}/")
    page.get_by_role("textbox", name="Name").fill("Bo")
    page.get_by_role("button", name="Greet").click()
    expect(page.get_by_role("textbox", name="Greeting")).to_have_value("Hello Bo, from ada!")
