// ImportCsv: the rows of a CSV file, through a CsvMapping, into observation JSON Lines
// (docs/observation-format.md) that `guarantor assess` reads.
//
//   Result<CsvImport> imp = ImportCsv(mapping, bytes, "events.csv");
//   for (const ImportedRow& row : imp->rows) out << row.observation_json << '\n';
//   for (const Diagnostic& d : imp->rejected) std::cerr << d.ToString() << '\n';
//
// Contract: every data row (every record after the header) ends in exactly one of `rows`,
// `skipped` or `rejected`, so rows + skipped + rejected == data_rows. A row is imported whole or
// not at all: each observation line is built, then checked by the same parser that `assess` uses,
// and a row that fails any check is rejected with its row number, line, field and reason. A file
// that cannot be decoded in the mapping's encoding, is not well-formed CSV, or lacks a column the
// mapping names is an error of the whole file (nothing imported).
//
// Thread safety: no shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "ingest/csv_mapping.h"
#include "model/timestamp.h"

namespace guarantor::ingest {

struct ImportedRow {
  int row = 0;   // 1-based data row (the header is row 0)
  int line = 0;  // line of the file on which the record starts
  std::string id;
  Timestamp time;
  std::string observation_json;  // one JSON object, no newline
  // The mapped `initiator` field: the party the record names as initiating the event, or empty
  // when the mapping has none or the record names none. Never used by assessment.
  std::string initiator;
  std::string initiator_text;  // the column's raw text, for reports
};

struct CsvImport {
  int data_rows = 0;
  // In time order, rows of equal time in file order: `assess` reads a stream that may run at
  // most a day out of order (docs/observation-format.md), and exports are seldom sorted.
  std::vector<ImportedRow> rows;
  std::vector<Diagnostic> skipped;   // "row N: skipped: <column> is <value>"
  std::vector<Diagnostic> rejected;  // "row N: <field>: <reason>"
};

// `label` names the file in diagnostics.
Result<CsvImport> ImportCsv(const CsvMapping& mapping, std::string_view bytes,
                            const std::string& label);

// One line of the reference file written beside the observations:
// {"id":...,"initiator":...,"initiator_text":...,"row":N}.
std::string ReferenceJsonLine(const ImportedRow& row);

}  // namespace guarantor::ingest
