#include "force/support_summary.h"

namespace guarantor {
namespace {
void Add(SupportTotals* t, const SupportPackage& p) {
  t->pledged += p.pledged;
  t->allocated += p.allocated;
  t->delivered += p.delivered;
}
}  // namespace

SupportSummary SummariseSupport(const Scenario& s) {
  SupportSummary out;
  for (const SupportPackage& p : s.support) {
    Add(&out.by_donor[p.donor], p);
    Add(&out.by_year[p.year], p);
    Add(&out.by_kind[std::string(ToString(p.kind))], p);
    Add(&out.total, p);
  }
  return out;
}

}  // namespace guarantor
