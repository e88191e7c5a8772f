#include "runtime/registry.h"

#include <algorithm>

namespace ptonnx::runtime {

std::string canonical_domain(const std::string& domain) { return domain == "ai.onnx" ? "" : domain; }

KernelRegistry& KernelRegistry::instance() {
  // Function-local so that registrars in other translation units can run in
  // any order during static initialisation.
  static KernelRegistry registry;
  return registry;
}

void KernelRegistry::add(const std::string& domain, const std::string& op_type, int64_t since, int64_t until,
                         KernelFn fn, bool containers) {
  auto& list = kernels_[{canonical_domain(domain), op_type}];
  list.push_back({since, until, std::move(fn), containers});
  std::sort(list.begin(), list.end(),
            [](const KernelEntry& a, const KernelEntry& b) { return a.since_version < b.since_version; });
}

const KernelEntry* KernelRegistry::find(const std::string& domain, const std::string& op_type,
                                        int64_t opset) const {
  auto it = kernels_.find({canonical_domain(domain), op_type});
  if (it == kernels_.end()) return nullptr;
  const KernelEntry* best = nullptr;
  for (const auto& e : it->second)
    if (e.since_version <= opset) best = &e;
  if (!best || opset > best->until_version) return nullptr;
  return best;
}

std::vector<std::string> KernelRegistry::describe() const {
  std::vector<std::string> out;
  for (const auto& [key, list] : kernels_)
    for (const auto& e : list)
      out.push_back((key.first.empty() ? "" : key.first + ":") + key.second + " [" +
                    std::to_string(e.since_version) + "," + std::to_string(e.until_version) + "]");
  return out;
}

}  // namespace ptonnx::runtime
