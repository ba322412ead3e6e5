#pragma once
/// Scene-reader tests: the message of the InputError a scene text raises.
#include <QString>
#include <QtTest>
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

/// Qt Test body for rows (json, prefix, mentions): the error is one line, starts with
/// `prefix` and contains `mentions`.
inline void verifySceneErrorRow() {
  QFETCH(QString, json);
  QFETCH(QString, prefix);
  QFETCH(QString, mentions);
  const QString e = sceneError(json.toStdString());
  QVERIFY2(e.startsWith(prefix), qPrintable(e));
  QVERIFY2(e.contains(mentions), qPrintable(e));
  QVERIFY2(!e.contains('\n'), qPrintable(e));
}

}  // namespace driftlab::test
