#include "cli/input_values.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <variant>
#include <vector>

#include "core/error.h"
#include "core/npy.h"
#include "core/tensor_proto.h"

namespace ptonnx::cli {
namespace {

// One inline scalar as written: its text, and what kind of literal it is.
struct Literal {
  std::string text;
  enum Kind { Bool, Integer, Real } kind;
};

// Nested lists of literals -> shape and flat values (C order).
class InlineParser {
 public:
  explicit InlineParser(std::string_view s) : s_(s) {}

  void parse(Shape& shape, std::vector<Literal>& values) {
    skip_space();
    std::optional<Shape> inner;
    if (peek() == '[') {
      shape = list(values);
    } else {
      values.push_back(literal());
      shape = {};
    }
    skip_space();
    if (pos_ != s_.size()) fail("unexpected '" + std::string(s_.substr(pos_, 10)) + "'");
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw ValidationError("inline values: " + why + " at character " + std::to_string(pos_ + 1));
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  // '[' items ']': every item a list of the same shape, or every item a
  // literal. Returns the shape of this list.
  Shape list(std::vector<Literal>& values) {
    if (++depth_ > 32) fail("lists nested deeper than 32");
    ++pos_;  // '['
    std::optional<Shape> item_shape;
    int64_t n = 0;
    skip_space();
    while (peek() != ']') {
      if (n > 0) {
        if (peek() != ',') fail("expected ',' or ']'");
        ++pos_;
        skip_space();
      }
      Shape s;
      if (peek() == '[') {
        s = list(values);
      } else {
        values.push_back(literal());
      }
      if (item_shape && *item_shape != s) fail("ragged lists (every row needs the same shape)");
      item_shape = s;
      ++n;
      skip_space();
    }
    ++pos_;  // ']'
    --depth_;
    Shape shape{n};
    if (item_shape) shape.insert(shape.end(), item_shape->begin(), item_shape->end());
    return shape;
  }
  Literal literal() {
    skip_space();
    const size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != ']' && s_[pos_] != '[' &&
           !std::isspace(static_cast<unsigned char>(s_[pos_])))
      ++pos_;
    std::string text(s_.substr(start, pos_ - start));
    if (text.empty()) fail("expected a value");
    std::string lower;
    for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "true" || lower == "false") return {lower, Literal::Bool};
    if (lower == "nan" || lower == "inf" || lower == "-inf" || lower == "+inf") return {lower, Literal::Real};
    const bool integer = text.find_first_not_of("+-0123456789") == std::string::npos;
    char* end = nullptr;
    errno = 0;
    (void)std::strtod(text.c_str(), &end);
    if (*end != '\0' || text == "+" || text == "-") fail("'" + text + "' is not a number, true, false, nan or inf");
    return {text, integer ? Literal::Integer : Literal::Real};
  }

