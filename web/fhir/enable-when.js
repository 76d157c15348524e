// A question's `visible` condition (JsonLogic, rules/README.md) as FHIR R4 enableWhen, or else as an SDC
// enableWhenExpression (FHIRPath), so that a FHIR renderer asks what RootCheck's next() asks.
//
// CONTRACT
//   import { enableWhenFor } from './enable-when.js';
//   enableWhenFor(condition, questionsById, codeSystem)
//     condition      the question's `visible` condition as engine.questionnaire() gives it
//     questionsById  Map id -> question of the same questionnaire (types tell codes from numbers)
//     codeSystem     the Coding.system of the answer options
//   -> { enableWhen: [...], enableBehavior?: 'all'|'any' }   the condition as plain enableWhen
//    | { expression: '<FHIRPath>' }                          the condition as an enableWhenExpression
//    | null                                                  neither can say it (README lists what cannot)
//
// Plain enableWhen says "all of" or "any of" a list of (question, =|!=, answer). The translation first pushes every
// negation down to the comparisons (De Morgan), turns `{"in": [var, [a, b]]}` into "any of var = a, var = b" and
// "no region of a list is marked" (`!some(list, in(region, [...]))`) into "list != each one", then takes the
// condition if it is one level of and/or. JsonLogic and FHIR agree on an unanswered question: `!=` holds (null is
// not "no"; R4: "true if no answer has a value equal to the answer") and `=` does not, and `=` / `!=` on a repeating
// question mean "some answer is" / "no answer is", as `some` and `!some` over a list do.
//
// Anything else (numbers, defaults, substrings, mixed and/or) becomes FHIRPath over %resource, written so that an
// unanswered question behaves as JsonLogic's null: `contains` gives false on an empty list where `=` would give empty.
// Supported there: var (with a default), ==, !=, <, <=, >, >=, +, -, *, /, !, and, or, in (list or substring), some.

const OPPOSITE = { '=': '!=', '!=': '=' };
const NUMERIC_TYPES = new Set(['integer', 'number']);

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const operatorOf = (node) => (isPlainObject(node) && Object.keys(node).length === 1 ? Object.keys(node)[0] : null);
const argsOf = (node, op) => (Array.isArray(node[op]) ? node[op] : [node[op]]);

// The question id a `{"var": id}` names (no default), or null.
function varName(node) {
  if (operatorOf(node) !== 'var') return null;
  const arg = node.var;
  if (typeof arg === 'string') return arg;
  if (Array.isArray(arg) && arg.length === 1 && typeof arg[0] === 'string') return arg[0];
  return null;
}

// --- plain enableWhen ---------------------------------------------------------------------------------------------

// A condition as a tree of {and|or: [...]} over atoms {question, operator, answer}, negations pushed down; null when
// a part has no enableWhen form.
function toTree(node, negate, questionsById) {
  const op = operatorOf(node);
  if (op === '!') return toTree(argsOf(node, op)[0], !negate, questionsById);
  if (op === 'and' || op === 'or') {
    const parts = argsOf(node, op).map((part) => toTree(part, negate, questionsById));
    if (parts.some((part) => part === null)) return null;
    return { [(op === 'and') !== negate ? 'and' : 'or']: parts };
  }
  if (op === '==' || op === '!=') {
    const [left, right] = argsOf(node, op);
    const [question, answer] = varName(left) !== null ? [varName(left), right] : [varName(right), left];
    if (!questionsById.has(question) || typeof answer !== 'string' || isNumeric(questionsById, question)) return null;
    const operator = op === '==' ? '=' : '!=';
    return { question, operator: negate ? OPPOSITE[operator] : operator, answer };
  }
  if (op === 'in') {
    const [needle, haystack] = argsOf(node, op);
    const question = varName(needle);
    if (!questionsById.has(question) || !Array.isArray(haystack) || !haystack.every((v) => typeof v === 'string')) {
      return null;
    }
    const atoms = haystack.map((answer) => ({ question, operator: negate ? '!=' : '=', answer }));
    return { [negate ? 'and' : 'or']: atoms };
  }
  if (op === 'some') {
    // some(list, region in [...]): some answer of the list is one of them.
    const [list, test] = argsOf(node, op);
    const question = Array.isArray(list.var) && list.var.length === 2 && Array.isArray(list.var[1]) &&
      list.var[1].length === 0 ? list.var[0] : varName(list);
    if (!questionsById.has(question) || operatorOf(test) !== 'in') return null;
    const [needle, haystack] = argsOf(test, 'in');
    if (varName(needle) !== '' || !Array.isArray(haystack) || !haystack.every((v) => typeof v === 'string')) {
      return null;
    }
    const atoms = haystack.map((answer) => ({ question, operator: negate ? '!=' : '=', answer }));
    return { [negate ? 'and' : 'or']: atoms };
  }
  return null;
}

