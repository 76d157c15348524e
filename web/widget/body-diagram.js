// Dermatome body diagram: the lower body seen from the front and from the back, every skin region a toggle button.
//
// CONTRACT (used by the <root-check> widget inside its shadow root)
//
//   import { createBodyDiagram } from './body-diagram.js';
//   const diagram = createBodyDiagram({
//     regions,       // questionnaire().regions: [{ id, label, side: 'left'|'right'|'midline', view: 'front'|'back' }]
//     texts,         // questionnaire().ui (keys without 'ui.'): every key of DIAGRAM_TEXT_KEYS, and those of
//                    // DIAGRAM_OPTIONAL_TEXT_KEYS when the locale has them (side labels, soles note)
//     marks,         // optional { pain_regions: [ids], numbness_regions: [ids], tingling_regions: [ids] }
//     onChange,      // optional (marks) => void, after every change the person makes
//     headingLevel,  // optional 2..5 (default 3): level of the view titles and list headings
//   });
//   // link body-diagram.css (beside this file) into the same shadow root, then:
//   container.append(diagram.element);
//
//   diagram.element        the HTMLElement (div.rc-diagram) to place
//   diagram.getMarks()     -> { pain_regions, numbness_regions, tingling_regions } (new arrays, in regions order)
//   diagram.setMarks(m)    replaces the marks (no event)
//   diagram.showResult(root)  read-only result mode: root = result.roots[0] (null/undefined: marks only); the
//                          root's `regions` are tinted, hatched and outlined (dashed) apart from the marks, and
//                          listed under the legend text ui.diagram_legend_root with {root} = root.label
//   Each change by the person dispatches on diagram.element a CustomEvent 'diagram-change' (bubbles, not composed:
//   it stays in the widget's shadow root) with detail = getMarks(), then calls onChange.
//   Errors (a text key missing, a region without a drawing, an unknown region id in marks or root.regions) throw
//   an Error whose message starts with 'createBodyDiagram:' and names the key or id.
//
// Marking mode: a radio group (pain / numbness / tingling) decides what a tap, or Enter/Space, on a region adds or
// removes. Each region is an SVG <g role="button" tabindex="0" aria-pressed> named by its label plus its marks
// ("Left big toe: Pain, Numbness"); aria-pressed says whether it carries the chosen marker. Marks show by pattern
// AND colour (pain solid orange, numbness blue hatching, pins and needles green dots) and are listed as text beside
// the drawing, grouped by marker. Tab order: marker radios, each view (midline, then the viewer's-left leg top to
// bottom, then the other leg), the clear button; the arrow keys move between neighbouring regions of a view. In a
// container narrower than 560 px one view shows at a time with a Front/Back switch (two role="tab" buttons), so the
// regions stay large enough to tap. In result mode each drawing is one image (role="img") described by the lists
// beside it.
//
// Styling: classes only (the CSP style-src 'self' forbids style attributes). Pattern fills are SVG presentation
// attributes pointing at per-instance <pattern> ids, so several diagrams can share one shadow root.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Arrow key -> direction on the drawing (x to the right, y down).
const ARROW_STEPS = Object.freeze({ ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] });

/** Text keys (without the 'ui.' prefix) this module needs in `texts`. */
export const DIAGRAM_TEXT_KEYS = Object.freeze([
  'marker_label', 'marker_pain', 'marker_numbness', 'marker_tingling', 'diagram_instructions', 'diagram_front',
  'diagram_back', 'diagram_marked_list', 'diagram_none_marked', 'diagram_clear', 'diagram_legend_root',
]);

/** Keys shown when the locale has them: the side labels under the feet and the note on the soles. */
export const DIAGRAM_OPTIONAL_TEXT_KEYS = Object.freeze(['diagram_side_left', 'diagram_side_right', 'diagram_soles']);

/** The three kinds of mark, in the order they are offered, listed and painted (later ones on top). */
const MARKERS = Object.freeze([
  { id: 'pain', answer: 'pain_regions' },
  { id: 'numbness', answer: 'numbness_regions' },
  { id: 'tingling', answer: 'tingling_regions' },
]);

