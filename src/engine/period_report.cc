#include "engine/period_report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/markdown.h"
#include "base/rounding.h"
#include "engine/asset_coverage.h"
#include "engine/daily_report.h"
#include "model/json_fields.h"
#include "model/taxonomy.h"
#include "model/timestamp.h"

namespace guarantor {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr int64_t kMaxCount = int64_t{1} << 50;

// Names with their digit runs compared as numbers: the line's sectors ("part 1, km 50-100")
// in the order of the line, as each day lists them; other names as strings.
struct NaturalLess {
  bool operator()(const std::string& a, const std::string& b) const {
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
      if (std::isdigit(static_cast<unsigned char>(a[i])) &&
          std::isdigit(static_cast<unsigned char>(b[j]))) {
        const size_t i0 = i, j0 = j;
        while (i < a.size() && std::isdigit(static_cast<unsigned char>(a[i]))) ++i;
        while (j < b.size() && std::isdigit(static_cast<unsigned char>(b[j]))) ++j;
        const std::string_view x = std::string_view(a).substr(i0, i - i0),
                               y = std::string_view(b).substr(j0, j - j0);
        const std::string_view x1 = x.substr(std::min(x.find_first_not_of('0'), x.size())),
                               y1 = y.substr(std::min(y.find_first_not_of('0'), y.size()));
        if (x1.size() != y1.size()) return x1.size() < y1.size();
        if (x1 != y1) return x1 < y1;
        if (x != y) return x < y;  // the same number spelt with more zeros: any fixed order
        continue;
      }
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
    return a.size() - i < b.size() - j;
  }
};

using Counts = std::map<std::string, int64_t, NaturalLess>;

// The figures of one day, as its daily report gives them.
struct Day {
  std::string day;
  int64_t incidents = 0, verified = 0, violations = 0, rounds = 0, outside_named = 0;
  Counts by_named, by_sector, by_zone, by_weapon, by_rule, by_party;
  std::map<std::string, double> party_confidence;
  std::vector<std::string> gaps;
  bool with_cases = false;
  int64_t opened = 0, decisions = 0, closed = 0;
  struct RemedyDue {
    std::string case_id, remedy, due;
    bool overdue = false;
  };
  std::vector<RemedyDue> remedies_due;  // by the end of the day
  // The shares the assets watched, by sector (of the line; named, by id), by "any" or type:
  // present only when the day's report knew the assets.
  using Shares = std::map<std::string, std::map<std::string, double>, NaturalLess>;
  std::optional<Shares> watched, watched_named;
};

Counts CountsField(const json& j, const char* name) {
  Counts out;
  if (!j.contains(name)) return out;  // by_named_sector: only when the scenario has sectors
  const json& object = j.at(name);
  if (!object.is_object()) ThrowFieldError(name, "an object of counts", object.dump());
  for (const auto& [key, value] : object.items()) {
    out[key] = IntegerField(object, key.c_str(), 0, kMaxCount);
  }
  return out;
}

int64_t ArrayLength(const json& j, const char* name) {
  const json& a = j.at(name);
  if (!a.is_array()) ThrowFieldError(name, "an array", a.dump());
  return static_cast<int64_t>(a.size());
}

// A day's "watched" or "watched_by_named_sector": sector -> {"any" or type -> share in [0, 1]}.
Day::Shares SharesField(const json& j, const char* name) {
  Day::Shares out;
  const json& sectors = j.at(name);
  if (!sectors.is_object()) ThrowFieldError(name, "an object of sectors", sectors.dump());
  for (const auto& [sector, shares] : sectors.items()) {
    if (!shares.is_object()) ThrowFieldError(name, "an object of shares", shares.dump());
    for (const auto& [key, share] : shares.items()) {
      if (!share.is_number() || share.get<double>() < 0 || share.get<double>() > 1) {
        ThrowFieldError(name, "shares in [0, 1]", share.dump());
      }
      out[sector][key] = share.get<double>();
    }
  }
  return out;
}

Day ReadDay(const json& j) {
  Day d;
  d.day = std::string(StringField(j, "day"));
  d.incidents = IntegerField(j, "incidents", 0, kMaxCount);
  d.verified = IntegerField(j, "verified", 0, kMaxCount);
  d.violations = IntegerField(j, "verified_violations", 0, kMaxCount);
  d.rounds = IntegerField(j, "rounds", 0, kMaxCount);
  d.by_named = CountsField(j, "by_named_sector");
  if (j.contains("outside_named_sectors")) {
    d.outside_named = IntegerField(j, "outside_named_sectors", 0, kMaxCount);
  }
  d.by_sector = CountsField(j, "by_sector");
  d.by_zone = CountsField(j, "by_zone");
  d.by_weapon = CountsField(j, "by_weapon_class");
  d.by_rule = CountsField(j, "by_rule");
  const json& parties = j.at("by_party");
  if (!parties.is_object()) ThrowFieldError("by_party", "an object", parties.dump());
  for (const auto& [party, figures] : parties.items()) {
    d.by_party[party] = IntegerField(figures, "verified_violations", 0, kMaxCount);
    const json& mean = figures.at("mean_confidence");
    if (!mean.is_number()) ThrowFieldError("mean_confidence", "a number", mean.dump());
    d.party_confidence[party] = mean.get<double>();
  }
  const json& gaps = j.at("gaps");
  if (!gaps.is_array()) ThrowFieldError("gaps", "an array of gap ids", gaps.dump());
  for (const json& g : gaps) {
    if (!g.is_string()) ThrowFieldError("gaps", "an array of gap ids", g.dump());
    d.gaps.push_back(g.get<std::string>());
  }
  if (j.contains("watched")) d.watched = SharesField(j, "watched");
  if (j.contains("watched_by_named_sector")) {
    d.watched_named = SharesField(j, "watched_by_named_sector");
  }
  d.with_cases = j.contains("cases_opened");
  if (d.with_cases) {
    d.opened = ArrayLength(j, "cases_opened");
    d.decisions = ArrayLength(j, "decisions");
    d.closed = ArrayLength(j, "cases_closed");
    const json& due = j.at("remedies_due");
    if (!due.is_array()) ThrowFieldError("remedies_due", "an array", due.dump());
    for (const json& r : due) {
      const json& overdue = r.at("overdue");
      if (!overdue.is_boolean()) ThrowFieldError("overdue", "true or false", overdue.dump());
      d.remedies_due.push_back({std::string(StringField(r, "case")),
                                std::string(StringField(r, "remedy")),
                                std::string(StringField(r, "due")), overdue.get<bool>()});
    }
  }
  return d;
}

void Add(Counts& into, const Counts& from) {
  for (const auto& [key, n] : from) into[key] += n;
}

// The period: the days' sums, and what is counted once over it.
struct Totals {
  Day sum;
  std::map<std::string, double> weighted_confidence;  // party -> sum of count x mean
  std::set<std::string> gaps;
  bool with_cases = true;
  // The means of the days' watched shares, when every day's report has them; a type missing
  // from a day's report (no asset of it that day) counts as 0 that day.
  std::optional<Day::Shares> watched, watched_named;
};

std::optional<Day::Shares> MeanShares(const std::vector<Day>& days,
                                      std::optional<Day::Shares> Day::*shares) {
  Day::Shares sum;
  for (const Day& d : days) {
    if (!(d.*shares)) return std::nullopt;
    for (const auto& [sector, by_key] : *(d.*shares)) {
      for (const auto& [key, share] : by_key) sum[sector][key] += share;
    }
  }
  for (auto& [sector, by_key] : sum) {
    for (auto& [key, share] : by_key) share = RoundTo(share / static_cast<double>(days.size()), 3);
  }
  return sum;
}

Totals Sum(const std::vector<Day>& days) {
  Totals t;
  for (const Day& d : days) {
    t.sum.incidents += d.incidents;
    t.sum.verified += d.verified;
    t.sum.violations += d.violations;
    t.sum.rounds += d.rounds;
    t.sum.outside_named += d.outside_named;
    Add(t.sum.by_named, d.by_named);
    Add(t.sum.by_sector, d.by_sector);
    Add(t.sum.by_zone, d.by_zone);
    Add(t.sum.by_weapon, d.by_weapon);
    Add(t.sum.by_rule, d.by_rule);
    Add(t.sum.by_party, d.by_party);
    for (const auto& [party, n] : d.by_party) {
      t.weighted_confidence[party] += static_cast<double>(n) * d.party_confidence.at(party);
    }
    t.gaps.insert(d.gaps.begin(), d.gaps.end());
    t.with_cases = t.with_cases && d.with_cases;
    t.sum.opened += d.opened;
    t.sum.decisions += d.decisions;
    t.sum.closed += d.closed;
  }
  t.watched = MeanShares(days, &Day::watched);
  t.watched_named = MeanShares(days, &Day::watched_named);
  return t;
}

// "any" first, then the source types in their enumeration's order.
std::vector<std::string> ShareColumns(const Day::Shares& shares) {
  std::vector<std::string> columns = {"any"};
  for (int type = 0; type < kSourceTypeCount; ++type) {
    const std::string name(ToString(static_cast<SourceType>(type)));
    for (const auto& [sector, by_key] : shares) {
      if (by_key.count(name) != 0) {
        columns.push_back(name);
        break;
      }
    }
  }
  return columns;
}

// The rows of `shares` named by `names` (key, name), in that order.
std::vector<WatchedRow> WatchedRows(const Day::Shares& shares,
                                    const std::vector<std::pair<std::string, std::string>>& names) {
  std::vector<WatchedRow> rows;
  for (const auto& [key, name] : names) {
    auto sector = shares.find(key);
    if (sector != shares.end()) {
      rows.emplace_back(
          name, std::map<std::string, double>(sector->second.begin(), sector->second.end()));
    }
  }
  return rows;
}

void WriteWatched(std::ostringstream& md, const Scenario& scenario, const Totals& t) {
  if (!t.watched) return;
  md << "\n## Watched by the mission's assets\n\nThe mean over the days of the share of each "
        "sector's stretch of the line their daily reports say the assets watched, by any asset "
        "and by each type.\n";
  if (t.watched_named) {
    std::vector<std::pair<std::string, std::string>> named;
    for (const AgreementSector& s : scenario.agreement.sectors) named.emplace_back(s.id, s.name);
    md << WatchedMarkdownTable(ShareColumns(*t.watched_named),
                               WatchedRows(*t.watched_named, named));
  }
  std::vector<std::pair<std::string, std::string>> stretches;
  for (const auto& [sector, by_key] : *t.watched) stretches.emplace_back(sector, sector);
  md << WatchedMarkdownTable(ShareColumns(*t.watched), WatchedRows(*t.watched, stretches));
}

double MeanConfidence(const Totals& t, const std::string& party) {
  const int64_t n = t.sum.by_party.at(party);
  return n == 0 ? 0.0 : RoundTo(t.weighted_confidence.at(party) / static_cast<double>(n), 3);
}

void CountsTable(std::ostringstream& md, const char* heading, const char* what,
                 const Counts& counts) {
  md << "\n## " << heading << "\n\n| " << what << " | verified violations |\n|---|---:|\n";
  if (counts.empty()) md << "| (none) | 0 |\n";
  for (const auto& [key, n] : counts) md << "| " << MarkdownCell(key) << " | " << n << " |\n";
}

std::string Markdown(const Scenario& scenario, const std::vector<Day>& days, const Totals& t) {
  std::ostringstream md;
  md << "# Monitoring report, " << days.front().day << " to " << days.back().day << ": "
     << scenario.name << "\n\n"
     << days.size() << " day(s) of the agreement's local time, each as its daily report "
     << "(`guarantor report --day`) counts it; verified incidents only.\n\n## Summary\n\n"
     << "| | count |\n|---|---:|\n| incidents (all) | " << t.sum.incidents
     << " |\n| verified incidents | " << t.sum.verified << " |\n| verified violations | "
     << t.sum.violations << " |\n| explosions, rounds or items in them | " << t.sum.rounds
     << " |\n";
  if (t.with_cases) {
    md << "| cases opened | " << t.sum.opened << " |\n| Commission decisions | " << t.sum.decisions
       << " |\n| cases closed | " << t.sum.closed << " |\n";
  }
  md << "| monitoring gaps | " << t.gaps.size() << " |\n\n## By day\n\n| day | incidents | "
     << "verified violations |";
  for (const auto& [party, n] : t.sum.by_party) md << " " << MarkdownCell(party) << " |";
  if (t.with_cases) md << " cases opened | decisions | cases closed |";
  md << " gaps active |\n|---|---:|---:|";
  for (size_t i = 0; i < t.sum.by_party.size(); ++i) md << "---:|";
  if (t.with_cases) md << "---:|---:|---:|";
  md << "---:|\n";
  for (const Day& d : days) {
    md << "| " << d.day << " | " << d.incidents << " | " << d.violations << " |";
    for (const auto& [party, n] : t.sum.by_party) {
      auto it = d.by_party.find(party);
      md << " " << (it == d.by_party.end() ? 0 : it->second) << " |";
    }
    if (t.with_cases) md << " " << d.opened << " | " << d.decisions << " | " << d.closed << " |";
    md << " " << d.gaps.size() << " |\n";
  }
  if (!scenario.agreement.sectors.empty()) {
    md << "\n## Verified violations by sector\n\n| sector | verified violations |\n|---|---:|\n";
    for (const AgreementSector& s : scenario.agreement.sectors) {
      auto it = t.sum.by_named.find(s.id);
      md << "| " << MarkdownCell(s.name) << " | " << (it == t.sum.by_named.end() ? 0 : it->second)
         << " |\n";
    }
    if (t.sum.outside_named > 0) md << "| outside the sectors | " << t.sum.outside_named << " |\n";
  }
  CountsTable(md, "Verified violations by sector of the line", "sector", t.sum.by_sector);
  CountsTable(md, "By zone", "zone", t.sum.by_zone);
  CountsTable(md, "By weapon class", "weapon class", t.sum.by_weapon);
  CountsTable(md, "By rule breached", "rule", t.sum.by_rule);
  md << "\n## By attributed party\n\n| party | verified violations | mean confidence |\n"
        "|---|---:|---:|\n";
  for (const auto& [party, n] : t.sum.by_party) {
    md << "| " << MarkdownCell(party) << " | " << n << " | "
       << FormatFixed(MeanConfidence(t, party), 3) << " |\n";
  }
  WriteWatched(md, scenario, t);
  if (!t.with_cases) {
    md << "\n## Special Commission\n\nNot shown: the daily reports of the period leave the "
          "Special Commission's cases out.\n";
    return md.str();
  }
  // What the last day's report lists: the remedies due when the period ends.
  md << "\n## Remedies due at the end of the period\n\n";
  if (days.back().remedies_due.empty()) md << "None.\n";
  for (const Day::RemedyDue& r : days.back().remedies_due) {
    md << "- `" << r.case_id << "`: " << MarkdownCell(r.remedy) << " (due " << r.due
       << (r.overdue ? ", overdue" : ", on the last day") << ")\n";
  }
  return md.str();
}

ordered_json CountsJson(const Counts& counts) {
  ordered_json out = ordered_json::object();
  for (const auto& [key, n] : counts) out[key] = n;
  return out;
}

std::string Json(const std::vector<Day>& days, const Totals& t) {
  ordered_json by_day = ordered_json::array();
  for (const Day& d : days) {
    ordered_json day = {{"day", d.day},
                        {"incidents", d.incidents},
                        {"verified", d.verified},
                        {"verified_violations", d.violations},
                        {"by_party", CountsJson(d.by_party)},
                        {"gaps_active", d.gaps.size()}};
    if (t.with_cases) {
      day["cases_opened"] = d.opened;
      day["decisions"] = d.decisions;
      day["cases_closed"] = d.closed;
    }
    by_day.push_back(std::move(day));
  }
  ordered_json parties = ordered_json::object();
  for (const auto& [party, n] : t.sum.by_party) {
    parties[party] = {{"verified_violations", n}, {"mean_confidence", MeanConfidence(t, party)}};
  }
  ordered_json totals = {{"incidents", t.sum.incidents},
                         {"verified", t.sum.verified},
                         {"verified_violations", t.sum.violations},
                         {"rounds", t.sum.rounds}};
  if (!t.sum.by_named.empty() || t.sum.outside_named > 0) {
    totals["by_named_sector"] = CountsJson(t.sum.by_named);
    totals["outside_named_sectors"] = t.sum.outside_named;
  }
  totals["by_sector"] = CountsJson(t.sum.by_sector);
  totals["by_zone"] = CountsJson(t.sum.by_zone);
  totals["by_weapon_class"] = CountsJson(t.sum.by_weapon);
  totals["by_rule"] = CountsJson(t.sum.by_rule);
  totals["by_party"] = std::move(parties);
  totals["gaps"] = ordered_json(std::vector<std::string>(t.gaps.begin(), t.gaps.end()));
  auto shares_json = [](const Day::Shares& shares) {
    ordered_json out = ordered_json::object();
    for (const auto& [sector, by_key] : shares) {
      ordered_json sector_shares = ordered_json::object();
      for (const std::string& c : ShareColumns(shares)) {
        auto share = by_key.find(c);
        sector_shares[c] = share == by_key.end() ? 0.0 : share->second;
      }
      out[sector] = std::move(sector_shares);
    }
    return out;
  };
  if (t.watched) totals["watched"] = shares_json(*t.watched);
  if (t.watched_named) totals["watched_by_named_sector"] = shares_json(*t.watched_named);
  if (t.with_cases) {
    totals["cases_opened"] = t.sum.opened;
    totals["decisions"] = t.sum.decisions;
    totals["cases_closed"] = t.sum.closed;
    ordered_json due = ordered_json::array();
    for (const Day::RemedyDue& r : days.back().remedies_due) {
      due.push_back(
          {{"case", r.case_id}, {"remedy", r.remedy}, {"due", r.due}, {"overdue", r.overdue}});
    }
    totals["remedies_due"] = std::move(due);  // at the end of the period
  }
  return ordered_json{{"from", days.front().day},
                      {"to", days.back().day},
                      {"days", std::move(by_day)},
                      {"totals", std::move(totals)}}
      .dump();
}

}  // namespace

