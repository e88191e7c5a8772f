// Fuzz target (libFuzzer): bytes -> onnx::TensorProto -> from_tensor_proto,
// the path of every `ptonnx run --input` file and of every initializer.
// The claimed dims must be checked against the payload before anything is
// allocated (a 10-byte file claiming 2^31 float64 elements once zero-filled
// 16 GiB); round-trips what it accepts through to_tensor_proto in both
// encodings and checks the result is bit-identical. Inputs that start with
// the .npy magic go to tensor_from_npy instead (the other format `ptonnx
// run --input` reads), round-tripped through tensor_to_npy the same way.
#include <onnx/onnx_pb.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.h"
#include "core/npy.h"
#include "core/tensor_proto.h"
#include "fuzz/fuzz_budget.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (ptonnx::looks_like_npy(bytes)) {
    try {
      const ptonnx::Tensor t = ptonnx::tensor_from_npy(bytes, "fuzz.npy", ptonnx::fuzz::kMaxElements);
      if (!ptonnx::tensor_from_npy(ptonnx::tensor_to_npy(t), "back", ptonnx::fuzz::kMaxElements).bit_equal(t))
        std::abort();
    } catch (const ptonnx::Error&) {
    }
    return 0;
  }
  onnx::TensorProto proto;
  if (!proto.ParseFromArray(data, static_cast<int>(size))) return 0;
  try {
    const ptonnx::Tensor t = ptonnx::from_tensor_proto(proto, ptonnx::fuzz::kMaxElements);
    for (auto enc : {ptonnx::ProtoEncoding::Raw, ptonnx::ProtoEncoding::Typed}) {
      const ptonnx::Tensor back =
          ptonnx::from_tensor_proto(ptonnx::to_tensor_proto(t, enc), ptonnx::fuzz::kMaxElements);
      if (!back.bit_equal(t)) std::abort();  // a round trip that changes bits is a bug
    }
  } catch (const ptonnx::Error&) {
  }
  return 0;
}
