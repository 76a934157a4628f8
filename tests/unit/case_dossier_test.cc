#include "engine/case_dossier.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/markdown.h"

namespace guarantor {
namespace {

using nlohmann::ordered_json;

// A case as cases.jsonl records it, written out by hand.
ordered_json HandWrittenCase() {
  return ordered_json::parse(R"({
    "case": "case-inc-7", "incident": "inc-7", "state": "under_review", "severity": 4,
    "rules": ["ceasefire-fire", "withdrawal:mlrs"], "attributed_party": "RU",
    "attribution_candidate": "RU", "attribution_method": "bearing_intersection",
    "attribution_confidence": 0.9, "opened_at": "2026-02-01T10:05:00+02:00",
    "observations": ["obs-a", "obs-b", "obs-c"],
    "history": [
      {"from": "open", "to": "open", "by": "system", "at": "2026-02-01T10:05:00+02:00",
       "reason": "opened automatically"},
      {"from": "open", "to": "under_review", "by": "c1", "at": "2026-02-02T09:00:00+02:00",
       "reason": "two bearings | one patrol\nto be checked"}
    ]})");
}

ordered_json HandWrittenIncident() {
  return ordered_json::parse(R"({
    "incident": "inc-7", "status": "verified", "verified_by": "independent_sources",
    "verified_at": "2026-02-01T10:05:00+02:00", "first_seen": "2026-02-01T10:00:00+02:00",
    "last_seen": "2026-02-01T10:07:00+02:00", "kind": "rocket_fire", "weapon_class": "mlrs",
    "count": 12, "position": {"lat": 47.5, "lon": 35.9, "uncertainty_m": 57.0},
    "at": {"distance_to_line_km": 2.5, "control_area": "UA", "zone": "security_zone"},
    "origin": {"lat": 47.6, "lon": 36.1, "uncertainty_m": 900.0},
    "origin_at": {"distance_to_line_km": 11.0, "control_area": "RU", "zone": "withdrawal_zone"},
    "independent_sources": 2,
    "observations": [{"observation": "obs-a", "source": "acoustic-1", "type": "acoustic"},
                     {"observation": "obs-b", "source": "acoustic-2", "type": "acoustic"},
                     {"observation": "obs-c", "source": "patrol-3", "type": "patrol"}],
    "violation": true,
    "breaches": [{"rule": "ceasefire-fire", "reason": "rocket_fire in the security zone"}],
    "severity": 4,
    "attribution": {"party": "RU", "candidate": "RU", "method": "bearing_intersection",
                    "confidence": 0.9, "reason": "two bearings cross 11 km inside RU"}})");
}

TEST(MarkdownCellTest, FreeTextCannotEndTheCellOrTheRow) {
  EXPECT_EQ(MarkdownCell("plain text"), "plain text");
  EXPECT_EQ(MarkdownCell("a | b"), "a \\| b");
  EXPECT_EQ(MarkdownCell("line one\nline two\r\n"), "line one line two  ");
  EXPECT_EQ(MarkdownCell(""), "");
}