const isNumeric = (questionsById, id) => NUMERIC_TYPES.has(questionsById.get(id)?.type);

// Flattens nested and-in-and / or-in-or; returns { behavior, atoms } or null for mixed levels.
function flatten(tree) {
  if (!tree.and && !tree.or) return { behavior: null, atoms: [tree] };
  const behavior = tree.and ? 'and' : 'or';
  const atoms = [];
  for (const part of tree[behavior]) {
    const inner = flatten(part);
    if (inner === null) return null;
    if (inner.behavior !== null && inner.behavior !== behavior && inner.atoms.length > 1) return null;
    atoms.push(...inner.atoms);
  }
  return { behavior, atoms };
}

function plainEnableWhen(condition, questionsById, codeSystem) {
  const tree = toTree(condition, false, questionsById);
  const flat = tree && flatten(tree);
  if (!flat) return null;
  const enableWhen = flat.atoms.map(({ question, operator, answer }) => ({
    question, operator, answerCoding: { system: codeSystem, code: answer },
  }));
  if (enableWhen.length === 1) return { enableWhen };
  return { enableWhen, enableBehavior: flat.behavior === 'and' ? 'all' : 'any' };
}

// --- FHIRPath -----------------------------------------------------------------------------------------------------

const fhirString = (text) => `'${String(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function literal(value) {
  if (typeof value === 'string') return fhirString(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

// The answers to a question: codes for coded questions, numbers for numeric ones.
function answersOf(question, questionsById) {
  const base = `%resource.repeat(item).where(linkId=${fhirString(question)}).answer.value`;
  return isNumeric(questionsById, question) ? base : `${base}.code`;
}

// Translates a JsonLogic node to a FHIRPath expression; `scope` is the expression `{"var": ""}` stands for inside
// `some`. Returns null for what it does not support.
function toFhirPath(node, questionsById, scope) {
  const lit = literal(node);
  if (lit !== null) return lit;
  const op = operatorOf(node);
  if (op === null) return null;
  const args = argsOf(node, op);
  const sub = (n) => toFhirPath(n, questionsById, scope);
  const all = (list) => {
    const parts = list.map(sub);
    return parts.some((p) => p === null) ? null : parts;
  };
  switch (op) {
    case 'var': {
      const [name, fallback] = args;
      if (name === '' && scope) return scope;
      if (!questionsById.has(name)) return null;
      const answers = answersOf(name, questionsById);
      if (args.length < 2) return answers;
      const other = literal(fallback);
      if (other === null) return null;
      return `iif(${answers}.exists(), ${answers}, ${other})`;
    }
    case '==':
    case '!=': {
      const [left, right] = args;
      // `contains` is false (not empty) when the question is unanswered, as JsonLogic's null == "x" is.
      const [list, value] = literal(right) !== null ? [sub(left), literal(right)] : [sub(right), literal(left)];
      if (list === null || value === null) return null;
      return op === '==' ? `(${list} contains ${value})` : `(${list} contains ${value}).not()`;
    }
    case '<': case '<=': case '>': case '>=': {
      const parts = all(args);
      if (!parts || parts.length !== 2) return null;
      return `(${parts[0]} ${op} ${parts[1]})`;
    }
    case '+': case '-': case '*': case '/': {
      const parts = all(args);
      if (!parts || parts.length !== 2) return null;
      return `(${parts[0]} ${op} ${parts[1]})`;
    }
    case '!': {
      const inner = sub(args[0]);
      return inner === null ? null : `(${inner}).not()`;
    }
    case 'and':
    case 'or': {
      const parts = all(args);
      return parts ? `(${parts.join(` ${op} `)})` : null;
    }
    case 'in': {
      const [needle, haystack] = args;
      if (Array.isArray(haystack)) {
        const value = sub(needle);
        const options = haystack.map(literal);
        if (value === null || options.some((o) => o === null)) return null;
        return `(${options.map((o) => `(${value} contains ${o})`).join(' or ')})`;
      }
      const text = sub(haystack);
      const part = literal(needle);
      return text === null || part === null ? null : `(${text}.contains(${part}) = true)`;
    }
    case 'some': {
      const [list, test] = args;
      const items = sub(list.var && Array.isArray(list.var) && list.var.length === 2 &&
        Array.isArray(list.var[1]) && list.var[1].length === 0 ? { var: list.var[0] } : list);
      const body = items === null ? null : toFhirPath(test, questionsById, '$this');
      return body === null ? null : `${items}.where(${body}).exists()`;
    }
    default:
      return null;
  }
}

/** See the contract at the top of this file. */
export function enableWhenFor(condition, questionsById, codeSystem) {
  if (condition === undefined || condition === null || condition === true) return null;
  const plain = plainEnableWhen(condition, questionsById, codeSystem);
  if (plain) return plain;
  const expression = toFhirPath(condition, questionsById, null);
  return expression === null ? null : { expression };
}
