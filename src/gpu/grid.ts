/**
 * Splits `invocations` threads into a 2-D grid of workgroups that fits
 * `maxComputeWorkgroupsPerDimension`. Kernels recover the flat index as
 * `id.x + id.y * num_workgroups.x * WORKGROUP_SIZE` and return past the end.
 */
export function workgroupGrid(
  invocations: number,
  workgroupSize: number,
  maxPerDimension: number,
): [number, number] {
  const groups = Math.ceil(invocations / workgroupSize);
  if (groups <= maxPerDimension) return [Math.max(1, groups), 1];
  const y = Math.ceil(groups / maxPerDimension);
  if (y > maxPerDimension) {
    throw new Error(
      `workgroupGrid: ${invocations} invocations need more than ${maxPerDimension}^2 workgroups of ${workgroupSize}; chunk the work`,
    );
  }
  return [Math.ceil(groups / y), y];
}
