// Parallel-ordered (round-robin) Jacobi for the symmetric eigenproblem as
// standard-domain ONNX: the building block of Eigh (and, one-sided, of the
// singular value decompositions that build on it).
#pragma once

#include <string>

#include "convert/context.h"

namespace ptonnx::linalg_loops {

// The eigen-decomposition S = V diag(w) V^T of the symmetric m x m matrix S
// (dtype t, m even, dynamic): w unsorted (the diagonal Jacobi leaves), V
// orthogonal, sweeps (int64, 0-d) the sweeps run until one rotated nothing.
struct JacobiEigen {
  std::string w, V, sweeps;
};
JacobiEigen jacobi_eigen(ConversionContext& c, const std::string& S, DType t);

// One-sided Jacobi on the columns of X (r x m, m even, dtype t): G = X V
// with mutually orthogonal columns (to m u relative to their norms), V
// (m x m) orthogonal; columns that start exactly zero are never rotated.
struct JacobiColumns {
  std::string G, V, sweeps;
};
JacobiColumns jacobi_columns(ConversionContext& c, const std::string& X, DType t);

// The SVD of A (M x N, dtype t, sizes dynamic) by one-sided Jacobi
// (lib/convert/ops/linalg_svd.cpp): s (K,) descending; with uv, U (M x M
// with full_matrices, M x K otherwise) and Vt (N x N or K x N). Without
// `complete`, U's columns past the numerical rank are zero instead of an
// orthonormal completion (enough where they are multiplied by zero, as in
// a pseudo-inverse, and a second Jacobi cheaper).
struct SVDOptions {
  bool uv = true, full_matrices = true, complete = true;
};
struct SVD {
  std::string U, s, Vt;
};
SVD svd(ConversionContext& c, const std::string& A, DType t, const SVDOptions& o);

}  // namespace ptonnx::linalg_loops
