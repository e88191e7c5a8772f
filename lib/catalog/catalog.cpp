#include "catalog/catalog.h"

#include <unordered_map>

// The table. Sources: seed 000 (tiers, quick-reference checklist, ONNX
// mappings), seed 004 (CNN ops of the YOLO11n gap analysis),
// PYTENSOR_SEMANTICS.md, and the ONNX operator specs (docs/Changelog.md,
// opsets 13-18). Where a row departs from the seed's mapping its note starts
// with "Seed:". Dtype notes: "float only" means the ONNX op takes
// float16/float/double(/bfloat16) only, so integer inputs are Cast first
// (PyTensor's upgrade_to_float decides the target); ONNX Add/Sub/Mul/Div lack
// int8/int16/uint8/uint16 before opset 14.

namespace ptonnx::catalog {
namespace {

using G = Group;

std::vector<OpEntry> make_table() {
  return {
      // ---- Tier 1: Core Infrastructure + Basic Elemwise (20) -------------
      {"FunctionGraph", G::Tier1, "basic", "pytensor.graph.fg.FunctionGraph", {},
       "The graph itself: becomes the GraphProto (inputs, outputs, initializers), not a node."},
      {"Constant", G::Tier1, "basic", "pytensor.graph.basic.Constant", {"Constant"},
       "Constant node or initializer. dtype follows PyTensor's literal rules (smallest int; float32 if exact)."},
      {"DeepCopyOp", G::Tier1, "basic", "pytensor.compile.ops.DeepCopyOp", {"Identity"},
       "Copy; ONNX values are immutable so Identity suffices."},
      {"Cast", G::Tier1, "elemwise", "Elemwise{Cast}", {"Cast", "Equal", "Not", "Less", "Ceil", "Floor", "Where", "Identity"},
       "float->int truncates toward zero; ONNX leaves out-of-range float->int undefined (PyTensor's perform raises). "
       "->bool: the spec speaks of truncating bits and is silent on NaN, so emit Not(Equal(x, 0)) (NaN -> true, "
       "as NumPy). float->int: the spec names no rounding, so truncate explicitly: Where(x<0, Ceil, Floor) then Cast."},
      {"Identity", G::Tier1, "elemwise", "Elemwise{Identity} (tensor_copy)", {"Identity"}, ""},
      {"Add", G::Tier1, "elemwise", "Elemwise{Add}", {"Add", "Cast", "Or", "Mod", "Sub"},
       "Output is the upcast of the inputs: Cast first. Integer overflow wraps. Opset 13 Add has no "
       "int8/int16/uint8/uint16 (added in 14). bool+bool stays bool (logical or, as np.add): Or, since Add has no "
       "bool."},
      {"Sub", G::Tier1, "elemwise", "Elemwise{Sub}", {"Sub", "Cast", "Add", "Mod"},
       "Upcast first; rejects bool. No 8/16-bit ints before opset 14. Unsigned results wrap."},
      {"Mul", G::Tier1, "elemwise", "Elemwise{Mul}", {"Mul", "Cast", "And", "Add", "Mod", "Sub"},
       "Upcast first; bool*bool is And. No 8/16-bit ints before opset 14."},
      {"TrueDiv", G::Tier1, "elemwise", "Elemwise{TrueDiv}", {"Div", "Cast"},
       "Seed: Div -> Div. int/int gives floatX in PyTensor, so Cast both to the float output dtype then Div (ONNX Div "
       "on ints truncates and int/0 is undefined). x/0 -> +-inf or NaN as NumPy."},
      {"Neg", G::Tier1, "elemwise", "Elemwise{Neg}", {"Neg", "Sub"},
       "Rejects bool. ONNX Neg takes signed types only: unsigned needs Sub(0, x) (wraps like NumPy). -INT_MIN wraps."},
      {"Abs", G::Tier1, "elemwise", "Elemwise{Abs}", {"Abs", "Identity"},
       "Unsigned: Identity (ONNX Abs accepts it too). abs(INT_MIN) wraps to INT_MIN in NumPy."},
      {"Maximum", G::Tier1, "elemwise", "Elemwise{Maximum}", {"Max", "Cast", "Or", "Where", "IsNaN"},
       "Upcast first; bool needs Or (Max has no bool). NumPy propagates NaN from either side; the Max spec is silent, "
       "so a runtime that drops NaN needs a Where(IsNaN) guard."},
      {"Minimum", G::Tier1, "elemwise", "Elemwise{Minimum}", {"Min", "Cast", "And", "Where", "IsNaN"},
       "As Maximum: upcast, bool via And, NaN must propagate."},
      {"Exp", G::Tier1, "elemwise", "Elemwise{Exp}", {"Exp", "Cast"}, "Float only: ints upgrade_to_float first."},
      {"Log", G::Tier1, "elemwise", "Elemwise{Log}", {"Log", "Cast"},
       "Float only. log(0) = -inf, log(<0) = NaN."},
      {"Sqrt", G::Tier1, "elemwise", "Elemwise{Sqrt}", {"Sqrt", "Cast"}, "Float only. sqrt(<0) = NaN."},
      {"Pow", G::Tier1, "elemwise", "Elemwise{Pow}", {"Pow", "Cast", "Add", "Mod", "Sub"},
       "ONNX output type is the base's and the base must be int32/int64/float: Cast both to the upcast (at least "
       "8-bit; bool**bool -> int8) then Pow; 8/16-bit and unsigned ints are computed in int64 and wrapped back "
       "with Mod. int ** negative int raises in NumPy; ONNX gives an unspecified value."},
      {"Floor", G::Tier1, "elemwise", "Elemwise{Floor}", {"Floor", "Cast"},
       "Float only; PyTensor promotes ints to float first (upgrade_to_float)."},
      {"Ceil", G::Tier1, "elemwise", "Elemwise{Ceil}", {"Ceil", "Cast"}, "As Floor."},
      {"Round", G::Tier1, "elemwise", "Elemwise{RoundHalfToEven} (pt.round default)", {"Round", "Greater", "Add", "Sub", "Floor", "Ceil", "Where"},
       "ONNX Round rounds halves to even, as np.around. Float inputs only in both."},

      // ---- Tier 2: Shape Manipulation (15) --------------------------------
      {"Shape", G::Tier2, "shape", "pytensor.tensor.shape.Shape", {"Shape"}, "int64 vector in both."},
      {"Shape_i", G::Tier2, "shape", "pytensor.tensor.shape.Shape_i", {"Shape", "Gather"},
       "int64 0-d. Shape + Gather with a 0-d index (0-d result; a negative i counts from the end in both)."},
      {"SpecifyShape", G::Tier2, "shape", "pytensor.tensor.shape.SpecifyShape",
       {"Gather", "Shape", "Sub", "Abs", "ReduceSum", "Add", "Reshape"},
       "No assert in ONNX: a specified dim not proven by the input's static type is checked by Gather([0], |dim - s|), "
       "in bounds only for 0, and x is Reshaped to Shape(x) + those zeros, so a mismatch fails the model at run time "
       "(docs/runtime-errors.md). Nothing to check: Identity. IR: the shape is an attribute, -1 = None."},
      {"Reshape", G::Tier2, "shape", "pytensor.tensor.shape.Reshape",
       {"Reshape", "Cast", "Equal", "Where", "ReduceSum", "ReduceProd", "Min", "Mul", "ConstantOfShape", "Concat",
        "Slice"},
       "A 0 in PyTensor's shape is a literal zero-size dim: allowzero=1 from opset 14. At opset 13 a 0 copies the "
       "input dim; unless the shape is a constant without 0, an exact form pads the flattened input with prod(shape "
       "with 0 -> 1) elements when the shape has a 0, Reshapes, and Slices the zero dims to length 0."},
      {"DimShuffle", G::Tier2, "shape", "pytensor.tensor.elemwise.DimShuffle", {"Transpose", "Squeeze", "Unsqueeze"},
       "Transpose the kept axes, Squeeze dropped (length-1) dims, Unsqueeze the 'x' dims. Squeeze/Unsqueeze axes are an "
       "input from opset 13."},
      {"Squeeze", G::Tier2, "shape", "pytensor.tensor.shape.squeeze (a DimShuffle)", {"Squeeze"},
       "Axes are an input from opset 13. Always pass explicit axes: squeeze(axis=None) drops only statically-1 dims, "
       "ONNX without axes drops every runtime-1 dim."},
      {"ExpandDims", G::Tier2, "shape", "pytensor.tensor.basic.expand_dims (a DimShuffle)", {"Unsqueeze"},
       "Seed: 'Unsqueeze axes attribute at 18' is wrong: axes are an input from opset 13."},
      {"Join", G::Tier2, "tensor_basic", "pytensor.tensor.basic.Join", {"Concat", "Cast"},
       "Inputs cast to the upcast dtype. The axis (an input in PyTensor < 3.1.1) must be a constant. 0-d inputs are "
       "an error in both."},
      {"Concatenate", G::Tier2, "tensor_basic", "pytensor.tensor.basic.concatenate (builds a Join)", {"Concat", "Cast"},
       "Seed lists Join/Concatenate as one item; two rows here, same mapping as Join."},
      {"Stack", G::Tier2, "tensor_basic", "pytensor.tensor.basic.stack (Join of expand_dims, MakeVector for 0-d)",
       {"Unsqueeze", "Concat", "Cast"},
       "Seed: Concat + Reshape works but Unsqueeze each input then Concat is direct (and the only way for 0-d inputs: "
       "Concat rejects rank 0)."},
      {"Split", G::Tier2, "tensor_basic", "pytensor.tensor.basic.Split", {"Split", "Cast"},
       "Split sizes are an input from opset 13 (num_outputs attribute at 18). PyTensor raises if len != n, sum != dim or "
       "a size < 0; ONNX leaves that invalid."},
      {"Subtensor", G::Tier2, "subtensor", "pytensor.tensor.subtensor.Subtensor",
       {"Slice", "Gather", "Shape", "Where", "Min", "Max", "Div"},
       "idx_list is a string attribute in Python syntax ('1:-1:2,$0', docs/graph-json.md). Slice's clamping differs "
       "from NumPy's for a start below -n with a negative step (ONNX clamps to 0, NumPy gives empty): the converter "
       "passes NumPy's normalised first position and first+count*step (INT64_MIN when negative), computed at export "
       "or from Shape with Where/Min/Max/Div for run-time bounds and unknown dims. Integer index: Gather with a 0-d "
       "index (raises out of bounds). Step 0 raises in PyTensor and in Slice."},
      {"IncSubtensor", G::Tier2, "subtensor", "pytensor.tensor.subtensor.IncSubtensor",
       {"ScatterND", "Slice", "Gather", "Expand", "Range", "Add"},
       "On a copy. The region x[idx] as Subtensor (raises like it), y Expanded to it (+ region for inc), written "
       "back with ScatterND at the grid of visited positions (Range per slice axis, Gather(Range(n), i) per integer "
       "index). y must have x's dtype in the IR."},
      {"AdvancedSubtensor1", G::Tier2, "subtensor", "pytensor.tensor.subtensor.AdvancedSubtensor1", {"Gather"},
       "x.take(i, axis=0): Gather axis 0, negative indices wrap (opset 11+). Out of bounds raises in PyTensor, is an "
       "error in ONNX. Folded into AdvancedSubtensor in PyTensor 3.2."},
      {"AdvancedIncSubtensor1", G::Tier2, "subtensor", "pytensor.tensor.subtensor.AdvancedIncSubtensor1",
       {"ScatterND", "Gather", "Range", "Equal", "Where", "ReduceMax", "ReduceSum", "Expand"},
       "Seed: ScatterElements. Indices go through Gather(Range(n), i) (wrap + bounds error). set, last write wins: "
       "a per-row gather of y's last matching row (ReduceMax of the matching k), since ScatterND with duplicate "
       "indices is undefined. inc (np.add.at): ScatterND reduction='add' from opset 16; before, integers/bool sum "
       "duplicates with a masked ReduceSum (exact modulo 2^bits) and floats unroll a static index length in "
       "np.add.at's order (unknown length: UnsupportedError)."},

      // ---- Tier 3: Reductions & Allocation (16) ---------------------------
      {"Sum", G::Tier3, "reduction", "pytensor.tensor.math.Sum (CAReduce{Add})", {"ReduceSum", "Cast"},
       "Axes are an input from opset 13. axis=() is a copy: never emit an empty axes input (ONNX then reduces all "
       "unless noop_with_empty_axes=1). Discrete inputs sum to int64/uint64: Cast first (ReduceSum has no 8/16-bit "
       "ints). float32 accumulates in float64 in PyTensor. Empty -> 0."},
      {"Prod", G::Tier3, "reduction", "pytensor.tensor.math.Prod (CAReduce{Mul})", {"ReduceProd", "Cast"},
       "Axes attribute before opset 18, input from 18. Discrete -> int64/uint64 output. Empty -> 1."},
      {"Max", G::Tier3, "reduction", "pytensor.tensor.math.Max (CAReduce{Maximum})",
       {"ReduceMax", "Cast", "IsNaN", "Where"},
       "Axes input from opset 18. Keeps the input dtype; bool is not a ReduceMax type before opset 20 (Cast to uint8). "
       "NumPy propagates NaN, ONNX is silent and runtimes differ (ORT is reported to give 2.0 for [2, NaN]): "
       "guard with IsNaN. Empty raises in PyTensor."},
      {"Min", G::Tier3, "reduction", "pytensor.tensor.math.Min (CAReduce{Minimum})",
       {"ReduceMin", "Cast", "IsNaN", "Where"},
       "As Max."},
      {"All", G::Tier3, "reduction", "pytensor.tensor.math.All (CAReduce{AND})", {"ReduceSum", "Equal", "Not", "Cast"},
       "Seed: 'ReduceMin for bool' is invalid before opset 20 (no bool), and ReduceMin of an empty set is defined "
       "only from opset 18. Count the zeros with ReduceSum in int64 (axes input from 13, empty sum 0 at every "
       "opset): All = (count of x == 0) == 0. Empty -> True."},
      {"Any", G::Tier3, "reduction", "pytensor.tensor.math.Any (CAReduce{OR})", {"ReduceSum", "Equal", "Not", "Cast", "Greater"},
       "As All: (count of x != 0) > 0. Empty -> False."},
      {"Argmax", G::Tier3, "reduction", "pytensor.tensor.math.Argmax",
       {"ArgMax", "Reshape", "Transpose", "IsNaN", "Where", "Unsqueeze", "Pad", "Slice"},
       "int64, keepdims=0, select_last_index=0 (first occurrence). axis=None: Reshape(-1) first (flat C-order index); "
       "several axes: Transpose them last and flatten. NaN counts as the maximum (first NaN wins) in NumPy; ONNX is "
       "silent, guard with IsNaN. No bool: Cast."},
      {"Argmin", G::Tier3, "reduction", "pytensor.tensor.math.argmin (Argmax of -x; of iinfo.max-x for uint)",
       {"ArgMin", "ArgMax", "Neg", "Reshape", "Transpose", "IsNaN", "Where"},
       "No Argmin op in PyTensor: argmax(-x). ArgMin gives the true argmin, which differs where -x wraps: for "
       "[INT_MIN, 0] PyTensor returns 1. NaN: first NaN wins."},
      {"CAReduce", G::Tier3, "reduction", "pytensor.tensor.elemwise.CAReduce (generic scalar_op)",
       {"ReduceSum", "ReduceProd", "ReduceMax", "ReduceMin", "Cast"},
       "Meta-op: maps by scalar_op (Add, Mul, Maximum, Minimum; AND, OR, XOR on bool as zero counts and parity). "
       "The output keeps the input dtype (int8 sums wrap). Bitwise AND/OR/XOR of integers have no ONNX reduction: "
       "refused (UnsupportedError)."},
      {"Alloc", G::Tier3, "tensor_basic", "pytensor.tensor.basic.Alloc", {"Expand", "Unsqueeze", "Concat", "Cast"},
       "Shape built from the scalar inputs (Cast to int64, Unsqueeze + Concat; one initializer when all are "
       "constants). Expand broadcasts both ways: where v has a non-1 dim and the shape says 1, Expand keeps v's dim "
       "but Alloc raises, and the runtime-broadcast check (v dim 1 at run time, not statically) is lost "
       "(docs/runtime-errors.md)."},
      {"AllocEmpty", G::Tier3, "tensor_basic", "pytensor.tensor.basic.AllocEmpty",
       {"ConstantOfShape", "Unsqueeze", "Concat", "Cast"},
       "Contents undefined: ConstantOfShape of zeros; compared by dtype and shape only (docs/comparison.md)."},
      {"MakeVector", G::Tier3, "tensor_basic", "pytensor.tensor.basic.MakeVector", {"Unsqueeze", "Concat", "Cast"},
       "Seed: 'Concat of scalars' is invalid: Concat rejects rank 0, Unsqueeze each first. Cast to the upcast. Zero "
       "inputs: an empty constant."},
      {"ARange", G::Tier3, "tensor_basic", "pytensor.tensor.basic.ARange",
       {"Range", "Cast", "Sub", "Div", "Ceil", "Reciprocal", "Greater", "Equal", "Not", "And", "Or", "Max", "IsNaN",
        "IsInf", "Where", "Mul", "Add"},
       "Seed: 'requires static inputs' is wrong: Range takes runtime 0-d inputs. But Range computes its length in "
       "its own type (float32 bounds: float32) while NumPy divides in double, and start + 1*delta need not round "
       "to start + step: the length is computed in double as NumPy's _calc_length (with its +0-underflow rule, "
       "np.arange(0, 5, inf) = [0.]), Range(0, n, 1) enumerates int64 indices, and the values are NumPy's fill "
       "(elements 0 and 1 selected with Where). Zero step / NaN length: empty in the model, raises in PyTensor."},
      {"Eye", G::Tier3, "tensor_basic", "pytensor.tensor.basic.Eye",
       {"EyeLike", "ConstantOfShape", "Range", "Unsqueeze", "Concat", "Add", "Equal", "Cast", "Clip", "Min"},
       "EyeLike needs a 2-D input and k as an attribute: ConstantOfShape([n, m]) + EyeLike when k is constant. k is a "
       "runtime input in PyTensor: otherwise Equal(Unsqueeze(Range(n)) + k, Range(m)) + Cast; a 64-bit k is "
       "clamped to +-2^40 first (no overflow, no uint64 wrap)."},
      {"TensorFromScalar", G::Tier3, "tensor_basic", "pytensor.tensor.basic.TensorFromScalar", {"Identity"},
       "Seed: Reshape is unneeded, scalars are 0-d tensors in ONNX."},
      {"ScalarFromTensor", G::Tier3, "tensor_basic", "pytensor.tensor.basic.ScalarFromTensor", {"Identity"},
       "Seed: Reshape/ReduceSum are unneeded, 0-d to 0-d."},

      // ---- Tier 4: Linear Algebra (20) -------------------------------------
      {"Dot", G::Tier4, "math", "pytensor.tensor.math.Dot",
       {"MatMul", "Cast", "Unsqueeze", "Mul", "ReduceSum", "Mod", "Add", "Sub", "Equal", "Not"},
       "2-D x 2-D (np.matmul), upcast dtype. Floats: MatMul (float16 via float32, NumPy accumulates half in float). "
       "Integers/bool: int64 Mul of Unsqueezed operands + ReduceSum over k, wrapped back with Mod (bool: != 0); "
       "no integer MatMul (absent for 8/16-bit and bool, missing in several runtimes)."},
      {"Gemm", G::Tier4, "blas", "pytensor.tensor.blas.Gemm", {"MatMul", "Cast", "Mul", "Add", "Equal", "Where"},
       "Gemm(z, a, x, y, b) = b*z + a*x.y, float only. a and b are runtime inputs but ONNX Gemm's alpha/beta are "
       "attributes: MatMul + Mul + Add, z broadcast up. b == 0 ignores z (NaN/inf in z do not propagate): "
       "Where(b == 0, a*x.y, z*b + a*x.y), never a multiplication by 0."},
      {"Gemv", G::Tier4, "blas", "pytensor.tensor.blas.Gemv",
       {"MatMul", "Cast", "Unsqueeze", "Squeeze", "Mul", "Add", "Equal", "Where", "ReduceSum", "Mod", "Not"},
       "beta*y + alpha*A.x, any dtype (alpha/beta of y's dtype; others are a documented refusal). float32/64 follow "
       "BLAS: y ignored when beta == 0, A.x skipped when alpha == 0 (Where on both). float16/ints/bool follow "
       "perform's np.dot path: dot*alpha (+ beta*y unless beta == 0), ints wrapped via int64, bool and/or."},
      {"BatchedDot", G::Tier4, "blas", "pytensor.tensor.blas.BatchedDot",
       {"MatMul", "Cast", "Unsqueeze", "Mul", "ReduceSum", "Mod", "Equal", "Not"},
       "3-D, equal batch, upcast dtype; as Dot per batch. PyTensor raises on unequal batches (MatMul would "
       "broadcast a batch of 1): out of domain, see docs/runtime-errors.md."},
      {"Dot22", G::Tier4, "blas", "pytensor.tensor.blas.Dot22", {"MatMul", "Cast"},
       "Float 2-D x 2-D of one dtype (np.dot); float16 via float32 as Dot."},
      {"SVD", G::Tier4, "nlinalg", "pytensor.tensor.nlinalg.SVD", {},
       "No standard ONNX op: one-sided (Hestenes) Jacobi in nested default-domain Loops on the longer side "
       "(zero-padded square, transposed when wide, scaled by a power of two), sweeps until one rotates nothing; "
       "s descending; full_matrices completes U past the numerical rank from the projector's eigenvectors. "
       "Compared by LAPACK's ddrvbd ratios (U S Vt = A, orthogonality) and s within Weyl's bound. Core op on one "
       "matrix."},
      {"QR", G::Tier4, "nlinalg",
       "pytensor.tensor.linalg.decomposition.qr.QR (nlinalg.QRFull in older releases)", {},
       "No standard ONNX op: geqrf as a default-domain Loop over min(M, N) Householder steps (dgeqr2 with dlarfg's "
       "conventions: beta = -sign(alpha) * norm, tau = 0 and no reflection when the tail is exactly zero, even for "
       "alpha < 0; norms scaled against over/underflow), Q by a dorg2r Loop (backward accumulation): Q, R, the "
       "packed matrix and tau match LAPACK elementwise. Modes full, economic, r (scipy's M x N R), raw (packed "
       "M x N as perform returns it, tau, R K x N: the shapes perform returns, not make_node's). Rank-deficient "
       "inputs compared by invariants. pivoting=True (geqp3) not modelled; 0 x N: PyTensor raises. Core op on "
       "one matrix; Blockwise stacks not modelled yet."},
      {"Cholesky", G::Tier4, "slinalg", "pytensor.tensor.slinalg.Cholesky", {},
       "No standard ONNX op: exported as a default-domain Loop over the columns (dynamic n; LAPACK's left-looking "
       "dpotf2: Gather, MatMul, ReduceSum, Sqrt, Div, Where), lower/upper (upper = transposed lower factor of the "
       "transpose), one triangle read. Not positive definite or NaN gives all-NaN as PyTensor (on_error='nan'). "
       "Core op on one matrix; Blockwise stacks not modelled yet."},
      {"LU", G::Tier4, "slinalg", "pytensor.tensor.slinalg.LU", {},
       "No standard ONNX op: exported as a default-domain Loop over min(M, N) columns (getrf's partial pivoting, "
       "the first largest |pivot| as idamax, so P matches LAPACK's, ties included); P, p_indices or permute_l; "
       "rectangular inputs and scipy's empty shapes. Non-finite input is out of domain (check_finite). Core op on "
       "one matrix; Blockwise stacks not modelled yet."},
      {"Eig", G::Tier4, "nlinalg", "pytensor.tensor.nlinalg.Eig", {},
       "No standard ONNX op, and refused by decision (onnx_cannot_express, every dtype and opset): PyTensor "
       "returns complex w and v and "
       "ONNX's math ops take no complex type; four real outputs would change the model's interface. The IR states "
       "it as (real, imaginary) pairs and the oracle evaluates it (geev). See docs/converter.md, Eig."},
      {"Eigh", G::Tier4, "nlinalg", "pytensor.tensor.nlinalg.Eigh", {},
       "No standard ONNX op: parallel (round-robin) Jacobi in nested default-domain Loops, Rutishauser rotations, "
       "sweeps until one rotates nothing; one triangle read (UPLO); eigenvalues ascending, eigenvectors sorted "
       "with them. Compared by LAPACK's dsyt21 ratios (A V = V diag(w), V^T V = I) and w within Weyl's bound. Core "
       "op on one matrix."},
      {"Solve", G::Tier4, "slinalg", "pytensor.tensor.slinalg.Solve", {},
       "No standard ONNX op: gen/sym/her as the LU Loop plus two substitution Loops, pos as the Cholesky Loop plus "
       "two; all NaN on failure (PyTensor's np.full, in the output type); b vector or matrix, scipy's 1 x 1 quirk. "
       "assume_a tridiagonal/banded not modelled. Core op on one matrix."},
      {"SolveTriangular", G::Tier4, "slinalg", "pytensor.tensor.slinalg.SolveTriangular", {},
       "No standard ONNX op: exported as a default-domain Loop over the rows (forward/backward substitution, dynamic "
       "n; Gather, Where, MatMul, Div), b vector or matrix, unit_diagonal (diagonal never read), one triangle read; "
       "trans is the builder's transpose of a, as in PyTensor. An exactly zero diagonal element gives all-NaN "
       "(trtrs info > 0). Core op on one matrix; Blockwise stacks not modelled yet."},
      {"Lstsq", G::Tier4, "nlinalg", "pytensor.tensor.nlinalg.Lstsq", {},
       "No standard ONNX op: numpy.linalg.lstsq (gelsd) on the one-sided Jacobi SVD of linalg_loops::svd (reduced, "
       "U not completed), in float64 (the declared dmatrix/dvector/iscalar/dvector; NumPy would return float32 for "
       "float32 input): x = Vt^T ((U^T b) / s) for s above rcnd max(s) (rcnd = eps for rcond <= 0 or >= 1; "
       "min(M, N) == 1 keeps any nonzero value), rank int32, residuals = column sums of (b - U U^T b)^2 Sliced to K "
       "when rank == N < M, else (0,) (data-dependent shape). y must be 2-D (IR). Compared within least-squares "
       "perturbation bounds; singular values near the cutoff, float16, NaN/inf in x (NumPy raises) out of domain. "
       "Core op on one matrix."},
      {"MatrixInverse", G::Tier4, "nlinalg", "pytensor.tensor.nlinalg.MatrixInverse", {},
       "No standard ONNX op (ORT's com.microsoft Inverse is a contrib op, outside the default domain): exported as "
       "Solve's gen path against EyeLike (numpy.linalg.inv is gesv(A, I)). Singular and float16 input: PyTensor "
       "raises (out of domain)."},
      {"MatrixPinv", G::Tier4, "nlinalg", "pytensor.tensor.nlinalg.MatrixPinv", {},
       "No standard ONNX op: numpy.linalg.pinv (rcond 1e-15) on the one-sided Jacobi SVD of linalg_loops::svd "
       "(reduced, U not completed): Vt^T (s_inv U^T), s_inv = 1/s above 1e-15 max(s), else 0; hermitian "
       "symmetrises the lower triangle (NumPy's eigh reads only it). Compared elementwise within a Wedin bound; "
       "singular values near the cutoff, float16, NaN (NumPy raises) out of domain. Core op on one matrix."},
      {"Det", G::Tier4, "nlinalg", "pytensor.tensor.nlinalg.Det", {"Loop", "Log", "Exp"},
       "NumPy's det is sign * exp(logabsdet) from getrf, not a product (det([[1, 2], [3, 4]]) = "
       "-2.0000000000000004): exported from the LU Loop with that formula, so rounding and over/underflow match; "
       "ONNX Det (opset 11) leaves the algorithm open. float16 input: PyTensor raises (numpy.linalg has no half)."},
      {"SLogDet", G::Tier4, "nlinalg", "pytensor.tensor.nlinalg.SLogDet", {"Loop", "Log", "Abs", "ReduceSum"},
       "From the LU Loop: sign from the row exchanges and negative pivots, sum of log|U[i, i]|, (0, -inf) when a "
       "pivot is exactly 0; stays right where det over/underflows (Sign(Det), Log(Abs(Det)) would not). "
       "float16 input: PyTensor raises."},
      {"Expm", G::Tier4, "slinalg", "pytensor.tensor.slinalg.Expm", {},
       "No standard ONNX op: scipy 1.18.1's expm as default-domain ONNX, dynamic n, in scipy's working dtype "
       "(float32 for float16/float32, float64 otherwise) then the declared one. An If on 'diagonal' (exp of the "
       "diagonal; np.exp's dtype for 1 x 1) vs Al-Mohy & Higham: the 1-norms of A^4..A^10 and ell() pick Pade "
       "3/5/7/9/13 and s (vectorised over the stacked powers), U/V by Gathered coefficient rows (scipy's extra A^6 "
       "in U at 13 kept), I + 2 U (V - U)^-1 by an elimination Loop with partial pivoting and a back-substitution "
       "Loop on [Q^T | U^T], a Loop of s squarings with the exact diagonal and first off-diagonal for triangular "
       "input (Code Fragment 2.1). Non-square: scipy raises. Core op on one matrix; Blockwise stacks not modelled "
       "yet."},
      {"ExtractDiag", G::Tier4, "tensor_basic", "pytensor.tensor.basic.ExtractDiag",
       {"Transpose", "Shape", "Gather", "Sub", "Min", "Max", "Range", "Add", "Unsqueeze", "Slice", "Concat", "Expand",
        "GatherElements", "Squeeze"},
       "Seed: Identity is wrong. Move axis1/axis2 last, Gather the rows r0 + i, GatherElements the columns c0 + i "
       "(indices Expanded over the leading dims), squeeze: dynamic dims, any rank. No Reshape (allowzero 0 turns a "
       "computed 0 dim into a copy). A mask + ReduceSum is wrong: 0*inf = NaN off the diagonal."},

      // ---- Tier 5: Advanced Operations (42 named; the seed table says 43) --
      {"Sin", G::Tier5, "elemwise", "Elemwise{Sin}", {"Sin", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. Odd: -0 -> -0. "
       "Huge arguments reduced exactly (sin(1e22))."},
      {"Cos", G::Tier5, "elemwise", "Elemwise{Cos}", {"Cos", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. cos(+-inf) = "
       "NaN."},
      {"Tan", G::Tier5, "elemwise", "Elemwise{Tan}", {"Tan", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. Odd: -0 -> -0. "
       "tan of the double nearest pi/2 is 1.6e16, finite."},
      {"ArcSin", G::Tier5, "elemwise", "Elemwise{ArcSin}", {"Asin", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. |x| > 1 -> NaN "
       "(NumPy warns, no error). Odd: -0 -> -0."},
      {"ArcCos", G::Tier5, "elemwise", "Elemwise{ArcCos}", {"Acos", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. |x| > 1 -> "
       "NaN; arccos(1) = +0."},
      {"ArcTan", G::Tier5, "elemwise", "Elemwise{ArcTan}", {"Atan", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. Odd: -0 -> -0; "
       "+-inf -> +-pi/2."},
      {"Sinh", G::Tier5, "elemwise", "Elemwise{Sinh}", {"Sinh", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. Overflow to "
       "+-inf past 11.1 (float16: computed in float32, rounded once), 89.4 (float32), 710.5 (float64). Odd."},
      {"Cosh", G::Tier5, "elemwise", "Elemwise{Cosh}", {"Cosh", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. Overflow to "
       "+inf as Sinh."},
      {"Tanh", G::Tier5, "elemwise", "Elemwise{Tanh}", {"Tanh", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. Odd: -0 -> -0. "
       "Seed 004 lists it as a missing YOLO11n activation; catalogued once, here."},
      {"ArcSinh", G::Tier5, "elemwise", "Elemwise{ArcSinh}", {"Asinh", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. Odd: -0 -> -0."},
      {"ArcCosh", G::Tier5, "elemwise", "Elemwise{ArcCosh}", {"Acosh", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. x < 1 -> NaN; "
       "arccosh(1) = +0."},
      {"ArcTanh", G::Tier5, "elemwise", "Elemwise{ArcTanh}", {"Atanh", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. |x| > 1 -> "
       "NaN, +-1 -> +-inf (poles). Odd: -0 -> -0."},
      {"LT", G::Tier5, "elemwise", "Elemwise{LT}", {"Less", "Cast", "Where"},
       "Compare in NumPy's promotion of the two dtypes (Cast first), except a signed integer against uint64 "
       "(promoted to float64, but NumPy 1.25+ compares integers exactly): compared as uint64, Where(signed < 0). "
       "Less has no bool: bools as uint8. NaN -> False."},
      {"GT", G::Tier5, "elemwise", "Elemwise{GT}", {"Greater", "Cast", "Where"}, "As LT."},
      {"LE", G::Tier5, "elemwise", "Elemwise{LE}", {"LessOrEqual", "Cast", "Where"},
       "As LT (LessOrEqual is opset 12+; Not(Greater) would make NaN <= x True)."},
      {"GE", G::Tier5, "elemwise", "Elemwise{GE}", {"GreaterOrEqual", "Cast", "Where"}, "As LE."},
      {"EQ", G::Tier5, "elemwise", "Elemwise{EQ}", {"Equal", "Cast", "Where"},
       "As LT; Equal takes bool. NaN -> False, -0 == 0. int64 2^63 - 1 != uint64 2^63 (float64 cannot tell)."},
      {"NEQ", G::Tier5, "elemwise", "Elemwise{NEQ}", {"Not", "Equal", "Cast", "Where"},
       "Seed's 'NotEqual' is no ONNX op: Not(Equal). NaN != NaN -> True in both."},
      {"AND", G::Tier5, "elemwise", "Elemwise{AND}",
       {"And", "BitwiseAnd", "Cast", "Mod", "Unsqueeze", "BitShift", "Mul", "ReduceSum", "Add", "Sub", "Less",
        "Where", "GreaterOrEqual"},
       "Two bools: And (logical). Integers: inputs in upcast(x, y) (int8 & uint8 -> int16; a signed integer with "
       "uint64 is refused by the IR: float64 upcast, np.bitwise_and raises). Opset 18: Cast + BitwiseAnd. Opsets "
       "13-17 have no integer bitwise op: each operand's w-bit two's-complement pattern as uint64 (Mod 2^w, no "
       "out-of-range Cast), split into bit planes Mod(BitShift(x[..., None], [0..w-1], RIGHT), 2), planes "
       "multiplied, reassembled by ReduceSum(BitShift(planes, LEFT)) and wrapped back: exact, bit 63 included."},
      {"OR", G::Tier5, "elemwise", "Elemwise{OR}",
       {"Or", "BitwiseOr", "Cast", "Mod", "Unsqueeze", "BitShift", "Max", "ReduceSum", "Add", "Sub", "Less", "Where",
        "GreaterOrEqual"},
       "As AND: Or on bools, BitwiseOr at opset 18, bit planes combined by Max at 13-17."},
      {"XOR", G::Tier5, "elemwise", "Elemwise{XOR}",
       {"Xor", "BitwiseXor", "Cast", "Mod", "Unsqueeze", "BitShift", "Add", "ReduceSum", "Sub", "Less", "Where",
        "GreaterOrEqual"},
       "As AND: Xor on bools, BitwiseXor at opset 18, bit planes combined by Mod(Add, 2) at 13-17."},
      {"Invert", G::Tier5, "elemwise", "Elemwise{Invert}", {"Not", "BitwiseNot", "Sub", "Cast", "Add", "Mod"},
       "bool: Not. Integers: BitwiseNot at opset 18; at 13-17 ~x = -1 - x (signed, never overflows) or MAX - x "
       "(unsigned), one Sub (8/16-bit through int64 at opset 13, wrapped back with Mod)."},
      {"Sigmoid", G::Tier5, "elemwise", "Elemwise{Sigmoid} (scalar.math)", {"Sigmoid", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. "
       "scipy.special.expit, 1/(1+exp(-x)) in the dtype: exactly 0 once exp(-x) "
       "overflows (x < -88.7 float32, -709.8 float64; a runtime's exp(x)/(1+exp(x)) gives a subnormal there, "
       "within atol), exactly 1 past 17 (float32), 37 (float64); sigmoid(-0) = 0.5."},
      {"Softplus", G::Tier5, "elemwise", "Elemwise{Softplus} (scalar.math)",
       {"Exp", "Log", "Add", "Sub", "Mul", "Div", "Neg", "Equal", "Less", "Where", "Cast", "Identity"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float). No nfunc_spec: the impl "
       "in float64 on Python numbers, then cast: exp(x) below -37, log1p(exp(x)) "
       "below 18, x + exp(-x) below 33.3, else x (NaN falls through). ONNX Softplus, log(exp(x)+1), overflows past "
       "88.7 (float32) and underflows to 0 below -37's exp(x): not used; the piecewise form in float64 with Where "
       "(log1p as in Log1p), cast once (<= 1 ulp float16/32, measured in docs/comparison.md)."},
      {"Log1p", G::Tier5, "elemwise", "Elemwise{Log1p}",
       {"Add", "Sub", "Log", "Div", "Mul", "Equal", "Where", "Cast", "Identity"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float). No ONNX Log1p. Log(1+x) "
       "loses all precision for |x| < eps (log1p(1e-10) = 1e-10, Log(1+1e-10) = "
       "1.00000008e-10): in float64, u = 1+x; Where(u-1 == 0, x, Log(u) * (x / (u-1))) (Kahan), Where(x == inf, x, "
       ".) (inf/inf), cast once. log1p(-1) = -inf, x < -1 NaN, -0 -> -0."},
      {"Expm1", G::Tier5, "elemwise", "Elemwise{Expm1}",
       {"Exp", "Sub", "Log", "Div", "Mul", "Equal", "Where", "Cast", "Identity"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float). No ONNX Expm1. Exp(x)-1 "
       "cancels for small |x|: in float64, u = Exp(x); Where(u == 1, x, Where(u-1 "
       "== -1, -1, (u-1) * (x / Log(u)))) (Kahan), Where(u == inf, u, .) on overflow, cast once. -0 -> -0."},
      {"Erf", G::Tier5, "elemwise", "Elemwise{Erf} (scalar.math)", {"Erf", "Cast"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float), Cast first. "
       "scipy.special.erf (double; float32 rounded from it). Odd: -0 -> -0. ORT has no float64 "
       "Erf kernel."},
      {"Erfc", G::Tier5, "elemwise", "Elemwise{Erfc} (scalar.math)",
       {"Abs", "Neg", "Add", "Sub", "Mul", "Div", "Exp", "Less", "Where", "Cast", "Identity"},
       "Any dtype (bool, 8/16-bit ints -> float32, 32/64-bit -> float64: upgrade_to_float) "
       "(upgrade_to_float_no_complex). No ONNX Erfc. 1 - Erf(x) is 0 from x = 6 (float64; ~4 float32) where "
       "erfc(10) = 2.09e-45: fdlibm's erfc as a graph in float64 (rational approximations on |x| < 0.84375, < 1.25, "
       "< 2.857, < 28; the tail as exp(-z^2-0.5625) exp((z-|x|)(z+|x|) + R/S) / |x| with z = |x| rounded to "
       "float32, so z^2 is exact), erfc(-x) = 2 - erfc(x), cast once (float16 through float32 as scipy). No Erf "
       "node. erfc(-inf) = 2."},
      {"Clip", G::Tier5, "elemwise", "Elemwise{Clip}", {"Where", "Less", "Greater", "Cast"},
       "Seed: Clip -> Clip differs. ONNX Clip wants scalar bounds and with min > max returns max everywhere; "
       "PyTensor's x<min?min:(x>max?max:x) (no nfunc_spec) gives [7,7,3] for [0,5,10] with (7,3) and broadcasts "
       "tensor bounds. Exact: Where(Less(x,lo), lo, Where(Greater(x,hi), hi, x)) in upcast(x, min, max) (bool "
       "compared as uint8): NaN x and NaN bounds let x through, x's -0 is kept. ONNX Clip never used."},
      {"Softmax", G::Tier5, "special", "pytensor.tensor.special.Softmax",
       {"ReduceMax", "Sub", "Exp", "ReduceSum", "Div", "Cast"},
       "Seed: Softmax + Reshape. Opset 13 Softmax takes one axis; PyTensor's axis is a tuple (None = all axes) and "
       "its inner graph rounds per step: composed as x - ReduceMax(keepdims), Exp, Div by ReduceSum (float16 "
       "summed in float32, float32 in float64), no shapes needed. -inf rows and +inf/NaN give NaN as in NumPy; "
       "integers wrap in x - max, then upgrade_to_float; bool refused (Sub); a zero-length reduced axis raises."},
      {"LogSoftmax", G::Tier5, "special", "pytensor.tensor.special.LogSoftmax",
       {"ReduceMax", "Sub", "Exp", "ReduceSum", "Log", "Cast"},
       "As Softmax: xs - Log(ReduceSum(Exp(xs))), xs = x - max."},
      {"Switch", G::Tier5, "elemwise", "Elemwise{Switch}", {"Where", "Cast", "Equal", "Not"},
       "np.where. Condition of any dtype is truthy (nonzero; NaN true, -0.0 false): Not(Equal(c, 0)), not a Cast "
       "to bool (NaN's is open). Branches Cast to upcast(ift, iff) (int64 with uint64: float64); all three "
       "broadcast."},
      {"IfElse", G::Tier5, "control_flow", "pytensor.ifelse.IfElse", {"If", "Equal", "Not"},
       "Lazy: the IR's two inner graphs become If's then/else subgraphs reading outer values by outer scope. 0-d "
       "condition of any dtype, true if != 0 (NaN true, -0.0 false): Not(Equal(c, 0)), since If wants bool. Same "
       "dtype and ndim per output; static dims the branches disagree on become unknown."},
      {"Scan", G::Tier5, "control_flow", "pytensor.scan.op.Scan", {"Loop", "If", "Slice", "Gather", "Shape", "Min",
       "ConstantOfShape", "Concat"},
       "Models scan()'s result: sit-sot/mit-sot outputs are the states after each step (not the initial taps). "
       "Sequences cut per tap as scan() cuts them (Slice), n_steps given or the shortest cut (Min); a Loop carries "
       "each state as its last mintap values and emits the traces as scan outputs. Zero steps: an If gives empty "
       "traces (a nit-sot is (0,)*ndim, as Scan.perform returns np.empty((0,)*ndim)), since ONNX leaves a Loop's "
       "scan outputs undefined then. while-scans (a condition output) are not in the IR."},
      {"CumOp", G::Tier5, "extra_ops", "pytensor.tensor.extra_ops.CumOp",
       {"CumSum", "Cast", "Mod", "Add", "Sub", "Reshape", "Loop", "Slice", "Concat", "Mul", "And", "Or", "Shape",
        "Gather", "Max", "Identity"},
       "Output in x's dtype (make_node: x.type(); perform's int64 np.cumsum cast back wraps the same). axis=None "
       "ravels: Reshape(-1). add on int8..int32/uint8..uint32: Cast to int64, CumSum, wrap back (CumSum has no "
       "8/16-bit types, ORT's only int32/int64/float/double; int32 CumSum could overflow). Everything else (bool: "
       "Or/And, int64/uint64, floats, every mul): a sequential Loop, acc op x[k] per step, result grown by Concat, "
       "so float16/float32 round per step in NumPy's order (CumSum of float16 rounds once). No CumProd before opset "
       "26; Exp(CumSum(Log)) is wrong for zeros, negatives and integers."},
      {"Repeat", G::Tier5, "extra_ops", "pytensor.tensor.extra_ops.Repeat",
       {"Gather", "CumSum", "Range", "Expand", "Cast", "ReduceSum", "Unsqueeze", "LessOrEqual", "Shape", "Reshape"},
       "Seed: Tile computes np.tile, not np.repeat. One form for scalar and per-element repeats: r = Expand(repeats, "
       "[n]), ends = CumSum(r), idx[j] = #(ends <= j) for j in Range(ReduceSum(r)), Gather(x, idx, axis); zero "
       "repeats are skipped, totals of 0 give an empty axis. No Reshape to a computed shape (a 0 in it would copy "
       "the input dim). axis=None flattens (Reshape -1). Scalar repeats refuse a uint64 x (pt.repeat); repeats "
       "int8..int64/uint8..uint32."},
      {"Unique", G::Tier5, "extra_ops", "pytensor.tensor.extra_ops.Unique",
       {"Reshape", "Transpose", "And", "TopK", "GatherElements", "Gather", "IsNaN", "Equal", "Where", "Cast", "Less", "Pad", "Shape",
        "Slice", "Not", "Or", "Concat", "NonZero", "Squeeze", "CumSum", "Sub", "ScatterElements", "Identity"},
       "np.unique as NumPy < 2.0 (old_np_unique: inverse raveled). ONNX Unique-11 is not used: NaN and -0.0 are "
       "open in its spec, ONNX Runtime has it for float/int64/int8/string only. _unique1d composed on the exact "
       "stable sort of SortOp: mask = [True] + (sorted key or NaN flag changes), NonZero for the group starts, "
       "index = perm[starts] (first occurrence, mergesort's), inverse by ScatterElements of CumSum(mask) - 1, "
       "counts by differences. NumPy 1.24's equal_nan=True: all NaNs collapse into one (the key maps NaN to one "
       "value); -0.0 == +0.0, the first one in x is kept. axis: Transpose the axis first, Reshape to rows [N, M], one "
       "stable sort per column from the last (LSD: lexicographic, NaN last), rows equal when every field is == "
       "(NumPy's structured view: a NaN row equals no row, np.unique([nan, nan], axis=0) keeps both); M static "
       "(columns unrolled) and nonzero, else refused."},
      {"SearchsortedOp", G::Tier5, "extra_ops", "pytensor.tensor.extra_ops.SearchsortedOp",
       {"Gather", "Unsqueeze", "Cast", "IsNaN", "Less", "Not", "And", "Or", "Xor", "Where", "ReduceSum"},
       "No ONNX op; exact O(N*M) count for a sorted x: left = ReduceSum(Cast(lt(x_i, v))), right = "
       "ReduceSum(Cast(Not(lt(v, x_i)))) over x Unsqueezed against v, lt NumPy's sort order in promote(x, v) "
       "(NumPy casts both there: uint64 with int64 compares in float64): floats a < b or (IsNaN(b) and not IsNaN(a)), "
       "so NaN is largest (left of NaN = count of numbers, right = N); float16 in float32; ints and bool in int64; "
       "uint64 by its int64 view and the top bit. sorter: Gather(x, sorter) first. int64 out."},
      {"SortOp", G::Tier5, "sort", "pytensor.tensor.sort.SortOp",
       {"TopK", "GatherElements", "IsNaN", "Equal", "Where", "Cast", "Less", "Pad", "Shape", "Gather", "Slice",
        "Identity"},
       "np.sort along a constant axis (pt.sort(axis=None) flattens first). TopK(largest=0, sorted=1, k = the axis "
       "length) is stable but says nothing of NaN or -0.0, and ONNX Runtime's TopK has float/double/int32/int64 "
       "only: TopK sorts a key without NaN or -0.0 (floats: Where(IsNaN, +inf, Where(x == 0, +0, x)) in float32 "
       "(float16 widened) or float64; bool and 8..32-bit ints: Cast to int64; uint64: modulo 2^64 as int64), then a "
       "second stable TopK by the NaN flag (uint64: by the sign of the key) puts NaN after +inf; values are "
       "GatherElements(x, indices), so NaN payloads and zero signs are x's own. An axis of unknown length is padded "
       "by one largest element (TopK's k must be positive), sliced off after. Every kind gets the stable order."},
      {"ArgSortOp", G::Tier5, "sort", "pytensor.tensor.sort.ArgSortOp",
       {"TopK", "GatherElements", "IsNaN", "Equal", "Where", "Cast", "Less", "Pad", "Shape", "Gather", "Slice",
        "Identity"},
       "The indices of SortOp's form (docs/converter.md, Sorting). Seed: 'custom' is wrong: TopK's indices output. "
       "TopK breaks ties by lower index (stable); PyTensor's default quicksort (and heapsort) is not stable, so tie "
       "order is checked as a valid permutation that sorts (check/sort_invariants.cpp) unless kind is "
       "stable/mergesort, compared exactly."},
      {"FillDiagonal", G::Tier5, "extra_ops", "pytensor.tensor.extra_ops.FillDiagonal",
       {"Where", "Equal", "And", "Range", "Unsqueeze", "Shape", "Gather", "Cast", "Identity"},
       "On a copy. a[i, ..., i] = val: 2-D any m x n (i < min(m, n), perform's a.flat[:n*n:n+1]), N-d with equal "
       "dims (np.fill_diagonal raises otherwise). Mask = And of Equal(Range(dim_0), Range(dim_d)) broadcast per "
       "axis; Where(mask, val, a). val must satisfy upcast(a, val) == a, so its Cast is exact. bool/int8/int16/"
       "uint16/uint32 select in uint8/int32/int64 (ORT's Where lacks them) and Cast back."},
      {"Pad", G::Tier5, "pad", "pytensor.tensor.pad.Pad",
       {"Gather", "Range", "Mod", "Where", "Less", "Concat", "Expand", "Slice", "ReduceMax", "ReduceMin", "ReduceSum",
        "IsNaN", "Greater", "Div", "Cast", "Add", "Sub", "Mul", "Max", "Min", "Shape", "Reshape", "Unsqueeze",
        "Identity"},
       "ONNX Pad-13 has constant (one value for all sides)/reflect (ORT: pads < dim)/edge; wrap arrives at 19, "
       "symmetric never; PyTensor pads axis by axis (later axes win at corners) with per-side values. Output dtype: "
       "floatX for constant/edge/linear_ramp/maximum/minimum/mean (they start from zeros(new_shape)), x's for "
       "wrap/symmetric/reflect. wrap/symmetric/reflect/edge: Gather with PyTensor's periodic index map "
       "(_gather_indices: wrap o mod n, symmetric period 2n, reflect period max(2n-2, 1); edge clamps), so widths "
       "beyond the dim fold repeatedly. constant/maximum/minimum/mean: Concat of Expanded side values "
       "(constant_values Cast to floatX, or ReduceMax/Min with NaN made explicit / ReduceSum / count over the first "
       "or last min(stat_length, n) rows). linear_ramp: linspace(end, edge, w, endpoint=False) = (i * delta) / w + "
       "end in float64 (int64 arange times a float), right side reversed, Concat. median, reflect_type='odd': "
       "NotImplementedError in pt.pad (refused by the IR)."},

      // ---- CNN: the YOLO11n ops of seed 004 --------------------------------
      {"Conv2D", G::CNN, "conv", "pytensor.tensor.conv.abstract_conv.AbstractConv2d", {"Conv", "Slice", "Cast"},
       "PyTensor's conv2d flips the kernel (filter_flip=True, a true convolution); ONNX Conv is cross-correlation: "
       "flip the last two kernel axes (Slice with step -1, or a reversed initializer). border_mode valid/full/half/"
       "ints -> pads; subsample -> strides; filter_dilation -> dilations; num_groups -> group. Float only. The "
       "output keeps the input's dtype whatever the kernel's (make_node clones img.type): Conv in float64 for a "
       "float64 output, else float32, Cast back. ONNX Runtime's x86 CPU Conv is float only: float64 fails to load "
       "there (spec-valid)."},
      {"MaxPool", G::CNN, "pool", "pytensor.tensor.signal.pool.Pool{mode='max'} (pool_2d; removed Dec 2022)",
       {"MaxPool", "Pad", "IsNaN", "IsInf", "Not", "Equal", "Cast", "Greater", "Where", "Reshape", "Shape", "Slice",
        "Concat", "Identity", "ConstantOfShape"},
       "Static pooled dims. Window count from Pool.out_shape (ignore_border=False keeps partial windows: ceil-like, but "
       "for stride >= ws ONNX ceil_mode=1 can add a window starting past the input), so floor mode over an explicit "
       "tail pad that fits exactly that count; padding by Pad(-inf/lowest), not MaxPool's pads. NaN propagates "
       "(np.max): a MaxPool over IsNaN marks the windows; an all -inf window is forced to -inf (ONNX Runtime gives "
       "-FLT_MAX). float16 via float32, int16..uint32 via float64; "
       "int64/uint64 not built. pad < ws, pad only with ignore_border=True."},
      {"AveragePool", G::CNN, "pool",
       "pytensor.tensor.signal.pool.Pool{mode='average_inc_pad'|'average_exc_pad'}",
       {"AveragePool", "Cast", "Reshape", "Shape", "Slice", "Concat", "Identity", "ConstantOfShape"},
       "count_include_pad=1 for average_inc_pad with ignore_border=True (divisor ws_h*ws_w); 0 for average_exc_pad "
       "and for every ignore_border=False window (perform clips the divisor to the image). Floor mode with an exact "
       "tail pad as MaxPool. float16 in float32 (np.mean). Floats only (perform truncates an int average back). "
       "Seed 004's converter raised NotImplementedError for it."},
      {"GlobalAveragePool", G::CNN, "pool", "mean over the spatial axes (x.mean(axis=(2, 3), keepdims=True))",
       {"ReduceMean", "Cast", "Identity"},
       "No PyTensor op: the mean pattern on NCHW, with mean's dtypes (ints/bool -> float64). Runs in float64 "
       "(PyTensor sums float32 in float64, ints in int64); int64/uint64 not built (the int64 sum wraps). Seed 004: "
       "not implemented. ReduceMean, not GlobalAveragePool: ONNX Runtime has no float64 GlobalAveragePool."},
      {"GlobalMaxPool", G::CNN, "pool", "max over the spatial axes (x.max(axis=(2, 3), keepdims=True))",
       {"GlobalMaxPool", "ReduceMax", "IsNaN", "IsInf", "Not", "Equal", "Cast", "Greater", "Where", "Identity"},
       "No PyTensor op. Floats: GlobalMaxPool (float16 via float32; float64 ReduceMax) with IsNaN and all -inf "
       "guards (np.max propagates NaN, the spec is silent; ONNX Runtime returns -FLT_MAX for all -inf); integers "
       "ReduceMax over (2, 3). Seed 004: not implemented (large-kernel MaxPool workaround)."},
      {"Resize", G::CNN, "resize", "pytensor.tensor.resize.Resize (seed 004)", {"Resize"},
       "Integer upsampling factors. nearest = np.repeat along H, W: coordinate_transformation_mode=asymmetric, "
       "nearest_mode=floor (exact while n*s < 2^22). bilinear = scipy.ndimage.zoom(order=1, grid_mode=False), whose "
       "o -> o*(n-1)/(n*s-1) is exactly align_corners with mode=linear (float32/64 only; seed 004 xfailed it with "
       "half_pixel). Opset 13: roi '' and scales [1,1,sh,sw]; 18: axes=[2,3], scales [sh,sw]."},
      {"BatchNormalization", G::CNN, "nnet", "pytensor.tensor.nnet.batchnorm.AbstractBatchNormInference",
       {"Sub", "Add", "Sqrt", "Div", "Mul", "Unsqueeze", "Cast"},
       "Seed: BatchNormalization -> the exact sequence of perform: ONNX's (X - mean) / sqrt(var + eps) * scale + B "
       "rounds in another order, with a float32 epsilon attribute. batch_normalization_test(axes='spatial'): "
       "(x - mean) * (gamma / sqrt(var + eps)) + beta, each step rounded to the common dtype (as_common_dtype of "
       "all five), eps rounded to it first (a 0-d float64 array under NumPy 1.x value-based casting); eps >= 1e-5. "
       "Channel axis 1 (NC or NCHW). Float only."},
      {"SiLU", G::CNN, "elemwise", "x * pt.sigmoid(x) (PyTensor has no SiLU op)", {"Sigmoid", "Mul", "Cast"},
       "x * sigmoid(x): Sigmoid (upgrade_to_float, rounded), then Mul in that dtype. No SiLU/Swish op in opsets "
       "13-18 (Swish arrives in 24; HardSwish is another function). No SiLU, silu or swish in pymc-devs/pytensor "
       "(f857e69): the row models the two-op graph."},

      // ---- Extended: elementwise ops outside the seed's tiers -------------
      {"IntDiv", G::Extended, "elemwise", "Elemwise{IntDiv}",
       {"Div", "Mod", "Sub", "Mul", "Add", "Equal", "Less", "Greater", "Not", "And", "Or", "Xor", "Where", "Cast",
        "Floor"},
       "np.floor_divide in upcast(a, b) (int8 // uint8 -> int16, int64 // uint64 -> float64). Ints: ONNX Div "
       "truncates toward zero, int/0 is undefined and INT_MIN / -1 overflows (UB in C): divide by b' = Where(b == 0 "
       "or (a == INT_MIN and b == -1), 1, b), subtract Cast(r != 0 and (r < 0) xor (b' < 0)) with r = Mod(a, b', "
       "fmod=1), then Where(b == 0, 0, q): x // 0 = 0 and INT_MIN // -1 = INT_MIN as NumPy 1.24 for every width. "
       "Floats: NumPy's npy_divmod node for node (1.0 // 0.1 = 9.0, not Floor(Div) = 10): fmod, (a - mod) / b, "
       "sign correction, snap, zero quotient copysign(0, a/b) = (a/b) * 0; x // 0 = a / b (+-inf, NaN); float16 in "
       "float32, rounded once. bool // bool = And."},
      {"Mod", G::Extended, "elemwise", "Elemwise{Mod}",
       {"Mod", "Add", "Where", "Equal", "Less", "Not", "And", "Or", "Xor", "Cast"},
       "np.remainder in upcast(a, b); sign of the divisor (-7 % 2 = 1). Ints: Mod fmod=0 has these semantics, but "
       "a zero divisor is 'platform dependent' in ONNX: Mod(a, Where(b == 0 or b == -1, 1, b)), which is 0 there "
       "as in NumPy (INT_MIN % -1 = 0, never computed). Floats: fmod=0 is invalid; Mod fmod=1 (divisor 1 where b "
       "== 0), add b where the result is nonzero and its sign differs, a zero result is copysign(0, b) (1.0 % -1.0 "
       "= -0.0), x % 0 = NaN, -1 % inf = inf; float16 in float32. bool % bool = False (Xor of And)."},
      {"Sign", G::Extended, "elemwise", "Elemwise{Sign}", {"Sign", "Add", "IsNaN", "Where"},
       "Same dtype out, bool refused (PyTensor raises). Ints: Sign. Floats: ONNX Sign leaves NaN open and does not "
       "give the sign of sign(-0.0); NumPy gives NaN and +0.0: Where(IsNaN(x), x, Sign(x) + 0.0)."},
      {"Reciprocal", G::Extended, "elemwise", "Elemwise{Reciprocal}", {"Reciprocal", "Cast"},
       "upgrade_to_float (int8 -> float32: 1/3 = 0.33333334, never integer division; int32 -> float64; bool -> "
       "float32), Cast first; ONNX Reciprocal is float only. 1/0 = inf, 1/-0 = -inf."},
      {"Sqr", G::Extended, "elemwise", "Elemwise{Sqr}", {"Mul", "Identity", "Cast", "Add", "Mod", "Sub"},
       "np.square: x * x, same dtype, ints wrap (8/16-bit at opset 13 via int64 and an explicit wrap); bool is x "
       "(Identity)."},
      {"Log2", G::Extended, "elemwise", "Elemwise{Log2}", {"Log", "Mul", "Round", "Pow", "Equal", "Where", "Cast"},
       "No ONNX Log2. upgrade_to_float. In float64: Log(x) * (1/ln 2) (within 1 ulp of libm), which is not exact at "
       "powers of two (log2(8.0) = 2.9999999999999996 for 364 of the 2098 float64 powers), so k = Round(.) replaces "
       "it where x == Pow(2, k); rounded once to the output (float16 through float32)."},
      {"Log10", G::Extended, "elemwise", "Elemwise{Log10}",
       {"Log", "Mul", "Round", "Pow", "Equal", "Sub", "Abs", "LessOrEqual", "Greater", "And", "Or", "Where", "Cast"},
       "No ONNX Log10. As Log2 with 1/ln 10 (within 2 ulps): k = Round(.) where x == Pow(10, k), or for |k| >= 2 "
       "within x 2^-52 of it (1e23 is not Pow(10, 23): the tie 10^23), normal range only (log10(1e-320) is "
       "-320.0000048)."},
      {"Exp2", G::Extended, "elemwise", "Elemwise{Exp2}", {"Pow", "Cast"},
       "No ONNX Exp2: Pow(2, x) in float64 (exact at integers, overflow to inf, underflow to subnormals and 0), "
       "rounded once. upgrade_to_float."},
      {"IsNan", G::Extended, "elemwise", "Elemwise{IsNan}", {"IsNaN", "Equal", "Not"},
       "bool out for every dtype. IsNaN-13 takes float16/32/64 (ints only from 20): integers and bool are all False, "
       "Not(Equal(x, x)) (x's shape, no Shape/ConstantOfShape). pt.isnan builds alloc(False) for them instead: same "
       "values."},
      {"IsInf", G::Extended, "elemwise", "Elemwise{IsInf}", {"IsInf", "Cast", "Equal", "Not"},
       "bool out for every dtype. IsInf-10 takes float/double only before opset 20: float16 is Cast to float32 "
       "(exact); integers and bool are all False, Not(Equal(x, x))."},
      {"Trunc", G::Extended, "elemwise", "Elemwise{Trunc}", {"Floor", "Ceil", "Less", "Where", "Cast"},
       "upgrade_to_float (int8 -> float32, int64 -> float64). No ONNX Trunc: Where(x < 0, Ceil(x), Floor(x)), exact "
       "for NaN, +-inf, -0.5 -> -0.0 and values past 2^53; no Cast to an integer (overflows). Integer and bool "
       "inputs: the Cast to the float output alone (already whole)."},
      {"RoundHalfAwayFromZero", G::Extended, "elemwise", "Elemwise{RoundHalfAwayFromZero}",
       {"Floor", "Ceil", "Add", "Sub", "Greater", "Where", "Cast"},
       "ONNX Round is half-to-even. PyTensor's perform: x > 0 ? floor(x+0.5) : ceil(x-0.5) on Python floats, "
       "reproduced by the same formula in float64 (0.0 -> -0.0, 0.49999999999999994 -> 1.0, 2^52+1 -> 2^52+2; "
       "float32 0.49999997 -> 0, which the formula in float32 would round to 1). Float only (same_out_float_only)."},
      {"ArcTan2", G::Extended, "elemwise", "Elemwise{ArcTan2}",
       {"Div", "Mul", "Abs", "Add", "Sub", "Neg", "Greater", "Less", "Equal", "Or", "Where", "Cast"},
       "No ONNX Atan2. atan(min(|y|,|x|) / max(|y|,|x|)) in float64 (no overflowing y/x; fdlibm's atan from Mul/Add/"
       "Div/Where: ONNX Runtime has no float64 Atan), octant corrections with "
       "pi and pi/2 as hi + lo, t = 1 on the diagonal (inf/inf) and 0 for 0/0, signs by sign bit (x < 0 or 1/x < 0: "
       "atan2(+-0, -0) = +-pi); within 1 ulp of libm. upcast(upgrade_to_float(y), upgrade_to_float(x)); a float16 y "
       "with a bool/int8/uint8 x computes in NumPy's float16 loop."},
      {"FillDiagonalOffset", G::Extended, "extra_ops", "pytensor.tensor.extra_ops.FillDiagonalOffset",
       {"Where", "Equal", "Sub", "Range", "Unsqueeze", "Shape", "Gather", "Cast", "GreaterOrEqual", "Max", "And",
        "Identity"},
       "Not in the seed's tier list (tier 5 has FillDiagonal). 2-D only; a[i, i + offset] = val on a copy. "
       "perform's a.flat[start:end:step] with num_of_step = min(w, h, w - offset) (h + offset below) fills exactly "
       "the cells with col - row == offset, none when |offset| is beyond the matrix: Where(Equal(col - row, "
       "offset), val, a). offset of any integer dtype (uint64 compared as col - row >= 0 and Cast(col - row) == "
       "offset, no out-of-range Cast); val cast exactly as FillDiagonal's."},
  };
}

}  // namespace

const std::vector<OpEntry>& all_ops() {
  static const std::vector<OpEntry> table = make_table();
  return table;
}

const OpEntry* find_op(std::string_view name) {
  static const std::unordered_map<std::string_view, const OpEntry*> index = [] {
    std::unordered_map<std::string_view, const OpEntry*> m;
    for (const OpEntry& e : all_ops()) m.emplace(e.name, &e);
    return m;
  }();
  auto it = index.find(name);
  return it == index.end() ? nullptr : it->second;
}

std::vector<const OpEntry*> ops_in_group(Group g) {
  std::vector<const OpEntry*> out;
  for (const OpEntry& e : all_ops()) {
    if (e.group == g) out.push_back(&e);
  }
  return out;
}

std::string_view group_name(Group g) {
  switch (g) {
    case Group::Tier1: return "tier1";
    case Group::Tier2: return "tier2";
    case Group::Tier3: return "tier3";
    case Group::Tier4: return "tier4";
    case Group::Tier5: return "tier5";
    case Group::CNN: return "cnn";
    case Group::Extended: return "extended";
  }
  return "";
}

std::optional<Group> group_from_name(std::string_view name) {
  for (Group g : kAllGroups) {
    if (group_name(g) == name) return g;
  }
  return std::nullopt;
}

std::string_view group_title(Group g) {
  switch (g) {
    case Group::Tier1: return "Tier 1: Core Infrastructure + Basic Elemwise";
    case Group::Tier2: return "Tier 2: Shape Manipulation";
    case Group::Tier3: return "Tier 3: Reductions & Allocation";
    case Group::Tier4: return "Tier 4: Linear Algebra";
    case Group::Tier5: return "Tier 5: Advanced Operations";
    case Group::CNN: return "CNN: YOLO11n Operations";
    case Group::Extended: return "Extended: Other Elementwise Operations";
  }
  return "";
}

int group_tier(Group g) {
  switch (g) {
    case Group::Tier1: return 1;
    case Group::Tier2: return 2;
    case Group::Tier3: return 3;
    case Group::Tier4: return 4;
    case Group::Tier5: return 5;
    case Group::CNN:
    case Group::Extended: return 0;
  }
  return 0;
}

int seed_declared_count(Group g) {
  switch (g) {
    case Group::Tier1: return 20;
    case Group::Tier2: return 15;
    case Group::Tier3: return 16;
    case Group::Tier4: return 20;
    case Group::Tier5: return 43;  // its list names 42
    case Group::CNN:
    case Group::Extended: return 0;
  }
  return 0;
}

}  // namespace ptonnx::catalog
