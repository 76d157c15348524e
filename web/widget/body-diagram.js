// Dermatome body diagram: the lower body seen from the front and from the back, and the feet close up; every skin
// region is a toggle button of at least 24 x 24 CSS px on a 375 px wide screen.
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
//   diagram.focus()        moves focus to the chosen marker's radio
//   diagram.showResult(root)  read-only result mode: root = result.roots[0] (null/undefined: marks only); the
//                          root's `regions` are tinted, hatched and outlined (dashed) apart from the marks, and
//                          listed under the legend text ui.diagram_legend_root with {root} = root.label
//   Each change by the person dispatches on diagram.element a CustomEvent 'diagram-change' (bubbles, not composed:
//   it stays in the widget's shadow root) with detail = getMarks(), then calls onChange.
//   Errors (a text key missing, a region without a drawing, an unknown region id in marks or root.regions) throw
//   an Error whose message starts with 'createBodyDiagram:' and names the key or id.
//
// Three views: Front, Back, and Feet (close up). The feet are too small to tap on a drawing of the whole lower body,
// so their regions (inner ankle, top of foot, toes; heel, sole, outer edge) are buttons only on the close-up, where
// the smallest is about 27 px wide on a phone; on Front and Back they are drawn as an echo (same marks and root tint,
// not a button) that brings up the close-up when tapped. Every region is thus one button, on one view. In a
// container narrower than 560 px one view shows at a time with a Front / Back / Feet switch (role="tab" buttons);
// wider, Front and Back stand side by side with the close-up below them.
//
// Marking mode: a radio group (pain / numbness / tingling) decides what a tap, or Enter/Space, on a region adds or
// removes. The radios and a name line under them stay at the top of the screen while the drawing scrolls (sticky):
// the name line shows the region under the pointer or with focus ("Left big toe: Pain"), and after each tap what the
// tap did ("Left little toe: Pain added"), which a status region also announces. Each region is an SVG
// <g role="button" tabindex="0" aria-pressed> named by its label plus its marks ("Left big toe: Pain, Numbness");
// aria-pressed says whether it carries the chosen marker. Marks show by pattern AND colour (pain solid orange,
// numbness blue hatching, pins and needles green dots) and are listed as text beside the drawing, grouped by marker.
// Tab order: marker radios, the view switch (narrow only), each drawing (midline, then the viewer's-left leg top to
// bottom, then the other leg), the clear button; the arrow keys move between neighbouring regions of a drawing. A
// region that takes focus under the sticky radios is scrolled clear of them. In result mode each drawing is one
// image (role="img") described by the lists beside it; print leaves out the close-up (the echoes show the feet).
//
// Styling: classes only (the CSP style-src 'self' forbids style attributes). Pattern fills are SVG presentation
// attributes pointing at per-instance <pattern> ids, so several diagrams can share one shadow root.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Arrow key -> direction on the drawing (x to the right, y down).
const ARROW_STEPS = Object.freeze({ ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] });

/** Text keys (without the 'ui.' prefix) this module needs in `texts`. */
export const DIAGRAM_TEXT_KEYS = Object.freeze([
  'marker_label', 'marker_pain', 'marker_numbness', 'marker_tingling', 'diagram_instructions', 'diagram_front',
  'diagram_back', 'diagram_feet', 'diagram_feet_tops', 'diagram_feet_soles', 'diagram_tab_front', 'diagram_tab_back',
  'diagram_tab_feet', 'diagram_name_hint',
  'diagram_status_added', 'diagram_status_removed', 'diagram_marked_list', 'diagram_none_marked', 'diagram_clear',
  'diagram_legend_root',
]);

/** Keys shown when the locale has them: the side labels under the feet and the note on the soles. */
export const DIAGRAM_OPTIONAL_TEXT_KEYS = Object.freeze(['diagram_side_left', 'diagram_side_right', 'diagram_soles']);

