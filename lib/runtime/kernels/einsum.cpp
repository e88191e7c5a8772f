// Einsum (opset 12): sums of products over labelled axes, in NumPy's
// notation: explicit ("ij,jk->ik") or implicit ("ij,jk", output = labels
// seen once, sorted), with "..." for broadcast leading dims and a label
// repeated within one operand taking its diagonal.
#include <algorithm>
#include <cctype>
#include <map>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// Labels are letters; the ellipsis dims get the labels kEllipsis + k,
// k counted from the first broadcast dim.
constexpr int kEllipsis = 256;

struct Term {
  std::string letters;  // without the ellipsis
  bool ellipsis = false;
  size_t ellipsis_at = 0;  // position of "..." among the letters
};

Term parse_term(const std::string& s, const std::string& equation) {
  Term t;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "...") == 0 && !t.ellipsis) {
      t.ellipsis = true;
      t.ellipsis_at = t.letters.size();
      i += 2;
    } else if (std::isalpha(static_cast<unsigned char>(s[i]))) {
      t.letters += s[i];
    } else {
      throw ValidationError("equation '" + equation + "': unexpected '" + std::string(1, s[i]) +
                            "' (terms are letters with at most one '...')");
    }
  }
  return t;
}

// The labels of an operand's dims, ellipsis expanded to `ell` dims
// (right-aligned against the widest ellipsis of all operands, `max_ell`).
std::vector<int> expand(const Term& t, int64_t ell, int64_t max_ell) {
  std::vector<int> labels;
  for (size_t i = 0; i <= t.letters.size(); ++i) {
    if (t.ellipsis && i == t.ellipsis_at)
      for (int64_t k = 0; k < ell; ++k) labels.push_back(kEllipsis + static_cast<int>(max_ell - ell + k));
    if (i < t.letters.size()) labels.push_back(static_cast<unsigned char>(t.letters[i]));
  }
  return labels;
}

