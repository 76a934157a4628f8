#include "engine/daily_report.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/json_lines.h"
#include "base/markdown.h"
#include "base/rounding.h"
#include "geo/geodesy.h"

namespace guarantor {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr double kSectorMeters = 50000;
constexpr double kSampleMeters = 5000;
constexpr int64_t kMicrosPerDay = 86400LL * 1'000'000;

struct Sector {
  std::string name;
  std::vector<LatLng> samples;  // every 5 km along the sector
};

// Splits every part of the line into 50 km sectors, sampled every 5 km.
std::vector<Sector> Sectors(const std::vector<Polyline>& parts) {
  std::vector<Sector> sectors;
  for (size_t p = 0; p < parts.size(); ++p) {
    double along = 0;
    Sector current;
    auto start_sector = [&](double from) {
      current = Sector{};
      char name[64];
      std::snprintf(name, sizeof name, "part %zu, km %.0f-%.0f", p, from / 1000,
                    (from + kSectorMeters) / 1000);
      current.name = name;
    };
    start_sector(0);
    double next_sample = 0;
    for (size_t i = 0; i + 1 < parts[p].size(); ++i) {
      const LatLng a = parts[p][i], b = parts[p][i + 1];
      const double len = geo::GeodesicDistance(a, b).meters();
      const double az = geo::GeodesicAzimuth(a, b);
      while (next_sample <= along + len) {
        if (static_cast<double>(current.samples.size()) * kSampleMeters >= kSectorMeters) {
          sectors.push_back(current);
          start_sector(next_sample);
        }
        current.samples.push_back(
            geo::GeodesicDestination(a, az, Distance::Meters(next_sample - along)));
        next_sample += kSampleMeters;
      }
      along += len;
    }
    if (!current.samples.empty()) sectors.push_back(current);
  }
  return sectors;
}

// Coverage of stretches of the line on one day (see daily_report.h): 1 - the sum over source
// types of the type's share of the day's reports times the largest fraction of the stretch-day a
// gap of that type covered.
struct DayCoverage {
  const std::vector<const MonitoringGap*>& gaps;
  int64_t day_start, day_end;
  const std::map<std::string, int64_t>& reports_by_type;
  int64_t reports;

  // The stretches below full coverage, as their indices in `stretches` (in order) with their
  // coverage.
  std::vector<std::pair<size_t, double>> BelowFull(const std::vector<Sector>& stretches) const {
    std::vector<std::pair<size_t, double>> out;
    for (size_t i = 0; i < stretches.size(); ++i) {
      const Sector& s = stretches[i];
      if (s.samples.empty()) continue;
      std::map<SourceType, double> worst;
      for (const MonitoringGap* g : gaps) {
        int inside = 0;
        for (const LatLng& q : s.samples) {
          if (geo::GeodesicDistance(q, g->center) <= g->radius) ++inside;
        }
        if (inside == 0) continue;
        const double space = static_cast<double>(inside) / static_cast<double>(s.samples.size());
        const int64_t overlap =
            std::min(g->end.utc_micros(), day_end) - std::max(g->start.utc_micros(), day_start);
        const double time = static_cast<double>(overlap) / static_cast<double>(kMicrosPerDay);
        worst[g->source_type] = std::max(worst[g->source_type], space * time);
      }
      double lost = 0;
      for (const auto& [type, fraction] : worst) {
        const auto it = reports_by_type.find(std::string(ToString(type)));
        const double share = reports == 0 || it == reports_by_type.end()
                                 ? 0.0
                                 : static_cast<double>(it->second) / static_cast<double>(reports);
        lost += share * fraction;
      }
      if (lost > 0) out.emplace_back(i, std::max(0.0, 1.0 - lost));
    }
    return out;
  }
};

// Each named sector's stretch of the line, in scenario order (the i-th is named[i]'s): the
// samples of the 50 km stretches that it holds (a sample counts in the first sector holding it).
std::vector<Sector> NamedSectorSamples(const std::vector<Sector>& stretches,
                                       const AgreementMap& map,
                                       const std::vector<AgreementSector>& named) {
  std::vector<Sector> out(named.size());
  for (size_t i = 0; i < named.size(); ++i) out[i].name = named[i].name;
  for (const Sector& s : stretches) {
    for (const LatLng& q : s.samples) {
      if (std::optional<size_t> i = map.SectorAt(q)) out[*i].samples.push_back(q);
    }
  }
  return out;
}

void Table(std::ostringstream& md, const std::string& title, const std::string& key,
           const std::map<std::string, int64_t>& counts) {
  md << "\n## " << title << "\n\n";
  if (counts.empty()) {
    md << "None.\n";
    return;
  }
  md << "| " << key << " | verified violations |\n|---|---:|\n";
  for (const auto& [k, n] : counts) md << "| " << k << " | " << n << " |\n";
}

}  // namespace