TEST(CaseDossierTest, SaysTheCaseItsIncidentItsEvidenceAndItsDecisions) {
  ordered_json d = HandWrittenCase();
  d["incident_record"] = HandWrittenIncident();
  d["raw_observations"] = ordered_json::parse(R"([
    {"id": "obs-a", "time": "2026-02-01T10:00:00+02:00",
     "source": {"id": "acoustic-1", "type": "acoustic"}, "kind": "rocket_fire",
     "position": {"lat": 47.51, "lon": 35.91, "uncertainty_m": 800.0},
     "bearing": {"observer": {"lat": 47.4, "lon": 35.8}, "azimuth_deg": 45.5,
                 "uncertainty_deg": 2.0},
     "weapon_class": "mlrs", "count": 12, "confidence": 0.7},
    {"id": "obs-c", "time": "2026-02-01T10:07:00+02:00",
     "source": {"id": "patrol-3", "type": "patrol"}, "kind": "rocket_fire",
     "position": {"lat": 47.49, "lon": 35.89, "uncertainty_m": 400.0},
     "origin": {"lat": 47.6, "lon": 36.1, "uncertainty_m": 900.0},
     "weapon_class": "unknown", "count": 10, "confidence": 0.8, "notes": "heard | seen"}])");
  const std::string md = CaseDossierMarkdown(d);

  EXPECT_NE(md.find("# Case case-inc-7: under_review\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| rules breached | ceasefire-fire, withdrawal:mlrs |"), std::string::npos);
  EXPECT_NE(md.find("| attributed to | RU (bearing_intersection, confidence 0.900) |"),
            std::string::npos);
  EXPECT_NE(md.find("| position | 47.5, 35.9 (±57 m): security_zone, 2.5 km from the line, in "
                    "the control area of UA |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| point of origin | 47.6, 36.1 (±900 m): withdrawal_zone, 11 km from the "
                    "line, in the control area of RU |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- ceasefire-fire: rocket_fire in the security zone\n"), std::string::npos);
  EXPECT_NE(md.find("Attribution: RU by bearing_intersection, confidence 0.900: two bearings "
                    "cross 11 km inside RU\n"),
            std::string::npos);
  // Every raw report with what it says; the bearing and the origin each in their column.
  EXPECT_NE(md.find("## Evidence: 3 report(s)"), std::string::npos);
  EXPECT_NE(md.find("| obs-a | 2026-02-01T10:00:00+02:00 | acoustic-1 (acoustic) | rocket_fire | "
                    "mlrs | 12 | 47.51, 35.91 (±800 m) | bearing 45.5° ±2° from 47.4, 35.8 | "
                    "0.7 |  |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| origin 47.6, 36.1 (±900 m) | 0.8 | heard \\| seen |"), std::string::npos)
      << md;
  // A member of the case the observations file did not hold is named, not passed over.
  EXPECT_NE(md.find("Not found in the observations file: obs-b.\n"), std::string::npos) << md;
  // Every decision, a reason with a pipe and a line break kept within its cell; no remedy stated.
  EXPECT_NE(md.find("| at | from | to | by | reason | remedy |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| 2026-02-02T09:00:00+02:00 | open | under_review | c1 | two bearings \\| one "
                    "patrol to be checked |  |\n"),
            std::string::npos)
      << md;
}

// A decision recorded with `guarantor cases decide --remedy` carries its remedy in the history.
TEST(CaseDossierTest, ARemedyDecidedIsShownWithItsDecision) {
  ordered_json d = HandWrittenCase();
  d["state"] = "remedy_decided";
  d["history"].push_back(ordered_json::parse(
      R"({"from": "under_review", "to": "attributed", "by": "c1", "at": "2026-02-03T09:00:00Z",
          "reason": "bearings cross in RU"})"));
  d["history"].push_back(ordered_json::parse(
      R"({"from": "attributed", "to": "remedy_decided", "by": "c2", "at": "2026-02-04T09:00:00Z",
          "reason": "repeated", "remedy": "withdraw the battery | report in 48 h"})"));
  const std::string md = CaseDossierMarkdown(d);
  EXPECT_NE(md.find("| 2026-02-03T09:00:00Z | under_review | attributed | c1 | bearings cross in "
                    "RU |  |\n| 2026-02-04T09:00:00Z | attributed | remedy_decided | c2 | repeated "
                    "| withdraw the battery \\| report in 48 h |\n"),
            std::string::npos)
      << md;
}

