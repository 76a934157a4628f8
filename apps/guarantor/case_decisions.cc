#include "case_decisions.h"

#include <filesystem>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/json_lines.h"
#include "ledger/digest.h"
#include "model/json_fields.h"

namespace guarantor::cli {

using nlohmann::json;

std::string OpeningDigest(const json& record) {
  return ledger::ToHex(ledger::Sha256(record.dump()));
}

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

Status CheckDecisionDigests(const std::string& dir) {
  const std::string decisions = (std::filesystem::path(dir) / "decisions.jsonl").string();
  if (!std::filesystem::exists(decisions)) return Status::Ok();
  std::unordered_map<std::string, std::string> digests;  // case id -> its opening's digest
  RETURN_IF_ERROR(ForEachJsonLine(decisions, [&](const json& j) {
    if (j.contains("case_sha256")) digests.emplace(StringField(j, "case"), "");
  }));
  if (digests.empty()) return Status::Ok();
  // A decided case's line holds "case":"<id>" as the replay writes it (JsonText escapes as
  // nlohmann does).
  std::vector<std::string> keys;
  keys.reserve(digests.size());
  for (const auto& [id, digest] : digests) {
    keys.push_back("\"case\":" + json(id).dump(-1, ' ', false, json::error_handler_t::replace));
  }
  auto may_hold = [&](std::string_view line) {
    for (const std::string& key : keys) {
      if (line.find(key) != std::string_view::npos) return true;
    }
    return false;
  };
  RETURN_IF_ERROR(ForEachJsonLineWhere(
      (std::filesystem::path(dir) / "cases.jsonl").string(), may_hold, [&](const json& j) {
        if (auto it = digests.find(std::string(StringField(j, "case"))); it != digests.end()) {
          it->second = OpeningDigest(j);
        }
      }));
  return ForEachJsonLine(decisions, [&](const json& j) {
    if (j.contains("case_sha256"))
      CheckDecisionDigest(j, digests[std::string(StringField(j, "case"))]);
  });
}

}  // namespace guarantor::cli
