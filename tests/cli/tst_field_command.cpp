// `driftlab field`: the velocity and closed-form Jacobian at the points of a CSV equal
// Simulation::fieldAt and jacobiansAtPoints after --steps K; bad inputs exit 2 with one line.
#include <QtTest>

#include "cli_process.h"
#include "engine/simulation.h"
#include "fields/field_jacobian.h"
#include "scene/scene_json.h"

using namespace driftlab;
using driftlab::test::CliResult;
using driftlab::test::runCli;
using driftlab::test::writeScene;

namespace {

const QString kScene = R"({"dim": 2, "particles": 150, "target": {"name": "8gaussians",
  "samples": 200}, "flow": {"name": "laplace", "bandwidth": 0.5, "normalisation": "joint"},
  "backend": "direct", "seed": 4})";

const QString kPoints = "x0,x1\n0.1,0.2\n-1.5,0.75\n2,-2\n\n";

QList<QList<double>> parseTable(const QString& text, QStringList& header) {
  QList<QList<double>> rows;
  const QStringList lines = text.split('\n', Qt::SkipEmptyParts);
  header = lines.value(0).split(',');
  for (int i = 1; i < lines.size(); ++i) {
    QList<double> row;
    for (const QString& cell : lines[i].split(',')) row.append(cell.toDouble());
    rows.append(row);
  }
  return rows;
}

QStringList entries(const QString& dir) {
  return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

}  // namespace

class TestFieldCommand : public QObject {
  Q_OBJECT

 private slots:
  // The CSV holds x, v = Simulation::fieldAt and J = jacobiansAtPoints (row-major) of the
  // scene after 3 steps, to 1e-12 relative (17 significant digits; the threads may differ).
  void valuesMatchSimulation() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kScene);
    const QString points = writeScene(dir, "p.csv", kPoints);
    const CliResult r = runCli({"field", scene, "--points", points, "--jacobian", "--steps", "3"});
    QCOMPARE(r.code, 0);
    QStringList header;
    const auto rows = parseTable(r.out, header);
    QCOMPARE(header, (QStringList{"x0", "x1", "v0", "v1", "J00", "J01", "J10", "J11"}));
    QCOMPARE(rows.size(), 3);

    Simulation sim(loadSceneFile(scene.toStdString()));
    for (int k = 0; k < 3; ++k) sim.step();
    PointSet q(3, 2);
    q << 0.1, 0.2, -1.5, 0.75, 2, -2;
    const PointSet v = sim.fieldAt(q);
    const FieldJacobians j =
        jacobiansAtPoints(sim.field(), {sim.particles(), sim.data(), 0, sim.backend()}, q);
    for (int i = 0; i < 3; ++i) {
      Eigen::RowVectorXd expected(8);
      expected << q.row(i), v.row(i), j.jacobian.row(i);
      for (int c = 0; c < 8; ++c)
        QVERIFY2(std::abs(rows[i][c] - expected[c]) <= 1e-12 * std::abs(expected[c]),
                 qPrintable(QString("row %1 col %2: %3 vs %4")
                                .arg(i)
                                .arg(header[c])
                                .arg(rows[i][c], 0, 'g', 17)
                                .arg(expected[c], 0, 'g', 17)));
    }
    // Without --jacobian: x and v only, the same v; with --out: the same bytes in the file.
    const CliResult plain = runCli({"field", scene, "--points", points, "--steps", "3"});
    QCOMPARE(plain.code, 0);
    QCOMPARE(plain.out.split('\n').front(), QString("x0,x1,v0,v1"));
    QCOMPARE(plain.out.split('\n').value(1).split(',').mid(0, 4),
             r.out.split('\n').value(1).split(',').mid(0, 4));
    const CliResult toFile = runCli({"field", scene, "--points", points, "--jacobian", "--steps",
                                     "3", "--out", dir.filePath("o.csv")});
    QCOMPARE(toFile.code, 0);
    QVERIFY(toFile.out.isEmpty());
    QFile f(dir.filePath("o.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()), r.out);
  }

  // Bad points files and options: exit 2, one line on stderr naming --points (and the column
  // or line), nothing on stdout, and no --out file left behind.
  void badInputExitsTwoWithOneLine_data() {
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wrong column") << "x0,y\n1,2\n"
                                  << "header column 2 is 'y'";
    QTest::newRow("too few columns") << "x0\n1\n"
                                     << "header lacks column x1";
    QTest::newRow("too many columns") << "x0,x1,x2\n1,2,3\n"
                                      << "header column 3 is 'x2'";
    QTest::newRow("not a number") << "x0,x1\n1,2\n3,abc\n"
                                  << "line 3, column x1: got 'abc'";
    QTest::newRow("nan") << "x0,x1\nnan,1\n"
                         << "line 2, column x0: got 'nan'";
    QTest::newRow("short row") << "x0,x1\n1\n"
                               << "line 2 has 1 values";
    QTest::newRow("empty cell") << "x0,x1\n1,\n"
                                << "line 2, column x1: got ''";
    QTest::newRow("empty file") << ""
                                << "empty file";
  }
  void badInputExitsTwoWithOneLine() {
    QFETCH(QString, csv);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kScene);
    const QString points = writeScene(dir, "p.csv", csv);
    const CliResult r =
        runCli({"field", scene, "--points", points, "--out", dir.filePath("o.csv")});
    QCOMPARE(r.code, 2);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.startsWith("driftlab field: --points: "), qPrintable(r.err));
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(entries(dir.path()), (QStringList{"p.csv", "s.json"}));
  }

  void badOptionsExitTwo() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kScene);
    const QString points = writeScene(dir, "p.csv", kPoints);
    for (const QStringList& args :
         {QStringList{"field", scene}, QStringList{"field", scene, "--points", "missing.csv"},
          QStringList{"field", scene, "--points", points, "--steps", "-1"},
          QStringList{"field", scene, "--points", points, "--bogus"},
          QStringList{"field", "--points", points}}) {
      const CliResult r = runCli(args);
      QCOMPARE(r.code, 2);
      QCOMPARE(r.err.count('\n'), 1);
      QVERIFY(r.out.isEmpty());
    }
  }
};

QTEST_GUILESS_MAIN(TestFieldCommand)
#include "tst_field_command.moc"
