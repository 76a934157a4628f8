// guarantor loc: the line of contact from real control-area maps (docs/real-data.md).
//   loc derive   the part of a control area's boundary inside the country's border, away from
//                the border and the coast, as GeoJSON; optionally the rest of the country as the
//                other side's control area.
//   loc control  who controlled a point on a day, from a series of dated maps.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "base/rounding.h"
#include "commands.h"
#include "geo/contact_line_derivation.h"
#include "geo/geodesy.h"
#include "scenario/control_timeline.h"
#include "scenario/geojson_file.h"

namespace guarantor::cli {
namespace {
namespace fs = std::filesystem;

constexpr char kDefaultBorder[] = "third_party_data/ukraine-border.geojson";
constexpr char kBorderHint[] =
    " (the default is written by scripts/setup from Natural Earth; see docs/real-data.md)";

struct DeriveOptions {
  std::string control;
  std::string date;
  std::string border = kDefaultBorder;
  std::string out;
  std::string other_side;
  std::string this_side;
  double tolerance_km = 3;
  double min_part_km = 2;
  bool json = false;
  bool quiet = false;
};

struct ControlOptions {
  std::string control;
  std::string date;
  double lat = 0, lon = 0;
  std::string inside = "RU";
  std::string outside = "UA";
  std::string border = kDefaultBorder;
  bool json = false;
  bool quiet = false;
};

Result<MultiPolygon> LoadBorder(const std::string& path) {
  Result<MultiPolygon> border = LoadGeoJsonArea(path);
  if (!border.ok()) return Status(border.status().code(), border.status().message() + kBorderHint);
  return border;
}

// The control-area map: the file itself, or the map of `date` in a directory of dated maps.
Result<std::pair<MultiPolygon, std::string>> LoadControl(const std::string& control,
                                                         const std::string& date) {
  if (!fs::is_directory(control)) {
    ASSIGN_OR_RETURN(MultiPolygon area, LoadGeoJsonArea(control));
    return std::make_pair(std::move(area), control);
  }
  std::optional<int64_t> day = ParseIsoDate(date);
  if (!day) {
    return Status::InvalidArgument("--date: expected YYYY-MM-DD when --control is a directory");
  }
  ASSIGN_OR_RETURN(std::vector<DatedArea> maps, ListDatedMaps(control));
  const DatedArea* chosen = nullptr;  // the latest map on or before the day
  for (const DatedArea& m : maps) {
    if (m.day <= *day) chosen = &m;
  }
  if (chosen == nullptr) {
    return Status::NotFound(control + ": no map on or before " + FormatIsoDate(*day));
  }
  ASSIGN_OR_RETURN(MultiPolygon area, LoadGeoJsonArea(chosen->file));
  return std::make_pair(std::move(area), chosen->file);
}

double LengthKm(const std::vector<Polyline>& parts) {
  double m = 0;
  for (const Polyline& p : parts) {
    for (size_t i = 0; i + 1 < p.size(); ++i) m += geo::GeodesicDistance(p[i], p[i + 1]).meters();
  }
  return m / 1000;
}

int RunDerive(const DeriveOptions& opt) {
  Result<std::pair<MultiPolygon, std::string>> control = LoadControl(opt.control, opt.date);
  if (!control.ok()) {
    std::cerr << "loc derive: " << control.status().message() << "\n";
    return 1;
  }
  Result<MultiPolygon> border = LoadBorder(opt.border);
  if (!border.ok()) {
    std::cerr << "loc derive: " << border.status().message() << "\n";
    return 1;
  }
  geo::ContactLineOptions options;
  options.border_tolerance = Distance::Kilometers(opt.tolerance_km);
  options.min_part_length = Distance::Kilometers(opt.min_part_km);
  Result<geo::DerivedContactLine> line = geo::DeriveContactLine(control->first, *border, options);
  if (!line.ok()) {
    std::cerr << "loc derive: " << control->second << ": " << line.status().message() << "\n";
    return 1;
  }
  const std::string source = fs::path(control->second).filename().string();
  const double km = LengthKm(line->parts);
  const GeoJsonProperties props = {{"derived_from", source},
                                   {"border", fs::path(opt.border).filename().string()},
                                   {"border_tolerance_km", FormatFixed(opt.tolerance_km, 3)},
                                   {"length_km", FormatFixed(km, 1)}};
  std::optional<MultiPolygon> rest;
  if (!opt.other_side.empty()) {
    Result<MultiPolygon> r = geo::ComplementWithinBorder(control->first, *border);
    if (!r.ok()) {
      std::cerr << "loc derive: " << r.status().message() << "\n";
      return 1;
    }
    rest = std::move(*r);
  }
  if (Status s = WriteGeoJsonLines(opt.out, line->parts, props); !s.ok()) {
    std::cerr << "loc derive: " << s.message() << "\n";
    return 1;
  }
  if (!opt.this_side.empty()) {
    if (Status s = WriteGeoJsonArea(opt.this_side, control->first, {{"copied_from", source}});
        !s.ok()) {
      std::cerr << "loc derive: " << s.message() << "\n";
      return 1;
    }
  }
  if (rest) {
    if (Status s = WriteGeoJsonArea(opt.other_side, *rest,
                                    {{"derived_from", source}, {"complement_within", opt.border}});
        !s.ok()) {
      std::cerr << "loc derive: " << s.message() << "\n";
      return 1;
    }
  }
  if (opt.json) {
    nlohmann::ordered_json j{{"control", control->second},
                             {"parts", line->parts.size()},
                             {"length_km", RoundTo(km, 1)},
                             {"dropped_parts", line->dropped_parts},
                             {"dropped_km", RoundTo(line->dropped_km, 1)},
                             {"out", opt.out}};
    std::cout << j.dump() << "\n";
  } else if (!opt.quiet) {
    std::cout << "line of contact from " << control->second << ": " << line->parts.size()
              << " part(s), " << FormatFixed(km, 1) << " km (" << line->dropped_parts
              << " piece(s) under " << FormatFixed(opt.min_part_km, 1) << " km dropped)\n"
              << "written: " << opt.out << (rest ? ", " + opt.other_side : "") << "\n";
  }
  return 0;
}

int RunControl(const ControlOptions& opt) {
  std::optional<int64_t> day = ParseIsoDate(opt.date);
  if (!day) {
    std::cerr << "loc control: --date: expected YYYY-MM-DD, found \"" << opt.date << "\"\n";
    return 2;
  }
  Result<MultiPolygon> border = LoadBorder(opt.border);
  if (!border.ok()) {
    std::cerr << "loc control: " << border.status().message() << "\n";
    return 1;
  }
  Result<ControlTimeline> timeline =
      ControlTimeline::LoadDirectory(opt.control, {opt.inside, opt.outside, &*border});
  if (!timeline.ok()) {
    std::cerr << "loc control: " << timeline.status().message() << "\n";
    return 1;
  }
  std::optional<ControlAnswer> a = timeline->At(LatLng{opt.lat, opt.lon}, *day);
  if (opt.json) {
    nlohmann::ordered_json j{{"lat", opt.lat}, {"lon", opt.lon}, {"date", FormatIsoDate(*day)}};
    j["party"] = a ? a->party : "";
    j["map_date"] = a ? a->map_date : "";
    std::cout << j.dump() << "\n";
  } else if (!a) {
    std::cout << "no map on or before " << FormatIsoDate(*day) << "\n";
  } else {
    std::cout << (a->party.empty() ? "outside the border" : a->party) << " (map of " << a->map_date
              << ")\n";
  }
  return 0;
}

}  // namespace

void AddLocCommands(CLI::App& app, int* exit_code) {
  CLI::App* loc = app.add_subcommand("loc", "Line of contact and control areas from real maps");
  loc->require_subcommand(1);

  auto d = std::make_shared<DeriveOptions>();
  CLI::App* derive = loc->add_subcommand(
      "derive", "Derive the line of contact from a control-area map and the country's border");
  derive
      ->add_option("--control", d->control,
                   "control-area GeoJSON, or a directory of *_YYYYMMDD.geojson maps (with --date)")
      ->required();
  derive->add_option("--date", d->date, "YYYY-MM-DD: the map on or nearest before this date");
  derive->add_option("--border", d->border, "the country's border as GeoJSON")
      ->capture_default_str();
  derive->add_option("--out", d->out, "line of contact to write (GeoJSON MultiLineString)")
      ->required();
  derive->add_option("--other-side", d->other_side,
                     "also write the rest of the country (border minus control area) as GeoJSON");
  derive->add_option("--this-side", d->this_side,
                     "also write the control area that was used (the map of --date) as GeoJSON");
  derive
      ->add_option("--tolerance-km", d->tolerance_km,
                   "width of the band along the border and coast that is not front")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 50.0));
  derive->add_option("--min-part-km", d->min_part_km, "drop pieces shorter than this")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1000.0));
  derive->add_flag("--json", d->json, "print the summary as one JSON object");
  derive->add_flag("--quiet,-q", d->quiet, "print no summary");
  derive->callback([d, exit_code] { *exit_code = RunDerive(*d); });

  auto c = std::make_shared<ControlOptions>();
  CLI::App* control = loc->add_subcommand(
      "control", "Who controlled a point on a day (the nearest earlier map of a series)");
  control->add_option("--control", c->control, "directory of *_YYYYMMDD.geojson maps")->required();
  control->add_option("--date", c->date, "YYYY-MM-DD")->required();
  control->add_option("--lat", c->lat, "latitude, degrees")
      ->required()
      ->check(CLI::Range(-90.0, 90.0));
  control->add_option("--lon", c->lon, "longitude, degrees")
      ->required()
      ->check(CLI::Range(-180.0, 180.0));
  control->add_option("--inside", c->inside, "party holding the mapped territory")
      ->capture_default_str();
  control->add_option("--outside", c->outside, "party holding the rest of the border")
      ->capture_default_str();
  control->add_option("--border", c->border, "the country's border as GeoJSON")
      ->capture_default_str();
  control->add_flag("--json", c->json, "print the answer as one JSON object");
  control->add_flag("--quiet,-q", c->quiet, "no effect: this command prints only its answer");
  control->callback([c, exit_code] { *exit_code = RunControl(*c); });
}

}  // namespace guarantor::cli
