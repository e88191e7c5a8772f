// Every `ptonnx` command turns bad input into a message naming the file,
// node, op or field and a documented exit code (cli/errors.h), never an
// abort: issue 20's hand-made bad inputs, pinned. Runs ptonnx_fuzz_demo,
// which is the `ptonnx` command plus test-only ops.
#include <gtest/gtest.h>
#include <onnx/defs/parser.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "suites/common/cli_run.h"

namespace fs = std::filesystem;

namespace {

using ptonnx::test::CliRun;
CliRun run(const std::string& args) { return ptonnx::test::run_cli(args); }

std::string dir() {
  static const std::string d = [] {
    const std::string p = std::string(PTONNX_FUZZ_TEST_DIR) + "/exit-codes";
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
  }();
  return d;
}

std::string write(const std::string& name, const std::string& bytes) {
  const std::string path = dir() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string write_model(const std::string& name, const std::string& text) {
  onnx::ModelProto m;
  EXPECT_TRUE(onnx::OnnxParser::Parse(m, text.c_str()).IsOK()) << text;
  return write(name, m.SerializeAsString());
}

const char* kNeg = R"(<ir_version: 8, opset_import: ["" : 17]> g (double[N] x) => (double[N] y) { y = Neg(x) })";

#define EXPECT_RUN(args, code, part)                                                   \
  do {                                                                                 \
    const CliRun r_ = run(args);                                                       \
    EXPECT_EQ(r_.status, code) << (args) << "\n" << r_.output;                         \
    EXPECT_NE(r_.output.find(part), std::string::npos) << (args) << "\n" << r_.output; \
  } while (0)

TEST(CliExitCodes, RunRefusesBadModelsAndInputs) {
  EXPECT_RUN("run " + write("empty.onnx", ""), 1, "model bytes are empty (0 bytes)");
  EXPECT_RUN("run " + write("junk.onnx", "\xff\xff\xff\xff"), 1, "junk.onnx: model bytes are not a valid ONNX");
  const std::string neg = write_model("neg.onnx", kNeg);
  // 10 bytes claiming 2^31 float64 elements: refused before allocating.
  onnx::TensorProto p;
  p.set_data_type(onnx::TensorProto::DOUBLE);
  p.add_dims(int64_t{1} << 31);
  const std::string huge = write("huge.pb", p.SerializeAsString());
  // Over the element limit of the run (2^28): a resource limit, at once.
  EXPECT_RUN("run " + neg + " --input x=" + huge, 3, "--input x=" + huge + ": tensor: 2147483648 elements exceed");
  // Under it, the claim is compared with the payload before allocating.
  p.set_dims(0, int64_t{1} << 27);
  EXPECT_RUN("run " + neg + " --input x=" + write("short.pb", p.SerializeAsString()), 1,
             "tensor: typed field holds 0 values, expected 134217728");
  EXPECT_RUN("run " + neg + " --input x=" + dir() + "/missing.pb", 1, "no file '");
  EXPECT_RUN("run " + neg + " --input x", 1, "--input expects NAME=FILE.npy, NAME=FILE.pb or NAME=[values]:dtype");
}

TEST(CliExitCodes, RunUnwritableOutputIsAFileError) {
  const std::string neg = write_model("neg2.onnx", kNeg);
  onnx::TensorProto x;
  x.set_data_type(onnx::TensorProto::DOUBLE);
  x.add_dims(1);
  x.add_double_data(2);
  const std::string in = write("x.pb", x.SerializeAsString());
  // A directory below a regular file: create_directories throws
  // filesystem_error, which used to abort.
  EXPECT_RUN("run " + neg + " --input x=" + in + " --output-dir " + in + "/out", 1, "file error");
  EXPECT_RUN("run " + neg + " --input x=" + in, 0, "y: float64[1] [-2]");
}

TEST(CliExitCodes, RunMaxMemoryIsTheRunBudget) {
  const std::string cos = write_model("cos.onnx", R"(<ir_version: 8, opset_import: ["" : 17]>
    g () => (double[N, M] y) { n = Constant<value = int64[2] {16384, 16384}>() y = ConstantOfShape(n) })");
  // 2^28 float32 zeros (ConstantOfShape's default value), 1 GiB: refused
  // before allocating under a 512 MiB budget.
  EXPECT_RUN("run " + cos + " --max-memory 512M", 3, "resource limit");
  EXPECT_RUN("run " + cos + " --max-memory 2X", 2, "--max-memory expects a positive byte count");
  EXPECT_RUN("run " + cos + " --max-memory -1", 2, "--max-memory");
  EXPECT_RUN("run " + cos + " --max-memory 0", 2, "--max-memory");
}

TEST(CliExitCodes, ReplayRefusesMalformedBundles) {
  fs::create_directories(dir() + "/array");
  write("array/case.json", "[1, 2]");
  EXPECT_RUN("replay " + dir() + "/array", 2, "holds a JSON array, not an object");
  fs::create_directories(dir() + "/opset");
  write("opset/case.json", R"({"kind": "crash", "opset": "17"})");
  EXPECT_RUN("replay " + dir() + "/opset", 2, "field \"opset\" has the wrong type");
  EXPECT_RUN("replay " + dir() + "/nothing", 2, "is not a repro bundle");
}

TEST(CliExitCodes, FuzzRefusesWrappingSeedsAndZeroCases) {
  const std::string out = " --out " + dir() + "/fuzz-out";
  EXPECT_RUN("fuzz --op Add --seed -1" + out, 2, "--seed expects an integer in 0..18446744073709551615, got '-1'");
  EXPECT_RUN("fuzz --op Add --seed 18446744073709551616" + out, 2, "--seed expects an integer");
  EXPECT_RUN("fuzz --op Add --cases 0" + out, 2, "--cases must be at least 1, got 0");
  EXPECT_RUN("fuzz --op Add --seconds -3" + out, 2, "--seconds must be >= 0");
}

TEST(CliExitCodes, ExportNamesTheField) {
  const std::string g = write("neg_dim.json", R"({"format": "ptonnx-graph", "version": 1,
    "variables": [{"id": 0, "kind": "input", "type": {"dtype": "float64", "shape": [-5]}}],
    "nodes": [], "inputs": [0], "outputs": [0]})");
  EXPECT_RUN("export " + g + " -o " + dir() + "/m.onnx", 1,
             "variable 0: \"type\": \"shape\"[0] is a negative dim (-5)");
  const std::string t = write("bad_type.json", R"({"format": "ptonnx-graph", "version": 1,
    "variables": [{"id": 0, "kind": "input", "type": {"dtype": "float64", "shape": ["3"]}}],
    "nodes": [], "inputs": [0], "outputs": [0]})");
  EXPECT_RUN("export " + t + " -o " + dir() + "/m.onnx", 1, "\"shape\"[0] must be an int64 integer, got string");
  EXPECT_RUN("export " + write("list.json", "[]") + " -o " + dir() + "/m.onnx", 1, "the file holds a JSON array");
}

