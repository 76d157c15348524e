// Spanish: with lang="es" every text of the widget comes from rules/locales/es.json. Walks a whole journey (intro,
// every question screen, the body diagram, the results) and the red-flag alert, and checks that no English text of
// the locale whose Spanish counterpart differs is visible anywhere (shadow roots included).
import { after, before, test } from 'node:test';
import { assert, Person, escapeRegExp, loadLocale, startHarness, visibleTexts } from './harness.mjs';
import { SOON_L5_LEFT } from './answers.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

// The English fragments that must not show: for each key whose texts differ, the English text split at its
// {placeholders}, each piece matched as whole words.
function englishPatterns() {
  const en = loadLocale('en');
  const es = loadLocale('es');
  const patterns = [];
  for (const [key, english] of Object.entries(en)) {
    if (es[key] === english) continue;
    for (const piece of english.split(/\{[^}]*\}/)) {
      const text = piece.trim();
      if (text.length < 2 || !/[A-Za-z]{2}/.test(text)) continue;
      if (es[key] && es[key].includes(text)) continue; // shared with the Spanish text (a code, a number, a name)
      patterns.push({ key, text, pattern: new RegExp(`(^|[^\\p{L}])${escapeRegExp(text)}($|[^\\p{L}])`, 'u') });
    }
  }
  return patterns;
}

function englishLeft(texts, patterns) {
  const page = texts.join('\n');
  return patterns.filter(({ pattern }) => pattern.test(page)).map(({ key, text }) => `${key}: "${text}"`);
}

test('a whole Spanish journey shows no English text', async () => {
  const tab = await harness.open('examples/spanish.html');
  const person = new Person(tab.page, 'es');
  const patterns = englishPatterns();
  assert.ok(patterns.length > 100, `enough English texts to look for (${patterns.length})`);
  const found = new Set();
  const check = async (where) => {
    for (const item of englishLeft(await visibleTexts(tab.page), patterns)) found.add(`${where}: ${item}`);
  };
  await tab.page.getByRole('button', { name: person.ui('start'), exact: true }).waitFor();
  await check('intro');
  await person.start();
  let screens = 0;
  const outcome = await person.answer(SOON_L5_LEFT, {
    beforeNext: async (screen) => { screens += 1; await check(`screen ${screen + 1}`); },
  });
  assert.equal(outcome, 'results');
  assert.ok(screens >= 8);
  assert.equal(await person.levelTitle(), person.text['level.soon.title']);
  await check('results');
  assert.deepEqual([...found], []);
  tab.assertClean();
  await tab.close();
});

test('the Spanish red-flag alert shows no English text', async () => {
  const tab = await harness.open('examples/spanish.html');
  const person = new Person(tab.page, 'es');
  await person.start();
  assert.equal(await person.answer({ urinary_retention_new: 'yes' }), 'escalated');
  await person.dialog().waitFor();
  assert.deepEqual(englishLeft(await visibleTexts(tab.page), englishPatterns()), []);
  tab.assertClean();
  await tab.close();
});
