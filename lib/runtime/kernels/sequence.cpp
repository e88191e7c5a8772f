// The sequence ops (opset 11; their later versions only widened the
// element types): SequenceEmpty, SequenceConstruct, SequenceInsert,
// SequenceAt, SequenceErase, SequenceLength, SplitToSequence and
// ConcatFromSequence. A sequence is a shared, immutable Container
// (runtime/container.h): Insert and Erase build a new one.
//
// Spec points (docs/Operators.md):
// - Every tensor of a sequence has the sequence's element type; Insert of
//   another type is an error.
// - Positions are int32/int64 scalars, negative ones counting from the
//   back: At and Erase accept [-n, n-1], Insert [-n, n]; Insert without a
//   position appends, Erase without one removes the last tensor.
// - SplitToSequence without `split` cuts the axis into length-1 pieces
//   (squeezed away when keepdims = 0); a scalar `split` cuts equal pieces
//   with a shorter last one; a 1-D `split` gives the lengths (summing to
//   the axis' length). keepdims applies only without `split`.
// - ConcatFromSequence concatenates along `axis` (required), or stacks
//   along a new axis when new_axis = 1 (axis then in [-r-1, r]).
#include <cstring>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {
namespace {

const Container& sequence_input(const KernelContext& ctx, size_t i, const char* what) {
  const Container* c = ctx.container(i);
  if (!c || !c->is_sequence()) {
    if (c) throw TypeError(std::string(what) + " is a " + c->describe() + "; a sequence is required");
    if (ctx.has_input(i)) throw TypeError(std::string(what) + " is a tensor; a sequence is required");
    throw ValidationError(std::string(what) + " is missing");
  }
  return *c;
}

// Refuses a sequence of more tensors or bytes than the limits allow, before
// it is built. `bytes`: its tensors' elements (the per-tensor overhead is
// added here).
void check_sequence_size(const KernelContext& ctx, size_t count, int64_t bytes) {
  if (static_cast<int64_t>(count) > ctx.options().max_elements_per_tensor)
    throw LimitError("a sequence of " + std::to_string(count) + " tensors exceeds the limit of " +
                     std::to_string(ctx.options().max_elements_per_tensor));
  bytes += static_cast<int64_t>(count) * Container::kItemOverhead;
  if (bytes > ctx.bytes_available())
    throw LimitError("a sequence of " + std::to_string(bytes) + " bytes exceeds the " +
                     std::to_string(ctx.bytes_available()) + " bytes left of the total byte limit");
}

// The bytes of a sequence's elements (Container::bytes() without the
// per-tensor overhead).
int64_t element_bytes(const Container& c) {
  int64_t n = 0;
  for (const Tensor& t : c.items) n += static_cast<int64_t>(t.nbytes());
  return n;
}

void require_elem(const Container& seq, const Tensor& t, const char* what) {
  const std::optional<DType> elem = seq.element_type();
  if (elem && t.dtype() != *elem)
    throw TypeError(std::string(what) + " " + t.describe() + " does not match the sequence's element type " +
                    std::string(dtype_name(*elem)));
}

// Position input i (an int32/int64 scalar) normalised into [0, n + extra);
// `fallback` when the input is absent.
int64_t position(const KernelContext& ctx, size_t i, int64_t n, int64_t extra, int64_t fallback) {
  if (!ctx.has_input(i)) return fallback;
  const Tensor& p = ctx.input(i);
  require_dtype(p.dtype() == DType::Int32 || p.dtype() == DType::Int64, p, "position", "int32, int64");
  const int64_t v = scalar_as_int64(p, "position");
  if (v < -n || v >= n + extra)
    throw ValidationError("position " + std::to_string(v) + " is out of range [" + std::to_string(-n) + ", " +
                          std::to_string(n + extra - 1) + "] for a sequence of " + std::to_string(n) + " tensors");
  return v < 0 ? v + n : v;
}

std::vector<Tensor> output_sequence(KernelContext& ctx, std::vector<Tensor> items, std::optional<DType> elem) {
  ctx.set_output_container(0, make_sequence(std::move(items), elem));
  return std::vector<Tensor>(1);
}

std::vector<Tensor> sequence_empty(KernelContext& ctx) {
  const int64_t code = ctx.attrs().get_int("dtype", onnx::TensorProto::FLOAT);
  const auto dt = dtype_from_onnx(static_cast<int32_t>(code));
  if (!dt) throw UnsupportedError("dtype " + std::to_string(code) + " is not a tensor element type the runtime holds");
  return output_sequence(ctx, {}, *dt);
}

std::vector<Tensor> sequence_construct(KernelContext& ctx) {
  if (ctx.num_inputs() == 0) throw ValidationError("SequenceConstruct takes at least one tensor");
  int64_t bytes = 0;
  for (size_t i = 0; i < ctx.num_inputs(); ++i) {
    const Tensor& t = ctx.input(i);
    if (t.dtype() != ctx.input(0).dtype())
      throw TypeError("input #" + std::to_string(i) + " " + t.describe() + " differs from input #0's element type " +
                      std::string(dtype_name(ctx.input(0).dtype())));
    bytes += static_cast<int64_t>(t.nbytes());
  }
  check_sequence_size(ctx, ctx.num_inputs(), bytes);
  std::vector<Tensor> items;
  items.reserve(ctx.num_inputs());
  for (size_t i = 0; i < ctx.num_inputs(); ++i) items.push_back(ctx.input(i));
  return output_sequence(ctx, std::move(items), ctx.input(0).dtype());
}

std::vector<Tensor> sequence_insert(KernelContext& ctx) {
  const Container& seq = sequence_input(ctx, 0, "input_sequence");
  const Tensor& t = ctx.input(1);
  require_elem(seq, t, "tensor");
  const auto n = static_cast<int64_t>(seq.items.size());
  const int64_t at = position(ctx, 2, n, 1, n);
  check_sequence_size(ctx, seq.items.size() + 1, element_bytes(seq) + static_cast<int64_t>(t.nbytes()));
  std::vector<Tensor> items;
  items.reserve(seq.items.size() + 1);
  items.insert(items.end(), seq.items.begin(), seq.items.begin() + at);
  items.push_back(t);
  items.insert(items.end(), seq.items.begin() + at, seq.items.end());
  return output_sequence(ctx, std::move(items), t.dtype());
}

std::vector<Tensor> sequence_at(KernelContext& ctx) {
  const Container& seq = sequence_input(ctx, 0, "input_sequence");
  if (!ctx.has_input(1)) throw ValidationError("position is required");
  const int64_t at = position(ctx, 1, static_cast<int64_t>(seq.items.size()), 0, 0);
  const Tensor& t = seq.items[static_cast<size_t>(at)];
  ctx.check_elements(t.numel(), t.dtype());
  return one_output(t);
}

std::vector<Tensor> sequence_erase(KernelContext& ctx) {
  const Container& seq = sequence_input(ctx, 0, "input_sequence");
  const auto n = static_cast<int64_t>(seq.items.size());
  if (n == 0) throw ValidationError("cannot erase from an empty sequence");
  const int64_t at = position(ctx, 1, n, 0, n - 1);
  check_sequence_size(ctx, seq.items.size() - 1, element_bytes(seq));
  std::vector<Tensor> items;
  items.reserve(seq.items.size() - 1);
  for (int64_t i = 0; i < n; ++i)
    if (i != at) items.push_back(seq.items[static_cast<size_t>(i)]);
  return output_sequence(ctx, std::move(items), seq.elem_dtype);
}

std::vector<Tensor> sequence_length(KernelContext& ctx) {
  const Container& seq = sequence_input(ctx, 0, "input_sequence");
  return one_output(Tensor::scalar(DType::Int64, static_cast<double>(seq.items.size())));
}

// Copies the [begin, begin + len) range of `axis` of x into a new tensor.
Tensor slice_axis(const KernelContext& ctx, const Tensor& x, int64_t axis, int64_t begin, int64_t len, bool keep) {
  Shape shape = x.shape();
  shape[static_cast<size_t>(axis)] = len;
  Tensor out = ctx.alloc_uninitialized(x.dtype(), shape);
  const auto outer = static_cast<size_t>(dims_product(x.shape(), 0, axis));
  const size_t inner = static_cast<size_t>(dims_product(x.shape(), axis + 1, x.rank())) * dtype_size(x.dtype());
  const auto dim = static_cast<size_t>(x.shape()[static_cast<size_t>(axis)]);
  const size_t run = static_cast<size_t>(len) * inner;
  if (run > 0)
    for (size_t o = 0; o < outer; ++o)
      std::memcpy(out.raw() + o * run, x.raw() + (o * dim + static_cast<size_t>(begin)) * inner, run);
  if (!keep) shape.erase(shape.begin() + axis);
  return keep ? std::move(out) : out.reshaped(shape);
}

std::vector<Tensor> split_to_sequence(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  if (x.rank() == 0) throw ValidationError("input must have rank >= 1, got a scalar");
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", 0), x.rank());
  const int64_t dim = x.shape()[static_cast<size_t>(axis)];
  const bool keepdims = ctx.attrs().get_int("keepdims", 1) != 0;
  std::vector<int64_t> lengths;
  bool keep = true;
  if (!ctx.has_input(1)) {
    lengths.assign(static_cast<size_t>(dim), 1);
    keep = keepdims;
  } else {
    const Tensor& s = ctx.input(1);
    require_dtype(s.dtype() == DType::Int32 || s.dtype() == DType::Int64, s, "split", "int32, int64");
    if (s.rank() == 0) {
      const int64_t chunk = scalar_as_int64(s, "split");
      if (chunk <= 0) throw ValidationError("a scalar split must be > 0, got " + std::to_string(chunk));
      for (int64_t at = 0; at < dim; at += chunk) lengths.push_back(std::min(chunk, dim - at));
    } else {
      if (s.rank() != 1) throw ValidationError("split must be a scalar or 1-D, got " + s.describe());
      lengths = to_int64_list(s, "split");
      int64_t sum = 0;
      for (int64_t l : lengths) {
        if (l < 0 || l > dim) throw ValidationError("split lengths must be in [0, " + std::to_string(dim) + "]");
        sum += l;
      }
      if (sum != dim)
        throw ValidationError("split lengths sum to " + std::to_string(sum) + ", the axis has " + std::to_string(dim));
    }
  }
  check_sequence_size(ctx, lengths.size(), static_cast<int64_t>(x.nbytes()));
  std::vector<Tensor> items;
  items.reserve(lengths.size());
  int64_t at = 0;
  for (int64_t l : lengths) {
    items.push_back(slice_axis(ctx, x, axis, at, l, keep));
    at += l;
  }
  return output_sequence(ctx, std::move(items), x.dtype());
}

std::vector<Tensor> concat_from_sequence(KernelContext& ctx) {
  const Container& seq = sequence_input(ctx, 0, "input_sequence");
  if (seq.items.empty()) throw ValidationError("cannot concatenate an empty sequence (its shape is unknown)");
  const bool new_axis = ctx.attrs().get_int("new_axis", 0) != 0;
  const Tensor& first = seq.items[0];
  const int64_t rank = first.rank() + (new_axis ? 1 : 0);
  if (rank == 0) throw ValidationError("cannot concatenate scalars without new_axis = 1");
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis"), rank);
  // Every tensor seen with the new axis of length 1 when stacking.
  auto shape_of = [&](const Tensor& t) {
    Shape s = t.shape();
    if (new_axis) s.insert(s.begin() + axis, 1);
    return s;
  };
  Shape out = shape_of(first);
  int64_t total = 0;
  for (size_t i = 0; i < seq.items.size(); ++i) {
    const Tensor& t = seq.items[i];
    const Shape s = shape_of(t);
    if (t.dtype() != first.dtype() || static_cast<int64_t>(s.size()) != rank)
      throw TypeError("tensor #" + std::to_string(i) + " " + t.describe() + " differs from tensor #0 " +
                      first.describe() + " in dtype or rank");
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && s[static_cast<size_t>(d)] != out[static_cast<size_t>(d)])
        throw ValidationError("tensor #" + std::to_string(i) + " " + t.describe() + " differs from tensor #0 " +
                              first.describe() + " outside axis " + std::to_string(axis));
    total += s[static_cast<size_t>(axis)];
  }
  out[static_cast<size_t>(axis)] = total;
  Tensor y = ctx.alloc_uninitialized(first.dtype(), out);
  const auto outer = static_cast<size_t>(dims_product(out, 0, axis));
  const size_t inner = static_cast<size_t>(dims_product(out, axis + 1, rank)) * dtype_size(first.dtype());
  const size_t row = static_cast<size_t>(total) * inner;
  size_t offset = 0;
  for (const Tensor& t : seq.items) {
    const size_t run = static_cast<size_t>(shape_of(t)[static_cast<size_t>(axis)]) * inner;
    if (run > 0)
      for (size_t o = 0; o < outer; ++o) std::memcpy(y.raw() + o * row + offset, t.raw() + o * run, run);
    offset += run;
  }
  return one_output(std::move(y));
}

const KernelRegistrar kSequenceEmpty("SequenceEmpty", 11, sequence_empty, TakesContainers{});
const KernelRegistrar kSequenceConstruct("SequenceConstruct", 11, sequence_construct, TakesContainers{});
const KernelRegistrar kSequenceInsert("SequenceInsert", 11, sequence_insert, TakesContainers{});
const KernelRegistrar kSequenceAt("SequenceAt", 11, sequence_at, TakesContainers{});
const KernelRegistrar kSequenceErase("SequenceErase", 11, sequence_erase, TakesContainers{});
const KernelRegistrar kSequenceLength("SequenceLength", 11, sequence_length, TakesContainers{});
const KernelRegistrar kSplitToSequence("SplitToSequence", 11, split_to_sequence, TakesContainers{});
const KernelRegistrar kConcatFromSequence("ConcatFromSequence", 11, concat_from_sequence, TakesContainers{});

}  // namespace
}  // namespace ptonnx::runtime::kernels
