// Optional (opset 15), OptionalHasElement and OptionalGetElement (15, and
// 18, which also take a plain tensor or sequence, and for HasElement an
// absent input). An optional is a Container (runtime/container.h) of kind
// OptionalTensor or OptionalSequence, with or without its element.
//
// Spec points (docs/Operators.md):
// - Optional with an input wraps it; without one, its `type` attribute
//   (a TypeProto: a tensor or a sequence of tensors) says what the empty
//   optional would hold.
// - OptionalGetElement of an empty optional is an error.
// - From opset 18, a tensor or sequence given where an optional is
//   expected counts as a present optional; HasElement of an absent input
//   is false.
#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {
namespace {

std::optional<DType> elem_type(const onnx::TypeProto_Tensor& t) {
  if (t.elem_type() == 0) return std::nullopt;
  auto dt = dtype_from_onnx(t.elem_type());
  if (!dt) throw UnsupportedError("element type " + std::to_string(t.elem_type()) + " is not one the runtime holds");
  return dt;
}

std::vector<Tensor> optional_kernel(KernelContext& ctx) {
  auto c = std::make_shared<Container>();
  if (const Container* in = ctx.container(0)) {
    if (!in->is_sequence()) throw TypeError("input is a " + in->describe() + "; Optional wraps a tensor or a sequence");
    c->kind = Container::Kind::OptionalSequence;
    // The copy is checked against the budget before it is made.
    if (in->bytes() > ctx.bytes_available())
      throw LimitError("wrapping a " + in->describe() + " of " + std::to_string(in->bytes()) + " bytes exceeds the " +
                       std::to_string(ctx.bytes_available()) + " bytes left");
    c->items = in->items;
    c->elem_dtype = in->elem_dtype;
  } else if (ctx.has_input(0)) {
    c->kind = Container::Kind::OptionalTensor;
    c->items.push_back(ctx.input(0));
    c->elem_dtype = ctx.input(0).dtype();
  } else {
    const onnx::AttributeProto* type = nullptr;
    for (const auto& a : ctx.node().attribute())
      if (a.name() == "type") type = &a;
    if (!type || !type->has_tp())
      throw ValidationError("an Optional without an input needs its 'type' attribute (a TypeProto)");
    const onnx::TypeProto& tp = type->tp();
    if (tp.has_tensor_type()) {
      c->kind = Container::Kind::OptionalTensor;
      c->elem_dtype = elem_type(tp.tensor_type());
    } else if (tp.has_sequence_type() && tp.sequence_type().elem_type().has_tensor_type()) {
      c->kind = Container::Kind::OptionalSequence;
      c->elem_dtype = elem_type(tp.sequence_type().elem_type().tensor_type());
    } else {
      throw UnsupportedError("'type' must be a tensor or a sequence of tensors; other optionals are not held");
    }
    c->present = false;
  }
  ctx.set_output_container(0, std::move(c));
  return std::vector<Tensor>(1);
}

// The optional input 0, or null when opset 18's plain tensor/sequence (or,
// for HasElement, nothing) is given instead.
const Container* optional_input(const KernelContext& ctx) {
  const Container* c = ctx.container(0);
  if (c && c->is_optional()) return c;
  if (ctx.opset() < 18) {
    if (c) throw TypeError("input is a " + c->describe() + "; before opset 18 an optional is required");
    if (ctx.has_input(0)) throw TypeError("input is a tensor; before opset 18 an optional is required");
    throw ValidationError("the optional input is missing");
  }
  return nullptr;
}

std::vector<Tensor> optional_has_element(KernelContext& ctx) {
  const Container* c = optional_input(ctx);
  const bool present = c ? c->present : (ctx.container(0) != nullptr || ctx.has_input(0));
  return one_output(Tensor::scalar(DType::Bool, present ? 1.0 : 0.0));
}

std::vector<Tensor> optional_get_element(KernelContext& ctx) {
  const Container* c = optional_input(ctx);
  if (!c) {
    // Opset 18: a tensor or a sequence is its own element.
    if (const ContainerPtr& seq = ctx.container_ptr(0)) {
      ctx.set_output_container(0, seq);
      return std::vector<Tensor>(1);
    }
    return one_output(ctx.input(0));
  }
  if (!c->present) throw ValidationError("the optional input is empty (" + c->describe() + ")");
  if (c->kind == Container::Kind::OptionalTensor) {
    if (c->items.size() != 1)
      throw Error("a present optional tensor holds " + std::to_string(c->items.size()) + " tensors (runtime bug)");
    ctx.check_elements(c->items[0].numel(), c->items[0].dtype());
    return one_output(c->items[0]);
  }
  if (c->bytes() > ctx.bytes_available())
    throw LimitError("the " + c->describe() + " of " + std::to_string(c->bytes()) + " bytes exceeds the " +
                     std::to_string(ctx.bytes_available()) + " bytes left");
  ctx.set_output_container(0, make_sequence(c->items, c->elem_dtype));
  return std::vector<Tensor>(1);
}

const KernelRegistrar kOptional("Optional", 15, optional_kernel, TakesContainers{});
const KernelRegistrar kOptionalHasElement("OptionalHasElement", 15, optional_has_element, TakesContainers{});
const KernelRegistrar kOptionalGetElement("OptionalGetElement", 15, optional_get_element, TakesContainers{});

}  // namespace
}  // namespace ptonnx::runtime::kernels
