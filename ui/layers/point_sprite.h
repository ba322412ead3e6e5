#pragma once
/// Round point sprites drawn by DriftLab's own GLSL (shaders/point_sprite.glsl, embedded at
/// build time): the actor's vertices are rasterised as GL_POINTS of the property's point size
/// and the fragment snippet turns each square into a shaded disc.
class vtkActor;

namespace driftlab::ui {

/// Installs the sprite shader on `actor` and sets its point size in pixels.
void usePointSprites(vtkActor* actor, double sizePixels);

}  // namespace driftlab::ui
