#include "engine/daily_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/json_text.h"
#include "base/markdown.h"
#include "base/rounding.h"
#include "engine/asset_coverage.h"
#include "engine/internal/commission_day.h"
#include "geo/geodesy.h"
#include "model/json_fields.h"

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
// types of the type's share of all reports (of every day) times the largest fraction of the
// stretch-day a gap of that type covered.
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

// Sector of the line of a point: the one whose nearest sample is nearest.
size_t StretchOf(const std::vector<Sector>& stretches, LatLng p) {
  double best = INFINITY;
  size_t index = 0;
  for (size_t i = 0; i < stretches.size(); ++i) {
    for (const LatLng& q : stretches[i].samples) {
      const double d = std::hypot(q.lat_deg - p.lat_deg,
                                  (q.lon_deg - p.lon_deg) * std::cos(p.lat_deg * M_PI / 180));
      if (d < best) {
        best = d;
        index = i;
      }
    }
  }
  return index;
}

struct PartyStats {
  int64_t n = 0;
  double confidence_sum = 0;
};

// What the day's incidents add up to: every incident of the day counted, and the verified
// violations by where, what and whom; the reports of every incident by source type (the weights
// of coverage).
struct ViolationTally {
  int64_t incidents = 0, verified = 0, violations = 0, rounds = 0;
  std::map<size_t, int64_t> by_stretch;  // by sector of the line, in order along it
  std::vector<int64_t> by_named;         // by named sector; the last, outside all of them
  std::map<std::string, int64_t> by_zone, by_weapon, by_rule;
  std::map<std::string, PartyStats> by_party;
  std::map<std::string, int64_t> reports_by_type;
  int64_t reports = 0;
  std::string near_sites;  // Markdown rows
  std::string features;    // the GeoJSON features of the violations, comma-separated
};

