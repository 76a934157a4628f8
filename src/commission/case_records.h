// The Special Commission's cases as a replay's results hold them: DIR/cases.jsonl (each case as
// opened) and DIR/decisions.jsonl (the decisions `guarantor cases decide` appends), folded into a
// CaseFile. Each decision may carry `case_sha256`, the digest of the opening record of the case it
// decided: case ids come from report ids, so a later replay into the same directory can open
// another case under a decided case's id, and the digest tells them apart.
//
// Errors name the file, the line and the field (model/json_fields.h), and nothing is loaded.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "base/status.h"
#include "commission/case_file.h"

namespace guarantor {

// The states a decision may name, for messages: "one of: open, under_review, ...".
std::string CaseStateChoices();

// The SHA-256, in hex, of a case's opening record (its cases.jsonl line, parsed) in canonical
// form: nlohmann's dump of a json, keys sorted, no spaces.
std::string CaseOpeningDigest(const nlohmann::json& record);

// The cases of DIR/cases.jsonl in the state DIR/decisions.jsonl (absent: no decision) left them;
// only the case `only` names when it is not empty: then a line is parsed only when its text
// holds "case":"<only>" (a dense theatre's cases.jsonl is hundreds of megabytes), and the
// decisions on other cases are passed over. A decision whose `case_sha256` is not its case's
// CaseOpeningDigest (one taken on an earlier replay's case of that id) is an error too. `only`'s
// digest goes to *only_digest when given.
Status LoadCases(const std::string& dir, CaseFile* file, const std::string& only = "",
                 std::string* only_digest = nullptr);

// Checks every decision of DIR/decisions.jsonl that carries a digest against its case in
// DIR/cases.jsonl, reading only the lines of cases.jsonl whose text can hold a decided case: what
// `guarantor report` does before it lists a day's decisions. Ok without a decisions file.
Status CheckDecisionDigests(const std::string& dir);

}  // namespace guarantor
