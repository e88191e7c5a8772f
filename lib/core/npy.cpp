#include "core/npy.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "core/error.h"

namespace ptonnx {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
// numpy's own reader refuses headers over 10000 bytes unless told otherwise
// (format.py, _MAX_HEADER_SIZE); a header is a short dict literal.
constexpr size_t kMaxHeader = 10000;

// The dtype letters of numpy's `descr` ('<f8': little-endian float64).
std::optional<DType> dtype_from_descr(std::string_view kind_and_size) {
  static const std::pair<std::string_view, DType> table[] = {
      {"b1", DType::Bool},   {"i1", DType::Int8},    {"i2", DType::Int16},   {"i4", DType::Int32},
      {"i8", DType::Int64},  {"u1", DType::UInt8},   {"u2", DType::UInt16},  {"u4", DType::UInt32},
      {"u8", DType::UInt64}, {"f2", DType::Float16}, {"f4", DType::Float32}, {"f8", DType::Float64},
  };
  for (const auto& [text, t] : table)
    if (text == kind_and_size) return t;
  return std::nullopt;
}

std::string descr_of(DType t) {
  const char kind = t == DType::Bool ? 'b' : is_float(t) ? 'f' : is_unsigned_integer(t) ? 'u' : 'i';
  return std::string(dtype_size(t) == 1 ? "|" : "<") + kind + std::to_string(dtype_size(t));
}

// A reader of the header's Python dict literal: {'descr': '<f8',
// 'fortran_order': False, 'shape': (2, 3), }. Only what np.save writes.
class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::string& source) : s_(text), source_(source) {}

  void parse(std::string& descr, bool& fortran, Shape& shape) {
    bool seen_descr = false, seen_order = false, seen_shape = false;
    expect('{');
    while (true) {
      skip_space();
      if (peek() == '}') break;
      const std::string key = quoted();
      expect(':');
      if (key == "descr") {
        skip_space();
        if (peek() != '\'' && peek() != '"')
          fail("'descr' is not a plain dtype string (structured dtypes are not supported)");
        descr = quoted();
        seen_descr = true;
      } else if (key == "fortran_order") {
        fortran = boolean();
        seen_order = true;
      } else if (key == "shape") {
        shape = tuple();
        seen_shape = true;
      } else {
        fail("unexpected key '" + key + "'");
      }
      skip_space();
      if (peek() == ',') ++pos_;
    }
    if (!seen_descr || !seen_order || !seen_shape) fail("the header lacks 'descr', 'fortran_order' or 'shape'");
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw ValidationError(source_ + ": not a valid .npy header (" + why + ")");
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  void expect(char c) {
    skip_space();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  std::string quoted() {
    skip_space();
    const char q = peek();
    if (q != '\'' && q != '"') fail("expected a quoted string");
    const size_t end = s_.find(q, pos_ + 1);
    if (end == std::string_view::npos) fail("unterminated string");
    std::string out(s_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end + 1;
    return out;
  }
  bool boolean() {
    skip_space();
    if (s_.substr(pos_, 4) == "True") return pos_ += 4, true;
    if (s_.substr(pos_, 5) == "False") return pos_ += 5, false;
    fail("'fortran_order' is not True or False");
  }
  Shape tuple() {
    expect('(');
    Shape shape;
    while (true) {
      skip_space();
      if (peek() == ')') break;
      if (!std::isdigit(static_cast<unsigned char>(peek()))) fail("a dimension is not a non-negative integer");
      int64_t d = 0;
      while (std::isdigit(static_cast<unsigned char>(peek()))) {
        const int digit = peek() - '0';
        if (d > (std::numeric_limits<int64_t>::max() - digit) / 10) fail("a dimension overflows int64");
        d = d * 10 + digit;
        ++pos_;
      }
      if (peek() == 'L') ++pos_;  // Python 2's long literal, in old files
      shape.push_back(d);
      skip_space();
      if (peek() == ',') ++pos_;
    }
    ++pos_;
    return shape;
  }

  std::string_view s_;
  const std::string& source_;
  size_t pos_ = 0;
};

// Fortran order (first index fastest) to C order, element by element.
Tensor fortran_to_c(const Tensor& f) {
  Tensor c(f.dtype(), f.shape());
  const size_t elem = dtype_size(f.dtype());
  const int64_t rank = f.rank();
  std::vector<int64_t> index(static_cast<size_t>(rank), 0);
  for (int64_t i = 0; i < f.numel(); ++i) {
    // index is the C-order multi-index of element i; its Fortran offset:
    int64_t offset = 0, stride = 1;
    for (int64_t d = 0; d < rank; ++d) {
      offset += index[static_cast<size_t>(d)] * stride;
      stride *= f.shape()[static_cast<size_t>(d)];
    }
    std::memcpy(c.raw() + i * static_cast<int64_t>(elem), f.raw() + offset * static_cast<int64_t>(elem), elem);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[static_cast<size_t>(d)] < f.shape()[static_cast<size_t>(d)]) break;
      index[static_cast<size_t>(d)] = 0;
    }
  }
  return c;
}

}  // namespace