TEST(CliExitCodes, UsageErrorsAndHelp) {
  EXPECT_RUN("run", 2, "model is required");
  EXPECT_RUN("frobnicate", 2, "A subcommand is required");
  EXPECT_RUN(std::string("run ") + PTONNX_FUZZ_DEMO + " --frobnicate", 2, "--frobnicate");
  EXPECT_RUN("--help", 0, "Exit codes: 0 ok; 1 the command failed");
}

// ptonnx --version names the version and the commit; ptonnx ops lists the
// catalog, shows one op, and names near misses for an unknown one.
TEST(CliExitCodes, VersionAndOps) {
  EXPECT_RUN("--version", 0, "ptonnx 0.");
  EXPECT_RUN("--version", 0, "(commit ");
  EXPECT_RUN("ops", 0, "`ptonnx ops NAME` for one op's");
  EXPECT_RUN("ops --group tier1", 0, "Add                     tier1     yes  yes   yes    yes  yes");
  EXPECT_RUN("ops Softmax", 0, "attribute:    axis (ints, optional)");
  EXPECT_RUN("ops Eig", 0, "[onnx_cannot_express]");
  EXPECT_RUN("ops softmax", 1, "no op \"softmax\" in the catalog (did you mean Softmax, LogSoftmax?)");
  EXPECT_RUN("ops Add --group nonsense", 1, "--group must be tier1..tier5, cnn or extended");
}

// A one-node graph file: y = OP(x), x float64 of unknown shape [?].
std::string one_node_graph(const std::string& name, const std::string& op) {
  return write(name, R"({"format": "ptonnx-graph", "version": 1, "floatX": "float64", "variables": [
    {"id": 0, "kind": "input", "name": "x", "type": {"dtype": "float64", "shape": [null]}},
    {"id": 1, "kind": "intermediate", "name": "y", "type": {"dtype": "float64", "shape": [null]}}],
    "nodes": [{"op": ")" + op + R"(", "attrs": {}, "inputs": [0], "outputs": [1]}], "inputs": [0], "outputs": [1]})");
}

