// The Special Commission's decisions on a replay's cases (DIR/decisions.jsonl, appended by
// `guarantor cases decide`), each tied to the case it decided by `case_sha256`: the digest of the
// case's opening record. Case ids come from report ids, so a later replay into the same
// directory can open another case under a decided case's id; the digest tells them apart.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "base/status.h"

namespace guarantor::cli {

// The SHA-256, in hex, of a case's opening record (its cases.jsonl line, parsed) in canonical
// form: nlohmann's dump of a json, keys sorted, no spaces.
std::string OpeningDigest(const nlohmann::json& record);

// Throws std::invalid_argument naming `case_sha256` when `decision` carries a digest other than
// `opening_digest`, that of its case as cases.jsonl opens it now (empty: not known, no check).
void CheckDecisionDigest(const nlohmann::json& decision, const std::string& opening_digest);

// Checks every decision of DIR/decisions.jsonl that carries a digest against its case in
// DIR/cases.jsonl, reading only the lines of cases.jsonl whose text can hold a decided case. An
// error names the file, line and field. Ok without a decisions file.
Status CheckDecisionDigests(const std::string& dir);

}  // namespace guarantor::cli
