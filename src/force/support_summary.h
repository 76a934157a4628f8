// Long-term support: the scenario's packages to the Armed Forces of Ukraine summed by donor and
// by year, pledged, allocated and delivered (the Kiel tracker's terms), with the shortfall
// (pledged less delivered) and the delivery rate.
#pragma once

#include <map>
#include <string>

#include "scenario/scenario.h"

namespace guarantor {

struct SupportTotals {
  double pledged = 0, allocated = 0, delivered = 0;
  double shortfall() const { return pledged - delivered; }
  double delivery_rate() const { return pledged > 0 ? delivered / pledged : 0; }
};

struct SupportSummary {
  std::map<std::string, SupportTotals> by_donor;
  std::map<int, SupportTotals> by_year;
  std::map<std::string, SupportTotals> by_kind;
  SupportTotals total;
};

SupportSummary SummariseSupport(const Scenario& scenario);

}  // namespace guarantor
