#include "engine/result_day_records.h"

#include <fcntl.h>
#include <unistd.h>

#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>
#include <nlohmann/json.hpp>

#include "base/line_reader.h"
#include "base/record_spool.h"
#include "model/timestamp.h"

namespace guarantor {
namespace {

// What has been read over the files so far, told to `progress` every few thousand lines.
struct ReadTally {
  static constexpr int64_t kLinesPerProgress = 8192;
  const ReadProgress& progress;
  int64_t bytes = 0, lines = 0;
  void Count(std::string_view line) {
    bytes += static_cast<int64_t>(line.size()) + 1;
    if (++lines % kLinesPerProgress == 0 && progress) progress(bytes, lines);
  }
};

// Calls `each(root, line, number)` on every non-empty line of the file at `path`, parsed (its
// number counted from 1), counting each in `tally`; `each` returns the field at fault and what
// was wrong with it ("" when the line is good). NotFound when the file cannot be opened.
template <typename Fn>
Status ForEachParsedLine(const std::string& path, ReadTally& tally, Fn each) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(path + ": expected a readable file; found none");
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  LineReader reader(fd, simdjson::SIMDJSON_PADDING);
  simdjson::dom::parser parser;
  std::string_view line;
  int64_t number = 0;
  while (reader.Next(&line)) {
    ++number;
    tally.Count(line);
    if (line.empty()) continue;
    auto fail = [&](const std::string& what) {
      return Status::InvalidArgument(path + ":" + std::to_string(number) + ": " + what);
    };
    simdjson::dom::element root;
    if (parser.parse(line.data(), line.size(), /*realloc_if_needed=*/false).get(root) !=
            simdjson::SUCCESS ||
        !root.is_object()) {
      return fail("expected a JSON object; found malformed JSON");
    }
    if (const std::string wrong = each(root, line, number); !wrong.empty()) return fail(wrong);
  }
  if (reader.error()) return Status::InvalidArgument(path + ": read error");
  return Status::Ok();
}

// The string at `key` of `object`, or nullopt.
std::optional<std::string_view> StringAt(simdjson::dom::element object, const char* key) {
  std::string_view s;
  if (object[key].get_string().get(s) != simdjson::SUCCESS) return std::nullopt;
  return s;
}

// A line of a result file kept for a day's report: its number and where its text lies in the
// spool.
struct SpooledLine {
  int64_t number;
  RecordSpool::Handle text;
};

// The lines, each read back from the spool and parsed when visited. One that the visitor rejects
// is an InvalidArgument error naming the file and the line.
JsonRecordSource SpooledLines(std::shared_ptr<const RecordSpool> spool, std::string path,
                              std::vector<SpooledLine> lines) {
  return [spool = std::move(spool), path = std::move(path),
          lines = std::make_shared<const std::vector<SpooledLine>>(std::move(lines))](
             const JsonRecordVisitor& each) {
    std::string text;
    for (const SpooledLine& line : *lines) {
      auto name = [&] { return path + ":" + std::to_string(line.number); };
      text.clear();
      if (Status s = spool->AppendTo(line.text, &text); !s.ok()) {
        return Status(s.code(), name() + ": " + s.message());
      }
      try {
        each(nlohmann::json::parse(text));
      } catch (const std::exception& e) {
        return Status::InvalidArgument(name() + ": " + e.what());
      }
    }
    return Status::Ok();
  };
}

}  // namespace

Result<DayRecords> ResultDayRecords(const std::string& dir, const std::string& day,
                                    int offset_minutes) {
  Result<std::vector<DayRecords>> days = ResultPeriodRecords(dir, {day}, offset_minutes);
  if (!days.ok()) return days.status();
  return std::move(days->front());
}

Result<std::vector<DayRecords>> ResultPeriodRecords(const std::string& dir,
                                                    const std::vector<std::string>& days,
                                                    int offset_minutes,
                                                    const ReadProgress& progress) {
  ReadTally tally{progress};
  std::map<std::string, size_t, std::less<>> index_of_day;
  for (size_t i = 0; i < days.size(); ++i) index_of_day.emplace(days[i], i);
  auto spool = std::make_shared<RecordSpool>();
  std::map<std::string, int64_t> reports_by_type;
  const std::string incidents_path = dir + "/incidents.jsonl";
  std::vector<std::vector<SpooledLine>> incidents(days.size());
  RETURN_IF_ERROR(ForEachParsedLine(
      incidents_path, tally,
      [&](simdjson::dom::element root, std::string_view line, int64_t number) -> std::string {
        simdjson::dom::array reports;
        if (root["observations"].get_array().get(reports) != simdjson::SUCCESS) {
          return "observations: expected a list of the incident's reports";
        }
        for (simdjson::dom::element report : reports) {
          const std::optional<std::string_view> type = StringAt(report, "type");
          if (!type) return "observations: expected each report's source type";
          ++reports_by_type[std::string(*type)];
        }
        const std::optional<std::string_view> line_day = StringAt(root, "day");
        if (!line_day) return "day: expected a date YYYY-MM-DD";
        if (auto day = index_of_day.find(*line_day); day != index_of_day.end()) {
          incidents[day->second].push_back({number, spool->Append(line)});
        }
        return "";
      }));
  const std::string cases_path = dir + "/cases.jsonl";
  std::vector<std::vector<SpooledLine>> cases(days.size());
  Status read_cases = ForEachParsedLine(
      cases_path, tally,
      [&](simdjson::dom::element root, std::string_view line, int64_t number) -> std::string {
        const std::optional<std::string_view> opened = StringAt(root, "opened_at");
        if (!opened) return "opened_at: expected an RFC 3339 time";
        Result<Timestamp> at = Timestamp::Parse(*opened);
        if (!at.ok()) return "opened_at: " + at.status().message();
        if (auto day = index_of_day.find(at->LocalDate(offset_minutes));
            day != index_of_day.end()) {
          cases[day->second].push_back({number, spool->Append(line)});
        }
        return "";
      });
  if (!read_cases.ok() && read_cases.code() != StatusCode::kNotFound) return read_cases;
  std::vector<DayRecords> out(days.size());
  for (size_t i = 0; i < days.size(); ++i) {
    out[i].records = {
        .incidents = SpooledLines(spool, incidents_path, std::move(incidents[i])),
        .cases = SpooledLines(spool, cases_path, std::move(cases[i])),
        .decisions = JsonLinesRecords(dir + "/decisions.jsonl", /*may_be_absent=*/true)};
    out[i].reports_by_type = reports_by_type;
  }
  return out;
}

}  // namespace guarantor
