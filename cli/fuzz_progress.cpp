#include "cli/fuzz_progress.h"

#include <cstdio>
#include <sstream>

namespace ptonnx::cli::fuzz {

using Clock = std::chrono::steady_clock;

Progress::Progress(std::ostream& out, Mode mode, int64_t total_properties)
    : out_(out), mode_(mode), live_(mode == Mode::Live), total_(total_properties), start_(Clock::now()), last_draw_(start_) {}

double Progress::elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

void Progress::clear_line() {
  if (!live_ || drawn_ == 0) return;
  out_ << '\r' << std::string(drawn_, ' ') << '\r';
  drawn_ = 0;
}

void Progress::draw() {
  const double secs = elapsed();
  char line[160];
  const std::string props = total_ ? std::to_string(done_) + "/" + std::to_string(total_) : std::to_string(done_);
  std::snprintf(line, sizeof line, "fuzz: %lld cases  %.0f cases/s  %s properties  %lld failing  %.1f s",
                static_cast<long long>(cases_), secs > 0 ? static_cast<double>(cases_) / secs : 0.0, props.c_str(),
                static_cast<long long>(failures_), secs);
  const std::string text = line;
  if (!live_) {
    out_ << text << "\n" << std::flush;
    last_draw_ = Clock::now();
    return;
  }
  out_ << '\r' << text;
  if (text.size() < drawn_) out_ << std::string(drawn_ - text.size(), ' ') << '\r' << text;
  out_ << std::flush;
  drawn_ = text.size();
  last_draw_ = Clock::now();
}

void Progress::property_done(bool failed, const std::string& report) {
  ++done_;
  if (failed) ++failures_;
  if (mode_ == Mode::Quiet) {
    if (failed) out_ << report << std::flush;
  } else if (!live_) {
    out_ << report << std::flush;
    last_draw_ = Clock::now();
  } else if (failed) {
    clear_line();
    out_ << report;
    draw();
  } else {
    tick();
  }
}

// Live: four redraws a second. Plain: a status line when no property has
// finished for ten seconds, so a long property still shows signs of life.
void Progress::tick() {
  if (mode_ == Mode::Quiet) return;
  const auto every = live_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(10000);
  if (Clock::now() - last_draw_ >= every) draw();
}

void Progress::finish(const std::string& summary) {
  clear_line();
  out_ << summary << std::flush;
}

}  // namespace ptonnx::cli::fuzz
