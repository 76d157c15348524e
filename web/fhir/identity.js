// Names that tie RootCheck's FHIR resources to one rule set, locale and mode.
//
// CONTRACT
//   questionnaireUrl(rules, locale, mode) -> 'urn:rootcheck:questionnaire:<rules name>:<mode>:<locale>'
//   questionnaireVersion(rules)           -> '<rules version>+sha256.<rules sha256>'
//   questionnaireCanonical(rules, locale, mode) -> '<url>|<version>', what a QuestionnaireResponse names
//   parseCanonical(text) -> { name, mode, locale, version } | null when it is not a RootCheck Questionnaire
//     rules: engine.info().rules, { name, version, sha256 }
//
// One Questionnaire per locale and mode: their items differ (the clinician's examination) and a FHIR renderer shows
// one language, so each gets its own canonical URL, and reading a response back tells the locale and mode it was
// answered in. The version carries the rule set's SHA-256, so a response names exactly the rules that assessed it.

export const ANSWER_SYSTEM = 'urn:rootcheck:answer';
export const PUBLISHER = 'RootCheck';

const URL_PREFIX = 'urn:rootcheck:questionnaire:';

export const questionnaireUrl = (rules, locale, mode) => `${URL_PREFIX}${rules.name}:${mode}:${locale}`;
export const questionnaireVersion = (rules) => `${rules.version}+sha256.${rules.sha256}`;
export const questionnaireCanonical = (rules, locale, mode) =>
  `${questionnaireUrl(rules, locale, mode)}|${questionnaireVersion(rules)}`;

export function parseCanonical(text) {
  if (typeof text !== 'string' || !text.startsWith(URL_PREFIX)) return null;
  const [url, version = null] = text.split('|');
  const parts = url.slice(URL_PREFIX.length).split(':');
  if (parts.length !== 3 || parts.some((part) => part === '')) return null;
  const [name, mode, locale] = parts;
  return { name, mode, locale, version };
}