TEST(CaseDossierTest, WithoutTheRawReportsListsTheMembersAndSaysHowToGetThem) {
  ordered_json d = HandWrittenCase();
  d["incident_record"] = HandWrittenIncident();
  const std::string md = CaseDossierMarkdown(d);
  EXPECT_NE(md.find("| report | source | type |\n|---|---|---|\n| obs-a | acoustic-1 | acoustic |\n"
                    "| obs-b | acoustic-2 | acoustic |\n| obs-c | patrol-3 | patrol |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("--observations FILE"), std::string::npos);
}

TEST(CaseDossierTest, TheServicesTriageDecisionsAreListedWithRationaleAndRemedy) {
  ordered_json d = HandWrittenCase();
  d["decisions"] = ordered_json::parse(R"([
    {"decision": "attributed", "by": "c1", "at": "2026-02-03T08:00:00Z",
     "rationale": "two bearings cross inside RU", "remedy": ""},
    {"decision": "remedy_decided", "by": "c2", "at": "2026-02-04T08:00:00Z",
     "rationale": "repeated", "remedy": "withdraw the battery | report in 48 h"}])");
  d["raw_observations"] = ordered_json::array();
  const std::string md = CaseDossierMarkdown(d, {.missing_reports = "Not shown to this reader"});
  EXPECT_NE(
      md.find("| at | decision | by | rationale | remedy |\n|---|---|---|---|---|\n"
              "| 2026-02-03T08:00:00Z | attributed | c1 | two bearings cross inside RU |  |\n"
              "| 2026-02-04T08:00:00Z | remedy_decided | c2 | repeated | withdraw the battery "
              "\\| report in 48 h |\n"),
      std::string::npos)
      << md;
  EXPECT_NE(md.find("Not shown to this reader: obs-a, obs-b, obs-c.\n"), std::string::npos) << md;
}

// Events the service holds under the case's id but recorded on another case of it are listed
// apart, with the digest of the case they were recorded on; without any, nothing is said.
// The service lists the claims one member took over from another; the dossier says who, from
// whom, when and why, free text kept within its cell.
TEST(CaseDossierTest, ClaimsTakenOverAreListedWithTheirReasons) {
  ordered_json d = HandWrittenCase();
  EXPECT_EQ(CaseDossierMarkdown(d).find("Claims taken over"), std::string::npos);
  d["takeovers"] = ordered_json::parse(R"([{"by": "c2", "from": "c1", "at": "2026-02-03T08:00:00Z",
                                            "reason": "c1 away | back in May"}])");
  const std::string md = CaseDossierMarkdown(d);
  EXPECT_NE(md.find("Claims taken over:\n\n| at | by | from | reason |\n|---|---|---|---|\n"
                    "| 2026-02-03T08:00:00Z | c2 | c1 | c1 away \\| back in May |\n"),
            std::string::npos)
      << md;
}

TEST(CaseDossierTest, EventsRecordedOnAnotherCaseOfTheIdAreListedApart) {
  ordered_json d = HandWrittenCase();
  d["raw_observations"] = ordered_json::array();
  const std::string without = CaseDossierMarkdown(d);
  EXPECT_EQ(without.find("another case"), std::string::npos) << without;
  d["other_case_events"] = ordered_json::parse(R"([
    {"event": 7, "kind": "claim", "by": "c1", "at": "2026-02-03T08:00:00Z",
     "case_sha256": "bbbb"},
    {"event": 8, "kind": "decision", "by": "c1", "at": "2026-02-03T09:00:00Z",
     "case_sha256": "bbbb", "decision": "closed", "rationale": "done | filed", "remedy": ""}])");
  const std::string md = CaseDossierMarkdown(d);
  EXPECT_NE(md.find("Recorded on another case of this id, not applied to this one:\n\n"
                    "| at | event | decision | by | rationale | case recorded on (SHA-256) |\n"
                    "|---|---|---|---|---|---|\n"
                    "| 2026-02-03T08:00:00Z | claim |  | c1 |  | bbbb |\n"
                    "| 2026-02-03T09:00:00Z | decision | closed | c1 | done \\| filed | bbbb |\n"),
            std::string::npos)
      << md;
}

TEST(CaseDossierTest, AnIncidentMissingFromTheResultIsSaidSo) {
  const std::string md = CaseDossierMarkdown(HandWrittenCase());
  EXPECT_NE(md.find("Incident inc-7 was not found in the result's incidents.jsonl."),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("Attribution: "), std::string::npos);
}

TEST(CaseDossierTest, AnUndeterminedCaseNamesTheCandidateBelowTheBar) {
  ordered_json d = HandWrittenCase();
  d["attributed_party"] = "undetermined";
  d["attribution_confidence"] = 0.55;
  const std::string md = CaseDossierMarkdown(d);
  EXPECT_NE(md.find("| attributed to | undetermined (bearing_intersection, confidence 0.550); the "
                    "evidence points to RU below the confidence required |"),
            std::string::npos)
      << md;
}

}  // namespace
}  // namespace guarantor