// export --text needs no -o and shows what the graph text alone does not:
// the opset imported and each initializer's values. fuzz --quiet prints
// failures and the summary only.
TEST(CliExitCodes, ExportTextAndFuzzQuiet) {
  const std::string g = write("add_const.json", R"({"format": "ptonnx-graph", "version": 1, "floatX": "float64",
    "variables": [{"id": 0, "kind": "input", "name": "x", "type": {"dtype": "float32", "shape": [null]}},
    {"id": 1, "kind": "constant", "type": {"dtype": "float32", "shape": [2]},
     "value": {"dtype": "float32", "shape": [2], "hex": "0000c03f000080bf"}},
    {"id": 2, "kind": "intermediate", "name": "y", "type": {"dtype": "float32", "shape": [2]}}],
    "nodes": [{"op": "Add", "attrs": {}, "inputs": [0, 1], "outputs": [2]}], "inputs": [0], "outputs": [2]})");
  EXPECT_RUN("export " + g + " --text --opset 15", 0, "opset_import: [\"\" : 15]");
  EXPECT_RUN("export " + g + " --text", 0, ": float32[2] [1.5, -1]");
  EXPECT_RUN("export " + g + " --text", 0, "y = Add(x, ");
  EXPECT_FALSE(fs::exists(dir() + "/add_const.onnx"));
  EXPECT_RUN("export " + g, 2, "nothing to do: give -o MODEL.onnx to write the model, --text to print it, or both");
  const std::string out = " --out " + dir() + "/quiet-out";
  const CliRun quiet = run("fuzz --op Neg --opset 17 --dtype float64 --cases 5 --quiet" + out);
  EXPECT_EQ(quiet.status, 0) << quiet.output;
  EXPECT_EQ(quiet.output.find("pass Neg"), std::string::npos) << quiet.output;
  EXPECT_NE(quiet.output.find("fuzz: 1 properties, 5 cases, 0 failing"), std::string::npos) << quiet.output;
  EXPECT_RUN("fuzz --op Neg --opset 17 --dtype float64 --cases 5" + out, 0, "pass Neg float64 opset 17 (5 cases)");
  EXPECT_RUN("fuzz --op BrokenRound --opset 17 --dtype float64 --quiet" + out, 1, "shrunk case:");
}

// Inputs a user can make (issue 19): .npy files and inline values, outputs
// back as .npy; `check` runs the differential check on the user's graph.
TEST(CliExitCodes, NpyAndInlineInputsAndCheck) {
  const std::string neg = one_node_graph("neg.json", "Neg");
  EXPECT_RUN("check " + neg + " --input 'x=[1, 2.5, -0.0]'", 0, "opset 17: pass");
  EXPECT_RUN("check " + neg + " --input 'x=[1, 2.5, -0.0]' --all-opsets --signed-zero", 0, "opset 18: pass");
  EXPECT_RUN("check " + neg + " --input 'x=[1, 2.5]' --all-opsets", 0, "y actual (runtime):   float64[2] [-1, -2.5]");
  // The planted bug of ptonnx_fuzz_demo: Round (half to even) for round-half-away.
  const std::string broken = one_node_graph("broken.json", "BrokenRound");
  EXPECT_RUN("check " + broken + " --input 'x=[0.5, 1.5, 2.5]'", 1, "opset 17: mismatch");
  EXPECT_RUN("check " + broken + " --input 'x=[1.0, 2.0]'", 0, "opset 17: pass");
  EXPECT_RUN("check " + neg, 1, "no --input for graph input 'x' (float64[?])");
  EXPECT_RUN("check " + neg + " -i 'x=[1]' -i y=2", 1, "--input y: the graph has no such input (its inputs are: x)");
  EXPECT_RUN("check " + neg + " -i 'x=[[1],[2, 3]]'", 1, "ragged lists");
  EXPECT_RUN("check " + neg + " -i 'x=[1, 2]:float128'", 1, "unknown dtype 'float128'");
  EXPECT_RUN("check " + neg + " -i 'x=[300]:int8'", 1, "'300' as int8: out of range");
  EXPECT_RUN("check " + neg + " -i 'x=[1, 2]:int64'", 1, "dtype");
  // run: an inline input in, a .npy output out, and that .npy back in.
  const std::string model = dir() + "/neg.onnx";
  EXPECT_RUN("export " + neg + " -o " + model, 0, "");
  const std::string out = dir() + "/npy-out";
  EXPECT_RUN("run " + model + " -i 'x=[1.5, -2, nan]' -o " + out + " --npy", 0, "y -> " + out + "/y.npy");
  EXPECT_RUN("run " + model + " -i x=" + out + "/y.npy", 0, "y: float64[3] [1.5, -2, nan]");
  EXPECT_RUN("run " + model + " -i x=" + write("bad.npy", std::string("\x93NUMPY\x01\x00\x04\x00{}  ", 14)), 1,
             "not a valid .npy header (the header lacks 'descr'");
  EXPECT_RUN("run " + model + " -i x=" + write("short.npy", "\x93NUMPY\x01"), 1, "truncated .npy header");
  EXPECT_RUN("run " + model + " -i x=missing.npy", 1, "no file 'missing.npy'");
}

}  // namespace