bool looks_like_npy(std::string_view bytes) { return bytes.substr(0, kMagic.size()) == kMagic; }

Tensor tensor_from_npy(std::string_view bytes, const std::string& source, int64_t max_elements) {
  if (!looks_like_npy(bytes)) throw ValidationError(source + ": not a .npy file (no \\x93NUMPY magic)");
  if (bytes.size() < 10) throw ValidationError(source + ": truncated .npy header");
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t header_len = 0, prefix = 0;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) | static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8;
    prefix = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw ValidationError(source + ": truncated .npy header");
    for (int i = 3; i >= 0; --i) header_len = header_len << 8 | static_cast<unsigned char>(bytes[8 + i]);
    prefix = 12;
  } else {
    throw ValidationError(source + ": .npy format version " + std::to_string(major) +
                          " is not supported (1.0, 2.0 and 3.0 are)");
  }
  if (header_len > kMaxHeader)
    throw ValidationError(source + ": .npy header of " + std::to_string(header_len) + " bytes (at most " +
                          std::to_string(kMaxHeader) + ")");
  if (bytes.size() < prefix + header_len) throw ValidationError(source + ": truncated .npy header");
  std::string descr;
  bool fortran = false;
  Shape shape;
  HeaderParser(bytes.substr(prefix, header_len), source).parse(descr, fortran, shape);

  if (descr.size() < 3) throw ValidationError(source + ": unknown .npy dtype '" + descr + "'");
  const char order = descr[0];
  const auto dtype = dtype_from_descr(std::string_view(descr).substr(1));
  if (!dtype || (order != '<' && order != '>' && order != '|' && order != '='))
    throw ValidationError(source + ": .npy dtype '" + descr +
                          "' is not supported (bool, int8..int64, uint8..uint64, float16, float32, float64; "
                          "no complex, object or structured arrays)");
  int64_t numel = 1;
  for (int64_t d : shape) {
    if (d != 0 && numel > max_elements / d)
      throw LimitError(source + ": the .npy shape " + shape_to_string(shape) + " exceeds the limit of " +
                       std::to_string(max_elements) + " elements");
    numel *= d;
  }
  if (numel > max_elements)
    throw LimitError(source + ": the .npy shape " + shape_to_string(shape) + " exceeds the limit of " +
                     std::to_string(max_elements) + " elements");
  const size_t elem = dtype_size(*dtype);
  const size_t payload = bytes.size() - prefix - header_len;
  if (payload != static_cast<size_t>(numel) * elem)
    throw ValidationError(source + ": the .npy header declares " + descr + " " + shape_to_string(shape) + " (" +
                          std::to_string(static_cast<size_t>(numel) * elem) + " bytes) but " + std::to_string(payload) +
                          " bytes follow");
  Tensor t(*dtype, shape);
  if (payload > 0) std::memcpy(t.raw(), bytes.data() + prefix + header_len, payload);
  if (order == '>' && elem > 1)
    for (int64_t i = 0; i < numel; ++i) std::reverse(t.raw() + i * elem, t.raw() + (i + 1) * elem);
  if (*dtype == DType::Bool)
    for (int64_t i = 0; i < numel; ++i)
      if (static_cast<unsigned char>(t.raw()[i]) > 1)
        throw ValidationError(source + ": .npy bool element " + std::to_string(i) + " is neither 0 nor 1");
  return fortran && t.rank() > 1 ? fortran_to_c(t) : t;
}

std::string tensor_to_npy(const Tensor& t) {
  std::string shape = "(";
  for (int64_t d : t.shape()) shape += std::to_string(d) + ", ";
  if (t.rank() > 1) shape.resize(shape.size() - 2);
  if (t.rank() == 1) shape.resize(shape.size() - 1);  // "(3,)"
  shape += ")";
  std::string header = "{'descr': '" + descr_of(t.dtype()) + "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad with spaces so that the data starts at a multiple of 64, as np.save.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out(kMagic);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  out.append(reinterpret_cast<const char*>(t.raw()), t.nbytes());
  return out;
}

Tensor read_npy_file(const std::string& path, int64_t max_elements) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ValidationError("cannot open .npy file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return tensor_from_npy(ss.str(), path, max_elements);
}

void write_npy_file(const Tensor& t, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw ValidationError("cannot write .npy file '" + path + "'");
  out << tensor_to_npy(t);
  if (!out.flush()) throw ValidationError("failed to write '" + path + "'");
}

}  // namespace ptonnx
