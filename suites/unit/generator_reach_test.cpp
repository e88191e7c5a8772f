// Generator reach (issue 17 item 2): the random graphs must be able to build
// the inputs on which a conversion can go wrong, not only the op property
// generators. Each check below names a converter branch that a grow
// function was once unable to reach, and counts, over a fixed set of random
// tier-5 graphs, the nodes that take it. A grow that loses the form again
// fails here, not silently in every later fuzzing run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "generators/random_graph.h"
#include "generators/values.h"
#include "graph/attributes.h"

using namespace ptonnx;

namespace {

bool is_constant(const VarRef& v) { return v->kind == VarKind::Constant; }
const Node* producer(const VarRef& v) { return v->owner; }

// The linear algebra ops whose grows build an exactly computable matrix
// (generators/linalg_matrices.h in_drawn_dtype).
bool is_decomposition(const std::string& op) {
  static const std::set<std::string> ops{"Cholesky", "LU",  "Det",   "SLogDet",         "QR",    "SVD",
                                         "Eigh",     "Solve", "MatrixInverse", "SolveTriangular", "Lstsq", "Expm"};
  return ops.count(op) > 0;
}

// PyTensor's linalg output dtype is float32 for these inputs.
bool lapack_dtype_is_float32(DType t) {
  return t == DType::Float16 || t == DType::Bool || t == DType::Int8 || t == DType::Int16 || t == DType::UInt8 ||
         t == DType::UInt16;
}

// name -> does this node take the branch?
const std::map<std::string, std::function<bool(const Node&)>>& reach_checks() {
  static const std::map<std::string, std::function<bool(const Node&)>> checks{
      {"Cast float -> integer",
       [](const Node& n) {
         return n.op == "Cast" && is_float(n.inputs[0]->type.dtype) && is_integer(n.outputs[0]->type.dtype);
       }},
      {"Mul of three integers, float64 out",
       [](const Node& n) {
         return n.op == "Mul" && n.inputs.size() == 3 && n.outputs[0]->type.dtype == DType::Float64;
       }},
      {"Add of three operands", [](const Node& n) { return n.op == "Add" && n.inputs.size() == 3; }},
      {"Pow with an exponent >= 31",
       [](const Node& n) {
         return n.op == "Pow" && is_constant(n.inputs[1]) && n.inputs[1]->value->get_as_double(0) >= 31;
       }},
      {"Reshape to a target computed at run time",
       [](const Node& n) {
         const Node* p = n.op == "Reshape" ? producer(n.inputs[1]) : nullptr;
         return p && p->op == "Mul";
       }},
      {"Reshape to a constant target with a negative other than -1",
       [](const Node& n) {
         if (n.op != "Reshape" || !is_constant(n.inputs[1])) return false;
         const Tensor& t = *n.inputs[1]->value;
         for (int64_t i = 0; i < t.numel(); ++i)
           if (t.get_as_double(i) < -1) return true;
         return false;
       }},
      {"SpecifyShape of dims the static type does not know",
       [](const Node& n) {
         if (n.op != "SpecifyShape") return false;
         for (const auto& d : n.inputs[0]->type.shape)
           if (!d) return true;
         return false;
       }},
      {"Alloc with a run-time dim",
       [](const Node& n) {
         if (n.op != "Alloc") return false;
         for (size_t i = 1; i < n.inputs.size(); ++i)
           if (!is_constant(n.inputs[i])) return true;
         return false;
       }},
      {"MakeVector of 0 or several scalars",
       [](const Node& n) { return n.op == "MakeVector" && n.inputs.size() != 1; }},
      {"ARange in a float dtype", [](const Node& n) { return n.op == "ARange" && is_float(n.outputs[0]->type.dtype); }},
      {"Gemm with a non-finite z",
       [](const Node& n) {
         return n.op == "Gemm" && is_constant(n.inputs[0]) && !std::isfinite(n.inputs[0]->value->get_as_double(0));
       }},
      {"Resize in bilinear mode",
       [](const Node& n) { return n.op == "Resize" && attr_string(n.attrs, "mode") == "bilinear"; }},
      {"Conv2D with valid or explicit pads",
       [](const Node& n) {
         return n.op == "Conv2D" && (attr_string(n.attrs, "border_mode") == "valid" ||
                                     attr_string(n.attrs, "border_mode") == "pads");
       }},
      {"Conv2D with strides",
       [](const Node& n) {
         if (n.op != "Conv2D") return false;
         const auto& s = attr_ints(n.attrs, "subsample");
         return s[0] > 1 || s[1] > 1;
       }},
      {"Conv2D with dilation",
       [](const Node& n) {
         if (n.op != "Conv2D") return false;
         const auto& d = attr_ints(n.attrs, "filter_dilation");
         return d[0] > 1 || d[1] > 1;
       }},
      {"Conv2D with groups", [](const Node& n) { return n.op == "Conv2D" && attr_int(n.attrs, "num_groups") > 1; }},
      {"Conv2D with several channels",
       [](const Node& n) { return n.op == "Conv2D" && n.inputs[0]->type.shape.at(1).value_or(1) > 1; }},
      {"Conv2D with several batches",
       [](const Node& n) { return n.op == "Conv2D" && n.inputs[0]->type.shape.at(0).value_or(1) > 1; }},
      {"Conv2D without flip", [](const Node& n) { return n.op == "Conv2D" && attr_int(n.attrs, "filter_flip") == 0; }},
      {"Conv2D with a kernel of another dtype",
       [](const Node& n) { return n.op == "Conv2D" && n.inputs[0]->type.dtype != n.inputs[1]->type.dtype; }},
      {"Conv2D with a kernel of run-time spatial dims",
       [](const Node& n) { return n.op == "Conv2D" && !n.inputs[1]->type.shape.at(2); }},
      {"Gemv with a non-finite y",
       [](const Node& n) {
         const Node* p = n.op == "Gemv" ? producer(n.inputs[0]) : nullptr;
         return p && p->op == "Mul" && is_constant(p->inputs[1]) &&
                !std::isfinite(p->inputs[1]->value->get_as_double(0));
       }},
      {"Gemv with NaN and inf kept in A",
       [](const Node& n) {
         const Node* p = n.op == "Gemv" ? producer(n.inputs[2]) : nullptr;
         return p && p->op == "Switch";
       }},
      {"MatrixPinv", [](const Node& n) { return n.op == "MatrixPinv" && !attr_int(n.attrs, "hermitian"); }},
      {"MatrixPinv hermitian", [](const Node& n) { return n.op == "MatrixPinv" && attr_int(n.attrs, "hermitian"); }},
      {"MatrixPinv of a rectangular diagonal (exact zero singular values)",
       [](const Node& n) {
         const Node* p = n.op == "MatrixPinv" ? producer(n.inputs[0]) : nullptr;
         if (p && p->op == "Cast") p = producer(p->inputs[0]);
         return p && p->op == "Mul";
       }},
      {"Dot or BatchedDot of operands of two dtypes",
       [](const Node& n) {
         return (n.op == "Dot" || n.op == "BatchedDot") && n.inputs[0]->type.dtype != n.inputs[1]->type.dtype;
       }},
      {"Dot, Dot22 or BatchedDot with NaN and inf kept",
       [](const Node& n) {
         if (n.op != "Dot" && n.op != "Dot22" && n.op != "BatchedDot") return false;
         for (const auto& in : n.inputs) {
           const Node* p = producer(in);
           if (p && p->op == "DimShuffle") p = producer(p->inputs[0]);
           if (p && p->op == "Cast") p = producer(p->inputs[0]);
           if (p && p->op == "Switch") return true;
         }
         return false;
       }},
      {"Linear algebra on a float64 or wide-integer input (float64 work)",
       [](const Node& n) {
         if (!is_decomposition(n.op)) return false;
         const DType t = n.inputs[0]->type.dtype;
         return t == DType::Float64 || t == DType::Int32 || t == DType::Int64 || t == DType::UInt32 ||
                t == DType::UInt64;
       }},
      {"Linear algebra on a float16, narrow-integer or bool input",
       [](const Node& n) {
         if (!is_decomposition(n.op)) return false;
         const DType t = n.inputs[0]->type.dtype;
         return t != DType::Float32 && lapack_dtype_is_float32(t);
       }},
      {"Subtensor with a bound read from a constant input",
       [](const Node& n) { return n.op == "Subtensor" && n.inputs.size() > 1 && is_constant(n.inputs[1]); }},
      {"Subtensor with a bound known only at run time",
       [](const Node& n) {
         for (size_t i = 1; n.op == "Subtensor" && i < n.inputs.size(); ++i)
           if (!is_constant(n.inputs[i])) return true;
         return false;
       }},
      {"IncSubtensor with index inputs", [](const Node& n) { return n.op == "IncSubtensor" && n.inputs.size() > 2; }},
      {"Unique along an axis", [](const Node& n) { return n.op == "Unique" && has_attr(n.attrs, "axis"); }},
      {"Join of three parts of unequal lengths",
       [](const Node& n) {
         if (n.op != "Join" && n.op != "Concatenate") return false;
         for (const auto& in : n.inputs)
           if (producer(in) && producer(in)->op == "Subtensor") return true;
         return false;
       }},
      {"order op (Argmax, Max, Sort, Unique, ...) on values clamped to a few",
       [](const Node& n) {
         static const std::set<std::string> order_ops{"Argmax", "Argmin", "Max",    "Min",
                                                      "SortOp", "ArgSortOp", "Unique"};
         const Node* p = order_ops.count(n.op) ? producer(n.inputs[0]) : nullptr;
         return p && p->op == "Minimum" && is_constant(p->inputs[1]) && p->inputs[1]->value->get_as_double(0) == 2;
       }},
      {"Join of parts of two dtypes",
       [](const Node& n) {
         return (n.op == "Join" || n.op == "Concatenate") && n.inputs.size() >= 2 &&
                n.inputs[0]->type.dtype != n.inputs[1]->type.dtype;
       }},
      {"Pad with constant_values", [](const Node& n) { return n.op == "Pad" && n.inputs.size() == 3; }},
      {"Pad in maximum or minimum mode",
       [](const Node& n) {
         return n.op == "Pad" &&
                (attr_string(n.attrs, "mode") == "maximum" || attr_string(n.attrs, "mode") == "minimum");
       }},
      {"IncSubtensor with a region-shaped y",
       [](const Node& n) {
         const Node* p = n.op == "IncSubtensor" ? producer(n.inputs[1]) : nullptr;
         return p && p->op == "Subtensor" && n.inputs[1]->type.ndim() > 0;
       }},
      {"IncSubtensor with a y cast from another dtype",
       [](const Node& n) {
         const Node* p = n.op == "IncSubtensor" ? producer(n.inputs[1]) : nullptr;
         return p && p->op == "Cast" && p->inputs[0]->type.dtype != n.inputs[0]->type.dtype;
       }},
      {"AdvancedIncSubtensor1 with y rows of x",
       [](const Node& n) {
         const Node* p = n.op == "AdvancedIncSubtensor1" ? producer(n.inputs[1]) : nullptr;
         return p && p->op == "AdvancedSubtensor1";
       }},
      {"AdvancedIncSubtensor1 with a row-shaped y",
       [](const Node& n) {
         return n.op == "AdvancedIncSubtensor1" && is_constant(n.inputs[1]) && n.inputs[1]->type.ndim() > 0 &&
                n.inputs[1]->type.ndim() == n.inputs[0]->type.ndim() - 1;
       }},
      {"AdvancedIncSubtensor1 with a y cast from another dtype",
       [](const Node& n) {
         const Node* p = n.op == "AdvancedIncSubtensor1" ? producer(n.inputs[1]) : nullptr;
         return p && p->op == "Cast" && p->inputs[0]->type.dtype != n.inputs[0]->type.dtype;
       }},
      {"AdvancedIncSubtensor1 with an empty index",
       [](const Node& n) { return n.op == "AdvancedIncSubtensor1" && n.inputs[2]->type.shape[0] == 0; }},
      {"AdvancedIncSubtensor1 (inc) with an index of unknown length",
       [](const Node& n) {
         return n.op == "AdvancedIncSubtensor1" && !n.inputs[2]->type.shape[0] &&
                attr_int(n.attrs, "set_instead_of_inc") == 0;
       }},
      {"AdvancedIncSubtensor1 with a non-int64 index",
       [](const Node& n) { return n.op == "AdvancedIncSubtensor1" && n.inputs[2]->type.dtype != DType::Int64; }},
      {"AdvancedSubtensor1 with an unsigned index",
       [](const Node& n) { return n.op == "AdvancedSubtensor1" && is_unsigned_integer(n.inputs[1]->type.dtype); }},
      {"AdvancedSubtensor1 with an empty index",
       [](const Node& n) { return n.op == "AdvancedSubtensor1" && n.inputs[1]->type.shape[0] == 0; }},
      {"Squeeze with a negative axis",
       [](const Node& n) {
         if (n.op != "Squeeze") return false;
         for (int64_t a : attr_ints(n.attrs, "axis"))
           if (a < 0) return true;
         return false;
       }},
      {"Squeeze of some of the statically-1 dims",
       [](const Node& n) {
         if (n.op != "Squeeze") return false;
         const auto& s = n.inputs[0]->type.shape;
         return attr_ints(n.attrs, "axis").size() < static_cast<size_t>(std::count(s.begin(), s.end(), StaticDim{1}));
       }},
      {"ExpandDims of several axes",
       [](const Node& n) { return n.op == "ExpandDims" && attr_ints(n.attrs, "axis").size() >= 2; }},
      {"SearchsortedOp with a sorter", [](const Node& n) { return n.op == "SearchsortedOp" && n.inputs.size() == 3; }},
      {"SearchsortedOp with a sorter narrower than int64",
       [](const Node& n) {
         return n.op == "SearchsortedOp" && n.inputs.size() == 3 && n.inputs[2]->type.dtype != DType::Int64;
       }},
      {"FillDiagonal with a val of another dtype",
       [](const Node& n) { return n.op == "FillDiagonal" && n.inputs[1]->type.dtype != n.inputs[0]->type.dtype; }},
      {"FillDiagonalOffset with a uint64 offset",
       [](const Node& n) { return n.op == "FillDiagonalOffset" && n.inputs[2]->type.dtype == DType::UInt64; }},
      {"FillDiagonalOffset with an offset read at run time",
       [](const Node& n) { return n.op == "FillDiagonalOffset" && !is_constant(n.inputs[2]); }},
      {"Repeat with counts narrower than int64",
       [](const Node& n) { return n.op == "Repeat" && n.inputs[1]->type.dtype != DType::Int64; }},
      {"Repeat with counts read at run time",
       [](const Node& n) { return n.op == "Repeat" && !is_constant(n.inputs[1]); }},
      {"Repeat with per-element counts read at run time",
       [](const Node& n) { return n.op == "Repeat" && !is_constant(n.inputs[1]) && n.inputs[1]->type.ndim() == 1; }},
      // Not the pool's own 0-d constant "k" (random_graph.cpp), which the
      // grow may also take: a constant the grow draws.
      {"Eye with a constant unsigned k",
       [](const Node& n) {
         return n.op == "Eye" && is_constant(n.inputs[2]) && n.inputs[2]->name != "k" &&
                is_unsigned_integer(n.inputs[2]->type.dtype);
       }},
      {"Eye with a constant |k| >= 2^40",
       [](const Node& n) {
         return n.op == "Eye" && is_constant(n.inputs[2]) &&
                std::fabs(n.inputs[2]->value->get_as_double(0)) >= std::ldexp(1.0, 40);
       }},
      {"Eye with n or m read at run time",
       [](const Node& n) { return n.op == "Eye" && (!is_constant(n.inputs[0]) || !is_constant(n.inputs[1])); }},
      {"IncSubtensor with a constant y that broadcasts to the region",
       [](const Node& n) { return n.op == "IncSubtensor" && is_constant(n.inputs[1]) && n.inputs[1]->type.ndim() > 0; }},
  };
  return checks;
}

TEST(GeneratorReach, RandomGraphsBuildTheFormsConvertersSpecialCase) {
  gen::GraphOptions o;
  o.tier = 5;
  const auto graphs = gen::random_graph(o);
  std::map<std::string, int> hits;
  for (const auto& [name, check] : reach_checks()) hits[name] = 0;
  constexpr int kGraphs = 20000;
  for (int seed = 1; seed <= kGraphs; ++seed) {
    // Sizes spread over rapidcheck's range, as a property run draws them.
    const gen::Case c = graphs(rc::Random(static_cast<uint64_t>(seed)), seed % 100).value();
    for (const auto& node : c.graph->nodes())
      for (const auto& [name, check] : reach_checks())
        if (check(*node)) ++hits[name];
  }
  for (const auto& [name, count] : hits) {
    EXPECT_GT(count, 0) << name << ": no node in " << kGraphs << " graphs";
    std::printf("%5d  %s\n", count, name.c_str());
  }
}

// Review M12: rapidcheck's inRange scales with the size, so a property
// run's first cases drew ranks 0..2 only and the rank-3/4 grows (BatchedDot,
// Conv, pools, Resize, BatchNorm) returned nullptr there. Graph inputs draw
// their rank at the nominal size: uniform over 0..4 at any size.
TEST(GeneratorReach, SmallSizeGraphsHaveRank3And4Inputs) {
  gen::GraphOptions o;
  o.tier = 5;
  const auto graphs = gen::random_graph(o);
  constexpr int kGraphs = 2000;
  int high_rank = 0;
  for (int seed = 1; seed <= kGraphs; ++seed) {
    const gen::Case c = graphs(rc::Random(static_cast<uint64_t>(seed)), 5).value();
    bool any = false;
    for (const auto& in : c.graph->inputs()) any = any || in->type.ndim() >= 3;
    high_rank += any;
  }
  std::printf("%d of %d graphs at size 5 have a rank-3/4 input\n", high_rank, kGraphs);
  EXPECT_GT(high_rank, kGraphs / 4);
}

// Review section 0: graph inputs held no integer a float32 or float64
// cannot represent except the dtype's extremes, so a conversion through the
// narrower float (an int32 Max via float32, an int64 TrueDiv via float64)
// was caught only at the extremes. Now 2^24 + 1 and 2^53 + 1 are edge values.
TEST(GeneratorReach, IntegerValuesIncludeTheFirstOnesFloatsRound) {
  auto holds = [](DType t, int64_t want) {
    for (int seed = 1; seed <= 2000; ++seed) {
      const Tensor x = gen::tensor(t, {8})(rc::Random(static_cast<uint64_t>(seed)), 50).value();
      for (int64_t i = 0; i < x.numel(); ++i)
        if ((t == DType::Int64 && x.data<int64_t>()[i] == want) ||
            (t == DType::UInt64 && x.data<uint64_t>()[i] == static_cast<uint64_t>(want)) ||
            (t == DType::Int32 && x.data<int32_t>()[i] == want))
          return true;
    }
    return false;
  };
  EXPECT_TRUE(holds(DType::Int32, 16777217));
  EXPECT_TRUE(holds(DType::Int32, -16777217));
  EXPECT_TRUE(holds(DType::Int64, (int64_t{1} << 53) + 1));
  EXPECT_TRUE(holds(DType::Int64, -((int64_t{1} << 53) + 1)));
  EXPECT_TRUE(holds(DType::UInt64, (int64_t{1} << 53) + 1));
}

}  // namespace
