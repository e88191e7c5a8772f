#include "generators/shapes.h"

#include <algorithm>

namespace ptonnx::gen {
namespace {

// Dims are drawn with extra weight on 0 and 1, the sizes converters break on.
rc::Gen<int64_t> dim(int64_t max_dim) {
  return rc::gen::weightedOneOf<int64_t>({{1, rc::gen::just<int64_t>(0)},
                                          {3, rc::gen::just<int64_t>(1)},
                                          {6, rc::gen::inRange<int64_t>(2, max_dim + 1)}});
}

Shape fit(Shape s, int64_t max_elements) {
  // Shrink the largest dim until the element count fits.
  while (shape_numel(s) > max_elements) {
    auto it = std::max_element(s.begin(), s.end());
    *it = std::max<int64_t>(1, *it / 2);
  }
  return s;
}

}  // namespace

rc::Gen<Shape> shape(const ShapeLimits& limits) {
  auto ranks = rc::gen::inRange(0, limits.max_rank + 1);
  if (limits.rank_at_nominal_size) ranks = rc::gen::resize(rc::kNominalSize, ranks);
  return rc::gen::mapcat(ranks, [limits](int rank) {
    return rc::gen::map(rc::gen::container<Shape>(static_cast<size_t>(rank), dim(limits.max_dim)),
                        [limits](Shape s) { return fit(std::move(s), limits.max_elements); });
  });
}

rc::Gen<StaticShape> static_view(const Shape& s) {
  return rc::gen::map(rc::gen::container<std::vector<bool>>(s.size(), rc::gen::arbitrary<bool>()),
                      [s](const std::vector<bool>& known) {
                        StaticShape out;
                        for (size_t i = 0; i < s.size(); ++i) out.push_back(known[i] ? StaticDim{s[i]} : StaticDim{});
                        return out;
                      });
}

rc::Gen<std::vector<BroadcastInput>> broadcastable(int n, const ShapeLimits& limits) {
  return rc::gen::mapcat(shape(limits), [n, limits](const Shape& out) {
    const int rank = static_cast<int>(out.size());
    // Per input: its rank (<= the output's), which dims broadcast (become
    // 1), and which dims are statically known.
    struct Choice {
      int rank;
      std::vector<bool> ones, known;
    };
    auto choice = rc::gen::mapcat(rc::gen::inRange(0, rank + 1), [rank](int r) {
      return rc::gen::map(rc::gen::pair(rc::gen::container<std::vector<bool>>(static_cast<size_t>(rank),
                                                                              rc::gen::weightedElement<bool>({{3, false}, {1, true}})),
                                        rc::gen::container<std::vector<bool>>(static_cast<size_t>(rank), rc::gen::arbitrary<bool>())),
                          [r](const std::pair<std::vector<bool>, std::vector<bool>>& p) { return Choice{r, p.first, p.second}; });
    });
    return rc::gen::map(rc::gen::container<std::vector<Choice>>(static_cast<size_t>(n), choice),
                        [out, rank](const std::vector<Choice>& choices) {
                          std::vector<BroadcastInput> inputs;
                          for (size_t k = 0; k < choices.size(); ++k) {
                            const Choice& c = choices[k];
                            // The first input keeps full rank, so the output
                            // shape is reached by at least one input.
                            const int r = k == 0 ? rank : c.rank;
                            BroadcastInput in;
                            for (int a = rank - r; a < rank; ++a) {
                              const bool one = k != 0 && c.ones[a];
                              const int64_t d = one ? 1 : out[a];
                              in.shape.push_back(d);
                              const bool must_be_static = d == 1 && out[a] != 1;
                              in.static_shape.push_back(must_be_static || c.known[a] ? StaticDim{d} : StaticDim{});
                            }
                            inputs.push_back(std::move(in));
                          }
                          return inputs;
                        });
  });
}

std::vector<int64_t> draw_axes(int64_t rank, bool several) {
  std::vector<int64_t> axes;
  if (!several) {
    axes.push_back(*rc::gen::inRange<int64_t>(0, rank));
  } else {
    const auto pick = *rc::gen::container<std::vector<bool>>(static_cast<size_t>(rank), rc::gen::arbitrary<bool>());
    for (int64_t d = 0; d < rank; ++d)
      if (pick[static_cast<size_t>(d)]) axes.push_back(d);
    if (*rc::gen::arbitrary<bool>()) std::reverse(axes.begin(), axes.end());
  }
  for (auto& a : axes)
    if (*rc::gen::arbitrary<bool>()) a -= rank;
  return axes;
}

}  // namespace ptonnx::gen
