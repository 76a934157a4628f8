// CaseDossierMarkdown: a Special Commission case as people read it: the case, the incident behind
// it, the evidence down to the raw reports, and every decision, in Markdown, rendered from the
// same document `guarantor cases show --json` prints (one source for both).
//
//   std::cout << CaseDossierMarkdown(dossier);
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace guarantor {

// `dossier`: a case as cases.jsonl records it (with its state after the recorded decisions),
// plus "incident_record" (the incident's line of incidents.jsonl) and "raw_observations" (the
// reports as received) when they were found, and "decisions" (the service's triage record:
// decision, by, at, rationale, remedy) when there are any. Whatever is absent is said so, never
// filled in: members without a raw report are listed after `missing_reports`.
std::string CaseDossierMarkdown(
    const nlohmann::ordered_json& dossier,
    std::string_view missing_reports = "Not found in the observations file");

}  // namespace guarantor
