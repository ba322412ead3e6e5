// The image target (issue 18): exact pixel sampling of a checked-in 16 x 16 PNG (chi-squared
// against its histogram), samples inside their pixels, file resolution and refusals.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "scene_errors.h"

#include "registry/registry.h"
#include "scene/scene_json.h"
#include "targets/gray_image.h"
#include "targets/image_target.h"
#include "targets/target.h"

using namespace driftlab;

namespace {

const std::string kData = std::string(DRIFTLAB_SOURCE_DIR) + "/tests/data/";

/// The value of pixel (x, y) of tests/data/test16.png (resources/images/make_images.py).
int test16(int x, int y) {
  return (x + y) % 4 ? ((3 * x + 5 * y) % 11) * 25 : 0;
}

/// Regularised upper incomplete gamma Q(a, x) (Numerical Recipes: series below a + 1,
/// Lentz's continued fraction above).
double upperGammaQ(double a, double x) {
  if (x <= 0.0) return 1.0;
  const double logPrefix = -x + a * std::log(x) - std::lgamma(a);
  if (x < a + 1.0) {
    double term = 1.0 / a, sum = term;
    for (int n = 1; n < 1000; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::abs(term) < std::abs(sum) * 1e-15) break;
    }
    return 1.0 - sum * std::exp(logPrefix);
  }
  double b = x + 1.0 - a, c = 1.0 / 1e-300, d = 1.0 / b, h = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (std::abs(c) < 1e-300) c = 1e-300;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1.0) < 1e-15) break;
  }
  return std::exp(logPrefix) * h;
}

/// P(chi2_dof > x).
double chiSquaredSurvival(double x, int dof) {
  return upperGammaQ(0.5 * dof, 0.5 * x);
}

std::unique_ptr<Target> imageTarget(const std::string& json) {
  const SceneConfig s = parseScene(json);
  return targets().require(s.targetName, "target.name").make(s.targetParams, s.dim);
}

}  // namespace

class TestImageTarget : public QObject {
  Q_OBJECT

 private slots:
  void survivalFunctionIsRight() {
    // Known values: P(chi2_1 > 3.841459) = 0.05, P(chi2_10 > 23.209251) = 0.01,
    // P(chi2_200 > 200) = 0.4867 (Wilson-Hilferty).
    QVERIFY(std::abs(chiSquaredSurvival(3.841459, 1) - 0.05) < 1e-6);
    QVERIFY(std::abs(chiSquaredSurvival(23.209251, 10) - 0.01) < 1e-6);
    QVERIFY(std::abs(chiSquaredSurvival(200.0, 200) - 0.4867) < 2e-3);
  }

