#include "ingest/csv_import.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "ingest/csv_records.h"
#include "model/observation.h"
#include "monitor/observation_parser.h"

namespace guarantor::ingest {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kTruncated = " [truncated]";

// Why a row cannot be imported: the field and the reason.
struct RowError {
  std::string field;
  std::string message;
};

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

// Cuts `s` to at most `max` bytes on a UTF-8 character boundary, marking the cut.
std::string TruncateUtf8(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max - kTruncated.size();
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s + std::string(kTruncated);
}

// Applies the mapping to one record.
class RowMapper {
 public:
  RowMapper(const CsvMapping& m, const std::map<std::string, size_t>& columns)
      : mapping_(m), columns_(columns) {}

  // The text of field `name` after translation; nullopt when the mapping has no such field.
  // Sets *error when the value cannot be mapped.
  std::optional<std::string> Value(const CsvRecord& rec, const std::string& name,
                                   std::optional<RowError>* error) const {
    auto it = mapping_.fields.find(name);
    if (it == mapping_.fields.end()) return std::nullopt;
    const FieldRule& rule = it->second;
    std::string text = rule.constant ? *rule.constant : rec.fields[columns_.at(rule.column)];
    if (rule.translates()) {
      std::optional<std::string> mapped;
      if (auto v = rule.values.find(text); v != rule.values.end()) {
        mapped = v->second;
      } else {
        size_t best = 0;
        for (const auto& [prefix, to] : rule.prefixes) {
          if (text.starts_with(prefix) && prefix.size() > best) {
            best = prefix.size();
            mapped = to;
          }
        }
      }
      if (!mapped) mapped = rule.otherwise;
      if (!mapped) {
        *error = RowError{name, "value " + Quote(text) + " of column " + Quote(rule.column) +
                                    " is not in the mapping's values or prefixes"};
        return std::nullopt;
      }
      text = *mapped;
    }
    return text.empty() ? text : rule.prefix + text;
  }

  const std::string& ColumnOf(const std::string& name) const {
    return mapping_.fields.at(name).column;
  }

  // The column's text before translation; empty for a constant or a field the mapping lacks.
  std::string Raw(const CsvRecord& rec, const std::string& name) const {
    auto it = mapping_.fields.find(name);
    if (it == mapping_.fields.end() || it->second.column.empty()) return "";
    return rec.fields[columns_.at(it->second.column)];
  }

 private:
  const CsvMapping& mapping_;
  const std::map<std::string, size_t>& columns_;
};

// The skip rule that applies to `rec`, described; empty when none does.
std::string SkipReason(const CsvMapping& m, const std::map<std::string, size_t>& columns,
                       const CsvRecord& rec) {
  for (size_t i = 0; i < m.skip.size(); ++i) {
    const SkipRule& s = m.skip[i];
    const std::string& v = rec.fields[columns.at(s.column)];
    const bool hit = (s.when_empty && v.empty()) ||
                     std::find(s.equals.begin(), s.equals.end(), v) != s.equals.end();
    if (hit) {
      return "skipped by rule skip[" + std::to_string(i) + "]: " + s.column + " is " +
             (v.empty() ? std::string("empty") : Quote(v));
    }
  }
  return "";
}

// Builds the observation JSON of one record, or the first reason it cannot be built.
std::optional<RowError> BuildObservation(const CsvMapping& m, const RowMapper& mapper,
                                         const CsvRecord& rec, Json* out, ImportedRow* row) {
  std::optional<RowError> err;
  auto get = [&](const std::string& name) -> std::optional<std::string> {
    if (err) return std::nullopt;
    return mapper.Value(rec, name, &err);
  };
  auto required = [&](const std::string& name) -> std::optional<std::string> {
    std::optional<std::string> v = get(name);
    if (!err && v && v->empty()) {
      err = RowError{name, "empty (column " + Quote(mapper.ColumnOf(name)) + ")"};
    }
    return err ? std::nullopt : v;
  };
  auto number = [&](const std::string& name, bool must) -> std::optional<double> {
    std::optional<std::string> v = must ? required(name) : get(name);
    if (err || !v || v->empty()) return std::nullopt;
    std::optional<double> d = ParseNumber(*v);
    if (!d) err = RowError{name, "expected a decimal number, found " + Quote(*v)};
    return d;
  };

  std::optional<std::string> id = required("id");
  std::optional<std::string> time_text = required("time");
  if (err) return err;
  std::optional<Timestamp> time;
  std::string tried;
  for (const DateTimeFormat& f : m.time_formats) {
    Result<Timestamp> t = f.Parse(*time_text);
    if (t.ok()) {
      time = *t;
      break;
    }
    tried += (tried.empty() ? "" : "; ") + f.pattern() + ": " + t.status().message();
  }
  if (!time) return RowError{"time", "matches no time format (" + tried + ")"};
  std::optional<double> time_unc = number("time_uncertainty_s", false);
  std::optional<double> lat = number("lat", true);
  std::optional<double> lon = number("lon", true);
  std::optional<double> unc = number("uncertainty_m", true);
  std::optional<std::string> source_id = required("source_id");
  std::optional<std::string> source_type = required("source_type");
  std::optional<std::string> kind = required("kind");
  std::optional<std::string> weapon = get("weapon_class");
  std::optional<double> count = number("count", false);
  std::optional<double> confidence = number("confidence", false);
  std::optional<std::string> notes = get("notes");
  std::optional<std::string> initiator = get("initiator");
  if (err) return err;

  Json j;
  j["id"] = *id;
  j["time"] = time->ToRfc3339();
  if (time_unc) j["time_uncertainty_s"] = *time_unc;
  j["source"] = Json{{"id", *source_id}, {"type", *source_type}};
  j["kind"] = *kind;
  j["position"] = Json{{"lat", *lat}, {"lon", *lon}, {"uncertainty_m", *unc}};
  if (weapon && !weapon->empty()) j["weapon_class"] = *weapon;
  if (count) {
    if (*count != std::floor(*count) || std::fabs(*count) > 1e9) {
      return RowError{"count", "expected a whole number, found " + Quote(mapper.Raw(rec, "count"))};
    }
    j["count"] = static_cast<int64_t>(*count);
  }
  if (confidence) j["confidence"] = *confidence;
  if (notes && !notes->empty()) j["notes"] = TruncateUtf8(*notes, kMaxNotesLength);
  *out = std::move(j);
  row->id = *id;
  row->time = *time;
  if (initiator) {
    row->initiator = *initiator;
    row->initiator_text = mapper.Raw(rec, "initiator");
  }
  return std::nullopt;
}

Diagnostic RowDiagnostic(const std::string& label, const CsvRecord& rec, int row,
                         const std::string& field, const std::string& message) {
  return Diagnostic{label, rec.line, 0, field, "row " + std::to_string(row) + ": " + message};
}

}  // namespace

