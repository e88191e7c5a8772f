#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

#include "catalog/catalog.h"

using namespace ptonnx::catalog;

namespace {

constexpr Group kTiers[] = {Group::Tier1, Group::Tier2, Group::Tier3, Group::Tier4, Group::Tier5};

std::vector<std::string_view> names_of(Group g) {
  std::vector<std::string_view> out;
  for (const OpEntry* e : ops_in_group(g)) out.push_back(e->name);
  return out;
}

}  // namespace

TEST(Catalog, CountsPerTier) {
  EXPECT_EQ(ops_in_group(Group::Tier1).size(), 20u);
  EXPECT_EQ(ops_in_group(Group::Tier2).size(), 15u);
  EXPECT_EQ(ops_in_group(Group::Tier3).size(), 16u);
  EXPECT_EQ(ops_in_group(Group::Tier4).size(), 20u);
  EXPECT_EQ(ops_in_group(Group::Tier5).size(), 42u);
  size_t tiers = 0;
  for (Group g : kTiers) tiers += ops_in_group(g).size();
  EXPECT_EQ(tiers, 113u);
  EXPECT_FALSE(ops_in_group(Group::CNN).empty());
  EXPECT_FALSE(ops_in_group(Group::Extended).empty());
  size_t all = 0;
  for (Group g : kAllGroups) all += ops_in_group(g).size();
  EXPECT_EQ(all, all_ops().size());
}

TEST(Catalog, SeedDeclaredCounts) {
  int sum = 0;
  for (Group g : kTiers) sum += seed_declared_count(g);
  EXPECT_EQ(sum, 114);
  EXPECT_EQ(seed_declared_count(Group::Tier5), 43);
  // The only tier where the seed's table and its list disagree.
  for (Group g : kTiers) {
    int rows = static_cast<int>(ops_in_group(g).size());
    if (g == Group::Tier5) {
      EXPECT_EQ(rows + 1, seed_declared_count(g));
    } else {
      EXPECT_EQ(rows, seed_declared_count(g)) << group_name(g);
    }
  }
  EXPECT_EQ(seed_declared_count(Group::CNN), 0);
  EXPECT_EQ(seed_declared_count(Group::Extended), 0);
}

TEST(Catalog, NamesAreUnique) {
  std::set<std::string_view> seen;
  for (const OpEntry& e : all_ops()) {
    EXPECT_TRUE(seen.insert(e.name).second) << "duplicate: " << e.name;
  }
}

TEST(Catalog, EveryRowIsComplete) {
  for (const OpEntry& e : all_ops()) {
    EXPECT_FALSE(e.name.empty());
    EXPECT_FALSE(e.family.empty()) << e.name;
    EXPECT_FALSE(e.pytensor_op.empty()) << e.name;
    // No ONNX mapping must be explained.
    if (e.onnx_ops.empty()) {
      EXPECT_FALSE(e.notes.empty()) << e.name;
    }
    std::set<std::string_view> ops;
    for (std::string_view op : e.onnx_ops) {
      EXPECT_FALSE(op.empty()) << e.name;
      EXPECT_TRUE(ops.insert(op).second) << e.name << " lists " << op << " twice";
    }
  }
}

TEST(Catalog, FindOp) {
  const OpEntry* add = find_op("Add");
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(add->name, "Add");
  EXPECT_EQ(add->group, Group::Tier1);
  EXPECT_EQ(add->family, "elemwise");
  EXPECT_EQ(find_op("NoSuchOp"), nullptr);
  EXPECT_EQ(find_op(""), nullptr);
  EXPECT_EQ(find_op("add"), nullptr);  // case-sensitive
  for (const OpEntry& e : all_ops()) EXPECT_EQ(find_op(e.name), &e);
  // Reductions and elementwise max/min are distinct rows.
  ASSERT_NE(find_op("Max"), nullptr);
  ASSERT_NE(find_op("Maximum"), nullptr);
  EXPECT_EQ(find_op("Max")->group, Group::Tier3);
  EXPECT_EQ(find_op("Maximum")->group, Group::Tier1);
}

TEST(Catalog, Tier1NamesExactlyAsTheIrUsesThem) {
  const std::vector<std::string_view> expected = {
      "FunctionGraph", "Constant", "DeepCopyOp", "Cast",    "Identity", "Add",  "Sub",
      "Mul",           "TrueDiv",  "Neg",        "Abs",     "Maximum",  "Minimum", "Exp",
      "Log",           "Sqrt",     "Pow",        "Floor",   "Ceil",     "Round"};
  EXPECT_EQ(names_of(Group::Tier1), expected);
}

