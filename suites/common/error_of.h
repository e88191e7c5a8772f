// error_of<E>(f): the message `f` throws as E; the test fails when it
// throws nothing or another class. Shared by the unit and runtime tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace ptonnx::test {

template <typename E, typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an exception";
  return "";
}

}  // namespace ptonnx::test
