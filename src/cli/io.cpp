// SPDX-License-Identifier: MIT
#include "cli/io.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <climits>
#include <poll.h>
#include <sys/uio.h>
#include <unistd.h>

namespace rung::cli {

Input fd_input(int fd) {
  return {[fd](char* data, std::size_t size, bool wait) -> long {
    if (!wait) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 0) == 0) return Input::kWouldBlock;
      // A closed descriptor polls as ready too: read() then says why.
    }
    const ssize_t n = ::read(fd, data, size);
    return n < 0 ? Input::kFailed : static_cast<long>(n);
  }};
}

Output fd_output(int fd) {
  // writev of up to IOV_MAX pieces at a time, resumed where a short write
  // stopped (inside a piece or between two).
  return {[fd](std::span<const std::string_view> pieces) {
    std::vector<iovec> io;
    io.reserve(std::min<std::size_t>(pieces.size(), IOV_MAX));
    std::size_t next = 0, offset = 0;  // the first byte not yet written: pieces[next], at offset
    while (next < pieces.size()) {
      io.clear();
      for (std::size_t i = next; i < pieces.size() && io.size() < IOV_MAX; ++i) {
        const std::size_t skip = i == next ? offset : 0;
        if (pieces[i].size() > skip)
          io.push_back({const_cast<char*>(pieces[i].data() + skip), pieces[i].size() - skip});
      }
      if (io.empty()) break;
      const ssize_t n = ::writev(fd, io.data(), static_cast<int>(io.size()));
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      resume_after(pieces, next, offset, static_cast<std::size_t>(n));
    }
    return true;
  }};
}

void resume_after(std::span<const std::string_view> pieces, std::size_t& next, std::size_t& offset,
                  std::size_t written) {
  while (next < pieces.size() && written >= pieces[next].size() - offset) {
    written -= pieces[next].size() - offset;
    ++next;
    offset = 0;
  }
  offset += written;
}

void guard_standard_descriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    // Reads of standard input and writes of the others must fail.
    const int got = ::open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
    if (got >= 0 && got != fd) ::close(got);  // lower ones are taken: it landed on `fd` or nowhere useful
  }
}

int open_input(const std::string& path) {
  if (path == "-") return 0;
  return ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
}

int read_file(const std::string& path, std::string& out) {
  const int fd = open_input(path);
  if (fd < 0) return errno;
  char buf[1 << 16];
  int err = 0;
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno;
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  if (fd != 0) ::close(fd);
  return err;
}

int write_stdout(std::string_view text) {
  return fd_output(1).write(std::span<const std::string_view>(&text, 1)) ? 0 : errno;
}

std::string name_of(const std::string& path) { return path == "-" ? "standard input" : path; }

LineReader::Status LineReader::next(std::string& line, std::size_t& size, bool wait) {
  while (true) {
    if (begin_ < end_) {
      const char* from = buf_.data() + begin_;
      const auto* nl = static_cast<const char*>(std::memchr(from, '\n', end_ - begin_));
      const std::size_t n = nl ? static_cast<std::size_t>(nl - from) : end_ - begin_;
      take(from, n);
      begin_ += n + (nl ? 1 : 0);
      if (nl) return finish(line, size);
      continue;
    }
    if (eof_) return length_ > 0 ? finish(line, size) : Status::end;
    const long n = refill(wait);
    // A stop signal ends the input here, whatever the read brought: the
    // signal may come with the end of the input, and half a line then is
    // not a line.
    if (stop_ && stop_->load()) return Status::end;
    if (n == Input::kWouldBlock) return Status::would_block;
    if (n == Input::kFailed) {
      if (errno != EINTR) return Status::failed;
      continue;
    }
    if (n == 0) eof_ = true;
  }
}

long LineReader::refill(bool wait) {
  begin_ = end_ = 0;
  const long n = in_.read(buf_.data(), buf_.size(), wait);
  if (n > 0) end_ = static_cast<std::size_t>(n);
  return n;
}

void LineReader::take(const char* data, std::size_t n) {
  if (n == 0) return;
  length_ += n;
  if (!nonblank_) nonblank_ = !std::all_of(data, data + n, [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
  last_ = data[n - 1];
  if (length_ <= max_ + 1) {
    // Past 1 MiB, one reservation up to the limit: its pages are touched
    // only as the line fills them, and a long line is never copied again
    // half read (doubling held the old and the new buffer at once).
    if (cur_.size() + n > cur_.capacity() && length_ > (std::size_t{1} << 20)) cur_.reserve(max_ + 1);
    cur_.append(data, n);
  }
  else if (!cur_.empty()) trim_capacity(cur_);  // over the limit: only its length counts now
}

LineReader::Status LineReader::finish(std::string& line, std::size_t& size) {
  size = length_ - (length_ && last_ == '\r' ? 1 : 0);
  const bool too_long = size > max_ && nonblank_;
  if (too_long) {
    line.clear();
  } else {
    if (length_ <= max_ + 1 && last_ == '\r') cur_.pop_back();
    cur_.swap(line);
  }
  trim_capacity(cur_);
  length_ = 0;
  nonblank_ = false;
  last_ = 0;
  return too_long ? Status::too_long : Status::line;
}

}  // namespace rung::cli
