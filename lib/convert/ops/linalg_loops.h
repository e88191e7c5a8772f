// The Loop-based building blocks of the tier-4 factorisations and solvers
// (Cholesky, SolveTriangular, LU, Det, SLogDet, Solve, MatrixInverse):
// each emits one standard-domain ONNX Loop whose trip count is a size known
// only at run time, and returns the final loop-carried values, rank-pinned
// (ONNX 1.12's inference gives a Loop's carried outputs no rank).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "convert/context.h"

namespace ptonnx::linalg_loops {

// A Loop body under construction: the iteration counter, the condition
// (passed through) and the values the loop carries.
class LoopBuilder {
 public:
  LoopBuilder(ConversionContext& outer, const char* hint);
  ConversionContext& body() { return *body_ctx_; }
  const std::string& iteration() const { return iteration_; }
  // Declares a carried value with its initial value; returns its name
  // inside the body.
  std::string carry(const char* hint, const TensorType& type, std::string initial);
  // The body's new value of carried value i (in carry() order).
  void update(size_t i, std::string value);
  // Makes the Loop stop early: the body's `keep_going` (0-d bool) decides
  // whether another iteration runs (trip_count stays the upper bound).
  void stop_unless(std::string keep_going) { keep_going_ = std::move(keep_going); }
  // Emits the Loop; returns the final carried values, rank-pinned.
  std::vector<std::string> emit(const std::string& trip_count);

 private:
  ConversionContext& outer_;
  onnx::GraphProto graph_;
  std::optional<ConversionContext> body_ctx_;
  std::string iteration_, cond_, keep_going_;
  std::vector<TensorType> types_;
  std::vector<std::string> initial_, updated_;
};

// The factor and a 0-d bool "failed".
struct Factor {
  std::string value, failed;
};

// LAPACK's left-looking dpotf2 on A's lower triangle (n x n, dtype t):
// the lower Cholesky factor (zeros above the diagonal) and whether a pivot
// was not positive (or NaN).
Factor cholesky_lower(ConversionContext& c, const std::string& A, DType t);

// Substitution T X = B, T the lower (or upper) triangle of A (n x n), B
// n x k; with `unit` the diagonal is taken as 1 and never read. failed:
// an exactly zero diagonal element (trtrs' info > 0).
Factor triangular_solve(ConversionContext& c, const std::string& A, const std::string& B, DType t, bool lower,
                        bool unit);

// getrf's LU with partial pivoting of A (m x n, dtype t), min(m, n) steps.
// packed: U on and above the diagonal, L's multipliers below (unit
// diagonal implied); perm (int64, m): row k of L U is row perm[k] of A;
// swaps (int64, 0-d): how many steps exchanged rows; singular: some pivot
// was exactly 0 (getrf's info > 0).
struct LU {
  std::string packed, perm, swaps, singular;
};
LU lu(ConversionContext& c, const std::string& A, DType t);

// Small emission helpers of the linear algebra converters.
// shape[i] as a 0-d int64.
std::string dim(ConversionContext& c, const std::string& shape, int64_t i, const char* hint);
// Range(0, n) as a 1-D int64.
std::string range(ConversionContext& c, const std::string& n, const char* hint);
// v with a new axis of size 1 at `axis`.
std::string unsqueeze(ConversionContext& c, const std::string& v, int64_t axis, const char* hint);
// Transpose of a matrix.
std::string transpose(ConversionContext& c, const std::string& v, std::string out = "");

}  // namespace ptonnx::linalg_loops
