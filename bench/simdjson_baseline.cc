// simdjson_baseline: the parse limit of the performance comparison. simdjson's On-Demand API
// over a JSON Lines file of observations (iterate_many: one pass over the whole file), reading
// the fields guarantor's parser reads (id, time, source id and type, kind, position, origin,
// weapon class, count, confidence) without validating them. Prints records and records per
// second as one JSON object. The file is read into memory first: the rate is the parser's alone.
// Beside it, `read_seconds`: the file read again by guarantor's LineReader, every line found and
// nothing parsed, as `guarantor replay` reads it: the floor under any pipeline that reads the
// file itself.
//
// Usage: simdjson_baseline FILE
#include <simdjson.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string_view>
#include <utility>

#include "base/line_reader.h"

namespace {

// Seconds to read every line of `path` through guarantor's own LineReader (1 MiB reads, lines
// handed out in place), as `guarantor replay` reads it; counts the lines into `lines`. Negative
// when the file cannot be read.
double SecondsToReadLines(const char* path, size_t* lines) {
  const auto start = std::chrono::steady_clock::now();
  const int fd = ::open(path, O_RDONLY);
  if (fd < 0) return -1;
  guarantor::LineReader reader(fd, simdjson::SIMDJSON_PADDING);
  *lines = 0;
  std::string_view line;
  while (reader.Next(&line)) ++*lines;
  ::close(fd);
  if (reader.error()) return -1;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: simdjson_baseline FILE\n");
    return 2;
  }
  namespace od = simdjson::ondemand;
  simdjson::padded_string text;
  if (simdjson::padded_string::load(argv[1]).get(text) != simdjson::SUCCESS) {
    std::fprintf(stderr, "simdjson_baseline: %s: cannot read\n", argv[1]);
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  od::parser parser;
  od::document_stream docs;
  if (parser.iterate_many(text, 1 << 20).get(docs) != simdjson::SUCCESS) return 1;
  size_t records = 0, bytes_of_ids = 0;
  double checksum = 0;
  for (auto doc_result : docs) {
    od::document_reference doc;
    if (std::move(doc_result).get(doc) != simdjson::SUCCESS) return 1;
    od::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS) return 1;
    for (auto field : obj) {
      std::string_view key;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS) return 1;
      od::value v = field.value();
      if (key == "id" || key == "time" || key == "kind" || key == "weapon_class") {
        std::string_view s;
        if (v.get_string().get(s) == simdjson::SUCCESS) bytes_of_ids += s.size();
      } else if (key == "position" || key == "origin") {
        for (auto f : v.get_object()) {
          double d;
          if (f.value().get_double().get(d) == simdjson::SUCCESS) checksum += d;
        }
      } else if (key == "source") {
        for (auto f : v.get_object()) {
          std::string_view s;
          if (f.value().get_string().get(s) == simdjson::SUCCESS) bytes_of_ids += s.size();
        }
      } else if (key == "count" || key == "confidence" || key == "time_uncertainty_s") {
        double d;
        if (v.get_double().get(d) == simdjson::SUCCESS) checksum += d;
      }
    }
    ++records;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  size_t lines = 0;
  const double read_seconds = SecondsToReadLines(argv[1], &lines);
  if (read_seconds < 0) {
    std::fprintf(stderr, "simdjson_baseline: %s: cannot read\n", argv[1]);
    return 1;
  }
  std::printf(
      "{\"records\":%zu,\"seconds\":%.3f,\"records_per_second\":%.0f,\"checksum\":%.3f,"
      "\"string_bytes\":%zu,\"lines\":%zu,\"read_seconds\":%.3f}\n",
      records, seconds, records / seconds, checksum, bytes_of_ids, lines, read_seconds);
  return 0;
}
