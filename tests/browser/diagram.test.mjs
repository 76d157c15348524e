// The body diagram inside <root-check>: every one of the rule set's regions is a named toggle button on the view
// regions.json gives it, drawn where it belongs (the person's left on the viewer's right on the front view and on
// the viewer's left on the back view, top to bottom from groin to toes); the marker radios decide what a tap adds or
// removes; marks are announced in the button's name, listed as text and become the answers; on a phone-width
// screen one view shows at a time with a Front/Back switch.
import { after, before, test } from 'node:test';
import { assert, Person, loadRegions, startHarness } from './harness.mjs';
import { NO_RED_FLAGS } from './answers.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const TO_DIAGRAM = { ...NO_RED_FLAGS, age: 40, back_pain: 'yes', leg_pain: 'yes', leg_pain_side: 'left',
  leg_pain_duration_weeks: 3, onset: 'gradual', pain_quality: ['sharp'], pain_below_knee: 'yes',
  pain_narrow_band: 'yes', leg_pain_worse_than_back: 'yes', worse_with_cough_sneeze: 'no',
  worse_with_sitting_bending: 'no', centralizes_with_movement: 'no', walking_leg_pain_eased_by_sitting: 'no',
  walking_calf_pain_eased_by_standing_still: 'no', pain_uncontrolled: 'no' };

async function openDiagram(width = 1280) {
  const tab = await harness.open('index.html', { width });
  const person = new Person(tab.page, 'en');
  await person.start();
  await person.answerUntil(TO_DIAGRAM, async () => (await person.markerRadio('pain').count()) > 0);
  return { tab, person };
}

const answersOf = (page) => page.evaluate(() => document.querySelector('root-check').answers());

