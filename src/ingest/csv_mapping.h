// CsvMapping: how the columns of one CSV layout become observation fields (format
// "guarantor-csv-mapping/1", documented in docs/real-data.md). A mapping is data: a new layout is
// imported by writing a mapping file, without changing the program.
//
//   Result<CsvMapping> m = LoadCsvMapping("examples/mappings/acled.yaml");
//   if (!m.ok()) std::cerr << m.status().message();  // every error, one per line
//
// Thread safety: immutable after loading.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "ingest/date_time_format.h"
#include "ingest/text_encoding.h"

namespace guarantor::ingest {

// Where one output field comes from: a column's text or a constant, optionally translated by a
// value map, optionally prefixed.
struct FieldRule {
  std::string column;  // empty when `constant` is used
  std::optional<std::string> constant;
  // Translation. Exact matches in `values` first, then the longest matching key of `prefixes`,
  // then `otherwise`. With a translation and no match and no `otherwise`, the row is rejected.
  std::map<std::string, std::string> values;
  std::vector<std::pair<std::string, std::string>> prefixes;
  std::optional<std::string> otherwise;
  std::string prefix;  // prepended to the result (ids)

  bool translates() const { return !values.empty() || !prefixes.empty(); }
};

// A row whose `column` holds one of `equals` (or is empty, when `when_empty`) is skipped: it is
// counted and reported, not imported and not rejected.
struct SkipRule {
  std::string column;
  std::vector<std::string> equals;
  bool when_empty = false;
};

struct CsvMapping {
  std::string name;
  TextEncoding encoding = TextEncoding::kUtf8;
  char delimiter = ',';
  std::vector<DateTimeFormat> time_formats;  // tried in order; the first that matches is used
  // Observation fields (docs/observation-format.md) by name: id, time, time_uncertainty_s, lat,
  // lon, uncertainty_m, source_id, source_type, kind, weapon_class, count, confidence, notes;
  // and initiator (the party the record says initiated the event, for comparison only).
  std::map<std::string, FieldRule> fields;
  std::vector<SkipRule> skip;

  // Every column the mapping reads, for checking the header.
  std::vector<std::string> Columns() const;
};

// The names accepted under `fields`, and whether each must be given.
const std::vector<std::pair<std::string, bool>>& MappingFieldNames();

// InvalidArgument with one "file:line:column: field: message" per problem; unknown keys are errors.
Result<CsvMapping> LoadCsvMapping(const std::string& path);
Result<CsvMapping> ParseCsvMapping(const std::string& text, const std::string& label);

}  // namespace guarantor::ingest
