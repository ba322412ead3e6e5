// `driftlab compare`: the table's rows, its CSV, and bad input (one line, exit 2, no file).
#include <QtTest>

#include "cli_process.h"

using driftlab::test::runCli;

namespace {
QString scenePath(const char* name) {
  return QString(DRIFTLAB_SOURCE_DIR) + "/resources/scenes/" + name;
}
}  // namespace

class TestCompareCommand : public QObject {
  Q_OBJECT

 private slots:
  void tableHasOneRowPerSceneAndTarget() {
    QTemporaryDir dir;
    const QString csv = dir.filePath("cmp.csv");
    const auto r = runCli({"compare", scenePath("default.json"), scenePath("mmd-8gaussians.json"),
                           "--targets", "8gaussians,25gaussians", "--steps", "20", "--particles",
                           "300", "--samples", "600", "--csv", csv});
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2 + 4);
    QVERIFY(lines[2].contains("| default.json | conservative | 8gaussians | 20 |"));
    QVERIFY(lines[5].contains("| mmd-8gaussians.json | mmd | 25gaussians | 20 |"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList rows = QString(f.readAll()).trimmed().split('\n');
    QCOMPARE(rows.size(), 5);
    for (int i = 1; i < rows.size(); ++i) {
      const QStringList c = rows[i].split(',');
      QCOMPARE(c.size(), 9);
      // sliced_w2 falls in 20 steps of either flow on either target; coverage in [0, 1].
      QVERIFY(c[5].toDouble() < c[4].toDouble());
      QVERIFY(c[6].toDouble() >= 0.0 && c[6].toDouble() <= 1.0);
      QVERIFY(c[8].toDouble() > 0.0);
    }
  }

  void badInputIsOneLineAndWritesNothing() {
    QTemporaryDir dir;
    const QString csv = dir.filePath("cmp.csv");
    for (const QStringList& args :
         {QStringList{"compare", scenePath("default.json"), "--targets", "nope", "--csv", csv},
          QStringList{"compare", "--steps", "3"},
          QStringList{"compare", scenePath("default.json"), "--particles", "0", "--csv", csv}}) {
      const auto r = runCli(args);
      QCOMPARE(r.code, 2);
      QCOMPARE(r.err.trimmed().count('\n'), 0);
      QVERIFY(r.err.startsWith("driftlab compare: "));
      QVERIFY(!QFile::exists(csv));
    }
  }
};

QTEST_GUILESS_MAIN(TestCompareCommand)
#include "tst_compare_command.moc"
