#include "engine/result_day_records.h"

#include <fcntl.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "base/line_reader.h"
#include "model/timestamp.h"

namespace guarantor {
namespace {

// Calls `each(root, line, number)` on every non-empty line of the file at `path`, parsed (its
// number counted from 1); `each` returns the field at fault and what was wrong with it ("" when
// the line is good). NotFound when the file cannot be opened.
template <typename Fn>
Status ForEachParsedLine(const std::string& path, Fn each) {
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

}  // namespace

Result<DayRecords> ResultDayRecords(const std::string& dir, const std::string& day,
                                    int offset_minutes) {
  DayRecords out;
  const std::string incidents_path = dir + "/incidents.jsonl";
  auto incidents = std::make_shared<std::vector<HeldJsonRecord>>();
  RETURN_IF_ERROR(ForEachParsedLine(
      incidents_path,
      [&](simdjson::dom::element root, std::string_view line, int64_t number) -> std::string {
        simdjson::dom::array reports;
        if (root["observations"].get_array().get(reports) != simdjson::SUCCESS) {
          return "observations: expected a list of the incident's reports";
        }
        for (simdjson::dom::element report : reports) {
          const std::optional<std::string_view> type = StringAt(report, "type");
          if (!type) return "observations: expected each report's source type";
          ++out.reports_by_type[std::string(*type)];
        }
        const std::optional<std::string_view> line_day = StringAt(root, "day");
        if (!line_day) return "day: expected a date YYYY-MM-DD";
        if (*line_day == day) {
          incidents->push_back({incidents_path + ":" + std::to_string(number), std::string(line)});
        }
        return "";
      }));
  const std::string cases_path = dir + "/cases.jsonl";
  auto cases = std::make_shared<std::vector<HeldJsonRecord>>();
  Status read_cases = ForEachParsedLine(
      cases_path,
      [&](simdjson::dom::element root, std::string_view line, int64_t number) -> std::string {
        const std::optional<std::string_view> opened = StringAt(root, "opened_at");
        if (!opened) return "opened_at: expected an RFC 3339 time";
        Result<Timestamp> at = Timestamp::Parse(*opened);
        if (!at.ok()) return "opened_at: " + at.status().message();
        if (at->LocalDate(offset_minutes) == day) {
          cases->push_back({cases_path + ":" + std::to_string(number), std::string(line)});
        }
        return "";
      });
  if (!read_cases.ok() && read_cases.code() != StatusCode::kNotFound) return read_cases;
  out.records = {.incidents = HeldJsonRecords(incidents, StatusCode::kInvalidArgument),
                 .cases = HeldJsonRecords(cases, StatusCode::kInvalidArgument),
                 .decisions = JsonLinesRecords(dir + "/decisions.jsonl", /*may_be_absent=*/true)};
  return out;
}

}  // namespace guarantor