Result<std::vector<std::string>> PeriodDays(const std::string& from, const std::string& to,
                                            int max_days) {
  for (const auto& [name, day] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    if (!CheckReportDay(*day).ok()) {
      return Status::InvalidArgument(std::string(name) + ": expected a date YYYY-MM-DD; found \"" +
                                     *day + "\"");
    }
  }
  constexpr int64_t kDayMicros = 86'400'000'000;
  const int64_t first = Timestamp::Parse(from + "T00:00:00Z")->utc_micros();
  const int64_t last = Timestamp::Parse(to + "T00:00:00Z")->utc_micros();
  if (last < first || (last - first) / kDayMicros >= max_days) {
    return Status::InvalidArgument("to: expected a day from " + from + " to " +
                                   std::to_string(max_days - 1) + " days after it");
  }
  std::vector<std::string> days;
  for (int64_t t = first; t <= last; t += kDayMicros) days.push_back(Timestamp(t, 0).LocalDate(0));
  return days;
}

std::string MergedFeatureCollections(const std::vector<std::string>& collections) {
  ordered_json features = ordered_json::array();
  for (const std::string& c : collections) {
    ordered_json collection = ordered_json::parse(c);
    for (ordered_json& f : collection["features"]) features.push_back(std::move(f));
  }
  return ordered_json{{"type", "FeatureCollection"}, {"features", std::move(features)}}.dump();
}

Result<PeriodReport> SumDailyReports(const Scenario& scenario,
                                     const std::vector<std::string>& days) {
  if (days.empty()) return Status::InvalidArgument("a period report needs at least one day");
  std::vector<Day> read;
  read.reserve(days.size());
  for (size_t i = 0; i < days.size(); ++i) {
    const json j = json::parse(days[i], nullptr, /*allow_exceptions=*/false);
    try {
      if (!j.is_object()) ThrowFieldError("report", "a daily report's JSON object", days[i]);
      read.push_back(ReadDay(j));
    } catch (const std::exception& e) {  // the field readers', and json's for a missing key
      return Status::InvalidArgument("the daily report of day " + std::to_string(i + 1) +
                                     " of the period: " + e.what());
    }
  }
  const Totals totals = Sum(read);
  return PeriodReport{Markdown(scenario, read, totals), Json(read, totals)};
}

}  // namespace guarantor
