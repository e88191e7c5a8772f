// Example: build y = sin(x) + cos(x**2) with the pt:: builder (PyTensor's
// API, in C++), export it to ONNX at opset 17, write the model, and run it
// on ptonnx's built-in runtime.
//
//   export_graph OUT.onnx
#include <cstdio>
#include <iostream>

#include "convert/export.h"
#include "graph/builder.h"
#include "runtime/model.h"

int main(int argc, char** argv) {
  using namespace ptonnx;
  if (argc != 2) {
    std::cerr << "usage: export_graph OUT.onnx\n";
    return 2;
  }
  const VarRef x = pt::vector("x");  // float64, one dim of unknown length
  const VarRef y = pt::add(pt::sin(x), pt::cos(pt::pow(x, pt::constant(Tensor::scalar(DType::Int8, 2)))));
  y->name = "y";  // the model's output name
  const FunctionGraph graph({x}, {y});

  ExportOptions options;
  options.opset = 17;
  export_onnx_file(graph, argv[1], options);  // checked by ONNX's checker before writing

  const runtime::Model model = runtime::Model::from_file(argv[1]);
  const Tensor input = Tensor::from_vector<double>(DType::Float64, {3}, {0.0, 0.5, 2.0});
  const auto outputs = model.run({{"x", input}});
  for (const auto& [name, value] : outputs) std::cout << name << " = " << value.values_to_string() << "\n";
  return 0;
}
