/**
 * One standalone SVG document from several charts (each a document of SvgSurface): stacked
 * in a column, each chart's clip ids made unique. Used by the figures' `svg()`.
 */
export function stackSvgs(svgs: readonly string[], gap = 8): string | undefined {
  if (svgs.length === 0) return undefined;
  if (svgs.length === 1) return svgs[0];
  let y = 0;
  let width = 0;
  const parts = svgs.map((svg, i) => {
    const w = Number(/\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    const h = Number(/\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    const inner = svg
      .trim()
      .replace(/id="clip/g, `id="c${i}-clip`)
      .replace(/url\(#clip/g, `url(#c${i}-clip`)
      .replace(/^<svg /, `<svg x="0" y="${y}" `);
    y += h + gap;
    width = Math.max(width, w);
    return inner;
  });
  const height = y - gap;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n` +
    parts.join('\n') +
    '\n</svg>\n'
  );
}
