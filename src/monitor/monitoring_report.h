// MonitoringReport: counts of an assessment run, in the spirit of an OSCE SMM daily report:
// observations and violations by day, zone, kind, side of the line and rule; violations near
// protected sites; rejected records. Rendered as Markdown (report.md) or JSON (--json).
//
// Days are calendar days in the agreement's local time (the UTC offset of its effective time).
// Every table is sorted by key, so the same inputs give the same bytes. Memory does not grow with
// the input: the rows listing violations near protected sites, whose number does, wait in a
// TextSpool until the report is written.
//
// Thread safety: not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/text_spool.h"
#include "model/observation.h"
#include "monitor/assessment.h"
#include "scenario/scenario.h"

namespace guarantor {

class MonitoringReport {
 public:
  explicit MonitoringReport(const Scenario& scenario);

  void Add(const Observation& obs, const Assessment& a);
  // `rejected` records in all, of which `first` are the first (at least the kRejectionsListed
  // the report lists, when there are that many).
  void SetRejections(int64_t lines_read, int64_t rejected, std::vector<Diagnostic> first);

  int64_t observations() const { return observations_; }
  int64_t violations() const { return violations_; }
  int64_t rejected() const { return rejected_; }

  // `input` names the observations file in the report header. Sets `out`'s failbit if the rows
  // near protected sites could not all be read back from their temporary file.
  void WriteMarkdown(std::ostream& out, const std::string& input) const;
  // A JSON object (one line) with the same counts.
  std::string ToJson() const;

 private:
  struct DayCounts {
    int64_t observations = 0;
    int64_t violations = 0;
    int64_t rounds = 0;  // sum of the counts of violating observations
  };
  const Scenario& scenario_;
  int day_offset_;
  int64_t observations_ = 0;
  int64_t violations_ = 0;
  int64_t before_effective_ = 0;
  int64_t lines_read_ = 0;
  std::map<std::string, DayCounts> by_day_;
  std::map<std::string, int64_t> by_zone_, by_kind_, by_side_, by_origin_side_, by_rule_,
      by_weapon_;
  // Markdown rows of the near-protected-sites table, in input order.
  TextSpool near_site_rows_;
  int64_t rejected_ = 0;
  std::vector<Diagnostic> rejections_;  // the first of them
};

}  // namespace guarantor
