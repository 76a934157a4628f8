// CsvRecords: the records of a CSV text (RFC 4180, through libcsv in strict mode), each with the
// line it starts on, so that every complaint about a row can name it.
//
//   Status s = ReadCsvRecords(text, ',', "events.csv", [](const CsvRecord& r) { ... });
//
// Quoted fields may hold delimiters, doubled quotes and line breaks. Spaces and tabs around an
// unquoted field are removed (libcsv's default). Blank lines are not records. A stray quote in an
// unquoted field or an unterminated quote at the end is a structural error that stops reading:
// the returned Status names the line, and the caller must discard every record it was given.
//
// Thread safety: no shared state.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace guarantor::ingest {

struct CsvRecord {
  int number = 0;  // 1-based count of records, the header (if any) included
  int line = 0;    // 1-based line of the text on which the record starts
  std::vector<std::string> fields;
};

Status ReadCsvRecords(std::string_view text, char delimiter, std::string_view label,
                      const std::function<void(const CsvRecord&)>& on_record);

}  // namespace guarantor::ingest
