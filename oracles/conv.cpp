// Oracle kernel of Conv2D, written from AbstractConv.perform and
// BaseAbstractConv.conv (pytensor/tensor/conv/abstract_conv.py at
// a0ee9a440^), independently of lib/:
//
//   pad = border_mode_to_pad(border_mode, dilated kernel shape)
//   img = zeros(padded shape, img.dtype); img[pads...] = img      (zero border)
//   out = zeros(out_shape, img.dtype)
//   for b, g, n, im0:  out[b, g*Og + n] += convolve2d(img[b, g*Ig + im0],
//                                                     dilated_kern[g*Og + n, im0], 'valid')
//   conv_out = out[:, :, ::subsample[0], ::subsample[1]]
//
// Direct loops, no im2col. convolve2d is a true convolution: output (r, c)
// of 'valid' sums img[r + i, c + j] * dk[Hd-1-i, Wd-1-j]; the dilated
// kernel dk holds k[a, b] at (a*d0, b*d1) and zeros elsewhere, so the sum
// is over k[a, b] * img[r + (kh-1-a)*d0, c + (kw-1-b)*d1]. The zeros of the
// dilated kernel are skipped here: they add 0 * x, which differs only for
// non-finite x (the spec keeps values finite). With filter_flip=False
// perform flips the kernel first, which turns the sum into a correlation.
//
// Accumulation, as perform does it: scipy computes each (output channel,
// input channel) convolution in the promotion P of the two dtypes (its
// onemultadd loops accumulate in the element type), the result is cast to
// img's dtype T and added into `out` in T, input channel by input channel.
// scipy has no float16 loop (perform raises there); for float16 this
// oracle accumulates each channel's sum in float32 and rounds it to
// float16, then adds channels in float16 as the `+=` would.
#include <cmath>

#include "core/error.h"
#include "core/float16.h"
#include "oracles/dtype_rules.h"
#include "oracles/kernel.h"
#include "oracles/numeric.h"

namespace ptonnx::oracle {
namespace {

// v rounded to dtype t (every float op rounds once to its dtype; double
// arithmetic rounded to float or half is the correctly rounded result).
double round_to(DType t, double v) {
  switch (t) {
    case DType::Float16: return half_to_float(double_to_half(v));
    case DType::Float32: return static_cast<double>(double_to_float(v));
    default: return v;
  }
}

std::vector<int64_t> ints_or(const Node& n, const char* name, std::vector<int64_t> d) {
  return has_attr(n.attrs, name) ? attr_ints(n.attrs, name) : d;
}

std::vector<Tensor> conv2d_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor &img = in.at(0), &kern = in.at(1);
  const DType t = out_dtype(node);
  DType p = dtypes::numpy_promote(img.dtype(), kern.dtype());
  if (p == DType::Float16) p = DType::Float32;
  const int64_t N = img.shape()[0], C = img.shape()[1], H = img.shape()[2], W = img.shape()[3];
  const int64_t O = kern.shape()[0], I = kern.shape()[1], KH = kern.shape()[2], KW = kern.shape()[3];
  const auto sub = ints_or(node, "subsample", {1, 1}), dil = ints_or(node, "filter_dilation", {1, 1});
  const int64_t groups = has_attr(node.attrs, "num_groups") ? attr_int(node.attrs, "num_groups") : 1;
  const bool flip = !has_attr(node.attrs, "filter_flip") || attr_int(node.attrs, "filter_flip") != 0;
  const std::string mode = has_attr(node.attrs, "border_mode") ? attr_string(node.attrs, "border_mode") : "valid";
  // border_mode_to_pad: (top, bottom, left, right).
  const int64_t dkh = (KH - 1) * dil[0] + 1, dkw = (KW - 1) * dil[1] + 1;
  int64_t pt = 0, pb = 0, pl = 0, pr = 0;
  if (mode == "full") {
    pt = pb = dkh - 1;
    pl = pr = dkw - 1;
  } else if (mode == "half") {
    pt = pb = dkh / 2;
    pl = pr = dkw / 2;
  } else if (mode == "pads") {
    const auto& v = attr_ints(node.attrs, "pads");
    if (v.size() == 2) {
      pt = pb = v[0];
      pl = pr = v[1];
    } else {
      pt = v[0], pb = v[1], pl = v[2], pr = v[3];
    }
  }
  if (C % groups != 0 || O % groups != 0 || C / groups != I)
    throw Error("oracle: Conv2D channels " + std::to_string(C) + " / kernel " + std::to_string(I) + " x " +
                std::to_string(O) + " do not fit num_groups " + std::to_string(groups));
  const int64_t HP = H + pt + pb, WP = W + pl + pr;
  if (HP < dkh || WP < dkw) throw Error("oracle: Conv2D kernel larger than the padded input");
  // Valid convolution at stride 1 has HP - dkh + 1 rows; keep every
  // subsample-th: ceil((HP - dkh + 1) / s) = (HP - dkh) / s + 1.
  const int64_t OH = (HP - dkh) / sub[0] + 1, OW = (WP - dkw) / sub[1] + 1;
  const int64_t og = O / groups;
  // Element of the zero-padded image.
  const auto pixel = [&](int64_t b, int64_t ch, int64_t r, int64_t c) -> double {
    const int64_t rr = r - pt, cc = c - pl;
    if (rr < 0 || rr >= H || cc < 0 || cc >= W) return 0.0;
    return img.get_as_double(((b * C + ch) * H + rr) * W + cc);
  };
  Tensor out(t, {N, O, OH, OW});
  std::vector<double> acc(static_cast<size_t>(OH * OW));
  for (int64_t b = 0; b < N; ++b)
    for (int64_t o = 0; o < O; ++o) {
      const int64_t g = o / og;
      std::fill(acc.begin(), acc.end(), 0.0);
      for (int64_t im0 = 0; im0 < I; ++im0) {
        const int64_t ch = g * I + im0;
        for (int64_t r = 0; r < OH; ++r)
          for (int64_t c = 0; c < OW; ++c) {
            double s = 0;  // in P: each product and sum rounded to P
            for (int64_t a = 0; a < KH; ++a)
              for (int64_t q = 0; q < KW; ++q) {
                // Convolution reads the kernel reversed; filter_flip=False
                // pre-flips it, making the read straight.
                const int64_t ka = flip ? KH - 1 - a : a, kq = flip ? KW - 1 - q : q;
                const double w = kern.get_as_double(((o * I + im0) * KH + ka) * KW + kq);
                const double v = pixel(b, ch, r * sub[0] + a * dil[0], c * sub[1] + q * dil[1]);
                s = round_to(p, s + round_to(p, w * v));
              }
            double& dst = acc[static_cast<size_t>(r * OW + c)];
            dst = round_to(t, dst + round_to(t, s));
          }
      }
      for (int64_t i = 0; i < OH * OW; ++i) out.set_from_double((b * O + o) * OH * OW + i, acc[static_cast<size_t>(i)]);
    }
  return {out};
}

const KernelRegistrar kConv2D("Conv2D", conv2d_kernel);

}  // namespace
}  // namespace ptonnx::oracle
