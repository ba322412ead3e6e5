#pragma once
/// CaptionOverlay: the current scene's title and caption drawn in a box over the view (issue
/// 16). Presenter mode also uses it for a step counter, larger type and a black "blank" screen.
/// It never takes mouse or keyboard input: the view underneath keeps its interaction.
#include <QWidget>

namespace driftlab {
struct Snapshot;
}

namespace driftlab::ui {

/// "step 12", with the diffusion time for pf-ode ("step 12  t = 0.42", "(t_min reached)" at
/// the end): the status bar, presenter mode and recordings share it.
QString stepCaption(const Snapshot& snap);

class CaptionOverlay : public QWidget {
  Q_OBJECT
 public:
  explicit CaptionOverlay(QWidget* parent = nullptr);

  /// The scene's title (one line) and caption (a paragraph); both empty: nothing to show.
  void setText(const QString& title, const QString& caption);
  QString title() const { return m_title; }
  QString caption() const { return m_caption; }
  bool hasText() const { return !m_title.isEmpty() || !m_caption.isEmpty(); }

  /// Whether the title and caption box is wanted (the toggle key); drawn only with text.
  void setCaptionShown(bool shown);
  bool isCaptionShown() const { return m_captionShown; }
  /// A counter drawn in the bottom-right corner ("step 12"); empty: none.
  void setStepText(const QString& text);
  QString stepText() const { return m_stepText; }
  /// Blank: the whole view black (presenter mode's B key).
  void setBlanked(bool blanked);
  bool isBlanked() const { return m_blanked; }
  /// Type size relative to the application font (presenter mode: 1.6).
  void setScale(double scale);
  double scale() const { return m_scale; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  void refresh();
  void paintCaption(QPainter& p);
  void paintStep(QPainter& p);

  QString m_title, m_caption, m_stepText;
  bool m_captionShown = true;
  bool m_blanked = false;
  double m_scale = 1.0;
};

}  // namespace driftlab::ui
