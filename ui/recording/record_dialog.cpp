#include "recording/record_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <cmath>

#include "recording/frame_sink.h"

namespace driftlab::ui {

namespace {

const char* formatLabel(const std::string& f) {
  if (f == "mp4") return "MP4 (H.264)";
  if (f == "webm") return "WebM (VP9)";
  if (f == "gif") return "GIF (for slides)";
  if (f == "ogv") return "Ogg/Theora";
  return "PNG frames (a folder)";
}

QString withExtension(QString path, const QString& format) {
  const QFileInfo info(path);
  const QString base = info.path() + "/" + info.completeBaseName();
  return format == "png" ? base : base + "." + format;
}

}  // namespace

RecordDialog::RecordDialog(const RecordSettings& s, const QString& target, QSize viewSize,
                           std::int64_t sceneSteps, QWidget* parent)
    : QDialog(parent), m_sceneSteps(sceneSteps), m_viewSize(viewSize) {
  setWindowTitle(tr("Record"));
  setObjectName("record.dialog");
  auto* form = new QFormLayout;

  m_format = new QComboBox(this);
  m_format->setObjectName("record.format");
  const bool ffmpeg = !ffmpegProgram().isEmpty();
  auto* model = qobject_cast<QStandardItemModel*>(m_format->model());
  for (const std::string& f : recordFormats()) {
    m_format->addItem(tr(formatLabel(f)), QString::fromStdString(f));
    if (!ffmpeg && (f == "mp4" || f == "webm" || f == "gif")) {
      QStandardItem* item = model->item(m_format->count() - 1);
      item->setEnabled(false);
      item->setToolTip(tr("needs the ffmpeg program (Debian package ffmpeg)"));
    }
  }
  form->addRow(tr("Format"), m_format);

  m_size = new QComboBox(this);
  m_size->setObjectName("record.size");
  for (QSize size : {QSize(1920, 1080), QSize(1280, 720), QSize(854, 480),
                     QSize(viewSize.width() / 2 * 2, viewSize.height() / 2 * 2)})
    m_size->addItem(QString("%1 x %2").arg(size.width()).arg(size.height()), size);
  m_size->setItemText(3, m_size->itemText(3) + tr(" (the view)"));
  m_size->setCurrentIndex(std::max(0, m_size->findData(QSize(s.width, s.height))));
  form->addRow(tr("Frame size"), m_size);

  m_fps = new QDoubleSpinBox(this);
  m_fps->setObjectName("record.fps");
  m_fps->setRange(1, 120);
  m_fps->setDecimals(0);
  m_fps->setValue(s.fps);
  form->addRow(tr("Frames per second"), m_fps);

  m_stepsPerFrame = new QSpinBox(this);
  m_stepsPerFrame->setObjectName("record.steps_per_frame");
  m_stepsPerFrame->setRange(1, 1000000);
  m_stepsPerFrame->setValue(int(s.stepsPerFrame));
  form->addRow(tr("Steps per frame"), m_stepsPerFrame);

  auto* duration = new QHBoxLayout;
  m_duration = new QSpinBox(this);
  m_duration->setObjectName("record.duration");
  m_duration->setRange(0, 100000000);
  m_durationUnit = new QComboBox(this);
  m_durationUnit->addItems({tr("steps"), tr("seconds")});
  if (s.seconds > 0) {
    m_durationUnit->setCurrentIndex(1);
    m_duration->setValue(int(std::lround(s.seconds)));
  } else {
    m_duration->setValue(int(s.steps >= 0 ? s.steps : sceneSteps));
  }
  duration->addWidget(m_duration);
  duration->addWidget(m_durationUnit);
  form->addRow(tr("Duration"), duration);

  m_curves = new QComboBox(this);
  m_curves->setObjectName("record.curves");
  m_curves->addItem(tr("no curves"), "none");
  m_curves->addItem(tr("curves right of the view"), "right");
  m_curves->addItem(tr("curves below the view"), "below");
  m_curves->setCurrentIndex(std::max(0, m_curves->findData(QString::fromStdString(s.curves))));
  form->addRow(tr("Curves"), m_curves);
  m_caption = new QCheckBox(tr("caption line (flow, h, N, M, step, time)"), this);
  m_caption->setChecked(s.caption);
  m_progress = new QCheckBox(tr("progress bar"), this);
  m_progress->setChecked(s.progress);
  m_endCard = new QCheckBox(tr("end card (final numbers)"), this);
  m_endCard->setChecked(s.endCard);
  form->addRow(tr("Frame holds"), m_caption);
  form->addRow(QString(), m_progress);
  form->addRow(QString(), m_endCard);
  m_title = new QLineEdit(QString::fromStdString(s.title), this);
  m_title->setPlaceholderText(tr("no title card"));
  form->addRow(tr("Title card"), m_title);

  auto* out = new QHBoxLayout;
  m_target = new QLineEdit(target, this);
  m_target->setObjectName("record.target");
  auto* browseButton = new QPushButton(tr("Browse..."), this);
  out->addWidget(m_target);
  out->addWidget(browseButton);
  form->addRow(tr("Output"), out);

  m_summary = new QLabel(this);
  m_summary->setObjectName("record.summary");
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Record"));
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_summary);
  layout->addWidget(buttons);

