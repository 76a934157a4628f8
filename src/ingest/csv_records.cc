#include "ingest/csv_records.h"

#include <csv.h>

namespace guarantor::ingest {
namespace {

struct ParseState {
  const std::function<void(const CsvRecord&)>* on_record = nullptr;
  CsvRecord record;
  int current_line = 0;
  int start_line = 0;  // where the record being read began
  int records = 0;
  int last_end_line = 0;  // line on which the last record ended
};

void OnField(void* data, size_t len, void* state_ptr) {
  auto* state = static_cast<ParseState*>(state_ptr);
  if (state->record.fields.empty()) state->record.line = state->start_line;
  state->record.fields.emplace_back(static_cast<const char*>(data), len);
}

void OnRecordEnd(int /*terminator*/, void* state_ptr) {
  auto* state = static_cast<ParseState*>(state_ptr);
  if (state->record.fields.empty()) return;
  state->record.number = ++state->records;
  (*state->on_record)(state->record);
  state->record.fields.clear();
  state->last_end_line = state->current_line;
}

// Owns a libcsv parser.
class Parser {
 public:
  Parser() : ok_(csv_init(&p_, CSV_STRICT | CSV_STRICT_FINI) == 0) {}
  ~Parser() {
    if (ok_) csv_free(&p_);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  bool ok() const { return ok_; }
  csv_parser* get() { return &p_; }

 private:
  csv_parser p_{};
  bool ok_;
};

}  // namespace

Status ReadCsvRecords(std::string_view text, char delimiter, std::string_view label,
                      const std::function<void(const CsvRecord&)>& on_record) {
  Parser parser;
  if (!parser.ok()) return Status::Internal("libcsv could not be initialised");
  csv_set_delim(parser.get(), static_cast<unsigned char>(delimiter));
  ParseState state;
  state.on_record = &on_record;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    ++state.current_line;
    // libcsv's public state field: 0 (ROW_NOT_BEGUN) between records. A record that begins in
    // this line therefore starts on it; blank lines leave the state unchanged.
    if (parser.get()->pstate == 0 && state.record.fields.empty()) {
      state.start_line = state.current_line;
    }
    const size_t len = end - start;
    if (csv_parse(parser.get(), text.data() + start, len, OnField, OnRecordEnd, &state) != len) {
      return Status::InvalidArgument(std::string(label) + ":" + std::to_string(state.current_line) +
                                     ": malformed CSV (" + csv_strerror(csv_error(parser.get())) +
                                     ", a quote inside an unquoted field); nothing was imported");
    }
    start = end;
  }
  if (csv_fini(parser.get(), OnField, OnRecordEnd, &state) != 0) {
    const int line = state.record.fields.empty() ? state.last_end_line + 1 : state.record.line;
    return Status::InvalidArgument(std::string(label) + ":" + std::to_string(line) +
                                   ": malformed CSV (a quoted field is not closed before the end "
                                   "of the file); nothing was imported");
  }
  return Status::Ok();
}

}  // namespace guarantor::ingest