Result<ViolationTally> TallyIncidents(const DailyReportInput& in,
                                      const std::vector<Sector>& stretches) {
  const std::vector<AgreementSector>& named = in.scenario->agreement.sectors;
  ViolationTally t;
  t.by_named.assign(named.size() + 1, 0);
  std::ostringstream near_sites;
  if (in.reports_by_type) {
    t.reports_by_type = *in.reports_by_type;
    for (const auto& [type, n] : t.reports_by_type) t.reports += n;
  }
  RETURN_IF_ERROR(in.records.incidents([&](const json& j) {
    if (!in.reports_by_type) {
      for (const json& m : j.at("observations")) {
        ++t.reports_by_type[m.at("type").get<std::string>()];
        ++t.reports;
      }
    }
    if (j.at("day").get<std::string>() != in.day) return;
    ++t.incidents;
    if (j.at("status").get<std::string>() != "verified") return;
    ++t.verified;
    if (!j.at("violation").get<bool>()) return;
    ++t.violations;
    t.rounds += IntegerField(j, "count", 1, 1'000'000'000);
    const LatLng p{j.at("position").at("lat").get<double>(),
                   j.at("position").at("lon").get<double>()};
    if (!stretches.empty()) ++t.by_stretch[StretchOf(stretches, p)];
    const std::optional<size_t> in_sector = in.map->SectorAt(p);
    if (!named.empty()) ++t.by_named[in_sector.value_or(named.size())];
    const std::string zone = j.at("at").at("zone").get<std::string>();
    ++t.by_zone[zone];
    ++t.by_weapon[j.at("weapon_class").get<std::string>()];
    for (const json& b : j.at("breaches")) ++t.by_rule[b.at("rule").get<std::string>()];
    const json& a = j.at("attribution");
    PartyStats& ps = t.by_party[a.at("party").get<std::string>()];
    ++ps.n;
    ps.confidence_sum += a.at("confidence").get<double>();
    if (zone.rfind("protected_site:", 0) == 0) {
      near_sites << "| " << j.at("incident").get<std::string>() << " | "
                 << j.at("first_seen").get<std::string>() << " | " << zone.substr(15) << " | "
                 << j.at("kind").get<std::string>() << " | "
                 << FormatFixed(j.at("at").at("protected_site_distance_km").get<double>(), 3)
                 << " | " << a.at("party").get<std::string>() << " |\n";
    }
    JsonText f(256);
    f.BeginObject().Key("type").String("Feature");
    f.Key("geometry").BeginObject().Key("type").String("Point");
    f.Key("coordinates").BeginArray().Number(p.lon_deg).Number(p.lat_deg).EndArray().EndObject();
    f.Key("properties").BeginObject();
    f.Key("incident").String(j.at("incident").get<std::string>());
    f.Key("kind").String(j.at("kind").get<std::string>());
    f.Key("severity").Int(IntegerField(j, "severity", 0, 5));
    f.Key("zone").String(zone).Key("party").String(a.at("party").get<std::string>());
    f.Key("confidence").Number(a.at("confidence").get<double>());
    if (!named.empty()) {
      f.Key("sector");
      if (in_sector) {
        f.String(named[*in_sector].id);
      } else {
        f.Null();
      }
    }
    f.EndObject().EndObject();
    if (!t.features.empty()) t.features += ',';
    t.features += f.Take();
  }));
  t.near_sites = near_sites.str();
  return t;
}

void WriteViolations(std::ostringstream& md, const ViolationTally& t,
                     const std::vector<Sector>& stretches,
                     const std::vector<AgreementSector>& named) {
  if (!named.empty()) {
    md << "\n## Verified violations by sector\n\n| sector | verified violations |\n|---|---:|\n";
    for (size_t i = 0; i < named.size(); ++i) {
      md << "| " << MarkdownCell(named[i].name) << " | " << t.by_named[i] << " |\n";
    }
    if (t.by_named.back() > 0) md << "| outside the sectors | " << t.by_named.back() << " |\n";
  }
  md << "\n## Verified violations by sector of the line\n\n";
  if (t.by_stretch.empty()) {
    md << "None.\n";
  } else {
    md << "| sector | verified violations |\n|---|---:|\n";
    for (const auto& [i, n] : t.by_stretch) md << "| " << stretches[i].name << " | " << n << " |\n";
  }
  Table(md, "By zone", "zone", t.by_zone);
  Table(md, "By weapon class", "weapon class", t.by_weapon);
  Table(md, "By rule", "rule", t.by_rule);
  md << "\n## By attributed party\n\n";
  if (t.by_party.empty()) {
    md << "None.\n";
  } else {
    md << "| party | verified violations | mean confidence |\n|---|---:|---:|\n";
    for (const auto& [party, ps] : t.by_party) {
      md << "| " << party << " | " << ps.n << " | "
         << FormatFixed(ps.confidence_sum / static_cast<double>(ps.n), 3) << " |\n";
    }
  }
  md << "\n## Near protected sites\n\n";
  md << (t.near_sites.empty() ? "None.\n"
                              : "| incident | first seen | site | kind | distance (km) | party |\n"
                                "|---|---|---|---|---:|---|\n" +
                                    t.near_sites);
}

// The day's monitoring gaps, and the coverage they left (DayCoverage::BelowFull); with the
// assets known, the share of each sector they watched (engine/asset_coverage.h).
struct Obstruction {
  std::vector<const MonitoringGap*> gaps;
  std::vector<std::pair<size_t, double>> coverage;        // by sector of the line
  std::vector<std::pair<size_t, double>> named_coverage;  // by named sector
  bool assets_known = false;
  std::vector<SourceType> asset_types;  // of the day's assets, in the enumeration's order
  // By sector of the line, by named sector; none for a sector with no sample of the line.
  std::vector<std::optional<WatchedShares>> watched, named_watched;
};

std::vector<std::optional<WatchedShares>> WatchedSectors(
    const std::vector<Sector>& sectors, const std::vector<const MonitoringAsset*>& assets,
    const std::vector<const MonitoringGap*>& gaps, int64_t day_start) {
  std::vector<std::optional<WatchedShares>> out;
  for (const Sector& s : sectors) {
    if (s.samples.empty()) {
      out.emplace_back();
    } else {
      out.emplace_back(Watched(s.samples, assets, gaps, day_start));
    }
  }
  return out;
}

void WriteWatched(std::ostringstream& md, const Obstruction& o,
                  const std::vector<Sector>& stretches, const std::vector<AgreementSector>& named) {
  if (!o.assets_known) return;
  md << "\n## Watched by the mission's assets\n\n"
        "The share of each sector's stretch of the line (points every 5 km, each hour of the day) "
        "within range of an asset in place and not stopped by a gap, by any asset and by each "
        "type: where a violation could have been seen, and by what (acoustic arrays and radars "
        "hear only fire).\n";
  std::vector<std::string> columns = {"any"};
  for (SourceType type : o.asset_types) columns.emplace_back(ToString(type));
  auto rows = [&](const std::vector<std::optional<WatchedShares>>& shares, auto name_of) {
    std::vector<WatchedRow> out;
    for (size_t i = 0; i < shares.size(); ++i) {
      if (!shares[i]) continue;
      WatchedRow& row = out.emplace_back(name_of(i), std::map<std::string, double>());
      row.second["any"] = shares[i]->any;
      for (SourceType type : o.asset_types) {
        row.second[std::string(ToString(type))] = shares[i]->by_type[static_cast<size_t>(type)];
      }
    }
    md << WatchedMarkdownTable(columns, out);
  };
  if (!named.empty()) rows(o.named_watched, [&](size_t i) { return named[i].name; });
  rows(o.watched, [&](size_t i) { return stretches[i].name; });
}

void WriteObstruction(std::ostringstream& md, const Obstruction& o,
                      const std::vector<Sector>& stretches,
                      const std::vector<AgreementSector>& named) {
  md << "\n## Obstruction and monitoring gaps\n\n";
  if (o.gaps.empty()) {
    md << "None recorded.\n";
    return;
  }
  md << "| gap | source type | reason | start | end | radius (km) "
        "|\n|---|---|---|---|---|---:|\n";
  for (const MonitoringGap* g : o.gaps) {
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
    for (const auto& [i, c] : o.named_coverage) {
      md << "| " << MarkdownCell(named[i].name) << " | " << FormatFixed(c, 3) << " |\n";
    }
  }
  md << "\nCoverage of the sectors the gaps reached (confidence that no violation observed "
        "means none happened, as far as gaps go):\n\n| sector | coverage |\n|---|---:|\n";
  for (const auto& [i, c] : o.coverage) {
    md << "| " << stretches[i].name << " | " << FormatFixed(c, 3) << " |\n";
  }
}

ordered_json ReportJson(const std::string& day, const ViolationTally& t, const Obstruction& o,
                        const std::vector<Sector>& stretches,
                        const std::vector<AgreementSector>& named) {
  ordered_json j;
  j["day"] = day;
  j["incidents"] = t.incidents;
  j["verified"] = t.verified;
  j["verified_violations"] = t.violations;
  j["rounds"] = t.rounds;
  ordered_json by_sector = ordered_json::object();
  for (const auto& [i, n] : t.by_stretch) by_sector[stretches[i].name] = n;
  j["by_sector"] = by_sector;
  if (!named.empty()) {
    ordered_json by_named_sector = ordered_json::object();
    for (size_t i = 0; i < named.size(); ++i) by_named_sector[named[i].id] = t.by_named[i];
    j["by_named_sector"] = by_named_sector;
    j["outside_named_sectors"] = t.by_named.back();
  }
  j["by_zone"] = t.by_zone;
  j["by_weapon_class"] = t.by_weapon;
  j["by_rule"] = t.by_rule;
  ordered_json parties = ordered_json::object();
  for (const auto& [party, ps] : t.by_party) {
    parties[party] = {
        {"verified_violations", ps.n},
        {"mean_confidence", RoundTo(ps.confidence_sum / static_cast<double>(ps.n), 3)}};
  }
  j["by_party"] = parties;
  ordered_json gaps = ordered_json::array();
  for (const MonitoringGap* g : o.gaps) gaps.push_back(g->id);
  j["gaps"] = gaps;
  ordered_json cov = ordered_json::object();
  for (const auto& [i, c] : o.coverage) cov[stretches[i].name] = RoundTo(c, 3);
  j["coverage"] = cov;
  if (!named.empty()) {
    ordered_json named_cov = ordered_json::object();
    for (const auto& [i, c] : o.named_coverage) named_cov[named[i].id] = RoundTo(c, 3);
    j["coverage_by_named_sector"] = named_cov;
  }
  if (o.assets_known) {
    auto shares = [&o](const std::vector<std::optional<WatchedShares>>& watched, auto key_of) {
      ordered_json out = ordered_json::object();
      for (size_t i = 0; i < watched.size(); ++i) {
        if (!watched[i]) continue;
        ordered_json sector;
        sector["any"] = RoundTo(watched[i]->any, 3);
        for (SourceType type : o.asset_types) {
          sector[std::string(ToString(type))] =
              RoundTo(watched[i]->by_type[static_cast<size_t>(type)], 3);
        }
        out[key_of(i)] = sector;
      }
      return out;
    };
    j["watched"] = shares(o.watched, [&](size_t i) { return stretches[i].name; });
    if (!named.empty()) {
      j["watched_by_named_sector"] = shares(o.named_watched, [&](size_t i) { return named[i].id; });
    }
  }
  return j;
}

}  // namespace

