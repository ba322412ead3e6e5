// DriftLab point sprite (fragment stage). Inserted by PointSprite right after VTK's
// //VTK::Light::Impl, so gl_FragData[0] already holds the point's colour. Points are drawn
// as GL_POINTS of the actor's point size; gl_PointCoord spans the square sprite, and we keep
// a round disc, shaded like a small sphere lit from the upper left, with a darker rim so
// overlapping particles stay distinguishable.
{
  vec2 spriteCoord = 2.0 * gl_PointCoord - vec2(1.0);
  float spriteR2 = dot(spriteCoord, spriteCoord);
  if (spriteR2 > 1.0)
  {
    discard;
  }
  vec3 spriteNormal = vec3(spriteCoord.x, -spriteCoord.y, sqrt(1.0 - spriteR2));
  float spriteDiffuse = max(dot(spriteNormal, normalize(vec3(-0.4, 0.5, 0.75))), 0.0);
  vec3 spriteBase = gl_FragData[0].rgb * (0.55 + 0.45 * spriteDiffuse);
  float spriteGlint = pow(max(dot(spriteNormal, normalize(vec3(-0.3, 0.4, 1.0))), 0.0), 24.0);
  spriteBase += vec3(0.35 * spriteGlint);
  float spriteRim = smoothstep(0.70, 1.0, spriteR2);
  gl_FragData[0].rgb = mix(spriteBase, spriteBase * 0.30, spriteRim);
}