  // Sampling reproduces the pixel histogram: Pearson chi-squared over the non-zero pixels with
  // dof = #nonzero - 1 at the 0.001 level (a correct sampler fails 1 run in 1000: the seed is
  // fixed, so the test is deterministic); zero pixels get no sample; each sample lies in the
  // interior of a pixel of the 16-unit box (size 16: one unit per pixel).
  void samplingReproducesTheHistogram() {
    const auto target = imageTarget(R"({"target": {"name": "image", "size": 16, "file": ")" +
                                    kData + R"(test16.png"}})");
    const Bounds b = target->bounds();
    QCOMPARE(b.lo, (std::vector<double>{-8.0, -8.0}));
    QCOMPARE(b.hi, (std::vector<double>{8.0, 8.0}));
    constexpr Eigen::Index kN = 200000;
    const PointSet y = sampleTarget(*target, kN, 42);
    std::vector<long> counts(256, 0);
    for (Eigen::Index i = 0; i < kN; ++i) {
      const double u = y(i, 0) + 8.0, v = 8.0 - y(i, 1);  // column, row (row 0 at the top)
      QVERIFY2(u > 0 && u < 16 && v > 0 && v < 16, "a sample outside the image's box");
      const int col = int(std::floor(u)), row = int(std::floor(v));
      // Inside the open square of its pixel (not on an edge shared with a zero pixel).
      QVERIFY(u > col && u < col + 1 && v > row && v < row + 1);
      ++counts[std::size_t(row * 16 + col)];
    }
    double total = 0.0;
    for (int r = 0; r < 16; ++r)
      for (int c = 0; c < 16; ++c) total += test16(c, r);
    double chi2 = 0.0;
    int nonzero = 0;
    for (int r = 0; r < 16; ++r)
      for (int c = 0; c < 16; ++c) {
        const long got = counts[std::size_t(r * 16 + c)];
        if (test16(c, r) == 0) {
          QVERIFY2(got == 0,
                   qPrintable(QString("zero pixel (%1, %2) got %3").arg(c).arg(r).arg(got)));
          continue;
        }
        const double expect = kN * test16(c, r) / total;
        chi2 += (got - expect) * (got - expect) / expect;
        ++nonzero;
      }
    const double p = chiSquaredSurvival(chi2, nonzero - 1);
    qInfo("image target: chi2 = %.1f, dof = %d, p = %.3f", chi2, nonzero - 1, p);
    QVERIFY2(p > 0.001,
             qPrintable(QString("chi2 %1 dof %2 p %3").arg(chi2).arg(nonzero - 1).arg(p)));
    QVERIFY(nonzero > 100);
  }

  // The longer side is `size` and the aspect ratio is kept (letters-dl.png is 192 x 128).
  void boxKeepsTheAspectRatio() {
    const auto target = imageTarget(R"({"target": {"name": "image", "file": "letters-dl.png",
                                                    "size": 9}})");
    const Bounds b = target->bounds();
    QCOMPARE(b.hi[0] - b.lo[0], 9.0);
    QCOMPARE(b.hi[1] - b.lo[1], 6.0);
    QCOMPARE(b.lo[0], -b.hi[0]);
  }

  void defaultIsAShippedImage() {
    const SceneConfig s = parseScene(R"({"target": {"name": "image"}})");
    QCOMPARE(s.targetParams.text("file"), std::string(kDefaultTargetImage));
    const auto target = targets().require("image", "").make(s.targetParams, 2);
    const PointSet y = sampleTarget(*target, 1000, 1);
    QVERIFY(y.allFinite());
    QVERIFY(y.cwiseAbs().maxCoeff() <= 3.0);  // size 6
    // Round trip keeps the name.
    QVERIFY(parseScene(sceneToJson(s)) == s);
  }

  // A relative file names a file beside the scene first (it becomes that file's path).
  void relativeFileResolvesBesideTheScene() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string folder = dir.path().toStdString();
    QVERIFY(QFile::copy(QString::fromStdString(kData + "test16.png"),
                        QString::fromStdString(folder + "/mine.png")));
    std::ofstream(folder + "/scene.json") << R"({"target": {"name": "image", "file": "mine.png"}})";
    const SceneConfig s = loadSceneFile(folder + "/scene.json");
    QVERIFY2(s.targetParams.text("file").ends_with("/mine.png"),
             s.targetParams.text("file").c_str());
    QVERIFY(std::filesystem::path(s.targetParams.text("file")).is_absolute());
    // Not beside a parsed text: the working directory, then the shipped images.
    QVERIFY(test::sceneError(R"({"target": {"name": "image", "file": "mine.png"}})")
                .startsWith("target.file: cannot read 'mine.png'"));
  }

  // Color becomes luminance (green > red > blue, white 1); alpha multiplies the density.
  void colorAndAlpha() {
    std::ifstream in(kData + "rgba3x2.png", std::ios::binary);
    const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                           std::istreambuf_iterator<char>());
    const GrayImage image = decodePngDensity(bytes.data(), bytes.size(), false);
    QCOMPARE(image.width, 3);
    QCOMPARE(image.height, 2);
    const std::vector<double>& v = image.values;
    qInfo("red %.3f green %.3f blue %.3f white %.3f half %.3f clear %.3f", v[0], v[1], v[2], v[3],
          v[4], v[5]);
    QVERIFY(v[1] > v[0] && v[0] > v[2] && v[2] > 0.0);
    QCOMPARE(v[3], 1.0);
    QVERIFY(std::abs(v[4] - 128.0 / 255.0) < 1.5 / 255.0);
    QCOMPARE(v[5], 0.0);
    const GrayImage inverted = decodePngDensity(bytes.data(), bytes.size(), true);
    QCOMPARE(inverted.values[3], 0.0);  // white is empty when dark = dense
    QCOMPARE(inverted.values[5], 0.0);  // transparent stays empty
  }

  void invertMakesDarkPixelsDense() {
    // All black: refused as is, a uniform density inverted.
    const std::string black = kData + "black8.png";
    const auto target =
        imageTarget(R"({"target": {"name": "image", "invert": true, "file": ")" + black + R"("}})");
    const PointSet y = sampleTarget(*target, 4000, 3);
    QVERIFY(std::abs(y.col(0).mean()) < 0.1 && std::abs(y.col(1).mean()) < 0.1);
  }

  void badFilesAreRefused_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("mentions");
    auto scene = [](const std::string& file) {
      return QString::fromStdString(R"({"target": {"name": "image", "file": ")" + file + R"("}})");
    };
    QTest::newRow("missing") << scene(kData + "no-such.png") << "target.file: cannot read"
                             << "smiley.png";
    QTest::newRow("not a png") << scene(kData + "not-a-png.png") << "target.file: '"
                               << "not a PNG file";
    QTest::newRow("all black") << scene(kData + "black8.png") << "target.file: '"
                               << "no non-black pixels";
    QTest::newRow("a folder") << scene(kData) << "target.file: cannot read"
                              << "PNG";
    QTest::newRow("empty") << scene("") << "target.file: cannot read ''"
                           << "PNG";
    QTest::newRow("not text") << R"({"target": {"name": "image", "file": 3}})"
                              << "target.file:"
                              << "file path";
    QTest::newRow("3D") << R"({"dim": 3, "target": {"name": "image"}})"
                        << "target.name:"
                        << "2D";
  }
  void badFilesAreRefused() { test::verifySceneErrorRow(); }
};

QTEST_APPLESS_MAIN(TestImageTarget)
#include "tst_image_target.moc"
