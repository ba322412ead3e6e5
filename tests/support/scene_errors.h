#pragma once
/// Scene-reader tests: the message of the InputError a scene text raises.
#include <QString>
#include <string>

#include "base/input_error.h"
#include "scene/scene_json.h"

namespace driftlab::test {

/// The message of the InputError that parseScene(json) throws ("" if it parses).
inline QString sceneError(const std::string& json) {
  try {
    parseScene(json);
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace driftlab::test
