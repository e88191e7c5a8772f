// Sample specs of IntDiv (np.floor_divide) and Mod (np.remainder): every
// dtype, the divisor of any dtype too (bool // bool, int8 // uint8 ->
// int16, int64 // uint64 -> float64, int32 // float32 -> float64, ...). No
// value domain: NumPy defines every case (x // 0 = 0 and x % 0 = 0 for
// integers, +-inf/NaN and NaN for floats; INT_MIN // -1 wraps), so the
// generic edge values stay in. One case in three is a "trap pair" case:
// dividend and divisor drawn from the values where NumPy's answer is
// special (0 and -0.0 divisors, -1 against INT_MIN, operands of mixed
// sign, +-inf, NaN, 1e30 against subnormals, 1.0 // 0.1), sometimes with a
// 0-d divisor broadcast over every dividend, so those pairs meet often
// rather than once per thousand cases. The sign of a zero result is
// compared: NumPy gives it (-0.0 // 1 = -0.0, 1.0 % -1.0 = -0.0).
#include <cmath>
#include <limits>

#include "generators/elemwise_case.h"
#include "generators/shapes.h"

namespace ptonnx::gen {
namespace {

enum class Bound { None, Min, Max, MinPlus1 };
struct Trap {
  double value;
  Bound bound = Bound::None;
};

// The dtype's special operands (its integer bounds written exactly).
std::vector<Trap> traps(DType t) {
  const double inf = std::numeric_limits<double>::infinity();
  if (t == DType::Bool) return {{0}, {1}};
  if (is_float(t)) {
    std::vector<Trap> v{{0.0},  {-0.0}, {1.0},  {-1.0}, {2.0}, {-2.0}, {7.0},          {-7.0}, {0.1},
                        {-0.1}, {0.5},  {-0.5}, {1e30}, {inf}, {-inf}, {std::nan("")}, {3.0},  {-3.0}};
    if (t == DType::Float16) v.insert(v.end(), {{65504.0}, {-65504.0}, {std::ldexp(1.0, -24)}, {6.1e-5}});
    if (t == DType::Float32) v.insert(v.end(), {{1e-40}, {-1e-45}, {3.4e38}, {1e-30}});
    if (t == DType::Float64) v.insert(v.end(), {{5e-324}, {-1e-310}, {1.7e308}, {1e300}});
    return v;
  }
  std::vector<Trap> v{{0}, {1}, {2}, {3}, {7}, {100}, {0, Bound::Max}};
  if (is_signed_integer(t))
    v.insert(v.end(), {{-1}, {-2}, {-3}, {-7}, {0, Bound::Min}, {0, Bound::Min}, {0, Bound::MinPlus1}});
  return v;
}

void set_trap(Tensor& x, int64_t i, const Trap& trap) {
  const DType t = x.dtype();
  if (trap.bound == Bound::None) {
    x.set_from_double(i, trap.value);
    return;
  }
  visit_dtype(t, [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    if constexpr (D != DType::Bool && D != DType::Float16 && !std::is_floating_point_v<storage_t<D>>) {
      using S = storage_t<D>;
      const S v = trap.bound == Bound::Max   ? std::numeric_limits<S>::max()
                  : trap.bound == Bound::Min ? std::numeric_limits<S>::min()
                                             : static_cast<S>(std::numeric_limits<S>::min() + 1);
      x.data<S>()[i] = v;
    }
  });
}

rc::Gen<Case> trap_pair_case(const std::string& op, DType t) {
  return rc::gen::exec([op, t] {
    const DType tb = *rc::gen::weightedOneOf<DType>({{3, rc::gen::just(t)}, {1, rc::gen::elementOf(all_dtypes())}});
    const int64_t n = *rc::gen::inRange<int64_t>(1, 13);
    const bool scalar_divisor = *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
    Tensor a(t, {n});
    Tensor b(tb, scalar_divisor ? Shape{} : Shape{n});
    const auto ta = traps(t), tbs = traps(tb);
    for (int64_t i = 0; i < n; ++i) set_trap(a, i, *rc::gen::elementOf(ta));
    for (int64_t i = 0; i < b.numel(); ++i) set_trap(b, i, *rc::gen::elementOf(tbs));
    return build_case(OpRecipe{
        op, {InputRecipe{a, *static_view(a.shape()), false}, InputRecipe{b, *static_view(b.shape()), false}}, {}});
  });
}

SampleSpec division(const std::string& op) {
  SampleSpec s = elemwise_spec(op, 2, all_dtypes());
  s.gen = [op, generic = s.gen](DType t) {
    return rc::gen::weightedOneOf<Case>({{2, generic(t)}, {1, trap_pair_case(op, t)}});
  };
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kIntDiv(division("IntDiv"));
const SampleSpecRegistrar kMod(division("Mod"));

}  // namespace
}  // namespace ptonnx::gen
