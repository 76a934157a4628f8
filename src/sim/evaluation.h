// Evaluation of a replay's results against the simulator's ground truth.
//
// Matching: each incident is matched to the truth event that most of its observations report
// (links.jsonl; ties to the lower event number); an incident whose reports are mostly false
// alarms matches nothing. Of the incidents matched to one event, the one holding most of its
// reports (then the earliest first seen, then the lowest id) is the true detection, whose
// classification, attribution and verification the figures take; any other is a duplicate and
// counts as a false detection. The order of incidents.jsonl changes no figure.
//
// Figures:
//  - detection precision, recall and F1 over all incidents against the events that at least one
//    source reported (an event nobody saw cannot be fused); also recall over all events;
//  - the same precision for verified incidents only;
//  - violation classification accuracy: on true detections, the incident's violation flag
//    against the truth event assessed with the same rules at its exact origin and impact;
//  - attribution accuracy by method on true detections that were attributed, and the share of
//    true detections left undetermined;
//  - time from an incident's first report to its verification, for verified violations;
//  - recall by how an event was reported: events seen by one report, by that report's source
//    type, then events seen by two reports and by three or more. Where the lost events are
//    tells a mission which lone sources its fusion cannot tell apart from a neighbour's.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "scenario/scenario.h"

namespace guarantor {

struct MethodAccuracy {
  int64_t attributed = 0;
  int64_t correct = 0;
};

// Observed events that were reported `reports` times ("1", "2" or "3+"), by the source type of
// the one report when there is one ("" otherwise; "unknown" when that report is in no incident,
// having been rejected), and how many of them were detected.
struct RecallGroup {
  std::string reports;
  std::string source_type;
  int64_t events = 0;
  int64_t detected = 0;
  double recall() const {
    return events == 0 ? 0 : static_cast<double>(detected) / static_cast<double>(events);
  }
};

struct EvaluationResult {
  int64_t events = 0;
  int64_t observed_events = 0;
  int64_t incidents = 0;
  int64_t true_detections = 0;
  int64_t false_detections = 0;  // false alarms and duplicates
  int64_t verified = 0;
  int64_t verified_true = 0;
  double precision = 0, recall = 0, f1 = 0, recall_all_events = 0, verified_precision = 0;
  int64_t violation_judged = 0;
  int64_t violation_correct = 0;
  double violation_accuracy = 0;
  std::map<std::string, MethodAccuracy> attribution_by_method;
  int64_t attributed = 0, attributed_correct = 0, undetermined = 0;
  double attribution_accuracy = 0, undetermined_share = 0;
  std::vector<double> verification_delays_s;  // sorted
  double delay_median_s = 0, delay_p90_s = 0, delay_max_s = 0;
  // One report by source type in the vocabulary's order, then two reports, then three or more;
  // groups without events are left out.
  std::vector<RecallGroup> recall_by_reports;
};

// Reads truth.jsonl and links.jsonl from `truth_dir` and incidents.jsonl from `result_dir`.
Result<EvaluationResult> Evaluate(const Scenario& scenario, const std::string& truth_dir,
                                  const std::string& result_dir);

// The result as one JSON object, and as a short Markdown table.
std::string EvaluationJson(const EvaluationResult& r);
std::string EvaluationMarkdown(const EvaluationResult& r);

}  // namespace guarantor
