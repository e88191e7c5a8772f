// ptonnx_fuzz_seeds OUT_DIR [CASES]: seed inputs for the fuzz targets, drawn
// from the generators (the normal build; the fuzz targets themselves never
// link rapidcheck). For every sample spec and dtype, CASES cases, and CASES
// random graphs of each tier 1..5:
//   OUT_DIR/graph_json_fuzzer/   the graph JSON
//   OUT_DIR/model_fuzzer/        the exported model (opsets 13..18 in turn)
//   OUT_DIR/tensor_proto_fuzzer/ each input as a TensorProto (raw and typed)
// A case the converter refuses still gives its graph JSON. fuzz/make_corpora.sh
// adds the ONNX conformance models and tensors.
#include <rapidcheck.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "convert/export.h"
#include "core/error.h"
#include "core/npy.h"
#include "core/tensor_proto.h"
#include "generators/random_graph.h"
#include "generators/sample_spec.h"
#include "graph/json.h"

namespace fs = std::filesystem;
using namespace ptonnx;

namespace {

struct Writer {
  fs::path root;
  int count = 0;

  void file(const std::string& target, const std::string& name, const std::string& bytes) {
    std::ofstream(root / target / name, std::ios::binary) << bytes;
  }

  void write_case(const gen::Case& c, const std::string& stem) {
    file("graph_json_fuzzer", stem + ".json", graph_to_json_string(*c.graph));
    for (size_t i = 0; i < c.inputs.size(); ++i)
      for (auto enc : {ProtoEncoding::Raw, ProtoEncoding::Typed})
        file("tensor_proto_fuzzer", stem + "_in" + std::to_string(i) + (enc == ProtoEncoding::Raw ? "r" : "t") + ".pb",
             to_tensor_proto(c.inputs[i], enc, "x").SerializeAsString());
    // The same inputs as .npy files: tensor_proto_fuzzer reads those too.
    for (size_t i = 0; i < c.inputs.size(); ++i)
      file("tensor_proto_fuzzer", stem + "_in" + std::to_string(i) + ".npy", tensor_to_npy(c.inputs[i]));
    try {
      ExportOptions opts;
      opts.opset = 13 + count % 6;
      opts.validate = false;
      file("model_fuzzer", stem + ".onnx", export_onnx(*c.graph, opts).SerializeAsString());
    } catch (const Error&) {
      // Unsupported at this opset: the graph seed is still useful.
    }
    ++count;
  }
};

// One value of `g`, drawn outside a property; nullopt when the generator
// gives up (rapidcheck throws GenerationFailure) or the case is refused.
template <typename T>
std::optional<T> draw(const rc::Gen<T>& g, uint64_t seed, int size) {
  try {
    return g(rc::Random(seed), size).value();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: ptonnx_fuzz_seeds OUT_DIR [CASES]\n";
    return 2;
  }
  const int cases = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  Writer w{argv[1]};
  for (const char* t : {"graph_json_fuzzer", "model_fuzzer", "tensor_proto_fuzzer"}) fs::create_directories(w.root / t);
  uint64_t seed = 1;
  for (const gen::SampleSpec* spec : gen::all_specs())
    for (DType dt : spec->dtypes)
      for (int k = 0; k < cases; ++k)
        if (auto c = draw(spec->gen(dt), seed++, 10 + 20 * k))
          w.write_case(*c, spec->op + "_" + std::string(dtype_name(dt)) + "_" + std::to_string(k));
  for (int tier = 1; tier <= 5; ++tier) {
    gen::GraphOptions o;
    o.tier = tier;
    for (int k = 0; k < cases * 4; ++k)
      if (auto c = draw(gen::random_graph(o), seed++, 30))
        w.write_case(*c, "graph_t" + std::to_string(tier) + "_" + std::to_string(k));
  }
  std::cout << "ptonnx_fuzz_seeds: " << w.count << " cases in " << w.root.string() << "\n";
  return 0;
}