  m_format->setCurrentIndex(std::max(0, m_format->findData(QString::fromStdString(s.format))));
  if (!model->item(m_format->currentIndex())->isEnabled())
    m_format->setCurrentIndex(m_format->findData("ogv"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(browseButton, &QPushButton::clicked, this, &RecordDialog::browse);
  connect(m_format, &QComboBox::currentIndexChanged, this, &RecordDialog::formatChanged);
  for (QSpinBox* box : {m_stepsPerFrame, m_duration})
    connect(box, &QSpinBox::valueChanged, this, &RecordDialog::updateSummary);
  connect(m_fps, &QDoubleSpinBox::valueChanged, this, &RecordDialog::updateSummary);
  connect(m_durationUnit, &QComboBox::currentIndexChanged, this, &RecordDialog::updateSummary);
  formatChanged();
}

RecordSettings RecordDialog::settings() const {
  RecordSettings s;
  s.format = m_format->currentData().toString().toStdString();
  const QSize size = m_size->currentData().toSize();
  s.width = size.width();
  s.height = size.height();
  s.fps = m_fps->value();
  s.stepsPerFrame = m_stepsPerFrame->value();
  if (m_durationUnit->currentIndex() == 1) {
    s.seconds = m_duration->value();
  } else {
    s.steps = m_duration->value();
  }
  s.curves = m_curves->currentData().toString().toStdString();
  s.caption = m_caption->isChecked();
  s.progress = m_progress->isChecked();
  s.endCard = m_endCard->isChecked();
  s.title = m_title->text().toStdString();
  return s;
}

QString RecordDialog::target() const {
  return m_target->text();
}

void RecordDialog::formatChanged() {
  const QString format = m_format->currentData().toString();
  if (!m_target->text().isEmpty()) m_target->setText(withExtension(m_target->text(), format));
  updateSummary();
}

void RecordDialog::updateSummary() {
  const RecordSettings s = settings();
  const std::int64_t frames = totalFrames(s, m_sceneSteps);
  m_summary->setText(tr("%1 frames, %2 s of video, %3 simulation steps")
                         .arg(frames)
                         .arg(double(frames) / s.fps, 0, 'f', 1)
                         .arg(recordedSteps(s, m_sceneSteps)));
}

void RecordDialog::browse() {
  const QString format = m_format->currentData().toString();
  const QString path =
      format == "png"
          ? QFileDialog::getExistingDirectory(this, tr("Folder for the PNG frames"))
          : QFileDialog::getSaveFileName(this, tr("Record to"), m_target->text(),
                                         QString("%1 (*.%2)").arg(format.toUpper(), format));
  if (!path.isEmpty()) m_target->setText(format == "png" ? path + "/frames" : path);
}

}  // namespace driftlab::ui
