// Theming (issue 14, finding 2): whatever a host page sets of the documented custom properties (README, "Theming"),
// in a light or a dark colour scheme, every text keeps AA contrast (4.5:1) and the level colours follow the host's
// background and text colours. The finding itself: a light --rootcheck-bg and --rootcheck-fg on a phone in dark mode
// put "Go to an emergency department now" at about 1.1:1 (dark text on the dark mode's dark red).
//
// 1. axe at 0 violations on the intro, a question screen, the red-flag alert, the question screen under the
//    emergency banner and the emergency results, in both colour schemes, with no host theme, a partial light and a
//    partial dark host theme (background and text only), and only --rootcheck-accent set to a mid colour.
// 2. The finding measured directly: the emergency level title and the alert's call button text at 4.5:1 or more
//    with the light host theme in dark mode.
// 3. A sweep of host themes (each subset of background, text, accent and level colours, light and dark) over the
//    alert, the banner and the results of every level: every text at 4.5:1, level borders and icons at 3:1.
// 4. Screenshots (375 and 1280 px) of the alert and the emergency results in the default light and dark themes and
//    with the light host theme in dark mode, saved as tests/artifacts/screenshots/theming-*.png.
//
// Themes are set the way a host page does, as custom properties on the element. axe adds inline styles that the
// strict CSP refuses, so the pages are opened with bypassCSP (as in accessibility.test.mjs).
import { after, before, test } from 'node:test';
import { assert, Person, runAxe, screenshot, startHarness } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const LIGHT_HOST = { '--rootcheck-bg': '#ffffff', '--rootcheck-fg': '#1a1a1a' };
const DARK_HOST = { '--rootcheck-bg': '#1c1c1e', '--rootcheck-fg': '#f2f2f7' };
// Relative luminance about 0.2: as text or as a button behind white or black text it fails 4.5:1 either way.
const MID_ACCENT = { '--rootcheck-accent': '#b8609a' };
const THEMES = {
  'no host theme': {},
  'a partial light host theme': LIGHT_HOST,
  'a partial dark host theme': DARK_HOST,
  'only a mid accent': MID_ACCENT,
};
const SCHEMES = ['light', 'dark'];

