// SPDX-License-Identifier: MIT
// The command line's input and output: files and standard streams read and
// written with the system's calls, so that every failure is seen and its
// reason (strerror) reaches the user, and lines read in bounded memory.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rung::cli {

/// A source of bytes. `read` fills up to `size` bytes and returns the count,
/// 0 at the end, kFailed with errno set, or kWouldBlock when `wait` is false
/// and nothing is there yet.
struct Input {
  static constexpr long kFailed = -1, kWouldBlock = -2;
  std::function<long(char* data, std::size_t size, bool wait)> read;
};

/// A sink: writes all of `pieces`, one after the other, or returns false
/// with errno set.
struct Output {
  std::function<bool(std::span<const std::string_view> pieces)> write;
};

Input fd_input(int fd);
Output fd_output(int fd);

/// Where writing `pieces` resumes after `written` more bytes went out from
/// byte `offset` of `pieces[next]`: both move past them (a piece written
/// whole, empty ones included, is passed).
void resume_after(std::span<const std::string_view> pieces, std::size_t& next, std::size_t& offset,
                  std::size_t written);

/// Occupies a closed standard descriptor (0, 1, 2) with /dev/null opened the
/// wrong way round, so that using it fails with EBADF as it would closed,
/// and no file opened later takes its number.
void guard_standard_descriptors();

/// Reads a whole file ("-": standard input) into `out`; 0 or an errno.
int read_file(const std::string& path, std::string& out);

/// Opens a file for reading ("-": standard input, 0); -1 with errno set.
int open_input(const std::string& path);

/// Writes all of `text` to standard output; 0 or an errno.
int write_stdout(std::string_view text);

/// "standard input" for "-", else the path.
std::string name_of(const std::string& path);

/// Splits an input into lines, never holding more than `max + 1` bytes of
/// one (the extra byte is a final "\r"): a longer line is only measured.
class LineReader {
 public:
  enum class Status { line, too_long, would_block, end, failed };

  LineReader(const Input& in, std::size_t max, const std::atomic<bool>* stop = nullptr)
      : in_(in), max_(max), stop_(stop), buf_(std::size_t{1} << 17) {}

  /// The next line, without its "\n" and a final "\r", swapped into `line`;
  /// for `too_long`, `size` is the line's length without them. `wait`
  /// false: `would_block` rather than waiting for input not there yet.
  /// `failed` leaves errno set. A blank line over `max` is a `line` (empty).
  Status next(std::string& line, std::size_t& size, bool wait = true);

 private:
  long refill(bool wait);
  void take(const char* data, std::size_t n);
  Status finish(std::string& line, std::size_t& size);

  const Input& in_;
  const std::size_t max_;
  const std::atomic<bool>* stop_;  // when set, a read interrupted by a signal ends the input
  std::vector<char> buf_;  // 128 KiB: what a read brings is still in the core's cache when lines are copied out
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  std::string cur_;         // the line so far, while it is within the limit
  std::size_t length_ = 0;  // the line's length so far
  bool nonblank_ = false;   // the line has more than spaces, tabs and "\r"
  char last_ = 0;
};

/// Strings that grew past this give their memory back once used: a buffer
/// that once held a 16 MiB line must not keep 16 MiB for the rest of a run.
inline void trim_capacity(std::string& s) {
  if (s.capacity() > 64 * 1024) std::string().swap(s);
  else s.clear();
}

}  // namespace rung::cli
