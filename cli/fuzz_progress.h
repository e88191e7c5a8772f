// What `ptonnx fuzz` prints while it runs. On a terminal: a live status
// line (cases, cases/s, properties, failures, elapsed) redrawn in place
// with \r about four times a second, with each failure's report printed
// above it. Elsewhere (a pipe, a CI log): plain lines, one per property,
// with no control characters. Quiet (--quiet): only failures' reports and
// the final summary.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace ptonnx::cli::fuzz {

class Progress {
 public:
  enum class Mode { Live, Plain, Quiet };
  Progress(std::ostream& out, Mode mode, int64_t total_properties);

  void add_cases(int64_t n) { cases_ += n; }
  // A property finished; its report is printed (failures always; passes as
  // one line when not live).
  void property_done(bool failed, const std::string& report);
  // Redraws the live line if it is due.
  void tick();
  // Clears the live line and prints the final summary.
  void finish(const std::string& summary);

  int64_t cases() const { return cases_; }
  int64_t failures() const { return failures_; }
  int64_t properties() const { return done_; }
  double elapsed() const;

 private:
  void clear_line();
  void draw();

  std::ostream& out_;
  Mode mode_;
  bool live_;
  int64_t total_;  // 0: open-ended (--seconds)
  int64_t cases_ = 0, failures_ = 0, done_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
  size_t drawn_ = 0;  // width of the live line on screen
};

}  // namespace ptonnx::cli::fuzz
