#include "base/line_reader.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace guarantor {
namespace {

constexpr size_t kChunkBytes = 1 << 20;
// The window of a regular file mapped at a time. Its pages count in the reader's resident memory,
// so it is kept small; it doubles for a line that does not fit in it.
constexpr size_t kWindowBytes = 2 << 20;

}  // namespace

LineReader::LineReader(std::istream& in, size_t padding)
    : in_(&in), padding_(padding), buffer_(kChunkBytes + padding), window_bytes_(kWindowBytes) {}

LineReader::LineReader(int fd, size_t padding)
    : fd_(fd), padding_(padding), window_bytes_(kWindowBytes) {
  struct stat st {};
  const off_t at = ::lseek(fd, 0, SEEK_CUR);
  if (at >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > at) {
    file_end_ = st.st_size;
    next_ = at;
  } else {
    buffer_.resize(kChunkBytes + padding);
  }
}

LineReader::~LineReader() { Unmap(); }

void LineReader::Unmap() {
  if (map_ != nullptr) ::munmap(const_cast<char*>(map_), map_size_);
  map_ = nullptr;
  map_size_ = 0;
}

bool LineReader::MapWindowAt(int64_t offset) {
  if (before_read_) before_read_();
  const int64_t page = ::sysconf(_SC_PAGESIZE);
  const int64_t start = offset - offset % page;
  // The window began at this page already and its first line did not fit: a longer line.
  if (map_ != nullptr && start == map_offset_) window_bytes_ *= 2;
  Unmap();
  map_offset_ = start;
  map_size_ = static_cast<size_t>(
      std::min<int64_t>(static_cast<int64_t>(window_bytes_), file_end_ - map_offset_));
  void* p = ::mmap(nullptr, map_size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd_, map_offset_);
  if (p == MAP_FAILED) {
    map_size_ = 0;
    return false;
  }
  map_ = static_cast<const char*>(p);
  return true;
}

void LineReader::ReadRestFrom(int64_t offset) {
  Unmap();
  file_end_ = -1;
  buffer_.resize(kChunkBytes + padding_);
  begin_ = end_ = 0;
  if (::lseek(fd_, offset, SEEK_SET) < 0) {
    error_ = true;
    eof_ = true;
  }
}

bool LineReader::NextMapped(std::string_view* line) {
  for (;;) {
    const int64_t map_end = map_offset_ + static_cast<int64_t>(map_size_);
    if (map_ != nullptr && next_ < map_end) {
      const char* start = map_ + (next_ - map_offset_);
      const void* newline = std::memchr(start, '\n', static_cast<size_t>(map_end - next_));
      if (newline != nullptr) {
        const auto length = static_cast<size_t>(static_cast<const char*>(newline) - start);
        // In place only with its padding inside the window: the pages past the window, or past
        // the end of the file, may not be readable.
        if (next_ + static_cast<int64_t>(length + padding_) <= map_end) {
          *line = std::string_view(start, length);
          next_ += static_cast<int64_t>(length) + 1;
          return true;
        }
      }
    }
    // The line at next_ does not lie, with its padding, in the window. When the window reaches
    // the end of the file, the rest (the last line and fewer than padding_ bytes) goes through
    // the buffer, which also reads what was appended since; so does all of it if mapping fails.
    if ((map_ != nullptr && map_end >= file_end_) || !MapWindowAt(next_)) {
      ReadRestFrom(next_);
      return false;
    }
  }
}

bool LineReader::Fill() {
  if (before_read_) before_read_();
  // Move the unread tail to the front; grow when one line fills the whole buffer.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const size_t capacity = buffer_.size() - padding_;
  if (end_ == capacity) buffer_.resize(2 * capacity + padding_);
  char* dst = buffer_.data() + end_;
  const size_t room = buffer_.size() - padding_ - end_;
  size_t got = 0;
  if (in_ != nullptr) {
    in_->read(dst, static_cast<std::streamsize>(room));
    got = static_cast<size_t>(in_->gcount());
    if (in_->bad()) error_ = true;
  } else {
    ssize_t n;
    do {
      n = ::read(fd_, dst, room);
    } while (n < 0 && errno == EINTR);
    if (n < 0) error_ = true;
    got = n > 0 ? static_cast<size_t>(n) : 0;
  }
  end_ += got;
  return got > 0;
}

bool LineReader::Next(std::string_view* line) {
  if (file_end_ >= 0 && NextMapped(line)) return true;
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const void* newline = std::memchr(start, '\n', end_ - begin_);
    if (newline != nullptr) {
      const size_t length = static_cast<const char*>(newline) - start;
      *line = std::string_view(start, length);
      begin_ += length + 1;
      return true;
    }
    if (eof_ || !Fill()) {
      eof_ = true;
      if (begin_ == end_) return false;
      *line = std::string_view(buffer_.data() + begin_, end_ - begin_);
      begin_ = end_;
      return true;
    }
  }
}

}  // namespace guarantor
