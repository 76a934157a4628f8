#include "commission/case_records.h"

#include <filesystem>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/json_lines.h"
#include "ledger/digest.h"
#include "model/json_fields.h"

namespace guarantor {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A case of cases.jsonl, as opened (its later state is the fold of the decisions); `seen` holds
// the ids opened before.
void OpenCase(const json& j, std::unordered_set<std::string>* seen, CaseFile* file) {
  Case c;
  c.id = StringField(j, "case");
  c.incident = StringField(j, "incident");
  c.observations = j.at("observations").get<std::vector<std::string>>();
  c.rules = j.at("rules").get<std::vector<std::string>>();
  c.severity = static_cast<int>(IntegerField(j, "severity", 0, 5));
  const std::string_view party = StringField(j, "attributed_party");
  c.attributed_party = party == "undetermined" ? "" : std::string(party);
  c.attribution_method = StringField(j, "attribution_method");
  if (j.contains("attribution_candidate") && j["attribution_candidate"].is_string()) {
    c.attribution_candidate = j["attribution_candidate"].get<std::string>();
  }
  c.attribution_confidence = j.at("attribution_confidence").get<double>();
  if (!seen->insert(c.id).second) ThrowFieldError("case", "a case id not seen before", c.id);
  const json& history = j.at("history");
  if (!history.is_array() || history.empty()) {
    ThrowFieldError("history", "an array starting with the opening", history.dump());
  }
  const json& opening = history.at(0);
  file->Open(std::move(c), TimeField(opening, "at"), std::string(StringField(opening, "reason")));
}

// Throws std::invalid_argument naming `case_sha256` when `decision` carries a digest other than
// `opening_digest`, that of its case as cases.jsonl opens it now (empty: not known, no check).
void CheckDecisionDigest(const json& decision, const std::string& opening_digest) {
  if (!decision.contains("case_sha256") || opening_digest.empty()) return;
  const std::string_view found = StringField(decision, "case_sha256");
  if (found == opening_digest) return;
  ThrowFieldError("case_sha256",
                  "the digest of case " + std::string(StringField(decision, "case")) +
                      " as cases.jsonl opens it now, " + opening_digest +
                      " (this decision was taken on another record of that case, from an "
                      "earlier replay into this directory: move decisions.jsonl aside to decide "
                      "this run's cases afresh)",
                  found);
}

// The text "case":"<id>" as the replay writes it in a case's line (JsonText escapes as nlohmann
// does): what a line must hold to be that case's. An id that is not UTF-8 is in no line.
std::string CaseKey(const std::string& id) {
  return "\"case\":" + json(id).dump(-1, ' ', false, json::error_handler_t::replace);
}

// The cases that the decisions of `path` name with a digest, each mapped to "" (its digest, once
// its opening record is read).
Status CasesDecidedWithDigests(const std::string& path,
                               std::unordered_map<std::string, std::string>* digests) {
  return ForEachJsonLine(path, [&](const json& j) {
    if (j.contains("case_sha256")) digests->emplace(StringField(j, "case"), "");
  });
}

}  // namespace

std::string CaseStateChoices() {
  return "one of: open, under_review, attributed, remedy_decided, closed, unverifiable";
}

std::string CaseOpeningDigest(const json& record) {
  return ledger::ToHex(ledger::Sha256(record.dump()));
}

Status LoadCases(const std::string& dir, CaseFile* file, const std::string& only,
                 std::string* only_digest) {
  CaseFile loaded;
  std::unordered_set<std::string> seen;
  const std::string decisions = (fs::path(dir) / "decisions.jsonl").string();
  const bool decided = fs::exists(decisions);
  // The cases whose opening records decisions name by digest, and then those digests.
  std::unordered_map<std::string, std::string> digests;
  if (decided) RETURN_IF_ERROR(CasesDecidedWithDigests(decisions, &digests));
  const std::string key = CaseKey(only);
  auto keep = [&](std::string_view line) {
    return only.empty() || line.find(key) != std::string_view::npos;
  };
  RETURN_IF_ERROR(
      ForEachJsonLineWhere((fs::path(dir) / "cases.jsonl").string(), keep, [&](const json& j) {
        if (!only.empty() && StringField(j, "case") != only) {
          return;
        }
        OpenCase(j, &seen, &loaded);
        const std::string id(StringField(j, "case"));
        if (id == only && only_digest != nullptr) *only_digest = CaseOpeningDigest(j);
        if (auto it = digests.find(id); it != digests.end()) it->second = CaseOpeningDigest(j);
      }));
  if (decided) {
    RETURN_IF_ERROR(ForEachJsonLine(decisions, [&](const json& j) {
      if (!only.empty() && StringField(j, "case") != only) return;
      if (j.contains("case_sha256")) {
        CheckDecisionDigest(j, digests[std::string(StringField(j, "case"))]);
      }
      const CaseState to = ChoiceField(j, "to", ParseCaseState, CaseStateChoices());
      // Decisions recorded before remedies (and their deadlines, and named parties) were have no
      // "remedy" ("remedy_due", "party").
      Status s = loaded.Transition(std::string(StringField(j, "case")), to,
                                   std::string(StringField(j, "by")), TimeField(j, "at"),
                                   std::string(StringField(j, "reason")),
                                   std::string(OptionalStringField(j, "remedy")),
                                   std::string(OptionalStringField(j, "remedy_due")),
                                   std::string(OptionalStringField(j, "party")));
      if (!s.ok()) throw std::invalid_argument(s.message());
    }));
  }
  *file = std::move(loaded);
  return Status::Ok();
}

Status CheckDecisionDigests(const std::string& dir) {
  const std::string decisions = (fs::path(dir) / "decisions.jsonl").string();
  if (!fs::exists(decisions)) return Status::Ok();
  std::unordered_map<std::string, std::string> digests;  // case id -> its opening's digest
  RETURN_IF_ERROR(CasesDecidedWithDigests(decisions, &digests));
  if (digests.empty()) return Status::Ok();
  std::vector<std::string> keys;
  keys.reserve(digests.size());
  for (const auto& [id, digest] : digests) keys.push_back(CaseKey(id));
  auto may_hold = [&](std::string_view line) {
    for (const std::string& key : keys) {
      if (line.find(key) != std::string_view::npos) return true;
    }
    return false;
  };
  RETURN_IF_ERROR(
      ForEachJsonLineWhere((fs::path(dir) / "cases.jsonl").string(), may_hold, [&](const json& j) {
        if (auto it = digests.find(std::string(StringField(j, "case"))); it != digests.end()) {
          it->second = CaseOpeningDigest(j);
        }
      }));
  return ForEachJsonLine(decisions, [&](const json& j) {
    if (j.contains("case_sha256"))
      CheckDecisionDigest(j, digests[std::string(StringField(j, "case"))]);
  });
}

}  // namespace guarantor
