// A builder DSL in the spirit of `pytensor.tensor`, for tests and users:
//
//   auto x = pt::vector("x", "float32");
//   auto y = pt::matrix("y", "float32", {std::nullopt, 3});
//   auto z = pt::exp(x) + y * 2.0;
//   FunctionGraph g({x, y}, {z});
#pragma once

#include <string>
#include <vector>

#include "graph/graph.h"

namespace ptonnx::pt {

// Graph inputs. `shape` gives static dims (nullopt = unknown); by default all
// dims are unknown, as in PyTensor.
VarRef tensor(const std::string& name, const std::string& dtype, StaticShape shape);
VarRef scalar(const std::string& name, const std::string& dtype = "float64");
VarRef vector(const std::string& name, const std::string& dtype = "float64", StaticShape shape = {std::nullopt});
VarRef matrix(const std::string& name, const std::string& dtype = "float64",
              StaticShape shape = {std::nullopt, std::nullopt});
VarRef tensor3(const std::string& name, const std::string& dtype = "float64");
VarRef tensor4(const std::string& name, const std::string& dtype = "float64");

// Constants. A Python-literal rule picks the dtype of a bare number:
// an integer gets the smallest of int8/16/32/64 that holds it, a float gets
// float32 if exactly representable, else float64 (PyTensor's
// `as_tensor_variable` of a literal with the default cast policy).
VarRef constant(Tensor value, const std::string& name = "");
VarRef literal(double value);
VarRef literal_int(int64_t value);
DType literal_dtype(double value);
DType literal_int_dtype(int64_t value);
VarRef shared(const std::string& name, Tensor value);

// Tier 1.
VarRef add(VarRef a, VarRef b);
VarRef sub(VarRef a, VarRef b);
VarRef mul(VarRef a, VarRef b);
VarRef true_div(VarRef a, VarRef b);
VarRef neg(VarRef a);
VarRef abs(VarRef a);
VarRef maximum(VarRef a, VarRef b);
VarRef minimum(VarRef a, VarRef b);
VarRef exp(VarRef a);
VarRef log(VarRef a);
VarRef sqrt(VarRef a);
VarRef pow(VarRef a, VarRef b);
VarRef floor(VarRef a);
VarRef ceil(VarRef a);
// Trigonometric and hyperbolic (tier 5): float output (upgrade_to_float).
VarRef sin(VarRef a);
VarRef cos(VarRef a);
VarRef tan(VarRef a);
VarRef arcsin(VarRef a);
VarRef arccos(VarRef a);
VarRef arctan(VarRef a);
VarRef sinh(VarRef a);
VarRef cosh(VarRef a);
VarRef tanh(VarRef a);
VarRef arcsinh(VarRef a);
VarRef arccosh(VarRef a);
VarRef arctanh(VarRef a);
// Scalar math (tier 5): float output (upgrade_to_float); clip upcasts.
VarRef sigmoid(VarRef a);
VarRef softplus(VarRef a);
VarRef log1p(VarRef a);
VarRef expm1(VarRef a);
VarRef erf(VarRef a);
VarRef erfc(VarRef a);
VarRef clip(VarRef x, VarRef min, VarRef max);
// Bitwise (tier 5): pt.bitwise_and/or/xor (upcast of two integers, or two
// bools), pt.invert (~x, not x for bool).
VarRef bitwise_and(VarRef a, VarRef b);
VarRef bitwise_or(VarRef a, VarRef b);
VarRef bitwise_xor(VarRef a, VarRef b);
VarRef invert(VarRef a);
VarRef round(VarRef a, const std::string& mode = "half_to_even");
VarRef cast(VarRef a, const std::string& dtype);
VarRef identity(VarRef a);  // pt.tensor_copy
VarRef deep_copy(VarRef a);

// Any registered op by name: pt::op("Add", {a, b}).
std::vector<VarRef> op(const std::string& name, std::vector<VarRef> inputs, Attributes attrs = {});

// Gives a variable a name (returns it, for chaining).
VarRef named(VarRef v, const std::string& name);

}  // namespace ptonnx::pt

namespace ptonnx {
VarRef operator+(VarRef a, VarRef b);
VarRef operator-(VarRef a, VarRef b);
VarRef operator*(VarRef a, VarRef b);
VarRef operator/(VarRef a, VarRef b);
VarRef operator-(VarRef a);
VarRef operator+(VarRef a, double b);
VarRef operator-(VarRef a, double b);
VarRef operator*(VarRef a, double b);
VarRef operator/(VarRef a, double b);
VarRef operator+(double a, VarRef b);
VarRef operator-(double a, VarRef b);
VarRef operator*(double a, VarRef b);
VarRef operator/(double a, VarRef b);
}  // namespace ptonnx

// Builder functions of the other op families (tiers 2 and up), one header
// per family.

#include "graph/builder_alloc.h"
#include "graph/builder_shape.h"
#include "graph/builder_subtensor.h"
#include "graph/builder_reduction.h"
#include "graph/builder_control_flow.h"
#include "graph/builder_linalg.h"
#include "graph/builder_special.h"
#include "graph/builder_elemwise_exact.h"
#include "graph/builder_ext_precision.h"
#include "graph/builder_sort.h"
#include "graph/builder_searchsorted.h"
#include "graph/builder_unique.h"
#include "graph/builder_extra_ops.h"
#include "graph/builder_cnn.h"
#include "graph/builder_pool.h"