/**
 * The three kinds of mark, in the order they are offered, listed and painted (later ones on top). A caller may pass
 * its own `markers` (a subset, each {id, answer, label?}: id picks the pattern, answer the key of marks and
 * onChange, label the name shown instead of marker_<id>); with a single marker there is no picker.
 */
const MARKERS = Object.freeze([
  { id: 'pain', answer: 'pain_regions' },
  { id: 'numbness', answer: 'numbness_regions' },
  { id: 'tingling', answer: 'tingling_regions' },
]);

// Drawing data. Every drawing is 240 units wide; each leg (or foot) is drawn once, for the one on the viewer's left,
// and mirrored about the midline (x = 120) for the other. On front drawings the viewer's left is the person's
// RIGHT; on back drawings it is the person's LEFT. "Inner" edges face the midline, "outer" edges face away.
// The thin regions (outer thigh, inner knee, saddle) are at least 24 units wide where their box's centre lies, so a
// tap 8 px off that centre still lands on them on a 17rem (272 px) wide drawing.
const VIEW_WIDTH = 240;

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
// drawn for the viewer's-left leg and mirrored for the other.
const FRONT_SHAPES = {
  groin: 'M50,54 L118,96 L118,130 L40,78 C42,70 45,62 50,54 Z',
  lateral_thigh: 'M40,78 L58,90 L62,130 L67,200 L70,258 L72,290 L60,290 L54,258 C44,214 36,160 36,120 ' +
    'C36,104 37,90 40,78 Z',
  anterior_thigh_upper: 'M58,90 L118,130 L114,200 L67,200 L62,130 Z',
  anterior_thigh_lower: 'M67,200 L114,200 L110,250 C94,254 86,264 86,280 C86,290 87,298 90,306 L62,306 ' +
    'L60,290 L72,290 L70,258 Z',
  medial_knee: 'M110,250 L108,292 L107,320 C98,318 92,314 90,306 C87,298 86,290 86,280 C86,264 94,254 110,250 Z',
  lateral_shin: 'M62,306 L85,306 L87,438 L87,466 L76,466 L76,438 L64,400 C57,360 56,330 62,306 Z',
  medial_shin: 'M85,306 L90,306 C92,314 98,318 107,320 L106,330 L108,390 L101,438 L87,438 Z',
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
  saddle: 'M120,76 C130,92 136,124 132,152 L129,170 L111,170 L108,152 C104,124 110,92 120,76 Z',
  buttock: 'M44,58 C68,66 96,70 120,72 L120,76 C110,92 104,124 108,152 C94,162 58,160 39,148 ' +
    'C34,120 36,88 44,58 Z',
  posterior_thigh: 'M39,148 C58,160 94,162 108,152 L111,170 L112,200 L108,262 L57,262 L44,200 Z',
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

// The feet close up. Tops: seen from the front, the end of the shin at the top, toes at the bottom, the inner
// ankle on the inner side. Soles: seen from behind with the foot lifted, as on the back view: heel at the top, toes
// at the bottom, the outer edge on the outer side. Toes 24 units wide or more where they are regions.
const TOPS_SILHOUETTE = 'M34,0 L100,0 L100,16 C110,22 114,32 114,42 C114,52 110,60 104,64 C108,76 114,94 114,112 ' +
  'L6,112 C6,88 18,62 34,40 Z';
const TOPS_SHAPES = {
  medial_ankle: 'M84,16 L100,16 C110,22 114,32 114,42 C114,52 110,60 104,64 L84,64 Z',
  dorsum_foot: 'M34,40 L84,40 L84,64 L104,64 C108,76 114,94 114,112 L6,112 C6,88 18,62 34,40 Z',
  big_toe: 'M86,112 L114,112 L114,150 C114,168 86,168 86,150 Z',
  little_toe: 'M6,112 L30,112 L30,138 C30,152 6,152 6,138 Z',
};
const TOPS_CONTEXT = [
  'M32,112 L48,112 L48,142 C48,154 32,154 32,142 Z',
  'M50,112 L66,112 L66,146 C66,158 50,158 50,146 Z',
  'M68,112 L84,112 L84,150 C84,162 68,162 68,150 Z',
];
const SOLES_SILHOUETTE = 'M40,0 L96,0 L98,14 C104,28 106,46 104,62 C108,84 114,110 114,138 L6,138 ' +
  'C6,112 14,84 28,62 C28,44 32,28 38,14 Z';
const SOLES_SHAPES = {
  heel: 'M38,14 L98,14 C104,28 106,46 104,62 L28,62 C28,44 32,28 38,14 Z',
  lateral_foot: 'M28,62 L46,62 L44,138 L6,138 C6,112 14,84 28,62 Z',
  sole: 'M46,62 L104,62 C108,84 114,110 114,138 L44,138 Z',
};
const SOLES_CONTEXT = [
  'M6,138 L24,138 L24,152 C24,162 6,162 6,152 Z',
  'M26,138 L44,138 L44,155 C44,165 26,165 26,155 Z',
  'M46,138 L64,138 L64,158 C64,168 46,168 46,158 Z',
  'M66,138 L84,138 L84,161 C84,171 66,171 66,161 Z',
  'M86,138 L114,138 L114,164 C114,178 86,178 86,164 Z',
];

// The drawings. body: the side of the body (regions.json `view`) a drawing shows; section: the view it belongs to.
// order: the tab order within a drawing (midline first, then the viewer's-left leg top to bottom, then the other
// leg). feet (whole-body drawings): the shapes that the close-up shows larger; they, and the context toes, are
// echoes there. A region is a button on the close-up when the close-up of its body has its shape, else on the
// whole-body drawing; a toe the rule set puts on the other side of the body stays as plain context. sideLabel: where
// the side names stand under the viewer's-left half (mirrored for the other), far enough apart for "Izquierda".
const DRAWINGS = Object.freeze({
  front: {
    body: 'front', section: 'front', height: 584, silhouette: FRONT_SILHOUETTE, shapes: FRONT_SHAPES,
    context: FRONT_CONTEXT, viewerLeftSide: 'right', sideLabel: { x: 66, y: 574 },
    order: ['groin', 'lateral_thigh', 'anterior_thigh_upper', 'anterior_thigh_lower', 'medial_knee',
      'lateral_shin', 'medial_shin', 'medial_ankle', 'dorsum_foot', 'big_toe', 'little_toe'],
    feet: ['medial_ankle', 'dorsum_foot', 'big_toe', 'little_toe'],
  },
  back: {
    body: 'back', section: 'back', height: 584, silhouette: BACK_SILHOUETTE, shapes: BACK_SHAPES,
    context: BACK_CONTEXT, viewerLeftSide: 'left', sideLabel: { x: 66, y: 574 },
    midline: ['lower_back', 'saddle'],
    order: ['buttock', 'posterior_thigh', 'popliteal_fossa', 'posterior_calf', 'heel', 'lateral_foot', 'sole',
      'little_toe', 'big_toe'],
    feet: ['heel', 'lateral_foot', 'sole', 'little_toe', 'big_toe'],
  },
  feetTops: {
    body: 'front', section: 'feet', title: 'diagram_feet_tops', height: 196, silhouette: TOPS_SILHOUETTE,
    shapes: TOPS_SHAPES, context: TOPS_CONTEXT, viewerLeftSide: 'right', sideLabel: { x: 60, y: 190 },
    order: ['medial_ankle', 'dorsum_foot', 'big_toe', 'little_toe'],
  },
  feetSoles: {
    body: 'back', section: 'feet', title: 'diagram_feet_soles', note: 'diagram_soles', height: 204,
    silhouette: SOLES_SILHOUETTE, shapes: SOLES_SHAPES, context: SOLES_CONTEXT, viewerLeftSide: 'left',
    sideLabel: { x: 60, y: 200 }, order: ['heel', 'lateral_foot', 'sole'],
  },
});
const SECTIONS = Object.freeze({ front: ['front'], back: ['back'], feet: ['feetTops', 'feetSoles'] });
const CLOSE_UP = Object.freeze({ front: 'feetTops', back: 'feetSoles' });

/** Reflects an SVG path (absolute M/L/C/Z commands only) about the vertical midline of the drawing. */
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
 *  display:none subtree stop painting in Chromium, and views are hidden on narrow screens. */
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

/** Checks every region against the drawing data; returns Map id -> region (with shapeName and the drawing that
 *  holds its button). */
function indexRegions(regions) {
  if (!Array.isArray(regions) || regions.length === 0) {
    throw new TypeError('createBodyDiagram: `regions` must be questionnaire().regions (a non-empty array)');
  }
  const byId = new Map();
  for (const region of regions) {
    const whole = DRAWINGS[region.view];
    if (!whole || whole.section !== region.view) {
      throw new Error(`createBodyDiagram: region '${region.id}' has unknown view '${region.view}'`);
    }
    const shapeName = shapeNameOf(region);
    const midline = (whole.midline || []).includes(shapeName);
    const closeUp = CLOSE_UP[region.view];
    const drawing = DRAWINGS[closeUp].shapes[shapeName] ? closeUp : region.view;
    if (!DRAWINGS[drawing].shapes[shapeName] || midline !== (region.side === 'midline')) {
      throw new Error(`createBodyDiagram: no drawing for region '${region.id}' on the ${region.view} view`);
    }
    byId.set(region.id, { ...region, shapeName, drawing });
  }
  return byId;
}

/** The nearest scrolling ancestor of `element` across shadow roots, or null for the page itself. */
function scrollerOf(element) {
  const up = (node) => node.parentElement ?? node.getRootNode().host ?? null;
  for (let node = up(element); node; node = up(node)) {
    const { overflowY } = getComputedStyle(node);
    if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight) return node;
  }
  return null;
}

