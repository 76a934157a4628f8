// CaseDossierMarkdown: a Special Commission case as people read it: the case, the incident behind
// it, the evidence down to the raw reports, and every decision, in Markdown, rendered from the
// same document `guarantor cases show --json` prints (one source for both).
//
//   std::cout << CaseDossierMarkdown(dossier);
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace guarantor {

// `dossier`: a case as cases.jsonl records it (with its state after the recorded decisions),
// plus "incident_record" (the incident's line of incidents.jsonl) and "raw_observations" (the
// reports as received) when they were found. Whatever is absent is said so, never filled in.
std::string CaseDossierMarkdown(const nlohmann::ordered_json& dossier);

}  // namespace guarantor
