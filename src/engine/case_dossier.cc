#include "engine/case_dossier.h"

#include <cmath>
#include <cstdint>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/markdown.h"
#include "base/rounding.h"

namespace guarantor {
namespace {

using nlohmann::ordered_json;

// A field as text: strings as they are, numbers as JSON writes them, nothing when absent or null.
std::string Text(const ordered_json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  // Whole figures written as such: an uncertainty of 57.0 m reads "57".
  if (it->is_number_float() && std::abs(it->get<double>()) < 1e15 &&
      it->get<double>() == std::trunc(it->get<double>())) {
    return std::to_string(static_cast<int64_t>(it->get<double>()));
  }
  return it->dump();
}

std::string Confidence(const ordered_json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? FormatFixed(it->get<double>(), 3) : "?";
}

std::string Joined(const ordered_json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const ordered_json& item : list) {
    if (!out.empty()) out += ", ";
    out += item.is_string() ? item.get<std::string>() : item.dump();
  }
  return out;
}

// "46.544448, 32.534532 (±57 m)"
std::string Point(const ordered_json& p) {
  if (!p.is_object()) return "";
  std::string out = Text(p, "lat") + ", " + Text(p, "lon");
  if (p.contains("uncertainty_m")) out += " (±" + Text(p, "uncertainty_m") + " m)";
  return out;
}

// "security_zone, 2.955 km from the line, in the control area of RU"
std::string Place(const ordered_json& at) {
  if (!at.is_object()) return "";
  std::string out = Text(at, "zone") + ", " + Text(at, "distance_to_line_km") + " km from the line";
  const std::string area = Text(at, "control_area");
  out += area.empty() ? ", in no control area" : ", in the control area of " + area;
  return out;
}

void Row(std::ostringstream& md, std::string_view name, const std::string& value) {
  md << "| " << name << " | " << MarkdownCell(value) << " |\n";
}

void CaseSection(std::ostringstream& md, const ordered_json& d) {
  md << "# Case " << Text(d, "case") << ": " << Text(d, "state") << "\n\n| | |\n|---|---|\n";
  Row(md, "severity", Text(d, "severity"));
  Row(md, "rules breached", Joined(d.value("rules", ordered_json::array())));
  const std::string party = Text(d, "attributed_party");
  std::string attribution = party + " (" + Text(d, "attribution_method") + ", confidence " +
                            Confidence(d, "attribution_confidence") + ")";
  const std::string candidate = Text(d, "attribution_candidate");
  if (party == "undetermined" && !candidate.empty()) {
    attribution += "; the evidence points to " + candidate + " below the confidence required";
  }
  Row(md, "attributed to", attribution);
  Row(md, "opened", Text(d, "opened_at"));
  Row(md, "incident", Text(d, "incident"));
}

void IncidentSection(std::ostringstream& md, const ordered_json& d, const DossierNotes& notes) {
  md << "\n## The incident\n\n";
  auto rec = d.find("incident_record");
  if (rec == d.end() || !rec->is_object()) {
    md << "Incident " << Text(d, "incident") << " " << notes.no_incident << ".\n";
    return;
  }
  const ordered_json& r = *rec;
  md << "| | |\n|---|---|\n";
  Row(md, "kind", Text(r, "kind") + ", " + Text(r, "weapon_class") + ", count " + Text(r, "count"));
  Row(md, "seen", Text(r, "first_seen") + " to " + Text(r, "last_seen"));
  Row(md, "status",
      Text(r, "status") + (r.contains("verified_by")
                               ? ", by " + Text(r, "verified_by") + " at " + Text(r, "verified_at")
                               : std::string()));
  Row(md, "independent sources", Text(r, "independent_sources"));
  Row(md, "position",
      Point(r.value("position", ordered_json())) + ": " + Place(r.value("at", ordered_json())));
  if (r.contains("origin")) {
    Row(md, "point of origin",
        Point(r["origin"]) + ": " + Place(r.value("origin_at", ordered_json())));
  }
  const ordered_json breaches = r.value("breaches", ordered_json::array());
  md << "\nBreaches:\n\n";
  if (breaches.empty()) md << "- none\n";
  for (const ordered_json& b : breaches) {
    md << "- " << Text(b, "rule") << ": " << Text(b, "reason") << "\n";
  }
  const ordered_json a = r.value("attribution", ordered_json::object());
  md << "\nAttribution: " << Text(a, "party") << " by " << Text(a, "method") << ", confidence "
     << Confidence(a, "confidence") << ": " << Text(a, "reason") << "\n";
}

void EvidenceSection(std::ostringstream& md, const ordered_json& d, const DossierNotes& notes) {
  const ordered_json ids = d.value("observations", ordered_json::array());
  md << "\n## Evidence: " << ids.size() << " report(s)\n\n";
  auto raw = d.find("raw_observations");
  if (raw == d.end() || !raw->is_array()) {
    // No raw reports: what the incident record says of each member, else the case's ids.
    const ordered_json members = d.value("incident_record", ordered_json::object())
                                     .value("observations", ordered_json::array());
    md << "| report | source | type |\n|---|---|---|\n";
    if (members.empty()) {
      for (const ordered_json& id : ids) {
        md << "| " << MarkdownCell(id.is_string() ? id.get<std::string>() : id.dump())
           << " | | |\n";
      }
    }
    for (const ordered_json& m : members) {
      md << "| " << MarkdownCell(Text(m, "observation")) << " | " << MarkdownCell(Text(m, "source"))
         << " | " << Text(m, "type") << " |\n";
    }
    md << "\n" << notes.no_raw_reports << "\n";
    return;
  }
  md << "| report | time | source | kind | weapon class | count | position | origin or bearing | "
        "confidence | notes |\n|---|---|---|---|---|---:|---|---|---:|---|\n";
  std::set<std::string> found;
  for (const ordered_json& o : *raw) {
    found.insert(Text(o, "id"));
    const ordered_json source = o.value("source", ordered_json::object());
    std::string origin;
    if (o.contains("origin")) {
      origin = "origin " + Point(o["origin"]);
    } else if (o.contains("bearing")) {
      const ordered_json& b = o["bearing"];
      origin = "bearing " + Text(b, "azimuth_deg") + "° ±" + Text(b, "uncertainty_deg") +
               "° from " + Point(b.value("observer", ordered_json()));
    }
    md << "| " << MarkdownCell(Text(o, "id")) << " | " << MarkdownCell(Text(o, "time")) << " | "
       << MarkdownCell(Text(source, "id") + " (" + Text(source, "type") + ")") << " | "
       << MarkdownCell(Text(o, "kind")) << " | " << MarkdownCell(Text(o, "weapon_class")) << " | "
       << MarkdownCell(Text(o, "count")) << " | "
       << MarkdownCell(Point(o.value("position", ordered_json()))) << " | " << MarkdownCell(origin)
       << " | " << MarkdownCell(Text(o, "confidence")) << " | " << MarkdownCell(Text(o, "notes"))
       << " |\n";
  }
  std::string missing;
  for (const ordered_json& id : ids) {
    const std::string s = id.is_string() ? id.get<std::string>() : id.dump();
    if (found.count(s) == 0) missing += (missing.empty() ? "" : ", ") + s;
  }
  if (!missing.empty()) md << "\n" << notes.missing_reports << ": " << missing << ".\n";
}

// A decision's remedy, with its deadline when it sets one.
std::string RemedyCell(const ordered_json& t) {
  const std::string due = Text(t, "remedy_due");
  return MarkdownCell(Text(t, "remedy") + (due.empty() ? "" : " (due " + due + ")"));
}

// The state a decision moved to, with the party an attributed decision held responsible.
std::string StateCell(const ordered_json& t, const char* key) {
  const std::string party = Text(t, "party");
  return MarkdownCell(Text(t, key) + (party.empty() ? "" : " (" + party + ")"));
}

void HistorySection(std::ostringstream& md, const ordered_json& d) {
  md << "\n## Decisions\n\n| at | from | to | by | reason | remedy |\n|---|---|---|---|---|---|\n";
  for (const ordered_json& t : d.value("history", ordered_json::array())) {
    md << "| " << MarkdownCell(Text(t, "at")) << " | " << Text(t, "from") << " | "
       << StateCell(t, "to") << " | " << MarkdownCell(Text(t, "by")) << " | "
       << MarkdownCell(Text(t, "reason")) << " | " << RemedyCell(t) << " |\n";
  }
  // The service keeps the Commission's triage apart from the record as opened.
  const ordered_json decisions = d.value("decisions", ordered_json::array());
  if (!decisions.empty()) {
    md << "\nRecorded by the Commission:\n\n| at | decision | by | rationale | remedy |\n"
          "|---|---|---|---|---|\n";
    for (const ordered_json& t : decisions) {
      md << "| " << MarkdownCell(Text(t, "at")) << " | " << StateCell(t, "decision") << " | "
         << MarkdownCell(Text(t, "by")) << " | " << MarkdownCell(Text(t, "rationale")) << " | "
         << RemedyCell(t) << " |\n";
    }
  }
  // Claims taken over from another member (the service's triage).
  const ordered_json takeovers = d.value("takeovers", ordered_json::array());
  if (!takeovers.empty()) {
    md << "\nClaims taken over:\n\n| at | by | from | reason |\n|---|---|---|---|\n";
    for (const ordered_json& t : takeovers) {
      md << "| " << MarkdownCell(Text(t, "at")) << " | " << MarkdownCell(Text(t, "by")) << " | "
         << MarkdownCell(Text(t, "from")) << " | " << MarkdownCell(Text(t, "reason")) << " |\n";
    }
  }
  // Events stored under this id but recorded on another case of it (docs/service.md §3).
  const ordered_json others = d.value("other_case_events", ordered_json::array());
  if (others.empty()) return;
  md << "\nRecorded on another case of this id, not applied to this one:\n\n"
        "| at | event | decision | by | rationale | case recorded on (SHA-256) |\n"
        "|---|---|---|---|---|---|\n";
  for (const ordered_json& t : others) {
    md << "| " << MarkdownCell(Text(t, "at")) << " | " << MarkdownCell(Text(t, "kind")) << " | "
       << MarkdownCell(Text(t, "decision")) << " | " << MarkdownCell(Text(t, "by")) << " | "
       << MarkdownCell(Text(t, "rationale")) << " | " << MarkdownCell(Text(t, "case_sha256"))
       << " |\n";
  }
}

}  // namespace

std::string CaseDossierMarkdown(const ordered_json& dossier, const DossierNotes& notes) {
  std::ostringstream md;
  CaseSection(md, dossier);
  IncidentSection(md, dossier, notes);
  EvidenceSection(md, dossier, notes);
  HistorySection(md, dossier);
  return md.str();
}

}  // namespace guarantor
