// Sample spec of Eig: documented unsupported at every dtype and opset
// (lib/convert/ops/linalg_eig.cpp, docs/converter.md "Eig"). The cases
// still run, so the property checks that the converter refuses with
// UnsupportedError (not a crash or a wrong model) and the oracle
// evaluates them: n = 0..5 small integer or uniform matrices, some with
// complex-conjugate eigenvalue pairs (rotations). No float16 (numpy.linalg
// refuses half).
#include "generators/linalg_matrices.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "graph/builder_linalg.h"

namespace ptonnx::gen {
namespace {

rc::Gen<Case> eig_case(DType t) {
  return rc::gen::exec([t] {
    const int64_t n = in_range(0, 6);
    const bool unsig = is_unsigned_integer(t) || t == DType::Bool;
    Mat a(static_cast<size_t>(n * n));
    for (auto& x : a)
      x = t == DType::Bool ? static_cast<double>(in_range(0, 2))
          : is_float(t)    ? static_cast<double>(in_range(-1000, 1001)) / 250.0
                           : static_cast<double>(in_range(unsig ? 0 : -4, 5));
    const Tensor x = to_tensor(t, a, {n, n});
    return build_case(OpRecipe{"Eig", {InputRecipe{x, *static_view(x.shape()), false}}, {}});
  });
}

SampleSpec eig_spec() {
  SampleSpec s;
  s.op = "Eig";
  for (DType t : all_dtypes())
    if (t != DType::Float16) s.dtypes.push_back(t);
  s.gen = eig_case;
  s.unsupported.push_back(
      KnownUnsupported{[](DType, int) { return true; }, UnsupportedCategory::OnnxCannotExpress,
                       "PyTensor's Eig returns complex arrays; ONNX math operators take no complex type, and a (real, "
                       "imaginary) export would change the model's outputs"});
  s.domain_notes = "no float16 (numpy.linalg refuses half: PyTensor raises)";
  return s;
}

const SampleSpecRegistrar kEig(eig_spec());

}  // namespace
}  // namespace ptonnx::gen
