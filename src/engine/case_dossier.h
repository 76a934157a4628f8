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

// What a dossier says of what it lacks, in the words of where it was made. The defaults are the
// CLI's, which reads a replay's result directory and, when given, the observations file.
struct DossierNotes {
  // After "Incident <id>", when the case's incident record is absent.
  std::string_view no_incident = "was not found in the result's incidents.jsonl";
  // Before the list of members that have no raw report.
  std::string_view missing_reports = "Not found in the observations file";
  // When no raw reports were looked up at all.
  std::string_view no_raw_reports =
      "The raw reports: `guarantor cases show` with `--observations FILE`.";
};

// `dossier`: a case as cases.jsonl records it (with its state after the recorded decisions),
// plus "incident_record" (the incident's line of incidents.jsonl) and "raw_observations" (the
// reports as received) when they were found, and "decisions" (the service's triage record:
// decision, by, at, rationale, remedy) and "takeovers" (claims taken over: by, from, at, reason)
// when there are any. Whatever is absent is said so, in
// `notes`' words, never filled in.
std::string CaseDossierMarkdown(const nlohmann::ordered_json& dossier,
                                const DossierNotes& notes = {});

}  // namespace guarantor
