#include "convert/portable.h"

#include <array>
#include <initializer_list>
#include <vector>

#include "convert/ops/reduction.h"

namespace ptonnx::portable {
namespace {

constexpr uint32_t bit(DType t) { return uint32_t{1} << static_cast<unsigned>(t); }
constexpr uint32_t bits(std::initializer_list<DType> ts) {
  uint32_t m = 0;
  for (const DType t : ts) m |= bit(t);
  return m;
}

struct Row {
  std::string_view op;
  uint32_t types;  // the value types ORT 1.30's CPU kernels of `op` take
};

// ORT 1.30, CPUExecutionProvider, opsets 13-18:
// - Where 9-15 and 16+: T = double, float, int32, int64, string, uint8
//   (docs/OperatorKernels.md; no bool, int8, int16, uint16, uint32,
//   uint64, float16);
// - Max/Min: no int16, uint16 (issue 18's measurement; the tier-1
//   Maximum/Minimum properties load with the others);
// - EyeLike: T2 = double, float, int32, int64, uint64 (issue 18: bool and
//   8/16-bit and uint32 fail to load).
constexpr std::array<Row, 4> kRows{{
    {"Where", bits({DType::Float64, DType::Float32, DType::Int32, DType::Int64, DType::UInt8})},
    {"Max", bits({DType::Float64, DType::Float32, DType::Float16, DType::Int32, DType::Int64, DType::Int8,
                  DType::UInt32, DType::UInt64, DType::UInt8})},
    {"Min", bits({DType::Float64, DType::Float32, DType::Float16, DType::Int32, DType::Int64, DType::Int8,
                  DType::UInt32, DType::UInt64, DType::UInt8})},
    {"EyeLike", bits({DType::Float64, DType::Float32, DType::Int32, DType::Int64, DType::UInt64})},
}};

const Row* row_of(std::string_view op) {
  for (const Row& r : kRows)
    if (r.op == op) return &r;
  return nullptr;
}

// The types that hold every value of t exactly, narrowest first.
std::vector<DType> holders(DType t) {
  switch (t) {
    case DType::Bool:
    case DType::UInt8: return {DType::UInt8, DType::Int32, DType::Int64, DType::Float32, DType::Float64};
    case DType::Int8:
    case DType::Int16:
    case DType::UInt16: return {DType::Int32, DType::Int64, DType::Float32, DType::Float64};
    case DType::Int32:
    case DType::UInt32: return {DType::Int64, DType::Float64};
    case DType::Float16: return {DType::Float32, DType::Float64};
    case DType::Float32: return {DType::Float64};
    default: return {};
  }
}

}  // namespace

bool ort_has_kernel(std::string_view op, DType t) {
  const Row* r = row_of(op);
  return r == nullptr || (r->types & bit(t)) != 0;
}

std::optional<DType> widened(std::string_view op, DType t) {
  if (ort_has_kernel(op, t)) return t;
  for (const DType w : holders(t))
    if (ort_has_kernel(op, w)) return w;
  return std::nullopt;
}

std::string where(ConversionContext& c, const std::string& cond, const std::string& a, const std::string& b, DType t,
                  std::string out) {
  if (out.empty()) out = c.temp("where");
  if (const auto w = widened("Where", t)) {
    if (*w == t) {
      c.emit("Where", {cond, a, b}, {out});
      return out;
    }
    const std::string picked = c.temp(std::string("where_") + std::string(dtype_name(*w)));
    c.emit("Where", {cond, c.cast(a, t, *w), c.cast(b, t, *w)}, {picked});
    return c.cast(picked, *w, t, out);
  }
  // uint64: a*m + b*(1-m), every step in range (see the header).
  const std::string m = c.cast(cond, DType::Bool, t);
  const std::string not_cond = c.temp("not_cond");
  c.emit("Not", {cond}, {not_cond});
  const std::string n = c.cast(not_cond, DType::Bool, t);
  const std::string am = c.temp("a_or_0"), bn = c.temp("b_or_0");
  c.emit("Mul", {a, m}, {am});
  c.emit("Mul", {b, n}, {bn});
  c.emit("Add", {am, bn}, {out});
  return out;
}

// Max/Min of two 64-bit integers as a comparison and a select: ONNX
// Runtime 1.30's int64 Max/Min (vectorised) get operands wrong that differ
// in the low word's top bit: Max(4294967295, 0) = 0 (ort/defects/
// max_int64_low_word.onnxtxt), while its Greater/Less are right. uint64
// compares through the order-preserving int64 key (reduce::uint64_key).
std::string extremum_64(ConversionContext& c, std::string_view op, const std::vector<std::string>& inputs, DType t,
                        const std::string& out) {
  std::string a = inputs.at(0), b = inputs.at(1);
  if (t == DType::UInt64) a = reduce::uint64_key(c, a), b = reduce::uint64_key(c, b);
  const std::string pick_a = c.temp(op == "Max" ? "a_greater" : "a_less");
  c.emit(op == "Max" ? "Greater" : "Less", {a, b}, {pick_a});
  return where(c, pick_a, inputs.at(0), inputs.at(1), t, out);
}

std::string elementwise(ConversionContext& c, std::string_view op, const std::vector<std::string>& inputs, DType t,
                        std::string out) {
  if (out.empty()) out = c.temp(std::string(op));
  if ((op == "Max" || op == "Min") && inputs.size() == 2 && (t == DType::Int64 || t == DType::UInt64))
    return extremum_64(c, op, inputs, t, out);
  const auto w = widened(op, t);
  if (!w) c.unsupported(std::string(op) + " on " + std::string(dtype_name(t)) + " has no portable form");
  if (*w == t) {
    c.emit(op, inputs, {out});
    return out;
  }
  std::vector<std::string> wide;
  for (const auto& v : inputs) wide.push_back(c.cast(v, t, *w));
  const std::string r = c.temp(std::string(op) + "_" + std::string(dtype_name(*w)));
  c.emit(op, wide, {r});
  return c.cast(r, *w, t, out);
}

}  // namespace ptonnx::portable
