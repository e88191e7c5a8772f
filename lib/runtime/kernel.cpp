#include "runtime/kernel.h"

#include <limits>

#include "runtime/executor.h"
#include "runtime/subgraph.h"

namespace ptonnx::runtime {

KernelContext::KernelContext(const onnx::NodeProto& node, int64_t opset, std::span<const Tensor* const> inputs,
                             const RuntimeOptions& options, int64_t bytes_available, const Step* step,
                             const Frame* frame)
    : node_(node),
      attrs_(node),
      opset_(opset),
      inputs_(inputs),
      options_(options),
      bytes_available_(bytes_available),
      step_(step),
      frame_(frame) {}

KernelContext::KernelContext(const KernelContext& base, std::vector<const Tensor*> inputs)
    : node_(base.node_),
      attrs_(base.node_),
      opset_(base.opset_),
      own_inputs_(std::move(inputs)),
      options_(base.options_),
      bytes_available_(base.bytes_available()),
      step_(base.step_),
      frame_(base.frame_) {
  inputs_ = own_inputs_;
}

KernelContext KernelContext::with_inputs(std::vector<const Tensor*> inputs) const {
  return KernelContext(*this, std::move(inputs));
}

const Tensor& KernelContext::input(size_t i) const {
  if (!has_input(i)) {
    if (const Container* c = container(i))
      throw TypeError("input #" + std::to_string(i) + " is a " + c->describe() + "; a tensor is required there");
    throw ValidationError("required input #" + std::to_string(i) + " is missing");
  }
  return *inputs_[i];
}

const ContainerPtr& KernelContext::container_ptr(size_t i) const {
  static const ContainerPtr none;
  // Containers live in the frame only (with_inputs() rewrites tensors).
  if (!step_ || !frame_ || i >= step_->inputs.size() || step_->inputs[i] < 0) return none;
  return frame_->boxed[static_cast<size_t>(step_->inputs[i])];
}

void KernelContext::set_output_container(size_t o, ContainerPtr value) {
  if (o >= num_outputs())
    throw ValidationError("output #" + std::to_string(o) + " set, the node has " + std::to_string(num_outputs()));
  if (!value) throw Error("set_output_container: null value (runtime bug)");
  if (value->bytes() > bytes_available())
    throw LimitError("a " + value->describe() + " of " + std::to_string(value->bytes()) + " bytes exceeds the " +
                     std::to_string(bytes_available()) + " bytes left of the total byte limit");
  output_containers_.resize(num_outputs());
  if (output_containers_[o]) container_output_bytes_ -= output_containers_[o]->bytes();
  container_output_bytes_ += value->bytes();
  output_containers_[o] = std::move(value);
}

void KernelContext::check_elements(int64_t numel, DType dtype) const {
  if (numel < 0) throw ValidationError("negative element count " + std::to_string(numel));
  if (numel > options_.max_elements_per_tensor)
    throw LimitError("output of " + std::to_string(numel) + " elements exceeds the limit of " +
                     std::to_string(options_.max_elements_per_tensor) + " elements per tensor");
  const auto elem = static_cast<int64_t>(dtype_size(dtype));
  if (numel > std::numeric_limits<int64_t>::max() / elem)
    throw LimitError("output of " + std::to_string(numel) + " elements overflows a byte count");
  const auto bytes = numel * elem;
  if (bytes > bytes_available())
    throw LimitError("output of " + std::to_string(bytes) + " bytes exceeds the " + std::to_string(bytes_available()) +
                     " bytes left of the total byte limit");
}

Tensor KernelContext::alloc(DType dtype, const Shape& shape) const {
  check_elements(shape_numel(shape), dtype);  // shape_numel throws on overflow or negative dims
  return Tensor(dtype, shape);
}

Tensor KernelContext::alloc_uninitialized(DType dtype, const Shape& shape) const {
  check_elements(shape_numel(shape), dtype);
  return Tensor(dtype, shape, Tensor::Uninitialized{});
}

void KernelContext::charge_scratch(int64_t bytes, const char* what) const {
  if (bytes < 0 || bytes > bytes_available())
    throw LimitError(std::string(what) + " needs " + std::to_string(bytes) + " bytes of working memory, over the " +
                     std::to_string(bytes_available()) + " bytes left of the total byte limit");
  scratch_bytes_ += bytes;
}

void KernelContext::set_bytes_held(int64_t bytes) {
  if (bytes > bytes_available_ - scratch_bytes_)
    throw LimitError("holding " + std::to_string(bytes) + " bytes exceeds the " + std::to_string(bytes_available_) +
                     " bytes left of the total byte limit");
  bytes_held_ = bytes;
}

bool KernelContext::has_subgraph(const std::string& attribute) const {
  if (!step_) return false;
  for (const auto& s : step_->subgraphs)
    if (s.attribute == attribute) return true;
  return false;
}

Subgraph KernelContext::subgraph(const std::string& attribute) const {
  if (step_ && frame_)
    for (const auto& s : step_->subgraphs)
      if (s.attribute == attribute) return Subgraph(*s.plan, *frame_, *this, attribute);
  throw ValidationError("missing required graph attribute '" + attribute + "'");
}

[[noreturn]] void rethrow_with_prefix(const std::string& prefix) {
  try {
    throw;
  } catch (const LimitError& e) {
    throw LimitError(prefix + ": " + e.what());
  } catch (const TypeError& e) {
    throw TypeError(prefix + ": " + e.what());
  } catch (const UnsupportedError& e) {
    throw UnsupportedError(prefix + ": " + e.what());
  } catch (const ValidationError& e) {
    throw ValidationError(prefix + ": " + e.what());
  } catch (const Error& e) {
    throw Error(prefix + ": " + e.what());
  } catch (const std::bad_alloc&) {
    throw LimitError(prefix + ": out of memory");
  } catch (const std::exception& e) {
    throw Error(prefix + ": " + e.what());
  }
}

}  // namespace ptonnx::runtime