Result<CsvImport> ImportCsv(const CsvMapping& mapping, std::string_view bytes,
                            const std::string& label) {
  ASSIGN_OR_RETURN(const std::string text, DecodeToUtf8(bytes, mapping.encoding, label));
  std::vector<CsvRecord> records;
  RETURN_IF_ERROR(ReadCsvRecords(text, mapping.delimiter, label,
                                 [&](const CsvRecord& r) { records.push_back(r); }));
  if (records.empty()) return Status::InvalidArgument(label + ": no header row");
  const CsvRecord& header = records.front();
  std::map<std::string, size_t> columns;
  for (size_t i = 0; i < header.fields.size(); ++i) columns.emplace(header.fields[i], i);
  std::string missing;
  for (const std::string& c : mapping.Columns()) {
    if (!columns.contains(c)) missing += (missing.empty() ? "" : ", ") + Quote(c);
  }
  if (!missing.empty()) {
    return Status::InvalidArgument(
        label + ":" + std::to_string(header.line) + ": header: the mapping \"" + mapping.name +
        "\" names column(s) that the header lacks: " + missing + "; nothing was imported");
  }

  CsvImport result;
  RowMapper mapper(mapping, columns);
  ObservationParser parser;
  std::map<std::string, int> first_row_of_id;
  for (size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& rec = records[i];
    const int row = static_cast<int>(i);
    ++result.data_rows;
    if (rec.fields.size() != header.fields.size()) {
      result.rejected.push_back(RowDiagnostic(label, rec, row, "",
                                              "expected " + std::to_string(header.fields.size()) +
                                                  " fields as in the header, found " +
                                                  std::to_string(rec.fields.size())));
      continue;
    }
    if (std::string reason = SkipReason(mapping, columns, rec); !reason.empty()) {
      result.skipped.push_back(RowDiagnostic(label, rec, row, "", reason));
      continue;
    }
    ImportedRow imported;
    imported.row = row;
    imported.line = rec.line;
    Json json;
    if (std::optional<RowError> e = BuildObservation(mapping, mapper, rec, &json, &imported)) {
      result.rejected.push_back(RowDiagnostic(label, rec, row, e->field, e->message));
      continue;
    }
    try {
      imported.observation_json = json.dump(-1, ' ', false, Json::error_handler_t::strict);
      (void)ReferenceJsonLine(imported);  // cannot throw later, once this has not
    } catch (const nlohmann::json::exception& e) {
      // The text was validated as UTF-8 when decoded; nlohmann's stricter check is kept anyway.
      result.rejected.push_back(RowDiagnostic(label, rec, row, "", e.what()));
      continue;
    }
    Observation check;
    if (Status s = parser.Parse(imported.observation_json, &check); !s.ok()) {
      result.rejected.push_back(RowDiagnostic(label, rec, row, "", s.message()));
      continue;
    }
    auto [it, inserted] = first_row_of_id.emplace(imported.id, row);
    if (!inserted) {
      result.rejected.push_back(RowDiagnostic(label, rec, row, "id",
                                              "duplicate id " + Quote(imported.id) +
                                                  " (first at row " + std::to_string(it->second) +
                                                  ")"));
      continue;
    }
    result.rows.push_back(std::move(imported));
  }
  std::stable_sort(result.rows.begin(), result.rows.end(),
                   [](const ImportedRow& a, const ImportedRow& b) { return a.time < b.time; });
  return result;
}

std::string ReferenceJsonLine(const ImportedRow& row) {
  Json j;
  j["id"] = row.id;
  j["row"] = row.row;
  j["initiator"] = row.initiator;
  j["initiator_text"] = row.initiator_text;
  return j.dump(-1, ' ', false, Json::error_handler_t::strict);
}

}  // namespace guarantor::ingest
