#include "cli/fuzz_pool.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/error.h"

namespace ptonnx::cli::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

nlohmann::json result_to_json(const harness::PropertyResult& r) {
  return {{"record", r.record.to_json()}, {"ok", r.ok}, {"report", r.report}, {"cases_run", r.cases_run}};
}

harness::PropertyResult result_from_json(const nlohmann::json& j) {
  harness::PropertyResult r;
  r.record = harness::ResultRecord::from_json(j.at("record"));
  r.ok = j.value("ok", false);
  r.report = j.value("report", "");
  r.cases_run = j.value("cases_run", int64_t{0});
  return r;
}

harness::ResultRecord base_record(const Task& t) {
  harness::ResultRecord rec;
  rec.kind = t.op.empty() ? "graph" : "op";
  rec.suite = "fuzz";
  rec.op = t.op;
  rec.dtype = t.dtype;
  rec.tier = t.tier;
  rec.opset = t.opset;
  rec.seed = t.seed;
  return rec;
}

// A generator or harness exception is reported as an "error" property, as
// the harness itself reports one it catches.
harness::PropertyResult run_task_safely(const Task& t, const PoolSettings& s, std::function<void()> on_case) {
  try {
    return run_task(t, s.bundle_root, s.program, std::move(on_case));
  } catch (const std::exception& e) {
    harness::PropertyResult r;
    r.record = base_record(t);
    r.record.status = "error";
    r.record.failure = std::string("the property threw: ") + e.what();
    r.report = "ERROR " + t.what() + " (seed " + std::to_string(t.seed) + "): " + r.record.failure + "\n";
    return r;
  }
}

void write_all(int fd, const std::string& s) {
  size_t done = 0;
  while (done < s.size()) {
    const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);  // the parent is gone: nobody to report to
    done += static_cast<size_t>(n);
  }
}

// The child: runs the property, sends a "C 1" line per case (so a crash
// report knows how many cases ran before it) and one final "R <json>"
// line, and leaves without running the parent's atexit handlers or
// flushing its copied stdio buffers.
[[noreturn]] void child_main(int fd, const Task& t, const PoolSettings& s) {
  const harness::PropertyResult r = run_task_safely(t, s, [fd] { write_all(fd, "C 1\n"); });
  write_all(fd, "R " + result_to_json(r).dump() + "\n");
  ::close(fd);
  _exit(0);
}

struct Child {
  pid_t pid = -1;
  int fd = -1;
  size_t index = 0;
  Task task;
  Clock::time_point start;
  std::string buffer;
  std::optional<harness::PropertyResult> result;
  int64_t cases = 0;
  bool finished = false;
};

Child spawn(const Task& t, size_t index, const PoolSettings& s) {
  int fds[2];
  if (::pipe(fds) != 0) throw Error(std::string("fuzz: pipe() failed: ") + std::strerror(errno));
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw Error(std::string("fuzz: fork() failed: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    child_main(fds[1], t, s);
  }
  ::close(fds[1]);
  Child c;
  c.pid = pid;
  c.fd = fds[0];
  c.index = index;
  c.task = t;
  c.start = Clock::now();
  return c;
}

// Consumes the complete lines in the child's buffer.
void parse_lines(Child& c, const PoolCallbacks& cb) {
  size_t nl;
  while ((nl = c.buffer.find('\n')) != std::string::npos) {
    const std::string line = c.buffer.substr(0, nl);
    c.buffer.erase(0, nl + 1);
    if (line.rfind("C ", 0) == 0) {
      const int64_t n = std::stoll(line.substr(2));
      c.cases += n;
      if (cb.progress) cb.progress(n);
    } else if (line.rfind("R ", 0) == 0) {
      c.result = result_from_json(nlohmann::json::parse(line.substr(2)));
    }
  }
}

std::string signal_text(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return "signal " + std::to_string(sig) + " (SIG" + (abbrev ? abbrev : "?") + ": " + strsignal(sig) + ")";
}

// Reaps a child whose pipe closed and reports what it did.
void finish(Child& c, const PoolSettings& s, const PoolCallbacks& cb) {
  int status = 0;
  while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::close(c.fd);
  c.finished = true;
  if (c.result) {
    cb.done(c.index, c.task, *c.result);
    return;
  }
  const std::string cause =
      WIFSIGNALED(status)
          ? "the property's process was killed by " + signal_text(WTERMSIG(status))
          : "the property's process exited with code " + std::to_string(WEXITSTATUS(status)) + " without a result";
  cb.done(c.index, c.task, crash_result(c.task, s, "crash", cause, c.cases));
}

void kill_on_timeout(Child& c, const PoolSettings& s, const PoolCallbacks& cb) {
  const double secs = std::chrono::duration<double>(Clock::now() - c.start).count();
  if (s.timeout <= 0 || secs < s.timeout) return;
  ::kill(c.pid, SIGKILL);
  int status = 0;
  while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::close(c.fd);
  c.finished = true;
  std::ostringstream cause;
  cause << "no result after " << s.timeout << " s (--timeout): the property hung or is far too slow; killed";
  cb.done(c.index, c.task, crash_result(c.task, s, "timeout", cause.str(), c.cases));
}

void service(std::vector<Child>& running, const PoolSettings& s, const PoolCallbacks& cb) {
  std::vector<pollfd> fds;
  for (const Child& c : running) fds.push_back({c.fd, POLLIN, 0});
  const int ready = ::poll(fds.data(), fds.size(), 100);
  if (ready < 0 && errno != EINTR) throw Error(std::string("fuzz: poll() failed: ") + std::strerror(errno));
  for (size_t i = 0; i < running.size(); ++i) {
    Child& c = running[i];
    if (ready > 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
      char buf[65536];
      const ssize_t n = ::read(c.fd, buf, sizeof buf);
      if (n > 0) {
        c.buffer.append(buf, static_cast<size_t>(n));
        parse_lines(c, cb);
      } else if (n == 0 || errno != EINTR) {
        finish(c, s, cb);
        continue;
      }
    }
    kill_on_timeout(c, s, cb);
  }
  running.erase(std::remove_if(running.begin(), running.end(), [](const Child& c) { return c.finished; }),
                running.end());
}

void run_forked(const PoolSettings& s, const PoolCallbacks& cb) {
  std::vector<Child> running;
  size_t index = 0;
  bool exhausted = false;
  for (;;) {
    while (!exhausted && static_cast<int>(running.size()) < s.jobs) {
      std::optional<Task> t = cb.next();
      if (!t)
        exhausted = true;
      else
        running.push_back(spawn(*t, index++, s));
    }
    if (running.empty()) return;
    service(running, s, cb);
    if (cb.tick) cb.tick();
  }
}

}  // namespace