function describe(where, violations) {
  return violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.map((n) =>
    `${JSON.stringify(n.target)} ${n.summary}`).join('\n    ')}`);
}

/**
 * Sets `theme` ({property: value}) on the element, replacing the previous one, as a host page's stylesheet would.
 * Tests that change the theme of a page on view do so with reduced motion: colours then change at once, not through
 * the widget's 120 ms transitions.
 */
function applyTheme(page, theme) {
  return page.evaluate((properties) => {
    const element = document.querySelector('root-check');
    for (const name of [...element.style]) if (name.startsWith('--rootcheck-')) element.style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) element.style.setProperty(name, value);
  }, theme);
}

/** A page with the widget, the theme set and the colour scheme emulated, on its intro. */
async function openThemed(theme, colorScheme, { width = 1280 } = {}) {
  const tab = await harness.open('index.html', { width, bypassCSP: true });
  await tab.page.emulateMedia({ colorScheme });
  await applyTheme(tab.page, theme);
  const person = new Person(tab.page, 'en');
  await tab.page.getByRole('button', { name: person.ui('start'), exact: true }).waitFor();
  return { tab, person };
}

/** From the intro to the red-flag alert, through the first screen with one harmless answer given. */
async function toAlert(person) {
  await person.start();
  const first = person.questions[0];
  await person.group(first.id).getByRole('radio', { name: person.optionLabel(first.id, 'no'), exact: true }).check();
  assert.equal(await person.answer({ urinary_retention_new: 'yes' }), 'escalated');
  await person.dialog().waitFor();
}

/** Back from the alert to the question screen, where the emergency banner shows. */
async function alertToBanner(person) {
  await person.dialog().getByRole('button', { name: person.ui('back'), exact: true }).click();
  await person.dialog().waitFor({ state: 'detached' });
  await person.page.locator('root-check .banner').waitFor();
}

async function bannerToResults(person) {
  await person.page.locator('root-check .banner')
    .getByRole('button', { name: person.ui('escalate_summary'), exact: true }).click();
  await person.resultsHeading().waitFor();
}

// Runs in the page: contrast measurements inside the widget's shadow root. Colours are resolved by painting them on
// a canvas (whatever their syntax: color-mix(), oklch(), color()); a background is the composite of the element's and
// its ancestors' backgrounds (across the shadow boundary) over white. Returns {ratio, text, fg, bg} per item.
function measureInPage({ kind, selector }) {
  const canvas = document.createElement('canvas');
  canvas.width = 1; canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const rgba = (css) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = '#000';
    context.fillStyle = css;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = ([r, g, b, a], [br, bg, bb]) => [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a), 1];
  const parentOf = (element) => element.parentElement ?? element.getRootNode().host ?? null;
  const backgroundBehind = (element) => {
    const layers = [];
    for (let at = element; at; at = parentOf(at)) {
      const colour = rgba(getComputedStyle(at).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]) => {
    const linear = (c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const ratio = (a, b) => {
    const [dark, light] = [luminance(a), luminance(b)].sort((x, y) => x - y);
    return (light + 0.05) / (dark + 0.05);
  };
  const hex = (c) => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  const root = document.querySelector('root-check').shadowRoot;
  const visible = (element) => element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const describeElement = (element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
  const results = [];
  const add = (element, foreground, background, what) => {
    const fg = over(foreground, background);
    results.push({ ratio: ratio(fg, background), text: what, fg: hex(fg), bg: hex(background) });
  };
  if (kind === 'texts') {
    // Every element that holds text of its own, outside the body diagram (it draws on its own fixed light panel).
    for (const element of root.querySelectorAll('*')) {
      const ownText = [...element.childNodes]
        .some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
      if (!ownText || !visible(element) || element.closest('.rc-diagram, .visually-hidden, .scratch')) continue;
      add(element, rgba(getComputedStyle(element).color), backgroundBehind(element),
        `${describeElement(element)} "${element.textContent.trim().slice(0, 40)}"`);
    }
  } else if (kind === 'graphics') {
    // Level and safety colours as graphics: icons against their box, boxes' borders against what is around them.
    for (const element of root.querySelectorAll('.level-icon .icon, .safety-head .icon, .escalation-head .icon')) {
      if (!visible(element)) continue;
      add(element, rgba(getComputedStyle(element).color), backgroundBehind(element), describeElement(element));
    }
    for (const element of root.querySelectorAll('.level-card, .banner, .safety-net')) {
      if (!visible(element)) continue;
      const border = rgba(getComputedStyle(element).borderTopColor);
      add(element, border, backgroundBehind(parentOf(element)), `border of ${describeElement(element)}`);
      add(element, border, backgroundBehind(element), `border of ${describeElement(element)} against its inside`);
    }
  } else {
    const element = root.querySelector(selector);
    if (element) {
      add(element, rgba(getComputedStyle(element).color), backgroundBehind(element), element.textContent.trim());
    }
  }
  return results;
}

const measure = (page, request) => page.evaluate(measureInPage, request);
const show = (item) => `${item.text}: ${item.fg} on ${item.bg} at ${item.ratio.toFixed(2)}:1`;

for (const colorScheme of SCHEMES) {
  for (const [name, theme] of Object.entries(THEMES)) {
    test(`no axe violation with ${name} in the ${colorScheme} colour scheme`, async () => {
      const { tab, person } = await openThemed(theme, colorScheme);
      const problems = describe('intro', await runAxe(tab.page));
      await toAlert(person);
      problems.push(...describe('alert', await runAxe(tab.page)));
      await alertToBanner(person);
      problems.push(...describe('question screen with the banner', await runAxe(tab.page)));
      await bannerToResults(person);
      problems.push(...describe('emergency results', await runAxe(tab.page)));
      assert.deepEqual(problems, []);
      tab.assertClean();
      await tab.close();
    });
  }
}

test('axe sees a question screen with an answer chosen in every theme and scheme', async () => {
  const { tab, person } = await openThemed({}, 'light');
  await tab.page.emulateMedia({ reducedMotion: 'reduce' });
  await person.start();
  const first = person.questions[0];
  await person.group(first.id).getByRole('radio', { name: person.optionLabel(first.id, 'no'), exact: true }).check();
  const problems = [];
  for (const colorScheme of SCHEMES) {
    await tab.page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    for (const [name, theme] of Object.entries(THEMES)) {
      await applyTheme(tab.page, theme);
      problems.push(...describe(`question screen, ${name}, ${colorScheme}`, await runAxe(tab.page)));
    }
  }
  assert.deepEqual(problems, []);
  tab.assertClean();
  await tab.close();
});

test('with a light host theme in dark mode the emergency stays readable (the finding)', async () => {
  for (const width of [375, 1280]) {
    const { tab, person } = await openThemed(LIGHT_HOST, 'dark', { width });
    await toAlert(person);
    const [call] = await measure(tab.page, { kind: 'one', selector: 'dialog .button.call' });
    assert.ok(call, 'the alert has a call button');
    assert.ok(call.ratio >= 4.5, `${width} px: call button ${show(call)}`);
    await alertToBanner(person);
    await bannerToResults(person);
    const selector = '.level-card[data-level="emergency"] .level-title';
    const [title] = await measure(tab.page, { kind: 'one', selector });
    assert.ok(title, 'the results show the emergency level');
    assert.ok(title.ratio >= 4.5, `${width} px: level title ${show(title)}`);
    tab.assertClean();
    await tab.close();
  }
});

test('screenshots of the alert and the emergency results in the default themes and a light theme in dark', async () => {
  const cases = { light: ['light', {}], dark: ['dark', {}], 'dark-light-host': ['dark', LIGHT_HOST] };
  for (const width of [375, 1280]) {
    for (const [name, [colorScheme, theme]] of Object.entries(cases)) {
      const { tab, person } = await openThemed(theme, colorScheme, { width });
      await toAlert(person);
      await screenshot(tab.page, `theming-${width}-${name}-alert`, { fullPage: false });
      await alertToBanner(person);
      await bannerToResults(person);
      await screenshot(tab.page, `theming-${width}-${name}-results`);
      tab.assertClean();
      await tab.close();
    }
  }
});

// Host themes for the sweep: background and text together, either alone, nothing; crossed with the accent and the
// level colours set or not. Values a host might choose, not only the extremes.
const SURFACES = {
  none: {},
  'light bg+fg': LIGHT_HOST,
  'dark bg+fg': DARK_HOST,
  'warm light bg+fg': { '--rootcheck-bg': '#fffbe6', '--rootcheck-fg': '#2b2b2b' },
  'navy bg+fg': { '--rootcheck-bg': '#0d1b2a', '--rootcheck-fg': '#e0e6ed' },
  'only light bg': { '--rootcheck-bg': '#ffffff' },
  'only dark bg': { '--rootcheck-bg': '#121212' },
  'only dark fg': { '--rootcheck-fg': '#222222' },
  'only light fg': { '--rootcheck-fg': '#eeeeee' },
};
const ACCENTS = {
  none: {}, mid: MID_ACCENT, navy: { '--rootcheck-accent': '#0b2e59' }, pale: { '--rootcheck-accent': '#a8e0ff' },
};
const LEVELS = {
  none: {},
  'host level colours': {
    '--rootcheck-emergency': '#d00000', '--rootcheck-urgent': '#f08c00', '--rootcheck-soon': '#ffd60a',
    '--rootcheck-self-care': '#2b9348', '--rootcheck-safety': '#5a189a', '--rootcheck-focus': '#ff006e',
  },
};

async function sweep(page, where, { levels = [null] } = {}) {
  const failures = [];
  let checked = 0;
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    for (const [surfaceName, surface] of Object.entries(SURFACES)) {
      for (const [accentName, accent] of Object.entries(ACCENTS)) {
        for (const [levelName, levelColours] of Object.entries(LEVELS)) {
          await applyTheme(page, { ...surface, ...accent, ...levelColours });
          for (const level of levels) {
            // The results show one level; the card's level attribute alone picks its colours, so each is tried.
            if (level) await page.evaluate((value) => {
              document.querySelector('root-check').shadowRoot.querySelector('.level-card').dataset.level = value;
            }, level);
            const theme = `${where}${level ? ` (${level})` : ''}, ${colorScheme}, ${surfaceName}, `
              + `accent ${accentName}, ${levelName}`;
            for (const item of await measure(page, { kind: 'texts' })) {
              checked += 1;
              if (item.ratio < 4.5) failures.push(`${theme}: ${show(item)}`);
            }
            for (const item of await measure(page, { kind: 'graphics' })) {
              checked += 1;
              if (item.ratio < 3) failures.push(`${theme}: ${show(item)}`);
            }
          }
        }
      }
    }
  }
  return { failures, checked };
}

test('every text at 4.5:1 and every level colour at 3:1 whatever the host sets', async () => {
  const { tab, person } = await openThemed({}, 'light', { width: 375 });
  await toAlert(person);
  const alert = await sweep(tab.page, 'alert');
  await alertToBanner(person);
  const banner = await sweep(tab.page, 'banner');
  await bannerToResults(person);
  const results = await sweep(tab.page, 'results', { levels: ['emergency', 'urgent', 'soon', 'self_care'] });
  const failures = [...alert.failures, ...banner.failures, ...results.failures];
  assert.ok(alert.checked + banner.checked + results.checked > 10000, 'the sweep measured the screens');
  assert.deepEqual(failures.slice(0, 40), [], `${failures.length} contrast failures`);
  tab.assertClean();
  await tab.close();
});
