// The optional part of `guarantor assess --reference FILE`: each observation is also attributed
// (as an incident of its own) and the attribution is compared with the initiator that the
// reference file names for it (written by `guarantor import`). Outputs attributions.jsonl and
// attribution.md beside the assessment outputs (docs/real-data.md).
#pragma once

#include <map>
#include <memory>
#include <ostream>
#include <string>

#include "base/status.h"
#include "monitor/assessment.h"
#include "monitor/attribution.h"
#include "monitor/attribution_accuracy.h"
#include "scenario/scenario.h"

namespace guarantor::cli {

class AttributionCheck {
 public:
  // Reads the reference file: JSON Lines with "id" and "initiator" (other keys ignored).
  static Result<std::unique_ptr<AttributionCheck>> Open(const std::string& reference_path,
                                                        const Scenario& scenario,
                                                        const AgreementMap& map);

  // Attributes `obs`, writes its line to `out`, and counts it.
  void Add(const Observation& obs, const Assessment& a, std::ostream& out);

  // The accuracy table, confusion matrix and violations by attributed party.
  void WriteMarkdown(std::ostream& out, const std::string& reference_path) const;
  std::string ToJson() const;
  int missing_reference() const { return missing_reference_; }

 private:
  AttributionCheck(std::map<std::string, std::string> reference, const Scenario& scenario,
                   const AgreementMap& map);
  std::map<std::string, std::string> reference_;
  Attributor attributor_;
  AttributionAccuracy accuracy_;
  std::map<std::string, int> violations_by_party_;  // attributed party or "undetermined"
  std::map<std::string, std::map<std::string, int>> violations_by_zone_and_party_;
  int violations_ = 0;
  int missing_reference_ = 0;
  double min_confidence_ = 0;
};

}  // namespace guarantor::cli
