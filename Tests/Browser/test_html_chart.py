"""The interactive HTML chart in a real browser: Debian's chromium, headless, driven by Selenium.

Run by scripts/browser-test.sh, which renders the pages into a folder given as the argument:
kuaishou.html (the Kuaishou timeline, four snapshots), big.html (a generated org of 20,000
people) and big.csv (that org, for a name to look for).
"""
import csv
import os
import sys
import time
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

FOLDER = sys.argv.pop(1) if len(sys.argv) > 1 else "."


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900", "--disable-gpu"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Page:
    def __init__(self, driver, name, timeout=30):
        self.driver = driver
        started = time.monotonic()
        driver.get("file://" + os.path.abspath(os.path.join(FOLDER, name)))
        WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        self.load_seconds = time.monotonic() - started

    def js(self, script, *arguments):
        return self.driver.execute_script(script, *arguments)

    def card(self, text):
        """The visible frame's card (an SVG g.node) whose text holds `text`."""
        return self.js(
            "const f = Array.from(document.querySelectorAll('section.frame')).find(s => !s.hidden);"
            "return Array.from(f.querySelectorAll('g.node')).find(g => g.textContent.includes(arguments[0])) || null;", text)

    def classes(self, element):
        return set(self.js("return arguments[0].getAttribute('class')", element).split())

    def in_view(self, element):
        return self.js(
            "const r = arguments[0].getBoundingClientRect(), v = document.getElementById('viewport').getBoundingClientRect();"
            "return r.width > 0 && r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;", element)

    def search(self, text):
        box = self.driver.find_element(By.ID, "search")
        box.clear()
        self.js("document.getElementById('count').textContent = ''")
        box.send_keys(text)
        WebDriverWait(self.driver, 10).until(lambda d: d.find_element(By.ID, "count").text != "")
        return [li.text.split("\n")[0] for li in self.driver.find_elements(By.CSS_SELECTOR, "#results li")]

    def click_card(self, text):
        card = self.card(text)
        # The card's name, drawn on top: where a reader clicks.
        ActionChains(self.driver).move_to_element(card.find_element(By.CSS_SELECTOR, "text")).click().perform()
        return card

    def transform(self):
        return self.js("return document.getElementById('stage').style.transform")


