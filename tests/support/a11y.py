"""axe-core (tests/support/vendor/axe.min.js) inside a page under test, and the page's CSP violations.

The script is not served by the app: a Playwright route answers one made-up URL on the app's own origin with the
vendored file, so the page's Content-Security-Policy (`script-src 'self'`) lets it run like any of our scripts."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_PATH = "/__test-only__/axe.min.js"
SERIOUS = ("serious", "critical")

# Installed before any page script: every securitypolicyviolation event of the page, in window.__cspViolations.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


def record_csp_violations(page: Page) -> None:
    page.add_init_script(CSP_RECORDER)


def csp_violations(page: Page) -> list[str]:
    return page.evaluate("() => window.__cspViolations || []")


def axe_violations(page: Page, base_url: str, impacts=SERIOUS) -> list[str]:
    """The page's axe-core violations of the given impacts, one line each (rule, impact, first targets)."""
    url = base_url.rstrip("/") + AXE_PATH
    page.route(url, lambda route: route.fulfill(body=AXE_JS.read_bytes(), content_type="application/javascript"))
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(url=url)
    results = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
                                       count: v.nodes.length}));
    }""")
    return [f"{v['id']} ({v['impact']}, {v['count']}×): {v['help']} — {'; '.join(v['targets'])}"
            for v in results if v["impact"] in impacts]
