#include "base/line_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace guarantor {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

}  // namespace

LineReader::LineReader(std::istream& in, size_t padding)
    : in_(&in), padding_(padding), buffer_(kChunkBytes + padding) {}

LineReader::LineReader(int fd, size_t padding)
    : fd_(fd), padding_(padding), buffer_(kChunkBytes + padding) {}

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
