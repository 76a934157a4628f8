// LineReader: the lines of a byte stream, read in large chunks and handed out in place, each with
// a guaranteed number of readable bytes after it (for parsers such as simdjson that read past
// the end of their input).
//
//   LineReader lines(fd, 64);  // or LineReader(std::istream&, 64)
//   std::string_view line;
//   while (lines.Next(&line)) Parse(line, line.size() + 64);
//
// From a file descriptor, a read returns what is available, so a pipe's lines are handed out as
// soon as they arrive (streaming latency), not when a chunk fills. A trailing '\r' is kept (the
// caller decides); a last line without '\n' is returned. A line stays valid until the next call.
//
// Thread safety: not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <string_view>
#include <vector>

namespace guarantor {

class LineReader {
 public:
  // REQUIRES: `in` outlives the reader.
  LineReader(std::istream& in, size_t padding);
  // Reads from `fd`, which the caller owns and keeps open.
  LineReader(int fd, size_t padding);

  // The next line, without its '\n'; false at the end of the input or on a read error (error()).
  bool Next(std::string_view* line);
  bool error() const { return error_; }
  // Called before each read from the source, that is whenever every line read so far has been
  // handed out: the moment to flush output that answers them (streaming latency) without
  // flushing after every line.
  void SetBeforeRead(std::function<void()> before_read) { before_read_ = std::move(before_read); }

 private:
  // Appends what the source has to the buffer; false at the end of the input.
  bool Fill();

  std::function<void()> before_read_;
  std::istream* in_ = nullptr;
  int fd_ = -1;
  size_t padding_;
  std::vector<char> buffer_;  // [begin_, end_) unread; padding_ readable bytes past capacity
  size_t begin_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool error_ = false;
};

}  // namespace guarantor
