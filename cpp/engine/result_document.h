// The result document: an Evaluation (assessment.h) written as the JSON text of rules/schema/result.schema.json, the
// hot end of assess.
//
// Contract
// - Keys in sorted order and scores as evaluate() rounded them (round_score), so the text equals the sorted dump()
//   of the same document and the same answers always give the same bytes.
// - Texts in the answers' locale (clinician variants in clinician mode, texts.h); a root's evidence texts get their
//   placeholders ({region}, {root}, {side}) filled.
// - `sources` holds exactly the sources the written items cite (advice, mechanism and pain-type evidence, root
//   evidence, safety net, triage reasons), each citation once; every item names its source by id.
// - `fired` lists what fired in evaluation order, as "<part>.<id>" or "<part>.<group>.<id>".
// - Written straight into text through JsonWriter (json/writer.h), no DOM: the engine's ids and the texts the loader
//   found plain are copied without an escaping scan.
#pragma once

#include <string>

#include "answers.h"
#include "assessment.h"
#include "rule_set.h"

namespace rootcheck {

// The result document of `evaluation` (of `answers` under `rules`) as JSON text.
std::string result_text(const RuleSet& rules, const Answers& answers, const Evaluation& evaluation);

}  // namespace rootcheck
