// RecordSpool: texts appended once and read back by handle, in any order and from any thread,
// kept in an unnamed temporary file behind a small buffer, so that a collection of records that
// grows with its input (the service's incidents and cases) holds a 16-byte handle a record in
// memory rather than the record's text.
//
//   RecordSpool spool(data_dir);
//   const RecordSpool::Handle h = spool.Append(line);
//   Result<std::string> text = spool.Read(h);
//
// The file is made in `directory` on the first flush, unnamed (O_TMPFILE, else made and unlinked
// at once), so it is gone with the spool or the process. When no file can be made, or a write
// fails (a full disk), the texts stay in memory from then on: nothing appended is lost. Reading
// back fails only when the file cannot be read (an I/O error), and says so.
//
// Thread safety: Append from one thread at a time; Read and AppendTo from any number of threads,
// concurrently with Append.
#pragma once

#include <atomic>
#include <cstdint>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace guarantor {

class RecordSpool {
 public:
  // Where one appended text lies in the spool's sequence of bytes.
  struct Handle {
    uint64_t offset = 0;
    uint64_t size = 0;
  };

  // `directory`: where the file is made; empty for the system's temporary directory.
  // `buffer_bytes`: how much text waits in memory before it is written to the file.
  explicit RecordSpool(std::string directory = {}, size_t buffer_bytes = size_t{16} << 10);
  ~RecordSpool();
  RecordSpool(const RecordSpool&) = delete;
  RecordSpool& operator=(const RecordSpool&) = delete;

  Handle Append(std::string_view text);

  // Appends the text of `h` to *out. REQUIRES: `h` was returned by this spool's Append.
  Status AppendTo(Handle h, std::string* out) const;
  Result<std::string> Read(Handle h) const;
  // Appends the texts of `handles`, in their order, with `separator` between them. Records that
  // lie in the file one after another, with little else between, are read in one call: a page
  // of records appended in turn costs a few reads, not one each. On failure *out holds part of
  // the texts. REQUIRES: every handle was returned by this spool's Append.
  Status AppendJoined(std::span<const Handle> handles, std::string_view separator,
                      std::string* out) const;

  // Bytes appended in all, and those of them held in memory (the buffer, or everything appended
  // since the file failed).
  uint64_t size() const;
  size_t memory_bytes() const;

 private:
  // Writes the buffer to the file, made on first use; on failure keeps it, in memory from then
  // on. REQUIRES: mu_ held exclusively.
  void Flush();
  bool OpenFile();
  Status ReadFromFile(Handle h, std::string* out) const;

  const std::string directory_;
  const size_t buffer_bytes_;
  int fd_ = -1;  // set before in_file_ first moves, never changed after
  bool memory_only_ = false;
  // Bytes [0, in_file_) are in the file; the rest, in order, in `tail_`. A text is appended to
  // the tail whole and the tail is written whole, so no text straddles the two.
  std::atomic<uint64_t> in_file_{0};
  mutable std::shared_mutex mu_;  // guards tail_ and the moves of in_file_
  std::string tail_;
};

}  // namespace guarantor
