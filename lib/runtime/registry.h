// The kernel registry, keyed by (domain, op_type, since_version,
// until_version). Kernels register themselves beside their code with a
// static KernelRegistrar; lookup picks the registration with the newest
// since_version at or below the model's opset for the domain, and refuses it
// when the opset is past its until_version (the op changed in a way that
// kernel does not implement).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/kernel.h"

namespace ptonnx::runtime {

// Highest opset any kernel claims to understand; until_version's default.
inline constexpr int64_t kMaxOpset = 18;

struct KernelEntry {
  int64_t since_version;
  int64_t until_version;
  KernelFn fn;
  // The kernel reads or writes sequences/optionals (Container values); the
  // executor refuses a Container input to every other kernel.
  bool containers = false;
};

class KernelRegistry {
 public:
  static KernelRegistry& instance();

  void add(const std::string& domain, const std::string& op_type, int64_t since, int64_t until, KernelFn fn,
           bool containers = false);
  // nullptr when no kernel covers that opset.
  const KernelEntry* find(const std::string& domain, const std::string& op_type, int64_t opset) const;
  // "Add", "ai.onnx.ml:Scaler", ... with their version ranges, for listings.
  std::vector<std::string> describe() const;

 private:
  std::map<std::pair<std::string, std::string>, std::vector<KernelEntry>> kernels_;
};

// "" and "ai.onnx" are the same domain.
std::string canonical_domain(const std::string& domain);

// Marks a registration whose kernel handles sequence/optional values.
struct TakesContainers {};

struct KernelRegistrar {
  KernelRegistrar(const std::string& domain, const std::string& op_type, int64_t since, int64_t until, KernelFn fn,
                  bool containers = false) {
    KernelRegistry::instance().add(domain, op_type, since, until, std::move(fn), containers);
  }
  KernelRegistrar(const std::string& op_type, int64_t since, KernelFn fn, TakesContainers)
      : KernelRegistrar("", op_type, since, kMaxOpset, std::move(fn), true) {}
  // Default domain, open-ended.
  KernelRegistrar(const std::string& op_type, int64_t since, KernelFn fn)
      : KernelRegistrar("", op_type, since, kMaxOpset, std::move(fn)) {}
};

}  // namespace ptonnx::runtime