// Drawing data. Both views share one coordinate box; each leg is drawn once, for the leg on the viewer's left,
// and mirrored about the midline (x = 120) for the other leg. On the front view the viewer's left is the person's
// RIGHT; on the back view it is the person's LEFT. "Inner" edges face the midline, "outer" edges face away.
const VIEW_WIDTH = 240;
const VIEW_HEIGHT = 584;

// Silhouettes: context only (not interactive), painted under the regions. Each is the viewer's-left half,
// mirrored for the other half; the halves overlap by a unit at the midline so no seam shows.
const FRONT_SILHOUETTE =
  'M121,8 L52,8 C44,30 36,60 34,90 C32,130 40,200 54,258 L60,292 C54,320 56,350 64,400 L76,438 L76,466 ' +
  'C70,480 66,500 65,520 C64,550 116,552 115,522 C112,500 107,480 102,466 L101,438 L108,390 L106,330 ' +
  'L108,292 L112,200 L118,132 L121,132 Z';
const BACK_SILHOUETTE =
  'M121,8 L52,8 C44,30 36,60 34,90 C32,130 40,200 54,258 L60,292 C54,320 56,350 64,400 L74,438 ' +
  'C70,460 70,500 72,532 C66,558 110,560 108,534 C108,510 104,486 98,470 L101,438 L108,390 L106,330 ' +
  'L108,292 L112,200 L116,170 L121,170 Z';

// Region shapes, keyed by the part of the region id after 'left_'/'right_' (or the whole id for midline regions),
// drawn for the viewer's-left leg and mirrored for the other. A region is interactive on the view regions.json
// gives it; the toes are drawn on both views, so a toe the rule set puts on the other view stays as plain context.
const FRONT_SHAPES = {
  groin: 'M50,54 L118,96 L118,130 L40,78 C42,70 45,62 50,54 Z',
  lateral_thigh: 'M40,78 L56,89 L52,130 L58,200 L68,258 L73,290 L60,290 L54,258 C44,214 36,160 36,120 ' +
    'C36,104 37,90 40,78 Z',
  anterior_thigh_upper: 'M56,89 L118,130 L114,200 L58,200 L52,130 Z',
  anterior_thigh_lower: 'M58,200 L114,200 L110,252 C96,256 90,268 90,282 C90,292 92,300 95,306 L62,306 ' +
    'L60,290 L73,290 L68,258 Z',
  medial_knee: 'M110,252 L108,292 L107,318 C100,316 96,312 95,306 C92,300 90,292 90,282 C90,268 96,256 110,252 Z',
  lateral_shin: 'M62,306 L85,306 L87,438 L87,466 L76,466 L76,438 L64,400 C57,360 56,330 62,306 Z',
  medial_shin: 'M85,306 L95,306 C98,312 102,316 107,318 L106,330 L108,390 L101,438 L87,438 Z',
  medial_ankle: 'M87,438 L101,438 C108,444 110,458 102,466 L87,466 Z',
  dorsum_foot: 'M76,466 L102,466 C106,480 110,500 111,520 L66,520 C66,500 71,480 76,466 Z',
  big_toe: 'M97,522 C97,514 114,512 114,522 L114,534 C114,548 97,548 97,534 Z',
  little_toe: 'M64,517 C64,511 72,511 72,517 L72,524 C72,531 64,531 64,524 Z',
};
// Toes that belong to no region, drawn for recognisability.
const FRONT_CONTEXT = [
  'M87,522 C87,516 96,516 96,522 L96,530 C96,538 87,538 87,530 Z',
  'M79,521 C79,515 86,515 86,521 L86,528 C86,535 79,535 79,528 Z',
  'M72,519 C72,514 78,514 78,519 L78,526 C78,532 72,532 72,526 Z',
];
const BACK_SHAPES = {
  lower_back: 'M52,8 L188,8 C193,22 196,40 196,58 C172,66 144,70 120,72 C96,70 68,66 44,58 C44,40 47,22 52,8 Z',
  saddle: 'M120,76 C128,92 133,124 129,152 L126,170 L114,170 L111,152 C107,124 112,92 120,76 Z',
  buttock: 'M44,58 C68,66 96,70 120,72 L120,76 C112,92 107,124 111,152 C94,162 58,160 39,148 ' +
    'C34,120 36,88 44,58 Z',
  posterior_thigh: 'M39,148 C58,160 94,162 111,152 L114,170 L112,200 L108,262 L57,262 L44,200 Z',
  popliteal_fossa: 'M57,262 L108,262 L107,292 L106,310 L60,310 C58,304 58,298 60,292 Z',
  posterior_calf: 'M60,310 L106,310 L106,330 L108,390 L98,438 L74,438 L64,400 C57,360 56,330 60,310 Z',
  heel: 'M74,438 L98,438 C102,452 102,468 96,480 C90,488 80,488 76,480 C71,468 71,452 74,438 Z',
  sole: 'M87,486 C91,486 94,484 96,480 C102,490 106,506 106,522 L104,532 L88,532 C86,516 86,500 87,486 Z',
  lateral_foot: 'M76,480 C79,485 83,486 87,486 C86,500 86,516 88,532 L74,532 C70,516 71,496 76,480 Z',
  little_toe: 'M69,534 C69,528 80,528 80,534 L80,541 C80,549 69,549 69,541 Z',
  big_toe: 'M95,534 C95,528 108,526 108,534 L108,544 C108,554 95,554 95,544 Z',
};
const BACK_CONTEXT = [
  'M88,534 C88,529 94,529 94,534 L94,541 C94,547 88,547 88,541 Z',
  'M81,534 C81,529 87,529 87,534 L87,541 C87,547 81,547 81,541 Z',
];

