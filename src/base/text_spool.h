// TextSpool: text appended in order and written back in that order, held in memory up to a
// limit and beyond it in an unnamed temporary file, so that a listing whose length grows with
// the input (rows of a report, rejected records) does not make memory grow with it.
//
//   TextSpool rows;
//   for (...) rows.Append(Row(...));
//   if (!rows.WriteTo(out)) ...;  // everything, in order
//
// When no temporary file can be made, or one stops taking text (a full disk), the text stays in
// memory: nothing appended is dropped. Only a file that cannot be read back loses text, and
// WriteTo then says so.
//
// Thread safety: not thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace guarantor {

class TextSpool {
 public:
  explicit TextSpool(size_t memory_bytes = size_t{1} << 20) : memory_bytes_(memory_bytes) {}

  void Append(std::string_view text);
  bool empty() const { return spilled_bytes_ == 0 && memory_.empty(); }

  // Writes everything appended so far, in order. False, with `out`'s failbit set, when spilled
  // text could not be read back (what could is written). May be called more than once.
  bool WriteTo(std::ostream& out) const;

 private:
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  // Moves the text held in memory to the file, made on first use.
  void Spill();

  size_t memory_bytes_;
  std::unique_ptr<std::FILE, FileCloser> file_;
  bool no_file_ = false;       // none could be made, or the disk filled: memory from here on
  bool lost_ = false;          // spilled text could not be read back
  int64_t spilled_bytes_ = 0;  // the file's first bytes, all good; then `memory_`
  std::string memory_;
};

}  // namespace guarantor
