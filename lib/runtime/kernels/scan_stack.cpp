#include "runtime/kernels/scan_stack.h"

#include <cstring>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

ScanStack::ScanStack(int64_t axis, bool reverse, int64_t expected)
    : axis_(axis), reverse_(reverse), expected_(expected) {}

void ScanStack::start(const Tensor& first, const KernelContext& ctx) {
  dtype_ = first.dtype();
  elem_shape_ = first.shape();
  at_ = normalize_axis(axis_, first.rank() + 1, "scan output axis");
  if (expected_ >= 0) {
    Shape shape = elem_shape_;
    shape.insert(shape.begin() + at_, expected_);
    out_ = ctx.alloc(dtype_, shape);
  }
}

void ScanStack::place(const Tensor& value, int64_t t, int64_t n, std::byte* dst) const {
  // dst[o, position, r] = value[o, r]: o over the element dims before the
  // axis, r over the rest.
  const size_t outer = static_cast<size_t>(dims_product(elem_shape_, 0, at_));
  const size_t run = value.nbytes() / (outer ? outer : 1);
  if (run == 0) return;
  const auto position = static_cast<size_t>(reverse_ ? n - 1 - t : t);
  for (size_t o = 0; o < outer; ++o)
    std::memcpy(dst + (o * static_cast<size_t>(n) + position) * run, value.raw() + o * run, run);
}

void ScanStack::append(const Tensor& value, size_t index, const KernelContext& ctx) {
  auto what = [index] { return "scan output #" + std::to_string(index); };
  if (count_ == 0) {
    start(value, ctx);
  } else if (value.dtype() != dtype_) {
    throw TypeError(what() + " has dtype " + std::string(dtype_name(value.dtype())) + " at iteration " +
                    std::to_string(count_) + ", " + std::string(dtype_name(dtype_)) + " before");
  } else if (value.shape() != elem_shape_) {
    throw ValidationError(what() + " has shape " + shape_to_string(value.shape()) + " at iteration " +
                          std::to_string(count_) + ", " + shape_to_string(elem_shape_) +
                          " before: a scan output must keep its shape across iterations");
  }
  if (out_) {
    if (count_ >= expected_) throw Error(what() + ": more iterations than announced");
    place(value, count_, expected_, out_->raw());
  } else {
    data_.insert(data_.end(), value.raw(), value.raw() + value.nbytes());
  }
  ++count_;
}

Tensor ScanStack::finish(const ValueSpec& declared, const KernelContext& ctx) {
  if (out_) {
    if (count_ != expected_) throw Error("scan output: fewer iterations than announced");
    Tensor out = std::move(*out_);
    out_.reset();
    return out;
  }
  if (count_ == 0) {
    if (!declared.dtype)
      throw ValidationError("scan output '" + declared.name +
                            "' has no iterations and the subgraph does not declare its element type");
    Shape elem;
    bool fully_static = declared.dims.has_value();
    if (declared.dims)
      for (const auto& d : *declared.dims) {
        if (!d) fully_static = false;
        elem.push_back(d.value_or(0));
      }
    if (!fully_static) return ctx.alloc(*declared.dtype, {0});
    const int64_t at = normalize_axis(axis_, static_cast<int64_t>(elem.size()) + 1, "scan output axis");
    elem.insert(elem.begin() + at, 0);
    return ctx.alloc(*declared.dtype, elem);
  }
  Shape shape = elem_shape_;
  shape.insert(shape.begin() + at_, count_);
  Tensor out = ctx.alloc(dtype_, shape);
  const size_t elem_bytes = data_.size() / static_cast<size_t>(count_);
  if (at_ == 0 && !reverse_) {
    if (!data_.empty()) std::memcpy(out.raw(), data_.data(), data_.size());
  } else {
    // place() reads a Tensor; view each collected value through one.
    Tensor value(dtype_, elem_shape_);
    for (int64_t t = 0; t < count_; ++t) {
      if (elem_bytes) std::memcpy(value.raw(), data_.data() + static_cast<size_t>(t) * elem_bytes, elem_bytes);
      place(value, t, count_, out.raw());
    }
  }
  data_.clear();
  data_.shrink_to_fit();
  count_ = 0;
  return out;
}

}  // namespace ptonnx::runtime::kernels