harness::PropertyResult crash_result(const Task& t, const PoolSettings& s, const std::string& status,
                                     const std::string& cause, int64_t cases_before) {
  harness::PropertyResult r;
  r.record = base_record(t);
  r.record.status = status;
  r.record.cases = static_cast<int>(cases_before);
  r.cases_run = cases_before;
  const std::string command = t.command(s.program);
  const std::string dir = s.bundle_root + "/" + t.bundle_name();
  std::filesystem::create_directories(dir);
  const std::string when = " during case " + std::to_string(cases_before + 1) + " (after " +
                           std::to_string(cases_before) + " passed or discarded)";
  const std::string summary = t.what() + ": " + cause + when;
  const nlohmann::json meta = {{"kind", "crash"},
                               {"status", status},
                               {"summary", summary},
                               {"cause", cause},
                               {"op", t.op},
                               {"dtype", t.dtype},
                               {"opset", t.opset},
                               {"tier", t.tier},
                               {"seed", t.seed},
                               {"cases", t.cases},
                               {"adversarial", t.adversarial},
                               {"backend", t.backend},
                               {"command", command},
                               {"timeout", s.timeout},
                               {"replay", s.program + " replay " + dir}};
  std::ofstream(dir + "/case.json") << meta.dump(1) << "\n";
  std::ofstream(dir + "/README.md")
      << "# Crash bundle\n\n"
      << summary << "\n\nThe process running the property died, so the failing case "
      << "itself could not be saved: regenerate it from the seed.\n\nRegenerate: `" << command
      << "`\n\nReplay (runs the property again in a child process): `" << s.program << " replay " << dir
      << "`\n\nDebug: without --isolate and with --jobs 1 the property runs in the fuzzer's own process, so\n\n"
      << "    gdb -ex run --args " << command << "\n\nstops at the fault (`bt` shows the converter or kernel).\n";
  r.record.bundle = dir;
  r.record.failure = cause + when;
  r.report = (status == "crash" ? "CRASH " : "TIMEOUT ") + t.what() + " (seed " + std::to_string(t.seed) +
             "): " + r.record.failure + "\nbundle: " + dir + "\nreplay: " + s.program + " replay " + dir +
             "\nregenerate: " + command + "\ndebug: gdb -ex run --args " + command + "\n";
  return r;
}

void run_pool(const PoolSettings& s, const PoolCallbacks& cb) {
  if (s.fork_children) return run_forked(s, cb);
  size_t index = 0;
  while (std::optional<Task> t = cb.next()) {
    auto on_case = [&] {
      if (cb.progress) cb.progress(1);
      if (cb.tick) cb.tick();
    };
    cb.done(index++, *t, run_task_safely(*t, s, on_case));
    if (cb.tick) cb.tick();
  }
}

harness::PropertyResult run_isolated(const Task& task, const PoolSettings& settings) {
  PoolSettings s = settings;
  s.fork_children = true;
  s.jobs = 1;
  bool given = false;
  harness::PropertyResult out;
  PoolCallbacks cb;
  cb.next = [&]() -> std::optional<Task> {
    if (given) return std::nullopt;
    given = true;
    return task;
  };
  cb.done = [&](size_t, const Task&, harness::PropertyResult r) { out = std::move(r); };
  run_pool(s, cb);
  return out;
}

}  // namespace ptonnx::cli::fuzz