// Where the side labels stand (viewer's-left leg; the other is mirrored), below the feet.
const SIDE_LABEL_Y = 574;
const SIDE_LABEL_X = 88;

// The tab order within a view: midline first, then the viewer's-left leg top to bottom, then the other leg.
const VIEWS = Object.freeze({
  front: {
    silhouette: FRONT_SILHOUETTE, shapes: FRONT_SHAPES, context: FRONT_CONTEXT, viewerLeftSide: 'right',
    order: ['groin', 'lateral_thigh', 'anterior_thigh_upper', 'anterior_thigh_lower', 'medial_knee',
      'lateral_shin', 'medial_shin', 'medial_ankle', 'dorsum_foot', 'big_toe', 'little_toe'],
  },
  back: {
    silhouette: BACK_SILHOUETTE, shapes: BACK_SHAPES, context: BACK_CONTEXT, viewerLeftSide: 'left',
    midline: ['lower_back', 'saddle'],
    order: ['buttock', 'posterior_thigh', 'popliteal_fossa', 'posterior_calf', 'heel', 'lateral_foot', 'sole',
      'little_toe', 'big_toe'],
  },
});

/** Reflects an SVG path (absolute M/L/C/Z commands only) about the vertical midline of the view. */
function mirrorPath(d) {
  return d.replace(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g, (_, x, y) => `${VIEW_WIDTH - Number(x)},${y}`);
}


let instanceCount = 0;

function svgElement(name, attributes = {}) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