std::vector<Tensor> einsum_kernel(KernelContext& ctx) {
  std::string eq;
  for (char c : ctx.attrs().get_string("equation", ""))
    if (c != ' ') eq += c;
  const size_t arrow = eq.find("->");
  const std::string lhs = eq.substr(0, arrow);
  std::vector<Term> terms;
  for (size_t start = 0;;) {
    const size_t comma = lhs.find(',', start);
    terms.push_back(parse_term(lhs.substr(start, comma - start), eq));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (terms.size() != ctx.num_inputs())
    throw ValidationError("equation '" + eq + "' has " + std::to_string(terms.size()) + " operands but the node has " +
                          std::to_string(ctx.num_inputs()) + " inputs");
  const DType dtype = ctx.input(0).dtype();
  require_dtype(is_numeric(dtype), ctx.input(0), "Inputs", "numeric types");

  // Sizes of every label; ellipsis dims broadcast (size 1 stretches).
  int64_t max_ell = 0;
  std::vector<int64_t> ells;
  for (size_t i = 0; i < terms.size(); ++i) {
    const Tensor& x = ctx.input(i);
    if (x.dtype() != dtype)
      throw TypeError("all inputs must have the same dtype; input " + std::to_string(i) + " is " + x.describe());
    const int64_t ell = x.rank() - static_cast<int64_t>(terms[i].letters.size());
    if (ell < 0 || (!terms[i].ellipsis && ell != 0))
      throw ValidationError("operand " + std::to_string(i) + " '" + terms[i].letters +
                            "' does not match its rank: " + x.describe());
    ells.push_back(ell);
    max_ell = std::max(max_ell, ell);
  }
  std::map<int, int64_t> size;
  std::vector<std::vector<int>> in_labels;
  std::map<int, int> seen;  // label -> number of appearances across operands
  for (size_t i = 0; i < terms.size(); ++i) {
    in_labels.push_back(expand(terms[i], ells[i], max_ell));
    const Shape& s = ctx.input(i).shape();
    for (size_t d = 0; d < s.size(); ++d) {
      const int l = in_labels[i][d];
      ++seen[l];
      auto [it, fresh] = size.emplace(l, s[d]);
      if (fresh || it->second == s[d]) continue;
      if (l >= kEllipsis && (it->second == 1 || s[d] == 1)) {
        it->second = std::max(it->second, s[d]);
        continue;
      }
      throw ValidationError("equation '" + eq + "': dimension sizes " + std::to_string(it->second) + " and " +
                            std::to_string(s[d]) + " disagree for the same label");
    }
  }
  std::vector<int> out_labels;
  if (arrow != std::string::npos) {
    const Term out = parse_term(eq.substr(arrow + 2), eq);
    if (out.ellipsis && std::none_of(terms.begin(), terms.end(), [](const Term& t) { return t.ellipsis; }))
      throw ValidationError("equation '" + eq + "': '...' in the output but in no operand");
    out_labels = expand(out, max_ell, max_ell);
    for (size_t k = 0; k < out_labels.size(); ++k) {
      if (!size.count(out_labels[k]))
        throw ValidationError("equation '" + eq + "': output label '" +
                              std::string(1, static_cast<char>(out_labels[k])) + "' is in no operand");
      if (std::count(out_labels.begin(), out_labels.end(), out_labels[k]) > 1)
        throw ValidationError("equation '" + eq + "': output label repeated");
    }
  } else {
    // Implicit: the broadcast dims, then the letters seen once, sorted.
    for (int64_t k = 0; k < max_ell; ++k) out_labels.push_back(kEllipsis + static_cast<int>(k));
    for (auto [l, n] : seen)
      if (l < kEllipsis && n == 1) out_labels.push_back(l);
  }
  // Loop order: output labels, then the summed ones.
  std::vector<int> loop = out_labels;
  for (auto [l, n] : size)
    if (std::find(loop.begin(), loop.end(), l) == loop.end()) loop.push_back(l);
  Shape out_shape;
  for (int l : out_labels) out_shape.push_back(size[l]);
  double work = static_cast<double>(terms.size());
  for (int l : loop) work *= static_cast<double>(size[l]);
  check_operations(ctx, work, "Einsum '" + eq + "' (every label's size multiplied, per operand)");
  int64_t out_n = 1, summed = 1;
  for (size_t k = 0; k < loop.size(); ++k) (k < out_labels.size() ? out_n : summed) *= size[loop[k]];
  Tensor y = ctx.alloc(dtype, out_shape);
  if (out_n == 0) return one_output(std::move(y));
  // Per operand, the element stride of each loop label (summed when the
  // label repeats: the diagonal; 0 when absent or broadcast).
  std::vector<std::vector<int64_t>> stride(terms.size(), std::vector<int64_t>(loop.size(), 0));
  for (size_t i = 0; i < terms.size(); ++i) {
    const auto st = row_major_strides(ctx.input(i).shape());
    for (size_t d = 0; d < in_labels[i].size(); ++d) {
      if (ctx.input(i).shape()[d] == 1) continue;
      const auto k = static_cast<size_t>(std::find(loop.begin(), loop.end(), in_labels[i][d]) - loop.begin());
      stride[i][k] += st[d];
    }
  }
  visit_numeric(dtype, [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    // Integers accumulate in uint64_t: wrapping (two's complement) without
    // the undefined behaviour of signed overflow.
    using A = std::conditional_t<std::is_floating_point_v<compute_t<D>>, double, uint64_t>;
    std::vector<int64_t> idx(loop.size(), 0), off(terms.size(), 0);
    auto out = y.data<storage_t<D>>();
    for (int64_t o = 0; o < out_n; ++o) {
      A acc = 0;
      for (int64_t s = 0; s < summed; ++s) {
        A prod = 1;
        for (size_t i = 0; i < terms.size(); ++i)
          prod = static_cast<A>(
              prod * static_cast<A>(load<D>(ctx.input(i).template data<storage_t<D>>()[static_cast<size_t>(off[i])])));
        acc = static_cast<A>(acc + prod);
        // Odometer over all loop labels, innermost (last) first.
        for (size_t k = loop.size(); k-- > 0;) {
          for (size_t i = 0; i < terms.size(); ++i) off[i] += stride[i][k];
          if (++idx[k] < size[loop[k]]) break;
          for (size_t i = 0; i < terms.size(); ++i) off[i] -= stride[i][k] * idx[k];
          idx[k] = 0;
        }
      }
      out[static_cast<size_t>(o)] = store<D>(static_cast<compute_t<D>>(acc));
    }
  });
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"Einsum", 12, einsum_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