TEST(Catalog, TierListsFollowTheSeedChecklist) {
  const std::vector<std::string_view> tier2 = {
      "Shape", "Shape_i", "SpecifyShape", "Reshape", "DimShuffle", "Squeeze", "ExpandDims", "Join",
      "Concatenate", "Stack", "Split", "Subtensor", "IncSubtensor", "AdvancedSubtensor1",
      "AdvancedIncSubtensor1"};
  EXPECT_EQ(names_of(Group::Tier2), tier2);
  const std::vector<std::string_view> tier3 = {
      "Sum", "Prod", "Max", "Min", "All", "Any", "Argmax", "Argmin", "CAReduce", "Alloc",
      "AllocEmpty", "MakeVector", "ARange", "Eye", "TensorFromScalar", "ScalarFromTensor"};
  EXPECT_EQ(names_of(Group::Tier3), tier3);
  const std::vector<std::string_view> tier4 = {
      "Dot", "Gemm", "Gemv", "BatchedDot", "Dot22", "SVD", "QR", "Cholesky", "LU", "Eig",
      "Eigh", "Solve", "SolveTriangular", "Lstsq", "MatrixInverse", "MatrixPinv", "Det",
      "SLogDet", "Expm", "ExtractDiag"};
  EXPECT_EQ(names_of(Group::Tier4), tier4);
  const std::vector<std::string_view> tier5 = {
      "Sin", "Cos", "Tan", "ArcSin", "ArcCos", "ArcTan", "Sinh", "Cosh", "Tanh", "ArcSinh",
      "ArcCosh", "ArcTanh", "LT", "GT", "LE", "GE", "EQ", "NEQ", "AND", "OR", "XOR", "Invert",
      "Sigmoid", "Softplus", "Log1p", "Expm1", "Erf", "Erfc", "Clip", "Softmax", "LogSoftmax",
      "Switch", "IfElse", "Scan", "CumOp", "Repeat", "Unique", "SearchsortedOp", "SortOp",
      "ArgSortOp", "FillDiagonal", "Pad"};
  EXPECT_EQ(names_of(Group::Tier5), tier5);
}

TEST(Catalog, GroupsAreContiguousAndOrdered) {
  // all_ops() lists tier1..tier5, then cnn, then extended.
  int last = -1;
  for (const OpEntry& e : all_ops()) {
    int idx = static_cast<int>(e.group);
    EXPECT_GE(idx, last) << e.name;
    last = idx;
  }
}

TEST(Catalog, GroupNamesAndTiers) {
  EXPECT_EQ(group_name(Group::Tier1), "tier1");
  EXPECT_EQ(group_name(Group::Tier5), "tier5");
  EXPECT_EQ(group_name(Group::CNN), "cnn");
  EXPECT_EQ(group_name(Group::Extended), "extended");
  EXPECT_EQ(group_title(Group::Tier1), "Tier 1: Core Infrastructure + Basic Elemwise");
  EXPECT_EQ(group_title(Group::Tier3), "Tier 3: Reductions & Allocation");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(group_tier(kTiers[i]), i + 1);
  EXPECT_EQ(group_tier(Group::CNN), 0);
  EXPECT_EQ(group_tier(Group::Extended), 0);
  for (Group g : kAllGroups) {
    EXPECT_EQ(group_from_name(group_name(g)), g);
    EXPECT_FALSE(group_title(g).empty());
  }
  EXPECT_FALSE(group_from_name("tier6").has_value());
}

// Spot checks of mappings the seed got wrong (see the rows' notes).
TEST(Catalog, CorrectedMappings) {
  auto has = [](std::string_view op, std::string_view onnx) {
    const OpEntry* e = find_op(op);
    if (!e) return false;
    for (std::string_view o : e->onnx_ops)
      if (o == onnx) return true;
    return false;
  };
  EXPECT_TRUE(has("TrueDiv", "Cast"));
  EXPECT_TRUE(has("TrueDiv", "Div"));
  EXPECT_TRUE(has("IntDiv", "Where"));  // floor correction, not a bare Div
  EXPECT_TRUE(has("Round", "Round"));   // half to even in both
  EXPECT_TRUE(has("ExpandDims", "Unsqueeze"));
  EXPECT_TRUE(has("Det", "Exp"));  // NumPy's sign * exp(logabsdet), not ONNX Det's open algorithm
  EXPECT_TRUE(has("ArgSortOp", "TopK"));
  EXPECT_TRUE(has("NEQ", "Not"));
  EXPECT_TRUE(has("Clip", "Where"));
  EXPECT_FALSE(has("ExtractDiag", "Identity"));
  EXPECT_FALSE(has("Repeat", "Tile"));
  for (std::string_view la : {"SVD", "QR", "Cholesky", "LU", "Eig", "Eigh", "Solve", "SolveTriangular",
                              "Lstsq", "MatrixInverse", "MatrixPinv", "Expm"}) {
    const OpEntry* e = find_op(la);
    ASSERT_NE(e, nullptr) << la;
    EXPECT_TRUE(e->onnx_ops.empty()) << la;
    EXPECT_NE(e->notes.find("No standard ONNX op"), std::string_view::npos) << la;
  }
}

TEST(Catalog, CnnDoesNotDuplicateTier5) {
  for (const OpEntry* e : ops_in_group(Group::CNN)) {
    EXPECT_NE(e->name, "Sigmoid");
    EXPECT_NE(e->name, "Tanh");
  }
  for (std::string_view n : {"Conv2D", "MaxPool", "AveragePool", "GlobalAveragePool", "Resize",
                             "BatchNormalization", "SiLU"}) {
    const OpEntry* e = find_op(n);
    ASSERT_NE(e, nullptr) << n;
    EXPECT_EQ(e->group, Group::CNN) << n;
  }
}