function htmlElement(name, className, text) {
  const element = document.createElement(name);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The <pattern>s every fill refers to. They live in an always-rendered zero-size <svg>: patterns inside a
 *  display:none subtree stop painting in Chromium, and one view is hidden on narrow screens. */
function buildPatternDefs(prefix) {
  const svg = svgElement('svg', { class: 'rc-diagram-defs', width: 0, height: 0, 'aria-hidden': 'true',
    focusable: 'false' });
  const defs = svgElement('defs');
  const pattern = (name, size, children, rotate) => {
    const element = svgElement('pattern', { id: `${prefix}-${name}`, width: size, height: size,
      patternUnits: 'userSpaceOnUse' });
    if (rotate) element.setAttribute('patternTransform', `rotate(${rotate})`);
    element.append(...children);
    defs.append(element);
  };
  // Pain: solid warm fill (3.6:1 against the skin tone). Numbness: dark blue diagonal hatching. Tingling: dark
  // green dots. Root area: lavender tint with sparse purple hatching the other way, plus a dashed purple outline
  // (CSS), under the marks.
  pattern('pain', 8, [svgElement('rect', { width: 8, height: 8, fill: '#d9480f' })]);
  pattern('numbness', 7, [svgElement('rect', { width: 2.6, height: 7, fill: '#1c3f94' })], 45);
  pattern('tingling', 7, [svgElement('circle', { cx: 3.5, cy: 3.5, r: 1.7, fill: '#0b6b3a' })]);
  pattern('root', 10, [svgElement('rect', { width: 10, height: 10, fill: '#e3d7fb' }),
    svgElement('rect', { width: 1.5, height: 10, fill: '#6f2dbd' })], -45);
  svg.append(defs);
  return svg;
}

function textLookup(texts) {
  if (!texts || typeof texts !== 'object') {
    throw new TypeError('createBodyDiagram: `texts` must be questionnaire().ui');
  }
  const missing = DIAGRAM_TEXT_KEYS.filter((key) => typeof texts[key] !== 'string' || texts[key] === '');
  if (missing.length) {
    throw new Error(`createBodyDiagram: the locale lacks ${missing.map((k) => `ui.${k}`).join(', ')}`);
  }
  const t = (key) => texts[key];
  t.optional = (key) => (typeof texts[key] === 'string' && texts[key] !== '' ? texts[key] : null);
  return t;
}

/** The shape name of a region: 'left_big_toe' -> 'big_toe'; midline ids are their own shape name. */
function shapeNameOf(region) {
  if (region.side === 'midline') return region.id;
  const prefix = `${region.side}_`;
  if (!region.id.startsWith(prefix)) {
    throw new Error(`createBodyDiagram: region '${region.id}' has side '${region.side}' but no '${prefix}' prefix`);
  }
  return region.id.slice(prefix.length);
}

/** Checks every region against the drawing data; returns Map id -> region (with shapeName). */
function indexRegions(regions) {
  if (!Array.isArray(regions) || regions.length === 0) {
    throw new TypeError('createBodyDiagram: `regions` must be questionnaire().regions (a non-empty array)');
  }
  const byId = new Map();
  for (const region of regions) {
    const view = VIEWS[region.view];
    if (!view) throw new Error(`createBodyDiagram: region '${region.id}' has unknown view '${region.view}'`);
    const shapeName = shapeNameOf(region);
    const midline = (view.midline || []).includes(shapeName);
    if (!view.shapes[shapeName] || midline !== (region.side === 'midline')) {
      throw new Error(`createBodyDiagram: no drawing for region '${region.id}' on the ${region.view} view`);
    }
    byId.set(region.id, { ...region, shapeName });
  }
  return byId;
}

/** Builds a diagram; see the contract at the top of this file. */
export function createBodyDiagram({ regions, texts, marks, onChange, headingLevel = 3 }) {
  const t = textLookup(texts);
  const byId = indexRegions(regions);
  const level = Math.min(5, Math.max(2, Math.trunc(headingLevel) || 3));
  const prefix = `rc-diagram-${++instanceCount}`;

  // State: region ids per marker, the marker a tap applies, and (result mode) the root shown.
  const marked = Object.fromEntries(MARKERS.map((m) => [m.id, new Set()]));
  let activeMarker = MARKERS[0].id;
  let resultMode = false;
  let resultRoot = null;

  const regionGroups = new Map(); // id -> <g>
  const regionPaths = new Map(); // id -> path data as drawn
  const rootLayers = {}; // view -> <g> holding the root area's outlines, above all regions
  const focusLayers = {}; // view -> <g> holding the keyboard focus ring, above everything, so no neighbour hides it
  const viewSvgs = {};

  const root = htmlElement('div', 'rc-diagram');
  const instructions = htmlElement('p', 'rc-diagram-instructions', t('diagram_instructions'));

  // Marker picker: native radios (one Tab stop, arrow keys move within the group).
  const picker = htmlElement('fieldset', 'rc-diagram-picker');
  picker.append(htmlElement('legend', 'rc-diagram-picker-legend', t('marker_label')));
  for (const marker of MARKERS) {
    const label = htmlElement('label', 'rc-diagram-marker');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = `${prefix}-marker`;
    input.value = marker.id;
    input.checked = marker.id === activeMarker;
    input.addEventListener('change', () => {
      if (!input.checked) return;
      activeMarker = marker.id;
      refreshRegions();
    });
    label.append(input, swatch(marker.id), htmlElement('span', '', t(`marker_${marker.id}`)));
    picker.append(label);
  }

  // Front/back switch: shown only in narrow containers (CSS), where one view shows at a time. Tabs, so they
  // are not mistaken for the widget's own Back button.
  const viewSwitch = htmlElement('div', 'rc-diagram-switch');
  viewSwitch.setAttribute('role', 'tablist');
  const switchButtons = ['front', 'back'].map((viewName) => {
    const button = htmlElement('button', 'rc-diagram-switch-button', t(`diagram_${viewName}`));
    button.type = 'button';
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-controls', `${prefix}-${viewName}`);
    button.dataset.view = viewName;
    button.addEventListener('click', () => showView(viewName));
    viewSwitch.append(button);
    return button;
  });

  const figures = htmlElement('div', 'rc-diagram-figures');
  for (const viewName of ['front', 'back']) figures.append(buildView(viewName));

  const lists = htmlElement('div', 'rc-diagram-lists');
  lists.id = `${prefix}-lists`;
  const clearButton = htmlElement('button', 'rc-diagram-clear', t('diagram_clear'));
  clearButton.type = 'button';
  clearButton.addEventListener('click', () => {
    for (const marker of MARKERS) marked[marker.id].clear();
    changed();
  });
  const side = htmlElement('div', 'rc-diagram-side');
  side.append(lists, clearButton);

  const body = htmlElement('div', 'rc-diagram-body');
  body.append(figures, side);
  root.append(buildPatternDefs(prefix), instructions, picker, viewSwitch, body);

  function swatch(kind) {
    const svg = svgElement('svg', { class: `rc-swatch rc-swatch-${kind}`, viewBox: '0 0 20 20', width: 20,
      height: 20, 'aria-hidden': 'true', focusable: 'false' });
    svg.append(svgElement('rect', { class: 'rc-swatch-base', x: 1, y: 1, width: 18, height: 18 }),
      svgElement('rect', { class: 'rc-swatch-fill', x: 1, y: 1, width: 18, height: 18,
        fill: `url(#${prefix}-${kind})` }));
    return svg;
  }

  function buildView(viewName) {
    const view = VIEWS[viewName];
    const section = htmlElement('section', `rc-diagram-view rc-view-${viewName}`);
    section.id = `${prefix}-${viewName}`;
    const heading = htmlElement(`h${level}`, 'rc-diagram-view-title', t(`diagram_${viewName}`));
    heading.id = `${prefix}-${viewName}-title`;
    const svg = svgElement('svg', { class: 'rc-diagram-svg', viewBox: `0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`,
      role: 'group', 'aria-labelledby': heading.id });
    viewSvgs[viewName] = svg;

    // Stroke both halves first, then fill both: the fills hide the strokes where the halves meet.
    const halves = [view.silhouette, mirrorPath(view.silhouette)];
    for (const d of halves) svg.append(svgElement('path', { class: 'rc-silhouette-outline', d }));
    for (const d of halves) svg.append(svgElement('path', { class: 'rc-silhouette', d }));
    const context = (d) => svg.append(svgElement('path', { class: 'rc-context', d }));
    for (const d of view.context) {
      context(d);
      context(mirrorPath(d));
    }

    // Every shape of the view: a region button where the rule set puts that region on this view, else context.
    const otherSide = view.viewerLeftSide === 'left' ? 'right' : 'left';
    const placed = [];
    for (const shapeName of view.midline || []) placed.push({ id: shapeName, d: view.shapes[shapeName], rank: 0 });
    view.order.forEach((shapeName, index) => {
      placed.push({ id: `${view.viewerLeftSide}_${shapeName}`, d: view.shapes[shapeName], rank: 100 + index });
      placed.push({ id: `${otherSide}_${shapeName}`, d: mirrorPath(view.shapes[shapeName]), rank: 200 + index });
    });
    placed.sort((a, b) => a.rank - b.rank);
    for (const { id, d } of placed) {
      const region = byId.get(id);
      if (region && region.view === viewName) svg.append(buildRegion(region, d));
      else context(d);
    }

    const rootLayer = svgElement('g', { class: 'rc-root-outlines', 'aria-hidden': 'true' });
    const focusLayer = svgElement('g', { class: 'rc-focus-layer', 'aria-hidden': 'true' });
    svg.append(rootLayer, focusLayer);
    rootLayers[viewName] = rootLayer;
    focusLayers[viewName] = focusLayer;

    for (const [sideName, x] of [[view.viewerLeftSide, SIDE_LABEL_X], [otherSide, VIEW_WIDTH - SIDE_LABEL_X]]) {
      const text = t.optional(`diagram_side_${sideName}`);
      if (!text) continue;
      const label = svgElement('text', { class: 'rc-side-label', x, y: SIDE_LABEL_Y, 'text-anchor': 'middle',
        'aria-hidden': 'true' });
      label.textContent = text;
      svg.append(label);
    }
    section.append(heading, svg);
    const soles = t.optional('diagram_soles');
    if (viewName === 'back' && soles) section.append(htmlElement('p', 'rc-diagram-note', soles));
    return section;
  }

  function buildRegion(region, d) {
    const group = svgElement('g', { class: 'rc-region', 'data-region': region.id });
    group.append(svgElement('path', { class: 'rc-region-shape', d }));
    // The root's area lies under the marks (it tints what is left unmarked); its dashed outline is on top.
    group.append(svgElement('path', { class: 'rc-mark rc-mark-root', d, fill: `url(#${prefix}-root)` }));
    for (const marker of MARKERS) {
      group.append(svgElement('path', { class: `rc-mark rc-mark-${marker.id}`, d,
        fill: `url(#${prefix}-${marker.id})` }));
    }
    group.append(svgElement('path', { class: 'rc-region-outline', d }));
    group.addEventListener('click', () => toggle(region.id));
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggle(region.id);
      } else if (ARROW_STEPS[event.key] && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        focusNeighbour(region, ARROW_STEPS[event.key]);
      }
    });
    group.addEventListener('focus', () => {
      if (!group.matches(':focus-visible')) return;
      focusLayers[region.view].replaceChildren(svgElement('path', { class: 'rc-focus-halo', d }),
        svgElement('path', { class: 'rc-focus-ring', d }));
    });
    group.addEventListener('blur', () => focusLayers[region.view].replaceChildren());
    regionGroups.set(region.id, group);
    regionPaths.set(region.id, d);
    return group;
  }

  // Arrow keys: to the nearest region of the same view in that direction on the drawing (distance along the arrow,
  // plus twice the distance across it, so a region straight ahead wins over a closer one off to the side). Nothing
  // in that direction: focus stays.
  function focusNeighbour(region, [dx, dy]) {
    const centre = (group) => {
      const box = group.getBBox();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    const from = centre(regionGroups.get(region.id));
    let best = null;
    let bestScore = Infinity;
    for (const [id, group] of regionGroups) {
      if (id === region.id || byId.get(id).view !== region.view) continue;
      const to = centre(group);
      const along = (to.x - from.x) * dx + (to.y - from.y) * dy;
      if (along <= 0) continue;
      const score = along + 2 * (Math.abs((to.x - from.x) * dy) + Math.abs((to.y - from.y) * dx));
      if (score < bestScore) {
        best = group;
        bestScore = score;
      }
    }
    if (best) best.focus();
  }

  function toggle(regionId) {
    if (resultMode) return;
    const set = marked[activeMarker];
    if (set.has(regionId)) set.delete(regionId);
    else set.add(regionId);
    changed();
  }

  function changed() {
    refreshRegions();
    renderLists();
    root.dispatchEvent(new CustomEvent('diagram-change', { bubbles: true, composed: false, detail: getMarks() }));
    if (typeof onChange === 'function') onChange(getMarks());
  }

  function marksOf(regionId) {
    return MARKERS.filter((m) => marked[m.id].has(regionId)).map((m) => m.id);
  }

  function accessibleName(regionId) {
    const names = marksOf(regionId).map((id) => t(`marker_${id}`));
    const label = byId.get(regionId).label;
    return names.length ? `${label}: ${names.join(', ')}` : label;
  }

  function refreshRegions() {
    const rootRegions = new Set(resultMode && resultRoot ? resultRoot.regions : []);
    for (const [regionId, group] of regionGroups) {
      const present = marksOf(regionId);
      for (const marker of MARKERS) group.classList.toggle(`rc-has-${marker.id}`, present.includes(marker.id));
      group.classList.toggle('rc-has-root', rootRegions.has(regionId));
      if (resultMode) {
        for (const attribute of ['role', 'tabindex', 'aria-pressed', 'aria-label']) group.removeAttribute(attribute);
      } else {
        group.setAttribute('role', 'button');
        group.setAttribute('tabindex', '0');
        group.setAttribute('aria-pressed', String(marked[activeMarker].has(regionId)));
        group.setAttribute('aria-label', accessibleName(regionId));
      }
    }
    for (const layer of Object.values(rootLayers)) layer.replaceChildren();
    for (const regionId of rootRegions) {
      rootLayers[byId.get(regionId).view].append(svgElement('path', { class: 'rc-root-outline',
        d: regionPaths.get(regionId) }));
    }
    for (const svg of Object.values(viewSvgs)) {
      svg.setAttribute('role', resultMode ? 'img' : 'group');
      if (resultMode) svg.setAttribute('aria-describedby', lists.id);
      else svg.removeAttribute('aria-describedby');
    }
    instructions.hidden = resultMode;
    picker.hidden = resultMode;
    clearButton.hidden = resultMode;
    root.classList.toggle('rc-diagram-result', resultMode);
  }

  function regionList(ids) {
    const list = htmlElement('ul', 'rc-diagram-list');
    for (const region of regions) {
      if (ids.has(region.id)) list.append(htmlElement('li', '', region.label));
    }
    return list;
  }

  function titled(kind, text, ids) {
    const block = htmlElement('div', `rc-diagram-group rc-diagram-group-${kind}`);
    const title = htmlElement(`h${level + 1}`, 'rc-diagram-group-title');
    title.append(swatch(kind), htmlElement('span', '', text));
    block.append(title, regionList(ids));
    return block;
  }

  function renderLists() {
    lists.replaceChildren();
    if (resultMode && resultRoot) {
      const legend = t('diagram_legend_root').replace('{root}', resultRoot.label || resultRoot.root || '');
      lists.append(titled('root', legend, new Set(resultRoot.regions)));
    }
    const markedMarkers = MARKERS.filter((m) => marked[m.id].size > 0);
    if (resultMode && markedMarkers.length === 0) return;
    lists.append(htmlElement(`h${level}`, 'rc-diagram-lists-title', t('diagram_marked_list')));
    if (markedMarkers.length === 0) lists.append(htmlElement('p', 'rc-diagram-none', t('diagram_none_marked')));
    for (const marker of markedMarkers) lists.append(titled(marker.id, t(`marker_${marker.id}`), marked[marker.id]));
  }

  function showView(viewName) {
    root.dataset.view = viewName;
    for (const button of switchButtons) {
      button.setAttribute('aria-selected', String(button.dataset.view === viewName));
    }
  }

  function getMarks() {
    return Object.fromEntries(MARKERS.map((m) => [m.answer,
      regions.filter((r) => marked[m.id].has(r.id)).map((r) => r.id)]));
  }

  function knownIds(ids, where) {
    if (ids === undefined || ids === null) return [];
    if (!Array.isArray(ids)) throw new TypeError(`createBodyDiagram: ${where} must be an array of region ids`);
    for (const id of ids) {
      if (!byId.has(id)) throw new Error(`createBodyDiagram: ${where} names unknown region '${id}'`);
    }
    return ids;
  }

  function setMarks(next = {}) {
    for (const marker of MARKERS) marked[marker.id] = new Set(knownIds(next[marker.answer], marker.answer));
    refreshRegions();
    renderLists();
  }

  function showResult(rootResult) {
    resultRoot = rootResult
      ? { ...rootResult, regions: knownIds(rootResult.regions, 'root.regions') }
      : null;
    resultMode = true;
    refreshRegions();
    renderLists();
  }

  showView('front');
  setMarks(marks || {});
  return { element: root, getMarks, setMarks, showResult };
}