ReportRecords ResultDirRecords(const std::string& dir) {
  return {.incidents = JsonLinesRecords(dir + "/incidents.jsonl", /*may_be_absent=*/false),
          .cases = JsonLinesRecords(dir + "/cases.jsonl", /*may_be_absent=*/true),
          .decisions = JsonLinesRecords(dir + "/decisions.jsonl", /*may_be_absent=*/true)};
}

Status CheckReportDay(const std::string& day) {
  if (!Timestamp::IsCalendarDay(day)) {
    return Status::InvalidArgument("--day: expected a date YYYY-MM-DD; found \"" + day + "\"");
  }
  return Status::Ok();
}

Result<DailyReport> BuildDailyReport(const DailyReportInput& in) {
  const Scenario& scenario = *in.scenario;
  const int offset = scenario.agreement.effective.offset_minutes();
  RETURN_IF_ERROR(CheckReportDay(in.day));
  const int64_t day_start = Timestamp::StartOfLocalDay(in.day, offset).utc_micros();
  const int64_t day_end = day_start + kMicrosPerDay;
  const std::vector<Sector> stretches = Sectors(scenario.agreement.line_of_contact);
  const std::vector<AgreementSector>& named = scenario.agreement.sectors;

  ASSIGN_OR_RETURN(const ViolationTally tally, TallyIncidents(in, stretches));
  engine_internal::CommissionDay commission;
  if (in.cases_withheld.empty()) {
    ASSIGN_OR_RETURN(commission, engine_internal::ReadCommissionDay(in.records, in.day, offset));
  }
  Obstruction obstruction;
  for (const MonitoringGap& g : in.gaps) {
    if (g.end.utc_micros() >= day_start && g.start.utc_micros() < day_end) {
      obstruction.gaps.push_back(&g);
    }
  }
  const DayCoverage day{obstruction.gaps, day_start, day_end, tally.reports_by_type, tally.reports};
  const std::vector<Sector> named_samples =
      named.empty() ? std::vector<Sector>() : NamedSectorSamples(stretches, *in.map, named);
  obstruction.coverage = day.BelowFull(stretches);
  if (!named.empty()) obstruction.named_coverage = day.BelowFull(named_samples);
  if (in.assets != nullptr) {
    std::vector<const MonitoringAsset*> placed;  // those of the day
    for (const MonitoringAsset& a : *in.assets) {
      if (a.to.utc_micros() >= day_start && a.from.utc_micros() < day_end) placed.push_back(&a);
    }
    obstruction.assets_known = true;
    std::array<bool, kSourceTypeCount> present{};
    for (const MonitoringAsset* a : placed) present[static_cast<size_t>(a->type)] = true;
    for (size_t type = 0; type < present.size(); ++type) {
      if (present[type]) obstruction.asset_types.push_back(static_cast<SourceType>(type));
    }
    obstruction.watched = WatchedSectors(stretches, placed, obstruction.gaps, day_start);
    obstruction.named_watched = WatchedSectors(named_samples, placed, obstruction.gaps, day_start);
  }

  std::ostringstream md;
  md << "# Daily monitoring report, " << in.day << ": " << scenario.name << "\n\n"
     << "Verified incidents only (corroborated under the scenario's verification rule). Times are "
        "the records' own; the day is counted in the agreement's local time.\n";
  md << "\n## Summary\n\n| | count |\n|---|---:|\n"
     << "| incidents (all) | " << tally.incidents << " |\n"
     << "| verified incidents | " << tally.verified << " |\n"
     << "| verified violations | " << tally.violations << " |\n"
     << "| explosions, rounds or items in them | " << tally.rounds << " |\n";
  if (in.cases_withheld.empty()) {
    md << "| cases opened | " << commission.opened.size() << " |\n"
       << "| Commission decisions | " << commission.decisions.size() << " |\n"
       << "| cases closed | " << commission.closed.size() << " |\n";
  }
  md << "| monitoring gaps active | " << obstruction.gaps.size() << " |\n";
  WriteViolations(md, tally, stretches, named);
  WriteObstruction(md, obstruction, stretches, named);
  WriteWatched(md, obstruction, stretches, named);
  engine_internal::WriteCommission(md, commission, in.cases_withheld);

  ordered_json j = ReportJson(in.day, tally, obstruction, stretches, named);
  if (in.cases_withheld.empty()) j.update(engine_internal::CommissionJson(commission));
  DailyReport report;
  report.markdown = md.str();
  report.json = j.dump();
  report.geojson = "{\"type\":\"FeatureCollection\",\"features\":[" + tally.features + "]}\n";
  return report;
}

}  // namespace guarantor