class KuaishouTimeline(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def setUp(self):
        self.page = Page(self.driver, "kuaishou.html")

    def test_opens_on_the_latest_snapshot_with_its_changes(self):
        page = self.page
        self.assertEqual(page.js("return document.querySelectorAll('section.frame').length"), 4)
        self.assertEqual(self.driver.find_element(By.ID, "date-label").text, "2025-09-30")
        changes = [li.text for li in self.driver.find_elements(By.CSS_SELECTOR, "#change-list ul li")]
        self.assertIn("~ renamed 本地生活事业部 Local Life BU → 生活服务事业部 Life Services BU", changes)
        headings = [li.text.split("\n")[0] for li in self.driver.find_elements(By.CSS_SELECTOR, "#change-list > li")]
        self.assertEqual(headings[0], "快手 Kuaishou ['kuaishou']")
        self.assertNotIn("span of control", " ".join(changes))
        self.assertIn("+ staff post 公司业务顾问 Company business advisor ['business-advisor'] held by 笑古 Xiao Gu", changes)
        # Liu Xiao's card: the new head of Life Services; Xiao Gu's: his new post.
        self.assertIn("mark-head", page.classes(page.card("刘逍 Liu Xiao")))
        self.assertIn("mark-added", page.classes(page.card("笑古 Xiao Gu")))

    def test_search_in_either_language_by_title_or_id_jumps_to_the_card(self):
        page = self.page
        for query, name in (("刘逍", "刘逍 Liu Xiao"), ("liu xiao", "刘逍 Liu Xiao"), ("wang-jianwei", "王剑伟 Wang Jianwei †"),
                            ("business advisor", "笑古 Xiao Gu"), ("财务", "金秉 Jin Bing")):
            self.assertEqual(page.search(query), [name], query)
        # Zoomed out, then Enter: the card found is marked and brought into view.
        self.driver.find_element(By.ID, "fit").click()
        for _ in range(6):
            self.driver.find_element(By.ID, "zoom-out").click()
        page.search("Liu Xiao")
        self.driver.find_element(By.ID, "search").send_keys(Keys.ENTER)
        card = page.card("刘逍 Liu Xiao")
        self.assertIn("found", page.classes(card))
        self.assertTrue(page.in_view(card))
        self.assertEqual(self.driver.find_element(By.ID, "details-name").text, "刘逍 Liu Xiao")

    def test_clicking_a_card_marks_its_chain_and_reports(self):
        page = self.page
        page.click_card("刘逍 Liu Xiao")
        self.assertIn("selected", page.classes(page.card("刘逍 Liu Xiao")))
        self.assertIn("chain", page.classes(page.card("王剑伟 Wang Jianwei")))
        self.assertIn("chain", page.classes(page.card("程一笑 Cheng Yixiao")))
        self.assertNotIn("chain", page.classes(page.card("金秉 Jin Bing")))
        self.assertEqual(self.driver.find_element(By.ID, "details-chain").text, "Reports to: 王剑伟 Wang Jianwei † → 程一笑 Cheng Yixiao")
        page.click_card("王剑伟 Wang Jianwei")
        self.assertIn("reports", page.classes(page.card("刘逍 Liu Xiao")))
        self.assertEqual(self.driver.find_element(By.ID, "details-reports").text, "1 direct report, 1 in all below.")

    def test_a_subtree_collapses_and_expands(self):
        page = self.page
        page.click_card("程一笑 Cheng Yixiao")
        self.driver.find_element(By.ID, "collapse").click()
        for name in ("王剑伟 Wang Jianwei", "刘逍 Liu Xiao", "金秉 Jin Bing", "笑古 Xiao Gu"):
            self.assertFalse(page.card(name).is_displayed(), name)
        self.assertTrue(page.card("程一笑 Cheng Yixiao").is_displayed())
        # No line is left drawn to a hidden card.
        self.assertEqual(page.js("return Array.from(document.querySelectorAll('section.frame:not([hidden]) g.edge')).filter(g => getComputedStyle(g).display !== 'none').length"), 0)
        self.assertEqual(page.js("return document.querySelector('section.frame:not([hidden]) text.badge').textContent"), "+4")
        self.assertEqual(self.driver.find_element(By.ID, "collapse").text, "Expand the reports")
        self.driver.find_element(By.ID, "collapse").click()
        self.assertTrue(page.card("刘逍 Liu Xiao").is_displayed())
        self.assertEqual(page.js("return document.querySelectorAll('text.badge').length"), 0)
        # Searching for a card inside a collapsed subtree opens it.
        page.click_card("王剑伟 Wang Jianwei")
        self.driver.find_element(By.ID, "collapse").click()
        self.assertFalse(page.card("刘逍 Liu Xiao").is_displayed())
        page.search("刘逍")
        self.driver.find_element(By.ID, "search").send_keys(Keys.ENTER)
        self.assertTrue(page.card("刘逍 Liu Xiao").is_displayed())

    def test_the_date_control_steps_through_the_snapshots(self):
        page = self.page
        self.driver.find_element(By.ID, "prev").click()
        self.assertEqual(self.driver.find_element(By.ID, "date-label").text, "2023-11")
        changes = [li.text for li in self.driver.find_elements(By.CSS_SELECTOR, "#change-list ul li")]
        self.assertEqual(changes[0], "~ head of 电商事业部 E-commerce BU ['ecommerce']: 程一笑 Cheng Yixiao → 王剑伟 Wang Jianwei")
        self.assertIn("mark-head", page.classes(page.card("王剑伟 Wang Jianwei")))
        # Liu Xiao is not yet head of anything called Life Services.
        self.assertIsNone(page.card("生活服务事业部"))
        self.driver.find_element(By.ID, "prev").click()
        self.driver.find_element(By.ID, "prev").click()
        self.assertEqual(self.driver.find_element(By.ID, "date-label").text, "2022-11")
        self.assertFalse(self.driver.find_element(By.ID, "changes").is_displayed(), "the first snapshot has no step before it")
        self.driver.find_element(By.ID, "prev").click()
        self.assertEqual(self.driver.find_element(By.ID, "date-label").text, "2022-11")
        # The slider goes straight to the latest.
        page.js("const d = document.getElementById('date'); d.value = '3'; d.dispatchEvent(new Event('input'));")
        self.assertEqual(self.driver.find_element(By.ID, "date-label").text, "2025-09-30")
        self.assertIsNotNone(page.card("生活服务事业部"))

    def test_wheel_zooms_and_dragging_pans(self):
        page = self.page
        before = page.transform()
        viewport = self.driver.find_element(By.ID, "viewport")
        ActionChains(self.driver).scroll_from_origin(webdriver.common.actions.wheel_input.ScrollOrigin.from_element(viewport), 0, -300).perform()
        zoomed = page.transform()
        self.assertNotEqual(zoomed, before)
        scale = lambda t: float(t.split("scale(")[1].rstrip(")"))
        self.assertGreater(scale(zoomed), scale(before))
        # Drag from the viewport's top left corner, where no card is.
        size = viewport.size
        corner = (-size["width"] // 2 + 10, -size["height"] // 2 + 10)
        ActionChains(self.driver).move_to_element_with_offset(viewport, *corner).click_and_hold().move_by_offset(120, 80).release().perform()
        moved = page.transform()
        self.assertEqual(scale(moved), scale(zoomed))
        self.assertNotEqual(moved, zoomed)


class TwentyThousandPeople(unittest.TestCase):
    def test_opens_and_finds_a_person(self):
        driver = browser()
        try:
            page = Page(driver, "big.html", timeout=120)
            print(f"\n20,000-person page: ready in {page.load_seconds:.1f} s", file=sys.stderr)
            with open(os.path.join(FOLDER, "big.csv"), newline="", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            name = rows[12345]["name"]
            started = time.monotonic()
            found = page.search(name)
            self.assertIn(name, found)
            driver.find_element(By.ID, "search").send_keys(Keys.ENTER)
            card = page.js("return document.querySelector('g.node.found')")
            print(f"search and jump: {time.monotonic() - started:.1f} s", file=sys.stderr)
            self.assertIn(name, card.text if card.text else page.js("return arguments[0].textContent", card))
            self.assertTrue(page.in_view(card))
            self.assertEqual(page.js("return document.querySelectorAll('g.node').length"), 20000 + 1)
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main(verbosity=2)