/** Builds a diagram; see the contract at the top of this file. */
export function createBodyDiagram({ regions, texts, marks, onChange, headingLevel = 3, markers = MARKERS }) {
  const t = textLookup(texts);
  const byId = indexRegions(regions);
  const level = Math.min(5, Math.max(2, Math.trunc(headingLevel) || 3));
  const prefix = `rc-diagram-${++instanceCount}`;

  // State: region ids per marker, the marker a tap applies, what the last tap did, and (result mode) the root.
  const marked = Object.fromEntries(markers.map((m) => [m.id, new Set()]));
  let activeMarker = markers[0].id;
  // A marker's name: its own label when the caller gave one, else the locale's marker_<id>.
  const markerName = (id) => markers.find((m) => m.id === id)?.label ?? t(`marker_${id}`);
  let lastStatus = null;
  let resultMode = false;
  let resultRoot = null;

  const regionButtons = new Map(); // id -> <g role=button>
  const regionPaths = new Map(); // id -> [{ drawing, d, group }]: the button and its echoes
  const rootLayers = {}; // drawing -> <g> holding the root area's outlines, above all regions
  const focusLayers = {}; // drawing -> <g> holding the keyboard focus ring, above everything, so no neighbour hides it
  const drawingSvgs = {};
  const sections = {};

  const root = htmlElement('div', 'rc-diagram');
  const instructions = htmlElement('p', 'rc-diagram-instructions', t('diagram_instructions'));

  // Marker picker: native radios (one Tab stop, arrow keys move within the group).
  const picker = htmlElement('fieldset', 'rc-diagram-picker');
  picker.append(htmlElement('legend', 'rc-diagram-picker-legend', t('marker_label')));
  const markerInputs = markers.map((marker) => {
    const label = htmlElement('label', 'rc-diagram-marker');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = `${prefix}-marker`;
    input.value = marker.id;
    input.checked = marker.id === activeMarker;
    input.addEventListener('change', () => {
      if (!input.checked) return;
      activeMarker = marker.id;
      labelClearButton();
      refreshRegions();
    });
    label.append(input, swatch(marker.id), htmlElement('span', 'rc-diagram-marker-text', markerName(marker.id)));
    picker.append(label);
    return input;
  });

  // The name line: what is under the pointer or has focus, else what the last tap did. A screen reader hears the
  // focused button's name already, so the line is hidden from it; what a tap did goes to the status region instead.
  const nameLine = htmlElement('p', 'rc-diagram-name');
  nameLine.setAttribute('aria-hidden', 'true');
  const status = htmlElement('p', 'rc-diagram-status');
  status.setAttribute('role', 'status');
  // The radios and the name line stay in view while the drawing scrolls under them (sticky, CSS).
  const bar = htmlElement('div', 'rc-diagram-bar');
  picker.hidden = markers.length === 1; // nothing to choose between: each tap marks the one kind
  bar.append(picker, nameLine, status);

  // View switch: shown only in narrow containers (CSS), where one view shows at a time. Tabs, so they are not
  // mistaken for the widget's own Back button.
  const viewSwitch = htmlElement('div', 'rc-diagram-switch');
  viewSwitch.setAttribute('role', 'tablist');
  const switchButtons = Object.keys(SECTIONS).map((viewName) => {
    const button = htmlElement('button', 'rc-diagram-switch-button', t(`diagram_tab_${viewName}`));
    button.type = 'button';
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-controls', `${prefix}-${viewName}`);
    button.dataset.view = viewName;
    button.addEventListener('click', () => showView(viewName));
    viewSwitch.append(button);
    return button;
  });

  const figures = htmlElement('div', 'rc-diagram-figures');
  for (const viewName of Object.keys(SECTIONS)) figures.append(buildSection(viewName));

  const lists = htmlElement('div', 'rc-diagram-lists');
  lists.id = `${prefix}-lists`;
  // Clears the marks of the kind being marked only (pain, numbness or pins and needles): the others stay.
  const clearButton = htmlElement('button', 'rc-diagram-clear', '');
  clearButton.type = 'button';
  const labelClearButton = () => {
    clearButton.textContent = t('diagram_clear').replace('{marker}', markerName(activeMarker));
  };
  labelClearButton();
  clearButton.addEventListener('click', () => {
    marked[activeMarker].clear();
    lastStatus = null;
    changed();
  });
  const side = htmlElement('div', 'rc-diagram-side');
  side.append(lists, clearButton);

  const body = htmlElement('div', 'rc-diagram-body');
  body.append(figures, side);
  root.append(buildPatternDefs(prefix), instructions, bar, viewSwitch, body);

  function swatch(kind) {
    const svg = svgElement('svg', { class: `rc-swatch rc-swatch-${kind}`, viewBox: '0 0 20 20', width: 20,
      height: 20, 'aria-hidden': 'true', focusable: 'false' });
    svg.append(svgElement('rect', { class: 'rc-swatch-base', x: 1, y: 1, width: 18, height: 18 }),
      svgElement('rect', { class: 'rc-swatch-fill', x: 1, y: 1, width: 18, height: 18,
        fill: `url(#${prefix}-${kind})` }));
    return svg;
  }

  function buildSection(viewName) {
    const section = htmlElement('section', `rc-diagram-view rc-view-${viewName}`);
    section.id = `${prefix}-${viewName}`;
    const heading = htmlElement(`h${level}`, 'rc-diagram-view-title', t(`diagram_${viewName}`));
    heading.id = `${prefix}-${viewName}-title`;
    section.append(heading);
    sections[viewName] = section;
    const drawings = SECTIONS[viewName];
    if (drawings.length === 1) {
      section.append(buildDrawing(drawings[0], heading.id));
      return section;
    }
    // The close-up: one titled drawing per side of the body.
    const panels = htmlElement('div', 'rc-diagram-panels');
    for (const drawingName of drawings) {
      const drawing = DRAWINGS[drawingName];
      const panel = htmlElement('div', 'rc-diagram-panel');
      const title = htmlElement(`h${level + 1}`, 'rc-diagram-panel-title', t(drawing.title));
      title.id = `${prefix}-${drawingName}-title`;
      panel.append(title, buildDrawing(drawingName, title.id));
      const note = drawing.note && t.optional(drawing.note);
      if (note) panel.append(htmlElement('p', 'rc-diagram-note', note));
      panels.append(panel);
    }
    section.append(panels);
    return section;
  }

  function buildDrawing(drawingName, labelId) {
    const drawing = DRAWINGS[drawingName];
    const svg = svgElement('svg', { class: `rc-diagram-svg rc-drawing-${drawingName}`,
      viewBox: `0 0 ${VIEW_WIDTH} ${drawing.height}`, role: 'group', 'aria-labelledby': labelId });
    drawingSvgs[drawingName] = svg;

    // Stroke both halves first, then fill both: the fills hide the strokes where the halves meet.
    const halves = [drawing.silhouette, mirrorPath(drawing.silhouette)];
    for (const d of halves) svg.append(svgElement('path', { class: 'rc-silhouette-outline', d }));
    for (const d of halves) svg.append(svgElement('path', { class: 'rc-silhouette', d }));

    // On a whole-body drawing the feet are a link to the close-up (for the pointer; the keyboard has the view
    // switch and the Tab order), drawn under the region buttons.
    const feet = drawing.feet ? svgElement('g', { class: 'rc-zoom', 'aria-hidden': 'true' }) : svg;
    if (drawing.feet) {
      svg.append(feet);
      feet.addEventListener('click', () => {
        if (!resultMode) showView('feet', { reveal: true });
      });
      feet.addEventListener('pointerenter', () => showName(t('diagram_feet')));
      feet.addEventListener('pointerleave', () => showRestingName());
    }
    const context = (parent, d) => parent.append(svgElement('path', { class: 'rc-context', d }));
    for (const d of drawing.context) {
      context(feet, d);
      context(feet, mirrorPath(d));
    }

    // Every shape of the drawing: a region's button, its echo (a foot on a whole-body drawing), or context.
    const otherSide = drawing.viewerLeftSide === 'left' ? 'right' : 'left';
    const placed = [];
    for (const name of drawing.midline || []) placed.push({ id: name, name, d: drawing.shapes[name], rank: 0 });
    drawing.order.forEach((name, index) => {
      placed.push({ id: `${drawing.viewerLeftSide}_${name}`, name, d: drawing.shapes[name], rank: 100 + index });
      placed.push({ id: `${otherSide}_${name}`, name, d: mirrorPath(drawing.shapes[name]), rank: 200 + index });
    });
    placed.sort((a, b) => a.rank - b.rank);
    for (const { id, name, d } of placed) {
      const region = byId.get(id);
      const parent = (drawing.feet || []).includes(name) ? feet : svg;
      if (region && region.view === drawing.body) {
        parent.append(region.drawing === drawingName ? buildRegion(region, drawingName, d)
          : paintedRegion(region, drawingName, d, 'rc-echo'));
      } else {
        context(parent, d);
      }
    }

    const rootLayer = svgElement('g', { class: 'rc-root-outlines', 'aria-hidden': 'true' });
    const focusLayer = svgElement('g', { class: 'rc-focus-layer', 'aria-hidden': 'true' });
    svg.append(rootLayer, focusLayer);
    rootLayers[drawingName] = rootLayer;
    focusLayers[drawingName] = focusLayer;

    const { x, y } = drawing.sideLabel;
    for (const [sideName, labelX] of [[drawing.viewerLeftSide, x], [otherSide, VIEW_WIDTH - x]]) {
      const text = t.optional(`diagram_side_${sideName}`);
      if (!text) continue;
      const label = svgElement('text', { class: 'rc-side-label', x: labelX, y, 'text-anchor': 'middle',
        'aria-hidden': 'true' });
      label.textContent = text;
      svg.append(label);
    }
    return svg;
  }

  /** A region's shape with its mark and root layers; the button, or an echo of it elsewhere. */
  function paintedRegion(region, drawingName, d, className) {
    const group = svgElement('g', { class: `rc-region ${className}`, 'data-region': region.id });
    group.append(svgElement('path', { class: 'rc-region-shape', d }));
    // The root's area lies under the marks (it tints what is left unmarked); its dashed outline is on top.
    group.append(svgElement('path', { class: 'rc-mark rc-mark-root', d, fill: `url(#${prefix}-root)` }));
    for (const marker of markers) {
      group.append(svgElement('path', { class: `rc-mark rc-mark-${marker.id}`, d,
        fill: `url(#${prefix}-${marker.id})` }));
    }
    group.append(svgElement('path', { class: 'rc-region-outline', d }));
    if (!regionPaths.has(region.id)) regionPaths.set(region.id, []);
    regionPaths.get(region.id).push({ drawing: drawingName, d, group });
    return group;
  }

  function buildRegion(region, drawingName, d) {
    const group = paintedRegion(region, drawingName, d, 'rc-target');
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
    group.addEventListener('pointerenter', (event) => {
      if (event.pointerType !== 'touch' && !resultMode) showName(accessibleName(region.id));
    });
    group.addEventListener('pointerleave', () => showRestingName());
    regionButtons.set(region.id, group);
    return group;
  }

  // Focus is followed from the root (focusin/focusout), not with focus listeners on the regions: Chromium makes an
  // SVG element with a focus or blur listener a Tab stop, even without tabindex (the result drawings have none).
  root.addEventListener('focusin', (event) => {
    const regionId = event.target.dataset?.region;
    if (resultMode || !regionButtons.has(regionId) || regionButtons.get(regionId) !== event.target) return;
    const group = event.target;
    showName(accessibleName(regionId));
    if (!group.matches(':focus-visible')) return;
    // Browsers scroll a focused element into view, not out from under the sticky radios: do that after them
    // (for the keyboard only: a tap is on a part that shows, and the drawing must not move under the finger).
    requestAnimationFrame(() => clearOfBar(group));
    const { drawing, d } = regionPaths.get(regionId).find((drawn) => drawn.group === group);
    focusLayers[drawing].replaceChildren(svgElement('path', { class: 'rc-focus-halo', d }),
      svgElement('path', { class: 'rc-focus-ring', d }));
  });
  root.addEventListener('focusout', (event) => {
    const regionId = event.target.dataset?.region;
    if (!regionButtons.has(regionId)) return;
    focusLayers[byId.get(regionId).drawing].replaceChildren();
    showRestingName();
  });

  function showName(text, { hint = false } = {}) {
    nameLine.textContent = text;
    nameLine.classList.toggle('rc-diagram-name-hint', hint);
  }

  function showRestingName() {
    if (lastStatus) showName(lastStatus);
    else showName(t('diagram_name_hint'), { hint: true });
  }

  function announce(text) {
    // Cleared first, so that the same words twice (a mark added, removed and added again) are read each time.
    status.textContent = '';
    requestAnimationFrame(() => { status.textContent = text; });
  }

  /** How far the stuck bar reaches below the scrolling area's top edge, and that edge (0 for the page). The bar
   *  may stick with its first line above the edge (a negative `top`, CSS). */
  function barCover(element) {
    const scroller = scrollerOf(element);
    const top = scroller ? scroller.getBoundingClientRect().top : 0;
    const style = getComputedStyle(bar);
    const cover = style.position === 'sticky' ? bar.offsetHeight + (parseFloat(style.top) || 0) : 0;
    return { scroller, top, cover };
  }

  function scrollBy(scroller, amount) {
    if (scroller) scroller.scrollBy(0, amount);
    else window.scrollBy(0, amount);
  }

  /** Scrolls `element` out from under the sticky bar, if it is partly under it. */
  function clearOfBar(element) {
    const { scroller, top, cover } = barCover(element);
    const box = element.getBoundingClientRect();
    const margin = 8;
    if (cover && box.top < top + cover + margin && box.bottom > top) scrollBy(scroller, box.top - top - cover - margin);
  }

  // Arrow keys: to the nearest region button of the same drawing in that direction (distance along the arrow, plus
  // twice the distance across it, so a region straight ahead wins over a closer one off to the side). Nothing in
  // that direction: focus stays.
  function focusNeighbour(region, [dx, dy]) {
    const centre = (group) => {
      const box = group.getBBox();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    const from = centre(regionButtons.get(region.id));
    let best = null;
    let bestScore = Infinity;
    for (const [id, group] of regionButtons) {
      if (id === region.id || byId.get(id).drawing !== region.drawing) continue;
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
    const added = !set.has(regionId);
    if (added) set.add(regionId);
    else set.delete(regionId);
    // Say which region the tap marked, so that a tap on a neighbour is seen (and heard) at once.
    lastStatus = t(added ? 'diagram_status_added' : 'diagram_status_removed')
      .replace('{region}', byId.get(regionId).label).replace('{marker}', markerName(activeMarker));
    showName(lastStatus);
    announce(lastStatus);
    changed();
  }

  function changed() {
    refreshRegions();
    renderLists();
    if (!lastStatus) showRestingName();
    root.dispatchEvent(new CustomEvent('diagram-change', { bubbles: true, composed: false, detail: getMarks() }));
    if (typeof onChange === 'function') onChange(getMarks());
  }

  function marksOf(regionId) {
    return markers.filter((m) => marked[m.id].has(regionId)).map((m) => m.id);
  }

  function accessibleName(regionId) {
    const names = marksOf(regionId).map((id) => markerName(id));
    const label = byId.get(regionId).label;
    return names.length ? `${label}: ${names.join(', ')}` : label;
  }

  function refreshRegions() {
    const rootRegions = new Set(resultMode && resultRoot ? resultRoot.regions : []);
    for (const [regionId, drawn] of regionPaths) {
      const present = marksOf(regionId);
      for (const { group } of drawn) {
        for (const marker of markers) group.classList.toggle(`rc-has-${marker.id}`, present.includes(marker.id));
        group.classList.toggle('rc-has-root', rootRegions.has(regionId));
      }
    }
    for (const [regionId, group] of regionButtons) {
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
      for (const { drawing, d } of regionPaths.get(regionId)) {
        rootLayers[drawing].append(svgElement('path', { class: 'rc-root-outline', d }));
      }
    }
    for (const svg of Object.values(drawingSvgs)) {
      svg.setAttribute('role', resultMode ? 'img' : 'group');
      if (resultMode) svg.setAttribute('aria-describedby', lists.id);
      else svg.removeAttribute('aria-describedby');
    }
    instructions.hidden = resultMode || markers.length === 1; // one kind of mark: the question says what to tap
    bar.hidden = resultMode;
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
    const markedMarkers = markers.filter((m) => marked[m.id].size > 0);
    if (resultMode && markedMarkers.length === 0) return;
    lists.append(htmlElement(`h${level}`, 'rc-diagram-lists-title', t('diagram_marked_list')));
    if (markedMarkers.length === 0) lists.append(htmlElement('p', 'rc-diagram-none', t('diagram_none_marked')));
    for (const marker of markedMarkers) lists.append(titled(marker.id, markerName(marker.id), marked[marker.id]));
  }

  /** Shows a view (on a narrow screen the others hide); reveal: scroll its top to just under the sticky bar. */
  function showView(viewName, { reveal = false } = {}) {
    root.dataset.view = viewName;
    for (const button of switchButtons) {
      button.setAttribute('aria-selected', String(button.dataset.view === viewName));
    }
    if (!reveal) return;
    const section = sections[viewName];
    const { scroller, top, cover } = barCover(section);
    scrollBy(scroller, section.getBoundingClientRect().top - top - cover - 8);
  }

  function getMarks() {
    return Object.fromEntries(markers.map((m) => [m.answer,
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
    for (const marker of markers) marked[marker.id] = new Set(knownIds(next[marker.answer], marker.answer));
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

  function focus() {
    markerInputs.find((input) => input.checked).focus();
  }

  showView('front');
  showRestingName();
  setMarks(marks || {});
  return { element: root, getMarks, setMarks, showResult, focus };
}