Result<DailyReport> BuildDailyReport(const DailyReportInput& in) {
  const Scenario& scenario = *in.scenario;
  const int offset = scenario.agreement.effective.offset_minutes();
  Result<Timestamp> day_start_local = Timestamp::Parse(in.day + "T00:00:00Z");
  if (!day_start_local.ok() || in.day.size() != 10) {
    return Status::InvalidArgument("--day: expected a date YYYY-MM-DD; found \"" + in.day + "\"");
  }
  const int64_t day_start = day_start_local->utc_micros() - int64_t{offset} * 60 * 1'000'000;
  const int64_t day_end = day_start + kMicrosPerDay;
  const std::vector<Sector> sectors = Sectors(scenario.agreement.line_of_contact);

  // Sector of a point: the sector whose nearest sample is nearest.
  auto sector_of = [&](LatLng p) -> size_t {
    double best = INFINITY;
    size_t index = 0;
    for (size_t i = 0; i < sectors.size(); ++i) {
      for (const LatLng& q : sectors[i].samples) {
        const double d = std::hypot(q.lat_deg - p.lat_deg,
                                    (q.lon_deg - p.lon_deg) * std::cos(p.lat_deg * M_PI / 180));
        if (d < best) {
          best = d;
          index = i;
        }
      }
    }
    return index;
  };

  int64_t incidents = 0, verified = 0, violations = 0, rounds = 0;
  std::map<size_t, int64_t> by_sector_index;  // in order along the line
  // The agreement's named sectors, in scenario order; the last count is outside all of them.
  const std::vector<AgreementSector>& named = scenario.agreement.sectors;
  std::vector<int64_t> by_named(named.size() + 1, 0);
  std::map<std::string, int64_t> by_zone, by_weapon, by_rule;
  struct PartyStats {
    int64_t n = 0;
    double confidence_sum = 0;
  };
  std::map<std::string, PartyStats> by_party;
  std::map<std::string, int64_t> reports_by_type;
  int64_t reports = 0;
  std::ostringstream near_sites;
  ordered_json features = ordered_json::array();
  RETURN_IF_ERROR(ForEachJsonLine(in.result_dir + "/incidents.jsonl", [&](const json& j) {
    for (const json& m : j.at("observations")) {
      ++reports_by_type[m.at("type").get<std::string>()];
      ++reports;
    }
    if (j.at("day").get<std::string>() != in.day) return;
    ++incidents;
    if (j.at("status").get<std::string>() != "verified") return;
    ++verified;
    if (!j.at("violation").get<bool>()) return;
    ++violations;
    rounds += j.at("count").get<int64_t>();
    const LatLng p{j.at("position").at("lat").get<double>(),
                   j.at("position").at("lon").get<double>()};
    if (!sectors.empty()) ++by_sector_index[sector_of(p)];
    const std::optional<size_t> in_sector = in.map->SectorAt(p);
    if (!named.empty()) ++by_named[in_sector.value_or(named.size())];
    ++by_zone[j.at("at").at("zone").get<std::string>()];
    ++by_weapon[j.at("weapon_class").get<std::string>()];
    for (const json& b : j.at("breaches")) ++by_rule[b.at("rule").get<std::string>()];
    const json& a = j.at("attribution");
    PartyStats& ps = by_party[a.at("party").get<std::string>()];
    ++ps.n;
    ps.confidence_sum += a.at("confidence").get<double>();
    const std::string zone = j.at("at").at("zone").get<std::string>();
    if (zone.rfind("protected_site:", 0) == 0) {
      near_sites << "| " << j.at("incident").get<std::string>() << " | "
                 << j.at("first_seen").get<std::string>() << " | " << zone.substr(15) << " | "
                 << j.at("kind").get<std::string>() << " | "
                 << FormatFixed(j.at("at").at("protected_site_distance_km").get<double>(), 3)
                 << " | " << a.at("party").get<std::string>() << " |\n";
    }
    ordered_json f;
    f["type"] = "Feature";
    f["geometry"] = {{"type", "Point"}, {"coordinates", {p.lon_deg, p.lat_deg}}};
    f["properties"] = {{"incident", j.at("incident")}, {"kind", j.at("kind")},
                       {"severity", j.at("severity")}, {"zone", zone},
                       {"party", a.at("party")},       {"confidence", a.at("confidence")}};
    if (!named.empty()) {
      f["properties"]["sector"] = in_sector ? ordered_json(named[*in_sector].id) : ordered_json();
    }
    features.push_back(f);
  }));

  std::vector<std::pair<std::string, std::string>> cases_opened;  // id, summary
  Status cases_status = ForEachJsonLine(in.result_dir + "/cases.jsonl", [&](const json& j) {
    const Timestamp opened = *Timestamp::Parse(j.at("opened_at").get<std::string>());
    if (opened.LocalDate(offset) != in.day) return;
    cases_opened.emplace_back(j.at("case").get<std::string>(),
                              "severity " + std::to_string(j.at("severity").get<int>()) + ", " +
                                  j.at("attributed_party").get<std::string>());
  });
  if (!cases_status.ok() && cases_status.code() != StatusCode::kNotFound) return cases_status;

  // Obstruction and coverage.
  std::vector<const MonitoringGap*> day_gaps;
  for (const MonitoringGap& g : in.gaps) {
    if (g.end.utc_micros() >= day_start && g.start.utc_micros() < day_end) day_gaps.push_back(&g);
  }
  const DayCoverage day{day_gaps, day_start, day_end, reports_by_type, reports};
  const std::vector<std::pair<size_t, double>> coverage = day.BelowFull(sectors);
  const std::vector<std::pair<size_t, double>> named_coverage =
      named.empty() ? std::vector<std::pair<size_t, double>>()
                    : day.BelowFull(NamedSectorSamples(sectors, *in.map, named));

  std::ostringstream md;
  md << "# Daily monitoring report, " << in.day << ": " << scenario.name << "\n\n"
     << "Verified incidents only (corroborated under the scenario's verification rule). Times are "
        "the records' own; the day is counted in the agreement's local time.\n";
  md << "\n## Summary\n\n| | count |\n|---|---:|\n"
     << "| incidents (all) | " << incidents << " |\n"
     << "| verified incidents | " << verified << " |\n"
     << "| verified violations | " << violations << " |\n"
     << "| explosions, rounds or items in them | " << rounds << " |\n"
     << "| cases opened | " << cases_opened.size() << " |\n"
     << "| monitoring gaps active | " << day_gaps.size() << " |\n";
  if (!named.empty()) {
    md << "\n## Verified violations by sector\n\n| sector | verified violations |\n|---|---:|\n";
    for (size_t i = 0; i < named.size(); ++i) {
      md << "| " << MarkdownCell(named[i].name) << " | " << by_named[i] << " |\n";
    }
    if (by_named.back() > 0) md << "| outside the sectors | " << by_named.back() << " |\n";
  }
  md << "\n## Verified violations by sector of the line\n\n";
  if (by_sector_index.empty()) {
    md << "None.\n";
  } else {
    md << "| sector | verified violations |\n|---|---:|\n";
    for (const auto& [i, n] : by_sector_index)
      md << "| " << sectors[i].name << " | " << n << " |\n";
  }
  Table(md, "By zone", "zone", by_zone);
  Table(md, "By weapon class", "weapon class", by_weapon);
  Table(md, "By rule", "rule", by_rule);
  md << "\n## By attributed party\n\n";
  if (by_party.empty()) {
    md << "None.\n";
  } else {
    md << "| party | verified violations | mean confidence |\n|---|---:|---:|\n";
    for (const auto& [party, ps] : by_party) {
      md << "| " << party << " | " << ps.n << " | "
         << FormatFixed(ps.confidence_sum / static_cast<double>(ps.n), 3) << " |\n";
    }
  }
  md << "\n## Near protected sites\n\n";
  const std::string sites = near_sites.str();
  md << (sites.empty() ? "None.\n"
                       : "| incident | first seen | site | kind | distance (km) | party |\n"
                         "|---|---|---|---|---:|---|\n" +
                             sites);
  md << "\n## Obstruction and monitoring gaps\n\n";
  if (day_gaps.empty()) {
    md << "None recorded.\n";
  } else {
    md << "| gap | source type | reason | start | end | radius (km) "
          "|\n|---|---|---|---|---|---:|\n";
    for (const MonitoringGap* g : day_gaps) {
      md << "| " << MarkdownCell(g->id) << " | " << ToString(g->source_type) << " | "
         << MarkdownCell(g->reason) << " | " << g->start.ToRfc3339() << " | " << g->end.ToRfc3339()
         << " | " << FormatFixed(g->radius.km(), 1) << " |\n";
    }
    // Coverage: the confidence that "no violation observed" means none happened, as far as gaps
    // go; by named sector when the scenario has them, and by 50 km sector of the line.
    if (!named.empty()) {
      md << "\nCoverage of the named sectors the gaps reached (confidence that no violation "
            "observed means none happened, as far as gaps go, along each sector's stretch of the "
            "line):\n\n| sector | coverage |\n|---|---:|\n";
      for (const auto& [i, c] : named_coverage) {
        md << "| " << MarkdownCell(named[i].name) << " | " << FormatFixed(c, 3) << " |\n";
      }
    }
    md << "\nCoverage of the sectors the gaps reached (confidence that no violation observed "
          "means none happened, as far as gaps go):\n\n| sector | coverage |\n|---|---:|\n";
    for (const auto& [i, c] : coverage)
      md << "| " << sectors[i].name << " | " << FormatFixed(c, 3) << " |\n";
  }
  md << "\n## Special Commission cases opened\n\n";
  if (cases_opened.empty()) {
    md << "None.\n";
  } else {
    for (const auto& [id, summary] : cases_opened) md << "- `" << id << "`: " << summary << "\n";
  }

  ordered_json j;
  j["day"] = in.day;
  j["incidents"] = incidents;
  j["verified"] = verified;
  j["verified_violations"] = violations;
  j["rounds"] = rounds;
  ordered_json by_sector = ordered_json::object();
  for (const auto& [i, n] : by_sector_index) by_sector[sectors[i].name] = n;
  j["by_sector"] = by_sector;
  if (!named.empty()) {
    ordered_json by_named_sector = ordered_json::object();
    for (size_t i = 0; i < named.size(); ++i) by_named_sector[named[i].id] = by_named[i];
    j["by_named_sector"] = by_named_sector;
    j["outside_named_sectors"] = by_named.back();
  }
  j["by_zone"] = by_zone;
  j["by_weapon_class"] = by_weapon;
  j["by_rule"] = by_rule;
  ordered_json parties = ordered_json::object();
  for (const auto& [party, ps] : by_party) {
    parties[party] = {
        {"verified_violations", ps.n},
        {"mean_confidence", RoundTo(ps.confidence_sum / static_cast<double>(ps.n), 3)}};
  }
  j["by_party"] = parties;
  ordered_json gaps = ordered_json::array();
  for (const MonitoringGap* g : day_gaps) gaps.push_back(g->id);
  j["gaps"] = gaps;
  ordered_json cov = ordered_json::object();
  for (const auto& [i, c] : coverage) cov[sectors[i].name] = RoundTo(c, 3);
  j["coverage"] = cov;
  if (!named.empty()) {
    ordered_json named_cov = ordered_json::object();
    for (const auto& [i, c] : named_coverage) named_cov[named[i].id] = RoundTo(c, 3);
    j["coverage_by_named_sector"] = named_cov;
  }
  ordered_json opened = ordered_json::array();
  for (const auto& [id, summary] : cases_opened) opened.push_back(id);
  j["cases_opened"] = opened;

  DailyReport report;
  report.markdown = md.str();
  report.json = j.dump();
  report.geojson =
      ordered_json{{"type", "FeatureCollection"}, {"features", features}}.dump() + "\n";
  return report;
}

}  // namespace guarantor
