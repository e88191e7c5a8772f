#include "runtime/kernels/scan_stack.h"

#include <cstring>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

void ScanStack::append(const Tensor& value, size_t index) {
  auto what = [index] { return "scan output #" + std::to_string(index); };
  if (count_ == 0) {
    dtype_ = value.dtype();
    elem_shape_ = value.shape();
  } else if (value.dtype() != dtype_) {
    throw TypeError(what() + " has dtype " + std::string(dtype_name(value.dtype())) + " at iteration " +
                    std::to_string(count_) + ", " + std::string(dtype_name(dtype_)) + " before");
  } else if (value.shape() != elem_shape_) {
    throw ValidationError(what() + " has shape " + shape_to_string(value.shape()) + " at iteration " +
                          std::to_string(count_) + ", " + shape_to_string(elem_shape_) +
                          " before: a scan output must keep its shape across iterations");
  }
  data_.insert(data_.end(), value.raw(), value.raw() + value.nbytes());
  ++count_;
}

void ScanStack::reserve(int64_t count) {
  if (count_ == 0 || count <= count_) return;
  const auto per_iteration = static_cast<size_t>(data_.size() / static_cast<size_t>(count_));
  data_.reserve(per_iteration * static_cast<size_t>(count));
}

Tensor ScanStack::finish(int64_t axis, bool reverse, const ValueSpec& declared, const KernelContext& ctx) {
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
    const int64_t at = normalize_axis(axis, static_cast<int64_t>(elem.size()) + 1, "scan output axis");
    elem.insert(elem.begin() + at, 0);
    return ctx.alloc(*declared.dtype, elem);
  }
  const auto rank = static_cast<int64_t>(elem_shape_.size());
  const int64_t at = normalize_axis(axis, rank + 1, "scan output axis");
  Shape shape = elem_shape_;
  shape.insert(shape.begin() + at, count_);
  Tensor out = ctx.alloc(dtype_, shape);
  // out[o, position(t), r] = value_t[o, r]: o over the dims before the
  // axis, r over the rest of the element.
  const size_t esize = dtype_size(dtype_);
  const auto outer = static_cast<size_t>(dims_product(elem_shape_, 0, at));
  const size_t run = static_cast<size_t>(dims_product(elem_shape_, at, rank)) * esize;
  const size_t elem_bytes = outer * run;
  if (at == 0 && !reverse) {
    if (!data_.empty()) std::memcpy(out.raw(), data_.data(), data_.size());
  } else if (run > 0) {
    const auto n = static_cast<size_t>(count_);
    for (size_t t = 0; t < n; ++t) {
      const size_t position = reverse ? n - 1 - t : t;
      for (size_t o = 0; o < outer; ++o)
        std::memcpy(out.raw() + (o * n + position) * run, data_.data() + t * elem_bytes + o * run, run);
    }
  }
  data_.clear();
  data_.shrink_to_fit();
  count_ = 0;
  return out;
}

}  // namespace ptonnx::runtime::kernels
