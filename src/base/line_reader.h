// LineReader: the lines of a byte stream, read in large chunks and handed out in place, each with
// a guaranteed number of readable bytes after it (for parsers such as simdjson that read past
// the end of their input).
//
//   LineReader lines(fd, 64);  // or LineReader(std::istream&, 64)
//   std::string_view line;
//   while (lines.Next(&line)) Parse(line, line.size() + 64);
//
// From a file descriptor, a read returns what is available, so a pipe's lines are handed out as
// soon as they arrive (streaming latency), not when a chunk fills. A regular file is read in
// place instead: a window of it is mapped at a time (kWindowBytes), and its lines are handed out
// from the page cache without a copy (the kernel's copy into a buffer took a tenth of a replay's
// time). The file must not be truncated while it is read: the pages gone would fault (SIGBUS);
// a file that grows is read to its size at the end. A trailing '\r' is kept (the caller
// decides); a last line without '\n' is returned. A line stays valid until the next call.
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
  // Reads from `fd`, from its current offset; the caller owns it and keeps it open.
  LineReader(int fd, size_t padding);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

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
  // The next line of the mapped file, as Next; ends mapped reading (file_end_ = -1) when the
  // file's last bytes are better copied to the buffer, or a mapping fails.
  bool NextMapped(std::string_view* line);
  // Maps the window of the file from the page that holds `offset`; false when mapping fails.
  bool MapWindowAt(int64_t offset);
  void Unmap();
  // Leaves mapped reading: the rest of the file, from `offset`, is read through the buffer.
  void ReadRestFrom(int64_t offset);

  std::function<void()> before_read_;
  std::istream* in_ = nullptr;
  int fd_ = -1;
  size_t padding_;
  std::vector<char> buffer_;  // [begin_, end_) unread; padding_ readable bytes past capacity
  size_t begin_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool error_ = false;
  // Mapped reading (a regular file), while file_end_ >= 0: [map_, map_ + map_size_) holds the
  // file's bytes from map_offset_; the next line starts at file offset next_.
  int64_t file_end_ = -1;
  int64_t next_ = 0;
  const char* map_ = nullptr;
  size_t map_size_ = 0;
  int64_t map_offset_ = 0;
  size_t window_bytes_;
};

}  // namespace guarantor
