// TfIdfVectorizer (opset 9) over integer tokens: counts the n-grams of the
// pool (lengths min_gram_length..max_gram_length, tokens up to
// max_skip_count apart) in each row and weights them (TF, IDF or TFIDF).
// String tokens need string tensors, which the runtime does not have.
#include <algorithm>
#include <map>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

std::vector<Tensor> tfidf_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(x.dtype() == DType::Int32 || x.dtype() == DType::Int64, x, "X", "int32, int64 (strings unsupported)");
  if (x.rank() != 1 && x.rank() != 2) throw ValidationError("X must be [C] or [N, C], got " + x.describe());
  const auto& a = ctx.attrs();
  const int64_t min_n = a.get_int("min_gram_length"), max_n = a.get_int("max_gram_length");
  const int64_t max_skip = a.get_int("max_skip_count");
  const std::string mode = a.get_string("mode", "");
  if (mode != "TF" && mode != "IDF" && mode != "TFIDF")
    throw ValidationError("mode must be TF, IDF or TFIDF, got '" + mode + "'");
  if (min_n < 1 || max_n < min_n || max_skip < 0)
    throw ValidationError("need 1 <= min_gram_length <= max_gram_length and max_skip_count >= 0");
  if (a.has("pool_strings")) throw UnsupportedError("pool_strings (string tokens) is not supported");
  const std::vector<int64_t> pool = a.get_ints("pool_int64s");
  const std::vector<int64_t> starts = a.get_ints("ngram_counts");
  const std::vector<int64_t> indexes = a.get_ints("ngram_indexes");
  std::vector<float> weights;
  if (a.has("weights")) weights = a.get_floats("weights");
  // Pool group k (n-grams of length k+1) spans pool[starts[k], starts[k+1]).
  std::map<std::vector<int64_t>, int64_t> ngram_slot;  // n-gram -> position in ngram_indexes
  int64_t slot = 0;
  for (size_t k = 0; k < starts.size(); ++k) {
    const auto n = static_cast<int64_t>(k + 1);
    const int64_t begin = starts[k], end = k + 1 < starts.size() ? starts[k + 1] : static_cast<int64_t>(pool.size());
    if (begin < 0 || end < begin || end > static_cast<int64_t>(pool.size()) || (end - begin) % n != 0)
      throw ValidationError("ngram_counts " + std::to_string(k) + " does not delimit whole " + std::to_string(n) +
                            "-grams in pool_int64s");
    for (int64_t p = begin; p < end; p += n, ++slot)
      ngram_slot.emplace(std::vector<int64_t>(pool.begin() + p, pool.begin() + p + n), slot);
  }
  if (static_cast<int64_t>(indexes.size()) != slot ||
      (!weights.empty() && static_cast<int64_t>(weights.size()) != slot))
    throw ValidationError("ngram_indexes (and weights) must have one entry per pool n-gram (" + std::to_string(slot) +
                          ")");
  int64_t width = 0;
  for (int64_t i : indexes) {
    if (i < 0) throw ValidationError("ngram_indexes must be >= 0, got " + std::to_string(i));
    width = std::max(width, i + 1);
  }
  const int64_t rows = x.rank() == 2 ? x.shape()[0] : 1, cols = x.shape()[x.rank() - 1];
  Tensor y = ctx.alloc(DType::Float32, x.rank() == 2 ? Shape{rows, width} : Shape{width});
  auto out = y.data<float>();
  const std::vector<int64_t> tokens = to_int64_list(x, "X");  // exact, unlike doubles past 2^53
  std::vector<int64_t> counts(static_cast<size_t>(slot));
  std::vector<int64_t> gram;
  for (int64_t r = 0; r < rows; ++r) {
    std::fill(counts.begin(), counts.end(), 0);
    for (int64_t start = 0; start < cols; ++start)
      for (int64_t skip = 0; skip <= max_skip; ++skip)
        for (int64_t n = min_n; n <= max_n; ++n) {
          // A unigram has no gaps: count it once, not once per skip.
          if (n == 1 && skip > 0) continue;
          if (start + (n - 1) * (skip + 1) >= cols) break;
          gram.clear();
          for (int64_t k = 0; k < n; ++k)
            gram.push_back(tokens[static_cast<size_t>(r * cols + start + k * (skip + 1))]);
          const auto it = ngram_slot.find(gram);
          if (it != ngram_slot.end()) ++counts[static_cast<size_t>(it->second)];
        }
    for (int64_t s = 0; s < slot; ++s) {
      const auto c = static_cast<double>(counts[static_cast<size_t>(s)]);
      const double wgt = weights.empty() ? 1.0 : weights[static_cast<size_t>(s)];
      const double v = mode == "TF" ? c : mode == "IDF" ? (c > 0 ? wgt : 0.0) : c * wgt;
      out[static_cast<size_t>(r * width + indexes[static_cast<size_t>(s)])] = static_cast<float>(v);
    }
  }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"TfIdfVectorizer", 9, tfidf_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
