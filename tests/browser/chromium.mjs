// The browser every browser test, page benchmark and package check launches (playwright-core's chromium.launch
// options): Debian's chromium-headless-shell (web/tools/setup.sh installs it), Chromium's headless build, the one
// Playwright itself runs headless tests in. It renders pages with the same Blink and V8 as the full browser, but has
// no browser window around them. The full browser (Debian's chromium) builds that window's interface, a page of
// its own (the address bar's suggestion popup: 150 to 300 chrome:// requests in the traces taken), for every new
// browser context, on the same 2 cores as the page under test: measured on this machine, 20 cold loads of the demo
// took a median of 296-300 ms from navigation to the Start button in it against 146-155 ms in the headless shell,
// with a task over 50 ms in most loads against none. So the page benches' figures are the page's own, and not
// comparable with those of earlier commits, which were taken in the full browser.
// timeout: a launch takes under a second here; one that hangs fails in a minute instead of Playwright's three, so
// every browser test file failing that way still ends well inside CI's time limit.
export const CHROMIUM = {
    executablePath: '/usr/bin/chromium-headless-shell',
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
};
