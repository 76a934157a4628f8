#include "base/text_spool.h"

#include <algorithm>
#include <vector>

namespace guarantor {

void TextSpool::Append(std::string_view text) {
  memory_.append(text);
  if (memory_.size() >= memory_bytes_ && !no_file_) Spill();
}

void TextSpool::Spill() {
  if (!file_) {
    file_.reset(std::tmpfile());
    if (!file_) {
      no_file_ = true;
      return;
    }
  }
  std::FILE* f = file_.get();
  if (std::fwrite(memory_.data(), 1, memory_.size(), f) == memory_.size() && std::fflush(f) == 0) {
    spilled_bytes_ += static_cast<int64_t>(memory_.size());
    memory_.clear();
    return;
  }
  // The disk is full: take back what the file holds and keep everything in memory from here on.
  std::string spilled(static_cast<size_t>(spilled_bytes_), '\0');
  if (std::fseek(f, 0, SEEK_SET) != 0 ||
      std::fread(spilled.data(), 1, spilled.size(), f) != spilled.size()) {
    lost_ = true;
  }
  file_.reset();
  no_file_ = true;
  spilled_bytes_ = 0;
  memory_.insert(0, spilled);
}

bool TextSpool::WriteTo(std::ostream& out) const {
  bool complete = !lost_;
  if (spilled_bytes_ > 0) {
    std::FILE* f = file_.get();
    std::vector<char> chunk(size_t{1} << 16);
    int64_t left = spilled_bytes_;
    if (std::fseek(f, 0, SEEK_SET) != 0) {
      left = 0;
      complete = false;
    }
    while (left > 0) {
      const size_t want = static_cast<size_t>(std::min<int64_t>(left, chunk.size()));
      const size_t got = std::fread(chunk.data(), 1, want, f);
      out.write(chunk.data(), static_cast<std::streamsize>(got));
      if (got != want) {
        complete = false;
        break;
      }
      left -= static_cast<int64_t>(got);
    }
  }
  out << memory_;
  if (!complete) out.setstate(std::ios::failbit);
  return complete;
}

}  // namespace guarantor
