#!/usr/bin/env python3
"""Opens credlint's HTML report in headless Chromium (Selenium) and checks what a reader
relies on: no console errors, no network request but the file itself, one matrix row per
account, the severity/rule/account filters and the search, and that a hostile user name
renders as text without running. Usage: test-html.py CREDLINT_BINARY SCREENSHOT_OR_-"""
import json, os, subprocess, sys, tempfile
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

credlint, shot = sys.argv[1], sys.argv[2]
HOSTILE = "<script>alert(1)</script>"
HEADER = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
          "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
          "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
          "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
          "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
          "cert_1_last_rotated,cert_2_active,cert_2_last_rotated")
ROW = ("{n},arn:aws:iam::999988887777:user/x,2025-01-01T00:00:00+00:00,true,2025-02-01T00:00:00+00:00,"
       "2025-01-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A")

failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok: failures.append(what)

def lint(paths, out):
    subprocess.run([credlint, "lint", *paths, "--as-of", "2026-11-28T12:00:00Z", "--output", "html=" + out,
                    "--format", "text"], stdout=subprocess.DEVNULL, check=False)

tmp = tempfile.mkdtemp()
hostile_dir = os.path.join(tmp, "hostile")
os.makedirs(hostile_dir)
with open(os.path.join(hostile_dir, "credential-report.csv"), "w") as f:
    f.write(HEADER + "\n" + ROW.format(n=HOSTILE) + "\n")
report = os.path.join(tmp, "report.html")
lint(["samples/", hostile_dir], report)

opts = webdriver.ChromeOptions()
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--disable-dev-shm-usage"]:
    opts.add_argument(a)
opts.binary_location = "/usr/bin/chromium"
opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
try:
    url = "file://" + report
    driver.get(url)
    logs = driver.get_log("browser")
    errors = [l for l in logs if l["level"] in ("SEVERE", "ERROR")]
    check(not errors, "no console errors " + json.dumps(errors)[:400])
    requests = set()
    for entry in driver.get_log("performance"):
        m = json.loads(entry["message"])["message"]
        if m.get("method") == "Network.requestWillBeSent":
            requests.add(m["params"]["request"]["url"])
    check(requests <= {url}, "no network request but the file: %s" % sorted(requests))
    check(driver.execute_script("return window.__alerted === undefined && document.scripts.length") == 1,
          "exactly one script element, none injected")
    accounts = driver.find_elements(By.CSS_SELECTOR, "section.acct")
    rows = driver.find_elements(By.CSS_SELECTOR, "#matrix tbody tr")
    check(len(rows) == len(accounts) == 4, "one matrix row per account (%d rows, %d accounts)" % (len(rows), len(accounts)))
    body = driver.find_element(By.TAG_NAME, "body").text
    check(HOSTILE in body, "hostile user name shows as text")
    def visible(css): return [e for e in driver.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]
    total = len(visible("tr.f"))
    # Severity: only critical left.
    for b in driver.find_elements(By.CSS_SELECTOR, "input[name=sev]"):
        if b.get_attribute("value") != "critical": b.click()
    sevs = {e.get_attribute("data-sev") for e in visible("tr.f")}
    check(sevs == {"critical"}, "severity filter leaves only critical findings (%s)" % sevs)
    check(len(visible("#matrix tbody tr")) < len(rows), "severity filter hides accounts without critical findings")
    driver.find_element(By.ID, "f-reset").click()
    check(len(visible("tr.f")) == total, "reset shows every finding again")
    Select(driver.find_element(By.ID, "f-rule")).select_by_value("CL201")
    rules = {e.get_attribute("data-rule") for e in visible("tr.f")}
    check(rules == {"CL201"}, "rule filter leaves only CL201 (%s)" % rules)
    driver.find_element(By.ID, "f-reset").click()
    Select(driver.find_element(By.ID, "f-account")).select_by_value("999988887777")
    check(len(visible("section.acct")) == 1 and len(visible("#matrix tbody tr")) == 1, "account filter leaves one account")
    driver.find_element(By.ID, "f-reset").click()
    driver.find_element(By.ID, "f-search").send_keys("alert(1)")
    found = visible("tr.f")
    check(0 < len(found) < total and all("alert(1)" in e.text for e in found), "search finds the hostile row only")
    driver.find_element(By.ID, "f-reset").click()
    if shot != "-":
        samples = os.path.join(tmp, "samples.html")
        lint(["samples/"], samples)
        driver.set_window_size(1280, 900)
        driver.get("file://" + samples)
        driver.save_screenshot(shot)
finally:
    driver.quit()
print("html browser test: %d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
