// SPDX-License-Identifier: MIT
// The command line's output (src/cli/io.hpp): pieces written in order with
// writev, a short write resumed where it stopped.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <unistd.h>

#include "cli/io.hpp"

using rung::cli::resume_after;

TEST_CASE("batch output: a short write resumes inside a piece or after it" * doctest::test_suite("io")) {
  const std::vector<std::string_view> pieces{"abc", "", "de", "\n", "fghij"};
  std::size_t next = 0, offset = 0;
  resume_after(pieces, next, offset, 2);  // "ab": inside "abc"
  CHECK((next == 0 && offset == 2));
  resume_after(pieces, next, offset, 1);  // "c": "abc" done, and the empty piece after it
  CHECK((next == 2 && offset == 0));
  resume_after(pieces, next, offset, 4);  // "de", "\n", "f"
  CHECK((next == 4 && offset == 1));
  resume_after(pieces, next, offset, 0);  // nothing written: nothing moves
  CHECK((next == 4 && offset == 1));
  resume_after(pieces, next, offset, 4);  // "ghij": the end
  CHECK((next == 5 && offset == 0));
}

TEST_CASE("batch output: many pieces through a pipe arrive whole and in order" * doctest::test_suite("io")) {
  // 30,000 pieces (past IOV_MAX a call) of 1 to 200 bytes, about 3 MB:
  // more than a pipe holds, so writev blocks and may write short.
  std::vector<std::string> texts;
  std::string expected;
  for (int i = 0; i < 30000; ++i) {
    texts.push_back(std::string(1 + i % 200, static_cast<char>('a' + i % 26)));
    expected += texts.back();
  }
  const std::vector<std::string_view> pieces(texts.begin(), texts.end());
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::string got;
  std::thread reader([&] {
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) got.append(buf, static_cast<std::size_t>(n));
  });
  const bool ok = rung::cli::fd_output(fds[1]).write(pieces);
  ::close(fds[1]);
  reader.join();
  ::close(fds[0]);
  CHECK(ok);
  CHECK(got.size() == expected.size());
  CHECK(got == expected);
}
