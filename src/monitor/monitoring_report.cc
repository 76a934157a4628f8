#include "monitor/monitoring_report.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace guarantor {
namespace {

constexpr size_t kRejectionsListed = 50;

void Table(std::ostream& out, const std::string& title, const std::string& key_header,
           const std::map<std::string, int64_t>& counts) {
  out << "\n## " << title << "\n\n";
  if (counts.empty()) {
    out << "None.\n";
    return;
  }
  out << "| " << key_header << " | violations |\n|---|---:|\n";
  for (const auto& [key, n] : counts) out << "| " << key << " | " << n << " |\n";
}

}  // namespace

MonitoringReport::MonitoringReport(const Scenario& scenario)
    : scenario_(scenario), day_offset_(scenario.agreement.effective.offset_minutes()) {}

void MonitoringReport::Add(const Observation& obs, const Assessment& a) {
  ++observations_;
  DayCounts& day = by_day_[obs.time.LocalDate(day_offset_)];
  ++day.observations;
  if (a.before_effective) ++before_effective_;
  if (!a.violation()) return;
  ++violations_;
  ++day.violations;
  day.rounds += obs.count;
  ++by_zone_[a.at.zone];
  ++by_kind_[std::string(ToString(obs.kind))];
  ++by_weapon_[std::string(ToString(obs.weapon_class))];
  ++by_side_[a.at.control_party.empty() ? "(outside control areas)" : a.at.control_party];
  if (a.origin) {
    ++by_origin_side_[a.origin->control_party.empty() ? "(outside control areas)"
                                                      : a.origin->control_party];
  }
  for (const RuleBreach& b : a.breaches) ++by_rule_[b.rule];
  if (!a.at.protected_site.empty()) {
    char km[32];
    std::snprintf(km, sizeof km, "%.3f", a.at.protected_site_distance.km());
    near_site_rows_.Append("| " + obs.id + " | " + obs.time.ToRfc3339() + " | " +
                           a.at.protected_site + " | " + std::string(ToString(obs.kind)) + " | " +
                           km + " |\n");
  }
}

void MonitoringReport::SetRejections(int64_t lines_read, int64_t rejected,
                                     std::vector<Diagnostic> first) {
  lines_read_ = lines_read;
  rejected_ = rejected;
  rejections_ = std::move(first);
}

void MonitoringReport::WriteMarkdown(std::ostream& out, const std::string& input) const {
  const Agreement& ag = scenario_.agreement;
  out << "# Ceasefire monitoring report: " << scenario_.name << "\n\n";
  out << "Agreement: " << ag.name << " (`" << ag.id << "`), in effect from "
      << ag.effective.ToRfc3339() << ". Observations: `" << input << "`. Days are counted in "
      << "the agreement's local time (UTC offset of its effective time).\n\n";
  out << "Each observation is located against the line of contact (geodesic distance on WGS84), "
         "the control areas, the security zone, the weapon withdrawal zones, the disengagement "
         "areas and the protected sites, and checked against every prohibition of the agreement. "
         "These are single-source reports, not yet fused into incidents or attributed.\n";
  out << "\n## Summary\n\n| | count |\n|---|---:|\n";
  out << "| lines read | " << lines_read_ << " |\n";
  out << "| observations accepted | " << observations_ << " |\n";
  out << "| records rejected | " << rejected_ << " |\n";
  out << "| observations before the agreement took effect | " << before_effective_ << " |\n";
  out << "| observations breaching the agreement | " << violations_ << " |\n";

  out << "\n## By day\n\n| day | observations | violations | explosions, rounds or items |\n"
         "|---|---:|---:|---:|\n";
  for (const auto& [day, c] : by_day_) {
    out << "| " << day << " | " << c.observations << " | " << c.violations << " | " << c.rounds
        << " |\n";
  }
  Table(out, "Violations by zone", "zone", by_zone_);
  Table(out, "Violations by kind", "kind", by_kind_);
  Table(out, "Violations by weapon class", "weapon class", by_weapon_);
  Table(out, "Violations by side of the line where observed", "control area", by_side_);
  Table(out, "Violations by side of the line fired from (reports with a point of origin)",
        "control area", by_origin_side_);
  Table(out, "Violations by rule", "rule", by_rule_);

  out << "\n## Near protected sites\n\n";
  if (near_site_rows_.empty()) {
    out << "None.\n";
  } else {
    out << "| observation | time | site | kind | distance (km) |\n|---|---|---|---|---:|\n";
    near_site_rows_.WriteTo(out);
  }
  out << "\n## Rejected records\n\n";
  if (rejections_.empty()) {
    out << "None.\n";
  } else {
    for (size_t i = 0; i < rejections_.size() && i < kRejectionsListed; ++i) {
      out << "- `" << rejections_[i].ToString() << "`\n";
    }
    const int64_t listed = static_cast<int64_t>(std::min(rejections_.size(), kRejectionsListed));
    if (rejected_ > listed) {
      out << "- ... and " << rejected_ - listed << " more\n";
    }
  }
}

std::string MonitoringReport::ToJson() const {
  nlohmann::ordered_json j;
  j["lines_read"] = lines_read_;
  j["observations"] = observations_;
  j["rejected"] = rejected_;
  j["before_effective"] = before_effective_;
  j["violations"] = violations_;
  nlohmann::ordered_json days = nlohmann::ordered_json::object();
  for (const auto& [day, c] : by_day_) {
    days[day] = {
        {"observations", c.observations}, {"violations", c.violations}, {"rounds", c.rounds}};
  }
  j["by_day"] = days;
  j["violations_by_zone"] = by_zone_;
  j["violations_by_kind"] = by_kind_;
  j["violations_by_side"] = by_side_;
  j["violations_by_rule"] = by_rule_;
  return j.dump();
}

}  // namespace guarantor
