#include "oracles/numeric.h"

#include "oracles/dtype_rules.h"

namespace ptonnx::oracle {

Tensor to_loop_dtype(const Tensor& t, DType to) {
  if (t.dtype() == to) return t;
  if (!is_float(to) && dtypes::numpy_promote(t.dtype(), to) != to)
    throw Error("oracle: to_loop_dtype(" + std::string(dtype_name(t.dtype())) + " -> " +
                std::string(dtype_name(to)) + ") is not a ufunc input cast");
  Tensor out(to, t.shape());
  visit_dtype(t.dtype(), [&](auto from_tag) {
    constexpr DType F = decltype(from_tag)::value;
    visit_dtype(to, [&](auto to_tag) {
      constexpr DType T = decltype(to_tag)::value;
      auto in = t.data<storage_t<F>>();
      auto o = out.data<storage_t<T>>();
      for (size_t i = 0; i < in.size(); ++i) {
        const auto v = Lane<F>::load(in[i]);
        using V = std::remove_const_t<decltype(v)>;
        if constexpr (T == DType::Float16) o[i] = double_to_half(static_cast<double>(v));
        else if constexpr (T == DType::Bool) o[i] = v != 0 ? 1 : 0;
        else if constexpr (T == DType::Float32 && std::is_floating_point_v<V>) o[i] = double_to_float(v);
        else if constexpr (std::is_floating_point_v<storage_t<T>> || !std::is_floating_point_v<V>)
          o[i] = static_cast<storage_t<T>>(v);  // int -> float: one correctly rounded C conversion
      }
    });
  });
  return out;
}

}  // namespace ptonnx::oracle
