// Fuzz target (libFuzzer): bytes -> onnx::TensorProto -> from_tensor_proto,
// the path of every `ptonnx run --input` file and of every initializer.
// The claimed dims must be checked against the payload before anything is
// allocated (a 10-byte file claiming 2^31 float64 elements once zero-filled
// 16 GiB); round-trips what it accepts through to_tensor_proto in both
// encodings and checks the result is bit-identical.
#include <onnx/onnx_pb.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/error.h"
#include "core/tensor_proto.h"
#include "fuzz/fuzz_budget.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
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
