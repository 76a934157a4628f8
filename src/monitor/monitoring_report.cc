#include "monitor/monitoring_report.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace guarantor {
namespace {

constexpr size_t kRejectionsListed = 50;
constexpr size_t kNearSiteBufferBytes = 1 << 20;  // spilled to the temporary file beyond this

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
    : scenario_(scenario),
      day_offset_(scenario.agreement.effective.offset_minutes()),
      near_site_file_(std::tmpfile()) {}

void MonitoringReport::SpillNearSiteRows() {
  std::FILE* f = near_site_file_.get();
  if (f == nullptr || near_site_rows_.empty()) return;
  if (std::fwrite(near_site_rows_.data(), 1, near_site_rows_.size(), f) == near_site_rows_.size() &&
      std::fflush(f) == 0) {
    spilled_bytes_ += near_site_rows_.size();
    near_site_rows_.clear();
    return;
  }
  // The disk is full: take back what the file holds and keep every row in memory from here on.
  std::string spilled(spilled_bytes_, '\0');
  if (std::fseek(f, 0, SEEK_SET) != 0 || std::fread(spilled.data(), 1, spilled.size(), f) !=
                                             spilled.size()) {
    lost_rows_ = true;  // the report says so instead of listing a partial table silently
  }
  near_site_file_.reset();
  spilled_bytes_ = 0;
  near_site_rows_.insert(0, spilled);
}

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
    near_site_rows_ += "| " + obs.id + " | " + obs.time.ToRfc3339() + " | " + a.at.protected_site +
                       " | " + std::string(ToString(obs.kind)) + " | " + km + " |\n";
    ++near_site_count_;
    if (near_site_rows_.size() >= kNearSiteBufferBytes) SpillNearSiteRows();
  }
}

void MonitoringReport::SetRejections(int64_t lines_read, std::vector<Diagnostic> rejections) {
  lines_read_ = lines_read;
  rejections_ = std::move(rejections);
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
  out << "| records rejected | " << rejections_.size() << " |\n";
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
  if (near_site_count_ == 0) {
    out << "None.\n";
  } else {
    out << "| observation | time | site | kind | distance (km) |\n|---|---|---|---|---:|\n";
    WriteNearSiteRows(out);
  }
  out << "\n## Rejected records\n\n";
  if (rejections_.empty()) {
    out << "None.\n";
  } else {
    for (size_t i = 0; i < rejections_.size() && i < kRejectionsListed; ++i) {
      out << "- `" << rejections_[i].ToString() << "`\n";
    }
    if (rejections_.size() > kRejectionsListed) {
      out << "- ... and " << rejections_.size() - kRejectionsListed << " more\n";
    }
  }
}

void MonitoringReport::WriteNearSiteRows(std::ostream& out) const {
  if (lost_rows_) {
    // Not a table the reader could take as complete.
    out.setstate(std::ios::failbit);
    return;
  }
  if (std::FILE* f = near_site_file_.get(); f != nullptr && spilled_bytes_ > 0) {
    if (std::fseek(f, 0, SEEK_SET) != 0) {
      out.setstate(std::ios::failbit);
      return;
    }
    std::vector<char> chunk(kNearSiteBufferBytes);
    for (int64_t left = spilled_bytes_; left > 0;) {
      const size_t want = static_cast<size_t>(std::min<int64_t>(left, chunk.size()));
      if (std::fread(chunk.data(), 1, want, f) != want) {
        out.setstate(std::ios::failbit);
        return;
      }
      out.write(chunk.data(), static_cast<std::streamsize>(want));
      left -= static_cast<int64_t>(want);
    }
  }
  out << near_site_rows_;
}

std::string MonitoringReport::ToJson() const {
  nlohmann::ordered_json j;
  j["lines_read"] = lines_read_;
  j["observations"] = observations_;
  j["rejected"] = rejections_.size();
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
