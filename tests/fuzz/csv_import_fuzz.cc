// libFuzzer target: the CSV mapping format on arbitrary bytes. The first byte chooses what is
// fuzzed: even, a mapping file (ParseCsvMapping); odd, a CSV file imported through a fixed
// mapping, in UTF-8 (bit 1 clear) or Windows-1252 (bit 1 set).
// Properties: no crash; a mapping is accepted or rejected with a message; every data row of an
// imported file is imported, skipped or rejected (never lost), each rejection names a row and a
// line, and every imported observation is accepted by the assess parser.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ingest/csv_import.h"
#include "ingest/csv_mapping.h"
#include "monitor/observation_parser.h"

namespace {

const char kMapping[] = R"(format: guarantor-csv-mapping/1
name: fuzz
encoding: utf-8
time_formats: ["%d/%m/%Y %H:%M:%S", "%Y-%m-%d", "unix"]
fields:
  id: {column: id}
  time: {column: date}
  time_uncertainty_s: {column: tp, values: {"1": "43200", "2": "604800"}, otherwise: "900"}
  lat: {column: lat}
  lon: {column: lon}
  uncertainty_m: {column: gp, values: {"1": "2000", "2": "10000"}}
  source_id: {value: fuzz}
  source_type: {value: osint}
  kind: {column: type, values: {S: artillery_fire, A: drone_strike}, prefixes: {C: small_arms_fire}}
  count: {column: n}
  notes: {column: notes}
  initiator: {column: actor, prefixes: {R: RU, U: UA}, otherwise: ""}
skip:
  - {column: type, equals: [P]}
  - {column: lat, empty: true}
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 1) == 0) {
    guarantor::Result<guarantor::ingest::CsvMapping> m =
        guarantor::ingest::ParseCsvMapping(text, "fuzz.yaml");
    if (!m.ok() && m.status().message().empty()) std::abort();
    return 0;
  }
  static const guarantor::ingest::CsvMapping base = [] {
    auto m = guarantor::ingest::ParseCsvMapping(kMapping, "fuzz.yaml");
    if (!m.ok()) std::abort();
    return *m;
  }();
  guarantor::ingest::CsvMapping mapping = base;
  mapping.encoding = (data[0] & 2) ? guarantor::ingest::TextEncoding::kWindows1252
                                   : guarantor::ingest::TextEncoding::kUtf8;
  guarantor::Result<guarantor::ingest::CsvImport> r =
      guarantor::ingest::ImportCsv(mapping, text, "fuzz.csv");
  if (!r.ok()) {
    if (r.status().message().empty()) std::abort();
    return 0;
  }
  if (r->rows.size() + r->skipped.size() + r->rejected.size() !=
      static_cast<size_t>(r->data_rows)) {
    std::abort();
  }
  for (const guarantor::Diagnostic& d : r->rejected) {
    if (d.line < 1 || d.message.rfind("row ", 0) != 0) std::abort();
  }
  guarantor::ObservationParser parser;
  guarantor::Observation obs;
  for (const auto& row : r->rows) {
    if (!parser.Parse(row.observation_json, &obs).ok()) std::abort();
  }
  return 0;
}