test('every region is a named button on its view, placed where it belongs', async () => {
  const { tab, person } = await openDiagram();
  const regions = loadRegions();
  assert.equal(regions.length, 38);
  const views = {
    front: tab.page.getByRole('group', { name: person.ui('diagram_front'), exact: true }),
    back: tab.page.getByRole('group', { name: person.ui('diagram_back'), exact: true }),
  };
  const centre = {};
  for (const region of regions) {
    const button = views[region.view].getByRole('button', { name: person.regionLabel(region.id), exact: true });
    assert.equal(await button.count(), 1, `${region.id} is one button on the ${region.view} view`);
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    const box = await button.boundingBox();
    assert.ok(box && box.width >= 8 && box.height >= 8, `${region.id} is drawn large enough to tap`);
    centre[region.id] = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  const viewBox = async (view) => views[view].boundingBox();
  const front = await viewBox('front');
  const back = await viewBox('back');
  const middle = (box) => box.x + box.width / 2;
  for (const region of regions.filter((r) => r.side !== 'midline')) {
    const box = region.view === 'front' ? front : back;
    // Front view: the person faces us, their left is on our right. Back view: their left is on our left.
    const onViewerRight = centre[region.id].x > middle(box);
    const expected = region.view === 'front' ? region.side === 'left' : region.side === 'right';
    assert.equal(onViewerRight, expected, `${region.id} is on the viewer's ${expected ? 'right' : 'left'}`);
  }
  const below = (upper, lower) => assert.ok(centre[upper].y < centre[lower].y, `${upper} above ${lower}`);
  // Each chain runs from hip to foot: every region lies below the one before it.
  const chains = [
    ['groin', 'anterior_thigh_upper', 'anterior_thigh_lower', 'medial_shin', 'medial_ankle', 'dorsum_foot', 'big_toe'],
    ['anterior_thigh_lower', 'medial_knee', 'medial_shin'],
    ['lateral_thigh', 'lateral_shin'],
    ['buttock', 'posterior_thigh', 'popliteal_fossa', 'posterior_calf', 'heel', 'sole'],
  ];
  for (const side of ['left', 'right']) {
    for (const chain of chains) {
      for (let i = 1; i < chain.length; i += 1) below(`${side}_${chain[i - 1]}`, `${side}_${chain[i]}`);
    }
  }
  // Inner (medial) regions lie nearer the midline than outer (lateral) ones of the same view.
  for (const side of ['left', 'right']) {
    for (const [inner, outer] of [['medial_shin', 'lateral_shin'], ['medial_knee', 'lateral_thigh'],
      ['big_toe', 'little_toe'], ['sole', 'lateral_foot']]) {
      const a = regions.find((r) => r.id === `${side}_${inner}`);
      const b = regions.find((r) => r.id === `${side}_${outer}`);
      if (a.view !== b.view) continue;
      const mid = middle(a.view === 'front' ? front : back);
      assert.ok(Math.abs(centre[a.id].x - mid) < Math.abs(centre[b.id].x - mid), `${a.id} is inside ${b.id}`);
    }
  }
  below('lower_back', 'saddle');
  assert.ok(Math.abs(centre.saddle.x - middle(back)) < back.width * 0.05, 'the saddle area is on the midline');
  // The sides are labelled on both drawings.
  for (const view of ['front', 'back']) {
    for (const side of ['left', 'right']) {
      assert.equal(await views[view].getByText(person.ui(`diagram_side_${side}`), { exact: true }).count(), 1,
        `${view} view labels the person's ${side}`);
    }
  }
  tab.assertClean();
  await tab.close();
});

test('the marker decides what a tap adds or removes; marks are named, listed and answered', async () => {
  const { tab, person } = await openDiagram();
  const toe = person.regionButton('left_big_toe');
  const label = person.regionLabel('left_big_toe');
  const painName = person.ui('marker_pain');
  const numbName = person.ui('marker_numbness');
  // The diagram's own event stays inside the widget's shadow root (bubbles, not composed).
  await tab.page.evaluate(() => {
    window.diagramChanges = [];
    document.addEventListener('diagram-change', () => window.diagramChanges.push('escaped the shadow root'));
    document.querySelector('root-check').shadowRoot
      .addEventListener('diagram-change', (event) => window.diagramChanges.push(event.detail));
  });

  await person.markerRadio('pain').check();
  await toe.click();
  assert.equal(await toe.getAttribute('aria-pressed'), 'true');
  assert.equal(await toe.getAttribute('aria-label'), `${label}: ${painName}`);

  await person.markerRadio('numbness').check();
  assert.equal(await toe.getAttribute('aria-pressed'), 'false', 'pressed follows the chosen marker');
  await toe.press('Enter');
  assert.equal(await toe.getAttribute('aria-label'), `${label}: ${painName}, ${numbName}`);
  await person.regionButton('left_dorsum_foot').press('Space');

  let answers = await answersOf(tab.page);
  assert.deepEqual(answers.pain_regions, ['left_big_toe']);
  const changes = await tab.page.evaluate(() => window.diagramChanges);
  assert.equal(changes.length, 3, 'one diagram-change per tap');
  assert.deepEqual(changes[2], { pain_regions: answers.pain_regions, numbness_regions: answers.numbness_regions,
    tingling_regions: [] });
  assert.deepEqual(answers.numbness_regions, ['left_dorsum_foot', 'left_big_toe'].sort((a, b) =>
    loadRegions().findIndex((r) => r.id === a) - loadRegions().findIndex((r) => r.id === b)));

  // The marks are listed as text beside the drawing, under each marker's heading.
  const painList = tab.page.getByRole('heading', { name: painName, exact: true }).locator('xpath=following-sibling::ul[1]');
  assert.deepEqual(await painList.getByRole('listitem').allTextContents(), [label]);

  // A second tap removes only the chosen marker's mark.
  await toe.click();
  assert.equal(await toe.getAttribute('aria-label'), `${label}: ${painName}`);
  answers = await answersOf(tab.page);
  assert.deepEqual(answers.numbness_regions, ['left_dorsum_foot']);

  // Clear removes every mark.
  await tab.page.getByRole('button', { name: person.ui('diagram_clear'), exact: true }).click();
  answers = await answersOf(tab.page);
  for (const key of ['pain_regions', 'numbness_regions', 'tingling_regions']) {
    assert.deepEqual(answers[key] ?? [], [], `${key} cleared`);
  }
  assert.equal(await toe.getAttribute('aria-label'), label);
  tab.assertClean();
  await tab.close();
});

// The diagram's module comes in a second file, fetched once the first question shows. If that fetch fails (the
// connection dropped), the diagram screen asks again (under another URL: a failed module stays failed at its own)
// and shows once the file is in.
test('the diagram screen waits for its module, and fetches it again if the first fetch failed', async () => {
  const fetches = [];
  const tab = await harness.open('index.html', {
    prepare: (context) => context.route('**/dist/root-check-later.js*', (route) => {
      fetches.push(new URL(route.request().url()).search);
      return fetches.length === 1 ? route.abort('connectionfailed') : route.continue();
    }),
  });
  const person = new Person(tab.page, 'en');
  await person.start();
  await person.answerUntil(TO_DIAGRAM, async () => (await person.markerRadio('pain').count()) > 0);
  assert.deepEqual(fetches, ['', '?retry=1']);
  await person.markerRadio('pain').check();
  const toe = person.regionButton('left_big_toe');
  await toe.click();
  assert.equal(await toe.getAttribute('aria-pressed'), 'true');
  assert.deepEqual((await answersOf(tab.page)).pain_regions, ['left_big_toe']);
  assert.deepEqual(tab.record.pageErrors, []);
  await tab.close();
});

test('on a phone-width screen one view shows at a time, with a Front/Back switch', async () => {
  const { tab, person } = await openDiagram(375);
  const frontSwitch = tab.page.getByRole('tab', { name: person.ui('diagram_front'), exact: true });
  const backSwitch = tab.page.getByRole('tab', { name: person.ui('diagram_back'), exact: true });
  assert.equal(await frontSwitch.getAttribute('aria-selected'), 'true');
  assert.equal(await person.regionButton('left_heel').count(), 0, 'the back view is hidden');
  const toe = person.regionButton('right_big_toe');
  const box = await toe.boundingBox();
  assert.ok(box.width >= 14 && box.height >= 14, `the big toe is big enough to tap (${box.width}x${box.height})`);
  await backSwitch.click();
  assert.equal(await backSwitch.getAttribute('aria-selected'), 'true');
  assert.equal(await toe.count(), 0, 'the front view is hidden');
  await person.regionButton('left_heel').click();
  assert.deepEqual((await answersOf(tab.page)).pain_regions, ['left_heel']);
  tab.assertClean();
  await tab.close();
});

// Keyboard users should not need 38 Tab presses to reach a toe: the arrow keys move to the neighbouring region of the
// same view, in the direction pressed on the drawing, and never leave the view.
test('the arrow keys move between neighbouring regions of a view', async () => {
  const { tab, person } = await openDiagram();
  const regionView = new Map(loadRegions().map((region) => [region.id, region.view]));
  const focused = () => tab.page.evaluate(() => {
    const active = document.querySelector('root-check').shadowRoot.activeElement;
    if (!active || !active.dataset.region) return null;
    const box = active.getBBox();
    return { id: active.dataset.region, x: box.x + box.width / 2, y: box.y + box.height / 2 };
  });
  await person.regionButton('left_anterior_thigh_lower').focus();
  const start = await focused();
  const moves = { ArrowUp: (a, b) => b.y < a.y, ArrowDown: (a, b) => b.y > a.y,
    ArrowLeft: (a, b) => b.x < a.x, ArrowRight: (a, b) => b.x > a.x };
  for (const [key, inDirection] of Object.entries(moves)) {
    await person.regionButton(start.id).focus();
    await tab.page.keyboard.press(key);
    const now = await focused();
    assert.ok(now && now.id !== start.id, `${key} moves to another region`);
    assert.ok(inDirection(start, now), `${key} goes that way on the drawing (${start.id} -> ${now.id})`);
    assert.equal(regionView.get(now.id), regionView.get(start.id), `${key} stays on the view`);
  }
  // From the big toe, Down has nowhere to go: focus stays, and nothing was marked by moving.
  await person.regionButton('left_big_toe').focus();
  await tab.page.keyboard.press('ArrowDown');
  assert.equal((await focused()).id, 'left_big_toe');
  assert.deepEqual((await answersOf(tab.page)).pain_regions ?? [], []);
  await tab.page.keyboard.press('ArrowUp');
  await tab.page.keyboard.press('Enter');
  const marked = await focused();
  assert.notEqual(marked.id, 'left_big_toe');
  assert.deepEqual((await answersOf(tab.page)).pain_regions, [marked.id], 'Enter marks the region reached');
  tab.assertClean();
  await tab.close();
});
