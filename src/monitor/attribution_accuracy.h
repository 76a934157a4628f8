// AttributionAccuracy: how often attribution names the party that an independent record names
// as the initiator (for ACLED, actor1), per method, with a confusion matrix and the share left
// undetermined. Used to replay real event records through the attribution rules
// (docs/real-data.md, "Counterfactual replay").
//
//   AttributionAccuracy acc({"RU", "UA"});
//   acc.Add("RU", attribution);  // once per event with a reference
//   acc.WriteMarkdown(out);
//
// Counting rules: an event whose reference is not one of the monitored parties is counted under
// "no usable reference" and nowhere else. Accuracy is correct / determined, per method and
// overall; the undetermined share is undetermined / events. "Candidate accuracy" scores the best
// candidate even when its confidence is below the threshold (what a guess would have scored).
//
// Thread safety: not thread-safe; one per report.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "model/observation.h"
#include "monitor/attribution.h"
#include "monitor/incident.h"

namespace guarantor {

class AttributionAccuracy {
 public:
  explicit AttributionAccuracy(std::vector<std::string> parties) : parties_(std::move(parties)) {}

  void Add(const std::string& reference, const Attribution& a);

  struct Tally {
    int events = 0;
    int determined = 0;
    int correct = 0;            // determined and equal to the reference
    int with_candidate = 0;     // a candidate was named (determined or not)
    int candidate_correct = 0;  // that candidate equals the reference
    double Accuracy() const { return determined ? double(correct) / determined : 0; }
    double UndeterminedShare() const { return events ? double(events - determined) / events : 0; }
    double CandidateAccuracy() const {
      return with_candidate ? double(candidate_correct) / with_candidate : 0;
    }
  };

  const Tally& overall() const { return overall_; }
  const std::map<std::string, Tally>& by_method() const { return by_method_; }
  int without_reference() const { return without_reference_; }
  // confusion()[reference][attributed party, or "undetermined"].
  const std::map<std::string, std::map<std::string, int>>& confusion() const { return confusion_; }

  void WriteMarkdown(std::ostream& out) const;
  std::string ToJson() const;

 private:
  std::vector<std::string> parties_;
  Tally overall_;
  std::map<std::string, Tally> by_method_;
  std::map<std::string, std::map<std::string, int>> confusion_;
  int without_reference_ = 0;
};

// An incident made of one observation, for attributing records that were not fused (each
// imported event record already stands for one event).
Incident SingleObservationIncident(const Observation& obs);

}  // namespace guarantor
