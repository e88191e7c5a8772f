#!/usr/bin/python3
"""How far NumPy's own float loops are from glibc's libm, in ulps.

The oracle computes the elementwise math ops with the C++ standard library
(glibc's libm); PyTensor's perform calls NumPy's ufuncs, which on x86-64 may
dispatch to SIMD implementations (AVX2/AVX512) that are not correctly
rounded. The default tolerance (4 ulp for float32/64, docs/comparison.md)
must cover that difference. This script measures it on this machine:

    python3 bench/numpy_ulps.py [SAMPLES]

(Debian: apt-get install python3-numpy.) Per function: the largest
|numpy(x) - libm(x)| in ulps of the libm value over SAMPLES uniform draws
(default 200,000) from the function's domain, in float64 and float32 (the
float32 reference is libm's double result rounded once to float32).
"""
import math
import sys

import numpy as np

FUNCTIONS = {
    "sin": (math.sin, (-100, 100)),
    "cos": (math.cos, (-100, 100)),
    "tan": (math.tan, (-100, 100)),
    "arcsin": (math.asin, (-1, 1)),
    "arccos": (math.acos, (-1, 1)),
    "arctan": (math.atan, (-100, 100)),
    "sinh": (math.sinh, (-700, 700)),
    "cosh": (math.cosh, (-700, 700)),
    "tanh": (math.tanh, (-100, 100)),
    "arcsinh": (math.asinh, (-100, 100)),
    "arccosh": (math.acosh, (1, 100)),
    "arctanh": (math.atanh, (-1, 1)),
}


def worst_ulps(values, reference, dtype):
    reference = reference.astype(dtype)
    finite = np.isfinite(reference) & np.isfinite(values.astype(dtype))
    gap = np.abs(values[finite].astype(np.float64) - reference[finite].astype(np.float64))
    ulp = np.spacing(np.abs(reference[finite])).astype(np.float64)
    return float(np.max(gap / ulp)) if gap.size else 0.0


def main():
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rng = np.random.default_rng(20261201)
    print(f"numpy {np.__version__}, {samples} samples per function")
    with np.errstate(all="ignore"):
        for name, (libm, (lo, hi)) in FUNCTIONS.items():
            x64 = rng.uniform(lo, hi, samples)
            ref64 = np.array([libm(v) for v in x64])
            x32 = x64.astype(np.float32)
            ref32 = np.array([libm(float(v)) for v in x32])
            f = getattr(np, name)
            print(f"{name:8s} float64 {worst_ulps(f(x64), ref64, np.float64):.2f} ulp  "
                  f"float32 {worst_ulps(f(x32), ref32, np.float32):.2f} ulp")


if __name__ == "__main__":
    main()
