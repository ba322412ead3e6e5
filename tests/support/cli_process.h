#pragma once
/// Runs the `driftlab` executable (DRIFTLAB_CLI) for the CLI tests.
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace driftlab::test {

struct CliResult {
  int code = -1;
  QString out, err;
};

/// Runs `driftlab args...` to completion (at most 5 minutes). A process that cannot start or
/// crashes reports code -1, so no test mistakes it for success.
inline CliResult runCli(const QStringList& args) {
  QProcess p;
  p.start(DRIFTLAB_CLI, args);
  const bool finished = p.waitForFinished(300000);
  const bool normal = finished && p.exitStatus() == QProcess::NormalExit;
  return {normal ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

/// Writes `json` to `name` in `dir` and returns its path.
inline QString writeScene(const QTemporaryDir& dir, const QString& name, const QString& json) {
  const QString path = dir.filePath(name);
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(json.toUtf8());
  return path;
}

}  // namespace driftlab::test