  std::string_view s_;
  size_t pos_ = 0;
  int depth_ = 0;
};

DType default_dtype(const std::vector<Literal>& values) {
  bool all_bool = !values.empty(), any_real = false;
  for (const auto& v : values) {
    all_bool &= v.kind == Literal::Bool;
    any_real |= v.kind == Literal::Real;
  }
  return all_bool ? DType::Bool : any_real ? DType::Float64 : DType::Int64;
}

void store(Tensor& t, int64_t i, const Literal& v) {
  const DType d = t.dtype();
  const std::string where = "'" + v.text + "' as " + std::string(dtype_name(d));
  if (v.kind == Literal::Bool) {
    if (d != DType::Bool) throw ValidationError("inline values: " + where + ": true/false need dtype bool");
    t.set_from_double(i, v.text == "true" ? 1 : 0);
    return;
  }
  if (d == DType::Bool) {
    if (v.text != "0" && v.text != "1")
      throw ValidationError("inline values: " + where + ": bool takes true, false, 0 or 1");
    t.set_from_double(i, v.text == "1" ? 1 : 0);
    return;
  }
  if (is_float(d)) {
    const double x = v.text == "nan"                       ? std::numeric_limits<double>::quiet_NaN()
                     : v.text == "inf" || v.text == "+inf" ? std::numeric_limits<double>::infinity()
                     : v.text == "-inf"                    ? -std::numeric_limits<double>::infinity()
                                                           : std::strtod(v.text.c_str(), nullptr);
    if (d == DType::Float32) {
      t.data<float>()[static_cast<size_t>(i)] = static_cast<float>(x);  // rounds to nearest, as np.float32("...")
    } else {
      t.set_from_double(i, x);
    }
    return;
  }
  if (v.kind != Literal::Integer) throw ValidationError("inline values: " + where + ": not a whole number");
  errno = 0;
  char* end = nullptr;
  if (is_unsigned_integer(d)) {
    if (v.text[0] == '-') throw ValidationError("inline values: " + where + ": negative");
    const unsigned long long u = std::strtoull(v.text.c_str(), &end, 10);
    const uint64_t max =
        d == DType::UInt64 ? std::numeric_limits<uint64_t>::max() : (uint64_t{1} << (8 * dtype_size(d))) - 1;
    if (errno == ERANGE || u > max) throw ValidationError("inline values: " + where + ": out of range");
    if (d == DType::UInt64)
      t.data<uint64_t>()[static_cast<size_t>(i)] = u;
    else
      t.set_from_double(i, static_cast<double>(u));
    return;
  }
  const long long s = std::strtoll(v.text.c_str(), &end, 10);
  const int bits = 8 * static_cast<int>(dtype_size(d));
  const int64_t lo = bits == 64 ? std::numeric_limits<int64_t>::min() : -(int64_t{1} << (bits - 1));
  const int64_t hi = bits == 64 ? std::numeric_limits<int64_t>::max() : (int64_t{1} << (bits - 1)) - 1;
  if (errno == ERANGE || s < lo || s > hi) throw ValidationError("inline values: " + where + ": out of range");
  if (d == DType::Int64)
    t.data<int64_t>()[static_cast<size_t>(i)] = s;
  else
    t.set_from_double(i, static_cast<double>(s));
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Tensor read_file_value(const std::string& path, int64_t max_elements) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ValidationError("cannot open '" + path + "'");
  char head[6] = {};
  in.read(head, sizeof head);
  if (looks_like_npy(std::string_view(head, static_cast<size_t>(in.gcount()))))
    return read_npy_file(path, max_elements);
  if (ends_with(path, ".npy")) throw ValidationError("'" + path + "' is named .npy but is not a .npy file");
  return read_tensor_proto_file(path, max_elements);
}

}  // namespace

Tensor parse_input_value(const std::string& value, int64_t max_elements) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(value, ec)) return read_file_value(value, max_elements);
  if (ends_with(value, ".npy") || ends_with(value, ".pb")) throw ValidationError("no file '" + value + "'");
  // Inline values, with an optional :DTYPE after the last ']' or the scalar.
  std::string values = value;
  std::optional<DType> dtype;
  if (const size_t colon = value.rfind(':');
      colon != std::string::npos && value.find(']', colon) == std::string::npos) {
    const std::string name = value.substr(colon + 1);
    dtype = dtype_from_name(name);
    if (!dtype)
      throw ValidationError("unknown dtype '" + name +
                            "' (bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float16, float32, "
                            "float64)");
    values = value.substr(0, colon);
  }
  Shape shape;
  std::vector<Literal> literals;
  InlineParser(values).parse(shape, literals);
  if (static_cast<int64_t>(literals.size()) > max_elements)
    throw LimitError("inline values: " + std::to_string(literals.size()) + " elements exceed the limit");
  Tensor t(dtype.value_or(default_dtype(literals)), shape);
  for (size_t i = 0; i < literals.size(); ++i) store(t, static_cast<int64_t>(i), literals[i]);
  return t;
}

std::pair<std::string, Tensor> parse_input_option(const std::string& option, int64_t max_elements) {
  const auto eq = option.find('=');
  if (eq == std::string::npos || eq == 0)
    throw ValidationError("--input expects NAME=FILE.npy, NAME=FILE.pb or NAME=[values]:dtype, got '" + option + "'");
  // Messages quote the option whole (a file path) unless it is long inline data.
  const std::string where = "--input " + (option.size() <= 160 ? option : option.substr(0, eq));
  try {
    return {option.substr(0, eq), parse_input_value(option.substr(eq + 1), max_elements)};
  } catch (const LimitError& e) {
    throw LimitError(where + ": " + e.what());
  } catch (const Error& e) {
    throw ValidationError(where + ": " + e.what());
  }
}

}  // namespace ptonnx::cli
